// 4.3 我的订单: all orders, details with trade history, pay, cancel, export.
#include <imgui.h>

#include "ui/pages.h"

namespace qd::ui {

void DrawMyOrdersPage(AppState& state)
{
    (void)state;
    PageHeader(Text::NavMyOrders, Text::IntroMyOrders);
    ImGui::TextDisabled("%s", Tr(Text::NotYetBuilt));
}

} // namespace qd::ui
