// JsonWriter: commas, nesting, escaping, money and instants (the shared answer format, docs/cli.md).
#include <doctest/doctest.h>

#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/model/json_writer.h"

using namespace qd;

TEST_CASE("JsonWriter places commas and nests containers")
{
    JsonWriter w;
    w.beginObject();
    w.key("a");
    w.integer(1);
    w.key("b");
    w.beginArray();
    w.integer(2);
    w.boolean(true);
    w.null();
    w.beginObject();
    w.endObject();
    w.endArray();
    w.key("c");
    w.string("x");
    w.endObject();
    CHECK(w.text() == R"({"a":1,"b":[2,true,null,{}],"c":"x"})");
}

TEST_CASE("JsonWriter escapes control characters and keeps UTF-8")
{
    JsonWriter w;
    w.string("南京\"鑫\"\\\n\t\x01");
    CHECK(w.text() == "\"南京\\\"鑫\\\"\\\\\\n\\t\\u0001\"");
}

TEST_CASE("JsonWriter writes money as 2-decimal strings and instants in the zone")  // docs/cli.md
{
    JsonWriter w;
    w.beginArray();
    w.money(Money::FromFen(27941));
    w.money(Money::FromFen(-5));
    auto t = ParseInstant("2024-04-15T07:58:07Z");
    REQUIRE(t.ok);
    w.instant(t.value, ZoneOffset::China());
    w.endArray();
    CHECK(w.text() == R"(["279.41","-0.05","2024-04-15T15:58:07+08:00"])");
}

// docs/workspace-format.md: null = unknown
TEST_CASE("JsonWriter writes an absent optional as null and a present one as its value")
{
    const auto t = ParseInstant("2024-04-15T07:58:07Z");
    REQUIRE(t.ok);
    JsonWriter w;
    w.beginArray();
    w.stringOrNull(std::string("鑫"));
    w.stringOrNull(std::nullopt);
    w.integerOrNull(0);
    w.integerOrNull(std::nullopt);
    w.moneyOrNull(Money::FromFen(29348));
    w.moneyOrNull(std::nullopt);
    w.instantOrNull(t.value, ZoneOffset::China());
    w.instantOrNull(std::nullopt, ZoneOffset::China());
    w.endArray();
    CHECK(w.text() == R"(["鑫",null,0,null,"293.48",null,"2024-04-15T15:58:07+08:00",null])");
}

TEST_CASE("member(key, value): one call per member, the value written by its type; absent optionals are null")
{
    qd::JsonWriter w;
    w.beginObject();
    w.member("s", std::string_view("a\"b"));
    w.member("c", "text");  // a const char* is a string, not a bool
    w.member("n", 3);
    w.member("big", int64_t{-9007199254740993});
    w.member("size", std::size_t{7});
    w.member("ok", true);
    w.member("m", qd::Money::FromFen(-1230));
    w.member("t", qd::Instant::FromUnixSeconds(0), qd::ZoneOffset::China());
    w.member("none", std::optional<qd::Instant>(), qd::ZoneOffset::China());
    w.member("om", std::optional<qd::Money>());
    w.member("os", std::optional<std::string>("x"));
    w.member("ms", 1.23456, 2);
    w.endObject();
    CHECK(w.take() ==
          "{\"s\":\"a\\\"b\",\"c\":\"text\",\"n\":3,\"big\":-9007199254740993,\"size\":7,\"ok\":true,"
          "\"m\":\"-12.30\",\"t\":\"1970-01-01T08:00:00+08:00\",\"none\":null,\"om\":null,\"os\":\"x\","
          "\"ms\":1.23}");
}

TEST_CASE("number: fixed decimals, or the shortest text that reads back; null for what JSON cannot hold")
{
    qd::JsonWriter w;
    w.beginArray();
    w.number(1.5);
    w.number(0.1);
    w.number(2.0);
    w.number(12.345, 1);
    w.number(std::numeric_limits<double>::quiet_NaN());
    w.number(std::numeric_limits<double>::infinity(), 2);
    w.endArray();
    CHECK(w.take() == "[1.5,0.1,2,12.3,null,null]");
}

// The appenders the workspace writer uses instead of temporaries (docs/performance.md "Saving") give
// exactly the text of the functions they replace, over each value type's whole range.
TEST_CASE(
    "AppendMoney, AppendIso, AppendInteger, AppendJsonString: the same bytes as Money::str, FormatIso, "
    "std::to_string and the escape table")
{
    std::vector<int64_t> fens = {
        0,    1,         -1,         9,     10,   99,        100,       101,           -100,
        -101, 123456789, -123456789, 27941, -300, INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1};
    for (int64_t f = -100000; f <= 100000; f += 7) fens.push_back(f);
    for (int64_t p = 10; p < INT64_MAX / 10; p *= 10) {
        fens.push_back(p - 1);
        fens.push_back(-p);
        fens.push_back(p + 1);
    }
    for (const int64_t f : fens) {
        CAPTURE(f);
        std::string out = "x";
        AppendMoney(out, Money::FromFen(f));
        CHECK(out == "x" + Money::FromFen(f).str());
        std::string n;
        AppendInteger(n, f);
        CHECK(n == std::to_string(f));
    }
    const std::vector<ZoneOffset> zones = {ZoneOffset::UTC(),
                                           ZoneOffset::China(),
                                           *ZoneOffset::FromMinutes(-330),
                                           *ZoneOffset::FromMinutes(840),
                                           *ZoneOffset::FromMinutes(-840),
                                           *ZoneOffset::FromMinutes(345)};
    // 0001-01-02 .. 9999-12-30 (the times a file may hold), in steps that reach every field's values.
    for (int64_t s = -62135510400; s <= 253402214399; s += 86400 * 37 + 3671) {
        for (const ZoneOffset z : zones) {
            std::string out;
            AppendIso(out, Instant::FromUnixSeconds(s), z);
            if (out != FormatIso(Instant::FromUnixSeconds(s), z)) {
                CAPTURE(s);
                CHECK(out == FormatIso(Instant::FromUnixSeconds(s), z));
            }
        }
    }
    // The escape table, a byte at a time, against AppendJsonString (which looks at 8 bytes at a time
    // where it can): every byte at every place of strings longer and shorter than a word.
    const auto reference = [](const std::string& s) {
        std::string out = "\"";
        for (const char ch : s) {
            const int c = static_cast<unsigned char>(ch);
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default:
                    if (c < 0x20) {
                        char u[8];
                        std::snprintf(u, sizeof u, "\\u%04x", c);
                        out += u;
                    } else {
                        out += ch;
                    }
            }
        }
        return out + "\"";
    };
    for (int c = 0; c < 256; ++c) {
        for (const std::size_t length : {std::size_t{1}, std::size_t{3}, std::size_t{8}, std::size_t{17}}) {
            for (std::size_t at = 0; at < length; ++at) {
                std::string s(length, 'x');
                s[at] = static_cast<char>(c);
                if (c == 200 && at + 1 < length) s[at + 1] = static_cast<char>(0x1f);  // two in a row
                std::string out;
                AppendJsonString(out, s);
                if (out != reference(s)) {
                    CAPTURE(c);
                    CAPTURE(at);
                    CHECK(out == reference(s));
                }
            }
        }
    }
    const std::string text = "资源 \"web-01\"\tin\\region\x01 \xE4\xB8\xAD long enough for words: 0123456789";
    std::string out;
    AppendJsonString(out, text);
    CHECK(out == reference(text));
}
