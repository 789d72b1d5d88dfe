// backend.cpp: the browser platform's context and frames (backend.h); fonts.cpp holds the atlas,
// input.cpp the DOM events, the IME textarea and the clipboard.
#include "web/backend.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <vector>

#include "ui/app.h"
#include "ui/i18n.h"
#include "web/a11y_mirror.h"
#include "web/backend_state.h"
#include "web/gl_state_shadow.h"  // before any GL call: glViewport and friends go through it
#include "web/shell.h"

namespace qd::web {

Backend g;

namespace {

void DrawFrame()
{
    ImGuiIO& io = ImGui::GetIO();
    const double frameStart = emscripten_get_now();
    if (g.fontsDirty) RebuildFonts();
    double now = emscripten_get_now();
    io.DeltaTime = g.lastTime > 0 ? static_cast<float>(std::max(1e-3, (now - g.lastTime) / 1000.0)) : 1.0f / 60.0f;
    g.lastTime = now;
    io.DisplaySize = ImVec2(static_cast<float>(g.width), static_cast<float>(g.height));
    io.DisplayFramebufferScale = ImVec2(1, 1);

    const double uiStart = emscripten_get_now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    DrawShellFrame();
    // Heading text with characters the heading font lacks: a crisp raster of them for the next frame.
    if (HeadingFontStale()) {
        g.fontsDirty = true;
        g.framesLeft = std::max(g.framesLeft, 2);
    }
    ImGui::Render();
    SyncMirror();  // the accessible DOM follows what this frame shows (web/a11y_mirror.h)
    const double uiEnd = emscripten_get_now();
    ApplyDeferredInput();
    SyncTextInput();

    emscripten_webgl_make_context_current(g.gl);
    glViewport(0, 0, g.width, g.height);
    const ImVec4 bg = ui::FrameClearColor();
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    const double frameEnd = emscripten_get_now();
    if (g.stats.framesDrawn++ == 0) {
        g.stats.startup.frameFonts = uiStart - frameStart;
        g.stats.startup.frameUi = uiEnd - uiStart;
        g.stats.startup.frameGl = frameEnd - uiEnd;
    }
    g.stats.lastFrameMs = frameEnd - frameStart;
    AfterFrameDrawn();
}

EM_BOOL OnAnimationFrame(double, void*)
{
    g.rafPending = false;
    DrawFrame();
    if (--g.framesLeft > 0 && !g.rafPending) {  // a request made during the frame may have scheduled it already
        g.rafPending = true;
        emscripten_request_animation_frame(OnAnimationFrame, nullptr);
    }
    return EM_FALSE;
}

}  // namespace

// Canvas backing store = CSS size × devicePixelRatio. Returns true if the ratio changed.
bool SyncCanvasSize()
{
    double cssW = 0, cssH = 0;
    emscripten_get_element_css_size(kCanvas, &cssW, &cssH);
    double dpr = emscripten_get_device_pixel_ratio();
    int w = std::max(1, static_cast<int>(std::lround(cssW * dpr)));
    int h = std::max(1, static_cast<int>(std::lround(cssH * dpr)));
    // Setting a canvas's size, even to the one it has, throws its drawing buffer away and makes the
    // browser composite the blank canvas: the page already sized it when it made the context.
    int current[2] = {0, 0};
    emscripten_get_canvas_element_size(kCanvas, &current[0], &current[1]);
    if (w != current[0] || h != current[1]) emscripten_set_canvas_element_size(kCanvas, w, h);
    g.width = w;
    g.height = h;
    bool changed = dpr != g.dpr;
    g.dpr = dpr;
    return changed;
}

void ApplyScale()
{
    ui::AppState& app = Shell().app;
    app.scale = static_cast<float>(g.dpr);
    ui::ApplyTheme(app.theme, app.scale);
    g.fontsDirty = true;
}

void RequestFrames(int frames)
{
    g.framesLeft = std::max(g.framesLeft, frames);
    if (!g.rafPending && g.gl && !g.held) {
        g.rafPending = true;
        emscripten_request_animation_frame(OnAnimationFrame, nullptr);
    }
}

void HoldFrames(bool hold)
{
    g.held = hold;
    if (!hold && g.framesLeft > 0) RequestFrames(g.framesLeft);
}

BackendStats Stats()
{
    g.stats.textInput = TextInputWanted();
    g.stats.idle = !g.rafPending;
    g.stats.canvasWidth = g.width;
    g.stats.canvasHeight = g.height;
    g.stats.devicePixelRatio = g.dpr;
    return g.stats;
}

bool StartBackend()
{
    const double t0 = emscripten_get_now();
    // The page made this context already (site/app.js, makeContext: the same attributes), while the
    // module was on its way; asking the canvas again returns it.
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    // Emscripten would enable every WebGL extension it knows, each with two round trips to the GPU
    // process (28 of them: this call took 37 ms of a cold start here, now 3); WebGL 2 itself has all
    // that ImGui draws with.
    attrs.enableExtensionsByDefault = EM_FALSE;
    g.gl = emscripten_webgl_create_context(kCanvas, &attrs);
    if (g.gl <= 0) {
        std::fprintf(stderr, "QuoteDesk needs WebGL 2 (emscripten_webgl_create_context failed: %d)\n",
                     static_cast<int>(g.gl));
        g.gl = 0;
        return false;
    }
    emscripten_webgl_make_context_current(g.gl);
    ShadowNewContext();
    const double t1 = emscripten_get_now();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // state is persisted by the page, not imgui.ini
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames while idle
    io.BackendPlatformName = "quotedesk_web";
    ConfigureInput();

    ImGui_ImplOpenGL3_Init("#version 300 es");
    // The shaders now, not in the first frame's NewFrame: that would also upload the atlas a second
    // time (its CreateFontsTexture, RGBA32). The atlas is ours (UploadAtlas): drop the default one.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    const double t2 = emscripten_get_now();

    AddUiCodepoints();
    const double t3 = emscripten_get_now();

    SyncCanvasSize();
    ApplyScale();

    ListenToInput();

    RequestFrames();
    g.stats.startup.context = t1 - t0;
    g.stats.startup.codepoints = t3 - t2;
    g.stats.startup.imgui = emscripten_get_now() - t0 - g.stats.startup.context - g.stats.startup.codepoints;
    return true;
}
}  // namespace qd::web

extern "C" {

// Startup (site/app.js): no frame between qd_start and the first workspace, so the atlas is built
// once, with the workspace's characters, instead of twice.
EMSCRIPTEN_KEEPALIVE void qd_hold_frames(int hold) { qd::web::HoldFrames(hold != 0); }

}  // extern "C"
