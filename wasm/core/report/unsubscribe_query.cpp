#include "core/report/unsubscribe_query.h"

#include <algorithm>
#include <set>

#include "core/engine/renewal.h"
#include "core/report/order_query.h"
#include "core/report/renewal_query.h"

namespace qd {

bool IsUnsubscribable(UnsubscribeList l)
{
    return l == UnsubscribeList::NonFiveDay || l == UnsubscribeList::FiveDay || l == UnsubscribeList::NotEffective ||
           l == UnsubscribeList::Periods;
}

int UnstartedRenewals(const Resource& r, Instant asOf)
{
    int n = 0;
    for (std::size_t i = 0; i < r.periods.size(); ++i)
        if (r.periods[i].kind == PeriodKind::Renewal && CoverageStart(r, i) > asOf) ++n;
    return n;
}

bool IsUnsubscribeHead(const Resource& r) { return r.status != ResourceStatus::Closed && !r.isBound(); }

bool IsUnsubscribeRecord(const Order& o) { return o.order_type == OrderType::Unsubscribe; }

namespace {

// The member that says why a group is not allowed: the first refused for its own reason, else the
// first refused because of another member (group_not_allowed).
const RefundItem* Blocked(const RefundItem* items, std::size_t n)
{
    const RefundItem* blocked = nullptr;
    for (std::size_t k = 0; k < n; ++k)
        if (items[k].scenario == UnsubscribeScenario::NotAllowed &&
            (!blocked || blocked->reason_code == "group_not_allowed"))
            blocked = &items[k];
    return blocked;
}

std::size_t IndexOf(const Workspace& ws, const std::string& id) { return *ws.positionOfResource(id); }

}  // namespace

UnsubscribeList ClassifyInUse(const Workspace& ws, const RefundItem* items, std::size_t n, int quotaLeft, Instant asOf,
                              UnsubscribeRow& row)
{
    const RefundItem& head = items[0];
    row.resource = IndexOf(ws, head.resource_id);
    row.bound = static_cast<int>(n - 1);
    row.unstartedRenewals = UnstartedRenewals(ws.resources[row.resource], asOf);
    bool fiveDay = false;
    for (std::size_t k = 0; k < n; ++k) {
        const RefundItem& it = items[k];
        // seed 4.4.1.3: five-day while the quota lasts; a preview of several instances uses the quota up
        // as it goes, but each is listed as the page's quota (before any of them) says.
        if (it.scenario == UnsubscribeScenario::FiveDay ||
            (it.reason_code == "five_day_quota_used_up" && quotaLeft > 0))
            fiveDay = true;
        if (it.scenario == UnsubscribeScenario::Failed) row.failed = true;  // seed 4.4.4
    }
    const bool notEffective = ws.resources[row.resource].effective_time > asOf;  // seed 4.4.2
    if (const RefundItem* blocked = Blocked(items, n)) {
        row.reasonCode = blocked->reason_code;
        row.reason = blocked->reason;
        return notEffective ? UnsubscribeList::NotEffectiveBlocked : UnsubscribeList::InUseNotAllowed;
    }
    row.reasonCode = fiveDay ? "within_five_days" : head.reason_code;
    row.reason = head.reason;
    if (head.scenario == UnsubscribeScenario::NotEffective) return UnsubscribeList::NotEffective;
    return fiveDay ? UnsubscribeList::FiveDay : UnsubscribeList::NonFiveDay;
}

UnsubscribeList ClassifyPeriods(const Workspace& ws, const RefundItem* items, std::size_t n, Instant asOf,
                                UnsubscribeRow& row)
{
    row.resource = IndexOf(ws, items[0].resource_id);
    row.bound = static_cast<int>(n - 1);
    row.unstartedRenewals = UnstartedRenewals(ws.resources[row.resource], asOf);
    const RefundItem* blocked = Blocked(items, n);
    const RefundItem& why = blocked ? *blocked : items[0];
    row.reasonCode = why.reason_code;
    row.reason = why.reason;
    return blocked ? UnsubscribeList::PeriodsBlocked : UnsubscribeList::Periods;
}

bool MatchesUnsubscribeFilter(const Workspace& ws, const Resource& r, const std::vector<std::string_view>& terms,
                              const UnsubscribeFilter& f)
{
    // seed 4.4.1.2 说明 1: 倒计时, the same X天内到期 as 续费管理
    if (f.expiring_within_days && !ExpiresWithin(r, f.as_of, *f.expiring_within_days)) return false;
    if (!f.service_type.empty()) {
        const Product* p = ws.findProduct(r.product_id);
        if (!p || p->service_type_name != f.service_type) return false;
    }
    if (!f.region.empty() && r.region_code != f.region) return false;
    if (terms.empty()) return true;
    for (std::string_view t : terms) {
        if (ContainsIgnoringCase(r.resource_id, t) || ContainsIgnoringCase(r.resource_name, t)) return true;
        for (const ResourcePeriod& p : r.periods)
            if (!p.order_id.empty() && ContainsIgnoringCase(p.order_id, t)) return true;
    }
    return false;
}

std::vector<std::size_t> FilterUnsubscribeRows(const Workspace& ws, const std::vector<UnsubscribeRow>& rows,
                                               const UnsubscribeFilter& filter)
{
    const std::vector<std::string_view> terms = SplitSearchTerms(filter.search);
    std::vector<std::size_t> shown;
    for (std::size_t k = 0; k < rows.size(); ++k)
        if (MatchesUnsubscribeFilter(ws, ws.resources[rows[k].resource], terms, filter)) shown.push_back(k);
    return shown;
}

std::vector<std::size_t> FilterUnsubscribeRecords(const Workspace& ws, const std::vector<std::size_t>& records,
                                                  const UnsubscribeFilter& filter)
{
    const std::vector<std::string_view> terms = SplitSearchTerms(filter.search);
    std::vector<std::size_t> shown;
    for (std::size_t k = 0; k < records.size(); ++k) {
        const Order& o = ws.orders[records[k]];
        bool ok = terms.empty();
        for (std::string_view t : terms) ok = ok || ContainsIgnoringCase(o.order_id, t);
        if (ok && !filter.service_type.empty() && o.service_type_name != filter.service_type) ok = false;
        if (ok) shown.push_back(k);
    }
    return shown;
}

UnsubscribeLists BuildUnsubscribeLists(const Workspace& ws, Instant asOf)
{
    UnsubscribeLists out;
    RefundOrderScan orders(ws, asOf);
    while (!orders.Step(ws.orders.size() + 1)) {}
    for (std::size_t i = 0; i < ws.orders.size(); ++i)
        if (IsUnsubscribeRecord(ws.orders[i])) out.records.push_back(i);
    SortNewestFirst(out.records, ws.orders);  // orders.h: the lists' order
    out.quota = FiveDayQuotaAsOf(ws, asOf);

    RefundRequest inUse, periods;
    inUse.as_of = periods.as_of = asOf;
    inUse.independent = periods.independent = true;  // a list of verdicts, not one batch
    periods.periods_only = true;
    std::set<std::string> services, regions;
    for (const Resource& r : ws.resources) {
        if (!IsUnsubscribeHead(r)) continue;
        inUse.resource_ids.push_back(r.resource_id);
        if (UnstartedRenewals(r, asOf) > 0) periods.resource_ids.push_back(r.resource_id);
        if (const Product* p = ws.findProduct(r.product_id); p && !p->service_type_name.empty())
            services.insert(p->service_type_name);
        if (!r.region_code.empty()) regions.insert(r.region_code);
    }
    out.serviceTypes.assign(services.begin(), services.end());
    out.regions.assign(regions.begin(), regions.end());
    const int quotaLeft = out.quota.left();
    if (!inUse.resource_ids.empty())
        ForEachRefundGroup(PreviewRefundVerdicts(ws, inUse, orders.locks()),
                           [&](const RefundItem* items, std::size_t n) {
                               UnsubscribeRow row;
                               const UnsubscribeList l = ClassifyInUse(ws, items, n, quotaLeft, asOf, row);
                               out.lists[ListNumber(l)].push_back(std::move(row));
                           });
    if (!periods.resource_ids.empty())
        ForEachRefundGroup(PreviewRefundVerdicts(ws, periods, orders.locks()),
                           [&](const RefundItem* items, std::size_t n) {
                               UnsubscribeRow row;
                               const UnsubscribeList l = ClassifyPeriods(ws, items, n, asOf, row);
                               out.lists[ListNumber(l)].push_back(std::move(row));
                           });
    return out;
}

}  // namespace qd
