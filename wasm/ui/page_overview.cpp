// 概览 (beyond the seed): what needs attention soon, and what auto-renew will charge.
#include <imgui.h>

#include "ui/pages.h"

namespace qd::ui {

void DrawOverviewPage(AppState& state)
{
    PageHeader(Text::NavOverview, Text::IntroOverview);
    if (!state.workspace) {
        ImGui::Text("%s: %s", Tr(Text::Workspace), Tr(Text::NoWorkspace));
    } else {
        const Workspace& ws = *state.workspace;
        ImGui::Text("%s: %s", Tr(Text::Account), ws.account.name.c_str());
        if (ws.account.cash_balance) ImGui::Text("%s: %s", Tr(Text::CashBalance), ws.account.cash_balance->display().c_str());
        ImGui::Text("%s: %zu    %s: %zu    %s: %zu    %s: %zu", Tr(Text::Products), ws.products.size(), Tr(Text::Resources),
                    ws.resources.size(), Tr(Text::Orders), ws.orders.size(), Tr(Text::Coupons), ws.coupons.size());
    }
    ImGui::Spacing();
    ImGui::TextDisabled("%s", Tr(Text::LocalOnlyNote));
}

} // namespace qd::ui
