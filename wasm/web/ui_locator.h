// ui_locator: where the console's items are on screen, so that browser tests can drive the real UI
// like a person (find "支付" and click it) instead of calling the test API.
//
// Dear ImGui 1.86 is built with IMGUI_ENABLE_TEST_ENGINE (wasm/CMakeLists.txt): every item it adds
// calls ImGuiTestEngineHook_ItemAdd(bb, id), and the labelled widgets (buttons, checkboxes, radio
// buttons, selectables, tabs, inputs, sliders, tree nodes, menu items) also call
// ImGuiTestEngineHook_ItemInfo(id, label, flags). This file implements those hooks: for each frame it
// records the items (id, rectangle, window, the ID-stack seed, enabled, checked, label).
//
// Cost: the hooks are switched on (ImGuiContext::TestEngineHookItems) by the accessibility mirror
// after the first frame, or when the page first asks for the items (window.quotedesk.items(),
// site/app.js), and stay on; one hook call appends a small record to a vector (the label is copied
// only for labelled widgets).
//
// The answer (UiItemsJson) describes the last frame drawn, in CSS pixels (device pixels / dpr):
//   {"frame":N,"recording":true,"dpr":2,
//    "windows":[{"name","x","y","w","h","order","modal"}...],      order: back (0) to front
//    "items":[{"label","raw","id","window","x","y","w","h",           rect of the item
//              "vx","vy","vw","vh",                                  its visible part (clipped), w/h 0 = hidden
//              "enabled","checkable","checked","blocked"}...]}     blocked: under an open modal
// label: the visible text (before "##"), raw: the whole label as written in the code ("支付##row");
// items without a label (combos, table headers) have label null, and raw set when one of the
// `names` asked for ("##type", one per line) hashes to their id in their ID stack.
//
// The same records feed the accessibility mirror (web/a11y_mirror.h): each also says what kind of
// widget it is (button, checkbox, tab, text field, tree node, table header), and where it sits in a
// table (the table, whether the row is the header row). One labelling system: the mirror reads
// these records and nothing else of the UI.
#pragma once
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <string>
#include <vector>

namespace qd::web {

// What an item is, from how Dear ImGui announced it (the hooks above).
enum class UiItemKind : uint8_t {
    Other,     // no label came (scrollbars, grips, combos, table headers): named by the text drawn in it
    Button,    // Button, SmallButton, Selectable, MenuItem without a check
    Checkbox,  // Checkbox, RadioButton, a checked MenuItem (ImGuiItemStatusFlags_Checkable)
    Tab,       // a tab of a tab bar (its ItemInfo comes before its ItemAdd)
    Input,     // a text or number field (ImGuiItemFlags_Inputable)
    Tree,      // a tree node or collapsing header (ImGuiItemStatusFlags_Openable)
};

struct UiItem {
    ImGuiID id = 0;
    ImGuiID seed = 0;  // top of the window's ID stack when the item was added
    ImRect rect;       // device pixels
    ImRect clip;       // the window's clip rectangle then
    ImGuiWindow* window = nullptr;
    bool disabled = false;
    bool labelled = false;  // ItemInfo came
    bool inputable = false;
    ImGuiItemStatusFlags status = 0;
    UiItemKind kind = UiItemKind::Other;
    int tabBar = -1;         // index in g.TabBars of a tab's bar
    int table = -1;          // index in g.Tables of the table the item was added in (its inner window)
    bool headerRow = false;  // ...in that table's header row (TableHeadersRow)
    int row = -1;            // ...in its row (ImGuiTable::CurrentRow)
    float rowTop = 0;        // ...whose top is here (device pixels): a row's cells may wrap lines
    std::string label;       // the whole label as submitted
};

// The items of the last frame drawn (empty until EnableUiLocator).
const std::vector<UiItem>& UiItems();

// Registers the hooks' frame boundary on the current ImGui context (after ImGui::CreateContext).
void InstallUiLocator();

// Switches recording on (from the next frame). Returns true if it was already on.
bool EnableUiLocator();

// The items of the last frame drawn (see above); `names`: raw labels to resolve, newline-separated.
std::string UiItemsJson(const char* names, double devicePixelRatio, uint64_t frame);

}  // namespace qd::web
