// The 导出记录 page (seed 5 订单导出记录) and the export entry point the other pages use.
//
//   ExportRequest req;                                   // core/report/exports.h
//   req.kind = ExportKind::PendingOrders;                // 待支付订单 "批量导出" (seed 4.1.4)
//   req.ids = std::vector<std::string>{"CS25011316401M3QF"};
//   ExportAndDownload(app, req);                         // from a button of the order list / renewals page
//   DrawExportRefusals(app, ExportKind::PendingOrders);  // next to that button, every frame
//
// ExportAndDownload runs the core export as of AsOf(app) (request.as_of is replaced), records it in
// the workspace (expired records are removed at the same time), calls MarkChanged, queues the file
// for the browser and, as the console does (seed 4.1.4 step 5, 4.2.7.1 step 7, 4.3.4 step 5: 导出后页面
// 自动跳转到"导出记录"), moves to this page with the new record highlighted. A refused export changes
// nothing; its refusal is kept for DrawExportRefusals, which the calling page draws in place.
//
// The page lists the live records (LiveExportRecords as of AsOf(app): a record is gone 3 days -
// export_record_days - after it was made), newest first: file name, kind, created time, rows,
// status, deletion time and "下载", which hands the file again to the browser.
//
// The browser cannot be called from here: a download is queued in pendingDownload and the web shell
// collects it each frame with TakeDownload (wasm/web turns it into a Blob download).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/report/exports.h"

namespace qd::ui {

struct AppState;

// A file waiting for the browser to download it.
struct PendingDownload {
    std::string name;   // file name, e.g. "续费清单_20250114100000.csv"
    std::string mime;   // "text/csv;charset=utf-8" | "application/json"
    std::string bytes;  // the file
};

struct ExportRecordsPageState {
    std::optional<PendingDownload> pendingDownload;  // taken by the web shell (TakeDownload)

    // Live records, rebuilt when the workspace (revision) or the clock changes.
    std::vector<std::size_t> rows;     // indices into ws.export_records, newest first
    std::vector<RecordFile> rowFiles;  // RecordFileOf each row (parsed once, not per frame)
    uint64_t builtFor = UINT64_MAX;    // AppState::revision of rows
    Instant builtAsOf;                 // the clock of rows
    bool built = false;

    std::string highlight;  // id of the record just made (drawn selected)
    std::string notice;     // last download / export on this page ("已开始下载 …")
    Refusals refusals;      // why the last download on this page failed

    std::optional<ExportKind> refusedKind;  // the kind of the last refused ExportAndDownload
    Refusals exportRefusals;                // and why (DrawExportRefusals)
};

// Exports, records, queues the download and shows this page (see above). Returns what the core did.
RecordedExport ExportAndDownload(AppState& app, const ExportRequest& request);

// Draws the refusal of the last ExportAndDownload of `kind` (wrapped error text; nothing when the
// last one of that kind worked). Returns true when it drew something.
bool DrawExportRefusals(AppState& app, ExportKind kind);
// Forgets that refusal (e.g. when the calling page's selection changes).
void ClearExportRefusals(AppState& app);

// Hands a queued download to the web shell: true (and the file) once per queued file.
bool TakeDownload(AppState& app, std::string& name, std::string& mime, std::string& bytes);

}  // namespace qd::ui
