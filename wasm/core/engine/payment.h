// payment.h: how an amount due is settled (seed 4.1.1 step 6 "选择优惠确认支付信息", 4.3.1 step 6;
// docs/rules.md; docs/huawei-data.md PayOrders).
//
//   SettlementPlan s = PlanSettlement(ws, due, std::nullopt, now);   // automatic choice of coupons
//   if (!s.ok()) ...                 // "insufficient_balance": short by 12.34, top up first
//   s.paid.cash, s.paid.voucher ...  // the means of payment; they add up to `due`
//   std::vector<PaidBreakdown> each = AllocatePaid(s.paid, {dueA, dueB});   // per order, exactly
//   ApplyCouponUses(ws, s.coupons);  // coupon balances go down, a used discount coupon is gone
//
// What settles a due, in this order (the console offers 折扣、代金券、储值卡, then 余额支付):
//   1. at most 1 discount coupon (折扣券): takes due × (1 − ratio) off, rounded per the profile;
//   2. at most 3 vouchers (代金券) and flexi coupons (现金券) together, each up to its balance;
//   3. stored-value cards (储值卡), each up to its balance (no count limit is published);
//   4. the account's cash balance (现金余额) for the rest: the only payment method (seed: 当前仅支持
//      余额支付). A balance short of the rest refuses the payment with the amount missing.
// A coupon is usable until its expire_time (exclusive) and while it has a balance (discount: a ratio).
//
// Automatic choice (no coupon ids given): the discount coupon with the lowest ratio; then vouchers
// and flexi coupons that expire soonest first (use before they lapse), a voucher before a flexi
// coupon on the same expiry (vouchers are not returned by a standard refund, flexi coupons are),
// smaller balance first, then by id; then stored cards by the same order. Only what is needed is
// taken: a coupon is never touched once the rest is zero. Given ids are used in the given order,
// each checked (known, usable, within the counts); an id left with nothing to pay is still listed,
// with amount 0.00, so the caller sees it was not needed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/money.h"
#include "core/model/refusal.h"
#include "core/model/workspace.h"

namespace qd {

inline constexpr int kMaxPaymentCoupons = 3;   // vouchers + flexi coupons per payment (PayOrders: ≤3 coupons)
inline constexpr int kMaxDiscountCoupons = 1;  // discount coupons per payment (PayOrders: ≤1 discount)

// All five parts: what the breakdown settled (the due before coupons).
Money SettledAmount(const PaidBreakdown& p);
// Cash + voucher + flexi coupon + stored card: what left the account's balances (a discount coupon
// only lowered the price, it is not money).
Money SpentFromAccount(const PaidBreakdown& p);

// One coupon used by a payment.
struct CouponUse {
    std::string coupon_id;
    CouponType type = CouponType::Voucher;
    Money amount;  // discount: the amount taken off; others: the value taken from the balance
    friend bool operator==(const CouponUse&, const CouponUse&) = default;
};

struct SettlementPlan {
    Money due;                         // the amount to settle (Σ amount_after_discount of the orders)
    PaidBreakdown paid;                // how: discount_coupon + voucher + flexi_coupon + stored_card + cash == due
    std::vector<CouponUse> coupons;    // in the order applied
    std::optional<Money> cash_before;  // the account's balance before; absent = not in the file
    std::optional<Money> cash_after;   // after paying; absent when cash_before is
    Refusals refusals;                 // why it cannot be paid (nothing else is meaningful then)
    bool ok() const { return refusals.empty(); }
};

// Can this coupon pay at `asOf`? Not expired (asOf < expire_time), and a positive balance (discount
// coupons: a ratio instead).
bool CouponUsable(const Coupon& coupon, Instant asOf);
// The automatic order of the coupons that pay (vouchers, flexi coupons, stored cards), as above: soonest
// expiry first (none last), a voucher before a flexi coupon, smaller balance first, then id. The payment
// dialog lists them in this order.
bool CouponPaysBefore(const Coupon& a, const Coupon& b);

// Plans the settlement of `due` (read-only). couponIds absent: automatic choice (see above); given:
// exactly those, in that order (empty: no coupons, cash only). Refusals: unknown_coupon,
// coupon_expired, coupon_empty, duplicate_coupon, too_many_coupons (more than 3 vouchers/flexi
// coupons), too_many_discount_coupons (more than 1), balance_unknown (cash needed, no cash_balance in
// the file), insufficient_balance (message names the amount missing = rest − balance).
SettlementPlan PlanSettlement(const Workspace& ws, Money due, const std::optional<std::vector<std::string>>& couponIds,
                              Instant asOf);

// Splits a settlement over several dues (orders, or the items of an order) so that each part adds
// up to its due and each means of payment adds up to its total, exactly and never negative: every
// means is shared in proportion to the dues (rounded down to the fen), then the few fen left over
// are placed in order, first due first, cash first. Precondition: SettledAmount(total) == Σ dues,
// everything >= 0 (otherwise the parts do not add up).
std::vector<PaidBreakdown> AllocatePaid(const PaidBreakdown& total, const std::vector<Money>& dues);

// Takes the uses off the coupons' balances; a used discount coupon is consumed and removed.
// Reindexes the workspace.
void ApplyCouponUses(Workspace& ws, const std::vector<CouponUse>& uses);

}  // namespace qd
