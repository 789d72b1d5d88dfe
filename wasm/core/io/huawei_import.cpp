// huawei_import.cpp: see huawei_import.h. A response is read into a tree of its values (JsonTree) by
// simdjson's On-Demand parser (the fast path) or, when that stops, by nlohmann's SAX parser (the
// precise reader, which says what is wrong and where); the record readers read only the tree, so
// each member's meaning is written once (docs/huawei-data.md §7). Numbers other than 64-bit integers
// keep their exact text, so amounts are never floats. Each response is read into staging vectors
// first and merged only when it had no error.
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] code tables (docs/huawei-data.md)
//   [SECTION] reading: the response as a tree, built by simdjson (fast) or nlohmann (precise)
//   [SECTION] staging: what one response contributes
//   [SECTION] merging
//   [SECTION] linking order lines to resources (see huawei_import.h)
//   [SECTION] what is missing
#include "core/io/huawei_import.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "core/io/json_structure.h"
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

// [SECTION] reading: the response as a tree, built by simdjson (fast) or nlohmann (precise)
//
// Both readers build the same JsonTree, and the record readers further down read only that tree, so
// what each member means is written once, whichever parser read the text (docs/huawei-data.md §7).
// The fast path (simdjson On-Demand) reports nothing: at the first problem of the text it stops and
// the precise reader (nlohmann's SAX parser) reads the text again and says what and where.

// One JSON value of a response. Numbers are kept as nlohmann hands them over: an integer that fits
// 64 bits by value (so `-0` is 0), any other number (a fraction, an exponent, a longer integer) as
// its exact text, so amounts are never floats.
struct JsonNode {
    enum class Type : std::uint8_t { Null, Boolean, Integer, Unsigned, Number, String, Object, Array };
    Type type = Type::Null;
    bool boolean = false;
    std::uint32_t count = 0;             // Object: its members; Array: its elements
    std::int64_t integer = 0;            // Integer; Unsigned (above INT64_MAX) as its bits
    std::string_view key;                // the member's name, when inside an object
    std::string_view text;               // String: its characters, unescaped; Number: as written
    const JsonNode* children = nullptr;  // Object / Array: `count` of them, in document order

    bool is_null() const { return type == Type::Null; }
    bool is_string() const { return type == Type::String; }
    bool is_object() const { return type == Type::Object; }
    bool is_array() const { return type == Type::Array; }
    bool is_number_integer() const { return type == Type::Integer || type == Type::Unsigned; }
    std::size_t size() const { return count; }
    const JsonNode& operator[](std::size_t i) const { return children[i]; }
    // The member `name` of an object (nullptr when absent, or when this is no object).
    const JsonNode* find(std::string_view name) const
    {
        if (type != Type::Object) return nullptr;
        for (std::uint32_t i = 0; i < count; ++i)
            if (children[i].key == name) return &children[i];
        return nullptr;
    }
    bool contains(std::string_view name) const { return find(name) != nullptr; }
};

// Memory handed out in blocks that never move, so a node's children and the texts it points to stay
// where they are while the rest of the tree is built.
template <class T>
class Blocks {
public:
    T* take(std::size_t n)
    {
        if (n > left_) {
            const std::size_t size = std::max<std::size_t>(n, kBlock);
            blocks_.push_back(std::make_unique<T[]>(size));
            next_ = blocks_.back().get();
            left_ = size;
        }
        T* out = next_;
        next_ += n;
        left_ -= n;
        return out;
    }

private:
    static constexpr std::size_t kBlock = 65536 / sizeof(T) > 0 ? 65536 / sizeof(T) : 1;
    std::vector<std::unique_ptr<T[]>> blocks_;
    T* next_ = nullptr;
    std::size_t left_ = 0;
};

// A response as a tree of JsonNode, built value by value in document order by either reader. It
// refuses what the quotedesk/1 reader refuses too (load.h): a member repeated in one object, nesting
// deeper than kMaxNesting.
class JsonTree {
public:
    const JsonNode& root() const { return root_; }
    std::size_t depth() const { return open_.size(); }
    bool inArray() const { return !open_.empty() && open_.back().node.type == JsonNode::Type::Array; }
    std::size_t valuesInOpen() const { return pending_.size() - open_.back().first; }  // so far, in the innermost
    std::string_view currentKey() const { return key_; }

    // A copy of `s` owned by the tree (the precise reader's texts are temporaries).
    std::string_view keep(std::string_view s)
    {
        if (s.empty()) return {};
        char* to = chars_.take(s.size());
        std::memcpy(to, s.data(), s.size());
        return {to, s.size()};
    }
    // The name of the next member of the open object; false when the object already has one so named.
    bool key(std::string_view name)
    {
        for (std::size_t i = open_.back().first; i < pending_.size(); ++i)
            if (pending_[i].key == name) return false;
        key_ = name;
        return true;
    }
    void add(JsonNode value)
    {
        value.key = open_.empty() || inArray() ? std::string_view() : key_;
        place(value);
    }
    // false (and nothing opened) when that would nest deeper than kMaxNesting
    bool open(JsonNode::Type type)
    {
        if (open_.size() >= static_cast<std::size_t>(kMaxNesting)) return false;
        JsonNode node;
        node.type = type;
        if (!open_.empty() && !inArray()) node.key = key_;
        open_.push_back({node, pending_.size()});
        return true;
    }
    void close()
    {
        Open o = open_.back();
        open_.pop_back();
        const std::size_t n = pending_.size() - o.first;
        JsonNode* children = n > 0 ? nodes_.take(n) : nullptr;
        std::copy(pending_.begin() + static_cast<std::ptrdiff_t>(o.first), pending_.end(), children);
        pending_.resize(o.first);
        o.node.count = static_cast<std::uint32_t>(n);
        o.node.children = children;
        place(o.node);
    }

private:
    void place(JsonNode value)
    {
        if (open_.empty()) {
            root_ = value;
            return;
        }
        pending_.push_back(value);  // a container keeps the key it was opened with (key_ is the last inside it)
    }

    struct Open {
        JsonNode node;
        std::size_t first;  // its first value in pending_
    };
    JsonNode root_;
    std::vector<JsonNode> pending_;  // the values of the open containers, innermost last
    std::vector<Open> open_;
    std::string_view key_;
    Blocks<JsonNode> nodes_;
    Blocks<char> chars_;
};

// The precise reader: nlohmann's SAX events into a JsonTree, every problem with its message: a syntax
// error at its byte offset, a repeated member or too deep a nesting at its JSON pointer.
class PreciseTreeReader {
public:
    explicit PreciseTreeReader(JsonTree& tree) : tree_(tree) {}

    bool null() { return scalar(JsonNode::Type::Null); }
    bool boolean(bool b)
    {
        JsonNode v;
        v.type = JsonNode::Type::Boolean;
        v.boolean = b;
        tree_.add(v);
        return true;
    }
    bool number_integer(std::int64_t n)
    {
        JsonNode v;
        v.type = JsonNode::Type::Integer;
        v.integer = n;
        tree_.add(v);
        return true;
    }
    bool number_unsigned(std::uint64_t n)
    {
        JsonNode v;
        v.type = n > static_cast<std::uint64_t>(INT64_MAX) ? JsonNode::Type::Unsigned : JsonNode::Type::Integer;
        v.integer = static_cast<std::int64_t>(n);
        tree_.add(v);
        return true;
    }
    bool number_float(double, const std::string& text)
    {
        JsonNode v;
        v.type = JsonNode::Type::Number;
        v.text = tree_.keep(text);
        tree_.add(v);
        return true;
    }
    bool string(std::string& s)
    {
        JsonNode v;
        v.type = JsonNode::Type::String;
        v.text = tree_.keep(s);
        tree_.add(v);
        return true;
    }
    bool binary(nlohmann::json::binary_t&) { return scalar(JsonNode::Type::Null); }  // never in JSON text
    bool start_object(std::size_t) { return open(JsonNode::Type::Object); }
    bool key(std::string& k)
    {
        if (!tree_.key(tree_.keep(k))) {
            error_ = "duplicate member \"" + k + "\"";
            for (const std::string& token : path_) AppendPointerToken(pointer_, token);
            AppendPointerToken(pointer_, k);
            return false;
        }
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(JsonNode::Type::Array); }
    bool end_array() { return close(); }
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
    bool scalar(JsonNode::Type type)
    {
        JsonNode v;
        v.type = type;
        tree_.add(v);
        return true;
    }
    bool open(JsonNode::Type type)
    {
        if (tree_.depth() >= static_cast<std::size_t>(kMaxNesting)) {
            error_ = "nesting deeper than " + std::to_string(kMaxNesting) + " levels";
            // the top-level member it is in (the full pointer would be as long as the nesting)
            pointer_ = "/" + path_.front();
            return false;
        }
        if (tree_.depth() > 0)
            path_.push_back(tree_.inArray() ? std::to_string(tree_.valuesInOpen()) : std::string(tree_.currentKey()));
        tree_.open(type);
        return true;
    }
    bool close()
    {
        tree_.close();
        if (!path_.empty()) path_.pop_back();
        return true;
    }

    JsonTree& tree_;
    std::vector<std::string> path_;  // reference tokens (unescaped) of the open containers below the root
    std::string error_;
    std::string pointer_;
    std::size_t position_ = 0;
};

// A number token as nlohmann classifies it (see JsonNode); false for what nlohmann refuses: not the
// number grammar, or too large for a double (1e400).
bool ReadNumber(std::string_view raw, JsonNode& out)
{
    if (!IsJsonNumber(raw)) return false;
    if (raw.find_first_of(".eE") == std::string_view::npos) {
        if (raw.front() == '-') {
            std::int64_t v = 0;
            if (std::from_chars(raw.data(), raw.data() + raw.size(), v).ec == std::errc()) {
                out.type = JsonNode::Type::Integer;
                out.integer = v;
                return true;
            }
        } else {
            std::uint64_t v = 0;
            if (std::from_chars(raw.data(), raw.data() + raw.size(), v).ec == std::errc()) {
                out.type =
                    v > static_cast<std::uint64_t>(INT64_MAX) ? JsonNode::Type::Unsigned : JsonNode::Type::Integer;
                out.integer = static_cast<std::int64_t>(v);
                return true;
            }
        }
        // an integer beyond 64 bits: nlohmann reads it as a floating-point number (IsJsonNumber: finite)
    }
    out.type = JsonNode::Type::Number;
    out.text = raw;
    return true;
}

// The fast path: simdjson On-Demand into a JsonTree. It owns the padded copy of the text and the
// parser, whose buffers the tree's texts point into. A response larger than kFastPathMaxBytes is left
// to the precise reader: simdjson's parser needs about 5.7 bytes per byte of text up front, and the
// wasm heap never shrinks (docs/huawei-data.md §7: a 7.8 MB page read fast left a heap of 117 MB, 70
// before). A real page, 500 resources at most, is under 0.5 MB.
class FastTreeReader {
public:
    static constexpr std::size_t kFastPathMaxBytes = std::size_t{4} << 20;

    // false at the first problem of any kind; the tree is then incomplete
    bool read(std::string_view text)
    {
        if (text.size() > kFastPathMaxBytes) return false;
        ChooseStage1Once();  // the browser's SIMD stage 1, as the workspace reader's (json_structure.h)
        padded_ = simdjson::padded_string(text);
        simdjson::ondemand::document doc;
        simdjson::ondemand::object root;
        if (parser_.iterate(padded_).get(doc) || doc.get_object().get(root)) return false;
        if (!tree_.open(JsonNode::Type::Object) || !members(root)) return false;
        tree_.close();
        // nothing may follow the root object
        return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
    }
    const JsonTree& tree() const { return tree_; }

private:
    bool members(simdjson::ondemand::object object)
    {
        for (auto item : object) {
            simdjson::ondemand::field field;
            std::string_view key;
            if (std::move(item).get(field) || field.unescaped_key().get(key) || !tree_.key(key) ||
                !value(field.value()))
                return false;
        }
        return true;
    }
    bool value(simdjson::ondemand::value v)
    {
        using simdjson::ondemand::json_type;
        json_type type;
        if (v.type().get(type)) return false;
        JsonNode node;
        switch (type) {
            case json_type::object: {
                simdjson::ondemand::object object;
                if (v.get_object().get(object) || !tree_.open(JsonNode::Type::Object) || !members(object)) return false;
                tree_.close();
                return true;
            }
            case json_type::array: {
                simdjson::ondemand::array array;
                if (v.get_array().get(array) || !tree_.open(JsonNode::Type::Array)) return false;
                for (auto item : array) {
                    simdjson::ondemand::value element;
                    if (std::move(item).get(element) || !value(element)) return false;
                }
                tree_.close();
                return true;
            }
            case json_type::string:
                node.type = JsonNode::Type::String;
                if (v.get_string().get(node.text)) return false;
                break;
            case json_type::number: {
                std::string_view raw = v.raw_json_token();
                while (!raw.empty() &&
                       (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
                    raw.remove_suffix(1);
                if (!ReadNumber(raw, node)) return false;
                break;
            }
            case json_type::boolean:
                node.type = JsonNode::Type::Boolean;
                if (v.get_bool().get(node.boolean)) return false;
                break;
            case json_type::null: {
                bool isNull = false;
                if (v.is_null().get(isNull) || !isNull) return false;
                break;
            }
            default: return false;
        }
        tree_.add(node);
        return true;
    }

    simdjson::padded_string padded_;
    simdjson::ondemand::parser parser_;
    JsonTree tree_;
};

// The exact text of a number value (integer or not), or nullopt when v is not a number.
std::optional<std::string> NumberText(const JsonNode& v)
{
    switch (v.type) {
        case JsonNode::Type::Integer: return std::to_string(v.integer);
        case JsonNode::Type::Unsigned: return std::to_string(static_cast<std::uint64_t>(v.integer));
        case JsonNode::Type::Number: return std::string(v.text);
        default: return std::nullopt;
    }
}

std::string Describe(const JsonNode& v)
{  // ", got ..." for messages
    if (auto number = NumberText(v)) return ", got " + *number;
    if (v.is_object()) return ", got an object";
    if (v.is_array()) return ", got an array";
    std::string shown = v.is_string()                       ? nlohmann::json(std::string(v.text)).dump()
                        : v.type == JsonNode::Type::Boolean ? (v.boolean ? "true" : "false")
                                                            : "null";
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
    const JsonNode* member(const JsonNode& o, std::string_view key, const std::string& pointer, bool required)
    {
        const JsonNode* it = o.find(key);
        if (!it || it->is_null()) {  // worded like the quotedesk/1 loader's messages
            if (required && !it) fail(pointer, "missing required member \"" + std::string(key) + "\"");
            else if (required) fail(At(pointer, key), "required, got null");
            return nullptr;
        }
        return it;
    }

    std::optional<std::string> text(const JsonNode& o, std::string_view key, const std::string& pointer,
                                    bool required = false)
    {
        const JsonNode* v = member(o, key, pointer, required);
        if (!v) return std::nullopt;
        if (!v->is_string()) {
            fail(At(pointer, key), "expected a string" + Describe(*v));
            return std::nullopt;
        }
        return std::string(v->text);
    }

    std::optional<int64_t> integer(const JsonNode& o, std::string_view key, const std::string& pointer,
                                   bool required = false)
    {
        const JsonNode* v = member(o, key, pointer, required);
        if (!v) return std::nullopt;
        if (v->is_number_integer()) {
            if (v->type == JsonNode::Type::Unsigned) {  // above INT64_MAX
                fail(At(pointer, key), "expected an integer" + Describe(*v));
                return std::nullopt;
            }
            return v->integer;
        }
        // BSS is not consistent about int vs string ("measure_id", request echoes): accept "3" too.
        if (v->is_string()) {
            const std::string_view s = v->text;
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
    std::optional<Money> amount(const JsonNode& o, std::string_view key, const std::string& pointer,
                                bool required = false, bool mayBeNegative = false)
    {
        const JsonNode* v = member(o, key, pointer, required);
        if (!v) return std::nullopt;
        std::optional<std::string> lexeme = NumberText(*v);
        if (!lexeme && v->is_string()) lexeme = std::string(v->text);
        if (!lexeme) {
            fail(At(pointer, key), "expected an amount like 279.41" + Describe(*v));
            return std::nullopt;
        }
        MoneyParse m = ParseMoneyRounded(*lexeme, rounding_);
        if (!m) {
            fail(At(pointer, key), m.error);
            return std::nullopt;
        }
        if (m.value.isNegative() && !mayBeNegative) {
            fail(At(pointer, key), "expected an amount >= 0" + Describe(*v));
            return std::nullopt;
        }
        return m.value;
    }

    std::optional<Instant> instant(const JsonNode& o, std::string_view key, const std::string& pointer,
                                   bool required = false)
    {
        if (const JsonNode* v = member(o, key, pointer, false); v && !v->is_string()) {
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
    const JsonNode* array(const JsonNode& o, std::string_view key, const std::string& pointer, bool required = false)
    {
        static const JsonNode kEmpty = [] {
            JsonNode empty;
            empty.type = JsonNode::Type::Array;
            return empty;
        }();
        const JsonNode* v = member(o, key, pointer, required);
        if (!v) return required ? nullptr : &kEmpty;
        if (!v->is_array()) {
            fail(At(pointer, key), "expected an array" + Describe(*v));
            return nullptr;
        }
        return v;
    }

    bool object(const JsonNode& v, const std::string& pointer)
    {
        if (v.is_object()) return true;
        fail(pointer, "expected an object" + Describe(v));
        return false;
    }

    // Turns the errors since `before` into warnings: the record they are about is skipped
    // (docs/huawei-data.md "Partial import"), `what` names it, e.g. "order CS1 skipped".
    void skipSince(std::size_t before, const std::string& what)
    {
        for (std::size_t i = before; i < errors.size(); ++i) {
            LoadError w = std::move(errors[i]);
            w.message += "; " + what;
            warnings.push_back(std::move(w));
        }
        errors.resize(before);
        ++skipped;
    }
    void warn(std::string pointer, std::string message)
    {
        warnings.push_back(LoadError{file_, std::move(pointer), 0, 0, OneLine(message)});
    }

    LoadErrors errors;
    LoadErrors warnings;
    std::size_t skipped = 0;  // records skipped
    std::size_t read = 0;     // records read

private:
    std::string file_;
    Rounding rounding_;
};

template <class T>
std::optional<T> Code(Reader& r, const JsonNode& o, std::string_view key, const std::string& pointer, bool required,
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
    struct Rate {
        std::string resourceId;
        std::string pointer;
        RenewRate rate;
    };
    std::vector<Rate> rates;
};

void NoteCustomer(Reader& r, Staged& s, const JsonNode& o, const std::string& pointer)
{
    std::optional<std::string> id = r.text(o, "customer_id", pointer);
    if (!id || id->empty()) return;
    if (s.customerId.empty()) {
        s.customerId = *id;
        s.customerPointer = Reader::At(pointer, "customer_id");
    } else if (s.customerId != *id)
        r.warn(Reader::At(pointer, "customer_id"),
               "customer " + *id + " is not the customer of " + s.customerPointer + " (" + s.customerId + ")");
}

bool MayBeNegative(OrderType t) { return t == OrderType::Unsubscribe || t == OrderType::FeeAdjustment; }

// AmountInfomationV2 of an order or line (docs/huawei-data.md "Amounts"): the coupon and card parts,
// the discounts by type, and an unsubscription's fee and consumed amount.
struct AmountInfo {
    bool present = false;
    PaidBreakdown parts;  // cash left 0: it is the order's amount_after_discount
    std::vector<Discount> discounts;
    std::optional<Money> fee, consumed;
};

AmountInfo ReadAmountInfo(Reader& r, const JsonNode& o, const std::string& pointer)
{
    AmountInfo out;
    const JsonNode* info = r.member(o, "amount_info", pointer, false);
    if (!info) return out;
    const std::string p = Reader::At(pointer, "amount_info");
    if (!r.object(*info, p)) return out;
    out.present = true;
    out.parts.voucher = r.amount(*info, "coupon_amount", p).value_or(Money());
    out.parts.flexi_coupon = r.amount(*info, "flexipurchase_coupon_amount", p).value_or(Money());
    out.parts.stored_card = r.amount(*info, "stored_card_amount", p).value_or(Money());
    out.fee = r.amount(*info, "commission_amount", p);
    out.consumed = r.amount(*info, "consumed_amount", p);
    const JsonNode* discounts = r.array(*info, "discounts", p);
    for (std::size_t i = 0; discounts && i < discounts->size(); ++i) {
        std::string dp = Reader::At(p, "discounts");
        AppendPointerIndex(dp, i);
        const JsonNode& d = (*discounts)[i];
        if (!r.object(d, dp)) continue;
        Discount discount;
        const JsonNode* type = r.member(d, "discount_type", dp, true);
        if (type && type->is_string()) discount.type = std::string(type->text);
        else if (type && type->is_number_integer()) discount.type = *NumberText(*type);  // some SDKs send an integer
        else if (type)
            r.fail(Reader::At(dp, "discount_type"), "expected a discount type like \"700\"" + Describe(*type));
        discount.amount = r.amount(d, "discount_amount", dp).value_or(Money());
        if (discount.type == "300") out.parts.discount_coupon += discount.amount;  // 促销折扣券
        out.discounts.push_back(std::move(discount));
    }
    return out;
}

// The amounts of an order or line, as docs/huawei-data.md "Amounts" maps them:
//   订单金额 official_amount; 实付金额 paid.cash = amount_after_discount (不含券不含卡);
//   应付金额 (quotedesk/1 amount_after_discount) = 实付 + voucher + flexi coupon + stored card.
struct Amounts {
    std::optional<Money> official;
    Money due;
    std::optional<PaidBreakdown> paid;
    AmountInfo info;
};

std::optional<Amounts> ReadAmounts(Reader& r, const JsonNode& o, const std::string& pointer, OrderType type,
                                   bool required)
{
    const std::size_t before = r.errors.size();
    Amounts out;
    const bool negative = MayBeNegative(type);
    out.official = r.amount(o, "official_amount", pointer, false, negative);
    std::optional<Money> cash = r.amount(o, "amount_after_discount", pointer, required, negative);
    out.info = ReadAmountInfo(r, o, pointer);
    if (r.errors.size() != before) return std::nullopt;
    if (!cash) return out;
    out.due = *cash + out.info.parts.voucher + out.info.parts.flexi_coupon + out.info.parts.stored_card;
    if (out.info.present) {
        PaidBreakdown paid = out.info.parts;
        paid.cash = *cash;
        out.paid = paid;
    }
    return out;
}

void ReadEnterpriseProject(Reader& r, const JsonNode& o, const std::string& pointer, EnterpriseProject& out)
{
    if (auto id = r.text(o, "id", pointer)) out.id = *id;
    if (auto name = r.text(o, "name", pointer)) out.name = *name;
}

// The scalar fields CustomerOrderV2 / SubCustomerOrderV2 / CustomerOrderV3 share.
std::optional<Order> ReadOrder(Reader& r, Staged& s, const JsonNode& o, const std::string& pointer)
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
    if (r.errors.size() == before) {  // the amounts' sign depends on the order type
        if (std::optional<Amounts> a = ReadAmounts(r, o, pointer, order.order_type, true)) {
            order.official_amount = a->official;
            order.amount_after_discount = a->due;
            order.paid = a->paid;
            order.discounts = std::move(a->info.discounts);
            if (order.order_type == OrderType::Unsubscribe) {
                order.fee = a->info.fee;
                order.consumed = a->info.consumed;
            }
        }
    }
    if (auto c = r.text(o, "currency", pointer); c && !c->empty())
        order.currency = *c;  // empty = RMB on the Chinese site (docs/huawei-data.md "Currency")
    if (auto n = r.text(o, "service_type_name", pointer)) order.service_type_name = *n;
    if (auto c = r.text(o, "contract_id", pointer)) order.contract_id = *c;
    if (const JsonNode* eps = r.array(o, "enterprise_projects", pointer)) {
        const std::string ep = Reader::At(pointer, "enterprise_projects");
        for (std::size_t i = 0; i < eps->size(); ++i) {
            std::string p = ep;
            AppendPointerIndex(p, i);
            if (!r.object((*eps)[i], p)) continue;
            EnterpriseProject project;
            ReadEnterpriseProject(r, (*eps)[i], p, project);
            if (!project.id.empty() || !project.name.empty()) order.enterprise_projects.push_back(std::move(project));
        }
    }
    NoteCustomer(r, s, o, pointer);
    if (r.errors.size() != before) return std::nullopt;
    return order;
}

// "order CS1 skipped" / "the record skipped" for a warning.
std::string SkippedWhat(const JsonNode& o, std::string_view idKey, std::string_view what)
{
    if (o.is_object())
        if (const JsonNode* it = o.find(idKey); it && it->is_string())
            return std::string(what) + " " + std::string(it->text) + " skipped";
    return std::string(what) + " skipped";
}

// Stages `order` and its sub-orders (sub_order_infos of a combined trade order); a sub-order that
// cannot be read is skipped with a warning.
void StageOrderWithSubs(Reader& r, Staged& s, const JsonNode& o, const std::string& pointer, Order order, bool detailed)
{
    const std::string parentId = order.order_id;
    s.orders.push_back(std::move(order));
    s.detailed.push_back(detailed);
    const std::string subsPointer = Reader::At(pointer, "sub_order_infos");
    const std::size_t before = r.errors.size();
    const JsonNode* subs = r.array(o, "sub_order_infos", pointer);
    if (!subs) {
        r.skipSince(before, "its sub-orders skipped");
        return;
    }
    for (std::size_t i = 0; i < subs->size(); ++i) {
        std::string p = subsPointer;
        AppendPointerIndex(p, i);
        const std::size_t mark = r.errors.size();
        if (std::optional<Order> sub = ReadOrder(r, s, (*subs)[i], p)) {
            sub->combined_order_id = parentId;
            s.orders.push_back(std::move(*sub));
            s.detailed.push_back(false);
            ++r.read;
        } else {
            r.skipSince(mark, SkippedWhat((*subs)[i], "order_id", "sub-order"));
        }
    }
}

void ReadOrders(Reader& r, Staged& s, const JsonNode& root, HuaweiFileReport& report)
{
    const JsonNode* infos = r.array(root, "order_infos", "", true);
    if (!infos) return;
    for (std::size_t i = 0; i < infos->size(); ++i) {
        std::string p = "/order_infos";
        AppendPointerIndex(p, i);
        const JsonNode& o = (*infos)[i];
        const JsonNode* idNode = o.find("order_id");
        report.ids.push_back(idNode && idNode->is_string() ? std::string(idNode->text) : "#" + p);
        const std::size_t before = r.errors.size();
        if (std::optional<Order> order = ReadOrder(r, s, o, p)) {
            ++r.read;
            StageOrderWithSubs(r, s, o, p, std::move(*order), false);
        } else {
            r.skipSince(before, SkippedWhat(o, "order_id", "order"));
        }
    }
}

void ReadOrderDetails(Reader& r, Staged& s, const JsonNode& root, HuaweiFileReport& report)
{
    const JsonNode* info = r.member(root, "order_info", "", true);
    if (!info) return;
    const std::size_t before = r.errors.size();
    std::optional<Order> order = ReadOrder(r, s, *info, "/order_info");
    if (order) {
        if (auto user = r.text(*info, "user_name", "/order_info")) order->created_by = *user;
        order->pending_payment_end_time = r.instant(*info, "pending_payment_end_time", "/order_info");
        // as quotedesk/1 requires
        if (order->pending_payment_end_time && *order->pending_payment_end_time < order->create_time)
            r.fail("/order_info/pending_payment_end_time", "must not be before create_time");
    }
    if (r.errors.size() != before || !order) {
        r.skipSince(before, SkippedWhat(*info, "order_id", "order") + " with its lines");
        return;
    }
    ++r.read;
    report.order_id = order->order_id;

    const JsonNode* lines = r.array(root, "order_line_items", "");
    for (std::size_t i = 0; lines && i < lines->size(); ++i) {
        std::string p = "/order_line_items";
        AppendPointerIndex(p, i);
        const JsonNode& line = (*lines)[i];
        const std::size_t mark = r.errors.size();
        if (!r.object(line, p)) {
            r.skipSince(mark, "line skipped");
            continue;
        }
        std::string lineId = r.text(line, "order_line_item_id", p).value_or("");
        report.ids.push_back(lineId.empty() ? "#" + p : lineId);
        OrderItem item;
        item.product_id = r.text(line, "product_id", p);
        item.period = Code<ItemPeriod>(r, line, "period_type", p, false, HuaweiPeriodType, kPeriodTypeCodes);
        if (auto n = r.integer(line, "period_num", p)) {
            if (*n < 1 || *n > 1000)
                r.fail(Reader::At(p, "period_num"), "expected a period_num 1..1000, got " + std::to_string(*n));
            else item.period_num = static_cast<int>(*n);
        }
        item.effective_time = r.instant(line, "effective_time", p);
        item.expire_time = r.instant(line, "expire_time", p);
        if (item.effective_time && item.expire_time && !(*item.expire_time > *item.effective_time))
            r.fail(Reader::At(p, "expire_time"), "expected a time after effective_time");
        if (auto n = r.integer(line, "subscription_num", p)) {
            if (*n < 1 || *n > 1000000)
                r.fail(Reader::At(p, "subscription_num"), "expected a quantity >= 1, got " + std::to_string(*n));
            else item.subscription_num = static_cast<int>(*n);
        }
        if (std::optional<Amounts> a = ReadAmounts(r, line, p, order->order_type, false)) {
            item.amount = a->official;
            item.paid = a->paid;
            if (order->order_type == OrderType::Unsubscribe) {
                item.fee = a->info.fee;
                item.consumed = a->info.consumed;
            }
        }
        if (!lineId.empty()) {
            std::string v;
            AppendJsonString(v, lineId);
            item.extra.emplace_back("order_line_item_id", v);
        }
        if (r.errors.size() != mark) {
            r.skipSince(mark, lineId.empty() ? "line skipped" : "line " + lineId + " skipped");
            continue;
        }
        ++r.read;
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

void ReadResources(Reader& r, Staged& s, const JsonNode& root, HuaweiFileReport& report)
{
    const JsonNode* data = r.array(root, "data", "", true);
    if (!data) return;
    for (std::size_t i = 0; i < data->size(); ++i) {
        std::string p = "/data";
        AppendPointerIndex(p, i);
        const JsonNode& o = (*data)[i];
        const JsonNode* idNode = o.find("resource_id");
        report.ids.push_back(idNode && idNode->is_string() ? std::string(idNode->text) : "#" + p);
        const std::size_t before = r.errors.size();
        if (!r.object(o, p)) {
            r.skipSince(before, "resource skipped");
            continue;
        }
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
            // a main resource (1) may name a parent_resource_id (Huawei's published example does): ignored
        }
        if (const JsonNode* ep = r.member(o, "enterprise_project", p, false)) {
            const std::string epp = Reader::At(p, "enterprise_project");
            if (r.object(*ep, epp)) {
                EnterpriseProject project;
                ReadEnterpriseProject(r, *ep, epp, project);
                if (!project.id.empty() || !project.name.empty()) res.enterprise_project = std::move(project);
            }
        }
        if (r.errors.size() != before) {
            r.skipSince(before, SkippedWhat(o, "resource_id", "resource"));
            continue;
        }
        ++r.read;
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

// The duration of a renew-rate request: period_type 2 month / 3 year, period_num 1..11 / 1..3.
bool ReadRatePeriod(Reader& r, const JsonNode& o, const std::string& pointer, RenewRatePeriod& out)
{
    const std::size_t before = r.errors.size();
    std::optional<int64_t> t = r.integer(o, "period_type", pointer, true);
    std::optional<int64_t> n = r.integer(o, "period_num", pointer, true);
    if (t && *t != 2 && *t != 3)
        r.fail(Reader::At(pointer, "period_type"),
               "expected a period_type 2 (month) or 3 (year), got " + std::to_string(*t));
    if (r.errors.size() != before) return false;
    out.unit = *t == 3 ? TermUnit::Year : TermUnit::Month;
    if (*n < 1 || *n > (out.unit == TermUnit::Month ? 11 : 3)) {
        r.fail(Reader::At(pointer, "period_num"),
               "expected a period_num 1..11 months or 1..3 years, got " + std::to_string(*n));
        return false;
    }
    out.num = static_cast<int>(*n);
    return true;
}

void ReadRenewPrices(Reader& r, Staged& s, const JsonNode& root, const LoadOptions& options, HuaweiFileReport& report)
{
    // Three forms (docs/huawei-data.md "Renewal prices"): {"request": <body>, "response": <response>} as API
    // Explorer shows them; the response with the request's period_type / period_num added at its top level;
    // the bare response, whose duration the user names (CLI --renew-rate-period, the browser asks).
    const JsonNode* response = &root;
    std::string at;  // pointer of the response in the file
    RenewRatePeriod period;
    if (root.contains("response")) {
        const JsonNode* req = r.member(root, "request", "", true);
        response = r.member(root, "response", "", true);
        if (!req || !response || !r.object(*req, "/request") || !r.object(*response, "/response")) return;
        at = "/response";
        if (!ReadRatePeriod(r, *req, "/request", period)) return;
    } else if (root.contains("period_type") || root.contains("period_num")) {
        if (!ReadRatePeriod(r, root, "", period)) return;
    } else if (options.renew_rate_period) {
        period = *options.renew_rate_period;
    } else {
        report.needs_period = true;
        r.fail("",
               "a ListRenewRateOnPeriod response does not say which duration it prices: open it as "
               "{\"request\": <the request body>, \"response\": <the response>}, or name the duration "
               "(quotedesk --renew-rate-period 1m|3m|1y...; the browser asks)");
        return;
    }
    report.period = period;
    const JsonNode* results = r.array(*response, "renew_inquiry_results", at, true);
    for (std::size_t i = 0; results && i < results->size(); ++i) {
        std::string p = at + "/renew_inquiry_results";
        AppendPointerIndex(p, i);
        const JsonNode& o = (*results)[i];
        const std::size_t before = r.errors.size();
        if (!r.object(o, p)) {
            r.skipSince(before, "renewal price skipped");
            continue;
        }
        std::optional<std::string> id = r.text(o, "resource_id", p, true);
        std::optional<Money> amount = r.amount(o, "amount", p, true);
        if (r.errors.size() != before) {
            r.skipSince(before, SkippedWhat(o, "resource_id", "renewal price of"));
            continue;
        }
        ++r.read;
        RenewRate rate;
        rate.period = period.unit;
        rate.period_num = period.num;
        rate.amount = *amount;
        s.rates.push_back({*id, p, std::move(rate)});
    }
    const JsonNode* fails = r.array(*response, "fail_resource_infos", at);
    for (std::size_t i = 0; fails && i < fails->size(); ++i) {
        std::string p = at + "/fail_resource_infos";
        AppendPointerIndex(p, i);
        const JsonNode& o = (*fails)[i];
        const std::size_t before = r.errors.size();
        if (!r.object(o, p)) {
            r.skipSince(before, "failure skipped");
            continue;
        }
        std::optional<std::string> id = r.text(o, "resource_id", p, true);
        RenewRate rate;
        rate.period = period.unit;
        rate.period_num = period.num;
        rate.error_code = r.text(o, "error_code", p).value_or("");
        rate.error_msg = r.text(o, "error_msg", p).value_or("");
        if (rate.error_code.empty()) rate.error_code = "(no error_code)";
        if (r.errors.size() != before) {
            r.skipSince(before, "failure skipped");
            continue;
        }
        ++r.read;
        s.rates.push_back({*id, p, std::move(rate)});
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

std::optional<std::string_view> ExtraOf(const OrderItem& item, std::string_view key)
{
    for (const auto& [k, v] : item.extra)
        if (k == key) return std::string_view(v);
    return std::nullopt;
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
        // the details' deadline, unless this entry's create_time is after it (the two disagree: no deadline
        // is kept rather than one the file format refuses, docs/workspace-format.md)
        if (!o.pending_payment_end_time && have.pending_payment_end_time &&
            !(*have.pending_payment_end_time < o.create_time))
            o.pending_payment_end_time = have.pending_payment_end_time;
    } else {
        // another page of the same order's lines: keep the lines this page does not repeat (by line id)
        std::vector<OrderItem> merged = std::move(have.items);
        for (OrderItem& item : o.items) {
            std::optional<std::string_view> id = ExtraOf(item, "order_line_item_id");
            auto same = std::find_if(merged.begin(), merged.end(),
                                     [&](const OrderItem& m) { return id && ExtraOf(m, "order_line_item_id") == id; });
            if (same != merged.end()) {
                if (!item.resource_id) item.resource_id = same->resource_id;
                *same = std::move(item);
            } else {
                merged.push_back(std::move(item));
            }
        }
        if (!std::all_of(merged.begin(), merged.end(),
                         [](const OrderItem& m) { return ExtraOf(m, "order_line_item_id").has_value(); }))
            merged = std::move(o.items);  // lines without ids (a quotedesk/1 order): the details replace them
        o.items = std::move(merged);
    }
    if (o.enterprise_projects.empty()) o.enterprise_projects = std::move(have.enterprise_projects);
    if (o.contract_id.empty()) o.contract_id = std::move(have.contract_id);
    if (!o.paid) o.paid = have.paid;
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
    // unchanged, frozen reason, auto-renew settings, relation, anchor, renew rates).
    if (have.effective_time == r.effective_time && have.expire_time == r.expire_time)
        r.periods = std::move(have.periods);
    if (r.status == ResourceStatus::Frozen) r.frozen_reason = have.frozen_reason;
    if (r.renewal_policy == RenewalPolicy::Auto) r.auto_renew = std::move(have.auto_renew);
    if (r.main_resource_id == have.main_resource_id) r.relation = have.relation;
    if (!r.enterprise_project) r.enterprise_project = std::move(have.enterprise_project);
    if (r.isMain()) r.renew_rates = std::move(have.renew_rates);
    r.anchor_day = have.anchor_day;
    r.provisioning = have.provisioning;
    r.extra = std::move(have.extra);
    have = std::move(r);
}

std::optional<Money>& PriceSlot(Product& p, TermUnit unit)
{
    return unit == TermUnit::Month ? p.prices.month : p.prices.year;
}

// Renew rates -> the main resource's renew_rates (the instance's price, its attached resources
// included: docs/huawei-data.md "Renewal prices"). A main with no attached resource also gives its
// product a price per unit when the product has none and the division is exact. Results for
// resources the workspace does not hold are warnings (LoadFiles imports them last).
void ApplyRenewRates(Workspace& ws, Staged& s, Reader& r)
{
    if (s.rates.empty()) return;
    auto resources = IndexBy(ws.resources, &Resource::resource_id);
    auto products = IndexBy(ws.products, &Product::product_id);
    std::unordered_map<std::string, std::size_t> attachedCount;
    for (const Resource& res : ws.resources)
        if (res.main_resource_id) ++attachedCount[*res.main_resource_id];
    for (Staged::Rate& rate : s.rates) {
        auto found = resources.find(rate.resourceId);
        if (found == resources.end()) {
            r.warn(rate.pointer, "no resource " + rate.resourceId +
                                     " in the workspace: open the ListPayPerUseCustomerResources page that lists it; "
                                     "renewal price skipped");
            ++r.skipped;
            --r.read;
            continue;
        }
        Resource& res = ws.resources[found->second];
        if (!res.isMain()) {
            r.warn(rate.pointer, "resource " + rate.resourceId + " is attached to " + *res.main_resource_id +
                                     ": Huawei prices renewals by the main resource; renewal price skipped");
            ++r.skipped;
            --r.read;
            continue;
        }
        std::erase_if(res.renew_rates, [&](const RenewRate& have) {
            return have.period == rate.rate.period && have.period_num == rate.rate.period_num;
        });
        res.renew_rates.push_back(rate.rate);
        std::stable_sort(res.renew_rates.begin(), res.renew_rates.end(), [](const RenewRate& a, const RenewRate& b) {
            return std::pair(a.period, a.period_num) < std::pair(b.period, b.period_num);
        });
        if (!rate.rate.amount || attachedCount[res.resource_id] > 0) continue;
        auto p = products.find(res.product_id);
        if (p == products.end()) continue;
        std::optional<Money>& slot = PriceSlot(ws.products[p->second], rate.rate.period);
        const int64_t fen = rate.rate.amount->fen();
        if (!slot && fen % rate.rate.period_num == 0) slot = Money::FromFen(fen / rate.rate.period_num);
    }
}

// [SECTION] linking order lines to resources (see huawei_import.h)

struct Line {
    std::size_t order = 0, item = 0;
    Instant start, end;  // the term, snapped to the resource's bounds within the tolerance
};

// How far a line's term may lie outside the resource's life and still be its (docs/huawei-data.md "Linking").
constexpr int64_t kLinkToleranceSeconds = 86400;  // one day

bool LinksOrderLines(const Order& o)
{
    return (o.order_type == OrderType::New || o.order_type == OrderType::Renewal ||
            o.order_type == OrderType::Unsubscribe) &&
           o.status != OrderStatus::Cancelled;
}

// A line LinkOrderLines may link (in an order that LinksOrderLines): a term, a product, one resource.
bool LinkableLine(const OrderItem& item)
{
    return item.effective_time && item.expire_time && item.product_id && item.subscription_num.value_or(1) == 1;
}

void LinkOrderLines(Workspace& ws)
{
    // Most responses (resources and order-list pages) bring no line: then there is nothing to link, and
    // the maps below, built over the whole workspace for every file, were most of an import of many pages.
    if (std::none_of(ws.orders.begin(), ws.orders.end(), [](const Order& o) {
            return LinksOrderLines(o) && std::any_of(o.items.begin(), o.items.end(), LinkableLine);
        }))
        return;
    std::unordered_map<std::string, std::vector<std::size_t>> byProduct;
    for (std::size_t i = 0; i < ws.resources.size(); ++i) byProduct[ws.resources[i].product_id].push_back(i);
    auto orders = IndexBy(ws.orders, &Order::order_id);
    auto resources = IndexBy(ws.resources, &Resource::resource_id);

    std::map<std::size_t, std::vector<Line>> linesOf;  // resource -> its new / renewal lines
    for (std::size_t oi = 0; oi < ws.orders.size(); ++oi) {
        Order& o = ws.orders[oi];
        if (!LinksOrderLines(o)) continue;
        for (std::size_t ii = 0; ii < o.items.size(); ++ii) {
            OrderItem& item = o.items[ii];
            if (!LinkableLine(item)) continue;
            Line line{oi, ii, *item.effective_time, *item.expire_time};
            std::optional<std::size_t> match;
            if (item.resource_id) {  // by resource id first
                if (auto it = resources.find(*item.resource_id); it != resources.end()) match = it->second;
            } else {  // then by the term, a day of tolerance at each end
                int fits = 0;
                for (std::size_t ri : byProduct[*item.product_id]) {
                    const Resource& res = ws.resources[ri];
                    if (line.start.plusSeconds(kLinkToleranceSeconds) >= res.effective_time &&
                        line.end.plusSeconds(-kLinkToleranceSeconds) <= res.expire_time) {
                        ++fits;
                        match = ri;
                    }
                }
                if (fits != 1) match.reset();
            }
            if (!match) continue;
            item.resource_id = ws.resources[*match].resource_id;
            if (o.order_type != OrderType::Unsubscribe) linesOf[*match].push_back(line);
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
                if (item.resource_id == res.resource_id && item.effective_time) return true;
            return false;
        });
        if (!fromHuawei) continue;
        std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.start < b.start; });
        // Snap: a line starting within the tolerance of the resource's start (or of the previous line's
        // end) starts there; one ending within it of the resource's expiry ends there.
        Instant previousEnd = res.effective_time;
        std::vector<Line> kept;
        for (Line l : lines) {
            if ((l.start - previousEnd) <= kLinkToleranceSeconds && (previousEnd - l.start) <= kLinkToleranceSeconds)
                l.start = previousEnd;
            if ((l.end - res.expire_time) <= kLinkToleranceSeconds &&
                (res.expire_time - l.end) <= kLinkToleranceSeconds)
                l.end = res.expire_time;
            if (l.start < res.effective_time || res.expire_time < l.end || !(l.start < l.end)) continue;
            if (l.start < previousEnd) continue;  // overlaps the previous line: not a chain
            previousEnd = l.end;
            kept.push_back(l);
        }
        std::set<Instant> bounds{res.effective_time, res.expire_time};
        for (const Line& l : kept) {
            bounds.insert(l.start);
            bounds.insert(l.end);
        }
        std::vector<ResourcePeriod> periods;
        for (auto b = bounds.begin(); std::next(b) != bounds.end(); ++b) {
            ResourcePeriod p;
            p.start = *b;
            p.end = *std::next(b);
            p.kind = periods.empty() ? PeriodKind::New : PeriodKind::Renewal;
            for (const Line& l : kept)
                if (l.start == p.start && l.end == p.end) {
                    const Order& o = ws.orders[l.order];
                    const OrderItem& item = o.items[l.item];
                    p.order_id = o.order_id;
                    p.kind = o.order_type == OrderType::New ? PeriodKind::New : PeriodKind::Renewal;
                    p.list_amount = item.amount;
                    p.paid = item.paid;
                    if (p.paid) p.paid->extra.clear();
                    if (p.paid && p.paid->cash.isNegative()) p.paid.reset();
                }
            periods.push_back(std::move(p));
        }
        res.periods = std::move(periods);
    }
}

}  // namespace

std::optional<RenewRatePeriod> ParseRenewRatePeriod(std::string_view text)
{
    // "1m".."11m", "1y".."3y" (also "1month", "2years")
    std::size_t digits = 0;
    int n = 0;
    while (digits < text.size() && digits < 3 && text[digits] >= '0' && text[digits] <= '9')
        n = n * 10 + (text[digits++] - '0');
    if (digits == 0) return std::nullopt;
    std::string_view unit = text.substr(digits);
    RenewRatePeriod p;
    if (unit == "m" || unit == "month" || unit == "months") p.unit = TermUnit::Month;
    else if (unit == "y" || unit == "year" || unit == "years") p.unit = TermUnit::Year;
    else return std::nullopt;
    if (n < 1 || n > (p.unit == TermUnit::Month ? 11 : 3)) return std::nullopt;
    p.num = n;
    return p;
}

std::vector<LoadError> UnlinkedLines(const Workspace& ws)
{
    std::vector<LoadError> out;
    if (ws.resources.empty()) return out;  // no resources opened: nothing to link to
    for (std::size_t oi = 0; oi < ws.orders.size(); ++oi) {
        const Order& o = ws.orders[oi];
        if (!LinksOrderLines(o)) continue;
        for (std::size_t ii = 0; ii < o.items.size(); ++ii) {
            const OrderItem& item = o.items[ii];
            if (item.resource_id || !item.effective_time || !item.expire_time || !item.product_id) continue;
            std::string pointer = "/orders";
            AppendPointerIndex(pointer, oi);
            pointer += "/items";
            AppendPointerIndex(pointer, ii);
            std::string why = item.subscription_num.value_or(1) != 1
                                  ? "it buys " + std::to_string(*item.subscription_num) + " resources at once"
                                  : "no single resource of product " + *item.product_id + " lives from " +
                                        FormatIso(*item.effective_time, ws.rules.zone) + " to " +
                                        FormatIso(*item.expire_time, ws.rules.zone) + " (within a day)";
            out.push_back({std::string(kMergedWorkspace), pointer, 0, 0,
                           "line of order " + o.order_id + " not linked to a resource: " + why +
                               "; its payment is not used by refunds"});
        }
    }
    return out;
}

namespace {

// The records of one response read from its tree (either reader's: they are the same) and merged into
// `into`; see ImportHuawei.
LoadErrors ImportTree(InputKind kind, const JsonNode& root, std::string_view fileName, Workspace& into,
                      const LoadOptions& options, HuaweiFileReport& rep)
{
    rep = {};
    Reader r(fileName, into.rules.rounding);
    if (!root.is_object())
        return {LoadError{std::string(fileName), "", 0, 0,
                          "expected a JSON object (a Huawei BSS response)" + Describe(root)}};

    const JsonNode* response = root.find("response");
    const JsonNode& body = kind == InputKind::HuaweiRenewPrices && response && response->is_object() ? *response : root;
    if (const JsonNode* total = body.find("total_count"); total && total->type == JsonNode::Type::Integer)
        rep.total_count = total->integer;

    Staged s;
    switch (kind) {
        case InputKind::HuaweiOrders: ReadOrders(r, s, root, rep); break;
        case InputKind::HuaweiOrderDetails: ReadOrderDetails(r, s, root, rep); break;
        case InputKind::HuaweiResources: ReadResources(r, s, root, rep); break;
        case InputKind::HuaweiRenewPrices: ReadRenewPrices(r, s, root, options, rep); break;
        case InputKind::Workspace:
            r.fail("", "not a Huawei BSS response (order_infos, order_info, data or renew_inquiry_results)");
            break;
    }
    if (!r.ok()) return std::move(r.errors);  // nothing merged: `into` is as it was
    // Another account's data is merged, but said (Huawei's own published examples come from several accounts).
    if (!s.customerId.empty() && !into.account.customer_id.empty() && into.account.customer_id != s.customerId)
        r.warn(s.customerPointer, "customer " + s.customerId + " is not the workspace's customer " +
                                      into.account.customer_id + ": the data of two accounts are merged");
    if (!s.customerId.empty() && into.account.customer_id.empty()) into.account.customer_id = s.customerId;
    // (an index of what the workspace holds only for what this response brings: a page of orders
    // does not index every resource again)
    if (!s.products.empty()) {
        auto products = IndexBy(into.products, &Product::product_id);
        for (Product& p : s.products) MergeProduct(into, products, std::move(p));
    }
    if (!s.orders.empty()) {
        auto orders = IndexBy(into.orders, &Order::order_id);
        for (std::size_t i = 0; i < s.orders.size(); ++i)
            MergeOrder(into, orders, std::move(s.orders[i]), s.detailed[i]);
    }
    if (!s.resources.empty()) {
        auto resources = IndexBy(into.resources, &Resource::resource_id);
        for (Resource& res : s.resources) MergeResource(into, resources, std::move(res));
    }
    ApplyRenewRates(into, s, r);
    LinkOrderLines(into);
    rep.warnings = std::move(r.warnings);
    rep.read = r.read;
    rep.skipped = r.skipped;
    return {};
}

}  // namespace

LoadErrors ImportHuawei(InputKind kind, std::string_view text, std::string_view fileName, Workspace& into,
                        const LoadOptions& options, HuaweiFileReport* report, LoadPath path)
{
    LoadErrors errors = MergeHuawei(kind, text, fileName, into, options, report, path);
    if (errors.empty()) into.Reindex();
    return errors;
}

LoadErrors MergeHuawei(InputKind kind, std::string_view text, std::string_view fileName, Workspace& into,
                       const LoadOptions& options, HuaweiFileReport* report, LoadPath path)
{
    HuaweiFileReport local;
    HuaweiFileReport& rep = report ? *report : local;
    rep = {};
    if (std::optional<LoadError> e = CheckFileText(text, fileName)) return {std::move(*e)};  // LoadFiles did it already
    if (path != LoadPath::Precise) {
        // The fast path. nlohmann skips a UTF-8 byte order mark at the start (CheckFileText accepts it
        // there); simdjson is given the text after it.
        const std::string_view json = text.substr(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
        FastTreeReader fast;
        if (fast.read(json)) {
            LoadErrors e = ImportTree(kind, fast.tree().root(), fileName, into, options, rep);
            // A file refused as a whole is read again by the precise reader, whose messages are the
            // ones every refusal gives (records skipped with a warning are not refusals: same tree, same words).
            if (e.empty() || path == LoadPath::Fast) return e;
        } else if (path == LoadPath::Fast) {
            return {LoadError{std::string(fileName), "", 0, 0, "not read by the fast path"}};
        }
    }
    JsonTree tree;
    PreciseTreeReader precise(tree);
    if (!nlohmann::json::sax_parse(text, &precise, nlohmann::json::input_format_t::json, true)) {
        if (!precise.syntaxError())
            return {LoadError{std::string(fileName), precise.errorPointer(), 0, 0, OneLine(precise.error())}};
        // nlohmann reports a byte offset; errors in JSON text are shown as LINE:COL (diagnostics.h).
        const TextPosition at = PositionOf(text, precise.position());
        return {LoadError{std::string(fileName), "", at.line, at.column, OneLine(precise.error())}};
    }
    return ImportTree(kind, tree.root(), fileName, into, options, rep);
}

// [SECTION] what is missing

std::vector<MissingNote> MissingData(const Workspace& ws)
{
    std::vector<MissingNote> notes;
    if (!ws.account.cash_balance)
        notes.push_back({"/account/cash_balance", "the cash balance (现金余额): paying orders checks it",
                         "add account.cash_balance, as shown in 费用中心 > 总览"});
    if (!ws.account.five_day_quota) {
        // History helps: unsubscriptions of the year with no fee and nothing consumed are the likely five-day
        // refunds (or refunds of not-yet-effective periods, which use no quota: docs/rules.md §4.3).
        std::string hint;
        if (ws.as_of) {
            const int year = LocalDateOf(*ws.as_of, ws.rules.zone).year();
            int likely = 0;
            for (const Order& o : ws.orders)
                if (o.order_type == OrderType::Unsubscribe && o.status == OrderStatus::Completed && o.fee &&
                    o.fee->isZero() && o.consumed && o.consumed->isZero() &&
                    LocalDateOf(o.create_time, ws.rules.zone).year() == year)
                    ++likely;
            if (likely > 0)
                hint = "; " + std::to_string(likely) + " unsubscription order(s) of " + std::to_string(year) +
                       " had no fee and nothing consumed: at most that many of the quota are used";
        }
        notes.push_back(
            {"/account/five_day_quota",
             "this year's five-day refund quota: the refund preview cannot tell a five-day refund from a standard one" +
                 hint,
             "add account.five_day_quota {year, limit, used}; the 云服务退订 page shows how many remain"});
    }

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
