// Tests for core/report/renewal_query.h: the renewal page's tabs, filters and instance rows (seed 4.2.1.1
// step 4 说明; docs/rules.md §5 batch ID search ≤ 200).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/report/renewal_query.h"
#include "generated_workspace.h"
#include "test_renewal_fixture.h"

using namespace qd;
using namespace qd::renewal_test;

namespace {

// as_of 2025-01-14T10:00:00+08:00. Instances (policy, status, expiry):
//   ecs-a  manual  in_use   2025-01-21T10:00:00 (as_of + 7 days exactly) + bound ecs-a-sys (named by pending CS-PEND)
//   ecs-a-data     auto    in_use   2025-02-01T23:59:59 (mounted on ecs-a: its own instance)
//   ecs-b  manual  in_use   2025-01-21T10:00:01 (one second later)
//   ecs-c  manual  expired  2025-01-10T23:59:59
//   ecs-d  auto    frozen   2025-01-16T23:59:59, region cn-south-1
//   ecs-e  to_on_demand in_use 2025-03-01T23:59:59, named "web server 01"
//   ecs-f  no_renew in_use  2025-01-15T23:59:59
//   pkg-1  manual  in_use   2025-01-20T23:59:59, OBS resource package (对象存储服务)
//   ecs-g  manual  closed   (never listed)
struct QueryFixture {
    Fixture f;
    QueryFixture()
    {
        f.product("p-ecs", "191.40", "1952.28");
        Product& evs = f.product("p-evs", "28.00", "280.00");
        evs.service_type_name = "云硬盘";
        Product& obs = f.product("p-obs", "9.00", "", ProductKind::ResourcePackage);
        obs.service_type_name = "对象存储服务";
        f.resource("ecs-a", "p-ecs", "2024-12-21T10:00:00+08:00", "2025-01-21T10:00:00+08:00");
        f.attached("ecs-a-sys", "p-evs", "ecs-a", Relation::Bound);
        Resource& data = f.attached("ecs-a-data", "p-evs", "ecs-a", Relation::Mounted);
        data.expire_time = At("2025-02-01T23:59:59+08:00");
        data.renewal_policy = RenewalPolicy::Auto;
        f.resource("ecs-b", "p-ecs", "2024-12-21T10:00:01+08:00", "2025-01-21T10:00:01+08:00");
        f.resource("ecs-c", "p-ecs", "2024-12-10T10:00:00+08:00", "2025-01-10T23:59:59+08:00").status =
            ResourceStatus::Expired;
        Resource& d = f.resource("ecs-d", "p-ecs", "2024-12-16T10:00:00+08:00", "2025-01-16T23:59:59+08:00");
        d.status = ResourceStatus::Frozen;
        d.renewal_policy = RenewalPolicy::Auto;
        d.region_code = "cn-south-1";
        Resource& e = f.resource("ecs-e", "p-ecs", "2024-12-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00");
        e.renewal_policy = RenewalPolicy::ToOnDemand;
        e.resource_name = "web server 01";
        f.resource("ecs-f", "p-ecs", "2024-12-15T10:00:00+08:00", "2025-01-15T23:59:59+08:00").renewal_policy =
            RenewalPolicy::NoRenew;
        f.resource("pkg-1", "p-obs", "2024-12-20T10:00:00+08:00", "2025-01-20T23:59:59+08:00");
        f.resource("ecs-g", "p-ecs", "2024-11-01T10:00:00+08:00", "2024-12-01T23:59:59+08:00").status =
            ResourceStatus::Closed;
        f.pendingOrder("CS-PEND", "ecs-a-sys");
        f.done();
    }
    const Workspace& ws() const { return f.ws; }
    RenewalFilter filter(RenewalPolicy tab = RenewalPolicy::Manual) const
    {
        RenewalFilter r;
        r.tab = tab;
        r.as_of = f.now();
        return r;
    }
    std::vector<std::string> ids(const RenewalQueryResult& r) const
    {
        std::vector<std::string> out;
        for (std::size_t i : r.rows) out.push_back(f.ws.resources[i].resource_id);
        return out;
    }
    std::size_t at(std::string_view id) const { return f.ws.positionOfResource(id).value(); }
};

using Counts = std::array<int, 4>;  // manual, auto, to_on_demand, no_renew

}  // namespace

TEST_CASE("renewal query: the four tabs list instances by policy, earliest expiry first")
{
    QueryFixture q;
    RenewalQueryResult r = QueryRenewals(q.ws(), q.filter());
    REQUIRE(r.ok());
    // seed 4.2.1.1: 手动续费项 / 自动续费项 / 到期转按需项 / 到期不续费项; closed ecs-g is in none; bound ecs-a-sys is under ecs-a.
    CHECK(r.tab_counts == Counts{4, 2, 1, 1});
    CHECK(q.ids(r) == std::vector<std::string>{"ecs-c", "pkg-1", "ecs-a", "ecs-b"});
    CHECK(q.ids(QueryRenewals(q.ws(), q.filter(RenewalPolicy::Auto))) ==
          std::vector<std::string>{"ecs-d", "ecs-a-data"});
    CHECK(q.ids(QueryRenewals(q.ws(), q.filter(RenewalPolicy::ToOnDemand))) == std::vector<std::string>{"ecs-e"});
    CHECK(q.ids(QueryRenewals(q.ws(), q.filter(RenewalPolicy::NoRenew))) == std::vector<std::string>{"ecs-f"});
}

TEST_CASE("renewal query: instances group a main with its bound attached resources; mounted ones stand alone")
{
    QueryFixture q;
    const RenewalIndex ix = RenewalIndex::Build(q.ws());
    CHECK(ix.instanceCount() == 8);
    CHECK(ix.isHead(q.at("ecs-a")));
    CHECK_FALSE(ix.isHead(q.at("ecs-a-sys")));
    CHECK(ix.isHead(q.at("ecs-a-data")));  // 挂载: its own instance
    REQUIRE(ix.boundOf(q.at("ecs-a")).size() == 1);
    CHECK(ix.boundOf(q.at("ecs-a"))[0] == q.at("ecs-a-sys"));
    CHECK(ix.boundOf(q.at("ecs-a-sys")).empty());
    CHECK(ix.headOf(q.at("ecs-a-sys")) == q.at("ecs-a"));
    CHECK_FALSE(ix.headOf(q.at("ecs-g")).has_value());  // closed: not listed
    // The pending order names the bound disk; it locks the whole instance (seed 4.2.1.1 说明).
    REQUIRE(ix.pendingOrderOf(q.at("ecs-a")).has_value());
    CHECK(q.ws().orders[*ix.pendingOrderOf(q.at("ecs-a"))].order_id == "CS-PEND");
    CHECK_FALSE(ix.pendingOrderOf(q.at("ecs-b")).has_value());
    CHECK(ix.productTypes() == std::vector<std::string>{"云硬盘", "对象存储服务", "弹性云服务器"});
    CHECK(ix.regions() == std::vector<std::string>{"cn-north-4", "cn-south-1"});
}

TEST_CASE("renewal query: expiring within 7 days = in use and as_of <= expiry <= as_of + 7 x 24 h, to the second")
{
    QueryFixture q;
    RenewalFilter f = q.filter();
    f.expiring_within_days = 7;  // seed 4.2.1.1 step 4 说明: X天内到期, 状态为使用中
    RenewalQueryResult r = QueryRenewals(q.ws(), f);
    // ecs-a expires at exactly as_of + 604800 s: in; ecs-b one second later: out; ecs-c expired and ecs-d frozen: out.
    CHECK(q.ids(r) == std::vector<std::string>{"pkg-1", "ecs-a"});
    CHECK(r.tab_counts == Counts{2, 0, 0, 1});

    f.as_of = q.f.now().plusSeconds(1);  // one second later ecs-b is in
    CHECK(q.ids(QueryRenewals(q.ws(), f)) == std::vector<std::string>{"pkg-1", "ecs-a", "ecs-b"});

    f.as_of = At("2025-01-21T10:00:01+08:00");  // ecs-a expired a second ago (status not yet updated): out
    CHECK(q.ids(QueryRenewals(q.ws(), f)) == std::vector<std::string>{"ecs-b"});

    f.as_of = q.f.now();
    f.expiring_within_days = 1;  // 24 h: nothing (ecs-f expires 37 h 59 min 59 s after as_of)
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{0, 0, 0, 0});
    f.expiring_within_days = 2;  // 48 h: ecs-f (no_renew) is in, ecs-d (frozen) is not
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{0, 0, 0, 1});
}

TEST_CASE("renewal query: X of 'expiring within X days' is 1..3650")
{
    QueryFixture q;
    RenewalFilter f = q.filter();
    for (int x : {0, -1, 3651}) {
        f.expiring_within_days = x;
        RenewalQueryResult r = QueryRenewals(q.ws(), f);
        REQUIRE_FALSE(r.ok());
        CHECK(r.refusals.front().code == "bad_expiring_days");
        CHECK(r.rows.empty());
    }
    for (int x : {1, 3650}) {
        f.expiring_within_days = x;
        CHECK(QueryRenewals(q.ws(), f).ok());
    }
    f.expiring_within_days = 3650;  // everything in use and not yet expired
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{3, 1, 1, 1});
}

TEST_CASE("renewal query: status sub-filters 使用中 / 已过期 / 已冻结")
{
    QueryFixture q;
    RenewalFilter f = q.filter();
    f.status = ResourceStatus::Expired;
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{1, 0, 0, 0});
    f.status = ResourceStatus::Frozen;
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{0, 1, 0, 0});
    f.status = ResourceStatus::InUse;
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{3, 1, 1, 1});
    f.status = ResourceStatus::Closed;  // closed resources are never listed
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{0, 0, 0, 0});
}

TEST_CASE("renewal query: search by ID, name or order number")
{
    QueryFixture q;
    RenewalFilter f = q.filter();
    auto counts = [&](std::string text) {
        f.search = std::move(text);
        RenewalQueryResult r = QueryRenewals(q.ws(), f);
        REQUIRE(r.ok());
        return r.tab_counts;
    };
    CHECK(counts("ECS-A") == Counts{1, 1, 0, 0});       // one term: case-insensitive substring (ecs-a and ecs-a-data)
    CHECK(counts("ecs-a-sys") == Counts{1, 0, 0, 0});   // a bound disk finds its main's row
    CHECK(counts("cs-pend") == Counts{1, 0, 0, 0});     // order number of an order naming the instance
    CHECK(counts("CS-ecs-b") == Counts{1, 0, 0, 0});    // order number of a period
    CHECK(counts("server") == Counts{0, 0, 1, 0});      // name
    CHECK(counts("web server") == Counts{0, 0, 1, 0});  // words with spaces also match a name
    CHECK(counts("nothing-like-it") == Counts{0, 0, 0, 0});
    CHECK(counts("  ") == Counts{4, 2, 1, 1});  // blank = no search
    // Several terms: exact IDs / order numbers, any of them (ecs-a-data is not "ecs-a").
    CHECK(counts("ecs-a, ECS-B\necs-c") == Counts{3, 0, 0, 0});
    CHECK(counts("ecs-a\xEF\xBC\x8C"
                 "ecs-d") == Counts{1, 1, 0, 0});  // full-width comma ，
    CHECK(counts("ecs-a\xE3\x80\x80"
                 "cs-pend") == Counts{1, 0, 0, 0});  // ideographic space; both name ecs-a
    CHECK(counts("ecs-a-sys ecs-f") == Counts{1, 0, 0, 1});
    CHECK(counts("ecs ecs-f") == Counts{0, 0, 0, 1});  // "ecs" alone is no exact ID
}

TEST_CASE("renewal query: up to 200 IDs at once; 201 are refused")
{
    QueryFixture q;
    RenewalFilter f = q.filter();
    std::string text = "ecs-a";
    for (int i = 1; i < 200; ++i) text += ",unknown-" + std::to_string(i);
    CHECK(SplitSearchTerms(text).size() == 200);
    f.search = text;
    RenewalQueryResult r = QueryRenewals(q.ws(), f);  // docs/rules.md §5: batch resource-ID search, max 200 IDs
    REQUIRE(r.ok());
    CHECK(q.ids(r) == std::vector<std::string>{"ecs-a"});
    f.search = text + "\necs-b";
    r = QueryRenewals(q.ws(), f);
    REQUIRE_FALSE(r.ok());
    CHECK(r.refusals.front().code == "too_many_search_terms");
    CHECK(r.refusals.front().message == "search takes at most 200 IDs at once, got 201");
    CHECK(r.rows.empty());
    CHECK(r.tab_counts == Counts{0, 0, 0, 0});
}

TEST_CASE("renewal query: search terms split at commas, spaces and new lines")
{
    CHECK(SplitSearchTerms("a, b\n c") == std::vector<std::string_view>{"a", "b", "c"});
    CHECK(SplitSearchTerms(",,a,,\r\n\tb  ") == std::vector<std::string_view>{"a", "b"});
    CHECK(SplitSearchTerms("鑫曌，赟\xE3\x80\x80堃") == std::vector<std::string_view>{"鑫曌", "赟", "堃"});
    CHECK(SplitSearchTerms("").empty());
    CHECK(SplitSearchTerms(" , ").empty());
    // Semicolons and 、 too (the splitter 云服务退订's search shares): a;b；c、d -> 4 terms.
    CHECK(SplitSearchTerms("a;b；c、d") == std::vector<std::string_view>{"a", "b", "c", "d"});
}

TEST_CASE("renewal query: product type, region, pending orders, resource packages")
{
    QueryFixture q;
    RenewalFilter f = q.filter();
    f.product_type = "对象存储服务";
    CHECK(q.ids(QueryRenewals(q.ws(), f)) == std::vector<std::string>{"pkg-1"});
    f.product_type = "云硬盘";  // ecs-a-data is a head on an EVS product; ecs-a-sys is not a head
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{0, 1, 0, 0});
    f.product_type = "no such type";
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{0, 0, 0, 0});
    f.product_type.clear();

    f.region = "cn-south-1";
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{0, 1, 0, 0});
    f.region.clear();

    f.hide_pending = true;  // 隐藏有待支付订单的资源: ecs-a (its bound disk has CS-PEND) is left out
    CHECK(q.ids(QueryRenewals(q.ws(), f)) == std::vector<std::string>{"ecs-c", "pkg-1", "ecs-b"});
    f.hide_pending = false;

    f.packages = PackageFilter::Hide;  // 隐藏资源包
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{3, 2, 1, 1});
    f.packages = PackageFilter::Only;  // 只显示资源包
    CHECK(q.ids(QueryRenewals(q.ws(), f)) == std::vector<std::string>{"pkg-1"});
    CHECK(QueryRenewals(q.ws(), f).tab_counts == Counts{1, 0, 0, 0});
}

TEST_CASE("renewal query: DaysLeft counts local calendar days (剩余天数)")
{
    const ZoneOffset z = ZoneOffset::China();
    const Instant now = At("2025-01-14T10:00:00+08:00");
    CHECK(DaysLeft(At("2025-01-21T23:59:59+08:00"), now, z) == 7);
    CHECK(DaysLeft(At("2025-01-14T23:59:59+08:00"), now, z) == 0);
    CHECK(DaysLeft(At("2025-01-10T23:59:59+08:00"), now, z) == -4);
    CHECK(DaysLeft(At("2025-01-15T00:00:00+08:00"), At("2025-01-14T23:59:59+08:00"), z) == 1);
    // One number for one resource on every page (docs/rules.md §3): 2025-01-21 23:59:59 is 7 days away
    // from any time on 01-14, where hours ÷ 24 gave 7 at 10:00 (181 h 59 min) and 6 at 23:59:59 (168 h).
    CHECK(DaysLeft(At("2025-01-21T23:59:59+08:00"), At("2025-01-14T00:00:00+08:00"), z) == 7);
    CHECK(DaysLeft(At("2025-01-21T23:59:59+08:00"), At("2025-01-14T23:59:59+08:00"), z) == 7);
    // The local day, not the UTC one: 2025-01-14T16:00Z is already 01-15 in +08:00.
    CHECK(DaysLeft(At("2025-01-21T23:59:59+08:00"), At("2025-01-14T16:00:00Z"), z) == 6);
}

TEST_CASE("bound resources going with an instance: bound and not closed, mounted ones not (seed 4.4.1.1 注意 1)")
{
    const Workspace ws = LoadSample();
    const Resource* r1 = ws.findResource(sample::R1);
    REQUIRE(r1);
    const std::vector<const Resource*> bound = BoundGoingWith(ws, *r1);
    REQUIRE(bound.size() == 1);  // R2, the system disk; R3 is mounted
    CHECK(bound[0]->resource_id == sample::R2);
    Workspace closed = ws;
    closed.resources[static_cast<std::size_t>(closed.findResource(sample::R2) - closed.resources.data())].status =
        ResourceStatus::Closed;
    CHECK(BoundGoingWith(closed, *closed.findResource(sample::R1)).empty());
}

TEST_CASE("expiring within N days: in use and as_of <= expiry <= as_of + N × 24 h, to the second (seed 4.2.1.1 step 4)")
{
    Resource r;
    r.status = ResourceStatus::InUse;
    r.expire_time = At("2025-01-21T10:00:00+08:00");
    const Instant now = At("2025-01-14T10:00:00+08:00");
    CHECK(ExpiresWithin(r, now, 7));  // exactly 7 × 24 h: included
    CHECK_FALSE(ExpiresWithin(r, now, 6));
    CHECK_FALSE(ExpiresWithin(r, At("2025-01-14T09:59:59+08:00"), 7));   // 7 × 24 h + 1 s
    CHECK(ExpiresWithin(r, At("2025-01-21T10:00:00+08:00"), 1));         // expiring this second
    CHECK_FALSE(ExpiresWithin(r, At("2025-01-21T10:00:01+08:00"), 30));  // expired
    r.status = ResourceStatus::Frozen;
    CHECK_FALSE(ExpiresWithin(r, now, 30));  // 状态为使用中 only
}

TEST_CASE("renewal query: the sample workspace's tabs")
{
    const Workspace ws = LoadSample();
    RenewalFilter f;
    f.as_of = *ws.as_of;
    RenewalQueryResult r = QueryRenewals(ws, f);
    // assets/README.md: manual R1 R6 R10 R14 R16 R17 R18 R20 R21, auto R3 R4 R19, to_on_demand R8, no_renew R12 R15.
    CHECK(r.tab_counts == Counts{9, 3, 1, 2});
    f.hide_pending = true;  // R1, R6 and R21 have renewal orders pending payment
    CHECK(QueryRenewals(ws, f).tab_counts == Counts{6, 3, 1, 2});
    f.hide_pending = false;
    f.packages = PackageFilter::Only;  // R19 (OBS) and R20 (CDN)
    CHECK(QueryRenewals(ws, f).tab_counts == Counts{1, 1, 0, 0});
}

TEST_CASE("renewal query: on a generated workspace every listed resource is in exactly one row")
{
    const Workspace ws = test::GeneratedWorkspace(3000, 11);
    const RenewalIndex ix = RenewalIndex::Build(ws);
    RenewalFilter f;
    f.as_of = *ws.as_of;
    std::multiset<std::size_t> seen;
    int total = 0;
    for (RenewalPolicy tab :
         {RenewalPolicy::Manual, RenewalPolicy::Auto, RenewalPolicy::ToOnDemand, RenewalPolicy::NoRenew}) {
        f.tab = tab;
        RenewalQueryResult r = QueryRenewals(ws, ix, f);
        CHECK(static_cast<int>(r.rows.size()) == r.tab_counts[TabNumber(tab)]);
        total += r.tab_counts[TabNumber(tab)];
        for (std::size_t i = 1; i < r.rows.size(); ++i)
            CHECK(ws.resources[r.rows[i - 1]].expire_time <= ws.resources[r.rows[i]].expire_time);
        for (std::size_t head : r.rows) {
            CHECK(ws.resources[head].renewal_policy == tab);
            seen.insert(head);
            for (std::size_t b : ix.boundOf(head)) {
                CHECK(ws.resources[b].isBound());
                seen.insert(b);
            }
        }
    }
    CHECK(static_cast<std::size_t>(total) == ix.instanceCount());
    std::size_t notClosed = 0;
    for (std::size_t i = 0; i < ws.resources.size(); ++i) {
        if (ws.resources[i].status == ResourceStatus::Closed) continue;
        ++notClosed;
        CHECK(seen.count(i) == 1);
    }
    CHECK(seen.size() == notClosed);
}

TEST_CASE("renewal query: an order past its payment deadline no longer hides its instance")
{
    // seed 4.1 说明: unpaid orders are cancelled at their deadline. R6's order CS25011316401M3QF is due
    // by 2025-01-20 16:40:12; as of then R6 is no longer "有待支付订单".
    const Workspace ws = LoadSample();
    RenewalFilter f;
    f.tab = RenewalPolicy::Manual;
    f.hide_pending = true;
    f.as_of = At("2025-01-20T16:40:11+08:00");
    const Counts before = QueryRenewals(ws, f).tab_counts;
    f.as_of = At("2025-01-20T16:40:12+08:00");
    const Counts after = QueryRenewals(ws, f).tab_counts;
    CHECK(after[0] == before[0] + 1);
    const RenewalIndex ix = RenewalIndex::Build(ws, f.as_of);
    const std::size_t r6 = *ws.positionOfResource(sample::R6);
    CHECK_FALSE(ix.pendingOrderOf(r6).has_value());
    CHECK(RenewalIndex::Build(ws).pendingOrderOf(r6).has_value());  // by the stored status
}

// docs/architecture.md §4 (a frame < 16 ms at 100,000 resources): the page builds the index a slice per frame;
// a build in small steps gives the same index as Build in one go.
TEST_CASE("renewal query: the index built a few units per step is the one Build makes")
{
    const Workspace ws = test::GeneratedWorkspace(2000, 5);
    const RenewalIndex whole = RenewalIndex::Build(ws, *ws.as_of);
    RenewalIndexBuilder builder(ws, *ws.as_of);
    int steps = 0, lastProgress = 0;
    while (!builder.Step(7)) {
        ++steps;
        CHECK(builder.progress() >= lastProgress);  // the progress never goes back
        CHECK(builder.progress() < 100);
        lastProgress = builder.progress();
    }
    CHECK(builder.progress() == 100);
    CHECK(steps > 2000 / 7);  // it really went in slices
    const RenewalIndex sliced = builder.take();
    REQUIRE(sliced.instanceCount() == whole.instanceCount());
    CHECK(sliced.productTypes() == whole.productTypes());
    CHECK(sliced.regions() == whole.regions());
    for (std::size_t i = 0; i < ws.resources.size(); ++i) {
        CHECK(sliced.headOf(i) == whole.headOf(i));
        CHECK(sliced.pendingOrderOf(i) == whole.pendingOrderOf(i));
        const auto a = sliced.boundOf(i), b = whole.boundOf(i);
        CHECK(std::vector<std::size_t>(a.begin(), a.end()) == std::vector<std::size_t>(b.begin(), b.end()));
    }
    // Exact terms hit the sorted exact keys (the sort is sliced too): IDs and order numbers from the file.
    std::string ids;
    for (std::size_t i = 0; i < ws.resources.size(); i += 97) {
        ids += ws.resources[i].resource_id + ", ";
        for (const ResourcePeriod& p : ws.resources[i].periods) ids += p.order_id + "\n";
    }
    for (std::size_t o = 0; o < ws.orders.size(); o += 89) ids += ws.orders[o].order_id + " ";
    REQUIRE(SplitSearchTerms(ids).size() <= static_cast<std::size_t>(kMaxSearchTerms));
    {
        RenewalFilter f;
        f.as_of = *ws.as_of;
        f.search = ids;
        const RenewalQueryResult r = QueryRenewals(ws, sliced, f);
        // the terms name listed instances
        CHECK(r.tab_counts[0] + r.tab_counts[1] + r.tab_counts[2] + r.tab_counts[3] >= 10);
    }
    for (const std::string& search :
         {std::string(""), std::string("ecs"), std::string("web server"), std::string("a, b, c"), ids})
        for (RenewalPolicy tab :
             {RenewalPolicy::Manual, RenewalPolicy::Auto, RenewalPolicy::ToOnDemand, RenewalPolicy::NoRenew}) {
            RenewalFilter f;
            f.as_of = *ws.as_of;
            f.tab = tab;
            f.search = search;
            f.region = whole.regions().empty() ? "" : whole.regions().front();
            const RenewalQueryResult x = QueryRenewals(ws, sliced, f), y = QueryRenewals(ws, whole, f);
            CHECK(x.rows == y.rows);
            CHECK(x.tab_counts == y.tab_counts);
        }
}

TEST_CASE("renewal query: the index says until when its pending orders hold (seed 4.1 说明: cancelled at the deadline)")
{
    // R6's order CS25011316401M3QF is due by 2025-01-20 16:40:12 (the test above): an index built before
    // then holds until that instant at the latest, and one built at it no longer counts that order.
    const Workspace ws = LoadSample();
    const std::size_t r6 = *ws.positionOfResource(sample::R6);
    const RenewalIndex before = RenewalIndex::Build(ws, At("2025-01-20T16:40:11+08:00"));
    REQUIRE(before.pendingUntil().has_value());
    CHECK(*before.pendingUntil() <= At("2025-01-20T16:40:12+08:00"));
    CHECK(before.pendingOrderOf(r6).has_value());
    const RenewalIndex later = RenewalIndex::Build(ws, At("2030-01-01T00:00:00+08:00"));
    CHECK_FALSE(later.pendingUntil().has_value());                    // every pending order is past its deadline
    CHECK_FALSE(RenewalIndex::Build(ws).pendingUntil().has_value());  // by the stored status: nothing expires
}
