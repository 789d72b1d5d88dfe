// widgets: the small toolkit every page and dialog of the console shares: the centred modal dialog
// (BeginDialog / BeginDialogBody / ConfirmRow, Enter confirms and Esc closes), warning and error
// text, and a case-insensitive search. Refusal codes become words in refusal_words.h.
//
//   if (BeginDialog(Tr(TextId::OdlPayTitle), &dlg.opening, &dlg.open, 36, 0)) {
//       BeginDialogBody();  ...rows...  EndDialogBody();
//       const ConfirmRowChoice c = ConfirmRow(Tr(TextId::OdlConfirmPay), can, Tr(TextId::Cancel));
//       if (c.confirm) ...;  if (c.dismiss) { dlg.open = false; ImGui::CloseCurrentPopup(); }
//       EndDialog();
//   }
#pragma once
#include <algorithm>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/renewal.h"
#include "ui/labels.h"
#include "ui/refusal_words.h"

struct ImVec2;
struct ImVec4;

namespace qd::ui {

// Opens (when `*opening`) and begins a centred modal of `widthEm` font sizes and at most
// `heightFraction` of the screen; `title` may carry "###id". False when it is not open; when it
// returns true call EndDialog(). `*open` goes false when the user closes it with the title bar's ✕.
bool BeginDialog(const char* title, bool* opening, bool* open, float widthEm, float heightFraction);
void EndDialog();

// The scrolling body of a dialog that leaves `footerLines` rows of buttons below it.
void BeginDialogBody(float footerLines = 1.0f);
void EndDialogBody();

// Keyboard of the topmost dialog: Enter confirms, Esc closes. Not while a text field takes the keys
// (Enter there ends the edit).
bool DialogEnterPressed();
bool DialogEscapePressed();

// The row that ends a confirmation: `confirm` (greyed while !`can`), `dismiss` and the keys hint.
// Enter confirms when it can, Esc dismisses, like the buttons.
struct ConfirmRowChoice {
    bool confirm = false;
    bool dismiss = false;
};
ConfirmRowChoice ConfirmRow(const char* confirm, bool can, const char* dismiss);

// Coloured text for warnings and refusals, wrapped to the available width.
void WarningText(const std::string& text);
void ErrorText(const std::string& text);

// The colours of those texts (and of other error / success words a dialog draws itself).
ImVec4 WarningColour();
ImVec4 ErrorColour();
ImVec4 SuccessColour();

// "[1个月] [2个月] ... [1年]": a row of choice buttons over the durations, wrapped at `width`, the chosen
// one highlighted (the renewal dialogs, the quote calculator's 新购); true when the choice changed.
bool DurationButtons(const std::vector<RenewalDuration>& ds, int& choice, float width);

// [SECTION] List tables (docs/architecture.md §8)
//
// The console's lists (续费管理, 云服务退订, 我的订单, 待支付订单, 导出记录) at every width people use: each
// column is at least as wide as its content (its header, and what the caller measures its cells need:
// TextWidth, ButtonRowWidth), the width left over is shared by weight, and when the columns need more
// than there is the table scrolls sideways instead of clipping a column. Columns are not resizable by
// hand: their widths follow the content and the language on every frame.
//
//   const ListColumn cols[] = {{Tr(TextId::OrderIdCol), em * 9, 2.0f},
//                              {Tr(TextId::Actions), ButtonRowWidth({Tr(TextId::Pay), Tr(TextId::Details)})}};
//   if (BeginListTable("##orders", cols, ImGuiTableFlags_RowBg)) { ...rows...; ImGui::EndTable(); }
struct ListColumn {
    const char* header;  // the header text ("##..." hides it)
    float content = 0;   // the widest cell's content in pixels (the header's width counts anyway)
    float weight = 0;    // share of the width left over; 0 = exactly `content`
};
// BeginTable with those widths, a frozen header row, ScrollY and, when needed, ScrollX; `flags` adds
// to them (row colours, borders). False when the table is not shown (then do not call EndTable).
// `frozenColumns`: columns that stay in view while the table scrolls sideways (a file name).
bool BeginListTable(const char* id, std::span<const ListColumn> columns, int flags, const ImVec2& size,
                    int frozenColumns = 0);
bool BeginListTable(const char* id, std::span<const ListColumn> columns, int flags = 0);
// The widest of these texts / a row of small buttons side by side on one line.
float TextWidth(const char* text);
float WidestText(std::initializer_list<const char*> texts);
float ButtonRowWidth(std::initializer_list<const char*> labels);
// The widest word of an enum's values in the language shown (ui/labels.h Label): a column of statuses or
// types as wide as its longest one ("Pending confirmation").
template <typename E>
float WidestLabel()
{
    float w = 0;
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i) w = std::max(w, TextWidth(Label(static_cast<E>(i))));
    return w;
}

// An id (instance, order, file) in a cell narrower than it: drawn cut with "…", the whole id in a
// tooltip on hover, and 复制 on right click (the clipboard gets the whole id). `disabled`: in the grey of
// secondary text (an id under its name).
void ElidedText(const std::string& text, bool disabled = false);
// The same as a selectable (an order id opening its details): the item keeps the whole id as its label
// (the UI locator and screen readers read it), the drawing is elided. True when clicked.
bool ElidedSelectable(const std::string& text, bool selected);

// A combo's choice by name (an address names a product type or a region before the page has its list):
// `index` becomes the name's place in `names`, -1 when it is not there; `name` is cleared. True when
// there was a name to choose.
bool ChooseByName(std::string& name, const std::vector<std::string>& names, int& index);

// True when `needle` occurs in `hay`, ASCII letters compared without case; an empty needle is found.
bool ContainsNoCase(std::string_view hay, std::string_view needle);

}  // namespace qd::ui
