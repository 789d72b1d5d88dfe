// What the console's views may ask of the browser, and what it tells them: the 设置 > 数据 section
// (open files, save the workspace, restore the sample, browser storage). The UI declares what it
// needs and the platform provides it (wasm/web/workspace_io.cpp), so ui/ never includes web/.
//
// Files. OpenFilePicker() shows the browser's file dialog (several files at once: at most one
// quotedesk/1 workspace plus Huawei BSS responses, merged by LoadFiles); dropping files on the page
// and Ctrl+O do the same. Opening is atomic: a bad file leaves the open workspace as it was and its
// errors (file, JSON pointer or line:column, what was expected) land in DataStatus::loadErrors.
//
// Storage. Whenever AppState::revision moves (ui::MarkChanged), the workspace is saved to the
// browser's IndexedDB a moment later (debounced, outside the frame), and the next visit opens it
// instead of the sample. RestoreSample() reopens the sample and forgets the stored workspace.
// The language and the theme are kept too (localStorage).
//
// Frames. The platform draws a frame only when something asks for one (input, a finished save, a
// loaded file), so an idle page costs nothing. A view that does a long job a slice per frame (the
// overview's 12-month auto-renew forecast at 100,000 resources, core/engine/forecast.h ForecastBuilder)
// calls RequestMoreFrames() in each frame that did a slice and left work for later: the next frame
// comes without input. When no view asks any more, the page goes idle again.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/calendar.h"

namespace qd::ui {

// Where the open workspace came from.
enum class WorkspaceSource { None, Sample, BrowserStorage, Files };

// An open in progress (docs/architecture.md §2 "Opening a file"): the page reads the files between
// animation frames and the console draws a bar (ui/open_progress.h); 取消 or Esc drops the open
// (CancelOpen) and the open workspace, its history, storage and the address stay as they were.
struct OpenProgress {
    bool active = false;
    bool cancellable = false;      // files the user opened; not the sample or browser storage being reopened
    std::string fileNames;         // "a.json" or "a.json, b.json"
    int file = 0, files = 0;       // the file being read (1-based) of how many
    uint64_t done = 0, total = 0;  // bytes of all the files (core/io/load.h LoadProgress)
};

struct DataStatus {
    WorkspaceSource source = WorkspaceSource::None;
    std::string fileNames;                   // the files it was opened from, "a.json, b.json" (Files)
    std::optional<Instant> restoredSavedAt;  // BrowserStorage: when the stored copy had been saved
    std::optional<Instant> lastSavedAt;      // the last save to browser storage in this visit
    bool savePending = false;                // a change waits for its (debounced) save
    std::string storageError;                // why browser storage failed ("" = it works)
    std::vector<std::string> loadErrors;     // the last refused open: one line per error (LoadError::str())
    // The last open of Huawei responses (docs/huawei-data.md "Partial import"), as LoadFiles reported it:
    // records opened and skipped, and one line per warning ("FILE: /json/pointer: what and why").
    bool importReport = false;  // shown until dismissed
    std::size_t importRecords = 0, importSkipped = 0;
    std::vector<std::string> importWarnings;
    bool askRenewRatePeriod = false;  // a bare renew-rate response: the user names the duration it prices
    OpenProgress opening;             // an open in progress
};

const DataStatus& GetDataStatus();

void OpenFilePicker();       // the browser's file dialog; what the user picks is opened (merged)
void DownloadWorkspace();    // the open workspace (SaveWorkspace) as a .json download
void RestoreSample();        // reopens the embedded sample and clears the stored workspace
void ClearLoadErrors();      // the user dismissed the errors of the last refused open
void DismissImportReport();  // the user closed the "opened N, skipped K" notice
// The files of the open that needed it, opened again with the duration the user chose (months 1..11 or
// years 1..3); years == false: months. CancelRenewRatePeriod() drops them (the open workspace stays).
void OpenWithRenewRatePeriod(bool years, int num);
void CancelRenewRatePeriod();
void CancelOpen();  // the user dropped the open in progress (OpenProgress::cancellable): nothing changes

// Printing (docs/architecture.md §10): the HTML fragment of a quote sheet (core/report/quote_sheet.h
// QuoteSheetHtml) replaces the page's print area and the browser's print dialog opens; `title` names
// the document (the PDF's default file name).
void PrintHtml(const std::string& html, const std::string& title);

void RequestMoreFrames();  // this frame left work for the next: draw it soon, without waiting for input

}  // namespace qd::ui
