// Tests for core/engine/payment.h: which coupons settle a due, the balance, and the exact split of a payment.
//
// Synopsis of what is tested:
//   PlanSettlement: automatic choice (1 discount, ≤3 vouchers/flexi, stored cards, cash), given ids and
//                   their refusals, insufficient / unknown balance
//   AllocatePaid:   every part adds up to its due, every means to its total, never negative
//   ApplyCouponUses, CouponUsable, SettledAmount, SpentFromAccount
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/engine/payment.h"
#include "test_orders_fixture.h"

using namespace qd;
using qd::orders_test::Paid;
using qd::renewal_test::At;
using qd::renewal_test::Fixture;
using qd::renewal_test::Yuan;

namespace {

Coupon MakeCoupon(std::string id, CouponType type, std::string_view balance, std::string_view expire = "")
{
    Coupon c;
    c.coupon_id = std::move(id);
    c.type = type;
    if (type == CouponType::Discount) c.discount_ratio_bp = std::stoi(std::string(balance));
    else c.balance = Yuan(balance);
    if (!expire.empty()) c.expire_time = At(expire);
    return c;
}

// The sample workspace's coupons (assets/sample-workspace.json) and cash balance 2400.00.
Fixture SampleCoupons()
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.ws.account.cash_balance = Yuan("2400.00");
    f.ws.coupons = {MakeCoupon("CP2412010000731", CouponType::Voucher, "150.00", "2025-03-31T23:59:59+08:00"),
                    MakeCoupon("CP2412150001286", CouponType::Voucher, "50.00", "2025-01-31T23:59:59+08:00"),
                    MakeCoupon("CP2501020000459", CouponType::Discount, "9000", "2025-02-28T23:59:59+08:00"),
                    MakeCoupon("CP2411200002174", CouponType::Flexi, "200.00", "2025-06-30T23:59:59+08:00"),
                    MakeCoupon("SC2406010000088", CouponType::StoredCard, "900.00", "2025-12-31T23:59:59+08:00")};
    f.done();
    return f;
}

}  // namespace

TEST_CASE(
    "settlement: the discount coupon first, then vouchers soonest to expire, only what is needed (seed 4.1.1 step 6)")
{
    Fixture f = SampleCoupons();
    // 219.40 due: discount 0.9 takes 21.94 off; 197.46 left: voucher 50.00 (expires 01-31), then 147.46 of the 150.00 voucher.
    SettlementPlan s = PlanSettlement(f.ws, Yuan("219.40"), std::nullopt, f.now());
    REQUIRE(s.ok());
    CHECK(s.paid.discount_coupon == Yuan("21.94"));
    CHECK(s.paid.voucher == Yuan("197.46"));
    CHECK(s.paid.flexi_coupon.isZero());
    CHECK(s.paid.stored_card.isZero());
    CHECK(s.paid.cash.isZero());
    REQUIRE(s.coupons.size() == 3);
    CHECK(s.coupons[0] == CouponUse{"CP2501020000459", CouponType::Discount, Yuan("21.94")});
    CHECK(s.coupons[1] == CouponUse{"CP2412150001286", CouponType::Voucher, Yuan("50.00")});
    CHECK(s.coupons[2] == CouponUse{"CP2412010000731", CouponType::Voucher, Yuan("147.46")});
    CHECK(*s.cash_after == Yuan("2400.00"));
    CHECK(SettledAmount(s.paid) == Yuan("219.40"));
    CHECK(SpentFromAccount(s.paid) == Yuan("197.46"));
}

TEST_CASE(
    "settlement: at most 3 vouchers and flexi coupons, then stored cards, then cash (PayOrders ≤3 coupons, ≤1 "
    "discount)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.ws.account.cash_balance = Yuan("1000.00");
    for (int i = 1; i <= 5; ++i)
        f.ws.coupons.push_back(MakeCoupon("v" + std::to_string(i), CouponType::Voucher, "10.00",
                                          "2025-06-0" + std::to_string(i) + "T00:00:00+08:00"));
    f.ws.coupons.push_back(MakeCoupon("flexi", CouponType::Flexi, "10.00", "2025-05-01T00:00:00+08:00"));
    f.ws.coupons.push_back(MakeCoupon("card", CouponType::StoredCard, "25.00"));
    f.ws.coupons.push_back(MakeCoupon("d1", CouponType::Discount, "9500"));
    f.ws.coupons.push_back(MakeCoupon("d2", CouponType::Discount, "8000"));
    f.done();
    SettlementPlan s = PlanSettlement(f.ws, Yuan("200.00"), std::nullopt, f.now());
    REQUIRE(s.ok());
    REQUIRE(s.coupons.size() == 5);
    CHECK(s.coupons[0].coupon_id == "d2");  // the lowest ratio: 0.8 -> 40.00 off
    CHECK(s.coupons[0].amount == Yuan("40.00"));
    CHECK(s.coupons[1].coupon_id == "flexi");  // expires first
    CHECK(s.coupons[2].coupon_id == "v1");
    CHECK(s.coupons[3].coupon_id == "v2");  // the 3rd: v3..v5 unused
    CHECK(s.coupons[4].coupon_id == "card");
    CHECK(s.paid.voucher == Yuan("20.00"));
    CHECK(s.paid.flexi_coupon == Yuan("10.00"));
    CHECK(s.paid.stored_card == Yuan("25.00"));
    CHECK(s.paid.cash == Yuan("105.00"));
    CHECK(*s.cash_after == Yuan("895.00"));
}

TEST_CASE("settlement: a voucher goes before a flexi coupon expiring the same day; expired coupons are not used")
{
    Fixture f("2025-01-31T23:59:59+08:00");
    f.ws.account.cash_balance = Yuan("100.00");
    f.ws.coupons = {MakeCoupon("flexi", CouponType::Flexi, "5.00", "2025-03-01T00:00:00+08:00"),
                    MakeCoupon("voucher", CouponType::Voucher, "5.00", "2025-03-01T00:00:00+08:00"),
                    // expires at this very second
                    MakeCoupon("lapsed", CouponType::Voucher, "50.00", "2025-01-31T23:59:59+08:00")};
    f.done();
    CHECK_FALSE(CouponUsable(f.ws.coupons[2], f.now()));
    CHECK(CouponUsable(f.ws.coupons[2], f.now().plusSeconds(-1)));
    SettlementPlan s = PlanSettlement(f.ws, Yuan("7.00"), std::nullopt, f.now());
    REQUIRE(s.coupons.size() == 2);
    CHECK(s.coupons[0] == CouponUse{"voucher", CouponType::Voucher, Yuan("5.00")});
    CHECK(s.coupons[1] == CouponUse{"flexi", CouponType::Flexi, Yuan("2.00")});
}

TEST_CASE("settlement with given coupons: their order, their checks")
{
    Fixture f = SampleCoupons();
    SettlementPlan none = PlanSettlement(f.ws, Yuan("100.00"), std::vector<std::string>{}, f.now());
    REQUIRE(none.ok());
    CHECK(none.coupons.empty());
    CHECK(none.paid.cash == Yuan("100.00"));

    SettlementPlan flexi =
        PlanSettlement(f.ws, Yuan("100.00"), std::vector<std::string>{"CP2411200002174", "CP2501020000459"}, f.now());
    REQUIRE(flexi.ok());
    CHECK(flexi.coupons[0].coupon_id == "CP2501020000459");  // the discount applies first whatever the order given
    CHECK(flexi.paid.discount_coupon == Yuan("10.00"));
    CHECK(flexi.paid.flexi_coupon == Yuan("90.00"));

    f.ws.coupons.push_back(MakeCoupon("v3", CouponType::Voucher, "1.00"));
    f.ws.coupons.push_back(MakeCoupon("v4", CouponType::Voucher, "1.00"));
    f.ws.coupons.push_back(MakeCoupon("d2", CouponType::Discount, "9000"));
    f.ws.coupons.push_back(MakeCoupon("empty", CouponType::Voucher, "0.00"));
    f.ws.coupons.push_back(MakeCoupon("old", CouponType::Voucher, "5.00", "2025-01-01T00:00:00+08:00"));
    f.done();
    auto code = [&](std::vector<std::string> ids) {
        SettlementPlan s = PlanSettlement(f.ws, Yuan("100.00"), ids, f.now());
        return s.ok() ? std::string("ok") : s.refusals.front().code;
    };
    CHECK(code({"CP2412010000731", "CP2412150001286", "CP2411200002174"}) == "ok");
    CHECK(code({"CP2412010000731", "CP2412150001286", "CP2411200002174", "v3"}) == "too_many_coupons");  // 4 of 3
    CHECK(code({"CP2501020000459", "d2"}) == "too_many_discount_coupons");                               // 2 of 1
    // stored cards do not count
    CHECK(code({"SC2406010000088", "CP2412010000731", "CP2412150001286", "CP2411200002174"}) == "ok");
    CHECK(code({"nope"}) == "unknown_coupon");
    CHECK(code({"v3", "v3"}) == "duplicate_coupon");
    CHECK(code({"empty"}) == "coupon_empty");
    CHECK(code({"old"}) == "coupon_expired");
    // A given coupon not needed is still listed, with 0.00.
    SettlementPlan extra = PlanSettlement(f.ws, Yuan("1.00"), std::vector<std::string>{"v3", "v4"}, f.now());
    REQUIRE(extra.coupons.size() == 2);
    CHECK(extra.coupons[1].amount.isZero());
}

TEST_CASE("settlement: a short balance is refused with the amount missing (seed 4.1.1 step 6 说明)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.ws.account.cash_balance = Yuan("30.00");
    f.done();
    SettlementPlan s = PlanSettlement(f.ws, Yuan("100.00"), std::nullopt, f.now());
    REQUIRE_FALSE(s.ok());
    CHECK(s.refusals[0].code == "insufficient_balance");
    CHECK(s.refusals[0].message == "the cash balance 30.00 is short of 100.00 by 70.00; top up the account first");
    f.ws.account.cash_balance = Yuan("-10.00");  // in arrears
    CHECK(PlanSettlement(f.ws, Yuan("100.00"), std::nullopt, f.now()).refusals[0].message ==
          "the cash balance -10.00 is short of 100.00 by 110.00; top up the account first");
    f.ws.account.cash_balance = Yuan("100.00");  // exactly enough
    CHECK(*PlanSettlement(f.ws, Yuan("100.00"), std::nullopt, f.now()).cash_after == Money());
    f.ws.account.cash_balance.reset();
    CHECK(PlanSettlement(f.ws, Yuan("100.00"), std::nullopt, f.now()).refusals[0].code == "balance_unknown");
    CHECK(PlanSettlement(f.ws, Money(), std::nullopt, f.now()).ok());  // nothing to take from it
}

TEST_CASE("AllocatePaid: each due is paid exactly, each means adds up, nothing negative")
{
    // 219.40 over 191.40 + 28.00 with voucher 197.46 and discount 21.94: the discount splits exactly (10%), the voucher
    // leaves 1 fen, which goes to the first part short of its due.
    std::vector<PaidBreakdown> parts =
        AllocatePaid(Paid("0", "197.46", "0", "0", "21.94"), {Yuan("191.40"), Yuan("28.00")});
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].voucher == Yuan("172.26"));
    CHECK(parts[0].discount_coupon == Yuan("19.14"));
    CHECK(parts[1].voucher == Yuan("25.20"));
    CHECK(parts[1].discount_coupon == Yuan("2.80"));

    // Generated cases (deterministic LCG): 1..6 dues, 5 means.
    uint64_t state = 12345;
    auto next = [&](int64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int64_t>((state >> 33) % static_cast<uint64_t>(n));
    };
    for (int round = 0; round < 2000; ++round) {
        std::vector<Money> dues(static_cast<std::size_t>(1 + next(6)));
        Money sum;
        for (Money& d : dues) {
            d = Money::FromFen(next(4) == 0 ? 0 : next(100000));
            sum += d;
        }
        // Split the sum into 5 means at random cut points.
        std::vector<int64_t> cuts{0, sum.fen()};
        for (int k = 0; k < 4; ++k) cuts.push_back(sum.fen() == 0 ? 0 : next(sum.fen() + 1));
        std::sort(cuts.begin(), cuts.end());
        PaidBreakdown total;
        total.cash = Money::FromFen(cuts[1] - cuts[0]);
        total.voucher = Money::FromFen(cuts[2] - cuts[1]);
        total.flexi_coupon = Money::FromFen(cuts[3] - cuts[2]);
        total.stored_card = Money::FromFen(cuts[4] - cuts[3]);
        total.discount_coupon = Money::FromFen(cuts[5] - cuts[4]);
        std::vector<PaidBreakdown> out = AllocatePaid(total, dues);
        REQUIRE(out.size() == dues.size());
        PaidBreakdown back;
        for (std::size_t i = 0; i < out.size(); ++i) {
            CHECK(SettledAmount(out[i]) == dues[i]);
            CHECK_FALSE(out[i].cash.isNegative());
            CHECK_FALSE(out[i].voucher.isNegative());
            CHECK_FALSE(out[i].flexi_coupon.isNegative());
            CHECK_FALSE(out[i].stored_card.isNegative());
            CHECK_FALSE(out[i].discount_coupon.isNegative());
            back.cash += out[i].cash;
            back.voucher += out[i].voucher;
            back.flexi_coupon += out[i].flexi_coupon;
            back.stored_card += out[i].stored_card;
            back.discount_coupon += out[i].discount_coupon;
        }
        CHECK(back == total);
    }
}

TEST_CASE("ApplyCouponUses: balances go down, a used discount coupon is gone")
{
    Fixture f = SampleCoupons();
    SettlementPlan s = PlanSettlement(f.ws, Yuan("219.40"), std::nullopt, f.now());
    ApplyCouponUses(f.ws, s.coupons);
    CHECK(f.ws.findCoupon("CP2501020000459") == nullptr);
    CHECK(*f.ws.findCoupon("CP2412150001286")->balance == Money());
    CHECK(*f.ws.findCoupon("CP2412010000731")->balance == Yuan("2.54"));
    CHECK(*f.ws.findCoupon("CP2411200002174")->balance == Yuan("200.00"));
    CHECK(f.ws.coupons.size() == 4);
}
