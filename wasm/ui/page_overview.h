// The view state of the 概览 page (filters, selection, open dialogs); lives in AppState so it
// survives page switches. Owned by page_overview.cpp.
#pragma once

namespace qd::ui {

struct OverviewPageState {
};

} // namespace qd::ui
