#include "web/backend.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8
#include <backends/imgui_impl_opengl3.h>
// stb_truetype's cmap lookup (which font file has a character), a private copy: imgui_draw.cpp keeps
// its own static one.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <imstb_truetype.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <vector>

#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/labels.h"
#include "web/gl_state_shadow.h"  // before any GL call: glViewport and friends go through it
#include "web/shell.h"

// navigator.clipboard needs a secure context (localhost counts); failures are not the user's concern.
// EM_JS bodies are JavaScript, not C++: the formatter leaves them alone.
// clang-format off
EM_JS(void, qd_js_write_clipboard, (const char* text), {
    if (navigator.clipboard) navigator.clipboard.writeText(UTF8ToString(text)).catch(() => {});
});

// Places the IME textarea at the caret (CSS pixels) and gives it the focus while ImGui wants text;
// takes the focus away when it no longer does.
EM_JS(void, qd_js_text_input, (int wanted, double x, double y, double lineHeight), {
    const ime = document.getElementById("qd-ime");
    if (!ime) return;
    if (wanted) {
        ime.style.left = x + "px";
        ime.style.top = y + "px";
        ime.style.height = lineHeight + "px";
        if (document.activeElement !== ime) ime.focus({ preventScroll: true });
    } else if (document.activeElement === ime) {
        ime.value = "";
        ime.blur();
    }
});
// Fetches a fallback font file (fonts/qd-cjk-x<chunk>.otf, same origin; the service worker caches it)
// and hands its bytes to qd_font_chunk_loaded; size 0 when it cannot be had (the standalone file
// carries no fallback fonts and cannot fetch from file://: its placeholders stay).
EM_JS(void, qd_js_fetch_font_chunk, (int chunk), {
    const give = (bytes) => {
        const p = bytes.length ? _malloc(bytes.length) : 0;
        if (p) HEAPU8.set(bytes, p);
        _qd_font_chunk_loaded(chunk, p, bytes.length);
        if (p) _free(p);
    };
    if (location.protocol === "file:" || document.getElementById("qd-wasm")) { give(new Uint8Array(0)); return; }
    fetch("fonts/qd-cjk-x" + chunk + ".otf")
        .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.arrayBuffer(); })
        .then((b) => give(new Uint8Array(b)),
              (e) => { console.warn("QuoteDesk: fallback font " + chunk + " not loaded:", e); give(new Uint8Array(0)); });
});
EM_JS(int, qd_js_ime_focused, (), {
    const ime = document.getElementById("qd-ime");
    return ime && document.activeElement === ime ? 1 : 0;
});
// clang-format on

namespace qd::web {
namespace {

constexpr const char* kCanvas = "#canvas";
constexpr float kFontPx = 15.0f;     // body text, CSS pixels
constexpr float kHeadingPx = 20.0f;  // page titles, CSS pixels

// The fallback fonts (tools/font/subset.py FALLBACK_CHUNKS has the same table): the rest of Noto
// Sans CJK SC beyond the page's font, in files of about 1 MB gzip split by code point. 0: not worth
// a fetch (symbols, dingbats, emoji: the face has few of them, so the character gets its box at once).
constexpr int kFallbackChunks = 6;
int FallbackChunkOf(unsigned int c)
{
    const auto in = [c](unsigned int lo, unsigned int hi) { return c >= lo && c <= hi; };
    if (in(0x4E00, 0x66FF)) return 1;  // CJK Unified Ideographs beyond GB 2312 (U+5C0D)
    if (in(0x6700, 0x7FFF)) return 2;
    if (in(0x8000, 0x9FFF)) return 3;  // (U+8AAC, U+9F98)
    if (in(0x1100, 0x11FF) || in(0x3130, 0x318F) || in(0xA960, 0xA97F) || in(0xAC00, 0xD7FF)) return 6;  // hangul
    if (in(0x20000, 0x3FFFF) || in(0x1F200, 0x1F2FF)) return 5;  // Ext B-G (U+20BB7), enclosed ideographs
    if (in(0x3400, 0x4DBF) || in(0xF900, 0xFAFF) || in(0x2E80, 0x2FFF) || in(0x3040, 0x33FF) || in(0xFE10, 0xFE1F) ||
        in(0xFE30, 0xFE4F) || in(0x0100, 0x024F) || in(0x0370, 0x052F) || in(0x1E00, 0x1EFF))
        return 4;  // Ext A (U+4DAE), compatibility ideographs, radicals, kana, bopomofo, Latin/Greek/Cyrillic
    return 0;
}

// One font file: its bytes (kept for every atlas rebuild) and its cmap.
struct FontFile {
    enum class Status { Absent, Loading, Loaded, Failed };
    Status status = Status::Absent;
    std::vector<uint8_t> bytes;
    stbtt_fontinfo info{};
    bool Has(unsigned int c) const
    {
        return status == Status::Loaded && stbtt_FindGlyphIndex(&info, static_cast<int>(c)) != 0;
    }
    bool Set(const uint8_t* data, size_t size)
    {
        bytes.assign(data, data + size);
        const int offset = size ? stbtt_GetFontOffsetForIndex(bytes.data(), 0) : -1;
        status = offset >= 0 && stbtt_InitFont(&info, bytes.data(), offset) ? Status::Loaded : Status::Failed;
        if (status == Status::Failed) bytes.clear();
        return status == Status::Loaded;
    }
};

struct State {
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    FontFile font;                           // the page's font (GB 2312 + the sources' characters)
    FontFile fallback[kFallbackChunks + 1];  // [1..6], fetched when shown text needs them
    std::set<unsigned int> codepoints;       // every character the body font must hold
    std::size_t headingChars = 0;            // ui::HeadingCodepoints().size() the atlas was built with
    bool fontsDirty = true;
    ImVector<ImWchar> ranges[kFallbackChunks + 1];  // per file; must outlive the atlas build
    ImVector<ImWchar> headingRanges;
    GLuint fontTexture = 0;  // the atlas on the GPU (UploadAtlas)
    double dpr = 1.0;
    int width = 0, height = 0;  // device pixels
    int framesLeft = 0;
    bool rafPending = false;
    bool held = false;  // HoldFrames: requests wait until released
    double lastTime = 0;
    BackendStats stats;
    std::string clipboard;               // last text copied or pasted
    bool pressedThisFrame[3] = {};       // a button went down since the last frame
    bool releaseNextFrame[3] = {};       // ...and up again before ImGui saw it: release after one frame
    bool pressNextFrame[3] = {};         // went down where the pointer only just moved: press after one frame
    bool movedThisFrame = false;         // the pointer moved since the last frame
    bool keyPressedThisFrame[512] = {};  // the same for keys (fast typing, synthetic key events)
    bool keyReleaseNextFrame[512] = {};
    bool modifiersNextFrame = false;  // a modifier went up while a key waits for its frame: ...
    bool nextModifiers[4] = {};       // ...these (ctrl, shift, alt, meta) apply after that frame
    bool textInput = false;           // ImGui wanted text input at the end of the last frame
    ImVec2 imePos{0, 0};              // caret position ImGui reported (device pixels)
} g;

void AddCodepoints(const char* utf8)
{
    const char* p = utf8;
    while (*p) {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, p, nullptr);
        if (n <= 0) break;
        p += n;
        if (c < 0x20 || c > IM_UNICODE_CODEPOINT_MAX || c == IM_UNICODE_CODEPOINT_INVALID) continue;
        if (g.codepoints.insert(c).second) g.fontsDirty = true;
    }
}

// Glyph ranges (pairs, zero-terminated) from an ascending list of code points.
void ToRanges(const std::vector<unsigned int>& sorted, ImVector<ImWchar>& out)
{
    out.clear();
    for (size_t i = 0; i < sorted.size();) {
        size_t j = i;
        while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1) ++j;
        out.push_back(static_cast<ImWchar>(sorted[i]));
        out.push_back(static_cast<ImWchar>(sorted[j]));
        i = j + 1;
    }
    out.push_back(0);
}

// A character no loaded font has (yet) gets an empty box: while its fallback file is on its way, and
// for good when no file has it. Drawn into the atlas after the build.
void DrawPlaceholders(ImFontAtlas& atlas, const std::vector<int>& rectIds)
{
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &texW, &texH);
    if (!pixels) return;
    const int line = std::max(1, static_cast<int>(std::lround(g.dpr)));
    for (int id : rectIds) {
        const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(id);
        if (!r->IsPacked()) continue;
        for (int y = 0; y < r->Height; ++y)
            for (int x = 0; x < r->Width; ++x) {
                const bool edge = x < line || y < line || x >= r->Width - line || y >= r->Height - line;
                pixels[(r->Y + y) * texW + r->X + x] = edge ? 0xA0 : 0x00;
            }
    }
}

// The heading font lacks the characters of text drawn in it without being registered as heading text
// (ui::NoteHeadingText): it borrows the body font's glyphs for them, scaled up (same face, so the
// same metrics times the size ratio). Softer than its own raster, but never a '?'.
void LendBodyGlyphs(const ImFont& body, ImFont& heading)
{
    const float r = heading.FontSize / body.FontSize;
    for (const ImFontGlyph& gl : body.Glyphs) {
        const ImWchar c = static_cast<ImWchar>(gl.Codepoint);
        if (heading.FindGlyphNoFallback(c)) continue;
        heading.AddGlyph(nullptr, c, gl.X0 * r, gl.Y0 * r, gl.X1 * r, gl.Y1 * r, gl.U0, gl.V0, gl.U1, gl.V1,
                         std::round(gl.AdvanceX * r));
    }
    heading.BuildLookupTable();
}

// The atlas as a LUMINANCE_ALPHA texture (white, coverage in alpha): what ImGui's shader expects of its
// RGBA32 texture at half the bytes to copy and upload (WebGL2 has no texture swizzle for an R8 one).
// The atlas is built in Alpha8, so this skips its RGBA32 conversion too.
void UploadAtlas(ImFontAtlas& atlas)
{
    unsigned char* alpha = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&alpha, &w, &h);
    std::vector<unsigned char> la(static_cast<size_t>(w) * h * 2);
    for (size_t i = 0, n = static_cast<size_t>(w) * h; i < n; ++i) {
        la[2 * i] = 0xFF;
        la[2 * i + 1] = alpha[i];
    }
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    if (g.fontTexture) glDeleteTextures(1, &g.fontTexture);
    glGenTextures(1, &g.fontTexture);
    glBindTexture(GL_TEXTURE_2D, g.fontTexture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_LUMINANCE_ALPHA, w, h, 0, GL_LUMINANCE_ALPHA, GL_UNSIGNED_BYTE, la.data());
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(g.fontTexture)));
    atlas.ClearTexData();  // the CPU copy is not needed after the upload (placeholders are drawn before)
}

void RebuildFonts()
{
    const double t0 = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // WebGL2 takes any height: no rows of nothing to upload
    g.stats.fallbackGlyphs = g.stats.placeholders = 0;

    if (g.font.status == FontFile::Status::Loaded) {
        // Which file draws each character: the page's font first, then its fallback chunk.
        std::vector<unsigned int> per[kFallbackChunks + 1], heading, missing;
        for (unsigned int c : g.codepoints) {
            if (g.font.Has(c)) {
                per[0].push_back(c);
                continue;
            }
            const int k = FallbackChunkOf(c);
            if (k == 0) {
                missing.push_back(c);
                continue;
            }
            FontFile& f = g.fallback[k];
            if (f.status == FontFile::Status::Absent) {
                f.status = FontFile::Status::Loading;
                qd_js_fetch_font_chunk(k);
            }
            if (f.Has(c)) per[k].push_back(c);
            else missing.push_back(c);
        }
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // the FontFiles keep the bytes for every rebuild
        cfg.OversampleH = 1;               // CJK: the atlas stays small; device-pixel raster is crisp anyway
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        const float bodyPx = std::round(kFontPx * static_cast<float>(g.dpr));
        ToRanges(per[0], g.ranges[0]);
        ImFont* body = io.Fonts->AddFontFromMemoryTTF(g.font.bytes.data(), static_cast<int>(g.font.bytes.size()),
                                                      bodyPx, &cfg, g.ranges[0].Data);
        for (int k = 1; k <= kFallbackChunks; ++k) {
            if (per[k].empty()) continue;
            ToRanges(per[k], g.ranges[k]);
            ImFontConfig merge = cfg;
            merge.MergeMode = true;
            io.Fonts->AddFontFromMemoryTTF(g.fallback[k].bytes.data(), static_cast<int>(g.fallback[k].bytes.size()),
                                           bodyPx, &merge, g.ranges[k].Data);
            g.stats.fallbackGlyphs += static_cast<int>(per[k].size());
        }
        // Headings (page titles, totals, big numbers) hold only the characters of heading text
        // (ui::HeadingCodepoints, about 150 instead of every UI string's 600: most of the raster work).
        g.headingChars = ui::HeadingCodepoints().size();
        for (unsigned int c : ui::HeadingCodepoints())
            if (g.font.Has(c)) heading.push_back(c);
        ToRanges(heading, g.headingRanges);
        io.Fonts->AddFontFromMemoryTTF(g.font.bytes.data(), static_cast<int>(g.font.bytes.size()),
                                       std::round(kHeadingPx * static_cast<float>(g.dpr)), &cfg, g.headingRanges.Data);
        std::vector<int> boxes;
        const auto px = [&](float em) { return static_cast<int>(std::lround(bodyPx * em)); };
        for (unsigned int c : missing)
            boxes.push_back(
                io.Fonts->AddCustomRectFontGlyph(body, static_cast<ImWchar>(c), px(0.8f), px(0.8f), bodyPx,
                                                 ImVec2(static_cast<float>(px(0.1f)), static_cast<float>(px(0.14f)))));
        g.stats.placeholders = static_cast<int>(missing.size());
        io.Fonts->Build();
        DrawPlaceholders(*io.Fonts, boxes);
        g.stats.headingGlyphs = io.Fonts->Fonts[1]->Glyphs.Size;
        LendBodyGlyphs(*io.Fonts->Fonts[0], *io.Fonts->Fonts[1]);
    } else {
        ImFontConfig cfg;
        cfg.SizePixels = std::round(13.0f * static_cast<float>(g.dpr));
        io.Fonts->AddFontDefault(&cfg);
    }
    if (!io.Fonts->IsBuilt()) io.Fonts->Build();
    const double t1 = emscripten_get_now();
    UploadAtlas(*io.Fonts);
    g.stats.glyphs = io.Fonts->Fonts.Size ? io.Fonts->Fonts[0]->Glyphs.Size : 0;
    if (io.Fonts->Fonts.Size < 2) g.stats.headingGlyphs = 0;
    g.stats.lastFontUploadMs = emscripten_get_now() - t1;
    int loading = 0, loaded = 0, failed = 0;
    for (int k = 1; k <= kFallbackChunks; ++k) {
        loading += g.fallback[k].status == FontFile::Status::Loading;
        loaded += g.fallback[k].status == FontFile::Status::Loaded;
        failed += g.fallback[k].status == FontFile::Status::Failed;
    }
    g.stats.fallbackLoading = loading;
    g.stats.fallbackLoaded = loaded;
    g.stats.fallbackFailed = failed;
    g.stats.atlasWidth = io.Fonts->TexWidth;
    g.stats.atlasHeight = io.Fonts->TexHeight;
    g.fontsDirty = false;
    g.stats.lastFontBuildMs = emscripten_get_now() - t0;
}

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

// ImGui reports the caret of the active text field from EndFrame (1.86: ImeSetInputScreenPosFn,
// only when it moved); the textarea follows it so the IME's candidate window opens at the caret.
void OnImePosition(int x, int y) { g.imePos = ImVec2(static_cast<float>(x), static_cast<float>(y)); }

void SyncTextInput()
{
    // The freshest answer: what this frame's widgets asked for (io.WantTextInput lags one frame).
    const ImGuiContext& ctx = *GImGui;
    const bool wanted = ctx.WantTextInputNextFrame > 0;
    if (wanted) {
        // Every frame while wanted: a click on the canvas takes the focus, the next frame gives it back.
        const double lineHeight = ImGui::GetFontSize() / g.dpr;
        qd_js_text_input(1, g.imePos.x / g.dpr, g.imePos.y / g.dpr, lineHeight);
    } else if (g.textInput) {
        qd_js_text_input(0, 0, 0, 0);
    }
    g.textInput = wanted;
}

constexpr int kDeferredFrames = 4;  // frames left after one that applied a deferred input change

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
    if (g.font.status == FontFile::Status::Loaded && ui::HeadingCodepoints().size() != g.headingChars) {
        g.fontsDirty = true;
        g.framesLeft = std::max(g.framesLeft, 2);
    }
    ImGui::Render();
    const double uiEnd = emscripten_get_now();
    for (int b = 0; b < 3; ++b) {
        // A deferred change is seen by the next frame, which must be followed by as many frames as
        // an event's RequestFrames() gives (3, so that what the change opens, e.g. a dialog that
        // sizes itself in its first, hidden frame, is drawn): this frame's count is taken off
        // after it, hence kDeferredFrames = 3 + 1. With 3, a click whose press and release came
        // between two frames opened its dialog hidden and drew nothing more until the next event.
        g.pressedThisFrame[b] = false;
        // the frame just drawn hovered the new position: now the press (a release waits one more)
        if (g.pressNextFrame[b]) {
            g.pressNextFrame[b] = false;
            io.MouseDown[b] = true;
            g.pressedThisFrame[b] = true;
            g.framesLeft = std::max(g.framesLeft, kDeferredFrames);
            continue;
        }
        if (g.releaseNextFrame[b]) {
            g.releaseNextFrame[b] = false;
            io.MouseDown[b] = false;
            g.framesLeft = std::max(g.framesLeft, kDeferredFrames);  // draw the frame that sees the release
        }
    }
    g.movedThisFrame = false;
    for (int k = 0; k < 512; ++k) {
        g.keyPressedThisFrame[k] = false;
        if (g.keyReleaseNextFrame[k]) {
            g.keyReleaseNextFrame[k] = false;
            io.KeysDown[k] = false;
            g.framesLeft = std::max(g.framesLeft, kDeferredFrames);
        }
    }
    if (g.modifiersNextFrame) {  // the chord's key was seen with its modifiers: now they go up
        g.modifiersNextFrame = false;
        io.KeyCtrl = g.nextModifiers[0];
        io.KeyShift = g.nextModifiers[1];
        io.KeyAlt = g.nextModifiers[2];
        io.KeySuper = g.nextModifiers[3];
        g.framesLeft = std::max(g.framesLeft, kDeferredFrames);
    }
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

// ---- input -------------------------------------------------------------------------------------

// ImGui 1.86 reads keys from io.KeysDown[] indexed by our own codes: we use the DOM keyCode.
enum DomKey {
    KeyBackspace = 8,
    KeyTab = 9,
    KeyEnter = 13,
    KeyEscape = 27,
    KeySpace = 32,
    KeyPageUp = 33,
    KeyPageDown = 34,
    KeyEnd = 35,
    KeyHome = 36,
    KeyLeft = 37,
    KeyUp = 38,
    KeyRight = 39,
    KeyDown = 40,
    KeyInsert = 45,
    KeyDelete = 46,
    KeyA = 65,
    KeyC = 67,
    KeyV = 86,
    KeyX = 88,
    KeyY = 89,
    KeyZ = 90
};

void SetModifiers(bool ctrl, bool shift, bool alt, bool meta)
{
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    io.KeyAlt = alt;
    io.KeySuper = meta;
}

EM_BOOL OnKey(int type, const EmscriptenKeyboardEvent* e, void*)
{
    ImGuiIO& io = ImGui::GetIO();
    // A chord pressed and let go between two frames (Ctrl down, A down, A up, Ctrl up: a fast typist,
    // a loaded machine, synthetic events) must reach ImGui as A with Ctrl: while a key waits for the
    // frame that sees it down, a modifier let go is let go one frame later (ImGui 1.86 polls
    // io.KeyCtrl once per frame like io.KeysDown[]).
    bool keyWaiting = false;
    for (bool k : g.keyPressedThisFrame) keyWaiting = keyWaiting || k;
    if (type == EMSCRIPTEN_EVENT_KEYUP && keyWaiting) {
        g.modifiersNextFrame = true;
        g.nextModifiers[0] = e->ctrlKey;
        g.nextModifiers[1] = e->shiftKey;
        g.nextModifiers[2] = e->altKey;
        g.nextModifiers[3] = e->metaKey;
    } else {
        g.modifiersNextFrame = false;
        SetModifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    }
    RequestFrames();
    if (type == EMSCRIPTEN_EVENT_KEYPRESS) {
        // Text comes through the IME textarea while it has the focus (its input event); a key typed
        // in the frame before it got the focus still counts.
        if (qd_js_ime_focused()) return EM_FALSE;
        if (e->charCode >= 0x20 && !e->ctrlKey && !e->metaKey) io.AddInputCharacter(e->charCode);
        return io.WantTextInput ? EM_TRUE : EM_FALSE;
    }
    unsigned long code = e->keyCode;  // 229 while an IME composes: the IME's key, not ImGui's
    if (code < 512) {
        if (type == EMSCRIPTEN_EVENT_KEYDOWN) {
            io.KeysDown[code] = true;
            g.keyPressedThisFrame[code] = true;
            g.keyReleaseNextFrame[code] = false;
        } else if (g.keyPressedThisFrame[code]) {
            g.keyReleaseNextFrame[code] = true;  // down and up between two frames: let ImGui see it down once
        } else {
            io.KeysDown[code] = false;
        }
    }
    // Keep the browser from acting on keys the console uses (Tab focus, Backspace, arrows), but let
    // printable keys through so keypress fires, and never swallow paste (Ctrl+V → paste event).
    bool navKey = code == KeyTab || code == KeyBackspace || code == KeyEnter || code == KeyEscape ||
                  (code >= KeyPageUp && code <= KeyDown) || code == KeyDelete;
    bool editChord = (e->ctrlKey || e->metaKey) && io.WantTextInput && (code == KeyA || code == KeyZ || code == KeyY);
    return (navKey || editChord) ? EM_TRUE : EM_FALSE;
}

int ImGuiButton(unsigned short domButton)
{
    switch (domButton) {
        case 0: return 0;
        case 1: return 2;
        case 2: return 1;
        default: return -1;
    }
}

EM_BOOL OnMouse(int type, const EmscriptenMouseEvent* e, void*)
{
    ImGuiIO& io = ImGui::GetIO();
    // The canvas fills the viewport (site/app.css), so client coordinates are canvas coordinates.
    const ImVec2 pos(static_cast<float>(e->clientX * g.dpr), static_cast<float>(e->clientY * g.dpr));
    if (pos.x != io.MousePos.x || pos.y != io.MousePos.y) g.movedThisFrame = true;
    io.MousePos = pos;
    if (g.modifiersNextFrame) {  // a chord waits for its frame (OnKey): its modifiers stay till then
        g.nextModifiers[0] = e->ctrlKey;
        g.nextModifiers[1] = e->shiftKey;
        g.nextModifiers[2] = e->altKey;
        g.nextModifiers[3] = e->metaKey;
    } else {
        SetModifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    }
    int b = ImGuiButton(e->button);
    // ImGui 1.86 samples the pointer and the buttons once per frame, and some items (tabs) only take
    // a press on what the previous frame hovered. So a press where the pointer only just moved is
    // given one frame later, and a click whose down and up both arrive between two frames (fast
    // clicks, touchpad taps, synthetic events) is seen down first, then up.
    if (b >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) {
        g.releaseNextFrame[b] = false;
        if (g.movedThisFrame && !io.MouseDown[b]) {
            g.pressNextFrame[b] = true;
        } else {
            io.MouseDown[b] = true;
            g.pressedThisFrame[b] = true;
        }
    }
    if (b >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) {
        if (g.pressedThisFrame[b] || g.pressNextFrame[b]) g.releaseNextFrame[b] = true;
        else io.MouseDown[b] = false;
    }
    RequestFrames();
    return EM_FALSE;
}

EM_BOOL OnMouseLeave(int, const EmscriptenMouseEvent*, void*)
{
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // nothing stays hovered
    RequestFrames();
    return EM_FALSE;
}

EM_BOOL OnWheel(int, const EmscriptenWheelEvent* e, void*)
{
    ImGuiIO& io = ImGui::GetIO();
    // deltaMode 0 = pixels (about 100 per notch in Chromium), 1 = lines, 2 = pages.
    double scale = e->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100.0 : e->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0 : 1.0;
    io.MouseWheel -= static_cast<float>(e->deltaY * scale);
    io.MouseWheelH -= static_cast<float>(e->deltaX * scale);
    RequestFrames();
    return EM_TRUE;
}

EM_BOOL OnResize(int, const EmscriptenUiEvent*, void*)
{
    if (SyncCanvasSize()) ApplyScale();
    RequestFrames();
    return EM_FALSE;
}

EM_BOOL OnFocus(int, const EmscriptenFocusEvent* e, void*)
{
    // The listener captures focus events of every element: only the window's own matter.
    if (std::strcmp(e->nodeName, "#window") != 0) return EM_FALSE;
    // Keys released while the page was in the background would otherwise stay down.
    ImGuiIO& io = ImGui::GetIO();
    for (bool& k : io.KeysDown) k = false;
    g.modifiersNextFrame = false;
    SetModifiers(false, false, false, false);
    RequestFrames();
    return EM_FALSE;
}

const char* GetClipboard(void*) { return g.clipboard.c_str(); }

void SetClipboard(void*, const char* text)
{
    g.clipboard = text;
    qd_js_write_clipboard(text);
}

}  // namespace

void RequestFrames(int frames)
{
    g.framesLeft = std::max(g.framesLeft, frames);
    if (!g.rafPending && g.gl && !g.held) {
        g.rafPending = true;
        emscripten_request_animation_frame(OnAnimationFrame, nullptr);
    }
}

void SetFontData(const uint8_t* data, size_t size)
{
    if (!g.font.Set(data, size)) std::fprintf(stderr, "QuoteDesk: the font file is not a font (%zu bytes)\n", size);
    g.fontsDirty = true;
    RequestFrames();
}

void SetFallbackFontData(int chunk, const uint8_t* data, size_t size)
{
    if (chunk < 1 || chunk > kFallbackChunks) return;
    g.fallback[chunk].Set(data, size);  // size 0: not available, its characters keep their boxes
    g.fontsDirty = true;
    RequestFrames();
}

void AddDisplayText(const std::string& utf8)
{
    AddCodepoints(utf8.c_str());
    if (g.fontsDirty) RequestFrames();
}

void HoldFrames(bool hold)
{
    g.held = hold;
    if (!hold && g.framesLeft > 0) RequestFrames(g.framesLeft);
}

std::string ActiveInputText()
{
    const ImGuiContext& ctx = *GImGui;
    if (ctx.ActiveId == 0 || ctx.InputTextState.ID != ctx.ActiveId) return {};
    const ImVector<ImWchar>& w = ctx.InputTextState.TextW;
    std::string out(static_cast<size_t>(ctx.InputTextState.CurLenA) + 1, '\0');
    int n = ImTextStrToUtf8(out.data(), static_cast<int>(out.size()), w.Data, w.Data + ctx.InputTextState.CurLenW);
    out.resize(static_cast<size_t>(n));
    return out;
}

BackendStats Stats()
{
    g.stats.textInput = g.textInput;
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
    io.GetClipboardTextFn = GetClipboard;
    io.SetClipboardTextFn = SetClipboard;
    io.ImeSetInputScreenPosFn = OnImePosition;
    const int keys[][2] = {{ImGuiKey_Tab, KeyTab},
                           {ImGuiKey_LeftArrow, KeyLeft},
                           {ImGuiKey_RightArrow, KeyRight},
                           {ImGuiKey_UpArrow, KeyUp},
                           {ImGuiKey_DownArrow, KeyDown},
                           {ImGuiKey_PageUp, KeyPageUp},
                           {ImGuiKey_PageDown, KeyPageDown},
                           {ImGuiKey_Home, KeyHome},
                           {ImGuiKey_End, KeyEnd},
                           {ImGuiKey_Insert, KeyInsert},
                           {ImGuiKey_Delete, KeyDelete},
                           {ImGuiKey_Backspace, KeyBackspace},
                           {ImGuiKey_Space, KeySpace},
                           {ImGuiKey_Enter, KeyEnter},
                           {ImGuiKey_Escape, KeyEscape},
                           {ImGuiKey_KeyPadEnter, KeyEnter},
                           {ImGuiKey_A, KeyA},
                           {ImGuiKey_C, KeyC},
                           {ImGuiKey_V, KeyV},
                           {ImGuiKey_X, KeyX},
                           {ImGuiKey_Y, KeyY},
                           {ImGuiKey_Z, KeyZ}};
    for (const auto& k : keys) io.KeyMap[k[0]] = k[1];

    ImGui_ImplOpenGL3_Init("#version 300 es");
    // The shaders now, not in the first frame's NewFrame: that would also upload the atlas a second
    // time (its CreateFontsTexture, RGBA32). The atlas is ours (UploadAtlas): drop the default one.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    const double t2 = emscripten_get_now();

    // Every character the UI can show, in both languages, plus printable ASCII.
    for (char c = 0x20; c < 0x7f; ++c) {
        char s[2] = {c, 0};
        AddCodepoints(s);
    }
    AddCodepoints("¥…—·×÷①②③④⑤⑥⑦→←↑↓✓✗（）【】《》“”‘’、。，：；！？");
    ui::ForEachUiString([](const char* s, void*) { AddCodepoints(s); }, nullptr);
    ui::ForEachLabelString([](const char* s, void*) { AddCodepoints(s); }, nullptr);
    const double t3 = emscripten_get_now();

    SyncCanvasSize();
    ApplyScale();

    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, OnKey);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, OnKey);
    emscripten_set_keypress_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, OnKey);
    emscripten_set_mousedown_callback(kCanvas, nullptr, EM_TRUE, OnMouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_TRUE, OnMouse);
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_TRUE, OnMouse);
    emscripten_set_mouseleave_callback(kCanvas, nullptr, EM_TRUE, OnMouseLeave);
    emscripten_set_wheel_callback(kCanvas, nullptr, EM_TRUE, OnWheel);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, OnResize);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, OnFocus);

    RequestFrames();
    g.stats.startup.context = t1 - t0;
    g.stats.startup.codepoints = t3 - t2;
    g.stats.startup.imgui = emscripten_get_now() - t0 - g.stats.startup.context - g.stats.startup.codepoints;
    return true;
}

}  // namespace qd::web

extern "C" {

// Text committed in the IME textarea (a composition's result, or typed/pasted outside one).
EMSCRIPTEN_KEEPALIVE void qd_input_text(const char* utf8)
{
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    qd::web::AddDisplayText(utf8);  // typed Chinese needs its glyphs in the atlas
    qd::web::RequestFrames();
}

// Startup (site/app.js): no frame between qd_start and the first workspace, so the atlas is built
// once, with the workspace's characters, instead of twice.
EMSCRIPTEN_KEEPALIVE void qd_hold_frames(int hold) { qd::web::HoldFrames(hold != 0); }

// A fallback font file fetched by qd_js_fetch_font_chunk (size 0: it could not be had).
EMSCRIPTEN_KEEPALIVE void qd_font_chunk_loaded(int chunk, const uint8_t* data, int size)
{
    qd::web::SetFallbackFontData(chunk, data, static_cast<size_t>(std::max(0, size)));
}

// The text of a paste event: ImGui reads it through the clipboard callback on the Ctrl+V that
// caused the event (the key went down first, the frame comes after).
EMSCRIPTEN_KEEPALIVE void qd_paste(const char* utf8)
{
    qd::web::g.clipboard = utf8;
    qd::web::RequestFrames();
}

}  // extern "C"
