// load.h: reading workspace files (docs/workspace-format.md, docs/huawei-data.md, docs/architecture.md §5).
//
//   LoadResult r = LoadWorkspace(text, "ws.json");       // a quotedesk/1 file
//   if (!r.ok) for (const LoadError& e : r.errors) std::cerr << e.str() << "\n";
//   LoadResult m = LoadFiles({{"ws.json", a}, {"orders.json", b}});  // a workspace and/or Huawei responses
//
// Strict: a file either loads completely or not at all. A failed load returns the errors and an
// empty workspace, so the caller's open workspace stays exactly as it was. Errors name the file,
// the JSON pointer (or line:column for broken JSON text) and what was expected; at most
// kMaxLoadErrors are collected, then reading stops.
//
// The file is read straight into the model (no DOM of the whole file: a DOM costs about twice the
// memory, docs/architecture.md §4), by simdjson On-Demand, or by nlohmann's SAX parser when that finds
// a problem (LoadPath below, docs/performance.md). Amounts are taken from the exact number text,
// so 0.1 is 10 fen, never a float. After reading, CheckWorkspace refuses duplicate ids and
// dangling references, then the index is built. Which members are required, and each default, is
// in workspace.h and docs/workspace-format.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/diagnostics.h"
#include "core/model/character_set.h"
#include "core/model/workspace.h"

namespace qd {

// 256 MiB: text + model stay within wasm32's 2 GB heap
inline constexpr std::size_t kMaxFileBytes = std::size_t{256} << 20;
inline constexpr int kMaxNesting = 64;                                      // objects/arrays nested deeper are refused
inline constexpr std::size_t kMaxLoadErrors = 50;                           // reading stops after this many errors
inline constexpr std::string_view kMergedWorkspace = "(merged workspace)";  // the "file" of errors found after merging

// The instants a file may hold: those whose calendar date is within the years 0001..9999 in every
// zone -14:00..+14:00, so they can always be written back in the profile's zone and read again.
// Earlier or later times are refused ("expected a time from 0001-01-02 to 9999-12-30 (UTC)").
inline constexpr Instant kEarliestFileInstant = Instant::FromUnixSeconds(-62135510400);  // 0001-01-02T00:00:00Z
inline constexpr Instant kLatestFileInstant = Instant::FromUnixSeconds(253402214399);    // 9999-12-30T23:59:59Z

struct LoadResult {
    bool ok = false;      // true: workspace is complete and checked; errors is empty
    Workspace workspace;  // the loaded workspace (default-constructed when !ok)
    LoadErrors errors;    // why not, in file order (non-empty when !ok)
    // Huawei responses only (docs/huawei-data.md "Partial import"): records skipped and why, missing
    // pages, order lines linked to no resource. A quotedesk/1 file never has warnings: it is strict.
    LoadErrors warnings;
    std::size_t records = 0;  // records of Huawei responses opened (orders, lines, resources, prices)
    std::size_t skipped = 0;  // records of Huawei responses skipped (each has a warning)
    // Refused because a bare ListRenewRateOnPeriod response names no duration: open the same files again
    // with LoadOptions::renew_rate_period (the browser asks the user which duration it prices).
    bool needs_renew_rate_period = false;
    // The streamed fast path (LoadWorkspaceStreamed, StreamedLoad): every character above U+007F of the
    // file's text, collected by its stage 1 while validating the UTF-8 (json_structure.h
    // TextCharacters), so the browser learns what the workspace can show without walking its strings.
    // Absent: not known (another path, simdjson's own stage 1, or a \u escape in the text).
    std::optional<CharacterSet> characters;
    explicit operator bool() const { return ok; }
};

// The duration a bare ListRenewRateOnPeriod response prices (the request's period_type / period_num).
struct RenewRatePeriod {
    TermUnit unit = TermUnit::Month;
    int num = 1;  // 1..11 months, 1..3 years
    friend bool operator==(const RenewRatePeriod&, const RenewRatePeriod&) = default;
};
// "1m".."11m", "1y".."3y" (also "1month", "3months", "1year"); nullopt for anything else.
std::optional<RenewRatePeriod> ParseRenewRatePeriod(std::string_view text);

struct LoadOptions {
    // the duration of renew-rate responses that name none (CLI --renew-rate-period; the browser asks)
    std::optional<RenewRatePeriod> renew_rate_period;
};

// Memory for an open (docs/architecture.md §5, "A file too big for the page"). The browser's wasm heap
// has a ceiling (2 GiB in this build; less on a device with little memory) and never shrinks, and an
// open is atomic, so the open workspace stays while the new one is read. Opening F bytes of files
// takes about kOpenBytesPerFileByte * F more: the workspace read from it (1.31x at 100k resources,
// docs/performance.md "Where the bytes go"), and for a file that is not streamed (LoadWorkspaceStreamed)
// the staged text (1x) and a second reading by the precise reader; the reader's transient structures. An open
// that would not fit is refused before a byte is read, so the page stays alive and nothing changes.
inline constexpr uint64_t kOpenBytesPerFileByte = 4;
struct OpenMemoryCheck {
    bool fits = true;
    uint64_t needed = 0;     // bytes the open would take (kOpenBytesPerFileByte per byte of files)
    uint64_t available = 0;  // bytes the heap can still give: its ceiling minus what is in use
};
OpenMemoryCheck CheckOpenMemory(uint64_t fileBytes, uint64_t heapInUse, uint64_t heapCeiling);

// What is refused before any JSON is parsed (LoadWorkspace and LoadFiles run it on every file):
//   "FILE: file too large: N bytes; the limit is 256 MiB"        more than kMaxFileBytes
//   "FILE: empty file: expected a JSON object"                    nothing but spaces, tabs, CR, LF
//   "FILE: the file is UTF-16 text (...): expected UTF-8; ..."    a UTF-16 byte order mark
//   "FILE:LINE:COL: unexpected NUL byte: ..."                     a raw 0x00 byte anywhere
// A UTF-8 byte order mark (EF BB BF) at the very start is accepted and skipped; anywhere else it is
// a syntax error. nullopt when the text may be parsed.
std::optional<LoadError> CheckFileText(std::string_view text, std::string_view fileName);

// How a quotedesk/1 file is read (docs/performance.md). Auto: simdjson's On-Demand parser (the fast
// path), and when it finds any problem at all the file is read again by the precise reader (nlohmann's
// SAX parser), which gives every message; both are driven by the same member tables, so they read the
// same model. Fast / Precise: one path only, for tests, the fuzz target and benchmarks (a file the
// fast path does not take gives !ok and the single error "not read by the fast path").
enum class LoadPath { Auto, Fast, Precise };

// simdjson reads up to this many bytes past the end of the text: a text with this many more bytes
// readable after it (`readable` >= size + kLoadPadding, e.g. a std::string's capacity()) is read in
// place, any other is copied first (a second copy of the file in memory while it is read).
inline constexpr std::size_t kLoadPadding = 64;

// Reads one quotedesk/1 workspace. fileName is only used in the errors.
LoadResult LoadWorkspace(std::string_view text, std::string_view fileName, LoadPath path = LoadPath::Auto,
                         std::size_t readable = 0);

// A file the loader reads a piece at a time instead of whole (docs/performance.md "Streamed"): the
// browser keeps an opened file's bytes in JavaScript and lends them a piece at a time, so the wasm
// heap (which never shrinks) never holds the whole text beside the workspace read from it.
class TextSource {
public:
    virtual ~TextSource() = default;
    virtual std::size_t size() const = 0;
    // Copies the bytes [offset, offset + n) to `to`; offset + n <= size().
    virtual void copy(std::size_t offset, std::size_t n, char* to) const = 0;
};

// LoadFiles of that one file on the fast path, reading it from `source` a piece at a time (about
// 1 MiB for the scan of its structure, then windows of about 256 KiB): the very workspace LoadFiles
// gives, or nullopt when the fast path does not take the file (anything LoadFiles would refuse or
// read as a Huawei response, any problem at all). The caller then opens the whole text with
// LoadFiles, which reads it again and says what is wrong. Never a failed LoadResult.
// pieceBytes: how much the scan asks for at a time (tests make it small to cut the file anywhere).
// It is a loop over StreamedLoad (below), which the browser steps between animation frames.
inline constexpr std::size_t kStreamPieceBytes = std::size_t{1} << 20;
std::optional<LoadResult> LoadWorkspaceStreamed(const TextSource& source, std::string_view fileName,
                                                std::size_t pieceBytes = kStreamPieceBytes);

// How far an open is, in bytes of the file: done <= total (the file's size); done == total once it
// is finished, never before; done never goes back.
struct LoadProgress {
    uint64_t done = 0;
    uint64_t total = 0;
};

// LoadWorkspaceStreamed a step at a time, so that the page keeps drawing while a 135 MB file is read
// and the user may drop the open midway (docs/architecture.md §2 "Opening a file", docs/performance.md
// "Progress and Cancel"):
//
//   StreamedLoad load(source, "ws.json");     // source outlives load
//   while (!load.Step(1 << 20)) ShowBar(load.progress());   // between frames; destroy load = cancel
//   std::optional<LoadResult> r = load.Finish();             // LoadWorkspaceStreamed's answer
//
// Step(bytes) reads about `bytes` more of the file (at least one piece of the scan or one window of
// about 256 KiB; the check across objects, CheckWorkspace, is a step of its own at the end) and
// answers true when nothing is left. The work is: the scan of the whole file, then the skeleton and
// the windows, then the check; progress weighs a byte read by simdjson 3 and a byte scanned 1.
// Finish() runs what is left and gives the result, once; nullopt exactly when LoadWorkspaceStreamed
// gives it. Nothing outside the object changes before Finish, so destroying it at any point (the
// Cancel button) leaves the caller's workspace as it was; a file the fast path does not take frees
// what it had read at once.
class StreamedLoad {
public:
    StreamedLoad(const TextSource& source, std::string_view fileName, std::size_t pieceBytes = kStreamPieceBytes);
    ~StreamedLoad();
    StreamedLoad(const StreamedLoad&) = delete;
    StreamedLoad& operator=(const StreamedLoad&) = delete;

    bool Step(std::size_t bytes);
    std::optional<LoadResult> Finish();
    bool done() const;  // Step has nothing left: Finish gives the answer at once
    LoadProgress progress() const;
    const std::string& fileName() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// What a file holds, from its top-level keys (the first deciding key wins).
enum class InputKind {
    Workspace,           // "format" (or nothing recognisable: read as a workspace, which says what is missing)
    HuaweiOrders,        // ListCustomerOrders: "order_infos"
    HuaweiOrderDetails,  // ShowCustomerOrderDetails: "order_info" / "order_line_items"
    HuaweiResources,     // ListPayPerUseCustomerResources: "data"
    HuaweiRenewPrices,   // ListRenewRateOnPeriod: "renew_inquiry_results", or {"request", "response"} around it
};
InputKind DetectInputKind(std::string_view text);

// Opens several files as one workspace: at most one quotedesk/1 file (the base; an empty workspace
// when there is none), then every Huawei BSS response merged into it in the given order, then
// CheckWorkspace over the result. Files are (name, text) pairs. Errors of that last check (only
// when a Huawei response is among the files) point into the merged workspace, not into a file: they
// name kMergedWorkspace as their file and end with the object they are about, e.g.
//   (merged workspace): /resources/3/main_resource_id: unknown main_resource_id "i-9" (resource "vol-2")
//
// Huawei responses are imported by wasm/core/huawei_import.h, which provides
//   LoadErrors ImportHuawei(InputKind kind, std::string_view text, std::string_view fileName, Workspace& into);
// (merge one response into `into`, reading amounts with into.rules.rounding; errors as LoadError).
// When that header is not in the build, a Huawei file is refused with "Huawei import not built yet".
//
// Huawei responses are merged by kind, whatever order they came in (resources, order lists, order
// details, renewal prices: HuaweiImportRank), so the result does not depend on the order of the files.
// Several pages of one API merge (a record twice is kept once); when a page's total_count says more
// records exist than arrived, a warning gives both numbers.
LoadResult LoadFiles(const std::vector<std::pair<std::string, std::string>>& files, const LoadOptions& options = {});

// The checks across objects, run after reading: empty or duplicate product/resource/order/coupon/export
// ids; resource.product_id, main_resource_id (a main, never itself attached), order item
// product_id / resource_id and combined_order_id must resolve (see docs/workspace-format.md
// "References" for which item resource_ids are checked). Rebuilds ws.index. Errors carry fileName.
LoadErrors CheckWorkspace(Workspace& ws, std::string_view fileName);

}  // namespace qd
