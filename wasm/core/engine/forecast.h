// forecast.h: what auto-renew will charge over the coming months (docs/rules.md §8 "Beyond the seed":
// the overview's 12-month forecast; CLI `quotedesk forecast`, docs/cli.md).
//
//   Forecast f = ForecastAutoRenewals(ws, now);          // 12 local months from now's month
//   for (const ForecastMonth& m : f.months) m.label(), m.total, m.count
//   for (const ForecastCharge& c : f.charges) c.at, ws.resources[c.resource], c.amount
//   std::string json = ForecastJson(f, ws);
//
// The result refers to the workspace it was taken of: each charge names its main by its position in
// ws.resources (ForecastCharge::resource, ChargedInstanceOf). Keep a forecast only while that
// workspace is unchanged (the overview drops it when AppState::revision moves), and read it with that
// workspace.
//
// The window. `months` local calendar months (profile zone) starting with the month of `asOf`: from
// asOf itself to 00:00 on the first day of the month after the last one (as of 2025-01-14 10:00 with
// 12 months: 2025-01-14 10:00 up to 2026-01-01 00:00, months 2025-01 .. 2025-12). So a monthly
// auto-renew resource whose charge in the first month is still ahead is charged 12 times; one whose
// charge this month has already passed, 11 times.
//
// The rules are those of RunDueAutoRenewals (auto_renew.h), run on a copy of the auto-renew part of
// the workspace (the input is never changed): each charge at 03:00 deduction_days_before days before
// the expiry, renewing by the resource's auto-renew period at its product's price (the main and its
// bound attached resources), the count used once per charge and the resource back to manual at zero.
// The workspace is a snapshot at its as_of: when asOf is later, the charges between the two are
// simulated first (not listed; the balance is the one left after them), so "as of next April" shows
// what comes after April, not resources deleted because nobody charged them. A charge already due
// before asOf and not made (missed or failed: Huawei retries daily) is placed at asOf and marked late. Charges are forecast whatever the cash balance; the running balance after each charge
// is given (when the file has one) and the first charge it does not cover is named. Charges that
// would be refused (a pending order, a delisted product, a missing price) are listed as failures and
// that resource is not forecast further.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/auto_renew.h"
#include "core/model/calendar.h"
#include "core/model/json_writer.h"
#include "core/model/money.h"
#include "core/model/refusal.h"
#include "core/engine/renewal.h"
#include "core/model/workspace.h"

namespace qd {

inline constexpr int kDefaultForecastMonths = 12;
inline constexpr int kMaxForecastMonths = 120;  // 10 years

// One auto-renew charge expected. It names its instance's main by position (`resource`: its place in
// ws.resources of the workspace the forecast was taken of) instead of carrying copies of its id, name
// and product: a year of charges of the generated 100,000 resources is 86,667 of them, and with four
// copied strings each they held 33 MB of the page's heap (docs/performance.md "The forecast's charges
// by position"). What a reader shows of the main is reached through that workspace: ChargedInstanceOf.
// Fields ordered by size, the flags in what would be padding: 56 bytes in wasm32 and natively.
struct ForecastCharge {
    Instant at;                              // when it will be charged
    Instant deduction_time;                  // when it falls due (before `at` only when late)
    Instant new_expire_time;                 // the main's expiry after the charge
    Money amount;                            // the instance's total (main + bound attached)
    Money balance;                           // the cash balance after it: balanceAfter()
    RenewalDuration duration;                // the auto-renew period
    std::uint32_t resource = 0;              // the main's position in ws.resources
    std::optional<std::uint8_t> times_left;  // count left after it; nullopt = unlimited, 0 = back to manual
                                             // (0..99: kMaxAutoRenewTimes)
    bool late = false;                       // due before asOf: charged at asOf
    bool has_balance = false;                // the file has a cash balance

    // the cash balance after this and every earlier charge (absent: unknown)
    std::optional<Money> balanceAfter() const { return has_balance ? std::optional<Money>(balance) : std::nullopt; }
};

// What a charge's main is, read from the workspace the forecast was taken of (views into it: valid
// while it is unchanged). All empty when `resource` is not a position in it (never for a forecast of
// that very workspace).
struct ChargedInstance {
    std::string_view resource_id;
    std::string_view resource_name;
    std::string_view product_id;
    std::string_view service_type_name;  // of the main's product ("" when unknown)
};
ChargedInstance ChargedInstanceOf(const Workspace& ws, const ForecastCharge& charge);

// One local calendar month of the window.
struct ForecastMonth {
    int year = 1970;
    int month = 1;          // 1..12
    Money total;            // sum of its charges
    std::size_t first = 0;  // its charges are charges[first, first + count)
    std::size_t count = 0;
    std::string label() const;  // "2025-01"
};

struct Forecast {
    Instant as_of;                        // start of the window
    Instant until;                        // end of the window (exclusive): 00:00 local on the 1st of the month after
    std::vector<ForecastMonth> months;    // every month of the window, in order (empty months included)
    std::vector<ForecastCharge> charges;  // in time order
    Money total;                          // sum of all charges
    // the balance at asOf, after the charges since ws.as_of (absent: not in the file)
    std::optional<Money> cash_balance;
    std::optional<std::size_t> first_short;  // index of the first charge the balance does not cover
    Refusals failures;                       // charges that would be refused, one per resource
};

// The forecast over `months` months (1..kMaxForecastMonths; clamped) as of `asOf`. Read-only.
Forecast ForecastAutoRenewals(const Workspace& ws, Instant asOf, int months = kDefaultForecastMonths);

// The same forecast taken in steps, so a UI keeps drawing frames while a large workspace (tens of
// thousands of auto-renew resources) is simulated. The one-piece builder copies what it needs at
// construction: `ws` may change or go away while it steps (its result still names positions in `ws`
// as it was, so it is read with that workspace, as above).
//
//   ForecastBuilder b(ws, now);
//   if (!b.Step(2000)) showProgress(b.progress());      // up to 2000 charges per step
//   else use(b.result());
//
// Sliced: at 100,000 resources even the copy at construction and the start of each simulated phase
// take longer than a frame (about a quarter of a second in wasm). A builder made with ForecastSlices
// copies nothing at construction; each Step takes one slice: the open orders of the next
// `orders` orders, or the next `instances` auto-renew instances (copied with their products and
// locking orders, then simulated through the whole window on their own; instances do not affect one
// another, since a forecast charges whatever the balance), then the charges of all slices in time
// order (sorted by due time, then the instance's place in the file: the order of the one-piece
// run), `charges` per step. The result is the same forecast as ForecastAutoRenewals, except that
// the failures are listed slice by slice. `ws` must stay alive and unchanged until done() (the UI
// drops the builder when AppState::revision moves).
//
//   ForecastBuilder b(ws, now, 12, ForecastSlices{});
//   while (!b.Step(0) && timeLeftInFrame()) {}          // one slice per step, whatever the argument
struct ForecastSlices {
    std::size_t instances = 64;  // auto-renew instances copied and simulated per step
    std::size_t orders = 10000;  // orders scanned for locks per step
    std::size_t charges = 4096;  // charges put in time order per step (after the sort, one step of its own)
};

class ForecastBuilder {
public:
    ForecastBuilder(const Workspace& ws, Instant asOf, int months = kDefaultForecastMonths);
    ForecastBuilder(const Workspace& ws, Instant asOf, int months, ForecastSlices slices);
    ForecastBuilder(ForecastBuilder&&) noexcept;
    ForecastBuilder& operator=(ForecastBuilder&&) noexcept;
    ~ForecastBuilder();

    // simulates up to maxCharges more charges (sliced: one slice); true when finished
    bool Step(std::size_t maxCharges);
    bool done() const { return done_; }
    int progress() const;  // 0..100: how far through the simulated time (sliced: the work) it got
    // complete once done(); the charges so far before (sliced: empty)
    const Forecast& result() const { return forecast_; }
    Forecast take() { return std::move(forecast_); }  // moves the result out (once done(); the builder is spent)

private:
    struct Sliced;
    void start(const Workspace& ws, Instant asOf, int months);
    void collect(AutoRenewRun& run);
    bool StepSliced();  // one slice of the sliced builder's current stage:
    void ScanOpenOrders();
    void SimulateNextInstances();
    void SortCharges();
    bool EmitCharges();                         // true once every charge is placed
    std::vector<std::uint32_t> partPositions_;  // where part_'s resources are in the workspace (charges name those)
    std::unique_ptr<Workspace> part_;           // the auto-renew part of the workspace, simulated
    std::unique_ptr<AutoRenewRunner> runner_;
    std::unique_ptr<Sliced> sliced_;  // the sliced builder's state (absent: the one-piece builder)
    Forecast forecast_;
    std::optional<Money> balance_;
    Instant start_;  // the simulation's first instant (ws.as_of when earlier than asOf)
    int phase_ = 0;  // 0: from ws.as_of up to asOf (not listed), 1: the window
    bool done_ = false;
};

// {"as_of","until","total","cash_balance":"..."|null,"balance_short_from":TIME|null,
//  "months":[{"month":"2025-01","total","charges":N}],
//  "charges":[{"time","deduction_time","late","resource_id","resource_name","service_type_name",
//              "duration":{"period","num"},"amount","new_expire_time","times_left":N|null,"balance_after":"..."|null}],
//  "failures":[{"code","subject","message"}]}
// `ws` is the workspace the forecast was taken of (the charges' ids and names; its profile's zone).
void WriteForecast(JsonWriter& w, const Forecast& forecast, const Workspace& ws);
std::string ForecastJson(const Forecast& forecast, const Workspace& ws);

}  // namespace qd
