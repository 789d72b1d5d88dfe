// Tests for core/engine/auto_renew.h: the renewal policies and their transitions (seed 4.2.1.2, 4.2.2,
// 4.2.4, 4.2.5), the auto-renew deduction day and charges (seed 4.2.2.4, docs/rules.md §3.2), and
// releasing resources (seed 4.2.6). Every refusal code is produced here at least once.
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] deduction time
//   [SECTION] enabling, and charging at once inside the window
//   [SECTION] transitions
//   [SECTION] runs of charges
//   [SECTION] release
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/engine/account_freeze.h"
#include "core/engine/auto_renew.h"
#include "core/engine/orders.h"
#include "core/engine/refund.h"
#include "core/engine/renewal.h"
#include "core/io/load.h"
#include "core/io/save.h"
#include "test_renewal_fixture.h"
#include "support.h"

using namespace qd;
using namespace qd::renewal_test;

namespace {

RenewalDuration Months(int n) { return {TermUnit::Month, n}; }
RenewalDuration Years(int n) { return {TermUnit::Year, n}; }

// An ECS (191.40 a month) with a bound system disk (28.00) and a mounted data disk (70.00), all
// expiring 2025-01-31 23:59:59 (anchor 31); a second ECS "ecs-2" expiring 2025-02-20. Cash 1000.00.
// The clock is 2025-01-14 10:00 (the deduction of ecs, 2025-01-24 03:00, is 10 days away).
Fixture Instance(std::string_view asOf = "2025-01-14T10:00:00+08:00")
{
    Fixture f(asOf);
    f.product("p-ecs", "191.40", "1952.28");
    f.product("p-sys", "28.00", "280.00");
    f.product("p-data", "70.00", "700.00");
    f.resource("ecs", "p-ecs", "2024-12-31T10:00:00+08:00", "2025-01-31T23:59:59+08:00").anchor_day = 31;
    f.attached("sys", "p-sys", "ecs", Relation::Bound);
    f.attached("data", "p-data", "ecs", Relation::Mounted);
    f.resource("ecs-2", "p-ecs", "2024-12-20T10:00:00+08:00", "2025-02-20T23:59:59+08:00").anchor_day = 20;
    f.ws.account.cash_balance = Yuan("1000.00");
    f.done();
    return f;
}

void SetPolicy(Workspace& ws, std::string_view id, RenewalPolicy p, std::optional<AutoRenew> a = std::nullopt)
{
    Resource* r = ws.findResource(id);
    REQUIRE(r != nullptr);
    r->renewal_policy = p;
    r->auto_renew = a;
    for (const Resource* m : ws.attachedTo(id))
        if (m->isBound()) {
            Resource* b = ws.findResource(m->resource_id);
            b->renewal_policy = p;
            b->auto_renew = a;
        }
}

AutoRenew Auto(TermUnit unit, int num, std::optional<int> times) { return qd::test::AutoRenewPlan(unit, num, times); }

using qd::test::Codes;

std::string FirstCode(const Refusals& rs) { return rs.empty() ? std::string("none") : rs.front().code; }

const RenewalPolicy kPolicies[] = {RenewalPolicy::Manual, RenewalPolicy::Auto, RenewalPolicy::ToOnDemand,
                                   RenewalPolicy::NoRenew};

}  // namespace

// [SECTION] deduction time

TEST_CASE(
    "deduction time: 03:00 local, deduction_days_before days before the expiry day (seed 4.2.2.4, docs/rules.md §3.2)")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    const Resource& ecs = *ws.findResource("ecs");
    // default 7 days: expiry 2025-01-31 23:59:59 -> 2025-01-24 03:00:00 (+08:00), to the second
    CHECK(ws.account.deduction_days_before == 7);
    CHECK(Iso(NextDeduction(ecs, ws.account, ws.rules)) == "2025-01-24T03:00:00+08:00");
    CHECK(NextDeduction(ecs, ws.account, ws.rules).unixSeconds() == At("2025-01-23T19:00:00Z").unixSeconds());
    // 1 day before -> 2025-01-30 03:00:00; 7 is the other end of the range
    Account a = ws.account;
    a.deduction_days_before = 1;
    CHECK(Iso(NextDeduction(ecs, a, ws.rules)) == "2025-01-30T03:00:00+08:00");
    a.deduction_days_before = 7;
    CHECK(Iso(NextDeduction(ecs, a, ws.rules)) == "2025-01-24T03:00:00+08:00");
    // across a month boundary: ecs-2 expires 2025-02-20 -> 2025-02-13; an expiry on Mar 3 -> Feb 24 (2025, 28 days)
    CHECK(Iso(NextDeduction(*ws.findResource("ecs-2"), ws.account, ws.rules)) == "2025-02-13T03:00:00+08:00");
    Resource early = ecs;
    early.expire_time = At("2025-03-03T23:59:59+08:00");
    CHECK(Iso(NextDeduction(early, ws.account, ws.rules)) == "2025-02-24T03:00:00+08:00");
    // the profile's deduction clock is used (docs/rules.md §6 deduction_clock)
    RuleProfile rules = ws.rules;
    rules.deduction_clock = *LocalTime::FromHms(4, 30, 0);
    CHECK(Iso(NextDeduction(ecs, ws.account, rules)) == "2025-01-24T04:30:00+08:00");
}

TEST_CASE("deduction day: 1..7 accepted, 0 and 8 refused with bad_deduction_days (seed 4.2.2.4)")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    const Workspace before = ws;
    for (int bad : {0, 8, -1}) {
        PolicyChange c = SetDeductionDaysBefore(ws, bad, f.now());
        CHECK_FALSE(c.ok());
        CHECK(FirstCode(c.refusals) == "bad_deduction_days");
        CHECK(ws == before);  // refused = unchanged
    }
    for (int good : {1, 7, 3}) {
        PolicyChange c = SetDeductionDaysBefore(ws, good, f.now());
        CHECK(c.ok());
        CHECK(ws.account.deduction_days_before == good);
    }
}

TEST_CASE("moving the deduction day takes effect at once: what is now due is charged now (seed 4.2.2.4 设置后立即生效)")
{
    // 2025-01-27 10:00; ecs (auto, 1 month) expires 2025-01-31: with 3 days the charge is 01-28 03:00
    Fixture f = Instance("2025-01-27T10:00:00+08:00");
    Workspace& ws = f.ws;
    ws.account.deduction_days_before = 3;
    SetPolicy(ws, "ecs", RenewalPolicy::Auto, Auto(TermUnit::Month, 1, std::nullopt));
    CHECK(RunDueAutoRenewals(ws, f.now()).charges.empty());  // nothing due yet at 3 days
    // back to 7 days: 01-24 03:00 has passed -> charged at once, at 2025-01-27 10:00
    PolicyChange c = SetDeductionDaysBefore(ws, 7, f.now());
    REQUIRE(c.ok());
    REQUIRE(c.charges.size() == 1);
    CHECK(c.charges[0].resource_id == "ecs");
    CHECK(Iso(c.charges[0].at) == "2025-01-27T10:00:00+08:00");
    CHECK(Iso(c.charges[0].deduction_time) == "2025-01-24T03:00:00+08:00");
    CHECK(c.charges[0].amount == Yuan("219.40"));  // 191.40 + bound disk 28.00
    CHECK(Iso(ws.findResource("ecs")->expire_time) == "2025-02-28T23:59:59+08:00");
    CHECK(*ws.account.cash_balance == Yuan("780.60"));
}

// [SECTION] enabling, and charging at once inside the window

TEST_CASE("set auto-renew: period and count, the bound disk follows, the mounted disk keeps its own (seed 4.2.2.1)")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    PolicyChange c = EnableAutoRenew(ws, {"ecs"}, AutoRenewPlan{Months(3), 6}, f.now());
    REQUIRE(c.ok());
    CHECK(c.changed == std::vector<std::string>{"ecs", "sys"});
    CHECK(c.charges.empty());  // 2025-01-14 is before the 2025-01-24 03:00 deduction
    for (const char* id : {"ecs", "sys"}) {
        const Resource& r = *ws.findResource(id);
        CHECK(r.renewal_policy == RenewalPolicy::Auto);
        REQUIRE(r.auto_renew.has_value());
        CHECK(r.auto_renew->period == TermUnit::Month);
        CHECK(r.auto_renew->period_num == 3);
        CHECK(r.auto_renew->times_left == 6);
    }
    CHECK(ws.findResource("data")->renewal_policy == RenewalPolicy::Manual);
    // the mounted disk is set on its own, unlimited (the console's default)
    c = EnableAutoRenew(ws, {"data"}, AutoRenewPlan{Years(1), std::nullopt}, f.now());
    REQUIRE(c.ok());
    CHECK(c.changed == std::vector<std::string>{"data"});
    CHECK(ws.findResource("data")->auto_renew->period == TermUnit::Year);
    CHECK_FALSE(ws.findResource("data")->auto_renew->times_left.has_value());
    CHECK(ws.orders.empty());  // no order placed by setting a policy
}

TEST_CASE("auto-renew count: 1..99 or unlimited; 0 and 100 refused with bad_times (seed 4.2.2.1)")
{
    for (int bad : {0, 100, -3}) {
        Fixture f = Instance();
        const Workspace before = f.ws;
        PolicyChange c = EnableAutoRenew(f.ws, {"ecs"}, AutoRenewPlan{Months(1), bad}, f.now());
        CHECK(FirstCode(c.refusals) == "bad_times");
        CHECK(f.ws == before);
    }
    for (std::optional<int> good : {std::optional<int>(1), std::optional<int>(99), std::optional<int>()}) {
        Fixture f = Instance();
        PolicyChange c = EnableAutoRenew(f.ws, {"ecs"}, AutoRenewPlan{Months(1), good}, f.now());
        CHECK(c.ok());
        CHECK(f.ws.findResource("ecs")->auto_renew->times_left == good);
    }
}

TEST_CASE(
    "enabling inside the deduction window charges at once; one second before it does not (seed 4.2.2.4, docs/rules.md)")
{
    SUBCASE("one second before 03:00 on the deduction day: no charge")
    {
        Fixture f = Instance("2025-01-24T02:59:59+08:00");
        PolicyChange c = EnableAutoRenew(f.ws, {"ecs"}, AutoRenewPlan{Months(1), 6}, f.now());
        REQUIRE(c.ok());
        CHECK(c.charges.empty());
        CHECK(f.ws.orders.empty());
        CHECK(*f.ws.account.cash_balance == Yuan("1000.00"));
    }
    SUBCASE("at 03:00:00 exactly: charged")
    {
        Fixture f = Instance("2025-01-24T03:00:00+08:00");
        PolicyChange c = EnableAutoRenew(f.ws, {"ecs"}, AutoRenewPlan{Months(1), 6}, f.now());
        REQUIRE(c.charges.size() == 1);
        CHECK(Iso(c.charges[0].at) == "2025-01-24T03:00:00+08:00");
    }
    SUBCASE("three days into the window: charged at once with a completed order paid from the cash balance")
    {
        Fixture f = Instance("2025-01-27T15:20:00+08:00");
        Workspace& ws = f.ws;
        PolicyChange c = EnableAutoRenew(ws, {"ecs"}, AutoRenewPlan{Months(1), 6}, f.now());
        REQUIRE(c.ok());
        CHECK(c.charge_failures.empty());
        REQUIRE(c.charges.size() == 1);
        const AutoRenewCharge& ch = c.charges[0];
        CHECK(ch.resource_id == "ecs");
        CHECK(Iso(ch.at) == "2025-01-27T15:20:00+08:00");
        CHECK(ch.amount == Yuan("219.40"));
        CHECK(Iso(ch.new_expire_time) == "2025-02-28T23:59:59+08:00");  // anchor 31 clamped to Feb 28
        CHECK(ch.duration == Months(1));
        CHECK(ch.times_left == 5);  // one of the 6 used
        // the order: a completed renewal by 运营系统, paid now, one item per resource of the instance
        const Order* o = ws.findOrder(ch.order_id);
        REQUIRE(o != nullptr);
        CHECK(o->order_type == OrderType::Renewal);
        CHECK(o->status == OrderStatus::Completed);
        CHECK(o->created_by == "运营系统");
        CHECK(o->payment_time == f.now());
        CHECK(o->amount_after_discount == Yuan("219.40"));
        REQUIRE(o->items.size() == 2);
        // the resources: a renewal period each, paid in cash; the balance goes down by the total
        const Resource& ecs = *ws.findResource("ecs");
        const Resource& sys = *ws.findResource("sys");
        CHECK(Iso(sys.expire_time) == "2025-02-28T23:59:59+08:00");
        REQUIRE(ecs.periods.size() == 2);
        CHECK(ecs.periods.back().kind == PeriodKind::Renewal);
        CHECK(Iso(ecs.periods.back().start) == "2025-01-31T23:59:59+08:00");
        REQUIRE(ecs.periods.back().paid.has_value());
        CHECK(ecs.periods.back().paid->cash == Yuan("191.40"));
        CHECK(sys.periods.back().paid->cash == Yuan("28.00"));
        CHECK(*ws.account.cash_balance == Yuan("780.60"));
        CHECK(ecs.auto_renew->times_left == 5);
        CHECK(sys.auto_renew->times_left == 5);
        CHECK(ecs.renewal_policy == RenewalPolicy::Auto);
    }
    SUBCASE("a short balance: the setting stands, the charge is not made and says what is missing")
    {
        Fixture f = Instance("2025-01-27T15:20:00+08:00");
        f.ws.account.cash_balance = Yuan("200.00");
        PolicyChange c = EnableAutoRenew(f.ws, {"ecs"}, AutoRenewPlan{Months(1), 6}, f.now());
        REQUIRE(c.ok());
        CHECK(c.charges.empty());
        REQUIRE(c.charge_failures.size() == 1);
        CHECK(c.charge_failures[0].code == "insufficient_balance");
        CHECK(c.charge_failures[0].subject == "ecs");
        CHECK(c.charge_failures[0].message.find("short by 19.40") != std::string::npos);  // 219.40 - 200.00
        CHECK(f.ws.findResource("ecs")->renewal_policy == RenewalPolicy::Auto);
        CHECK(Iso(f.ws.findResource("ecs")->expire_time) == "2025-01-31T23:59:59+08:00");
        CHECK(*f.ws.account.cash_balance == Yuan("200.00"));
        CHECK(f.ws.orders.empty());
    }
    SUBCASE("an expired resource in its grace period: renewed from the old expiry, and again while still due")
    {
        // expired 2025-01-31; on 2025-02-26 (grace) 1 month -> 2025-02-28, whose deduction (02-21) has also passed
        Fixture f = Instance("2025-02-26T09:00:00+08:00");
        f.ws.findResource("ecs")->status = ResourceStatus::Expired;
        PolicyChange c = EnableAutoRenew(f.ws, {"ecs"}, AutoRenewPlan{Months(1), std::nullopt}, f.now());
        REQUIRE(c.charges.size() == 2);
        CHECK(Iso(c.charges[0].new_expire_time) == "2025-02-28T23:59:59+08:00");
        CHECK(Iso(c.charges[1].new_expire_time) == "2025-03-31T23:59:59+08:00");
        CHECK(Iso(c.charges[1].at) == "2025-02-26T09:00:00+08:00");
        CHECK(f.ws.findResource("ecs")->status == ResourceStatus::InUse);
        CHECK(*f.ws.account.cash_balance == Yuan("561.20"));  // 1000.00 - 2 × 219.40
    }
    SUBCASE("an unknown balance: balance_unknown")
    {
        Fixture f = Instance("2025-01-27T15:20:00+08:00");
        f.ws.account.cash_balance.reset();
        PolicyChange c = EnableAutoRenew(f.ws, {"ecs"}, AutoRenewPlan{Months(1), 6}, f.now());
        REQUIRE(c.ok());
        CHECK(FirstCode(c.charge_failures) == "balance_unknown");
    }
}

// [SECTION] transitions

TEST_CASE("every policy transition, allowed and refused (seed 4.2.1.2, 4.2.2.1-3, 4.2.4, 4.2.5)")
{
    enum Op { ToManual, ToAuto, Modify, Cancel, ToOnDemand, ToNoRenew };
    struct Expect {
        Op op;
        RenewalPolicy target;
        const char*
            refusedFrom[4];  // the code per starting policy (manual, auto, to_on_demand, no_renew); "" = allowed
    };
    const Expect table[] = {
        {ToManual, RenewalPolicy::Manual, {"policy_unchanged", "", "", ""}},
        {ToAuto, RenewalPolicy::Auto, {"", "policy_unchanged", "", ""}},
        {Modify, RenewalPolicy::Auto, {"not_auto", "", "not_auto", "not_auto"}},
        {Cancel, RenewalPolicy::Manual, {"not_auto", "", "not_auto", "not_auto"}},
        {ToOnDemand, RenewalPolicy::ToOnDemand, {"", "", "policy_unchanged", ""}},
        {ToNoRenew, RenewalPolicy::NoRenew, {"", "", "", "policy_unchanged"}},
    };
    for (const Expect& e : table) {
        for (int from = 0; from < 4; ++from) {
            Fixture f = Instance();
            Workspace& ws = f.ws;
            const RenewalPolicy start = kPolicies[from];
            SetPolicy(ws, "ecs", start,
                      start == RenewalPolicy::Auto ? std::optional(Auto(TermUnit::Month, 1, 4)) : std::nullopt);
            const Workspace before = ws;
            PolicyChange c;
            switch (e.op) {
                case ToManual: c = SetManualRenewal(ws, {"ecs"}, f.now()); break;
                case ToAuto: c = EnableAutoRenew(ws, {"ecs"}, AutoRenewPlan{Months(1), 3}, f.now()); break;
                case Modify:
                    c = ModifyAutoRenew(ws, {"ecs"}, AutoRenewChange{Months(2), false, std::nullopt}, f.now());
                    break;
                case Cancel: c = CancelAutoRenew(ws, {"ecs"}, f.now()); break;
                case ToOnDemand: c = SetToOnDemand(ws, {"ecs"}, f.now()); break;
                case ToNoRenew: c = SetNoRenew(ws, {"ecs"}, f.now()); break;
            }
            CAPTURE(static_cast<int>(e.op));
            CAPTURE(from);
            const std::string expected = e.refusedFrom[from];
            if (expected.empty()) {
                CHECK(c.ok());
                CHECK(c.changed == std::vector<std::string>{"ecs", "sys"});
                CHECK(ws.findResource("ecs")->renewal_policy == e.target);
                CHECK(ws.findResource("sys")->renewal_policy == e.target);
                CHECK(ws.findResource("data")->renewal_policy == RenewalPolicy::Manual);  // mounted: its own
                // leaving auto-renew drops its settings; staying in it keeps them
                CHECK(ws.findResource("ecs")->auto_renew.has_value() == (e.target == RenewalPolicy::Auto));
            } else {
                CHECK(FirstCode(c.refusals) == expected);
                CHECK(c.refusals.front().subject == "ecs");
                CHECK(ws == before);
            }
        }
    }
}

TEST_CASE("modify auto-renew: a new period, the count kept or reset (seed 4.2.2.2)")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    SetPolicy(ws, "ecs", RenewalPolicy::Auto, Auto(TermUnit::Month, 1, 4));
    // 3 months, count kept: 4 left
    PolicyChange c = ModifyAutoRenew(ws, {"ecs"}, AutoRenewChange{Months(3), false, std::nullopt}, f.now());
    REQUIRE(c.ok());
    CHECK(ws.findResource("ecs")->auto_renew->period_num == 3);
    CHECK(ws.findResource("ecs")->auto_renew->times_left == 4);
    CHECK(ws.findResource("sys")->auto_renew->period_num == 3);
    // 1 year, count reset to 10
    c = ModifyAutoRenew(ws, {"ecs"}, AutoRenewChange{Years(1), true, 10}, f.now());
    REQUIRE(c.ok());
    CHECK(ws.findResource("ecs")->auto_renew->period == TermUnit::Year);
    CHECK(ws.findResource("ecs")->auto_renew->times_left == 10);
    // reset to unlimited
    c = ModifyAutoRenew(ws, {"ecs"}, AutoRenewChange{Years(1), true, std::nullopt}, f.now());
    REQUIRE(c.ok());
    CHECK_FALSE(ws.findResource("ecs")->auto_renew->times_left.has_value());
    CHECK_FALSE(ws.findResource("sys")->auto_renew->times_left.has_value());
    // the same settings again: policy_unchanged; a reset to 0: bad_times; a duration not offered: duration_not_offered
    const Workspace before = ws;
    CHECK(FirstCode(ModifyAutoRenew(ws, {"ecs"}, AutoRenewChange{Years(1), false, std::nullopt}, f.now()).refusals) ==
          "policy_unchanged");
    CHECK(FirstCode(ModifyAutoRenew(ws, {"ecs"}, AutoRenewChange{Years(1), true, 0}, f.now()).refusals) == "bad_times");
    CHECK(FirstCode(ModifyAutoRenew(ws, {"ecs"}, AutoRenewChange{Months(10), false, std::nullopt}, f.now()).refusals) ==
          "duration_not_offered");
    CHECK(ws == before);
}

TEST_CASE("cancel auto-renew: back to manual renewal (seed 4.2.2.3)")
{
    Fixture f = Instance();
    SetPolicy(f.ws, "ecs", RenewalPolicy::Auto, Auto(TermUnit::Month, 1, 4));
    PolicyChange c = CancelAutoRenew(f.ws, {"ecs"}, f.now());
    REQUIRE(c.ok());
    CHECK(f.ws.findResource("ecs")->renewal_policy == RenewalPolicy::Manual);
    CHECK_FALSE(f.ws.findResource("ecs")->auto_renew.has_value());
    // a cancelled one is no longer charged
    CHECK(RunDueAutoRenewals(f.ws, At("2025-12-31T00:00:00+08:00")).charges.empty());
}

TEST_CASE(
    "delisted products: no manual, no auto, no modify or cancel; to on-demand and no-renew still allowed (seed "
    "4.2.1.2, 4.2.2.2, 4.2.2.3, 4.2.5)")
{
    auto delisted = [](RenewalPolicy start) {
        Fixture f = Instance();
        f.ws.products[1].delisted = true;  // the bound system disk's product: the whole instance is affected
        SetPolicy(f.ws, "ecs", start,
                  start == RenewalPolicy::Auto ? std::optional(Auto(TermUnit::Month, 1, 4)) : std::nullopt);
        return f;
    };
    {
        Fixture f = delisted(RenewalPolicy::NoRenew);
        const Workspace before = f.ws;
        PolicyChange c = SetManualRenewal(f.ws, {"ecs"}, f.now());
        CHECK(FirstCode(c.refusals) == "delisted_product");
        CHECK(c.refusals.front().message.find("p-sys") != std::string::npos);
        CHECK(FirstCode(EnableAutoRenew(f.ws, {"ecs"}, AutoRenewPlan{Months(1), 1}, f.now()).refusals) ==
              "delisted_product");
        CHECK(f.ws == before);
        CHECK(SetToOnDemand(f.ws, {"ecs"}, f.now()).ok());
    }
    {
        Fixture f = delisted(RenewalPolicy::Auto);
        const Workspace before = f.ws;
        CHECK(FirstCode(
                  ModifyAutoRenew(f.ws, {"ecs"}, AutoRenewChange{Months(2), false, std::nullopt}, f.now()).refusals) ==
              "delisted_product");
        CHECK(FirstCode(CancelAutoRenew(f.ws, {"ecs"}, f.now()).refusals) == "delisted_product");
        CHECK(FirstCode(SetManualRenewal(f.ws, {"ecs"}, f.now()).refusals) == "delisted_product");
        CHECK(f.ws == before);
        CHECK(SetNoRenew(f.ws, {"ecs"}, f.now()).ok());
    }
}

TEST_CASE("to on-demand needs every product of the instance to allow it (seed 4.2.4)")
{
    Fixture f = Instance();
    f.ws.products[1].to_on_demand = false;  // the bound disk's product
    const Workspace before = f.ws;
    PolicyChange c = SetToOnDemand(f.ws, {"ecs"}, f.now());
    CHECK(FirstCode(c.refusals) == "to_on_demand_unsupported");
    CHECK(f.ws == before);
    CHECK(SetToOnDemand(f.ws, {"data"}, f.now()).ok());  // the mounted disk's product allows it
}

TEST_CASE("auto-renew duration must be one the resource can renew for (seed 4.2.1.1 step 7)")
{
    Fixture f = Instance();
    f.product("p-cdn", "", "585.00", ProductKind::ResourcePackage);
    f.resource("cdn", "p-cdn", "2024-09-01T11:11:11+08:00", "2025-09-01T23:59:59+08:00");
    f.done();
    CHECK(FirstCode(EnableAutoRenew(f.ws, {"ecs"}, AutoRenewPlan{Months(11), 1}, f.now()).refusals) ==
          "duration_not_offered");
    CHECK(FirstCode(EnableAutoRenew(f.ws, {"cdn"}, AutoRenewPlan{Months(1), 1}, f.now()).refusals) ==
          "duration_not_offered");
    CHECK(EnableAutoRenew(f.ws, {"cdn"}, AutoRenewPlan{Years(1), 1}, f.now()).ok());
}

TEST_CASE("request refusals: unknown, bound alone, closed, pending order, empty; a batch is atomic (seed 4.2.1.1 说明)")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    f.resource("gone", "p-ecs", "2024-10-08T10:00:21+08:00", "2024-11-08T23:59:59+08:00").status =
        ResourceStatus::Closed;
    f.done();
    const Workspace before = ws;
    CHECK(FirstCode(SetNoRenew(ws, {"nope"}, f.now()).refusals) == "unknown_resource");
    PolicyChange c = SetNoRenew(ws, {"sys"}, f.now());
    CHECK(FirstCode(c.refusals) == "bound_to_main");
    CHECK(c.refusals.front().message.find("ecs") != std::string::npos);
    CHECK(FirstCode(SetNoRenew(ws, {"gone"}, f.now()).refusals) == "closed");
    CHECK(FirstCode(SetNoRenew(ws, {}, f.now()).refusals) == "empty_request");
    // a batch with one bad id: every refusal listed, nothing changed
    c = SetNoRenew(ws, {"ecs", "nope", "ecs-2", "gone"}, f.now());
    CHECK(Codes(c.refusals) == std::vector<std::string>{"unknown_resource", "closed"});
    CHECK(ws == before);
    // a pending order on the bound disk locks the whole instance for every operation
    f.pendingOrder("CS-PEND", "sys");
    f.done();
    const Workspace locked = ws;
    c = SetNoRenew(ws, {"ecs"}, f.now());
    CHECK(FirstCode(c.refusals) == "pending_order");
    CHECK(c.refusals.front().message.find("CS-PEND") != std::string::npos);
    CHECK(FirstCode(EnableAutoRenew(ws, {"ecs"}, AutoRenewPlan{Months(1), 1}, f.now()).refusals) == "pending_order");
    CHECK(FirstCode(ReleaseResources(ws, {"ecs"}, At("2025-02-05T00:00:00+08:00")).refusals) == "pending_order");
    CHECK(ws == locked);
    // the mounted disk is not part of that instance
    CHECK(SetNoRenew(ws, {"data"}, f.now()).ok());
    // duplicates are ignored
    c = SetNoRenew(ws, {"ecs-2", "ecs-2"}, f.now());
    CHECK(c.changed == std::vector<std::string>{"ecs-2"});
}

// [SECTION] runs of charges

TEST_CASE("sample: the charges due in January 2025 (assets/README.md: R19 01-18, R4 01-24, R3 01-27 at 03:00)")
{
    Workspace ws = LoadSample();
    CHECK(Iso(NextDeduction(*ws.findResource(sample::R19), ws.account, ws.rules)) == "2025-01-18T03:00:00+08:00");
    CHECK(Iso(NextDeduction(*ws.findResource(sample::R4), ws.account, ws.rules)) == "2025-01-24T03:00:00+08:00");
    CHECK(Iso(NextDeduction(*ws.findResource(sample::R3), ws.account, ws.rules)) == "2025-01-27T03:00:00+08:00");
    const std::size_t ordersBefore = ws.orders.size();
    AutoRenewRun run = RunDueAutoRenewals(ws, At("2025-01-31T00:00:00+08:00"));
    CHECK(run.failures.empty());
    REQUIRE(run.charges.size() == 3);
    CHECK(run.charges[0].resource_id == sample::R19);
    CHECK(run.charges[0].amount == Yuan("99.00"));
    CHECK(Iso(run.charges[0].at) == "2025-01-18T03:00:00+08:00");
    CHECK(Iso(run.charges[0].new_expire_time) == "2025-02-25T23:59:59+08:00");
    CHECK(run.charges[1].resource_id == sample::R4);
    CHECK(run.charges[1].amount == Yuan("219.40"));  // R4 191.40 + bound R5 28.00
    CHECK(Iso(run.charges[1].new_expire_time) == "2025-02-28T23:59:59+08:00");
    CHECK(run.charges[1].times_left == 3);  // 4 left before
    CHECK(run.charges[2].resource_id == sample::R3);
    CHECK(run.charges[2].amount == Yuan("70.00"));
    CHECK(ws.orders.size() == ordersBefore + 3);
    CHECK(*ws.account.cash_balance == Yuan("2011.60"));  // 2400.00 - 99.00 - 219.40 - 70.00
    CHECK(ws.findResource(sample::R5)->auto_renew->times_left == 3);
    // nothing is due twice
    CHECK(RunDueAutoRenewals(ws, At("2025-01-31T00:00:00+08:00")).charges.empty());
}

TEST_CASE("a count of 1: one charge, then back to manual renewal (seed 4.2.2.1 说明)")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    REQUIRE(EnableAutoRenew(ws, {"ecs"}, AutoRenewPlan{Months(1), 1}, f.now()).ok());
    AutoRenewRun run = RunDueAutoRenewals(ws, At("2025-12-31T00:00:00+08:00"));
    REQUIRE(run.charges.size() == 1);
    CHECK(Iso(run.charges[0].at) == "2025-01-24T03:00:00+08:00");
    CHECK(run.charges[0].times_left == 0);
    CHECK(ws.findResource("ecs")->renewal_policy == RenewalPolicy::Manual);
    CHECK(ws.findResource("sys")->renewal_policy == RenewalPolicy::Manual);
    CHECK(Iso(ws.findResource("ecs")->expire_time) == "2025-02-28T23:59:59+08:00");
}

TEST_CASE("a count of 3 gives 3 charges; unlimited charges every month of the year")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    ws.account.cash_balance = Yuan("100000.00");
    REQUIRE(EnableAutoRenew(ws, {"ecs"}, AutoRenewPlan{Months(1), 3}, f.now()).ok());
    REQUIRE(EnableAutoRenew(ws, {"ecs-2"}, AutoRenewPlan{Months(1), std::nullopt}, f.now()).ok());
    AutoRenewRun run = RunDueAutoRenewals(ws, At("2026-01-14T10:00:00+08:00"));
    CHECK(run.failures.empty());
    std::vector<std::string> ecsTimes, ecs2Times;
    for (const AutoRenewCharge& c : run.charges) (c.resource_id == "ecs" ? ecsTimes : ecs2Times).push_back(Iso(c.at));
    // ecs: anchor 31 -> expiries Feb 28, Mar 31, Apr 30; charges 7 days before each old expiry
    CHECK(ecsTimes == std::vector<std::string>{"2025-01-24T03:00:00+08:00", "2025-02-21T03:00:00+08:00",
                                               "2025-03-24T03:00:00+08:00"});
    // ecs-2: expiries on the 20th; 12 charges from 2025-02-13 to 2026-01-13
    REQUIRE(ecs2Times.size() == 12);
    CHECK(ecs2Times.front() == "2025-02-13T03:00:00+08:00");
    CHECK(ecs2Times.back() == "2026-01-13T03:00:00+08:00");
    CHECK(Iso(ws.findResource("ecs-2")->expire_time) == "2026-02-20T23:59:59+08:00");
    // the run is in time order
    CHECK(std::is_sorted(run.charges.begin(), run.charges.end(),
                         [](const AutoRenewCharge& a, const AutoRenewCharge& b) { return a.at < b.at; }));
    // 3 × 219.40 + 12 × 191.40 = 658.20 + 2296.80
    CHECK(*ws.account.cash_balance == Yuan("100000.00") - Yuan("658.20") - Yuan("2296.80"));
    CHECK(ws.findResource("ecs")->renewal_policy == RenewalPolicy::Manual);
}

TEST_CASE("a yearly auto-renewal is charged once a year")
{
    Fixture f = Instance();
    f.ws.account.cash_balance = Yuan("5000.00");
    REQUIRE(EnableAutoRenew(f.ws, {"ecs-2"}, AutoRenewPlan{Years(1), std::nullopt}, f.now()).ok());
    AutoRenewRun run = RunDueAutoRenewals(f.ws, At("2026-01-14T10:00:00+08:00"));
    CHECK(run.failures.empty());
    REQUIRE(run.charges.size() == 1);
    CHECK(run.charges[0].amount == Yuan("1952.28"));
    CHECK(Iso(f.ws.findResource("ecs-2")->expire_time) == "2026-02-20T23:59:59+08:00");
}

TEST_CASE("a short balance at the deduction time: not charged, retried by the next run (docs/rules.md §3.2)")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    ws.account.cash_balance = Yuan("300.00");
    REQUIRE(EnableAutoRenew(ws, {"ecs"}, AutoRenewPlan{Months(1), std::nullopt}, f.now()).ok());
    // the first charge (219.40) is made; the second (2025-02-21) finds 80.60 and fails, one failure only
    AutoRenewRun run = RunDueAutoRenewals(ws, At("2025-06-01T00:00:00+08:00"));
    REQUIRE(run.charges.size() == 1);
    REQUIRE(run.failures.size() == 1);
    CHECK(run.failures[0].code == "insufficient_balance");
    CHECK(run.failures[0].message.find("short by 138.80") != std::string::npos);  // 219.40 - 80.60
    CHECK(Iso(ws.findResource("ecs")->expire_time) == "2025-02-28T23:59:59+08:00");
    // topped up: the next run makes the late charge, at its deduction time unless told otherwise
    ws.account.cash_balance = Yuan("1000.00");
    AutoRenewRunOptions late;
    late.not_before = At("2025-02-25T09:00:00+08:00");
    run = RunDueAutoRenewals(ws, At("2025-02-25T09:00:00+08:00"), late);
    REQUIRE(run.charges.size() == 1);
    CHECK(Iso(run.charges[0].at) == "2025-02-25T09:00:00+08:00");
    CHECK(Iso(run.charges[0].deduction_time) == "2025-02-21T03:00:00+08:00");
}

TEST_CASE("a manual renewal before the charge keeps the count and moves the next charge (seed 4.2.2.1 说明)")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    REQUIRE(EnableAutoRenew(ws, {"ecs"}, AutoRenewPlan{Months(1), 2}, f.now()).ok());
    RenewalRequest req;
    req.resource_ids = {"ecs"};
    req.duration = Months(3);
    req.as_of = f.now();
    PlacedRenewal placed = PlaceRenewalOrders(ws, req);
    REQUIRE(placed.ok());
    // while the manual renewal waits for payment, the charge cannot be made (pending_order)
    AutoRenewRun blocked = RunDueAutoRenewals(ws, At("2025-01-24T03:00:00+08:00"));
    CHECK(blocked.charges.empty());
    CHECK(FirstCode(blocked.failures) == "pending_order");
    ws.findOrder(placed.order_id)->status = OrderStatus::Completed;
    REQUIRE(ApplyPaidRenewalOrder(ws, placed.order_id).empty());
    const Resource& ecs = *ws.findResource("ecs");
    CHECK(Iso(ecs.expire_time) == "2025-04-30T23:59:59+08:00");
    CHECK(ecs.auto_renew->times_left == 2);  // kept
    CHECK(ecs.renewal_policy == RenewalPolicy::Auto);
    CHECK(Iso(NextDeduction(ecs, ws.account, ws.rules)) == "2025-04-23T03:00:00+08:00");
    AutoRenewRun run = RunDueAutoRenewals(ws, At("2025-04-22T00:00:00+08:00"));
    CHECK(run.charges.empty());
    run = RunDueAutoRenewals(ws, At("2025-12-31T00:00:00+08:00"));
    CHECK(run.charges.size() == 2);  // both times still there
}

TEST_CASE("a run without orders (a forecast) moves only expiries, counts and the balance")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    ws.account.cash_balance = Yuan("100.00");
    REQUIRE(EnableAutoRenew(ws, {"ecs"}, AutoRenewPlan{Months(1), 2}, f.now()).ok());
    AutoRenewRunOptions dry;
    dry.record_orders = false;
    dry.require_balance = false;
    AutoRenewRun run = RunDueAutoRenewals(ws, At("2025-12-31T00:00:00+08:00"), dry);
    REQUIRE(run.charges.size() == 2);
    CHECK(run.charges[0].order_id.empty());
    CHECK(ws.orders.empty());
    CHECK(ws.findResource("ecs")->periods.size() == 1);
    CHECK(Iso(ws.findResource("ecs")->expire_time) == "2025-03-31T23:59:59+08:00");
    CHECK(*ws.account.cash_balance == Yuan("-338.80"));  // 100.00 - 2 × 219.40
    CHECK(ws.findResource("ecs")->renewal_policy == RenewalPolicy::Manual);
}

TEST_CASE("charges skip closed resources and fail for delisted products (seed 4.2.1.1)")
{
    Fixture f = Instance();
    Workspace& ws = f.ws;
    SetPolicy(ws, "ecs", RenewalPolicy::Auto, Auto(TermUnit::Month, 1, std::nullopt));
    SetPolicy(ws, "ecs-2", RenewalPolicy::Auto, Auto(TermUnit::Month, 1, std::nullopt));
    ws.findResource("ecs-2")->status = ResourceStatus::Closed;
    ws.products[1].delisted = true;
    AutoRenewRun run = RunDueAutoRenewals(ws, At("2025-03-01T00:00:00+08:00"));
    CHECK(run.charges.empty());
    REQUIRE(run.failures.size() == 1);
    CHECK(run.failures[0].code == "delisted_product");
    CHECK(run.failures[0].subject == "sys");
}

// [SECTION] release

// seed 4.2.6: 释放 is offered for 已过期 (expired, or in use past its expiry) and frozen resources.
// seed 4.2.2.3: 取消自动续费 when every ticked resource is auto-renew, else 设为手动续费 (4.2.1.2).
TEST_CASE("AllAutoRenew: every id an auto-renew resource; none, an unknown id or one manual: false")
{
    Workspace ws;
    ws.resources.resize(2);
    ws.resources[0].resource_id = "a";
    ws.resources[0].renewal_policy = RenewalPolicy::Auto;
    ws.resources[1].resource_id = "m";
    ws.Reindex();
    CHECK(AllAutoRenew(ws, {"a"}));
    CHECK(AllAutoRenew(ws, {"a", "a"}));
    CHECK_FALSE(AllAutoRenew(ws, {"a", "m"}));
    CHECK_FALSE(AllAutoRenew(ws, {}));
    CHECK_FALSE(AllAutoRenew(ws, {"a", "x"}));
}

TEST_CASE("OffersRelease: expired, frozen, or in use past its expiry; never in use before it or closed")
{
    Resource r;
    r.expire_time = At("2025-02-01T23:59:59+08:00");
    const Instant before = At("2025-02-01T23:59:59+08:00"), after = At("2025-02-02T00:00:00+08:00");
    r.status = ResourceStatus::InUse;
    CHECK_FALSE(OffersRelease(r, before));  // the expiry second itself is still in use
    CHECK(OffersRelease(r, after));
    r.status = ResourceStatus::Expired;
    CHECK(OffersRelease(r, before));
    r.status = ResourceStatus::Frozen;
    CHECK(OffersRelease(r, before));
    r.status = ResourceStatus::Closed;
    CHECK_FALSE(OffersRelease(r, after));
}

TEST_CASE("release: expired only; bound attached go along, mounted stay (seed 4.2.6)")
{
    const Instant after = At("2025-02-05T10:00:00+08:00");
    SUBCASE("not yet expired: not_expired")
    {
        Fixture f = Instance();
        const Workspace before = f.ws;
        Release r = ReleaseResources(f.ws, {"ecs"}, f.now());
        CHECK(FirstCode(r.refusals) == "not_expired");
        CHECK(f.ws == before);
    }
    SUBCASE("expired: the main and its bound disk are closed, the mounted disk is kept")
    {
        Fixture f = Instance();
        f.ws.findResource("ecs")->status = ResourceStatus::Expired;
        Release r = ReleaseResources(f.ws, {"ecs"}, after);
        REQUIRE(r.ok());
        CHECK(r.released == std::vector<std::string>{"ecs", "sys"});
        CHECK(f.ws.findResource("ecs")->status == ResourceStatus::Closed);
        CHECK(f.ws.findResource("sys")->status == ResourceStatus::Closed);
        CHECK(f.ws.findResource("data")->status == ResourceStatus::InUse);
        // released again: closed
        CHECK(FirstCode(ReleaseResources(f.ws, {"ecs"}, after).refusals) == "closed");
    }
    SUBCASE("in use past its expiry counts as expired; one second before it does not")
    {
        Fixture f = Instance();
        CHECK(FirstCode(ReleaseResources(f.ws, {"ecs-2"}, At("2025-02-20T23:59:59+08:00")).refusals) == "not_expired");
        CHECK(ReleaseResources(f.ws, {"ecs-2"}, At("2025-02-21T00:00:00+08:00")).ok());
    }
    SUBCASE("frozen for arrears or violation: allowed; police: police_frozen; unknown reason: frozen_reason_unknown")
    {
        for (FrozenReason reason : {FrozenReason::Arrears, FrozenReason::Violation}) {
            Fixture f = Instance();
            Resource& ecs = *f.ws.findResource("ecs");
            ecs.status = ResourceStatus::Frozen;
            ecs.frozen_reason = reason;
            CHECK(ReleaseResources(f.ws, {"ecs"}, f.now()).ok());
        }
        Fixture f = Instance();
        Resource& sys = *f.ws.findResource("sys");  // the bound disk frozen by the police blocks its main
        sys.status = ResourceStatus::Frozen;
        sys.frozen_reason = FrozenReason::Police;
        f.ws.findResource("ecs")->status = ResourceStatus::Expired;
        const Workspace before = f.ws;
        CHECK(FirstCode(ReleaseResources(f.ws, {"ecs"}, after).refusals) == "police_frozen");
        sys.frozen_reason.reset();
        CHECK(FirstCode(ReleaseResources(f.ws, {"ecs"}, after).refusals) == "frozen_reason_unknown");
        sys.frozen_reason = FrozenReason::Police;
        CHECK(f.ws == before);
    }
    SUBCASE("in a transaction (an unfinished order): in_transaction; waiting for payment: pending_order")
    {
        Fixture f = Instance();
        f.ws.findResource("ecs")->status = ResourceStatus::Expired;
        f.pendingOrder("CS-PROC", "ecs", OrderStatus::Processing);
        f.done();
        Release r = ReleaseResources(f.ws, {"ecs"}, after);
        CHECK(FirstCode(r.refusals) == "in_transaction");
        CHECK(r.refusals.front().message.find("CS-PROC") != std::string::npos);
        f.ws.findOrder("CS-PROC")->status = OrderStatus::PendingPayment;
        CHECK(FirstCode(ReleaseResources(f.ws, {"ecs"}, after).refusals) == "pending_order");
        f.ws.findOrder("CS-PROC")->status = OrderStatus::Cancelled;
        CHECK(ReleaseResources(f.ws, {"ecs"}, after).ok());
    }
    SUBCASE("bound alone, unknown, empty; a batch is atomic")
    {
        Fixture f = Instance();
        f.ws.findResource("ecs")->status = ResourceStatus::Expired;
        const Workspace before = f.ws;
        CHECK(FirstCode(ReleaseResources(f.ws, {"sys"}, after).refusals) == "bound_to_main");
        CHECK(FirstCode(ReleaseResources(f.ws, {"nope"}, after).refusals) == "unknown_resource");
        CHECK(FirstCode(ReleaseResources(f.ws, {}, after).refusals) == "empty_request");
        Release r = ReleaseResources(f.ws, {"ecs", "ecs-2"}, f.now());  // ecs-2 still in use
        CHECK(Codes(r.refusals) == std::vector<std::string>{"not_expired"});
        CHECK(r.released.empty());
        CHECK(f.ws == before);
    }
}

// seed 4.2.6: an account frozen by the police blocks every operation; arrears / violation still release.
TEST_CASE("account freeze: police blocks every operation, arrears and violation still release (seed 4.2.6)")
{
    const Instant after = At("2025-02-05T10:00:00+08:00");
    auto frozenFixture = [](std::optional<FrozenReason> reason) {
        Fixture f = Instance();
        f.ws.findResource("ecs")->status = ResourceStatus::Expired;
        f.pendingOrder("CS-P", "ecs-2");
        f.done();
        f.ws.account.frozen_reason = reason;
        return f;
    };
    SUBCASE("police: every engine operation is refused with account_police_frozen and nothing changes")
    {
        Fixture f = frozenFixture(FrozenReason::Police);
        REQUIRE(AccountFreezeRefusal(f.ws, AccountOperation::Release).has_value());
        const Workspace before = f.ws;
        const std::string code = "account_police_frozen";
        CHECK(FirstCode(ReleaseResources(f.ws, {"ecs"}, after).refusals) == code);
        RenewalRequest renew;
        renew.resource_ids = {"data"};
        renew.as_of = f.now();
        CHECK(FirstCode(QuoteRenewal(f.ws, renew).refusals) == code);
        CHECK(FirstCode(PlaceRenewalOrders(f.ws, renew).quote.refusals) == code);
        CHECK(FirstCode(SetManualRenewal(f.ws, {"data"}, f.now()).refusals) == code);
        CHECK(FirstCode(EnableAutoRenew(f.ws, {"data"}, {Months(1), 3}, f.now()).refusals) == code);
        CHECK(FirstCode(ModifyAutoRenew(f.ws, {"data"}, {Months(1), false, {}}, f.now()).refusals) == code);
        CHECK(FirstCode(CancelAutoRenew(f.ws, {"data"}, f.now()).refusals) == code);
        CHECK(FirstCode(SetToOnDemand(f.ws, {"data"}, f.now()).refusals) == code);
        CHECK(FirstCode(SetNoRenew(f.ws, {"data"}, f.now()).refusals) == code);
        CHECK(FirstCode(SetDeductionDaysBefore(f.ws, 3, f.now()).refusals) == code);
        CHECK(FirstCode(PayOrders(f.ws, {{"CS-P"}, std::nullopt, f.now()}).refusals) == code);
        CHECK(FirstCode(CancelOrders(f.ws, {{"CS-P"}, f.now()}).refusals) == code);
        RefundPreview p = PreviewRefund(f.ws, {{"data"}, false, std::nullopt, f.now()});
        REQUIRE(p.items.size() == 1);
        CHECK(p.items[0].scenario == UnsubscribeScenario::NotAllowed);
        CHECK(p.items[0].reason_code == code);
        CHECK(FirstCode(Unsubscribe(f.ws, {{{"data"}, false, std::nullopt, f.now()}, {}, ""}).refusals) == code);
        SetPolicy(f.ws, "ecs-2", RenewalPolicy::Auto, Auto(TermUnit::Month, 1, std::nullopt));
        const Workspace autoBefore = f.ws;
        AutoRenewRun run = RunDueAutoRenewals(f.ws, At("2025-02-28T10:00:00+08:00"));
        CHECK(run.charges.empty());
        CHECK(FirstCode(run.failures) == code);
        CHECK(f.ws == autoBefore);
        SetPolicy(f.ws, "ecs-2", RenewalPolicy::Manual);
        CHECK(f.ws == before);
    }
    SUBCASE("arrears or violation: release, renewal and policy changes are allowed")
    {
        for (FrozenReason reason : {FrozenReason::Arrears, FrozenReason::Violation}) {
            CAPTURE(static_cast<int>(reason));
            Fixture f = frozenFixture(reason);
            CHECK_FALSE(AccountFreezeRefusal(f.ws, AccountOperation::Release).has_value());
            RenewalRequest renew;
            renew.resource_ids = {"data"};
            renew.as_of = f.now();
            CHECK(QuoteRenewal(f.ws, renew).ok());
            CHECK(SetNoRenew(f.ws, {"data"}, f.now()).ok());
            Release r = ReleaseResources(f.ws, {"ecs"}, after);
            REQUIRE(r.ok());
            CHECK(r.released == std::vector<std::string>{"ecs", "sys"});
        }
    }
}

TEST_CASE("sample: release R14 (expired, grace), R12 + R13 (arrears-frozen); not R10 (police) or R6 (pending order)")
{
    Workspace ws = LoadSample();
    const Instant now = *ws.as_of;
    CHECK(FirstCode(ReleaseResources(ws, {sample::R10}, now).refusals) == "police_frozen");
    CHECK(FirstCode(ReleaseResources(ws, {sample::R6}, now).refusals) == "pending_order");
    CHECK(FirstCode(ReleaseResources(ws, {sample::R16}, now).refusals) == "not_expired");
    Release r = ReleaseResources(ws, {sample::R14, sample::R12}, now);
    REQUIRE(r.ok());
    CHECK(r.released == std::vector<std::string>{sample::R14, sample::R12, sample::R13});
    CHECK(ws.findResource(sample::R13)->status == ResourceStatus::Closed);
    // A released frozen resource keeps no frozen_reason (the format allows one only with status frozen),
    // so the workspace saved after the release opens again as it was.
    CHECK_FALSE(ws.findResource(sample::R12)->frozen_reason.has_value());
    const std::string saved = SaveWorkspace(ws);
    LoadResult again = LoadWorkspace(saved, "released.json");
    REQUIRE_MESSAGE(again.ok, (again.errors.empty() ? std::string() : again.errors.front().str()));
    CHECK(SaveWorkspace(again.workspace) == saved);
}

TEST_CASE("a run taken in steps makes the same charges in the same order")
{
    Workspace a = LoadSample();
    Workspace b = a;
    const Instant upTo = At("2025-12-31T00:00:00+08:00");
    a.account.cash_balance = Yuan("100000.00");
    b.account.cash_balance = Yuan("100000.00");
    const AutoRenewRun whole = RunDueAutoRenewals(a, upTo);
    AutoRenewRunner runner(b, upTo);
    AutoRenewRun steps;
    int n = 0;
    while (!runner.Step(2, steps)) ++n;
    CHECK(n >= 10);
    REQUIRE(steps.charges.size() == whole.charges.size());
    for (std::size_t i = 0; i < whole.charges.size(); ++i) {
        CHECK(steps.charges[i].resource_id == whole.charges[i].resource_id);
        CHECK(steps.charges[i].at == whole.charges[i].at);
        CHECK(steps.charges[i].order_id == whole.charges[i].order_id);
    }
    CHECK(a == b);
    CHECK(runner.done());
    CHECK(runner.reached() == upTo);
}
