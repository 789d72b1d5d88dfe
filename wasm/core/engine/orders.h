// orders.h: the life of an order (seed 4.1 待支付订单, 4.3 我的订单; docs/rules.md; docs/rules.md §5).
//
//   PaymentRequest req{{"CS25011409123H8RN"}, std::nullopt, now};   // coupons chosen automatically
//   PaymentResult p = PlanPayment(ws, req);      // the pay page: what is paid, how, what is skipped
//   PaymentResult done = PayOrders(ws, req);     // the same, applied (atomic)
//   CancelResult c = CancelOrders(ws, {{"CS25011316401M3QF"}, now});
//   std::optional<OrderDetails> d = DescribeOrder(ws, "CS24041515582CL27", now);
//
// Statuses (seed 4.3.5 表 4-1) and how an order moves between them:
//
//     pending_confirmation ─┐ (代客下单: the customer confirms)
//     pending_review ───────┼──► pending_payment ──(paid)──► processing ──► completed
//                           │          │  └──(paid renewal: in effect at once)──────► completed
//                           │          └──(cancelled by the customer, or past its deadline)──► cancelled
//     pending_review ──(unsubscription approved)──► refunding ──(refund credited)──► completed
//     pending_confirmation / pending_review ──(declined / rejected)──► cancelled
//
// completed and cancelled are final. An order starts in pending_payment, pending_review (needs
// review before payment, or an unsubscription that needs review), pending_confirmation (placed by an
// account manager) or refunding (an unsubscription).
//
// The clock. A pending payment order past its deadline (pending_payment_end_time, else create_time +
// profile pending_payment_days; the deadline itself is already too late) is cancelled: StatusAsOf
// says so without touching the workspace, ExpirePendingOrders writes it, and every operation here
// judges statuses as of its as_of.
//
// Combined trade orders (组合交易订单, seed 4.3.3 说明 1). Orders placed together (batch renewal,
// combined purchase) share a parent order: the sub-orders carry combined_order_id = the parent's id,
// the parent carries no items and the sum of their amounts. Parent and sub-orders are paid and
// cancelled as a whole: naming any of them names the group.
//
// Paying (seed 4.1.1 step 5 说明 and 4.3.1). 1..combined_pay_max (30) orders at a time. A group that
// cannot be paid as a whole is named and skipped, the rest is paid: an order whose status changed
// ("status_changed": 订单状态已变更的订单不能进行支付), one waiting for review ("pending_review": 需要
// 通过审核才能支付), one waiting for confirmation ("pending_confirmation": 订单待确认), and the other
// orders of such a group ("combined_order_incomplete"). When every selected order's status changed the
// payment is refused ("all_status_changed": 全部订单的订单状态已发生变更，不能进行支付操作); when nothing
// is left to pay for another reason, "nothing_to_pay". The due (Σ amount_after_discount of the
// sub-orders and lone orders; a parent only sums them) is settled per payment.h: at most 1 discount
// coupon, 3 vouchers / flexi coupons, stored cards, then the cash balance; a short balance refuses with
// the amount missing. Then each order gets its share (AllocatePaid), its payment_time, and its
// amount_after_discount lowered by its discount-coupon share (the discount coupon is a 折扣, so 应付
// after it); a renewal order's resources get their new period with that paid breakdown per resource
// (renewal.h ApplyPaidRenewalOrder: new expiry, anchor, auto-renew kept) and it is completed; any
// other order goes to processing (the resource is created or changed on Huawei's side). A parent
// follows its sub-orders (completed when all are).
//
// Cancelling (seed 4.1.2, 4.3.2). Pending payment only; 1..batch_cancel_max (30) orders at a time; a
// combined trade order cancels all its sub-orders. Orders not pending payment are named and skipped
// ("not_pending_payment"); nothing to cancel at all is refused ("nothing_to_cancel").
//
// Both refuse the whole request, changing nothing, for: empty_request, too_many_orders (31 of 30),
// unknown_order, account_police_frozen (the account is frozen by the police, account_freeze.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/json_writer.h"
#include "core/model/money.h"
#include "core/engine/payment.h"
#include "core/model/refusal.h"
#include "core/model/rules.h"
#include "core/model/workspace.h"

namespace qd {

// ---- lifecycle -------------------------------------------------------------------------------------

// May an order go from `from` to `to` (the diagram above)? Staying in the same status is not a move.
bool CanTransition(OrderStatus from, OrderStatus to);

// Moves order.status to `to` when CanTransition allows it; false (and nothing changes) otherwise.
bool AdvanceStatus(Order& order, OrderStatus to);

// The moment a pending payment order stops being payable: pending_payment_end_time, else
// create_time + rules.pending_payment_days (days of 24 h).
Instant PaymentDeadline(const Order& order, const RuleProfile& rules);

// The order's status as of `asOf`: cancelled when it is pending payment and asOf >= its deadline.
OrderStatus StatusAsOf(const Order& order, const RuleProfile& rules, Instant asOf);
// Listed by 待支付订单 (seed 4.1): waiting to be paid as of the clock (statusAsOf = StatusAsOf(...)):
// pending payment, or first to be reviewed / confirmed (待审核, 待确认); never an unsubscribe order.
bool IsAwaitingPayment(const Order& order, OrderStatus statusAsOf);

// Orders as the console lists them, newest first (create_time descending; equal times keep the order
// given): `indices` (into `orders`) reordered in place. A stable radix sort on the times: linear in
// the orders (100,000 in a few ms where std::stable_sort took 11 ms of a frame, in wasm).
void SortNewestFirst(std::vector<std::size_t>& indices, const std::vector<Order>& orders);
void SortNewestFirst(std::vector<const Order*>& orders);  // the same for a list of orders (the exports)

// Writes the expiry of pending payment orders into the workspace (status cancelled); their ids, file order.
std::vector<std::string> ExpirePendingOrders(Workspace& ws, Instant asOf);

// The combined trade order an order is paid and cancelled with: the parent first, then its
// sub-orders in file order; a lone order alone.
std::vector<const Order*> CombinedGroup(const Workspace& ws, const Order& order);

// ---- pay -------------------------------------------------------------------------------------------

struct PaymentRequest {
    std::vector<std::string> order_ids;                  // 1..combined_pay_max; duplicates count once
    std::optional<std::vector<std::string>> coupon_ids;  // absent: automatic choice (payment.h); empty: cash only
    Instant as_of;                                       // now
};

// One order of the payment (a sub-order or a lone order; parents are listed in combined_order_ids).
struct PaidOrder {
    std::string order_id;
    std::optional<std::string> combined_order_id;
    OrderType order_type = OrderType::New;
    Money due;                                          // amount_after_discount before paying
    PaidBreakdown paid;                                 // its share of the settlement (adds up to `due`)
    OrderStatus status_after = OrderStatus::Completed;  // completed (renewal) or processing
};

struct PaymentResult {
    Instant as_of;
    std::vector<PaidOrder> orders;                // what is paid, in request order (将继续支付的订单)
    std::vector<std::string> combined_order_ids;  // parents settled with their sub-orders
    Refusals skipped;                             // named and left out (需要移除支付的订单), see above
    SettlementPlan settlement;                    // coupons and cash for all of them together
    Refusals refusals;                            // why nothing is paid (whole request)
    bool ok() const { return refusals.empty(); }
};

// The payment as it would be made (read-only; the pay page).
PaymentResult PlanPayment(const Workspace& ws, const PaymentRequest& request);

// Pays (atomic: on refusal the workspace is unchanged). Also writes the expiry of pending orders past
// their deadline as of request.as_of (ExpirePendingOrders).
PaymentResult PayOrders(Workspace& ws, const PaymentRequest& request);

// {"as_of","orders":[{"order_id","combined_order_id","order_type","due","paid":{"cash","voucher",
//  "flexi_coupon","stored_card","discount_coupon"},"status"}],"combined_order_ids":[...],
//  "coupons":[{"coupon_id","type","amount"}],"total":{"due","cash","voucher","flexi_coupon",
//  "stored_card","discount_coupon"},"cash_balance":{"before","after"},"skipped":[refusal...]};
// refused: {"as_of","refusals":[{"code","subject","message"}]}.
void WritePaymentResult(JsonWriter& w, const PaymentResult& result, ZoneOffset zone);

// ---- cancel ----------------------------------------------------------------------------------------

struct CancelRequest {
    std::vector<std::string> order_ids;  // 1..batch_cancel_max; duplicates count once
    Instant as_of;                       // now
};

struct CancelResult {
    Instant as_of;
    std::vector<std::string> cancelled;  // parents and sub-orders included, request order
    Refusals skipped;                    // not_pending_payment (with the status as of the clock)
    Refusals refusals;                   // why nothing is cancelled
    bool ok() const { return refusals.empty(); }
};

CancelResult PlanCancel(const Workspace& ws, const CancelRequest& request);  // read-only
CancelResult CancelOrders(Workspace& ws, const CancelRequest& request);      // atomic; also writes expiries

// {"as_of","cancelled":[ids],"skipped":[refusal...]}; refused: {"as_of","refusals":[...]}.
void WriteCancelResult(JsonWriter& w, const CancelResult& result, ZoneOffset zone);

// ---- details (seed 4.1.3, 4.3.3) ---------------------------------------------------------------------

// The amounts of an order (支付信息), in the seed's words (chapter 6, 4.4.3; docs/workspace-format.md
// "Amounts"): 应付金额 = 订单金额 − 优惠; 实付金额 = 应付金额 − 券/卡 = what the cash account paid. The means of
// payment (支付渠道) are the order's own `paid` (from Huawei) or else summed from the resource periods this
// order bought; an order with neither shows them as unknown. (The standard refund's 订单实付金额 is another
// sum: cash + flexi coupon + stored card, PaidBreakdown::refundableBase.)
struct OrderAmounts {
    std::optional<Money> list;           // official_amount (订单金额)
    Money after_discount;                // amount_after_discount (应付金额)
    std::optional<Money> discount;       // list − after_discount, when list is known (优惠)
    std::optional<PaidBreakdown> paid;   // 支付渠道; absent = not paid or not known
    std::optional<Money> coupons;        // 券/卡 = voucher + flexi coupon + stored card of `paid`
    std::optional<Money> actually_paid;  // 实付金额 = cash of `paid`
    std::optional<Money> fee;            // unsubscriptions: 手续费
    std::optional<Money> consumed;       // unsubscriptions: 已消费金额
};

// One resource line of an order (资源信息).
struct OrderResourceLine {
    const OrderItem* item = nullptr;         // the order's line
    const Resource* resource = nullptr;      // nullptr: not in the workspace (not created yet, or released)
    const Product* product = nullptr;        // nullptr: unknown
    const ResourcePeriod* period = nullptr;  // the period this order bought for the resource, if any
};

// 处理中 has two cases (seed 4.3.3 说明): 资源开通中 (its resources are being created) and 部分资源开通失败
// (a resource of the order failed to provision; the system unsubscribes it, AutoUnsubscribeFailed).
enum class ProcessingCase { Provisioning, PartlyFailed };
template <>
struct EnumNames<ProcessingCase> {
    static constexpr std::array<std::string_view, 2> names{"provisioning", "partly_failed"};
};
// nullopt unless the order is processing as of the clock; PartlyFailed when a resource its items name
// (or whose period it bought) has provisioning failed.
std::optional<ProcessingCase> ProcessingCaseOf(const Workspace& ws, const Order& order, Instant asOf);

// seed 4.3.3 说明, 4.4.4: "当订单中有资源开通失败时，系统会自动退订开通失败的资源" — every resource whose
// provisioning failed and that is not closed yet is unsubscribed by the system as of `asOf` (a main with
// its bound resources; refund.h scenario failed: everything paid back, vouchers included, no fee), one
// unsubscribe order each, reason "other" with the text kAutoUnsubscribeText. The unsubscribe order
// enters the trade history of the resource's purchase order, so its details show the refund
// (OrderDetails::refunds). Returns the unsubscribe orders made; a resource refused (e.g. its paid
// breakdown is unknown, or the account is police-frozen) is left as it was.
inline constexpr std::string_view kAutoUnsubscribeText = "系统自动退订开通失败的资源";
std::vector<std::string> AutoUnsubscribeFailed(Workspace& ws, Instant asOf);

struct OrderDetails {
    const Order* order = nullptr;
    OrderStatus status = OrderStatus::Completed;  // as of the clock
    std::optional<Instant> deadline;              // pending payment: pay before this
    const Order* combined = nullptr;              // the combined trade order it belongs to
    std::vector<const Order*> sub_orders;         // a combined trade order's orders
    std::vector<OrderResourceLine> resources;
    OrderAmounts amounts;
    std::vector<TradeHistoryEntry> history;         // all of it, oldest first (TradeHistory with no filter)
    std::optional<ProcessingCase> processing_case;  // 处理中: which of the two cases (seed 4.3.3 说明)
    std::vector<const Order*> refunds;              // unsubscribe orders of its resources (e.g. the automatic one of a
        // failed resource, seed 4.3.3: 可在订单详情页面查看退款详情), oldest first
};

// nullopt when the order is unknown.
std::optional<OrderDetails> DescribeOrder(const Workspace& ws, std::string_view orderId, Instant asOf);

// The filters of "查看全部记录" (seed 4.3.3): trade type, creation time, order number.
struct TradeHistoryFilter {
    std::optional<OrderType> type;
    std::optional<Instant> from;  // time >= from
    std::optional<Instant> to;    // time <= to
    std::string order_id;         // substring of the trade's order id; "" = any
};

// The trade history (交易记录跟踪) of an order's resources, oldest first: the entries the order
// carries, plus every later order that names one of its resources (renewal, change, unsubscription,
// to on-demand...), each order once.
std::vector<TradeHistoryEntry> TradeHistory(const Workspace& ws, const Order& order,
                                            const TradeHistoryFilter& filter = {});

inline constexpr int kTradeHistoryShown = 3;  // seed 4.3.3: 3 entries shown, "查看全部记录" from 3 on

}  // namespace qd
