// 4.1 待支付订单: pay, combined pay, cancel, details, batch export.
#include <imgui.h>

#include "ui/pages.h"

namespace qd::ui {

void DrawPendingOrdersPage(AppState& state)
{
    (void)state;
    PageHeader(Text::NavPendingOrders, Text::IntroPendingOrders);
    ImGui::TextDisabled("%s", Tr(Text::NotYetBuilt));
}

} // namespace qd::ui
