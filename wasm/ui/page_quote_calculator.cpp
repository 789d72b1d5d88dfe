// 报价计算器: a quote with no file, state in the URL fragment.
#include <imgui.h>

#include "ui/pages.h"

namespace qd::ui {

void DrawQuoteCalculatorPage(AppState& state)
{
    (void)state;
    PageHeader(Text::NavQuoteCalculator, Text::IntroQuoteCalculator);
    ImGui::TextDisabled("%s", Tr(Text::NotYetBuilt));
}

} // namespace qd::ui
