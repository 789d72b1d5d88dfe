// 5 订单导出记录: records of exports, download again.
#include <imgui.h>

#include "ui/pages.h"

namespace qd::ui {

void DrawExportRecordsPage(AppState& state)
{
    (void)state;
    PageHeader(Text::NavExportRecords, Text::IntroExportRecords);
    ImGui::TextDisabled("%s", Tr(Text::NotYetBuilt));
}

} // namespace qd::ui
