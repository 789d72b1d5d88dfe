// Tests for core/engine/purchase.h: the new purchase of chapter 3 (选配: 包年/包月商品, 套餐包) — the
// quote's arithmetic, the durations sold, the period bought, the refusals, and the pending order that
// 立即购买 places and the existing flows pay or cancel.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine/orders.h"
#include "core/engine/purchase.h"
#include "support.h"
#include "test_renewal_fixture.h"

using namespace qd;
using qd::renewal_test::At;
using qd::renewal_test::Fixture;
using qd::renewal_test::Iso;
using qd::renewal_test::LoadSample;
using qd::renewal_test::Yuan;

namespace {

PurchaseRequest Buy(std::string product, TermUnit unit, int num, int quantity, Instant asOf)
{
    PurchaseRequest r;
    r.product_id = std::move(product);
    r.duration = RenewalDuration{unit, num};
    r.quantity = quantity;
    r.as_of = asOf;
    return r;
}

// The sample's catalogue (assets/sample-workspace.json): EVS 40 GB 28.00 / 280.00, bandwidth 5 Mbit/s
// 115.00 / 1173.00, a delisted EVS, an OBS package sold by the month only, a CDN package by the year only.
Fixture Catalogue()
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.ws.account.cash_balance = Yuan("1000.00");
    f.product("p-evs-ssd-40", "28.00", "280.00").service_type_name = "云硬盘";
    f.product("p-bw-5m", "115.00", "1173.00").service_type_name = "带宽";
    f.product("p-evs-sas-200", "70.00", "700.00").delisted = true;
    Product& obs = f.product("p-obs-pkg-1t", "99.00", "", ProductKind::ResourcePackage);
    obs.renew_options.years = {};
    Product& cdn = f.product("p-cdn-pkg-5t", "", "585.00", ProductKind::ResourcePackage);
    cdn.renew_options.months = {};
    cdn.renew_options.years = {1};
    f.done();
    return f;
}

}  // namespace

TEST_CASE("purchase quote: unit price × periods × quantity, one line that adds up (seed 3.1)")
{
    Fixture f = Catalogue();
    // seed 3.1 step 4: 5 Mbit/s bandwidth, 包年/包月, 1 month: 带宽费用 ¥115.00
    PurchaseQuote q = QuotePurchase(f.ws, Buy("p-bw-5m", TermUnit::Month, 1, 1, f.now()));
    REQUIRE(q.ok());
    REQUIRE(q.items.size() == 1);
    CHECK(q.total.str() == "115.00");
    CHECK(q.items[0].lines.size() == 1);
    CHECK(q.items[0].lines[0].label.str() == "1 month × 115.00 × quantity 1");

    // seed 3.1: several months, 2 disks: 3 × 28.00 × 2 = 168.00
    q = QuotePurchase(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, 3, 2, f.now()));
    REQUIRE(q.ok());
    CHECK(q.items[0].unit_price.str() == "28.00");
    CHECK(q.items[0].amount.str() == "168.00");
    CHECK(q.total.str() == "168.00");
    CHECK(q.items[0].lines[0].label.str() == "3 months × 28.00 × quantity 2");
    CHECK(q.items[0].lines[0].amount.str() == "168.00");

    // seed 3.1: several years, from the year price: 2 × 280.00 × 3 = 1680.00
    PurchaseRequest years = Buy("p-evs-ssd-40", TermUnit::Year, 2, 3, f.now());
    years.label_language = LabelLanguage::Chinese;
    q = QuotePurchase(f.ws, years);
    REQUIRE(q.ok());
    CHECK(q.total.str() == "1680.00");
    CHECK(q.items[0].lines[0].label.str() == "2年 × 280.00 × 数量 3");

    // every quantity 1..100 and every month 1..9: exact, no rounding
    for (int quantity = 1; quantity <= kMaxPurchaseQuantity; ++quantity)
        for (int months = 1; months <= kMaxPurchaseMonths; ++months) {
            CAPTURE(quantity);
            CAPTURE(months);
            q = QuotePurchase(f.ws, Buy("p-bw-5m", TermUnit::Month, months, quantity, f.now()));
            REQUIRE(q.ok());
            CHECK(q.total.fen() == int64_t{11500} * months * quantity);
            CHECK(q.items[0].lines[0].amount == q.total);
        }
}

TEST_CASE("purchase durations: months 1–9 and years 1–3, only as the product offers and prices them (seed 3.1)")
{
    Fixture f = Catalogue();
    // seed 3.1 购买时长: months 1..9, years 1..3 (a 10th month or a 4th year is not sold)
    const std::vector<RenewalDuration> all = PurchaseDurations(*f.ws.findProduct("p-evs-ssd-40"));
    REQUIRE(all.size() == 12);
    CHECK(all.front() == RenewalDuration{TermUnit::Month, 1});
    CHECK(all[8] == RenewalDuration{TermUnit::Month, 9});
    CHECK(all.back() == RenewalDuration{TermUnit::Year, 3});
    for (int months = 1; months <= 12; ++months) {
        CAPTURE(months);
        const PurchaseQuote q = QuotePurchase(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, months, 1, f.now()));
        if (months <= 9) CHECK(q.ok());
        else CHECK(test::Codes(q.refusals) == std::vector<std::string>{"duration_not_offered"});
    }
    for (int years = 1; years <= 5; ++years) {
        CAPTURE(years);
        const PurchaseQuote q = QuotePurchase(f.ws, Buy("p-evs-ssd-40", TermUnit::Year, years, 1, f.now()));
        if (years <= 3) CHECK(q.ok());
        else CHECK(test::Codes(q.refusals) == std::vector<std::string>{"duration_not_offered"});
    }

    // seed 3.3 套餐包: a package is bought in the unit it is priced in (OBS by the month, CDN 1 year)
    CHECK(PurchaseDurations(*f.ws.findProduct("p-obs-pkg-1t")).size() == 9);
    CHECK(PurchaseDurations(*f.ws.findProduct("p-cdn-pkg-5t")) ==
          std::vector<RenewalDuration>{RenewalDuration{TermUnit::Year, 1}});
    CHECK(QuotePurchase(f.ws, Buy("p-cdn-pkg-5t", TermUnit::Year, 1, 1, f.now())).total.str() == "585.00");
    CHECK(test::Codes(QuotePurchase(f.ws, Buy("p-cdn-pkg-5t", TermUnit::Year, 2, 1, f.now())).refusals) ==
          std::vector<std::string>{"duration_not_offered"});
    // no year price: a year cannot be priced (seed 3.3: the OBS package is sold by the month)
    CHECK(test::Codes(QuotePurchase(f.ws, Buy("p-obs-pkg-1t", TermUnit::Year, 1, 1, f.now())).refusals) ==
          std::vector<std::string>{"price_unknown"});

    // the product's own renew_options narrow it further; entries outside 1..9 / 1..3 are never sold
    Product odd;
    odd.prices.month = Yuan("10.00");
    odd.prices.year = Yuan("100.00");
    odd.renew_options.months = {3, 1, 11, 1};
    odd.renew_options.years = {5, 1};
    CHECK(PurchaseDurations(odd) ==
          std::vector<RenewalDuration>{{TermUnit::Month, 1}, {TermUnit::Month, 3}, {TermUnit::Year, 1}});
}

TEST_CASE("purchase period if paid now: to 23:59:59 on the purchase day N months / years later (seed 3.1)")
{
    Fixture f = Catalogue();
    // docs/rules.md §1 vector [U-UNSUB-CN]: bought 2024/01/01 10:30:00 for 1 month → 2024/02/01 23:59:59
    PurchaseQuote q = QuotePurchase(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, 1, 1, At("2024-01-01T10:30:00+08:00")));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].effective_time) == "2024-01-01T10:30:00+08:00");
    CHECK(Iso(q.items[0].expire_time) == "2024-02-01T23:59:59+08:00");
    // docs/rules.md §3 vector [G-EDS]: yearly bought 2023/07/08 15:50:04 → 2024/07/08 23:59:59
    q = QuotePurchase(f.ws, Buy("p-evs-ssd-40", TermUnit::Year, 1, 1, At("2023-07-08T15:50:04+08:00")));
    CHECK(Iso(q.items[0].expire_time) == "2024-07-08T23:59:59+08:00");
    // docs/rules.md §1: day 31 clamped to the month's length: Jan 31 + 1 month → Feb 29 2024
    q = QuotePurchase(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, 1, 1, At("2024-01-31T09:00:00+08:00")));
    CHECK(Iso(q.items[0].expire_time) == "2024-02-29T23:59:59+08:00");
    // the local day decides: 2024-01-31T20:00Z is Feb 1 in UTC+08:00 → Mar 1
    q = QuotePurchase(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, 1, 1, At("2024-01-31T20:00:00Z")));
    CHECK(Iso(q.items[0].expire_time) == "2024-03-01T23:59:59+08:00");
}

TEST_CASE("purchase refusals, each with its code and reason (seed 3.1)")
{
    Fixture f = Catalogue();
    const Instant now = f.now();
    auto codes = [&](const PurchaseRequest& r) { return test::Codes(QuotePurchase(f.ws, r).refusals); };
    using V = std::vector<std::string>;
    CHECK(codes(Buy("p-nope", TermUnit::Month, 1, 1, now)) == V{"unknown_product"});
    // docs/rules.md §3: a delisted (已下架) product is not sold
    CHECK(codes(Buy("p-evs-sas-200", TermUnit::Month, 1, 1, now)) == V{"delisted_product"});
    // 购买数量 1..100 (docs/rules.md §7 question 11)
    CHECK(codes(Buy("p-evs-ssd-40", TermUnit::Month, 1, 0, now)) == V{"bad_quantity"});
    CHECK(codes(Buy("p-evs-ssd-40", TermUnit::Month, 1, -3, now)) == V{"bad_quantity"});
    CHECK(codes(Buy("p-evs-ssd-40", TermUnit::Month, 1, 101, now)) == V{"bad_quantity"});
    CHECK(QuotePurchase(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, 1, 100, now)).total.str() == "2800.00");
    PurchaseRequest none = Buy("", TermUnit::Month, 1, 1, now);
    CHECK(codes(none) == V{"empty_request"});
    PurchaseRequest noDuration = Buy("p-evs-ssd-40", TermUnit::Month, 1, 1, now);
    noDuration.duration.reset();
    CHECK(codes(noDuration) == V{"duration_not_offered"});

    const PurchaseQuote q = QuotePurchase(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, 10, 1, now));
    REQUIRE(q.refusals.size() == 1);
    CHECK(q.refusals[0].subject == "p-evs-ssd-40");
    CHECK(q.refusals[0].message ==
          "product p-evs-ssd-40 is not sold for 10 months; it is sold for 1 month, 2 months, 3 months, 4 months, 5 "
          "months, 6 months, 7 months, 8 months, 9 months, 1 year, 2 years, 3 years");
    CHECK(q.items.empty());
    CHECK(q.total.isZero());

    // typed prices: below 0 refused; a price so large the amount overflows refused
    PurchaseRequest typed = Buy("", TermUnit::Month, 1, 1, now);
    typed.prices = ProductPrices{};
    typed.prices->month = Yuan("-1.00");
    CHECK(codes(typed) == V{"bad_price"});
    typed.prices->month = Money::FromFen(INT64_MAX / 2);
    typed.duration = RenewalDuration{TermUnit::Month, 3};
    CHECK(codes(typed) == V{"amount_too_large"});
}

TEST_CASE("purchase quote from typed prices (报价计算器): months 1–9 / years 1–3 of the units typed (seed 3.1)")
{
    Fixture f = Catalogue();
    PurchaseRequest typed = Buy("", TermUnit::Month, 3, 1, f.now());
    typed.prices = ProductPrices{};
    typed.prices->month = Yuan("28.00");
    // 3 × 28.00 × 1 = 84.00
    PurchaseQuote q = QuotePurchase(f.ws, typed);
    REQUIRE(q.ok());
    CHECK(q.total.str() == "84.00");
    CHECK(q.items[0].product_id.empty());
    CHECK(PurchaseDurations(*typed.prices).size() == 9);
    typed.duration = RenewalDuration{TermUnit::Year, 1};
    CHECK(test::Codes(QuotePurchase(f.ws, typed).refusals) == std::vector<std::string>{"price_unknown"});
    typed.prices->year = Yuan("280.00");
    CHECK(PurchaseDurations(*typed.prices).size() == 12);
    CHECK(QuotePurchase(f.ws, typed).total.str() == "280.00");

    // typed prices give a quote only: 立即购买 needs a product of the workspace
    const Workspace before = f.ws;
    const PlacedPurchase placed = PlacePurchaseOrder(f.ws, typed);
    CHECK(test::Codes(placed.quote.refusals) == std::vector<std::string>{"product_required"});
    CHECK(placed.order_id.empty());
    CHECK(f.ws == before);
}

TEST_CASE("立即购买 places a new order pending payment with the deadline of any order (seed 3.1 steps 5-7)")
{
    Fixture f = Catalogue();
    const Workspace before = f.ws;
    const PlacedPurchase placed = PlacePurchaseOrder(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, 3, 2, f.now()));
    REQUIRE(placed.ok());
    REQUIRE(f.ws.orders.size() == before.orders.size() + 1);
    const Order* o = f.ws.findOrder(placed.order_id);
    REQUIRE(o != nullptr);
    CHECK(placed.order_id.rfind("CS2501141000", 0) == 0);  // the console's pattern: CS + yyMMddHHmm + ...
    CHECK(placed.order_id.size() == 17);
    CHECK(o->order_type == OrderType::New);
    CHECK(o->status == OrderStatus::PendingPayment);
    CHECK(Iso(o->create_time) == "2025-01-14T10:00:00+08:00");
    // seed 3.1 step 7 / docs/rules.md §2: pay within 7 days (pending_payment_days)
    REQUIRE(o->pending_payment_end_time);
    CHECK(Iso(*o->pending_payment_end_time) == "2025-01-21T10:00:00+08:00");
    CHECK(*o->pending_payment_end_time == PaymentDeadline(*o, f.ws.rules));
    CHECK(o->amount_after_discount.str() == "168.00");
    CHECK(o->official_amount->str() == "168.00");
    CHECK(o->service_type_name == "云硬盘");
    REQUIRE(o->items.size() == 1);
    CHECK(*o->items[0].product_id == "p-evs-ssd-40");
    CHECK(!o->items[0].resource_id);
    CHECK(*o->items[0].period == ItemPeriod::Month);
    CHECK(*o->items[0].period_num == 3);
    CHECK(*o->items[0].subscription_num == 2);
    CHECK(o->items[0].amount->str() == "168.00");
    // seed 3.1 step 7: 待支付订单 lists it until paid, cancelled or past its deadline
    CHECK(IsAwaitingPayment(*o, StatusAsOf(*o, f.ws.rules, f.now())));
    CHECK(StatusAsOf(*o, f.ws.rules, At("2025-01-21T09:59:59+08:00")) == OrderStatus::PendingPayment);
    CHECK(StatusAsOf(*o, f.ws.rules, At("2025-01-21T10:00:00+08:00")) == OrderStatus::Cancelled);

    // a profile with pending_payment_days 3: the deadline follows it
    Fixture g = Catalogue();
    g.ws.rules.pending_payment_days = 3;
    const PlacedPurchase p3 = PlacePurchaseOrder(g.ws, Buy("p-bw-5m", TermUnit::Year, 1, 1, g.now()));
    REQUIRE(p3.ok());
    CHECK(Iso(*g.ws.findOrder(p3.order_id)->pending_payment_end_time) == "2025-01-17T10:00:00+08:00");
    CHECK(g.ws.findOrder(p3.order_id)->amount_after_discount.str() == "1173.00");

    // two purchases of the same thing at the same moment get two ids
    const PlacedPurchase again = PlacePurchaseOrder(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, 3, 2, f.now()));
    REQUIRE(again.ok());
    CHECK(again.order_id != placed.order_id);
}

TEST_CASE("a refused purchase changes nothing (atomic)")
{
    Fixture f = Catalogue();
    const Workspace before = f.ws;
    for (const PurchaseRequest& r :
         {Buy("p-nope", TermUnit::Month, 1, 1, f.now()), Buy("p-evs-sas-200", TermUnit::Month, 1, 1, f.now()),
          Buy("p-evs-ssd-40", TermUnit::Year, 4, 1, f.now()), Buy("p-evs-ssd-40", TermUnit::Month, 1, 101, f.now())}) {
        CAPTURE(r.product_id);
        const PlacedPurchase p = PlacePurchaseOrder(f.ws, r);
        CHECK(!p.ok());
        CHECK(p.order_id.empty());
        CHECK(f.ws == before);
    }
}

TEST_CASE(
    "the purchase order is paid (processing: 资源开通中) or cancelled by the existing flows (seed 3.1 step 7, 4.1)")
{
    Fixture f = Catalogue();
    const PlacedPurchase placed = PlacePurchaseOrder(f.ws, Buy("p-evs-ssd-40", TermUnit::Month, 3, 2, f.now()));
    REQUIRE(placed.ok());
    Workspace copy = f.ws;

    // seed 4.1.1: paid from the cash balance 1000.00 - 168.00 = 832.00; then processing (resources being created)
    const PaymentResult paid = PayOrders(f.ws, PaymentRequest{{placed.order_id}, std::vector<std::string>{}, f.now()});
    REQUIRE(paid.ok());
    REQUIRE(paid.orders.size() == 1);
    CHECK(paid.orders[0].due.str() == "168.00");
    CHECK(f.ws.account.cash_balance->str() == "832.00");
    const Order* o = f.ws.findOrder(placed.order_id);
    CHECK(o->status == OrderStatus::Processing);
    CHECK(o->payment_time);
    CHECK(!IsAwaitingPayment(*o, StatusAsOf(*o, f.ws.rules, f.now())));

    // seed 4.1.2: or cancelled
    const CancelResult cancelled = CancelOrders(copy, CancelRequest{{placed.order_id}, f.now()});
    REQUIRE(cancelled.ok());
    CHECK(cancelled.cancelled == std::vector<std::string>{placed.order_id});
    CHECK(copy.findOrder(placed.order_id)->status == OrderStatus::Cancelled);
    CHECK(copy.account.cash_balance->str() == "1000.00");
}

TEST_CASE("buy(argsJson): the quote JSON; malformed arguments answer an error")
{
    const Workspace ws = LoadSample();
    const Instant clock = At("2030-01-01T00:00:00Z");  // unused: the sample has as_of
    const std::string answer = BuyJson(ws, R"({"product":"p-evs-ssd-40","months":3,"quantity":2})", clock);
    CHECK(answer ==
          R"({"as_of":"2025-01-14T10:00:00+08:00","items":[{"product_id":"p-evs-ssd-40","service_type_name":"云硬盘",)"
          R"("spec_desc":"通用型SSD | 40GB","duration":{"period":"month","num":3},"quantity":2,"unit_price":"28.00",)"
          R"("effective_time":"2025-01-14T10:00:00+08:00","expire_time":"2025-04-14T23:59:59+08:00","amount":"168.00",)"
          R"("lines":[{"label":"3 months × 28.00 × quantity 2","amount":"168.00"}]}],"total":"168.00"})");
    const nlohmann::json refused = nlohmann::json::parse(BuyJson(ws, R"({"product":"p-evs-ssd-40","years":4})", clock));
    CHECK(refused["refusals"][0]["code"] == "duration_not_offered");
    for (const char* bad :
         {R"([])", R"({"months":1})", R"({"product":"p-evs-ssd-40"})",
          R"({"product":"p-evs-ssd-40","months":1,"years":1})", R"({"product":"p-evs-ssd-40","months":"1"})",
          R"({"product":"p-evs-ssd-40","months":1,"quantity":1.5})",
          R"({"product":"p-evs-ssd-40","months":1,"colour":"red"})",
          R"({"product":"p-evs-ssd-40","months":1,"as_of":"2024-02-30T00:00:00Z"})"}) {
        CAPTURE(bad);
        CHECK(nlohmann::json::parse(BuyJson(ws, bad, clock)).contains("error"));
    }
    // the clock when the workspace has no as_of
    Workspace noClock = ws;
    noClock.as_of.reset();
    CHECK(nlohmann::json::parse(BuyJson(noClock, R"({"product":"p-bw-5m","months":1})", clock))["as_of"] ==
          "2030-01-01T08:00:00+08:00");
}
