// order_list: the order table shared by 待支付订单 (4.1) and 我的订单 (4.3): the seed's filters
// (order number, product type, order type, status, and on 我的订单 创建时间; the rows are
// core/report/order_query.h QueryOrders), row selection for the batch actions, the
// details panel with its trade history (3 shown, "查看全部记录" with filters, seed 4.3.3), and the
// dialogs of the actions:
//   支付 (one row) and 合并支付 (1..combined_pay_max selected, seed 4.1.1): the orders and amounts,
//     the usable coupons as tick boxes (at most 3 vouchers / flexi coupons + 1 discount coupon,
//     payment.h), the cash balance, what is missing when it is short; 确认付款 -> PayOrders. Orders
//     whose status changed, pending_review and pending_confirmation ones are named with the seed's
//     messages; a combined trade order is paid as a whole.
//   取消 (one row) and 取消订单 (1..batch_cancel_max selected, seed 4.1.2 / 4.3.2): the "提示"
//     confirmation -> CancelOrders; a combined trade order cancels all its orders.
//   订单状态说明 (seed 4.3.5): the statuses and their meanings.
// Enter confirms a dialog, Esc closes it.
//
// Statuses are shown as of the clock (orders.h StatusAsOf: a pending order past its deadline is
// cancelled). 待支付订单 lists the orders still waiting to be paid: pending payment, and those that
// must first be reviewed or confirmed (pending_review / pending_confirmation, not unsubscriptions).
//
// The filtered rows are derived from the workspace and the filter; they are rebuilt only when
// either changes (AppState::revision, an edit of the filter, the clock moving by a minute), so a
// frame over 100k orders only draws the visible rows (ImGuiListClipper).
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/engine/orders.h"
#include "core/model/workspace.h"
#include "ui/project_filter.h"

namespace qd::ui {

struct AppState;

// The payment dialog (支付 / 合并支付).
struct PaymentDialogState {
    bool open = false, opening = false;
    bool combined = false;                              // 合并支付 (title)
    std::vector<std::string> orderIds;                  // as chosen
    std::optional<std::vector<std::string>> couponIds;  // absent: the automatic choice (payment.h)
    PaymentResult plan;                                 // PlanPayment as of planAsOf
    bool planned = false;
    uint64_t planRevision = 0;
    Instant planAsOf;
    std::optional<PaymentResult> done;  // after 确认付款
};

// The cancel confirmation (取消 / 取消订单).
struct CancelDialogState {
    bool open = false, opening = false;
    std::vector<std::string> orderIds;
    CancelResult plan;  // PlanCancel as of planAsOf
    bool planned = false;
    uint64_t planRevision = 0;
    Instant planAsOf;
    std::optional<CancelResult> done;  // after 确定
};

struct OrderListState {
    bool pendingOnly = false;  // 待支付订单: orders waiting to be paid (see above), status filter hidden
    char search[128] = {};     // order id (substring, case-insensitive ASCII)
    int type = -1;             // OrderType index; -1 = all
    int status = -1;           // OrderStatus index (as of the clock); -1 = all
    std::string serviceType;   // service_type_name; "" = all (a name no order has any more: none shown)
    ProjectFilter project;     // 企业项目; "" = all
    // 创建时间 (我的订单 only; seed 4.3 step 4, seed 6): a CreatedPreset (0 近六个月, the default), and the
    // days of 自定义 as typed; the range itself is the core's (core/report/order_query.h CreatedTimeRange).
    int created = 0;
    char createdFrom[16] = {}, createdTo[16] = {};
    std::string createdProblem;                   // why the 自定义 days give no range (words shown after the filter)
    std::string createdShown;                     // the range applied: 2024-07-14 至 2025-01-14
    std::vector<ProjectOrderSubtotal> subtotals;  // of `rows` by enterprise project (when the workspace has any)
    std::vector<std::string> serviceTypes;        // distinct service_type_name of the workspace, sorted (for the combo)
    uint64_t serviceTypesFor = UINT64_MAX;        // AppState::revision serviceTypes were gathered for
    std::vector<std::size_t> rows;                // indices into ws.orders passing the filter, newest first
    uint64_t builtFor = UINT64_MAX;               // AppState::revision the rows were built for
    Instant builtAsOf;                            // the clock the rows were built for
    bool dirty = true;                            // filter edited since the rows were built
    std::set<std::string> selected;               // order ids ticked for the batch actions
    std::string details;                          // order shown in the details panel; "" = none
    std::string systemActedFor;                   // the details the system's unsubscription ran for (DrawDetails)
    bool showAllHistory = false;                  // the "查看全部记录" window
    std::vector<TradeHistoryEntry> history;       // TradeHistory of `details` (later orders included), built for:
    std::string historyOf;
    uint64_t historyRevision = UINT64_MAX;
    char historySearch[128] = {};
    int historyType = -1;
    int historyCreated = -1;  // 查看全部记录's 创建时间: -1 全部, else a CreatedPreset
    char historyFrom[16] = {}, historyTo[16] = {};
    std::string historyProblem;                   // why the 自定义 days give no range
    std::vector<TradeHistoryEntry> historyShown;  // the window's rows (TradeHistory with its filter)
    std::string historyShownKey;                  // the filter and revision historyShown is for
    PaymentDialogState payment;
    CancelDialogState cancel;
    bool legendOpen = false, legendOpening = false;  // 订单状态说明
};

// Filters + batch bar + table + details + dialogs for one page.
void DrawOrderList(AppState& app, OrderListState& list);

// Opens the payment dialog for these orders (combined: the 合并支付 title).
void OpenPaymentDialog(OrderListState& list, std::vector<std::string> orderIds, bool combined);
// Opens the cancel confirmation for these orders.
void OpenCancelDialog(OrderListState& list, std::vector<std::string> orderIds);

}  // namespace qd::ui
