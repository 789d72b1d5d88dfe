// auto_renew.h: what happens at expiry, and releasing expired resources (seed 4.2.1.2 设为手动续费,
// 4.2.2 自动续费, 4.2.4 到期转按需, 4.2.5 到期不续费, 4.2.6 释放资源; docs/rules.md; docs/rules.md §3.2).
//
//   AutoRenewPlan plan{{TermUnit::Month, 1}, 6};                  // every month, 6 times (nullopt = unlimited)
//   PolicyChange c = EnableAutoRenew(ws, {"ecs-1"}, plan, now);    // refusals: nothing changed
//   c.charges                                                      // charged at once inside the deduction window
//   Instant next = NextDeduction(*ws.findResource("ecs-1"), ws.account, ws.rules);   // 03:00, 7 days before expiry
//   AutoRenewRun run = RunDueAutoRenewals(ws, later);              // the charges due up to `later`
//   Release r = ReleaseResources(ws, {"vol-9"}, now);              // expired only; bound go along
//
// Renewal policies: each resource is in one of the four tabs of the renewal page, manual / auto /
// to_on_demand / no_renew. The transitions the seed allows:
//   to manual        from auto, to_on_demand, no_renew                 (4.2.1.2; auto: 4.2.2.3 cancel)
//   to auto          from manual, to_on_demand, no_renew               (4.2.2.1)
//   modify auto      auto only: period, and the count kept or reset    (4.2.2.2)
//   to to_on_demand  from manual, auto, no_renew; product must allow it (4.2.4)
//   to no_renew      from manual, auto, to_on_demand                   (4.2.5)
// A policy belongs to an instance: a main and its bound attached resources change together (a bound
// one alone is refused); mounted attached resources have their own. Delisted products (已下架) cannot
// be set to manual or auto, nor have auto-renew modified or cancelled (4.2.1.2, 4.2.2.2, 4.2.2.3,
// 4.2.5). A resource whose instance has an order waiting for payment accepts no operation.
// Every operation takes a list of resources (the console's batch buttons) and is atomic: one refusal
// and nothing changes.
//
// Auto-renew (docs/rules.md §3.2, seed 4.2.2.4): the charge is made at the deduction clock (03:00 local)
// `deduction_days_before` days (1..7, default 7) before the expiry; enabling auto-renew, or moving the
// deduction day, when that moment has already passed charges at once. Each charge is a completed
// renewal order placed by 运营系统 and paid from the cash balance (coupons are not applied); a short
// balance leaves the charge undone and says so. Each charge uses one of the remaining times; at zero
// the resource goes back to manual renewal. A manual renewal before the charge only moves the expiry:
// the next charge comes before the new expiry and the count is kept (4.2.2.1 说明).
//
// Release (4.2.6): expired resources, and resources frozen for arrears or violation (欠费冻结 /
// 违规冻结 do not block release); never police-frozen ones (公安冻结) or resources in an unfinished
// order (订单正在处理中). Bound attached resources are released with their main; mounted ones stay.
//
// A resource counts as expired when its status is expired, or it is in use past its expire_time.
// A frozen resource whose freeze reason is not in the file is not released (frozen_reason_unknown):
// a release cannot be undone, and a police freeze must never be released.
//
// Charges in a run are made in time order, each at its deduction time, or at options.not_before when
// that is later (a late charge: the daily retry of docs/rules.md §3.2, or "charge at once"). Closed
// resources, bound attached resources (they follow their main) and resources deleted after grace +
// retention are never charged. A charge that fails leaves the resource as it was; the next run tries
// again. The charge of an instance covers the main and its bound attached resources, each at its own
// price; their settings (policy, count) stay the same as the main's.
//
// Refusal codes: unknown_resource, bound_to_main, closed, pending_order, policy_unchanged,
// delisted_product, to_on_demand_unsupported, not_auto, duration_not_offered, bad_times,
// bad_deduction_days, not_expired, police_frozen, frozen_reason_unknown, in_transaction,
// empty_request, account_police_frozen (account_freeze.h: every operation and charge of a police-frozen
// account; arrears / violation freezes of the account still release). Charge failures: insufficient_balance, balance_unknown (no cash_balance in the
// file), and the renewal quote's refusals (e.g. pending_order, price_unknown, delisted_product).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/money.h"
#include "core/model/refusal.h"
#include "core/engine/renewal.h"
#include "core/model/workspace.h"

namespace qd {

inline constexpr int kMaxAutoRenewTimes = 99;  // seed 4.2.2.1: a preset count is 1..99
inline constexpr int kMinDeductionDaysBefore = 1;
inline constexpr int kMaxDeductionDaysBefore = 7;  // seed 4.2.2.4 / docs/rules.md §3.2: default 7

// What auto-renew does each time: renew for `duration`, `times` times (nullopt = unlimited).
struct AutoRenewPlan {
    RenewalDuration duration;
    std::optional<int> times;  // 1..99; nullopt = no limit (the console's default)
};

// 修改自动续费: a new period; the remaining count is kept unless reset_times (then `times`, nullopt = unlimited).
struct AutoRenewChange {
    RenewalDuration duration;
    bool reset_times = false;
    std::optional<int> times;
};

// One auto-renew charge made (a completed renewal order).
struct AutoRenewCharge {
    std::string resource_id;  // the instance's main
    std::string order_id;     // the completed renewal order ("" in a run without orders, e.g. a forecast)
    Instant at;               // when it was charged
    Money amount;             // the instance's total
    Instant new_expire_time;
    Instant deduction_time;         // when it was due (== at unless it was late)
    RenewalDuration duration;       // what it renewed
    std::optional<int> times_left;  // the count left after it (nullopt = unlimited; 0 = back to manual)
};

// The outcome of a policy operation.
struct PolicyChange {
    std::vector<std::string> changed;      // every resource whose policy or settings changed (bound attached included)
    std::vector<AutoRenewCharge> charges;  // charged at once (enabling inside the deduction window)
    Refusals refusals;                     // non-empty: nothing changed
    Refusals charge_failures;              // charges due but not made (the change itself stands)
    bool ok() const { return refusals.empty(); }
};

// 设为手动续费
PolicyChange SetManualRenewal(Workspace& ws, const std::vector<std::string>& ids, Instant now);
// 设为自动续费
PolicyChange EnableAutoRenew(Workspace& ws, const std::vector<std::string>& ids, const AutoRenewPlan& plan,
                             Instant now);
// 修改自动续费
PolicyChange ModifyAutoRenew(Workspace& ws, const std::vector<std::string>& ids, const AutoRenewChange& change,
                             Instant now);
// 取消自动续费: back to manual
PolicyChange CancelAutoRenew(Workspace& ws, const std::vector<std::string>& ids, Instant now);
PolicyChange SetToOnDemand(Workspace& ws, const std::vector<std::string>& ids, Instant now);  // 到期转按需
PolicyChange SetNoRenew(Workspace& ws, const std::vector<std::string>& ids, Instant now);     // 到期不续费

// 自动续费 chosen in the renew dialog (seed 4.2.1.1 step 7; renewal.h RenewalRequest::auto_renew):
// checked when the renewal order is placed, applied when it is paid.
// What EnableAutoRenew(ws, ids, plan, now) would refuse, leaving out the order locks (the renewal order
// about to be placed will lock the instances anyway): bad_times, unknown_resource, bound_to_main,
// closed, policy_unchanged (already auto-renewing), delisted_product, duration_not_offered, empty_request.
Refusals CheckAutoRenewChoice(const Workspace& ws, const std::vector<std::string>& ids, const AutoRenewPlan& plan);
// EnableAutoRenew for a paid renewal order: the order being paid (and the other sub-orders of its
// combined order) still lock the instances, so the locks are left out; nothing is charged at once (the
// expiry just moved on; a deduction already due is made by the next RunDueAutoRenewals, late).
PolicyChange EnableAutoRenewOnPayment(Workspace& ws, const std::vector<std::string>& ids, const AutoRenewPlan& plan);

// The auto-renew settings of a resource: its own, or the defaults (month × 1, unlimited).
AutoRenew AutoRenewOf(const Resource& resource);

// When the next auto-renew charge of the resource is due: the deduction clock on the day
// `account.deduction_days_before` days before its expiry day (local).
Instant NextDeduction(const Resource& resource, const Account& account, const RuleProfile& rules);

// Sets the auto-renew deduction day (1..7 days before expiry); effective at once, so the charges now
// due are made (seed 4.2.2.4 "设置后立即生效").
PolicyChange SetDeductionDaysBefore(Workspace& ws, int days, Instant now);

struct AutoRenewRun {
    std::vector<AutoRenewCharge> charges;  // in time order
    Refusals failures;                     // charges due but not made, one per resource
};

// How a run charges (the defaults are what the console does).
struct AutoRenewRunOptions {
    std::optional<Instant> not_before;  // a charge due earlier is made at this time instead (late / at once)
    bool record_orders = true;          // false: only expiries, counts and the balance move; no orders, no periods
    bool require_balance = true;        // false: charge even when the cash balance is short or unknown (a forecast
                                        // of what falls due; the balance, when known, may go negative)
};

// Makes every auto-renew charge due up to `upTo`, in time order, each at its deduction time (a
// resource renewed this way may fall due again and is charged again, until `upTo`).
AutoRenewRun RunDueAutoRenewals(Workspace& ws, Instant upTo);
AutoRenewRun RunDueAutoRenewals(Workspace& ws, Instant upTo, const AutoRenewRunOptions& options);

// The same run taken in steps, for a caller that must not block for long (the UI spreads a forecast
// of a large workspace over frames): the steps together make exactly the charges, in the same order,
// that RunDueAutoRenewals makes. The workspace must outlive the runner and change only through it.
//
//   AutoRenewRunner runner(ws, upTo, options);
//   AutoRenewRun run;
//   while (!runner.Step(2000, run)) drawAFrame();       // up to 2000 charges per step
class AutoRenewRunner {
public:
    AutoRenewRunner(Workspace& ws, Instant upTo, const AutoRenewRunOptions& options = {});
    // Only the resources at these positions of ws.resources (the instances just changed by an operation).
    AutoRenewRunner(Workspace& ws, Instant upTo, const AutoRenewRunOptions& options,
                    const std::vector<std::size_t>& positions);

    // Makes up to maxCharges more charges (failures do not count), appending to `into`; true when
    // nothing is left to charge up to upTo.
    bool Step(std::size_t maxCharges, AutoRenewRun& into);
    bool done() const { return queue_.empty(); }
    // How far the run got: the due time of the next charge (upTo when done).
    Instant reached() const;

private:
    void consider(std::size_t position);
    Workspace* ws_;
    Instant upTo_;
    AutoRenewRunOptions options_;
    OrderLocks locks_;
    std::vector<std::pair<int64_t, std::size_t>> queue_;  // a min-heap of (due time, resource position)
};

struct Release {
    std::vector<std::string> released;  // the released resources (bound attached included)
    Refusals refusals;                  // non-empty: nothing was released
    bool ok() const { return refusals.empty(); }
};

// 释放资源: closes the resources and their bound attached resources.
Release ReleaseResources(Workspace& ws, const std::vector<std::string>& ids, Instant now);

// seed 4.2.6: the console offers 释放 for "已过期" resources (status expired, or in use past its expiry
// as of `now`) and for frozen ones (欠费 / 违规 freezes still release); ReleaseResources then decides
// the freezes that forbid it (police) with their reasons.
bool OffersRelease(const Resource& r, Instant now);

// seed 4.2.2.3 / 4.2.1.2: from 自动续费项 the manual-renewal action is 取消自动续费 (CancelAutoRenew), from
// the other tabs 设为手动续费 (SetManualRenewal): true when `ids` is not empty and every one names a
// resource whose policy is auto.
bool AllAutoRenew(const Workspace& ws, const std::vector<std::string>& ids);

}  // namespace qd
