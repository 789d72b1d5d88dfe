// diagnostics.h: how QuoteDesk names what is wrong with an input file (design.md §7, §10).
//
// Every problem found while reading a file is one LoadError. str() gives the line the CLI prints
// and the UI shows:
//   ws.json: /resources/3/periods/0/paid/cash: expected an amount with at most 2 decimals, got 1.234
//   ws.json:12:7: syntax error while parsing object - unexpected end of input; expected '}'
//   ws.json: empty file: expected a JSON object
// i.e. a JSON pointer (RFC 6901) for errors about a value, LINE:COL for errors in the JSON text
// itself, and neither for errors about the whole file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

struct LoadError {
  std::string file;      // the file's name as the user gave it ("" when there is none)
  std::string pointer;   // JSON pointer of the value at fault, e.g. "/orders/2/status"; "" = not about one value
  int line = 0;          // 1-based line of a syntax error; 0 = not a syntax error
  int column = 0;        // 1-based column (in bytes) of a syntax error
  std::string message;   // what was expected, e.g. "expected one of manual|auto|to_on_demand|no_renew, got \"x\""

  // "FILE: /pointer: message", "FILE:LINE:COL: message" or "FILE: message"; without the file
  // name when file is "" ("/pointer: message", "LINE:COL: message", "message").
  std::string str() const {
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
inline void AppendPointerToken(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~') pointer += "~0";
    else if (c == '/') pointer += "~1";
    else pointer += c;
  }
}
inline void AppendPointerIndex(std::string& pointer, std::size_t index) {
  pointer += '/';
  pointer += std::to_string(index);
}

}  // namespace qd
