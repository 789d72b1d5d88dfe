// a11y_mirror: what the canvas shows, for the page's accessible DOM (a11y_mirror.h).
//
// Index (search "[SECTION] Name"):
//   Glyphs      the atlas's glyphs by the UVs of their top-left corner, rebuilt when the atlas changes
//   Runs        the glyph quads of each window's draw list joined into runs of text
//   Regions     banner / navigation / main / dialog / window / popup, from a window's root
//   Elements    items and free runs of text; a table's rows and cells
//   The description, its hash, focus and activation: MirrorJson, SyncMirror, FocusItem, ActivateItem
#include "web/a11y_mirror.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "core/model/json_writer.h"
#include "web/backend.h"
#include "web/ui_locator.h"

// EM_JS bodies are JavaScript, not C++: the formatter leaves them alone.
// clang-format off
// site/a11y.js keeps the mirror; it gets the module's two calls back the first time.
EM_JS(void, qd_js_a11y_update, (const char* json, unsigned int nav), {
    const m = window.qdA11y;
    if (!m) return;
    if (!m.attached) m.attach({ focus: (id) => _qd_a11y_focus(id), activate: (id) => _qd_a11y_activate(id) });
    m.update(json ? UTF8ToString(json) : null, nav >>> 0);
});
// clang-format on

namespace qd::web {
namespace {

// [SECTION] Glyphs: texture coordinates -> character

struct Glyph {
    unsigned int codepoint = 0;
    float u1 = 0, v1 = 0;  // the other corner, to confirm a quad
    float height = 0;      // Y1 - Y0 in the font it came from (device pixels)
    float x0 = 0;          // X0: the quad's offset from the pen
    float advance = 0;     // AdvanceX: where the pen goes next
    bool heading = false;  // only the heading font has it
};

struct GlyphTable {
    ImTextureID texture = nullptr;
    int glyphs = -1;
    std::unordered_map<uint64_t, Glyph> byCorner;  // (U0, V0) bits -> glyph
} glyphTable;

uint64_t UvKey(float u, float v)
{
    uint32_t a, b;
    std::memcpy(&a, &u, 4);
    std::memcpy(&b, &v, 4);
    return (uint64_t(a) << 32) | b;
}

// Rebuilt when the atlas changed (a fallback font or the heading font's new characters).
void SyncGlyphTable()
{
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    int count = 0;
    for (const ImFont* f : atlas->Fonts) count += f->Glyphs.Size;
    if (atlas->TexID == glyphTable.texture && count == glyphTable.glyphs) return;
    glyphTable.texture = atlas->TexID;
    glyphTable.glyphs = count;
    glyphTable.byCorner.clear();
    glyphTable.byCorner.reserve(static_cast<std::size_t>(count));
    // The body font first: the heading font lends its glyphs (same UVs, drawn bigger).
    const float bodySize = atlas->Fonts.Size ? atlas->Fonts[0]->FontSize : 0;
    for (const ImFont* f : atlas->Fonts)
        for (const ImFontGlyph& gl : f->Glyphs) {
            if (!gl.Visible) continue;
            Glyph g{gl.Codepoint, gl.U1, gl.V1, gl.Y1 - gl.Y0, gl.X0, gl.AdvanceX, f->FontSize > bodySize * 1.15f};
            glyphTable.byCorner.emplace(UvKey(gl.U0, gl.V0), g);
        }
}

// [SECTION] Runs: the frame's text

struct Run {
    ImGuiWindow* window = nullptr;
    ImRect rect;
    std::string text;
    bool heading = false;
    bool taken = false;  // inside an item: part of its name
    ImU32 colour = 0;    // of its first glyph: a field's hint is drawn in ImGuiCol_TextDisabled
};

void AppendUtf8(std::string& s, unsigned int c)
{
    char buf[5] = {};
    ImTextCharToUtf8(buf, c);
    s += buf;
}

// The glyph quads of a window's draw list (ImFont::RenderText: 4 vertices, top-left first, UVs of
// the glyph's corners) within its visible area, joined into runs left to right on a line. A gap wider
// than 0.6 em (a space is 0.15) ends a run: two items side by side are ItemSpacing + padding apart.
void CollectRuns(ImGuiWindow* w, float em, std::vector<Run>& runs)
{
    const ImVector<ImDrawVert>& vtx = w->DrawList->VtxBuffer;
    const ImRect visible = w->InnerClipRect;
    Run* run = nullptr;
    float penX = 0, lastY = 0;  // where the pen stood after the last glyph; its line's bottom
    for (int i = 0; i + 3 < vtx.Size;) {
        auto found = glyphTable.byCorner.find(UvKey(vtx[i].uv.x, vtx[i].uv.y));
        if (found == glyphTable.byCorner.end() || vtx[i + 2].uv.x != found->second.u1 ||
            vtx[i + 2].uv.y != found->second.v1) {
            ++i;
            continue;
        }
        const Glyph& gl = found->second;
        const ImRect q(vtx[i].pos, vtx[i + 2].pos);
        i += 4;
        if (!visible.Contains(q.GetCenter())) continue;
        const float scale = gl.height > 0 ? q.GetHeight() / gl.height : 1.0f;  // lent glyphs are drawn bigger
        const bool heading = gl.heading || scale > 1.15f;
        const float pen = q.Min.x - gl.x0 * scale;  // where the pen stood for this glyph
        const float gap = pen - penX;               // > 0: spaces (they have no quad) or another item
        const bool sameLine = run && std::abs(q.Min.y + q.GetHeight() - lastY) < em * 0.6f;
        if (!run || !sameLine || gap < -em * 0.25f || gap > em * 0.6f || heading != run->heading) {
            run = &runs.emplace_back();
            run->window = w;
            run->rect = q;
            run->heading = heading;
            run->colour = vtx[i - 4].col;
        } else {
            if (gap > em * 0.1f) run->text += ' ';  // a space is ~0.15 em in the body font, snapped to pixels
            run->rect.Add(q);
        }
        AppendUtf8(run->text, gl.codepoint);
        penX = pen + gl.advance * scale;
        lastY = q.Min.y + q.GetHeight();
    }
}

// [SECTION] Regions

enum class RegionKind { Banner, Navigation, Main, Dialog, Window, Popup };
const char* RegionRole(RegionKind k)
{
    switch (k) {
        case RegionKind::Banner: return "banner";
        case RegionKind::Navigation: return "navigation";
        case RegionKind::Main: return "main";
        case RegionKind::Dialog: return "dialog";
        case RegionKind::Window: return "window";
        case RegionKind::Popup: return "popup";
    }
    return "window";
}

// A window's name as its title: the text before "##" (ImGui's hidden part of a label).
std::string Title(const ImGuiWindow* w)
{
    const char* end = ImGui::FindRenderedTextEnd(w->Name);
    return std::string(w->Name, static_cast<std::size_t>(end - w->Name));
}

// The console's own window is "##console"; its left menu and page are its children "##nav", "##page".
struct RegionKey {
    ImGuiWindow* root;
    RegionKind kind;
};
RegionKey RegionOf(ImGuiWindow* w)
{
    ImGuiWindow* root = w->RootWindow;
    if (std::strcmp(root->Name, "##console") == 0) {
        ImGuiWindow* x = w;
        while (x && x->ParentWindow && x->ParentWindow != root) x = x->ParentWindow;
        if (x && x != root && std::strstr(x->Name, "/##nav")) return {x, RegionKind::Navigation};
        if (x && x != root && std::strstr(x->Name, "/##page")) return {x, RegionKind::Main};
        return {root, RegionKind::Banner};
    }
    if (root->Flags & ImGuiWindowFlags_Modal) return {root, RegionKind::Dialog};
    if (root->Flags & ImGuiWindowFlags_Popup) return {root, RegionKind::Popup};
    return {root, RegionKind::Window};
}

// [SECTION] Elements and tables: what a region lists

struct Element {
    ImRect rect;
    const UiItem* item = nullptr;  // or a run of text
    const Run* run = nullptr;
    std::string name;     // the item's own text (its label, or the text drawn inside it)
    std::string caption;  // an unlabelled item's caption: the text just left of it ("到期时间" [全部 v])
    bool hint = false;    // a field shows its hint, not a value
    int table = -1;       // index in g.Tables
};

const char* KindName(UiItemKind k)
{
    switch (k) {
        case UiItemKind::Button: return "button";
        case UiItemKind::Checkbox: return "checkbox";
        case UiItemKind::Tab: return "tab";
        case UiItemKind::Input: return "input";
        case UiItemKind::Tree: return "tree";
        case UiItemKind::Other: return "button";
    }
    return "button";
}

void WriteElement(std::string& out, const Element& e, bool headerRow)
{
    if (e.run) {
        out += e.run->heading && !headerRow ? "{\"k\":\"text\",\"h\":1,\"t\":" : "{\"k\":\"text\",\"t\":";
        AppendJsonString(out, e.run->text);
        out += '}';
        return;
    }
    const UiItem& it = *e.item;
    if (headerRow && it.kind == UiItemKind::Other) {  // a column header (TableHeader): its text
        out += "{\"k\":\"text\",\"t\":";
        AppendJsonString(out, e.name);
        out += '}';
        return;
    }
    ImGuiContext& g = *GImGui;
    bool on = false;
    if (it.kind == UiItemKind::Checkbox) on = (it.status & ImGuiItemStatusFlags_Checked) != 0;
    if (it.kind == UiItemKind::Tree) on = (it.status & ImGuiItemStatusFlags_Opened) != 0;
    if (it.kind == UiItemKind::Tab && it.tabBar >= 0 && it.tabBar < g.TabBars.GetBufSize())
        on = g.TabBars.GetByIndex(it.tabBar)->SelectedTabId == it.id;
    out += "{\"k\":\"";
    out += KindName(it.kind);
    out += "\",\"id\":";
    out += std::to_string(it.id);
    out += ",\"t\":";
    if (it.kind == UiItemKind::Input) {
        const std::string label(it.label.c_str(), ImGui::FindRenderedTextEnd(it.label.c_str()));
        AppendJsonString(out, label.empty() ? e.caption : label);
        out += e.hint ? ",\"ph\":" : ",\"v\":";
    }
    AppendJsonString(out, e.name);
    if (it.kind != UiItemKind::Input && !e.caption.empty()) {
        out += ",\"l\":";
        AppendJsonString(out, e.caption);
    }
    if (on) out += ",\"on\":1";
    if (it.disabled) out += ",\"dis\":1";
    out += '}';
}

// A table's elements as rows of cells (columns by x). Rows are the table's own where its items say
// them (a row's top, docs/architecture.md §9: its cells may wrap lines), else vertical extents that
// overlap.
void WriteTable(std::string& out, const ImGuiTable& t, std::vector<const Element*>& els)
{
    std::sort(els.begin(), els.end(), [](const Element* a, const Element* b) { return a->rect.Min.y < b->rect.Min.y; });
    std::vector<float> tops;  // the rows the items name, top to bottom
    for (const Element* e : els)
        if (e->item && e->item->row >= 0) tops.push_back(e->item->rowTop);
    std::sort(tops.begin(), tops.end());
    tops.erase(std::unique(tops.begin(), tops.end()), tops.end());
    auto rowOf = [&](const Element* e) {
        if (e->item && e->item->row >= 0) return e->item->rowTop;
        const float y = e->rect.GetCenter().y;
        auto it = std::upper_bound(tops.begin(), tops.end(), y);
        return it == tops.begin() ? tops.front() : *(it - 1);
    };
    if (!tops.empty())
        std::stable_sort(els.begin(), els.end(),
                         [&](const Element* a, const Element* b) { return rowOf(a) < rowOf(b); });

    std::vector<int> columnOf;  // enabled columns in index order
    for (int c = 0; c < t.ColumnsCount; ++c)
        if (t.Columns[c].IsEnabled) columnOf.push_back(c);
    const int columns = static_cast<int>(columnOf.size());
    out += "{\"k\":\"table\",\"cols\":";
    out += std::to_string(columns);
    out += ",\"rows\":[";
    std::size_t i = 0;
    bool firstRow = true;
    while (i < els.size()) {
        std::size_t j = i + 1;
        if (!tops.empty()) {
            const float top = rowOf(els[i]);
            while (j < els.size() && rowOf(els[j]) == top) ++j;
        } else {
            float bottom = els[i]->rect.Max.y;
            while (j < els.size() && els[j]->rect.Min.y < bottom - 1.0f)
                bottom = std::max(bottom, els[j++]->rect.Max.y);
        }
        bool header = false;
        std::vector<std::vector<const Element*>> cells(static_cast<std::size_t>(std::max(columns, 1)));
        for (std::size_t k = i; k < j; ++k) {
            const Element* e = els[k];
            header = header || (e->item && e->item->headerRow);
            const float x = e->rect.GetCenter().x;
            int cell = 0;
            for (int c = 0; c < columns; ++c)
                if (x >= t.Columns[columnOf[c]].MinX) cell = c;
            cells[cell].push_back(e);
        }
        out += firstRow ? "{" : ",{";
        firstRow = false;
        if (header) out += "\"h\":1,";
        out += "\"cells\":[";
        for (std::size_t c = 0; c < cells.size(); ++c) {
            auto& cell = cells[c];
            std::sort(cell.begin(), cell.end(), [](const Element* a, const Element* b) {
                return a->rect.Min.y + 2 < b->rect.Min.y ||
                       (a->rect.Min.y < b->rect.Min.y + 2 && a->rect.Min.x < b->rect.Min.x);
            });
            out += c ? ",[" : "[";
            for (std::size_t k = 0; k < cell.size(); ++k) {
                if (k) out += ',';
                WriteElement(out, *cell[k], header);
            }
            out += ']';
        }
        out += "]}";
        i = j;
    }
    out += "]}";
}

struct Mirror {
    uint64_t hash = 0;
    uint32_t nav = 0;
    bool sent = false;
    MirrorStats stats;
} mirror;

}  // namespace

// [SECTION] The description, its hash, focus and activation

std::string MirrorJson()
{
    ImGuiContext& g = *GImGui;
    SyncGlyphTable();
    const float em = g.IO.Fonts->Fonts.Size ? g.IO.Fonts->Fonts[0]->FontSize : 16.0f;

    std::unordered_map<const ImGuiWindow*, int> order;
    for (int i = 0; i < g.Windows.Size; ++i) order[g.Windows[i]] = i;
    ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
    const int modalOrder = modal ? order[modal->RootWindow] : -1;

    std::vector<Run> runs;
    runs.reserve(512);
    for (ImGuiWindow* w : g.Windows)
        if (w->Active && !w->Hidden && !(w->Flags & ImGuiWindowFlags_Tooltip) && !w->IsFallbackWindow)
            CollectRuns(w, em, runs);

    // The items shown (once per id and window: a clipper's measuring row repeats one), with the
    // text drawn inside each as its name when it has no label.
    std::vector<Element> els;
    els.reserve(UiItems().size() + runs.size());
    std::unordered_map<const ImGuiWindow*, std::vector<std::size_t>> itemsOf;
    {
        std::unordered_map<uint64_t, bool> seen;
        for (const UiItem& it : UiItems()) {
            // Items scrolled out of their window's view are kept (Tab reaches them, and focusing one
            // scrolls it in); what a clipper did not submit is not there.
            if (!it.window || !it.window->Active || it.window->Hidden) continue;
            if (!seen.emplace((uint64_t(it.id) << 32) ^ reinterpret_cast<uintptr_t>(it.window), true).second) continue;
            Element& e = els.emplace_back();
            e.rect = it.rect;
            e.item = &it;
            e.table = it.table;
            if (it.labelled && it.kind != UiItemKind::Input)
                e.name.assign(it.label.c_str(), ImGui::FindRenderedTextEnd(it.label.c_str()));
            itemsOf[it.window].push_back(els.size() - 1);
        }
    }
    const ImU32 hintColour = ImGui::GetColorU32(ImGuiCol_TextDisabled) | IM_COL32_A_MASK;
    for (Run& r : runs) {
        auto found = itemsOf.find(r.window);
        if (found == itemsOf.end()) continue;
        for (std::size_t k : found->second) {
            Element& e = els[k];
            if (!e.rect.Contains(r.rect.GetCenter())) continue;
            r.taken = true;
            // Its own text: what an unlabelled item shows, a field's value (its label is beside it).
            if (!e.item->labelled || e.item->kind == UiItemKind::Input) {
                if (!e.name.empty()) e.name += ' ';
                e.name += r.text;
                e.hint = e.item->kind == UiItemKind::Input && (r.colour | IM_COL32_A_MASK) == hintColour;
            }
            break;
        }
    }
    // Unlabelled items with no text (scrollbars, grips, the ✕ of a title bar) are not mirrored.
    els.erase(std::remove_if(
                  els.begin(), els.end(),
                  [](const Element& e) { return e.item && !e.item->labelled && e.name.empty() && !e.item->headerRow; }),
              els.end());
    // An unlabelled item (a combo, a field labelled "##search") takes as caption the free text just
    // left of it on its line, within 3 em: the way the UI writes "到期时间 [全部 v]".
    for (Element& e : els) {
        if (!e.item || (e.item->labelled && !(e.item->kind == UiItemKind::Input && e.item->label.rfind("##", 0) == 0)))
            continue;
        Run* best = nullptr;
        for (Run& r : runs) {
            if (r.taken || r.window != e.item->window) continue;
            if (std::abs(r.rect.GetCenter().y - e.rect.GetCenter().y) > e.rect.GetHeight() * 0.5f) continue;
            const float gap = e.rect.Min.x - r.rect.Max.x;
            if (gap < 0 || gap > em * 3) continue;
            if (!best || r.rect.Max.x > best->rect.Max.x) best = &r;
        }
        if (best) {
            e.caption = best->text;
            best->taken = true;  // said with the item, not again as a paragraph
        }
    }
    for (const Run& r : runs)
        if (!r.taken) {
            Element& e = els.emplace_back();
            e.rect = r.rect;
            e.run = &r;
        }

    // Tables: the smallest active table around each element of its inner window.
    struct TableBox {
        int index;
        ImGuiTable* t;
    };
    std::vector<TableBox> tables;
    for (int i = 0; i < g.Tables.GetBufSize(); ++i) {
        ImGuiTable* t = g.Tables.GetByIndex(i);
        if (t->LastFrameActive == g.FrameCount && t->InnerWindow && t->ColumnsCount > 0) tables.push_back({i, t});
    }
    for (Element& e : els) {
        if (e.table >= 0) continue;
        const ImGuiWindow* w = e.item ? e.item->window : e.run->window;
        float best = 0;
        for (const TableBox& tb : tables) {
            if (tb.t->InnerWindow != w || !tb.t->InnerClipRect.Contains(e.rect.GetCenter())) continue;
            const float area = tb.t->InnerClipRect.GetArea();
            if (e.table < 0 || area < best) {
                e.table = tb.index;
                best = area;
            }
        }
    }

    // Regions, in the order a reader meets them: the top bar, the menu, the page, then the windows
    // in front (dialogs last, the top-most modal at the end).
    struct Region {
        RegionKey key;
        std::vector<const Element*> els;
    };
    std::vector<Region> regions;
    auto regionIndex = [&](ImGuiWindow* w) {
        const RegionKey k = RegionOf(w);
        for (std::size_t i = 0; i < regions.size(); ++i)
            if (regions[i].key.root == k.root) return i;
        regions.push_back({k, {}});
        return regions.size() - 1;
    };
    for (const Element& e : els) {
        ImGuiWindow* w = e.item ? e.item->window : e.run->window;
        if (e.table >= 0 && e.table < g.Tables.GetBufSize()) w = g.Tables.GetByIndex(e.table)->InnerWindow;
        regions[regionIndex(w)].els.push_back(&e);
    }
    std::stable_sort(regions.begin(), regions.end(), [&](const Region& a, const Region& b) {
        if (a.key.kind != b.key.kind && (a.key.kind <= RegionKind::Main || b.key.kind <= RegionKind::Main))
            return a.key.kind < b.key.kind;
        return order[a.key.root->RootWindow] < order[b.key.root->RootWindow];
    });

    std::string out;
    out.reserve(16384);
    out += "{\"regions\":[";
    bool firstRegion = true;
    for (Region& rg : regions) {
        out += firstRegion ? "{\"role\":\"" : ",{\"role\":\"";
        firstRegion = false;
        out += RegionRole(rg.key.kind);
        out += '"';
        if (rg.key.kind >= RegionKind::Dialog) {
            out += ",\"label\":";
            AppendJsonString(out, Title(rg.key.root));
        }
        if (modal && rg.key.root->RootWindow != modal && order[rg.key.root->RootWindow] < modalOrder)
            out += ",\"inert\":1";
        out += ",\"nodes\":[";
        // Reading order: top to bottom, left to right on a line; a table where its first element is.
        auto& v = rg.els;
        std::stable_sort(v.begin(), v.end(), [](const Element* a, const Element* b) {
            const float ay = a->rect.GetCenter().y, by = b->rect.GetCenter().y;
            const float tol = std::min(a->rect.GetHeight(), b->rect.GetHeight()) * 0.5f;
            if (std::abs(ay - by) > tol) return ay < by;
            return a->rect.Min.x < b->rect.Min.x;
        });
        bool firstNode = true;
        std::vector<bool> tableDone(static_cast<std::size_t>(g.Tables.GetBufSize()), false);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const Element* e = v[i];
            if (e->table >= 0) {
                if (tableDone[static_cast<std::size_t>(e->table)]) continue;
                tableDone[static_cast<std::size_t>(e->table)] = true;
                std::vector<const Element*> cells;
                for (const Element* x : v)
                    if (x->table == e->table) cells.push_back(x);
                if (!firstNode) out += ',';
                firstNode = false;
                WriteTable(out, *g.Tables.GetByIndex(e->table), cells);
                continue;
            }
            if (!firstNode) out += ',';
            firstNode = false;
            if (e->item && e->item->kind == UiItemKind::Tab) {  // a tab bar's tabs: one tab list
                out += "{\"k\":\"tablist\",\"nodes\":[";
                const int bar = e->item->tabBar;
                std::size_t j = i;
                for (; j < v.size() && v[j]->item && v[j]->item->kind == UiItemKind::Tab && v[j]->item->tabBar == bar;
                     ++j) {
                    if (j > i) out += ',';
                    WriteElement(out, *v[j], false);
                }
                out += "]}";
                i = j - 1;
                continue;
            }
            WriteElement(out, *e, false);
        }
        out += "]}";
    }
    out += "]}";
    return out;
}

uint64_t SyncMirror()
{
    const double start = emscripten_get_now();
    EnableUiLocator();
    ImGuiContext& g = *GImGui;
    const std::string json = MirrorJson();
    uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
    for (unsigned char c : json) h = (h ^ c) * 1099511628211ull;
    const uint32_t nav = g.NavWindow && !g.NavDisableHighlight ? g.NavId : 0;
    mirror.stats.navId = g.NavId;
    if (h != mirror.hash || !mirror.sent) {
        mirror.hash = h;
        mirror.sent = true;
        mirror.nav = nav;
        mirror.stats.updates++;
        mirror.stats.bytes = json.size();
        qd_js_a11y_update(json.c_str(), nav);
    } else if (nav != mirror.nav) {
        mirror.nav = nav;
        qd_js_a11y_update(nullptr, nav);
    }
    const double ms = emscripten_get_now() - start;
    mirror.stats.lastMs = ms;
    mirror.stats.maxMs = std::max(mirror.stats.maxMs, ms);
    mirror.stats.frames++;
    return h;
}

const MirrorStats& MirrorCost() { return mirror.stats; }

bool FocusItem(uint32_t id)
{
    ImGuiContext& g = *GImGui;
    const UiItem* found = nullptr;
    for (const UiItem& it : UiItems())
        if (it.id == id && it.window && it.window->Active) {
            found = &it;
            break;
        }
    if (!found) return false;
    ImGuiWindow* w = found->window;
    if (ImGuiWindow* modal = ImGui::GetTopMostPopupModal()) {
        bool inside = false;
        for (ImGuiWindow* x = w; x; x = x->ParentWindow) inside = inside || x == modal;
        if (!inside) return false;
    }
    if (g.NavWindow != w) ImGui::FocusWindow(w);
    g.NavInitRequest = false;
    g.NavWindow = w;
    g.NavId = id;
    g.NavLayer = ImGuiNavLayer_Main;
    w->NavLastIds[ImGuiNavLayer_Main] = id;
    w->NavRectRel[ImGuiNavLayer_Main] = ImGui::WindowRectAbsToRel(w, found->rect);
    g.NavDisableHighlight = false;  // the keyboard's: ImGui draws its focus frame around the item
    g.NavDisableMouseHover = true;
    ImGui::ScrollToRectEx(w, found->rect, ImGuiScrollFlags_None);
    mirror.nav = id;  // the page knows already
    RequestFrames();
    return true;
}

bool ActivateItem(uint32_t id)
{
    for (const UiItem& it : UiItems())
        if (it.id == id && it.disabled) return false;  // greyed: the mouse could not press it either
    if (!FocusItem(id)) return false;
    ImGui::ActivateItem(id);
    for (const UiItem& it : UiItems())
        if (it.id == id && it.kind == UiItemKind::Input) GImGui->NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
    RequestFrames();
    return true;
}

}  // namespace qd::web

extern "C" {

// site/a11y.js: a mirrored element got the DOM focus; 1 when ImGui's navigation followed.
EMSCRIPTEN_KEEPALIVE int qd_a11y_focus(unsigned int id) { return qd::web::FocusItem(id) ? 1 : 0; }

// site/a11y.js: a mirrored element was activated (Enter, Space, a click); 1 when the item is pressed
// in the next frame.
EMSCRIPTEN_KEEPALIVE int qd_a11y_activate(unsigned int id) { return qd::web::ActivateItem(id) ? 1 : 0; }

}  // extern "C"
