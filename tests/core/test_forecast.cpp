// Tests for core/engine/forecast.h: the auto-renew charge forecast by local month (docs/rules.md §8),
// on the rules of RunDueAutoRenewals (seed 4.2.2, 4.2.2.4; docs/rules.md §3.2).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine/forecast.h"
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
    CHECK(fc.charges.front().resource_name == "ecs-name");
    CHECK(fc.charges.front().service_type_name == "弹性云服务器");
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
    CHECK(fc.charges[0].balance_after == Yuan("308.60"));
    CHECK(fc.charges[1].balance_after == Yuan("117.20"));
    CHECK(fc.charges[2].balance_after == Yuan("-74.20"));
    REQUIRE(fc.first_short.has_value());
    CHECK(*fc.first_short == 2);
    f.ws.account.cash_balance.reset();
    fc = ForecastAutoRenewals(f.ws, f.now());
    CHECK_FALSE(fc.first_short.has_value());
    CHECK_FALSE(fc.charges[0].balance_after.has_value());
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
        if (c.resource_id == sample::R19) ++r19;
        if (c.resource_id == sample::R3) ++r3;
        if (c.resource_id == sample::R4) ++r4;
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
    const nlohmann::json j = nlohmann::json::parse(ForecastJson(fc, ZoneOffset::China()));
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
        CHECK(ForecastJson(b.result(), ws.rules.zone) == ForecastJson(whole, ws.rules.zone));
    }
}
