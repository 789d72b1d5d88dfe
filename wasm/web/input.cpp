// input.cpp: the browser's input under ImGui (backend.h): keys, mouse and wheel from the DOM, with
// presses and releases that arrive between two frames held back so that ImGui 1.86 sees each; the IME
// textarea at the caret; the clipboard.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>  // GImGui, ImTextStrToUtf8

#include <algorithm>
#include <cfloat>
#include <cstring>
#include <string>

#include "web/backend_state.h"

// EM_JS bodies are JavaScript, not C++: the formatter leaves them alone.
// clang-format off
// navigator.clipboard needs a secure context (localhost counts); failures are not the user's concern.
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
});EM_JS(int, qd_js_ime_focused, (), {
    const ime = document.getElementById("qd-ime");
    return ime && document.activeElement === ime ? 1 : 0;
});
// Whether the page's accessibility mirror (site/a11y.js) takes a key: Tab, Enter, Space while one of
// its elements has the focus (the browser moves the focus and presses the element), and Tab while
// nothing has it (Tab enters the mirror).
EM_JS(int, qd_js_mirror_takes_key, (int tab), {
    const a = document.activeElement;
    const root = document.getElementById("qd-a11y");
    if (root && a && root.contains(a)) return 1;
    return tab && (!a || a === document.body || a.id === "canvas") ? 1 : 0;
});  // clang-format on

namespace qd::web {
namespace {

struct Input {
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
} in;

// ImGui reports the caret of the active text field from EndFrame (1.86: ImeSetInputScreenPosFn,
// only when it moved); the textarea follows it so the IME's candidate window opens at the caret.
void OnImePosition(int x, int y) { in.imePos = ImVec2(static_cast<float>(x), static_cast<float>(y)); }

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
    // Keys of the accessibility mirror are the browser's, not ImGui's (web/a11y_mirror.h); a release
    // still reaches ImGui, which may have seen the press.
    if (type != EMSCRIPTEN_EVENT_KEYUP &&
        (e->keyCode == KeyTab || e->keyCode == KeyEnter || e->keyCode == KeySpace || e->charCode == KeyEnter ||
         e->charCode == KeySpace) &&
        qd_js_mirror_takes_key(e->keyCode == KeyTab)) {
        RequestFrames();
        return EM_FALSE;
    }
    // A chord pressed and let go between two frames (Ctrl down, A down, A up, Ctrl up: a fast typist,
    // a loaded machine, synthetic events) must reach ImGui as A with Ctrl: while a key waits for the
    // frame that sees it down, a modifier let go is let go one frame later (ImGui 1.86 polls
    // io.KeyCtrl once per frame like io.KeysDown[]).
    bool keyWaiting = false;
    for (bool k : in.keyPressedThisFrame) keyWaiting = keyWaiting || k;
    if (type == EMSCRIPTEN_EVENT_KEYUP && keyWaiting) {
        in.modifiersNextFrame = true;
        in.nextModifiers[0] = e->ctrlKey;
        in.nextModifiers[1] = e->shiftKey;
        in.nextModifiers[2] = e->altKey;
        in.nextModifiers[3] = e->metaKey;
    } else {
        in.modifiersNextFrame = false;
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
            in.keyPressedThisFrame[code] = true;
            in.keyReleaseNextFrame[code] = false;
        } else if (in.keyPressedThisFrame[code]) {
            in.keyReleaseNextFrame[code] = true;  // down and up between two frames: let ImGui see it down once
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
    if (pos.x != io.MousePos.x || pos.y != io.MousePos.y) in.movedThisFrame = true;
    io.MousePos = pos;
    if (in.modifiersNextFrame) {  // a chord waits for its frame (OnKey): its modifiers stay till then
        in.nextModifiers[0] = e->ctrlKey;
        in.nextModifiers[1] = e->shiftKey;
        in.nextModifiers[2] = e->altKey;
        in.nextModifiers[3] = e->metaKey;
    } else {
        SetModifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    }
    int b = ImGuiButton(e->button);
    // ImGui 1.86 samples the pointer and the buttons once per frame, and some items (tabs) only take
    // a press on what the previous frame hovered. So a press where the pointer only just moved is
    // given one frame later, and a click whose down and up both arrive between two frames (fast
    // clicks, touchpad taps, synthetic events) is seen down first, then up.
    if (b >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) {
        in.releaseNextFrame[b] = false;
        if (in.movedThisFrame && !io.MouseDown[b]) {
            in.pressNextFrame[b] = true;
        } else {
            io.MouseDown[b] = true;
            in.pressedThisFrame[b] = true;
        }
    }
    if (b >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) {
        if (in.pressedThisFrame[b] || in.pressNextFrame[b]) in.releaseNextFrame[b] = true;
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
    in.modifiersNextFrame = false;
    SetModifiers(false, false, false, false);
    RequestFrames();
    return EM_FALSE;
}

const char* GetClipboard(void*) { return in.clipboard.c_str(); }

void SetClipboard(void*, const char* text)
{
    in.clipboard = text;
    qd_js_write_clipboard(text);
}

}  // namespace

void ConfigureInput()
{
    ImGuiIO& io = ImGui::GetIO();
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
}

void ListenToInput()
{
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
}

void ApplyDeferredInput()
{
    ImGuiIO& io = ImGui::GetIO();
    for (int b = 0; b < 3; ++b) {
        // A deferred change is seen by the next frame, which must be followed by as many frames as
        // an event's RequestFrames() gives (3, so that what the change opens, e.g. a dialog that
        // sizes itself in its first, hidden frame, is drawn): this frame's count is taken off
        // after it, hence kDeferredFrames = 3 + 1. With 3, a click whose press and release came
        // between two frames opened its dialog hidden and drew nothing more until the next event.
        in.pressedThisFrame[b] = false;
        // the frame just drawn hovered the new position: now the press (a release waits one more)
        if (in.pressNextFrame[b]) {
            in.pressNextFrame[b] = false;
            io.MouseDown[b] = true;
            in.pressedThisFrame[b] = true;
            g.framesLeft = std::max(g.framesLeft, kDeferredFrames);
            continue;
        }
        if (in.releaseNextFrame[b]) {
            in.releaseNextFrame[b] = false;
            io.MouseDown[b] = false;
            g.framesLeft = std::max(g.framesLeft, kDeferredFrames);  // draw the frame that sees the release
        }
    }
    in.movedThisFrame = false;
    for (int k = 0; k < 512; ++k) {
        in.keyPressedThisFrame[k] = false;
        if (in.keyReleaseNextFrame[k]) {
            in.keyReleaseNextFrame[k] = false;
            io.KeysDown[k] = false;
            g.framesLeft = std::max(g.framesLeft, kDeferredFrames);
        }
    }
    if (in.modifiersNextFrame) {  // the chord's key was seen with its modifiers: now they go up
        in.modifiersNextFrame = false;
        io.KeyCtrl = in.nextModifiers[0];
        io.KeyShift = in.nextModifiers[1];
        io.KeyAlt = in.nextModifiers[2];
        io.KeySuper = in.nextModifiers[3];
        g.framesLeft = std::max(g.framesLeft, kDeferredFrames);
    }
}

void SyncTextInput()
{
    // The freshest answer: what this frame's widgets asked for (io.WantTextInput lags one frame).
    const ImGuiContext& ctx = *GImGui;
    const bool wanted = ctx.WantTextInputNextFrame > 0;
    if (wanted) {
        // Every frame while wanted: a click on the canvas takes the focus, the next frame gives it back.
        const double lineHeight = ImGui::GetFontSize() / g.dpr;
        qd_js_text_input(1, in.imePos.x / g.dpr, in.imePos.y / g.dpr, lineHeight);
    } else if (in.textInput) {
        qd_js_text_input(0, 0, 0, 0);
    }
    in.textInput = wanted;
}

bool TextInputWanted() { return in.textInput; }

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

}  // namespace qd::web

extern "C" {

// Text committed in the IME textarea (a composition's result, or typed/pasted outside one).
EMSCRIPTEN_KEEPALIVE void qd_input_text(const char* utf8)
{
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    qd::web::AddDisplayText(utf8);  // typed Chinese needs its glyphs in the atlas
    qd::web::RequestFrames();
}

// The text of a paste event: ImGui reads it through the clipboard callback on the Ctrl+V that
// caused the event (the key went down first, the frame comes after).
EMSCRIPTEN_KEEPALIVE void qd_paste(const char* utf8)
{
    qd::web::in.clipboard = utf8;
    qd::web::RequestFrames();
}

}  // extern "C"
