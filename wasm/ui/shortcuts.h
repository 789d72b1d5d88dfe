// shortcuts: every key the console answers to, in one table, and the dialog that lists them (`?`, i.e.
// Shift+/ while no text field has the keyboard). The keys themselves are handled where they act:
// Ctrl+O / Ctrl+S in site/app.js, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y in ui/app.cpp, Enter / Esc of dialogs
// in ui/widgets.cpp, navigation by Dear ImGui (ImGuiConfigFlags_NavEnableKeyboard, web/backend.cpp).
// A key added there gets a row in kShortcuts (shortcuts.cpp), so the dialog stays the whole list.
//
//   DrawShortcutsDialog();   // once a frame inside the console window (ui/app.cpp DrawApp)
#pragma once

#include <cstddef>

#include "ui/i18n.h"

namespace qd::ui {

struct Shortcut {
    TextId group;  // 任何页面, 键盘导航, 对话框, 文本框
    TextId keys;   // "Ctrl+O"
    TextId what;   // "打开文件"
};

// The table, grouped, in the dialog's order.
const Shortcut* Shortcuts(std::size_t* count);

// Opens the dialog on `?` (not while a text field takes the keys or another dialog is open) and draws
// it while open; Esc or 关闭 closes it.
void DrawShortcutsDialog();

}  // namespace qd::ui
