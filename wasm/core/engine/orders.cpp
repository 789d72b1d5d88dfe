// orders.cpp: order lifecycle, payment, cancellation, details (orders.h).
#include "core/engine/orders.h"

#include "core/engine/account_freeze.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/engine/refund.h"
#include "core/engine/renewal.h"

namespace qd {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

std::string StatusWord(OrderStatus s) { return std::string(ToString(s)); }

}  // namespace

// ---- lifecycle -------------------------------------------------------------------------------------

bool CanTransition(OrderStatus from, OrderStatus to)
{
    using S = OrderStatus;
    switch (from) {
        case S::PendingConfirmation: return to == S::PendingPayment || to == S::Cancelled;
        case S::PendingReview: return to == S::PendingPayment || to == S::Refunding || to == S::Cancelled;
        case S::PendingPayment: return to == S::Processing || to == S::Completed || to == S::Cancelled;
        case S::Processing: return to == S::Completed;
        case S::Refunding: return to == S::Completed;
        case S::Completed:
        case S::Cancelled: return false;
    }
    return false;
}

bool AdvanceStatus(Order& order, OrderStatus to)
{
    if (!CanTransition(order.status, to)) return false;
    order.status = to;
    return true;
}

Instant PaymentDeadline(const Order& order, const RuleProfile& rules)
{
    if (order.pending_payment_end_time) return *order.pending_payment_end_time;
    return order.create_time.plusSeconds(static_cast<int64_t>(rules.pending_payment_days) * kSecondsPerDay);
}

OrderStatus StatusAsOf(const Order& order, const RuleProfile& rules, Instant asOf)
{
    if (order.status == OrderStatus::PendingPayment && asOf >= PaymentDeadline(order, rules))
        return OrderStatus::Cancelled;
    return order.status;
}

bool IsAwaitingPayment(const Order& order, OrderStatus statusAsOf)
{
    if (order.order_type == OrderType::Unsubscribe) return false;
    return statusAsOf == OrderStatus::PendingPayment || statusAsOf == OrderStatus::PendingReview ||
           statusAsOf == OrderStatus::PendingConfirmation;
}

namespace {

// Reorders `items` by the times `timeOf` gives them, newest first, equal times in the order given.
// Key = how long before the newest (unsigned: any two int64 times differ by < 2^64), so ascending
// keys are descending times. LSD radix, 11 bits a pass, only as many passes as the span of the times
// needs (3 for up to 272 years of seconds); each pass is stable.
template <class T, class TimeOf>
void RadixNewestFirst(std::vector<T>& items, TimeOf timeOf)
{
    const std::size_t n = items.size();
    if (n < 2) return;
    int64_t newest = timeOf(items[0]).unixSeconds();
    for (const T& item : items) newest = std::max(newest, timeOf(item).unixSeconds());
    std::vector<uint64_t> keys(n);
    uint64_t span = 0;
    for (std::size_t k = 0; k < n; ++k) {
        keys[k] = static_cast<uint64_t>(newest) - static_cast<uint64_t>(timeOf(items[k]).unixSeconds());
        span = std::max(span, keys[k]);
    }
    constexpr int kBits = 11;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    std::vector<T> toItem(n);
    std::vector<uint64_t> toKey(n);
    std::vector<std::size_t> bucket(kBuckets + 1);
    for (int shift = 0; shift < 64 && (span >> shift) != 0; shift += kBits) {
        std::fill(bucket.begin(), bucket.end(), 0);
        for (uint64_t key : keys) ++bucket[((key >> shift) & (kBuckets - 1)) + 1];
        for (std::size_t b = 1; b <= kBuckets; ++b) bucket[b] += bucket[b - 1];
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t at = bucket[(keys[k] >> shift) & (kBuckets - 1)]++;
            toItem[at] = items[k];
            toKey[at] = keys[k];
        }
        items.swap(toItem);
        keys.swap(toKey);
    }
}

}  // namespace

void SortNewestFirst(std::vector<std::size_t>& indices, const std::vector<Order>& orders)
{
    RadixNewestFirst(indices, [&](std::size_t i) { return orders[i].create_time; });
}

void SortNewestFirst(std::vector<const Order*>& orders)
{
    RadixNewestFirst(orders, [](const Order* o) { return o->create_time; });
}

std::vector<std::string> ExpirePendingOrders(Workspace& ws, Instant asOf)
{
    std::vector<std::string> expired;
    for (Order& o : ws.orders)
        if (StatusAsOf(o, ws.rules, asOf) != o.status && AdvanceStatus(o, OrderStatus::Cancelled))
            expired.push_back(o.order_id);
    return expired;
}

std::vector<const Order*> CombinedGroup(const Workspace& ws, const Order& order)
{
    const Order* parent = &order;
    if (order.combined_order_id)
        if (const Order* p = ws.findOrder(*order.combined_order_id)) parent = p;
    std::vector<const Order*> group{parent};
    for (const Order& o : ws.orders)
        if (o.combined_order_id && *o.combined_order_id == parent->order_id && &o != parent) group.push_back(&o);
    return group;
}

namespace {

// ---- selecting orders for pay / cancel ---------------------------------------------------------------

struct Selection {
    std::vector<std::vector<const Order*>> groups;  // request order, each group once
    Refusals refusals;
};

Selection SelectGroups(const Workspace& ws, const std::vector<std::string>& ids, int max, std::string_view action)
{
    Selection sel;
    std::vector<std::string> unique;
    for (const std::string& id : ids)
        if (std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(id);
    if (unique.empty()) {
        sel.refusals.push_back({"empty_request", "", "no order given to " + std::string(action)});
        return sel;
    }
    if (static_cast<int64_t>(unique.size()) > max) {
        sel.refusals.push_back({"too_many_orders", "",
                                "at most " + std::to_string(max) + " orders can be " +
                                    std::string(action == "pay" ? "paid" : "cancelled") + " at a time, got " +
                                    std::to_string(unique.size())});
        return sel;
    }
    std::unordered_set<std::string> seen;
    for (const std::string& id : unique) {
        const Order* o = ws.findOrder(id);
        if (!o) {
            sel.refusals.push_back({"unknown_order", id, "no order " + id + " in the workspace"});
            continue;
        }
        std::vector<const Order*> group = CombinedGroup(ws, *o);
        if (seen.insert(group.front()->order_id).second) sel.groups.push_back(std::move(group));
    }
    return sel;
}

// Why an order (not pending payment as of the clock) cannot be paid.
Refusal NotPayable(const Order& o, OrderStatus status, const RuleProfile& rules)
{
    switch (status) {
        case OrderStatus::PendingReview:
            return {
                "pending_review", o.order_id,
                "order " + o.order_id +
                    " needs review before it can be paid; you are notified by phone and e-mail when it is approved"};
        case OrderStatus::PendingConfirmation:
            return {"pending_confirmation", o.order_id,
                    "order " + o.order_id + " is waiting for confirmation (placed for you by an account manager)"};
        default: break;
    }
    std::string message = "order " + o.order_id + " is " + StatusWord(status);
    if (o.status == OrderStatus::PendingPayment)  // cancelled by the clock
        message += " (payment deadline " + FormatIso(PaymentDeadline(o, rules), rules.zone) + " passed)";
    message += ": an order whose status has changed cannot be paid";
    return {"status_changed", o.order_id, message};
}

bool IsParentOf(const std::vector<const Order*>& group, const Order* o)
{
    return group.size() > 1 && group.front() == o;
}

}  // namespace

// ---- pay -------------------------------------------------------------------------------------------

PaymentResult PlanPayment(const Workspace& ws, const PaymentRequest& request)
{
    PaymentResult res;
    res.as_of = request.as_of;
    // seed 4.2.6: an account frozen by the police pays and cancels nothing (account_freeze.h).
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws, AccountOperation::Other)) {
        res.refusals.push_back(std::move(*frozen));
        return res;
    }
    Selection sel = SelectGroups(ws, request.order_ids, ws.rules.combined_pay_max, "pay");
    if (!sel.refusals.empty()) {
        res.refusals = std::move(sel.refusals);
        return res;
    }
    bool onlyStatusChanged = true;
    for (const std::vector<const Order*>& group : sel.groups) {
        Refusals problems;
        for (const Order* o : group) {
            const OrderStatus s = StatusAsOf(*o, ws.rules, request.as_of);
            if (s != OrderStatus::PendingPayment) problems.push_back(NotPayable(*o, s, ws.rules));
        }
        if (!problems.empty()) {
            for (const Refusal& p : problems) {
                if (p.code != "status_changed") onlyStatusChanged = false;
                res.skipped.push_back(p);
            }
            for (const Order* o : group)
                if (std::none_of(problems.begin(), problems.end(),
                                 [&](const Refusal& p) { return p.subject == o->order_id; }))
                    res.skipped.push_back({"combined_order_incomplete", o->order_id,
                                           "order " + o->order_id + " is paid together with combined trade order " +
                                               group.front()->order_id + ", which cannot be paid as a whole"});
            continue;
        }
        for (const Order* o : group) {
            if (IsParentOf(group, o)) {
                res.combined_order_ids.push_back(o->order_id);
                continue;
            }
            // A renewal's resources must all be here to receive their period (CheckWorkspace ensures it for files).
            if (o->order_type == OrderType::Renewal)
                for (const OrderItem& item : o->items)
                    if (item.resource_id && !ws.findResource(*item.resource_id))
                        res.refusals.push_back(
                            {"unknown_resource", *item.resource_id,
                             "order " + o->order_id + " names unknown resource " + *item.resource_id});
            PaidOrder po;
            po.order_id = o->order_id;
            po.combined_order_id = o->combined_order_id;
            po.order_type = o->order_type;
            po.due = o->amount_after_discount;
            po.status_after = o->order_type == OrderType::Renewal ? OrderStatus::Completed : OrderStatus::Processing;
            res.orders.push_back(std::move(po));
        }
    }
    if (!res.refusals.empty()) return res;
    if (res.orders.empty()) {
        if (onlyStatusChanged)
            res.refusals.push_back(
                {"all_status_changed", "",
                 "the status of every selected order has changed; nothing can be paid (see My orders)"});
        else res.refusals.push_back({"nothing_to_pay", "", "none of the selected orders can be paid now"});
        res.refusals.insert(res.refusals.end(), res.skipped.begin(), res.skipped.end());
        res.skipped.clear();
        return res;
    }

    std::vector<Money> dues;
    Money due;
    for (const PaidOrder& po : res.orders) {
        if (po.due.isNegative()) {
            res.refusals.push_back(
                {"negative_amount", po.order_id, "order " + po.order_id + " has a negative amount " + po.due.str()});
            continue;
        }
        dues.push_back(po.due);
        due += po.due;
    }
    if (!res.refusals.empty()) return res;
    res.settlement = PlanSettlement(ws, due, request.coupon_ids, request.as_of);
    if (!res.settlement.ok()) {
        res.refusals = res.settlement.refusals;
        return res;
    }
    const std::vector<PaidBreakdown> shares = AllocatePaid(res.settlement.paid, dues);
    for (std::size_t i = 0; i < res.orders.size(); ++i) res.orders[i].paid = shares[i];
    return res;
}

namespace {

// Each resource's share of a paid order: the order's share split over its items in proportion to
// their amounts, then summed per resource (a renewal's period item and its extra-days item).
std::unordered_map<std::string, PaidBreakdown> PaidPerResource(const Order& o, const PaidBreakdown& paid)
{
    std::vector<Money> weights;
    for (const OrderItem& item : o.items) weights.push_back(item.amount.value_or(Money()));
    std::unordered_map<std::string, PaidBreakdown> out;
    if (weights.empty()) return out;
    const std::vector<Money> itemDues = SplitProportional(SettledAmount(paid), weights);
    const std::vector<PaidBreakdown> parts = AllocatePaid(paid, itemDues);
    for (std::size_t i = 0; i < o.items.size(); ++i) {
        if (!o.items[i].resource_id) continue;
        PaidBreakdown& r = out[*o.items[i].resource_id];
        r.cash += parts[i].cash;
        r.voucher += parts[i].voucher;
        r.flexi_coupon += parts[i].flexi_coupon;
        r.stored_card += parts[i].stored_card;
        r.discount_coupon += parts[i].discount_coupon;
    }
    return out;
}

}  // namespace

PaymentResult PayOrders(Workspace& ws, const PaymentRequest& request)
{
    PaymentResult res = PlanPayment(ws, request);
    if (!res.ok()) return res;
    ExpirePendingOrders(ws, request.as_of);
    ApplyCouponUses(ws, res.settlement.coupons);
    if (res.settlement.cash_after) ws.account.cash_balance = res.settlement.cash_after;
    for (const PaidOrder& po : res.orders) {
        Order* o = ws.findOrder(po.order_id);
        if (o->order_type == OrderType::Renewal) ApplyPaidRenewalOrder(ws, po.order_id, PaidPerResource(*o, po.paid));
        o = ws.findOrder(po.order_id);
        o->payment_time = request.as_of;
        o->amount_after_discount -= po.paid.discount_coupon;
        AdvanceStatus(*o, po.status_after);
    }
    for (const std::string& parentId : res.combined_order_ids) {
        Order* parent = ws.findOrder(parentId);
        bool allCompleted = true;
        for (const PaidOrder& po : res.orders) {
            if (po.combined_order_id != parentId) continue;
            parent->amount_after_discount -= po.paid.discount_coupon;
            if (po.status_after != OrderStatus::Completed) allCompleted = false;
        }
        parent->payment_time = request.as_of;
        AdvanceStatus(*parent, allCompleted ? OrderStatus::Completed : OrderStatus::Processing);
    }
    return res;
}

void WritePaymentResult(JsonWriter& w, const PaymentResult& result, ZoneOffset zone)
{
    if (!BeginResult(w, result.as_of, zone, result.refusals)) return;
    w.key("orders");
    w.beginArray();
    for (const PaidOrder& po : result.orders) {
        w.beginObject();
        w.member("order_id", po.order_id);
        w.member("combined_order_id", po.combined_order_id);
        w.member("order_type", ToString(po.order_type));
        w.member("due", po.due);
        w.key("paid");
        w.beginObject();
        WritePaidMembers(w, po.paid);
        w.endObject();
        w.member("status", ToString(po.status_after));
        w.endObject();
    }
    w.endArray();
    w.key("combined_order_ids");
    w.beginArray();
    for (const std::string& id : result.combined_order_ids) w.string(id);
    w.endArray();
    w.key("coupons");
    w.beginArray();
    for (const CouponUse& use : result.settlement.coupons) {
        w.beginObject();
        w.member("coupon_id", use.coupon_id);
        w.member("type", ToString(use.type));
        w.member("amount", use.amount);
        w.endObject();
    }
    w.endArray();
    w.key("total");
    w.beginObject();
    w.member("due", result.settlement.due);
    WritePaidMembers(w, result.settlement.paid);
    w.endObject();
    w.key("cash_balance");
    w.beginObject();
    w.member("before", result.settlement.cash_before);
    w.member("after", result.settlement.cash_after);
    w.endObject();
    WriteRefusals(w, "skipped", result.skipped);
    w.endObject();
}

// ---- cancel ----------------------------------------------------------------------------------------

CancelResult PlanCancel(const Workspace& ws, const CancelRequest& request)
{
    CancelResult res;
    res.as_of = request.as_of;
    // seed 4.2.6: an account frozen by the police pays and cancels nothing (account_freeze.h).
    if (std::optional<Refusal> frozen = AccountFreezeRefusal(ws, AccountOperation::Other)) {
        res.refusals.push_back(std::move(*frozen));
        return res;
    }
    Selection sel = SelectGroups(ws, request.order_ids, ws.rules.batch_cancel_max, "cancel");
    if (!sel.refusals.empty()) {
        res.refusals = std::move(sel.refusals);
        return res;
    }
    for (const std::vector<const Order*>& group : sel.groups) {
        for (const Order* o : group) {
            const OrderStatus s = StatusAsOf(*o, ws.rules, request.as_of);
            if (s == OrderStatus::PendingPayment) {
                res.cancelled.push_back(o->order_id);
                continue;
            }
            std::string message = "order " + o->order_id + " is " + StatusWord(s);
            if (o->status == OrderStatus::PendingPayment)
                message += " (payment deadline " + FormatIso(PaymentDeadline(*o, ws.rules), ws.rules.zone) + " passed)";
            message += ": only orders pending payment can be cancelled";
            res.skipped.push_back({"not_pending_payment", o->order_id, message});
        }
    }
    if (res.cancelled.empty()) {
        res.refusals.push_back({"nothing_to_cancel", "", "none of the selected orders is pending payment"});
        res.refusals.insert(res.refusals.end(), res.skipped.begin(), res.skipped.end());
        res.skipped.clear();
    }
    return res;
}

CancelResult CancelOrders(Workspace& ws, const CancelRequest& request)
{
    CancelResult res = PlanCancel(ws, request);
    if (!res.ok()) return res;
    ExpirePendingOrders(ws, request.as_of);
    for (const std::string& id : res.cancelled) AdvanceStatus(*ws.findOrder(id), OrderStatus::Cancelled);
    return res;
}

void WriteCancelResult(JsonWriter& w, const CancelResult& result, ZoneOffset zone)
{
    if (!BeginResult(w, result.as_of, zone, result.refusals)) return;
    w.key("cancelled");
    w.beginArray();
    for (const std::string& id : result.cancelled) w.string(id);
    w.endArray();
    WriteRefusals(w, "skipped", result.skipped);
    w.endObject();
}

// ---- details -----------------------------------------------------------------------------------------

std::vector<TradeHistoryEntry> TradeHistory(const Workspace& ws, const Order& order, const TradeHistoryFilter& filter)
{
    // A sub-order: its own resources; a combined trade order: those of all its sub-orders.
    const std::vector<const Order*> own =
        order.combined_order_id ? std::vector<const Order*>{&order} : CombinedGroup(ws, order);
    std::unordered_set<std::string_view> resources;
    for (const Order* o : own)
        for (const OrderItem& item : o->items)
            if (item.resource_id) resources.insert(*item.resource_id);

    std::vector<TradeHistoryEntry> all = order.history;
    for (const Order& other : ws.orders) {
        if (other.order_type == OrderType::New || other.create_time < order.create_time) continue;
        if (std::find(own.begin(), own.end(), &other) != own.end()) continue;
        if (std::any_of(other.items.begin(), other.items.end(),
                        [&](const OrderItem& i) { return i.resource_id && resources.count(*i.resource_id); }))
            all.push_back({other.create_time, other.order_type, other.order_id, {}});
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const TradeHistoryEntry& a, const TradeHistoryEntry& b) { return a.time < b.time; });
    std::vector<TradeHistoryEntry> out;
    std::unordered_set<std::string> seen;
    for (TradeHistoryEntry& e : all) {
        if (!seen.insert(e.order_id).second) continue;
        if (filter.type && e.type != *filter.type) continue;
        if (filter.from && e.time < *filter.from) continue;
        if (filter.to && e.time > *filter.to) continue;
        if (!filter.order_id.empty() && e.order_id.find(filter.order_id) == std::string::npos) continue;
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<ProcessingCase> ProcessingCaseOf(const Workspace& ws, const Order& order, Instant asOf)
{
    // seed 4.3.3 说明: 处理中 = 资源开通中, or 部分资源开通失败 when a resource of the order failed
    if (StatusAsOf(order, ws.rules, asOf) != OrderStatus::Processing) return std::nullopt;
    for (const OrderItem& item : order.items)
        if (const Resource* r = item.resource_id ? ws.findResource(*item.resource_id) : nullptr;
            r && r->provisioning == Provisioning::Failed)
            return ProcessingCase::PartlyFailed;
    return ProcessingCase::Provisioning;
}

std::vector<std::string> AutoUnsubscribeFailed(Workspace& ws, Instant asOf)
{
    // seed 4.4.4: the system unsubscribes every resource that failed to provision, in full
    std::vector<std::string> ids;
    for (const Resource& r : ws.resources)
        if (r.provisioning == Provisioning::Failed && r.status != ResourceStatus::Closed && !r.isBound())
            ids.push_back(r.resource_id);
    std::vector<std::string> made;
    for (const std::string& id : ids) {
        UnsubscribeRequest request;
        request.refund.resource_ids = {id};
        request.refund.as_of = asOf;
        request.reason = UnsubscribeReason::Other;
        request.reason_text = std::string(kAutoUnsubscribeText);
        UnsubscribeResult u = Unsubscribe(ws, request);
        if (u.ok()) made.push_back(u.order_id);
    }
    return made;
}

std::optional<OrderDetails> DescribeOrder(const Workspace& ws, std::string_view orderId, Instant asOf)
{
    const Order* order = ws.findOrder(orderId);
    if (!order) return std::nullopt;
    OrderDetails d;
    d.order = order;
    d.status = StatusAsOf(*order, ws.rules, asOf);
    if (d.status == OrderStatus::PendingPayment) d.deadline = PaymentDeadline(*order, ws.rules);
    if (order->combined_order_id) d.combined = ws.findOrder(*order->combined_order_id);
    else {
        std::vector<const Order*> group = CombinedGroup(ws, *order);
        d.sub_orders.assign(group.begin() + 1, group.end());
    }

    // The orders whose periods carry this order's payment: itself, or a parent's sub-orders.
    std::vector<std::string_view> payers{order->order_id};
    for (const Order* s : d.sub_orders) payers.push_back(s->order_id);
    auto paidBy = [&](const ResourcePeriod& p) {
        return std::find(payers.begin(), payers.end(), p.order_id) != payers.end();
    };

    for (const OrderItem& item : order->items) {
        OrderResourceLine line;
        line.item = &item;
        if (item.product_id) line.product = ws.findProduct(*item.product_id);
        if (item.resource_id) line.resource = ws.findResource(*item.resource_id);
        if (line.resource) {
            if (!line.product) line.product = ws.findProduct(line.resource->product_id);
            for (const ResourcePeriod& p : line.resource->periods)
                if (p.order_id == order->order_id) line.period = &p;
        }
        d.resources.push_back(line);
    }

    d.processing_case = ProcessingCaseOf(ws, *order, asOf);
    for (const TradeHistoryEntry& h : order->history)  // seed 4.3.3: the refund of its resources in its details
        if (h.type == OrderType::Unsubscribe)
            if (const Order* u = ws.findOrder(h.order_id)) d.refunds.push_back(u);

    d.amounts.list = order->official_amount;
    d.amounts.after_discount = order->amount_after_discount;
    if (order->official_amount) d.amounts.discount = *order->official_amount - order->amount_after_discount;
    std::unordered_set<std::string_view> counted;
    std::vector<const Order*> payerOrders{order};
    payerOrders.insert(payerOrders.end(), d.sub_orders.begin(), d.sub_orders.end());
    if (order->paid) d.amounts.paid = *order->paid;  // the order's own 支付渠道 (a Huawei response)
    for (const Order* o : payerOrders)
        for (const OrderItem& item : o->items) {
            if (order->paid) break;
            if (!item.resource_id || !counted.insert(*item.resource_id).second) continue;
            const Resource* r = ws.findResource(*item.resource_id);
            if (!r) continue;
            for (const ResourcePeriod& p : r->periods) {
                if (!paidBy(p) || !p.paid) continue;
                if (!d.amounts.paid) d.amounts.paid = PaidBreakdown{};
                d.amounts.paid->cash += p.paid->cash;
                d.amounts.paid->voucher += p.paid->voucher;
                d.amounts.paid->flexi_coupon += p.paid->flexi_coupon;
                d.amounts.paid->stored_card += p.paid->stored_card;
                d.amounts.paid->discount_coupon += p.paid->discount_coupon;
            }
        }
    if (d.amounts.paid) {
        d.amounts.paid->extra.clear();
        d.amounts.coupons = d.amounts.paid->voucher + d.amounts.paid->flexi_coupon + d.amounts.paid->stored_card;
        d.amounts.actually_paid = d.amounts.paid->cash;
    }
    d.amounts.fee = order->fee;
    d.amounts.consumed = order->consumed;
    d.history = TradeHistory(ws, *order);
    return d;
}

}  // namespace qd
