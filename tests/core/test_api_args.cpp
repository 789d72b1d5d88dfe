// The browser test API's argument readers (docs/architecture.md §3): every case of each reader, and the same
// words from renew() and refund() for the same wrong argument.
#include <doctest/doctest.h>

#include "core/io/api_args.h"
#include "core/engine/refund.h"
#include "core/engine/renewal.h"

using namespace qd;
using nlohmann::json;

TEST_CASE("ReadResourceIds: an array of strings, appended in order; anything else is refused")
{
    std::vector<std::string> ids{"a"};
    CHECK(ReadResourceIds(json::parse(R"(["b","鑫"])"), ids).empty());
    CHECK(ids == std::vector<std::string>{"a", "b", "鑫"});
    CHECK(ReadResourceIds(json::array(), ids).empty());
    const std::string error = "resources: expected an array of resource ids";
    for (const char* bad : {R"("r1")", "null", "1", R"({"r":1})", R"(["r", 2])", R"([["r"]])"}) {
        std::vector<std::string> out;
        CHECK_MESSAGE(ReadResourceIds(json::parse(bad), out) == error, bad);
    }
}

TEST_CASE("ReadApiDuration: months or years, a whole number 1..120; renew() and buy() word it alike")
{
    TermUnit unit = TermUnit::Month;
    int num = 0;
    CHECK(ReadApiDuration(json(3), "years", unit, num).empty());
    CHECK((unit == TermUnit::Year && num == 3));
    CHECK(ReadApiDuration(json(120), "months", unit, num).empty());
    CHECK((unit == TermUnit::Month && num == 120));
    for (const char* bad : {"0", "121", "1.5", "\"2\"", "null", "[1]"}) {
        CHECK_MESSAGE(
            ReadApiDuration(json::parse(bad), "months", unit, num) == "months: expected a whole number of months", bad);
    }
    CHECK((unit == TermUnit::Month && num == 120));  // unchanged by a refusal
}

TEST_CASE("ReadApiInstant: a time string in any form ParseInstant takes; the key names the argument")
{
    Instant t;
    CHECK(ReadApiInstant(json("2025-01-14T10:00:00+08:00"), "as_of", t).empty());
    CHECK(t == Instant::FromUnixSeconds(1736820000));  // 2025-01-14T02:00:00Z
    CHECK(ReadApiInstant(json(1736820000), "as_of", t) == "as_of: expected a time string");
    CHECK(ReadApiInstant(json(nullptr), "keep_until", t) == "keep_until: expected a time string");
    CHECK(ReadApiInstant(json("2025-02-30T00:00:00+08:00"), "keep_until", t).rfind("keep_until: ", 0) == 0);
    CHECK(t == Instant::FromUnixSeconds(1736820000));  // unchanged by a refusal
}

TEST_CASE("renew() and refund() word a wrong argument alike")
{
    const Workspace ws;
    for (const char* args : {R"({"resources":"r1"})", R"({"as_of":5})", R"({"as_of":"2025-13-01T00:00:00Z"})"})
        CHECK_MESSAGE(RenewJson(ws, args, Instant()) == RefundJson(ws, args, Instant()), args);
}

// Found by tests/fuzz/fuzz_api_args: a time argument quoted in its error was cut inside a UTF-8
// character, so the answer was not valid JSON. Messages quote at most 60 bytes, cut between characters.
TEST_CASE("an error quoting a long non-ASCII argument is still valid JSON, cut between characters")
{
    const Workspace ws;
    const Instant clock = Instant::FromUnixSeconds(1736820000);
    std::string args = R"({"keep_until":"2025-03)";
    for (int i = 0; i < 30; ++i) args += "中";  // 3 bytes each: byte 60 falls inside one
    args += R"("})";
    for (const std::string& answer :
         {RefundJson(ws, args, clock), RenewJson(ws, R"({"as_of":)" + args.substr(14), clock)}) {
        CAPTURE(answer);
        const json parsed = json::parse(answer, nullptr, false);
        REQUIRE_FALSE(parsed.is_discarded());
        REQUIRE(parsed.contains("error"));
        const std::string message = parsed["error"].get<std::string>();
        CHECK(message.size() < 200);
        CHECK(message.find("...") != std::string::npos);
    }
    CHECK(Excerpt("ab中", 3) == "ab...");  // the cut backs up to the character's first byte
    CHECK(Excerpt("ab中", 5) == "ab中");
    CHECK(Excerpt("ab中d", 5) == "ab中...");
    CHECK(Excerpt("中", 0) == "...");
}
