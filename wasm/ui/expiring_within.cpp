#include "ui/expiring_within.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "core/report/renewal_query.h"  // kMaxExpiringWithinDays, kExpiringWithinPresets
#include "ui/i18n.h"
#include "ui/labels.h"

namespace qd::ui {

namespace {

// index = choice; 0 = 全部, then the core's presets (renewal_query.h kExpiringWithinPresets)
constexpr int kPresetDays[] = {0, kExpiringWithinPresets[0], kExpiringWithinPresets[1], kExpiringWithinPresets[2]};
constexpr int kCustom = 4;

std::string ChoiceText(int choice)
{
    if (choice == 0) return Tr(TextId::RnwExpiryAll);
    if (choice == kCustom) return Tr(TextId::RnwExpiryCustom);
    return Format(Tr(TextId::RnwExpiryWithin), kPresetDays[choice]);
}

}  // namespace

std::optional<int> ExpiringWithin::days() const
{
    if (choice == kCustom) return std::clamp(customDays, 1, kMaxExpiringWithinDays);
    if (choice <= 0 || choice >= kCustom) return std::nullopt;
    return kPresetDays[choice];
}

bool DrawExpiringWithin(const char* id, ExpiringWithin& f, float comboWidth)
{
    bool changed = false;
    ImGui::PushID(id);
    ImGui::SetNextItemWidth(comboWidth);
    if (ImGui::BeginCombo(id, ChoiceText(f.choice).c_str())) {
        for (int i = 0; i <= kCustom; ++i)
            if (ImGui::Selectable(ChoiceText(i).c_str(), f.choice == i) && f.choice != i) {
                f.choice = i;
                changed = true;
            }
        ImGui::EndCombo();
    }
    if (f.choice == kCustom) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(comboWidth * 0.55f);
        if (ImGui::InputInt("##days", &f.customDays)) {
            f.customDays = std::clamp(f.customDays, 1, kMaxExpiringWithinDays);
            changed = true;
        }
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(Tr(TextId::RnwDays));
    }
    ImGui::PopID();
    return changed;
}

}  // namespace qd::ui
