// The browser platform under the console: WebGL2 canvas, HiDPI, input events, fonts, and frame
// scheduling (backend.cpp; fonts.cpp, input.cpp). With the rest of wasm/web, the only code that
// includes emscripten headers; the calls between page and module are listed in web/abi.h.
//
// HiDPI: ImGui runs in device pixels (like Tracy's BackendEmscripten): the canvas backing store is
// its CSS size × devicePixelRatio, mouse positions are scaled by the same ratio, fonts are
// rasterised at size × ratio and the style is scaled; all rebuilt when the ratio changes.
//
// Text input and IME: the canvas never receives composition events, so while a text field is
// active (ImGui wants text input) a hidden <textarea id="qd-ime"> sits at the caret with the focus
// (site/app.js): committed text (compositionend, or input outside a composition) comes back as
// characters (qd_input_text); Backspace, Enter, Tab, Escape and the arrows stay keys (the window's
// keydown handler, which keeps them from the textarea). Paste: the page's paste event hands the
// text over (qd_paste) before ImGui handles the Ctrl+V it follows.
//
// Frames: the browser cannot block, so nothing is drawn unless something asked for it. Every input
// event (and every API call that changes state) requests a few frames (ImGui needs two or three
// to settle hover and layout); after that, no requestAnimationFrame is pending at all.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/character_set.h"

namespace qd::web {

struct BackendStats {
    uint64_t framesDrawn = 0;  // frames rendered since start
    bool idle = true;          // no frame pending
    int canvasWidth = 0;       // backing store, device pixels
    int canvasHeight = 0;
    double devicePixelRatio = 1.0;
    int glyphs = 0;  // glyphs in the font atlas
    int atlasWidth = 0, atlasHeight = 0;
    double lastFrameMs = 0;       // CPU time of the last frame (build + render submit)
    double lastFontBuildMs = 0;   // time of the last atlas rebuild (rasterising and uploading)
    double lastFontUploadMs = 0;  // ...of which the texture upload
    int headingGlyphs = 0;        // glyphs rasterised for the heading font (heading text only, ui::HeadingText)
    int fallbackGlyphs = 0;       // glyphs of the body font drawn from fallback files
    int placeholders = 0;         // characters drawn as an empty box (no loaded file has them)
    int fallbackLoading = 0, fallbackLoaded = 0, fallbackFailed = 0;  // fallback files by status
    int restGlyphs = 0;  // glyphs of the body font drawn from the rest of the page's font (fonts/qd-cjk.otf)
    const char* restFont = "absent";  // ... that file: absent, loading, loaded, failed
    bool textInput = false;           // a text field is active (the IME textarea has the focus)

    // Where start-up time goes (docs/architecture.md §4: first frame < 1.5 s), ms of main-thread time.
    struct Startup {
        double context = 0;     // StartBackend: the WebGL2 context
        double imgui = 0;       // ...the ImGui context, its GL objects (shaders) and the events
        double codepoints = 0;  // ...the UI strings' characters collected for the atlas
        double frameFonts = 0;  // the first frame: the atlas (rasterise, upload)
        double frameUi = 0;     // ...the console's UI pass (NewFrame to Render)
        double frameGl = 0;     // ...the draw calls
    } startup;
};

// Creates the WebGL2 context on #canvas, the ImGui context and the event handlers.
// Returns false (and logs why) if WebGL2 is unavailable.
bool StartBackend();

// The CJK font file (an OpenType subset fetched by the page); the atlas is built from it with only
// the glyphs the UI strings and the loaded data need. The bytes are copied.
//
// The served page's font is small (fonts/qd-cjk-ui.otf: the characters of the UI strings, the
// core's labels and the sample, about 700; docs/performance.md "First frame"), so the first frame
// waits for a tenth of the bytes. The rest of the everyday characters (GB 2312's 6,763 hanzi: the
// file fonts/qd-cjk.otf, which the standalone file carries as its page font) is fetched after the
// first frame (FetchRestOfFont), or at once by an atlas build that meets a character the page's font
// lacks; such a character draws as an empty box until it arrives.
//
// Characters it lacks (traditional U+5C0D, CJK Ext A U+4DAE, the supplementary planes' U+20BB7; ImWchar is 32-bit,
// IMGUI_USE_WCHAR32) come from the fallback files fonts/qd-cjk-x1..6.otf (tools/font/subset.py: the
// rest of Noto Sans CJK SC, split by code point): the atlas build that first meets such a character
// asks the page to fetch its file (same origin, cached by the service worker) and draws an empty box
// meanwhile; when the file arrives (SetFallbackFontData) it is merged into the body font (MergeMode)
// and the frame is drawn again. A character no file has keeps its box. The standalone file has no
// fallback files: there the boxes stay.
void SetFontData(const uint8_t* data, size_t size);

// A fallback file's bytes (chunk 1..6; kRestOfFontChunk: fonts/qd-cjk.otf), or size 0 when it could
// not be fetched. The bytes are copied.
inline constexpr int kRestOfFontChunk = 7;
void SetFallbackFontData(int chunk, const uint8_t* data, size_t size);

// After the first frame: fetches the rest of the page's font (kRestOfFontChunk) unless it is there.
void FetchRestOfFont();

// Adds text whose characters must be renderable (e.g. typed text); the atlas is rebuilt before the
// next frame if this brought new characters.
void AddDisplayText(std::string_view utf8);

// Every character of a set: an opened file's (LoadResult::characters, which its stage 1 collected while
// validating it), so the workspace's strings need not be walked (docs/performance.md "The characters
// of a file"). The atlas is asked for once at the end, as after a DisplayTextScan.
void AddCharacters(const CharacterSet& characters);

// The same for many strings at once: every string of an opened workspace, without a copy of them.
// A string met again in the same scan (names repeat: services, regions, creators) is not read again,
// so the strings must outlive the scan; the atlas is asked for at its end.
class DisplayTextScan {
public:
    DisplayTextScan() = default;
    DisplayTextScan(const DisplayTextScan&) = delete;
    DisplayTextScan& operator=(const DisplayTextScan&) = delete;
    ~DisplayTextScan();
    void add(std::string_view utf8);        // a text that may repeat
    void addUnique(std::string_view utf8);  // a text met once (a resource's own name): not remembered

private:
    std::array<std::string_view, 64> recent_{};  // texts met, by a slot of their length and ends
};

// Asks for `frames` more frames (at least); schedules one if none is pending.
void RequestFrames(int frames = 3);

// While held, requested frames wait (startup: the page holds them until the first workspace is open,
// so the atlas is built once with its characters); releasing schedules what was asked meanwhile.
void HoldFrames(bool hold);

BackendStats Stats();

// The text of the active text field (UTF-8), "" when none is active.
std::string ActiveInputText();

}  // namespace qd::web
