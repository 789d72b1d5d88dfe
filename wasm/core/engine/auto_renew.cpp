// auto_renew.cpp: renewal policies, auto-renew charges and releasing resources (auto_renew.h).
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] instances named by a request
//   [SECTION] the charging engine
//   [SECTION] policy changes
//   [SECTION] the runner
//   [SECTION] release
#include "core/engine/auto_renew.h"

#include "core/engine/account_freeze.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace qd {

namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr std::string_view kAutoRenewCreator = "运营系统";  // who places auto-renewal orders (the console's 运营系统)

std::string_view TabName(RenewalPolicy p)
{
    switch (p) {
        case RenewalPolicy::Manual: return "manual renewal (手动续费)";
        case RenewalPolicy::Auto: return "auto-renew (自动续费)";
        case RenewalPolicy::ToOnDemand: return "to on-demand at expiry (到期转按需)";
        case RenewalPolicy::NoRenew: return "no renewal at expiry (到期不续费)";
    }
    return "";
}

std::string TimesText(std::optional<int> times) { return times ? std::to_string(*times) : std::string("unlimited"); }

// [SECTION] instances named by a request

// A main (or mounted) resource named by a request, with its bound attached resources.
struct Target {
    std::size_t index = 0;                 // position of the main in ws.resources
    std::vector<const Resource*> members;  // main first, then bound attached
};

// Resolves the ids of a policy request: unknown_resource, bound_to_main, closed, pending_order,
// empty_request. Duplicates are ignored.
std::vector<Target> ResolveTargets(const Workspace& ws, const std::vector<std::string>& ids, const OrderLocks& locks,
                                   std::string_view what, Refusals& refusals)
{
    std::vector<Target> targets;
    std::unordered_set<std::string_view> seen;
    for (const std::string& id : ids) {
        if (!seen.insert(id).second) continue;
        const std::optional<std::size_t> at = ws.positionOfResource(id);
        if (!at) {
            refusals.push_back({"unknown_resource", id, "no resource " + id + " in the workspace"});
            continue;
        }
        const Resource& r = ws.resources[*at];
        if (r.isBound()) {
            refusals.push_back({"bound_to_main", id,
                                "resource " + id + " is bound to " + *r.main_resource_id + " and follows it; " +
                                    std::string(what) + " " + *r.main_resource_id + " instead"});
            continue;
        }
        if (r.status == ResourceStatus::Closed) {
            refusals.push_back({"closed", id, "resource " + id + " is closed (unsubscribed or released)"});
            continue;
        }
        Target t;
        t.index = *at;
        t.members = InstanceOf(ws, r);
        bool locked = false;
        for (const Resource* m : t.members)
            if (const Order* o = locks.pending(m->resource_id)) {
                refusals.push_back(PendingOrderRefusal(m->resource_id, *o));
                locked = true;
                break;
            }
        if (!locked) targets.push_back(std::move(t));
    }
    if (ids.empty()) refusals.push_back({"empty_request", "", "no resource was given"});
    return targets;
}

// The first member whose product is delisted (已下架), or nullptr.
const Resource* DelistedMember(const Workspace& ws, const Target& t)
{
    for (const Resource* m : t.members)
        if (const Product* p = ws.findProduct(m->product_id); p && p->delisted) return m;
    return nullptr;
}

Refusal DelistedRefusal(const Target& t, const Resource& member, std::string_view action)
{
    const Resource& main = *t.members.front();
    return {"delisted_product", main.resource_id,
            "product " + member.product_id + " of resource " + member.resource_id +
                " is delisted (已下架): " + std::string(action) + " is not supported for " + main.resource_id};
}

Refusal UnchangedRefusal(const Resource& main, RenewalPolicy policy)
{
    return {"policy_unchanged", main.resource_id,
            "resource " + main.resource_id + " is already set to " + std::string(TabName(policy))};
}

// Checks a duration against what the main resource can be renewed for (seed 4.2.1.1 step 7).
void CheckDuration(const Workspace& ws, const Target& t, const RenewalDuration& d, Refusals& refusals)
{
    const Resource& main = *t.members.front();
    const Product* p = ws.findProduct(main.product_id);
    const std::vector<RenewalDuration> offered =
        p ? OfferedDurations(main, *p, ws.rules.zone) : std::vector<RenewalDuration>{};
    if (std::find(offered.begin(), offered.end(), d) != offered.end()) return;
    std::string list;
    for (const RenewalDuration& o : offered) list += (list.empty() ? "" : ", ") + o.str();
    refusals.push_back({"duration_not_offered", main.resource_id,
                        "resource " + main.resource_id + " cannot auto-renew for " + d.str() +
                            "; offered: " + (list.empty() ? "none" : list)});
}

bool ValidTimes(std::optional<int> times) { return !times || (*times >= 1 && *times <= kMaxAutoRenewTimes); }

Refusal BadTimesRefusal(std::optional<int> times)
{
    return {"bad_times", "",
            "the auto-renew count must be 1.." + std::to_string(kMaxAutoRenewTimes) + " or unlimited, got " +
                TimesText(times)};
}

// [SECTION] the charging engine

// Whether a resource is one that auto-renew charges on its own (not a bound attached one, not
// closed, not deleted after grace + retention as of `at`).
bool Chargeable(const Resource& r, const RuleProfile& rules, Instant at)
{
    if (r.isBound() || r.renewal_policy != RenewalPolicy::Auto || r.status == ResourceStatus::Closed) return false;
    const int64_t kept = static_cast<int64_t>(rules.grace_days + rules.retention_days) * kSecondsPerDay;
    return at - r.expire_time <= kept;
}

// Charges the instance of ws.resources[index] once at `at` (its due time `due`). On success
// returns the charge; else appends one failure.
std::optional<AutoRenewCharge> ChargeInstance(Workspace& ws, const OrderLocks& locks, std::size_t index, Instant due,
                                              Instant at, const AutoRenewRunOptions& options, Refusals& failures)
{
    const Resource& main = ws.resources[index];
    const std::string mainId = main.resource_id;
    const AutoRenew settings = AutoRenewOf(main);
    const RenewalDuration duration{settings.period, settings.period_num};

    RenewalRequest req;
    req.resource_ids = {mainId};
    req.duration = duration;
    req.as_of = at;
    const RenewalQuote quote = QuoteRenewal(ws, req, locks);
    if (!quote.ok()) {
        Refusal r = quote.refusals.front();
        r.message = "auto-renew charge of " + mainId + " not made: " + r.message;
        failures.push_back(std::move(r));
        return std::nullopt;
    }
    if (options.require_balance) {
        if (!ws.account.cash_balance) {
            failures.push_back({"balance_unknown", mainId,
                                "auto-renew charge of " + mainId + " (" + quote.total.str() +
                                    ") not made: the file has no account cash_balance"});
            return std::nullopt;
        }
        if (*ws.account.cash_balance < quote.total) {
            const Money missing = quote.total - *ws.account.cash_balance;
            failures.push_back({"insufficient_balance", mainId,
                                "auto-renew charge of " + mainId + " (" + quote.total.str() +
                                    ") not made: the cash balance " + ws.account.cash_balance->str() + " is short by " +
                                    missing.str() + "; top up first"});
            return std::nullopt;
        }
    }

    AutoRenewCharge charge;
    charge.resource_id = mainId;
    charge.at = at;
    charge.deduction_time = due;
    charge.amount = quote.total;
    charge.duration = duration;
    if (options.record_orders) {
        std::vector<Order> orders = RenewalOrdersFor(ws, quote, at);
        for (Order& o : orders) {
            o.status = OrderStatus::Completed;
            o.payment_time = at;
            o.pending_payment_end_time.reset();
            o.created_by = std::string(kAutoRenewCreator);
        }
        const std::string orderId = orders.front().order_id;
        AddOrders(ws, std::move(orders));
        std::unordered_map<std::string, PaidBreakdown> paid;
        // paid from the cash balance
        for (const RenewalQuoteItem& item : quote.items) paid[item.resource_id.str()].cash += item.amount;
        ApplyPaidRenewalOrder(ws, orderId, paid);
        charge.order_id = orderId;
    } else {
        for (const RenewalQuoteItem& item : quote.items)
            if (Resource* r = ws.findResource(item.resource_id)) {
                r->expire_time = item.new_expire_time;
                if (r->status == ResourceStatus::Expired) r->status = ResourceStatus::InUse;
            }
    }
    if (ws.account.cash_balance) *ws.account.cash_balance -= quote.total;

    // Each charge uses one of the remaining times; at zero the instance goes back to manual renewal.
    Resource& m = ws.resources[index];
    AutoRenew after = settings;
    if (after.times_left) after.times_left = std::max(0, *after.times_left - 1);
    const bool exhausted = after.times_left && *after.times_left == 0;
    for (const RenewalQuoteItem& item : quote.items)
        if (Resource* r = ws.findResource(item.resource_id)) {
            if (exhausted) {
                r->renewal_policy = RenewalPolicy::Manual;
                r->auto_renew.reset();
            } else {
                r->auto_renew = after;
            }
        }
    charge.new_expire_time = m.expire_time;
    charge.times_left = after.times_left;
    return charge;
}

// The run: every charge due up to `upTo` among `candidates` (positions in ws.resources; all when
// null), in time order.
AutoRenewRun RunCharges(Workspace& ws, Instant upTo, const AutoRenewRunOptions& options,
                        const std::vector<std::size_t>* candidates)
{
    AutoRenewRun run;
    // seed 4.2.6: nothing is charged on an account frozen by the police (account_freeze.h).
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws, AccountOperation::Other)) {
        run.failures.push_back(std::move(*frozen));
        return run;
    }
    if (candidates) AutoRenewRunner(ws, upTo, options, *candidates).Step(SIZE_MAX, run);
    else AutoRenewRunner(ws, upTo, options).Step(SIZE_MAX, run);
    return run;
}

// [SECTION] policy changes

// Checks one target for an operation; appends refusals.
using TargetCheck = std::function<void(const Workspace&, const Target&, Refusals&)>;
// Edits one member (main or bound attached) of a target that passed.
using MemberEdit = std::function<void(Resource&)>;

// The common shape of every policy operation: resolve, check every target, then apply to all of
// them (atomic), then the charges now due among them (when chargeAt is given).
// Without honourLocks, orders waiting for payment do not block (a paid renewal order applying its
// auto-renew choice); with checkOnly, nothing is changed (the refusals only).
PolicyChange ChangePolicy(Workspace& ws, const std::vector<std::string>& ids, std::string_view what,
                          const TargetCheck& check, const MemberEdit& edit, std::optional<Instant> chargeAt,
                          bool honourLocks = true, bool checkOnly = false)
{
    PolicyChange change;
    // seed 4.2.6: an account frozen by the police changes no policy (account_freeze.h).
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws, AccountOperation::Other)) {
        change.refusals.push_back(std::move(*frozen));
        return change;
    }
    const OrderLocks locks = honourLocks ? OrderLocks::Build(ws) : OrderLocks{};
    std::vector<Target> targets = ResolveTargets(ws, ids, locks, what, change.refusals);
    for (const Target& t : targets) check(ws, t, change.refusals);
    if (!change.refusals.empty() || checkOnly) return change;

    std::vector<std::size_t> mains;
    for (const Target& t : targets) {
        mains.push_back(t.index);
        std::vector<std::string> memberIds;
        for (const Resource* m : t.members) memberIds.push_back(m->resource_id);
        for (const std::string& id : memberIds) {
            Resource* r = ws.findResource(id);
            edit(*r);
            change.changed.push_back(id);
        }
    }
    if (chargeAt) {
        AutoRenewRunOptions options;
        options.not_before = chargeAt;
        AutoRenewRun run = RunCharges(ws, *chargeAt, options, &mains);
        change.charges = std::move(run.charges);
        change.charge_failures = std::move(run.failures);
    }
    return change;
}

}  // namespace

AutoRenew AutoRenewOf(const Resource& resource) { return resource.auto_renew.value_or(AutoRenew{}); }

Instant NextDeduction(const Resource& resource, const Account& account, const RuleProfile& rules)
{
    // seed 4.2.2.4 / docs/rules.md §3.2: the deduction clock (03:00) N days before the expiry day, local.
    const int days = std::clamp(account.deduction_days_before, kMinDeductionDaysBefore, kMaxDeductionDaysBefore);
    const LocalDate expiryDay = LocalDateOf(resource.expire_time, rules.zone);
    return ToInstant(expiryDay.plusDays(-days), rules.deduction_clock, rules.zone);
}

PolicyChange SetManualRenewal(Workspace& ws, const std::vector<std::string>& ids, Instant)
{
    // seed 4.2.1.2: from auto, to_on_demand, no_renew; not for delisted products.
    return ChangePolicy(
        ws, ids, "set",
        [](const Workspace& w, const Target& t, Refusals& out) {
            const Resource& main = *t.members.front();
            if (main.renewal_policy == RenewalPolicy::Manual)
                out.push_back(UnchangedRefusal(main, RenewalPolicy::Manual));
            else if (const Resource* d = DelistedMember(w, t))
                out.push_back(DelistedRefusal(t, *d, "setting manual renewal"));
        },
        [](Resource& r) {
            r.renewal_policy = RenewalPolicy::Manual;
            r.auto_renew.reset();
        },
        std::nullopt);
}

// 设为自动续费 in its three uses: EnableAutoRenew (honour the locks, charge at once when due), the
// check of a renewal order's choice (checkOnly) and its application when paid (no locks, no charge).
namespace {
PolicyChange SetAutoRenew(Workspace& ws, const std::vector<std::string>& ids, const AutoRenewPlan& plan,
                          std::optional<Instant> chargeAt, bool honourLocks, bool checkOnly)
{
    // seed 4.2.2.1: from manual, to_on_demand, no_renew; period and a count of 1..99 or unlimited.
    if (!ValidTimes(plan.times)) {
        PolicyChange c;
        c.refusals.push_back(BadTimesRefusal(plan.times));
        return c;
    }
    AutoRenew settings;
    settings.period = plan.duration.unit;
    settings.period_num = plan.duration.num;
    settings.times_left = plan.times;
    return ChangePolicy(
        ws, ids, "set",
        [&](const Workspace& w, const Target& t, Refusals& out) {
            const Resource& main = *t.members.front();
            if (main.renewal_policy == RenewalPolicy::Auto) {
                out.push_back(
                    {"policy_unchanged", main.resource_id,
                     "resource " + main.resource_id + " already renews automatically; modify its auto-renew instead"});
                return;
            }
            if (const Resource* d = DelistedMember(w, t)) {
                out.push_back(DelistedRefusal(t, *d, "auto-renew"));
                return;
            }
            CheckDuration(w, t, plan.duration, out);
        },
        [&](Resource& r) {
            r.renewal_policy = RenewalPolicy::Auto;
            r.auto_renew = settings;
        },
        chargeAt, honourLocks, checkOnly);
}
}  // namespace

PolicyChange EnableAutoRenew(Workspace& ws, const std::vector<std::string>& ids, const AutoRenewPlan& plan, Instant now)
{
    return SetAutoRenew(ws, ids, plan, now, true, false);  // inside the deduction window: charged at once
}

Refusals CheckAutoRenewChoice(const Workspace& ws, const std::vector<std::string>& ids, const AutoRenewPlan& plan)
{
    // checkOnly: ChangePolicy returns before any edit, so the workspace is only read.
    return SetAutoRenew(const_cast<Workspace&>(ws), ids, plan, std::nullopt, false, true).refusals;
}

PolicyChange EnableAutoRenewOnPayment(Workspace& ws, const std::vector<std::string>& ids, const AutoRenewPlan& plan)
{
    return SetAutoRenew(ws, ids, plan, std::nullopt, false, false);
}

PolicyChange ModifyAutoRenew(Workspace& ws, const std::vector<std::string>& ids, const AutoRenewChange& change,
                             Instant now)
{
    // seed 4.2.2.2: auto only; a new period, the count kept unless reset; not for delisted products.
    if (change.reset_times && !ValidTimes(change.times)) {
        PolicyChange c;
        c.refusals.push_back(BadTimesRefusal(change.times));
        return c;
    }
    // The new settings of each instance, from its main's (the count is the main's).
    std::unordered_map<std::string, AutoRenew> next;
    PolicyChange result = ChangePolicy(
        ws, ids, "modify",
        [&](const Workspace& w, const Target& t, Refusals& out) {
            const Resource& main = *t.members.front();
            if (main.renewal_policy != RenewalPolicy::Auto) {
                out.push_back({"not_auto", main.resource_id,
                               "resource " + main.resource_id + " does not renew automatically (it is set to " +
                                   std::string(TabName(main.renewal_policy)) + "); set it to auto-renew first"});
                return;
            }
            if (const Resource* d = DelistedMember(w, t)) {
                out.push_back(DelistedRefusal(t, *d, "modifying auto-renew"));
                return;
            }
            CheckDuration(w, t, change.duration, out);
            AutoRenew s = AutoRenewOf(main);
            s.period = change.duration.unit;
            s.period_num = change.duration.num;
            if (change.reset_times) s.times_left = change.times;
            if (s == AutoRenewOf(main))
                out.push_back({"policy_unchanged", main.resource_id,
                               "the auto-renew settings of " + main.resource_id + " are already " +
                                   change.duration.str() + ", " + TimesText(s.times_left) + " times"});
            for (const Resource* m : t.members) next[m->resource_id] = s;
        },
        [&](Resource& r) { r.auto_renew = next[r.resource_id]; }, std::nullopt);
    (void)now;  // the deduction time depends on the expiry only: nothing new falls due
    return result;
}

PolicyChange CancelAutoRenew(Workspace& ws, const std::vector<std::string>& ids, Instant)
{
    // seed 4.2.2.3: back to manual renewal; delisted products cannot cancel through 修改自动续费.
    return ChangePolicy(
        ws, ids, "cancel",
        [](const Workspace& w, const Target& t, Refusals& out) {
            const Resource& main = *t.members.front();
            if (main.renewal_policy != RenewalPolicy::Auto)
                out.push_back({"not_auto", main.resource_id,
                               "resource " + main.resource_id + " does not renew automatically (it is set to " +
                                   std::string(TabName(main.renewal_policy)) + ")"});
            else if (const Resource* d = DelistedMember(w, t))
                out.push_back(DelistedRefusal(t, *d, "cancelling auto-renew"));
        },
        [](Resource& r) {
            r.renewal_policy = RenewalPolicy::Manual;
            r.auto_renew.reset();
        },
        std::nullopt);
}

PolicyChange SetToOnDemand(Workspace& ws, const std::vector<std::string>& ids, Instant)
{
    // seed 4.2.4: from manual, auto, no_renew, when every product of the instance allows it.
    return ChangePolicy(
        ws, ids, "set",
        [](const Workspace& w, const Target& t, Refusals& out) {
            const Resource& main = *t.members.front();
            if (main.renewal_policy == RenewalPolicy::ToOnDemand) {
                out.push_back(UnchangedRefusal(main, RenewalPolicy::ToOnDemand));
                return;
            }
            for (const Resource* m : t.members)
                if (const Product* p = w.findProduct(m->product_id); p && !p->to_on_demand) {
                    out.push_back({"to_on_demand_unsupported", main.resource_id,
                                   "product " + p->product_id + " of resource " + m->resource_id +
                                       " cannot switch to pay-per-use at expiry"});
                    return;
                }
        },
        [](Resource& r) {
            r.renewal_policy = RenewalPolicy::ToOnDemand;
            r.auto_renew.reset();
        },
        std::nullopt);
}

PolicyChange SetNoRenew(Workspace& ws, const std::vector<std::string>& ids, Instant)
{
    // seed 4.2.5: from manual, auto, to_on_demand.
    return ChangePolicy(
        ws, ids, "set",
        [](const Workspace&, const Target& t, Refusals& out) {
            const Resource& main = *t.members.front();
            if (main.renewal_policy == RenewalPolicy::NoRenew)
                out.push_back(UnchangedRefusal(main, RenewalPolicy::NoRenew));
        },
        [](Resource& r) {
            r.renewal_policy = RenewalPolicy::NoRenew;
            r.auto_renew.reset();
        },
        std::nullopt);
}

PolicyChange SetDeductionDaysBefore(Workspace& ws, int days, Instant now)
{
    PolicyChange change;
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws, AccountOperation::Other)) {  // seed 4.2.6
        change.refusals.push_back(std::move(*frozen));
        return change;
    }
    if (days < kMinDeductionDaysBefore || days > kMaxDeductionDaysBefore) {
        change.refusals.push_back({"bad_deduction_days", "",
                                   "the auto-renew deduction day must be " + std::to_string(kMinDeductionDaysBefore) +
                                       ".." + std::to_string(kMaxDeductionDaysBefore) + " days before expiry, got " +
                                       std::to_string(days)});
        return change;
    }
    ws.account.deduction_days_before = days;
    // seed 4.2.2.4 设置后立即生效: what is due now under the new day is charged now.
    AutoRenewRunOptions options;
    options.not_before = now;
    AutoRenewRun run = RunCharges(ws, now, options, nullptr);
    change.charges = std::move(run.charges);
    change.charge_failures = std::move(run.failures);
    return change;
}

// [SECTION] the runner

AutoRenewRunner::AutoRenewRunner(Workspace& ws, Instant upTo, const AutoRenewRunOptions& options)
    // orders added by a run are completed: the locks stay right
    : ws_(&ws), upTo_(upTo), options_(options), locks_(OrderLocks::Build(ws))
{
    for (std::size_t i = 0; i < ws.resources.size(); ++i) consider(i);
}

AutoRenewRunner::AutoRenewRunner(Workspace& ws, Instant upTo, const AutoRenewRunOptions& options,
                                 const std::vector<std::size_t>& positions)
    : ws_(&ws), upTo_(upTo), options_(options), locks_(OrderLocks::Build(ws))
{
    for (std::size_t i : positions)
        if (i < ws.resources.size()) consider(i);
}

void AutoRenewRunner::consider(std::size_t i)
{
    const Resource& r = ws_->resources[i];
    if (r.isBound() || r.renewal_policy != RenewalPolicy::Auto || r.status == ResourceStatus::Closed) return;
    const Instant due = NextDeduction(r, ws_->account, ws_->rules);
    if (due > upTo_) return;
    queue_.emplace_back(due.unixSeconds(), i);  // earliest first, then file order
    std::push_heap(queue_.begin(), queue_.end(), std::greater<>());
}

Instant AutoRenewRunner::reached() const
{
    return queue_.empty() ? upTo_ : Instant::FromUnixSeconds(queue_.front().first);
}

bool AutoRenewRunner::Step(std::size_t maxCharges, AutoRenewRun& into)
{
    std::size_t made = 0;
    while (!queue_.empty() && made < maxCharges) {
        std::pop_heap(queue_.begin(), queue_.end(), std::greater<>());
        const auto [dueSeconds, i] = queue_.back();
        queue_.pop_back();
        const Instant due = Instant::FromUnixSeconds(dueSeconds);
        const Instant at = options_.not_before && *options_.not_before > due ? *options_.not_before : due;
        if (!Chargeable(ws_->resources[i], ws_->rules, at)) continue;
        std::optional<AutoRenewCharge> charge = ChargeInstance(*ws_, locks_, i, due, at, options_, into.failures);
        if (!charge) continue;  // one failure per resource per run
        into.charges.push_back(std::move(*charge));
        ++made;
        consider(i);  // renewed for a short period it may fall due again
    }
    return queue_.empty();
}

AutoRenewRun RunDueAutoRenewals(Workspace& ws, Instant upTo)
{
    return RunCharges(ws, upTo, AutoRenewRunOptions{}, nullptr);
}

AutoRenewRun RunDueAutoRenewals(Workspace& ws, Instant upTo, const AutoRenewRunOptions& options)
{
    return RunCharges(ws, upTo, options, nullptr);
}

// [SECTION] release

bool OffersRelease(const Resource& r, Instant now)
{
    return r.status == ResourceStatus::Expired || r.status == ResourceStatus::Frozen ||
           (r.status == ResourceStatus::InUse && r.expire_time < now);
}

bool AllAutoRenew(const Workspace& ws, const std::vector<std::string>& ids)
{
    return !ids.empty() && std::all_of(ids.begin(), ids.end(), [&](const std::string& id) {
        const Resource* r = ws.findResource(id);
        return r && r->renewal_policy == RenewalPolicy::Auto;
    });
}

Release ReleaseResources(Workspace& ws, const std::vector<std::string>& ids, Instant now)
{
    Release out;
    // seed 4.2.6: a police freeze of the account blocks release; arrears / violation freezes do not.
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws, AccountOperation::Release)) {
        out.refusals.push_back(std::move(*frozen));
        return out;
    }
    const OrderLocks locks = OrderLocks::Build(ws);
    std::vector<std::string> toClose;
    std::unordered_set<std::string_view> seen;
    for (const std::string& id : ids) {
        if (!seen.insert(id).second) continue;
        const Resource* r = ws.findResource(id);
        if (!r) {
            out.refusals.push_back({"unknown_resource", id, "no resource " + id + " in the workspace"});
            continue;
        }
        if (r->isBound()) {
            out.refusals.push_back({"bound_to_main", id,
                                    "resource " + id + " is bound to " + *r->main_resource_id +
                                        " and is released with it; release " + *r->main_resource_id + " instead"});
            continue;
        }
        if (r->status == ResourceStatus::Closed) {
            out.refusals.push_back({"closed", id, "resource " + id + " is already closed (unsubscribed or released)"});
            continue;
        }
        const std::vector<const Resource*> members = InstanceOf(ws, *r);
        bool refused = false;
        for (const Resource* m : members) {
            // seed 4.2.6: a police freeze (公安冻结) blocks release; arrears and violation freezes do not.
            if (m->status == ResourceStatus::Frozen && m->frozen_reason == FrozenReason::Police) {
                out.refusals.push_back(
                    {"police_frozen", id,
                     "resource " + m->resource_id + " is frozen by the police (公安冻结) and cannot be released"});
                refused = true;
                break;
            }
            if (m->status == ResourceStatus::Frozen && !m->frozen_reason) {
                out.refusals.push_back({"frozen_reason_unknown", id,
                                        "resource " + m->resource_id +
                                            " is frozen for a reason not in the file; add frozen_reason (arrears or "
                                            "violation may be released)"});
                refused = true;
                break;
            }
        }
        if (refused) continue;
        for (const Resource* m : members) {
            if (const Order* o = locks.pending(m->resource_id)) {
                out.refusals.push_back(PendingOrderRefusal(m->resource_id, *o));
                refused = true;
                break;
            }
            if (const Order* o = locks.open(m->resource_id)) {
                out.refusals.push_back({"in_transaction", id,
                                        "resource " + m->resource_id + " is in unfinished order " + o->order_id + " (" +
                                            std::string(ToString(o->status)) +
                                            "; 订单正在处理中) and cannot be released until it is finished"});
                refused = true;
                break;
            }
        }
        if (refused) continue;
        const bool frozenReleasable = r->status == ResourceStatus::Frozen;  // arrears / violation (checked above)
        const bool expired =
            r->status == ResourceStatus::Expired || (r->status == ResourceStatus::InUse && now > r->expire_time);
        if (!expired && !frozenReleasable) {
            out.refusals.push_back({"not_expired", id,
                                    "resource " + id + " has not expired (it expires " +
                                        FormatIso(r->expire_time, ws.rules.zone) +
                                        "); only expired resources can be released"});
            continue;
        }
        for (const Resource* m : members) toClose.push_back(m->resource_id);
    }
    if (ids.empty()) out.refusals.push_back({"empty_request", "", "no resource to release was given"});
    if (!out.refusals.empty()) return out;
    for (const std::string& id : toClose) {
        Resource& closed = *ws.findResource(id);
        closed.status = ResourceStatus::Closed;  // bound attached go along; mounted ones stay
        closed.frozen_reason.reset();            // only a frozen resource has one (docs/workspace-format.md)
        out.released.push_back(id);
    }
    return out;
}

}  // namespace qd
