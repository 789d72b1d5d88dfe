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
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/renewal.h"
#include "ui/refusal_words.h"

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

// True when `needle` occurs in `hay`, ASCII letters compared without case; an empty needle is found.
bool ContainsNoCase(std::string_view hay, std::string_view needle);

}  // namespace qd::ui
