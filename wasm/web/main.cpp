// QuoteDesk in the browser: the exported functions behind window.quotedesk (site/app.js) and the
// console's frame. The page calls qd_set_font, then qd_start, then opens the stored workspace or
// the sample (workspace_io.cpp: qd_stage_file + qd_load_staged).
//
// The calls between page and module, and how strings and answers cross: web/abi.h.
#include <emscripten.h>
#include <emscripten/html5.h>  // emscripten_date_now
#include <imgui.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/model/json_writer.h"
#include "core/engine/purchase.h"
#include "core/engine/refund.h"
#include "core/engine/renewal.h"
#include "core/io/save.h"
#include "ui/app.h"
#include "ui/quote_sheet.h"
#include "web/a11y_mirror.h"
#include "web/backend.h"
#include "web/gl_state_shadow.h"
#include "web/shell.h"
#include "web/ui_locator.h"

namespace qd::web {

ShellState& Shell()
{
    static ShellState state;
    return state;
}

// What the views asked of the page during the frame: the address fragment, the clipboard, the
// screen-reader announcement. Written only when they change.
// EM_JS bodies are JavaScript, not C++: the formatter leaves them alone.
// clang-format off
// The view's address (docs/architecture.md §8): a new entry in the history, or the current one replaced.
EM_JS(void, qd_js_set_fragment, (const char* fragment, int push), {
    const url = "#" + UTF8ToString(fragment);
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
});
EM_JS(void, qd_js_announce, (const char* text), {
    const live = document.getElementById("live");
    if (live) live.textContent = UTF8ToString(text);
});
// clang-format on

// The real clock, for quotes when neither the arguments nor the workspace fix "now".
qd::Instant Now() { return qd::Instant::FromUnixSeconds(static_cast<int64_t>(emscripten_date_now() / 1000)); }

void DrawShellFrame()
{
    ShellState& shell = Shell();
    ui::AppState& app = shell.app;
    app.clock = Now();
    ui::DrawApp(app);
    if (app.fragment != shell.mirroredFragment) {
        shell.mirroredFragment = app.fragment;
        qd_js_set_fragment(app.fragment.c_str(), app.fragmentPush ? 1 : 0);
    }
    if (app.announcement != shell.mirroredAnnouncement) {
        shell.mirroredAnnouncement = app.announcement;
        qd_js_announce(app.announcement.c_str());
    }
    if (!app.clipboard.empty()) {
        ImGui::SetClipboardText(app.clipboard.c_str());
        app.clipboard.clear();
    }
    SyncPlatform(shell);
}

}  // namespace qd::web

namespace {

std::string g_result;

const char* Result(std::string json)
{
    g_result = std::move(json);
    return g_result.c_str();
}

const char* SourceName(qd::ui::WorkspaceSource source)
{
    switch (source) {
        case qd::ui::WorkspaceSource::Sample: return "sample";
        case qd::ui::WorkspaceSource::BrowserStorage: return "browser_storage";
        case qd::ui::WorkspaceSource::Files: return "files";
        case qd::ui::WorkspaceSource::None: break;
    }
    return "none";
}

const char* NoWorkspace()
{
    return Result("{\"error\":{\"code\":\"no_workspace\",\"message\":\"no workspace is open\"}}");
}

}  // namespace

extern "C" {

// docs/architecture.md §3 renew(argsJson): the same JSON as `quotedesk renew --format json`.
EMSCRIPTEN_KEEPALIVE const char* qd_renew(const char* argsJson)
{
    const auto& app = qd::web::Shell().app;
    if (!app.workspace) return NoWorkspace();
    return Result(qd::RenewJson(*app.workspace, argsJson, qd::web::Now()));
}

// docs/architecture.md §3 refund(argsJson): the same JSON as `quotedesk refund --format json`.
EMSCRIPTEN_KEEPALIVE const char* qd_refund(const char* argsJson)
{
    const auto& app = qd::web::Shell().app;
    if (!app.workspace) return NoWorkspace();
    return Result(qd::RefundJson(*app.workspace, argsJson, qd::web::Now()));
}

// docs/architecture.md §3 buy(argsJson): the same JSON as `quotedesk buy --format json`.
EMSCRIPTEN_KEEPALIVE const char* qd_buy(const char* argsJson)
{
    const auto& app = qd::web::Shell().app;
    if (!app.workspace) return NoWorkspace();
    return Result(qd::BuyJson(*app.workspace, argsJson, qd::web::Now()));
}

// docs/architecture.md §3 quoteSheet(argsJson, kind): the printable sheet of a renew / buy / refund quote
// (ui/quote_sheet.h), in the console's language.
EMSCRIPTEN_KEEPALIVE const char* qd_quote_sheet(const char* kind, const char* argsJson)
{
    const auto& app = qd::web::Shell().app;
    if (!app.workspace) return NoWorkspace();
    return Result(qd::ui::QuoteSheetJson(*app.workspace, kind, argsJson, qd::web::Now()));
}

EMSCRIPTEN_KEEPALIVE const char* qd_summary()
{
    const auto& app = qd::web::Shell().app;
    if (!app.workspace) return NoWorkspace();
    return Result(qd::SummaryJson(*app.workspace));
}

// For browser tests: {"bytes","fnv1a"} of the open workspace as saved (SaveWorkspace's text), so a
// test compares whole workspaces (before an operation and after its undo) without a download.
EMSCRIPTEN_KEEPALIVE const char* qd_fingerprint()
{
    const auto& app = qd::web::Shell().app;
    if (!app.workspace) return NoWorkspace();
    const std::string text = qd::SaveWorkspace(*app.workspace);
    uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64 bits
    for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    qd::JsonWriter w;
    w.beginObject();
    w.member("bytes", static_cast<int64_t>(text.size()));
    w.member("fnv1a", std::string(hex));
    w.endObject();
    return Result(w.take());
}

EMSCRIPTEN_KEEPALIVE void qd_set_font(const uint8_t* data, int size)
{
    qd::web::SetFontData(data, static_cast<size_t>(size));
}

EMSCRIPTEN_KEEPALIVE int qd_start()
{
    if (!qd::web::StartBackend()) return 0;
    qd::web::InstallUiLocator();
    return 1;
}

// For browser tests (window.quotedesk.items()): the items of the last frame drawn with their labels
// and rectangles in CSS pixels (web/ui_locator.h). The first call switches the recording on and asks
// for frames; `names` ("##type", one per line) resolves items submitted without a visible label.
EMSCRIPTEN_KEEPALIVE const char* qd_ui_items(const char* names)
{
    if (!qd::web::EnableUiLocator()) qd::web::RequestFrames();
    const qd::web::BackendStats s = qd::web::Stats();
    return Result(qd::web::UiItemsJson(names, s.devicePixelRatio, s.framesDrawn));
}

// For browser tests (window.quotedesk.glShadowCheck()): the GL state the shell keeps against WebGL's.
EMSCRIPTEN_KEEPALIVE const char* qd_gl_shadow_check() { return Result(qd::web::ShadowCheckJson()); }

// The page's address (location.hash without '#', as the browser gives it) at start, and after Back,
// Forward or an edit of the address bar: opens the view it names (ui/view_address.h); the address bar
// gets the canonical form.
EMSCRIPTEN_KEEPALIVE void qd_set_fragment(const char* fragment)
{
    auto& shell = qd::web::Shell();
    shell.mirroredFragment = fragment;
    qd::ui::OpenFragment(shell.app, fragment);
    qd::web::RequestFrames();
}

// navigate(address): a page id ("renewals") or a whole address ("renewals?tab=auto&q=web"), opened
// like a link; the history gets a new entry, as for a click.
EMSCRIPTEN_KEEPALIVE const char* qd_navigate(const char* address)
{
    const qd::ui::AddressParse parsed = qd::ui::ParseViewAddress(address);
    const std::string_view text(address);
    const std::string_view pageId = text.substr(0, text.find_first_of("/?"));
    if (!qd::ui::PageFromId(pageId)) {
        std::string json = "{\"error\":{\"code\":\"unknown_page\",\"message\":";
        qd::AppendJsonString(json, std::string("no page called ") + std::string(pageId));
        return Result(json + "}}");
    }
    auto& app = qd::web::Shell().app;
    qd::ui::OpenAddress(app, parsed.address);
    app.addressSettling = 0;  // the frames after it add one history entry, as a click would
    app.fragment = qd::web::Shell().mirroredFragment;
    qd::web::RequestFrames();
    std::string json = std::string("{\"page\":\"") + qd::ui::PageId(parsed.address.page) + "\",\"address\":";
    qd::AppendJsonString(json, qd::ui::FormatViewAddress(parsed.address));
    return Result(json + "}");
}

EMSCRIPTEN_KEEPALIVE const char* qd_state()
{
    const auto& app = qd::web::Shell().app;
    const qd::web::BackendStats s = qd::web::Stats();
    const qd::ui::DataStatus& data = qd::ui::GetDataStatus();
    const qd::ZoneOffset zone = app.workspace ? app.workspace->rules.zone : qd::ZoneOffset::China();
    qd::JsonWriter w;
    w.beginObject();
    w.member("page", qd::ui::PageId(app.page));
    w.member("address", app.fragment);  // the view's address (docs/architecture.md §8), as in location.hash
    w.member("address_notice", app.addressNotice);
    w.member("lang", qd::ui::CurrentLang() == qd::ui::Lang::Zh ? "zh" : "en");
    w.member("theme", app.theme == qd::ui::Theme::Light ? "light" : "dark");
    w.member("frames_drawn", s.framesDrawn);
    w.member("idle", s.idle);
    w.key("canvas");
    w.beginObject();
    w.member("width", s.canvasWidth);
    w.member("height", s.canvasHeight);
    w.key("device_pixel_ratio");
    w.number(s.devicePixelRatio);
    w.endObject();
    w.key("font");
    w.beginObject();
    w.member("glyphs", s.glyphs);
    w.member("atlas_width", s.atlasWidth);
    w.member("atlas_height", s.atlasHeight);
    w.member("heading_glyphs", s.headingGlyphs);
    w.member("fallback_glyphs", s.fallbackGlyphs);
    w.member("placeholders", s.placeholders);
    w.member("fallback_loading", s.fallbackLoading);
    w.member("fallback_loaded", s.fallbackLoaded);
    w.member("fallback_failed", s.fallbackFailed);
    w.member("rest_glyphs", s.restGlyphs);
    w.member("rest_font", s.restFont);
    w.member("upload_ms", s.lastFontUploadMs, 2);
    w.endObject();
    w.member("heap_bytes", static_cast<uint64_t>(__builtin_wasm_memory_size(0)) * 65536);
    w.member("last_frame_ms", s.lastFrameMs, 2);
    w.member("last_font_build_ms", s.lastFontBuildMs, 2);
    // the accessibility mirror (web/a11y_mirror.h): its cost per frame, how often the DOM was rebuilt
    const qd::web::MirrorStats& mirror = qd::web::MirrorCost();
    w.key("a11y");
    w.beginObject();
    w.member("last_ms", mirror.lastMs, 3);
    w.member("max_ms", mirror.maxMs, 3);
    w.member("frames", mirror.frames);
    w.member("updates", mirror.updates);
    w.member("bytes", static_cast<uint64_t>(mirror.bytes));
    w.member("nav_id", static_cast<uint64_t>(mirror.navId));
    w.endObject();
    w.key("storage");
    w.beginObject();
    w.member("source", SourceName(data.source));
    w.member("files", data.fileNames);
    w.member("save_pending", data.savePending);
    w.member("saved_at", data.lastSavedAt, zone);
    w.member("restored_saved_at", data.restoredSavedAt, zone);
    w.member("error", data.storageError);
    w.key("load_errors");
    w.beginArray();
    for (const std::string& e : data.loadErrors) w.string(e);
    w.endArray();
    // the import report of Huawei responses (docs/huawei-data.md "Partial import")
    w.key("import_report");
    w.beginObject();
    w.key("shown");
    w.boolean(data.importReport);
    w.key("records");
    w.integer(static_cast<int64_t>(data.importRecords));
    w.key("skipped");
    w.integer(static_cast<int64_t>(data.importSkipped));
    w.key("warnings");
    w.beginArray();
    for (const std::string& e : data.importWarnings) w.string(e);
    w.endArray();
    w.endObject();
    w.key("ask_renew_rate_period");
    w.boolean(data.askRenewRatePeriod);
    w.endObject();
    // the operation log and undo (core/report/workspace_history.h): steps and the log, newest last
    w.key("history");
    w.beginObject();
    w.member("undo_steps", static_cast<int64_t>(app.history.undoSteps()));
    w.member("can_redo", app.history.canRedo());
    w.key("log");
    w.beginArray();
    for (const qd::HistoryEntry& e : app.history.log()) {
        w.beginObject();
        w.member("seq", static_cast<int64_t>(e.seq));
        w.member("undone", e.undone);
        w.member("changes", static_cast<int64_t>(e.what.total));
        w.member("first_kind", e.what.changes.empty() ? 0 : static_cast<int64_t>(e.what.changes[0].kind));
        w.member("first_subject", e.what.changes.empty() ? std::string() : e.what.changes[0].subject);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    w.key("text_input");
    w.beginObject();
    w.member("wanted", s.textInput);
    w.member("text", qd::web::ActiveInputText());
    w.endObject();
    const auto& st = s.startup;  // ms; web/backend.h BackendStats::Startup
    w.key("startup");
    w.beginObject();
    w.member("context_ms", st.context, 1);
    w.member("imgui_ms", st.imgui, 1);
    w.member("codepoints_ms", st.codepoints, 1);
    w.member("frame_fonts_ms", st.frameFonts, 1);
    w.member("frame_ui_ms", st.frameUi, 1);
    w.member("frame_gl_ms", st.frameGl, 1);
    w.endObject();
    w.endObject();
    return Result(w.take());
}

EMSCRIPTEN_KEEPALIVE const char* qd_set_lang(const char* lang)
{
    qd::ui::SetLang(std::string(lang) == "en" ? qd::ui::Lang::En : qd::ui::Lang::Zh);
    qd::web::RequestFrames();
    return qd_state();
}

// "light" or "dark" (kept by the page in localStorage like the language).
EMSCRIPTEN_KEEPALIVE const char* qd_set_theme(const char* theme)
{
    auto& app = qd::web::Shell().app;
    app.theme = std::string(theme) == "dark" ? qd::ui::Theme::Dark : qd::ui::Theme::Light;
    qd::ui::ApplyTheme(app.theme, app.scale);
    qd::web::RequestFrames();
    return qd_state();
}

}  // extern "C"
