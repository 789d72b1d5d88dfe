// ui_locator: where the console's items are on screen, so that browser tests can drive the real UI
// like a person (find "支付" and click it) instead of calling the test API.
//
// Dear ImGui 1.86 is built with IMGUI_ENABLE_TEST_ENGINE (wasm/CMakeLists.txt): every item it adds
// calls ImGuiTestEngineHook_ItemAdd(bb, id), and the labelled widgets (buttons, checkboxes, radio
// buttons, selectables, tabs, inputs, sliders, tree nodes, menu items) also call
// ImGuiTestEngineHook_ItemInfo(id, label, flags). This file implements those hooks: for each frame it
// records the items (id, rectangle, window, the ID-stack seed, enabled, checked, label).
//
// Cost: nothing until the page first asks for the items (window.quotedesk.items(), site/app.js). The
// hooks are switched on then (ImGuiContext::TestEngineHookItems) and stay on; one hook call appends a
// small record to a vector (the label is copied only for labelled widgets).
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
#pragma once
#include <cstdint>
#include <string>

namespace qd::web {

// Registers the hooks' frame boundary on the current ImGui context (after ImGui::CreateContext).
void InstallUiLocator();

// Switches recording on (from the next frame). Returns true if it was already on.
bool EnableUiLocator();

// The items of the last frame drawn (see above); `names`: raw labels to resolve, newline-separated.
std::string UiItemsJson(const char* names, double devicePixelRatio, uint64_t frame);

}  // namespace qd::web
