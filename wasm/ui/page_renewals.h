// The view state of the 续费管理 page (filters, selection, open dialogs); lives in AppState so it
// survives page switches. Owned by page_renewals.cpp.
#pragma once

namespace qd::ui {

struct RenewalsPageState {
};

} // namespace qd::ui
