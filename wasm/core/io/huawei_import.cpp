// huawei_import.cpp: see huawei_import.h. A response is small (one API page), so it is read into a
// nlohmann DOM; numbers with a fraction keep their exact text (see ExactDom) so amounts are never
// floats. Each response is read into staging vectors first and merged only when it had no error.
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] code tables (docs/huawei-data.md)
//   [SECTION] reading: a DOM whose fractional numbers keep their text
//   [SECTION] staging: what one response contributes
//   [SECTION] merging
//   [SECTION] linking order lines to resources (see huawei_import.h)
//   [SECTION] what is missing
#include "core/io/huawei_import.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/json_writer.h"

namespace qd {

int HuaweiImportRank(InputKind kind)
{
    switch (kind) {
        case InputKind::HuaweiResources: return 0;
        case InputKind::HuaweiOrders: return 1;
        case InputKind::HuaweiOrderDetails: return 2;
        case InputKind::HuaweiRenewPrices: return 3;
        case InputKind::Workspace: break;
    }
    return -1;
}

// [SECTION] code tables (docs/huawei-data.md)

std::optional<OrderStatus> HuaweiOrderStatus(int64_t code)
{
    switch (code) {
        case 1: return OrderStatus::PendingReview;
        case 2: return OrderStatus::Refunding;
        case 3: return OrderStatus::Processing;
        case 4: return OrderStatus::Cancelled;
        case 5: return OrderStatus::Completed;
        case 6: return OrderStatus::PendingPayment;
        case 9: return OrderStatus::PendingConfirmation;
        default: return std::nullopt;
    }
}

std::optional<OrderType> HuaweiOrderType(int64_t code)
{
    switch (code) {
        case 1: return OrderType::New;
        case 2: return OrderType::Renewal;
        case 3: return OrderType::Change;
        case 4: return OrderType::Unsubscribe;
        case 10: return OrderType::ToOnDemand;
        case 11: return OrderType::OnDemandToPeriod;
        case 13: return OrderType::Trial;
        case 14: return OrderType::TrialToCommercial;
        case 15: return OrderType::FeeAdjustment;
        default: return std::nullopt;
    }
}

std::optional<ResourceStatus> HuaweiResourceStatus(int64_t code)
{
    switch (code) {
        case 2: return ResourceStatus::InUse;
        case 3: return ResourceStatus::Closed;
        case 4: return ResourceStatus::Frozen;
        case 5: return ResourceStatus::Expired;
        default: return std::nullopt;
    }
}

std::optional<RenewalPolicy> HuaweiExpirePolicy(int64_t code)
{
    switch (code) {
        case 0: return RenewalPolicy::Manual;      // 到期进入宽限期
        case 1: return RenewalPolicy::ToOnDemand;  // 到期转按需
        case 2: return RenewalPolicy::NoRenew;     // 到期后自动删除（从生效中直接删除）
        case 3: return RenewalPolicy::Auto;        // 到期后自动续费
        case 4: return RenewalPolicy::NoRenew;     // 到期后冻结
        case 5: return RenewalPolicy::NoRenew;     // 到期后删除（从保留期删除）
        default: return std::nullopt;
    }
}

std::optional<ItemPeriod> HuaweiPeriodType(int64_t code)
{
    switch (code) {
        case 0: return ItemPeriod::Day;
        case 2: return ItemPeriod::Month;
        case 3: return ItemPeriod::Year;
        case 5: return ItemPeriod::Once;
        default: return std::nullopt;
    }
}

namespace {

using nlohmann::json;

// [SECTION] reading: a DOM whose fractional numbers keep their text

// A number with a fraction or exponent is stored as a binary value of this subtype holding the
// number's exact text; JSON text can never produce a binary value, so there is no ambiguity.
constexpr std::uint8_t kNumberText = 0x4E;

// nlohmann SAX handler building the DOM (as nlohmann's own json_sax_dom_parser, but numbers kept).
// Like the quotedesk/1 reader it refuses a member that appears twice in one object (the DOM would
// keep only the last) and nesting deeper than kMaxNesting; those errors carry a JSON pointer.
class ExactDom {
public:
    explicit ExactDom(json& root) : root_(root) {}

    bool null()
    {
        add(nullptr);
        return true;
    }
    bool boolean(bool b)
    {
        add(b);
        return true;
    }
    bool number_integer(json::number_integer_t v)
    {
        add(v);
        return true;
    }
    bool number_unsigned(json::number_unsigned_t v)
    {
        add(v);
        return true;
    }
    bool number_float(json::number_float_t, const json::string_t& text)
    {
        add(json::binary(std::vector<std::uint8_t>(text.begin(), text.end()), kNumberText));
        return true;
    }
    bool string(json::string_t& s)
    {
        add(std::move(s));
        return true;
    }
    bool binary(json::binary_t& b)
    {
        add(json::binary(std::move(b)));
        return true;
    }
    bool start_object(std::size_t) { return open(json::object()); }
    bool key(json::string_t& k)
    {
        if (stack_.back()->contains(k)) {
            error_ = "duplicate member \"" + k + "\"";
            for (const std::string& token : path_) AppendPointerToken(pointer_, token);
            AppendPointerToken(pointer_, k);
            return false;
        }
        key_ = std::move(k);
        return true;
    }
    bool end_object()
    {
        close();
        return true;
    }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_array()
    {
        close();
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e)
    {
        error_ = JsonParserMessage(e.what());  // "syntax error while parsing ..."
        position_ = position;
        return false;
    }

    const std::string& error() const { return error_; }
    std::size_t position() const { return position_; }
    // The JSON pointer of an error about a value (duplicate member, nesting); "" for a syntax error.
    const std::string& errorPointer() const { return pointer_; }
    bool syntaxError() const { return !error_.empty() && pointer_.empty() && position_ > 0; }

private:
    json* add(json v)
    {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        return &(parent[key_] = std::move(v));
    }
    // Where the next value goes: the tokens of the open containers plus the current key or index.
    std::string pointer() const
    {
        std::string out;
        for (const std::string& token : path_) AppendPointerToken(out, token);
        if (!stack_.empty())
            stack_.back()->is_array() ? AppendPointerIndex(out, stack_.back()->size()) : AppendPointerToken(out, key_);
        return out;
    }
    bool open(json v)
    {
        if (stack_.size() >= static_cast<std::size_t>(kMaxNesting)) {
            error_ = "nesting deeper than " + std::to_string(kMaxNesting) + " levels";
            // the top-level member it is in (the full pointer would be as long as the nesting)
            pointer_ = "/" + path_.front();
            return false;
        }
        if (!stack_.empty()) path_.push_back(stack_.back()->is_array() ? std::to_string(stack_.back()->size()) : key_);
        stack_.push_back(add(std::move(v)));
        return true;
    }
    void close()
    {
        stack_.pop_back();
        if (!path_.empty()) path_.pop_back();
    }

    json& root_;
    std::vector<json*> stack_;
    std::vector<std::string> path_;  // reference tokens (unescaped) of the open containers below the root
    std::string key_;
    std::string error_;
    std::string pointer_;
    std::size_t position_ = 0;
};

// The exact text of a number value (integer or fractional), or nullopt when v is not a number.
std::optional<std::string> NumberText(const json& v)
{
    if (v.is_number_integer()) return v.dump();
    if (v.is_binary() && v.get_binary().has_subtype() && v.get_binary().subtype() == kNumberText)
        return std::string(v.get_binary().begin(), v.get_binary().end());
    return std::nullopt;
}

std::string Describe(const json& v)
{  // ", got ..." for messages
    if (auto number = NumberText(v)) return ", got " + *number;
    if (v.is_object()) return ", got an object";
    if (v.is_array()) return ", got an array";
    std::string shown = v.dump();
    if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
    return ", got " + shown;
}

// Typed access to members, reporting every problem as a LoadError at the member's JSON pointer.
class Reader {
public:
    Reader(std::string_view file, Rounding rounding) : file_(file), rounding_(rounding) {}

    void fail(std::string pointer, std::string message)
    {
        if (errors.size() < kMaxLoadErrors)
            errors.push_back(LoadError{file_, std::move(pointer), 0, 0, OneLine(message)});
    }
    bool ok() const { return errors.empty(); }

    static std::string At(const std::string& pointer, std::string_view key)
    {
        std::string p = pointer;
        AppendPointerToken(p, key);
        return p;
    }

    // The member `key` of object `o` (at `pointer`), or nullptr when absent or null; a required one is an error then.
    const json* member(const json& o, std::string_view key, const std::string& pointer, bool required)
    {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {  // worded like the quotedesk/1 loader's messages
            if (required && it == o.end()) fail(pointer, "missing required member \"" + std::string(key) + "\"");
            else if (required) fail(At(pointer, key), "required, got null");
            return nullptr;
        }
        return &*it;
    }

    std::optional<std::string> text(const json& o, std::string_view key, const std::string& pointer,
                                    bool required = false)
    {
        const json* v = member(o, key, pointer, required);
        if (!v) return std::nullopt;
        if (!v->is_string()) {
            fail(At(pointer, key), "expected a string" + Describe(*v));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<int64_t> integer(const json& o, std::string_view key, const std::string& pointer,
                                   bool required = false)
    {
        const json* v = member(o, key, pointer, required);
        if (!v) return std::nullopt;
        if (v->is_number_integer()) {
            if (v->is_number_unsigned() &&
                v->get<json::number_unsigned_t>() > static_cast<json::number_unsigned_t>(INT64_MAX)) {
                fail(At(pointer, key), "expected an integer" + Describe(*v));
                return std::nullopt;
            }
            return v->get<int64_t>();
        }
        // BSS is not consistent about int vs string ("measure_id", request echoes): accept "3" too.
        if (v->is_string()) {
            const std::string& s = v->get_ref<const std::string&>();
            int64_t n = 0;
            if (!s.empty() && s.size() < 19 &&
                std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                for (char c : s) n = n * 10 + (c - '0');
                return n;
            }
        }
        fail(At(pointer, key), "expected an integer" + Describe(*v));
        return std::nullopt;
    }

    // An amount in 元: a number or a string, any number of decimals, rounded to the fen per the profile.
    std::optional<Money> amount(const json& o, std::string_view key, const std::string& pointer, bool required = false)
    {
        const json* v = member(o, key, pointer, required);
        if (!v) return std::nullopt;
        std::optional<std::string> lexeme = NumberText(*v);
        if (!lexeme && v->is_string()) lexeme = v->get<std::string>();
        if (!lexeme) {
            fail(At(pointer, key), "expected an amount like 279.41" + Describe(*v));
            return std::nullopt;
        }
        MoneyParse m = ParseMoneyRounded(*lexeme, rounding_);
        if (!m) {
            fail(At(pointer, key), m.error);
            return std::nullopt;
        }
        if (m.value.isNegative()) {
            fail(At(pointer, key), "expected an amount >= 0" + Describe(*v));
            return std::nullopt;
        }
        return m.value;
    }

    std::optional<Instant> instant(const json& o, std::string_view key, const std::string& pointer,
                                   bool required = false)
    {
        if (const json* v = member(o, key, pointer, false); v && !v->is_string()) {
            fail(At(pointer, key), "expected a time like 2024-04-15T07:58:07Z" + Describe(*v));
            return std::nullopt;
        }
        std::optional<std::string> s = text(o, key, pointer, required);
        if (!s) return std::nullopt;
        if (s->empty()) {  // BSS leaves unset times empty ("payment_time": "")
            if (required) fail(At(pointer, key), "required, got an empty string");
            return std::nullopt;
        }
        InstantParse t = ParseInstant(*s);
        if (!t) {
            fail(At(pointer, key), t.error);
            return std::nullopt;
        }
        if (t.value < kEarliestFileInstant || kLatestFileInstant < t.value) {
            fail(At(pointer, key), "expected a time from 0001-01-02 to 9999-12-30 (UTC), got " + *s);
            return std::nullopt;
        }
        return t.value;
    }

    // An array member (absent or null = empty), or nullptr after an error.
    const json* array(const json& o, std::string_view key, const std::string& pointer, bool required = false)
    {
        static const json kEmpty = json::array();
        const json* v = member(o, key, pointer, required);
        if (!v) return required ? nullptr : &kEmpty;
        if (!v->is_array()) {
            fail(At(pointer, key), "expected an array" + Describe(*v));
            return nullptr;
        }
        return v;
    }

    bool object(const json& v, const std::string& pointer)
    {
        if (v.is_object()) return true;
        fail(pointer, "expected an object" + Describe(v));
        return false;
    }

    LoadErrors errors;

private:
    std::string file_;
    Rounding rounding_;
};

template <class T>
std::optional<T> Code(Reader& r, const json& o, std::string_view key, const std::string& pointer, bool required,
                      std::optional<T> (*table)(int64_t), std::string_view accepted)
{
    std::optional<int64_t> code = r.integer(o, key, pointer, required);
    if (!code) return std::nullopt;
    std::optional<T> value = table(*code);
    if (!value)
        r.fail(Reader::At(pointer, key), "expected " + std::string(accepted) + ", got " + std::to_string(*code));
    return value;
}

constexpr std::string_view kOrderStatusCodes = "an order status 1, 2, 3, 4, 5, 6 or 9 (10-13 are hardware-mall orders)";
constexpr std::string_view kOrderTypeCodes = "an order_type 1, 2, 3, 4, 10, 11, 13, 14 or 15";
constexpr std::string_view kResourceStatusCodes = "a resource status 2 (in use), 3 (closed), 4 (frozen) or 5 (expired)";
constexpr std::string_view kExpirePolicyCodes = "an expire_policy 0, 1, 2, 3, 4 or 5";
constexpr std::string_view kPeriodTypeCodes =
    "a period_type 0 (day), 2 (month), 3 (year) or 5 (one-off); weeks, hours and on-demand are not yearly/monthly "
    "terms";

// [SECTION] staging: what one response contributes

struct Staged {
    std::string customerId;  // "" = not in this file
    std::string customerPointer;
    std::vector<Order> orders;
    std::vector<bool> detailed;  // per order: from ShowCustomerOrderDetails (items, creator, deadline are known)
    std::vector<Resource> resources;
    std::vector<Product> products;
    struct RenewPrice {
        std::string resourceId;
        Money amount;
    };
    std::vector<RenewPrice> renewPrices;
    TermUnit renewUnit = TermUnit::Month;
    int renewNum = 1;
};

void NoteCustomer(Reader& r, Staged& s, const json& o, const std::string& pointer)
{
    std::optional<std::string> id = r.text(o, "customer_id", pointer);
    if (!id || id->empty()) return;
    if (s.customerId.empty()) {
        s.customerId = *id;
        s.customerPointer = Reader::At(pointer, "customer_id");
    } else if (s.customerId != *id)
        r.fail(Reader::At(pointer, "customer_id"),
               "expected the same customer as " + s.customerPointer + " (" + s.customerId + "), got " + *id);
}

// The scalar fields CustomerOrderV2 / SubCustomerOrderV2 / CustomerOrderV3 share.
std::optional<Order> ReadOrder(Reader& r, Staged& s, const json& o, const std::string& pointer)
{
    if (!r.object(o, pointer)) return std::nullopt;
    const std::size_t before = r.errors.size();
    Order order;
    if (auto id = r.text(o, "order_id", pointer, true)) order.order_id = *id;
    if (auto t = Code<OrderType>(r, o, "order_type", pointer, true, HuaweiOrderType, kOrderTypeCodes))
        order.order_type = *t;
    if (auto st = Code<OrderStatus>(r, o, "status", pointer, true, HuaweiOrderStatus, kOrderStatusCodes))
        order.status = *st;
    if (auto t = r.instant(o, "create_time", pointer, true)) order.create_time = *t;
    order.payment_time = r.instant(o, "payment_time", pointer);
    order.official_amount = r.amount(o, "official_amount", pointer);
    if (auto a = r.amount(o, "amount_after_discount", pointer, true)) order.amount_after_discount = *a;
    if (auto c = r.text(o, "currency", pointer); c && !c->empty())
        order.currency = *c;  // empty = RMB (docs/rules.md §1)
    if (auto n = r.text(o, "service_type_name", pointer)) order.service_type_name = *n;
    NoteCustomer(r, s, o, pointer);
    if (r.errors.size() != before) return std::nullopt;
    return order;
}

// Stages `order` and its sub-orders (sub_order_infos of a combined trade order).
void StageOrderWithSubs(Reader& r, Staged& s, const json& o, const std::string& pointer, Order order, bool detailed)
{
    const std::string parentId = order.order_id;
    s.orders.push_back(std::move(order));
    s.detailed.push_back(detailed);
    const std::string subsPointer = Reader::At(pointer, "sub_order_infos");
    const json* subs = r.array(o, "sub_order_infos", pointer);
    if (!subs) return;
    for (std::size_t i = 0; i < subs->size(); ++i) {
        std::string p = subsPointer;
        AppendPointerIndex(p, i);
        if (std::optional<Order> sub = ReadOrder(r, s, (*subs)[i], p)) {
            sub->combined_order_id = parentId;
            s.orders.push_back(std::move(*sub));
            s.detailed.push_back(false);
        }
    }
}

void ReadOrders(Reader& r, Staged& s, const json& root)
{
    const json* infos = r.array(root, "order_infos", "", true);
    if (!infos) return;
    for (std::size_t i = 0; i < infos->size(); ++i) {
        std::string p = "/order_infos";
        AppendPointerIndex(p, i);
        if (std::optional<Order> order = ReadOrder(r, s, (*infos)[i], p))
            StageOrderWithSubs(r, s, (*infos)[i], p, std::move(*order), false);
    }
}

// The paid breakdown of a line (or order) from its amount_info, or nullopt when it does not add up.
std::optional<PaidBreakdown> ReadPaid(Reader& r, const json& line, const std::string& pointer, Money afterDiscount)
{
    const json* info = r.member(line, "amount_info", pointer, false);
    PaidBreakdown paid;
    if (info) {
        const std::string p = Reader::At(pointer, "amount_info");
        if (!r.object(*info, p)) return std::nullopt;
        paid.voucher = r.amount(*info, "coupon_amount", p).value_or(Money());
        paid.flexi_coupon = r.amount(*info, "flexipurchase_coupon_amount", p).value_or(Money());
        paid.stored_card = r.amount(*info, "stored_card_amount", p).value_or(Money());
        const json* discounts = r.array(*info, "discounts", p);
        for (std::size_t i = 0; discounts && i < discounts->size(); ++i) {
            std::string dp = Reader::At(p, "discounts");
            AppendPointerIndex(dp, i);
            const json& d = (*discounts)[i];
            if (!r.object(d, dp)) continue;
            const json* type = r.member(d, "discount_type", dp, false);
            const bool coupon = type && ((type->is_string() && type->get<std::string>() == "300") ||
                                         (type->is_number_integer() && type->get<int64_t>() == 300));
            if (coupon) paid.discount_coupon += r.amount(d, "discount_amount", dp).value_or(Money());
        }
    }
    paid.cash = afterDiscount - paid.voucher - paid.flexi_coupon - paid.stored_card;
    if (paid.cash.isNegative()) return std::nullopt;  // the line's coupons exceed it: leave the split unknown
    return paid;
}

std::string CompactExtra(const PaidBreakdown& p)
{
    JsonWriter w;
    w.beginObject();
    WritePaidMembers(w, p);
    w.endObject();
    return w.take();
}

void ReadOrderDetails(Reader& r, Staged& s, const json& root)
{
    const json* info = r.member(root, "order_info", "", true);
    if (!info) return;
    std::optional<Order> order = ReadOrder(r, s, *info, "/order_info");
    if (!order) return;
    if (auto user = r.text(*info, "user_name", "/order_info")) order->created_by = *user;
    order->pending_payment_end_time = r.instant(*info, "pending_payment_end_time", "/order_info");
    // as quotedesk/1 requires
    if (order->pending_payment_end_time && *order->pending_payment_end_time < order->create_time) {
        r.fail("/order_info/pending_payment_end_time", "must not be before create_time");
        return;
    }

    const json* lines = r.array(root, "order_line_items", "");
    for (std::size_t i = 0; lines && i < lines->size(); ++i) {
        std::string p = "/order_line_items";
        AppendPointerIndex(p, i);
        const json& line = (*lines)[i];
        if (!r.object(line, p)) continue;
        OrderItem item;
        item.product_id = r.text(line, "product_id", p);
        item.period = Code<ItemPeriod>(r, line, "period_type", p, false, HuaweiPeriodType, kPeriodTypeCodes);
        if (auto n = r.integer(line, "period_num", p)) {
            if (*n < 1 || *n > 1000)
                r.fail(Reader::At(p, "period_num"), "expected a period_num 1..1000, got " + std::to_string(*n));
            else item.period_num = static_cast<int>(*n);
        }
        item.amount = r.amount(line, "official_amount", p);
        // What linking needs later (see huawei_import.h), kept as extra members of the item.
        for (const char* key : {"effective_time", "expire_time"})
            if (auto t = r.instant(line, key, p)) {
                std::string v;
                AppendJsonString(v, FormatIso(*t, ZoneOffset::China()));
                item.extra.emplace_back(key, v);
            }
        if (auto n = r.integer(line, "subscription_num", p))
            item.extra.emplace_back("subscription_num", std::to_string(*n));
        if (auto after = r.amount(line, "amount_after_discount", p))
            if (auto paid = ReadPaid(r, line, p, *after)) item.extra.emplace_back("paid", CompactExtra(*paid));
        order->items.push_back(std::move(item));

        if (auto pid = r.text(line, "product_id", p)) {  // the product, described (prices are not in a line)
            Product product;
            product.product_id = *pid;
            product.service_type_code = r.text(line, "service_type_code", p).value_or("");
            product.service_type_name = r.text(line, "service_type_name", p).value_or("");
            product.resource_type_code = r.text(line, "commercial_resource", p).value_or("");
            product.spec_desc = r.text(line, "product_spec_desc", p).value_or("");
            s.products.push_back(std::move(product));
        }
    }
    StageOrderWithSubs(r, s, *info, "/order_info", std::move(*order), true);
}

void ReadResources(Reader& r, Staged& s, const json& root)
{
    const json* data = r.array(root, "data", "", true);
    if (!data) return;
    for (std::size_t i = 0; i < data->size(); ++i) {
        std::string p = "/data";
        AppendPointerIndex(p, i);
        const json& o = (*data)[i];
        if (!r.object(o, p)) continue;
        const std::size_t before = r.errors.size();
        Resource res;
        if (auto id = r.text(o, "resource_id", p, true)) res.resource_id = *id;
        res.resource_name = r.text(o, "resource_name", p).value_or("");
        if (auto pid = r.text(o, "product_id", p, true)) res.product_id = *pid;
        res.region_code = r.text(o, "region_code", p).value_or("");
        if (auto st = Code<ResourceStatus>(r, o, "status", p, true, HuaweiResourceStatus, kResourceStatusCodes))
            res.status = *st;
        if (auto pol = Code<RenewalPolicy>(r, o, "expire_policy", p, false, HuaweiExpirePolicy, kExpirePolicyCodes))
            res.renewal_policy = *pol;
        std::optional<Instant> from = r.instant(o, "effective_time", p, true),
                               to = r.instant(o, "expire_time", p, true);
        if (from && to && *to <= *from) r.fail(Reader::At(p, "expire_time"), "expected a time after effective_time");
        if (auto isMain = r.integer(o, "is_main_resource", p)) {
            if (*isMain == 0) {
                std::optional<std::string> parent = r.text(o, "parent_resource_id", p);
                if (!parent || parent->empty())
                    r.fail(Reader::At(p, "parent_resource_id"),
                           "required for an attached resource (is_main_resource 0)");
                else res.main_resource_id = *parent;
            } else if (*isMain != 1) {
                r.fail(Reader::At(p, "is_main_resource"),
                       "expected 0 (attached) or 1 (main), got " + std::to_string(*isMain));
            }
        }
        if (r.errors.size() != before) continue;
        res.effective_time = *from;
        res.expire_time = *to;
        ResourcePeriod period;  // its order and payment are not in this response
        period.start = *from;
        period.end = *to;
        res.periods.push_back(std::move(period));
        s.resources.push_back(std::move(res));

        Product product;
        product.product_id = s.resources.back().product_id;
        product.service_type_code = r.text(o, "service_type_code", p).value_or("");
        product.service_type_name = r.text(o, "service_type_name", p).value_or("");
        product.resource_type_code = r.text(o, "resource_type_code", p).value_or("");
        product.spec_desc = r.text(o, "product_spec_desc", p).value_or("");
        if (product.spec_desc.empty()) product.spec_desc = r.text(o, "resource_spec_code", p).value_or("");
        product.region_code = s.resources.back().region_code;
        if (product.service_type_code == "hws.service.type.marketplace") product.kind = ProductKind::Marketplace;
        s.products.push_back(std::move(product));
    }
}

void ReadRenewPrices(Reader& r, Staged& s, const json& root)
{
    constexpr std::string_view kHow =
        "the response does not say which duration it prices: add the request's \"period_type\" "
        "(2 month, 3 year) and \"period_num\" at the top level of the file";
    const json* type = r.member(root, "period_type", "", false);
    const json* num = r.member(root, "period_num", "", false);
    if (!type || !num) {
        r.fail(type ? "/period_num" : "/period_type", std::string(kHow));
        return;
    }
    if (auto t = r.integer(root, "period_type", "")) {
        if (*t == 2) s.renewUnit = TermUnit::Month;
        else if (*t == 3) s.renewUnit = TermUnit::Year;
        else r.fail("/period_type", "expected a period_type 2 (month) or 3 (year), got " + std::to_string(*t));
    }
    if (auto n = r.integer(root, "period_num", "")) {
        if (*n < 1 || *n > (s.renewUnit == TermUnit::Month ? 11 : 3))
            r.fail("/period_num", "expected a period_num 1..11 months or 1..3 years, got " + std::to_string(*n));
        else s.renewNum = static_cast<int>(*n);
    }
    const json* results = r.array(root, "renew_inquiry_results", "", true);
    for (std::size_t i = 0; results && i < results->size(); ++i) {
        std::string p = "/renew_inquiry_results";
        AppendPointerIndex(p, i);
        const json& o = (*results)[i];
        if (!r.object(o, p)) continue;
        std::optional<std::string> id = r.text(o, "resource_id", p, true);
        std::optional<Money> amount = r.amount(o, "amount", p, true);
        if (id && amount) s.renewPrices.push_back({*id, *amount});
    }
}

// [SECTION] merging

template <class T>
std::unordered_map<std::string, std::size_t> IndexBy(const std::vector<T>& v, std::string T::*id)
{
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < v.size(); ++i) index.emplace(v[i].*id, i);
    return index;
}

void MergeProduct(Workspace& ws, std::unordered_map<std::string, std::size_t>& index, Product p)
{
    auto [it, added] = index.emplace(p.product_id, ws.products.size());
    if (added) {
        ws.products.push_back(std::move(p));
        return;
    }
    Product& have = ws.products[it->second];  // fill what is still blank; never touch prices or flags
    for (auto field : {&Product::service_type_code, &Product::service_type_name, &Product::resource_type_code,
                       &Product::spec_desc, &Product::region_code})
        if ((have.*field).empty()) have.*field = std::move(p.*field);
}

void MergeOrder(Workspace& ws, std::unordered_map<std::string, std::size_t>& index, Order o, bool detailed)
{
    auto [it, added] = index.emplace(o.order_id, ws.orders.size());
    if (added) {
        ws.orders.push_back(std::move(o));
        return;
    }
    Order& have = ws.orders[it->second];
    if (!detailed) {  // a list entry knows no items, creator, deadline or history
        o.items = std::move(have.items);
        if (o.created_by.empty()) o.created_by = std::move(have.created_by);
        if (!o.pending_payment_end_time) o.pending_payment_end_time = have.pending_payment_end_time;
    }
    if (!o.combined_order_id) o.combined_order_id = have.combined_order_id;
    o.history = std::move(have.history);
    o.extra = std::move(have.extra);
    have = std::move(o);
}

void MergeResource(Workspace& ws, std::unordered_map<std::string, std::size_t>& index, Resource r)
{
    auto [it, added] = index.emplace(r.resource_id, ws.resources.size());
    if (added) {
        ws.resources.push_back(std::move(r));
        return;
    }
    Resource& have = ws.resources[it->second];
    // A fresher view of the same resource: keep what BSS does not report (periods while the term is
    // unchanged, frozen reason, auto-renew settings, relation, anchor).
    if (have.effective_time == r.effective_time && have.expire_time == r.expire_time)
        r.periods = std::move(have.periods);
    if (r.status == ResourceStatus::Frozen) r.frozen_reason = have.frozen_reason;
    if (r.renewal_policy == RenewalPolicy::Auto) r.auto_renew = std::move(have.auto_renew);
    if (r.main_resource_id == have.main_resource_id) r.relation = have.relation;
    r.anchor_day = have.anchor_day;
    r.provisioning = have.provisioning;
    r.extra = std::move(have.extra);
    have = std::move(r);
}

std::optional<Money>& PriceSlot(Product& p, TermUnit unit)
{
    return unit == TermUnit::Month ? p.prices.month : p.prices.year;
}

// Renewal prices -> product prices per unit: the main's product costs amount / num minus its attached
// resources' prices, when those are known and the division is exact (otherwise it stays missing).
// Results for resources the workspace does not hold price nothing (their product is unknown).
void ApplyRenewPrices(Workspace& ws, const Staged& s)
{
    if (s.renewPrices.empty()) return;
    auto resources = IndexBy(ws.resources, &Resource::resource_id);
    auto products = IndexBy(ws.products, &Product::product_id);
    std::unordered_map<std::string, std::vector<std::size_t>> attached;
    for (std::size_t i = 0; i < ws.resources.size(); ++i)
        if (ws.resources[i].main_resource_id) attached[*ws.resources[i].main_resource_id].push_back(i);
    for (const Staged::RenewPrice& price : s.renewPrices) {
        auto found = resources.find(price.resourceId);
        if (found == resources.end()) continue;
        const Resource& main = ws.resources[found->second];
        Money rest = price.amount;
        bool known = true;
        for (std::size_t a : attached[main.resource_id]) {
            auto p = products.find(ws.resources[a].product_id);
            if (p == products.end() || !PriceSlot(ws.products[p->second], s.renewUnit)) {
                known = false;
                break;
            }
            rest -= *PriceSlot(ws.products[p->second], s.renewUnit) * s.renewNum;
        }
        auto p = products.find(main.product_id);
        if (!known || p == products.end() || rest.isNegative() || rest.fen() % s.renewNum != 0) continue;
        PriceSlot(ws.products[p->second], s.renewUnit) = Money::FromFen(rest.fen() / s.renewNum);
    }
}

// [SECTION] linking order lines to resources (see huawei_import.h)

struct Line {
    std::size_t order = 0, item = 0;
    Instant start, end;  // the term, start already moved to the previous 23:59:59 for renewals
    std::optional<PaidBreakdown> paid;
};

std::optional<std::string_view> ExtraOf(const OrderItem& item, std::string_view key)
{
    for (const auto& [k, v] : item.extra)
        if (k == key) return std::string_view(v);
    return std::nullopt;
}

std::optional<Instant> ExtraInstant(const OrderItem& item, std::string_view key)
{
    std::optional<std::string_view> v = ExtraOf(item, key);
    if (!v || v->size() < 2) return std::nullopt;
    InstantParse t = ParseInstant(v->substr(1, v->size() - 2));  // a JSON string of a time: no escapes
    return t ? std::optional<Instant>(t.value) : std::nullopt;
}

std::optional<PaidBreakdown> ExtraPaid(const OrderItem& item)
{
    std::optional<std::string_view> v = ExtraOf(item, "paid");
    if (!v) return std::nullopt;
    json o = json::parse(*v, nullptr, false);
    if (!o.is_object()) return std::nullopt;
    PaidBreakdown p;
    for (auto [key, field] : {std::pair{"cash", &PaidBreakdown::cash},
                              {"voucher", &PaidBreakdown::voucher},
                              {"flexi_coupon", &PaidBreakdown::flexi_coupon},
                              {"stored_card", &PaidBreakdown::stored_card},
                              {"discount_coupon", &PaidBreakdown::discount_coupon}}) {
        if (!o.contains(key) || !o[key].is_string()) return std::nullopt;
        MoneyParse m = ParseMoney(o[key].get<std::string>());
        if (!m) return std::nullopt;
        p.*field = m.value;
    }
    return p;
}

void LinkOrderLines(Workspace& ws)
{
    const ZoneOffset zone = ws.rules.zone;
    std::unordered_map<std::string, std::vector<std::size_t>> byProduct;
    for (std::size_t i = 0; i < ws.resources.size(); ++i) byProduct[ws.resources[i].product_id].push_back(i);
    auto orders = IndexBy(ws.orders, &Order::order_id);

    // Lines with Huawei term data, each with the resources it fits (already linked ones keep their link).
    std::map<std::size_t, std::vector<Line>> linesOf;  // resource -> its lines
    for (std::size_t oi = 0; oi < ws.orders.size(); ++oi) {
        Order& o = ws.orders[oi];
        if ((o.order_type != OrderType::New && o.order_type != OrderType::Renewal) ||
            o.status == OrderStatus::Cancelled)
            continue;
        for (std::size_t ii = 0; ii < o.items.size(); ++ii) {
            OrderItem& item = o.items[ii];
            std::optional<Instant> from = ExtraInstant(item, "effective_time"), to = ExtraInstant(item, "expire_time");
            std::optional<std::string_view> count = ExtraOf(item, "subscription_num");
            if (!from || !to || !item.product_id || (count && *count != "1")) continue;
            Line line{oi, ii, *from, *to, ExtraPaid(item)};
            if (o.order_type == OrderType::Renewal && LocalTimeOf(*from, zone) == LocalTime::Midnight())
                line.start = from->plusSeconds(-1);
            std::optional<std::size_t> match;
            if (item.resource_id) {
                for (std::size_t ri : byProduct[*item.product_id])
                    if (ws.resources[ri].resource_id == *item.resource_id) match = ri;
            } else {
                int fits = 0;
                for (std::size_t ri : byProduct[*item.product_id]) {
                    const Resource& res = ws.resources[ri];
                    if (res.effective_time <= line.start && line.end <= res.expire_time) {
                        ++fits;
                        match = ri;
                    }
                }
                if (fits != 1) match.reset();
            }
            if (!match) continue;
            item.resource_id = ws.resources[*match].resource_id;
            linesOf[*match].push_back(line);
        }
    }

    // Rebuild the periods of each resource whose periods came from Huawei data (never a quotedesk/1 file's).
    for (auto& [ri, lines] : linesOf) {
        Resource& res = ws.resources[ri];
        const bool fromHuawei = std::all_of(res.periods.begin(), res.periods.end(), [&](const ResourcePeriod& p) {
            if (p.order_id.empty()) return true;
            auto o = orders.find(p.order_id);
            if (o == orders.end()) return false;
            for (const OrderItem& item : ws.orders[o->second].items)
                if (item.resource_id == res.resource_id && ExtraOf(item, "effective_time")) return true;
            return false;
        });
        if (!fromHuawei) continue;
        std::erase_if(lines, [&res](const Line& l) { return l.start < res.effective_time || res.expire_time < l.end; });
        std::set<Instant> bounds{res.effective_time, res.expire_time};
        for (const Line& l : lines) {
            bounds.insert(l.start);
            bounds.insert(l.end);
        }
        std::vector<ResourcePeriod> periods;
        for (auto b = bounds.begin(); std::next(b) != bounds.end(); ++b) {
            ResourcePeriod p;
            p.start = *b;
            p.end = *std::next(b);
            p.kind = periods.empty() ? PeriodKind::New : PeriodKind::Renewal;
            for (const Line& l : lines)
                if (l.start == p.start && l.end == p.end) {
                    const Order& o = ws.orders[l.order];
                    p.order_id = o.order_id;
                    p.kind = o.order_type == OrderType::New ? PeriodKind::New : PeriodKind::Renewal;
                    p.list_amount = o.items[l.item].amount;
                    p.paid = l.paid;
                }
            periods.push_back(std::move(p));
        }
        res.periods = std::move(periods);
    }
}

}  // namespace

LoadErrors ImportHuawei(InputKind kind, std::string_view text, std::string_view fileName, Workspace& into)
{
    Reader r(fileName, into.rules.rounding);
    json root;
    ExactDom dom(root);
    if (std::optional<LoadError> e = CheckFileText(text, fileName)) return {std::move(*e)};  // LoadFiles did it already
    if (!json::sax_parse(text, &dom, json::input_format_t::json, true)) {
        if (!dom.syntaxError())
            return {LoadError{std::string(fileName), dom.errorPointer(), 0, 0, OneLine(dom.error())}};
        // nlohmann reports a byte offset; errors in JSON text are shown as LINE:COL (diagnostics.h).
        const TextPosition at = PositionOf(text, dom.position());
        return {LoadError{std::string(fileName), "", at.line, at.column, OneLine(dom.error())}};
    }
    if (!root.is_object())
        return {LoadError{std::string(fileName), "", 0, 0,
                          "expected a JSON object (a Huawei BSS response)" + Describe(root)}};

    Staged s;
    switch (kind) {
        case InputKind::HuaweiOrders: ReadOrders(r, s, root); break;
        case InputKind::HuaweiOrderDetails: ReadOrderDetails(r, s, root); break;
        case InputKind::HuaweiResources: ReadResources(r, s, root); break;
        case InputKind::HuaweiRenewPrices: ReadRenewPrices(r, s, root); break;
        case InputKind::Workspace:
            r.fail("", "not a Huawei BSS response (order_infos, order_info, data or renew_inquiry_results)");
            break;
    }
    if (!s.customerId.empty() && !into.account.customer_id.empty() && into.account.customer_id != s.customerId)
        r.fail(s.customerPointer,
               "expected the workspace's customer " + into.account.customer_id + ", got " + s.customerId);
    if (!r.ok()) return std::move(r.errors);  // nothing merged: `into` is as it was

    if (!s.customerId.empty()) into.account.customer_id = s.customerId;
    auto products = IndexBy(into.products, &Product::product_id);
    for (Product& p : s.products) MergeProduct(into, products, std::move(p));
    auto orders = IndexBy(into.orders, &Order::order_id);
    for (std::size_t i = 0; i < s.orders.size(); ++i) MergeOrder(into, orders, std::move(s.orders[i]), s.detailed[i]);
    auto resources = IndexBy(into.resources, &Resource::resource_id);
    for (Resource& res : s.resources) MergeResource(into, resources, std::move(res));
    ApplyRenewPrices(into, s);
    LinkOrderLines(into);
    into.Reindex();
    return {};
}

// [SECTION] what is missing

std::vector<MissingNote> MissingData(const Workspace& ws)
{
    std::vector<MissingNote> notes;
    if (!ws.account.cash_balance)
        notes.push_back({"/account/cash_balance", "the cash balance (现金余额): paying orders checks it",
                         "add account.cash_balance, as shown in 费用中心 > 总览"});
    if (!ws.account.five_day_quota)
        notes.push_back(
            {"/account/five_day_quota",
             "this year's five-day refund quota: the refund preview cannot tell a five-day refund from a standard one",
             "add account.five_day_quota {year, limit, used}; the 云服务退订 page shows how many remain"});

    std::set<std::string> usedProducts;
    for (const Resource& r : ws.resources) usedProducts.insert(r.product_id);
    for (std::size_t i = 0; i < ws.products.size(); ++i) {
        const Product& p = ws.products[i];
        if (!usedProducts.count(p.product_id)) continue;
        const std::string who = p.spec_desc.empty() ? p.product_id : p.spec_desc + " (" + p.product_id + ")";
        for (auto [unit, price, offered] : {std::tuple{"month", &p.prices.month, !p.renew_options.months.empty()},
                                            std::tuple{"year", &p.prices.year, !p.renew_options.years.empty()}}) {
            if (*price || !offered) continue;
            std::string pointer = "/products";
            AppendPointerIndex(pointer, i);
            pointer += std::string("/prices/") + unit;
            notes.push_back({pointer, std::string("the ") + unit + "ly price of " + who + ": renewal quotes need it",
                             std::string("add products[].prices.") + unit +
                                 ", or open a ListRenewRateOnPeriod response (period_type " +
                                 (std::string(unit) == "month" ? "2" : "3") + ") for a resource of this product"});
        }
    }

    auto count = [&notes](std::string what, std::string add, auto&& lacking) {  // one note for every place lacking it
        MissingNote note{"", std::move(what), std::move(add), 0};
        lacking(note);
        if (note.count) notes.push_back(std::move(note));
    };
    auto place = [](MissingNote& n, std::string pointer) {
        if (n.count++ == 0) n.pointer = std::move(pointer);
    };
    auto resourcePointer = [](std::size_t i) {
        std::string p = "/resources";
        AppendPointerIndex(p, i);
        return p;
    };
    count("how a period was paid (cash, vouchers, coupons, stored card): refund previews need it",
          "add periods[].paid, or open the ShowCustomerOrderDetails response of the order that bought it",
          [&](MissingNote& n) {
              for (std::size_t i = 0; i < ws.resources.size(); ++i)
                  for (std::size_t j = 0; j < ws.resources[i].periods.size(); ++j)
                      if (!ws.resources[i].periods[j].paid) {
                          std::string p = resourcePointer(i) + "/periods";
                          AppendPointerIndex(p, j);
                          place(n, p + "/paid");
                      }
          });
    count("the list price of a period",
          "add periods[].list_amount, or open the ShowCustomerOrderDetails response of its order", [&](MissingNote& n) {
              for (std::size_t i = 0; i < ws.resources.size(); ++i)
                  for (std::size_t j = 0; j < ws.resources[i].periods.size(); ++j)
                      if (!ws.resources[i].periods[j].list_amount) {
                          std::string p = resourcePointer(i) + "/periods";
                          AppendPointerIndex(p, j);
                          place(n, p + "/list_amount");
                      }
          });
    count(
        "the auto-renew period and remaining count of an auto-renew resource (BSS does not report them): the forecast "
        "assumes 1 month, unlimited",
        "add auto_renew {period, period_num, times_left} as shown on the 自动续费项 tab", [&](MissingNote& n) {
            for (std::size_t i = 0; i < ws.resources.size(); ++i)
                if (ws.resources[i].renewal_policy == RenewalPolicy::Auto && !ws.resources[i].auto_renew)
                    place(n, resourcePointer(i) + "/auto_renew");
        });
    count("why a frozen resource is frozen (arrears, violation or police): release and unsubscription depend on it",
          "add frozen_reason arrears | violation | police", [&](MissingNote& n) {
              for (std::size_t i = 0; i < ws.resources.size(); ++i)
                  if (ws.resources[i].status == ResourceStatus::Frozen && !ws.resources[i].frozen_reason)
                      place(n, resourcePointer(i) + "/frozen_reason");
          });
    return notes;
}

}  // namespace qd
