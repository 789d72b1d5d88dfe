// common.cpp: shared helpers of the workspace commands (common.h).
#include "common.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <ostream>
#include <utility>

#include "core/io/load.h"
#include "core/io/save.h"

namespace qd::cli {

// ---- usage ----------------------------------------------------------------------------------------

int BadUsage(std::string_view command, std::string_view message, std::ostream& err)
{
    err << "quotedesk " << command << ": " << message << "\n";
    return ExitBadUsage;
}

bool ParseCommandLine(std::string_view command, const std::vector<std::string>& argv,
                      const std::vector<std::string>& valued, const std::vector<std::string>& switches, Args& out,
                      std::ostream& err)
{
    std::string error;
    if (!ParseArgs(argv, valued, switches, out, error)) {
        BadUsage(command, error, err);
        return false;
    }
    if (out.files.empty()) {
        BadUsage(command, "no file given", err);
        return false;
    }
    return true;
}

namespace {

std::string_view Trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

bool ParseIdList(std::string_view text, std::vector<std::string>& ids, std::string& error)
{
    ids.clear();
    if (Trim(text).empty()) {
        error = "expected one or more ids separated by commas";
        return false;
    }
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = text.find(',', start);
        const std::string_view id =
            Trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (id.empty()) {
            error = "empty id in the list \"" + std::string(text) + "\"";
            return false;
        }
        ids.emplace_back(id);
        if (comma == std::string_view::npos) return true;
        start = comma + 1;
    }
}

bool ParseWholeNumber(std::string_view text, int64_t min, int64_t max, int64_t& value)
{
    if (text.empty() || text.front() == '-' || text.front() == '+') return false;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && ptr == end && value >= min && value <= max;
}

bool ParseFormat(const Args& args, std::vector<Format> allowed, Format& format, std::string& error)
{
    static constexpr std::pair<std::string_view, Format> kNames[] = {
        {"text", Format::Text}, {"json", Format::Json}, {"csv", Format::Csv}};
    const std::string given = args.get("format", "text");
    std::string choices;
    for (const auto& [name, f] : kNames) {
        if (std::find(allowed.begin(), allowed.end(), f) == allowed.end()) continue;
        if (given == name) {
            format = f;
            return true;
        }
        choices += (choices.empty() ? "" : "|") + std::string(name);
    }
    error = "--format expects " + choices + ", got " + given;
    return false;
}

// ---- workspace in and out ---------------------------------------------------------------------------

int LoadInputs(const std::vector<std::string>& files, Workspace& ws, std::ostream& err)
{
    std::vector<std::pair<std::string, std::string>> inputs;
    inputs.reserve(files.size());
    int exit = ExitDone;
    for (const std::string& file : files) {
        std::string text, error;
        if (!ReadFile(file, text, error)) {
            err << error << "\n";
            exit = ExitBadInput;
            continue;
        }
        inputs.emplace_back(file, std::move(text));
    }
    if (exit != ExitDone) return exit;
    LoadResult r = LoadFiles(inputs, GlobalLoadOptions());
    if (!r.ok) {
        for (const LoadError& e : r.errors) err << e.str() << "\n";
        return ExitBadInput;
    }
    // Huawei records skipped, missing pages, unlinked lines: reported, and the rest is used (exit 0).
    for (const LoadError& w : r.warnings) err << "warning: " << w.str() << "\n";
    ws = std::move(r.workspace);
    return ExitDone;
}

Instant SystemNow()
{
    const auto s =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return Instant::FromUnixSeconds(static_cast<int64_t>(s));
}

bool ResolveAsOf(const Args& args, const Workspace& ws, Instant& now, std::string& error)
{
    if (args.has("as-of")) {
        InstantParse p = ParseInstant(args.get("as-of"));
        if (!p) {
            error = "--as-of: " + p.error;
            return false;
        }
        now = p.value;
        return true;
    }
    now = ws.as_of.value_or(SystemNow());
    return true;
}

bool WriteWorkspaceTo(const std::string& path, const Workspace& ws, std::ostream& err)
{
    const std::string text = SaveWorkspace(ws);
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            err << path << ": cannot write: " << std::strerror(errno) << "\n";
            return false;
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            err << path << ": cannot write: " << std::strerror(errno) << "\n";
            std::remove(temp.c_str());
            return false;
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        err << path << ": cannot write: " << std::strerror(errno) << "\n";
        std::remove(temp.c_str());
        return false;
    }
    return true;
}

int WriteOutOrPreview(const Args& args, const Workspace& ws, Format format, std::string_view what, std::ostream& out,
                      std::ostream& err)
{
    if (args.has("out")) {
        if (!WriteWorkspaceTo(args.get("out"), ws, err)) return ExitBadInput;
        if (format == Format::Text) out << "written to " << args.get("out") << "\n";
    } else if (format == Format::Text) {
        out << "preview: nothing written (add --out NEW.json to save " << what << ")\n";
    }
    return ExitDone;
}

// ---- refusals ---------------------------------------------------------------------------------------

int Refused(const Refusals& refusals, std::ostream& err)
{
    for (const Refusal& r : refusals) err << r.code << ": " << r.message << "\n";
    return ExitRefused;
}

// ---- text -------------------------------------------------------------------------------------------

namespace {

// Decodes one UTF-8 code point at text[i] and advances i; malformed bytes count as one column each.
char32_t NextCodePoint(std::string_view text, std::size_t& i)
{
    const auto b = static_cast<unsigned char>(text[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + static_cast<std::size_t>(len) > text.size()) len = 1;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

bool Wide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

std::string Pad(const std::string& s, std::size_t width, bool right)
{
    const std::size_t w = DisplayWidth(s);
    if (w >= width) return s;
    const std::string fill(width - w, ' ');
    return right ? fill + s : s + fill;
}

}  // namespace

std::size_t DisplayWidth(std::string_view text)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) width += Wide(NextCodePoint(text, i)) ? 2 : 1;
    return width;
}

std::string ConsoleTime(Instant t, const Workspace& ws) { return FormatConsole(t, ws.rules.zone); }

void TextTable::AddRow(std::vector<std::string> cells)
{
    cells.resize(columns_.size());
    rows_.push_back({Row::Cells, std::move(cells)});
}

void TextTable::AddNote(std::string text, std::string amount)
{
    rows_.push_back({Row::Note, {std::move(text), std::move(amount)}});
}

void TextTable::AddRule() { rows_.push_back({Row::Rule, {}}); }

void TextTable::Print(std::ostream& out) const
{
    const std::size_t n = columns_.size();
    std::vector<std::size_t> width(n, 0);
    for (std::size_t c = 0; c < n; ++c) width[c] = DisplayWidth(columns_[c].header);
    for (const Row& row : rows_) {
        if (row.kind == Row::Cells)
            for (std::size_t c = 0; c < n; ++c) width[c] = std::max(width[c], DisplayWidth(row.cells[c]));
        else if (row.kind == Row::Note) width[n - 1] = std::max(width[n - 1], DisplayWidth(row.cells[1]));
    }
    // A note's text spans every column but the last; a longer note widens the column before the last
    // so that every amount stays in one column.
    std::size_t spanned = 0;
    for (std::size_t c = 0; c + 1 < n; ++c) spanned += width[c] + 2;
    for (const Row& row : rows_)
        if (row.kind == Row::Note && n >= 2 && !row.cells[1].empty()) {
            const std::size_t need = 4 + DisplayWidth(row.cells[0]) + 2;
            if (need > spanned) {
                width[n - 2] += need - spanned;
                spanned = need;
            }
        }
    const std::size_t total = spanned + width[n - 1];

    auto printCells = [&](const std::vector<std::string>& cells, bool header) {
        std::string line;
        for (std::size_t c = 0; c < n; ++c) {
            if (c) line += "  ";
            const std::string& cell = header ? columns_[c].header : cells[c];
            line += Pad(cell, width[c], columns_[c].right);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
    };
    printCells({}, true);
    for (const Row& row : rows_) {
        switch (row.kind) {
            case Row::Cells: printCells(row.cells, false); break;
            case Row::Note: {
                const std::string text = "    " + row.cells[0];
                if (row.cells[1].empty()) out << text << "\n";
                else
                    out << text << std::string(spanned - DisplayWidth(text), ' ')
                        << Pad(row.cells[1], width[n - 1], true) << "\n";
                break;
            }
            case Row::Rule: out << std::string(total, '-') << "\n"; break;
        }
    }
}

}  // namespace qd::cli
