// forecast.cpp: the auto-renew charge forecast (forecast.h).
#include "core/engine/forecast.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

namespace qd {

std::string ForecastMonth::label() const
{
    std::string out = std::to_string(year) + "-";
    if (month < 10) out += '0';
    return out + std::to_string(month);
}

namespace {

// The place of a resource of `ws` (a pointer into ws.resources) in it.
std::uint32_t PositionIn(const Workspace& ws, const Resource* r)
{
    return static_cast<std::uint32_t>(r - ws.resources.data());
}

// The part of the workspace auto-renew charges touch: account, rules, the auto-renew instances
// (main + bound attached), their products, and the unfinished orders naming them (the locks).
// `positions` gets the place in ws.resources of each of the part's resources (charges name those).
Workspace AutoRenewPart(const Workspace& ws, std::vector<std::uint32_t>& positions)
{
    Workspace part;
    part.as_of = ws.as_of;
    part.account = ws.account;
    part.rules = ws.rules;
    std::unordered_set<std::string_view> resources, products;
    for (const Resource& r : ws.resources) {
        if (r.isBound() || r.renewal_policy != RenewalPolicy::Auto || r.status == ResourceStatus::Closed) continue;
        for (const Resource* m : InstanceOf(ws, r))
            if (resources.insert(m->resource_id).second) {
                part.resources.push_back(*m);
                positions.push_back(PositionIn(ws, m));
                products.insert(m->product_id);
            }
    }
    for (const Product& p : ws.products)
        if (products.count(p.product_id)) part.products.push_back(p);
    for (const Order& o : ws.orders) {
        if (!o.isOpen()) continue;
        const bool names = std::any_of(o.items.begin(), o.items.end(), [&](const OrderItem& i) {
            return i.resource_id && resources.count(*i.resource_id);
        });
        if (names) part.orders.push_back(o);
    }
    part.Reindex();
    return part;
}

}  // namespace

// What a sliced builder keeps between its steps (forecast.h).
struct ForecastBuilder::Sliced {
    enum Stage { Orders, Instances, Sort, Emit };
    struct Key {
        int64_t due;        // the charge's deduction time (the runner's queue key)
        uint32_t resource;  // the main's place in ws.resources: mains come in the one-piece part in that
                            // order, so it orders equal due times as the one-piece run does
        uint32_t slice;     // in `charges`: charges[slice][item]
        uint32_t item;
        bool operator<(const Key& o) const
        {
            return due != o.due ? due < o.due : resource < o.resource;  // one charge per resource per due time
        }
    };
    const Workspace* ws = nullptr;
    ForecastSlices sizes;
    Stage stage = Orders;
    std::size_t cursor = 0;           // in ws.orders, ws.resources or `order`, by stage
    std::optional<Instant> snapshot;  // ws.as_of, when charges before asOf are simulated first
    std::unordered_map<std::string_view, std::vector<std::size_t>> openOrders;  // resource id -> open orders naming it
    std::unordered_set<std::string_view> taken;  // resources placed in a slice's part already
    Money beforeWindow;                          // what the charges between ws.as_of and asOf took from the balance
    std::vector<std::vector<ForecastCharge>> charges;  // every slice's charges (a vector each: few blocks to free)
    // their keys: sorted runs (one per slice, merged as they come), one run after Sort
    std::vector<Key> order;
    std::vector<std::size_t> runs;  // where each sorted run of `order` starts (sizes shrink towards the end)

    // The slice's charges, order[from..], are sorted; merges runs of similar size so that no step
    // merges much more than it added, and the final merge is at most about the whole once.
    void addRun(std::size_t from)
    {
        std::sort(order.begin() + static_cast<std::ptrdiff_t>(from), order.end());
        if (from == order.size()) return;
        runs.push_back(from);
        while (runs.size() >= 2) {
            const std::size_t top = runs.back(), below = runs[runs.size() - 2];
            if (top - below > 2 * (order.size() - top)) break;
            mergeTop();
        }
    }
    Workspace NextInstances(std::vector<std::uint32_t>& positions);
    void mergeTop()
    {
        const std::size_t top = runs.back();
        runs.pop_back();
        std::inplace_merge(order.begin() + static_cast<std::ptrdiff_t>(runs.back()),
                           order.begin() + static_cast<std::ptrdiff_t>(top), order.end());
    }
};

void ForecastBuilder::start(const Workspace& ws, Instant asOf, int months)
{
    months = std::clamp(months, 1, kMaxForecastMonths);
    const ZoneOffset zone = ws.rules.zone;
    Forecast& f = forecast_;
    f.as_of = asOf;
    f.cash_balance = ws.account.cash_balance;

    const LocalDate today = LocalDateOf(asOf, zone);
    const LocalDate firstOfMonth = *LocalDate::FromYmd(today.year(), today.month(), 1);
    f.until = ToInstant(AddMonths(firstOfMonth, months), LocalTime::Midnight(), zone);
    for (int i = 0; i < months; ++i) {
        const LocalDate d = AddMonths(firstOfMonth, i);
        ForecastMonth m;
        m.year = d.year();
        m.month = d.month();
        f.months.push_back(m);
    }
    start_ = ws.as_of && *ws.as_of < asOf ? *ws.as_of : asOf;
}

ForecastBuilder::ForecastBuilder(const Workspace& ws, Instant asOf, int months)
    : part_(std::make_unique<Workspace>(AutoRenewPart(ws, partPositions_)))
{
    start(ws, asOf, months);
    const Forecast& f = forecast_;
    AutoRenewRunOptions options;
    options.record_orders = false;
    options.require_balance = false;
    if (ws.as_of && *ws.as_of < asOf) {
        // The file is a snapshot at ws.as_of: the charges between it and asOf are made first (not listed).
        options.not_before = *ws.as_of;
        runner_ = std::make_unique<AutoRenewRunner>(*part_, asOf.plusSeconds(-1), options);
    } else {
        phase_ = 1;
        balance_ = f.cash_balance;
        options.not_before = asOf;
        runner_ = std::make_unique<AutoRenewRunner>(*part_, f.until.plusSeconds(-1), options);
    }
}

ForecastBuilder::ForecastBuilder(const Workspace& ws, Instant asOf, int months, ForecastSlices slices)
    : sliced_(std::make_unique<Sliced>())
{
    start(ws, asOf, months);
    sliced_->ws = &ws;
    sliced_->sizes = slices;
    sliced_->sizes.instances = std::max<std::size_t>(1, slices.instances);
    sliced_->sizes.orders = std::max<std::size_t>(1, slices.orders);
    sliced_->sizes.charges = std::max<std::size_t>(1, slices.charges);
    if (ws.as_of && *ws.as_of < asOf) sliced_->snapshot = ws.as_of;
    phase_ = 1;
}

ForecastBuilder::ForecastBuilder(ForecastBuilder&&) noexcept = default;
ForecastBuilder& ForecastBuilder::operator=(ForecastBuilder&&) noexcept = default;
ForecastBuilder::~ForecastBuilder() = default;

int ForecastBuilder::progress() const
{
    if (done_) return 100;
    if (sliced_) {
        // Orders 0..5, instances 5..90, the last merge 90, the charges in time order 90..99.
        const Sliced& s = *sliced_;
        const auto share = [](std::size_t at, std::size_t of, int from, int span) {
            return from +
                   (of == 0 ? span : static_cast<int>(static_cast<uint64_t>(at) * static_cast<uint64_t>(span) / of));
        };
        switch (s.stage) {
            case Sliced::Orders: return share(s.cursor, s.ws->orders.size(), 0, 5);
            case Sliced::Instances: return share(s.cursor, s.ws->resources.size(), 5, 85);
            case Sliced::Sort: return 90;
            case Sliced::Emit: return std::min(99, share(s.cursor, s.order.size(), 90, 10));
        }
        return 0;
    }
    const int64_t span = forecast_.until - start_;
    if (span <= 0) return 0;
    const int64_t at = std::clamp<int64_t>(runner_->reached() - start_, 0, span);
    return static_cast<int>(at * 100 / span);
}

namespace {

// The forecast line of one charge made in `part`, whose resources are at `positions` in the workspace
// the forecast is taken of.
ForecastCharge ToForecastCharge(const Workspace& part, const std::vector<std::uint32_t>& positions,
                                const AutoRenewCharge& c, Instant asOf)
{
    static_assert(kMaxAutoRenewTimes <= UINT8_MAX, "ForecastCharge::times_left is 8 bits");
    ForecastCharge fc;
    // Always found: the runner charges only the part's own resources.
    if (const std::optional<std::size_t> p = part.positionOfResource(c.resource_id); p && *p < positions.size())
        fc.resource = positions[*p];
    fc.at = c.at;
    fc.deduction_time = c.deduction_time;
    fc.late = c.deduction_time < asOf;
    fc.amount = c.amount;
    fc.duration = c.duration;
    fc.new_expire_time = c.new_expire_time;
    // 0..99 (the loader and every operation keep the count there); clamped, never wrapped
    if (c.times_left) fc.times_left = static_cast<std::uint8_t>(std::clamp(*c.times_left, 0, int{UINT8_MAX}));
    return fc;
}

// Adds one charge (the next in time order) to the forecast: running balance, totals, its month.
void Place(Forecast& f, std::optional<Money>& balance, ForecastCharge fc, ZoneOffset zone)
{
    if (balance) {
        *balance -= fc.amount;
        fc.balance = *balance;
        fc.has_balance = true;
        if (balance->isNegative() && !f.first_short) f.first_short = f.charges.size();
    }
    f.total += fc.amount;
    const LocalDate d = LocalDateOf(fc.at, zone);
    const ForecastMonth& first = f.months.front();
    const int index = (d.year() - first.year) * 12 + (d.month() - first.month);
    if (index >= 0 && index < static_cast<int>(f.months.size())) {
        ForecastMonth& m = f.months[static_cast<std::size_t>(index)];
        if (m.count == 0) m.first = f.charges.size();
        ++m.count;
        m.total += fc.amount;
    }
    f.charges.push_back(std::move(fc));
}

}  // namespace

void ForecastBuilder::collect(AutoRenewRun& run)
{
    Forecast& f = forecast_;
    for (Refusal& r : run.failures) f.failures.push_back(std::move(r));
    for (const AutoRenewCharge& c : run.charges)
        Place(f, balance_, ToForecastCharge(*part_, partPositions_, c, f.as_of), part_->rules.zone);
}

bool ForecastBuilder::StepSliced()
{
    switch (sliced_->stage) {
        case Sliced::Orders: ScanOpenOrders(); return false;
        case Sliced::Instances: SimulateNextInstances(); return false;
        case Sliced::Sort: SortCharges(); return false;
        case Sliced::Emit: return EmitCharges();
    }
    return false;
}

// The unfinished orders: they lock the resources they name.
void ForecastBuilder::ScanOpenOrders()
{
    Sliced& s = *sliced_;
    const Workspace& ws = *s.ws;
    const std::size_t end = std::min(ws.orders.size(), s.cursor + s.sizes.orders);
    for (; s.cursor < end; ++s.cursor) {
        const Order& o = ws.orders[s.cursor];
        if (!o.isOpen()) continue;
        for (const OrderItem& i : o.items)
            if (i.resource_id) {
                std::vector<std::size_t>& list = s.openOrders[*i.resource_id];
                if (list.empty() || list.back() != s.cursor) list.push_back(s.cursor);
            }
    }
    if (s.cursor == ws.orders.size()) {
        s.taken.reserve(ws.resources.size() / 2);  // no rehash of every id in the middle of a slice
        s.stage = Sliced::Instances;
        s.cursor = 0;
    }
}

// The next sizes.instances auto-renew instances, copied with what their charges read: their resources,
// products and the open orders that lock them.
Workspace ForecastBuilder::Sliced::NextInstances(std::vector<std::uint32_t>& positions)
{
    Workspace part;
    part.as_of = ws->as_of;
    part.account = ws->account;
    part.rules = ws->rules;
    std::unordered_set<std::string_view> products;
    std::vector<std::size_t> locking;
    std::size_t instances = 0;
    while (cursor < ws->resources.size() && instances < sizes.instances) {
        const Resource& r = ws->resources[cursor++];
        if (r.isBound() || r.renewal_policy != RenewalPolicy::Auto || r.status == ResourceStatus::Closed) continue;
        ++instances;
        for (const Resource* m : InstanceOf(*ws, r))
            if (taken.insert(m->resource_id).second) {
                part.resources.push_back(*m);
                positions.push_back(PositionIn(*ws, m));
                products.insert(m->product_id);
                if (auto it = openOrders.find(m->resource_id); it != openOrders.end())
                    locking.insert(locking.end(), it->second.begin(), it->second.end());
            }
    }
    for (const Product& p : ws->products)
        if (products.count(p.product_id)) part.products.push_back(p);
    std::sort(locking.begin(), locking.end());
    locking.erase(std::unique(locking.begin(), locking.end()), locking.end());
    for (std::size_t i : locking) part.orders.push_back(ws->orders[i]);
    part.Reindex();
    return part;
}

// The next instances simulated through the window on their own; their charges become a sorted run.
void ForecastBuilder::SimulateNextInstances()
{
    Sliced& s = *sliced_;
    Forecast& f = forecast_;
    std::vector<std::uint32_t> positions;  // of the part's resources in ws.resources
    Workspace part = s.NextInstances(positions);

    AutoRenewRunOptions options;
    options.record_orders = false;
    options.require_balance = false;
    if (s.snapshot) {
        options.not_before = *s.snapshot;
        AutoRenewRunner before(part, f.as_of.plusSeconds(-1), options);
        AutoRenewRun run;
        before.Step(SIZE_MAX, run);
        for (const AutoRenewCharge& c : run.charges) s.beforeWindow += c.amount;
    }
    options.not_before = f.as_of;
    AutoRenewRunner window(part, f.until.plusSeconds(-1), options);
    AutoRenewRun run;
    window.Step(SIZE_MAX, run);
    for (Refusal& r : run.failures) f.failures.push_back(std::move(r));
    const std::size_t from = s.order.size();
    std::vector<ForecastCharge> charges;
    charges.reserve(run.charges.size());
    for (const AutoRenewCharge& c : run.charges) {
        charges.push_back(ToForecastCharge(part, positions, c, f.as_of));
        s.order.push_back({c.deduction_time.unixSeconds(), charges.back().resource,
                           static_cast<uint32_t>(s.charges.size()), static_cast<uint32_t>(charges.size() - 1)});
    }
    if (!charges.empty()) s.charges.push_back(std::move(charges));
    s.addRun(from);
    if (s.cursor == s.ws->resources.size()) s.stage = Sliced::Sort;
}

// Every charge in time order, and the balance at asOf.
void ForecastBuilder::SortCharges()
{
    Sliced& s = *sliced_;
    Forecast& f = forecast_;
    while (s.runs.size() >= 2) s.mergeTop();  // the runs left, smallest first: about the whole once
    s.taken = {};
    s.openOrders = {};
    // The balance at asOf: what the file says, less the charges since its as_of.
    if (f.cash_balance) *f.cash_balance -= s.beforeWindow;
    balance_ = f.cash_balance;
    f.charges.reserve(s.order.size());  // every charge, once: no doubling slack kept for the forecast's life
    s.stage = Sliced::Emit;
    s.cursor = 0;
}

// The next sizes.charges charges placed in the forecast; true (and the slices freed) after the last.
bool ForecastBuilder::EmitCharges()
{
    Sliced& s = *sliced_;
    const std::size_t end = std::min(s.order.size(), s.cursor + s.sizes.charges);
    for (; s.cursor < end; ++s.cursor)
        Place(forecast_, balance_, std::move(s.charges[s.order[s.cursor].slice][s.order[s.cursor].item]),
              s.ws->rules.zone);
    if (s.cursor < s.order.size()) return false;
    sliced_.reset();
    done_ = true;
    return true;
}

bool ForecastBuilder::Step(std::size_t maxCharges)
{
    if (done_) return true;
    if (sliced_) return StepSliced();
    AutoRenewRun run;
    const bool finished = runner_->Step(maxCharges, run);
    if (phase_ == 1) collect(run);
    if (!finished) return false;
    if (phase_ == 0) {
        // Into the window: the balance is what the charges before it left.
        phase_ = 1;
        forecast_.cash_balance = part_->account.cash_balance;
        AutoRenewRunOptions options;
        options.record_orders = false;
        options.require_balance = false;
        options.not_before = forecast_.as_of;
        runner_ = std::make_unique<AutoRenewRunner>(*part_, forecast_.until.plusSeconds(-1), options);
        balance_ = forecast_.cash_balance;
        return false;
    }
    done_ = true;
    part_.reset();
    runner_.reset();
    partPositions_ = {};
    forecast_.charges.shrink_to_fit();  // grown by doubling: the slack would live as long as the forecast
    return true;
}

Forecast ForecastAutoRenewals(const Workspace& ws, Instant asOf, int months)
{
    ForecastBuilder builder(ws, asOf, months);
    while (!builder.Step(SIZE_MAX)) {}
    return builder.result();
}

ChargedInstance ChargedInstanceOf(const Workspace& ws, const ForecastCharge& charge)
{
    if (charge.resource >= ws.resources.size()) return {};
    const Resource& r = ws.resources[charge.resource];
    ChargedInstance out{r.resource_id, r.resource_name, r.product_id, {}};
    if (const Product* p = ws.findProduct(r.product_id)) out.service_type_name = p->service_type_name;
    return out;
}

void WriteForecast(JsonWriter& w, const Forecast& f, const Workspace& ws)
{
    const ZoneOffset zone = ws.rules.zone;
    w.beginObject();
    w.member("as_of", f.as_of, zone);
    w.member("until", f.until, zone);
    w.member("total", f.total);
    w.member("cash_balance", f.cash_balance);
    w.key("balance_short_from");
    if (f.first_short) w.instant(f.charges[*f.first_short].at, zone);
    else w.null();
    w.key("months");
    w.beginArray();
    for (const ForecastMonth& m : f.months) {
        w.beginObject();
        w.member("month", m.label());
        w.member("total", m.total);
        w.member("charges", static_cast<int64_t>(m.count));
        w.endObject();
    }
    w.endArray();
    w.key("charges");
    w.beginArray();
    for (const ForecastCharge& c : f.charges) {
        w.beginObject();
        w.member("time", c.at, zone);
        w.member("deduction_time", c.deduction_time, zone);
        w.key("late");
        w.boolean(c.late);
        const ChargedInstance main = ChargedInstanceOf(ws, c);
        w.member("resource_id", main.resource_id);
        w.member("resource_name", main.resource_name);
        w.member("service_type_name", main.service_type_name);
        w.key("duration");
        WriteDuration(w, c.duration);
        w.member("amount", c.amount);
        w.member("new_expire_time", c.new_expire_time, zone);
        w.member("times_left", c.times_left);
        w.member("balance_after", c.balanceAfter());
        w.endObject();
    }
    w.endArray();
    WriteRefusals(w, "failures", f.failures);
    w.endObject();
}

std::string ForecastJson(const Forecast& forecast, const Workspace& ws)
{
    JsonWriter w;
    WriteForecast(w, forecast, ws);
    return w.take();
}

}  // namespace qd
