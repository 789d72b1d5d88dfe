// refund.h: unsubscribing yearly/monthly resources (云服务退订) and what it refunds (seed 4.4;
// docs/rules.md; docs/rules.md §4).
//
//   RefundRequest req{{"ecs-1"}, /*periods_only=*/false, std::nullopt, now};
//   RefundPreview p = PreviewRefund(ws, req);          // read-only: one item per resource, with lines
//   p.items[0].scenario == UnsubscribeScenario::Standard, p.items[0].total, p.items[0].lines ...
//   UnsubscribeResult u = Unsubscribe(ws, {req, UnsubscribeReason::BoughtTooMany, ""});   // confirm
//
// What is unsubscribed. A main resource goes with its bound (绑定) attached resources (seed 4.4.1.1
// 注意事项 1); a mounted (挂载) one is independent; a bound attached resource named alone is not
// allowed ("bound_to_main"). Each resource gets its own item; the five-day quota counts a group once.
//
// Scenarios, decided per resource as of the clock, first match wins:
//   failed          provisioning failed (4.4.4): every period refunded in full (voucher included), no
//                   fee, no consumed amount.
//   not_allowed     (4.4.1.4, 4.4.2, 4.4.3), always with the reason: closed (already unsubscribed),
//                   not_unsubscribable (trial / free / one-off product), police_frozen (公安冻结),
//                   in_transaction (another order not completed or cancelled names it),
//                   effective_resource_package, expired, invoiced (a period to refund was paid with
//                   coupons and invoiced), paid_unknown (a period to refund has no paid breakdown),
//                   bound_to_main, group_not_allowed (a resource of its group is not allowed),
//                   no_unused_renewal_period (periods only, nothing to cut), account_police_frozen
//                   (account_freeze.h), special_unsubscribe (特殊退订 in progress), promotion (a not yet
//                   effective resource or renewal bought in a promotion, 4.4.2 / 4.4.3); periods only
//                   (4.4.3): changed_before_renewal, bandwidth_addon, attached_after_renewal,
//                   periods_not_unsubscribable (云速建站).
//   not_effective   effective_time is after the clock (4.4.2): every period in full, voucher
//                   included, discount coupon not; no fee; no quota.
//   five_day        (4.4.1.3) within five_day_window_hours (120 h) of effective_time — to the second:
//                   bought 2022-11-24 14:30:30, unsubscribed before 2022-11-29 14:30:30 — the current
//                   period is the first purchase, the product allows it (five_day_refund) and the
//                   period was not bought in a promotion excluding it (no_five_day_refund), and the
//                   natural year's quota (account five_day_quota, else the profile's 10) has one
//                   left: cash + voucher + flexi coupon + stored card back in full, discount coupon
//                   not. Uses 1 of the quota per group.
//   standard        (4.4.1.2, docs/rules.md §4.2) every other in-use resource. For the current period:
//                   paid = cash + flexi coupon + stored card (vouchers excluded and not returned);
//                   consumed = paid × used / ordered, both in whole hours counted from the whole hour
//                   of the period's start (10:30 -> 10:00) to the whole hour of the clock
//                   (18:40 -> 18:00), resp. of the period's end (23:59:59 -> 24:00) — the reference
//                   example: 2024-01-01 10:30 to 2024-02-01 23:59:59 is 758 h, unsubscribed
//                   2024-01-15 18:40 is 344 h used; under consumed_granularity `day`: whole days from
//                   the start day, the unsubscription day excluded, ordered days counting both ends;
//                   fee = paid × the profile's fee_table percent for the period's term (whole months
//                   from its start day to its end day) and year of use (1 while the clock is at most 1
//                   year after the start, ...); refund = paid − consumed − fee, and 0 when negative (no
//                   charge: the difference is the `not_charged` line). Consumed and fee are rounded
//                   per the profile, per resource. The refund is split over cash, flexi coupon and
//                   stored card in proportion to what they paid (money.h SplitProportional, leftover
//                   fen to cash).
//   renewal_periods periods_only (4.4.3): the renewal periods that have not started yet and begin at
//                   or after keep_until (the expiry to keep: the end of the current period — the
//                   default — or of any later period but the last), in full, voucher included; no fee,
//                   no quota. The resource stays in use with keep_until as its expiry.
// Batches (批量退订). A request naming several instances (mains or mounted resources) is one
// unsubscription. Its instances refunded by the standard rule (4.4.1.2, the tab with 批量退订) must all
// be of a service that the console unsubscribes in a batch — ECS, EVS, RDS, VPC, CCE (seed 4.4.1.1 注意事项
// 3, kBatchUnsubscribeServices) — else the request is refused with "batch_not_supported". Five-day
// refunds (their quota counts each group of a request, docs/rules.md §4.3), instances not yet
// effective, failed ones and renewal periods are not restricted, and one instance alone is always its
// own request. PreviewRefundVerdicts, which lists the
// verdicts of independent instances, does not apply the rule, nor does a request marked independent.
// Unsubscribing an in-use resource (five_day or standard) also refunds its renewal periods that have
// not started, in full (4.4.1.1). A period covers [start, end] with end's second included; a renewal
// that starts at its predecessor's end covers from the next second on.
//
// Lines. Every item has lines that add up (no hidden arithmetic): the computation lines (paid,
// consumed, fee, not_charged; signed) sum to the item's total, and so do the refund lines (cash,
// voucher, flexi_coupon, stored_card: where the money goes). The preview's total is the sum of the
// items; over the profile's large_refund_warning (50,000.00) it carries a "large_refund" warning.
//
// Confirming (Unsubscribe) refuses, changing nothing, unless every item is allowed; then it creates the
// unsubscribe order per group (type unsubscribe, status refunding, then completed when the refund is
// credited; several groups get a combined trade order), adds an unsubscribe entry to each resource's
// purchase order history, uses the quota, credits the cash balance, returns voucher / flexi coupon /
// stored card parts as coupons of the workspace (ids "<order id>-voucher", "-flexi", "-card"; a
// returned voucher keeps the expiry of the vouchers used — periods' paid.voucher_expire_time — one
// coupon per expiry, none when unknown; a voucher already expired as of the clock is not returned at
// all, seed 4.4.1.3: it is left out of the paid line and the refund), and changes the resources: the
// periods refunded in full are removed; the resource is closed (the standard rule's current period
// stays, it was partly used) with its expiry at the end of its last remaining period — or, for
// periods_only, stays as it is with keep_until as its expiry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/json_writer.h"
#include "core/model/money.h"
#include "core/model/refusal.h"
#include "core/engine/renewal.h"
#include "core/model/rules.h"
#include "core/model/workspace.h"

namespace qd {

// The docs/cli.md words: five_day | standard | not_effective | renewal_periods | failed | not_allowed.
enum class UnsubscribeScenario { FiveDay, Standard, NotEffective, RenewalPeriods, Failed, NotAllowed };
template <>
struct EnumNames<UnsubscribeScenario> {
    static constexpr std::array<std::string_view, 6> names{"five_day",        "standard", "not_effective",
                                                           "renewal_periods", "failed",   "not_allowed"};
};

// The seven unsubscribe reasons of the seed (4.4.1.3 step 6 "请选择退订原因").
enum class UnsubscribeReason {
    WrongParameters,    // 购买时选错参数
    BoughtTooMany,      // 退订多购买的云服务
    TestingFinished,    // 业务测试完毕
    HardToUse,          // 云服务不好用
    NotMeetingNeeds,    // 不满足业务部署需求
    UnrepairableFault,  // 云服务故障无法修复
    Other,              // 其他
};
template <>
struct EnumNames<UnsubscribeReason> {
    static constexpr std::array<std::string_view, 7> names{"wrong_parameters",
                                                           "bought_too_many",
                                                           "testing_finished",
                                                           "hard_to_use",
                                                           "not_meeting_needs",
                                                           "unrepairable_fault",
                                                           "other"};
};
std::string_view UnsubscribeReasonLabel(UnsubscribeReason reason);  // the console's words, "购买时选错参数"...
inline constexpr int kUnsubscribeReasonTextMax = 100;  // "请填写具体原因，100字以内": characters, not bytes

// Where refunded money goes.
struct RefundComponents {
    Money cash;          // to the cash balance (also what a third-party payment returns to)
    Money voucher;       // 代金券 returned
    Money flexi_coupon;  // 现金券 returned
    Money stored_card;   // 储值卡 returned
    Money total() const { return cash + voucher + flexi_coupon + stored_card; }
    friend bool operator==(const RefundComponents&, const RefundComponents&) = default;
};

// The words of the line kinds: paid | consumed | fee | not_charged | cash | voucher | flexi_coupon | stored_card.
enum class RefundLineKind { Paid, Consumed, Fee, NotCharged, Cash, Voucher, FlexiCoupon, StoredCard };
template <>
struct EnumNames<RefundLineKind> {
    static constexpr std::array<std::string_view, 8> names{"paid", "consumed", "fee",          "not_charged",
                                                           "cash", "voucher",  "flexi_coupon", "stored_card"};
};
// Cash, voucher, flexi_coupon, stored_card: where the money goes (the other kinds compute it).
constexpr bool IsRefundPart(RefundLineKind k) { return k >= RefundLineKind::Cash; }

struct RefundLine {
    RefundLineKind kind = RefundLineKind::Paid;
    std::string label;  // the arithmetic in words: "consumed: 100.00 × 344 h ÷ 758 h"
    Money amount;       // signed: paid, not_charged and the refund parts +; consumed and fee −
    std::optional<Instant> period_start, period_end;  // paid: the period it is for
    std::string order_id;                             // paid: the order that bought the period
    int64_t used = 0, ordered = 0;                    // consumed: whole hours (or days, see unit)
    ConsumedGranularity unit = ConsumedGranularity::Hour;
    int rate_percent = 0;  // fee: the fee_table percent
    // The line's own explanation as data, so a face words it without redoing the rule (seed 4.4.1.2):
    int term_months = 0;  // fee: the period's term for the fee table (TermMonths; 12, 24, 36 = 1, 2, 3 years)
    int usage_year = 0;   // fee: the year of use the rate is for (UsageYear: 1 = first year)
    std::optional<PeriodKind> period_kind;    // paid: new purchase or renewal period
    std::optional<PaidBreakdown> paid_parts;  // paid: how the period was paid (cash, voucher, coupons)
    bool voucher_returned = false;            // paid: its voucher part comes back (full refunds; standard: not)
};

// Vouchers a refund gives back (seed 4.4.1.3 "已使用的代金券全额退还(如果过期则不退)"): they keep the
// expiry of the vouchers used (PaidBreakdown::voucher_expire_time; nullopt = unknown, returned without one).
struct ReturnedVoucher {
    Money amount;
    std::optional<Instant> expire_time;
    friend bool operator==(const ReturnedVoucher&, const ReturnedVoucher&) = default;
};

struct RefundItem {
    std::string resource_id;
    std::string main_resource_id;  // the group's main for a bound attached resource; "" otherwise
    UnsubscribeScenario scenario = UnsubscribeScenario::NotAllowed;
    std::string reason_code;  // not_allowed: the code above; else why this scenario, e.g.
                              // "within_five_days", "five_day_quota_used_up", "beyond_five_days",
                              // "no_five_day_refund", "not_yet_effective", "provisioning_failed",
                              // "unused_renewal_periods"
    std::string reason;       // the same in words, with the numbers (dates, quota left)
    Money paid;               // what the refund is computed from: Σ of the paid lines
    Money consumed;           // standard: the consumed amount (>= 0)
    Money fee;                // standard: the handling fee (>= 0)
    Money not_charged;        // standard: what flooring the refund at 0 gave back (>= 0)
    RefundComponents refund;
    Money total;                 // = refund.total() = paid − consumed − fee + not_charged
    Money voucher_kept;          // vouchers of the refunded periods not returned (standard)
    Money discount_coupon_kept;  // discount coupons of the refunded periods (never returned)
    Money voucher_expired;       // vouchers not returned because they expired (seed 4.4.1.3); also in voucher_kept
    std::vector<ReturnedVoucher> returned_vouchers;  // refund.voucher by expiry, one entry per expiry
    int quota_used = 0;  // five-day quota this item uses (1 on the first five-day item of a group)
    std::vector<RefundLine> lines;

    // What confirming does to the resource.
    std::vector<std::size_t> refunded_periods;      // indices into periods, refunded in full (removed)
    std::optional<std::size_t> partly_used_period;  // standard: the current period (kept)
    bool closes = false;                            // the resource is closed (not for periods_only)
    std::optional<Instant> new_expire_time;         // periods_only: keep_until
};

// The natural year's five-day quota as of a time (year in the profile zone). A file quota of another
// year counts as a fresh year (used 0, its limit kept); none at all: the profile's limit, used 0, and
// known == false (the preview then warns "five_day_quota_unknown").
struct FiveDayQuotaState {
    int year = 0;
    int limit = 0;
    int used = 0;
    bool known = false;
    int left() const { return limit > used ? limit - used : 0; }
};
FiveDayQuotaState FiveDayQuotaAsOf(const Workspace& ws, Instant asOf);

struct RefundRequest {
    std::vector<std::string> resource_ids;  // main or mounted resources; duplicates count once
    bool periods_only = false;              // 退订续费周期 instead of the resource
    std::optional<Instant> keep_until;      // periods_only: the expiry to keep (a period end; a time on the
                                            // same local day also selects it); absent = the current period's end
    Instant as_of;                          // now
    bool independent = false;               // true: the ids are independent instances, each its own
                                            // request (a page or test listing verdicts): no batch rule
};

// seed 4.4.1.1 注意事项 3: the services whose in-use instances can be unsubscribed together.
inline constexpr std::string_view kBatchUnsubscribeServices[] = {
    "hws.service.type.ec2",  // 弹性云服务器 ECS
    "hws.service.type.ebs",  // 云硬盘 EVS
    "hws.service.type.rds",  // 关系型数据库 RDS
    "hws.service.type.vpc",  // 虚拟私有云 VPC
    "hws.service.type.cce",  // 云容器引擎 CCE
};
// True when the instance of this main (or mounted) resource may be part of a batch: its product's
// service is one of kBatchUnsubscribeServices. An unknown product is not.
bool UnsubscribableInBatch(const Workspace& ws, const Resource& main);

struct RefundPreview {
    Instant as_of;
    std::vector<RefundItem> items;  // per group in request order: the main, then its bound attached
    RefundComponents refund;        // Σ of the items
    Money total;                    // Σ of the items' totals
    FiveDayQuotaState quota;        // before this unsubscription
    int quota_used = 0;             // Σ of the items' quota_used
    Refusals warnings;              // large_refund, five_day_quota_unknown
    Refusals refusals;              // whole request: empty_request, unknown_resource, bad_keep_until,
                                    // batch_not_supported
    bool ok() const { return refusals.empty(); }
};

// The refund preview (read-only).
RefundPreview PreviewRefund(const Workspace& ws, const RefundRequest& request);
// The same with the order locks already built for request.as_of (renewal.h OrderLocks::Build(ws,
// as_of)): a page that previews 10^5 instances in chunks builds them once instead of once per chunk.
RefundPreview PreviewRefund(const Workspace& ws, const RefundRequest& request, const OrderLocks& locks);
// The same without the lines (every item's `lines` empty; everything else as PreviewRefund says it):
// the verdicts and amounts at about half the cost, for a page listing the verdicts of 10^5 instances.
RefundPreview PreviewRefundVerdicts(const Workspace& ws, const RefundRequest& request, const OrderLocks& locks);

// What the verdicts need from the orders, gathered a slice of orders at a time (at 10^5 orders
// OrderLocks::Build and NextRefundVerdictChangeOfAccount each take a frame's budget or more in wasm):
// the order locks as of asOf (OrderLocks::Build(ws, asOf), built in slices) and the account's next
// verdict change (NextRefundVerdictChangeOfAccount(ws, asOf)).
//   RefundOrderScan orders(ws, now);
//   while (!orders.Step(1024)) {}                                    // a frame's share of the orders per call
//   PreviewRefundVerdicts(ws, request, orders.locks());              // request.as_of == now
//   orders.accountUntil();
// The workspace must not change meanwhile (start again if it does).
class RefundOrderScan {
public:
    RefundOrderScan(const Workspace& ws, Instant asOf);
    bool Step(std::size_t orders);  // scans the next `orders` orders; true when all are scanned
    bool done() const { return locks_.scanned() >= ws_->orders.size() && yearDone_; }
    std::size_t scanned() const { return locks_.scanned(); }
    Instant asOf() const { return asOf_; }
    const OrderLocks& locks() const { return locks_; }                     // complete once done
    std::optional<Instant> accountUntil() const { return accountUntil_; }  // once done

private:
    const Workspace* ws_ = nullptr;
    Instant asOf_;
    bool yearDone_ = false;
    OrderLocks locks_;
    std::optional<Instant> accountUntil_;
};

// The first instant after asOf at which PreviewRefund's verdict on some resource of ws (its scenario,
// reason code, the renewal periods it can cut) may differ from its verdict at asOf; nullopt when none
// can before the end of the calendar. The verdicts depend on the clock only through these instants:
// each resource's effective_time, effective_time + five_day_window_hours, expire_time + 1 s, each
// period's coverage start and end + 1 s, each pending payment order's deadline (it then stops locking
// its resources), and the next local New Year (the five-day quota's natural year). A page that lists
// verdicts recomputes them at that instant instead of every minute. Only the tooltip sentence of a
// resource no period covers ("no period ... covers <as_of>") names the clock itself.
std::optional<Instant> NextRefundVerdictChange(const Workspace& ws, Instant asOf);
// Its two parts: the instants of one resource (nullopt for a closed one: never changes) — a verdict
// on a group changes no earlier than the first of its resources' — and those of the whole account
// (payment deadlines, which also change OrderLocks, and the New Year).
std::optional<Instant> NextRefundVerdictChange(const Resource& resource, const RuleProfile& rules, Instant asOf);
std::optional<Instant> NextRefundVerdictChangeOfAccount(const Workspace& ws, Instant asOf);

struct UnsubscribeRequest {
    RefundRequest refund;
    UnsubscribeReason reason = UnsubscribeReason::Other;
    std::string reason_text;  // free text, at most 100 characters
};

struct UnsubscribeResult {
    RefundPreview preview;                   // what was refunded
    std::string order_id;                    // the combined trade order, or the single unsubscribe order
    std::vector<std::string> sub_order_ids;  // one per group (== {order_id} for one group)
    std::vector<std::string> returned_coupon_ids;
    Refusals refusals;  // why nothing was done: the preview's, not_allowed (one per
                        // item), reason_too_long, balance_unknown
    bool ok() const { return refusals.empty(); }
};

// Confirms the unsubscription (atomic: on refusal the workspace is unchanged). The reason is kept on
// the order as "unsubscribe_reason" / "unsubscribe_reason_text" members (kept on save like any member).
UnsubscribeResult Unsubscribe(Workspace& ws, const UnsubscribeRequest& request);

// ---- the arithmetic, for the UI and tests ------------------------------------------------------------

// The first instant a period covers: its start, or the next second when it starts exactly at the
// previous period's end (that second belongs to the previous period).
Instant CoverageStart(const Resource& resource, std::size_t periodIndex);

// The end of the five-day window (seed 4.4.1.3: 产品开通时间起计算5*24小时): effective_time +
// five_day_window_hours (120 h); 2022/11/24 14:30:30 -> 2022/11/29 14:30:30.
Instant FiveDayWindowEnd(const Resource& resource, const RuleProfile& rules);

// Used and ordered whole hours (or days) of a period [coverageStart, end] at asOf, per the profile's
// consumed_granularity (see the standard scenario above); used is clamped to 0..ordered.
struct Consumption {
    int64_t used = 0;
    int64_t ordered = 0;
};
Consumption MeasureConsumption(Instant coverageStart, Instant end, Instant asOf, const RuleProfile& rules);

// The expiries a resource can keep when its renewal periods are unsubscribed (seed 4.4.3 step 6: 选择退订后
//的到期时间): the end of each period after which only renewal periods that have not started follow,
// earliest first; empty when no renewal period is left to cut. The periods_only preview takes keep_until
// among these (absent: the first).
std::vector<Instant> KeepUntilChoices(const Resource& resource, Instant asOf);

// Number of characters (UTF-8 code points) of a text: the unsubscribe reason's "100字以内" counts
// characters, not bytes ("退订" is 2).
std::size_t CharacterCount(std::string_view utf8);

// Whole months from the period's start day to its end day (at least 1): its term for the fee table.
int TermMonths(Instant start, Instant end, ZoneOffset zone);
// 1 while asOf <= start + 1 year, 2 while <= start + 2 years, ... (years on the start's day and clock).
int UsageYear(Instant start, Instant asOf, ZoneOffset zone);

// {"as_of","items":[{"resource_id","scenario","reason","paid","consumed","fee",
//   "refund":{"cash","voucher","flexi_coupon","stored_card"},"total","quota_used",
//   "lines":[{"kind","label","amount", paid: "order_id","period":{"start","end"}; consumed: "used",
//   "ordered","unit" (hour|day); fee: "rate"}], "reason_code","main_resource_id","not_charged",
//   "kept":{"voucher","discount_coupon"},"new_expire_time"}],"total","refund":{...},
//   "quota":{"year","limit","used","left","used_now","known"},"warnings":[refusal...]}
// (docs/cli.md plus the trailing members); refused: {"as_of","refusals":[...]}.
void WriteRefundPreview(JsonWriter& w, const RefundPreview& preview, ZoneOffset zone);
std::string RefundPreviewJson(const RefundPreview& preview, ZoneOffset zone);

// The confirmed unsubscription: the preview's members (items, total, ...) followed by "order_id",
// "sub_order_ids", "returned_coupon_ids", "cash_balance"; refused: {"as_of","refusals":[...]}.
void WriteUnsubscribeResult(JsonWriter& w, const UnsubscribeResult& result, const Workspace& after);

// The browser test API's refund(argsJson) (docs/architecture.md §3): {"resources":[...], "periods_only":false,
// "keep_until":"...", "as_of":"..."}; absent as_of = ws.as_of, else `clock`. Returns the preview JSON,
// or {"error":"..."} for malformed arguments.
std::string RefundJson(const Workspace& ws, std::string_view argsJson, Instant clock);
// The request those arguments ask for; nullopt + `error` when malformed (RefundJson and the quote sheet).
std::optional<RefundRequest> ReadRefundArgs(const Workspace& ws, std::string_view argsJson, Instant clock,
                                            std::string& error);

}  // namespace qd
