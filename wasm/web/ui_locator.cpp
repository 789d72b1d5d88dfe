#include "web/ui_locator.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/json_writer.h"

namespace qd::web {
namespace {

using Item = UiItem;

struct Recorder {
    bool installed = false;
    bool enabled = false;
    bool recorded = false;    // a frame was drawn with the hooks on
    std::vector<Item> items;  // the frame being drawn, then the last frame drawn
    Item early;               // ItemInfo before its ItemAdd (tabs): applied when the item comes
} r;

void OnNewFrame(ImGuiContext* ctx, ImGuiContextHook*)
{
    r.items.clear();
    r.early = {};
    if (ctx->TestEngineHookItems) r.recorded = true;
}

}  // namespace

const std::vector<UiItem>& UiItems() { return r.items; }

void InstallUiLocator()
{
    if (r.installed) return;
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_NewFramePre;
    hook.Callback = OnNewFrame;
    ImGui::AddContextHook(GImGui, &hook);
    r.items.reserve(1024);
    r.installed = true;
}

bool EnableUiLocator()
{
    bool was = r.enabled;
    r.enabled = true;
    if (GImGui) GImGui->TestEngineHookItems = true;
    return was;
}

std::string UiItemsJson(const char* names, double dpr, uint64_t frame)
{
    if (dpr <= 0) dpr = 1;
    ImGuiContext& g = *GImGui;

    // Display order of the root windows (back to front) and the top-most modal.
    std::unordered_map<const ImGuiWindow*, int> order;
    for (int i = 0; i < g.Windows.Size; ++i) order[g.Windows[i]] = i;
    ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
    const int modalOrder = modal ? order[modal->RootWindow] : -1;

    std::vector<std::string> wanted;
    for (const char* p = names ? names : ""; *p;) {
        const char* e = std::strchr(p, '\n');
        std::string n = e ? std::string(p, e) : std::string(p);
        if (!n.empty()) wanted.push_back(std::move(n));
        if (!e) break;
        p = e + 1;
    }

    auto css = [dpr](float v) { return std::round(v / dpr * 10.0) / 10.0; };

    std::string out;
    out.reserve(r.items.size() * 220 + 512);
    char buf[320];
    std::snprintf(buf, sizeof buf, "{\"frame\":%llu,\"recording\":%s,\"dpr\":%g,\"windows\":[",
                  static_cast<unsigned long long>(frame), r.recorded ? "true" : "false", dpr);
    out += buf;
    bool first = true;
    for (int i = 0; i < g.Windows.Size; ++i) {
        const ImGuiWindow* w = g.Windows[i];
        if (!w->WasActive) continue;
        out += first ? "{\"name\":" : ",{\"name\":";
        AppendJsonString(out, w->Name);
        std::snprintf(buf, sizeof buf, ",\"x\":%g,\"y\":%g,\"w\":%g,\"h\":%g,\"order\":%d,\"modal\":%s}", css(w->Pos.x),
                      css(w->Pos.y), css(w->Size.x), css(w->Size.y), order[w->RootWindow],
                      w == modal ? "true" : "false");
        out += buf;
        first = false;
    }
    out += "],\"items\":[";
    first = true;
    for (const Item& it : r.items) {
        std::string raw;
        if (it.labelled) {
            raw = it.label;
        } else {
            for (const std::string& n : wanted)
                if (ImHashStr(n.c_str(), 0, it.seed) == it.id) {
                    raw = n;
                    break;
                }
        }
        out += first ? "{\"label\":" : ",{\"label\":";
        first = false;
        if (it.labelled)
            AppendJsonString(out, std::string_view(it.label.c_str(),
                                                   ImGui::FindRenderedTextEnd(it.label.c_str()) - it.label.c_str()));
        else out += "null";
        out += ",\"raw\":";
        if (!raw.empty()) AppendJsonString(out, raw);
        else out += "null";
        out += ",\"window\":";
        AppendJsonString(out, it.window ? it.window->Name : "");
        ImRect vis = it.rect;
        vis.ClipWithFull(it.clip);
        const bool shown = vis.GetWidth() > 0 && vis.GetHeight() > 0;
        const int o = it.window ? order[it.window->RootWindow] : 0;
        std::snprintf(buf, sizeof buf,
                      ",\"id\":%u,\"x\":%g,\"y\":%g,\"w\":%g,\"h\":%g,\"vx\":%g,\"vy\":%g,\"vw\":%g,\"vh\":%g,"
                      "\"enabled\":%s,\"checkable\":%s,\"checked\":%s,\"blocked\":%s}",
                      it.id, css(it.rect.Min.x), css(it.rect.Min.y), css(it.rect.GetWidth()), css(it.rect.GetHeight()),
                      shown ? css(vis.Min.x) : 0, shown ? css(vis.Min.y) : 0, shown ? css(vis.GetWidth()) : 0,
                      shown ? css(vis.GetHeight()) : 0, it.disabled ? "false" : "true",
                      (it.status & ImGuiItemStatusFlags_Checkable) ? "true" : "false",
                      (it.status & ImGuiItemStatusFlags_Checked) ? "true" : "false",
                      modal && o < modalOrder ? "true" : "false");
        out += buf;
    }
    out += "]}";
    return out;
}

}  // namespace qd::web

// ---- the hooks Dear ImGui calls (imgui_internal.h, IMGUI_ENABLE_TEST_ENGINE) -----------------------

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id)
{
    using qd::web::r;
    ImGuiWindow* w = ctx->CurrentWindow;
    if (!w || w->IsFallbackWindow) return;  // the implicit "Debug##Default" window: never shown
    // ButtonBehavior may add the same item again (when ItemAdd did not run for it): keep one record.
    if (!r.items.empty() && r.items.back().id == id && r.items.back().window == w) return;
    qd::web::Item& it = r.items.emplace_back();
    it.id = id;
    it.seed = w->IDStack.back();
    it.rect = bb;
    it.clip = w->ClipRect;
    it.window = w;
    it.disabled = (ctx->CurrentItemFlags & ImGuiItemFlags_Disabled) != 0;
    it.inputable = ctx->LastItemData.ID == id && (ctx->LastItemData.InFlags & ImGuiItemFlags_Inputable) != 0;
    if (ImGuiTable* t = ctx->CurrentTable; t && t->InnerWindow == w) {
        it.table = ctx->Tables.GetIndex(t);
        it.headerRow = (t->RowFlags & ImGuiTableRowFlags_Headers) != 0;
        it.row = t->CurrentRow;
        it.rowTop = t->RowPosY1;
    }
    if (r.early.id == id && r.early.labelled) {
        it.labelled = true;
        it.status = r.early.status;
        it.label = std::move(r.early.label);
        it.kind = qd::web::UiItemKind::Tab;
        if (ctx->CurrentTabBar) it.tabBar = ctx->TabBars.GetIndex(ctx->CurrentTabBar);
        r.early = {};
    }
}

namespace {
qd::web::UiItemKind KindOf(const qd::web::UiItem& it)
{
    using qd::web::UiItemKind;
    if (it.status & ImGuiItemStatusFlags_Checkable) return UiItemKind::Checkbox;
    if (it.status & ImGuiItemStatusFlags_Openable) return UiItemKind::Tree;
    if (it.inputable) return UiItemKind::Input;
    return UiItemKind::Button;
}
}  // namespace

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags)
{
    using qd::web::r;
    (void)ctx;
    // The item was added just before (its ItemAdd); look back a little for it.
    for (std::size_t i = r.items.size(), n = 0; i-- > 0 && n < 8; ++n) {
        qd::web::Item& it = r.items[i];
        if (it.id != id) continue;
        it.labelled = true;
        it.status = flags;
        it.label = label ? label : "";
        it.kind = KindOf(it);
        return;
    }
    // Tabs announce themselves before they are added.
    r.early.id = id;
    r.early.labelled = true;
    r.early.status = flags;
    r.early.label = label ? label : "";
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id)
{
    for (const qd::web::Item& it : qd::web::r.items)
        if (it.id == id && it.labelled) return it.label.c_str();
    return nullptr;
}
