// The JSON Schema shipped with the site (site/schema/quotedesk-1.schema.json) and the format page
// (docs/workspace-format.md) must say what the loader does. No JSON Schema library is available, so
// this file holds a small validator for exactly the keywords the schema uses (it refuses any other
// keyword, so the schema cannot grow one that is silently ignored here). Checked:
//   - the schema is JSON, draft 2020-12, every $ref resolves and every pattern compiles;
//   - every enumeration equals the words of the code (EnumNames in workspace.h and rules.h);
//   - every object's properties are exactly the members the writer writes (save.h), and the rules
//     object's properties exactly RuleKeys();
//   - the sample, the docs' example and a generated workspace, and their saved forms, are valid;
//   - files of tests/bad-input/ that a schema can judge are invalid, as the loader says.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/gen/generator.h"
#include "core/io/load.h"
#include "core/model/rules.h"
#include "core/io/save.h"
#include "core/model/workspace.h"
#include "workspace_fixture.h"
#include "support.h"

namespace qd {
namespace {

using nlohmann::json;

std::string ReadRepoFile(const std::string& relative) { return test::ReadSourceFile(relative); }

const json& Schema()
{
    static const json schema = json::parse(ReadRepoFile("site/schema/quotedesk-1.schema.json"), nullptr, false);
    return schema;
}

// ---- a validator for the keywords the schema uses ------------------------------------------------

const std::set<std::string> kAnnotations{"$schema", "$id", "title", "description", "$defs"};
const std::set<std::string> kAssertions{"$ref",          "type",        "const",
                                        "enum",          "pattern",     "minLength",
                                        "minimum",       "maximum",     "exclusiveMinimum",
                                        "properties",    "required",    "additionalProperties",
                                        "propertyNames", "items",       "minItems",
                                        "maxItems",      "uniqueItems", "anyOf"};

class Validator {
public:
    explicit Validator(const json& root) : root_(root) {}

    // The problems of `value` against `schema` ("" pointer = the root), empty when valid.
    std::vector<std::string> errors(const json& value)
    {
        std::vector<std::string> out;
        validate(root_, value, "", out);
        return out;
    }

    const json& resolve(const json& schema) const
    {  // follows "$ref": "#/$defs/name"
        if (!schema.is_object() || !schema.contains("$ref")) return schema;
        const std::string ref = schema["$ref"];
        REQUIRE_MESSAGE(ref.rfind("#/$defs/", 0) == 0, ref);
        const json& defs = root_["$defs"];
        REQUIRE_MESSAGE(defs.contains(ref.substr(8)), "unresolved " << ref);
        return defs[ref.substr(8)];
    }

    const std::regex& regex(const std::string& pattern)
    {
        auto it = regexes_.find(pattern);
        if (it == regexes_.end()) it = regexes_.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
        return it->second;
    }

private:
    static bool HasType(const json& value, const std::string& type)
    {
        if (type == "object") return value.is_object();
        if (type == "array") return value.is_array();
        if (type == "string") return value.is_string();
        if (type == "number") return value.is_number();
        if (type == "integer") return value.is_number_integer();  // like the loader: 7.0 is no integer
        if (type == "boolean") return value.is_boolean();
        if (type == "null") return value.is_null();
        FAIL("unknown type " << type);
        return false;
    }
    static std::size_t CodePoints(const std::string& s)
    {
        std::size_t n = 0;
        for (unsigned char c : s) n += (c & 0xC0) != 0x80;
        return n;
    }

    void validate(const json& schemaIn, const json& value, const std::string& at, std::vector<std::string>& out)
    {
        if (schemaIn.is_boolean()) {
            if (!schemaIn.get<bool>()) out.push_back(at + ": not allowed");
            return;
        }
        const json& schema = schemaIn;
        for (const auto& [keyword, _] : schema.items())
            if (!kAnnotations.count(keyword) && !kAssertions.count(keyword))
                FAIL_CHECK("keyword the test does not understand: " << keyword);
        const auto fail = [&](const std::string& what) { out.push_back((at.empty() ? "/" : at) + ": " + what); };

        if (schema.contains("$ref")) validate(resolve(schema), value, at, out);
        if (schema.contains("type") && !HasType(value, schema["type"]))
            return fail("expected type " + schema["type"].get<std::string>() + ", got " + value.dump());
        if (schema.contains("const") && value != schema["const"]) fail("expected " + schema["const"].dump());
        if (schema.contains("enum")) {
            bool found = false;
            for (const json& e : schema["enum"]) found = found || e == value;
            if (!found) fail("not in " + schema["enum"].dump() + ": " + value.dump());
        }
        if (schema.contains("anyOf")) {
            bool any = false;
            for (const json& branch : schema["anyOf"]) {
                std::vector<std::string> branchErrors;
                validate(branch, value, at, branchErrors);
                any = any || branchErrors.empty();
            }
            if (!any) fail("matches no branch of anyOf: " + value.dump().substr(0, 60));
        }
        if (value.is_string()) {
            const std::string& s = value.get_ref<const std::string&>();
            if (schema.contains("pattern") && !std::regex_search(s, regex(schema["pattern"])))
                fail("does not match the pattern: " + s);
            if (schema.contains("minLength") && CodePoints(s) < schema["minLength"].get<std::size_t>())
                fail("too short");
        }
        if (value.is_number()) {
            const double v = value.get<double>();
            if (schema.contains("minimum") && v < schema["minimum"].get<double>())
                fail("below the minimum: " + value.dump());
            if (schema.contains("maximum") && v > schema["maximum"].get<double>())
                fail("above the maximum: " + value.dump());
            if (schema.contains("exclusiveMinimum") && v <= schema["exclusiveMinimum"].get<double>())
                fail("not above the minimum: " + value.dump());
        }
        if (value.is_object()) {
            for (const json& name : schema.value("required", json::array()))
                if (!value.contains(name.get<std::string>())) fail("missing required member " + name.dump());
            const json properties = schema.value("properties", json::object());
            for (const auto& [key, member] : value.items()) {
                std::string memberAt = at;
                AppendPointerToken(memberAt, key);
                if (schema.contains("propertyNames")) validate(schema["propertyNames"], json(key), memberAt, out);
                if (properties.contains(key)) validate(properties[key], member, memberAt, out);
                else if (schema.contains("additionalProperties"))
                    validate(schema["additionalProperties"], member, memberAt, out);
            }
        }
        if (value.is_array()) {
            if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>())
                fail("too few items");
            if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>())
                fail("too many items");
            if (schema.value("uniqueItems", false))
                for (std::size_t i = 0; i < value.size(); ++i)
                    for (std::size_t j = i + 1; j < value.size(); ++j)
                        if (value[i] == value[j]) fail("items not unique");
            if (schema.contains("items"))
                for (std::size_t i = 0; i < value.size(); ++i) {
                    std::string itemAt = at;
                    AppendPointerIndex(itemAt, i);
                    validate(schema["items"], value[i], itemAt, out);
                }
        }
    }

    const json& root_;
    std::map<std::string, std::regex> regexes_;
};

// Every subschema of the schema (for structural checks), with where it is.
void EachSubschema(const json& schema, const std::string& at,
                   const std::function<void(const json&, const std::string&)>& f)
{
    if (!schema.is_object()) return;
    f(schema, at);
    for (const char* single : {"additionalProperties", "propertyNames", "items"})
        if (schema.contains(single)) EachSubschema(schema[single], at + "/" + single, f);
    for (const char* map : {"properties", "$defs"})
        if (schema.contains(map))
            for (const auto& [key, sub] : schema[map].items()) EachSubschema(sub, at + "/" + map + "/" + key, f);
    if (schema.contains("anyOf"))
        for (std::size_t i = 0; i < schema["anyOf"].size(); ++i)
            EachSubschema(schema["anyOf"][i], at + "/anyOf/" + std::to_string(i), f);
}

template <class E>
json Words()
{
    json words = json::array();
    for (std::string_view w : EnumNames<E>::names) words.push_back(std::string(w));
    return words;
}

// ---- the tests ------------------------------------------------------------------------------------------

TEST_CASE("schema: valid JSON, draft 2020-12, every $ref resolves, every pattern compiles")
{
    const json& schema = Schema();
    REQUIRE_FALSE(schema.is_discarded());
    CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK(schema["properties"]["format"]["const"] == std::string(kWorkspaceFormat));
    CHECK(schema["required"] == json::array({"format"}));
    Validator v(schema);
    int refs = 0, patterns = 0;
    EachSubschema(schema, "", [&](const json& s, const std::string& at) {
        CAPTURE(at);
        if (s.contains("$ref")) {
            v.resolve(s);
            ++refs;
        }
        if (s.contains("pattern")) {
            v.regex(s["pattern"]);
            ++patterns;
        }
        // Unknown members are kept by the loader everywhere but in rules: the schema must allow them.
        if (s.contains("properties") && at != "/$defs/rules") CHECK(s["additionalProperties"] == true);
    });
    CHECK(refs > 50);
    CHECK(patterns >= 8);
    CHECK(schema["$defs"]["rules"]["additionalProperties"] == false);  // unknown rule keys are refused
}

TEST_CASE("schema: every enumeration equals the words of the code")
{
    const json& defs = Schema()["$defs"];
    const std::map<std::string, json> expected{
        {"product_kind", Words<ProductKind>()},
        {"relation", Words<Relation>()},
        {"resource_status", Words<ResourceStatus>()},
        {"frozen_reason", Words<FrozenReason>()},
        {"provisioning", Words<Provisioning>()},
        {"renewal_policy", Words<RenewalPolicy>()},
        {"term_unit", Words<TermUnit>()},
        {"period_kind", Words<PeriodKind>()},
        {"order_type", Words<OrderType>()},
        {"order_status", Words<OrderStatus>()},
        {"item_period", Words<ItemPeriod>()},
        {"coupon_type", Words<CouponType>()},
        {"export_kind", Words<ExportKind>()},
        {"consumed_granularity", Words<ConsumedGranularity>()},
        {"day_price", Words<DayPrice>()},
        {"refund_split", Words<RefundSplit>()},
        {"rounding",
         json::array({std::string(RoundingName(Rounding::HalfUp)), std::string(RoundingName(Rounding::Truncate))})},
    };
    for (const auto& entry : expected) {  // (no structured binding: CAPTURE is a lambda, clang 14)
        const std::string& name = entry.first;
        const json& words = entry.second;
        CAPTURE(name);
        REQUIRE(defs.contains(name));
        CHECK(defs[name]["enum"] == words);
    }
    // ...and no enumeration lives anywhere else, where it could drift unseen.
    EachSubschema(Schema(), "", [&](const json& s, const std::string& at) {
        if (s.contains("enum"))
            CHECK_MESSAGE(expected.count(at.substr(at.rfind('/') + 1)) == 1, "enum outside the checked $defs: " << at);
    });
    for (const auto& word : defs["rounding"]["enum"]) CHECK(ParseRounding(word.get<std::string>()));
}

TEST_CASE("schema: each object's properties are the members the writer writes; rules are RuleKeys()")
{
    // The fixture sets every member of the format; saved, every member is written. Collect, per $defs
    // object reached, the keys the saved file has, and compare with the schema's properties.
    const LoadResult full = LoadWorkspace(test::kFullWorkspace, "full.json");
    REQUIRE(full.ok);
    const json saved = json::parse(SaveWorkspace(full.workspace));
    const json& schema = Schema();
    Validator v(schema);
    std::map<std::string, std::set<std::string>> seen;  // def name ("" = root) -> keys written
    std::function<void(const json&, const json&, const std::string&)> walk = [&](const json& s, const json& value,
                                                                                 const std::string& def) {
        if (s.contains("$ref")) return walk(v.resolve(s), value, s["$ref"].get<std::string>().substr(8));
        if (s.contains("anyOf")) {
            for (const json& branch : s["anyOf"]) walk(branch, value, def);
            return;
        }
        if (value.is_object() && s.contains("properties") && s.value("type", "") == "object") {
            for (const auto& [key, member] : value.items()) {
                seen[def].insert(key);
                if (s["properties"].contains(key)) walk(s["properties"][key], member, "");
            }
        }
        if (value.is_array() && s.contains("items"))
            for (const json& item : value) walk(s["items"], item, "");
    };
    walk(schema, saved, "root");
    seen["rules"].clear();  // only overrides are written: compared with RuleKeys() below
    for (const auto& entry : seen) {
        const std::string& def = entry.first;
        const std::set<std::string>& keys = entry.second;
        if (def == "rules") continue;
        CAPTURE(def);
        const json& s = def == "root" ? schema : schema["$defs"][def];
        std::set<std::string> properties;
        for (const auto& [key, _] : s["properties"].items()) properties.insert(key);
        std::string onlyWritten, onlyInSchema;
        for (const std::string& k : keys)
            if (!properties.count(k)) onlyWritten += " " + k;
        for (const std::string& k : properties)
            if (!keys.count(k)) onlyInSchema += " " + k;
        CHECK_MESSAGE(keys == properties, "written but not in the schema:"
                                              << onlyWritten << "; in the schema but not written:" << onlyInSchema);
    }
    // root, account, quota, product, prices, renew options, resource, auto renew, period, paid, order, item, history, coupon, export
    CHECK(seen.size() >= 14);
    std::vector<std::string> ruleProperties;
    for (const auto& [key, _] : schema["$defs"]["rules"]["properties"].items()) ruleProperties.push_back(key);
    std::vector<std::string> ruleKeys(RuleKeys().begin(), RuleKeys().end());
    std::sort(ruleProperties.begin(), ruleProperties.end());
    std::sort(ruleKeys.begin(), ruleKeys.end());
    std::string differ;
    for (const std::string& k : ruleProperties)
        if (std::find(ruleKeys.begin(), ruleKeys.end(), k) == ruleKeys.end()) differ += " schema-only:" + k;
    for (const std::string& k : ruleKeys)
        if (std::find(ruleProperties.begin(), ruleProperties.end(), k) == ruleProperties.end())
            differ += " code-only:" + k;
    CHECK_MESSAGE(ruleProperties == ruleKeys, differ);
}

std::string DocsExample()
{  // the first ```json block after "## Example" of the format page
    const std::string page = ReadRepoFile("docs/workspace-format.md");
    const std::size_t section = page.find("\n## Example");
    REQUIRE(section != std::string::npos);
    const std::size_t begin = page.find("```json\n", section);
    REQUIRE(begin != std::string::npos);
    const std::size_t end = page.find("\n```", begin + 8);
    REQUIRE(end != std::string::npos);
    return page.substr(begin + 8, end - begin - 8);
}

TEST_CASE("schema: the sample, the docs' example and a generated workspace are valid, also as saved")
{
    GeneratorOptions options;
    options.resources = 300;
    options.seed = 5;
    const std::vector<std::pair<std::string, std::string>> documents{
        {"assets/sample-workspace.json", ReadRepoFile("assets/sample-workspace.json")},
        {"docs/workspace-format.md example", DocsExample()},
        {"generated", GenerateWorkspace(options)},
        {"full fixture", test::kFullWorkspace},
    };
    Validator v(Schema());
    for (const auto& document : documents) {
        const std::string& name = document.first;
        const std::string& text = document.second;
        CAPTURE(name);
        const LoadResult r = LoadWorkspace(text, name);
        REQUIRE_MESSAGE(r.ok, (r.errors.empty() ? "" : r.errors.front().str()));
        for (const std::string& text2 : {text, SaveWorkspace(r.workspace)}) {
            const json doc = json::parse(text2);
            for (const std::string& e : v.errors(doc)) FAIL_CHECK(e);
        }
    }
}

TEST_CASE("schema: refuses what the loader refuses, where a schema can tell")
{
    // A schema cannot see duplicate ids, references, impossible dates or the order of two times; for
    // the rest it must agree with the loader. Each of these files is refused by both.
    Validator v(Schema());
    int judged = 0;
    for (const char* name : {"006-root-array",
                             "009-format-missing",
                             "010-format-other-version",
                             "011-format-wrong-tag",
                             "013-type-string-got-number",
                             "014-type-integer-got-string",
                             "015-type-bool-got-string",
                             "016-type-array-got-object",
                             "017-type-object-got-array",
                             "019-type-time-got-number",
                             "020-type-money-got-bool",
                             "021-type-integer-list-got-string",
                             "022-type-enum-got-number",
                             "025-time-hour-24",
                             "026-time-missing-offset",
                             "027-time-offset-beyond-14h",
                             "028-time-offset-without-colon",
                             "029-time-with-newline",
                             "031-money-three-decimals",
                             "033-money-negative",
                             "035-money-20-digit-integer",
                             "036-money-thousands-separator",
                             "037-integer-20-digits",
                             "042-empty-resource-id",
                             "073-enum-unknown-order-status",
                             "074-enum-wrong-case",
                             "075-enum-chinese-word",
                             "076-unified-expiry-day-0",
                             "077-unified-expiry-day-29",
                             "078-order-item-period-num-0",
                             "079-auto-renew-period-num-0",
                             "080-auto-renew-times-left-100",
                             "081-deduction-days-8",
                             "082-discount-ratio-above-1",
                             "083-rules-unknown-key",
                             "084-missing-required-member"}) {
        CAPTURE(name);
        const std::string text = ReadRepoFile(std::string("tests/bad-input/") + name + ".json");
        REQUIRE_FALSE(text.empty());
        CHECK_FALSE(LoadWorkspace(text, name).ok);
        const json doc = json::parse(text, nullptr, false);
        REQUIRE_FALSE(doc.is_discarded());
        CHECK_FALSE(v.errors(doc).empty());
        ++judged;
    }
    CHECK(judged == 36);
    // And values the loader accepts are accepted: every time form, money forms, unified day "last".
    json doc = json::parse(test::kFullWorkspace);
    for (const char* t : {"2024-04-15T07:58:07Z", "2024-04-15T15:58:07+08:00", "2024/04/15 15:58:07 GMT+08:00",
                          "2024-04-15T15:58:07.999-14:00", "2024-04-15T15:58:07+14:00"}) {
        doc["as_of"] = t;
        CHECK_MESSAGE(LoadWorkspace(doc.dump(), "t.json").ok, t);
        CHECK_MESSAGE(v.errors(doc).empty(), t);
    }
    for (const json& m : {json("0"), json("0.00"), json("1.230"), json("9999999999999.99"), json("1.5e2"), json(22.2),
                          json(0), json("-0.00")}) {
        doc["orders"][0]["amount_after_discount"] = m;
        CHECK_MESSAGE(LoadWorkspace(doc.dump(), "t.json").ok, m.dump());
        CHECK_MESSAGE(v.errors(doc).empty(), m.dump());
    }
    // A negative amount is a refund, allowed in unsubscribe and fee_adjustment orders only: the schema
    // takes signed amounts on orders, the loader checks the order type (docs/workspace-format.md).
    doc["orders"][0]["amount_after_discount"] = "-1.00";
    CHECK_FALSE(LoadWorkspace(doc.dump(), "t.json").ok);
    for (const json& m : {json("10000000000000.00"), json("+1"), json(".5"), json("01"), json("1.")}) {
        doc["orders"][0]["amount_after_discount"] = m;
        CHECK_FALSE_MESSAGE(LoadWorkspace(doc.dump(), "t.json").ok, m.dump());
        CHECK_FALSE_MESSAGE(v.errors(doc).empty(), m.dump());
    }
}

TEST_CASE("docs: the format page names every enumeration word and rule key")
{
    const std::string page = ReadRepoFile("docs/workspace-format.md");
    REQUIRE_FALSE(page.empty());
    const auto mentioned = [&page](std::string_view word) {
        return page.find("`" + std::string(word) + "`") != std::string::npos ||
               page.find("`\"" + std::string(word) + "\"`") != std::string::npos;
    };
    for (const auto& def : Schema()["$defs"].items())
        if (def.value().contains("enum"))
            for (const json& word : def.value()["enum"])
                CHECK_MESSAGE(mentioned(word.get<std::string>()), def.key() << ": " << word);
    for (std::string_view key : RuleKeys()) CHECK_MESSAGE(mentioned(key), key);
    for (const auto& member : Schema()["properties"].items()) CHECK_MESSAGE(mentioned(member.key()), member.key());
}

}  // namespace
}  // namespace qd
