// Tests for core/engine/orders.h: statuses and their moves, payment deadlines, paying one or 1..30 orders,
// combined trade orders, cancelling, order details and trade history (seed 4.1, 4.3).
//
// Synopsis of what is tested:
//   CanTransition / AdvanceStatus, PaymentDeadline / StatusAsOf / ExpirePendingOrders, CombinedGroup
//   PlanPayment / PayOrders: the seed's four cases of 4.1.1 step 5, 30 vs 31 orders, coupons, balance,
//                            renewal periods, combined trade orders, atomicity
//   PlanCancel / CancelOrders: pending payment only, combined trade orders, 30 vs 31
//   DescribeOrder / TradeHistory: amounts, resources, history and its filters
//   WritePaymentResult / WriteCancelResult
//   SortNewestFirst: the lists' order, stable, any int64 time
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] lifecycle
//   [SECTION] pay
//   [SECTION] 自动续费 chosen when renewing (seed 4.2.1.1 step 7)
//   [SECTION] cancel
//   [SECTION] details
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/engine/auto_renew.h"
#include "core/engine/orders.h"
#include "core/engine/renewal.h"
#include "test_orders_fixture.h"
#include "support.h"

using namespace qd;
using qd::orders_test::Paid;
using qd::renewal_test::At;
using qd::renewal_test::Fixture;
using qd::renewal_test::LoadSample;
using qd::renewal_test::Yuan;
namespace sample = qd::renewal_test::sample;

namespace {

// Sample orders (assets/sample-workspace.json).
constexpr const char* kCombined = "CS25011409123H8RN";      // combined trade order: renewal of R1+R2 and R21, 2262.28
constexpr const char* kCombinedEcs = "CS25011409123D4SW";   // its sub-order: R1 + R2, 2232.28
constexpr const char* kCombinedMkp = "CS25011409123G7XC";   // its sub-order: R21, 30.00
constexpr const char* kPendingEcs = "CS25011316401M3QF";    // pending renewal of R6 + bound disk, 219.40
constexpr const char* kConfirmation = "CS25011315084K2ZP";  // pending_confirmation
constexpr const char* kReview = "CS25011011203N6TY";        // pending_review
constexpr const char* kCompleted = "CS25011214212E9GX";     // completed
constexpr const char* kCancelled = "CS25010609304X5NE";     // cancelled

PaymentRequest Pay(std::vector<std::string> ids, Instant asOf,
                   std::optional<std::vector<std::string>> coupons = std::nullopt)
{
    return PaymentRequest{std::move(ids), std::move(coupons), asOf};
}

std::vector<std::string> Codes(const Refusals& list) { return qd::test::CodesAndSubjects(list, " "); }

// n lone orders pending payment, 1.00 each, no items (new purchases), and a cash balance of 100.00.
Fixture PendingOrders(int n)
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.ws.account.cash_balance = Yuan("100.00");
    for (int i = 0; i < n; ++i) {
        Order o;
        o.order_id = "CS" + std::to_string(1000 + i);
        o.order_type = OrderType::New;
        o.status = OrderStatus::PendingPayment;
        o.create_time = At("2025-01-14T09:00:00+08:00");
        o.amount_after_discount = Yuan("1.00");
        f.ws.orders.push_back(o);
    }
    f.done();
    return f;
}

std::vector<std::string> Ids(int n)
{
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) ids.push_back("CS" + std::to_string(1000 + i));
    return ids;
}

}  // namespace

// [SECTION] lifecycle

TEST_CASE("order statuses: the moves of seed 4.3.5 表 4-1 and no others")
{
    using S = OrderStatus;
    const S all[] = {S::PendingPayment, S::PendingReview, S::Refunding,          S::Processing,
                     S::Completed,      S::Cancelled,     S::PendingConfirmation};
    auto allowed = [](S from, S to) {
        switch (from) {
            case S::PendingConfirmation: return to == S::PendingPayment || to == S::Cancelled;  // confirmed / declined
            case S::PendingReview: return to == S::PendingPayment || to == S::Refunding || to == S::Cancelled;
            case S::PendingPayment: return to == S::Processing || to == S::Completed || to == S::Cancelled;
            case S::Processing: return to == S::Completed;
            case S::Refunding: return to == S::Completed;
            default: return false;  // completed, cancelled: final
        }
    };
    int moves = 0;
    for (S from : all)
        for (S to : all) {
            CAPTURE(std::string(ToString(from)) + " -> " + std::string(ToString(to)));
            CHECK(CanTransition(from, to) == allowed(from, to));
            moves += CanTransition(from, to) ? 1 : 0;
        }
    CHECK(moves == 10);
    Order o;
    o.status = S::Completed;
    CHECK_FALSE(AdvanceStatus(o, S::Cancelled));
    CHECK(o.status == S::Completed);
    o.status = S::Refunding;
    CHECK(AdvanceStatus(o, S::Completed));
    CHECK(o.status == S::Completed);
}

// seed 4.1: 待支付订单 lists the orders waiting to be paid, those to be reviewed or confirmed first too.
TEST_CASE("awaiting payment: pending payment, review or confirmation; never an unsubscribe order (seed 4.1)")
{
    for (OrderStatus s :
         {OrderStatus::PendingPayment, OrderStatus::PendingReview, OrderStatus::Refunding, OrderStatus::Processing,
          OrderStatus::Completed, OrderStatus::Cancelled, OrderStatus::PendingConfirmation}) {
        CAPTURE(ToString(s));
        Order o;
        o.order_type = OrderType::Renewal;
        const bool waiting = s == OrderStatus::PendingPayment || s == OrderStatus::PendingReview ||
                             s == OrderStatus::PendingConfirmation;
        CHECK(IsAwaitingPayment(o, s) == waiting);
        o.order_type = OrderType::Unsubscribe;
        CHECK_FALSE(IsAwaitingPayment(o, s));
    }
}

TEST_CASE("payment deadline: create + 7 days by default, then cancelled as of the clock, to the second (seed 4.1.2)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    Order o;
    o.order_id = "CS1";
    o.status = OrderStatus::PendingPayment;
    o.create_time = At("2025-01-13T16:40:12+08:00");
    // docs/rules.md §6 pending_payment_days 7
    CHECK(PaymentDeadline(o, f.ws.rules) == At("2025-01-20T16:40:12+08:00"));
    CHECK(StatusAsOf(o, f.ws.rules, At("2025-01-20T16:40:11+08:00")) == OrderStatus::PendingPayment);
    CHECK(StatusAsOf(o, f.ws.rules, At("2025-01-20T16:40:12+08:00")) == OrderStatus::Cancelled);
    f.ws.rules.pending_payment_days = 3;  // profile override
    CHECK(PaymentDeadline(o, f.ws.rules) == At("2025-01-16T16:40:12+08:00"));
    o.pending_payment_end_time = At("2025-01-15T00:00:00+08:00");  // the order's own deadline wins
    CHECK(PaymentDeadline(o, f.ws.rules) == At("2025-01-15T00:00:00+08:00"));
    o.status = OrderStatus::PendingReview;  // only pending payment expires
    CHECK(StatusAsOf(o, f.ws.rules, At("2026-01-01T00:00:00+08:00")) == OrderStatus::PendingReview);

    Workspace ws = LoadSample();
    // The sample's pending orders end 2025-01-20 16:40:12 (M3QF) and 2025-01-21 09:12:36 (the combined order).
    CHECK(ExpirePendingOrders(ws, At("2025-01-20T16:40:12+08:00")) == std::vector<std::string>{kPendingEcs});
    CHECK(ws.findOrder(kPendingEcs)->status == OrderStatus::Cancelled);
    CHECK(ws.findOrder(kCombined)->status == OrderStatus::PendingPayment);
    CHECK(ExpirePendingOrders(ws, At("2025-01-21T09:12:36+08:00")).size() == 3);
}

TEST_CASE("combined trade orders: any member names the parent and all its sub-orders (seed 4.3.3 说明 1)")
{
    Workspace ws = LoadSample();
    for (const char* id : {kCombined, kCombinedEcs, kCombinedMkp}) {
        std::vector<const Order*> g = CombinedGroup(ws, *ws.findOrder(id));
        REQUIRE(g.size() == 3);
        CHECK(g[0]->order_id == kCombined);
        CHECK(g[1]->order_id == kCombinedEcs);
        CHECK(g[2]->order_id == kCombinedMkp);
    }
    CHECK(CombinedGroup(ws, *ws.findOrder(kPendingEcs)).size() == 1);
}

// [SECTION] pay

TEST_CASE("pay one renewal order: coupons, balance, new period with its paid breakdown, expiry, auto-renew kept")
{
    Workspace ws = LoadSample();
    const Resource before = *ws.findResource(sample::R6);
    PaymentResult p = PayOrders(ws, Pay({kPendingEcs}, *ws.as_of));
    REQUIRE(p.ok());
    REQUIRE(p.orders.size() == 1);
    // 219.40: discount coupon 0.9 -> 21.94 off; vouchers 50.00 (expires 01-31) + 147.46; no cash.
    CHECK(p.settlement.paid.discount_coupon == Yuan("21.94"));
    CHECK(p.settlement.paid.voucher == Yuan("197.46"));
    CHECK(p.settlement.paid.cash.isZero());
    CHECK(*ws.account.cash_balance == Yuan("2400.00"));
    CHECK(ws.findCoupon("CP2501020000459") == nullptr);
    CHECK(*ws.findCoupon("CP2412010000731")->balance == Yuan("2.54"));

    const Order& o = *ws.findOrder(kPendingEcs);
    CHECK(o.status == OrderStatus::Completed);
    CHECK(o.payment_time == ws.as_of);
    CHECK(o.amount_after_discount == Yuan("197.46"));  // 应付 after the discount coupon

    const Resource& ecs = *ws.findResource(sample::R6);
    REQUIRE(ecs.periods.size() == 2);
    const ResourcePeriod& renewal = ecs.periods[1];
    CHECK(renewal.kind == PeriodKind::Renewal);
    CHECK(renewal.order_id == kPendingEcs);
    CHECK(renewal.start == before.expire_time);
    CHECK(renewal.end == At("2025-02-18T23:59:59+08:00"));
    CHECK(ecs.expire_time == At("2025-02-18T23:59:59+08:00"));
    REQUIRE(renewal.paid);
    CHECK(renewal.paid->voucher == Yuan("172.26"));
    CHECK(renewal.paid->discount_coupon == Yuan("19.14"));
    const Resource& disk = *ws.findResource("b25e7f09-6c4a-4d13-9f8b-3e1d0a7c5f92");
    CHECK(disk.periods[1].paid->voucher == Yuan("25.20"));
    CHECK(disk.periods[1].paid->discount_coupon == Yuan("2.80"));
    CHECK(ecs.renewal_policy == before.renewal_policy);
    CHECK(ecs.auto_renew == before.auto_renew);
}

TEST_CASE("pay a renewal placed by the renewal engine; the auto-renew count is kept (seed 4.2.2.1)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.product("p-ecs", "100.00", "1000.00");
    Resource& r = f.resource("ecs-1", "p-ecs", "2024-12-20T10:00:00+08:00", "2025-01-20T23:59:59+08:00");
    r.renewal_policy = RenewalPolicy::Auto;
    r.auto_renew = AutoRenew{TermUnit::Month, 1, 4, {}};
    f.ws.account.cash_balance = Yuan("500.00");
    f.done();
    RenewalRequest rr;
    rr.resource_ids = {"ecs-1"};
    rr.duration = RenewalDuration{TermUnit::Month, 1};
    rr.as_of = f.now();
    PlacedRenewal placed = PlaceRenewalOrders(f.ws, rr);
    REQUIRE(placed.ok());
    PaymentResult p = PayOrders(f.ws, Pay({placed.order_id}, f.now()));
    REQUIRE(p.ok());
    CHECK(*f.ws.account.cash_balance == Yuan("400.00"));
    const Resource& after = *f.ws.findResource("ecs-1");
    CHECK(after.expire_time == At("2025-02-20T23:59:59+08:00"));
    CHECK(after.periods.back().paid->cash == Yuan("100.00"));
    CHECK(after.auto_renew->times_left == std::optional<int>(4));
    CHECK(f.ws.findOrder(placed.order_id)->status == OrderStatus::Completed);
}

// [SECTION] 自动续费 chosen when renewing (seed 4.2.1.1 step 7)

namespace {

// ecs-1 (100.00 a month) with its bound disk vol-1 (10.00 a month), manual renewal, expiring 2025-01-20.
Fixture ManualEcsWithDisk(std::string_view cash)
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.product("p-ecs", "100.00", "1000.00");
    f.product("p-evs", "10.00", "100.00");
    f.resource("ecs-1", "p-ecs", "2024-12-20T10:00:00+08:00", "2025-01-20T23:59:59+08:00").anchor_day = 20;
    f.attached("vol-1", "p-evs", "ecs-1", Relation::Bound);
    f.ws.account.cash_balance = Yuan(cash);
    f.done();
    return f;
}

RenewalRequest RenewWithAuto(const Fixture& f, int months, std::optional<AutoRenewOnPayment> autoRenew)
{
    RenewalRequest rr;
    rr.resource_ids = {"ecs-1"};
    rr.duration = RenewalDuration{TermUnit::Month, months};
    rr.auto_renew = autoRenew;
    rr.as_of = f.now();
    return rr;
}

}  // namespace

TEST_CASE(
    "renew with 自动续费: the instance moves to the auto-renew tab when the order is paid, not before (seed 4.2.1.1 "
    "step 7, 4.2.2.1)")
{
    Fixture f = ManualEcsWithDisk("1000.00");
    PlacedRenewal placed = PlaceRenewalOrders(f.ws, RenewWithAuto(f, 3, AutoRenewOnPayment{6}));
    REQUIRE(placed.ok());
    // The order records the choice: every 3 months (the renewal's duration), 6 times.
    const Order* order = f.ws.findOrder(placed.order_id);
    REQUIRE(order != nullptr);
    CHECK(order->auto_renew_after_payment == AutoRenew{TermUnit::Month, 3, 6, {}});
    CHECK(order->amount_after_discount == Yuan("330.00"));  // 3 × 100.00 + 3 × 10.00
    // Placed, not paid: still 手动续费项.
    CHECK(f.ws.findResource("ecs-1")->renewal_policy == RenewalPolicy::Manual);
    CHECK_FALSE(f.ws.findResource("ecs-1")->auto_renew.has_value());

    REQUIRE(PayOrders(f.ws, Pay({placed.order_id}, f.now())).ok());
    CHECK(*f.ws.account.cash_balance == Yuan("670.00"));
    for (const char* id : {"ecs-1", "vol-1"}) {  // the bound disk goes with its main
        CAPTURE(id);
        const Resource& r = *f.ws.findResource(id);
        CHECK(r.expire_time == At("2025-04-20T23:59:59+08:00"));
        CHECK(r.renewal_policy == RenewalPolicy::Auto);  // 自动续费项 from now on
        CHECK(r.auto_renew == AutoRenew{TermUnit::Month, 3, 6, {}});
    }
    // The next charge: 03:00 seven days before the new expiry (seed 4.2.2.4), not at the payment.
    const Resource& ecs = *f.ws.findResource("ecs-1");
    CHECK(NextDeduction(ecs, f.ws.account, f.ws.rules) == At("2025-04-13T03:00:00+08:00"));
    CHECK(RunDueAutoRenewals(f.ws, At("2025-04-13T02:59:59+08:00")).charges.empty());
    AutoRenewRun run = RunDueAutoRenewals(f.ws, At("2025-04-13T03:00:00+08:00"));
    REQUIRE(run.charges.size() == 1);
    CHECK(run.charges[0].amount == Yuan("330.00"));
    CHECK(run.charges[0].times_left == std::optional<int>(5));
    CHECK(f.ws.findResource("ecs-1")->expire_time == At("2025-07-20T23:59:59+08:00"));
    CHECK(*f.ws.account.cash_balance == Yuan("340.00"));

    // seed 4.2.2.1 说明: a manual renewal before the next charge moves the expiry and keeps the count (5).
    f.ws.as_of = At("2025-05-01T10:00:00+08:00");
    PlacedRenewal manual = PlaceRenewalOrders(f.ws, RenewWithAuto(f, 1, std::nullopt));
    REQUIRE(manual.ok());
    CHECK_FALSE(f.ws.findOrder(manual.order_id)->auto_renew_after_payment.has_value());
    REQUIRE(PayOrders(f.ws, Pay({manual.order_id}, f.now())).ok());
    const Resource& after = *f.ws.findResource("ecs-1");
    CHECK(after.expire_time == At("2025-08-20T23:59:59+08:00"));
    CHECK(after.renewal_policy == RenewalPolicy::Auto);
    CHECK(after.auto_renew == AutoRenew{TermUnit::Month, 3, 5, {}});
    CHECK(NextDeduction(after, f.ws.account, f.ws.rules) == At("2025-08-13T03:00:00+08:00"));
}

TEST_CASE("renew with 自动续费: a cancelled or expired order changes nothing (seed 4.2.1.1 step 7, 4.1 说明)")
{
    SUBCASE("cancelled")
    {
        Fixture f = ManualEcsWithDisk("1000.00");
        PlacedRenewal placed = PlaceRenewalOrders(f.ws, RenewWithAuto(f, 1, AutoRenewOnPayment{}));
        REQUIRE(placed.ok());
        // unlimited
        CHECK(f.ws.findOrder(placed.order_id)->auto_renew_after_payment ==
              AutoRenew{TermUnit::Month, 1, std::nullopt, {}});
        REQUIRE(CancelOrders(f.ws, CancelRequest{{placed.order_id}, f.now()}).ok());
        for (const char* id : {"ecs-1", "vol-1"}) {
            const Resource& r = *f.ws.findResource(id);
            CHECK(r.renewal_policy == RenewalPolicy::Manual);
            CHECK_FALSE(r.auto_renew.has_value());
            CHECK(r.expire_time == At("2025-01-20T23:59:59+08:00"));
        }
        CHECK(*f.ws.account.cash_balance == Yuan("1000.00"));
    }
    SUBCASE("expired unpaid after pending_payment_days")
    {
        Fixture f = ManualEcsWithDisk("1000.00");
        PlacedRenewal placed = PlaceRenewalOrders(f.ws, RenewWithAuto(f, 1, AutoRenewOnPayment{2}));
        REQUIRE(placed.ok());
        const Instant deadline = *f.ws.findOrder(placed.order_id)->pending_payment_end_time;
        CHECK(ExpirePendingOrders(f.ws, deadline.plusSeconds(1)) == std::vector<std::string>{placed.order_id});
        CHECK(f.ws.findResource("ecs-1")->renewal_policy == RenewalPolicy::Manual);
        CHECK_FALSE(f.ws.findResource("ecs-1")->auto_renew.has_value());
        // Paying it now is refused, so auto-renew can never come from it.
        CHECK_FALSE(PayOrders(f.ws, Pay({placed.order_id}, deadline.plusSeconds(1))).ok());
        CHECK(f.ws.findResource("ecs-1")->renewal_policy == RenewalPolicy::Manual);
    }
}

TEST_CASE("combined payment: 30 orders at most (seed 4.1.1 说明: 合并支付勾选的订单数最多不能超过30个)")
{
    {
        Fixture f = PendingOrders(30);
        PaymentResult p = PayOrders(f.ws, Pay(Ids(30), f.now()));
        REQUIRE(p.ok());
        CHECK(p.orders.size() == 30);
        CHECK(*f.ws.account.cash_balance == Yuan("70.00"));
        for (const Order& o : f.ws.orders) CHECK(o.status == OrderStatus::Processing);  // new purchases: being created
    }
    {
        Fixture f = PendingOrders(31);
        const Workspace before = f.ws;
        PaymentResult p = PayOrders(f.ws, Pay(Ids(31), f.now()));
        REQUIRE_FALSE(p.ok());
        CHECK(Codes(p.refusals) == std::vector<std::string>{"too_many_orders "});
        CHECK(p.refusals[0].message == "at most 30 orders can be paid at a time, got 31");
        CHECK(f.ws == before);
    }
    {  // the same order twice counts once; the profile's combined_pay_max applies
        Fixture f = PendingOrders(3);
        f.ws.rules.combined_pay_max = 2;
        CHECK(PlanPayment(f.ws, Pay({"CS1000", "CS1001", "CS1000"}, f.now())).ok());
        CHECK_FALSE(PlanPayment(f.ws, Pay(Ids(3), f.now())).ok());
    }
}

TEST_CASE("combined payment with changed statuses: the seed's four cases (seed 4.1.1 step 5 说明 1-4)")
{
    Workspace ws = LoadSample();
    const Instant now = *ws.as_of;
    SUBCASE("1. some changed: named and skipped, the rest is paid")
    {
        PaymentResult p = PayOrders(ws, Pay({kPendingEcs, kCompleted, kCancelled}, now, std::vector<std::string>{}));
        REQUIRE(p.ok());
        REQUIRE(p.orders.size() == 1);
        CHECK(p.orders[0].order_id == kPendingEcs);
        CHECK(Codes(p.skipped) == std::vector<std::string>{std::string("status_changed ") + kCompleted,
                                                           std::string("status_changed ") + kCancelled});
        CHECK(p.skipped[0].message ==
              std::string("order ") + kCompleted + " is completed: an order whose status has changed cannot be paid");
        CHECK(*ws.account.cash_balance == Yuan("2180.60"));  // 2400.00 − 219.40, cash only
    }
    SUBCASE("2. all changed: refused, nothing changes")
    {
        const Workspace before = ws;
        PaymentResult p = PayOrders(ws, Pay({kCompleted, kCancelled}, now));
        REQUIRE_FALSE(p.ok());
        CHECK(Codes(p.refusals) == std::vector<std::string>{"all_status_changed ",
                                                            std::string("status_changed ") + kCompleted,
                                                            std::string("status_changed ") + kCancelled});
        CHECK(ws == before);
    }
    SUBCASE("3. pending review: named with its own message")
    {
        PaymentResult p = PlanPayment(ws, Pay({kPendingEcs, kReview}, now));
        REQUIRE(p.ok());
        CHECK(Codes(p.skipped) == std::vector<std::string>{std::string("pending_review ") + kReview});
        CHECK(p.skipped[0].message ==
              std::string("order ") + kReview +
                  " needs review before it can be paid; you are notified by phone and e-mail when it is approved");
    }
    SUBCASE("4. pending confirmation: named with its own message")
    {
        PaymentResult p = PlanPayment(ws, Pay({kConfirmation}, now));
        REQUIRE_FALSE(p.ok());
        CHECK(Codes(p.refusals) ==
              std::vector<std::string>{"nothing_to_pay ", std::string("pending_confirmation ") + kConfirmation});
    }
    SUBCASE("an order past its deadline has changed status as of the clock")
    {
        PaymentResult p = PlanPayment(ws, Pay({kPendingEcs}, At("2025-01-20T16:40:12+08:00")));
        REQUIRE_FALSE(p.ok());
        CHECK(p.refusals[1].message == std::string("order ") + kPendingEcs +
                                           " is cancelled (payment deadline 2025-01-20T16:40:12+08:00 passed): an "
                                           "order whose status has changed cannot be paid");
    }
    SUBCASE("unknown orders and empty requests are refused")
    {
        CHECK(Codes(PlanPayment(ws, Pay({"CSX"}, now)).refusals) == std::vector<std::string>{"unknown_order CSX"});
        CHECK(Codes(PlanPayment(ws, Pay({}, now)).refusals) == std::vector<std::string>{"empty_request "});
    }
}

TEST_CASE("combined trade order: paid as a whole from any of its orders (seed 4.3.3 说明 1)")
{
    Workspace ws = LoadSample();
    PaymentResult p = PayOrders(ws, Pay({kCombinedMkp}, *ws.as_of, std::vector<std::string>{}));
    REQUIRE(p.ok());
    REQUIRE(p.orders.size() == 2);
    CHECK(p.orders[0].order_id == kCombinedEcs);
    CHECK(p.orders[1].order_id == kCombinedMkp);
    CHECK(p.combined_order_ids == std::vector<std::string>{kCombined});
    CHECK(p.settlement.due == Yuan("2262.28"));
    CHECK(*ws.account.cash_balance == Yuan("137.72"));
    for (const char* id : {kCombined, kCombinedEcs, kCombinedMkp}) {
        CHECK(ws.findOrder(id)->status == OrderStatus::Completed);
        CHECK(ws.findOrder(id)->payment_time == ws.as_of);
    }
    CHECK(ws.findResource(sample::R1)->expire_time == At("2026-04-15T23:59:59+08:00"));
    CHECK(ws.findResource(sample::R2)->expire_time == At("2026-04-15T23:59:59+08:00"));
    CHECK(ws.findResource(sample::R21)->expire_time == At("2025-02-28T23:59:59+08:00"));
    CHECK(ws.findResource(sample::R21)->periods.back().paid->cash == Yuan("30.00"));

    SUBCASE("a sub-order whose status changed keeps the whole group from being paid")
    {
        Workspace ws2 = LoadSample();
        ws2.findOrder(kCombinedMkp)->status = OrderStatus::Cancelled;
        PaymentResult q = PlanPayment(ws2, Pay({kCombinedEcs, kPendingEcs}, *ws2.as_of));
        REQUIRE(q.ok());
        CHECK(q.orders.size() == 1);
        CHECK(Codes(q.skipped) == std::vector<std::string>{std::string("status_changed ") + kCombinedMkp,
                                                           std::string("combined_order_incomplete ") + kCombined,
                                                           std::string("combined_order_incomplete ") + kCombinedEcs});
    }
}

TEST_CASE("pay refused for a short balance, with the amount missing; nothing changes")
{
    Workspace ws = LoadSample();
    ws.account.cash_balance = Yuan("2000.00");
    const Workspace before = ws;
    PaymentResult p = PayOrders(ws, Pay({kCombined}, *ws.as_of, std::vector<std::string>{}));
    REQUIRE_FALSE(p.ok());
    CHECK(p.refusals[0].code == "insufficient_balance");
    CHECK(p.refusals[0].message == "the cash balance 2000.00 is short of 2262.28 by 262.28; top up the account first");
    CHECK(ws == before);
}

TEST_CASE("payment JSON")
{
    Fixture f = PendingOrders(2);
    PaymentResult p = PlanPayment(f.ws, Pay({"CS1000", "CS1001"}, f.now()));
    JsonWriter w;
    WritePaymentResult(w, p, f.ws.rules.zone);
    CHECK(
        w.text() ==
        R"({"as_of":"2025-01-14T10:00:00+08:00","orders":[)"
        R"({"order_id":"CS1000","combined_order_id":null,"order_type":"new","due":"1.00","paid":{"cash":"1.00","voucher":"0.00","flexi_coupon":"0.00","stored_card":"0.00","discount_coupon":"0.00"},"status":"processing"},)"
        R"({"order_id":"CS1001","combined_order_id":null,"order_type":"new","due":"1.00","paid":{"cash":"1.00","voucher":"0.00","flexi_coupon":"0.00","stored_card":"0.00","discount_coupon":"0.00"},"status":"processing"}],)"
        R"("combined_order_ids":[],"coupons":[],"total":{"due":"2.00","cash":"2.00","voucher":"0.00","flexi_coupon":"0.00","stored_card":"0.00","discount_coupon":"0.00"},)"
        R"("cash_balance":{"before":"100.00","after":"98.00"},"skipped":[]})");
}

// [SECTION] cancel

TEST_CASE("cancel: pending payment only, others named and skipped (seed 4.1.2)")
{
    Workspace ws = LoadSample();
    CancelResult c = CancelOrders(ws, {{kPendingEcs, kCompleted}, *ws.as_of});
    REQUIRE(c.ok());
    CHECK(c.cancelled == std::vector<std::string>{kPendingEcs});
    CHECK(Codes(c.skipped) == std::vector<std::string>{std::string("not_pending_payment ") + kCompleted});
    CHECK(ws.findOrder(kPendingEcs)->status == OrderStatus::Cancelled);
    CHECK(ws.findOrder(kCompleted)->status == OrderStatus::Completed);

    const Workspace before = ws;
    CancelResult none = CancelOrders(ws, {{kCompleted, kReview}, *ws.as_of});
    REQUIRE_FALSE(none.ok());
    CHECK(none.refusals[0].code == "nothing_to_cancel");
    CHECK(ws == before);
}

TEST_CASE("cancel a combined trade order: all its sub-orders are cancelled with it (seed 4.3.2 说明)")
{
    for (const char* named : {kCombined, kCombinedMkp}) {
        Workspace ws = LoadSample();
        CancelResult c = CancelOrders(ws, {{named}, *ws.as_of});
        REQUIRE(c.ok());
        CHECK(c.cancelled == std::vector<std::string>{kCombined, kCombinedEcs, kCombinedMkp});
        for (const char* id : {kCombined, kCombinedEcs, kCombinedMkp})
            CHECK(ws.findOrder(id)->status == OrderStatus::Cancelled);
        CHECK(ws.findOrder(kPendingEcs)->status == OrderStatus::PendingPayment);
        // The resources are free again: a refund preview no longer sees a transaction.
        CHECK(OrderLocks::Build(ws).open(sample::R21) == nullptr);
    }
}

TEST_CASE("cancel: 30 orders per batch (docs/rules.md §5 批量取消 max 30)")
{
    {
        Fixture f = PendingOrders(30);
        CancelResult c = CancelOrders(f.ws, {Ids(30), f.now()});
        REQUIRE(c.ok());
        CHECK(c.cancelled.size() == 30);
    }
    {
        Fixture f = PendingOrders(31);
        CancelResult c = CancelOrders(f.ws, {Ids(31), f.now()});
        REQUIRE_FALSE(c.ok());
        CHECK(c.refusals[0].code == "too_many_orders");
        CHECK(c.refusals[0].message == "at most 30 orders can be cancelled at a time, got 31");
        for (const Order& o : f.ws.orders) CHECK(o.status == OrderStatus::PendingPayment);
    }
    {
        Fixture f = PendingOrders(2);
        JsonWriter w;
        WriteCancelResult(w, CancelOrders(f.ws, {{"CS1000"}, f.now()}), f.ws.rules.zone);
        CHECK(w.text() == R"({"as_of":"2025-01-14T10:00:00+08:00","cancelled":["CS1000"],"skipped":[]})");
    }
}

// [SECTION] details

TEST_CASE("order details: order, resources, amounts (seed 4.1.3, 4.3.3)")
{
    Workspace ws = LoadSample();
    std::optional<OrderDetails> d = DescribeOrder(ws, "CS24121814052T6PZ", *ws.as_of);
    REQUIRE(d);
    CHECK(d->status == OrderStatus::Completed);
    CHECK_FALSE(d->deadline);
    REQUIRE(d->resources.size() == 2);
    CHECK(d->resources[0].resource == ws.findResource(sample::R6));
    CHECK(d->resources[0].period == &ws.findResource(sample::R6)->periods[0]);
    CHECK(d->resources[0].product->product_id == "p-ecs-s6-large-2");
    CHECK(*d->amounts.list == Yuan("219.40"));
    CHECK(*d->amounts.discount == Money());
    CHECK(d->amounts.paid->cash == Yuan("119.40"));  // 91.40 + 28.00
    CHECK(d->amounts.paid->stored_card == Yuan("100.00"));
    // seed chapter 6: 实付金额 = 应付金额 − 券/卡, the cash account's part (docs/workspace-format.md "Amounts")
    CHECK(*d->amounts.actually_paid == Yuan("119.40"));
    CHECK(*d->amounts.coupons == Yuan("100.00"));

    std::optional<OrderDetails> discounted = DescribeOrder(ws, kCompleted, *ws.as_of);
    CHECK(*discounted->amounts.discount == Yuan("7.00"));  // 70.00 − 63.00
    CHECK(discounted->amounts.paid->voucher == Yuan("20.00"));
    CHECK(*discounted->amounts.actually_paid == Yuan("43.00"));  // 实付 excludes the voucher

    std::optional<OrderDetails> pending = DescribeOrder(ws, kCombinedEcs, *ws.as_of);
    CHECK(pending->status == OrderStatus::PendingPayment);
    CHECK(*pending->deadline == At("2025-01-21T09:12:36+08:00"));
    CHECK(pending->combined->order_id == kCombined);
    CHECK_FALSE(pending->amounts.paid);
    std::optional<OrderDetails> parent = DescribeOrder(ws, kCombined, *ws.as_of);
    REQUIRE(parent->sub_orders.size() == 2);
    CHECK(parent->sub_orders[0]->order_id == kCombinedEcs);
    CHECK_FALSE(DescribeOrder(ws, "CSX", *ws.as_of));
}

TEST_CASE(
    "trade history: renewals, changes and unsubscriptions of the order's resources, with the three filters (seed "
    "4.3.3)")
{
    Workspace ws = LoadSample();
    // R4 + its bound disk: bought by CS24103110120RX4A, renewed by CS24112303001N7VK and CS24122403000J2WB.
    const Order& purchase = *ws.findOrder("CS24103110120RX4A");
    std::vector<TradeHistoryEntry> all = TradeHistory(ws, purchase);
    REQUIRE(all.size() == 2);
    CHECK(all[0].order_id == "CS24112303001N7VK");
    CHECK(all[0].type == OrderType::Renewal);
    CHECK(all[1].order_id == "CS24122403000J2WB");
    CHECK(TradeHistory(ws, purchase, {OrderType::Unsubscribe, {}, {}, ""}).empty());
    CHECK(TradeHistory(ws, purchase, {std::nullopt, At("2024-12-01T00:00:00+08:00"), {}, ""}).size() == 1);
    CHECK(TradeHistory(ws, purchase, {std::nullopt, {}, At("2024-12-01T00:00:00+08:00"), ""}).size() == 1);
    CHECK(TradeHistory(ws, purchase, {std::nullopt, {}, {}, "J2WB"}).size() == 1);
    // The entry the file carries and the pending renewal found through the resource are one entry.
    std::vector<TradeHistoryEntry> mkp = TradeHistory(ws, *ws.findOrder("CS24122820053U8FA"));
    REQUIRE(mkp.size() == 1);
    CHECK(mkp[0].order_id == kCombinedMkp);
    // The closed disk's unsubscription.
    std::vector<TradeHistoryEntry> closed = TradeHistory(ws, *ws.findOrder("CS24100810000C5JR"));
    REQUIRE(closed.size() == 1);
    CHECK(closed[0].type == OrderType::Unsubscribe);
    CHECK(kTradeHistoryShown == 3);
}

TEST_CASE("orders newest first: create_time descending, equal times in the order given, any int64 time")
{
    const auto orders = [](std::vector<int64_t> times) {
        std::vector<Order> out(times.size());
        for (std::size_t i = 0; i < times.size(); ++i) out[i].create_time = Instant::FromUnixSeconds(times[i]);
        return out;
    };
    SUBCASE("none and one")
    {
        std::vector<std::size_t> none;
        SortNewestFirst(none, {});
        CHECK(none.empty());
        std::vector<std::size_t> one{0};
        SortNewestFirst(one, orders({42}));
        CHECK(one == std::vector<std::size_t>{0});
    }
    SUBCASE("descending; equal times keep the order given")
    {
        const auto os = orders({5, 9, 5, 7, 9});
        std::vector<std::size_t> all{0, 1, 2, 3, 4};
        SortNewestFirst(all, os);
        CHECK(all == std::vector<std::size_t>{1, 4, 3, 0, 2});
        std::vector<std::size_t> some{4, 2, 0};  // a filtered subset, given in another order
        SortNewestFirst(some, os);
        CHECK(some == std::vector<std::size_t>{4, 2, 0});
    }
    SUBCASE("the extremes of int64: a span of 2^64 - 1 seconds, every radix pass")
    {
        const auto os = orders({INT64_MIN, 0, INT64_MAX, -1, 1, INT64_MIN});
        std::vector<std::size_t> all{0, 1, 2, 3, 4, 5};
        SortNewestFirst(all, os);
        CHECK(all == std::vector<std::size_t>{2, 4, 1, 3, 0, 5});
    }
    SUBCASE("the same as std::stable_sort: 20,000 times over ten years, many equal")
    {
        std::vector<int64_t> times(20000);
        uint64_t x = 88172645463325252ull;  // xorshift64
        for (int64_t& t : times) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            t = 1'600'000'000 + static_cast<int64_t>(x % 3000) * 105'120;  // 3,000 distinct times in 10 years
        }
        const auto os = orders(times);
        std::vector<std::size_t> got(times.size()), want;
        for (std::size_t i = 0; i < got.size(); ++i) got[i] = got.size() - 1 - i;  // given in reverse
        want = got;
        std::stable_sort(want.begin(), want.end(), [&](std::size_t a, std::size_t b) { return times[a] > times[b]; });
        SortNewestFirst(got, os);
        CHECK(got == want);
        std::vector<const Order*> pointers;  // the overload for a list of orders, the same order
        for (std::size_t i = times.size(); i-- > 0;) pointers.push_back(&os[i]);
        SortNewestFirst(pointers);
        for (std::size_t k = 0; k < want.size(); ++k) REQUIRE(pointers[k] == &os[want[k]]);
    }
}
