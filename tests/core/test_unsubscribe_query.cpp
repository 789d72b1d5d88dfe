// Tests for core/report/unsubscribe_query.h: which instance lands in which list of 云服务退订 with which
// reason (seed 4.4.1-4.4.5), its filters (seed 4.4.1.2 说明 1) and counts, on the sample workspace
// (assets/README.md) and small fixtures.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/report/unsubscribe_query.h"
#include "test_orders_fixture.h"

using namespace qd;
using qd::orders_test::Paid;
using qd::renewal_test::At;
using qd::renewal_test::Fixture;
using qd::renewal_test::LoadSample;
namespace sample = qd::renewal_test::sample;

namespace {

std::vector<std::string> Ids(const Workspace& ws, const std::vector<UnsubscribeRow>& rows)
{
    std::vector<std::string> out;
    for (const UnsubscribeRow& r : rows) out.push_back(ws.resources[r.resource].resource_id);
    return out;
}

std::vector<std::string> Shown(const Workspace& ws, const std::vector<UnsubscribeRow>& rows, const UnsubscribeFilter& f)
{
    std::vector<std::string> out;
    for (std::size_t k : FilterUnsubscribeRows(ws, rows, f)) out.push_back(ws.resources[rows[k].resource].resource_id);
    return out;
}

const std::vector<UnsubscribeRow>& List(const UnsubscribeLists& all, UnsubscribeList l)
{
    return all.lists[ListNumber(l)];
}

}  // namespace

TEST_CASE(
    "unsubscribe lists of the sample: 非五天无理由 / 可五天无理由 / 不可退订 with reasons, 续费周期, 记录 (seed 4.4)")
{
    const Workspace ws = LoadSample();
    const UnsubscribeLists all = BuildUnsubscribeLists(ws, *ws.as_of);
    // seed 4.4.1.2: beyond five days (R3 mounted disk alone, R4 with its bound disk, ...) and R18's failed
    // provisioning (4.4.4, tagged, full refund) are standard-tab rows.
    CHECK(Ids(ws, List(all, UnsubscribeList::NonFiveDay)) ==
          std::vector<std::string>{sample::R3, sample::R4, sample::R8, sample::R12, sample::R15, sample::R17,
                                   sample::R18});
    const std::vector<UnsubscribeRow>& standard = List(all, UnsubscribeList::NonFiveDay);
    CHECK(standard[1].bound == 1);  // R4 + R5
    CHECK(standard[0].bound == 0);  // R3 is mounted: an instance of its own (4.4.1.1 注意 1)
    CHECK(standard[6].failed);
    CHECK(standard[6].reasonCode == "provisioning_failed");
    CHECK(standard[5].unstartedRenewals == 1);  // R17's paid renewal to 2026-06-20
    // seed 4.4.1.3: R16 bought 2025-01-12, within 120 h, quota 10 left.
    CHECK(Ids(ws, List(all, UnsubscribeList::FiveDay)) == std::vector<std::string>{sample::R16});
    CHECK(List(all, UnsubscribeList::FiveDay)[0].reasonCode == "within_five_days");
    CHECK(all.quota.left() == 10);
    // seed 4.4.1.4: 不可退订, each with the engine's reason.
    const std::vector<UnsubscribeRow>& blocked = List(all, UnsubscribeList::InUseNotAllowed);
    REQUIRE(Ids(ws, blocked) == std::vector<std::string>{sample::R1, sample::R6, sample::R10, sample::R14, sample::R19,
                                                         sample::R20, sample::R21});
    const std::vector<std::string> reasons = {"in_transaction",
                                              "in_transaction",
                                              "police_frozen",
                                              "expired",
                                              "effective_resource_package",
                                              "effective_resource_package",
                                              "in_transaction"};
    for (std::size_t k = 0; k < blocked.size(); ++k) {
        CAPTURE(k);
        CHECK(blocked[k].reasonCode == reasons[k]);
        CHECK_FALSE(blocked[k].reason.empty());
    }
    // Nothing not yet effective in the sample; R17's renewal is the one period to unsubscribe (4.4.3).
    CHECK(List(all, UnsubscribeList::NotEffective).empty());
    CHECK(Ids(ws, List(all, UnsubscribeList::Periods)) == std::vector<std::string>{sample::R17});
    CHECK(List(all, UnsubscribeList::Periods)[0].reasonCode == "unused_renewal_periods");
    CHECK(List(all, UnsubscribeList::PeriodsBlocked).empty());
    // seed 4.4.5: the one unsubscribe order.
    REQUIRE(all.records.size() == 1);
    CHECK(ws.orders[all.records[0]].order_id == "CS24102515373A1KE");
    // The closed R22 and the bound R2, R5, R9, R13 are in no list: 7 + 1 + 7 instance heads.
    std::size_t inUseRows = 0;
    for (UnsubscribeList l : {UnsubscribeList::NonFiveDay, UnsubscribeList::FiveDay, UnsubscribeList::InUseNotAllowed,
                              UnsubscribeList::NotEffective, UnsubscribeList::NotEffectiveBlocked})
        inUseRows += List(all, l).size();
    CHECK(inUseRows == 15);
    CHECK(all.regions == std::vector<std::string>{"cn-north-4"});
    CHECK(all.serviceTypes.size() == 7);
    CHECK(IsUnsubscribable(UnsubscribeList::FiveDay));
    CHECK_FALSE(IsUnsubscribable(UnsubscribeList::InUseNotAllowed));
    CHECK_FALSE(IsUnsubscribable(UnsubscribeList::PeriodsBlocked));
}

TEST_CASE("unsubscribe filters: 实例名称/订单号/ID, 产品类型, 区域, 倒计时 (seed 4.4.1.2 说明 1)")
{
    const Workspace ws = LoadSample();
    const UnsubscribeLists all = BuildUnsubscribeLists(ws, *ws.as_of);
    const std::vector<UnsubscribeRow>& standard = List(all, UnsubscribeList::NonFiveDay);
    UnsubscribeFilter f;
    f.as_of = *ws.as_of;  // 2025-01-14 10:00 +08:00
    CHECK(Shown(ws, standard, f).size() == 7);
    f.search = "RDS";  // names rds-堃-finance, rds-淼-report: case-insensitive
    CHECK(Shown(ws, standard, f) == std::vector<std::string>{sample::R17, sample::R18});
    f.search = "nothing-like-this, rds-淼";  // several terms: any of them
    CHECK(Shown(ws, standard, f) == std::vector<std::string>{sample::R18});
    f.search.clear();
    f.service_type = "云数据库 RDS";
    CHECK(Shown(ws, standard, f) == std::vector<std::string>{sample::R17, sample::R18});
    f.service_type.clear();
    f.region = "cn-south-1";
    CHECK(Shown(ws, standard, f).empty());
    f.region = "cn-north-4";
    CHECK(Shown(ws, standard, f).size() == 7);
    // 倒计时 30天内到期 = ExpiresWithin: in use and expiring by 2025-02-13 10:00. R3 (02-03) and R4 (01-31);
    // R12 (02-10) is frozen, R18 (02-14 23:59:59) is 31 days away.
    f.expiring_within_days = 30;
    CHECK(Shown(ws, standard, f) == std::vector<std::string>{sample::R3, sample::R4});
    f.expiring_within_days = 17;  // R4: 2025-01-31 23:59:59 is 17 days 13:59:59 away
    CHECK(Shown(ws, standard, f).empty());
    f.expiring_within_days = 18;
    CHECK(Shown(ws, standard, f) == std::vector<std::string>{sample::R4});
    // Records: the order number and the order's product type.
    UnsubscribeFilter r;
    r.as_of = *ws.as_of;
    r.search = "cs24102515373";
    CHECK(FilterUnsubscribeRecords(ws, all.records, r).size() == 1);
    r.service_type = "弹性云服务器";
    CHECK(FilterUnsubscribeRecords(ws, all.records, r).empty());
}

TEST_CASE("unsubscribe lists: not yet effective (seed 4.4.2) and the five-day quota as the page shows it (4.4.1.3)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.product("p-ecs", "100.00", "1000.00");
    f.resource("ecs-later", "p-ecs", "2025-02-01T00:00:00+08:00", "2025-03-01T23:59:59+08:00").periods[0].paid =
        Paid("100.00");
    for (int i = 0; i < 3; ++i)
        f.resource("ecs-new-" + std::to_string(i), "p-ecs", "2025-01-13T10:00:00+08:00", "2025-02-13T23:59:59+08:00")
            .periods[0]
            .paid = Paid("100.00");
    f.ws.account.five_day_quota = FiveDayQuota{2025, 10, 9, {}};  // 1 left
    f.done();
    const UnsubscribeLists all = BuildUnsubscribeLists(f.ws, f.now());
    CHECK(Ids(f.ws, List(all, UnsubscribeList::NotEffective)) == std::vector<std::string>{"ecs-later"});
    CHECK(List(all, UnsubscribeList::NotEffective)[0].reasonCode == "not_yet_effective");
    // One quota left: each new instance is listed as five-day (the quota the page shows before any of
    // them), although one preview of all three would use the quota up on the first.
    CHECK(Ids(f.ws, List(all, UnsubscribeList::FiveDay)) ==
          std::vector<std::string>{"ecs-new-0", "ecs-new-1", "ecs-new-2"});
    f.ws.account.five_day_quota = FiveDayQuota{2025, 10, 10, {}};  // none left: standard
    const UnsubscribeLists none = BuildUnsubscribeLists(f.ws, f.now());
    CHECK(List(none, UnsubscribeList::FiveDay).empty());
    CHECK(List(none, UnsubscribeList::NonFiveDay).size() == 3);
}

TEST_CASE("unsubscribe lists: classified a chunk at a time (as the page builds them) == BuildUnsubscribeLists")
{
    auto same = [](const Workspace& ws, Instant asOf) {
        const UnsubscribeLists whole = BuildUnsubscribeLists(ws, asOf);
        RefundOrderScan orders(ws, asOf);
        while (!orders.Step(7)) {}
        const int quotaLeft = FiveDayQuotaAsOf(ws, asOf).left();
        std::vector<std::string> heads, periodHeads;
        for (const Resource& r : ws.resources) {
            if (!IsUnsubscribeHead(r)) continue;
            heads.push_back(r.resource_id);
            if (UnstartedRenewals(r, asOf) > 0) periodHeads.push_back(r.resource_id);
        }
        for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{48}}) {
            CAPTURE(chunk);
            std::array<std::vector<UnsubscribeRow>, kUnsubscribeListCount> lists;
            for (bool periods : {false, true}) {
                const std::vector<std::string>& ids = periods ? periodHeads : heads;
                for (std::size_t from = 0; from < ids.size(); from += chunk) {
                    RefundRequest req;  // as page_unsubscribe.cpp PreviewGroups asks
                    req.periods_only = periods;
                    req.as_of = asOf;
                    req.resource_ids.assign(
                        ids.begin() + static_cast<std::ptrdiff_t>(from),
                        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + chunk)));
                    ForEachRefundGroup(
                        PreviewRefundVerdicts(ws, req, orders.locks()), [&](const RefundItem* items, std::size_t n) {
                            UnsubscribeRow row;
                            const UnsubscribeList l = periods ? ClassifyPeriods(ws, items, n, asOf, row)
                                                              : ClassifyInUse(ws, items, n, quotaLeft, asOf, row);
                            lists[ListNumber(l)].push_back(std::move(row));
                        });
                }
            }
            for (std::size_t l = 0; l < kUnsubscribeListCount; ++l) {
                CAPTURE(l);
                REQUIRE(lists[l].size() == whole.lists[l].size());
                for (std::size_t k = 0; k < lists[l].size(); ++k) {
                    CHECK(lists[l][k].resource == whole.lists[l][k].resource);
                    CHECK(lists[l][k].reasonCode == whole.lists[l][k].reasonCode);
                    CHECK(lists[l][k].bound == whole.lists[l][k].bound);
                }
            }
        }
    };
    const Workspace sampleWs = LoadSample();
    same(sampleWs, *sampleWs.as_of);

    Fixture f("2025-01-14T10:00:00+08:00");
    f.product("p-ecs", "100.00", "1000.00");
    for (int i = 0; i < 3; ++i)
        f.resource("ecs-new-" + std::to_string(i), "p-ecs", "2025-01-13T10:00:00+08:00", "2025-02-13T23:59:59+08:00")
            .periods[0]
            .paid = Paid("100.00");
    f.ws.account.five_day_quota = FiveDayQuota{2025, 10, 9, {}};  // 1 left: a chunk of 3 uses it up on the first
    f.done();
    same(f.ws, f.now());
}
