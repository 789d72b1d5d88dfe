// test_quote_perf_invariants.cpp: what the fast paths of QuoteRenewal must keep (renewal.h): the same
// quote with and without the caller's order locks, refusals in request order, the memoised extra-days
// lines equal to PriceExtraDays, lines kept inline (QuoteLines).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/engine/renewal.h"
#include "test_renewal_fixture.h"
#include "support.h"

using namespace qd;
using namespace qd::renewal_test;

namespace {

RenewalRequest Batch(const Workspace& ws, std::vector<std::string> ids,
                     std::optional<UnifiedExpiryDay> unified = std::nullopt)
{
    RenewalRequest r;
    r.resource_ids = std::move(ids);
    r.duration = RenewalDuration{TermUnit::Month, 1};
    r.unified_day = unified;
    r.as_of = *ws.as_of;
    return r;
}

std::vector<std::string> Codes(const Refusals& refusals) { return qd::test::CodesAndSubjects(refusals, ":"); }

}  // namespace

TEST_CASE("a quote finds the pending orders itself exactly as the order locks do")
{
    // seed 4.2.1.1 说明: a resource with an order waiting for payment cannot be renewed
    Workspace ws = LoadSample();
    std::vector<std::string> all;
    for (const Resource& r : ws.resources) all.push_back(r.resource_id);
    all.push_back("nope");
    for (const std::string& id : all) {
        CAPTURE(id);
        const RenewalRequest one = Batch(ws, {id});
        CHECK(Codes(QuoteRenewal(ws, one).refusals) ==
              Codes(QuoteRenewal(ws, one, OrderLocks::Build(ws, one.as_of)).refusals));
    }
    const RenewalRequest every = Batch(ws, all);
    const RenewalQuote own = QuoteRenewal(ws, every);
    const RenewalQuote locked = QuoteRenewal(ws, every, OrderLocks::Build(ws, every.as_of));
    CHECK(Codes(own.refusals) == Codes(locked.refusals));
    CHECK(RenewalQuoteJson(own, ws.rules.zone) == RenewalQuoteJson(locked, ws.rules.zone));
    CHECK(std::count_if(own.refusals.begin(), own.refusals.end(),
                        [](const Refusal& r) { return r.code == "pending_order"; }) >= 2);
}

TEST_CASE("refusals come in request order, unknown and bound ids among the checked instances")
{
    Workspace ws = LoadSample();
    // R6 pending, "nope" unknown, R22 closed, R2 bound to R1, R15 delisted, "nope" again (named once)
    const RenewalQuote q =
        QuoteRenewal(ws, Batch(ws, {sample::R6, "nope", sample::R22, sample::R2, sample::R15, "nope"}));
    CHECK(Codes(q.refusals) == std::vector<std::string>{std::string("pending_order:") + sample::R6,
                                                        "unknown_resource:nope", std::string("closed:") + sample::R22,
                                                        std::string("bound_to_main:") + sample::R2,
                                                        std::string("delisted_product:") + sample::R15});
}

TEST_CASE("the lines of an aligned batch are PriceExtraDays's, whatever the memo shares")
{
    // seed 4.2.3 统一到期日: the extra days are priced per the profile's day_price
    Workspace ws = LoadSample();
    std::vector<std::string> ids;
    for (const Resource& r : ws.resources)
        if (!r.isBound()) ids.push_back(r.resource_id);
    for (DayPrice rule : {DayPrice::MonthDiv30, DayPrice::MonthDays, DayPrice::YearDiv365}) {
        ws.rules.day_price = rule;
        for (const char* day : {"1", "15", "last"}) {
            CAPTURE(day);
            RenewalRequest req = Batch(ws, {}, UnifiedExpiryDay::Parse(day));
            std::size_t checked = 0;
            for (const std::string& id : ids) {  // each quotable resource alone, then all of them in one quote
                req.resource_ids = {id};
                const RenewalQuote one = QuoteRenewal(ws, req);
                if (!one.ok()) continue;
                for (const RenewalQuoteItem& item : one.items) {
                    REQUIRE(item.lines.size() == (item.extra_days > 0 ? 2u : 1u));
                    if (item.extra_days == 0) continue;
                    const Resource& r = *ws.findResource(item.resource_id);
                    const LocalDate first =
                        LocalDateOf(item.new_expire_time, ws.rules.zone).plusDays(1 - item.extra_days);
                    const ExtraDaysPrice expected = PriceExtraDays(ws.findProduct(r.product_id)->prices, first,
                                                                   item.extra_days, rule, ws.rules.rounding);
                    REQUIRE(expected.line);
                    CHECK(item.lines[1] == *expected.line);
                    CHECK(item.amount == item.lines[0].amount + item.lines[1].amount);
                    ++checked;
                }
            }
            CHECK(checked > 0);
        }
    }
}

TEST_CASE("QuoteLines reads like a vector of at most two lines")
{
    QuoteLines lines;
    CHECK(lines.empty());
    lines.push_back({Text("1 month × 191.40"), Money::FromFen(19140)});
    QuoteLine& extra = lines.emplace_back();
    extra.label = Text("16 extra days");
    extra.amount = Money::FromFen(10208);
    REQUIRE(lines.size() == 2);
    CHECK(lines.front().label == "1 month × 191.40");
    CHECK(lines.back().amount == Money::FromFen(10208));
    Money sum;
    for (const QuoteLine& l : lines) sum += l.amount;
    CHECK(sum == Money::FromFen(29348));
    QuoteLines copy = lines;
    CHECK(copy == lines);
    copy.clear();
    CHECK(copy.empty());
    CHECK_FALSE(copy == lines);
}
