// load.cpp: the quotedesk/1 reader (load.h).
//
// What goes where is declared once per object in the schemas below (kResourceSchema, ...): member
// name, how its value is read, whether it is required. Values this build does not know are
// re-serialised compactly into the object's `extra`. Two readers walk the file with those tables
// (docs/performance.md):
//  - the fast path, FastReader: simdjson On-Demand; it stops at the first problem of any kind;
//  - the precise reader, WorkspaceReader: nlohmann's SAX parser calls it for every token; it keeps a
//    stack of frames (the objects and arrays it is inside), writes each value straight into the model
//    and reports every problem with its JSON pointer (or line and column). LoadWorkspace runs it when
//    the fast path stopped, so every message is its.
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] a JSON value as the reader sees it
//   [SECTION] value readers: Value -> field, or false with the message
//   [SECTION] schemas: how each object of the format is read
//   [SECTION] the SAX handler
//   [SECTION] the fast path
//   [SECTION] memory for an open
#include "core/io/load.h"

#include <algorithm>
#include <array>
#include <bit>
#include <map>
#include <memory>
#include <set>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <cstdint>
#include <type_traits>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "core/io/json_structure.h"
#include "core/model/json_writer.h"

#if __has_include("core/io/huawei_import.h")
#include "core/io/huawei_import.h"
#define QD_HAVE_HUAWEI_IMPORT 1
#endif

namespace qd {

namespace {

// [SECTION] a JSON value as the reader sees it

enum class JsonType { Null, Boolean, Number, String, Object, Array };

// One value delivered by the parser. Objects and arrays appear here only to be refused by a member
// that wanted a scalar ("expected a string, got an object").
struct Value {
    JsonType type = JsonType::Null;
    bool boolean = false;
    std::string_view text;  // String: its characters; Number: the number exactly as written

    bool isNull() const { return type == JsonType::Null; }
    std::string json() const
    {  // the value as compact JSON text (scalars only)
        switch (type) {
            case JsonType::Null: return "null";
            case JsonType::Boolean: return boolean ? "true" : "false";
            case JsonType::Number: return std::string(text);
            case JsonType::String: {
                std::string out;
                AppendJsonString(out, text);
                return out;
            }
            case JsonType::Object: return "{}";
            case JsonType::Array: return "[]";
        }
        return {};
    }
    std::string got() const
    {  // ", got 12" / ", got \"x\"" / ", got an object" for messages
        if (type == JsonType::Object) return ", got an object";
        if (type == JsonType::Array) return ", got an array";
        std::string shown = json();
        if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
        return ", got " + shown;
    }
};

// [SECTION] value readers: Value -> field, or false with the message

bool Read(const Value& v, std::string& out, std::string& error)
{
    if (v.type != JsonType::String) {
        error = "expected a string" + v.got();
        return false;
    }
    out.assign(v.text);  // a copy of exactly the right size (the parser keeps its buffer for the next token)
    return true;
}

bool Read(const Value& v, bool& out, std::string& error)
{
    if (v.type != JsonType::Boolean) {
        error = "expected true or false" + v.got();
        return false;
    }
    out = v.boolean;
    return true;
}

// Amounts may be JSON numbers (read from their exact text) or strings ("279.41").
bool ReadSignedMoney(const Value& v, Money& out, std::string& error)
{
    if (v.type != JsonType::Number && v.type != JsonType::String) {
        error = "expected an amount like 279.41" + v.got();
        return false;
    }
    MoneyParse m = ParseMoney(v.text);
    if (!m) {
        error = m.error;
        return false;
    }
    out = m.value;
    return true;
}

bool Read(const Value& v, Money& out, std::string& error)
{  // every amount but the cash balance is >= 0
    if (!ReadSignedMoney(v, out, error)) return false;
    if (out.isNegative()) {
        error = "negative amount: expected 0.00 or more" + v.got();
        return false;
    }
    return true;
}

bool Read(const Value& v, Instant& out, std::string& error)
{
    if (v.type != JsonType::String) {
        error = "expected a time like 2024-04-15T15:58:07+08:00" + v.got();
        return false;
    }
    InstantParse t = ParseInstant(v.text);
    if (!t) {
        error = t.error;
        return false;
    }
    if (t.value < kEarliestFileInstant || kLatestFileInstant < t.value) {
        error = "expected a time from 0001-01-02 to 9999-12-30 (UTC)" + v.got();
        return false;
    }
    out = t.value;
    return true;
}

template <class E>
requires std::is_enum_v<E>
bool Read(const Value& v, E& out, std::string& error)
{
    std::optional<E> e = v.type == JsonType::String ? EnumFromString<E>(v.text) : std::nullopt;
    if (!e) {
        error = "expected one of " + EnumChoices<E>() + v.got();
        return false;
    }
    out = *e;
    return true;
}

template <int Min, int Max>
bool ReadInt(const Value& v, int& out, std::string& error)
{
    int n = 0;
    const char* end = v.text.data() + v.text.size();
    auto [p, ec] = std::from_chars(v.text.data(), end, n);  // refuses "1.0", "1e2" and anything beyond int
    if (v.type != JsonType::Number || ec != std::errc() || p != end || n < Min || n > Max) {
        error = "expected an integer " +
                (Max == INT_MAX ? ">= " + std::to_string(Min) : std::to_string(Min) + ".." + std::to_string(Max)) +
                v.got();
        return false;
    }
    out = n;
    return true;
}

// [SECTION] schemas: how each object of the format is read

using ReadFn = bool (*)(void* object, const Value& value, std::string& error);
struct ObjectSchema;
class WorkspaceReader;

enum class MemberKind {
    Scalar,       // read: the value
    Object,       // schema + open (the nested struct); null allowed when clear is set (optional object)
    ObjectArray,  // schema + clear (empty the vector) + open (append an element)
    ScalarArray,  // clear + read (append one element)
    Capture,      // any value, handed over as compact JSON text to `captured`
    Ignore,       // the value of a duplicated member: skipped (the error is already reported)
};

struct MemberSpec {
    std::string_view name;
    bool required = false;
    MemberKind kind = MemberKind::Scalar;
    ReadFn read = nullptr;
    const ObjectSchema* schema = nullptr;
    void* (*open)(void* object) = nullptr;
    void (*clear)(void* object) = nullptr;
    // errors' file is filled in by the reader
    LoadErrors (*captured)(void* object, std::string_view json, const std::string& pointer) = nullptr;
    void (*reserve)(void* object, std::size_t count) = nullptr;  // ObjectArray: room for count elements
};

// Where the object-level checks report: the precise reader turns a report into an error with the
// object's JSON pointer; the fast path only notes that the file needs the precise reader.
class CheckSink {
public:
    virtual void checkError(std::string_view member, std::string message) = 0;
    // the same for a value below the object: relativePointer such as "/items/0/amount"
    virtual void checkErrorBelow(std::string_view relativePointer, std::string message) = 0;

protected:
    ~CheckSink() = default;
};

// Object-level checks run when an object ends (end after start, defaults that depend on others...).
struct ObjectCheck {
    CheckSink& sink;
    const ObjectSchema& schema;
    std::uint64_t seen;                       // bit i: schema.members[i] was present
    std::uint64_t refused;                    // bit i: ... and its value was refused (the error is already reported)
    std::size_t elementIndex;                 // position in the enclosing array (0 outside arrays)
    bool has(std::string_view member) const;  // present and read: a refused value counts as absent, so
                                              // a check across members adds no follow-on error
    bool present(std::string_view member) const;                     // present, whether read or refused
    void error(std::string_view member, std::string message) const;  // member "" = the object itself
    // The same at a JSON pointer below the object, e.g. "/items/0/amount".
    void errorBelow(std::string_view relativePointer, std::string message) const;
};

struct ObjectSchema {
    ObjectSchema(std::vector<MemberSpec> m, UnknownMembers& (*e)(void*), void (*c)(void*, const ObjectCheck&) = nullptr)
        : members(std::move(m)), extra(e), check(c)
    {
        for (std::size_t i = 0; i < members.size(); ++i)
            if (members[i].required) required |= std::uint64_t{1} << i;
    }
    std::vector<MemberSpec> members;  // at most 64 (one bit each in `seen`)
    UnknownMembers& (*extra)(void* object);
    void (*check)(void* object, const ObjectCheck& check) = nullptr;
    std::uint64_t required = 0;  // bit i: members[i] is required (the fast path checks them at once)
};

template <class>
struct MemberPointer;
template <class C, class T>
struct MemberPointer<T C::*> {
    using Class = C;
    using Type = T;
};
template <auto M>
using ClassOf = typename MemberPointer<decltype(M)>::Class;
template <auto M>
using TypeOf = typename MemberPointer<decltype(M)>::Type;
template <auto M>
TypeOf<M>& FieldOf(void* object)
{
    return static_cast<ClassOf<M>*>(object)->*M;
}

template <class T>
struct Optional {
    using Type = T;
    static constexpr bool value = false;
};
template <class T>
struct Optional<std::optional<T>> {
    using Type = T;
    static constexpr bool value = true;
};

// Reads into a field of any readable type; an optional field also takes null (= absent).
template <class T>
bool ReadField(const Value& v, T& field, std::string& error)
{
    if constexpr (Optional<T>::value) {
        if (v.isNull()) {
            field.reset();
            return true;
        }
        typename Optional<T>::Type value{};
        if (!ReadField(v, value, error)) return false;
        field = std::move(value);
        return true;
    } else {
        return Read(v, field, error);
    }
}

template <auto M>
MemberSpec Field(std::string_view name, bool required = false)
{
    return {name, required, MemberKind::Scalar,
            [](void* o, const Value& v, std::string& e) { return ReadField(v, FieldOf<M>(o), e); }};
}

// An amount that may be negative (refunds); which objects allow it is checked by the object (kOrderSchema).
template <auto M>
MemberSpec SignedMoneyField(std::string_view name, bool required = false)
{
    return {name, required, MemberKind::Scalar, [](void* o, const Value& v, std::string& e) {
                auto& field = FieldOf<M>(o);
                if constexpr (Optional<TypeOf<M>>::value) {
                    if (v.isNull()) {
                        field.reset();
                        return true;
                    }
                    Money m;
                    if (!ReadSignedMoney(v, m, e)) return false;
                    field = m;
                    return true;
                } else {
                    return ReadSignedMoney(v, field, e);
                }
            }};
}

template <auto M, int Min, int Max = INT_MAX>
MemberSpec IntField(std::string_view name, bool required = false)
{
    return {name, required, MemberKind::Scalar, [](void* o, const Value& v, std::string& e) {
                auto& field = FieldOf<M>(o);
                if constexpr (Optional<TypeOf<M>>::value) {
                    if (v.isNull()) {
                        field.reset();
                        return true;
                    }
                    int n = 0;
                    if (!ReadInt<Min, Max>(v, n, e)) return false;
                    field = n;
                    return true;
                } else {
                    return ReadInt<Min, Max>(v, field, e);
                }
            }};
}

template <auto M, int Min, int Max>
MemberSpec IntListField(std::string_view name)
{
    MemberSpec m{name, false, MemberKind::ScalarArray, [](void* o, const Value& v, std::string& e) {
                     int n = 0;
                     if (!ReadInt<Min, Max>(v, n, e)) return false;
                     FieldOf<M>(o).push_back(n);
                     return true;
                 }};
    m.clear = [](void* o) { FieldOf<M>(o).clear(); };
    return m;
}

template <auto M>
MemberSpec ObjectField(std::string_view name, const ObjectSchema& schema)
{
    MemberSpec m{name, false, MemberKind::Object};
    m.schema = &schema;
    if constexpr (Optional<TypeOf<M>>::value) {
        m.open = [](void* o) -> void* { return &FieldOf<M>(o).emplace(); };
        m.clear = [](void* o) { FieldOf<M>(o).reset(); };
    } else {
        m.open = [](void* o) -> void* {
            auto& field = FieldOf<M>(o);
            field = {};  // the member's own defaults, not what a previous value left
            return &field;
        };
    }
    return m;
}

template <auto M>
MemberSpec ListField(std::string_view name, const ObjectSchema& schema)
{
    MemberSpec m{name, false, MemberKind::ObjectArray};
    m.schema = &schema;
    m.open = [](void* o) -> void* { return &FieldOf<M>(o).emplace_back(); };
    m.clear = [](void* o) { FieldOf<M>(o).clear(); };
    m.reserve = [](void* o, std::size_t count) { FieldOf<M>(o).reserve(count); };
    return m;
}

template <class T>
UnknownMembers& ExtraOf(void* object)
{
    return static_cast<T*>(object)->extra;
}

// Time order within one object: `later` must come after `earlier` when both were given.
template <class T>
void CheckAfter(const T& object, Instant T::*earlier, Instant T::*later, std::string_view earlierName,
                std::string_view laterName, const ObjectCheck& check)
{
    if (check.has(earlierName) && check.has(laterName) && !(object.*later > object.*earlier))
        check.error(laterName, "must be after " + std::string(earlierName));
}

// -- account --
const ObjectSchema kFiveDayQuotaSchema{{
                                           IntField<&FiveDayQuota::year, 1, 9999>("year", true),
                                           IntField<&FiveDayQuota::limit, 0>("limit"),
                                           IntField<&FiveDayQuota::used, 0>("used"),
                                       },
                                       ExtraOf<FiveDayQuota>};

bool ReadUnifiedExpiryDay(void* o, const Value& v, std::string& error)
{
    auto& field = static_cast<Account*>(o)->unified_expiry_day;
    if (v.isNull()) {
        field.reset();
        return true;
    }
    int day = 0;
    std::optional<UnifiedExpiryDay> u;
    if (v.type == JsonType::String && v.text == "last") u = UnifiedExpiryDay::MonthEnd();
    else if (v.type == JsonType::Number &&
             std::from_chars(v.text.data(), v.text.data() + v.text.size(), day).ptr == v.text.data() + v.text.size())
        u = UnifiedExpiryDay::FromDay(day);
    if (!u) {
        error = "expected a day 1..28 or \"last\"" + v.got();
        return false;
    }
    field = u;
    return true;
}

const ObjectSchema kAccountSchema{{
                                      Field<&Account::customer_id>("customer_id"),
                                      Field<&Account::name>("name"),
                                      Field<&Account::currency>("currency"),
                                      {"cash_balance", false, MemberKind::Scalar,
                                       [](void* o, const Value& v, std::string& e) {
                                           auto& field = static_cast<Account*>(o)->cash_balance;
                                           if (v.isNull()) {
                                               field.reset();
                                               return true;
                                           }
                                           Money m;
                                           if (!ReadSignedMoney(v, m, e))
                                               return false;  // a balance in arrears is negative
                                           field = m;
                                           return true;
                                       }},
                                      ObjectField<&Account::five_day_quota>("five_day_quota", kFiveDayQuotaSchema),
                                      IntField<&Account::deduction_days_before, 1, 7>("deduction_days_before"),
                                      {"unified_expiry_day", false, MemberKind::Scalar, ReadUnifiedExpiryDay},
                                      Field<&Account::frozen_reason>("frozen_reason"),
                                  },
                                  ExtraOf<Account>};

// -- products --
const ObjectSchema kPricesSchema{{
                                     Field<&ProductPrices::month>("month"),
                                     Field<&ProductPrices::year>("year"),
                                 },
                                 ExtraOf<ProductPrices>};

void CheckIncreasing(const std::vector<int>& list, std::string_view name, const ObjectCheck& check)
{
    if (std::adjacent_find(list.begin(), list.end(), [](int a, int b) { return a >= b; }) != list.end())
        check.error(name, "expected distinct durations in increasing order");
}

const ObjectSchema kRenewOptionsSchema{{
                                           IntListField<&RenewOptions::months, 1, 11>("months"),
                                           IntListField<&RenewOptions::years, 1, 5>("years"),
                                       },
                                       ExtraOf<RenewOptions>,
                                       [](void* o, const ObjectCheck& check) {
                                           const auto& options = *static_cast<RenewOptions*>(o);
                                           CheckIncreasing(options.months, "months", check);
                                           CheckIncreasing(options.years, "years", check);
                                       }};

const ObjectSchema kProductSchema{{
                                      Field<&Product::product_id>("product_id", true),
                                      Field<&Product::service_type_code>("service_type_code"),
                                      Field<&Product::service_type_name>("service_type_name"),
                                      Field<&Product::resource_type_code>("resource_type_code"),
                                      Field<&Product::spec_desc>("spec_desc"),
                                      Field<&Product::region_code>("region_code"),
                                      ObjectField<&Product::prices>("prices", kPricesSchema),
                                      ObjectField<&Product::renew_options>("renew_options", kRenewOptionsSchema),
                                      Field<&Product::kind>("kind"),
                                      Field<&Product::delisted>("delisted"),
                                      Field<&Product::five_day_refund>("five_day_refund"),
                                      Field<&Product::unsubscribable>("unsubscribable"),
                                      Field<&Product::to_on_demand>("to_on_demand"),
                                      Field<&Product::periods_unsubscribable>("periods_unsubscribable"),
                                  },
                                  ExtraOf<Product>};

// -- resources --
const ObjectSchema kAutoRenewSchema{{
                                        Field<&AutoRenew::period>("period"),
                                        IntField<&AutoRenew::period_num, 1, 11>("period_num"),
                                        IntField<&AutoRenew::times_left, 0, 99>("times_left"),
                                    },
                                    ExtraOf<AutoRenew>,
                                    [](void* o, const ObjectCheck& check) {
                                        const auto& a = *static_cast<AutoRenew*>(o);
                                        if (a.period == TermUnit::Year && a.period_num > 5)
                                            check.error("period_num",
                                                        "expected 1..5 years, got " + std::to_string(a.period_num));
                                    }};

// seed 4.4.1.3: the vouchers' expiry, a time or "unknown" (what a file from before this member means).
bool ReadVoucherExpireTime(void* o, const Value& v, std::string& error)
{
    auto& field = static_cast<PaidBreakdown*>(o)->voucher_expire_time;
    if (v.isNull() || (v.type == JsonType::String && v.text == "unknown")) {
        field.reset();
        return true;
    }
    Instant t;
    if (!Read(v, t, error)) {
        if (v.type != JsonType::String) error += " (or \"unknown\")";
        return false;
    }
    field = t;
    return true;
}

const ObjectSchema kPaidSchema{{
                                   Field<&PaidBreakdown::cash>("cash"),
                                   Field<&PaidBreakdown::voucher>("voucher"),
                                   Field<&PaidBreakdown::flexi_coupon>("flexi_coupon"),
                                   Field<&PaidBreakdown::stored_card>("stored_card"),
                                   Field<&PaidBreakdown::discount_coupon>("discount_coupon"),
                                   {"voucher_expire_time", false, MemberKind::Scalar, ReadVoucherExpireTime},
                               },
                               ExtraOf<PaidBreakdown>};

// An order's or line's paid breakdown: the cash part (实付金额) is negative in a refund (checked by kOrderSchema).
const ObjectSchema kOrderPaidSchema{{
                                        SignedMoneyField<&PaidBreakdown::cash>("cash"),
                                        Field<&PaidBreakdown::voucher>("voucher"),
                                        Field<&PaidBreakdown::flexi_coupon>("flexi_coupon"),
                                        Field<&PaidBreakdown::stored_card>("stored_card"),
                                        Field<&PaidBreakdown::discount_coupon>("discount_coupon"),
                                    },
                                    ExtraOf<PaidBreakdown>};

const ObjectSchema kEnterpriseProjectSchema{{
                                                Field<&EnterpriseProject::id>("id", true),
                                                Field<&EnterpriseProject::name>("name"),
                                            },
                                            ExtraOf<EnterpriseProject>};

const ObjectSchema kRenewRateSchema{
    {
        Field<&RenewRate::period>("period", true),
        IntField<&RenewRate::period_num, 1, 11>("period_num", true),
        Field<&RenewRate::amount>("amount"),
        Field<&RenewRate::error_code>("error_code"),
        Field<&RenewRate::error_msg>("error_msg"),
    },
    ExtraOf<RenewRate>,
    [](void* o, const ObjectCheck& check) {
        const auto& r = *static_cast<RenewRate*>(o);
        if (r.period == TermUnit::Year && r.period_num > 3)
            check.error("period_num", "expected 1..3 years, got " + std::to_string(r.period_num));
        if (r.amount && !r.error_code.empty())
            check.error("error_code", "a renew rate has an amount or an error, not both");
        if (!r.amount && r.error_code.empty()) check.error("amount", "expected an amount or an error_code");
    }};

const ObjectSchema kPeriodSchema{{
                                     Field<&ResourcePeriod::order_id>("order_id"),
                                     Field<&ResourcePeriod::kind>("kind"),
                                     Field<&ResourcePeriod::start>("start", true),
                                     Field<&ResourcePeriod::end>("end", true),
                                     Field<&ResourcePeriod::list_amount>("list_amount"),
                                     ObjectField<&ResourcePeriod::paid>("paid", kPaidSchema),
                                     Field<&ResourcePeriod::no_five_day_refund>("no_five_day_refund"),
                                     Field<&ResourcePeriod::invoiced>("invoiced"),
                                     Field<&ResourcePeriod::promotion>("promotion"),
                                     Field<&ResourcePeriod::changed_before_effective>("changed_before_effective"),
                                 },
                                 ExtraOf<ResourcePeriod>,
                                 [](void* o, const ObjectCheck& check) {
                                     auto& p = *static_cast<ResourcePeriod*>(o);
                                     if (!check.has("kind"))
                                         p.kind = check.elementIndex == 0 ? PeriodKind::New : PeriodKind::Renewal;
                                     CheckAfter(p, &ResourcePeriod::start, &ResourcePeriod::end, "start", "end", check);
                                 }};

const ObjectSchema kResourceSchema{
    {
        Field<&Resource::resource_id>("resource_id", true),
        Field<&Resource::resource_name>("resource_name"),
        Field<&Resource::product_id>("product_id", true),
        Field<&Resource::region_code>("region_code"),
        Field<&Resource::main_resource_id>("main_resource_id"),
        Field<&Resource::relation>("relation"),
        Field<&Resource::status>("status"),
        Field<&Resource::frozen_reason>("frozen_reason"),
        Field<&Resource::provisioning>("provisioning"),
        Field<&Resource::effective_time>("effective_time", true),
        Field<&Resource::expire_time>("expire_time", true),
        IntField<&Resource::anchor_day, 1, 31>("anchor_day"),
        Field<&Resource::renewal_policy>("renewal_policy"),
        ObjectField<&Resource::auto_renew>("auto_renew", kAutoRenewSchema),
        ListField<&Resource::periods>("periods", kPeriodSchema),
        ObjectField<&Resource::enterprise_project>("enterprise_project", kEnterpriseProjectSchema),
        ListField<&Resource::renew_rates>("renew_rates", kRenewRateSchema),
        Field<&Resource::bandwidth_addon>("bandwidth_addon"),
        Field<&Resource::added_after_renewal>("added_after_renewal"),
        Field<&Resource::special_unsubscribe>("special_unsubscribe"),
    },
    ExtraOf<Resource>,
    [](void* o, const ObjectCheck& check) {
        const auto& r = *static_cast<Resource*>(o);
        CheckAfter(r, &Resource::effective_time, &Resource::expire_time, "effective_time", "expire_time", check);
        if (r.frozen_reason && r.status != ResourceStatus::Frozen)
            check.error("frozen_reason", "only allowed when status is frozen");
        if (r.relation && r.isMain())
            check.error("relation", "only allowed on an attached resource (one with a main_resource_id)");
        if (r.added_after_renewal && r.isMain())
            check.error("added_after_renewal", "only allowed on an attached resource (one with a main_resource_id)");
        if (!r.renew_rates.empty() && !r.isMain())
            check.error("renew_rates", "only allowed on a main resource (Huawei prices an instance by its main)");
    }};

// -- orders --
const ObjectSchema kItemSchema{
    {
        Field<&OrderItem::resource_id>("resource_id"),
        Field<&OrderItem::product_id>("product_id"),
        Field<&OrderItem::period>("period"),
        IntField<&OrderItem::period_num, 1>("period_num"),
        SignedMoneyField<&OrderItem::amount>("amount"),
        Field<&OrderItem::effective_time>("effective_time"),
        Field<&OrderItem::expire_time>("expire_time"),
        IntField<&OrderItem::subscription_num, 1>("subscription_num"),
        ObjectField<&OrderItem::paid>("paid", kOrderPaidSchema),
        Field<&OrderItem::fee>("fee"),
        Field<&OrderItem::consumed>("consumed"),
    },
    ExtraOf<OrderItem>,
    [](void* o, const ObjectCheck& check) {
        auto& item = *static_cast<OrderItem*>(o);
        if (item.effective_time && item.expire_time && !(*item.expire_time > *item.effective_time))
            check.error("expire_time", "must be after effective_time");
    }};

const ObjectSchema kDiscountSchema{{
                                       Field<&Discount::type>("type", true),
                                       Field<&Discount::amount>("amount", true),
                                   },
                                   ExtraOf<Discount>};

// Negative amounts are refunds: only unsubscribe and fee_adjustment orders carry them (docs/workspace-format.md).
bool MayBeNegative(OrderType t) { return t == OrderType::Unsubscribe || t == OrderType::FeeAdjustment; }

const ObjectSchema kHistorySchema{{
                                      Field<&TradeHistoryEntry::time>("time", true),
                                      Field<&TradeHistoryEntry::type>("type", true),
                                      Field<&TradeHistoryEntry::order_id>("order_id", true),
                                  },
                                  ExtraOf<TradeHistoryEntry>};

const ObjectSchema kOrderSchema{
    {
        Field<&Order::order_id>("order_id", true),
        Field<&Order::order_type>("order_type", true),
        Field<&Order::status>("status", true),
        Field<&Order::create_time>("create_time", true),
        Field<&Order::payment_time>("payment_time"),
        Field<&Order::pending_payment_end_time>("pending_payment_end_time"),
        Field<&Order::combined_order_id>("combined_order_id"),
        SignedMoneyField<&Order::official_amount>("official_amount"),
        SignedMoneyField<&Order::amount_after_discount>("amount_after_discount", true),
        Field<&Order::currency>("currency"),
        Field<&Order::service_type_name>("service_type_name"),
        Field<&Order::created_by>("created_by"),
        ObjectField<&Order::auto_renew_after_payment>("auto_renew_after_payment", kAutoRenewSchema),
        ListField<&Order::items>("items", kItemSchema),
        ListField<&Order::history>("history", kHistorySchema),
        ObjectField<&Order::paid>("paid", kOrderPaidSchema),
        ListField<&Order::discounts>("discounts", kDiscountSchema),
        Field<&Order::fee>("fee"),
        Field<&Order::consumed>("consumed"),
        Field<&Order::contract_id>("contract_id"),
        ListField<&Order::enterprise_projects>("enterprise_projects", kEnterpriseProjectSchema),
    },
    ExtraOf<Order>,
    [](void* o, const ObjectCheck& check) {
        const auto& order = *static_cast<Order*>(o);
        if (!MayBeNegative(order.order_type)) {
            constexpr std::string_view kWhy =
                "negative amount: only unsubscribe and fee_adjustment orders carry negative amounts, got ";
            if (order.official_amount && order.official_amount->isNegative())
                check.error("official_amount", std::string(kWhy) + order.official_amount->str());
            if (order.amount_after_discount.isNegative())
                check.error("amount_after_discount", std::string(kWhy) + order.amount_after_discount.str());
            if (order.paid && order.paid->cash.isNegative())
                check.errorBelow("/paid/cash", std::string(kWhy) + order.paid->cash.str());
            for (std::size_t i = 0; i < order.items.size(); ++i) {
                const OrderItem& item = order.items[i];
                const std::string at = "/items/" + std::to_string(i);
                if (item.amount && item.amount->isNegative())
                    check.errorBelow(at + "/amount", std::string(kWhy) + item.amount->str());
                if (item.paid && item.paid->cash.isNegative())
                    check.errorBelow(at + "/paid/cash", std::string(kWhy) + item.paid->cash.str());
            }
        }
        if (order.order_type != OrderType::Unsubscribe) {
            if (order.fee) check.error("fee", "only allowed on an unsubscribe order");
            if (order.consumed) check.error("consumed", "only allowed on an unsubscribe order");
        }
        if (order.pending_payment_end_time && *order.pending_payment_end_time < order.create_time)
            check.error("pending_payment_end_time", "must not be before create_time");
        if (order.auto_renew_after_payment) {
            if (order.order_type != OrderType::Renewal)
                check.error("auto_renew_after_payment", "only allowed on a renewal order");
            else if (order.auto_renew_after_payment->times_left == 0)
                check.error("auto_renew_after_payment", "times_left must be 1..99 or null (unlimited), got 0");
        }
    }};

// -- coupons and export records --
bool ReadDiscountRatio(void* o, const Value& v, std::string& error)
{
    // "0.9" -> 9000 per ten thousand: a decimal in (0, 1] with at most 4 decimals, number or string.
    auto& field = static_cast<Coupon*>(o)->discount_ratio_bp;
    if (v.isNull()) {
        field.reset();
        return true;
    }
    std::string_view t = v.text;
    int bp = 0;
    bool ok = (v.type == JsonType::Number || v.type == JsonType::String) && !t.empty() && (t[0] == '0' || t[0] == '1');
    if (ok) {
        bp = (t[0] - '0') * 10000;
        t.remove_prefix(1);
        if (!t.empty()) {
            ok = t[0] == '.' && t.size() >= 2 && t.size() <= 5;
            for (std::size_t i = 1; ok && i < t.size(); ++i) {
                ok = t[i] >= '0' && t[i] <= '9';
                bp += (t[i] - '0') * (i == 1 ? 1000 : i == 2 ? 100 : i == 3 ? 10 : 1);
            }
        }
    }
    if (!ok || bp <= 0 || bp > 10000) {
        error = "expected a ratio above 0 and at most 1 with at most 4 decimals, like 0.9" + v.got();
        return false;
    }
    field = bp;
    return true;
}

const ObjectSchema kCouponSchema{{
                                     Field<&Coupon::coupon_id>("coupon_id", true),
                                     Field<&Coupon::type>("type", true),
                                     Field<&Coupon::balance>("balance"),
                                     {"discount_ratio", false, MemberKind::Scalar, ReadDiscountRatio},
                                     Field<&Coupon::expire_time>("expire_time"),
                                 },
                                 ExtraOf<Coupon>,
                                 [](void* o, const ObjectCheck& check) {
                                     const auto& c = *static_cast<Coupon*>(o);
                                     if (c.discount_ratio_bp && c.type != CouponType::Discount)
                                         check.error("discount_ratio", "only allowed on a discount coupon");
                                 }};

const ObjectSchema kExportRecordSchema{{
                                           Field<&ExportRecord::id>("id", true),
                                           Field<&ExportRecord::kind>("kind", true),
                                           Field<&ExportRecord::created_time>("created_time", true),
                                           Field<&ExportRecord::file_name>("file_name"),
                                           IntField<&ExportRecord::rows, 0>("rows"),
                                       },
                                       ExtraOf<ExportRecord>};

// -- the root --
bool ReadFormat(void*, const Value& v, std::string& error)
{
    if (v.type == JsonType::String && v.text == kWorkspaceFormat) return true;
    if (v.type == JsonType::String && v.text.substr(0, 10) == "quotedesk/")
        error = "unsupported format version \"" + std::string(v.text) + "\": this version reads \"quotedesk/1\"";
    else error = "expected \"quotedesk/1\"" + v.got();
    return false;
}

LoadErrors CaptureRules(void* o, std::string_view json, const std::string& pointer)
{
    // The rules object is small: a DOM of it is fine, and rules.cpp owns its reading.
    return ApplyRuleOverrides(static_cast<Workspace*>(o)->rules, nlohmann::json::parse(json), pointer);
}

const ObjectSchema kWorkspaceSchema{
    {
        {"format", false, MemberKind::Scalar, ReadFormat},  // missing: reported by the check with a hint
        Field<&Workspace::as_of>("as_of"),
        ObjectField<&Workspace::account>("account", kAccountSchema),
        {"rules", false, MemberKind::Capture, nullptr, nullptr, nullptr, nullptr, CaptureRules},
        ListField<&Workspace::products>("products", kProductSchema),
        ListField<&Workspace::resources>("resources", kResourceSchema),
        ListField<&Workspace::orders>("orders", kOrderSchema),
        ListField<&Workspace::coupons>("coupons", kCouponSchema),
        ListField<&Workspace::export_records>("export_records", kExportRecordSchema),
    },
    ExtraOf<Workspace>,
    [](void*, const ObjectCheck& check) {
        if (!check.present("format")) check.error("", "missing \"format\": expected \"format\": \"quotedesk/1\"");
    }};

const MemberSpec kIgnoredValue{"", false, MemberKind::Ignore};

// [SECTION] the SAX handler

class WorkspaceReader final : public CheckSink {
public:
    WorkspaceReader(Workspace& ws, std::string_view text, std::string_view file, LoadErrors& errors)
        : ws_(ws), text_(text), file_(file), errors_(errors)
    {}

    // nlohmann::json SAX interface
    bool null() { return scalar({JsonType::Null, false, "null"}); }
    bool boolean(bool b) { return scalar({JsonType::Boolean, b, b ? "true" : "false"}); }
    bool number_integer(std::int64_t n) { return number(std::to_string(n)); }
    bool number_unsigned(std::uint64_t n) { return number(std::to_string(n)); }
    bool number_float(double, const std::string& lexeme) { return number(lexeme); }
    bool string(std::string& s) { return scalar({JsonType::String, false, s}); }
    bool binary(nlohmann::json::binary_t&) { return !stop_; }  // never produced when reading JSON text
    bool start_object(std::size_t) { return open(JsonType::Object); }
    bool start_array(std::size_t) { return open(JsonType::Array); }
    bool end_object() { return close(JsonType::Object); }
    bool end_array() { return close(JsonType::Array); }
    bool key(std::string& k);
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex);

    void error(std::string pointer, std::string message);
    void checkError(std::string_view member, std::string message) override;
    void checkErrorBelow(std::string_view relativePointer, std::string message) override;
    std::string containerPointer() const { return pointer(frames_.size() - 1); }  // of the innermost object/array

private:
    enum class FrameKind { Object, ObjectArray, ScalarArray, Capture, Skip };
    // One object or array open inside a captured value (an unknown member or `rules`): where the
    // reader is in it, for pointers, and the keys seen so far, so duplicates are refused there too.
    struct CaptureLevel {
        bool object = false;
        std::string key;                       // object: the current key
        std::size_t index = 0;                 // array: the current element
        std::unordered_set<std::string> keys;  // object: keys so far
    };
    struct Frame {
        FrameKind kind = FrameKind::Skip;
        const ObjectSchema* schema = nullptr;  // Object: its members; ObjectArray: the elements'
        void* target = nullptr;                // Object: the struct; arrays and Capture: the struct owning the member
        // Object: the current key's member (nullptr = unknown); arrays, Capture: the member
        const MemberSpec* member = nullptr;
        std::string key;                   // Object: the current key
        std::size_t index = 0;             // arrays: the current element
        std::uint64_t seen = 0;            // Object: members present so far
        std::uint64_t refused = 0;         // Object: members whose value was refused (already reported)
        int nesting = 0;                   // Capture, Skip: containers open inside
        JsonWriter capture;                // Capture: the value so far (compact JSON)
        std::vector<CaptureLevel> levels;  // Capture: the containers open in the value, outermost first
    };

    bool number(std::string text)
    {
        number_ = std::move(text);
        return scalar({JsonType::Number, false, number_});
    }
    bool scalar(const Value& v);
    bool open(JsonType type);
    bool close(JsonType type);
    void member(Frame& object, const MemberSpec& spec, const Value& v);
    void endObject(const Frame& object);
    void push(FrameKind kind, const ObjectSchema* schema, void* target, const MemberSpec* member)
    {
        Frame& f = frames_.emplace_back();
        f.kind = kind;
        f.schema = schema;
        f.target = target;
        f.member = member;
    }
    // Location of the current value of frames_[frames - 1] (of the value being read when frames ==
    // frames_.size()); inside a captured value, down to the captured member only unless `inCapture`.
    std::string pointer(std::size_t frames, bool inCapture = false) const;
    std::string valuePointer() const { return pointer(frames_.size(), true); }  // of the value being read
    void failed(const std::string& message) { error(valuePointer(), message); }

    Workspace& ws_;
    std::string_view text_;
    std::string_view file_;
    LoadErrors& errors_;
    std::vector<Frame> frames_;
    std::string number_;  // text of the current number
    int depth_ = 0;       // objects and arrays open
    bool stop_ = false;   // an error that ends reading (or too many errors)
};

bool ObjectCheck::has(std::string_view name) const
{
    for (std::size_t i = 0; i < schema.members.size(); ++i)
        if (schema.members[i].name == name) return ((seen & ~refused) >> i) & 1;
    return false;
}

bool ObjectCheck::present(std::string_view name) const
{
    for (std::size_t i = 0; i < schema.members.size(); ++i)
        if (schema.members[i].name == name) return (seen >> i) & 1;
    return false;
}

void ObjectCheck::errorBelow(std::string_view relativePointer, std::string message) const
{
    sink.checkErrorBelow(relativePointer, std::move(message));
}

void WorkspaceReader::checkErrorBelow(std::string_view relativePointer, std::string message)
{
    error(containerPointer() + std::string(relativePointer), std::move(message));
}

void ObjectCheck::error(std::string_view member, std::string message) const
{
    sink.checkError(member, std::move(message));
}

void WorkspaceReader::checkError(std::string_view member, std::string message)
{
    std::string at = containerPointer();
    if (!member.empty()) AppendPointerToken(at, member);
    error(std::move(at), std::move(message));
}

std::string WorkspaceReader::pointer(std::size_t frames, bool inCapture) const
{
    std::string out;
    for (std::size_t i = 0; i < frames && i < frames_.size(); ++i) {
        const Frame& f = frames_[i];
        if (f.kind == FrameKind::Object) AppendPointerToken(out, f.key);
        else if (f.kind == FrameKind::ObjectArray || f.kind == FrameKind::ScalarArray) AppendPointerIndex(out, f.index);
        else if (f.kind == FrameKind::Capture && inCapture)
            for (const CaptureLevel& level : f.levels)
                level.object ? AppendPointerToken(out, level.key) : AppendPointerIndex(out, level.index);
    }
    return out;
}

void WorkspaceReader::error(std::string pointer, std::string message)
{
    if (stop_) return;
    if (errors_.size() == kMaxLoadErrors) {
        errors_.push_back(
            {std::string(file_), "", 0, 0, "too many errors; stopped reading after " + std::to_string(kMaxLoadErrors)});
        stop_ = true;
        return;
    }
    errors_.push_back({std::string(file_), std::move(pointer), 0, 0, OneLine(message)});
}

bool WorkspaceReader::parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex)
{
    const TextPosition at = PositionOf(text_, position);  // of the byte the parser stopped at
    errors_.push_back({std::string(file_), "", at.line, at.column, JsonParserMessage(ex.what())});
    stop_ = true;
    return false;
}

bool WorkspaceReader::key(std::string& k)
{
    Frame& top = frames_.back();
    if (top.kind == FrameKind::Capture) {
        top.capture.key(k);
        CaptureLevel& level = top.levels.back();
        level.key = k;
        if (!level.keys.insert(std::move(k)).second) failed("duplicate member \"" + level.key + "\"");
        return !stop_;
    }
    if (top.kind != FrameKind::Object) return !stop_;  // Skip
    top.key.swap(k);
    top.member = nullptr;
    const auto& members = top.schema->members;
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (members[i].name != top.key) continue;
        if ((top.seen >> i) & 1) {
            failed("duplicate member \"" + top.key + "\"");
            top.member = &kIgnoredValue;
        } else {
            top.seen |= std::uint64_t{1} << i;
            top.member = &members[i];
        }
        return !stop_;
    }
    const UnknownMembers& extra = top.schema->extra(top.target);
    if (std::any_of(extra.begin(), extra.end(), [&](const auto& m) { return m.first == top.key; })) {
        failed("duplicate member \"" + top.key + "\"");
        top.member = &kIgnoredValue;
    }
    return !stop_;
}

// A value for the current member of an object (scalar, or an object/array the member cannot take).
void WorkspaceReader::member(Frame& object, const MemberSpec& spec, const Value& v)
{
    std::string message;
    switch (spec.kind) {
        case MemberKind::Scalar:
            if (!spec.read(object.target, v, message)) {
                failed(message);
                // Checks across members (end after start...) skip it: one error per bad value, not a follow-on.
                const auto& members = object.schema->members;
                if (&spec >= members.data() && &spec < members.data() + members.size())
                    object.refused |= std::uint64_t{1} << (&spec - members.data());
            }
            break;
        case MemberKind::Object:
            if (v.isNull() && spec.clear) spec.clear(object.target);
            else failed("expected an object" + v.got());
            break;
        case MemberKind::ObjectArray:
        case MemberKind::ScalarArray: failed("expected an array" + v.got()); break;
        case MemberKind::Capture:
            for (LoadError& e : spec.captured(object.target, v.json(), valuePointer()))
                error(std::move(e.pointer), std::move(e.message));
            break;
        case MemberKind::Ignore: break;
    }
}

bool WorkspaceReader::scalar(const Value& v)
{
    if (frames_.empty()) {
        error("", "expected a JSON object at the top level" + v.got());
        stop_ = true;
        return false;
    }
    Frame& top = frames_.back();
    switch (top.kind) {
        case FrameKind::Capture:
            top.capture.raw(v.json());
            if (!top.levels.back().object) ++top.levels.back().index;
            break;
        case FrameKind::Skip: break;
        case FrameKind::Object:
            if (top.member) member(top, *top.member, v);
            else top.schema->extra(top.target).emplace_back(top.key, v.json());
            break;
        case FrameKind::ObjectArray:
            failed("expected an object" + v.got());
            ++top.index;
            break;
        case FrameKind::ScalarArray: {
            std::string message;
            if (!top.member->read(top.target, v, message)) failed(message);
            ++top.index;
            break;
        }
    }
    return !stop_;
}

bool WorkspaceReader::open(JsonType type)
{
    if (++depth_ > kMaxNesting) {
        error(pointer(frames_.size()), "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
        stop_ = true;
        return false;
    }
    Value container;  // stands for the object/array in messages ("got an object")
    container.type = type;
    if (frames_.empty()) {
        if (type != JsonType::Object) return scalar(container);  // refuses a top-level array
        push(FrameKind::Object, &kWorkspaceSchema, &ws_, nullptr);
        return true;
    }
    Frame& top = frames_.back();
    const MemberSpec* spec = top.member;
    const auto beginCapture = [&](JsonWriter& w) { type == JsonType::Object ? w.beginObject() : w.beginArray(); };
    switch (top.kind) {
        case FrameKind::Capture:
            beginCapture(top.capture);
            ++top.nesting;
            top.levels.emplace_back().object = type == JsonType::Object;
            break;
        case FrameKind::Skip: ++top.nesting; break;
        case FrameKind::Object:
            if (!spec || spec->kind == MemberKind::Capture) {  // unknown member or `rules`: keep the value's text
                push(FrameKind::Capture, nullptr, top.target, spec);
                beginCapture(frames_.back().capture);
                frames_.back().levels.emplace_back().object = type == JsonType::Object;
            } else if (spec->kind == MemberKind::Object && type == JsonType::Object) {
                push(FrameKind::Object, spec->schema, spec->open(top.target), nullptr);
            } else if (spec->kind == MemberKind::ObjectArray && type == JsonType::Array) {
                spec->clear(top.target);
                push(FrameKind::ObjectArray, spec->schema, top.target, spec);
            } else if (spec->kind == MemberKind::ScalarArray && type == JsonType::Array) {
                spec->clear(top.target);
                push(FrameKind::ScalarArray, nullptr, top.target, spec);
            } else {
                member(top, *spec, container);  // reports the mismatch (nothing for a duplicate's value)
                push(FrameKind::Skip, nullptr, nullptr, nullptr);
            }
            break;
        case FrameKind::ObjectArray:
            if (type == JsonType::Object) {
                push(FrameKind::Object, spec->schema, spec->open(top.target), nullptr);
            } else {
                failed("expected an object, got an array");
                push(FrameKind::Skip, nullptr, nullptr, nullptr);
            }
            break;
        case FrameKind::ScalarArray: {
            std::string message;
            spec->read(top.target, container, message);  // always refuses a container: gives the message
            failed(message);
            push(FrameKind::Skip, nullptr, nullptr, nullptr);
            break;
        }
    }
    return !stop_;
}

bool WorkspaceReader::close(JsonType type)
{
    --depth_;
    Frame& top = frames_.back();
    switch (top.kind) {
        case FrameKind::Capture:
            type == JsonType::Object ? top.capture.endObject() : top.capture.endArray();
            top.levels.pop_back();
            if (top.nesting > 0) {
                --top.nesting;
                if (!top.levels.back().object) ++top.levels.back().index;
                return !stop_;
            }
            if (top.member) {
                for (LoadError& e : top.member->captured(top.target, top.capture.text(), containerPointer()))
                    error(std::move(e.pointer), std::move(e.message));
            } else {
                const Frame& object = frames_[frames_.size() - 2];  // the unknown member's object
                object.schema->extra(object.target).emplace_back(object.key, top.capture.take());
            }
            break;
        case FrameKind::Skip:
            if (top.nesting > 0) {
                --top.nesting;
                return !stop_;
            }
            break;
        case FrameKind::Object: endObject(top); break;
        case FrameKind::ObjectArray:
        case FrameKind::ScalarArray: break;
    }
    frames_.pop_back();
    if (!frames_.empty() &&
        (frames_.back().kind == FrameKind::ObjectArray || frames_.back().kind == FrameKind::ScalarArray))
        ++frames_.back().index;
    return !stop_;
}

void WorkspaceReader::endObject(const Frame& object)
{
    const auto& members = object.schema->members;
    for (std::size_t i = 0; i < members.size(); ++i)
        if (members[i].required && !((object.seen >> i) & 1))
            error(containerPointer(), "missing required member \"" + std::string(members[i].name) + "\"");
    if (!object.schema->check) return;
    const Frame* parent = frames_.size() >= 2 ? &frames_[frames_.size() - 2] : nullptr;
    const std::size_t elementIndex = parent && parent->kind == FrameKind::ObjectArray ? parent->index : 0;
    object.schema->check(object.target, ObjectCheck{*this, *object.schema, object.seen, object.refused, elementIndex});
}

// Finds the first top-level key that tells what a file is, then stops reading.
class InputKindDetector {
public:
    std::optional<InputKind> kind;

    bool null() { return depth_ > 0; }
    bool boolean(bool) { return depth_ > 0; }
    bool number_integer(std::int64_t) { return depth_ > 0; }
    bool number_unsigned(std::uint64_t) { return depth_ > 0; }
    bool number_float(double, const std::string&) { return depth_ > 0; }
    bool string(std::string&) { return depth_ > 0; }
    bool binary(nlohmann::json::binary_t&) { return true; }
    bool start_object(std::size_t) { return ++depth_ > 0; }
    bool start_array(std::size_t) { return depth_++ > 0; }  // a top-level array is nothing we read
    bool end_object() { return --depth_ >= 0; }
    bool end_array() { return --depth_ >= 0; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
    bool key(std::string& k)
    {
        if (depth_ == 2 && top_ == "response" && k == "renew_inquiry_results")
            kind = InputKind::HuaweiRenewPrices;  // {"request": ..., "response": ...} as API Explorer shows it
        if (depth_ != 1) return !kind;
        top_ = k;
        if (k == "format") kind = InputKind::Workspace;
        else if (k == "order_infos") kind = InputKind::HuaweiOrders;
        else if (k == "order_info" || k == "order_line_items") kind = InputKind::HuaweiOrderDetails;
        else if (k == "data") kind = InputKind::HuaweiResources;
        else if (k == "renew_inquiry_results") kind = InputKind::HuaweiRenewPrices;
        return !kind;
    }

private:
    int depth_ = 0;
    std::string top_;  // the current top-level key
};

// [SECTION] the fast path: simdjson On-Demand over the same schemas (docs/performance.md)
//
// FastReader walks the document with simdjson's On-Demand API and hands every member to the very
// MemberSpec the precise reader uses, so both paths read the same members the same way. It reports
// nothing: at the first thing that is not a clean, valid file (bad JSON, a refused value, a failed
// object check, a duplicate key, nesting deeper than kMaxNesting) it answers false and LoadWorkspace
// reads the file again with the precise reader, which says what and where. Values reach the readers
// as the precise reader would give them: strings unescaped, numbers as their exact text (the integer
// -0 as 0, as nlohmann hands integers over by value), unknown members as the same compact JSON text.

class FileBytes;
class SteppedRead;

class FastReader final : public CheckSink {
public:
    explicit FastReader(Workspace& ws) : ws_(ws) { ChooseStage1Once(); }

    // Reads the file from `begin` on (after a byte order mark); an in-memory text has `readable`
    // bytes readable from its start, for simdjson's padding.
    bool read(const FileBytes& bytes, std::size_t begin, std::size_t readable,
              std::size_t pieceBytes = kStreamPieceBytes);
    void checkError(std::string_view, std::string) override { ok_ = false; }
    void checkErrorBelow(std::string_view, std::string) override { ok_ = false; }

private:
    bool document(simdjson::ondemand::parser& parser, simdjson::padded_string_view input);
    bool elements(simdjson::ondemand::parser& parser, simdjson::padded_string_view window, const MemberSpec& spec,
                  std::size_t& index);
    bool object(simdjson::ondemand::object obj, const ObjectSchema& schema, void* target, std::size_t elementIndex);
    bool member(simdjson::ondemand::value v, const MemberSpec& spec, void* target);
    bool scalar(simdjson::ondemand::value& v, simdjson::ondemand::json_type type, Value& out);
    bool capture(simdjson::ondemand::value v, JsonWriter& out);
    bool enter() { return ++depth_ <= kMaxNesting; }
    friend class SteppedRead;  // read(), a piece at a time

    Workspace& ws_;
    int depth_ = 0;
    bool ok_ = true;
};

// ---- windows: the big arrays of the root in pieces of about kWindowBytes ----
//
// simdjson's parser needs about 5.7 bytes per byte of the document it reads (a 32-bit index entry
// per byte, a string buffer of 5/3 the size), so a 135 MB file read at once would take 900 MB of a
// wasm heap that never shrinks. So a large file is read in windows: a plain scan (RootScan) follows
// the root object's brackets and strings only (never their content), the root is read from a
// skeleton in which every large array of objects (resources, orders...) is [], and each such array
// is then read in windows of whole elements, each window a copy "[ element, element, ... ]" of at
// most about kWindowBytes. simdjson checks every byte of the skeleton and of every window; what lies
// between them (whitespace, the commas between elements) is checked by the scan.
//
// The scan looks at the file a chunk at a time and only ever forwards, so the file need not be in
// memory whole: a TextSource (load.h) lends it a piece at a time (docs/performance.md "Streamed").
constexpr std::size_t kWindowBytes = std::size_t{256} << 10;
constexpr std::size_t kNoEnd = std::string_view::npos;

// A file's bytes as the fast path reads them: a text in memory, or a TextSource read in pieces.
class FileBytes {
public:
    explicit FileBytes(std::string_view text) : text_(text) {}
    explicit FileBytes(const TextSource& source) : source_(&source) {}

    std::size_t size() const { return source_ ? source_->size() : text_.size(); }
    bool inMemory() const { return source_ == nullptr; }
    std::string_view text() const { return text_; }  // in memory only
    // Copies the bytes [offset, offset + n) to `to`.
    void copy(std::size_t offset, std::size_t n, char* to) const
    {
        if (n == 0) return;
        if (source_) source_->copy(offset, n, to);
        else std::memcpy(to, text_.data() + offset, n);
    }
    // Appends the bytes [offset, offset + n) to `out`.
    void append(std::size_t offset, std::size_t n, std::string& out) const
    {
        const std::size_t at = out.size();
        out.resize(at + n);
        copy(offset, n, out.data() + at);
    }

private:
    std::string_view text_;
    const TextSource* source_ = nullptr;
};

// One window's text "[element, ...]" and simdjson's padding after it. The buffer is kept from window
// to window and never zero-filled first (a std::string resized to the window wrote every byte twice:
// 3% of a load's instructions); simdjson only reads the padding, whatever it holds.
class Window {
public:
    // The bytes [first, last) of the file between '[' and ']'.
    void fill(const FileBytes& bytes, std::size_t first, std::size_t last)
    {
        size_ = last - first + 2;
        if (capacity_ < size_ + simdjson::SIMDJSON_PADDING) {
            capacity_ = size_ + simdjson::SIMDJSON_PADDING;
            buffer_.reset(new char[capacity_]);  // default-initialised: not zeroed
        }
        buffer_[0] = '[';
        bytes.copy(first, last - first, buffer_.get() + 1);
        buffer_[size_ - 1] = ']';
    }
    simdjson::padded_string_view view() const { return simdjson::padded_string_view(buffer_.get(), size_, capacity_); }

private:
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0, size_ = 0;
};

// A large array of objects of the root, read after the skeleton in windows of whole elements.
struct DeferredArray {
    const MemberSpec* spec = nullptr;
    std::vector<std::pair<std::size_t, std::size_t>> windows;  // [first, last): elements, about kWindowBytes each
    std::size_t count = 0;                                     // elements
};

// The scan of a large file: the skeleton and the windows of its large arrays (see above). Fed the
// file's bytes in order, a chunk at a time (feed), it stops at the first thing that is not a
// plain root object of members (false): the fast path then gives up and the precise reader says why.
class RootScan {
public:
    explicit RootScan(const FileBytes& bytes) : bytes_(bytes) {}

    bool feed(const char* s, std::size_t base, std::size_t n);  // the bytes [base, base + n)
    bool finished() const { return state_ == State::Done && !inString_; }

    std::string skeleton;                 // the root object, its large arrays of objects written []
    std::vector<DeferredArray> deferred;  // ... and those arrays, in file order
    // The root's first key that tells what the file is (DetectInputKind): "format" for a workspace;
    // "?" when a key that may decide otherwise came first (or an escaped key: not compared here).
    std::string decidingKey;

private:
    enum class State {
        Start,       // before the root's '{'
        KeyOrEnd,    // after '{'
        Key,         // after ','
        Colon,       // after a key
        Value,       // after ':'
        Token,       // in a number or literal
        AfterValue,  // ',' or '}'
        Elements,    // in a large array, after '[': an element or ']'
        Element,     // after ',' in an array: an element
        AfterElement,
        Done,  // after the root's '}': whitespace only
    };
    static bool Space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
    bool structural(char c, std::size_t at);
    bool stringClosed(std::size_t end);
    bool valueClosed(std::size_t end);
    bool member(std::size_t end);

    const FileBytes& bytes_;
    State state_ = State::Start;
    bool inString_ = false;
    bool skipNext_ = false;   // a backslash ended the last chunk: the next byte is escaped
    int depth_ = 0;           // brackets open, the root's included
    int deepFrom_ = INT_MAX;  // from this depth on the scan is inside a value: brackets and strings only
    std::size_t keyStart_ = 0, keyEnd_ = 0, valueStart_ = 0;
    bool keyEscaped_ = false;            // the key has a backslash
    const MemberSpec* array_ = nullptr;  // the member's value is an array of objects read in windows
    DeferredArray current_;
    std::size_t first_ = kNoEnd;  // where the open window's first element starts
    std::size_t lastEnd_ = 0;     // where the last element ended
};

bool RootScan::feed(const char* s, std::size_t base, std::size_t n)
{
    static const auto kStops = [] {  // what a value stops at outside strings
        std::array<unsigned char, 256> stops{};
        for (const unsigned char c : {'"', '{', '}', '[', ']'}) stops[c] = 2;
        return stops;
    }();
    std::size_t i = 0;
    if (skipNext_) {
        skipNext_ = false;
        ++i;
    }
    std::size_t byteByByteUntil = 0;  // a block with a backslash is read the byte-by-byte way below
    while (i < n) {
        // Inside a value, 64 bytes at a time: the brackets outside strings. A block with a backslash
        // (escapes) or the last bytes of the chunk go the byte-by-byte way.
        if (depth_ >= deepFrom_ && i >= byteByByteUntil && n - i >= 64) {
            const JsonBlock m = ClassifyJsonBlock(s + i);  // core/io/json_structure.h
            if (m.backslash != 0) {
                byteByByteUntil = i + 64;
                continue;
            }
            // In a string: from an opening quote up to (not with) its closing quote.
            const std::uint64_t inside = PrefixXor(m.quote) ^ (inString_ ? ~std::uint64_t{0} : 0);
            std::uint64_t brackets = (m.open | m.close) & ~inside;
            bool closed = false;  // the value closed: the scan is back at the root's members or elements
            while (brackets != 0) {
                const int at = std::countr_zero(brackets);
                brackets &= brackets - 1;
                if ((m.open >> at) & 1) {
                    ++depth_;
                } else if (--depth_ < deepFrom_) {
                    i += static_cast<std::size_t>(at) + 1;
                    inString_ = false;
                    if (!valueClosed(base + i)) return false;
                    closed = true;
                    break;
                }
            }
            if (closed) continue;
            inString_ = (inside >> 63) != 0;
            i += 64;
            continue;
        }
        if (inString_) {
            // The next quote; it closes the string unless an odd run of backslashes comes before it.
            // Such a run starts at i at the earliest: s[i - 1] is the opening quote, an escaped quote,
            // or (at the start of a piece) the byte escaped by the last piece's final backslash.
            const void* q = std::memchr(s + i, '"', n - i);
            const std::size_t quote = q ? static_cast<std::size_t>(static_cast<const char*>(q) - s) : n;
            std::size_t run = quote;
            while (run > i && s[run - 1] == '\\') --run;
            if (!q) {  // the string goes on in the next piece
                skipNext_ = (quote - run) % 2 == 1;
                break;
            }
            i = quote + 1;
            if ((quote - run) % 2 == 1) continue;  // an escaped quote
            inString_ = false;
            if (!stringClosed(base + i)) return false;
            continue;
        }
        if (depth_ >= deepFrom_) {
            while (i < n && !(kStops[static_cast<unsigned char>(s[i])] & 2)) ++i;
            if (i >= n) break;
            const char c = s[i++];
            if (c == '"') inString_ = true;
            else if (c == '{' || c == '[') ++depth_;
            else if (--depth_ < deepFrom_ && !valueClosed(base + i)) return false;
            continue;
        }
        if (!structural(s[i], base + i)) return false;
        ++i;
    }
    return true;
}

// A character where the scan is at the root's members or between the elements of a large array.
bool RootScan::structural(char c, std::size_t at)
{
    switch (state_) {
        case State::Start:
            if (Space(c)) return true;
            if (c != '{') return false;
            depth_ = 1;
            skeleton = "{";
            state_ = State::KeyOrEnd;
            return true;
        case State::KeyOrEnd:
        case State::Key:
            if (Space(c)) return true;
            if (c == '}' && state_ == State::KeyOrEnd) {
                depth_ = 0;
                state_ = State::Done;
                skeleton += '}';
                return true;
            }
            if (c != '"') return false;
            keyStart_ = at;
            inString_ = true;
            return true;
        case State::Colon:
            if (Space(c)) return true;
            if (c != ':') return false;
            state_ = State::Value;
            return true;
        case State::Value:
            if (Space(c)) return true;
            valueStart_ = at;
            array_ = nullptr;
            if (c == '"') {
                inString_ = true;
            } else if (c == '[' && !keyEscaped_) {
                std::string key;  // raw: compared only when it has no escapes
                bytes_.append(keyStart_ + 1, keyEnd_ - keyStart_ - 2, key);
                for (const MemberSpec& m : kWorkspaceSchema.members)
                    if (m.kind == MemberKind::ObjectArray && m.name == key) array_ = &m;
                depth_ = 2;
                if (array_) {
                    current_ = DeferredArray{array_, {}, 0};
                    first_ = kNoEnd;
                    state_ = State::Elements;
                } else {
                    deepFrom_ = 2;
                }
            } else if (c == '{' || c == '[') {
                depth_ = 2;
                deepFrom_ = 2;
            } else {
                state_ = State::Token;
            }
            return true;
        case State::Token:
            if (!Space(c) && c != ',' && c != '}' && c != ']') return true;
            if (!member(at)) return false;
            return structural(c, at);
        case State::AfterValue:
            if (Space(c)) return true;
            if (c == ',') {
                state_ = State::Key;
                return true;
            }
            if (c != '}') return false;
            depth_ = 0;
            skeleton += '}';
            state_ = State::Done;
            return true;
        case State::Elements:
        case State::Element:
            if (Space(c)) return true;
            if (c == ']' && state_ == State::Elements) return member(at + 1);
            if (c != '{') return false;
            if (first_ == kNoEnd) first_ = at;
            depth_ = 3;
            deepFrom_ = 3;
            return true;
        case State::AfterElement:
            if (Space(c)) return true;
            if (c == ',') {
                state_ = State::Element;
                return true;
            }
            if (c != ']') return false;
            if (first_ != kNoEnd) current_.windows.emplace_back(first_, lastEnd_);
            return member(at + 1);
        case State::Done: return Space(c);
    }
    return false;
}

// A string closed at `end` (after its quote): a key, a member's value, or a string deeper down.
bool RootScan::stringClosed(std::size_t end)
{
    if (depth_ >= deepFrom_) return true;
    if (state_ == State::Value) return member(end);
    // a key of the root
    keyEnd_ = end;
    std::string key;
    bytes_.append(keyStart_ + 1, keyEnd_ - keyStart_ - 2, key);
    keyEscaped_ = key.find('\\') != std::string::npos;
    if (decidingKey.empty()) {
        if (keyEscaped_ || key == "response" || key == "order_infos" || key == "order_info" ||
            key == "order_line_items" || key == "data" || key == "renew_inquiry_results")
            decidingKey = "?";
        else if (key == "format") decidingKey = key;
    }
    state_ = State::Colon;
    return true;
}

// The value that ends at `end` closed: an element of a large array, or a member's value.
bool RootScan::valueClosed(std::size_t end)
{
    deepFrom_ = INT_MAX;
    if (depth_ == 2 && array_) {  // an element
        ++current_.count;
        lastEnd_ = end;
        if (end - first_ >= kWindowBytes) {
            current_.windows.emplace_back(first_, end);
            first_ = kNoEnd;
        }
        state_ = State::AfterElement;
        return true;
    }
    depth_ = 1;
    return member(end);
}

// The member whose value ends at `end` is complete: into the skeleton, [] when it is read in windows.
bool RootScan::member(std::size_t end)
{
    const bool big = array_ && end - valueStart_ > kWindowBytes;
    if (skeleton.size() > 1) skeleton += ',';
    bytes_.append(keyStart_, keyEnd_ - keyStart_, skeleton);
    skeleton += ':';
    if (big) {
        skeleton += "[]";
        deferred.push_back(std::move(current_));
    } else {
        bytes_.append(valueStart_, end - valueStart_, skeleton);
    }
    current_ = DeferredArray{};
    array_ = nullptr;
    depth_ = 1;
    state_ = State::AfterValue;
    return true;
}

// FastReader::read, resumable: the scan a piece at a time, then the skeleton, then the windows one at a
// time, so that the browser can read a 135 MB file between animation frames and drop it midway
// (StreamedLoad, load.h). Step(budget) does about `budget` bytes of that work (at least a piece or a
// window) and says when it is finished; read() is one Step without limit, so there is one loop.
// Progress is counted in units: a byte scanned is kScanUnits, a byte read by simdjson kReadUnits (the
// scan costs about a third of the reading per byte: docs/performance.md "Where the remaining time goes").
constexpr uint64_t kScanUnits = 1;
constexpr uint64_t kReadUnits = 3;

class SteppedRead {
public:
    SteppedRead(FastReader& reader, Workspace& ws, const FileBytes& bytes, std::size_t begin, std::size_t readable,
                std::size_t pieceBytes)
        : reader_(reader),
          ws_(ws),
          bytes_(bytes),
          begin_(begin),
          readable_(readable),
          pieceBytes_(pieceBytes > 0 ? pieceBytes : 1),
          scan_(bytes_),
          at_(begin)
    {
        const uint64_t size = bytes_.size() - begin_;
        phase_ = size <= kWindowBytes ? Phase::Small : Phase::Scan;
        total_ = size * (kScanUnits + kReadUnits);  // until the scan knows what the windows hold
    }

    // About `budget` more bytes of the file read; true once finished (ok() says whether it was taken).
    bool Step(std::size_t budget)
    {
        std::size_t spent = 0;
        while (phase_ != Phase::Done && phase_ != Phase::Failed && spent < budget) {
            const std::size_t before = spent;
            if (!advance(budget - spent, spent)) {
                phase_ = Phase::Failed;
                release();
            }
            if (spent == before) spent = before + 1;  // a step of the skeleton: counted as work done
        }
        return phase_ == Phase::Done || phase_ == Phase::Failed;
    }
    bool ok() const { return phase_ == Phase::Done; }
    uint64_t unitsDone() const { return done_; }
    uint64_t unitsTotal() const { return total_; }

private:
    enum class Phase { Small, Scan, Skeleton, Windows, Done, Failed };

    // One piece of the current phase; false at the first thing the fast path does not take.
    bool advance(std::size_t budget, std::size_t& spent)
    {
        const std::size_t size = bytes_.size() - begin_;
        switch (phase_) {
            case Phase::Small: {  // read at once, in place when there is room for the padding
                spent += size;
                done_ = total_;
                phase_ = Phase::Done;
                if (bytes_.inMemory() && readable_ >= bytes_.size() + simdjson::SIMDJSON_PADDING)
                    return reader_.document(
                        parser_, simdjson::padded_string_view(bytes_.text().data() + begin_, size, readable_ - begin_));
                std::string copy;
                copy.reserve(size + simdjson::SIMDJSON_PADDING);
                bytes_.append(begin_, size, copy);
                // What LoadFiles checks first: a file it would refuse or read as a Huawei response is not taken here
                if (!bytes_.inMemory() && (CheckFileText(copy, "") || DetectInputKind(copy) != InputKind::Workspace))
                    return false;
                return reader_.document(parser_,
                                        simdjson::padded_string_view(copy.data(), copy.size(), copy.capacity()));
            }
            case Phase::Scan: {
                if (bytes_.inMemory()) {  // the text is there: as much of it as the budget allows at once
                    const std::size_t n = std::min(budget, bytes_.size() - at_);
                    if (!scan_.feed(bytes_.text().data() + at_, at_, n)) return false;
                    at_ += n;
                    spent += n;
                    done_ += n * kScanUnits;
                } else {
                    const std::size_t n = std::min(pieceBytes_, bytes_.size() - at_);
                    if (!chunk_) chunk_.reset(new char[pieceBytes_]);  // default-initialised: not zeroed
                    bytes_.copy(at_, n, chunk_.get());
                    // A NUL byte is not looked for here: the scan refuses one where it checks every
                    // character, and simdjson one anywhere else (every byte is in the skeleton or a window),
                    // so the file is staged and LoadFiles gives CheckFileText's message.
                    if (!scan_.feed(chunk_.get(), at_, n)) return false;
                    at_ += n;
                    spent += n;
                    done_ += n * kScanUnits;
                }
                if (at_ < bytes_.size()) return true;
                chunk_.reset();
                // LoadFiles would not read it as a workspace
                if (!bytes_.inMemory() && scan_.decidingKey != "format") return false;
                if (!scan_.finished()) return false;
                uint64_t read = scan_.skeleton.size();
                for (const DeferredArray& array : scan_.deferred)
                    for (const auto& [first, last] : array.windows) read += last - first;
                total_ = done_ + read * kReadUnits;
                phase_ = Phase::Skeleton;
                return true;
            }
            case Phase::Skeleton: {
                scan_.skeleton.reserve(scan_.skeleton.size() + simdjson::SIMDJSON_PADDING);
                if (!reader_.document(parser_,
                                      simdjson::padded_string_view(scan_.skeleton.data(), scan_.skeleton.size(),
                                                                   scan_.skeleton.capacity())))
                    return false;
                spent += scan_.skeleton.size();
                done_ += scan_.skeleton.size() * kReadUnits;
                std::string().swap(scan_.skeleton);
                phase_ = Phase::Windows;
                return true;
            }
            case Phase::Windows: {
                while (array_ < scan_.deferred.size() && window_ >= scan_.deferred[array_].windows.size()) {
                    ++array_;
                    window_ = 0;
                    element_ = 0;
                }
                if (array_ == scan_.deferred.size()) {
                    done_ = total_;
                    phase_ = Phase::Done;
                    release();
                    return true;
                }
                const DeferredArray& array = scan_.deferred[array_];
                // exactly: no doubling copies of 100,000 resources
                if (window_ == 0) array.spec->reserve(&ws_, array.count);
                const auto [first, last] = array.windows[window_++];
                windowText_.fill(bytes_, first, last);
                spent += last - first;
                done_ += (last - first) * kReadUnits;
                return reader_.elements(parser_, windowText_.view(), *array.spec, element_);
            }
            case Phase::Done:
            case Phase::Failed: return true;
        }
        return false;
    }
    void release()  // what the reading needed and the workspace does not
    {
        chunk_.reset();
        windowText_ = Window();
        std::string().swap(scan_.skeleton);
        std::vector<DeferredArray>().swap(scan_.deferred);
        parser_ = simdjson::ondemand::parser();
    }

    FastReader& reader_;
    Workspace& ws_;
    FileBytes bytes_;  // before scan_, which keeps a reference to it
    std::size_t begin_, readable_, pieceBytes_;
    RootScan scan_;
    simdjson::ondemand::parser parser_;
    Phase phase_ = Phase::Small;
    std::unique_ptr<char[]> chunk_;  // the piece of a TextSource being scanned (pieceBytes_)
    Window windowText_;              // the window being read
    std::size_t at_;                 // the next byte to scan
    std::size_t array_ = 0, window_ = 0, element_ = 0;
    uint64_t done_ = 0, total_ = 0;
};

bool FastReader::read(const FileBytes& bytes, std::size_t begin, std::size_t readable, std::size_t pieceBytes)
{
    SteppedRead steps(*this, ws_, bytes, begin, readable, pieceBytes);
    steps.Step(SIZE_MAX);
    return steps.ok();
}

bool FastReader::document(simdjson::ondemand::parser& parser, simdjson::padded_string_view input)
{
    simdjson::ondemand::document doc;
    if (parser.iterate(input).get(doc)) return false;
    simdjson::ondemand::object root;
    if (doc.get_object().get(root)) return false;
    depth_ = 1;
    if (!object(root, kWorkspaceSchema, &ws_, 0)) return false;
    // Nothing may follow the root object (two documents, trailing garbage).
    return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

// One window "[{...},{...}]" of the root's array `spec`: its elements appended, from number `index` on.
bool FastReader::elements(simdjson::ondemand::parser& parser, simdjson::padded_string_view window,
                          const MemberSpec& spec, std::size_t& index)
{
    simdjson::ondemand::document doc;
    simdjson::ondemand::array arr;
    if (parser.iterate(window).get(doc) || doc.get_array().get(arr)) return false;
    depth_ = 2;  // the root object, the array
    for (auto item : arr) {
        simdjson::ondemand::value element;
        simdjson::ondemand::object obj;
        if (std::move(item).get(element) || element.get_object().get(obj) || !enter()) return false;
        if (!object(obj, *spec.schema, spec.open(&ws_), index++)) return false;
        --depth_;
    }
    return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

bool FastReader::scalar(simdjson::ondemand::value& v, simdjson::ondemand::json_type type, Value& out)
{
    using simdjson::ondemand::json_type;
    switch (type) {
        case json_type::string: {
            // A string without a backslash is its own text: the view of the document's bytes between its
            // quotes, which stage 1 has checked (UTF-8, no control character), with no copy into the
            // parser's string buffer (simdjson's get_string copies every string: 5% of an open in the
            // browser, docs/performance.md "Where the remaining time goes"). The readers copy what they
            // keep before the next token. With a backslash, simdjson unescapes it.
            out.type = JsonType::String;
            const char* chars = v.raw_json_token().data() + 1;  // after the opening quote
            const std::size_t end = QuoteOrBackslash(chars);
            if (chars[end] == '"') {
                out.text = std::string_view(chars, end);
                simdjson::ondemand::raw_json_string taken;  // the token consumed, not parsed (no skip later)
                return !v.get_raw_json_string().get(taken);
            }
            return !v.get_string().get(out.text);
        }
        case json_type::number: {
            std::string_view raw = v.raw_json_token();
            while (!raw.empty() &&
                   (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
                raw.remove_suffix(1);
            if (!IsJsonNumber(raw)) return false;
            out.type = JsonType::Number;
            out.text = raw == "-0" ? std::string_view("0") : raw;
            return true;
        }
        case json_type::boolean:
            out.type = JsonType::Boolean;
            if (v.get_bool().get(out.boolean)) return false;
            out.text = out.boolean ? "true" : "false";
            return true;
        case json_type::null: {
            bool isNull = false;
            out.type = JsonType::Null;
            out.text = "null";
            return !v.is_null().get(isNull) && isNull;
        }
        default: return false;  // objects and arrays are not scalars
    }
}

// Any value as compact JSON text, byte for byte what the precise reader's capture writes.
bool FastReader::capture(simdjson::ondemand::value v, JsonWriter& out)
{
    using simdjson::ondemand::json_type;
    json_type type;
    if (v.type().get(type)) return false;
    if (type == json_type::object) {
        simdjson::ondemand::object obj;
        if (!enter() || v.get_object().get(obj)) return false;
        out.beginObject();
        std::vector<std::string_view> keys;  // into the parser's string buffer, valid for the whole document
        for (auto item : obj) {
            simdjson::ondemand::field field;
            std::string_view key;
            if (std::move(item).get(field) || field.unescaped_key().get(key)) return false;
            if (std::find(keys.begin(), keys.end(), key) != keys.end()) return false;  // duplicate member
            keys.push_back(key);
            out.key(key);
            if (!capture(field.value(), out)) return false;
        }
        out.endObject();
        --depth_;
        return true;
    }
    if (type == json_type::array) {
        simdjson::ondemand::array arr;
        if (!enter() || v.get_array().get(arr)) return false;
        out.beginArray();
        for (auto item : arr) {
            simdjson::ondemand::value element;
            if (std::move(item).get(element) || !capture(element, out)) return false;
        }
        out.endArray();
        --depth_;
        return true;
    }
    Value value;
    if (!scalar(v, type, value)) return false;
    out.raw(value.json());
    return true;
}

// One member's value, read as the precise reader reads it (WorkspaceReader::open / scalar / member).
bool FastReader::member(simdjson::ondemand::value v, const MemberSpec& spec, void* target)
{
    using simdjson::ondemand::json_type;
    json_type type;
    if (v.type().get(type)) return false;
    std::string message;
    switch (spec.kind) {
        case MemberKind::Scalar: {
            Value value;
            return scalar(v, type, value) && spec.read(target, value, message);
        }
        case MemberKind::Object: {
            if (type == json_type::null && spec.clear) {
                bool isNull = false;
                if (v.is_null().get(isNull) || !isNull) return false;
                spec.clear(target);
                return true;
            }
            simdjson::ondemand::object obj;
            if (type != json_type::object || !enter() || v.get_object().get(obj)) return false;
            if (!object(obj, *spec.schema, spec.open(target), 0)) return false;
            --depth_;
            return true;
        }
        case MemberKind::ObjectArray:
        case MemberKind::ScalarArray: {
            simdjson::ondemand::array arr;
            if (type != json_type::array || !enter() || v.get_array().get(arr)) return false;
            spec.clear(target);
            std::size_t index = 0;
            for (auto item : arr) {
                simdjson::ondemand::value element;
                json_type elementType;
                if (std::move(item).get(element) || element.type().get(elementType)) return false;
                if (spec.kind == MemberKind::ObjectArray) {
                    simdjson::ondemand::object obj;
                    if (elementType != json_type::object || !enter() || element.get_object().get(obj)) return false;
                    if (!object(obj, *spec.schema, spec.open(target), index++)) return false;
                    --depth_;
                } else {
                    Value value;
                    if (!scalar(element, elementType, value) || !spec.read(target, value, message)) return false;
                }
            }
            --depth_;
            return true;
        }
        case MemberKind::Capture: {
            JsonWriter json;
            return capture(v, json) && spec.captured(target, json.text(), "").empty();
        }
        case MemberKind::Ignore: return false;
    }
    return false;
}

bool FastReader::object(simdjson::ondemand::object obj, const ObjectSchema& schema, void* target,
                        std::size_t elementIndex)
{
    const auto& members = schema.members;
    const std::size_t count = members.size();
    std::uint64_t seen = 0;
    std::size_t next = 0;  // where the search for the next key starts: files written by SaveWorkspace
                           // list the members in the schema's order, so the first comparison finds it
    for (auto item : obj) {
        simdjson::ondemand::field field;
        std::string_view key;
        if (std::move(item).get(field)) return false;
        std::size_t i = count;
        // The member expected next is compared with the key's raw bytes, not unescaping it first (a
        // member name has no backslash, so equal raw bytes are the same key); any other key is
        // unescaped and searched for.
        if (count > 0 && field.key().unsafe_is_equal(members[next].name)) {
            i = next;
            next = next + 1 < count ? next + 1 : 0;
        } else {
            if (field.unescaped_key().get(key)) return false;
            for (std::size_t tried = 0; tried < count; ++tried) {
                const std::size_t at = next + tried < count ? next + tried : next + tried - count;
                if (members[at].name == key) {
                    i = at;
                    next = at + 1 < count ? at + 1 : 0;
                    break;
                }
            }
        }
        if (i < count) {
            if ((seen >> i) & 1) return false;  // duplicate member
            seen |= std::uint64_t{1} << i;
            if (!member(field.value(), members[i], target)) return false;
            continue;
        }
        UnknownMembers& extra = schema.extra(target);
        if (std::any_of(extra.begin(), extra.end(), [&](const auto& m) { return m.first == key; })) return false;
        JsonWriter json;
        if (!capture(field.value(), json)) return false;
        extra.emplace_back(std::string(key), json.take());
    }
    if ((seen & schema.required) != schema.required) return false;  // a required member is missing
    if (schema.check) schema.check(target, ObjectCheck{*this, schema, seen, 0, elementIndex});
    return ok_;
}

}  // namespace

// Checks that apply before any parsing (size, emptiness, encoding); nullopt when the text may be read.
// A NUL byte is refused here because nlohmann's parser takes it for the end of the input (so
// `{...}<NUL>garbage` would otherwise load); JSON text never contains one (in a string it is \u0000).
std::optional<LoadError> CheckFileText(std::string_view text, std::string_view fileName)
{
    const auto fileError = [&](std::string message) {
        return LoadError{std::string(fileName), "", 0, 0, std::move(message)};
    };
    if (text.size() > kMaxFileBytes)
        return fileError("file too large: " + std::to_string(text.size()) + " bytes; the limit is " +
                         std::to_string(kMaxFileBytes >> 20) + " MiB");
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return fileError("empty file: expected a JSON object");
    if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF")
        return fileError(
            "the file is UTF-16 text (it starts with a UTF-16 byte order mark): expected UTF-8; save it as UTF-8");
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        const TextPosition at = PositionOf(text, nul + 1);
        const bool utf16 = nul < 2;  // UTF-16 text of ASCII has a NUL in its first two bytes: "{\0" or "\0{"
        return LoadError{std::string(fileName), "", at.line, at.column,
                         utf16 ? "unexpected NUL byte: the file looks like UTF-16 text; save it as UTF-8"
                               : "unexpected NUL byte: JSON text cannot contain one (inside a string write \\u0000)"};
    }
    return std::nullopt;
}

namespace {

// " (resource \"vol-1\")" for a pointer into /resources/N/..., and the same for the other arrays of ids.
std::string ObjectNamed(const Workspace& ws, std::string_view pointer)
{
    const auto name = [&](std::string_view array, std::string_view what, const auto& items, auto id) -> std::string {
        const std::string prefix = "/" + std::string(array) + "/";
        if (pointer.substr(0, prefix.size()) != prefix) return {};
        std::string_view rest = pointer.substr(prefix.size());
        std::size_t i = 0;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), i);
        if (ec != std::errc() || i >= items.size()) return {};
        std::string out = " (" + std::string(what) + " ";
        AppendJsonString(out, items[i].*id);
        return out + ")";
    };
    std::string named = name("products", "product", ws.products, &Product::product_id);
    if (named.empty()) named = name("resources", "resource", ws.resources, &Resource::resource_id);
    if (named.empty()) named = name("orders", "order", ws.orders, &Order::order_id);
    if (named.empty()) named = name("coupons", "coupon", ws.coupons, &Coupon::coupon_id);
    if (named.empty()) named = name("export_records", "export record", ws.export_records, &ExportRecord::id);
    return named;
}

LoadResult Failed(LoadErrors errors)
{
    LoadResult result;
    result.errors = std::move(errors);
    return result;
}

}  // namespace

LoadResult LoadWorkspace(std::string_view text, std::string_view fileName, LoadPath path, std::size_t readable)
{
    static_assert(kLoadPadding >= simdjson::SIMDJSON_PADDING);
    if (std::optional<LoadError> e = CheckFileText(text, fileName)) return Failed({std::move(*e)});
    if (path != LoadPath::Precise) {
        LoadResult fast;
        std::string_view json = text;
        if (json.substr(0, 3) == "\xEF\xBB\xBF")
            json.remove_prefix(3);  // a UTF-8 byte order mark, as nlohmann skips it
        const std::size_t readableJson = readable >= text.size() ? readable - (text.size() - json.size()) : 0;
        if (FastReader(fast.workspace).read(FileBytes(json), 0, readableJson) &&
            CheckWorkspace(fast.workspace, fileName).empty()) {
            fast.ok = true;
            return fast;
        }
        if (path == LoadPath::Fast)
            return Failed({LoadError{std::string(fileName), "", 0, 0, "not read by the fast path"}});
    }
    LoadResult result;
    WorkspaceReader reader(result.workspace, text, fileName, result.errors);
    nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &reader);
    if (result.errors.empty()) result.errors = CheckWorkspace(result.workspace, fileName);
    if (!result.errors.empty()) return Failed(std::move(result.errors));
    result.ok = true;
    return result;
}

struct StreamedLoad::Impl {
    Impl(const TextSource& source, std::string_view name) : bytes(source), fileName(name) {}
    FileBytes bytes;
    std::string fileName;
    LoadResult result;
    FastReader reader{result.workspace};
    std::optional<SteppedRead> steps;
    TextCharacters characters;  // what stage 1 met while reading (LoadResult::characters)
    enum class Phase { Read, Check, Done, Failed } phase = Phase::Failed;
    uint64_t shown = 0;  // the largest progress().done given: it never goes back
};

StreamedLoad::StreamedLoad(const TextSource& source, std::string_view fileName, std::size_t pieceBytes)
    : impl_(std::make_unique<Impl>(source, fileName))
{
    const std::size_t size = source.size();
    if (size == 0 || size > kMaxFileBytes) return;  // LoadFiles refuses it: not taken
    std::size_t begin = 0;
    if (size >= 3) {
        char head[3];
        source.copy(0, 3, head);
        if (std::string_view(head, 3) == "\xEF\xBB\xBF") begin = 3;  // a UTF-8 byte order mark, as nlohmann skips it
    }
    impl_->steps.emplace(impl_->reader, impl_->result.workspace, impl_->bytes, begin, 0, pieceBytes);
    impl_->phase = Impl::Phase::Read;
}

StreamedLoad::~StreamedLoad() = default;

bool StreamedLoad::Step(std::size_t bytes)
{
    Impl& d = *impl_;
    switch (d.phase) {
        case Impl::Phase::Read: {
            const CollectCharacters collect(d.characters);
            if (d.steps->Step(bytes > 0 ? bytes : 1))
                d.phase = d.steps->ok() ? Impl::Phase::Check : Impl::Phase::Failed;
            break;
        }
        case Impl::Phase::Check:  // a step of its own: for 100,000 resources it takes a frame or more
            d.phase = CheckWorkspace(d.result.workspace, d.fileName).empty() ? Impl::Phase::Done : Impl::Phase::Failed;
            break;
        case Impl::Phase::Done:
        case Impl::Phase::Failed: break;
    }
    if (d.phase == Impl::Phase::Failed && d.steps) {
        d.steps.reset();
        d.result = LoadResult{};  // nothing of the file is kept
    }
    return done();
}

bool StreamedLoad::done() const { return impl_->phase == Impl::Phase::Done || impl_->phase == Impl::Phase::Failed; }

LoadProgress StreamedLoad::progress() const
{
    Impl& d = *impl_;
    const uint64_t size = d.bytes.size();
    if (done()) return {size, size};
    // Never all of it before the end: the check across objects is the last step.
    uint64_t at = 0;
    if (d.steps && d.steps->unitsTotal() > 0)
        at = std::min(size - 1, size * d.steps->unitsDone() / d.steps->unitsTotal());
    d.shown = std::max(d.shown, at);
    return {d.shown, size};
}

const std::string& StreamedLoad::fileName() const { return impl_->fileName; }

std::optional<LoadResult> StreamedLoad::Finish()
{
    while (!Step(SIZE_MAX)) {}
    if (impl_->phase != Impl::Phase::Done) return std::nullopt;
    impl_->steps.reset();
    impl_->phase = Impl::Phase::Failed;  // spent: a second Finish gives nothing
    LoadResult out = std::move(impl_->result);
    out.ok = true;
    if (impl_->characters.complete()) out.characters = std::move(impl_->characters.set);
    return out;
}

std::optional<LoadResult> LoadWorkspaceStreamed(const TextSource& source, std::string_view fileName,
                                                std::size_t pieceBytes)
{
    return StreamedLoad(source, fileName, pieceBytes).Finish();
}

InputKind DetectInputKind(std::string_view text)
{
    InputKindDetector detector;
    nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &detector);
    return detector.kind.value_or(InputKind::Workspace);
}

LoadResult LoadFiles(const std::vector<std::pair<std::string, std::string>>& files, const LoadOptions& options)
{
    if (files.empty()) return Failed({LoadError{"", "", 0, 0, "no file given"}});
    LoadErrors errors;
    const std::pair<std::string, std::string>* base = nullptr;
    std::vector<std::pair<const std::pair<std::string, std::string>*, InputKind>> huawei;
    for (const auto& file : files) {
        if (std::optional<LoadError> e = CheckFileText(file.second, file.first)) {
            errors.push_back(std::move(*e));
            continue;
        }
        const InputKind kind = DetectInputKind(file.second);
        if (kind != InputKind::Workspace) huawei.emplace_back(&file, kind);
        else if (!base) base = &file;
        else
            errors.push_back(
                {file.first, "", 0, 0,
                 "only one quotedesk/1 workspace can be opened at a time (already opening " + base->first + ")"});
    }
    if (!errors.empty()) return Failed(std::move(errors));

    LoadResult result;
    if (base) {
        result = LoadWorkspace(base->second, base->first, LoadPath::Auto, base->second.capacity());
        if (!result.ok || huawei.empty()) return result;
    }
#ifdef QD_HAVE_HUAWEI_IMPORT
    // By kind, whatever order the files came in: renewal prices need the resources they price.
    // By kind, then by name, so that the same files give the same workspace in any order.
    std::stable_sort(huawei.begin(), huawei.end(), [](const auto& a, const auto& b) {
        return std::pair(HuaweiImportRank(a.second), std::string_view(a.first->first)) <
               std::pair(HuaweiImportRank(b.second), std::string_view(b.first->first));
    });
    struct Pages {
        int64_t total = -1;  // the largest total_count seen
        std::set<std::string> ids;
        std::vector<std::string> files;
    };
    std::map<std::pair<InputKind, std::string>, Pages> pages;  // (kind, order id for details) -> pages
    bool needsPeriod = false;
    for (const auto& [file, kind] : huawei) {
        HuaweiFileReport report;
        // The index is rebuilt once, by CheckWorkspace below, not once per page (docs/huawei-data.md §7).
        LoadErrors e = MergeHuawei(kind, file->second, file->first, result.workspace, options, &report);
        needsPeriod = needsPeriod || report.needs_period;
        errors.insert(errors.end(), std::make_move_iterator(e.begin()), std::make_move_iterator(e.end()));
        if (!e.empty()) continue;
        result.records += report.read;
        result.skipped += report.skipped;
        result.warnings.insert(result.warnings.end(), std::make_move_iterator(report.warnings.begin()),
                               std::make_move_iterator(report.warnings.end()));
        if (kind == InputKind::HuaweiRenewPrices || (kind == InputKind::HuaweiOrderDetails && report.order_id.empty()))
            continue;
        Pages& p = pages[{kind, report.order_id}];
        if (report.total_count) p.total = std::max(p.total, *report.total_count);
        p.ids.insert(report.ids.begin(), report.ids.end());
        p.files.push_back(file->first);
    }
    for (const auto& [key, p] : pages) {
        if (p.total < 0 || static_cast<int64_t>(p.ids.size()) >= p.total) continue;
        const std::string what = key.first == InputKind::HuaweiOrders ? "orders (ListCustomerOrders)"
                                 : key.first == InputKind::HuaweiResources
                                     ? "resources (ListPayPerUseCustomerResources)"
                                     : "lines of order " + key.second + " (ShowCustomerOrderDetails)";
        std::string names;
        for (const std::string& f : p.files) names += (names.empty() ? "" : ", ") + f;
        result.warnings.push_back(
            {p.files.front(), "/total_count", 0, 0,
             "total_count says " + std::to_string(p.total) + " " + what + ", " + std::to_string(p.ids.size()) +
                 " arrived in " + std::to_string(p.files.size()) + (p.files.size() == 1 ? " file" : " files") + " (" +
                 names + "): a page is missing; fetch it with a larger offset (limit/offset, docs/huawei-data.md)"});
    }
#else
    for (const auto& [file, kind] : huawei) {
        (void)kind;
        errors.push_back({file->first, "", 0, 0, "Huawei import not built yet"});
    }
#endif
    if (errors.empty()) {
        // The pointers of these errors are into the merged workspace (as it would be saved), not into
        // any one file, so the errors name "(merged workspace)" and the object, to find it in the responses.
        errors = CheckWorkspace(result.workspace, kMergedWorkspace);
        for (LoadError& e : errors) e.message += ObjectNamed(result.workspace, e.pointer);
    }
    if (!errors.empty()) {
        LoadResult failed = Failed(std::move(errors));
#ifdef QD_HAVE_HUAWEI_IMPORT
        failed.needs_renew_rate_period = needsPeriod;
#endif
        return failed;
    }
#ifdef QD_HAVE_HUAWEI_IMPORT
    for (LoadError& w : UnlinkedLines(result.workspace)) result.warnings.push_back(std::move(w));
#endif
    result.ok = true;
    return result;
}

LoadErrors CheckWorkspace(Workspace& ws, std::string_view fileName)
{
    // What Reindex meets on its way (the duplicated ids, each resource's main) is what the checks
    // below ask: they read it rather than look every id up a second time (docs/performance.md
    // "Where the remaining time goes"). Every message and its order are those of the lookups.
    ReindexReport report;
    ws.Reindex(report);
    LoadErrors errors;
    const auto add = [&](std::string pointer, std::string message) {
        if (errors.size() < kMaxLoadErrors)
            errors.push_back({std::string(fileName), std::move(pointer), 0, 0, std::move(message)});
    };
    const auto at = [](std::string_view array, std::size_t i, std::string_view member) {
        std::string p;
        AppendPointerToken(p, array);
        AppendPointerIndex(p, i);
        AppendPointerToken(p, member);
        return p;
    };
    const auto quoted = [](std::string_view id) {
        std::string out;
        AppendJsonString(out, id);
        return out;
    };

    // Empty ids, then duplicates, in position order: the index keeps the first occurrence of each id,
    // and Reindex listed the later ones (an empty id after the first empty one is among them, but
    // only its emptiness is reported).
    const auto duplicates = [&](const auto& items, const std::vector<ReindexReport::Duplicate>& repeated,
                                std::string_view array, std::string_view idName, auto id) {
        auto next = repeated.begin();
        for (std::size_t i = 0; i < items.size(); ++i) {
            const bool isRepeated = next != repeated.end() && next->position == i;
            const std::size_t first = isRepeated ? next->first : i;
            if (isRepeated) ++next;
            if (id(items[i]).empty()) {
                add(at(array, i, idName), "expected a non-empty " + std::string(idName) + ", got \"\"");
                continue;
            }
            if (first != i) {
                std::string firstAt;
                AppendPointerToken(firstAt, array);
                AppendPointerIndex(firstAt, first);
                add(at(array, i, idName),
                    "duplicate " + std::string(idName) + " " + quoted(id(items[i])) + " (first at " + firstAt + ")");
            }
        }
    };
    duplicates(ws.products, report.products, "products", "product_id",
               [](const Product& p) -> const std::string& { return p.product_id; });
    duplicates(ws.resources, report.resources, "resources", "resource_id",
               [](const Resource& r) -> const std::string& { return r.resource_id; });
    duplicates(ws.orders, report.orders, "orders", "order_id",
               [](const Order& o) -> const std::string& { return o.order_id; });
    duplicates(ws.coupons, report.coupons, "coupons", "coupon_id",
               [](const Coupon& c) -> const std::string& { return c.coupon_id; });
    duplicates(ws.export_records, report.export_records, "export_records", "id",
               [](const ExportRecord& e) -> const std::string& { return e.id; });

    // Each resource's product and main resource, as Reindex found them by id (index.product_of,
    // report.main_of: kNone = no record has that id).
    for (std::size_t i = 0; i < ws.resources.size(); ++i) {
        const Resource& r = ws.resources[i];
        if (ws.index.product_of[i] == WorkspaceIndex::kNone)
            add(at("resources", i, "product_id"), "unknown product_id " + quoted(r.product_id));
        if (!r.main_resource_id) continue;
        const uint32_t mainAt = report.main_of[i];
        if (mainAt == WorkspaceIndex::kNone)
            add(at("resources", i, "main_resource_id"), "unknown main_resource_id " + quoted(*r.main_resource_id));
        else if (mainAt == i) add(at("resources", i, "main_resource_id"), "a resource cannot be its own main resource");
        else if (const Resource& main = ws.resources[mainAt]; !main.isMain())  // one level only: no cycles
            add(at("resources", i, "main_resource_id"), "resource " + quoted(main.resource_id) +
                                                            " is not a main resource (it is attached to " +
                                                            quoted(*main.main_resource_id) + ")");
    }

    for (std::size_t i = 0; i < ws.orders.size(); ++i) {
        const Order& o = ws.orders[i];
        if (o.combined_order_id) {
            const Order* combined = ws.findOrder(*o.combined_order_id);
            if (!combined)
                add(at("orders", i, "combined_order_id"), "unknown combined_order_id " + quoted(*o.combined_order_id));
            else if (combined == &o)
                add(at("orders", i, "combined_order_id"), "an order cannot be its own combined order");
            else if (combined->combined_order_id)
                add(at("orders", i, "combined_order_id"), "order " + quoted(combined->order_id) +
                                                              " is not a combined trade order (it belongs to " +
                                                              quoted(*combined->combined_order_id) + ")");
        }
        // Open orders that act on an existing yearly/monthly resource need it; history (completed,
        // cancelled) may name released resources, and a new purchase names one not created yet.
        const bool needsResource =
            o.isOpen() && (o.order_type == OrderType::Renewal || o.order_type == OrderType::Change ||
                           o.order_type == OrderType::Unsubscribe || o.order_type == OrderType::ToOnDemand);
        // The line's pointer is spelled only for a message: most workspaces have none.
        const auto itemAt = [&](std::size_t j, std::string_view member) {
            std::string p = at("orders", i, "items");
            AppendPointerIndex(p, j);
            AppendPointerToken(p, member);
            return p;
        };
        for (std::size_t j = 0; j < o.items.size(); ++j) {
            const OrderItem& item = o.items[j];
            if (item.product_id && !ws.positionOfProduct(*item.product_id))
                add(itemAt(j, "product_id"), "unknown product_id " + quoted(*item.product_id));
            if (needsResource && item.resource_id && !ws.positionOfResource(*item.resource_id))
                add(itemAt(j, "resource_id"), "unknown resource_id " + quoted(*item.resource_id) + " (an open " +
                                                  std::string(ToString(o.order_type)) +
                                                  " order must name a resource of this workspace)");
        }
    }
    return errors;
}

// [SECTION] memory for an open (load.h CheckOpenMemory)

OpenMemoryCheck CheckOpenMemory(uint64_t fileBytes, uint64_t heapInUse, uint64_t heapCeiling)
{
    OpenMemoryCheck check;
    // Saturating: a byte count near 2^64 must not wrap into a small need.
    check.needed = fileBytes > UINT64_MAX / kOpenBytesPerFileByte ? UINT64_MAX : fileBytes * kOpenBytesPerFileByte;
    check.available = heapCeiling > heapInUse ? heapCeiling - heapInUse : 0;
    check.fits = check.needed <= check.available;
    return check;
}

}  // namespace qd
