// shortcuts: the table of keys and the `?` dialog (shortcuts.h). Found by grepping the key handling of
// wasm/ui, wasm/web and site/app.js (docs/architecture.md §7 for undo and redo).
#include "ui/shortcuts.h"

#include <imgui.h>

#include <string>

#include "ui/widgets.h"

namespace qd::ui {
namespace {

constexpr Shortcut kShortcuts[] = {
    {TextId::KbdGroupAnywhere, TextId::KbdKeyQuestion, TextId::KbdShowShortcuts},
    {TextId::KbdGroupAnywhere, TextId::KbdKeyCtrlO, TextId::KbdOpenFiles},      // site/app.js
    {TextId::KbdGroupAnywhere, TextId::KbdKeyCtrlS, TextId::KbdSaveWorkspace},  // site/app.js
    {TextId::KbdGroupAnywhere, TextId::KbdKeyCtrlZ, TextId::KbdUndo},           // ui/app.cpp UndoShortcuts
    {TextId::KbdGroupAnywhere, TextId::KbdKeyRedo, TextId::KbdRedo},            // ui/app.cpp UndoShortcuts
    {TextId::KbdGroupNavigation, TextId::KbdKeyArrows, TextId::KbdArrows},      // Dear ImGui keyboard navigation
    {TextId::KbdGroupNavigation, TextId::KbdKeySpace, TextId::KbdSpace},
    {TextId::KbdGroupNavigation, TextId::KbdKeyEnter, TextId::KbdEnter},
    {TextId::KbdGroupNavigation, TextId::KbdKeyTab, TextId::KbdTab},  // site/a11y.js, web/input.cpp
    {TextId::KbdGroupNavigation, TextId::KbdKeyPage, TextId::KbdPage},
    {TextId::KbdGroupDialogs, TextId::KbdKeyEnterDialog, TextId::KbdEnterDialog},  // ui/widgets.cpp ConfirmRow
    {TextId::KbdGroupDialogs, TextId::KbdKeyEsc, TextId::KbdEsc},                  // ui/widgets.cpp, order details
    {TextId::KbdGroupText, TextId::KbdKeySelectAll, TextId::KbdSelectAll},         // web/input.cpp edit chords
    {TextId::KbdGroupText, TextId::KbdKeyClipboard, TextId::KbdClipboard},
    {TextId::KbdGroupText, TextId::KbdKeyTextUndo, TextId::KbdTextUndo},
    {TextId::KbdGroupText, TextId::KbdKeyHomeEnd, TextId::KbdHomeEnd},
    {TextId::KbdGroupText, TextId::KbdKeyEscText, TextId::KbdEscText},
};

struct DialogState {
    bool opening = false;
    bool open = false;
};
DialogState g_dialog;

// `?` typed this frame while no text field has the keyboard (there it is text) and no dialog is up.
bool QuestionMarkTyped()
{
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return false;
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i)
        if (io.InputQueueCharacters[i] == '?') return true;
    return false;
}

}  // namespace

const Shortcut* Shortcuts(std::size_t* count)
{
    *count = sizeof kShortcuts / sizeof kShortcuts[0];
    return kShortcuts;
}

void DrawShortcutsDialog()
{
    if (QuestionMarkTyped()) g_dialog.opening = true;
    const std::string title = std::string(Tr(TextId::KbdTitle)) + "###shortcuts";
    if (!BeginDialog(title.c_str(), &g_dialog.opening, &g_dialog.open, 40, 0)) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", Tr(TextId::KbdHint));
    ImGui::PopTextWrapPos();
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##shortcuts", 2, flags)) {
        ImGui::TableSetupColumn(Tr(TextId::KbdColKeys), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(Tr(TextId::KbdColWhat), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableHeadersRow();
        TextId group = TextId::Count;
        for (const Shortcut& s : kShortcuts) {
            if (s.group != group) {  // a group's heading row
                group = s.group;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Spacing();
                ImGui::TextDisabled("%s", Tr(group));
                ImGui::TableNextColumn();
            }
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            // A selectable row: the keys are an item (arrow keys walk the list, tests and the accessibility
            // mirror find them); the id is the row's, so both languages keep the same one.
            ImGui::PushID(static_cast<int>(&s - kShortcuts));
            ImGui::Selectable(Tr(s.keys), false, ImGuiSelectableFlags_SpanAllColumns);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Tr(s.what));
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    if (ImGui::Button(Tr(TextId::KbdClose)) || DialogEscapePressed()) {
        g_dialog.open = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

}  // namespace qd::ui
