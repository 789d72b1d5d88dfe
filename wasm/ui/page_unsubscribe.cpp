// 4.4 云服务退订: the instances that can be unsubscribed, sorted the console's way (使用中的资源 >
// 非五天无理由 / 可五天无理由 / 不可退订 with the reason; 未生效的资源; 续费周期; 退订记录), and the
// refund dialog (refund_dialog.h) that previews and confirms an unsubscription.
//
// Which list an instance is in is the engine's verdict (PreviewRefund) as of the clock, sorted by
// core/report/unsubscribe_query.h (ClassifyInUse / ClassifyPeriods), and which rows the filters leave is
// FilterUnsubscribeRows there: this page builds the lists a slice at a time and draws them, it decides
// nothing, so it can never promise what the dialog then refuses.
//
// Index of this file (search for "[SECTION]" to jump):
//   [SECTION] Constants and the engine in chunks
//   [SECTION] The sliced build of the four lists (UnsubscribeBuild)
//   [SECTION] Swapping a build in, and redoing changed instances
//   [SECTION] Refresh: when to rebuild, when to redo
//   [SECTION] Lists, search and filters
//   [SECTION] Table cells
//   [SECTION] The resource table
//   [SECTION] Unsubscribe records and the renewals question
//   [SECTION] Tabs and the page (DrawUnsubscribePage)

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>

#include "core/engine/orders.h"
#include "core/engine/refund.h"
#include "core/engine/renewal.h"
#include "core/report/renewal_query.h"
#include "core/report/unsubscribe_query.h"
#include "ui/labels.h"
#include "ui/pages.h"
#include "ui/platform.h"
#include "ui/refund_dialog.h"
#include "ui/widgets.h"

namespace qd::ui {
namespace {

// [SECTION] Constants and the engine in chunks

// Instances per engine call: what the verdicts need from the orders is gathered once per rebuild
// (RefundOrderScan), so a call costs its instances only (verdicts without lines); each step of a
// rebuild stays well under a millisecond in wasm, and a frame takes steps while the next one fits.
constexpr std::size_t kPreviewChunk = 48;
constexpr std::size_t kScanChunk = 256;    // resources looked at per step of the first pass
constexpr std::size_t kOrderChunk = 1024;  // orders per step of the order scan
constexpr double kBuildSliceMs = 6.0;      // rebuild work per frame (docs/architecture.md §4: a frame < 16 ms)

// Runs the engine over heads[from, to) and calls fn(groupItems, count) per instance group.
template <class Fn>
void PreviewGroups(const Workspace& ws, const RefundOrderScan& orders, const std::vector<std::size_t>& heads,
                   std::size_t from, std::size_t to, bool periodsOnly, Instant now, Fn fn)
{
    RefundRequest req;
    req.periods_only = periodsOnly;
    req.as_of = now;
    for (std::size_t i = from; i < to; ++i) req.resource_ids.push_back(ws.resources[heads[i]].resource_id);
    if (req.resource_ids.empty()) return;
    ForEachRefundGroup(PreviewRefundVerdicts(ws, req, orders.locks()), fn);
}

}  // namespace

// [SECTION] The sliced build of the four lists (UnsubscribeBuild)

// A rebuild of the lists as of one clock and revision, done a slice at a time: the orders (what puts a
// resource in a transaction, the account's next verdict change, the unsubscribe records), a pass over
// the resources (the instances, the filter choices, each instance's next verdict change), then the
// engine's verdicts in chunks, in-use then periods. Kept when complete (UnsubscribePageState::built)
// to redo single instances as the clock moves.
struct UnsubscribeBuild {
    static constexpr int64_t kNever = INT64_MAX;
    const Workspace* ws = nullptr;
    uint64_t revision = 0;
    Instant now;
    std::optional<RefundOrderScan> orders;  // the open orders and the account's next change, a slice at a time
    bool accountDone = false;               // orders scanned: accountUntil, quota and records are known
    std::optional<Instant> accountUntil;    // the next payment deadline or New Year (locks and quota change)
    // per resource: for a head, its instance's next verdict change (kNever: none)
    std::vector<int64_t> until;
    FiveDayQuotaState quota;
    std::set<std::string> services, regions;
    std::vector<std::size_t> heads, periodHeads;
    std::vector<UnsubscribeRow> lists[static_cast<int>(UnsubscribeList::Count)];
    std::vector<std::size_t> records;  // unsubscribe orders, newest first (once accountDone)
    std::size_t scanned = 0, previewed = 0, periodsPreviewed = 0;

    bool done() const
    {
        return accountDone && scanned == ws->resources.size() && previewed == heads.size() &&
               periodsPreviewed == periodHeads.size();
    }
    int progress() const
    {
        // The orders and the resources count as a tenth of the work each; the verdicts (one per instance) as the rest.
        auto part = [](std::size_t n, std::size_t of) {
            return of == 0 ? 1.0 : static_cast<double>(n) / static_cast<double>(of);
        };
        const double orderPart = accountDone ? 1.0 : orders ? part(orders->scanned(), ws->orders.size()) : 0.0;
        const double scan = part(scanned, ws->resources.size());
        const std::size_t total = heads.size() + periodHeads.size();
        const double verdicts = scanned < ws->resources.size() || total == 0
                                    ? 0.0
                                    : static_cast<double>(previewed + periodsPreviewed) / static_cast<double>(total);
        return std::clamp(static_cast<int>(10.0 * orderPart + 10.0 * scan + 80.0 * verdicts), 0, 99);
    }
    // The next instant the verdict on the instance of head `h` can change, as of `now`.
    int64_t InstanceUntil(std::size_t h) const
    {
        int64_t t = kNever;
        for (const Resource* g : InstanceOf(*ws, ws->resources[h]))
            if (const std::optional<Instant> next = NextRefundVerdictChange(*g, ws->rules, now))
                t = std::min(t, next->unixSeconds());
        return t;
    }
    std::optional<Instant> ValidUntil() const
    {
        int64_t t = accountUntil ? accountUntil->unixSeconds() : kNever;
        for (std::size_t h : heads) t = std::min(t, until[h]);
        if (t == kNever) return std::nullopt;
        return Instant::FromUnixSeconds(t);
    }
    void Step();
};

namespace {

std::vector<UnsubscribeRow>& ListOf(std::vector<UnsubscribeRow>* lists, UnsubscribeList l)
{
    return lists[static_cast<int>(l)];
}

void AddInUseGroup(UnsubscribeBuild& b, const RefundItem* items, std::size_t n)
{
    UnsubscribeRow row;
    const UnsubscribeList list = ClassifyInUse(*b.ws, items, n, b.quota.left(), b.now, row);
    ListOf(b.lists, list).push_back(std::move(row));
}

void AddPeriodsGroup(UnsubscribeBuild& b, const RefundItem* items, std::size_t n)
{
    UnsubscribeRow row;
    const UnsubscribeList list = ClassifyPeriods(*b.ws, items, n, b.now, row);
    ListOf(b.lists, list).push_back(std::move(row));
}

}  // namespace

void UnsubscribeBuild::Step()
{
    if (!accountDone) {
        if (!orders) {
            orders.emplace(*ws, now);
            until.assign(ws->resources.size(), kNever);
            return;
        }
        const std::size_t from = orders->scanned();
        const bool through = orders->Step(kOrderChunk);
        for (std::size_t i = from; i < orders->scanned(); ++i)
            if (IsUnsubscribeRecord(ws->orders[i])) records.push_back(i);
        if (through) {
            accountUntil = orders->accountUntil();
            quota = FiveDayQuotaAsOf(*ws, now);
            SortNewestFirst(records, ws->orders);  // orders.h: the lists' order
            accountDone = true;
        }
        return;
    }
    if (scanned < ws->resources.size()) {
        const std::size_t end = std::min(ws->resources.size(), scanned + kScanChunk);
        for (std::size_t i = scanned; i < end; ++i) {
            const Resource& r = ws->resources[i];
            if (!IsUnsubscribeHead(r)) continue;
            heads.push_back(i);
            until[i] = InstanceUntil(i);
            if (UnstartedRenewals(r, now) > 0) periodHeads.push_back(i);
            if (const Product* p = ws->findProduct(r.product_id); p && !p->service_type_name.empty())
                services.insert(p->service_type_name);
            if (!r.region_code.empty()) regions.insert(r.region_code);
        }
        scanned = end;
        return;
    }
    if (previewed < heads.size()) {
        const std::size_t end = std::min(heads.size(), previewed + kPreviewChunk);
        PreviewGroups(*ws, *orders, heads, previewed, end, false, now,
                      [&](const RefundItem* items, std::size_t n) { AddInUseGroup(*this, items, n); });
        previewed = end;
        return;
    }
    if (periodsPreviewed < periodHeads.size()) {
        const std::size_t end = std::min(periodHeads.size(), periodsPreviewed + kPreviewChunk);
        PreviewGroups(*ws, *orders, periodHeads, periodsPreviewed, end, true, now,
                      [&](const RefundItem* items, std::size_t n) { AddPeriodsGroup(*this, items, n); });
        periodsPreviewed = end;
    }
}

// [SECTION] Swapping a build in, and redoing changed instances

namespace {

// Lists replaced by new ones are freed a slice of rows per frame (10^5 rows with their strings are
// too many frees for the frame that swaps the lists in).
void Retire(UnsubscribePageState& s, std::vector<UnsubscribeRow>& list)
{
    if (!list.empty()) s.retired.push_back(std::move(list));
    list.clear();
}

void FreeRetired(UnsubscribePageState& s)
{
    constexpr std::size_t kRowsPerFrame = 8192;
    std::size_t budget = kRowsPerFrame;
    while (budget > 0 && !s.retired.empty()) {
        std::vector<UnsubscribeRow>& rows = s.retired.back();
        const std::size_t k = std::min(budget, rows.size());
        rows.erase(rows.end() - static_cast<std::ptrdiff_t>(k), rows.end());
        budget -= k;
        if (rows.empty()) s.retired.pop_back();
    }
    if (!s.retired.empty()) RequestMoreFrames();
}

void SwapIn(UnsubscribeBuild& b, UnsubscribePageState& s)
{
    for (int l = 0; l < static_cast<int>(UnsubscribeList::Count); ++l) {
        Retire(s, s.lists[l]);
        s.lists[l] = std::move(b.lists[l]);
    }
    s.records = std::move(b.records);
    s.recordsOrders = b.ws->orders.size();
    auto keep = [](std::vector<std::string>& names, int& index, const std::set<std::string>& fresh) {
        const std::string was =
            index >= 0 && index < static_cast<int>(names.size()) ? names[static_cast<std::size_t>(index)] : "";
        names.assign(fresh.begin(), fresh.end());
        auto it = std::find(names.begin(), names.end(), was);
        index = was.empty() || it == names.end() ? -1 : static_cast<int>(it - names.begin());
    };
    keep(s.serviceTypes, s.serviceType, b.services);
    keep(s.regions, s.region, b.regions);
    s.quotaYear = b.quota.year;
    s.quotaLeft = b.quota.left();
    s.quotaLimit = b.quota.limit;
    s.quotaKnown = b.quota.known;
    s.builtFor = b.revision;
    s.builtAsOf = b.now;
    s.builtOf = b.ws;
    s.builtResources = b.ws->resources.size();
    s.validUntil = b.ValidUntil();
    s.filterDirty = true;
}

// Redoes the rows of the instances of `changed` (heads of b, in resource order) as of `now` and merges
// them into the lists shown (lists are in resource order); an instance closed by now leaves them.
void RedoInstances(Instant now, UnsubscribePageState& s, const std::vector<std::size_t>& changed)
{
    UnsubscribeBuild& b = *s.built;
    const Workspace& ws = *b.ws;
    std::vector<std::size_t> open, periodChanged;
    for (std::size_t h : changed)
        if (IsUnsubscribeHead(ws.resources[h])) open.push_back(h);
    b.now = now;
    for (auto& list : b.lists) list.clear();
    for (std::size_t h : open)
        if (UnstartedRenewals(ws.resources[h], now) > 0) periodChanged.push_back(h);
    PreviewGroups(ws, *b.orders, open, 0, open.size(), false, now,
                  [&](const RefundItem* items, std::size_t n) { AddInUseGroup(b, items, n); });
    PreviewGroups(ws, *b.orders, periodChanged, 0, periodChanged.size(), true, now,
                  [&](const RefundItem* items, std::size_t n) { AddPeriodsGroup(b, items, n); });
    std::vector<uint8_t> redone(ws.resources.size(), 0);
    for (std::size_t h : changed) redone[h] = 1;
    for (int l = 0; l < static_cast<int>(UnsubscribeList::Count); ++l) {
        std::vector<UnsubscribeRow>& old = s.lists[l];
        std::vector<UnsubscribeRow>& fresh = b.lists[l];
        std::vector<UnsubscribeRow> merged;
        merged.reserve(old.size() + fresh.size());
        std::size_t f = 0;
        for (UnsubscribeRow& row : old) {
            if (redone[row.resource]) continue;
            while (f < fresh.size() && fresh[f].resource < row.resource) merged.push_back(std::move(fresh[f++]));
            merged.push_back(std::move(row));
        }
        while (f < fresh.size()) merged.push_back(std::move(fresh[f++]));
        old = std::move(merged);
        fresh.clear();
    }
    for (std::size_t h : changed)
        b.until[h] = IsUnsubscribeHead(ws.resources[h]) ? b.InstanceUntil(h) : UnsubscribeBuild::kNever;
    s.filterDirty = true;
}

// The clock passed some instances' next verdict change but no payment deadline nor New Year (the
// locks and the quota hold): redo just those instances. False when there are too many for one frame:
// then the lists are rebuilt in slices.
bool RedoChangedInstances(Instant now, UnsubscribePageState& s)
{
    constexpr std::size_t kMaxRedone = 1024;
    UnsubscribeBuild& b = *s.built;
    std::vector<std::size_t> changed;
    for (std::size_t h : b.heads)
        if (b.until[h] <= now.unixSeconds()) changed.push_back(h);
    if (changed.size() > kMaxRedone) return false;
    RedoInstances(now, s, changed);
    s.builtAsOf = now;
    s.validUntil = b.ValidUntil();
    return true;
}

// The workspace changed (a new revision) and its lists are rebuilt in slices: meanwhile the rows of the
// instances named by the orders added since (an unsubscription, a renewal order waiting for payment:
// what the user just did) are redone at once, and those orders' records shown, so no row offers what
// was just done. Only when the orders were appended to the same workspace and are few; the rest of the
// rows (an order paid or cancelled) stay as they were until the rebuild is complete.
void RedoNamedInstances(const Workspace& ws, Instant now, UnsubscribePageState& s)
{
    constexpr std::size_t kMaxNewOrders = 64;
    if (!s.built || s.builtOf != &ws || s.built->ws != &ws || s.builtResources != ws.resources.size() ||
        !s.built->orders)
        return;
    UnsubscribeBuild& b = *s.built;
    const std::size_t from = b.orders->scanned();
    if (ws.orders.size() <= from || ws.orders.size() - from > kMaxNewOrders || now < b.now) return;
    b.orders->Step(kMaxNewOrders);  // the new orders put their resources in a transaction
    std::vector<std::size_t> changed;
    for (std::size_t o = from; o < ws.orders.size(); ++o) {
        if (IsUnsubscribeRecord(ws.orders[o]) && s.recordsOrders <= o) s.records.insert(s.records.begin(), o);
        for (const OrderItem& item : ws.orders[o].items) {
            const Resource* r = item.resource_id ? ws.findResource(*item.resource_id) : nullptr;
            // a bound resource is listed with its main
            if (r && r->isBound()) r = ws.findResource(*r->main_resource_id);
            if (!r) continue;
            const std::size_t h = static_cast<std::size_t>(r - ws.resources.data());
            if (h < b.until.size()) changed.push_back(h);
        }
    }
    s.recordsOrders = std::max(s.recordsOrders, ws.orders.size());
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    // Only instances listed before (a resource that was not a head stays out until the rebuild).
    std::vector<std::size_t> listed;
    for (std::size_t h : changed)
        if (std::binary_search(b.heads.begin(), b.heads.end(), h)) listed.push_back(h);
    b.quota = FiveDayQuotaAsOf(ws, now);  // an unsubscription may have used the five-day quota
    RedoInstances(now, s, listed);
    s.quotaLeft = b.quota.left();
    s.quotaYear = b.quota.year;
}

// [SECTION] Refresh: when to rebuild, when to redo

// Keeps the lists current: starts a rebuild when the workspace changed or the clock reached the next
// verdict change (or went back), and advances it by about kBuildSliceMs per frame.
void Refresh(const Workspace& ws, uint64_t revision, Instant now, UnsubscribePageState& s)
{
    FreeRetired(s);
    const bool sameLists = s.built && s.builtFor == revision && s.builtOf == &ws && now >= s.builtAsOf;
    if (sameLists && (!s.validUntil || now < *s.validUntil)) {
        s.building.reset();
        return;
    }
    if (sameLists && (!s.built->accountUntil || now < *s.built->accountUntil) && RedoChangedInstances(now, s)) {
        s.building.reset();
        return;
    }
    UnsubscribeBuild* b = s.building.get();
    const bool buildHolds = b && b->ws == &ws && b->revision == revision && now >= b->now &&
                            (!b->accountDone || !b->accountUntil || now < *b->accountUntil);
    if (!buildHolds) {
        // The rows shown meanwhile index the resources: keep them only while that still means the same.
        if (s.builtOf != &ws || s.builtResources != ws.resources.size()) {
            for (auto& list : s.lists) Retire(s, list);
            s.records.clear();
            s.recordsOrders = 0;
            s.built.reset();
            s.builtOf = &ws;
            s.builtResources = ws.resources.size();
            s.builtFor = UINT64_MAX;
        } else if (s.builtFor != revision) {
            RedoNamedInstances(ws, now, s);
        }
        if (s.recordsOrders > ws.orders.size()) {  // orders went away: the records may name them
            s.records.clear();
            s.recordsOrders = 0;
        }
        s.filterDirty = true;
        s.building = std::make_shared<UnsubscribeBuild>();
        b = s.building.get();
        b->ws = &ws;
        b->revision = revision;
        b->now = now;
    }
    // Steps while the next one (as long as the longest so far) still fits the slice; the complete
    // lists are swapped in (and filtered) in a frame of their own when this one did a slice already.
    using Clock = std::chrono::steady_clock;
    using Ms = std::chrono::duration<double, std::milli>;
    const Clock::time_point start = Clock::now();
    double elapsed = 0, longest = 0;
    while (!b->done() && elapsed + longest < kBuildSliceMs) {
        const Clock::time_point t = Clock::now();
        b->Step();
        const Clock::time_point after = Clock::now();
        longest = std::max(longest, Ms(after - t).count());
        elapsed = Ms(after - start).count();
    }
    if (!b->done() || elapsed >= kBuildSliceMs / 3) {
        s.buildProgress = b->progress();
        RequestMoreFrames();
        return;
    }
    SwapIn(*b, s);
    s.built = std::move(s.building);
    // Instances whose verdict changed while the build ran are redone on the next frame.
    if (s.validUntil && now >= *s.validUntil) RequestMoreFrames();
}

// [SECTION] Lists, search and filters

UnsubscribeList CurrentList(const UnsubscribePageState& s)
{
    switch (s.tab) {
        case UnsubscribeTab::InUse: return s.inUseList;
        case UnsubscribeTab::NotEffective:
            return s.blockedOnly ? UnsubscribeList::NotEffectiveBlocked : UnsubscribeList::NotEffective;
        case UnsubscribeTab::Periods: return s.blockedOnly ? UnsubscribeList::PeriodsBlocked : UnsubscribeList::Periods;
        case UnsubscribeTab::Records: break;
    }
    return UnsubscribeList::Count;
}

bool Selectable(UnsubscribeList l) { return IsUnsubscribable(l); }

RefundKind KindOf(UnsubscribeList l)
{
    if (l == UnsubscribeList::NotEffective || l == UnsubscribeList::NotEffectiveBlocked)
        return RefundKind::NotEffective;
    if (l == UnsubscribeList::Periods || l == UnsubscribeList::PeriodsBlocked) return RefundKind::Periods;
    return RefundKind::InUse;
}

// The page's filter choices as the core's filter (unsubscribe_query.h).
UnsubscribeFilter FilterOf(const UnsubscribePageState& s, Instant now)
{
    UnsubscribeFilter f;
    f.search = s.search;
    f.expiring_within_days = s.countdown.days();
    if (s.serviceType >= 0 && s.serviceType < static_cast<int>(s.serviceTypes.size()))
        f.service_type = s.serviceTypes[static_cast<std::size_t>(s.serviceType)];
    if (s.region >= 0 && s.region < static_cast<int>(s.regions.size()))
        f.region = s.regions[static_cast<std::size_t>(s.region)];
    f.as_of = now;
    return f;
}

void Refilter(const Workspace& ws, UnsubscribePageState& s, Instant now)
{
    const UnsubscribeList l = CurrentList(s);
    const UnsubscribeFilter filter = FilterOf(s, now);
    s.shown = l == UnsubscribeList::Count ? FilterUnsubscribeRecords(ws, s.records, filter)
                                          : FilterUnsubscribeRows(ws, s.lists[static_cast<int>(l)], filter);
    // The selection stays within the current list.
    if (!s.selected.empty()) {
        std::vector<uint8_t> inList(ws.resources.size(), 0);
        if (l != UnsubscribeList::Count)
            for (const UnsubscribeRow& row : s.lists[static_cast<int>(l)]) inList[row.resource] = 1;
        for (auto it = s.selected.begin(); it != s.selected.end();) {
            const std::optional<std::size_t> found = ws.positionOfResource(*it);
            const bool keep = found && *found < inList.size() && inList[*found];
            it = keep ? std::next(it) : s.selected.erase(it);
        }
    }
    s.shownList = static_cast<int>(l);
    s.shownFor = s.builtFor;
    s.filterMinute = now.unixSeconds() / 60;
    s.filterDirty = false;
}

void DrawFilters(UnsubscribePageState& s)
{
    if (s.builtFor != UINT64_MAX) {  // names chosen by an address, once the lists have the names
        if (ChooseByName(s.wantServiceType, s.serviceTypes, s.serviceType)) s.filterDirty = true;
        if (ChooseByName(s.wantRegion, s.regions, s.region)) s.filterDirty = true;
    }
    const float em = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(em * 18);
    if (ImGui::InputTextWithHint("##uns-search",
                                 Tr(s.tab == UnsubscribeTab::Records ? TextId::SearchOrderId : TextId::UnsSearchHint),
                                 s.search, sizeof s.search))
        s.filterDirty = true;
    auto combo = [&](const char* id, TextId label, int& value, const std::vector<std::string>& names) {
        ImGui::SameLine();
        ImGui::TextUnformatted(Tr(label));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em * 9);
        const char* preview = value < 0 ? Tr(TextId::All) : names[static_cast<std::size_t>(value)].c_str();
        if (ImGui::BeginCombo(id, preview)) {
            if (ImGui::Selectable(Tr(TextId::All), value < 0)) {
                value = -1;
                s.filterDirty = true;
            }
            for (int i = 0; i < static_cast<int>(names.size()); ++i)
                if (ImGui::Selectable(names[static_cast<std::size_t>(i)].c_str(), value == i)) {
                    value = i;
                    s.filterDirty = true;
                }
            ImGui::EndCombo();
        }
    };
    combo("##uns-service", TextId::ProductType, s.serviceType, s.serviceTypes);
    if (s.tab == UnsubscribeTab::Records) return;
    combo("##uns-region", TextId::Region, s.region, s.regions);
    // 倒计时: 全部 / 7, 15, 30天内到期 / 自定义天数 [X] 天内到期.
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(TextId::UnsCountdown));
    ImGui::SameLine();
    if (DrawExpiringWithin("##uns-countdown", s.countdown, em * 10)) s.filterDirty = true;
}

// [SECTION] Table cells

// "剩余 23 天" under the expiry: DaysLeft (renewal_query.h), the same number as 续费管理's 剩余天数 (calendar
// days of the profile zone); on the expiry day "剩余不足 1 天"; nothing once expired.
void CountdownLine(const Workspace& ws, const Resource& r, Instant now)
{
    if (r.expire_time < now) {  // drawing only: no line once expired
        ImGui::TextDisabled(" ");
        return;
    }
    const int64_t days = DaysLeft(r.expire_time, now, ws.rules.zone);
    if (days < 1) ImGui::TextDisabled("%s", Tr(TextId::UnsLessThanDay));
    else ImGui::TextDisabled("%s", Format(Tr(TextId::UnsDaysLeft), static_cast<int>(days)).c_str());
}

// The instance cell: name (and the failed tag) over id (and its bound resources). Two lines on every
// row, so the clipper's row height holds.
void InstanceCell(const Workspace& ws, const UnsubscribeRow& row)
{
    const Resource& r = ws.resources[row.resource];
    ImGui::TextUnformatted(r.resource_name.empty() ? r.resource_id.c_str() : r.resource_name.c_str());
    if (row.failed) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.82f, 0.16f, 0.16f, 1.0f), "[%s]", Tr(TextId::UnsFailedTag));
    }
    if (row.bound > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled(Tr(TextId::UnsBoundCount), row.bound);
        if (ImGui::IsItemHovered()) {
            std::string ids;
            for (const Resource* a : BoundGoingWith(ws, r)) ids += a->resource_id + "  " + a->resource_name + "\n";
            ImGui::SetTooltip("%s\n\n%s", Tr(TextId::UnsBoundNote), ids.c_str());
        }
    }
    ElidedText(r.resource_id, true);
}

void ReasonCell(const UnsubscribeRow& row, bool error)
{
    const char* words = CodeWords(row.reasonCode);
    const std::string text = words ? words : row.reason;
    if (error) ImGui::TextColored(ImVec4(0.82f, 0.16f, 0.16f, 1.0f), "%s", text.c_str());
    else ImGui::TextUnformatted(text.c_str());
    if (ImGui::IsItemHovered() && !row.reason.empty()) ImGui::SetTooltip("%s", row.reason.c_str());
}

void OpenFor(AppState& app, UnsubscribePageState& s, UnsubscribeList l, std::vector<std::string> ids)
{
    OpenRefundDialog(app, s.dialog, KindOf(l), std::move(ids));
}

// [SECTION] The resource table

// Batch bar: select all, 批量退订 (not for five-day refunds: one at a time, seed 4.4.1.3 step 5).
void DrawBatchBar(AppState& app, UnsubscribePageState& s, UnsubscribeList l)
{
    const Workspace& ws = *app.workspace;
    const std::vector<UnsubscribeRow>& rows = s.lists[static_cast<int>(l)];
    bool all = !s.shown.empty() && s.selected.size() >= s.shown.size();
    if (ImGui::Checkbox(Tr(TextId::UnsSelectAll), &all)) {
        if (all)
            for (std::size_t k : s.shown) s.selected.insert(ws.resources[rows[k].resource].resource_id);
        else s.selected.clear();
    }
    ImGui::SameLine();
    std::string notBatch;
    if (KindOf(l) == RefundKind::InUse)
        for (const std::string& id : s.selected)
            if (const Resource* r = ws.findResource(id)) {
                const Product* p = ws.findProduct(r->product_id);
                const bool ok = UnsubscribableInBatch(ws, *r);  // seed 4.4.1.1 注意事项 3 (core/engine/refund.h)
                if (!ok && notBatch.find(p ? p->service_type_name : r->product_id) == std::string::npos)
                    notBatch += (notBatch.empty() ? "" : "、") + (p ? p->service_type_name : r->product_id);
            }
    const bool fiveDay = l == UnsubscribeList::FiveDay;
    const bool disabled = s.selected.empty() || fiveDay || !notBatch.empty();
    ImGui::BeginDisabled(disabled);
    if (ImGui::Button(Tr(TextId::UnsBatch)))
        OpenFor(app, s, l, std::vector<std::string>(s.selected.begin(), s.selected.end()));
    ImGui::EndDisabled();
    if (disabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        const std::string why = fiveDay             ? Tr(TextId::UnsBatchFiveDay)
                                : !notBatch.empty() ? Format(Tr(TextId::UnsBatchTypes), notBatch.c_str())
                                                    : Tr(TextId::UnsSelectFirst);
        ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 28, 0));
        ImGui::BeginTooltip();
        ImGui::TextWrapped("%s", why.c_str());
        ImGui::EndTooltip();
    }
    ImGui::SameLine();
    ImGui::TextDisabled(Tr(TextId::UnsSelected), static_cast<int>(s.selected.size()));
    ImGui::SameLine();
}

// The columns of a list (not-allowed lists have no action). False when the table is not shown.
bool BeginResourceTable(UnsubscribeList l, bool blocked, bool periods)
{
    const float em = ImGui::GetFontSize();
    const float timeWidth = TextWidth("2024/04/15 15:58:49 GMT+08:00");
    const ListColumn columns[] = {
        {Tr(TextId::UnsColInstance), ImGui::GetFrameHeight() + em * 8, 3.0f},  // tick box and the id
        {Tr(TextId::ProductType), em * 5, 1.5f},
        {Tr(TextId::Region), TextWidth("cn-north-4"), 0.5f},
        {Tr(periods ? TextId::UnsColRenewals : TextId::UnsColEffective), timeWidth, 0.0f},
        {Tr(TextId::ExpireTime), timeWidth, 0.0f},
        {Tr(blocked                         ? TextId::UnsColWhyNot
            : l == UnsubscribeList::FiveDay ? TextId::UnsColFiveDayUntil
                                            : TextId::UnsReasonOfType),
         l == UnsubscribeList::FiveDay ? timeWidth : em * 6, blocked ? 3.0f : 2.0f},
        // the action: 退订 / 退订续费周期 (not-allowed lists have none)
        {Tr(TextId::Actions), ButtonRowWidth({Tr(periods ? TextId::UnsTabPeriods : TextId::UnsActionUnsubscribe)})},
    };
    const std::span<const ListColumn> shown(columns, blocked ? 6 : 7);
    if (!BeginListTable("##uns-resources", shown,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH))
        return false;
    ImGui::TableHeadersRow();
    return true;
}

// One instance's row: tick box, instance, product, region, effective time or renewals, expiry with
// its countdown, the five-day deadline or the reason, and the action.
void DrawResourceRow(AppState& app, UnsubscribePageState& s, UnsubscribeList l, const UnsubscribeRow& row, bool blocked,
                     bool periods)
{
    const Workspace& ws = *app.workspace;
    const bool selectable = Selectable(l);
    const Resource& r = ws.resources[row.resource];
    const Product* p = ws.findProduct(r.product_id);
    ImGui::TableNextColumn();
    if (selectable) {
        bool ticked = s.selected.count(r.resource_id) != 0;
        if (ImGui::Checkbox("##sel", &ticked)) {
            if (ticked) s.selected.insert(r.resource_id);
            else s.selected.erase(r.resource_id);
        }
        ImGui::SameLine();
    }
    ImGui::BeginGroup();
    InstanceCell(ws, row);
    ImGui::EndGroup();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p ? p->service_type_name.c_str() : r.product_id.c_str());
    ImGui::TextDisabled("%s", p ? p->spec_desc.c_str() : "");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.region_code.c_str());
    ImGui::TableNextColumn();
    if (periods) {
        const std::vector<Instant> keep = KeepUntilChoices(r, AsOf(app));
        ImGui::TextUnformatted(Format(Tr(TextId::UnsRenewalsCount), row.unstartedRenewals,
                                      FormatLocalDate(LocalDateOf(r.expire_time, ws.rules.zone)).c_str())
                                   .c_str());
        if (!keep.empty())
            ImGui::TextDisabled("%s → %s", FormatLocalDate(LocalDateOf(keep.front(), ws.rules.zone)).c_str(),
                                FormatLocalDate(LocalDateOf(r.expire_time, ws.rules.zone)).c_str());
    } else {
        ImGui::TextUnformatted(ConsoleTime(ws, r.effective_time).c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(ConsoleTime(ws, r.expire_time).c_str());
    CountdownLine(ws, r, AsOf(app));
    ImGui::TableNextColumn();
    if (l == UnsubscribeList::FiveDay) ImGui::TextUnformatted(ConsoleTime(ws, FiveDayWindowEnd(r, ws.rules)).c_str());
    else ReasonCell(row, blocked);
    if (!blocked) {
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(Tr(periods ? TextId::UnsTabPeriods : TextId::UnsActionUnsubscribe))) {
            if (KindOf(l) == RefundKind::InUse && row.unstartedRenewals > 0) {
                s.renewalsAsk = r.resource_id;  // seed 4.4.1.2 step 6: renewal periods or the resource?
                s.renewalsAskOpening = true;
            } else {
                OpenFor(app, s, l, {r.resource_id});
            }
        }
    }
}

void DrawResourceTable(AppState& app, UnsubscribePageState& s, UnsubscribeList l)
{
    const std::vector<UnsubscribeRow>& rows = s.lists[static_cast<int>(l)];
    const bool blocked = l == UnsubscribeList::InUseNotAllowed || l == UnsubscribeList::NotEffectiveBlocked ||
                         l == UnsubscribeList::PeriodsBlocked;
    const bool periods = l == UnsubscribeList::Periods || l == UnsubscribeList::PeriodsBlocked;
    if (Selectable(l)) DrawBatchBar(app, s, l);
    ImGui::TextDisabled(Tr(TextId::RowsShown), static_cast<int>(s.shown.size()));
    if (s.shown.empty()) {
        ImGui::TextDisabled("%s", Tr(TextId::UnsNoRows));
        return;
    }
    if (!BeginResourceTable(l, blocked, periods)) return;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.shown.size()));
    while (clipper.Step()) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            ImGui::PushID(k);
            ImGui::TableNextRow();
            DrawResourceRow(app, s, l, rows[s.shown[static_cast<std::size_t>(k)]], blocked, periods);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// [SECTION] Unsubscribe records and the renewals question

void DrawRecords(AppState& app, UnsubscribePageState& s)
{
    const Workspace& ws = *app.workspace;
    ImGui::TextDisabled("%s", Tr(TextId::UnsRecordsIntro));
    ImGui::SameLine();
    if (ImGui::SmallButton(Tr(TextId::UnsRecordsToMyOrders))) {
        app.myOrders.type = static_cast<int>(OrderType::Unsubscribe);
        app.myOrders.status = -1;
        app.myOrders.search[0] = '\0';
        app.myOrders.dirty = true;
        app.page = Page::MyOrders;
    }
    ImGui::SameLine();
    ImGui::TextDisabled(Tr(TextId::RowsShown), static_cast<int>(s.shown.size()));
    if (s.shown.empty()) {
        ImGui::TextDisabled("%s", Tr(TextId::UnsNoRecords));
        return;
    }
    const float em = ImGui::GetFontSize();
    const float money = TextWidth("¥1,234,567.89");
    const ListColumn columns[] = {
        {Tr(TextId::OrderIdCol), em * 8, 2.0f},
        {Tr(TextId::CreateTime), TextWidth(ConsoleTime(ws, Instant{}).c_str()), 0.0f},
        {Tr(TextId::OrderStatusCol), WidestLabel<OrderStatus>(), 0.3f},
        {Tr(TextId::ProductType), em * 4, 1.2f},
        {Tr(TextId::UnsRefundCol), money, 0.5f},
        {Tr(TextId::UnsubFee), money, 0.3f},
        {Tr(TextId::UnsubConsumed), money, 0.3f},
        {Tr(TextId::UnsRecordReason), em * 5, 1.6f},
        {Tr(TextId::Actions), ButtonRowWidth({Tr(TextId::Details)})},
    };
    if (!BeginListTable("##uns-records", columns,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH))
        return;
    ImGui::TableHeadersRow();
    const TextId reasons[] = {TextId::UnsReason0, TextId::UnsReason1, TextId::UnsReason2, TextId::UnsReason3,
                              TextId::UnsReason4, TextId::UnsReason5, TextId::UnsReason6};
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.shown.size()));
    while (clipper.Step()) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const Order& o = ws.orders[s.records[s.shown[static_cast<std::size_t>(k)]]];
            ImGui::PushID(k);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ElidedText(o.order_id);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ConsoleTime(ws, o.create_time).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Label(StatusAsOf(o, ws.rules, AsOf(app))));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o.service_type_name.c_str());
            ImGui::TableNextColumn();
            // Huawei writes a refund as a negative amount (docs/workspace-format.md): the refund is its size.
            ImGui::TextUnformatted(o.amount_after_discount.abs().display().c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o.fee ? o.fee->display().c_str() : "-");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o.consumed ? o.consumed->display().c_str() : "-");
            ImGui::TableNextColumn();
            std::string reason, text;
            for (const auto& [key, value] : o.extra) {
                if (key == "unsubscribe_reason")
                    for (std::size_t i = 0; i < std::size(reasons); ++i)
                        if (value == "\"" + std::string(EnumNames<UnsubscribeReason>::names[i]) + "\"")
                            reason = Tr(reasons[i]);
                if (key == "unsubscribe_reason_text" && value.size() >= 2) text = value.substr(1, value.size() - 2);
            }
            ImGui::TextUnformatted(reason.empty() ? "-" : reason.c_str());
            if (!text.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
            ImGui::TableNextColumn();
            if (ImGui::SmallButton(Tr(TextId::Details))) {
                app.myOrders.details = o.order_id;
                app.myOrders.dirty = true;
                app.page = Page::MyOrders;
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// seed 4.4.1.2 step 6: an instance with renewal periods asks which to unsubscribe.
void DrawRenewalsAsk(AppState& app, UnsubscribePageState& s)
{
    const std::string title = std::string(Tr(TextId::UnsHasRenewalsTitle)) + "###renewals-ask";
    if (!BeginDialog(title.c_str(), &s.renewalsAskOpening, &s.renewalsAskOpen, 34, 0)) return;
    ImGui::TextWrapped("%s", Tr(TextId::UnsHasRenewalsText));
    ImGui::TextDisabled("%s", s.renewalsAsk.c_str());
    ImGui::Spacing();
    bool close = false;
    if (ImGui::Button(Tr(TextId::UnsTabPeriods))) {
        s.switchTab = static_cast<int>(UnsubscribeTab::Periods);
        OpenRefundDialog(app, s.dialog, RefundKind::Periods, {s.renewalsAsk});
        close = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::UnsActionUnsubscribe))) {
        OpenRefundDialog(app, s.dialog, RefundKind::InUse, {s.renewalsAsk});
        close = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::Cancel)) || DialogEscapePressed()) close = true;
    if (close) {
        s.renewalsAskOpen = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

// [SECTION] Tabs and the page (DrawUnsubscribePage)

// A tab item that can be selected from code (switchTab); true while it is the open tab.
bool Tab(UnsubscribePageState& s, UnsubscribeTab tab, TextId label)
{
    ImGuiTabItemFlags flags = s.switchTab == static_cast<int>(tab) ? ImGuiTabItemFlags_SetSelected : 0;
    const std::string id = std::string(Tr(label)) + "###tab" + std::to_string(static_cast<int>(tab));
    if (!ImGui::BeginTabItem(id.c_str(), nullptr, flags)) return false;
    if (s.tab != tab && (s.switchTab < 0 || s.switchTab == static_cast<int>(tab))) {
        s.tab = tab;
        s.filterDirty = true;
    }
    return true;
}

void SubTabs(UnsubscribePageState& s, std::initializer_list<std::pair<TextId, UnsubscribeList>> items, const char* id)
{
    if (!ImGui::BeginTabBar(id)) return;
    for (const auto& [label, list] : items) {
        const std::string name = std::string(Tr(label)) + " (" +
                                 std::to_string(s.lists[static_cast<int>(list)].size()) + ")###" +
                                 std::to_string(static_cast<int>(list));
        const bool blocked = list == UnsubscribeList::NotEffectiveBlocked || list == UnsubscribeList::PeriodsBlocked;
        const bool wanted = s.tab == UnsubscribeTab::InUse ? s.inUseList == list : s.blockedOnly == blocked;
        const ImGuiTabItemFlags flags = s.switchList && wanted ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem(name.c_str(), nullptr, flags)) {
            if (s.switchList) {
                ImGui::EndTabItem();
                continue;  // the wanted list is selected from the next frame
            }
            if (s.tab == UnsubscribeTab::InUse && s.inUseList != list) {
                s.inUseList = list;
                s.filterDirty = true;
            }
            if (s.tab != UnsubscribeTab::InUse && s.blockedOnly != blocked) {
                s.blockedOnly = blocked;
                s.filterDirty = true;
            }
            ImGui::EndTabItem();
        }
    }
    ImGui::EndTabBar();
}

}  // namespace

void OpenUnsubscribeDialog(AppState& app, std::vector<std::string> resourceIds)
{
    UnsubscribePageState& s = app.unsubscribe;
    OpenFor(app, s, CurrentList(s), std::move(resourceIds));
}

void DrawUnsubscribePage(AppState& state)
{
    PageHeader(TextId::NavUnsubscribe, TextId::IntroUnsubscribe);
    if (!state.workspace) {
        ImGui::TextDisabled("%s", Tr(TextId::NoWorkspace));
        return;
    }
    UnsubscribePageState& s = state.unsubscribe;
    const Workspace& ws = *state.workspace;
    const Instant now = AsOf(state);
    Refresh(ws, state.revision, now, s);
    if (s.countdown.days() && now.unixSeconds() / 60 != s.filterMinute)
        s.filterDirty = true;  // 倒计时 follows the clock

    if (ImGui::BeginTabBar("##uns-tabs")) {
        if (Tab(s, UnsubscribeTab::InUse, TextId::UnsTabInUse)) {
            std::string quota = Format(Tr(TextId::UnsQuotaLine), s.quotaYear, s.quotaLeft);
            if (!s.quotaKnown) quota += Format(Tr(TextId::UnsQuotaUnknown), s.quotaLimit);
            ImGui::TextWrapped("%s", quota.c_str());
            SubTabs(s,
                    {{TextId::UnsListNonFiveDay, UnsubscribeList::NonFiveDay},
                     {TextId::UnsListFiveDay, UnsubscribeList::FiveDay},
                     {TextId::UnsListNotAllowed, UnsubscribeList::InUseNotAllowed}},
                    "##uns-inuse");
            ImGui::EndTabItem();
        }
        if (Tab(s, UnsubscribeTab::NotEffective, TextId::UnsTabNotEffective)) {
            SubTabs(s,
                    {{TextId::UnsListAllowed, UnsubscribeList::NotEffective},
                     {TextId::UnsListNotAllowed, UnsubscribeList::NotEffectiveBlocked}},
                    "##uns-noteffective");
            ImGui::EndTabItem();
        }
        if (Tab(s, UnsubscribeTab::Periods, TextId::UnsTabPeriods)) {
            SubTabs(s,
                    {{TextId::UnsListAllowed, UnsubscribeList::Periods},
                     {TextId::UnsListNotAllowed, UnsubscribeList::PeriodsBlocked}},
                    "##uns-periods");
            ImGui::EndTabItem();
        }
        if (Tab(s, UnsubscribeTab::Records, TextId::UnsTabRecords)) ImGui::EndTabItem();
        ImGui::EndTabBar();
    }
    if (s.switchTab < 0) s.switchList = false;  // the sub-tabs are drawn a frame after their tab is selected
    s.switchTab = -1;

    DrawFilters(s);
    const UnsubscribeList l = CurrentList(s);
    if (s.filterDirty || s.shownFor != s.builtFor || s.shownList != static_cast<int>(l)) Refilter(ws, s, now);
    // A rebuild in progress: the old rows stay until the new ones are complete; none yet, a progress bar.
    const bool noRowsYet = s.building && s.builtFor == UINT64_MAX && l != UnsubscribeList::Count;
    if (s.building) {
        const std::string progress = Format(Tr(TextId::UnsBuilding), s.buildProgress);
        if (noRowsYet)
            ImGui::ProgressBar(static_cast<float>(s.buildProgress) / 100.0f, ImVec2(-1, 0), progress.c_str());
        else ImGui::TextDisabled("%s", progress.c_str());
    }
    if (l == UnsubscribeList::Count) DrawRecords(state, s);
    else if (!noRowsYet) DrawResourceTable(state, s, l);

    DrawRenewalsAsk(state, s);
    DrawRefundDialog(state, s.dialog);
}

}  // namespace qd::ui
