// renewal.cpp: durations, quotes, renewal orders (renewal.h).
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] durations
//   [SECTION] locks
//   [SECTION] pricing
//   [SECTION] quotes
//   [SECTION] JSON
//   [SECTION] orders
#include "core/engine/renewal.h"

#include "core/engine/account_freeze.h"

#include "core/io/api_args.h"
#include "core/engine/auto_renew.h"
#include "core/engine/orders.h"

#include <algorithm>
#include <deque>
#include <cstdint>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace qd {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

std::string Plural(int64_t n, std::string_view one, std::string_view many)
{
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::optional<Money> PriceOf(const ProductPrices& prices, TermUnit unit)
{
    return unit == TermUnit::Year ? prices.year : prices.month;
}

std::string_view PriceKey(TermUnit unit) { return unit == TermUnit::Year ? "prices.year" : "prices.month"; }

// Whole months from a to b on the calendar (ignoring days): 2024-04-15 -> 2025-04-15 is 12.
int MonthsBetween(LocalDate a, LocalDate b) { return (b.year() - a.year()) * 12 + (b.month() - a.month()); }

// "1 month or 1 year" style list of durations for messages.
std::string DurationList(const std::vector<RenewalDuration>& ds)
{
    if (ds.empty()) return "none";
    std::string out;
    for (const RenewalDuration& d : ds) {
        if (!out.empty()) out += ", ";
        out += d.str();
    }
    return out;
}

// 0.0001-precision rendering of price * num / den, for the visible arithmetic of a rounded line.
std::string FourDecimals(Money price, int64_t num, int64_t den)
{
    const Money q = MulDiv(price, num * 100, den, Rounding::Truncate);  // in units of 0.0001 CNY
    int64_t v = q.fen();
    std::string out = v < 0 ? "-" : "";
    if (v < 0) v = -v;
    std::string frac = std::to_string(v % 10000);
    out += std::to_string(v / 10000) + "." + std::string(4 - frac.size(), '0') + frac;
    return out;
}

// True when price * num / den is a whole number of fen (no rounding happens).
bool ExactFen(Money price, int64_t num, int64_t den)
{
    std::optional<Money> product = CheckedMul(price, num);
    return product && den != 0 && product->fen() % den == 0;
}

// The words of quote line labels, per LabelLanguage; the numbers and operators are the same.
struct LabelWords {
    std::string_view extraDay, extraDays, to, open, close, halfUp, truncated, noYearPrice, noMonthPrice, then;
};
constexpr LabelWords kEnglishWords{"extra day",
                                   "extra days",
                                   " to ",
                                   " (",
                                   ")",
                                   "rounded half up",
                                   "truncated",
                                   " (no year price: month price ÷ 30)",
                                   " (no month price: year price ÷ 365)",
                                   "…, "};
constexpr LabelWords kChineseWords{
    "天补齐", "天补齐", " 至 ", "（", "）", "四舍五入", "舍去", "（无包年价：月价 ÷ 30）", "（无包月价：年价 ÷ 365）",
    "…，"};
const LabelWords& WordsOf(LabelLanguage lang) { return lang == LabelLanguage::Chinese ? kChineseWords : kEnglishWords; }

std::string RoundingWords(Rounding r, const LabelWords& w)
{
    return std::string(r == Rounding::HalfUp ? w.halfUp : w.truncated);
}

}  // namespace

// [SECTION] durations

std::string QuoteLabelWords(LabelLanguage lang)
{
    const LabelWords& w = WordsOf(lang);
    std::string out = DurationLabel(TermUnit::Month, 2, lang) + DurationLabel(TermUnit::Year, 2, lang);
    for (std::string_view word :
         {w.extraDay, w.extraDays, w.to, w.open, w.close, w.halfUp, w.truncated, w.noYearPrice, w.noMonthPrice, w.then})
        out.append(word);
    return out;
}

std::string RenewalDuration::str() const { return label(LabelLanguage::English); }

void WriteDuration(JsonWriter& w, RenewalDuration d)
{
    w.beginObject();
    w.member("period", ToString(d.unit));
    w.member("num", d.num);
    w.endObject();
}

std::string RenewalDuration::label(LabelLanguage lang) const { return DurationLabel(unit, num, lang); }

TermUnit PurchasedUnit(const Resource& resource, const Product& product, ZoneOffset zone)
{
    if (product.prices.month && !product.prices.year) return TermUnit::Month;
    if (product.prices.year && !product.prices.month) return TermUnit::Year;
    if (!resource.periods.empty()) {
        const ResourcePeriod& last = resource.periods.back();
        const int months = MonthsBetween(LocalDateOf(last.start, zone), LocalDateOf(last.end, zone));
        if (months >= 12 && months % 12 == 0) return TermUnit::Year;
    }
    return TermUnit::Month;
}

std::vector<RenewalDuration> OfferedDurations(const Resource& resource, const Product& product, ZoneOffset zone)
{
    bool months = product.prices.month.has_value();
    bool years = product.prices.year.has_value();
    if (product.kind != ProductKind::Standard) {
        // seed 4.2.1.1 step 7 points 5 and 6: packages and marketplace products renew in their own unit;
        // "当前仅OBS资源包支持购买包月续费包年" - OBS monthly packages may also renew by the year.
        const TermUnit own = PurchasedUnit(resource, product, zone);
        const bool obsPackage =
            product.kind == ProductKind::ResourcePackage && product.service_type_code == "hws.service.type.obs";
        if (own == TermUnit::Year) months = false;
        else if (!obsPackage) years = false;
    }
    std::vector<RenewalDuration> out;
    if (months)
        for (int m : product.renew_options.months) out.push_back({TermUnit::Month, m});
    if (years)
        for (int y : product.renew_options.years) out.push_back({TermUnit::Year, y});
    std::stable_sort(out.begin(), out.end(),
                     [](const RenewalDuration& a, const RenewalDuration& b) { return a.months() < b.months(); });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<RenewalDuration> DefaultDuration(const std::vector<RenewalDuration>& offered)
{
    const RenewalDuration oneYear{TermUnit::Year, 1};
    if (std::find(offered.begin(), offered.end(), oneYear) != offered.end()) return oneYear;  // step 7 points 2, 3
    if (offered.empty()) return std::nullopt;
    return *std::min_element(
        offered.begin(), offered.end(),  // points 1, 3: the shortest (1 month for 1-9 months)
        [](const RenewalDuration& a, const RenewalDuration& b) { return a.months() < b.months(); });
}

std::vector<RenewalDuration> CommonDurations(const std::vector<std::vector<RenewalDuration>>& offeredEach)
{
    if (offeredEach.empty()) return {};
    std::vector<RenewalDuration> common = offeredEach.front();
    for (std::size_t i = 1; i < offeredEach.size(); ++i) {
        const std::vector<RenewalDuration>& other = offeredEach[i];
        std::erase_if(
            common, [&](const RenewalDuration& d) { return std::find(other.begin(), other.end(), d) == other.end(); });
    }
    return common;
}

std::optional<RenewalDuration> CommonDefaultDuration(const std::vector<std::vector<RenewalDuration>>& offeredEach)
{
    if (offeredEach.empty()) return std::nullopt;
    return DefaultDuration(CommonDurations(offeredEach));  // step 7 point 4: the intersection's minimum, 1 year first
}

UnifiedExpiryDay AccountUnifiedDay(const Workspace& ws)
{
    // seed 4.2.3 注意事项 1: never set = the system default, the 1st of each month
    return ws.account.unified_expiry_day.value_or(UnifiedExpiryDay());
}

Refusals SetUnifiedExpiryDay(Workspace& ws, UnifiedExpiryDay day)
{
    // seed 4.2.3 step 6: 确定 sets the account's day on its own (设置统一到期日成功)
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws, AccountOperation::Other)) return {*frozen};
    ws.account.unified_expiry_day = day;
    return {};
}

int AnchorDayOf(const Resource& resource, ZoneOffset zone)
{
    return resource.anchor_day.value_or(LocalDateOf(resource.effective_time, zone).day());
}

// [SECTION] locks

OrderLocks OrderLocks::Build(const Workspace& ws, std::optional<Instant> asOf)
{
    OrderLocks locks = Begin(ws, asOf);
    locks.Scan(ws.orders.size());
    return locks;
}

OrderLocks OrderLocks::Begin(const Workspace& ws, std::optional<Instant> asOf)
{
    OrderLocks locks;
    locks.ws_ = &ws;
    locks.asOf_ = asOf;
    return locks;
}

bool OrderLocks::Scan(std::size_t orders)
{
    const Workspace& ws = *ws_;
    const std::size_t end = std::min(ws.orders.size(), next_ + std::min(orders, ws.orders.size()));
    for (; next_ < end; ++next_) {
        const Order& o = ws.orders[next_];
        if (!o.isOpen()) continue;
        if (asOf_ && StatusAsOf(o, ws.rules, *asOf_) == OrderStatus::Cancelled)
            continue;  // expired unpaid (seed 4.1 说明)
        for (const OrderItem& item : o.items) {
            if (!item.resource_id) continue;
            const std::optional<std::size_t> r = ws.positionOfResource(*item.resource_id);
            if (!r) continue;
            // The first order naming the resource is kept.
            if (open_.empty()) open_.assign(ws.resources.size(), kNone);
            if (open_[*r] == kNone) open_[*r] = static_cast<uint32_t>(next_);
            if (o.status != OrderStatus::PendingPayment) continue;
            if (pending_.empty()) pending_.assign(ws.resources.size(), kNone);
            if (pending_[*r] == kNone) pending_[*r] = static_cast<uint32_t>(next_);
        }
    }
    return next_ >= ws.orders.size();
}

std::size_t OrderLocks::positionOf(std::string_view resourceId) const
{
    return ws_->positionOfResource(resourceId).value_or(static_cast<std::size_t>(-1));
}

std::size_t OrderLocks::positionOf(const Resource& resource) const
{
    const std::vector<Resource>& all = ws_->resources;
    if (!all.empty() && &resource >= all.data() && &resource < all.data() + all.size())
        return static_cast<std::size_t>(&resource - all.data());
    return positionOf(resource.resource_id);
}

const Order* OrderLocks::find(const std::vector<uint32_t>& orderOf, std::size_t resourcePosition) const
{
    // kNone, or a new resource
    if (resourcePosition >= orderOf.size() || orderOf[resourcePosition] >= ws_->orders.size()) return nullptr;
    return &ws_->orders[orderOf[resourcePosition]];
}

const Order* OrderLocks::pending(std::string_view resourceId) const
{
    return pending_.empty() ? nullptr : find(pending_, positionOf(resourceId));
}
const Order* OrderLocks::open(std::string_view resourceId) const
{
    return open_.empty() ? nullptr : find(open_, positionOf(resourceId));
}
const Order* OrderLocks::pending(const Resource& resource) const
{
    return pending_.empty() ? nullptr : find(pending_, positionOf(resource));
}
const Order* OrderLocks::open(const Resource& resource) const
{
    return open_.empty() ? nullptr : find(open_, positionOf(resource));
}

Refusal PendingOrderRefusal(std::string_view resourceId, const Order& order)
{
    std::string message = "resource " + std::string(resourceId) + " has pending order " + order.order_id;
    if (order.combined_order_id) message += " (combined order " + *order.combined_order_id + ")";
    message += "; pay or cancel it first";
    return {"pending_order", std::string(resourceId), message};
}

std::vector<const Resource*> InstanceOf(const Workspace& ws, const Resource& main)
{
    std::vector<const Resource*> out{&main};
    for (const Resource* a : ws.attachedTo(main.resource_id))
        if (a->isBound()) out.push_back(a);
    return out;
}

// [SECTION] pricing

namespace {

// "16 extra days (2025-04-16 to 2025-05-01)": the days an extra-days line prices.
void AppendExtraDaysSpan(std::string& label, LocalDate first, int64_t days, const LabelWords& w)
{
    label.append(Plural(days, w.extraDay, w.extraDays)).append(w.open).append(first.str());
    if (days > 1) label.append(w.to).append(first.plusDays(days - 1).str());
    label.append(w.close);
}

// The rest of an extra-days line: its arithmetic (" × 191.40 ÷ 30", or ": 15 × 191.40 ÷ 30 + ..."
// for month_days, then " = 95.7000…, rounded half up" when rounded) and its amount; `missing` when
// the product has no price the rule can use.
struct ExtraDaysArithmetic {
    std::string text;
    Money amount;
    std::string missing;
};

ExtraDaysArithmetic ExtraDaysArithmeticOf(const ProductPrices& prices, LocalDate first, int64_t days, DayPrice rule,
                                          Rounding rounding, const LabelWords& w)
{
    ExtraDaysArithmetic out;
    std::string& label = out.text;
    // month_days: each day costs month / (days of its month); the days are grouped by month and the
    // sum of n_i / d_i is taken over a common denominator so the line is rounded once.
    if (rule == DayPrice::MonthDays && prices.month) {
        int64_t num = 0, den = 1;
        std::string terms;
        LocalDate d = first;
        int64_t left = days;
        while (left > 0) {
            const int dim = LocalDate::DaysInMonth(d.year(), d.month());
            const int64_t n = std::min<int64_t>(left, dim - d.day() + 1);
            const int64_t g = std::gcd(den, static_cast<int64_t>(dim));
            const int64_t lcm = den / g * dim;
            num = num * (lcm / den) + n * (lcm / dim);
            den = lcm;
            if (!terms.empty()) terms += " + ";
            terms.append(std::to_string(n))
                .append(" × ")
                .append(prices.month->str())
                .append(" ÷ ")
                .append(std::to_string(dim));
            d = d.plusDays(n);
            left -= n;
        }
        label.append(": ").append(terms);
        out.amount = MulDiv(*prices.month, num, den, rounding);
        if (!ExactFen(*prices.month, num, den))
            label.append(" = ")
                .append(FourDecimals(*prices.month, num, den))
                .append(w.then)
                .append(RoundingWords(rounding, w));
        return out;
    }

    // month_div_30 (and month_days without a month price fall back to the year price / 365);
    // year_div_365 falls back to month / 30.
    const bool wantsYear = rule == DayPrice::YearDiv365;
    std::optional<Money> price = wantsYear ? prices.year : prices.month;
    int64_t den = wantsYear ? 365 : 30;
    std::string_view note;
    if (!price) {
        price = wantsYear ? prices.month : prices.year;
        den = wantsYear ? 30 : 365;
        note = wantsYear ? w.noYearPrice : w.noMonthPrice;
    }
    if (!price) {
        out.missing = "no month or year price to price the extra days";
        return out;
    }
    label.append(" × ").append(price->str()).append(" ÷ ").append(std::to_string(den)).append(note);
    out.amount = MulDiv(*price, days, den, rounding);
    if (!ExactFen(*price, days, den))
        label.append(" = ").append(FourDecimals(*price, days, den)).append(w.then).append(RoundingWords(rounding, w));
    return out;
}

}  // namespace

ExtraDaysPrice PriceExtraDays(const ProductPrices& prices, LocalDate first, int64_t days, DayPrice rule,
                              Rounding rounding, LabelLanguage lang)
{
    const LabelWords& w = WordsOf(lang);
    ExtraDaysPrice out;
    ExtraDaysArithmetic arithmetic = ExtraDaysArithmeticOf(prices, first, days, rule, rounding, w);
    if (!arithmetic.missing.empty()) {
        out.missing = std::move(arithmetic.missing);
        return out;
    }
    std::string label;
    label.reserve(64 + arithmetic.text.size());
    AppendExtraDaysSpan(label, first, days, w);
    label.append(arithmetic.text);
    out.line = QuoteLine{Text(label), arithmetic.amount};
    return out;
}

// [SECTION] quotes

namespace {

// What one quote call computes once and reuses: many resources share a product, a unit, a price and
// (when aligned) the days to the unified day, so the offered durations, the period line's label and
// the extra days' line are built once per kind (a batch of 10,000 resources would otherwise spend
// most of its time building the same vectors and strings).
class QuoteMemo {
public:
    QuoteMemo(const RuleProfile& rules, LabelLanguage lang) : rules_(rules), lang_(lang) {}
    TextArena text;  // the items' ids and labels
    bool english() const { return lang_ == LabelLanguage::English; }

    const std::vector<RenewalDuration>& offered(const Resource& r, const Product& p)
    {
        // OfferedDurations depends on the resource only through its purchased unit (packages, marketplace).
        const TermUnit own = p.kind == ProductKind::Standard ? TermUnit::Month : PurchasedUnit(r, p, rules_.zone);
        auto [it, fresh] = offered_.try_emplace(Key(&p, own == TermUnit::Year));
        if (fresh) it->second = OfferedDurations(r, p, rules_.zone);
        return it->second;
    }
    const Text& periodLabel(const Product& p, RenewalDuration d, Money unitPrice)
    {
        auto [it, fresh] = labels_.try_emplace(Key(&p, d.unit == TermUnit::Year) * 128 + static_cast<uintptr_t>(d.num));
        if (fresh) it->second = text.add(d.label(lang_) + " × " + unitPrice.str());
        return it->second;
    }
    // The two halves of PriceExtraDays's line: the span by (first day, days), the arithmetic by
    // (prices, days; and the first day for month_days), so resources sharing either share the work.
    const std::string& extraDaysSpan(LocalDate first, int64_t days)
    {
        auto [it, fresh] = spans_.try_emplace(ExtraKey{first.daysSinceEpoch(), days, 0, 0});
        if (fresh) AppendExtraDaysSpan(it->second, first, days, WordsOf(lang_));
        return it->second;
    }
    const ExtraDaysArithmetic& extraDaysArithmetic(const ProductPrices& prices, LocalDate first, int64_t days)
    {
        constexpr int64_t kAbsent = INT64_MIN;
        const ExtraKey key{rules_.day_price == DayPrice::MonthDays ? first.daysSinceEpoch() : 0, days,
                           prices.month ? prices.month->fen() : kAbsent, prices.year ? prices.year->fen() : kAbsent};
        auto [it, fresh] = arithmetic_.try_emplace(key);
        if (fresh)
            it->second = ExtraDaysArithmeticOf(prices, first, days, rules_.day_price, rules_.rounding, WordsOf(lang_));
        return it->second;
    }

private:
    static uintptr_t Key(const Product* p, bool bit) { return reinterpret_cast<uintptr_t>(p) * 2 + (bit ? 1 : 0); }
    struct ExtraKey {
        int64_t first, days, month, year;
        bool operator==(const ExtraKey&) const = default;
    };
    struct ExtraKeyHash {
        std::size_t operator()(const ExtraKey& k) const
        {
            uint64_t h = 1469598103934665603ull;
            for (int64_t v : {k.first, k.days, k.month, k.year}) h = (h ^ static_cast<uint64_t>(v)) * 1099511628211ull;
            return static_cast<std::size_t>(h ^ (h >> 29));
        }
    };
    const RuleProfile& rules_;
    LabelLanguage lang_;
    std::unordered_map<uintptr_t, std::vector<RenewalDuration>> offered_;
    std::unordered_map<uintptr_t, Text> labels_;
    std::unordered_map<ExtraKey, std::string, ExtraKeyHash> spans_;
    std::unordered_map<ExtraKey, ExtraDaysArithmetic, ExtraKeyHash> arithmetic_;
};

// A resource of an instance with its product, looked up once per quote (nullptr: unknown product).
struct Member {
    const Resource* resource = nullptr;
    const Product* product = nullptr;
};

struct Instance {
    const Resource* main = nullptr;
    std::size_t first = 0, count = 0;  // its members in the quote's member list: main first, then bound attached
    const std::vector<RenewalDuration>* offered = nullptr;  // in the quote's QuoteMemo
    RenewalDuration duration;
};

const std::vector<RenewalDuration> kNoDurations;

// Appends the members of the instance of `main` (as InstanceOf, without a vector per instance).
void AddMembers(const Workspace& ws, const Resource& main, std::vector<Member>& members)
{
    members.push_back({&main, ws.productOf(main)});
    for (uint32_t i : ws.attachedPositions(main))
        if (ws.resources[i].isBound()) members.push_back({&ws.resources[i], ws.productOf(ws.resources[i])});
}

// The checks every renewal of an instance passes; appends refusals for it.
void CheckRenewable(const Workspace& ws, const RenewalRequest& request, const Instance& inst, const Member* members,
                    const Order* const* pending, Refusals& refusals)
{
    const Resource& main = *inst.main;
    const RuleProfile& rules = ws.rules;
    if (main.status == ResourceStatus::Closed) {
        refusals.push_back(
            {"closed", main.resource_id,
             "resource " + main.resource_id + " is closed (unsubscribed or released) and cannot be renewed"});
        return;
    }
    if (main.provisioning == Provisioning::Failed)
        refusals.push_back({"provisioning_failed", main.resource_id,
                            "resource " + main.resource_id + " failed to be created and cannot be renewed"});
    const int64_t keptSeconds = static_cast<int64_t>(rules.grace_days + rules.retention_days) * kSecondsPerDay;
    if (request.as_of - main.expire_time > keptSeconds)
        refusals.push_back({"retention_over", main.resource_id,
                            "resource " + main.resource_id + " expired more than " +
                                std::to_string(rules.grace_days + rules.retention_days) +
                                " days ago (grace + retention) and can no longer be renewed"});
    for (std::size_t k = 0; k < inst.count; ++k) {
        const Member& m = members[k];
        if (m.product && m.product->delisted)
            refusals.push_back({"delisted_product", m.resource->resource_id,
                                "product " + m.product->product_id + " of resource " + m.resource->resource_id +
                                    " is delisted (已下架) and cannot be renewed"});
    }
    for (std::size_t k = 0; k < inst.count; ++k)
        if (const Order* o = pending[k]) {
            refusals.push_back(PendingOrderRefusal(members[k].resource->resource_id, *o));
            break;
        }
    if (request.unified_day && main.renewal_policy != RenewalPolicy::Manual &&
        main.renewal_policy != RenewalPolicy::Auto)
        refusals.push_back({"not_alignable", main.resource_id,
                            "resource " + main.resource_id + " is in the " +
                                std::string(ToString(main.renewal_policy)) +
                                " tab; only manual and auto-renew resources take a unified expiry day"});
}

// The order waiting for payment that names each member, as OrderLocks::Build(ws, asOf).pending()
// would say (the first such order in ws.orders; one past its deadline as of asOf is cancelled), in
// one walk over the pending orders that matches their items' ids against a table of the members'
// ids: a lookup in the workspace's id index per order item is a cache miss or more each.
std::vector<const Order*> PendingOrdersOf(const Workspace& ws, Instant asOf, const std::vector<Member>& members)
{
    std::vector<const Order*> pending(members.size(), nullptr);
    struct Slot {
        uint32_t tag = 0, member = 0;  // member + 1; 0 = empty
    };
    std::size_t capacity = 16;
    while (capacity < members.size() * 2) capacity *= 2;
    const std::size_t mask = capacity - 1;
    std::vector<Slot> slots(capacity);
    const std::hash<std::string_view> hashOf;
    for (std::size_t k = 0; k < members.size(); ++k) {
        const std::size_t h = hashOf(members[k].resource->resource_id);
        std::size_t i = h & mask;
        while (slots[i].member != 0) i = (i + 1) & mask;
        slots[i] = {static_cast<uint32_t>(h), static_cast<uint32_t>(k + 1)};
    }
    for (const Order& o : ws.orders) {
        if (o.status != OrderStatus::PendingPayment || StatusAsOf(o, ws.rules, asOf) == OrderStatus::Cancelled)
            continue;
        for (const OrderItem& item : o.items) {
            if (!item.resource_id) continue;
            const std::size_t h = hashOf(*item.resource_id);
            for (std::size_t i = h & mask; slots[i].member != 0; i = (i + 1) & mask) {
                const std::size_t k = slots[i].member - 1;
                if (slots[i].tag != static_cast<uint32_t>(h) || members[k].resource->resource_id != *item.resource_id)
                    continue;
                if (!pending[k]) pending[k] = &o;
                break;
            }
        }
    }
    return pending;
}

// Prices one resource of an instance into `item`; a refusal when its product has no price for the unit.
std::optional<Refusal> PriceItem(const Workspace& ws, const RenewalRequest& request, const Member& member,
                                 const Resource& main, RenewalDuration duration, QuoteMemo& memo,
                                 RenewalQuoteItem& item)
{
    const ZoneOffset zone = ws.rules.zone;
    const Resource& r = *member.resource;
    const Product* product = member.product;
    if (!product)
        return Refusal{"price_unknown", r.resource_id,
                       "resource " + r.resource_id + " names unknown product " + r.product_id};
    // Huawei's renew rate prices the instance as a whole, its attached resources included
    // (docs/huawei-data.md "Renewal prices"): the main carries the amount, each bound attached 0.00.
    const RenewRate* rate = main.renewRate(duration.unit, duration.num);
    if (rate && !rate->amount) rate = nullptr;
    const bool english = memo.english();
    ProductPrices ratePrices;  // the instance's price per unit, for the extra days of an alignment
    if (rate && rate->amount->fen() % duration.num == 0)
        (duration.unit == TermUnit::Year ? ratePrices.year : ratePrices.month) =
            Money::FromFen(rate->amount->fen() / duration.num);
    const std::optional<Money> unitPrice =
        rate ? std::optional<Money>(Money::FromFen(rate->amount->fen() / duration.num))
             : PriceOf(product->prices, duration.unit);
    if (!unitPrice)
        return Refusal{"price_unknown", r.resource_id,
                       "product " + product->product_id + " has no " + std::string(ToString(duration.unit)) +
                           " price; add " + std::string(PriceKey(duration.unit)) + " to price the renewal of " +
                           r.resource_id};

    item.resource_id = memo.text.add(r.resource_id);
    if (&r != &main) item.main_resource_id = memo.text.add(main.resource_id);
    item.product_id = memo.text.add(product->product_id);  // == r.product_id
    item.old_expire_time = r.expire_time;
    item.duration = duration;
    item.expired = request.as_of > r.expire_time;

    // docs/rules.md §3: renewing in grace/retention starts at the original expiry, not at the renewal time.
    const LocalDate oldEnd = LocalDateOf(r.expire_time, zone);
    const int anchor = AnchorDayOf(r, zone);
    const LocalDate plainEnd = duration.unit == TermUnit::Year ? AddYearsAnchored(oldEnd, duration.num, anchor)
                                                               : AddMonthsAnchored(oldEnd, duration.num, anchor);
    if (!rate) {
        item.period_amount = *unitPrice * duration.num;
        item.lines.push_back({memo.periodLabel(*product, duration, *unitPrice), item.period_amount});
    } else if (&r == &main) {
        item.period_amount = *rate->amount;
        const std::size_t attached = ws.attachedPositions(main).size();
        std::string label = duration.label(english ? LabelLanguage::English : LabelLanguage::Chinese);
        label += english
                     ? ", the instance as a whole, " + std::to_string(attached) +
                           " attached resource(s) included (Huawei renew rate, ListRenewRateOnPeriod)"
                     : "，实例整体（含 " + std::to_string(attached) + " 个从资源，华为续费询价 ListRenewRateOnPeriod）";
        item.lines.push_back({memo.text.add(label), item.period_amount});
    } else {
        item.period_amount = Money();
        item.lines.push_back({memo.text.add(english ? "included in the instance price of " + main.resource_id
                                                    : "已含在主资源 " + main.resource_id + " 的实例续费价中"),
                              Money()});
    }

    LocalDate newEnd = plainEnd;
    item.new_anchor_day = anchor;
    if (request.unified_day) {
        newEnd = NextUnifiedDate(plainEnd, *request.unified_day);
        item.extra_days = ExtraDaysInclusive(plainEnd, newEnd);
        if (item.extra_days > 0) {
            item.new_anchor_day = request.unified_day->day();
            const LocalDate first = plainEnd.plusDays(1);
            if (rate && &r != &main) {  // the instance's extra days are priced on its main
                item.new_expire_time = PeriodEnd(newEnd, zone, ws.rules.expiry_clock);
                item.amount = Money();
                return std::nullopt;
            }
            const ExtraDaysArithmetic& arithmetic =
                memo.extraDaysArithmetic(rate ? ratePrices : product->prices, first, item.extra_days);
            if (!arithmetic.missing.empty())
                return Refusal{"price_unknown", r.resource_id,
                               "product " + product->product_id + ": " + arithmetic.missing + " of " + r.resource_id};
            const std::string& span = memo.extraDaysSpan(first, item.extra_days);
            // = PriceExtraDays(...).line, from the memo's halves
            item.lines.push_back({memo.text.add(span, arithmetic.text), arithmetic.amount});
            item.extra_days_amount = arithmetic.amount;
        }
    }
    item.new_expire_time = PeriodEnd(newEnd, zone, ws.rules.expiry_clock);
    item.amount = item.period_amount + item.extra_days_amount;
    return std::nullopt;
}

// The instances of a request, each resource looked up once: its instance's members and their
// products go into one list. The refusals of ids that make no instance are kept with the number of
// instances before them, so that all refusals come in request order once the instances are checked.
struct QuoteSelection {
    std::vector<Instance> instances;
    std::vector<Member> members;
    std::vector<std::pair<std::size_t, Refusal>> early;  // instances before it, refusal
    std::deque<std::vector<RenewalDuration>> ownOffers;  // offers of instances with Huawei renew rates
};

QuoteSelection SelectInstances(const Workspace& ws, const RenewalRequest& request, QuoteMemo& memo)
{
    QuoteSelection sel;
    sel.instances.reserve(request.resource_ids.size());
    sel.members.reserve(request.resource_ids.size() + request.resource_ids.size() / 2);
    std::vector<bool> seen(ws.resources.size());       // duplicates, by position
    std::unordered_set<std::string_view> unknownSeen;  // duplicates among unknown ids
    for (const std::string& id : request.resource_ids) {
        const Resource* r = ws.findResource(id);
        if (!r) {
            if (unknownSeen.insert(id).second)
                sel.early.push_back(
                    {sel.instances.size(), {"unknown_resource", id, "no resource " + id + " in the workspace"}});
            continue;
        }
        const std::size_t position = static_cast<std::size_t>(r - ws.resources.data());
        if (seen[position]) continue;
        seen[position] = true;
        if (r->isBound()) {
            sel.early.push_back({sel.instances.size(),
                                 {"bound_to_main", id,
                                  "resource " + id + " is bound to " + *r->main_resource_id +
                                      " and renews with it; renew " + *r->main_resource_id + " instead"}});
            continue;
        }
        Instance inst;
        inst.main = r;
        inst.first = sel.members.size();
        AddMembers(ws, *r, sel.members);
        inst.count = sel.members.size() - inst.first;
        const Product* p = sel.members[inst.first].product;
        inst.offered = p ? &memo.offered(*r, *p) : &kNoDurations;
        if (!r->renew_rates.empty()) {  // Huawei's renew rates offer their durations too
            std::vector<RenewalDuration> own = *inst.offered;
            for (const RenewRate& rate : r->renew_rates)
                if (rate.amount) own.push_back({rate.period, rate.period_num});
            std::stable_sort(own.begin(), own.end(), [](const RenewalDuration& a, const RenewalDuration& b) {
                return a.months() < b.months();
            });
            own.erase(std::unique(own.begin(), own.end()), own.end());
            inst.offered = &sel.ownOffers.emplace_back(std::move(own));
        }
        sel.instances.push_back(inst);
    }
    return sel;
}

// The refusals of the selection in request order: the early ones, and each instance's (CheckRenewable,
// with the members' pending orders from the caller's locks or, without, found for them).
void CheckSelection(const Workspace& ws, const RenewalRequest& request, const OrderLocks* locks, QuoteSelection& sel,
                    Refusals& refusals)
{
    std::vector<const Order*> pending;
    if (locks) {
        pending.reserve(sel.members.size());
        for (const Member& m : sel.members) pending.push_back(locks->pending(*m.resource));
    } else {
        pending = PendingOrdersOf(ws, request.as_of, sel.members);
    }
    auto e = sel.early.begin();
    for (std::size_t i = 0; i < sel.instances.size(); ++i) {
        for (; e != sel.early.end() && e->first == i; ++e) refusals.push_back(std::move(e->second));
        const Instance& inst = sel.instances[i];
        CheckRenewable(ws, request, inst, &sel.members[inst.first], &pending[inst.first], refusals);
    }
    for (; e != sel.early.end(); ++e) refusals.push_back(std::move(e->second));
    if (sel.instances.empty() && refusals.empty())
        refusals.push_back({"empty_request", "", "no resource to renew was given"});
}

// The duration of each instance (seed 4.2.1.1 step 7): align-only's 1 month, the requested one, the
// common default of all, or each one's own default.
void ChooseDurations(const RenewalRequest& request, std::vector<Instance>& instances, Refusals& refusals)
{
    const RenewalDuration oneMonth{TermUnit::Month, 1};
    auto offers = [](const Instance& inst, const RenewalDuration& d) {
        return std::find(inst.offered->begin(), inst.offered->end(), d) != inst.offered->end();
    };
    if (request.align_only) {
        // 设置统一到期日 alone: 1 month plus the days to the unified day; products sold only by the year
        // (packages, marketplace) use their own default instead.
        for (Instance& inst : instances) {
            std::optional<RenewalDuration> d =
                offers(inst, oneMonth) ? std::optional(oneMonth) : DefaultDuration(*inst.offered);
            if (!d)
                refusals.push_back({"duration_not_offered", inst.main->resource_id,
                                    "resource " + inst.main->resource_id + " offers no renewal duration"});
            else inst.duration = *d;
        }
    } else if (request.duration) {
        for (Instance& inst : instances) {
            if (const RenewRate* rate = inst.main->renewRate(request.duration->unit, request.duration->num);
                rate && !rate->amount) {
                inst.duration = *request.duration;  // refused below with Huawei's message
                continue;
            }
            if (!offers(inst, *request.duration))
                refusals.push_back({"duration_not_offered", inst.main->resource_id,
                                    "resource " + inst.main->resource_id + " cannot be renewed for " +
                                        request.duration->str() + "; offered: " + DurationList(*inst.offered)});
            inst.duration = *request.duration;
        }
    } else if (request.default_mode == DurationDefault::Common) {
        std::vector<std::vector<RenewalDuration>> all;  // the distinct offers (instances share the memo's)
        std::unordered_set<const std::vector<RenewalDuration>*> distinct;
        for (const Instance& inst : instances)
            if (distinct.insert(inst.offered).second) all.push_back(*inst.offered);
        std::optional<RenewalDuration> d = CommonDefaultDuration(all);
        if (!d)
            refusals.push_back({"no_common_duration", "",
                                "the selected resources have no renewal duration in common; renew them separately"});
        else
            for (Instance& inst : instances) inst.duration = *d;
    } else {
        for (Instance& inst : instances) {
            std::optional<RenewalDuration> d = DefaultDuration(*inst.offered);
            if (!d)
                refusals.push_back({"duration_not_offered", inst.main->resource_id,
                                    "resource " + inst.main->resource_id + " offers no renewal duration"});
            else inst.duration = *d;
        }
    }
    // Huawei refused to price this renewal (fail_resource_infos): its message is the reason.
    for (const Instance& inst : instances)
        if (const RenewRate* rate = inst.main->renewRate(inst.duration.unit, inst.duration.num); rate && !rate->amount)
            refusals.push_back({"huawei_refused", inst.main->resource_id,
                                "Huawei refused to price renewing " + inst.main->resource_id + " for " +
                                    inst.duration.str() + " (ListRenewRateOnPeriod): " + rate->error_code +
                                    (rate->error_msg.empty() ? "" : " " + rate->error_msg)});
}

// The quote, with the members' pending orders from the caller's locks or (no locks) found for them.
RenewalQuote Quote(const Workspace& ws, const RenewalRequest& request, const OrderLocks* locks)
{
    if (request.align_only && !request.unified_day) {
        RenewalRequest aligned = request;
        aligned.unified_day = AccountUnifiedDay(ws);
        return Quote(ws, aligned, locks);
    }
    RenewalQuote quote;
    quote.as_of = request.as_of;
    // seed 4.2.6: an account frozen by the police renews nothing (account_freeze.h).
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws, AccountOperation::Other)) {
        quote.refusals.push_back(std::move(*frozen));
        return quote;
    }
    QuoteMemo memo(ws.rules, request.label_language);

    QuoteSelection sel = SelectInstances(ws, request, memo);
    CheckSelection(ws, request, locks, sel, quote.refusals);
    if (!quote.refusals.empty()) return quote;
    ChooseDurations(request, sel.instances, quote.refusals);
    if (!quote.refusals.empty()) return quote;

    quote.items.reserve(sel.members.size());
    for (const Instance& inst : sel.instances) {
        for (std::size_t k = inst.first; k < inst.first + inst.count; ++k) {
            RenewalQuoteItem& item = quote.items.emplace_back();
            if (std::optional<Refusal> r =
                    PriceItem(ws, request, sel.members[k], *inst.main, inst.duration, memo, item)) {
                quote.refusals.push_back(std::move(*r));
                quote.items.pop_back();
                continue;
            }
            quote.total += item.amount;
        }
    }
    if (!quote.refusals.empty()) {
        quote.items.clear();
        quote.total = Money();
    }
    return quote;
}

}  // namespace

RenewalQuote QuoteRenewal(const Workspace& ws, const RenewalRequest& request) { return Quote(ws, request, nullptr); }

RenewalQuote QuoteRenewal(const Workspace& ws, const RenewalRequest& request, const OrderLocks& locks)
{
    return Quote(ws, request, &locks);
}

// [SECTION] JSON

void WriteRenewalQuote(JsonWriter& w, const RenewalQuote& quote, ZoneOffset zone)
{
    if (!BeginResult(w, quote.as_of, zone, quote.refusals)) return;
    w.key("items");
    w.beginArray();
    for (const RenewalQuoteItem& item : quote.items) {
        w.beginObject();
        w.member("resource_id", item.resource_id);
        w.member("old_expire_time", item.old_expire_time, zone);
        w.member("new_expire_time", item.new_expire_time, zone);
        w.key("duration");
        WriteDuration(w, item.duration);
        w.member("extra_days", item.extra_days);
        w.member("amount", item.amount);
        w.key("lines");
        WriteQuoteLines(w, {item.lines.begin(), item.lines.end()});
        w.endObject();
    }
    w.endArray();
    w.member("total", quote.total);
    w.endObject();
}

void WriteQuoteLines(JsonWriter& w, std::span<const QuoteLine> lines)
{
    w.beginArray();
    for (const QuoteLine& line : lines) {
        w.beginObject();
        w.member("label", line.label);
        w.member("amount", line.amount);
        w.endObject();
    }
    w.endArray();
}

std::string RenewalQuoteJson(const RenewalQuote& quote, ZoneOffset zone)
{
    JsonWriter w;
    WriteRenewalQuote(w, quote, zone);
    return w.take();
}

std::optional<RenewalRequest> ReadRenewArgs(const Workspace& ws, std::string_view argsJson, Instant clock,
                                            std::string& error)
{
    const auto fail = [&error](std::string e) -> std::optional<RenewalRequest> {
        error = std::move(e);
        return std::nullopt;
    };
    const std::optional<nlohmann::json> args = ReadApiObject(argsJson, "renew", error);
    if (!args) return std::nullopt;
    RenewalRequest req;
    req.as_of = ws.as_of.value_or(clock);
    for (const auto& [key, value] : args->items()) {
        if (key == "resources") {
            if (std::string e = ReadResourceIds(value, req.resource_ids); !e.empty()) return fail(e);
        } else if (key == "months" || key == "years") {
            RenewalDuration d;
            if (std::string e = ReadApiDuration(value, key, d.unit, d.num); !e.empty()) return fail(e);
            req.duration = d;
        } else if (key == "unified_day") {
            std::optional<UnifiedExpiryDay> u;
            if (value.is_number_integer()) u = UnifiedExpiryDay::FromDay(value.get<int>());
            else if (value.is_string()) u = UnifiedExpiryDay::Parse(value.get<std::string>());
            if (!u) return fail("unified_day: expected 1..28 or \"last\"");
            req.unified_day = u;
        } else if (key == "align_only") {
            if (!value.is_boolean()) return fail("align_only: expected true or false");
            req.align_only = value.get<bool>();
        } else if (key == "as_of") {
            if (std::string e = ReadApiInstant(value, key, req.as_of); !e.empty()) return fail(e);
        } else {
            return fail(UnknownApiArgument(key));
        }
    }
    if (args->contains("months") && args->contains("years")) return fail("give months or years, not both");
    return req;
}

std::string RenewJson(const Workspace& ws, std::string_view argsJson, Instant clock)
{
    std::string error;
    const std::optional<RenewalRequest> req = ReadRenewArgs(ws, argsJson, clock, error);
    if (!req) return ErrorJson(error);
    return RenewalQuoteJson(QuoteRenewal(ws, *req), ws.rules.zone);
}

// [SECTION] orders

std::string NewOrderId(const Workspace& ws, Instant at, std::string_view salt, const std::vector<std::string>& taken)
{
    const LocalDate d = LocalDateOf(at, ws.rules.zone);
    const LocalTime t = LocalTimeOf(at, ws.rules.zone);
    std::string prefix = "CS";
    auto two = [&](int v) {
        prefix += static_cast<char>('0' + v / 10 % 10);
        prefix += static_cast<char>('0' + v % 10);
    };
    two(d.year() % 100);
    two(d.month());
    two(d.day());
    two(t.hour());
    two(t.minute());
    prefix += static_cast<char>('0' + t.second() / 10);
    // FNV-1a over the salt and a counter, written as 4 base-36 characters.
    static constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (uint64_t counter = 0;; ++counter) {
        uint64_t h = 1469598103934665603ull;
        auto mix = [&](unsigned char c) {
            h ^= c;
            h *= 1099511628211ull;
        };
        for (char c : salt) mix(static_cast<unsigned char>(c));
        for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(counter >> (8 * i)));
        std::string id = prefix;
        for (int i = 0; i < 4; ++i) {
            id += kDigits[h % 36];
            h /= 36;
        }
        if (ws.findOrder(id) == nullptr && std::find(taken.begin(), taken.end(), id) == taken.end()) return id;
    }
}

std::vector<Order> RenewalOrdersFor(const Workspace& ws, const RenewalQuote& quote, Instant at)
{
    const int64_t payWindow = static_cast<int64_t>(ws.rules.pending_payment_days) * kSecondsPerDay;
    std::vector<Order> orders;
    std::vector<std::string> taken;
    for (const RenewalQuoteItem& item : quote.items) {
        if (item.main_resource_id.empty()) {  // a new instance
            Order o;
            o.order_id = NewOrderId(ws, at, item.resource_id, taken);
            taken.push_back(o.order_id);
            o.order_type = OrderType::Renewal;
            o.status = OrderStatus::PendingPayment;
            o.create_time = at;
            o.pending_payment_end_time = at.plusSeconds(payWindow);
            o.official_amount = Money();
            if (const Product* p = ws.findProduct(item.product_id)) o.service_type_name = p->service_type_name;
            orders.push_back(std::move(o));
        }
        Order& o = orders.back();
        OrderItem line;
        line.resource_id = item.resource_id;
        line.product_id = item.product_id;
        line.period = item.duration.unit == TermUnit::Year ? ItemPeriod::Year : ItemPeriod::Month;
        line.period_num = item.duration.num;
        line.amount = item.period_amount;
        o.items.push_back(line);
        if (item.extra_days > 0) {
            line.period = ItemPeriod::Day;
            line.period_num = static_cast<int>(item.extra_days);
            line.amount = item.extra_days_amount;
            o.items.push_back(line);
        }
        o.amount_after_discount += item.amount;
        o.official_amount = *o.official_amount + item.amount;
    }
    return orders;
}

void AddOrders(Workspace& ws, std::vector<Order> orders)
{
    ws.orders.reserve(ws.orders.size() + orders.size());
    for (Order& o : orders) {
        ws.orders.push_back(std::move(o));
        const Order& added = ws.orders.back();
        ws.IndexAppended();
        // Trade history (交易记录跟踪) on each resource's purchase order, once per purchase order.
        std::vector<std::string> noted;
        for (const OrderItem& line : added.items) {
            const Resource* r = line.resource_id ? ws.findResource(*line.resource_id) : nullptr;
            if (!r || r->periods.empty()) continue;
            const std::string& purchase = r->periods.front().order_id;
            if (purchase.empty() || purchase == added.order_id ||
                std::find(noted.begin(), noted.end(), purchase) != noted.end())
                continue;
            noted.push_back(purchase);
            if (Order* po = ws.findOrder(purchase))
                po->history.push_back({added.create_time, added.order_type, added.order_id, {}});
        }
    }
}

Order MakeCombinedOrder(const Workspace& ws, std::vector<Order>& subs, OrderType type, OrderStatus status, Instant now,
                        Money total, std::string_view salt, const std::vector<std::string>& taken)
{
    Order parent;
    parent.order_id = NewOrderId(ws, now, salt, taken);
    parent.order_type = type;
    parent.status = status;
    parent.create_time = now;
    parent.official_amount = total;
    parent.amount_after_discount = total;
    parent.service_type_name = "组合交易";
    for (Order& s : subs) s.combined_order_id = parent.order_id;
    return parent;
}

PlacedRenewal PlaceRenewalOrders(Workspace& ws, const RenewalRequest& request)
{
    PlacedRenewal placed;
    RenewalRequest req = request;
    if (req.align_only && !req.unified_day) req.unified_day = AccountUnifiedDay(ws);
    placed.quote = QuoteRenewal(ws, req);
    if (!placed.quote.ok()) return placed;

    const Instant now = req.as_of;
    std::vector<Order> subs = RenewalOrdersFor(ws, placed.quote, now);
    if (req.auto_renew) {
        // 自动续费 chosen with the renewal (seed 4.2.1.1 step 7): each instance's order records the plan,
        // period = its renewal duration; checked now as 设为自动续费 would check it, applied when paid.
        Refusals refusals;
        for (Order& o : subs) {
            const OrderItem& head = o.items.front();  // the instance's main (or mounted) resource
            AutoRenew plan;
            plan.period = head.period == ItemPeriod::Year ? TermUnit::Year : TermUnit::Month;
            plan.period_num = head.period_num.value_or(1);
            plan.times_left = req.auto_renew->times;
            Refusals r = CheckAutoRenewChoice(ws, {*head.resource_id},
                                              AutoRenewPlan{{plan.period, plan.period_num}, plan.times_left});
            if (!r.empty() && r.front().code == "bad_times") {
                placed.quote.refusals = {r.front()};
                placed.quote.items.clear();
                return placed;
            }
            refusals.insert(refusals.end(), r.begin(), r.end());
            o.auto_renew_after_payment = plan;
        }
        if (!refusals.empty()) {
            placed.quote.refusals = std::move(refusals);
            placed.quote.items.clear();
            return placed;
        }
    }
    std::vector<Order> added;
    if (subs.size() > 1) {
        std::vector<std::string> taken;
        for (const Order& s : subs) taken.push_back(s.order_id);
        Order parent = MakeCombinedOrder(ws, subs, OrderType::Renewal, OrderStatus::PendingPayment, now,
                                         placed.quote.total, "combined:" + subs.front().order_id, taken);
        parent.pending_payment_end_time = subs.front().pending_payment_end_time;
        placed.order_id = parent.order_id;
        added.push_back(std::move(parent));
    } else {
        placed.order_id = subs.front().order_id;
    }
    for (Order& s : subs) {
        placed.sub_order_ids.push_back(s.order_id);
        added.push_back(std::move(s));
    }
    if (req.unified_day) ws.account.unified_expiry_day = req.unified_day;
    AddOrders(ws, std::move(added));
    return placed;
}

Refusals ApplyPaidRenewalOrder(Workspace& ws, std::string_view orderId,
                               const std::unordered_map<std::string, PaidBreakdown>& paid)
{
    const Order* order = ws.findOrder(orderId);
    if (!order)
        return {{"unknown_order", std::string(orderId), "no order " + std::string(orderId) + " in the workspace"}};
    if (order->order_type != OrderType::Renewal)
        return {{"not_a_renewal", order->order_id, "order " + order->order_id + " is not a renewal order"}};

    // A combined trade order has no items: its sub-orders carry them.
    std::vector<const Order*> parts;
    if (order->items.empty()) {
        for (const Order& o : ws.orders)
            if (o.combined_order_id && *o.combined_order_id == order->order_id) parts.push_back(&o);
    } else {
        parts.push_back(order);
    }

    struct Change {
        std::size_t index;
        Resource updated;
    };
    std::vector<Change> changes;
    const ZoneOffset zone = ws.rules.zone;
    for (const Order* part : parts) {
        for (const OrderItem& item : part->items) {
            if (!item.resource_id || (item.period != ItemPeriod::Month && item.period != ItemPeriod::Year)) continue;
            const std::optional<std::size_t> at = ws.positionOfResource(*item.resource_id);
            if (!at)
                return {{"unknown_resource", *item.resource_id,
                         "order " + part->order_id + " names unknown resource " + *item.resource_id}};
            Resource r = ws.resources[*at];
            for (const Change& c : changes)
                if (c.index == *at) r = c.updated;  // a resource named twice renews twice
            int64_t extraDays = 0;
            Money listAmount = item.amount.value_or(Money());
            for (const OrderItem& other : part->items)
                if (other.period == ItemPeriod::Day && other.resource_id == item.resource_id) {
                    extraDays = other.period_num.value_or(0);
                    listAmount += other.amount.value_or(Money());
                }
            const int num = item.period_num.value_or(1);
            const int anchor = AnchorDayOf(r, zone);
            const LocalDate oldEnd = LocalDateOf(r.expire_time, zone);
            const LocalDate plainEnd = item.period == ItemPeriod::Year ? AddYearsAnchored(oldEnd, num, anchor)
                                                                       : AddMonthsAnchored(oldEnd, num, anchor);
            const LocalDate newEnd = plainEnd.plusDays(extraDays);
            if (extraDays > 0) {
                // Aligned: the anchor becomes the unified day the order was placed with (the account's), or
                // the day reached (a month's last day past the 28th is the month-end choice).
                const std::optional<UnifiedExpiryDay> u = ws.account.unified_expiry_day;
                if (u && u->dayIn(newEnd.year(), newEnd.month()) == newEnd.day()) r.anchor_day = u->day();
                else r.anchor_day = newEnd.isLastDayOfMonth() && newEnd.day() > 28 ? 31 : newEnd.day();
            }
            ResourcePeriod period;
            period.order_id = part->order_id;
            period.kind = PeriodKind::Renewal;
            period.start = r.expire_time;
            period.end = PeriodEnd(newEnd, zone, ws.rules.expiry_clock);
            period.list_amount = listAmount;
            if (auto p = paid.find(r.resource_id); p != paid.end()) period.paid = p->second;
            r.periods.push_back(period);
            r.expire_time = period.end;
            if (r.status == ResourceStatus::Expired) r.status = ResourceStatus::InUse;
            bool merged = false;
            for (Change& c : changes)
                if (c.index == *at) {
                    c.updated = r;
                    merged = true;
                }
            if (!merged) changes.push_back({*at, std::move(r)});
        }
    }
    for (Change& c : changes) ws.resources[c.index] = std::move(c.updated);

    // 自动续费 chosen with the renewal (seed 4.2.1.1 step 7): from now on the instance renews
    // automatically. A refusal (the instance can no longer be set to auto-renew) leaves the policy as it
    // was; the renewal stands.
    for (const Order* part : parts) {
        if (!part->auto_renew_after_payment) continue;
        const AutoRenew& a = *part->auto_renew_after_payment;
        std::vector<std::string> heads;
        for (const OrderItem& item : part->items)
            if (item.resource_id && (item.period == ItemPeriod::Month || item.period == ItemPeriod::Year))
                if (const Resource* r = ws.findResource(*item.resource_id); r && !r->isBound())
                    heads.push_back(r->resource_id);
        if (!heads.empty()) EnableAutoRenewOnPayment(ws, heads, AutoRenewPlan{{a.period, a.period_num}, a.times_left});
    }
    return {};
}

}  // namespace qd
