// unsubscribe_query.h: what the 云服务退订 page lists (seed 4.4; docs/rules.md §4.4), the way
// renewal_query.h serves 续费管理: which instance lands in which list with which reason, the filters, the
// counts. The page (ui/page_unsubscribe.cpp) only draws what this decides.
//
//   UnsubscribeLists all = BuildUnsubscribeLists(ws, now);           // one-off callers: tests, CLI
//   all.lists[ListNumber(UnsubscribeList::FiveDay)]                  // 可五天无理由退订 rows
//   UnsubscribeFilter f;
//   f.search = "ecs-1, CS2501";                                      // 实例名称/订单号/ID
//   f.expiring_within_days = 7;                                      // 倒计时: 7天内到期
//   f.as_of = now;
//   std::vector<std::size_t> shown = FilterUnsubscribeRows(ws, all.lists[k], f);   // indices into the list
//
// A page that must not block a frame (10^5 instances) builds the lists itself a chunk at a time with
// PreviewRefundVerdicts (refund.h) and sorts each instance group with ClassifyInUse / ClassifyPeriods:
// the same functions BuildUnsubscribeLists uses, so the page and this one-shot form cannot disagree.
//
// The lists (an instance = a main or mounted resource; its bound attached resources go with it, 4.4.1.1
// 注意 1). Which list is the engine's verdict (refund.h PreviewRefund) as of the clock:
//   退订使用中的资源 (4.4.1)  非五天无理由退订 (standard), 可五天无理由退订 (five_day; also when the
//                            chunk's own earlier instances used the quota up: the quota the page shows
//                            is before any of them), 不可退订 (not_allowed, with the reason of the
//                            first member not allowed for its own reason, else group_not_allowed);
//                            failed provisioning (4.4.4) is listed with 非五天无理由 and tagged
//   退订未生效的资源 (4.4.2)   可退订 (not_effective), 不可退订 (a not-yet-effective instance refused)
//   退订续费周期 (4.4.3)       可退订 / 不可退订 of the periods-only preview, for instances with at least
//                            one renewal period that has not started (UnstartedRenewals > 0)
//   退订记录 (4.4.5)           the unsubscribe orders, newest first
// Rows are in resource order (file order of the heads).
//
// The filters (seed 4.4.1.2 说明 1), all of which must hold:
//   search                 实例名称/订单号/ID: terms split by SplitSearchTerms (renewal_query.h); an
//                          instance matches when any term is a case-insensitive (ASCII) substring of its
//                          resource ID, name, or an order number of its periods. Records: of the order ID.
//   expiring_within_days   倒计时: ExpiresWithin (renewal_query.h: in use, as_of <= expiry <= as_of + X days)
//   service_type           产品类型: the product's service_type_name (records: the order's)
//   region                 区域: the resource's region_code (not for records)
// The 倒计时 line under an expiry is DaysLeft (renewal_query.h), the same number as 续费管理's 剩余天数.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/refund.h"
#include "core/model/calendar.h"
#include "core/model/workspace.h"

namespace qd {

// The lists the tabs show: in use has three (seed 4.4.1.2-4.4.1.4), the others "可退订 / 不可退订".
enum class UnsubscribeList {
    NonFiveDay,           // 退订使用中的资源 > 非五天无理由退订
    FiveDay,              // 退订使用中的资源 > 可五天无理由退订
    InUseNotAllowed,      // 退订使用中的资源 > 不可退订 (with the reason)
    NotEffective,         // 退订未生效的资源 > 可退订
    NotEffectiveBlocked,  // 退订未生效的资源 > 不可退订
    Periods,              // 退订续费周期 > 可退订
    PeriodsBlocked,       // 退订续费周期 > 不可退订
    Count
};
inline constexpr std::size_t kUnsubscribeListCount = static_cast<std::size_t>(UnsubscribeList::Count);
constexpr std::size_t ListNumber(UnsubscribeList l) { return static_cast<std::size_t>(l); }

// The lists whose rows can be ticked and unsubscribed (the 不可退订 ones cannot).
bool IsUnsubscribable(UnsubscribeList list);

// One instance of a list: a main or mounted resource (its bound resources go with it).
struct UnsubscribeRow {
    std::size_t resource = 0;   // index into ws.resources
    int bound = 0;              // bound attached resources that go with it
    bool failed = false;        // provisioning failed (4.4.4): full refund
    int unstartedRenewals = 0;  // renewal periods that have not started
    std::string reasonCode;     // the engine's code: why not allowed, or why this scenario
    std::string reason;         // the engine's sentence (tooltip)
};

// Renewal periods of the resource that have not started as of asOf (CoverageStart after asOf): an
// instance with any is listed on 退订续费周期.
int UnstartedRenewals(const Resource& resource, Instant asOf);

// True for the instances a page lists at all: not closed, not a bound attached resource (listed with its main).
bool IsUnsubscribeHead(const Resource& resource);

// An unsubscribe order (退订记录, seed 4.4.5).
bool IsUnsubscribeRecord(const Order& order);

// Sorts one instance group of an in-use preview (items[0] the head, then its bound resources, as
// PreviewRefund gives them) into its list and fills row. quotaLeft: the five-day quota left before the
// page's previews (FiveDayQuotaAsOf(ws, asOf).left()).
UnsubscribeList ClassifyInUse(const Workspace& ws, const RefundItem* items, std::size_t n, int quotaLeft, Instant asOf,
                              UnsubscribeRow& row);
// The same for a periods-only preview (退订续费周期).
UnsubscribeList ClassifyPeriods(const Workspace& ws, const RefundItem* items, std::size_t n, Instant asOf,
                                UnsubscribeRow& row);

// Calls fn(items, n) per instance group of a preview (the head and its bound resources).
template <class Fn>
void ForEachRefundGroup(const RefundPreview& p, Fn fn)
{
    std::size_t b = 0;
    while (b < p.items.size()) {
        std::size_t e = b + 1;
        while (e < p.items.size() && !p.items[e].main_resource_id.empty() &&
               p.items[e].main_resource_id == p.items[b].resource_id)
            ++e;
        fn(&p.items[b], e - b);
        b = e;
    }
}

struct UnsubscribeFilter {
    std::string search;                       // 实例名称/订单号/ID; "" = all
    std::optional<int> expiring_within_days;  // 倒计时; absent = all
    std::string service_type;                 // 产品类型; "" = all
    std::string region;                       // 区域; "" = all
    Instant as_of;
};

// Whether an instance passes the filter (terms = SplitSearchTerms(filter.search), split once per query).
bool MatchesUnsubscribeFilter(const Workspace& ws, const Resource& head, const std::vector<std::string_view>& terms,
                              const UnsubscribeFilter& filter);
// The rows of a list passing the filter: indices into `rows`, in order.
std::vector<std::size_t> FilterUnsubscribeRows(const Workspace& ws, const std::vector<UnsubscribeRow>& rows,
                                               const UnsubscribeFilter& filter);
// The records (indices into ws.orders) passing the filter's search and service_type: indices into `records`.
std::vector<std::size_t> FilterUnsubscribeRecords(const Workspace& ws, const std::vector<std::size_t>& records,
                                                  const UnsubscribeFilter& filter);

struct UnsubscribeLists {
    std::array<std::vector<UnsubscribeRow>, kUnsubscribeListCount> lists;
    std::vector<std::size_t> records;       // unsubscribe orders (indices into ws.orders), newest first
    FiveDayQuotaState quota;                // as of the clock, before any unsubscription
    std::vector<std::string> serviceTypes;  // the 产品类型 choices: distinct service_type_name of the heads, sorted
    std::vector<std::string> regions;       // the 区域 choices: distinct region_code of the heads, sorted
};

// Every list as of asOf in one go (the page builds the same a slice at a time).
UnsubscribeLists BuildUnsubscribeLists(const Workspace& ws, Instant asOf);

}  // namespace qd
