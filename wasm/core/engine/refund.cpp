// refund.cpp: refund previews and unsubscription (refund.h).
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] the arithmetic
//   [SECTION] preview
//   [SECTION] confirm
//   [SECTION] JSON
#include "core/engine/refund.h"

#include <algorithm>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/io/api_args.h"
#include "core/engine/account_freeze.h"
#include "core/engine/orders.h"
#include "core/engine/renewal.h"

namespace qd {

std::string_view UnsubscribeReasonLabel(UnsubscribeReason reason)
{
    switch (reason) {
        case UnsubscribeReason::WrongParameters: return "购买时选错参数";
        case UnsubscribeReason::BoughtTooMany: return "退订多购买的云服务";
        case UnsubscribeReason::TestingFinished: return "业务测试完毕";
        case UnsubscribeReason::HardToUse: return "云服务不好用";
        case UnsubscribeReason::NotMeetingNeeds: return "不满足业务部署需求";
        case UnsubscribeReason::UnrepairableFault: return "云服务故障无法修复";
        case UnsubscribeReason::Other: break;
    }
    return "其他";
}

// [SECTION] the arithmetic

namespace {

constexpr int64_t kSecondsPerHour = 3600;

// The refund's cash part goes back to the account's cash balance, which the file may not hold: the
// preview warns, unsubscribing refuses (the balance after the refund could not be shown).
Refusal CashBalanceUnknown(Money cash)
{
    return {"balance_unknown", "",
            "the cash balance is not in the workspace (account.cash_balance): the refund of " + cash.str() +
                " cannot be credited"};
}

// The whole hour (local clock) at or before t.
Instant FloorToHour(Instant t, ZoneOffset z)
{
    const int64_t local = t.unixSeconds() + z.seconds();
    const int64_t intoHour = ((local % kSecondsPerHour) + kSecondsPerHour) % kSecondsPerHour;
    return t.plusSeconds(-intoHour);
}

}  // namespace

Instant CoverageStart(const Resource& resource, std::size_t periodIndex)
{
    const ResourcePeriod& p = resource.periods[periodIndex];
    if (periodIndex > 0 && p.start == resource.periods[periodIndex - 1].end) return p.start.plusSeconds(1);
    return p.start;
}

Consumption MeasureConsumption(Instant coverageStart, Instant end, Instant asOf, const RuleProfile& rules)
{
    Consumption c;
    if (rules.consumed_granularity == ConsumedGranularity::Hour) {
        const Instant from = FloorToHour(coverageStart, rules.zone);
        c.ordered = WholeHoursBetween(from, end.plusSeconds(1));  // the end's second is included: 23:59:59 -> 24:00
        c.used = WholeHoursBetween(from, asOf);                   // floors the clock to its whole hour
    } else {
        const LocalDate first = LocalDateOf(coverageStart, rules.zone);
        c.ordered = WholeDaysBetween(first, LocalDateOf(end, rules.zone)) + 1;  // both ends counted
        c.used = WholeDaysBetween(first, LocalDateOf(asOf, rules.zone));        // the unsubscription day excluded
    }
    c.ordered = std::max<int64_t>(c.ordered, 0);
    c.used = std::clamp<int64_t>(c.used, 0, c.ordered);
    return c;
}

Instant FiveDayWindowEnd(const Resource& r, const RuleProfile& rules)
{
    return r.effective_time.plusHours(rules.five_day_window_hours);
}

std::vector<Instant> KeepUntilChoices(const Resource& r, Instant asOf)
{
    std::size_t firstCut = r.periods.size();
    while (firstCut > 0 && r.periods[firstCut - 1].kind == PeriodKind::Renewal && CoverageStart(r, firstCut - 1) > asOf)
        --firstCut;
    std::vector<Instant> out;
    for (std::size_t i = firstCut; i < r.periods.size(); ++i)
        if (i > 0) out.push_back(r.periods[i - 1].end);
    return out;
}

// Characters (UTF-8 code points), as the console counts "100字以内".
std::size_t CharacterCount(std::string_view utf8)
{
    std::size_t n = 0;
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

int TermMonths(Instant start, Instant end, ZoneOffset zone)
{
    const LocalDate a = LocalDateOf(start, zone), b = LocalDateOf(end, zone);
    int months = (b.year() - a.year()) * 12 + (b.month() - a.month());
    if (b.day() < a.day() && !b.isLastDayOfMonth()) --months;  // anchor 31 ends on Feb 29: still a month
    return std::max(months, 1);
}

int UsageYear(Instant start, Instant asOf, ZoneOffset zone)
{
    const LocalDate day = LocalDateOf(start, zone);
    const LocalTime clock = LocalTimeOf(start, zone);
    int year = std::max(1, LocalDateOf(asOf, zone).year() - day.year() - 1);  // skip the years surely past
    while (year < 10000 && asOf > ToInstant(AddYearsAnchored(day, year, day.day()), clock, zone)) ++year;
    return year;
}

FiveDayQuotaState FiveDayQuotaAsOf(const Workspace& ws, Instant asOf)
{
    FiveDayQuotaState q;
    q.year = LocalDateOf(asOf, ws.rules.zone).year();
    q.limit = ws.rules.five_day_quota;
    if (const std::optional<FiveDayQuota>& f = ws.account.five_day_quota) {
        q.known = true;
        if (f->limit) q.limit = *f->limit;
        if (f->year == q.year) q.used = f->used;
    }
    return q;
}

// [SECTION] preview

namespace {

struct Block {
    std::string code;
    std::string message;
};

enum class Standing { Blocked, Failed, NotEffective, InUse, Periods };

// What one resource of a group can have, before the group's decision.
struct Evaluation {
    const Resource* resource = nullptr;
    Standing standing = Standing::Blocked;
    Block block;                                 // Blocked
    std::vector<std::size_t> full;               // periods refunded in full
    std::optional<std::size_t> current;          // InUse: the period in effect
    bool five_day_eligible = false;              // InUse: everything but the quota allows the five-day refund
    std::string standard_code, standard_reason;  // InUse: why the standard rule (when not five-day)
    std::optional<Instant> new_expire_time;      // Periods
};

std::string Day(Instant t, ZoneOffset z) { return FormatLocalDate(LocalDateOf(t, z)); }

class Previewer {
public:
    // lines: false = the items without their lines (PreviewRefundVerdicts).
    // batch: the request is one unsubscription, a batch when it names several instances (PreviewRefund);
    // false for independent verdicts (PreviewRefundVerdicts).
    Previewer(const Workspace& ws, const RefundRequest& req, const OrderLocks* locks, bool lines = true,
              bool batch = true)
        : ws_(ws),
          req_(req),
          z_(ws.rules.zone),
          own_locks_(locks ? OrderLocks() : OrderLocks::Build(ws, req.as_of)),
          locks_(locks ? *locks : own_locks_),
          lines_(lines),
          batch_(batch)
    {}

    RefundPreview Run();

private:
    std::optional<Block> CommonBlock(const Resource& r) const;
    std::optional<Block> PeriodsBlock(const Resource& r, const std::vector<std::size_t>& periods) const;
    std::optional<Block> PromotionBlock(const Resource& r, const std::vector<std::size_t>& periods) const;
    std::optional<Block> RenewalPeriodsBlock(const Resource& r, const std::vector<std::size_t>& periods) const;
    Evaluation EvaluateResource(const Resource& r) const;
    Evaluation EvaluatePeriods(const Resource& r, Instant keepUntil) const;
    void AddGroup(const std::vector<const Resource*>& group);
    void AddPeriodsGroup(const std::vector<const Resource*>& group);
    void AddBlockedGroup(std::vector<Evaluation>& evals, const std::string& mainId);
    RefundItem NewItem(const Resource& r, const std::string& mainId) const;
    void AddFullPeriod(RefundItem& item, const Resource& r, std::size_t i, std::string_view how) const;
    void AddStandardPeriod(RefundItem& item, const Resource& r, std::size_t i) const;
    void Finish(RefundItem& item) const;
    void CheckBatch();

    const Workspace& ws_;
    const RefundRequest& req_;
    ZoneOffset z_;
    OrderLocks own_locks_;  // built here unless the caller gave them
    const OrderLocks& locks_;
    bool lines_ = true;  // the items' lines (their labels are most of a preview's cost)
    bool batch_ = true;
    RefundPreview out_;
    int quota_left_ = 0;
};

Block EffectivePackageBlock(const std::string& id)
{
    return {"effective_resource_package",
            "resource " + id + " is a resource package already in effect: it cannot be unsubscribed"};
}

std::optional<Block> Previewer::CommonBlock(const Resource& r) const
{
    const std::string& id = r.resource_id;
    if (r.status == ResourceStatus::Closed)
        return Block{"closed", "resource " + id + " is closed (already unsubscribed or released)"};
    // seed 4.2.6, 4.4.2, 4.4.3: nothing of an account frozen by the police is unsubscribed (account_freeze.h).
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws_, AccountOperation::Other))
        return Block{frozen->code, frozen->message};
    const Product* p = ws_.findProduct(r.product_id);
    if (p && !p->unsubscribable) {
        // An effective package is refused for that reason first: it is the rule the user can act on (4.4 说明).
        if (p->kind == ProductKind::ResourcePackage && r.effective_time <= req_.as_of) return EffectivePackageBlock(id);
        return Block{"not_unsubscribable", "product " + p->product_id + " of resource " + id +
                                               " cannot be unsubscribed (the product is marked unsubscribable: false, "
                                               "as trial, free and one-off products are)"};
    }
    if (r.status == ResourceStatus::Frozen && r.frozen_reason == FrozenReason::Police)
        return Block{"police_frozen",
                     "resource " + id + " is frozen by the police (公安冻结) and cannot be unsubscribed"};
    // seed 4.4.2: 正在申请特殊退订 — no other unsubscription meanwhile
    if (r.special_unsubscribe)
        return Block{"special_unsubscribe", "a special unsubscription (特殊退订) of resource " + id +
                                                " is in progress: wait until it is done"};
    if (const Order* o = locks_.open(id); o && StatusAsOf(*o, ws_.rules, req_.as_of) != OrderStatus::Cancelled)
        return Block{"in_transaction", "resource " + id + " is in another transaction: order " + o->order_id + " is " +
                                           std::string(ToString(o->status)) +
                                           "; wait until it is completed or cancelled"};
    return std::nullopt;
}

std::optional<Block> Previewer::PeriodsBlock(const Resource& r, const std::vector<std::size_t>& periods) const
{
    for (std::size_t i : periods) {
        const ResourcePeriod& p = r.periods[i];
        const std::string which = "period " + Day(p.start, z_) + " → " + Day(p.end, z_) +
                                  (p.order_id.empty() ? "" : " (order " + p.order_id + ")");
        if (p.invoiced)  // seed 4.4.1.4, 4.4.2, 4.4.3: 开具发票后不允许退订
            return Block{"invoiced", which + " of resource " + r.resource_id +
                                         " was paid with coupons (现金券), bought on 云商店 or paid by a partner, and "
                                         "invoiced: it cannot be unsubscribed"};
        if (!p.paid)
            return Block{"paid_unknown", "how " + which + " of resource " + r.resource_id +
                                             " was paid is not in the file (periods/" + std::to_string(i) +
                                             "/paid): add it to compute the refund"};
    }
    return std::nullopt;
}

// seed 4.4.2 / 4.4.3: a period bought in a promotion (参加促销活动) is not unsubscribed before it takes effect.
std::optional<Block> Previewer::PromotionBlock(const Resource& r, const std::vector<std::size_t>& periods) const
{
    for (std::size_t i : periods)
        if (r.periods[i].promotion)
            return Block{"promotion", "period " + Day(r.periods[i].start, z_) + " → " + Day(r.periods[i].end, z_) +
                                          " of resource " + r.resource_id +
                                          " was bought in a promotion (参加促销活动): it cannot be unsubscribed"};
    return std::nullopt;
}

// seed 4.4.3 续费周期不可退订场景: renewal periods alone are not unsubscribed when the renewal was changed
// before it took effect, a bandwidth add-on package is present, an attached resource was added after the
// renewal, the product is 云速建站 (periods_unsubscribable false), or the renewal was in a promotion.
std::optional<Block> Previewer::RenewalPeriodsBlock(const Resource& r, const std::vector<std::size_t>& periods) const
{
    const std::string& id = r.resource_id;
    if (const Product* p = ws_.findProduct(r.product_id); p && !p->periods_unsubscribable)
        return Block{"periods_not_unsubscribable", "product " + p->product_id + " of resource " + id +
                                                       " (e.g. 云速建站) does not unsubscribe renewal periods alone: "
                                                       "unsubscribe the resource"};
    if (r.bandwidth_addon)
        return Block{"bandwidth_addon", "resource " + id +
                                            " has a bandwidth add-on package (带宽加油包): unsubscribe the package "
                                            "first, then the renewal periods"};
    const Resource* added = r.added_after_renewal ? &r : nullptr;
    for (const Resource* a : added ? std::vector<const Resource*>{} : ws_.attachedTo(id))
        if (a->added_after_renewal && a->status != ResourceStatus::Closed) added = a;
    if (added)
        return Block{"attached_after_renewal", "attached resource " + added->resource_id +
                                                   " was added after the renewal of " + id +
                                                   ": only the resource can be unsubscribed, not its renewal periods"};
    for (std::size_t i : periods)
        if (r.periods[i].changed_before_effective)
            return Block{"changed_before_renewal",
                         "resource " + id + " was changed (变更) before its renewal " + Day(r.periods[i].start, z_) +
                             " → " + Day(r.periods[i].end, z_) +
                             " took effect: only the resource can be unsubscribed, not the renewal period"};
    return PromotionBlock(r, periods);
}

Evaluation Previewer::EvaluateResource(const Resource& r) const
{
    Evaluation e;
    e.resource = &r;
    auto blocked = [&](Block b) {
        e.standing = Standing::Blocked;
        e.block = std::move(b);
        return e;
    };
    auto all = [&] {
        std::vector<std::size_t> v(r.periods.size());
        for (std::size_t i = 0; i < v.size(); ++i) v[i] = i;
        return v;
    };
    const std::string& id = r.resource_id;
    if (r.status == ResourceStatus::Closed) return blocked(*CommonBlock(r));
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws_, AccountOperation::Other))  // seed 4.2.6
        return blocked({frozen->code, frozen->message});
    if (r.provisioning == Provisioning::Failed) {  // auto-unsubscribed whatever else holds (4.4.4)
        if (r.periods.empty())
            return blocked(
                {"paid_unknown", "resource " + id + " has no periods in the file: nothing is known to refund"});
        e.full = all();
        if (auto b = PeriodsBlock(r, e.full); b && b->code == "paid_unknown") return blocked(*b);
        e.standing = Standing::Failed;
        return e;
    }
    if (auto b = CommonBlock(r)) return blocked(*b);
    if (r.effective_time > req_.as_of) {
        if (r.periods.empty())
            return blocked(
                {"paid_unknown", "resource " + id + " has no periods in the file: nothing is known to refund"});
        e.full = all();
        if (auto b = PeriodsBlock(r, e.full)) return blocked(*b);
        if (auto b = PromotionBlock(r, e.full)) return blocked(*b);  // seed 4.4.2: 参加促销活动
        e.standing = Standing::NotEffective;
        return e;
    }
    const Product* product = ws_.findProduct(r.product_id);
    if (product && product->kind == ProductKind::ResourcePackage) return blocked(EffectivePackageBlock(id));
    if (r.status == ResourceStatus::Expired || req_.as_of > r.expire_time)
        return blocked({"expired", "resource " + id + " expired at " + FormatIso(r.expire_time, z_) +
                                       ": expired resources cannot be unsubscribed (release it instead)"});
    std::vector<std::size_t> refunded;
    for (std::size_t i = 0; i < r.periods.size(); ++i) {
        if (req_.as_of > r.periods[i].end) continue;  // used up
        if (CoverageStart(r, i) > req_.as_of) e.full.push_back(i);
        else e.current = i;
        refunded.push_back(i);
    }
    if (!e.current)
        return blocked({"paid_unknown", "no period of resource " + id + " in the file covers " +
                                            FormatIso(req_.as_of, z_) + ": add its periods to compute the refund"});
    if (auto b = PeriodsBlock(r, refunded)) return blocked(*b);
    e.standing = Standing::InUse;

    const ResourcePeriod& cur = r.periods[*e.current];
    const Instant windowEnd = FiveDayWindowEnd(r, ws_.rules);
    const std::string hours = std::to_string(ws_.rules.five_day_window_hours) + " h";
    if (!(req_.as_of < windowEnd)) {
        e.standard_code = "beyond_five_days";
        e.standard_reason = "provisioned " + FormatIso(r.effective_time, z_) + ", more than " + hours +
                            " ago (the five-day window ended " + FormatIso(windowEnd, z_) + ")";
    } else if (product && !product->five_day_refund) {
        e.standard_code = "no_five_day_refund";
        e.standard_reason = "product " + product->product_id + " does not take part in the five-day no-reason refund";
    } else if (cur.no_five_day_refund) {
        e.standard_code = "no_five_day_refund";
        e.standard_reason = "bought in a promotion without the five-day no-reason refund";
    } else if (cur.kind != PeriodKind::New) {
        e.standard_code = "renewal_in_effect";
        e.standard_reason = "the period in effect is a renewal: the five-day no-reason refund is for new purchases";
    } else {
        e.five_day_eligible = true;
        e.standard_code = "within_five_days";
        e.standard_reason = "provisioned " + FormatIso(r.effective_time, z_) + ", within " + hours + " (until " +
                            FormatIso(windowEnd, z_) + ")";
    }
    return e;
}

Evaluation Previewer::EvaluatePeriods(const Resource& r, Instant keepUntil) const
{
    Evaluation e;
    e.resource = &r;
    if (auto b = CommonBlock(r)) {
        e.block = *b;
        return e;
    }
    for (std::size_t i = 0; i < r.periods.size(); ++i)
        if (r.periods[i].kind == PeriodKind::Renewal && CoverageStart(r, i) > req_.as_of &&
            r.periods[i].start >= keepUntil)
            e.full.push_back(i);
    if (e.full.empty()) {
        e.block = {"no_unused_renewal_period",
                   "resource " + r.resource_id + " has no renewal period that has not started yet"};
        return e;
    }
    if (auto b = PeriodsBlock(r, e.full)) {
        e.block = *b;
        return e;
    }
    if (auto b = RenewalPeriodsBlock(r, e.full)) {  // seed 4.4.3 续费周期不可退订场景
        e.block = *b;
        return e;
    }
    e.standing = Standing::Periods;
    e.new_expire_time = e.full.front() > 0 ? r.periods[e.full.front() - 1].end : keepUntil;
    return e;
}

RefundItem Previewer::NewItem(const Resource& r, const std::string& mainId) const
{
    RefundItem item;
    item.resource_id = r.resource_id;
    item.main_resource_id = mainId == r.resource_id ? "" : mainId;
    return item;
}

void Previewer::AddFullPeriod(RefundItem& item, const Resource& r, std::size_t i, std::string_view how) const
{
    const ResourcePeriod& p = r.periods[i];
    const PaidBreakdown& paid = *p.paid;
    // seed 4.4.1.3: vouchers come back with their original expiry, "如果过期则不退" (an expired one does not)
    const bool voucherExpired =
        paid.voucher.isPositive() && paid.voucher_expire_time && !(req_.as_of < *paid.voucher_expire_time);
    const Money voucher = voucherExpired ? Money() : paid.voucher;
    const Money amount = paid.cash + voucher + paid.flexi_coupon + paid.stored_card;
    item.paid += amount;
    item.refund.cash += paid.cash;
    item.refund.voucher += voucher;
    if (voucherExpired) {
        item.voucher_expired += paid.voucher;
        item.voucher_kept += paid.voucher;
    } else if (voucher.isPositive()) {
        auto same = std::find_if(item.returned_vouchers.begin(), item.returned_vouchers.end(),
                                 [&](const ReturnedVoucher& v) { return v.expire_time == paid.voucher_expire_time; });
        if (same != item.returned_vouchers.end()) same->amount += voucher;
        else item.returned_vouchers.push_back({voucher, paid.voucher_expire_time});
    }
    item.refund.flexi_coupon += paid.flexi_coupon;
    item.refund.stored_card += paid.stored_card;
    item.discount_coupon_kept += paid.discount_coupon;
    item.refunded_periods.push_back(i);
    if (!lines_) return;
    RefundLine line;
    line.kind = RefundLineKind::Paid;
    line.amount = amount;
    line.period_start = p.start;
    line.period_end = p.end;
    line.order_id = p.order_id;
    line.period_kind = p.kind;
    line.paid_parts = paid;
    line.voucher_returned = true;
    std::string parts;
    auto part = [&](std::string_view name, Money m) {
        if (m.isZero()) return;
        parts += parts.empty() ? "" : " + ";
        parts += std::string(name) + " " + m.str();
    };
    part("cash", paid.cash);
    part("voucher", voucher);
    part("flexi coupon", paid.flexi_coupon);
    part("stored card", paid.stored_card);
    line.label = "paid for " + Day(p.start, z_) + " → " + Day(p.end, z_) + " (" + std::string(ToString(p.kind)) +
                 (p.order_id.empty() ? "" : ", order " + p.order_id) + "), " + std::string(how) +
                 (parts.empty() ? "" : ": " + parts);
    if (voucherExpired)
        line.label +=
            "; voucher " + paid.voucher.str() + " expired " + Day(*paid.voucher_expire_time, z_) + ": not returned";
    else if (voucher.isPositive() && paid.voucher_expire_time)  // unknown: returned without one, as before
        line.label += "; voucher returned with its expiry " + Day(*paid.voucher_expire_time, z_);
    if (paid.discount_coupon.isPositive())
        line.label += "; discount coupon " + paid.discount_coupon.str() + " not returned";
    item.lines.push_back(std::move(line));
}

void Previewer::AddStandardPeriod(RefundItem& item, const Resource& r, std::size_t i) const
{
    const RuleProfile& rules = ws_.rules;
    const ResourcePeriod& p = r.periods[i];
    const PaidBreakdown& paid = *p.paid;
    const Money base = paid.refundableBase();  // 订单实付金额: vouchers excluded
    const Consumption c = MeasureConsumption(CoverageStart(r, i), p.end, req_.as_of, rules);
    const Money consumed = MulDiv(base, c.used, c.ordered, rules.rounding);
    const int term = TermMonths(p.start, p.end, z_);
    const int year = UsageYear(p.start, req_.as_of, z_);
    const int rate = rules.feePercent(term, year);
    const Money fee = Percent(base, rate, rules.rounding);
    const Money net = base - consumed - fee;
    const Money notCharged = net.isNegative() ? -net : Money();
    const Money refund = net + notCharged;
    const std::vector<Money> parts = SplitProportional(refund, {paid.cash, paid.flexi_coupon, paid.stored_card});
    item.paid += base;
    item.consumed += consumed;
    item.fee += fee;
    item.not_charged += notCharged;
    item.refund.cash += parts[0];
    item.refund.flexi_coupon += parts[1];
    item.refund.stored_card += parts[2];
    item.voucher_kept += paid.voucher;
    item.discount_coupon_kept += paid.discount_coupon;
    item.partly_used_period = i;
    if (!lines_) return;

    RefundLine paidLine;
    paidLine.kind = RefundLineKind::Paid;
    paidLine.amount = base;
    paidLine.period_start = p.start;
    paidLine.period_end = p.end;
    paidLine.order_id = p.order_id;
    paidLine.period_kind = p.kind;
    paidLine.paid_parts = paid;
    paidLine.voucher_returned = false;  // seed 4.4.1.2: vouchers are not returned by a standard refund
    paidLine.label = "paid for " + Day(p.start, z_) + " → " + Day(p.end, z_) + " (" + std::string(ToString(p.kind)) +
                     (p.order_id.empty() ? "" : ", order " + p.order_id) + "): cash " + paid.cash.str() +
                     " + flexi coupon " + paid.flexi_coupon.str() + " + stored card " + paid.stored_card.str();
    if (paid.voucher.isPositive()) paidLine.label += "; voucher " + paid.voucher.str() + " not returned";
    if (paid.discount_coupon.isPositive())
        paidLine.label += "; discount coupon " + paid.discount_coupon.str() + " not returned";
    item.lines.push_back(std::move(paidLine));

    const std::string unit = rules.consumed_granularity == ConsumedGranularity::Hour ? " h" : " days";
    RefundLine consumedLine;
    consumedLine.kind = RefundLineKind::Consumed;
    consumedLine.amount = -consumed;
    consumedLine.used = c.used;
    consumedLine.ordered = c.ordered;
    consumedLine.unit = rules.consumed_granularity;
    consumedLine.label = "consumed: " + base.str() + " × " + std::to_string(c.used) + unit + " used ÷ " +
                         std::to_string(c.ordered) + unit + " ordered";
    item.lines.push_back(std::move(consumedLine));

    RefundLine feeLine;
    feeLine.kind = RefundLineKind::Fee;
    feeLine.amount = -fee;
    feeLine.rate_percent = rate;
    feeLine.term_months = term;
    feeLine.usage_year = year;
    const std::string termWords =
        term % 12 == 0 ? std::to_string(term / 12) + "-year term" : std::to_string(term) + "-month term";
    feeLine.label = "handling fee: " + std::to_string(rate) + "% of " + base.str() + " (" + termWords + ", year " +
                    std::to_string(year) + " of use)";
    item.lines.push_back(std::move(feeLine));

    if (notCharged.isPositive()) {
        RefundLine floorLine;
        floorLine.kind = RefundLineKind::NotCharged;
        floorLine.amount = notCharged;
        floorLine.label = "refund floored at 0.00: nothing is charged beyond the paid amount";
        item.lines.push_back(std::move(floorLine));
    }
}

void Previewer::Finish(RefundItem& item) const
{
    item.total = item.refund.total();
    if (!lines_) return;
    auto part = [&](RefundLineKind kind, Money m, std::string label) {
        if (m.isZero() && kind != RefundLineKind::Cash) return;
        RefundLine line;
        line.kind = kind;
        line.amount = m;
        line.label = std::move(label);
        item.lines.push_back(line);
    };
    part(RefundLineKind::Cash, item.refund.cash, "to the cash balance");
    part(RefundLineKind::Voucher, item.refund.voucher, "vouchers returned");
    part(RefundLineKind::FlexiCoupon, item.refund.flexi_coupon, "flexi coupons returned");
    part(RefundLineKind::StoredCard, item.refund.stored_card, "stored cards returned");
}

void Previewer::AddBlockedGroup(std::vector<Evaluation>& evals, const std::string& mainId)
{
    const Evaluation* first = nullptr;
    for (const Evaluation& e : evals)
        if (e.standing == Standing::Blocked && !first) first = &e;
    for (const Evaluation& e : evals) {
        RefundItem item = NewItem(*e.resource, mainId);
        item.scenario = UnsubscribeScenario::NotAllowed;
        if (e.standing == Standing::Blocked) {
            item.reason_code = e.block.code;
            item.reason = e.block.message;
        } else {
            item.reason_code = "group_not_allowed";
            item.reason = "resource " + e.resource->resource_id + " is unsubscribed together with " +
                          first->resource->resource_id + ", which cannot be: " + first->block.message;
        }
        Finish(item);
        out_.items.push_back(std::move(item));
    }
}

void Previewer::AddGroup(const std::vector<const Resource*>& group)
{
    const std::string& mainId = group.front()->resource_id;
    std::vector<Evaluation> evals;
    bool anyBlocked = false, anyEligible = false;
    for (const Resource* r : group) {
        evals.push_back(EvaluateResource(*r));
        anyBlocked = anyBlocked || evals.back().standing == Standing::Blocked;
        anyEligible = anyEligible || evals.back().five_day_eligible;
    }
    if (anyBlocked) return AddBlockedGroup(evals, mainId);

    // A bound group counts once against the natural year's quota (docs/rules.md §4.3 counting).
    const bool fiveDay = anyEligible && quota_left_ > 0;
    if (fiveDay) --quota_left_;
    bool quotaCounted = false;
    for (const Evaluation& e : evals) {
        const Resource& r = *e.resource;
        RefundItem item = NewItem(r, mainId);
        item.closes = true;
        switch (e.standing) {
            case Standing::Failed:
                item.scenario = UnsubscribeScenario::Failed;
                item.reason_code = "provisioning_failed";
                item.reason = "provisioning of resource " + r.resource_id +
                              " failed: refunded in full, no fee, vouchers returned";
                for (std::size_t i : e.full) AddFullPeriod(item, r, i, "refunded in full");
                break;
            case Standing::NotEffective:
                item.scenario = UnsubscribeScenario::NotEffective;
                item.reason_code = "not_yet_effective";
                item.reason = "resource " + r.resource_id + " takes effect at " + FormatIso(r.effective_time, z_) +
                              ": refunded in full, no fee, vouchers returned";
                for (std::size_t i : e.full) AddFullPeriod(item, r, i, "refunded in full");
                break;
            default:
                if (fiveDay && e.five_day_eligible) {
                    item.scenario = UnsubscribeScenario::FiveDay;
                    item.reason_code = e.standard_code;
                    item.reason = e.standard_reason + "; five-day quota of " + std::to_string(out_.quota.year) + ": " +
                                  std::to_string(quota_left_) + " left after this group";
                    if (!quotaCounted) item.quota_used = 1;
                    quotaCounted = true;
                    AddFullPeriod(item, r, *e.current, "returned in full (five-day no-reason refund)");
                } else {
                    item.scenario = UnsubscribeScenario::Standard;
                    item.reason_code = e.five_day_eligible ? "five_day_quota_used_up" : e.standard_code;
                    item.reason = e.five_day_eligible ? e.standard_reason + ", but the five-day quota of " +
                                                            std::to_string(out_.quota.year) + " is used up"
                                                      : e.standard_reason;
                    AddStandardPeriod(item, r, *e.current);
                }
                for (std::size_t i : e.full) AddFullPeriod(item, r, i, "not started: refunded in full");
                break;
        }
        Finish(item);
        out_.items.push_back(std::move(item));
    }
}

void Previewer::AddPeriodsGroup(const std::vector<const Resource*>& group)
{
    const Resource& main = *group.front();
    const std::string& mainId = main.resource_id;
    // The expiries to choose from: the end of each period after which only unstarted renewals follow.
    const std::vector<Instant> boundaries = KeepUntilChoices(main, req_.as_of);
    Instant keepUntil = boundaries.empty() ? main.expire_time : boundaries.front();
    if (req_.keep_until && !boundaries.empty()) {
        auto match = std::find_if(boundaries.begin(), boundaries.end(), [&](Instant b) {
            return b == *req_.keep_until || LocalDateOf(b, z_) == LocalDateOf(*req_.keep_until, z_);
        });
        if (match == boundaries.end()) {
            std::string choices;
            for (Instant b : boundaries) choices += (choices.empty() ? "" : ", ") + FormatIso(b, z_);
            out_.refusals.push_back({"bad_keep_until", mainId,
                                     "resource " + mainId + " can keep its expiry at " + choices + ", not " +
                                         FormatIso(*req_.keep_until, z_)});
            return;
        }
        keepUntil = *match;
    }

    std::vector<Evaluation> evals;
    bool anyBlocked = false;
    for (const Resource* r : group) {
        Evaluation e = EvaluatePeriods(*r, keepUntil);
        // A bound attached resource without unstarted renewals simply keeps what it has.
        if (r != &main && e.standing == Standing::Blocked && e.block.code == "no_unused_renewal_period") continue;
        anyBlocked = anyBlocked || e.standing == Standing::Blocked;
        evals.push_back(std::move(e));
    }
    if (anyBlocked) return AddBlockedGroup(evals, mainId);
    for (const Evaluation& e : evals) {
        const Resource& r = *e.resource;
        RefundItem item = NewItem(r, mainId);
        item.scenario = UnsubscribeScenario::RenewalPeriods;
        item.reason_code = "unused_renewal_periods";
        item.reason = "renewal periods of resource " + r.resource_id +
                      " not started yet: refunded in full, no fee, vouchers returned; expiry kept at " +
                      FormatIso(*e.new_expire_time, z_);
        item.new_expire_time = e.new_expire_time;
        for (std::size_t i : e.full) AddFullPeriod(item, r, i, "not started: refunded in full");
        Finish(item);
        out_.items.push_back(std::move(item));
    }
}

// seed 4.4.1.1 注意事项 3: see refund.h "Batches".
void Previewer::CheckBatch()
{
    std::size_t instances = 0;
    for (const RefundItem& item : out_.items) instances += item.main_resource_id.empty() ? 1 : 0;
    if (instances < 2) return;
    for (const RefundItem& item : out_.items) {
        if (!item.main_resource_id.empty()) continue;
        const Resource& r = *ws_.findResource(item.resource_id);
        if (item.scenario == UnsubscribeScenario::Standard && !UnsubscribableInBatch(ws_, r)) {
            const Product* p = ws_.findProduct(r.product_id);
            const std::string service = p && !p->service_type_name.empty() ? p->service_type_name : r.product_id;
            out_.refusals.push_back({"batch_not_supported", r.resource_id,
                                     "resource " + r.resource_id + " (" + service +
                                         ") cannot be unsubscribed in a batch: only ECS, EVS, RDS, VPC and CCE "
                                         "instances can; unsubscribe it on its own"});
        }
    }
}

RefundPreview Previewer::Run()
{
    out_.as_of = req_.as_of;
    out_.quota = FiveDayQuotaAsOf(ws_, req_.as_of);
    quota_left_ = out_.quota.left();

    std::vector<std::string> ids;  // request order, duplicates once (a set: pages ask for 10^5 at a time)
    std::unordered_set<std::string_view> asked;
    asked.reserve(req_.resource_ids.size());
    for (const std::string& id : req_.resource_ids)
        if (asked.insert(id).second) ids.push_back(id);
    if (ids.empty()) out_.refusals.push_back({"empty_request", "", "no resource given to unsubscribe"});
    for (const std::string& id : ids)
        if (!ws_.findResource(id))
            out_.refusals.push_back({"unknown_resource", id, "no resource " + id + " in the workspace"});
    if (!out_.refusals.empty()) return out_;

    std::unordered_set<std::string> covered;
    for (const std::string& id : ids) {
        const Resource& r = *ws_.findResource(id);
        if (covered.count(id)) continue;
        if (r.isBound()) {
            if (asked.count(*r.main_resource_id)) continue;  // its main's group has it
            RefundItem item = NewItem(r, *r.main_resource_id);
            item.scenario = UnsubscribeScenario::NotAllowed;
            item.reason_code = "bound_to_main";
            item.reason =
                "resource " + id + " is bound to " + *r.main_resource_id + ": it is unsubscribed together with it";
            Finish(item);
            out_.items.push_back(std::move(item));
            continue;
        }
        std::vector<const Resource*> group;
        for (const Resource* g : InstanceOf(ws_, r))
            // a closed attached resource is gone already
            if (g == &r || g->status != ResourceStatus::Closed) group.push_back(g);
        for (const Resource* g : group) covered.insert(g->resource_id);
        if (req_.periods_only) AddPeriodsGroup(group);
        else AddGroup(group);
    }
    if (batch_ && !req_.independent && !req_.periods_only) CheckBatch();
    if (!out_.refusals.empty()) {
        out_.items.clear();
        return out_;
    }
    for (const RefundItem& item : out_.items) {
        out_.refund.cash += item.refund.cash;
        out_.refund.voucher += item.refund.voucher;
        out_.refund.flexi_coupon += item.refund.flexi_coupon;
        out_.refund.stored_card += item.refund.stored_card;
        out_.total += item.total;
        out_.quota_used += item.quota_used;
    }
    if (!out_.quota.known && out_.quota_used > 0)
        out_.warnings.push_back({"five_day_quota_unknown", "",
                                 "the account's five-day quota is not in the file: assumed " +
                                     std::to_string(out_.quota.limit) + " for " + std::to_string(out_.quota.year) +
                                     ", none used"});
    if (out_.refund.cash.isPositive() && !ws_.account.cash_balance)
        out_.warnings.push_back(CashBalanceUnknown(out_.refund.cash));
    if (out_.total > ws_.rules.large_refund_warning)
        out_.warnings.push_back({"large_refund", "",
                                 "the refund " + out_.total.display() + " is over " +
                                     ws_.rules.large_refund_warning.display() +
                                     ": large refunds take extra checks before they are credited"});
    return out_;
}

}  // namespace

bool UnsubscribableInBatch(const Workspace& ws, const Resource& main)
{
    const Product* p = ws.findProduct(main.product_id);
    if (!p) return false;
    for (std::string_view service : kBatchUnsubscribeServices)
        if (p->service_type_code == service) return true;
    return false;
}

RefundPreview PreviewRefund(const Workspace& ws, const RefundRequest& request)
{
    return Previewer(ws, request, nullptr).Run();
}

RefundPreview PreviewRefund(const Workspace& ws, const RefundRequest& request, const OrderLocks& locks)
{
    return Previewer(ws, request, &locks).Run();
}

RefundPreview PreviewRefundVerdicts(const Workspace& ws, const RefundRequest& request, const OrderLocks& locks)
{
    return Previewer(ws, request, &locks, /*lines=*/false, /*batch=*/false).Run();
}

std::optional<Instant> NextRefundVerdictChange(const Resource& r, const RuleProfile& rules, Instant asOf)
{
    if (r.status == ResourceStatus::Closed) return std::nullopt;  // "closed" whatever the clock
    std::optional<Instant> next;
    auto consider = [&](Instant t) {
        if (t > asOf && (!next || t < *next)) next = t;
    };
    consider(r.effective_time);
    consider(FiveDayWindowEnd(r, rules));
    consider(r.expire_time.plusSeconds(1));
    for (std::size_t i = 0; i < r.periods.size(); ++i) {
        consider(CoverageStart(r, i));
        consider(r.periods[i].end.plusSeconds(1));
    }
    return next;
}

namespace {

// `next` = t when t is after asOf and before next.
void ConsiderChange(std::optional<Instant>& next, Instant t, Instant asOf)
{
    if (t > asOf && (!next || t < *next)) next = t;
}

// The account's instants of NextRefundVerdictChangeOfAccount: a pending payment order's deadline
// (it then stops locking its resources) and the next local New Year (the five-day quota's year).
void ConsiderOrderChange(std::optional<Instant>& next, const Order& o, const RuleProfile& rules, Instant asOf)
{
    if (o.status == OrderStatus::PendingPayment) ConsiderChange(next, PaymentDeadline(o, rules), asOf);
}
void ConsiderNewYear(std::optional<Instant>& next, const RuleProfile& rules, Instant asOf)
{
    const LocalDate today = LocalDateOf(asOf, rules.zone);
    if (today.year() < 9999)
        if (const std::optional<LocalDate> newYear = LocalDate::FromYmd(today.year() + 1, 1, 1))
            ConsiderChange(next, ToInstant(*newYear, LocalTime(), rules.zone), asOf);
}

}  // namespace

std::optional<Instant> NextRefundVerdictChangeOfAccount(const Workspace& ws, Instant asOf)
{
    std::optional<Instant> next;
    for (const Order& o : ws.orders) ConsiderOrderChange(next, o, ws.rules, asOf);
    ConsiderNewYear(next, ws.rules, asOf);
    return next;
}

RefundOrderScan::RefundOrderScan(const Workspace& ws, Instant asOf)
    : ws_(&ws), asOf_(asOf), locks_(OrderLocks::Begin(ws, asOf))
{}

bool RefundOrderScan::Step(std::size_t orders)
{
    if (!yearDone_) {  // the first step: the New Year
        ConsiderNewYear(accountUntil_, ws_->rules, asOf_);
        yearDone_ = true;
        return done();
    }
    const std::size_t from = locks_.scanned();
    locks_.Scan(std::max<std::size_t>(orders, 1));
    for (std::size_t i = from; i < locks_.scanned(); ++i)
        ConsiderOrderChange(accountUntil_, ws_->orders[i], ws_->rules, asOf_);
    return done();
}

std::optional<Instant> NextRefundVerdictChange(const Workspace& ws, Instant asOf)
{
    std::optional<Instant> next = NextRefundVerdictChangeOfAccount(ws, asOf);
    for (const Resource& r : ws.resources)
        if (const std::optional<Instant> t = NextRefundVerdictChange(r, ws.rules, asOf); t && (!next || *t < *next))
            next = t;
    return next;
}

// [SECTION] confirm

namespace {

std::string JsonText(std::string_view s)
{
    std::string out;
    AppendJsonString(out, s);
    return out;
}

// Why a confirmed unsubscription cannot go ahead: not-allowed items, a reason text over 100 characters, a
// cash refund with no balance to credit it to. Empty: it can.
Refusals UnsubscribeRefusals(const Workspace& ws, const UnsubscribeRequest& request, const RefundPreview& preview)
{
    Refusals refusals;
    for (const RefundItem& item : preview.items)
        if (item.scenario == UnsubscribeScenario::NotAllowed)
            refusals.push_back({item.reason_code, item.resource_id, item.reason});
    if (CharacterCount(request.reason_text) > kUnsubscribeReasonTextMax)
        refusals.push_back({"reason_too_long", "",
                            "the reason is " + std::to_string(CharacterCount(request.reason_text)) +
                                " characters long; at most 100 are allowed"});
    if (preview.refund.cash.isPositive() && !ws.account.cash_balance)
        refusals.push_back(CashBalanceUnknown(preview.refund.cash));
    return refusals;
}

// The unsubscribe orders of a preview, one per group (the main and its bound attached resources; a
// group's items follow its main's item, which has no main_resource_id), with the coupon parts each
// returns and, per item, its order's place in `subs`.
struct UnsubscribeOrders {
    std::vector<Order> subs;
    std::vector<RefundComponents> returned;              // per sub-order
    std::vector<std::vector<ReturnedVoucher>> vouchers;  // per sub-order: the vouchers by expiry
    std::vector<std::size_t> groupOf;                    // item -> sub-order
};

UnsubscribeOrders BuildUnsubscribeOrders(const Workspace& ws, const UnsubscribeRequest& request,
                                         const RefundPreview& preview, std::vector<std::string>& taken)
{
    const Instant now = request.refund.as_of;
    const ZoneOffset zone = ws.rules.zone;
    UnsubscribeOrders out;
    std::vector<Order>& subs = out.subs;
    for (const RefundItem& item : preview.items) {
        const Resource& r = *ws.findResource(item.resource_id);
        if (item.main_resource_id.empty() || subs.empty()) {
            Order o;
            o.order_id = NewOrderId(ws, now, "unsubscribe:" + item.resource_id, taken);
            taken.push_back(o.order_id);
            o.order_type = OrderType::Unsubscribe;
            o.status = OrderStatus::Refunding;
            o.create_time = now;
            o.official_amount = Money();
            if (const Product* p = ws.findProduct(r.product_id)) o.service_type_name = p->service_type_name;
            o.extra.emplace_back("unsubscribe_reason", JsonText(ToString(request.reason)));
            if (!request.reason_text.empty())
                o.extra.emplace_back("unsubscribe_reason_text", JsonText(request.reason_text));
            subs.push_back(std::move(o));
            out.returned.emplace_back();
            out.vouchers.emplace_back();
        }
        out.groupOf.push_back(subs.size() - 1);
        Order& o = subs.back();
        OrderItem line;
        line.resource_id = r.resource_id;
        line.product_id = r.product_id;
        const std::optional<std::size_t> basis = item.partly_used_period ? item.partly_used_period
                                                 : item.refunded_periods.empty()
                                                     ? std::nullopt
                                                     : std::optional(item.refunded_periods.front());
        if (basis)
            line.period = TermMonths(r.periods[*basis].start, r.periods[*basis].end, zone) % 12 == 0
                              ? ItemPeriod::Year
                              : ItemPeriod::Month;
        line.amount = item.total;
        o.items.push_back(line);
        o.amount_after_discount += item.total;
        o.official_amount = *o.official_amount + item.total;
        RefundComponents& back = out.returned.back();
        back.voucher += item.refund.voucher;
        for (const ReturnedVoucher& v : item.returned_vouchers) {
            std::vector<ReturnedVoucher>& vs = out.vouchers.back();
            auto same = std::find_if(vs.begin(), vs.end(),
                                     [&](const ReturnedVoucher& x) { return x.expire_time == v.expire_time; });
            if (same != vs.end()) same->amount += v.amount;
            else vs.push_back(v);
        }
        back.flexi_coupon += item.refund.flexi_coupon;
        back.stored_card += item.refund.stored_card;
    }
    return out;
}

// The resources of the preview: an unsubscribe entry in their purchase order's history, the refunded
// periods removed, closed or kept with the new expiry.
void CutPeriods(Workspace& ws, const RefundPreview& preview, const UnsubscribeOrders& orders, Instant now)
{
    for (std::size_t k = 0; k < preview.items.size(); ++k) {
        const RefundItem& item = preview.items[k];
        Resource& r = *ws.findResource(item.resource_id);
        if (!r.periods.empty() && !r.periods.front().order_id.empty())
            if (Order* purchase = ws.findOrder(r.periods.front().order_id))
                purchase->history.push_back({now, OrderType::Unsubscribe, orders.subs[orders.groupOf[k]].order_id, {}});
        std::vector<ResourcePeriod> kept;
        for (std::size_t i = 0; i < r.periods.size(); ++i)
            if (std::find(item.refunded_periods.begin(), item.refunded_periods.end(), i) == item.refunded_periods.end())
                kept.push_back(r.periods[i]);
        r.periods = std::move(kept);
        if (item.new_expire_time) r.expire_time = *item.new_expire_time;
        else if (!r.periods.empty() && r.periods.back().end > r.effective_time) r.expire_time = r.periods.back().end;
        if (item.closes) {
            r.status = ResourceStatus::Closed;
            r.frozen_reason.reset();  // only a frozen resource has one
        }
    }
}

// The refund is credited at once: each sub-order refunding -> completed, its coupon parts back as
// coupons of the workspace, the five-day quota used, the cash part on the balance.
void CreditRefund(Workspace& ws, const RefundPreview& preview, UnsubscribeOrders& orders, UnsubscribeResult& res)
{
    for (std::size_t k = 0; k < orders.subs.size(); ++k) {
        Order& s = orders.subs[k];
        res.sub_order_ids.push_back(s.order_id);
        AdvanceStatus(s, OrderStatus::Completed);
        auto give = [&](CouponType type, Money amount, std::string_view suffix,
                        std::optional<Instant> expiry = std::nullopt) {
            if (!amount.isPositive()) return;
            Coupon c;
            c.coupon_id = s.order_id + std::string(suffix);
            for (int n = 2; ws.findCoupon(c.coupon_id); ++n)
                c.coupon_id = s.order_id + std::string(suffix) + "-" + std::to_string(n);
            c.type = type;
            c.balance = amount;
            c.expire_time = expiry;  // seed 4.4.1.3: a returned voucher keeps its original expiry
            res.returned_coupon_ids.push_back(c.coupon_id);
            ws.coupons.push_back(std::move(c));
            ws.Reindex();
        };
        for (const ReturnedVoucher& v : orders.vouchers[k])
            give(CouponType::Voucher, v.amount, "-voucher", v.expire_time);
        give(CouponType::Flexi, orders.returned[k].flexi_coupon, "-flexi");
        give(CouponType::StoredCard, orders.returned[k].stored_card, "-card");
    }
    if (preview.quota_used > 0) {
        FiveDayQuota q = ws.account.five_day_quota.value_or(FiveDayQuota{});
        if (q.year != preview.quota.year) q.used = 0;
        q.year = preview.quota.year;
        q.used += preview.quota_used;
        ws.account.five_day_quota = q;
    }
    if (ws.account.cash_balance) ws.account.cash_balance = *ws.account.cash_balance + preview.refund.cash;
}

}  // namespace

UnsubscribeResult Unsubscribe(Workspace& ws, const UnsubscribeRequest& request)
{
    UnsubscribeResult res;
    res.preview = PreviewRefund(ws, request.refund);
    const RefundPreview& preview = res.preview;
    if (!preview.ok()) {
        res.refusals = preview.refusals;
        return res;
    }
    res.refusals = UnsubscribeRefusals(ws, request, preview);
    if (!res.refusals.empty()) return res;

    const Instant now = request.refund.as_of;
    std::vector<std::string> taken;
    UnsubscribeOrders orders = BuildUnsubscribeOrders(ws, request, preview, taken);
    std::vector<Order>& subs = orders.subs;
    std::vector<Order> added;
    if (subs.size() > 1) {
        Order parent = MakeCombinedOrder(ws, subs, OrderType::Unsubscribe, OrderStatus::Refunding, now, preview.total,
                                         "unsubscribe-combined:" + subs.front().order_id, taken);
        parent.extra = subs.front().extra;
        res.order_id = parent.order_id;
        added.push_back(std::move(parent));
    } else {
        res.order_id = subs.front().order_id;
    }

    CutPeriods(ws, preview, orders, now);
    CreditRefund(ws, preview, orders, res);
    for (Order& a : added) AdvanceStatus(a, OrderStatus::Completed);

    for (Order& s : subs) added.push_back(std::move(s));
    // Appended, as AddOrders does (OrderLocks positions stay right: engine/renewal.h).
    ws.orders.insert(ws.orders.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
    ws.Reindex();
    return res;
}

// [SECTION] JSON

namespace {

void WriteComponents(JsonWriter& w, const RefundComponents& c)
{
    w.beginObject();
    w.member("cash", c.cash);
    w.member("voucher", c.voucher);
    w.member("flexi_coupon", c.flexi_coupon);
    w.member("stored_card", c.stored_card);
    w.endObject();
}

// The members of a preview after "as_of" (shared by the preview and the confirmed result).
void WritePreviewMembers(JsonWriter& w, const RefundPreview& preview, ZoneOffset zone)
{
    w.key("items");
    w.beginArray();
    for (const RefundItem& item : preview.items) {
        w.beginObject();
        w.member("resource_id", item.resource_id);
        w.member("scenario", ToString(item.scenario));
        w.member("reason", item.reason);
        w.member("paid", item.paid);
        w.member("consumed", item.consumed);
        w.member("fee", item.fee);
        w.key("refund");
        WriteComponents(w, item.refund);
        w.member("total", item.total);
        w.member("quota_used", item.quota_used);
        w.key("lines");
        w.beginArray();
        for (const RefundLine& line : item.lines) {
            w.beginObject();
            w.member("kind", ToString(line.kind));
            w.member("label", line.label);
            w.member("amount", line.amount);
            if (line.kind == RefundLineKind::Paid) {
                w.member("order_id", line.order_id);
                w.key("period");
                w.beginObject();
                w.member("start", *line.period_start, zone);
                w.member("end", *line.period_end, zone);
                w.endObject();
            } else if (line.kind == RefundLineKind::Consumed) {
                w.member("used", line.used);
                w.member("ordered", line.ordered);
                w.member("unit", ToString(line.unit));
            } else if (line.kind == RefundLineKind::Fee) {
                w.member("rate", line.rate_percent);
            }
            w.endObject();
        }
        w.endArray();
        w.member("reason_code", item.reason_code);
        w.key("main_resource_id");
        if (item.main_resource_id.empty()) w.null();
        else w.string(item.main_resource_id);
        w.member("not_charged", item.not_charged);
        w.key("kept");
        w.beginObject();
        w.member("voucher", item.voucher_kept);
        w.member("discount_coupon", item.discount_coupon_kept);
        w.member("voucher_expired", item.voucher_expired);  // of voucher: expired, so not returned (seed 4.4.1.3)
        w.endObject();
        // The vouchers given back keep the expiry of those used (seed 4.4.1.3); null: unknown.
        w.key("returned_vouchers");
        w.beginArray();
        for (const ReturnedVoucher& v : item.returned_vouchers) {
            w.beginObject();
            w.member("amount", v.amount);
            w.member("expire_time", v.expire_time, zone);
            w.endObject();
        }
        w.endArray();
        w.member("new_expire_time", item.new_expire_time, zone);
        w.endObject();
    }
    w.endArray();
    w.member("total", preview.total);
    w.key("refund");
    WriteComponents(w, preview.refund);
    w.key("quota");
    w.beginObject();
    w.member("year", preview.quota.year);
    w.member("limit", preview.quota.limit);
    w.member("used", preview.quota.used);
    w.member("left", preview.quota.left());
    w.member("used_now", preview.quota_used);
    w.key("known");
    w.boolean(preview.quota.known);
    w.endObject();
    WriteRefusals(w, "warnings", preview.warnings);
}

}  // namespace

void WriteRefundPreview(JsonWriter& w, const RefundPreview& preview, ZoneOffset zone)
{
    w.beginObject();
    w.member("as_of", preview.as_of, zone);
    if (!preview.ok()) WriteRefusals(w, "refusals", preview.refusals);
    else WritePreviewMembers(w, preview, zone);
    w.endObject();
}

std::string RefundPreviewJson(const RefundPreview& preview, ZoneOffset zone)
{
    JsonWriter w;
    WriteRefundPreview(w, preview, zone);
    return w.take();
}

void WriteUnsubscribeResult(JsonWriter& w, const UnsubscribeResult& result, const Workspace& after)
{
    const ZoneOffset zone = after.rules.zone;
    w.beginObject();
    w.member("as_of", result.preview.as_of, zone);
    if (!result.ok()) {
        WriteRefusals(w, "refusals", result.refusals);
        w.endObject();
        return;
    }
    WritePreviewMembers(w, result.preview, zone);
    w.member("order_id", result.order_id);
    w.key("sub_order_ids");
    w.beginArray();
    for (const std::string& id : result.sub_order_ids) w.string(id);
    w.endArray();
    w.key("returned_coupon_ids");
    w.beginArray();
    for (const std::string& id : result.returned_coupon_ids) w.string(id);
    w.endArray();
    w.member("cash_balance", after.account.cash_balance);
    w.endObject();
}

std::optional<RefundRequest> ReadRefundArgs(const Workspace& ws, std::string_view argsJson, Instant clock,
                                            std::string& error)
{
    const auto fail = [&error](std::string e) -> std::optional<RefundRequest> {
        error = std::move(e);
        return std::nullopt;
    };
    const std::optional<nlohmann::json> args = ReadApiObject(argsJson, "refund", error);
    if (!args) return std::nullopt;
    RefundRequest req;
    req.as_of = ws.as_of.value_or(clock);
    for (const auto& [key, value] : args->items()) {
        if (key == "resources") {
            if (std::string e = ReadResourceIds(value, req.resource_ids); !e.empty()) return fail(e);
        } else if (key == "periods_only") {
            if (!value.is_boolean()) return fail("periods_only: expected true or false");
            req.periods_only = value.get<bool>();
        } else if (key == "keep_until" || key == "as_of") {
            if (value.is_null() && key == "keep_until") continue;
            Instant t;
            if (std::string e = ReadApiInstant(value, key, t); !e.empty()) return fail(e);
            if (key == "as_of") req.as_of = t;
            else req.keep_until = t;
        } else {
            return fail(UnknownApiArgument(key));
        }
    }
    if (req.keep_until && !req.periods_only) return fail("keep_until: only with periods_only");
    return req;
}

std::string RefundJson(const Workspace& ws, std::string_view argsJson, Instant clock)
{
    std::string error;
    const std::optional<RefundRequest> req = ReadRefundArgs(ws, argsJson, clock, error);
    if (!req) return ErrorJson(error);
    return RefundPreviewJson(PreviewRefund(ws, *req), ws.rules.zone);
}

}  // namespace qd
