// diagnostics.h: how QuoteDesk names what is wrong with an input file (docs/cli.md, docs/architecture.md §5).
//
// Every problem found while reading a file is one LoadError. str() gives the line the CLI prints
// and the UI shows:
//   ws.json: /resources/3/periods/0/paid/cash: expected an amount with at most 2 decimals, got 1.234
//   ws.json:12:7: syntax error while parsing object - unexpected end of input; expected '}'
//   ws.json: empty file: expected a JSON object
// i.e. a JSON pointer (RFC 6901) for errors about a value, LINE:COL for errors in the JSON text
// itself, and neither for errors about the whole file. A message is always one line: control
// characters quoted from the input are shown escaped (OneLine below).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

struct LoadError {
    std::string file;     // the file's name as the user gave it ("" when there is none)
    std::string pointer;  // JSON pointer of the value at fault, e.g. "/orders/2/status"; "" = not about one value
    int line = 0;         // 1-based line of a syntax error; 0 = not a syntax error
    int column = 0;       // 1-based column (in bytes) of a syntax error
    std::string message;  // what was expected, e.g. "expected one of manual|auto|to_on_demand|no_renew, got \"x\""

    // "FILE: /pointer: message", "FILE:LINE:COL: message" or "FILE: message"; without the file
    // name when file is "" ("/pointer: message", "LINE:COL: message", "message").
    std::string str() const
    {
        std::string out = file;
        if (line > 0) {
            if (!out.empty()) out += ':';
            out += std::to_string(line);
            out += ':';
            out += std::to_string(column);
        }
        if (!out.empty()) out += ": ";
        if (line == 0 && !pointer.empty()) out += pointer + ": ";
        return out + message;
    }
    friend bool operator==(const LoadError&, const LoadError&) = default;
};

using LoadErrors = std::vector<LoadError>;

// One reference token of a JSON pointer, escaped per RFC 6901: "~" -> "~0", "/" -> "~1".
// AppendPointerToken(p, "a/b") appends "/a~1b"; AppendPointerIndex(p, 3) appends "/3".
inline void AppendPointerToken(std::string& pointer, std::string_view token)
{
    pointer += '/';
    for (char c : token) {
        if (c == '~') pointer += "~0";
        else if (c == '/') pointer += "~1";
        else pointer += c;
    }
}
inline void AppendPointerIndex(std::string& pointer, std::size_t index)
{
    pointer += '/';
    pointer += std::to_string(index);
}

// Where a parser stopped, for "FILE:LINE:COL: message". `bytesRead` is how many bytes it had read
// (nlohmann's parse_error position): the last byte read is the one reported. Lines and columns are
// 1-based and counted in bytes; a UTF-8 byte order mark at the start of the file is not counted, so
// the column matches what an editor shows for ASCII text.
struct TextPosition {
    int line = 1;
    int column = 1;
};
inline TextPosition PositionOf(std::string_view text, std::size_t bytesRead)
{
    const std::size_t at = bytesRead < text.size() ? bytesRead : text.size();
    const std::size_t lineStart = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 == 0
    TextPosition p;
    for (std::size_t i = 0; i < lineStart; ++i) p.line += text[i] == '\n';
    p.column = at - lineStart > 1 ? static_cast<int>(at - lineStart) : 1;
    if (p.line == 1 && text.substr(0, 3) == "\xEF\xBB\xBF" && p.column > 3) p.column -= 3;
    return p;
}

// User text quoted in a message, cut to at most `limit` bytes plus "..." when longer. The cut never
// splits a UTF-8 sequence (a message must stay valid UTF-8 for the JSON answers that carry it: the
// fuzz target fuzz_api_args found one that did, keep_until with 中文 at the 60th byte).
inline std::string Excerpt(std::string_view s, std::size_t limit)
{
    if (s.size() <= limit) return std::string(s);
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // s[cut] continues a character
    return std::string(s.substr(0, cut)) + "...";
}

// The message as one line of valid UTF-8, whatever it quotes from the input: control characters
// (U+0000..U+001F, U+007F) are written as JSON escapes (a newline as backslash-n, NUL as
// backslash-u0000) and bytes that are not well-formed UTF-8 (stray continuation bytes, overlong
// forms, surrogates, truncated sequences) as backslash-xNN, e.g. backslash-xFF.
inline std::string OneLine(std::string_view message)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(message.size());
    for (std::size_t i = 0; i < message.size();) {
        const auto c = static_cast<unsigned char>(message[i]);
        if (c < 0x20 || c == 0x7F) {
            if (c == '\n') out += "\\n";
            else if (c == '\r') out += "\\r";
            else if (c == '\t') out += "\\t";
            else {
                out += "\\u00";
                out += "0123456789abcdef"[c >> 4];
                out += "0123456789abcdef"[c & 15];
            }
            ++i;
            continue;
        }
        // Length of a well-formed sequence starting here (RFC 3629 table), 0 when it is not one.
        std::size_t len = c < 0x80                 ? 1
                          : c >= 0xC2 && c <= 0xDF ? 2
                          : c >= 0xE0 && c <= 0xEF ? 3
                          : c >= 0xF0 && c <= 0xF4 ? 4
                                                   : 0;
        if (len > 1) {
            const auto at = [&](std::size_t k) {
                return i + k < message.size() ? static_cast<unsigned char>(message[i + k]) : 0u;
            };
            const unsigned second = at(1);
            const unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;  // no overlong forms
            const unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;  // no surrogates, nothing above U+10FFFF
            bool ok = second >= lo && second <= hi;
            for (std::size_t k = 2; ok && k < len; ++k) ok = (at(k) & 0xC0) == 0x80;
            if (!ok) len = 0;
        }
        if (len == 0) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
            ++i;
        } else {
            out.append(message, i, len);
            i += len;
        }
    }
    return out;
}

// nlohmann's exception text without its prefix, as one line:
// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> "syntax error ..."
// "[json.exception.out_of_range.406] number overflow parsing '1e400'" -> "number overflow parsing '1e400'"
inline std::string JsonParserMessage(std::string_view what)
{
    if (auto p = what.find("] "); what.substr(0, 1) == "[" && p != std::string_view::npos) what.remove_prefix(p + 2);
    if (what.substr(0, 11) == "parse error")
        if (auto p = what.find(": "); p != std::string_view::npos) what.remove_prefix(p + 2);
    return OneLine(what);
}

}  // namespace qd
