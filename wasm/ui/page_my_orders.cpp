// 4.3 我的订单: every order with the seed's filters (order number, product type, order type,
// status), details with trade history, pay / cancel of pending ones, export all.
#include "ui/order_list.h"
#include "ui/pages.h"

namespace qd::ui {

void DrawMyOrdersPage(AppState& state)
{
    PageHeader(TextId::NavMyOrders, TextId::IntroMyOrders);
    DrawOrderList(state, state.myOrders);
}

}  // namespace qd::ui
