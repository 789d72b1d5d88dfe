// a11y_mirror: the console's accessibility mirror. The console is one Dear ImGui canvas, which a
// screen reader cannot read; each frame this describes what the canvas shows (docs/architecture.md
// §9) and site/a11y.js keeps an off-screen DOM with ARIA roles in step with it.
//
// What a frame shows comes from two sources, never from a second labelling in the UI code:
//   - the items ui_locator records (web/ui_locator.h): id, label, kind, state, table and header row;
//   - the text drawn: each glyph quad of the frame's draw lists is looked up by its texture
//     coordinates in the font atlas (every glyph of the atlas has its own UV rectangle), and glyphs
//     in a line become runs of text. So cell texts, headings (drawn in the heading font, bigger quads)
//     and notices are mirrored as they are drawn, only what is visible (ImGui clips: a 100,000-row
//     table has only its visible rows drawn).
//
// The description (MirrorJson) groups the frame into regions (banner = the top bar, navigation = the
// left menu, main = the page, dialog = a modal with its title, window / popup), each a list of nodes
// in reading order: text (h: heading), items (button, checkbox, tab, input, tree, header), tab lists,
// and tables of rows of cells (the header row marked). site/a11y.js rebuilds its DOM only when the
// description changed: SyncMirror hashes it every frame and hands it over when the hash moved.
//
// Both ways of focus (the page calls qd_a11y_focus / qd_a11y_activate, web/main.cpp):
//   - ImGui's keyboard navigation moves: the id of its item goes to the page, which focuses the
//     mirrored element;
//   - the mirrored element gets the DOM focus (Tab, a screen reader's cursor): FocusItem makes it
//     ImGui's navigation item; it is activated (Enter, Space, a click): ActivateItem presses it in
//     the next frame as ImGui's own keyboard activation would.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace qd::web {

// The description of the last frame drawn (see above).
std::string MirrorJson();

// Once a frame after ImGui::Render: describes the frame and hands the description to the page when
// it changed, and ImGui's navigation item when it moved. Returns the description's hash.
uint64_t SyncMirror();

// ImGui's navigation moves to the item `id` of the last frame (its window focused, scrolled into
// view); false when the last frame had no such item or a modal dialog covers it.
bool FocusItem(uint32_t id);

// FocusItem, then presses the item in the next frame (text fields start editing); false for an item
// that is disabled or not in the last frame.
bool ActivateItem(uint32_t id);

// The cost of the mirror: the last frame's time in SyncMirror (ms), how often the page rebuilt.
struct MirrorStats {
    double lastMs = 0;
    double maxMs = 0;
    uint64_t frames = 0;
    uint64_t updates = 0;   // descriptions handed to the page
    std::size_t bytes = 0;  // of the last description
    uint32_t navId = 0;     // ImGui's navigation item after the last frame (0: none)
};
const MirrorStats& MirrorCost();

}  // namespace qd::web
