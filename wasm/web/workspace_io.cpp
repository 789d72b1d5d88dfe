// Opening, saving and keeping workspaces in the browser (ui/platform.h): the staged multi-file open
// behind the file picker, drops and the test API; downloads (workspace, exports); the debounced save
// to IndexedDB and its restore; the language and theme in localStorage.
//
// The DOM half lives in site/app.js (Module.qdHost): it reads files, talks to IndexedDB and makes
// downloads. The calls between the two halves: web/abi.h.
//
// Sections (search for "[SECTION] name"):
//   wasm -> page                          the EM_JS calls into site/app.js
//   The journal                           what browser storage holds, kept to diff the next change against
//   The platform side of ui/platform.h    file picker, downloads, SyncPlatform (the debounced save)
//   Opening staged files                  LoadStagedFiles, the renew-rate duration question
//   Exports: opening, memory, the log     qd_stage_file, qd_load_staged, qd_check_open, qd_history_*
//   Exports: an open in progress          qd_open_* (a step per slice of a frame, progress, Cancel)
//   Exports: the save to browser storage  qd_persist_* (the workspace whole, in pieces)
//   Exports: the download                 qd_download_* (Ctrl+S)
//   Exports: the journal                  qd_journal_* (docs/architecture.md §6)
#include <emscripten.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/json_writer.h"
#include "core/io/load.h"
#include "core/io/save.h"
#include "core/io/workspace_patch.h"
#include "ui/app.h"
#include "ui/page_export_records.h"
#include "web/backend.h"
#include "ui/platform.h"
#include "web/shell.h"

// [SECTION] wasm -> page

// EM_JS bodies are JavaScript, not C++: the formatter leaves them alone.
// clang-format off
EM_JS(void, qd_js_open_file_picker, (), {
    if (Module.qdHost) Module.qdHost.openFilePicker();
});
EM_JS(void, qd_js_schedule_persist, (), {
    if (Module.qdHost) Module.qdHost.schedulePersist();
});
EM_JS(void, qd_js_restore_sample, (), {
    if (Module.qdHost) Module.qdHost.restoreSample();
});
// The Blob copies the bytes at once, so the buffer may be released after the call.
EM_JS(void, qd_js_download, (const char* name, const char* mime, const char* data, int size), {
    const blob = new Blob([HEAPU8.subarray(data, data + size)], { type: UTF8ToString(mime) });
    if (Module.qdHost) Module.qdHost.download(UTF8ToString(name), blob);
});
// The workspace as a download: the page writes it in pieces (qd_download_begin...) or hands over a
// text it kept (site/app.js wholeText).
EM_JS(void, qd_js_download_workspace, (), {
    if (Module.qdHost) Module.qdHost.downloadWorkspace();
});
// The file qd_load_streamed opens: the page keeps its bytes (Module.qdStreamed, a Uint8Array) and
// lends the loader a piece at a time.
EM_JS(void, qd_js_streamed_copy, (double offset, int n, char* to), {
    HEAPU8.set(Module.qdStreamed.subarray(offset, offset + n), to);
});
EM_JS(void, qd_js_save_prefs, (const char* lang, const char* theme), {
    try {
        localStorage.setItem("quotedesk.lang", UTF8ToString(lang));
        localStorage.setItem("quotedesk.theme", UTF8ToString(theme));
    } catch (e) { /* storage disabled: preferences last for this visit only */ }
});
// clang-format on

namespace qd::web {
namespace {

// Where opened files come from (qd_load_staged's argument; app.js uses the same numbers).
enum Source { kFromFiles = 0, kFromSample = 1, kFromStorage = 2 };

std::vector<std::pair<std::string, std::string>> g_staged;  // files waiting for qd_load_staged
std::string g_result;                                       // JSON answers, valid until the next call

// The open workspace's text written out a piece at a time for the page (to browser storage, or as a
// download), void as soon as the workspace changes: the page then starts again.
class WorkspaceTextOut {
public:
    bool begin(const ui::AppState& app)  // false when no workspace is open
    {
        revision_ = app.revision;
        workspace_ = app.workspace ? &*app.workspace : nullptr;
        stream_.reset();
        if (app.workspace) stream_ = std::make_unique<WorkspaceSaveStream>(*app.workspace);
        return stream_ != nullptr;
    }
    // The next piece of about `bytes` bytes into piece(): its size; 0 when complete; -1 when void.
    int next(const ui::AppState& app, int bytes)
    {
        if (!stream_) return 0;
        if (app.revision != revision_ || !app.workspace || &*app.workspace != workspace_) {
            stream_.reset();
            return -1;
        }
        if (!stream_->Next(piece_, static_cast<size_t>(bytes > 0 ? bytes : 1))) {
            stream_.reset();
            return 0;
        }
        return static_cast<int>(piece_.size());
    }
    const std::string& piece() const { return piece_; }
    int progress() const { return stream_ ? stream_->progress() : 100; }  // 0..100
    void release()
    {
        stream_.reset();
        std::string().swap(piece_);
    }

private:
    std::unique_ptr<WorkspaceSaveStream> stream_;  // the text still to write
    std::string piece_;                            // the piece lent to the page
    uint64_t revision_ = 0;                        // ... of this revision
    const Workspace* workspace_ = nullptr;         // ... of this workspace
};

WorkspaceTextOut g_persist;  // the save to browser storage (qd_persist_begin)

// [SECTION] The journal
// The journal (docs/architecture.md §6): browser storage holds a base (the workspace saved whole) and
// the patches of the changes since (core/io/workspace_patch.h). `stored` is what this tab knows of the
// workspace storage holds as it last wrote or read it: not a copy (for 100,000 resources that was one
// more workspace, +1.31x the file in the heap) but its records' ids and fingerprints, which is all
// DiffWorkspaces(stored, now) needs; absent, the next save writes the workspace whole (a compaction).
// A whole save also comes when the journal would pass kJournalMaxEntries entries or a
// kJournalShareOfBase share of the base's size: a reload opens the base and applies every entry, so
// the journal must stay small beside it.
constexpr int kJournalMaxEntries = 200;
constexpr uint64_t kJournalShareOfBase = 4;  // entries up to a quarter of the base's bytes
class Journal {
public:
    void Forget()
    {
        stored_.reset();
        pendingBase_.reset();
        pendingStored_.reset();
        std::string().swap(patch_);
    }
    // The next entry for the open workspace: its size in patch(); -1 when the workspace must be
    // saved whole instead (no base stored, the journal full, no workspace, or a patch that would not
    // read back).
    int Next(const ui::AppState& app)
    {
        std::string().swap(patch_);
        pendingStored_.reset();
        if (!stored_ || !app.workspace) return -1;
        WorkspaceFingerprints now;
        patch_ = DiffWorkspaces(*stored_, *app.workspace, &now);
        revision_ = app.revision;
        if (entries_ + 1 > kJournalMaxEntries || (journalBytes_ + patch_.size()) * kJournalShareOfBase > baseBytes_) {
            std::string().swap(patch_);
            return -1;
        }
        // Never store an entry a reload could not apply: its fragment is read as a file is (a few
        // records: milliseconds) and its counts checked against what storage holds.
        if (!CheckWorkspacePatch(*stored_, patch_, "journal").empty()) {
            std::string().swap(patch_);
            stored_.reset();
            return -1;
        }
        pendingStored_ = std::move(now);
        return static_cast<int>(patch_.size());
    }
    const std::string& patch() const { return patch_; }
    void DropPatch()  // not stored: the next entry covers its changes too
    {
        std::string().swap(patch_);
        pendingStored_.reset();
    }
    uint64_t revision() const { return revision_; }
    // The entry from Next() is stored: storage now holds the workspace the patch was made from.
    void Stored(const ui::AppState&)
    {
        if (!stored_ || patch_.empty() || !pendingStored_) return;
        stored_ = std::move(pendingStored_);
        pendingStored_.reset();
        ++entries_;
        journalBytes_ += patch_.size();
        std::string().swap(patch_);
    }
    // A whole save's text is complete (of the open workspace, unchanged meanwhile): keep its
    // fingerprints until storage has taken it.
    void BaseWritten(const ui::AppState& app, uint64_t bytes)
    {
        pendingBase_.reset();
        if (app.workspace) pendingBase_ = WorkspaceFingerprints::Of(*app.workspace);
        pendingBaseBytes_ = bytes;
    }
    void BaseStored(bool ok)
    {
        if (ok && pendingBase_) {
            stored_ = std::move(pendingBase_);
            baseBytes_ = pendingBaseBytes_;
            entries_ = 0;
            journalBytes_ = 0;
        }
        pendingBase_.reset();
    }
    // Another tab's entry, applied to the open workspace (which is what storage held, nothing of this
    // tab's waiting): what storage holds is then the open workspace. False, and nothing changed, when
    // nothing is stored or the entry does not apply (the page then reopens storage whole); errors in
    // `errors`.
    bool Follow(ui::AppState& app, std::string_view patch, std::string_view fileName, LoadErrors& errors)
    {
        errors.clear();
        if (!stored_ || !app.workspace) return false;
        errors = ApplyWorkspacePatch(*app.workspace, patch, fileName);
        if (!errors.empty()) return false;
        stored_ = WorkspaceFingerprints::Of(*app.workspace);
        ++entries_;
        journalBytes_ += patch.size();
        return true;
    }
    // Opened from storage: the base of `baseBytes` and `entries` entries of `journalBytes`; complete
    // when every entry applied (else the next save rewrites storage whole).
    void Restored(const ui::AppState& app, uint64_t baseBytes, int entries, uint64_t journalBytes, bool complete)
    {
        Forget();
        if (!complete || !app.workspace) return;
        stored_ = WorkspaceFingerprints::Of(*app.workspace);
        baseBytes_ = baseBytes;
        entries_ = entries;
        journalBytes_ = journalBytes;
    }

private:
    std::optional<WorkspaceFingerprints> stored_;         // what storage holds
    std::optional<WorkspaceFingerprints> pendingStored_;  // ... once the entry in patch_ is stored
    std::optional<WorkspaceFingerprints> pendingBase_;    // ... once the whole save is stored
    uint64_t pendingBaseBytes_ = 0;
    uint64_t baseBytes_ = 0, journalBytes_ = 0;
    int entries_ = 0;
    std::string patch_;
    uint64_t revision_ = 0;
};
Journal g_journal;
WorkspaceTextOut g_download;  // the download (qd_download_begin)
std::string g_downloadName;   // ... its file name

const char* Result(std::string json)
{
    g_result = std::move(json);
    return g_result.c_str();
}

// Every string of the workspace that the console may show: its characters go into the font atlas.
// Read in place, one string after another (no copy of them all); names that repeat (services,
// regions, creators) are read once, and a resource's own name, which does not, is not remembered.
void AddWorkspaceText(const Workspace& ws)
{
    DisplayTextScan scan;
    scan.add(ws.account.name);
    for (const auto& p : ws.products) {
        scan.add(p.service_type_name);
        scan.add(p.spec_desc);
        scan.add(p.region_code);
    }
    for (const auto& r : ws.resources) {
        scan.addUnique(r.resource_name);
        scan.add(r.region_code);
    }
    for (const auto& o : ws.orders) {
        scan.add(o.service_type_name);
        scan.add(o.created_by);
    }
    for (const auto& e : ws.export_records) scan.add(e.file_name);
}

std::string ErrorsJson(const LoadErrors& errors)
{
    JsonWriter w;
    w.beginObject();
    w.key("ok");
    w.boolean(false);
    w.key("errors");
    w.beginArray();
    for (const LoadError& e : errors) {
        w.beginObject();
        w.member("file", e.file);
        w.member("pointer", e.pointer);
        w.member("line", e.line);
        w.member("column", e.column);
        w.member("message", e.message);
        w.member("text", e.str());
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.take();
}

Instant FromMs(double ms) { return Instant::FromUnixSeconds(static_cast<int64_t>(ms / 1000)); }

}  // namespace

}  // namespace qd::web

// [SECTION] The platform side of ui/platform.h
// The platform side of ui/platform.h.
namespace qd::ui {

using web::RequestFrames;
using web::Shell;

const DataStatus& GetDataStatus() { return Shell().data; }

void OpenFilePicker() { qd_js_open_file_picker(); }

void RestoreSample() { qd_js_restore_sample(); }

void RequestMoreFrames() { RequestFrames(1); }

void ClearLoadErrors()
{
    Shell().data.loadErrors.clear();
    RequestFrames();
}

// The page writes it (site/app.js downloadWorkspace, qd_download_begin...): in pieces, its turn between them, so a
// 135 MB workspace never blocks the page for long, and the wasm heap never holds the whole text.
void DownloadWorkspace()
{
    if (Shell().app.workspace) qd_js_download_workspace();
}

}  // namespace qd::ui

namespace qd::web {

void SyncPlatform(ShellState& shell)
{
    ui::AppState& app = shell.app;

    const bool zh = ui::CurrentLang() == ui::Lang::Zh;
    const bool light = app.theme == ui::Theme::Light;
    const int prefs = (zh ? 0 : 1) + (light ? 0 : 2);
    if (prefs != shell.mirroredPrefs) {
        shell.mirroredPrefs = prefs;
        qd_js_save_prefs(zh ? "zh" : "en", light ? "light" : "dark");
    }

    // Every change of the workspace is saved a moment later; each further change restarts the wait.
    shell.data.savePending = app.revision != shell.persistedRevision;
    if (shell.data.savePending && app.revision != shell.scheduledRevision) {
        shell.scheduledRevision = app.revision;
        qd_js_schedule_persist();
    }

    // Files the export pages queued (page_export_records.h): one Blob download each.
    std::string name, mime, bytes;
    while (ui::TakeDownload(app, name, mime, bytes))
        qd_js_download(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}

}  // namespace qd::web

// [SECTION] Opening staged files
namespace qd::web {

// The file the page keeps for a streamed open (Module.qdStreamed), lent a piece at a time.
class PageBytes final : public qd::TextSource {
public:
    explicit PageBytes(std::size_t size) : size_(size) {}
    std::size_t size() const override { return size_; }
    void copy(std::size_t offset, std::size_t n, char* to) const override
    {
        qd_js_streamed_copy(static_cast<double>(offset), static_cast<int>(n), to);
    }

private:
    std::size_t size_;
};

// The open in progress (qd_open_begin ... qd_open_end): the load being stepped, what it reads from.
struct OpenInProgress {
    std::unique_ptr<PageBytes> bytes;
    std::unique_ptr<qd::StreamedLoad> load;  // destroyed = dropped: nothing of it is kept
    uint64_t bytesBefore = 0;                // bytes of the files before this one
    bool cancelled = false;
    bool barAsked = false;  // qd_open_redraw was called: the bar's window is up
};
OpenInProgress g_open;

// The files of an open that needs the user to name a renew-rate duration (LoadResult::
// needs_renew_rate_period), kept until OpenWithRenewRatePeriod or CancelRenewRatePeriod.
std::vector<std::pair<std::string, std::string>> g_awaitingPeriod;
int g_awaitingSource = 0;

const char* Opened(qd::LoadResult r, const std::string& names, int source, bool streamed);

// LoadFiles over the files, then the workspace, the load errors or the import report (see qd_load_staged).
const char* LoadStagedFiles(std::vector<std::pair<std::string, std::string>> files, int source,
                            const qd::LoadOptions& options)
{
    std::string names;
    for (const auto& f : files) names += (names.empty() ? "" : ", ") + f.first;
    qd::LoadResult r = qd::LoadFiles(files, options);
    ShellState& shell = Shell();
    RequestFrames();
    if (!r.ok && r.needs_renew_rate_period) {  // the UI asks which duration (docs/huawei-data.md §3)
        g_awaitingPeriod = std::move(files);
        g_awaitingSource = source;
        shell.data.askRenewRatePeriod = true;
    } else {
        files.clear();
        files.shrink_to_fit();  // the text is no longer needed: give the heap back before anything else
        g_awaitingPeriod.clear();
        shell.data.askRenewRatePeriod = false;
    }
    if (!r.ok) {
        shell.data.loadErrors.clear();
        for (const qd::LoadError& e : r.errors) shell.data.loadErrors.push_back(e.str());
        return Result(ErrorsJson(r.errors));
    }
    return Opened(std::move(r), names, source, false);
}

// The workspace an open replaced is freed in a task of its own once the new one's first frame is
// drawn (AfterFrameDrawn), so a person waits neither in the open's answer nor before that frame for
// the old one's memory (100,000 resources take 20-30 ms to free); at the latest after a second (a
// hidden page draws no frames).
namespace {
std::optional<qd::Workspace> g_replaced;
void FreeReplaced(void*) { g_replaced.reset(); }
constexpr int kFreeReplacedAtLatestMs = 1000;
}  // namespace

void AfterFrameDrawn()
{
    if (g_replaced) emscripten_async_call(FreeReplaced, nullptr, 0);
}

// The workspace of a successful open replaces the open one (freed after the next frame, once the new
// one is shown); the answer of qd_load_staged. streamed: read a piece at a time (qd_load_streamed).
const char* Opened(qd::LoadResult r, const std::string& names, int source, bool streamed)
{
    ShellState& shell = Shell();
    RequestFrames();
    qd::ui::AppState& app = shell.app;
    if (app.workspace) {
        g_replaced = std::move(app.workspace);  // an earlier one still waiting is freed here
        emscripten_async_call(FreeReplaced, nullptr, kFreeReplacedAtLatestMs);
    }
    app.workspace = std::move(r.workspace);
    g_journal.Forget();  // storage does not hold this one yet (from storage: qd_journal_restored says so)
    qd::ui::MarkChanged(app);
    if (source != kFromFiles) qd::ui::StartHistory(app);  // opened fresh; files opened are a change to undo
    // What the console may now have to draw: the characters the loader met in the file, or (another
    // path) every string of the workspace walked.
    if (r.characters) AddCharacters(*r.characters);
    else AddWorkspaceText(*app.workspace);
    shell.data.loadErrors.clear();
    shell.data.fileNames = names;
    shell.data.restoredSavedAt.reset();
    shell.data.source = source == kFromSample    ? qd::ui::WorkspaceSource::Sample
                        : source == kFromStorage ? qd::ui::WorkspaceSource::BrowserStorage
                                                 : qd::ui::WorkspaceSource::Files;
    // The import report of Huawei responses: "opened N, skipped K", the warnings one click away.
    shell.data.importReport = r.records > 0 || r.skipped > 0 || !r.warnings.empty();
    shell.data.importRecords = r.records;
    shell.data.importSkipped = r.skipped;
    shell.data.importWarnings.clear();
    for (const qd::LoadError& w : r.warnings) shell.data.importWarnings.push_back(w.str());
    // The sample and what storage already holds need no save; files the user opened do.
    if (source != kFromFiles) shell.persistedRevision = shell.scheduledRevision = app.revision;
    std::string out = "{\"ok\":true,\"streamed\":" + std::string(streamed ? "true" : "false") +
                      ",\"summary\":" + qd::SummaryJson(*app.workspace);
    out += ",\"records\":" + std::to_string(r.records) + ",\"skipped\":" + std::to_string(r.skipped);
    JsonWriter warnings;
    warnings.beginArray();
    for (const qd::LoadError& w : r.warnings) warnings.string(w.str());
    warnings.endArray();
    out += ",\"warnings\":" + warnings.take();
    return Result(out + "}");
}

}  // namespace qd::web

namespace qd::ui {

void DismissImportReport()
{
    web::Shell().data.importReport = false;
    web::RequestFrames();
}

void OpenWithRenewRatePeriod(bool years, int num)
{
    if (web::g_awaitingPeriod.empty()) return;
    LoadOptions options;
    options.renew_rate_period = RenewRatePeriod{years ? TermUnit::Year : TermUnit::Month, num};
    std::vector<std::pair<std::string, std::string>> files;
    files.swap(web::g_awaitingPeriod);
    web::LoadStagedFiles(std::move(files), web::g_awaitingSource, options);
}

void CancelOpen()
{
    DataStatus& data = web::Shell().data;
    if (!data.opening.active || !data.opening.cancellable) return;
    web::g_open.cancelled = true;
    web::g_open.load.reset();  // what was read so far is freed at once
    web::g_open.bytes.reset();
    web::g_staged.clear();
    web::g_staged.shrink_to_fit();
    data.opening.active = false;  // the bar goes with the next frame; the page ends the open at its next step
    web::RequestFrames();
}

void CancelRenewRatePeriod()
{
    web::g_awaitingPeriod.clear();
    web::g_awaitingPeriod.shrink_to_fit();
    web::Shell().data.askRenewRatePeriod = false;
    web::RequestFrames();
}

}  // namespace qd::ui

using namespace qd::web;

// [SECTION] Exports: opening, memory, the log
extern "C" {

// Stages one file of the next qd_load_staged: returns where the page writes its `size` bytes. The
// buffer has qd::kLoadPadding bytes to spare, so the loader's fast path reads it in place, without a
// second copy of the file (docs/performance.md).
EMSCRIPTEN_KEEPALIVE char* qd_stage_file(const char* fileName, int size)
{
    std::string text;
    text.reserve(static_cast<size_t>(size > 0 ? size : 0) + qd::kLoadPadding);
    text.resize(static_cast<size_t>(size > 0 ? size : 0));
    g_staged.emplace_back(fileName, std::move(text));
    std::string& bytes = g_staged.back().second;
    return bytes.empty() ? nullptr : bytes.data();
}

// Opens every staged file as one workspace (LoadFiles: one quotedesk/1 file and/or Huawei BSS
// responses merged). source: 0 files the user opened, 1 the sample, 2 browser storage. On failure
// the open workspace is unchanged and {"ok":false,"errors":[{file,pointer,line,column,message,text}]}
// comes back; on success it replaces the open one and {"ok":true,"summary":{...}}.
EMSCRIPTEN_KEEPALIVE const char* qd_load_staged(int source)
{
    std::vector<std::pair<std::string, std::string>> files;
    files.swap(g_staged);
    return LoadStagedFiles(std::move(files), source, {});
}

// One file the page keeps (Module.qdStreamed, `size` bytes), opened without staging it: the loader
// reads it a piece at a time (core/io/load.h LoadWorkspaceStreamed), so the wasm heap, which never
// shrinks, never holds the whole text beside the workspace read from it (docs/performance.md
// "Streamed"). The answer of qd_load_staged, or "" when the fast path does not take the file (a
// Huawei response, a file with a problem): the page then stages it and calls qd_load_staged, which
// reads it whole and says what is wrong. source: as for qd_load_staged. In one call: the page opens
// with qd_open_begin... instead, a step per slice of a frame.
EMSCRIPTEN_KEEPALIVE const char* qd_load_streamed(const char* fileName, double size, int source)
{
    std::optional<qd::LoadResult> r =
        qd::LoadWorkspaceStreamed(PageBytes(static_cast<std::size_t>(size > 0 ? size : 0)), fileName);
    if (!r) return Result("");
    g_awaitingPeriod.clear();
    Shell().data.askRenewRatePeriod = false;
    return Opened(std::move(*r), fileName, source, true);
}

// [SECTION] Exports: an open in progress
// The page opens files a slice at a time, its events running between slices (docs/architecture.md §2
// "Opening a file"), so the console draws its bar (ui/open_progress.h) and 取消 / Esc can drop the open:
//   qd_open_begin(names, files, bytes, cancellable)      the bar is up (drawn from the next qd_open_redraw)
//   qd_open_file(i, bytesBefore)                         file i (0-based) is being read or staged
//   qd_open_stream_begin(name, size)                     one file: a StreamedLoad over Module.qdStreamed
//   qd_open_stream_step(bytes) -> 1 done, 0 more, -1 cancelled    about `bytes` more of it read
//   qd_open_redraw()                                     the bar's progress worth a frame (the page's pace)
//   qd_open_stream_finish(source)                        qd_load_streamed's answer ("" : stage it)
//   qd_open_cancelled() -> 1 when the user cancelled     checked by the page after every wait
//   qd_open_end()                                        the bar goes; whatever is left is dropped
//   qd_open_cancel()                                     the test API's cancel, as the button's
//   qd_open_progress()                                   {"active","cancellable","files","file","done","total","names","cancelled"}
// One open at a time: site/app.js refuses a second while one runs. Cancel drops the StreamedLoad and
// the staged files at once; nothing else was touched, so the workspace, its history, storage and
// the address are as they were.
EMSCRIPTEN_KEEPALIVE void qd_open_begin(const char* names, int files, double bytes, int cancellable)
{
    g_open = OpenInProgress{};
    qd::ui::OpenProgress& p = Shell().data.opening;
    p = qd::ui::OpenProgress{};
    p.active = true;
    p.cancellable = cancellable != 0;
    p.fileNames = names;
    p.files = files;
    p.total = static_cast<uint64_t>(bytes > 0 ? bytes : 0);
}

EMSCRIPTEN_KEEPALIVE void qd_open_file(int index, double bytesBefore)
{
    qd::ui::OpenProgress& p = Shell().data.opening;
    g_open.bytesBefore = static_cast<uint64_t>(bytesBefore > 0 ? bytesBefore : 0);
    p.file = index + 1;
    p.done = std::max(p.done, g_open.bytesBefore);
}

EMSCRIPTEN_KEEPALIVE int qd_open_stream_begin(const char* fileName, double size)
{
    if (g_open.cancelled) return 0;
    g_open.bytes = std::make_unique<PageBytes>(static_cast<std::size_t>(size > 0 ? size : 0));
    g_open.load = std::make_unique<qd::StreamedLoad>(*g_open.bytes, fileName);
    return 1;
}

EMSCRIPTEN_KEEPALIVE int qd_open_stream_step(int bytes)
{
    if (g_open.cancelled || !g_open.load) return -1;
    const bool done = g_open.load->Step(static_cast<std::size_t>(bytes > 0 ? bytes : 1));
    qd::ui::OpenProgress& p = Shell().data.opening;
    p.done = std::max(p.done, g_open.bytesBefore + g_open.load->progress().done);
    return done ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void qd_open_redraw()
{
    // The bar's window appears sized to its contents: measured in its first frame, shown in the second.
    RequestFrames(g_open.barAsked ? 1 : 2);
    g_open.barAsked = true;
}

EMSCRIPTEN_KEEPALIVE const char* qd_open_stream_finish(int source)
{
    if (!g_open.load) return Result("");
    std::optional<qd::LoadResult> r = g_open.load->Finish();
    const std::string name = g_open.load->fileName();
    g_open.load.reset();
    g_open.bytes.reset();
    if (!r) return Result("");
    g_awaitingPeriod.clear();
    Shell().data.askRenewRatePeriod = false;
    return Opened(std::move(*r), name, source, true);
}

EMSCRIPTEN_KEEPALIVE int qd_open_cancelled() { return g_open.cancelled ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE void qd_open_end()
{
    g_open.load.reset();
    g_open.bytes.reset();
    Shell().data.opening = qd::ui::OpenProgress{};
    RequestFrames();
}

EMSCRIPTEN_KEEPALIVE void qd_open_cancel() { qd::ui::CancelOpen(); }

EMSCRIPTEN_KEEPALIVE const char* qd_open_progress()
{
    const qd::ui::OpenProgress& p = Shell().data.opening;
    qd::JsonWriter w;
    w.beginObject();
    w.member("active", p.active);
    w.member("cancellable", p.cancellable);
    w.member("names", p.fileNames);
    w.member("files", p.files);
    w.member("file", p.file);
    w.member("done", static_cast<int64_t>(p.done));
    w.member("total", static_cast<int64_t>(p.total));
    w.member("cancelled", g_open.cancelled);
    w.endObject();
    return Result(w.take());
}

// One file at once (kept for callers of the first API): a staged open of just this file.
EMSCRIPTEN_KEEPALIVE const char* qd_load(const char* fileName, const char* data, int size)
{
    char* to = qd_stage_file(fileName, size);
    if (to) std::memcpy(to, data, static_cast<size_t>(size));
    return qd_load_staged(kFromFiles);
}

// A file too big for the page (core/io/load.h CheckOpenMemory): may `bytes` of files be opened now?
// {"fits","needed","available","ceiling"}. The ceiling is the heap's (emscripten_get_heap_max),
// lowered by qd_set_memory_limit: the page sets it from navigator.deviceMemory, and browser tests
// lower it to see an open refused. What is in use is what malloc has handed out and not taken back;
// counting it (mallinfo) walks every block of the heap, 10 ms after an open of 10,000 resources and
// ~10x that at 100,000, before every open: when `bytes` fit even with the whole heap counted as in
// use, it is not counted, and "available" is then at least what it says (docs/performance.md).
static double g_memoryLimit = 0;  // bytes; 0 = the heap's own ceiling
EMSCRIPTEN_KEEPALIVE void qd_set_memory_limit(double bytes) { g_memoryLimit = bytes > 0 ? bytes : 0; }
EMSCRIPTEN_KEEPALIVE const char* qd_check_open(double bytes)
{
    uint64_t ceiling = emscripten_get_heap_max();
    if (g_memoryLimit > 0) ceiling = std::min(ceiling, static_cast<uint64_t>(g_memoryLimit));
    const uint64_t fileBytes = static_cast<uint64_t>(bytes > 0 ? bytes : 0);
    const uint64_t heapSize = emscripten_get_heap_size();  // >= what malloc has handed out
    const bool surelyFits = fileBytes > 0 && qd::CheckOpenMemory(fileBytes, heapSize, ceiling).fits;
    const uint64_t inUse = surelyFits ? heapSize : static_cast<uint64_t>(static_cast<unsigned>(mallinfo().uordblks));
    const qd::OpenMemoryCheck check = qd::CheckOpenMemory(fileBytes, inUse, ceiling);
    qd::JsonWriter w;
    w.beginObject();
    w.member("fits", check.fits);
    w.member("needed", static_cast<int64_t>(std::min<uint64_t>(check.needed, INT64_MAX)));
    w.member("available", static_cast<int64_t>(check.available));
    w.member("ceiling", static_cast<int64_t>(ceiling));
    w.endObject();
    g_result = w.take();
    return g_result.c_str();
}

// The operation log kept beside the workspace in browser storage (core/report/workspace_history.h
// HistoryLogJson), and given back after the workspace was reopened from there.
EMSCRIPTEN_KEEPALIVE const char* qd_history_log()
{
    g_result = qd::HistoryLogJson(qd::web::Shell().app.history.log());
    return g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE void qd_history_restore(const char* json)
{
    if (auto log = qd::ParseHistoryLog(json ? json : "")) qd::web::Shell().app.history.restoreLog(std::move(*log));
    qd::web::RequestFrames();
}

// The workspace just restored from storage had been saved at savedAtMs (ms since the epoch).
EMSCRIPTEN_KEEPALIVE void qd_note_restored(double savedAtMs)
{
    qd::web::Shell().data.restoredSavedAt = FromMs(savedAtMs);
    qd::web::RequestFrames();
}

// [SECTION] Exports: the save to browser storage
// Browser storage gets the open workspace in pieces, the page's turn between them, so that saving 135 MB never
// blocks the page for long (docs/architecture.md §4): qd_persist_begin() starts it and returns the revision it
// is of; each qd_persist_next(bytes) writes the next piece of about `bytes` bytes (WorkspaceSaveStream:
// together exactly SaveWorkspace's text) to qd_saved_data() and returns its size, 0 when the text is
// complete (0 at once: no workspace, clear the store), -1 when the workspace changed meanwhile (the
// save is void; the change has scheduled another). qd_saved_release() frees the piece buffer.
EMSCRIPTEN_KEEPALIVE double qd_persist_begin()
{
    const auto& app = qd::web::Shell().app;
    g_persist.begin(app);
    return static_cast<double>(app.revision);
}
EMSCRIPTEN_KEEPALIVE int qd_persist_next(int bytes) { return g_persist.next(qd::web::Shell().app, bytes); }
EMSCRIPTEN_KEEPALIVE int qd_persist_progress() { return g_persist.progress(); }
EMSCRIPTEN_KEEPALIVE const char* qd_saved_data() { return g_persist.piece().data(); }
EMSCRIPTEN_KEEPALIVE int qd_saved_size() { return static_cast<int>(g_persist.piece().size()); }
EMSCRIPTEN_KEEPALIVE void qd_saved_release() { g_persist.release(); }

// The page stored revision `revision` at savedAtMs, or failed with `error` (non-empty). Either way
// that revision is done: the next change tries again.
EMSCRIPTEN_KEEPALIVE void qd_persist_done(double revision, double savedAtMs, const char* error)
{
    auto& shell = qd::web::Shell();
    shell.persistedRevision = static_cast<uint64_t>(revision);
    if (error && *error) {
        shell.data.storageError = error;
    } else {
        shell.data.storageError.clear();
        shell.data.lastSavedAt = FromMs(savedAtMs);
    }
    qd::web::RequestFrames(2);
}

// [SECTION] Exports: the download
// Ctrl+S, the settings page's button and the test API: the open workspace as a download
// (quotedesk-workspace-2024-04-15.json), exactly SaveWorkspace's bytes, written by the page a piece
// per task like the save to browser storage: qd_download_begin() starts it and returns the file name
// ("" when no workspace is open; qd_download_name() gives it alone); each qd_download_next(bytes) writes the next piece of about `bytes`
// bytes to qd_download_data() and returns its size, 0 when the text is complete, -1 when the
// workspace changed meanwhile (the page starts again: the download is of the workspace as it is
// now); qd_download_progress() is 0..100; qd_download_release() frees the piece buffer.
// qd_download_name() is the file name alone ("" when no workspace is open), for a download of a text
// the page kept.
EMSCRIPTEN_KEEPALIVE const char* qd_download_name()
{
    const auto& app = qd::web::Shell().app;
    g_downloadName.clear();
    if (!app.workspace) return g_downloadName.c_str();
    const std::string day = qd::FormatIso(app.clock, app.workspace->rules.zone).substr(0, 10);  // 2024-04-15
    g_downloadName = "quotedesk-workspace-" + day + ".json";
    return g_downloadName.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* qd_download_begin()
{
    if (!g_download.begin(qd::web::Shell().app)) {
        g_downloadName.clear();
        return g_downloadName.c_str();
    }
    return qd_download_name();
}
EMSCRIPTEN_KEEPALIVE int qd_download_next(int bytes) { return g_download.next(qd::web::Shell().app, bytes); }
EMSCRIPTEN_KEEPALIVE const char* qd_download_data() { return g_download.piece().data(); }
EMSCRIPTEN_KEEPALIVE int qd_download_progress() { return g_download.progress(); }
EMSCRIPTEN_KEEPALIVE void qd_download_release() { g_download.release(); }

// The revision of the open workspace (ui/app.h: it moves with every change and every open). The page
// keeps the last whole text it wrote (for storage or a download) with the revision it is of, and hands
// it to Ctrl+S while this is unchanged (docs/performance.md, "Ctrl+S: the first one after an open").
EMSCRIPTEN_KEEPALIVE double qd_workspace_revision() { return static_cast<double>(qd::web::Shell().app.revision); }

// Asks the page for the download (the same as Ctrl+S).
EMSCRIPTEN_KEEPALIVE void qd_download_workspace() { qd::ui::DownloadWorkspace(); }

// [SECTION] Exports: the journal
// The journal (docs/architecture.md §6, Journal above). qd_journal_next() makes the entry of the
// changes since storage was last written: its size (the text at qd_journal_data(), of revision
// qd_journal_revision()), or -1 when the workspace is to be saved whole (qd_persist_begin...).
// qd_journal_stored() after the entry was stored; qd_journal_forget() when it was not (refused,
// failed): the next entry then covers both changes. A whole save: qd_journal_base_written(bytes) once
// its text is complete, qd_journal_base_stored(ok) once storage took it or failed.
EMSCRIPTEN_KEEPALIVE int qd_journal_next() { return g_journal.Next(qd::web::Shell().app); }
EMSCRIPTEN_KEEPALIVE const char* qd_journal_data() { return g_journal.patch().data(); }
EMSCRIPTEN_KEEPALIVE double qd_journal_revision() { return static_cast<double>(g_journal.revision()); }
EMSCRIPTEN_KEEPALIVE void qd_journal_stored() { g_journal.Stored(qd::web::Shell().app); }
EMSCRIPTEN_KEEPALIVE void qd_journal_forget() { g_journal.DropPatch(); }
EMSCRIPTEN_KEEPALIVE void qd_journal_base_written(double bytes)
{
    g_journal.BaseWritten(qd::web::Shell().app, static_cast<uint64_t>(bytes));
}
EMSCRIPTEN_KEEPALIVE void qd_journal_base_stored(int ok) { g_journal.BaseStored(ok != 0); }

// Reopening from storage: after the base was opened (qd_load_staged(2)), each entry in order is applied
// to the open workspace with a load's checks (ApplyWorkspacePatch): {"ok":true} or the errors as
// qd_load_staged gives them, the workspace then unchanged. qd_journal_restored() at the end says how
// much of the journal applied; the history starts over and nothing is waiting to be saved.
EMSCRIPTEN_KEEPALIVE const char* qd_journal_apply(const char* patch, const char* fileName)
{
    auto& app = qd::web::Shell().app;
    if (!app.workspace) return Result(R"({"ok":false,"errors":[{"text":"no workspace is open"}]})");
    const qd::LoadErrors errors = qd::ApplyWorkspacePatch(*app.workspace, patch ? patch : "", fileName ? fileName : "");
    if (!errors.empty()) return Result(ErrorsJson(errors));
    qd::ui::MarkChanged(app);
    AddWorkspaceText(*app.workspace);
    return Result(R"({"ok":true})");
}
// Following another tab that stored entries (docs/architecture.md §6): each new entry in order,
// applied to the open workspace and to the kept copy; {"ok":true} or the errors (then the page reopens
// storage whole). qd_journal_followed() once all are in: the history starts over, nothing is waiting.
EMSCRIPTEN_KEEPALIVE const char* qd_journal_follow(const char* patch, const char* fileName)
{
    auto& app = qd::web::Shell().app;
    qd::LoadErrors errors;
    if (!g_journal.Follow(app, patch ? patch : "", fileName ? fileName : "", errors)) {
        if (errors.empty()) errors.push_back({fileName ? fileName : "", "", 0, 0, "no stored workspace to follow"});
        return Result(ErrorsJson(errors));
    }
    qd::ui::MarkChanged(app);
    AddWorkspaceText(*app.workspace);
    return Result(R"({"ok":true})");
}
EMSCRIPTEN_KEEPALIVE void qd_journal_followed()
{
    auto& shell = qd::web::Shell();
    qd::ui::StartHistory(shell.app);
    shell.persistedRevision = shell.scheduledRevision = shell.app.revision;
    qd::web::RequestFrames();
}

EMSCRIPTEN_KEEPALIVE void qd_journal_restored(double baseBytes, int entries, double journalBytes, int complete)
{
    auto& shell = qd::web::Shell();
    g_journal.Restored(shell.app, static_cast<uint64_t>(baseBytes), entries, static_cast<uint64_t>(journalBytes),
                       complete != 0);
    qd::ui::StartHistory(shell.app);
    shell.persistedRevision = shell.scheduledRevision = shell.app.revision;
    qd::web::RequestFrames();
}

}  // extern "C"
