// widgets.cpp: the shared toolkit (widgets.h).
#include "ui/widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "ui/i18n.h"
#include "ui/labels.h"

namespace qd::ui {

bool BeginDialog(const char* title, bool* opening, bool* open, float widthEm, float heightFraction)
{
    if (*opening) {
        ImGui::OpenPopup(title);
        *opening = false;
        *open = true;
    }
    if (!*open) return false;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = std::min(vp->WorkSize.x * 0.94f, ImGui::GetFontSize() * widthEm);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse;
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (heightFraction > 0) {
        ImGui::SetNextWindowSize(ImVec2(w, vp->WorkSize.y * heightFraction), ImGuiCond_Always);
    } else {
        ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->WorkSize.y * 0.9f));
        flags |= ImGuiWindowFlags_AlwaysAutoResize;
    }
    bool keep = true;
    if (!ImGui::BeginPopupModal(title, &keep, flags)) {
        if (!keep || !ImGui::IsPopupOpen(title)) *open = false;
        return false;
    }
    return true;
}

void EndDialog() { ImGui::EndPopup(); }

void BeginDialogBody(float footerLines)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float footer =
        footerLines * ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y + style.WindowPadding.y * 0.5f;
    ImGui::BeginChild("##dialog-body", ImVec2(0, -footer), false);
}

void EndDialogBody()
{
    ImGui::EndChild();
    ImGui::Separator();
}

bool DialogEnterPressed()
{
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return false;
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
}

bool DialogEscapePressed()
{
    if (ImGui::GetIO().WantTextInput) return false;
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

ConfirmRowChoice ConfirmRow(const char* confirm, bool can, const char* dismiss)
{
    ConfirmRowChoice choice;
    ImGui::BeginDisabled(!can);
    choice.confirm = ImGui::Button(confirm);
    ImGui::EndDisabled();
    ImGui::SameLine();
    choice.dismiss = ImGui::Button(dismiss);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", Tr(TextId::UnsKeysHint));
    choice.confirm = can && (choice.confirm || DialogEnterPressed());
    choice.dismiss = choice.dismiss || DialogEscapePressed();
    return choice;
}

void WarningText(const std::string& text)
{
    ImGui::PushStyleColor(ImGuiCol_Text, WarningColour());
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void ErrorText(const std::string& text)
{
    ImGui::PushStyleColor(ImGuiCol_Text, ErrorColour());
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

ImVec4 WarningColour() { return ImVec4(0.78f, 0.42f, 0.0f, 1.0f); }
ImVec4 ErrorColour() { return ImVec4(0.82f, 0.16f, 0.16f, 1.0f); }
ImVec4 SuccessColour() { return ImVec4(0.10f, 0.50f, 0.20f, 1.0f); }

bool ContainsNoCase(std::string_view hay, std::string_view needle)
{
    if (needle.empty()) return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}

bool DurationButtons(const std::vector<RenewalDuration>& ds, int& choice, float width)
{
    bool changed = false;
    float x = 0;
    for (int i = 0; i < static_cast<int>(ds.size()); ++i) {
        const std::string label = DurationWords(ds[i]);
        const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        if (i > 0) {
            if (x + ImGui::GetStyle().ItemSpacing.x + w > width) x = 0;
            else {
                ImGui::SameLine();
                x += ImGui::GetStyle().ItemSpacing.x;
            }
        }
        x += w;
        const bool selected = i == choice;
        if (selected) {
            ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.32f, 0.43f, 0.80f, 1));
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.38f, 0.50f, 0.88f, 1));
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
        }
        ImGui::PushID(i);
        if (ImGui::Button(label.c_str())) {
            changed = choice != i;
            choice = i;
        }
        ImGui::PopID();
        if (selected) ImGui::PopStyleColor(3);
    }
    return changed;
}

}  // namespace qd::ui
