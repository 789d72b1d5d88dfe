// csv.h: the one CSV writer of the product: the console's four exports (report/exports.h) and the
// CLI's `--format csv` outputs write through it, so both hand spreadsheets the same safe text
// (docs/exports.md).
//
//   CsvWriter csv;                                   // starts with the UTF-8 BOM (Excel reads UTF-8)
//   csv.row({"资源ID", "金额(元)"});                   // a header row
//   csv.cell(r.resource_name); csv.money(amount); csv.endRow();
//   std::string bytes = csv.take();
//
// Fields follow RFC 4180 (separated by commas, rows ended by CRLF, a field holding a comma, quote,
// CR or LF, or starting or ending with a space, is quoted with its quotes doubled).
//
// Formula neutralisation (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with `=`,
// `+`, `-`, `@`, a tab or a CR as a formula. Such a cell is written with a single quote in front and
// quoted: `=HYPERLINK(...)` becomes `"'=HYPERLINK(...)"`, which Excel and LibreOffice show as text.
// Numbers stay numbers: a cell that IsCsvNumber accepts is written as it is, so a negative amount
// `-12.30` is still a number in the sheet. Every cell goes through the same rule (names, ids, labels,
// headers, amounts, times): there is no unchecked path.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/calendar.h"
#include "core/model/money.h"

namespace qd {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";  // the first bytes of every CSV the product writes

// A plain decimal number: an optional '-', one or more ASCII digits, and optionally '.' followed by
// one or more digits ("7", "-12.30", "0.5"). Not numbers: "", "-", "+5", "1e5", "-.5", "1,234.00",
// "-2+3". This is what Money::str() and integer counts print.
bool IsCsvNumber(std::string_view v);

// True when a spreadsheet could take the cell for a formula: it starts with = + - @ tab or CR and is
// not a number (IsCsvNumber).
bool IsCsvFormulaRisk(std::string_view v);

// Appends v as one field (no separator): neutralised and quoted as the header says.
void AppendCsvField(std::string& out, std::string_view v);

class CsvWriter {
public:
    CsvWriter();  // the output starts with kUtf8Bom

    void cell(std::string_view v);                            // any text: neutralised, quoted when needed
    void money(std::optional<Money> m);                       // "279.41", "-12.30"; empty when absent
    void time(std::optional<Instant> t, ZoneOffset z);        // the console's format; empty when absent
    void integer(long long v);                                // "16"
    void endRow();                                            // CRLF
    void row(std::initializer_list<std::string_view> cells);  // cells, then endRow()

    const std::string& text() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
    bool first_ = true;
};

}  // namespace qd
