// order_list: the order table shared by 待支付订单 (4.1) and 我的订单 (4.3): the seed's filters
// (order number, product type, order type, status), row selection for the batch actions, the
// details panel with its trade history (3 shown, "查看全部记录" with filters, seed 4.3.3).
//
// The filtered rows are derived from the workspace and the filter; they are rebuilt only when
// either changes (AppState::revision, or an edit of the filter), so a frame over 100k orders only
// draws the visible rows (ImGuiListClipper).
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/workspace.h"

namespace qd::ui {

struct AppState;

struct OrderListState {
    bool pendingOnly = false;            // 待支付订单: only pending_payment, status filter hidden
    char search[128] = {};               // order id (substring, case-insensitive ASCII)
    int type = -1;                       // OrderType index; -1 = all
    int status = -1;                     // OrderStatus index; -1 = all
    int serviceType = -1;                // index into serviceTypes; -1 = all
    std::vector<std::string> serviceTypes;   // distinct service_type_name of the workspace, sorted
    std::vector<std::size_t> rows;       // indices into ws.orders passing the filter, newest first
    uint64_t builtFor = UINT64_MAX;      // AppState::revision the rows were built for
    bool dirty = true;                   // filter edited since the rows were built
    std::set<std::string> selected;      // order ids ticked for the batch actions
    std::string details;                 // order shown in the details panel; "" = none
    bool showAllHistory = false;         // the "查看全部记录" window
    char historySearch[128] = {};
    int historyType = -1;
};

// Filters + batch bar + table + details for one page.
void DrawOrderList(AppState& app, OrderListState& list);

} // namespace qd::ui
