// csv.cpp: the CSV writer (csv.h).
#include "core/model/csv.h"

namespace qd {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// How many ASCII digits stand in v from position `from` on.
std::size_t Digits(std::string_view v, std::size_t from)
{
    std::size_t i = from;
    while (i < v.size() && IsDigit(v[i])) ++i;
    return i - from;
}

}  // namespace

bool IsCsvNumber(std::string_view v)
{
    std::size_t i = 0;
    if (i < v.size() && v[i] == '-') ++i;
    const std::size_t whole = Digits(v, i);
    if (whole == 0) return false;
    i += whole;
    if (i == v.size()) return true;
    if (v[i] != '.') return false;
    ++i;
    const std::size_t fraction = Digits(v, i);
    return fraction > 0 && i + fraction == v.size();
}

bool IsCsvFormulaRisk(std::string_view v)
{
    if (v.empty()) return false;
    switch (v.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r': return !IsCsvNumber(v);
        default: return false;
    }
}

void AppendCsvField(std::string& out, std::string_view v)
{
    const bool neutralise = IsCsvFormulaRisk(v);
    const bool quote = neutralise || v.find_first_of(",\"\r\n") != std::string_view::npos ||
                       (!v.empty() && (v.front() == ' ' || v.back() == ' '));
    if (quote) out += '"';
    if (neutralise) out += '\'';
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    if (quote) out += '"';
}

CsvWriter::CsvWriter() { out_.assign(kUtf8Bom); }

void CsvWriter::cell(std::string_view v)
{
    if (!first_) out_ += ',';
    first_ = false;
    AppendCsvField(out_, v);
}

void CsvWriter::money(std::optional<Money> m) { cell(m ? m->str() : std::string()); }

void CsvWriter::time(std::optional<Instant> t, ZoneOffset z) { cell(t ? FormatConsole(*t, z) : std::string()); }

void CsvWriter::integer(long long v) { cell(std::to_string(v)); }

void CsvWriter::endRow()
{
    out_ += "\r\n";
    first_ = true;
}

void CsvWriter::row(std::initializer_list<std::string_view> cells)
{
    for (std::string_view c : cells) cell(c);
    endRow();
}

}  // namespace qd
