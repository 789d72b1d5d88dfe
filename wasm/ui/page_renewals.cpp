// 4.2 续费管理: the four tabs (手动续费项 / 自动续费项 / 到期转按需项 / 到期不续费项) with their counts, the
// seed's filters (到期时间 "X天内到期", 状态, 实例ID/名称/订单号 with up to 200 IDs, 产品类型, 区域, 隐藏有
// 待支付订单的资源, 隐藏资源包 / 只显示资源包), the instance table with row checkboxes and the batch bar;
// the dialogs are in renewal_dialogs.cpp. Rows come from core/report/renewal_query.h.
//
// Index of this file (search for "[SECTION]" to jump):
//   [SECTION] State: filters, rows, the sliced index
//   [SECTION] Small widgets (TextFit, ChoiceCombo)
//   [SECTION] Filters, account line, batch bar
//   [SECTION] The table and its cells
//   [SECTION] The page (DrawRenewalsPage)

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/engine/auto_renew.h"
#include "core/report/renewal_query.h"
#include "ui/labels.h"
#include "ui/page_export_records.h"
#include "ui/page_renewals.h"
#include "ui/pages.h"
#include "ui/platform.h"
#include "ui/renewal_dialogs.h"
#include "ui/widgets.h"

namespace qd::ui {
namespace {

// [SECTION] State: filters, rows, the sliced index

constexpr double kIndexSliceMs = 6.0;  // index building per frame (docs/architecture.md §4: a frame < 16 ms)
// resources / orders / instances / sorted keys per builder step (well under 1 ms in wasm)
constexpr std::size_t kIndexUnits = 512;
constexpr ResourceStatus kStatusChoices[] = {ResourceStatus::InUse, ResourceStatus::Expired, ResourceStatus::Frozen};

RenewalPolicy TabPolicy(int tab) { return static_cast<RenewalPolicy>(std::clamp(tab, 0, 3)); }

RenewalFilter FilterOf(const RenewalsPageState& s, Instant asOf)
{
    RenewalFilter f;
    f.tab = TabPolicy(s.tab);
    if (s.status >= 0) f.status = kStatusChoices[s.status];
    f.expiring_within_days = s.expiry.days();
    f.search = s.search;
    if (s.productType >= 0 && s.productType < static_cast<int>(s.index.productTypes().size()))
        f.product_type = s.index.productTypes()[s.productType];
    if (s.region >= 0 && s.region < static_cast<int>(s.index.regions().size())) f.region = s.index.regions()[s.region];
    f.hide_pending = s.hidePending;
    f.packages = static_cast<PackageFilter>(std::clamp(s.packages, 0, 2));
    f.enterprise_project = s.project.project;
    f.as_of = asOf;
    return f;
}

// Keeps a combo's choice by name across an index rebuild.
int Remap(const std::vector<std::string>& before, const std::vector<std::string>& after, int choice)
{
    if (choice < 0 || choice >= static_cast<int>(before.size())) return -1;
    auto it = std::find(after.begin(), after.end(), before[choice]);
    return it == after.end() ? -1 : static_cast<int>(it - after.begin());
}

void RebuildRows(const Workspace& ws, RenewalsPageState& s)
{
    s.rows.clear();
    s.rows.reserve(s.result.rows.size());
    for (std::size_t head : s.result.rows) {
        s.rows.push_back({head, false});
        if (!s.expanded.empty() && s.expanded.count(ws.resources[head].resource_id))
            for (std::size_t b : s.index.boundOf(head)) s.rows.push_back({b, true});
    }
}

void Refresh(AppState& app, RenewalsPageState& s)
{
    const Workspace& ws = *app.workspace;
    // A pending order reaching its payment deadline is cancelled: the index (有待支付订单) is built again.
    const bool pendingExpired = s.index.pendingUntil() && AsOf(app) >= *s.index.pendingUntil();
    if (s.indexFor != app.revision || s.index.resourceCount() != ws.resources.size() || pendingExpired) {
        // The new index a slice per frame; the old rows stay meanwhile while they still index ws.
        if (!s.indexing || s.indexingFor != app.revision || s.indexingOf != &ws) {
            // pending orders past their deadline are cancelled by now
            s.indexing = std::make_shared<RenewalIndexBuilder>(ws, AsOf(app));
            s.indexingFor = app.revision;
            s.indexingOf = &ws;
        }
        if (s.index.resourceCount() != ws.resources.size() && !s.rows.empty()) {
            s.result = {};
            s.rows.clear();
        }
        // Steps while the next one (as long as the longest so far) still fits the slice; once per frame
        // (Refresh runs again in the frame when a filter changed).
        using Clock = std::chrono::steady_clock;
        using Ms = std::chrono::duration<double, std::milli>;
        const Clock::time_point start = Clock::now();
        double elapsed = 0, longest = 0;
        const bool stepHere = s.indexSteppedFrame != ImGui::GetFrameCount();
        s.indexSteppedFrame = ImGui::GetFrameCount();
        while (stepHere && !s.indexing->done() && elapsed + longest < kIndexSliceMs) {
            const Clock::time_point t = Clock::now();
            s.indexing->Step(kIndexUnits);
            const Clock::time_point after = Clock::now();
            longest = std::max(longest, Ms(after - t).count());
            elapsed = Ms(after - start).count();
        }
        // The new index replaces the old one and the rows are queried again in a frame of their own
        // when this one has done a slice already (the query is a pass over every instance).
        const bool swapHere = s.indexing->done() && stepHere && elapsed < kIndexSliceMs / 3;
        if (!swapHere) {
            s.indexProgress = s.indexing->progress();
            RequestMoreFrames();
        } else {
            const std::vector<std::string> types = s.index.productTypes(), regions = s.index.regions();
            s.index = s.indexing->take();
            s.indexing.reset();
            s.indexFor = app.revision;
            s.productType = Remap(types, s.index.productTypes(), s.productType);
            s.region = Remap(regions, s.index.regions(), s.region);
            s.dirty = true;
        }
    }
    if (s.indexing && !s.dirty) return;  // the old rows stay until the new index is complete
    const Instant now = AsOf(app);
    const int64_t minute = s.expiry.days() ? now.unixSeconds() / 60 : INT64_MIN;
    if (!s.dirty && s.resultFor == app.revision && s.resultMinute == minute) return;
    s.result = QueryRenewals(ws, s.index, FilterOf(s, now));
    s.projectCounts.clear();
    if (!s.project.names.empty() || !EnterpriseProjectNames(ws).empty())
        s.projectCounts = CountResourcesByProject(ws, s.result.rows);
    s.resultFor = app.revision;
    s.resultMinute = minute;
    s.dirty = false;
    // The selection keeps only rows still listed.
    if (!s.selected.empty()) {
        std::vector<uint8_t> listed(ws.resources.size(), 0);
        for (std::size_t i : s.result.rows) listed[i] = 1;
        for (auto it = s.selected.begin(); it != s.selected.end();) {
            const std::optional<std::size_t> found = ws.positionOfResource(*it);
            const bool keep = found && *found < listed.size() && listed[*found];
            it = keep ? std::next(it) : s.selected.erase(it);
        }
    }
    RebuildRows(ws, s);
}

// [SECTION] Small widgets (TextFit, ChoiceCombo)

// Text that fits `width`: cut with "…" (the whole text in a tooltip) when it is too wide.
void TextFit(const char* text, bool disabled = false, float width = -1)
{
    if (width < 0) width = ImGui::GetContentRegionAvail().x;
    const float full = ImGui::CalcTextSize(text).x;
    auto draw = [&](const char* t) { disabled ? ImGui::TextDisabled("%s", t) : ImGui::TextUnformatted(t); };
    if (full <= width || width <= 0) {
        draw(text);
        return;
    }
    const char* ellipsis = Tr(TextId::RnwEllipsis);
    const float room = width - ImGui::CalcTextSize(ellipsis).x;
    std::string cut;
    const char* p = text;
    while (*p) {
        const unsigned char lead = static_cast<unsigned char>(*p);
        int n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;  // one UTF-8 character
        for (int k = 1; k < n; ++k)
            if (!p[k]) {
                n = k;
                break;
            }
        if (ImGui::CalcTextSize(text, p + n).x > room) break;
        p += n;
    }
    cut.assign(text, p);
    cut += ellipsis;
    draw(cut.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

template <class F>
bool ChoiceCombo(const char* id, const char* preview, int count, int current, F label, int& out)
{
    bool changed = false;
    if (ImGui::BeginCombo(id, preview)) {
        if (ImGui::Selectable(Tr(TextId::All), current < 0)) {
            out = -1;
            changed = true;
        }
        for (int i = 0; i < count; ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(label(i), current == i)) {
                out = i;
                changed = true;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return changed;
}

void FieldLabel(const char* text)
{
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine();
}

// [SECTION] Filters, account line, batch bar

void DrawFilters(AppState& app, RenewalsPageState& s)
{
    if (s.indexFor != UINT64_MAX) {  // names chosen by an address, once the index has the names
        if (ChooseByName(s.wantProductType, s.index.productTypes(), s.productType)) s.dirty = true;
        if (ChooseByName(s.wantRegion, s.index.regions(), s.region)) s.dirty = true;
    }
    const float em = ImGui::GetFontSize();
    // Row 1: 到期时间, 状态, 产品类型, 区域.
    FieldLabel(Tr(TextId::RnwExpiry));
    if (DrawExpiringWithin("##expiry", s.expiry, em * 11)) s.dirty = true;
    ImGui::SameLine(0, em);
    FieldLabel(Tr(TextId::RnwStatus));
    ImGui::SetNextItemWidth(em * 6.5f);
    if (ChoiceCombo(
            "##status", s.status < 0 ? Tr(TextId::All) : qd::ui::Label(kStatusChoices[s.status]), 3, s.status,
            [](int i) { return qd::ui::Label(kStatusChoices[i]); }, s.status))
        s.dirty = true;
    ImGui::SameLine(0, em);
    FieldLabel(Tr(TextId::RnwColProduct));
    ImGui::SetNextItemWidth(em * 9);
    const auto& types = s.index.productTypes();
    if (ChoiceCombo(
            "##ptype", s.productType < 0 ? Tr(TextId::All) : types[s.productType].c_str(),
            static_cast<int>(types.size()), s.productType, [&](int i) { return types[i].c_str(); }, s.productType))
        s.dirty = true;
    ImGui::SameLine(0, em);
    FieldLabel(Tr(TextId::RnwRegion));
    ImGui::SetNextItemWidth(em * 8);
    const auto& regions = s.index.regions();
    if (ChoiceCombo(
            "##region", s.region < 0 ? Tr(TextId::All) : regions[s.region].c_str(), static_cast<int>(regions.size()),
            s.region, [&](int i) { return regions[i].c_str(); }, s.region))
        s.dirty = true;
    if (app.workspace && DrawProjectFilter(*app.workspace, app.revision, s.project, em * 8)) s.dirty = true;
    if (!s.projectCounts.empty()) {  // 按企业项目小计 of the instances listed (all tabs' filters but the tab)
        ImGui::TextDisabled("%s", Tr(TextId::RnwProjectCounts));
        for (const ProjectCount& c : s.projectCounts) {
            ImGui::SameLine();
            ImGui::Text("%s: %zu", c.project.empty() ? Tr(TextId::NoProject) : c.project.c_str(), c.count);
        }
    }

    // Row 2: search (one line; 批量搜索 for a pasted list), the three checkboxes.
    ImGui::SetNextItemWidth(em * 22);
    if (ImGui::InputTextWithHint("##search", Tr(TextId::RnwSearchHint), s.search, sizeof s.search)) s.dirty = true;
    if (ImGui::IsItemHovered() && !ImGui::IsItemActive())
        ImGui::SetTooltip(Tr(TextId::RnwBatchSearchNote), kMaxSearchTerms);
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::RnwBatchSearch))) {
        std::snprintf(s.batchText, sizeof s.batchText, "%s", s.search);
        s.batchSearchOpen = true;
        ImGui::OpenPopup("##rnw-batch-search");
    }
    ImGui::SameLine(0, em);
    if (ImGui::Checkbox(Tr(TextId::RnwHidePending), &s.hidePending)) s.dirty = true;
    ImGui::SameLine();
    bool hide = s.packages == 1, only = s.packages == 2;
    if (ImGui::Checkbox(Tr(TextId::RnwHidePackages), &hide)) {
        s.packages = hide ? 1 : 0;
        s.dirty = true;
    }
    ImGui::SameLine();
    if (ImGui::Checkbox(Tr(TextId::RnwOnlyPackages), &only)) {
        s.packages = only ? 2 : 0;
        s.dirty = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::RnwClearFilters))) {
        s.expiry = {};
        s.status = -1;
        s.productType = -1;
        s.region = -1;
        s.search[0] = 0;
        s.hidePending = false;
        s.packages = 0;
        s.project.project.clear();
        s.dirty = true;
    }

    // 批量搜索: one ID or order number per line.
    ImGui::SetNextWindowSize(ImVec2(em * 28, 0), ImGuiCond_Appearing);
    if (ImGui::BeginPopup("##rnw-batch-search")) {
        ImGui::TextUnformatted(Tr(TextId::RnwBatchSearchTitle));
        ImGui::TextWrapped(Tr(TextId::RnwBatchSearchNote), kMaxSearchTerms);
        ImGui::InputTextMultiline("##batch", s.batchText, sizeof s.batchText, ImVec2(-1, em * 12));
        const int count = static_cast<int>(SplitSearchTerms(s.batchText).size());
        const bool tooMany = count > kMaxSearchTerms;
        if (tooMany) ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), Tr(TextId::RnwRefTooManyIds), kMaxSearchTerms);
        else ImGui::TextDisabled(Tr(TextId::RnwBatchSearchCount), count);
        ImGui::BeginDisabled(tooMany);
        if (ImGui::Button(Tr(TextId::RnwSearch))) {
            // One line of the search box: the terms joined by ", " (a single-line field drops new lines).
            std::string joined;
            for (std::string_view t : SplitSearchTerms(s.batchText)) {
                if (!joined.empty()) joined += ", ";
                joined += t;
            }
            std::snprintf(s.search, sizeof s.search, "%s", joined.c_str());
            s.dirty = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(Tr(TextId::RnwCancel)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    (void)app;
}

// The account-wide settings the tabs show above the list: 扣款日 (auto tab), 统一到期日 (manual / auto).
void DrawAccountLine(AppState& app, RenewalsPageState& s)
{
    const Workspace& ws = *app.workspace;
    const RenewalPolicy tab = TabPolicy(s.tab);
    if (tab == RenewalPolicy::Auto) {
        ImGui::AlignTextToFramePadding();
        ImGui::Text(Tr(TextId::RnwDeductionDay), ws.account.deduction_days_before);
        ImGui::SameLine();
        if (RnwLinkButton(Tr(TextId::RnwModify))) OpenRenewalDialog(app, RenewalDialog::DeductionDay, {});
        ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    }
    if (tab == RenewalPolicy::Manual || tab == RenewalPolicy::Auto) {
        ImGui::AlignTextToFramePadding();
        const std::string day =
            ws.account.unified_expiry_day ? UnifiedDayWords(*ws.account.unified_expiry_day) : Tr(TextId::RnwNotSet);
        ImGui::Text(Tr(TextId::RnwAccountUnifiedDay), day.c_str());
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("");
    }
}

std::vector<std::string> SelectedIds(const Workspace& ws, const RenewalsPageState& s)
{
    // In the table's order (earliest expiry first), so dialogs list them as the page does.
    std::vector<std::string> ids;
    ids.reserve(s.selected.size());
    for (std::size_t i : s.result.rows)
        if (s.selected.count(ws.resources[i].resource_id)) ids.push_back(ws.resources[i].resource_id);
    return ids;
}

void DrawBatchBar(AppState& app, RenewalsPageState& s)
{
    const Workspace& ws = *app.workspace;
    const RenewalPolicy tab = TabPolicy(s.tab);
    const bool none = s.selected.empty();
    auto batch = [&](TextId label, RenewalDialog which) {
        ImGui::BeginDisabled(none);
        if (ImGui::Button(Tr(label))) OpenRenewalDialog(app, which, SelectedIds(ws, s));
        ImGui::EndDisabled();
        if (none && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s", Tr(TextId::RnwSelectFirst));
        ImGui::SameLine();
    };
    batch(TextId::RnwBatchRenew, RenewalDialog::Renew);
    if (tab == RenewalPolicy::Auto) batch(TextId::RnwModifyAuto, RenewalDialog::ModifyAuto);
    else batch(TextId::RnwSetAuto, RenewalDialog::EnableAuto);
    if (tab != RenewalPolicy::Manual) batch(TextId::RnwSetManual, RenewalDialog::SetManual);
    if (tab == RenewalPolicy::Manual || tab == RenewalPolicy::Auto)
        batch(TextId::RnwUnifiedExpiry, RenewalDialog::Align);
    if (tab != RenewalPolicy::ToOnDemand) batch(TextId::RnwToOnDemand, RenewalDialog::ToOnDemand);
    if (tab != RenewalPolicy::NoRenew) batch(TextId::RnwNoRenew, RenewalDialog::NoRenew);

    // 导出 (seed 4.2.7): 导出续费清单 of the ticked instances (at most 200 resources, their bound ones
    // counted: exports.h), 导出续费价目表 of the current tab as filtered (at most 10000 rows).
    if (ImGui::Button(Tr(TextId::RnwExport))) ImGui::OpenPopup("##rnw-export");
    if (ImGui::BeginPopup("##rnw-export")) {
        if (ImGui::MenuItem(Tr(TextId::RnwExportList), nullptr, false, !none)) {
            ClearExportRefusals(app);
            OpenRenewalDialog(app, RenewalDialog::ExportList, SelectedIds(ws, s));
        }
        if (none && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip(Tr(TextId::RnwExportListTip), ws.rules.renewal_list_max);
        if (ImGui::MenuItem(Tr(TextId::RnwExportPrices))) {
            ExportRequest req;
            req.kind = ExportKind::RenewalPrices;
            // seed 4.2.7.2: 符合查询条件 = the current tab and its filters, in every case (renewal_query.h).
            req.ids = QueryResourceIds(ws, s.index, s.result.rows);
            req.language = CurrentLang() == Lang::Zh ? HeaderLanguage::Chinese : HeaderLanguage::English;
            req.as_of = AsOf(app);
            ExportAndDownload(app, req);  // shows 导出记录 (seed 4.2.7.2 step 5), or keeps the refusal for below
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip(Tr(TextId::RnwExportPricesTip), ws.rules.price_list_max);
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled(Tr(TextId::RnwSelected), static_cast<int>(s.selected.size()));
    ImGui::SameLine();
    ImGui::TextDisabled("·");
    ImGui::SameLine();
    ImGui::TextDisabled(Tr(TextId::RnwRows), static_cast<int>(s.result.rows.size()));
    DrawExportRefusals(app, ExportKind::RenewalPrices);
}

// [SECTION] The table and its cells

const char* FrozenWords(std::optional<FrozenReason> r)
{
    if (!r) return "";
    switch (*r) {
        case FrozenReason::Arrears: return Tr(TextId::RnwFrozenArrears);
        case FrozenReason::Violation: return Tr(TextId::RnwFrozenViolation);
        case FrozenReason::Police: return Tr(TextId::RnwFrozenPolice);
    }
    return "";
}

// The 更多 menu of a row: the operations the tab offers besides 续费 and the auto-renew one.
void DrawMoreMenu(AppState& app, RenewalPolicy tab, const Resource& r, Instant now)
{
    const std::vector<std::string> id{r.resource_id};
    if (tab != RenewalPolicy::Manual && ImGui::MenuItem(Tr(TextId::RnwSetManual)))
        OpenRenewalDialog(app, RenewalDialog::SetManual, id);
    if ((tab == RenewalPolicy::Manual || tab == RenewalPolicy::Auto) && ImGui::MenuItem(Tr(TextId::RnwUnifiedExpiry)))
        OpenRenewalDialog(app, RenewalDialog::Align, id);
    if (tab != RenewalPolicy::ToOnDemand && ImGui::MenuItem(Tr(TextId::RnwToOnDemand)))
        OpenRenewalDialog(app, RenewalDialog::ToOnDemand, id);
    if (tab != RenewalPolicy::NoRenew && ImGui::MenuItem(Tr(TextId::RnwNoRenew)))
        OpenRenewalDialog(app, RenewalDialog::NoRenew, id);
    ImGui::Separator();
    if (ImGui::MenuItem(Tr(TextId::RnwRelease), nullptr, false, OffersRelease(r, now)))
        OpenRenewalDialog(app, RenewalDialog::Release, id);
}

// 实例名称/ID: tick box, expand arrow for a main with bound resources, tags. True when a main was
// expanded or collapsed (the rows must be rebuilt).
bool InstanceCell(const Workspace& ws, RenewalsPageState& s, const RenewalsPageState::Row& rw, const Resource& r,
                  const Product* product)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    bool rowsChanged = false;
    const float x0 = ImGui::GetCursorPosX();
    if (!rw.bound) {
        bool ticked = s.selected.count(r.resource_id) != 0;
        if (ImGui::Checkbox("##sel", &ticked)) {
            if (ticked) s.selected.insert(r.resource_id);
            else s.selected.erase(r.resource_id);
        }
        ImGui::SameLine();
        const auto bound = s.index.boundOf(rw.resource);
        if (!bound.empty()) {
            const bool open = s.expanded.count(r.resource_id) != 0;
            if (ImGui::ArrowButton("##exp", open ? ImGuiDir_Down : ImGuiDir_Right)) {
                if (open) s.expanded.erase(r.resource_id);
                else s.expanded.insert(r.resource_id);
                rowsChanged = true;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip(Tr(TextId::RnwBoundCount), static_cast<int>(bound.size()));
            ImGui::SameLine();
        }
    } else {
        ImGui::SetCursorPosX(x0 + ImGui::GetFrameHeight() * 2 + style.ItemSpacing.x * 2);
    }
    const float textX = ImGui::GetCursorPosX();
    const float idX = rw.bound ? textX : x0 + ImGui::GetFrameHeight() + style.ItemSpacing.x;
    ImGui::AlignTextToFramePadding();
    std::string name = r.resource_name.empty() ? r.resource_id : r.resource_name;
    if (product && product->kind == ProductKind::ResourcePackage)
        name += std::string("  [") + Tr(TextId::RnwPackage) + "]";
    if (product && product->delisted) name += std::string("  [") + Tr(TextId::RnwDelisted) + "]";
    TextFit(name.c_str());
    ImGui::SetCursorPosX(idX);
    if (rw.bound) {
        const auto head = s.index.headOf(rw.resource);
        TextFit(Format(Tr(TextId::RnwBoundOf), head ? ws.resources[*head].resource_id.c_str() : "").c_str(), true);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.resource_id.c_str());
    } else {
        ElidedText(r.resource_id, true);
    }
    return rowsChanged;
}

// 产品类型 (service type, spec) and 区域.
void ProductCells(const Resource& r, const Product* product)
{
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    TextFit(product ? (product->service_type_name.empty() ? product->service_type_code.c_str()
                                                          : product->service_type_name.c_str())
                    : "-");
    TextFit(product && !product->spec_desc.empty() ? product->spec_desc.c_str() : "", true);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    TextFit(!r.region_code.empty() ? r.region_code.c_str() : product ? product->region_code.c_str() : "-");
}

// 状态 (+ freeze reason, or the pending order that blocks everything).
void StatusCell(AppState& app, const RenewalsPageState& s, const RenewalsPageState::Row& rw, const Resource& r)
{
    const Workspace& ws = *app.workspace;
    ImGui::AlignTextToFramePadding();
    TextFit(qd::ui::Label(r.status));
    if (rw.bound) return;
    if (const auto pending = s.index.pendingOrderOf(rw.resource)) {
        const Order& o = ws.orders[*pending];
        const bool go = RnwLinkButton(Tr(TextId::RnwPendingTag), true);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(Tr(TextId::RnwPendingTip), o.combined_order_id.value_or(o.order_id).c_str());
        if (go) GoToPendingOrder(app, o.combined_order_id.value_or(o.order_id));
    } else if (r.status == ResourceStatus::Frozen) {  // drawing: the words of the status shown
        TextFit(FrozenWords(r.frozen_reason), true);
    }
}

// 到期时间 (the console's format, the zone on the second line) and 剩余天数.
void ExpiryCells(const Workspace& ws, const Resource& r, Instant now)
{
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    const std::string when = ConsoleTime(ws, r.expire_time);
    const std::size_t gap = when.rfind(' ');
    TextFit(when.substr(0, gap).c_str());
    TextFit(gap == std::string::npos ? "" : when.c_str() + gap + 1, true);

    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    const long long days = static_cast<long long>(DaysLeft(r.expire_time, now, ws.rules.zone));
    if (r.expire_time < now || days < 0) {  // drawing: DaysLeft's number, in red once expired
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.15f, 0.1f, 1));
        TextFit(Format(Tr(TextId::RnwDaysAgo), days < 0 ? -days : 0).c_str());
        ImGui::PopStyleColor();
    } else if (days == 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.35f, 0.05f, 1));
        TextFit(Tr(TextId::RnwDaysToday));
        ImGui::PopStyleColor();
    } else {
        if (days <= 7) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.35f, 0.05f, 1));
        TextFit(Format(Tr(TextId::RnwDaysLeft), days).c_str());
        if (days <= 7) ImGui::PopStyleColor();
    }
}

// 续费策略 (auto: period and count left).
void PolicyCell(const Resource& r)
{
    ImGui::AlignTextToFramePadding();
    TextFit(Label(r.renewal_policy));
    if (r.renewal_policy != RenewalPolicy::Auto) return;
    const AutoRenew a = AutoRenewOf(r);
    const std::string every = Format(Tr(TextId::RnwAutoEvery), DurationWords({a.period, a.period_num}).c_str());
    const std::string times =
        a.times_left ? Format(Tr(TextId::RnwTimesLeft), *a.times_left) : Tr(TextId::RnwTimesUnlimited);
    TextFit((every + " · " + times).c_str(), true);
}

// 操作: 续费, 更多, and 设为自动续费 or 修改自动续费 (a bound resource goes with its main: none).
void ActionsCell(AppState& app, RenewalPolicy tab, const RenewalsPageState::Row& rw, const Resource& r, Instant now)
{
    if (rw.bound) return;
    const std::vector<std::string> id{r.resource_id};
    ImGui::AlignTextToFramePadding();
    if (RnwLinkButton(Tr(TextId::RnwRenew))) OpenRenewalDialog(app, RenewalDialog::Renew, id);
    ImGui::SameLine();
    if (RnwLinkButton(Tr(TextId::RnwMore))) ImGui::OpenPopup("##more");
    if (tab == RenewalPolicy::Auto) {
        if (RnwLinkButton(Tr(TextId::RnwModifyAuto))) OpenRenewalDialog(app, RenewalDialog::ModifyAuto, id);
    } else if (RnwLinkButton(Tr(TextId::RnwSetAuto))) {
        OpenRenewalDialog(app, RenewalDialog::EnableAuto, id);
    }
    if (ImGui::BeginPopup("##more")) {
        DrawMoreMenu(app, tab, r, now);
        ImGui::EndPopup();
    }
}

// The columns and the header row with the select-all box. False when the table is not shown.
bool BeginRenewalsTable(const Workspace& ws, RenewalsPageState& s)
{
    // Widths from content (ui/widgets.h BeginListTable): the actions are two lines of link buttons.
    const float em = ImGui::GetFontSize();
    const float box = ImGui::GetFrameHeight() * 2 + ImGui::GetStyle().ItemSpacing.x * 2;  // tick box, arrow
    const float actions =
        std::max({ButtonRowWidth({Tr(TextId::RnwRenew), Tr(TextId::RnwMore)}),
                  ButtonRowWidth({Tr(TextId::RnwModifyAuto)}), ButtonRowWidth({Tr(TextId::RnwSetAuto)})});
    const ListColumn columns[] = {
        {Tr(TextId::RnwColInstance), box + em * 8, 3.0f},
        {Tr(TextId::RnwColProduct), em * 5, 1.4f},
        {Tr(TextId::RnwColRegion), TextWidth("cn-north-4"), 0.5f},
        {Tr(TextId::RnwColStatus), std::max(WidestLabel<ResourceStatus>(), TextWidth(Tr(TextId::RnwPendingTag))), 0.3f},
        {Tr(TextId::RnwColExpiry), TextWidth(ConsoleTime(ws, Instant{}).c_str()), 0.3f},
        {Tr(TextId::RnwColDaysLeft), em * 3, 0.3f},
        {Tr(TextId::RnwColPolicy), WidestLabel<RenewalPolicy>(), 0.6f},
        {Tr(TextId::RnwColActions), actions, 0.0f},
    };
    if (!BeginListTable("##renewals", columns,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH))
        return false;
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < 8; ++c) {
        ImGui::TableSetColumnIndex(c);
        if (c == 0) {
            bool all = !s.result.rows.empty() && s.selected.size() == s.result.rows.size();
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0));
            if (ImGui::Checkbox("##all", &all)) {
                s.selected.clear();
                if (all)
                    for (std::size_t i : s.result.rows) s.selected.insert(ws.resources[i].resource_id);
            }
            ImGui::PopStyleVar();
            ImGui::SameLine();
        }
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
    }
    return true;
}

void DrawTable(AppState& app, RenewalsPageState& s)
{
    const Workspace& ws = *app.workspace;
    const Instant now = AsOf(app);
    const RenewalPolicy tab = TabPolicy(s.tab);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line = ImGui::GetTextLineHeight();
    const float rowHeight = ImGui::GetFrameHeight() + style.ItemSpacing.y + line + style.CellPadding.y * 2 + 2;

    if (!s.result.ok()) {
        for (const Refusal& r : s.result.refusals)
            ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", RefusalWords(r, RefusalScope::Renewal, &ws).c_str());
        return;
    }
    if (s.rows.empty()) {
        ImGui::TextDisabled("%s", Tr(TextId::RnwNoRows));
        return;
    }
    if (!BeginRenewalsTable(ws, s)) return;

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.rows.size()));
    bool rowsChanged = false;
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const RenewalsPageState::Row& rw = s.rows[row];
            const Resource& r = ws.resources[rw.resource];
            const Product* product = ws.findProduct(r.product_id);
            ImGui::PushID(row);
            ImGui::TableNextRow(0, rowHeight);
            ImGui::TableNextColumn();
            rowsChanged = InstanceCell(ws, s, rw, r, product) || rowsChanged;
            ProductCells(r, product);
            ImGui::TableNextColumn();
            StatusCell(app, s, rw, r);
            ExpiryCells(ws, r, now);
            ImGui::TableNextColumn();
            PolicyCell(r);
            ImGui::TableNextColumn();
            ActionsCell(app, tab, rw, r, now);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (rowsChanged) RebuildRows(ws, s);
}

}  // namespace

// [SECTION] The page (DrawRenewalsPage)

void DrawRenewalsPage(AppState& state)
{
    PageHeader(TextId::NavRenewals, TextId::IntroRenewals);
    if (!state.workspace) {
        ImGui::TextDisabled("%s", Tr(TextId::NoWorkspace));
        return;
    }
    RenewalsPageState& s = state.renewals;
    Refresh(state, s);

    // The four tabs with their counts.
    if (ImGui::BeginTabBar("##rnw-tabs")) {
        for (int i = 0; i < 4; ++i) {
            const std::string label =
                Format("%s (%d)", TabLabel(TabPolicy(i)), s.result.tab_counts[i]) + "###rnw-tab" + std::to_string(i);
            const ImGuiTabItemFlags flags = s.switchTab == i ? ImGuiTabItemFlags_SetSelected : 0;
            if (ImGui::BeginTabItem(label.c_str(), nullptr, flags)) {
                if (s.tab != i && s.switchTab < 0) {
                    s.tab = i;
                    s.selected.clear();
                    s.dirty = true;
                }
                ImGui::EndTabItem();
            }
        }
        s.switchTab = -1;
        ImGui::EndTabBar();
    }
    if (s.dirty) Refresh(state, s);

    DrawAccountLine(state, s);
    DrawFilters(state, s);
    if (s.dirty) Refresh(state, s);
    if (!s.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.1f, 0.5f, 0.2f, 1));
        ImGui::TextWrapped("%s", s.message.c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::SmallButton("x##msg")) s.message.clear();
    }
    // The index being rebuilt: the old rows stay until it is complete; none yet, a progress bar.
    const bool noRowsYet = s.indexing && s.rows.empty() && s.result.ok();
    if (s.indexing) {
        const std::string progress = Format(Tr(TextId::RnwIndexing), s.indexProgress);
        if (noRowsYet)
            ImGui::ProgressBar(static_cast<float>(s.indexProgress) / 100.0f, ImVec2(-1, 0), progress.c_str());
        else ImGui::TextDisabled("%s", progress.c_str());
    }
    DrawBatchBar(state, s);
    if (!noRowsYet) DrawTable(state, s);
    DrawRenewalDialogs(state);
}

}  // namespace qd::ui
