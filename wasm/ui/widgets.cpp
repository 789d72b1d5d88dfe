// widgets.cpp: the shared toolkit (widgets.h).
#include "ui/widgets.h"

#include <imgui.h>
#include <imgui_internal.h>  // RenderTextEllipsis

#include <algorithm>
#include <cctype>
#include <vector>

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

// [SECTION] List tables

float TextWidth(const char* text) { return ImGui::CalcTextSize(text, nullptr, true).x; }

float WidestText(std::initializer_list<const char*> texts)
{
    float w = 0;
    for (const char* t : texts) w = std::max(w, TextWidth(t));
    return w;
}

float ButtonRowWidth(std::initializer_list<const char*> labels)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    float w = 0;
    for (const char* l : labels) w += TextWidth(l) + style.FramePadding.x * 2;
    return w + style.ItemSpacing.x * static_cast<float>(labels.size() > 0 ? labels.size() - 1 : 0);
}

bool BeginListTable(const char* id, std::span<const ListColumn> columns, int flags)
{
    return BeginListTable(id, columns, flags, ImVec2(0, 0));
}

bool BeginListTable(const char* id, std::span<const ListColumn> columns, int flags, const ImVec2& size,
                    int frozenColumns)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const int n = static_cast<int>(columns.size());
    std::vector<float> widths(columns.size());
    float needed = 0, weights = 0;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        widths[i] = std::max(columns[i].content, TextWidth(columns[i].header)) + 1.0f;  // +1: rounding
        needed += widths[i];
        weights += columns[i].weight;
    }
    // Around each column its cell padding and a border, the table's outer padding (one cell padding each
    // side, with outer borders); the vertical scroll bar is always reserved, so that rows appearing or
    // going do not move the columns.
    const float frame =
        style.CellPadding.x * 2 * static_cast<float>(n + 1) + static_cast<float>(n + 1) + style.ScrollbarSize;
    const float avail = (size.x > 0 ? size.x : ImGui::GetContentRegionAvail().x) - frame;
    const bool scrollX = needed > avail;
    if (!scrollX && weights > 0)
        for (std::size_t i = 0; i < columns.size(); ++i) widths[i] += (avail - needed) * columns[i].weight / weights;
    const ImGuiTableFlags all =
        flags | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    const float inner = (scrollX ? needed : avail) + frame - style.ScrollbarSize;
    if (!ImGui::BeginTable(id, n, all, size, inner)) return false;
    ImGui::TableSetupScrollFreeze(frozenColumns, 1);
    for (std::size_t i = 0; i < columns.size(); ++i)
        ImGui::TableSetupColumn(columns[i].header, ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize,
                                widths[i]);
    return true;
}

namespace {

// 复制 on right click and the whole text on hover, for the last item (an elided id).
void WholeTextOnHover(const std::string& text, bool elided)
{
    if (elided && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(text.c_str());
        ImGui::TextDisabled("%s", Tr(TextId::WdgCopyHint));
        ImGui::EndTooltip();
    }
    if (ImGui::BeginPopupContextItem("##copy-id")) {
        if (ImGui::Selectable(Tr(TextId::WdgCopy))) ImGui::SetClipboardText(text.c_str());
        ImGui::EndPopup();
    }
}

void DrawElided(const std::string& text, ImVec2 min, float maxX)
{
    const float lineH = ImGui::GetTextLineHeight();
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), min, ImVec2(maxX, min.y + lineH), maxX, maxX, text.c_str(),
                              text.c_str() + text.size(), nullptr);
}

}  // namespace

void ElidedText(const std::string& text, bool disabled)
{
    const float avail = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    const float w = TextWidth(text.c_str());
    ImGui::PushID(text.c_str());
    if (disabled) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    if (w <= avail) {
        ImGui::TextUnformatted(text.c_str());
    } else {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(avail, ImGui::GetTextLineHeight()));
        DrawElided(text, at, at.x + avail);
    }
    if (disabled) ImGui::PopStyleColor();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImGui::SetCursorScreenPos(min);
    ImGui::InvisibleButton("##id", ImVec2(std::max(1.0f, max.x - min.x), std::max(1.0f, max.y - min.y)));
    WholeTextOnHover(text, w > avail);
    ImGui::PopID();
}

bool ElidedSelectable(const std::string& text, bool selected)
{
    const float avail = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    const bool elided = TextWidth(text.c_str()) > avail;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (elided) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 0));  // drawn below, cut
    const bool clicked = ImGui::Selectable(text.c_str(), selected, 0, ImVec2(avail, 0));
    if (elided) {
        ImGui::PopStyleColor();
        const float y = ImGui::GetItemRectMin().y + (ImGui::GetItemRectSize().y - ImGui::GetTextLineHeight()) * 0.5f;
        DrawElided(text, ImVec2(at.x, y), at.x + avail);
    }
    ImGui::PushID(text.c_str());
    WholeTextOnHover(text, elided);
    ImGui::PopID();
    return clicked;
}

bool ChooseByName(std::string& name, const std::vector<std::string>& names, int& index)
{
    if (name.empty()) return false;
    const auto it = std::find(names.begin(), names.end(), name);
    index = it == names.end() ? -1 : static_cast<int>(it - names.begin());
    name.clear();
    return true;
}

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
