// common.h: what every `quotedesk` command that works on a workspace shares, so the commands stay
// thin faces of the core (docs/cli.md).
//
//   Workspace ws;
//   if (int e = LoadInputs("renew", args.files, ws, err)) return e;        // exit 1 with FILE: /ptr: message
//   std::vector<std::string> ids;
//   if (!ParseIdList(args.get("resource"), ids, error)) return BadUsage("renew", error, err);
//   Instant now;  if (!ResolveAsOf(args, ws, now, error)) return BadUsage("renew", error, err);
//   ...call the engine...
//   if (!quote.ok()) return Refused(quote.refusals, err);                  // exit 3, "code: message" lines
//   if (args.has("out") && !WriteWorkspaceTo(args.get("out"), ws, err)) return ExitBadInput;
//
// The clock. `--as-of TIME` (any form ParseInstant accepts) wins; else the file's as_of; else the
// machine's clock — the same rule as the browser test API (RenewJson / RefundJson), so a command
// and window.quotedesk give the same answer for the same file.
//
// Text output is for people: tables whose columns are padded by display width (a CJK character
// takes two columns), times in the console's format (2025/01/18 23:59:59 GMT+08:00), money as
// ¥1,234.56. CSV output is for Excel: the core's CsvWriter (model/csv.h: UTF-8 with a BOM, RFC 4180 quoting,
// CRLF, formulas neutralised), Chinese headers.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "command.h"
#include "core/model/calendar.h"
#include "core/model/refusal.h"
#include "core/model/workspace.h"

namespace qd::cli {

// ---- usage ----------------------------------------------------------------------------------------

// Writes "quotedesk COMMAND: message" to err and returns ExitBadUsage.
int BadUsage(std::string_view command, std::string_view message, std::ostream& err);

// ParseArgs plus the checks every workspace command makes: at least one file. Writes the usage
// error and returns false when the command line is wrong.
bool ParseCommandLine(std::string_view command, const std::vector<std::string>& argv,
                      const std::vector<std::string>& valued, const std::vector<std::string>& switches, Args& out,
                      std::ostream& err);

// "a,b, c" -> {"a","b","c"}: ids separated by commas, spaces around them dropped. An empty list or
// an empty id ("a,,b") is an error.
bool ParseIdList(std::string_view text, std::vector<std::string>& ids, std::string& error);

// A whole decimal number in [min, max] (no sign, no spaces): "12" -> 12.
bool ParseWholeNumber(std::string_view text, int64_t min, int64_t max, int64_t& value);

enum class Format { Text, Json, Csv };

// --format: "text" (the default), "json" or "csv", limited to `allowed` (e.g. no csv for pay).
bool ParseFormat(const Args& args, std::vector<Format> allowed, Format& format, std::string& error);

// ---- workspace in and out ---------------------------------------------------------------------------

// Opens the files as one workspace (core/io/load.h LoadFiles: one quotedesk/1 file and/or Huawei
// responses). Returns ExitDone, or ExitBadInput after writing every error to err
// ("FILE: cannot read: ...", "FILE: /json/pointer: message").
int LoadInputs(const std::vector<std::string>& files, Workspace& ws, std::ostream& err);

// The machine's clock, whole seconds.
Instant SystemNow();

// The "now" of the command: --as-of, else ws.as_of, else SystemNow(). False (and the error) when
// --as-of is not a time.
bool ResolveAsOf(const Args& args, const Workspace& ws, Instant& now, std::string& error);

// Writes the workspace (core/io/save.h SaveWorkspace) to `path`, replacing it only when the whole
// text was written (a temporary file next to it, then a rename). False after writing
// "PATH: cannot write: reason" to err.
bool WriteWorkspaceTo(const std::string& path, const Workspace& ws, std::ostream& err);

// The end of a command that changes the workspace: with --out, writes it (WriteWorkspaceTo) and says
// so in text; without, says in text that this was a preview ("... to save `what`"). ExitDone, or
// ExitBadInput when the file cannot be written.
int WriteOutOrPreview(const Args& args, const Workspace& ws, Format format, std::string_view what, std::ostream& out,
                      std::ostream& err);

// ---- refusals ---------------------------------------------------------------------------------------

// One "code: message" line per refusal on err; returns ExitRefused.
int Refused(const Refusals& refusals, std::ostream& err);

// ---- text -------------------------------------------------------------------------------------------

// Columns a terminal gives the UTF-8 text: 2 per CJK / full-width character, 1 for the rest.
std::size_t DisplayWidth(std::string_view text);

std::string ConsoleTime(Instant t, const Workspace& ws);  // "2025/01/18 23:59:59 GMT+08:00" in the profile zone

// A text table. Columns are padded to their widest cell (display width) and separated by two
// spaces; right-aligned columns suit amounts. A note row (AddNote) is an indented line of
// arithmetic under a row: its text spans every column but the last, its amount sits in the last.
class TextTable {
public:
    struct Column {
        std::string header;
        bool right = false;
    };
    explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
    void AddRow(std::vector<std::string> cells);
    void AddNote(std::string text, std::string amount);
    void AddRule();  // a line of '-' under the rows so far (before a total)
    void Print(std::ostream& out) const;

private:
    struct Row {
        enum Kind { Cells, Note, Rule } kind = Cells;
        std::vector<std::string> cells;
    };
    std::vector<Column> columns_;
    std::vector<Row> rows_;
};

// ---- the renewal faces ---------------------------------------------------------------------------

// `renew` and `align` (cmd_renew.cpp): the same quote, order placing and output; align is the
// align-only action (seed 4.2.3 设置统一到期日: 1 month + the days to the unified day).
int RunRenewalCommand(std::string_view command, bool alignOnly, const std::vector<std::string>& argv, std::ostream& out,
                      std::ostream& err);

}  // namespace qd::cli
