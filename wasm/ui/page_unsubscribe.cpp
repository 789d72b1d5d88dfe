// 4.4 云服务退订: refund previews and unsubscription.
#include <imgui.h>

#include "ui/pages.h"

namespace qd::ui {

void DrawUnsubscribePage(AppState& state)
{
    (void)state;
    PageHeader(Text::NavUnsubscribe, Text::IntroUnsubscribe);
    ImGui::TextDisabled("%s", Tr(Text::NotYetBuilt));
}

} // namespace qd::ui
