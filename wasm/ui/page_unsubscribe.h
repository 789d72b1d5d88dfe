// The view state of the 云服务退订 page (filters, selection, open dialogs); lives in AppState so it
// survives page switches. Owned by page_unsubscribe.cpp.
#pragma once

namespace qd::ui {

struct UnsubscribePageState {
};

} // namespace qd::ui
