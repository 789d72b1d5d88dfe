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
