// The web shell's state: the console's AppState plus what the page has loaded.
#pragma once
#include <string>

#include "ui/app.h"

namespace qd::web {

struct ShellState {
    ui::AppState app;
    std::string mirroredFragment;      // last fragment written to the address bar
    std::string mirroredAnnouncement;  // last text put in the aria-live region
};

ShellState& Shell();

// Draws the console (called by the backend inside an ImGui frame).
void DrawShellFrame();

} // namespace qd::web
