// workspace.h: the QuoteDesk workspace, i.e. the model of one customer's Billing Center data
// (docs/workspace-format.md, format `quotedesk/1`; every key is documented in docs/workspace-format.md).
//
// Plain structs, one per object of the format, with the format's snake_case names. Each field's
// comment gives its meaning and what it holds when the file leaves it out. Amounts are qd::Money,
// times qd::Instant (UTC), ids std::string; "absent" is std::optional, never a sentinel value.
//
//   LoadResult r = LoadWorkspace(text, "ws.json");                 // load.h: parse + check
//   const Resource* disk = r.workspace.findResource("vol-1");       // id lookups (after Reindex)
//   for (const Order& o : r.workspace.orders) if (o.status == OrderStatus::PendingPayment) ...
//   std::string text2 = SaveWorkspace(r.workspace);                  // save.h: deterministic JSON
//
// Invariants of a workspace returned by LoadWorkspace / LoadFiles (see CheckWorkspace in load.h):
// ids are unique per kind, every reference resolves, the index is built. Code that edits the
// vectors (pay, cancel, renew...) calls Reindex() afterwards when it added or removed entries.
//
// Unknown members. Every object keeps the members this build does not know in `extra`, as
// (key, compact JSON text) pairs in file order, and SaveWorkspace writes them back at the end of
// their object, so a file written by a newer version survives a round trip through this one.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/enum_names.h"
#include "core/model/id_index.h"
#include "core/model/json_writer.h"
#include "core/model/money.h"
#include "core/model/rules.h"

namespace qd {

inline constexpr std::string_view kWorkspaceFormat = "quotedesk/1";  // value of the root "format" member

// Members of an object that this build does not know: (key, value as compact JSON text), file order.
// Almost every object has none, so none is one null pointer: 4 bytes in wasm32 where a std::vector
// is 12, in each of the ~700,000 structs of a 100,000-resource workspace (docs/performance.md "Where
// the bytes go"). Used as a vector: iterated, emplace_back, compared; a copy is a deep copy.
class UnknownMembers {
public:
    using value_type = std::pair<std::string, std::string>;

    UnknownMembers() = default;
    UnknownMembers(std::initializer_list<value_type> members)
    {
        if (members.size() != 0) list_ = std::make_unique<List>(members);
    }
    UnknownMembers(const UnknownMembers& other) : list_(other.empty() ? nullptr : std::make_unique<List>(*other.list_))
    {}
    UnknownMembers(UnknownMembers&&) noexcept = default;
    UnknownMembers& operator=(const UnknownMembers& other)
    {
        if (this != &other) list_ = other.empty() ? nullptr : std::make_unique<List>(*other.list_);
        return *this;
    }
    UnknownMembers& operator=(UnknownMembers&&) noexcept = default;

    bool empty() const { return !list_ || list_->empty(); }
    std::size_t size() const { return list_ ? list_->size() : 0; }
    const value_type& operator[](std::size_t i) const { return (*list_)[i]; }  // i < size()
    std::size_t capacity() const { return list_ ? list_->capacity() : 0; }     // for the benchmark's byte count
    const value_type* begin() const { return list_ ? list_->data() : nullptr; }
    const value_type* end() const { return list_ ? list_->data() + list_->size() : nullptr; }
    value_type* begin() { return list_ ? list_->data() : nullptr; }
    value_type* end() { return list_ ? list_->data() + list_->size() : nullptr; }
    template <class... Args>
    value_type& emplace_back(Args&&... args)
    {
        if (!list_) list_ = std::make_unique<List>();
        return list_->emplace_back(std::forward<Args>(args)...);
    }
    void push_back(value_type member) { emplace_back(std::move(member)); }
    void clear() { list_.reset(); }
    // Drops the members `pred` accepts; how many (as std::erase_if).
    template <class Pred>
    friend std::size_t erase_if(UnknownMembers& members, Pred pred)
    {
        if (!members.list_) return 0;
        const std::size_t n = std::erase_if(*members.list_, pred);
        if (members.list_->empty()) members.list_.reset();
        return n;
    }
    friend bool operator==(const UnknownMembers& a, const UnknownMembers& b)
    {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    using List = std::vector<value_type>;
    std::unique_ptr<List> list_;  // null: none
};

// ---- enumerations (snake_case words in the file) ------------------------------------------------
// Each enum has its file words in EnumNames<E>::names (enum_names.h: ToString, EnumFromString, EnumChoices).
// One byte each: they sit in every resource, order and period (docs/performance.md "Where the bytes go").

enum class ProductKind : uint8_t {
    Standard,
    ResourcePackage,
    Marketplace
};  // standard | resource_package | marketplace
// attached resource: bound (绑定, goes with its main) | mounted (挂载, independent)
enum class Relation : uint8_t { Bound, Mounted };
// in_use 使用中 | expired 已过期 | frozen 已冻结 | closed 已关闭
enum class ResourceStatus : uint8_t { InUse, Expired, Frozen, Closed };
enum class FrozenReason : uint8_t { Arrears, Violation, Police };  // arrears 欠费 | violation 违规 | police 公安冻结
enum class Provisioning : uint8_t { Ok, Failed };                  // ok | failed (创建/变更失败: full refund)
// manual | auto | to_on_demand | no_renew (the 4 renewal tabs)
enum class RenewalPolicy : uint8_t { Manual, Auto, ToOnDemand, NoRenew };
enum class TermUnit : uint8_t { Month, Year };     // month | year: a subscription term's unit
enum class PeriodKind : uint8_t { New, Renewal };  // new (first purchase) | renewal
enum class OrderType : uint8_t {                   // Huawei order_type code in brackets
    New,                                           // new 开通 [1]
    Renewal,                                       // renewal 续订 [2]
    Change,                                        // change 变更 [3]
    Unsubscribe,                                   // unsubscribe 退订 [4]
    ToOnDemand,                                    // to_on_demand 包年/包月转按需 [10]
    OnDemandToPeriod,                              // on_demand_to_period 按需转包年/包月 [11]
    Trial,                                         // trial 试用 [13]
    TrialToCommercial,                             // trial_to_commercial 转商用 [14]
    FeeAdjustment,                                 // fee_adjustment 费用调整 [15]
};
enum class OrderStatus : uint8_t {  // Huawei status code in brackets
    PendingPayment,                 // pending_payment 待支付 [6]
    PendingReview,                  // pending_review 待审核 [1]
    Refunding,                      // refunding 待退款 [2]
    Processing,                     // processing 处理中 [3]
    Completed,                      // completed 已完成 [5]
    Cancelled,                      // cancelled 已取消 [4]
    PendingConfirmation,            // pending_confirmation 待确认 [9]
};
enum class ItemPeriod : uint8_t { Month, Year, Day, Once };  // month [2] | year [3] | day [0] | once 一次性 [5]
// voucher 代金券 | discount 折扣券 | flexi 现金券 | stored_card 储值卡
enum class CouponType : uint8_t { Voucher, Discount, Flexi, StoredCard };
// orders | pending_orders | renewal_list | renewal_prices
enum class ExportKind : uint8_t { Orders, PendingOrders, RenewalList, RenewalPrices };

template <>
struct EnumNames<ProductKind> {
    static constexpr std::array<std::string_view, 3> names{"standard", "resource_package", "marketplace"};
};
template <>
struct EnumNames<Relation> {
    static constexpr std::array<std::string_view, 2> names{"bound", "mounted"};
};
template <>
struct EnumNames<ResourceStatus> {
    static constexpr std::array<std::string_view, 4> names{"in_use", "expired", "frozen", "closed"};
};
template <>
struct EnumNames<FrozenReason> {
    static constexpr std::array<std::string_view, 3> names{"arrears", "violation", "police"};
};
template <>
struct EnumNames<Provisioning> {
    static constexpr std::array<std::string_view, 2> names{"ok", "failed"};
};
template <>
struct EnumNames<RenewalPolicy> {
    static constexpr std::array<std::string_view, 4> names{"manual", "auto", "to_on_demand", "no_renew"};
};
template <>
struct EnumNames<TermUnit> {
    static constexpr std::array<std::string_view, 2> names{"month", "year"};
};
template <>
struct EnumNames<PeriodKind> {
    static constexpr std::array<std::string_view, 2> names{"new", "renewal"};
};
template <>
struct EnumNames<OrderType> {
    static constexpr std::array<std::string_view, 9> names{"new",           "renewal",
                                                           "change",        "unsubscribe",
                                                           "to_on_demand",  "on_demand_to_period",
                                                           "trial",         "trial_to_commercial",
                                                           "fee_adjustment"};
};
template <>
struct EnumNames<OrderStatus> {
    static constexpr std::array<std::string_view, 7> names{"pending_payment",     "pending_review", "refunding",
                                                           "processing",          "completed",      "cancelled",
                                                           "pending_confirmation"};
};
template <>
struct EnumNames<ItemPeriod> {
    static constexpr std::array<std::string_view, 4> names{"month", "year", "day", "once"};
};
template <>
struct EnumNames<CouponType> {
    static constexpr std::array<std::string_view, 4> names{"voucher", "discount", "flexi", "stored_card"};
};
template <>
struct EnumNames<ExportKind> {
    static constexpr std::array<std::string_view, 4> names{"orders", "pending_orders", "renewal_list",
                                                           "renewal_prices"};
};

// ---- account --------------------------------------------------------------------------------------

// Five-day no-reason refund quota of one natural year (五天无理由退订, docs/rules.md §4.3).
struct FiveDayQuota {
    int year = 0;              // required: the natural year (Jan 1-Dec 31 in the profile zone) the counts are for
    std::optional<int> limit;  // refunds allowed that year; absent: the rule profile's five_day_quota (10)
    int used = 0;              // refunds already used that year; default 0
    UnknownMembers extra;
    friend bool operator==(const FiveDayQuota&, const FiveDayQuota&) = default;
};

struct Account {
    std::string customer_id;                     // Huawei customer id; default ""
    std::string name;                            // account / organisation name shown in the header; default ""
    std::string currency = "CNY";                // default "CNY" (Huawei: empty = RMB)
    std::optional<Money> cash_balance;           // cash account balance; may be negative (arrears); absent = unknown
    std::optional<FiveDayQuota> five_day_quota;  // absent = unknown: the refund preview says so
    int deduction_days_before = 7;               // auto-renew charge N days before expiry, 1..7; default 7
    std::optional<UnifiedExpiryDay> unified_expiry_day;  // 1..28 or "last"; absent = never set (day 1)
    // 账号冻结 (seed 4.2.6): police blocks every operation, arrears / violation still allow release;
    // absent = the account is not frozen
    std::optional<FrozenReason> frozen_reason;
    UnknownMembers extra;
    friend bool operator==(const Account&, const Account&) = default;
};

// ---- products (the price catalogue) -----------------------------------------------------------

struct ProductPrices {
    std::optional<Money> month;  // price of one month; absent = not sold by the month (or unknown)
    std::optional<Money> year;   // price of one year; absent = not sold by the year (or unknown)
    UnknownMembers extra;
    friend bool operator==(const ProductPrices&, const ProductPrices&) = default;
};

struct RenewOptions {
    std::vector<int> months{1, 2, 3, 4, 5, 6, 7, 8, 9};  // durations offered in months, each 1..11; default 1-9
    std::vector<int> years{1, 2, 3};                     // durations offered in years, each 1..5; default 1-3
    UnknownMembers extra;
    friend bool operator==(const RenewOptions&, const RenewOptions&) = default;
};

struct Product {
    std::string product_id;                    // required, unique among products
    std::string service_type_code;             // e.g. "hws.service.type.ebs"; default ""
    std::string service_type_name;             // e.g. "云硬盘"; default ""
    std::string resource_type_code;            // e.g. "hws.resource.type.volume"; default ""
    std::string spec_desc;                     // e.g. "通用型SSD | 40GB"; default ""
    std::string region_code;                   // e.g. "cn-north-4"; default ""
    ProductPrices prices;                      // default: both absent (prices unknown)
    RenewOptions renew_options;                // default: months 1-9, years 1-3
    ProductKind kind = ProductKind::Standard;  // resource packages / marketplace renew only in their own unit
    bool delisted = false;                     // 已下架: cannot be set to manual/auto renewal
    bool five_day_refund = true;               // eligible for the five-day no-reason refund
    bool unsubscribable = true;                // false: trial / free / one-off products, never unsubscribed
    bool to_on_demand = true;                  // may switch to pay-per-use at expiry
    // false: its renewal periods are never unsubscribed alone, e.g. 云速建站 (seed 4.4.3); default true
    bool periods_unsubscribable = true;
    UnknownMembers extra;
    friend bool operator==(const Product&, const Product&) = default;
};

// ---- resources ----------------------------------------------------------------------------------

struct AutoRenew {
    TermUnit period = TermUnit::Month;  // unit of each auto-renewal; default month
    int period_num = 1;                 // units per auto-renewal, 1..11 months or 1..5 years; default 1
    std::optional<int> times_left;      // renewals left, 0..99; null/absent = unlimited
    UnknownMembers extra;
    friend bool operator==(const AutoRenew&, const AutoRenew&) = default;
};

// How one subscription period was paid (order 实付 split by means of payment). All default 0.00, never negative.
struct PaidBreakdown {
    Money cash;             // cash account (现金账户)
    Money voucher;          // 代金券: returned by five-day / not-effective refunds, not by standard ones
    Money flexi_coupon;     // 现金券: refunded like cash
    Money stored_card;      // 储值卡: refunded like cash
    Money discount_coupon;  // 折扣券: reduced the price, never returned
    // seed 4.4.1.3: when the vouchers used expire (a returned voucher keeps it; an expired one is not
    // returned). Resource periods only; absent or "unknown" = unknown (files before this member)
    std::optional<Instant> voucher_expire_time;
    UnknownMembers extra;
    // 订单实付金额 of the standard rule (no vouchers)
    Money refundableBase() const { return cash + flexi_coupon + stored_card; }
    friend bool operator==(const PaidBreakdown&, const PaidBreakdown&) = default;
};

// One bought period of a resource: the first purchase or a renewal, [start, end].
struct ResourcePeriod {
    // the order that bought it; default "" (not checked: old orders are often not exported)
    std::string order_id;
    PeriodKind kind = PeriodKind::New;  // default: "new" for the first period, "renewal" for later ones
    Instant start;                      // required: when the period takes effect
    Instant end;                        // required: when it ends (23:59:59 local), after start
    std::optional<Money> list_amount;   // list price of the period; absent = unknown
    std::optional<PaidBreakdown> paid;  // what was paid; absent = unknown (refund preview says so)
    bool no_five_day_refund = false;    // bought in a promotion marked 不支持五天无理由退订
    // invoiced, and paid with coupons (现金券), bought on 云商店 or paid by a partner (伙伴代付): cannot be
    // unsubscribed (seed 4.4.1.4, 4.4.2, 4.4.3)
    bool invoiced = false;
    bool promotion =
        false;  // bought in a promotion (参加促销活动): not unsubscribed while not yet effective (4.4.2, 4.4.3)
    // a renewal changed (变更) before it took effect: the renewal period is not unsubscribed alone (4.4.3)
    bool changed_before_effective = false;
    UnknownMembers extra;
    friend bool operator==(const ResourcePeriod&, const ResourcePeriod&) = default;
};

// An enterprise project (企业项目), by which finance officers allocate costs (docs/workspace-format.md).
struct EnterpriseProject {
    std::string id;    // required: Huawei's enterprise project id ("0" = the default project)
    std::string name;  // e.g. "default"; default ""
    UnknownMembers extra;
    friend bool operator==(const EnterpriseProject&, const EnterpriseProject&) = default;
};

// What Huawei quoted for renewing a main resource with its attached resources for one duration
// (ListRenewRateOnPeriod, docs/huawei-data.md): an amount, or Huawei's refusal (fail_resource_infos).
struct RenewRate {
    TermUnit period = TermUnit::Month;  // required: month | year
    int period_num = 1;                 // required: 1..11 months or 1..3 years
    std::optional<Money> amount;        // the instance's renewal price, its attached resources included
    std::string error_code;             // Huawei's refusal, e.g. "CBC.99003154"; "" = priced
    std::string error_msg;              // Huawei's message for it; default ""
    UnknownMembers extra;
    friend bool operator==(const RenewRate&, const RenewRate&) = default;
};

struct Resource {
    std::string resource_id;                        // required, unique among resources
    std::string resource_name;                      // default ""
    std::string product_id;                         // required: a product_id of products
    std::string region_code;                        // default ""
    std::optional<std::string> main_resource_id;    // null/absent = this is a main resource; else a main's resource_id
    std::optional<Relation> relation;               // attached resources only; absent = bound
    ResourceStatus status = ResourceStatus::InUse;  // default in_use
    std::optional<FrozenReason> frozen_reason;      // only with status frozen; absent = unknown reason
    Provisioning provisioning = Provisioning::Ok;   // default ok
    Instant effective_time;                         // required: 开通/生效时间
    Instant expire_time;                            // required: current expiry (23:59:59 local), after effective_time
    std::optional<int> anchor_day;                  // 1..31; absent = day of effective_time in the profile zone
    RenewalPolicy renewal_policy = RenewalPolicy::Manual;  // default manual
    std::optional<AutoRenew> auto_renew;                   // auto-renew settings; absent = month, 1, unlimited
    std::vector<ResourcePeriod> periods;                   // bought periods, oldest first; default none
    std::optional<EnterpriseProject> enterprise_project;   // absent = unknown
    std::vector<RenewRate> renew_rates;                    // main resources only; default none
    bool bandwidth_addon =
        false;  // has a bandwidth add-on package (带宽加油包): no periods-only unsubscription (4.4.3)
    bool added_after_renewal = false;  // attached resources only: added after the main was renewed (4.4.3)
    bool special_unsubscribe = false;  // a special unsubscription (特殊退订) is in progress: no unsubscription (4.4.2)
    UnknownMembers extra;

    // The renew rate Huawei gave for this duration, nullptr when none.
    const RenewRate* renewRate(TermUnit period, int num) const
    {
        for (const RenewRate& r : renew_rates)
            if (r.period == period && r.period_num == num) return &r;
        return nullptr;
    }
    bool isMain() const { return !main_resource_id.has_value(); }
    // goes with its main
    bool isBound() const { return main_resource_id && relation.value_or(Relation::Bound) == Relation::Bound; }
    friend bool operator==(const Resource&, const Resource&) = default;
};

// ---- orders ---------------------------------------------------------------------------------------

// One discount of an order or line, by Huawei discount_type (docs/workspace-format.md "discounts").
struct Discount {
    std::string type;  // required: Huawei discount_type, e.g. "700" 促销折扣, "300" 促销折扣券, "302" 促销现金券
    Money amount;  // required, >= 0
    UnknownMembers extra;
    friend bool operator==(const Discount&, const Discount&) = default;
};

// discount_type codes that are coupons rather than discounts: 301 促销代金券 (= coupon_amount) and
// 302 促销现金券 (= flexipurchase_coupon_amount). They do not lower 应付金额; the coupon parts of `paid` hold them.
inline bool IsCouponDiscountType(std::string_view type) { return type == "301" || type == "302"; }

struct OrderItem {
    std::optional<std::string> resource_id;  // the resource it acts on; absent for e.g. a not yet created resource
    std::optional<std::string> product_id;   // a product_id of products; absent = unknown
    std::optional<ItemPeriod> period;        // absent = unknown / not applicable
    std::optional<int> period_num;           // number of periods, >= 1; null for unsubscription orders
    std::optional<Money> amount;             // 订单金额 of this line; absent = unknown; < 0 only in unsubscribe /
                                             // fee_adjustment orders
    std::optional<Instant> effective_time;   // the line's term (Huawei effective_time); absent = unknown
    std::optional<Instant> expire_time;      // end of the line's term; absent = unknown
    std::optional<int> subscription_num;     // quantity, >= 1; absent = 1
    std::optional<PaidBreakdown> paid;       // how the line was paid (cash = its 实付金额); absent = unknown
    std::optional<Money> fee;                // unsubscription lines: 手续费 (commission_amount), >= 0
    std::optional<Money> consumed;           // unsubscription lines: 已消费金额 (consumed_amount), >= 0
    UnknownMembers extra;
    friend bool operator==(const OrderItem&, const OrderItem&) = default;
};

// One line of an order's trade history (交易记录跟踪): a later renewal, change, unsubscription...
struct TradeHistoryEntry {
    Instant time;          // required
    OrderType type;        // required: the kind of trade (same words as order_type)
    std::string order_id;  // required: the order of that trade (not checked: may be outside the export)
    UnknownMembers extra;
    friend bool operator==(const TradeHistoryEntry&, const TradeHistoryEntry&) = default;
};

struct Order {
    std::string order_id;                             // required, unique among orders
    OrderType order_type = OrderType::New;            // required
    OrderStatus status = OrderStatus::Completed;      // required
    Instant create_time;                              // required
    std::optional<Instant> payment_time;              // null/absent = not paid
    std::optional<Instant> pending_payment_end_time;  // payment deadline; absent = create_time + pending_payment_days
    std::optional<std::string> combined_order_id;  // the combined trade order (组合交易订单) it belongs to; null = none
    std::optional<Money> official_amount;          // 订单金额 (before discounts); absent = unknown
    Money amount_after_discount;                   // required: 应付金额, after discounts, before coupons and cards
    // Both may be < 0 only in unsubscribe and fee_adjustment orders (a refund is negative).
    std::optional<PaidBreakdown> paid;  // 支付渠道: cash = 实付金额 (Huawei amount_after_discount), the
                                        // coupon and card parts; absent = unknown
    std::vector<Discount> discounts;    // by type (Huawei amount_info.discounts); default none
    std::optional<Money> fee;           // unsubscribe orders: 手续费 (commission_amount), >= 0
    std::optional<Money> consumed;      // unsubscribe orders: 已消费金额 (consumed_amount), >= 0
    std::string contract_id;            // Huawei contract_id; default ""
    std::vector<EnterpriseProject> enterprise_projects;  // default none
    std::string currency = "CNY";                        // default "CNY"
    std::string service_type_name;                       // default ""
    std::string created_by;                              // creator login (user_name); default ""
    std::optional<AutoRenew> auto_renew_after_payment;  // renewal orders: the 自动续费 chosen with the renewal (seed
        // 4.2.1.1 step 7), set on the renewed instance when the order is
        // paid (times_left 1..99, null = unlimited); absent = none
    std::vector<OrderItem> items;            // default none
    std::vector<TradeHistoryEntry> history;  // oldest first; default none
    UnknownMembers extra;

    // 实付金额: paid->cash when known, else nullopt
    std::optional<Money> amountPaid() const { return paid ? std::optional<Money>(paid->cash) : std::nullopt; }
    bool isOpen() const
    {  // still in progress: not completed and not cancelled
        return status != OrderStatus::Completed && status != OrderStatus::Cancelled;
    }
    friend bool operator==(const Order&, const Order&) = default;
};

// ---- coupons and export records ------------------------------------------------------------------

struct Coupon {
    std::string coupon_id;                  // required, unique among coupons
    CouponType type = CouponType::Voucher;  // required
    std::optional<Money> balance;           // remaining value (voucher / flexi / stored card); absent = unknown
    std::optional<int> discount_ratio_bp;   // discount coupons: price ratio in 1/10000 ("0.9" -> 9000), 1..10000
    std::optional<Instant> expire_time;     // absent = does not expire
    UnknownMembers extra;
    friend bool operator==(const Coupon&, const Coupon&) = default;
};

struct ExportRecord {
    std::string id;                        // required, unique among export records
    ExportKind kind = ExportKind::Orders;  // required
    Instant created_time;                  // required (records older than export_record_days are removed)
    std::string file_name;                 // default ""
    int rows = 0;                          // rows in the file, >= 0; default 0
    UnknownMembers extra;
    friend bool operator==(const ExportRecord&, const ExportRecord&) = default;
};

// ---- the workspace --------------------------------------------------------------------------------

// Derived lookups, rebuilt by Workspace::Reindex(); never saved.
// The id indexes keep positions, not ids (core/model/id_index.h): Workspace::positionOf* asks them.
// Besides the id indexes, two tables by resource position spare a batch over thousands of
// resources a hash of each one's product id and main id (docs/architecture.md §4: a 10,000 resource quote).
struct WorkspaceIndex {
    static constexpr uint32_t kNone = UINT32_MAX;
    IdIndex products, resources, orders, coupons, export_records;
    std::vector<uint32_t> product_of;      // resource position -> its product's position, kNone when unknown
    std::vector<uint32_t> attached_begin;  // resource position -> its attached resources (positions, file order):
    std::vector<uint32_t> attached;        //   attached[attached_begin[i] .. attached_begin[i + 1])
};

// What Workspace::Reindex(report) met on the way, for the loader's check (CheckWorkspace in load.h),
// which would otherwise look every id up again: the records whose id an earlier record of the same
// list has, and where each resource's main resource is. Empty lists for a workspace without duplicates.
struct ReindexReport {
    struct Duplicate {
        uint32_t position;  // the record with the repeated id
        uint32_t first;     // the earlier record with that id: the one the index keeps
        friend bool operator==(const Duplicate&, const Duplicate&) = default;
    };
    std::vector<Duplicate> products, resources, orders, coupons, export_records;  // in position order
    // resource position -> its main resource's position; WorkspaceIndex::kNone for a main resource and
    // for a main_resource_id that no resource has
    std::vector<uint32_t> main_of;
};

struct Workspace {
    std::optional<Instant> as_of;  // the "now" of quotes and refunds; absent = the real clock
    Account account;               // default: all account defaults
    RuleProfile rules;             // defaults of docs/rules.md §6 + the file's overrides (rules.h)
    std::vector<Product> products;
    std::vector<Resource> resources;
    std::vector<Order> orders;
    std::vector<Coupon> coupons;
    std::vector<ExportRecord> export_records;
    UnknownMembers extra;  // unknown root members
    WorkspaceIndex index;  // derived; see Reindex()

    // Rebuilds `index` from the vectors (first occurrence wins for a duplicated id).
    void Reindex();
    // The same, and says what it met: the duplicated ids and the main resources (ReindexReport).
    void Reindex(ReindexReport& report);
    // Indexes the orders, coupons and export records appended since the index was built, when nothing
    // else moved (cheaper than Reindex for an added order; a product or resource added needs Reindex).
    void IndexAppended();

    // The position of the record with this id in its vector, nullopt when none. Valid until the
    // vectors change.
    std::optional<std::size_t> positionOfProduct(std::string_view id) const;
    std::optional<std::size_t> positionOfResource(std::string_view id) const;
    std::optional<std::size_t> positionOfOrder(std::string_view id) const;
    std::optional<std::size_t> positionOfCoupon(std::string_view id) const;
    std::optional<std::size_t> positionOfExportRecord(std::string_view id) const;

    // nullptr when the id is unknown. Valid until the vectors change.
    const Product* findProduct(std::string_view id) const;
    const Resource* findResource(std::string_view id) const;
    const Order* findOrder(std::string_view id) const;
    const Coupon* findCoupon(std::string_view id) const;
    Resource* findResource(std::string_view id);
    Order* findOrder(std::string_view id);
    std::vector<const Resource*> attachedTo(std::string_view mainId) const;  // attached resources of a main, file order
    // The same for a resource of `resources`, without a lookup by id: its product (nullptr when unknown)
    // and the positions in `resources` of its attached resources. A Resource from elsewhere (a what-if
    // copy) is looked up by its ids.
    const Product* productOf(const Resource& r) const;
    std::span<const uint32_t> attachedPositions(const Resource& main) const;

    // Content equality (the index is derived, so it is not compared).
    friend bool operator==(const Workspace& a, const Workspace& b);
};

// {"format":"quotedesk/1","as_of":...,"account":{"name","cash_balance"},"products":N,"resources":N,
//  "orders":N,"orders_by_status":{"pending_payment":N,...},"resources_by_status":{"in_use":N,...},
//  "coupons":N,"export_records":N}: counts for the UI header and the browser test API's summary().
// Every status name appears (0 when none); absent as_of / cash_balance are null.
std::string SummaryJson(const Workspace& ws);

// "cash","voucher","flexi_coupon","stored_card","discount_coupon" inside an object being written: how
// an amount was paid, wherever the JSON outputs and the Huawei import show it.
void WritePaidMembers(JsonWriter& w, const PaidBreakdown& p);

}  // namespace qd
