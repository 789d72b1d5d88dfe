// Tests for core/engine/forecast.h: the auto-renew charge forecast by local month (docs/rules.md §8),
// on the rules of RunDueAutoRenewals (seed 4.2.2, 4.2.2.4; docs/rules.md §3.2).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine/forecast.h"
#include "core/engine/projects.h"
#include "test_renewal_fixture.h"
#include "support.h"

using namespace qd;
using namespace qd::renewal_test;

namespace {

AutoRenew Plan(TermUnit unit, int num, std::optional<int> times) { return qd::test::AutoRenewPlan(unit, num, times); }

// One auto-renew ECS (191.40 a month, 1952.28 a year) expiring `expiry` (anchor = its day), as of `asOf`.
Fixture OneAuto(std::string_view asOf, std::string_view expiry, AutoRenew plan)
{
    Fixture f(asOf);
    f.product("p-ecs", "191.40", "1952.28");
    Resource& r = f.resource("ecs", "p-ecs", "2024-12-20T10:00:00+08:00", expiry);
    r.anchor_day = LocalDateOf(r.expire_time, ZoneOffset::China()).day();
    r.renewal_policy = RenewalPolicy::Auto;
    r.auto_renew = plan;
    f.ws.account.cash_balance = Yuan("10000.00");
    f.done();
    return f;
}

std::vector<int64_t> MonthCounts(const Forecast& f)
{
    std::vector<int64_t> out;
    for (const ForecastMonth& m : f.months) out.push_back(static_cast<int64_t>(m.count));
    return out;
}

}  // namespace

TEST_CASE(
    "a monthly unlimited auto-renewal: 12 charges of its month price, one per month, at 03:00 7 days before expiry")
{
    Fixture f =
        OneAuto("2025-01-01T00:00:00+08:00", "2025-01-20T23:59:59+08:00", Plan(TermUnit::Month, 1, std::nullopt));
    const Workspace before = f.ws;
    Forecast fc = ForecastAutoRenewals(f.ws, f.now());
    CHECK(f.ws == before);  // simulated on a copy
    CHECK(Iso(fc.as_of) == "2025-01-01T00:00:00+08:00");
    CHECK(Iso(fc.until) == "2026-01-01T00:00:00+08:00");
    REQUIRE(fc.months.size() == 12);
    CHECK(fc.months.front().label() == "2025-01");
    CHECK(fc.months.back().label() == "2025-12");
    REQUIRE(fc.charges.size() == 12);
    CHECK(MonthCounts(fc) == std::vector<int64_t>(12, 1));
    for (const ForecastMonth& m : fc.months) CHECK(m.total == Yuan("191.40"));
    CHECK(fc.total == Yuan("2296.80"));  // 12 × 191.40
    CHECK(Iso(fc.charges.front().at) == "2025-01-13T03:00:00+08:00");
    CHECK(Iso(fc.charges.front().new_expire_time) == "2025-02-20T23:59:59+08:00");
    CHECK(Iso(fc.charges.back().at) == "2025-12-13T03:00:00+08:00");
    CHECK_FALSE(fc.charges.front().late);
    CHECK(ChargedInstanceOf(f.ws, fc.charges.front()).resource_id == "ecs");
    CHECK(ChargedInstanceOf(f.ws, fc.charges.front()).resource_name == "ecs-name");
    CHECK(ChargedInstanceOf(f.ws, fc.charges.front()).service_type_name == "弹性云服务器");
    CHECK_FALSE(fc.charges.front().times_left.has_value());
    CHECK(fc.failures.empty());
}

TEST_CASE("a count of 3 gives 3 charges, the last one leaves 0 (back to manual, seed 4.2.2.1)")
{
    Fixture f = OneAuto("2025-01-01T00:00:00+08:00", "2025-01-20T23:59:59+08:00", Plan(TermUnit::Month, 1, 3));
    Forecast fc = ForecastAutoRenewals(f.ws, f.now());
    REQUIRE(fc.charges.size() == 3);
    CHECK(MonthCounts(fc) == std::vector<int64_t>{1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    CHECK(fc.charges[0].times_left == 2);
    CHECK(fc.charges[2].times_left == 0);
    CHECK(fc.total == Yuan("574.20"));
    CHECK(f.ws.findResource("ecs")->auto_renew->times_left == 3);  // the input keeps its count
}

TEST_CASE("a yearly auto-renewal gives 1 charge of its year price; 3 months × 1 gives 4")
{
    Fixture f =
        OneAuto("2025-01-01T00:00:00+08:00", "2025-03-20T23:59:59+08:00", Plan(TermUnit::Year, 1, std::nullopt));
    Forecast fc = ForecastAutoRenewals(f.ws, f.now());
    REQUIRE(fc.charges.size() == 1);
    CHECK(fc.charges[0].amount == Yuan("1952.28"));
    CHECK(Iso(fc.charges[0].at) == "2025-03-13T03:00:00+08:00");
    CHECK(fc.months[2].total == Yuan("1952.28"));
    CHECK(fc.charges[0].duration == RenewalDuration{TermUnit::Year, 1});

    Fixture q =
        OneAuto("2025-01-01T00:00:00+08:00", "2025-01-20T23:59:59+08:00", Plan(TermUnit::Month, 3, std::nullopt));
    fc = ForecastAutoRenewals(q.ws, q.now());
    CHECK(MonthCounts(fc) == std::vector<int64_t>{1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0});  // Jan, Apr, Jul, Oct
    CHECK(fc.charges[0].amount == Yuan("574.20"));                                       // 3 × 191.40
}

TEST_CASE("the window starts at as_of: a charge already passed this month is not in it; one due before as_of is late")
{
    // as of 2025-01-14 10:00, expiry 2025-02-20: charges 02-13 .. 12-13 = 11 (January's 13th has passed)
    Fixture f =
        OneAuto("2025-01-14T10:00:00+08:00", "2025-02-20T23:59:59+08:00", Plan(TermUnit::Month, 1, std::nullopt));
    Forecast fc = ForecastAutoRenewals(f.ws, f.now());
    CHECK(fc.charges.size() == 11);
    CHECK(fc.months[0].count == 0);
    // expiry 2025-01-20: its deduction (01-13 03:00) is before as_of and not made -> charged at as_of, late
    Fixture l =
        OneAuto("2025-01-14T10:00:00+08:00", "2025-01-20T23:59:59+08:00", Plan(TermUnit::Month, 1, std::nullopt));
    fc = ForecastAutoRenewals(l.ws, l.now());
    REQUIRE(fc.charges.size() == 12);
    CHECK(fc.charges[0].late);
    CHECK(Iso(fc.charges[0].at) == "2025-01-14T10:00:00+08:00");
    CHECK(Iso(fc.charges[0].deduction_time) == "2025-01-13T03:00:00+08:00");
    CHECK_FALSE(fc.charges[1].late);
    // the deduction day moves the charges: 1 day before -> 2025-02-19 03:00 for ecs expiring 02-20
    f.ws.account.deduction_days_before = 1;
    fc = ForecastAutoRenewals(f.ws, f.now());
    CHECK(Iso(fc.charges[0].at) == "2025-02-19T03:00:00+08:00");
}

TEST_CASE("the running balance and the first charge it does not cover")
{
    Fixture f =
        OneAuto("2025-01-01T00:00:00+08:00", "2025-01-20T23:59:59+08:00", Plan(TermUnit::Month, 1, std::nullopt));
    f.ws.account.cash_balance = Yuan("500.00");
    Forecast fc = ForecastAutoRenewals(f.ws, f.now());
    REQUIRE(fc.charges.size() == 12);  // forecast whatever the balance
    CHECK(fc.charges[0].balanceAfter() == Yuan("308.60"));
    CHECK(fc.charges[1].balanceAfter() == Yuan("117.20"));
    CHECK(fc.charges[2].balanceAfter() == Yuan("-74.20"));
    REQUIRE(fc.first_short.has_value());
    CHECK(*fc.first_short == 2);
    f.ws.account.cash_balance.reset();
    fc = ForecastAutoRenewals(f.ws, f.now());
    CHECK_FALSE(fc.first_short.has_value());
    CHECK_FALSE(fc.charges[0].balanceAfter().has_value());
}

TEST_CASE("bound attached resources are in their main's charge; a pending order is a failure")
{
    Fixture f = OneAuto("2025-01-01T00:00:00+08:00", "2025-01-20T23:59:59+08:00", Plan(TermUnit::Month, 1, 2));
    f.product("p-sys", "28.00", "280.00");
    Resource& sys = f.attached("sys", "p-sys", "ecs", Relation::Bound);
    sys.renewal_policy = RenewalPolicy::Auto;
    sys.auto_renew = Plan(TermUnit::Month, 1, 2);
    f.done();
    Forecast fc = ForecastAutoRenewals(f.ws, f.now());
    REQUIRE(fc.charges.size() == 2);
    CHECK(fc.charges[0].amount == Yuan("219.40"));
    f.pendingOrder("CS-PEND", "sys");
    f.done();
    fc = ForecastAutoRenewals(f.ws, f.now());
    CHECK(fc.charges.empty());
    REQUIRE(fc.failures.size() == 1);
    CHECK(fc.failures[0].code == "pending_order");
}

TEST_CASE("sample: 12 months of auto-renew charges as of 2025-01-14 (assets/README.md)")
{
    Workspace ws = LoadSample();
    const Workspace before = ws;
    Forecast fc = ForecastAutoRenewals(ws, *ws.as_of);
    CHECK(ws == before);
    // R19 OBS package 99.00 × 12 (01-18 .. 12-18), R3 data disk 70.00 × 12 (01-27 .. 12-27),
    // R4 + R5 219.40 × 4 (its count: 01-24, 02-21, 03-24, 04-23)
    int r19 = 0, r3 = 0, r4 = 0;
    for (const ForecastCharge& c : fc.charges) {
        if (ChargedInstanceOf(ws, c).resource_id == sample::R19) ++r19;
        if (ChargedInstanceOf(ws, c).resource_id == sample::R3) ++r3;
        if (ChargedInstanceOf(ws, c).resource_id == sample::R4) ++r4;
    }
    CHECK(r19 == 12);
    CHECK(r3 == 12);
    CHECK(r4 == 4);
    CHECK(fc.charges.size() == 28);
    CHECK(fc.total == Yuan("2905.60"));           // 1188.00 + 840.00 + 877.60
    CHECK(fc.months[0].total == Yuan("388.40"));  // 99.00 + 219.40 + 70.00
    CHECK(fc.months[4].total == Yuan("169.00"));  // May: 99.00 + 70.00
    CHECK(fc.failures.empty());
    // the balance of 2400.00 runs out during the year
    REQUIRE(fc.first_short.has_value());
    Money sum;
    for (std::size_t i = 0; i <= *fc.first_short; ++i) sum += fc.charges[i].amount;
    CHECK(sum > Yuan("2400.00"));
    CHECK(sum - fc.charges[*fc.first_short].amount <= Yuan("2400.00"));
}

TEST_CASE("forecast JSON shape; months clamped to 1..120")
{
    Fixture f = OneAuto("2025-01-01T00:00:00+08:00", "2025-01-20T23:59:59+08:00", Plan(TermUnit::Month, 1, 1));
    Forecast fc = ForecastAutoRenewals(f.ws, f.now(), 0);
    CHECK(fc.months.size() == 1);
    CHECK(ForecastAutoRenewals(f.ws, f.now(), 500).months.size() == 120);
    const nlohmann::json j = nlohmann::json::parse(ForecastJson(fc, f.ws));
    CHECK(j["as_of"] == "2025-01-01T00:00:00+08:00");
    CHECK(j["until"] == "2025-02-01T00:00:00+08:00");
    CHECK(j["total"] == "191.40");
    CHECK(j["cash_balance"] == "10000.00");
    CHECK(j["balance_short_from"].is_null());
    CHECK(j["months"][0]["month"] == "2025-01");
    CHECK(j["months"][0]["charges"] == 1);
    const auto& c = j["charges"][0];
    CHECK(c["time"] == "2025-01-13T03:00:00+08:00");
    CHECK(c["resource_id"] == "ecs");
    CHECK(c["duration"]["period"] == "month");
    CHECK(c["amount"] == "191.40");
    CHECK(c["times_left"] == 0);
    CHECK(c["balance_after"] == "9808.60");
    CHECK(c["late"] == false);
    CHECK(j["failures"].is_array());
}

TEST_CASE("sample as of 2025-04-20: the charges since the file's as_of are made first, the window shows what follows")
{
    Workspace ws = LoadSample();
    Forecast fc = ForecastAutoRenewals(ws, At("2025-04-20T12:00:00+08:00"), 2);
    // before the window: R19 × 4 (99.00), R4 × 3 (219.40, 1 left), R3 × 3 (70.00) -> 2400.00 - 1264.20
    REQUIRE(fc.cash_balance.has_value());
    CHECK(*fc.cash_balance == Yuan("1135.80"));
    REQUIRE(fc.months.size() == 2);
    CHECK(fc.months[0].total == Yuan("289.40"));  // April: R4 04-23 (its last, 0 left) + R3 04-26
    CHECK(fc.months[1].total == Yuan("169.00"));  // May: R19 05-18 + R3 05-27
    REQUIRE(fc.charges.size() == 4);
    CHECK(Iso(fc.charges[0].at) == "2025-04-23T03:00:00+08:00");
    CHECK(fc.charges[0].times_left == 0);
    CHECK_FALSE(fc.charges[0].late);
    CHECK(ws.findResource(sample::R4)->auto_renew->times_left == 4);  // the input is untouched
}

TEST_CASE("the forecast taken in steps is the same forecast, with progress from 0 to 100")
{
    Workspace ws = LoadSample();
    for (const char* asOf : {"2025-01-14T10:00:00+08:00", "2025-04-20T12:00:00+08:00"}) {
        const Forecast whole = ForecastAutoRenewals(ws, At(asOf));
        ForecastBuilder b(ws, At(asOf));
        int steps = 0, last = -1;
        while (!b.Step(1)) {
            ++steps;
            CHECK(b.progress() >= last);  // never goes back
            CHECK(b.progress() < 100);
            last = b.progress();
        }
        CHECK(b.progress() == 100);
        CHECK(steps + 1 >= static_cast<int>(whole.charges.size()));  // one charge per step
        CHECK(ForecastJson(b.result(), ws) == ForecastJson(whole, ws));
    }
}

// docs/performance.md "The forecast's charges by position": a charge names its main by its place in
// ws.resources, and the simulated part (one-piece or a slice) puts the resources at other places. Here
// the auto-renew mains sit behind manual resources and a bound disk that comes before its main, so a
// charge that kept the part's position (or a slice's) would name a manual resource or the disk.
TEST_CASE("each charge names its own main in the forecast's workspace, whatever the part's positions")
{
    Fixture f("2025-01-01T00:00:00+08:00");
    f.product("p-ecs", "100.00", "");
    f.product("p-big", "200.00", "");
    f.product("p-disk", "28.00", "");
    Product& obs = f.product("p-obs", "300.00", "");
    obs.service_type_name = "对象存储服务";
    for (const char* manual : {"m0", "m1"})
        f.resource(manual, "p-ecs", "2024-12-20T10:00:00+08:00", "2025-01-20T23:59:59+08:00");
    const char* mains[] = {"ecs-a", "ecs-b", "obs-c"};
    const char* products[] = {"p-ecs", "p-big", "p-obs"};
    const char* projects[] = {"甲", "乙", ""};
    for (int i = 0; i < 3; ++i) {
        Resource& r = f.resource(mains[i], products[i], "2024-12-20T10:00:00+08:00", "2025-01-20T23:59:59+08:00");
        r.anchor_day = 20;
        r.renewal_policy = RenewalPolicy::Auto;
        r.auto_renew = Plan(TermUnit::Month, 1, std::nullopt);
        if (*projects[i]) r.enterprise_project = EnterpriseProject{std::string("ep-") + projects[i], projects[i], {}};
    }
    Resource& disk = f.attached("disk-b", "p-disk", "ecs-b", Relation::Bound);
    disk.renewal_policy = RenewalPolicy::Auto;
    disk.auto_renew = Plan(TermUnit::Month, 1, std::nullopt);
    f.resource("m2", "p-ecs", "2024-12-20T10:00:00+08:00", "2025-01-20T23:59:59+08:00");
    // m0 m1 disk-b ecs-a ecs-b obs-c m2: the disk before its main, every main behind other resources
    std::rotate(f.ws.resources.begin() + 2, f.ws.resources.begin() + 5, f.ws.resources.begin() + 6);
    f.ws.account.cash_balance = Yuan("10000.00");
    const Workspace& ws = f.done();
    REQUIRE(ws.resources[2].resource_id == "disk-b");
    REQUIRE(ws.resources[3].resource_id == "ecs-a");

    // what each main is charged: its own price (ecs-b with its bound disk)
    const std::map<std::string, Money> price = {
        {"ecs-a", Yuan("100.00")}, {"ecs-b", Yuan("228.00")}, {"obs-c", Yuan("300.00")}};
    const auto checkCharges = [&](const Forecast& fc) {
        REQUIRE(fc.charges.size() == 36);  // 3 mains x 12 months
        std::map<std::string, int> count;
        for (const ForecastCharge& c : fc.charges) {
            REQUIRE(c.resource < ws.resources.size());
            const ChargedInstance main = ChargedInstanceOf(ws, c);
            CHECK(main.resource_id == ws.resources[c.resource].resource_id);
            const auto it = price.find(std::string(main.resource_id));
            REQUIRE(it != price.end());  // a main, never m0..m2 nor the disk
            CHECK(c.amount == it->second);
            CHECK(main.resource_name == std::string(main.resource_id) + "-name");
            CHECK(main.service_type_name == (main.resource_id == "obs-c" ? "对象存储服务" : "弹性云服务器"));
            ++count[std::string(main.resource_id)];
        }
        CHECK(count == std::map<std::string, int>{{"ecs-a", 12}, {"ecs-b", 12}, {"obs-c", 12}});
        // the same due time: in the order of the file (ecs-a, ecs-b, obs-c), as the one-piece run charges them
        CHECK(ChargedInstanceOf(ws, fc.charges[0]).resource_id == "ecs-a");
        CHECK(ChargedInstanceOf(ws, fc.charges[1]).resource_id == "ecs-b");
        CHECK(ChargedInstanceOf(ws, fc.charges[2]).resource_id == "obs-c");
        // by project: through the same positions
        const std::vector<ProjectForecast> byProject = ForecastByProject(ws, fc);
        REQUIRE(byProject.size() == 3);
        CHECK(byProject[0].project == "乙");           // sorted by name: 乙 (U+4E59) before 甲 (U+7532)
        CHECK(byProject[0].total == Yuan("2736.00"));  // 12 x 228.00
        CHECK(byProject[1].project == "甲");
        CHECK(byProject[1].total == Yuan("1200.00"));
        CHECK(byProject[2].project == "");
        CHECK(byProject[2].total == Yuan("3600.00"));
    };
    const Forecast whole = ForecastAutoRenewals(ws, f.now());
    checkCharges(whole);
    const std::string json = ForecastJson(whole, ws);
    CHECK(json.find("\"resource_id\":\"m0\"") == std::string::npos);
    CHECK(json.find("\"resource_id\":\"disk-b\"") == std::string::npos);
    for (const ForecastSlices slices : {ForecastSlices{1, 1, 1}, ForecastSlices{2, 3, 5}}) {
        ForecastBuilder b(ws, f.now(), kDefaultForecastMonths, slices);
        while (!b.Step(0)) {}
        checkCharges(b.result());
        CHECK(ForecastJson(b.result(), ws) == json);
    }
}

// docs/performance.md "The forecast's charges by position": a year of 100,000 resources' charges is
// hundreds of thousands of these, kept as long as the overview shows them.
TEST_CASE("a forecast charge is 56 bytes, without strings")
{
    CHECK(sizeof(ForecastCharge) == 56);
    CHECK(std::is_trivially_copyable_v<ForecastCharge>);
}
