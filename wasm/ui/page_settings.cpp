// 设置: language, theme (more to come: as-of clock, rule profile, data).
#include <imgui.h>

#include "ui/pages.h"

namespace qd::ui {

void DrawSettingsPage(AppState& state)
{
    PageHeader(Text::NavSettings, Text::IntroSettings);

    ImGui::TextUnformatted(Tr(Text::Language));
    ImGui::SameLine(160 * state.scale);
    if (ImGui::RadioButton(Tr(Text::LangZh), CurrentLang() == Lang::Zh)) SetLang(Lang::Zh);
    ImGui::SameLine();
    if (ImGui::RadioButton(Tr(Text::LangEn), CurrentLang() == Lang::En)) SetLang(Lang::En);

    ImGui::TextUnformatted(Tr(Text::Theme));
    ImGui::SameLine(160 * state.scale);
    if (ImGui::RadioButton(Tr(Text::ThemeLight), state.theme == Theme::Light)) { state.theme = Theme::Light; ApplyTheme(state.theme, state.scale); }
    ImGui::SameLine();
    if (ImGui::RadioButton(Tr(Text::ThemeDark), state.theme == Theme::Dark)) { state.theme = Theme::Dark; ApplyTheme(state.theme, state.scale); }
}

} // namespace qd::ui
