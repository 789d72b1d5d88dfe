// purchase.cpp: quotes and orders of new purchases (purchase.h; seed 3.1, 3.3; docs/rules.md §9).
#include "core/engine/purchase.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/engine/orders.h"
#include "core/io/api_args.h"

namespace qd {

namespace {

std::optional<Money> PriceOf(const ProductPrices& prices, TermUnit unit)
{
    return unit == TermUnit::Year ? prices.year : prices.month;
}

std::string DurationList(const std::vector<RenewalDuration>& ds)
{
    if (ds.empty()) return "none";
    std::string out;
    for (const RenewalDuration& d : ds) out += (out.empty() ? "" : ", ") + d.str();
    return out;
}

// The offered durations: `months` / `years` within the console's 1..9 / 1..3, in the units priced.
std::vector<RenewalDuration> Offered(const ProductPrices& prices, const std::vector<int>& months,
                                     const std::vector<int>& years)
{
    std::vector<RenewalDuration> out;
    auto add = [&](TermUnit unit, const std::vector<int>& nums, int max) {
        if (!PriceOf(prices, unit)) return;
        std::vector<int> sorted = nums;
        std::sort(sorted.begin(), sorted.end());
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
        for (int n : sorted)
            if (n >= 1 && n <= max) out.push_back({unit, n});
    };
    add(TermUnit::Month, months, kMaxPurchaseMonths);
    add(TermUnit::Year, years, kMaxPurchaseYears);
    return out;
}

std::vector<int> OneTo(int n)
{
    std::vector<int> v;
    for (int i = 1; i <= n; ++i) v.push_back(i);
    return v;
}

// "3 months × 28.00 × quantity 2" / "3个月 × 28.00 × 数量 2".
std::string LineLabel(RenewalDuration d, Money unitPrice, int quantity, LabelLanguage lang)
{
    return d.label(lang) + " × " + unitPrice.str() + (lang == LabelLanguage::Chinese ? " × 数量 " : " × quantity ") +
           std::to_string(quantity);
}

}  // namespace

std::vector<RenewalDuration> PurchaseDurations(const Product& product)
{
    return Offered(product.prices, product.renew_options.months, product.renew_options.years);
}

std::vector<RenewalDuration> PurchaseDurations(const ProductPrices& prices)
{
    return Offered(prices, OneTo(kMaxPurchaseMonths), OneTo(kMaxPurchaseYears));
}

PurchaseQuote QuotePurchase(const Workspace& ws, const PurchaseRequest& request)
{
    PurchaseQuote quote;
    quote.as_of = request.as_of;
    const std::string& id = request.product_id;
    // Each refusal is written Refusal{"code", subject, message} (tests/core/test_refusal_words.cpp reads the codes).
    auto refuse = [&](Refusal r) {
        quote.refusals.push_back(std::move(r));
        return quote;
    };

    // Where the prices come from: the catalogue, or typed prices.
    const Product* product = nullptr;
    ProductPrices prices;
    std::vector<RenewalDuration> offered;
    std::string whose;  // "product p-evs-ssd-40" / "the typed prices", for messages
    if (!id.empty()) {
        product = ws.findProduct(id);
        if (!product)
            return refuse(Refusal{"unknown_product", id, "product " + id + " is not in the workspace's catalogue"});
        // docs/rules.md §3: a delisted (已下架) product is no longer sold
        if (product->delisted)
            return refuse(Refusal{"delisted_product", id, "product " + id + " is delisted (已下架): not sold"});
        prices = product->prices;
        offered = PurchaseDurations(*product);
        whose = "product " + id;
    } else if (request.prices) {
        prices = *request.prices;
        for (const std::optional<Money>& p : {prices.month, prices.year})
            if (p && p->isNegative())
                return refuse(Refusal{"bad_price", id, "a price cannot be below 0.00, got " + p->str()});
        offered = PurchaseDurations(prices);
        whose = "the typed prices";
    } else {
        return refuse(Refusal{"empty_request", id, "choose a product, or type a month or year price"});
    }

    if (!request.duration)
        return refuse(Refusal{"duration_not_offered", id, "choose a duration: " + DurationList(offered)});
    const RenewalDuration d = *request.duration;
    const std::optional<Money> unitPrice = PriceOf(prices, d.unit);
    if (!unitPrice)
        return refuse(
            Refusal{"price_unknown", id,
                    whose + " has no " + std::string(ToString(d.unit)) + " price: " + d.str() + " cannot be priced"});
    if (std::find(offered.begin(), offered.end(), d) == offered.end())
        return refuse(Refusal{"duration_not_offered", id,
                              whose + " is not sold for " + d.str() + "; it is sold for " + DurationList(offered)});
    if (request.quantity < 1 || request.quantity > kMaxPurchaseQuantity)
        return refuse(Refusal{"bad_quantity", id,
                              "quantity must be 1.." + std::to_string(kMaxPurchaseQuantity) + ", got " +
                                  std::to_string(request.quantity)});
    const std::optional<Money> perUnit = CheckedMul(*unitPrice, d.num);
    const std::optional<Money> amount = perUnit ? CheckedMul(*perUnit, request.quantity) : std::nullopt;
    if (!amount) return refuse(Refusal{"amount_too_large", id, "the amount of " + whose + " does not fit in money"});

    PurchaseQuoteItem item;
    item.product_id = id;
    item.duration = d;
    item.quantity = request.quantity;
    item.unit_price = *unitPrice;
    item.amount = *amount;
    // docs/rules.md §1: the period ends at the expiry clock, `duration` after the purchase day (its anchor).
    const ZoneOffset zone = ws.rules.zone;
    const LocalDate start = LocalDateOf(request.as_of, zone);
    const LocalDate end = d.unit == TermUnit::Year ? AddYearsAnchored(start, d.num, start.day())
                                                   : AddMonthsAnchored(start, d.num, start.day());
    item.effective_time = request.as_of;
    item.expire_time = PeriodEnd(end, zone, ws.rules.expiry_clock);
    item.lines.push_back({Text(LineLabel(d, *unitPrice, request.quantity, request.label_language)), *amount});
    quote.total = item.amount;
    quote.items.push_back(std::move(item));
    return quote;
}

void WritePurchaseQuote(JsonWriter& w, const PurchaseQuote& quote, const Workspace& ws)
{
    const ZoneOffset zone = ws.rules.zone;
    if (!BeginResult(w, quote.as_of, zone, quote.refusals)) return;
    w.key("items");
    w.beginArray();
    for (const PurchaseQuoteItem& item : quote.items) {
        const Product* p = item.product_id.empty() ? nullptr : ws.findProduct(item.product_id);
        w.beginObject();
        w.member("product_id", item.product_id);
        w.member("service_type_name", p ? p->service_type_name : std::string());
        w.member("spec_desc", p ? p->spec_desc : std::string());
        w.key("duration");
        WriteDuration(w, item.duration);
        w.member("quantity", item.quantity);
        w.member("unit_price", item.unit_price);
        w.member("effective_time", item.effective_time, zone);
        w.member("expire_time", item.expire_time, zone);
        w.member("amount", item.amount);
        w.key("lines");
        WriteQuoteLines(w, item.lines);
        w.endObject();
    }
    w.endArray();
    w.member("total", quote.total);
    w.endObject();
}

std::string PurchaseQuoteJson(const PurchaseQuote& quote, const Workspace& ws)
{
    JsonWriter w;
    WritePurchaseQuote(w, quote, ws);
    return w.take();
}

std::optional<PurchaseRequest> ReadBuyArgs(const Workspace& ws, std::string_view argsJson, Instant clock,
                                           std::string& error)
{
    const auto fail = [&error](std::string e) -> std::optional<PurchaseRequest> {
        error = std::move(e);
        return std::nullopt;
    };
    const std::optional<nlohmann::json> args = ReadApiObject(argsJson, "buy", error);
    if (!args) return std::nullopt;
    PurchaseRequest req;
    req.as_of = ws.as_of.value_or(clock);
    for (const auto& [key, value] : args->items()) {
        if (key == "product") {
            if (!value.is_string() || value.get<std::string>().empty()) return fail("product: expected a product id");
            req.product_id = value.get<std::string>();
        } else if (key == "months" || key == "years") {
            RenewalDuration d;
            if (std::string e = ReadApiDuration(value, key, d.unit, d.num); !e.empty()) return fail(e);
            req.duration = d;
        } else if (key == "quantity") {
            // the range is the engine's to refuse (bad_quantity), as the console's
            if (!value.is_number_integer() || value.get<int64_t>() < -1000000 || value.get<int64_t>() > 1000000)
                return fail("quantity: expected a whole number");
            req.quantity = value.get<int>();
        } else if (key == "as_of") {
            if (std::string e = ReadApiInstant(value, key, req.as_of); !e.empty()) return fail(e);
        } else {
            return fail(UnknownApiArgument(key));
        }
    }
    if (!args->contains("product")) return fail("product: required");
    if (args->contains("months") && args->contains("years")) return fail("give months or years, not both");
    if (!req.duration) return fail("give months or years");
    return req;
}

std::string BuyJson(const Workspace& ws, std::string_view argsJson, Instant clock)
{
    std::string error;
    const std::optional<PurchaseRequest> req = ReadBuyArgs(ws, argsJson, clock, error);
    if (!req) return ErrorJson(error);
    return PurchaseQuoteJson(QuotePurchase(ws, *req), ws);
}

PlacedPurchase PlacePurchaseOrder(Workspace& ws, const PurchaseRequest& request)
{
    PlacedPurchase placed;
    placed.quote = QuotePurchase(ws, request);
    if (!placed.quote.ok()) return placed;
    const PurchaseQuoteItem& item = placed.quote.items.front();
    const Product* product = item.product_id.empty() ? nullptr : ws.findProduct(item.product_id);
    if (!product) {
        placed.quote.items.clear();
        placed.quote.total = Money();
        placed.quote.refusals.push_back(
            {"product_required", "", "an order needs a product of the workspace; typed prices give a quote only"});
        return placed;
    }

    Order o;
    const Instant now = request.as_of;
    o.order_id =
        NewOrderId(ws, now, "buy:" + item.product_id + ":" + item.duration.str() + ":" + std::to_string(item.quantity));
    o.order_type = OrderType::New;
    o.status = OrderStatus::PendingPayment;
    o.create_time = now;
    o.official_amount = item.amount;
    o.amount_after_discount = item.amount;
    o.service_type_name = product->service_type_name;
    OrderItem line;
    line.product_id = item.product_id;
    line.period = item.duration.unit == TermUnit::Year ? ItemPeriod::Year : ItemPeriod::Month;
    line.period_num = item.duration.num;
    line.subscription_num = item.quantity;
    line.amount = item.amount;
    o.items.push_back(std::move(line));
    // seed 3.1 step 7: pay within the validity the page shows (the deadline of any order, orders.h)
    o.pending_payment_end_time = PaymentDeadline(o, ws.rules);
    placed.order_id = o.order_id;
    std::vector<Order> added;
    added.push_back(std::move(o));
    AddOrders(ws, std::move(added));
    return placed;
}

}  // namespace qd
