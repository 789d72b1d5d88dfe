// backend_state.h: what the three parts of the browser platform share, private to wasm/web:
// backend.cpp (the WebGL context, HiDPI and frame scheduling), fonts.cpp (the font files and the
// atlas) and input.cpp (DOM events, the IME textarea, the clipboard). backend.h is the public face.
#pragma once
#include <emscripten/html5.h>

#include "web/backend.h"

namespace qd::web {

inline constexpr const char* kCanvas = "#canvas";

struct Backend {
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    double dpr = 1.0;
    int width = 0, height = 0;  // device pixels
    int framesLeft = 0;
    bool rafPending = false;
    bool held = false;  // HoldFrames: requests wait until released
    double lastTime = 0;
    bool fontsDirty = true;  // the atlas must be rebuilt before the next frame
    BackendStats stats;
};
extern Backend g;

// Frames left after one that applied a deferred input change (input.cpp, ApplyDeferredInput).
inline constexpr int kDeferredFrames = 4;

// ---- backend.cpp ----
bool SyncCanvasSize();  // true when devicePixelRatio changed
void ApplyScale();      // theme and fonts for the ratio

// ---- workspace_io.cpp ----
void AfterFrameDrawn();  // a frame was drawn: what waited for it (the workspace an open replaced) is freed

// ---- fonts.cpp ----
void AddCodepoints(const char* utf8);  // characters the body font must hold (marks the atlas dirty)
void AddCodepoints(std::string_view utf8);
void AddUiCodepoints();  // every character of the UI's strings and labels, both languages
void RebuildFonts();
bool HeadingFontStale();  // heading text drawn since the last build has characters the heading font lacks

// ---- input.cpp ----
void ConfigureInput();      // ImGui's key map, clipboard and IME callbacks (after ImGui::CreateContext)
void ListenToInput();       // the DOM event listeners
void ApplyDeferredInput();  // after a frame: the presses and releases held back for it
void SyncTextInput();       // the IME textarea follows ImGui's wish for text input
bool TextInputWanted();     // ImGui wanted text input at the end of the last frame

}  // namespace qd::web
