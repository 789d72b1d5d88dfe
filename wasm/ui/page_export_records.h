// The view state of the 导出记录 page (filters, selection, open dialogs); lives in AppState so it
// survives page switches. Owned by page_export_records.cpp.
#pragma once

namespace qd::ui {

struct ExportRecordsPageState {
};

} // namespace qd::ui
