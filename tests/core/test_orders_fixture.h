// Helpers shared by the orders / payment / refund suites (test_orders*.cpp, test_payment.cpp,
// test_refund*.cpp): paid breakdowns in code, the "lines add up" check of a refund item, and the
// money an account holds (cash + coupon balances) for the conservation properties. Workspaces are
// built with test_renewal_fixture.h's Fixture.
#pragma once

#include <doctest/doctest.h>

#include <string_view>

#include "core/engine/refund.h"
#include "core/model/workspace.h"
#include "test_renewal_fixture.h"

namespace qd::orders_test {

using renewal_test::At;
using renewal_test::Yuan;

// Show amounts in failure messages.
inline std::string Str(Money m) { return m.str(); }

inline PaidBreakdown Paid(std::string_view cash, std::string_view voucher = "0", std::string_view flexi = "0",
                          std::string_view card = "0", std::string_view discount = "0")
{
    PaidBreakdown p;
    p.cash = Yuan(cash);
    p.voucher = Yuan(voucher);
    p.flexi_coupon = Yuan(flexi);
    p.stored_card = Yuan(card);
    p.discount_coupon = Yuan(discount);
    return p;
}

// Every item's computation lines (paid, consumed, fee, not_charged) sum to its total, so do its refund
// lines (cash, voucher, flexi_coupon, stored_card), and the item's fields agree with its lines.
inline void CheckLinesAddUp(const RefundItem& item)
{
    Money computed, parts, paid, consumed, fee, notCharged;
    for (const RefundLine& line : item.lines) {
        if (IsRefundPart(line.kind)) {
            parts += line.amount;
            CHECK_FALSE(line.amount.isNegative());
            continue;
        }
        computed += line.amount;
        switch (line.kind) {
            case RefundLineKind::Paid: paid += line.amount; break;
            case RefundLineKind::Consumed: consumed -= line.amount; break;
            case RefundLineKind::Fee: fee -= line.amount; break;
            default: notCharged += line.amount; break;
        }
    }
    INFO("resource ", item.resource_id, " scenario ", std::string(ToString(item.scenario)));
    CHECK(computed.fen() == item.total.fen());
    CHECK(parts.fen() == item.total.fen());
    CHECK(item.refund.total().fen() == item.total.fen());
    CHECK(paid.fen() == item.paid.fen());
    CHECK(consumed.fen() == item.consumed.fen());
    CHECK(fee.fen() == item.fee.fen());
    CHECK(notCharged.fen() == item.not_charged.fen());
    CHECK(item.paid.fen() - item.consumed.fen() - item.fee.fen() + item.not_charged.fen() == item.total.fen());
    CHECK_FALSE(item.total.isNegative());
    CHECK_FALSE(item.consumed.isNegative());
    CHECK_FALSE(item.fee.isNegative());
}

// The money the account holds: cash balance + the balances of vouchers, flexi coupons and stored cards.
inline Money AccountValue(const Workspace& ws)
{
    Money v = ws.account.cash_balance.value_or(Money());
    for (const Coupon& c : ws.coupons)
        if (c.type != CouponType::Discount) v += c.balance.value_or(Money());
    return v;
}

}  // namespace qd::orders_test
