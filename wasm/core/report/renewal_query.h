// renewal_query.h: what the 续费管理 page lists (seed 4.2.1.1 step 4 说明, repeated in 4.2.1.2,
// 4.2.2.1, 4.2.5, 4.2.6 and 4.2.7.1; docs/rules.md §3; docs/rules.md §5 batch ID search).
//
//   RenewalIndex index = RenewalIndex::Build(ws);       // once per workspace revision (search keys, groups)
//   RenewalFilter f;
//   f.tab = RenewalPolicy::Auto;                        // 自动续费项
//   f.expiring_within_days = 7;                         // 7天内到期: in use, expiring within 7 days
//   f.search = "ecs-1, ecs-2\nCS24041515582CL27";       // IDs / names / order numbers, up to 200 terms
//   f.as_of = now;
//   RenewalQueryResult r = QueryRenewals(ws, index, f);
//   for (std::size_t i : r.rows) ws.resources[i] ...    // the instances listed, earliest expiry first
//   for (std::size_t a : index.boundOf(i)) ...          // each one's bound attached resources
//   r.tab_counts[TabNumber(RenewalPolicy::Manual)]      // the count shown on each tab
//
// What a row is. The console lists *instances*: a main resource with its bound (绑定) attached
// resources, which renew, change policy and are released with it (renewal.h, auto_renew.h); a
// mounted (挂载) attached resource is an instance of its own. A row is the instance's head (the main,
// or the mounted resource); its bound attached resources are under it (boundOf). Closed resources
// (已关闭: released or unsubscribed) are not listed at all (the console does not show them, reference
// §2.3). Rows come earliest expiry first (then file order).
//
// The filters, all of which must hold (each judged on the head unless said otherwise):
//   tab                  the renewal policy: the four tabs 手动续费项 / 自动续费项 / 到期转按需项 / 到期不续费项
//   status               使用中 / 已过期 / 已冻结; absent = all
//   expiring_within_days X天内到期: status 使用中 and as_of <= expire_time <= as_of + X × 24 h (both ends
//                        included, to the second); X in 1..kMaxExpiringWithinDays
//   search               实例ID/实例名称/订单号 over every resource of the instance (head and bound):
//                        one term = case-insensitive (ASCII) substring of a resource ID, resource name or
//                        order number; several terms, separated by commas (, ，), spaces (also the
//                        ideographic space) or new lines = each an exact, case-insensitive resource ID
//                        or order number, an instance matching any of them (a batch of IDs pasted from a
//                        spreadsheet); a text of space-separated words also matches as one name
//                        substring ("web server"). At most kMaxSearchTerms (200) terms: 201 is refused.
//   product_type         the product's service_type_name (its service_type_code when the name is empty)
//   region               the resource's region_code (the product's when the resource has none)
//   hide_pending         隐藏有待支付订单的资源: leave out instances any resource of which is named by an
//                        order pending payment (seed: no other operation until it is paid or cancelled)
//   packages             隐藏资源包 / 只显示资源包 (product kind resource_package); default all
// The order numbers of a resource are those of its periods and of every order whose items name it
// (with that order's combined trade order).
//
// tab_counts are the instances of each tab passing every other filter, so the tabs say where the
// matches are. The query allocates nothing per resource beyond the result rows: the lowercase search
// keys, the groups, product types and regions are computed once by RenewalIndex::Build (O(resources +
// orders + order items)); a query is one pass over the instances.
//
// Refusals (rows and counts are then empty): too_many_search_terms (more than 200), bad_expiring_days
// (X outside 1..kMaxExpiringWithinDays).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/refusal.h"
#include "core/model/workspace.h"

namespace qd {

inline constexpr int kMaxSearchTerms = 200;          // docs/rules.md §5: batch resource-ID search, max 200 IDs
inline constexpr int kMaxExpiringWithinDays = 3650;  // "X天内到期": X in 1..3650 (ten years)
// The console's preset choices of 到期时间 / 倒计时 (7 / 15 / 30天内到期), also the overview's cards.
inline constexpr std::array<int, 3> kExpiringWithinPresets{7, 15, 30};

// 隐藏资源包 / 只显示资源包 (seed 4.2.1.1 step 4 说明; both unticked by default).
enum class PackageFilter { All, Hide, Only };

struct RenewalFilter {
    RenewalPolicy tab = RenewalPolicy::Manual;    // the tab shown
    std::optional<ResourceStatus> status;         // absent = every status (closed ones are never listed)
    std::optional<int> expiring_within_days;      // X天内到期; absent = any expiry
    std::string search;                           // 实例ID/实例名称/订单号; "" = no search
    std::string product_type;                     // a productTypes() entry; "" = all
    std::string region;                           // a regions() entry; "" = all
    bool hide_pending = false;                    // 隐藏有待支付订单的资源
    PackageFilter packages = PackageFilter::All;  // 隐藏资源包 / 只显示资源包
    std::string enterprise_project;               // 企业项目 (engine/projects.h ProjectOf); "" = all
    Instant as_of;                                // now, for expiring_within_days
};

// Tab position of a policy (manual 0, auto 1, to_on_demand 2, no_renew 3): the console's tab order.
constexpr std::size_t TabNumber(RenewalPolicy p) { return static_cast<std::size_t>(p); }

struct RenewalQueryResult {
    std::vector<std::size_t> rows;    // instance heads (indices into ws.resources) of filter.tab, earliest expiry first
    std::array<int, 4> tab_counts{};  // instances per tab (TabNumber) passing every filter but the tab
    Refusals refusals;                // why nothing is listed (bad filter)
    bool ok() const { return refusals.empty(); }
};

// The search text split into terms at commas (, ，), semicolons (; ；), 、, white space (also U+3000)
// and new lines; empty terms dropped. "a, b\n c" -> {"a", "b", "c"}. The one splitter of the search
// boxes of 续费管理 and 云服务退订.
std::vector<std::string_view> SplitSearchTerms(std::string_view text);

// Everything about the workspace that the queries need and that only changes with the workspace.
// Build it again after every change of ws (resources, orders, products); a query checks nothing of
// that and reads ws only by the indices kept here.
class RenewalIndex {
public:
    // With asOf, "pending payment" is judged as of that time (StatusAsOf: an order past its payment
    // deadline is cancelled and no longer marks its instance); without, by the stored status.
    static RenewalIndex Build(const Workspace& ws, std::optional<Instant> asOf = std::nullopt);

    std::size_t instanceCount() const { return instances_.size(); }   // listed instances (all tabs)
    std::size_t resourceCount() const { return instanceOf_.size(); }  // ws.resources.size() at Build
    bool isHead(std::size_t resource) const;                          // a row of some tab
    // its bound attached resources (file order); empty if none / not a head
    std::span<const std::size_t> boundOf(std::size_t head) const;
    // the row a resource is shown in; nullopt for closed ones
    std::optional<std::size_t> headOf(std::size_t resource) const;
    std::optional<std::size_t> pendingOrderOf(
        std::size_t head) const;  // an order (index into ws.orders) pending payment naming the instance
    const std::vector<std::string>& productTypes() const { return productTypes_; }  // distinct, sorted
    const std::vector<std::string>& regions() const { return regions_; }            // distinct, sorted
    // Built with asOf: the first payment deadline of an order pending then that names a listed instance
    // (from that instant on it is cancelled and pendingOrderOf changes: build again); nullopt when none.
    std::optional<Instant> pendingUntil() const { return pendingUntil_; }

private:
    friend RenewalQueryResult QueryRenewals(const Workspace&, const RenewalIndex&, const RenewalFilter&);
    friend class RenewalIndexBuilder;
    static constexpr uint32_t kNone = UINT32_MAX;
    struct Instance {
        std::size_t head = 0;                     // index into ws.resources
        uint32_t boundBegin = 0, boundCount = 0;  // range of bound_
        uint32_t keyBegin = 0, keyLength = 0;     // range of keys_: "\n"-separated lowercase ids, names, order numbers
        uint32_t productType = kNone;             // index into productTypes_
        uint32_t region = kNone;                  // index into regions_
        uint32_t pendingOrder = kNone;            // index into ws.orders
        bool package = false;                     // product kind resource_package
    };
    struct ExactKey {                    // a lowercase resource ID or order number and the instance it names
        std::size_t hash = 0;            // std::hash of the text
        uint32_t begin = 0, length = 0;  // range of keys_
        uint32_t instance = 0;
    };
    std::vector<Instance> instances_;   // earliest head expiry first, then file order
    std::vector<std::size_t> bound_;    // bound attached resources, grouped per instance
    std::vector<uint32_t> instanceOf_;  // resource -> instance number (kNone: closed)
    std::string keys_;                  // the search keys of every instance
    std::vector<ExactKey> exact_;       // sorted by hash, then instance
    std::vector<std::string> productTypes_, regions_;
    std::optional<Instant> pendingUntil_;
};

// RenewalIndex::Build a slice at a time, for a page that must not block a frame (at 100,000 resources
// the whole build takes hundreds of milliseconds in wasm). Step(units) does one phase's next `units`
// resources, orders, order numbers or instances — the two sorts (instances by expiry, ~3 exact keys per
// resource by hash) go as runs of `units` keys sorted one per step, then merged `units` keys per step —
// and returns done(); only the tails over the products and the distinct type and region names are
// whole steps. take() gives the index, the same as Build's (which is this builder in one step per
// phase). The workspace must not change meanwhile (start again if it does).
//   RenewalIndexBuilder b(ws, now);
//   while (!b.Step(4096) && withinTheFrame()) {}
//   if (b.done()) index = b.take();
class RenewalIndexBuilder {
public:
    RenewalIndexBuilder(const Workspace& ws, std::optional<Instant> asOf = std::nullopt);
    ~RenewalIndexBuilder();
    RenewalIndexBuilder(RenewalIndexBuilder&&) noexcept;
    RenewalIndexBuilder& operator=(RenewalIndexBuilder&&) noexcept;
    bool Step(std::size_t units);
    bool done() const;
    int progress() const;  // 0..100
    RenewalIndex take();   // once, when done()

private:
    struct State;
    std::unique_ptr<State> state_;
};

// The rows of one tab and the counts of all four (see the top of this file).
RenewalQueryResult QueryRenewals(const Workspace& ws, const RenewalIndex& index, const RenewalFilter& filter);
// The same, building the index first (one-off callers: CLI, tests).
RenewalQueryResult QueryRenewals(const Workspace& ws, const RenewalFilter& filter);

// The bound (绑定) attached resources of `main` that go with it — renew, are released and unsubscribed
// together (seed 4.2.6, 4.4.1.1 注意 1) — and are not closed, file order. Dialogs name them and count them.
std::vector<const Resource*> BoundGoingWith(const Workspace& ws, const Resource& main);

// The resources of the listed instances, each head followed by its bound attached resources: what
// 导出续费价目表 exports (seed 4.2.7.2: 符合查询条件的待续费资源 = the current tab and its filters, in every
// case; with no filter set, still the current tab's) and, for ticked heads, what 导出续费清单 counts
// against its 200 (seed 4.2.7.1).
std::vector<std::string> QueryResourceIds(const Workspace& ws, const RenewalIndex& index,
                                          std::span<const std::size_t> heads);

// Whole days from the local date of `now` to the local date of `expire` (剩余天数): 0 on the expiry day,
// negative once expired (-3 = expired 3 days ago). The one "days left" of every page: 续费管理's 剩余天数,
// 云服务退订's 倒计时 line and the overview's timeline (docs/rules.md §3: calendar days of the profile zone,
// so a resource expiring at 23:59:59 on 01-21 has 7 days left all day on 01-14, not 7.58 or 6).
int64_t DaysLeft(Instant expire, Instant now, ZoneOffset zone);

// X天内到期 (seed 4.2.1.1 step 4 说明, 4.4.1.2 说明 1 倒计时, the overview's 7 / 15 / 30 days): status 使用中
// and asOf <= expire_time <= asOf + days × 24 h, both ends included, to the second. The one definition
// of "expiring within N days" for 续费管理, 云服务退订 and the overview.
bool ExpiresWithin(const Resource& resource, Instant asOf, int days);

}  // namespace qd
