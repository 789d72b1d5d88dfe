// The web shell's state: the console's AppState plus what the page has loaded.
#pragma once
#include "ui/app.h"

namespace qd::web {

struct ShellState {
    ui::AppState app;
};

ShellState& Shell();

// Draws the console (called by the backend inside an ImGui frame).
void DrawShellFrame();

} // namespace qd::web
