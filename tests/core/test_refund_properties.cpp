// Properties of refunds and payments over generated workspaces (core/gen/generator.h): whatever the data,
//   - every preview item's lines add up, and no refund exceeds what was paid for the periods it cuts;
//   - money is never created or lost: paying moves exactly the orders' dues (less discount coupons) out
//     of the account into the new periods, and unsubscribing moves back exactly the preview's total,
//     which together with the consumed amount, the fee and the vouchers kept is what those periods cost;
//   - the workspace stays valid: saved and loaded again after every operation.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "core/gen/generator.h"
#include "core/io/load.h"
#include "core/engine/orders.h"
#include "core/engine/payment.h"
#include "core/engine/refund.h"
#include "core/io/save.h"
#include "generated_workspace.h"
#include "test_orders_fixture.h"

using namespace qd;
using qd::orders_test::AccountValue;
using qd::orders_test::CheckLinesAddUp;

namespace {

// What the periods an item cuts cost the account (cash + voucher + flexi coupon + stored card).
Money SpentOnCutPeriods(const Resource& r, const RefundItem& item)
{
    Money spent;
    for (std::size_t i : item.refunded_periods) spent += SpentFromAccount(*r.periods[i].paid);
    if (item.partly_used_period) spent += SpentFromAccount(*r.periods[*item.partly_used_period].paid);
    return spent;
}

void CheckPreview(const Workspace& ws, const RefundPreview& p, std::map<UnsubscribeScenario, int>& seen)
{
    REQUIRE(p.ok());
    Money total;
    for (const RefundItem& item : p.items) {
        CheckLinesAddUp(item);
        ++seen[item.scenario];
        total += item.total;
        const Resource& r = *ws.findResource(item.resource_id);
        if (item.scenario == UnsubscribeScenario::NotAllowed) {
            CHECK_FALSE(item.reason.empty());
            CHECK(item.total.isZero());
            continue;
        }
        // Never more than was paid for what is cut.
        const Money spent = SpentOnCutPeriods(r, item);
        CHECK(item.total <= spent);
        CHECK(item.total <= item.paid);
        // Money is accounted for: refunded + kept back (consumed, fee, vouchers) = spent.
        CHECK((item.total + item.consumed + item.fee - item.not_charged + item.voucher_kept).fen() == spent.fen());
        if (item.scenario != UnsubscribeScenario::Standard) {
            CHECK(item.consumed.isZero());
            CHECK(item.fee.isZero());
            CHECK(item.voucher_kept.isZero());
        }
        if (item.scenario != UnsubscribeScenario::FiveDay) CHECK(item.quota_used == 0);
    }
    CHECK(total == p.total);
    CHECK(p.refund.total() == p.total);
    CHECK(p.quota_used <= p.quota.left());
}

void CheckStillLoads(const Workspace& ws)
{
    LoadResult again = LoadWorkspace(SaveWorkspace(ws), "saved.json");
    REQUIRE_MESSAGE(again.ok, (again.errors.empty() ? std::string() : again.errors.front().str()));
    CHECK(again.workspace == ws);
}

}  // namespace

TEST_CASE("refund previews over generated workspaces: lines add up, no refund exceeds what was paid")
{
    std::map<UnsubscribeScenario, int> seen;
    for (uint64_t seed = 1; seed <= 6; ++seed) {
        CAPTURE(seed);
        const Workspace ws = test::GeneratedWorkspace(150, seed);
        // The generator's clock, and later: 2 days (five-day windows still open), 40 days, a year.
        for (int64_t days : {0, 2, 40, 365}) {
            const Instant asOf = ws.as_of->plusSeconds(days * 86400);
            for (const Resource& r : ws.resources) {
                if (r.isBound()) continue;
                CheckPreview(ws, PreviewRefund(ws, {{r.resource_id}, false, std::nullopt, asOf}), seen);
                CheckPreview(ws, PreviewRefund(ws, {{r.resource_id}, true, std::nullopt, asOf}), seen);
            }
        }
        // Everything at once: one quota for the whole request.
        std::vector<std::string> all;
        for (const Resource& r : ws.resources)
            if (!r.isBound()) all.push_back(r.resource_id);
        CheckPreview(ws, PreviewRefund(ws, {all, false, std::nullopt, *ws.as_of, /*independent=*/true}), seen);
    }
    // The generated data reaches every scenario but not_effective (it has no future purchases).
    for (UnsubscribeScenario s :
         {UnsubscribeScenario::FiveDay, UnsubscribeScenario::Standard, UnsubscribeScenario::RenewalPeriods,
          UnsubscribeScenario::Failed, UnsubscribeScenario::NotAllowed}) {
        CAPTURE(std::string(ToString(s)));
        CHECK(seen[s] > 0);
    }
}

TEST_CASE("money is never created or lost across pay -> unsubscribe (generated workspaces)")
{
    int paidOrders = 0, unsubscribed = 0;
    for (uint64_t seed = 11; seed <= 16; ++seed) {
        CAPTURE(seed);
        Workspace ws = test::GeneratedWorkspace(120, seed);
        ws.account.cash_balance = Money::FromFen(1'000'000'000);  // 10,000,000.00: no payment is short
        const Instant now = *ws.as_of;

        // Pay every pending order, 30 at a time, coupons chosen automatically.
        std::vector<std::string> pending;
        for (const Order& o : ws.orders)
            if (StatusAsOf(o, ws.rules, now) == OrderStatus::PendingPayment && !o.combined_order_id)
                pending.push_back(o.order_id);
        for (std::size_t from = 0; from < pending.size(); from += 30) {
            std::vector<std::string> chunk(
                pending.begin() + static_cast<std::ptrdiff_t>(from),
                pending.begin() + static_cast<std::ptrdiff_t>(std::min(pending.size(), from + 30)));
            const Money before = AccountValue(ws);
            PaymentResult p = PayOrders(ws, {chunk, std::nullopt, now});
            REQUIRE(p.ok());
            Money spent, due;
            for (const PaidOrder& po : p.orders) {
                CHECK(SettledAmount(po.paid) == po.due);
                spent += SpentFromAccount(po.paid);
                due += po.due;
                // A renewal's new periods carry exactly what the order was paid.
                if (po.order_type != OrderType::Renewal) continue;
                Money recorded;
                for (const Resource& r : ws.resources)
                    for (const ResourcePeriod& period : r.periods)
                        if (period.order_id == po.order_id) recorded += SettledAmount(*period.paid);
                CHECK(recorded == po.due);
                ++paidOrders;
            }
            CHECK(due == p.settlement.due);
            CHECK((before - AccountValue(ws)).fen() == spent.fen());
            CheckStillLoads(ws);
        }

        // Unsubscribe everything that can be, a day later: five-day, standard, failed, unused renewals.
        const Instant later = now.plusSeconds(86400);
        for (std::size_t i = 0; i < ws.resources.size(); ++i) {
            const Resource r = ws.resources[i];
            if (r.isBound() || r.status == ResourceStatus::Closed) continue;
            const bool periodsOnly = i % 3 == 0;
            RefundPreview preview = PreviewRefund(ws, {{r.resource_id}, periodsOnly, std::nullopt, later});
            REQUIRE(preview.ok());
            bool allowed = true;
            for (const RefundItem& item : preview.items)
                allowed = allowed && item.scenario != UnsubscribeScenario::NotAllowed;
            if (!allowed) continue;
            std::map<std::string, Money> spent;
            for (const RefundItem& item : preview.items)
                spent[item.resource_id] = SpentOnCutPeriods(*ws.findResource(item.resource_id), item);
            const Money before = AccountValue(ws);
            const int quotaBefore = FiveDayQuotaAsOf(ws, later).used;
            UnsubscribeResult u =
                Unsubscribe(ws, {{{r.resource_id}, periodsOnly, std::nullopt, later}, UnsubscribeReason::Other, ""});
            REQUIRE(u.ok());
            CHECK(u.preview.total == preview.total);
            CHECK((AccountValue(ws) - before).fen() == u.preview.total.fen());
            CHECK(FiveDayQuotaAsOf(ws, later).used == quotaBefore + u.preview.quota_used);
            for (const RefundItem& item : u.preview.items)
                CHECK((item.total + item.consumed + item.fee - item.not_charged + item.voucher_kept).fen() ==
                      spent[item.resource_id].fen());
            CHECK(ws.findOrder(u.order_id)->status == OrderStatus::Completed);
            ++unsubscribed;
        }
        CheckStillLoads(ws);
    }
    CHECK(paidOrders > 0);
    CHECK(unsubscribed > 20);
}
