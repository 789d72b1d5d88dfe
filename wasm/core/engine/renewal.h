// renewal.h: renewing yearly/monthly resources (seed 4.2.1 手动续费, 4.2.3 统一到期日; docs/rules.md;
// docs/rules.md §3).
//
//   RenewalRequest req;
//   req.resource_ids = {"ecs-1", "vol-9"};
//   req.duration = RenewalDuration{TermUnit::Month, 1};        // absent: the seed's default duration
//   req.unified_day = UnifiedExpiryDay::FromDay(1);             // absent: no alignment
//   req.as_of = now;
//   RenewalQuote q = QuoteRenewal(ws, req);                     // read-only: items, lines, total
//   if (!q.ok()) for (const Refusal& r : q.refusals) ...       // e.g. "pending_order", "delisted_product"
//   PlacedRenewal p = PlaceRenewalOrders(ws, req);              // the pending order(s) in the workspace
//   ...the customer pays p.order_id (orders engine)...
//   ApplyPaidRenewalOrder(ws, subOrderId, paidShares);          // each resource gets its new period
//
// What one renewal is. A resource is renewed as an *instance*: a main resource together with its
// bound (绑定) attached resources, which always renew with it; a mounted (挂载) attached resource is an
// instance of its own. Every resource of an instance gets the same duration and its own item (its
// own price, its own rounding). The renewal starts at the old expiry, also when the resource already
// expired and is in its grace or retention period (the time since the expiry is not given back), and
// ends `duration` later at the expiry clock on the resource's anchor day. With a unified expiry day
// the end moves on to the first date on or after it that is the unified day; the days added (from
// the day after the plain end through the unified date) are priced per the profile's day_price and
// the resource's anchor becomes the unified day.
//
// Durations (seed 4.2.1.1 step 7). A product offers the months and years of its renew_options that it
// has a price for. Resource packages and marketplace (云商店) products renew only in the unit they
// were bought in (only OBS monthly resource packages may also renew by the year). The default for
// one instance is 1 year when offered, else the shortest offered duration (1 month for monthly
// products, the minimum for products sold only in several years); for many instances the same rule
// runs on the durations all of them offer.
//
// Refusals (stable codes, each naming the resource): unknown_resource, bound_to_main (a bound
// attached resource renews only with its main), closed, provisioning_failed, retention_over (expired
// longer ago than grace + retention days: deleted), delisted_product, pending_order (the resource or
// its instance has an order waiting for payment: pay or cancel it first), not_alignable (only the
// manual and auto-renew tabs take a unified expiry day), duration_not_offered, no_common_duration,
// price_unknown, empty_request; account_police_frozen (the account is frozen by the police,
// account_freeze.h: nothing is quoted).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/json_writer.h"
#include "core/model/money.h"
#include "core/model/labels.h"
#include "core/model/refusal.h"
#include "core/model/text.h"
#include "core/model/workspace.h"

namespace qd {

// ---- durations --------------------------------------------------------------------------------------

// The words of quote line labels come in a LabelLanguage (model/labels.h): the arithmetic is the
// same, "1 month × 191.40" or "1个月 × 191.40". English is the CLI's and the test API's.

// Every word a quote line label can hold in `lang`, concatenated (a UI builds its glyph set from it).
std::string QuoteLabelWords(LabelLanguage lang);

// A renewal duration: `num` months or `num` years.
struct RenewalDuration {
    TermUnit unit = TermUnit::Month;
    int num = 1;

    int months() const { return unit == TermUnit::Year ? num * 12 : num; }  // length in months (1 year = 12)
    std::string str() const;                                                // "1 month", "3 months", "2 years"
    std::string label(LabelLanguage lang) const;  // DurationLabel: str(), or "1个月", "2年"
    friend bool operator==(const RenewalDuration&, const RenewalDuration&) = default;
};

// {"period":"month"|"year","num":N}, as every JSON output writes a duration.
void WriteDuration(JsonWriter& w, RenewalDuration d);

// The unit a resource was bought in: the only unit its product prices, else the unit of its last
// period (a whole number of years = year), else month.
TermUnit PurchasedUnit(const Resource& resource, const Product& product, ZoneOffset zone);

// The durations a resource can be renewed for, shortest first: the product's renew_options months
// (when it has a month price) and years (when it has a year price); resource packages and marketplace
// products only in their purchased unit (OBS monthly packages: also years).
std::vector<RenewalDuration> OfferedDurations(const Resource& resource, const Product& product, ZoneOffset zone);

// Seed 4.2.1.1 step 7: 1 year when offered, else the shortest; nullopt when nothing is offered.
std::optional<RenewalDuration> DefaultDuration(const std::vector<RenewalDuration>& offered);

// The durations every instance offers, in the first one's order (shortest first): what a batch dialog
// offers (seed 4.2.1.1 step 7 point 4); empty when there is none in common or no instance.
std::vector<RenewalDuration> CommonDurations(const std::vector<std::vector<RenewalDuration>>& offeredEach);

// The same rule over several instances: on the durations every one of them offers (step 7 point 4);
// nullopt when they have none in common.
std::optional<RenewalDuration> CommonDefaultDuration(const std::vector<std::vector<RenewalDuration>>& offeredEach);

// The account's unified expiry day; never set = day 1 (seed 4.2.3 注意事项: the system default).
UnifiedExpiryDay AccountUnifiedDay(const Workspace& ws);

// 统一到期日 > 确定 (seed 4.2.3 steps 5-6): sets the account's unified expiry day, nothing else ("设置统一
// 到期日成功"); renewing the instances to it (去支付, step 7) is a second, optional step
// (PlaceRenewalOrders with align_only). Refused (unchanged): account_police_frozen (account_freeze.h).
Refusals SetUnifiedExpiryDay(Workspace& ws, UnifiedExpiryDay day);

// The day of month the resource's periods end on: anchor_day, or the day of its effective time.
int AnchorDayOf(const Resource& resource, ZoneOffset zone);

// ---- orders that lock resources ------------------------------------------------------------------

// Which resources are tied up in an unfinished order, built once per operation from ws.orders.
// pending(): an order waiting for payment names the resource (seed 4.2.1.1 说明: no other operation
// until it is paid or cancelled). open(): any order not completed and not cancelled (pending
// payment, review, confirmation, processing, refunding) names it: "in a transaction" (seed 4.2.6).
// Kept by position, so the locks stay right while orders are appended (AddOrders) and resources
// edited in place, as long as no new pending order is added.
class OrderLocks {
public:
    // With asOf, an order is judged by its status as of that time (StatusAsOf in orders.h: a pending
    // payment order past its deadline is cancelled and locks nothing); without, by its stored status.
    static OrderLocks Build(const Workspace& ws, std::optional<Instant> asOf = std::nullopt);
    // The same in slices, for a page that spreads 100k orders over frames (the workspace must not
    // change meanwhile):  OrderLocks l = OrderLocks::Begin(ws, now); while (!l.Scan(4096)) {}
    static OrderLocks Begin(const Workspace& ws, std::optional<Instant> asOf = std::nullopt);
    bool Scan(std::size_t orders);  // takes in the next `orders` orders; true once every order is in
    std::size_t scanned() const { return next_; }
    const Order* pending(std::string_view resourceId) const;  // nullptr when none
    const Order* open(std::string_view resourceId) const;     // nullptr when none
    // The same for a resource of the workspace, found by its position instead of its id (a batch quote
    // asks for every resource it prices); a resource from elsewhere is looked up by its id.
    const Order* pending(const Resource& resource) const;
    const Order* open(const Resource& resource) const;

private:
    static constexpr uint32_t kNone = static_cast<uint32_t>(-1);
    std::size_t positionOf(std::string_view resourceId) const;
    std::size_t positionOf(const Resource& resource) const;
    const Order* find(const std::vector<uint32_t>& orderOf, std::size_t resourcePosition) const;
    const Workspace* ws_ = nullptr;
    std::optional<Instant> asOf_;
    std::size_t next_ = 0;                  // the orders before it are taken in
    std::vector<uint32_t> pending_, open_;  // resource position -> position of its first such order in ws.orders
                                            // (kNone: none; empty: no resource has one)
};

// "resource X has pending order O (combined order C); pay or cancel it first" as a Refusal.
Refusal PendingOrderRefusal(std::string_view resourceId, const Order& order);

// The resources of the instance of `main`: main first, then its bound attached resources (file order).
std::vector<const Resource*> InstanceOf(const Workspace& ws, const Resource& main);

// ---- quotes ---------------------------------------------------------------------------------------

// One line of a quote's visible arithmetic; the lines of an item add up to its amount.
struct QuoteLine {
    Text label;  // e.g. "1 month × 191.40", "16 extra days (2025-04-16 to 2025-05-01) × 191.40 ÷ 30"
    Money amount;
    friend bool operator==(const QuoteLine&, const QuoteLine&) = default;
};
// [{"label","amount"}, ...]: a quote's lines (renewal and new-purchase quotes alike).
void WriteQuoteLines(JsonWriter& w, std::span<const QuoteLine> lines);

// The lines of one item, read like a std::vector<QuoteLine> (size, [i], range-for, front, back):
// the period line, then the extra days' line when aligned. Never more than kMax, so they are kept
// in the item itself (a batch quote of 10,000 resources allocates no vector per item).
class QuoteLines {
public:
    static constexpr std::size_t kMax = 2;
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const QuoteLine& operator[](std::size_t i) const { return lines_[i]; }
    QuoteLine& operator[](std::size_t i) { return lines_[i]; }
    const QuoteLine& front() const { return lines_[0]; }
    const QuoteLine& back() const { return lines_[size_ - 1]; }
    const QuoteLine* begin() const { return lines_; }
    const QuoteLine* end() const { return lines_ + size_; }
    QuoteLine* begin() { return lines_; }
    QuoteLine* end() { return lines_ + size_; }
    // Appends a line; a line beyond kMax is a bug of the caller and replaces the last one.
    QuoteLine& push_back(QuoteLine line)
    {
        QuoteLine& slot = lines_[size_ < kMax ? size_++ : kMax - 1];
        slot = std::move(line);
        return slot;
    }
    QuoteLine& emplace_back() { return push_back(QuoteLine{}); }
    void clear()
    {
        for (QuoteLine& line : *this) line = QuoteLine{};
        size_ = 0;
    }
    friend bool operator==(const QuoteLines& a, const QuoteLines& b)
    {
        if (a.size_ != b.size_) return false;
        for (std::size_t i = 0; i < a.size_; ++i)
            if (!(a.lines_[i] == b.lines_[i])) return false;
        return true;
    }

private:
    QuoteLine lines_[kMax];
    std::size_t size_ = 0;
};

// The renewal of one resource.
// Its texts are Texts (text.h): a batch of 10,000 items shares a few blocks instead of 40,000 strings.
struct RenewalQuoteItem {
    Text resource_id;
    Text main_resource_id;  // the instance's main for a bound attached resource; "" for the main itself
    Text product_id;
    Instant old_expire_time;  // the renewal starts here (also in the grace/retention period)
    Instant new_expire_time;  // at the profile's expiry clock
    RenewalDuration duration;
    int64_t extra_days = 0;   // days added to reach the unified expiry day (0 without alignment)
    int new_anchor_day = 1;   // the anchor after renewal: the unified day (31 = month end) when aligned
    bool expired = false;     // renewed after its expiry (grace / retention period)
    Money amount;             // = sum of lines, rounded per the profile (per resource)
    Money period_amount;      // duration × period price (exact)
    Money extra_days_amount;  // extra days × day price, rounded
    QuoteLines lines;         // the visible arithmetic: the period, then the extra days when aligned
};

enum class DurationDefault {
    Common,   // absent duration: one duration for all instances (seed step 7 point 4), as a batch renewal
    EachOwn,  // absent duration: each instance at its own default (an estimate list)
};

// 自动续费 chosen with a manual renewal (seed 4.2.1.1 step 7): once the renewal order is paid, the
// renewed instances renew automatically, every time for the duration of this renewal, `times` times
// (seed 4.2.2.1 step 6: 1..99; nullopt = unlimited, the console's default).
struct AutoRenewOnPayment {
    std::optional<int> times;
    friend bool operator==(const AutoRenewOnPayment&, const AutoRenewOnPayment&) = default;
};

struct RenewalRequest {
    std::vector<std::string> resource_ids;    // main or mounted resources; duplicates are ignored
    std::optional<RenewalDuration> duration;  // absent: the default duration
    DurationDefault default_mode = DurationDefault::Common;
    std::optional<UnifiedExpiryDay> unified_day;  // renew to the unified expiry day
    bool align_only = false;                      // 设置统一到期日 alone: 1 month (else the default) + alignment
                                                  // to unified_day, or to the account's day when absent
    Instant as_of;                                // now
    LabelLanguage label_language = LabelLanguage::English;  // the words of the quote lines' labels
    std::optional<AutoRenewOnPayment> auto_renew;           // PlaceRenewalOrders only: also set auto-renew once paid
};

struct RenewalQuote {
    Instant as_of;
    std::vector<RenewalQuoteItem> items;  // per instance in request order: the main, then its bound attached
    Money total;                          // sum of the items' amounts
    Refusals refusals;                    // why not (every refused resource); items is then empty
    bool ok() const { return refusals.empty(); }
};

// Quotes the renewal (read-only). Either every requested resource is quoted or none is.
RenewalQuote QuoteRenewal(const Workspace& ws, const RenewalRequest& request);
// The same with the order locks built once by the caller (for callers that quote many times).
RenewalQuote QuoteRenewal(const Workspace& ws, const RenewalRequest& request, const OrderLocks& locks);

// The price of one extra day's worth of days (docs/rules.md §6 day_price), for the quote line:
// `days` consecutive days starting on `first`, rounded per `rounding`. nullopt + what is missing
// when the product has no price the rule can use (month_div_30 / month_days fall back to the year
// price ÷ 365 and year_div_365 to the month price ÷ 30 when their own price is absent).
struct ExtraDaysPrice {
    std::optional<QuoteLine> line;  // amount + the arithmetic
    std::string missing;            // why not, when line is absent
};
ExtraDaysPrice PriceExtraDays(const ProductPrices& prices, LocalDate first, int64_t days, DayPrice rule,
                              Rounding rounding, LabelLanguage lang = LabelLanguage::English);

// {"as_of","items":[{"resource_id","old_expire_time","new_expire_time","duration":{"period","num"},
//   "extra_days","amount","lines":[{"label","amount"}]}],"total"} (docs/cli.md); a refused quote is
// {"as_of","refusals":[{"code","subject","message"}]}.
void WriteRenewalQuote(JsonWriter& w, const RenewalQuote& quote, ZoneOffset zone);
std::string RenewalQuoteJson(const RenewalQuote& quote, ZoneOffset zone);

// The browser test API's renew(argsJson) (docs/architecture.md §3): {"resources":[...], "months":N | "years":N,
// "unified_day":D | "last", "align_only":false, "as_of":"..."}; absent as_of = ws.as_of, else `clock`.
// Returns the quote JSON above, or {"error":"..."} for malformed arguments.
std::string RenewJson(const Workspace& ws, std::string_view argsJson, Instant clock);
// The request those arguments ask for; nullopt + `error` ("unknown argument \"x\"", ...) when malformed.
// Shared by RenewJson and the printable quote sheet (wasm/ui/quote_sheet.h), so both read them alike.
std::optional<RenewalRequest> ReadRenewArgs(const Workspace& ws, std::string_view argsJson, Instant clock,
                                            std::string& error);

// ---- orders ---------------------------------------------------------------------------------------

struct PlacedRenewal {
    RenewalQuote quote;                      // what was ordered (refusals: nothing was)
    std::string order_id;                    // the order to pay: the combined trade order, or the single order
    std::vector<std::string> sub_order_ids;  // one per instance, in quote order (== {order_id} for one instance)
    bool ok() const { return quote.ok(); }
};

// Creates the renewal orders, pending payment until paid (seed 4.2.1.1 steps 6-8): one order per
// instance, with an item per resource (period month/year × num; plus a `day` item for the extra days
// of an alignment); several instances are grouped under one combined trade order (组合交易订单, no
// items, amounts = the sum), to be paid or cancelled together. The orders are appended to ws.orders;
// each purchase order gets a trade history entry; an alignment also sets the account's unified
// expiry day. Atomic: on any refusal the workspace is unchanged.
// With request.auto_renew (自动续费, seed 4.2.1.1 step 7) each instance's order records the plan in
// auto_renew_after_payment: period = the instance's renewal duration, times as asked. It is checked
// now as 设为自动续费 checks it (auto_renew.h CheckAutoRenewChoice: bad_times, policy_unchanged for an
// instance already renewing automatically, delisted_product, duration_not_offered) and applied only
// when the order is paid (ApplyPaidRenewalOrder); until then, and for ever when the order is cancelled
// or expires unpaid, the resources keep their policy (they stay in their tab).
PlacedRenewal PlaceRenewalOrders(Workspace& ws, const RenewalRequest& request);

// The orders of a quote, one per instance (its main first), pending payment from `at` for
// pending_payment_days: an item per resource (period month/year × num, amount = duration × price),
// plus a `day` item with the extra days and their price when aligned. Ids are fresh; not yet added.
std::vector<Order> RenewalOrdersFor(const Workspace& ws, const RenewalQuote& quote, Instant at);

// Appends orders to ws.orders (and its index), and records each one in the trade history
// (交易记录跟踪) of the purchase orders of the resources it names.
void AddOrders(Workspace& ws, std::vector<Order> orders);

// The combined trade order (组合交易订单, seed 4.2.1.2 批量续费, 4.4 批量退订) over the sub-orders of one
// operation (two or more): no items of its own, `total` as its amounts, service type 组合交易, created
// `now`; each sub-order names it in combined_order_id. Its id is fresh (NewOrderId with `salt`), unique
// also among `taken`. The caller adds it before the sub-orders (AddOrders).
Order MakeCombinedOrder(const Workspace& ws, std::vector<Order>& subs, OrderType type, OrderStatus status, Instant now,
                        Money total, std::string_view salt, const std::vector<std::string>& taken);

// A fresh id in the console's pattern: "CS" + yyMMddHHmm (local) + the tens digit of the seconds +
// 4 characters [0-9A-Z], unique in ws.orders and in `taken`; deterministic for the same inputs.
std::string NewOrderId(const Workspace& ws, Instant at, std::string_view salt,
                       const std::vector<std::string>& taken = {});

// Applies a paid renewal order (a single order or one sub-order of a combined order) to its resources
// (for the orders engine: call it when the order becomes paid). Every resource named by a month/year
// item gets a renewal period [old expiry, new expiry] with the item's amount (plus its day item) as
// list amount and `paid[resource_id]` as paid breakdown (absent: unknown); its expiry moves on, an
// expired resource is in use again, and an aligned one takes the unified day as anchor. The resource's
// renewal policy and auto-renew count are untouched (seed 4.2.2.1: a manual renewal keeps the count),
// unless the order carries auto_renew_after_payment: then the instances it renews are set to
// auto-renew with that plan (auto_renew.h EnableAutoRenewOnPayment: the 自动续费项 tab from now on; no
// charge is made at the payment itself, a deduction already due is made by the next run). When the
// instance can no longer be set to auto-renew (e.g. the file was edited meanwhile), the renewal stands
// and the policy is unchanged.
// Refuses (and changes nothing) an order that is not a renewal or names an unknown resource.
Refusals ApplyPaidRenewalOrder(Workspace& ws, std::string_view orderId,
                               const std::unordered_map<std::string, PaidBreakdown>& paid = {});

}  // namespace qd
