// The web shell's state: the console's AppState plus what the page has loaded and mirrored.
#pragma once
#include <cstdint>
#include <string>

#include "ui/app.h"
#include "ui/platform.h"

namespace qd::web {

struct ShellState {
    ui::AppState app;
    std::string mirroredFragment;      // last fragment written to the address bar
    std::string mirroredAnnouncement;  // last text put in the aria-live region
    int mirroredPrefs = -1;            // language and theme last written to localStorage (PrefsKey)

    ui::DataStatus data;             // what 设置 > 数据 shows (platform.h)
    uint64_t persistedRevision = 0;  // the revision browser storage holds (or need not hold: sample)
    uint64_t scheduledRevision = 0;  // the revision a debounced save was last asked for
};

ShellState& Shell();

// Draws the console (called by the backend inside an ImGui frame).
void DrawShellFrame();

// Once per frame after the views: debounced saves to browser storage, preferences, downloads
// (workspace_io.cpp).
void SyncPlatform(ShellState& shell);

}  // namespace qd::web
