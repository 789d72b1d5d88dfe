// purchase.h: buying a yearly/monthly product (seed 3.1 包年/包月商品, 3.3 套餐包; docs/rules.md §9).
//
//   PurchaseRequest req;
//   req.product_id = "p-evs-ssd-40";                          // a product of the workspace (its catalogue prices)
//   req.duration = RenewalDuration{TermUnit::Month, 3};       // required: months 1..9 or years 1..3, as offered
//   req.quantity = 2;                                         // 1..kMaxPurchaseQuantity
//   req.as_of = now;
//   PurchaseQuote q = QuotePurchase(ws, req);                 // read-only: the item, its line, the total
//   if (!q.ok()) for (const Refusal& r : q.refusals) ...     // e.g. "duration_not_offered", "bad_quantity"
//   PlacedPurchase p = PlacePurchaseOrder(ws, req);           // 立即购买: the pending order in the workspace
//   ...the customer pays p.order_id in 待支付订单 (orders.h PayOrders), or cancels it...
//
// What a purchase is (seed 3.1): the customer pays once for one month / one year, several months or
// several years; only after paying does the product become theirs ("客户对订单进行支付后，才能使用订单中的
// 产品"). 立即购买 therefore makes an order of type new (开通), pending payment, that 待支付订单 lists
// until it is paid or cancelled, with the payment deadline of any order (orders.h PaymentDeadline:
// create time + the profile's pending_payment_days, 7). Paid, it goes to processing (资源开通中) like
// every paid order that is not a renewal (orders.h); the resources themselves are created on
// Huawei's side and come back in a later export.
//
// Prices. A product of the workspace is priced from its catalogue (prices.month / prices.year); the
// quote calculator may instead give typed prices (no product: a quote only, never an order). The
// amount is exact: unit price × number of units × quantity, in fen, no rounding (the renewal quote's
// period line is priced the same way, renewal.h). The catalogue carries no discounts, so the quote
// has none; like the renewal quote it is the list price (参考价格).
//
// Durations. The console sells months 1..9 and years 1..3 (seed 3.1's 购买时长; the renewal page the
// same, seed 4.2.1.1 step 7): of those, the product offers the ones of its renew_options in a unit it
// has a price for. Resource packages (套餐包, seed 3.3) and marketplace products are bought like any
// other product, in the units they are priced in.
//
// The period a purchase would buy, if paid at as_of: from as_of to the expiry clock (23:59:59 local)
// on the same day `duration` later (docs/rules.md §1 period end, the purchase day as anchor): bought
// 2024/01/01 10:30:00 for 1 month expires 2024/02/01 23:59:59 [U-UNSUB-CN]. The real period starts
// when Huawei provisions the resource; the quote shows it as the estimate "if paid now".
//
// Refusals (stable codes; subject = the product id, "" for typed prices): empty_request (neither a
// product nor typed prices), unknown_product, delisted_product (已下架: not sold any more),
// duration_not_offered (not among the durations above; the message lists them), price_unknown (no
// price for the unit), bad_price (a typed price below 0), bad_quantity (not 1..kMaxPurchaseQuantity),
// amount_too_large (the amount does not fit in money), product_required (PlacePurchaseOrder with
// typed prices: an order needs a product of the workspace).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/renewal.h"
#include "core/model/calendar.h"
#include "core/model/json_writer.h"
#include "core/model/labels.h"
#include "core/model/money.h"
#include "core/model/refusal.h"
#include "core/model/workspace.h"

namespace qd {

// The console's purchase durations (seed 3.1, as the renewal page's 4.2.1.1 step 7): months 1..9, years 1..3.
inline constexpr int kMaxPurchaseMonths = 9;
inline constexpr int kMaxPurchaseYears = 3;
// The most instances one order buys (购买数量). Huawei publishes no limit for the seed's products; we
// take 100 (docs/rules.md §7 question 11).
inline constexpr int kMaxPurchaseQuantity = 100;

// The durations a product can be bought for, shortest first: its renew_options months 1..9 when it has
// a month price, then its years 1..3 when it has a year price.
std::vector<RenewalDuration> PurchaseDurations(const Product& product);
// The same for typed prices (no product): every month 1..9 with a month price, every year 1..3 with a year price.
std::vector<RenewalDuration> PurchaseDurations(const ProductPrices& prices);

struct PurchaseRequest {
    std::string product_id;                   // a product of the workspace; "" = typed prices
    std::optional<ProductPrices> prices;      // typed prices (报价计算器), used when product_id is ""
    std::optional<RenewalDuration> duration;  // required
    int quantity = 1;                         // 1..kMaxPurchaseQuantity
    Instant as_of;                            // now
    LabelLanguage label_language = LabelLanguage::English;  // the words of the quote line's label
};

// One product bought `quantity` times for `duration`.
struct PurchaseQuoteItem {
    std::string product_id;  // "" for typed prices
    RenewalDuration duration;
    int quantity = 1;
    Money unit_price;              // the price of one month / one year
    Instant effective_time;        // if paid at as_of
    Instant expire_time;           // at the expiry clock, `duration` after the purchase day
    Money amount;                  // unit_price × duration.num × quantity (exact)
    std::vector<QuoteLine> lines;  // the visible arithmetic; they add up to amount
};

struct PurchaseQuote {
    Instant as_of;
    std::vector<PurchaseQuoteItem> items;  // one item (the product); empty when refused
    Money total;                           // sum of the items' amounts
    Refusals refusals;
    bool ok() const { return refusals.empty(); }
};

// Quotes the purchase (read-only).
PurchaseQuote QuotePurchase(const Workspace& ws, const PurchaseRequest& request);

// {"as_of","items":[{"product_id","service_type_name","spec_desc","duration":{"period","num"},"quantity",
//   "unit_price","effective_time","expire_time","amount","lines":[{"label","amount"}]}],"total"};
// refused: {"as_of","refusals":[{"code","subject","message"}]} (docs/cli.md).
void WritePurchaseQuote(JsonWriter& w, const PurchaseQuote& quote, const Workspace& ws);
std::string PurchaseQuoteJson(const PurchaseQuote& quote, const Workspace& ws);

// The browser test API's buy(argsJson) (docs/architecture.md §3): {"product":"p-evs-ssd-40",
// "months":N | "years":N, "quantity":Q, "as_of":"..."}; absent quantity = 1, absent as_of = ws.as_of,
// else `clock`. Returns the quote JSON above, or {"error":"..."} for malformed arguments.
std::string BuyJson(const Workspace& ws, std::string_view argsJson, Instant clock);
// The request those arguments ask for; nullopt + `error` when malformed (BuyJson and the quote sheet).
std::optional<PurchaseRequest> ReadBuyArgs(const Workspace& ws, std::string_view argsJson, Instant clock,
                                           std::string& error);

struct PlacedPurchase {
    PurchaseQuote quote;   // what was ordered (refusals: nothing was)
    std::string order_id;  // the new order, pending payment
    bool ok() const { return quote.ok(); }
};

// 立即购买 (seed 3.1 steps 5-7): appends one order of type new, status pending_payment, created at
// as_of, payment deadline as for any order (PaymentDeadline), amounts = the quote's total, service type
// of the product, one item (product_id, period month/year × num, subscription_num = quantity, amount;
// no resource id: the resources do not exist yet). Atomic: on any refusal the workspace is unchanged.
PlacedPurchase PlacePurchaseOrder(Workspace& ws, const PurchaseRequest& request);

}  // namespace qd
