// payment.cpp: settling an amount due with coupons and the cash balance (payment.h).
#include "core/engine/payment.h"

#include <algorithm>
#include <array>

namespace qd {

Money SettledAmount(const PaidBreakdown& p)
{
    return p.cash + p.voucher + p.flexi_coupon + p.stored_card + p.discount_coupon;
}
Money SpentFromAccount(const PaidBreakdown& p) { return p.cash + p.voucher + p.flexi_coupon + p.stored_card; }

bool CouponUsable(const Coupon& coupon, Instant asOf)
{
    if (coupon.expire_time && !(asOf < *coupon.expire_time)) return false;
    if (coupon.type == CouponType::Discount) return coupon.discount_ratio_bp.has_value();
    return coupon.balance && coupon.balance->isPositive();
}

namespace {

// Soonest expiry first; a coupon that never expires comes last.
bool ExpiresBefore(const Coupon& a, const Coupon& b)
{
    if (a.expire_time != b.expire_time) {
        if (!a.expire_time) return false;
        if (!b.expire_time) return true;
        return *a.expire_time < *b.expire_time;
    }
    return false;
}

}  // namespace

bool CouponPaysBefore(const Coupon& ca, const Coupon& cb)
{
    const Coupon* a = &ca;
    const Coupon* b = &cb;
    if (ExpiresBefore(*a, *b)) return true;
    if (ExpiresBefore(*b, *a)) return false;
    if (a->type != b->type) return a->type == CouponType::Voucher;  // voucher before flexi on the same day
    const Money ba = a->balance.value_or(Money()), bb = b->balance.value_or(Money());
    if (ba != bb) return ba < bb;
    return a->coupon_id < b->coupon_id;
}

namespace {

bool PaysBefore(const Coupon* a, const Coupon* b) { return CouponPaysBefore(*a, *b); }

std::vector<const Coupon*> AutomaticChoice(const Workspace& ws, Instant asOf)
{
    const Coupon* discount = nullptr;
    std::vector<const Coupon*> coupons, cards;
    for (const Coupon& c : ws.coupons) {
        if (!CouponUsable(c, asOf)) continue;
        switch (c.type) {
            case CouponType::Discount:
                if (!discount || *c.discount_ratio_bp < *discount->discount_ratio_bp ||
                    (*c.discount_ratio_bp == *discount->discount_ratio_bp && ExpiresBefore(c, *discount)))
                    discount = &c;
                break;
            case CouponType::Voucher:
            case CouponType::Flexi: coupons.push_back(&c); break;
            case CouponType::StoredCard: cards.push_back(&c); break;
        }
    }
    std::sort(coupons.begin(), coupons.end(), PaysBefore);
    std::sort(cards.begin(), cards.end(), PaysBefore);
    std::vector<const Coupon*> out;
    if (discount) out.push_back(discount);
    out.insert(out.end(), coupons.begin(),
               coupons.end());  // only the first kMaxPaymentCoupons that are needed get used
    out.insert(out.end(), cards.begin(), cards.end());
    return out;
}

Money& PartOf(PaidBreakdown& p, CouponType type)
{
    switch (type) {
        case CouponType::Voucher: return p.voucher;
        case CouponType::Flexi: return p.flexi_coupon;
        case CouponType::StoredCard: return p.stored_card;
        case CouponType::Discount: break;
    }
    return p.discount_coupon;
}

}  // namespace

SettlementPlan PlanSettlement(const Workspace& ws, Money due, const std::optional<std::vector<std::string>>& couponIds,
                              Instant asOf)
{
    SettlementPlan plan;
    plan.due = due;
    plan.cash_before = ws.account.cash_balance;

    std::vector<const Coupon*> chosen;
    const bool automatic = !couponIds.has_value();
    if (automatic) {
        chosen = AutomaticChoice(ws, asOf);
    } else {
        int discounts = 0, coupons = 0;
        for (const std::string& id : *couponIds) {
            const Coupon* c = ws.findCoupon(id);
            if (!c) {
                plan.refusals.push_back({"unknown_coupon", id, "no coupon " + id + " in the workspace"});
                continue;
            }
            if (std::find(chosen.begin(), chosen.end(), c) != chosen.end()) {
                plan.refusals.push_back({"duplicate_coupon", id, "coupon " + id + " is given twice"});
                continue;
            }
            if (c->expire_time && !(asOf < *c->expire_time)) {
                plan.refusals.push_back({"coupon_expired", id,
                                         "coupon " + id + " expired at " + FormatIso(*c->expire_time, ws.rules.zone)});
                continue;
            }
            if (!CouponUsable(*c, asOf)) {
                plan.refusals.push_back({"coupon_empty", id, "coupon " + id + " has no balance left"});
                continue;
            }
            chosen.push_back(c);
            if (c->type == CouponType::Discount) ++discounts;
            if (c->type == CouponType::Voucher || c->type == CouponType::Flexi) ++coupons;
        }
        if (discounts > kMaxDiscountCoupons)
            plan.refusals.push_back({"too_many_discount_coupons", "",
                                     "at most 1 discount coupon per payment, got " + std::to_string(discounts)});
        if (coupons > kMaxPaymentCoupons)
            plan.refusals.push_back(
                {"too_many_coupons", "",
                 "at most 3 vouchers and flexi coupons per payment, got " + std::to_string(coupons)});
        if (!plan.ok()) return plan;
    }

    // The discount coupon first: it lowers the price the other means then pay.
    std::stable_partition(chosen.begin(), chosen.end(),
                          [](const Coupon* c) { return c->type == CouponType::Discount; });
    Money rest = due;
    int couponsUsed = 0;
    for (const Coupon* c : chosen) {
        Money take;
        if (c->type == CouponType::Discount) {
            take = MulDiv(due, 10000 - *c->discount_ratio_bp, 10000, ws.rules.rounding);
            take = std::min(take, rest);
        } else {
            const bool counted = c->type != CouponType::StoredCard;
            if (automatic && (rest.isZero() || (counted && couponsUsed == kMaxPaymentCoupons))) continue;
            take = std::min(*c->balance, rest);
            if (counted) ++couponsUsed;
        }
        if (automatic && take.isZero()) continue;
        rest -= take;
        PartOf(plan.paid, c->type) += take;
        plan.coupons.push_back({c->coupon_id, c->type, take});
    }
    plan.paid.cash = rest;

    if (rest.isPositive()) {
        if (!plan.cash_before) {
            plan.refusals.push_back({"balance_unknown", "",
                                     "the cash balance is not in the workspace (account.cash_balance); " + rest.str() +
                                         " is to be paid from it"});
            return plan;
        }
        if (*plan.cash_before < rest) {
            const Money missing = rest - *plan.cash_before;
            plan.refusals.push_back({"insufficient_balance", "",
                                     "the cash balance " + plan.cash_before->str() + " is short of " + rest.str() +
                                         " by " + missing.str() + "; top up the account first"});
            return plan;
        }
    }
    if (plan.cash_before) plan.cash_after = *plan.cash_before - rest;
    return plan;
}

std::vector<PaidBreakdown> AllocatePaid(const PaidBreakdown& total, const std::vector<Money>& dues)
{
    constexpr std::size_t kMeans = 5;
    const std::array<Money, kMeans> totals{total.cash, total.voucher, total.flexi_coupon, total.stored_card,
                                           total.discount_coupon};
    auto part = [](PaidBreakdown& p, std::size_t k) -> Money& {
        switch (k) {
            case 0: return p.cash;
            case 1: return p.voucher;
            case 2: return p.flexi_coupon;
            case 3: return p.stored_card;
            default: return p.discount_coupon;
        }
    };
    Money sum;
    for (Money d : dues) sum += d;
    std::vector<PaidBreakdown> out(dues.size());
    std::vector<Money> rowLeft(dues.size());
    std::array<Money, kMeans> colLeft = totals;
    for (std::size_t i = 0; i < dues.size(); ++i) {
        rowLeft[i] = dues[i];
        for (std::size_t k = 0; k < kMeans; ++k) {
            const Money share =
                sum.isPositive() ? MulDiv(totals[k], dues[i].fen(), sum.fen(), Rounding::Truncate) : Money();
            part(out[i], k) = share;
            rowLeft[i] -= share;
            colLeft[k] -= share;
        }
    }
    // The fen the rounding left: first due first, cash first (north-west corner), never negative.
    std::size_t i = 0, k = 0;
    while (i < dues.size() && k < kMeans) {
        if (!rowLeft[i].isPositive()) {
            ++i;
            continue;
        }
        if (!colLeft[k].isPositive()) {
            ++k;
            continue;
        }
        const Money t = std::min(rowLeft[i], colLeft[k]);
        part(out[i], k) += t;
        rowLeft[i] -= t;
        colLeft[k] -= t;
    }
    return out;
}

void ApplyCouponUses(Workspace& ws, const std::vector<CouponUse>& uses)
{
    std::vector<std::string> consumed;
    for (const CouponUse& use : uses) {
        const std::optional<std::size_t> at = ws.positionOfCoupon(use.coupon_id);
        if (!at) continue;
        Coupon& c = ws.coupons[*at];
        if (c.type == CouponType::Discount) consumed.push_back(c.coupon_id);
        else c.balance = c.balance.value_or(Money()) - use.amount;
    }
    std::erase_if(ws.coupons, [&](const Coupon& c) {
        return std::find(consumed.begin(), consumed.end(), c.coupon_id) != consumed.end();
    });
    ws.Reindex();
}

}  // namespace qd
