// 4.2 续费管理: the four tabs, renew, auto-renew, unified expiry, release, exports.
#include <imgui.h>

#include "ui/pages.h"

namespace qd::ui {

void DrawRenewalsPage(AppState& state)
{
    (void)state;
    PageHeader(Text::NavRenewals, Text::IntroRenewals);
    ImGui::TextDisabled("%s", Tr(Text::NotYetBuilt));
}

} // namespace qd::ui
