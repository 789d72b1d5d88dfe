// PreviewRefundVerdicts (refund.h): the preview without its lines, for the 云服务退订 page that lists
// the verdicts of 10^5 instances (docs/architecture.md §4: a frame < 16 ms). Everything but the lines must be
// what PreviewRefund says, for every scenario the generator makes, in use and periods only, and
// whether the instances are asked for one at a time or in chunks (the page asks in chunks).
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "core/engine/refund.h"
#include "core/engine/renewal.h"
#include "generated_workspace.h"

using namespace qd;

namespace {

void CheckSameVerdicts(const RefundPreview& full, const RefundPreview& verdicts)
{
    REQUIRE(full.items.size() == verdicts.items.size());
    CHECK(full.refusals.size() == verdicts.refusals.size());
    CHECK(full.total == verdicts.total);
    CHECK(full.refund == verdicts.refund);
    CHECK(full.quota_used == verdicts.quota_used);
    CHECK(full.warnings.size() == verdicts.warnings.size());
    for (std::size_t k = 0; k < full.items.size(); ++k) {
        const RefundItem& a = full.items[k];
        const RefundItem& b = verdicts.items[k];
        CAPTURE(a.resource_id);
        CHECK(b.lines.empty());
        CHECK(a.resource_id == b.resource_id);
        CHECK(a.main_resource_id == b.main_resource_id);
        CHECK(a.scenario == b.scenario);
        CHECK(a.reason_code == b.reason_code);
        CHECK(a.reason == b.reason);
        CHECK(a.paid == b.paid);
        CHECK(a.consumed == b.consumed);
        CHECK(a.fee == b.fee);
        CHECK(a.not_charged == b.not_charged);
        CHECK(a.refund == b.refund);
        CHECK(a.total == b.total);
        CHECK(a.voucher_kept == b.voucher_kept);
        CHECK(a.discount_coupon_kept == b.discount_coupon_kept);
        CHECK(a.quota_used == b.quota_used);
        CHECK(a.refunded_periods == b.refunded_periods);
        CHECK(a.partly_used_period == b.partly_used_period);
        CHECK(a.closes == b.closes);
        CHECK(a.new_expire_time == b.new_expire_time);
    }
}

}  // namespace

TEST_CASE("refund verdicts: the preview without lines says what PreviewRefund says, in chunks or one by one")
{
    for (uint64_t seed : {3u, 11u}) {
        const Workspace ws = test::GeneratedWorkspace(1500, seed);
        const Instant now = *ws.as_of;
        const OrderLocks locks = OrderLocks::Build(ws, now);
        std::vector<std::string> heads;
        for (const Resource& r : ws.resources)
            if (!r.isBound()) heads.push_back(r.resource_id);
        REQUIRE(heads.size() > 500);
        std::map<UnsubscribeScenario, int> seen;
        for (bool periodsOnly : {false, true}) {
            for (std::size_t from = 0; from < heads.size(); from += 64) {
                RefundRequest req;
                req.periods_only = periodsOnly;
                req.as_of = now;
                req.independent = true;  // instances listed, not one batch
                req.resource_ids.assign(heads.begin() + static_cast<std::ptrdiff_t>(from),
                                        heads.begin() + static_cast<std::ptrdiff_t>(std::min(heads.size(), from + 64)));
                const RefundPreview full = PreviewRefund(ws, req, locks);
                const RefundPreview verdicts = PreviewRefundVerdicts(ws, req, locks);
                CheckSameVerdicts(full, verdicts);
                for (const RefundItem& item : full.items) ++seen[item.scenario];
                // One at a time: the same items (the quota is the account's, so only while it is not used up).
                if (from == 0 && full.quota_used == 0)
                    for (std::size_t k = 0; k < 8 && k < req.resource_ids.size(); ++k) {
                        RefundRequest one = req;
                        one.resource_ids = {req.resource_ids[k]};
                        CheckSameVerdicts(PreviewRefund(ws, one, locks), PreviewRefundVerdicts(ws, one, locks));
                    }
            }
        }
        // The comparison covered the scenarios that have lines to leave out.
        CHECK(seen[UnsubscribeScenario::Standard] > 0);
        CHECK(seen[UnsubscribeScenario::NotAllowed] > 0);
        CHECK(seen[UnsubscribeScenario::RenewalPeriods] + seen[UnsubscribeScenario::NotEffective] +
                  seen[UnsubscribeScenario::FiveDay] + seen[UnsubscribeScenario::Failed] >
              0);
    }
}

// The page gathers what the verdicts need from the orders a slice per frame (RefundOrderScan): the
// same open orders as OrderLocks::Build(ws, asOf) (in_transaction, seed 4.4.2) and the same next
// change as NextRefundVerdictChangeOfAccount, whatever the slices.
TEST_CASE("refund verdicts: the order scan in slices gives the verdicts of OrderLocks and the account's next change")
{
    for (uint64_t seed : {5u, 13u}) {
        const Workspace ws = test::GeneratedWorkspace(1200, seed);
        for (const Instant now : {*ws.as_of, ws.as_of->plusSeconds(-86400 * 40), ws.as_of->plusSeconds(86400 * 3)}) {
            const OrderLocks locks = OrderLocks::Build(ws, now);
            RefundOrderScan scan(ws, now);
            int steps = 0;
            while (!scan.Step(13)) ++steps;
            CHECK(steps > static_cast<int>(ws.orders.size() / 13) - 1);  // it really went in slices
            CHECK(scan.scanned() == ws.orders.size());
            CHECK(scan.accountUntil() == NextRefundVerdictChangeOfAccount(ws, now));
            int locked = 0;
            for (const Resource& r : ws.resources) {
                CHECK(scan.locks().open(r) == locks.open(r.resource_id));
                CHECK(scan.locks().pending(r) == locks.pending(r.resource_id));  // OrderLocks in slices = in one go
                if (scan.locks().open(r)) ++locked;
            }
            CHECK(locked > 0);  // the workspace has resources in a transaction
            std::map<std::string, int> codes;
            for (bool periodsOnly : {false, true}) {
                RefundRequest req;
                req.periods_only = periodsOnly;
                req.as_of = now;
                for (const Resource& r : ws.resources)
                    if (!r.isBound()) req.resource_ids.push_back(r.resource_id);
                const RefundPreview byLocks = PreviewRefundVerdicts(ws, req, locks);
                CheckSameVerdicts(byLocks, PreviewRefundVerdicts(ws, req, scan.locks()));
                for (const RefundItem& item : byLocks.items) ++codes[item.reason_code];
            }
            CHECK(codes["in_transaction"] > 0);
        }
    }
}
