// JsonWriter: commas, nesting, escaping, money and instants (the shared answer format, docs/cli.md).
#include <doctest/doctest.h>

#include <limits>
#include <optional>
#include <string>

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
