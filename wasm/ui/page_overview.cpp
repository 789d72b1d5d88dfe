// 概览 (beyond the seed): what needs attention soon, and what auto-renew will charge.
#include <imgui.h>

#include "ui/pages.h"

namespace qd::ui {

void DrawOverviewPage(AppState& state)
{
    PageHeader(Text::NavOverview, Text::IntroOverview);
    ImGui::Text("%s: %s", Tr(Text::Workspace), state.workspaceName.empty() ? Tr(Text::NoWorkspace) : state.workspaceName.c_str());
    ImGui::Spacing();
    ImGui::TextDisabled("%s", Tr(Text::LocalOnlyNote));
}

} // namespace qd::ui
