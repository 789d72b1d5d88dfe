// 4.1 待支付订单: pending orders with the seed's filters, pay one, combined payment, cancel,
// details, batch export.
#include "ui/order_list.h"
#include "ui/pages.h"

namespace qd::ui {

void DrawPendingOrdersPage(AppState& state)
{
    PageHeader(TextId::NavPendingOrders, TextId::IntroPendingOrders);
    DrawOrderList(state, state.pendingOrders);
}

}  // namespace qd::ui
