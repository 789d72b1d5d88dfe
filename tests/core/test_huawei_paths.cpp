// The Huawei import's two paths (docs/huawei-data.md §7): simdjson's fast path and nlohmann's precise
// reader build the same tree of a response, so every response reads alike: the same merged workspace,
// warnings and counts, or both refuse, with LoadPath::Auto refusing in the precise reader's words. On
// every response in tests/huawei/ (published examples, SDK-shaped and real-data fixtures), the
// Huawei files of the bad-input corpus, partial imports, generated pages and the text-level cases
// simdjson leaves to its caller.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/io/huawei_import.h"
#include "core/io/load.h"
#include "core/io/save.h"
#include "huawei_paths.h"
#include "support.h"

namespace qd {
namespace {

// The published resources page: order lines and renewal prices have something to link to.
Workspace WithResources()
{
    Workspace ws;
    const std::string text = test::ReadSourceFile("tests/huawei/published/ListPayPerUseCustomerResources.example.json");
    REQUIRE(ImportHuawei(InputKind::HuaweiResources, text, "resources.json", ws).empty());
    const std::string mine = test::ReadSourceFile("tests/huawei/resources.json");
    REQUIRE(ImportHuawei(InputKind::HuaweiResources, mine, "resources2.json", ws).empty());
    return ws;
}

LoadOptions OneMonth()
{
    LoadOptions o;
    o.renew_rate_period = RenewRatePeriod{TermUnit::Month, 1};
    return o;
}

// Both paths into an empty workspace and into one with resources; with and without a renew-rate duration.
void BothPaths(InputKind kind, const std::string& text, const std::string& name)
{
    for (const bool withResources : {false, true})
        for (const bool withPeriod : {false, true}) {
            Workspace ws = withResources ? WithResources() : Workspace{};
            CAPTURE(withResources);
            CAPTURE(withPeriod);
            test::ImportBothPaths(kind, text, name, ws, withPeriod ? OneMonth() : LoadOptions{});
        }
}

// A kind for any file: the detected one, or resources for a file that is no Huawei response.
InputKind KindOf(const std::string& text)
{
    const InputKind kind = DetectInputKind(text);
    return kind == InputKind::Workspace ? InputKind::HuaweiResources : kind;
}

TEST_CASE("huawei paths: every response in tests/huawei/ reads alike on both paths, and the fast path takes it")
{
    const std::vector<std::string> files = test::SourceJsonFiles({"tests/huawei"});
    CHECK(files.size() >= 14);
    for (const std::string& path : files) {
        const std::string text = test::ReadSourceFile(path);
        const InputKind kind = DetectInputKind(text);
        CAPTURE(path);
        REQUIRE(kind != InputKind::Workspace);
        BothPaths(kind, text, path);
        Workspace ws = WithResources();
        CHECK(test::Lines(ImportHuawei(kind, text, path, ws, OneMonth(), nullptr, LoadPath::Fast)) == "");
    }
}

TEST_CASE("huawei paths: the bad-input corpus, read as Huawei responses, refuses alike in the same words")
{
    const std::vector<std::string> files = test::SourceJsonFiles({"tests/bad-input"});
    CHECK(files.size() >= 100);
    for (const std::string& path : files) {
        const std::string text = test::ReadSourceFile(path);
        CAPTURE(path);
        Workspace ws;
        test::ImportBothPaths(KindOf(text), text, path, ws, OneMonth());
    }
}

TEST_CASE("huawei paths: a partial import skips the same records with the same warnings on both paths")
{
    // status 11 (hardware mall), an unknown order_type, a wrong type, a record that is no object,
    // a sub-order that cannot be read: skipped; the rest opens, on the fast path too
    const std::string orders = R"({"total_count": 6, "order_infos": [
      {"order_id": "CS1", "order_type": 1, "status": 5, "create_time": "2025-01-01T00:00:00Z",
       "amount_after_discount": 10.5, "official_amount": "12.005", "currency": "CNY"},
      {"order_id": "CS2", "order_type": 1, "status": 11, "create_time": "2025-01-01T00:00:00Z",
       "amount_after_discount": 1},
      {"order_id": "CS3", "order_type": 99, "status": 5, "create_time": "2025-01-01T00:00:00Z",
       "amount_after_discount": 1},
      {"order_id": "CS4", "order_type": 1, "status": "five", "create_time": "2025-01-01T00:00:00Z",
       "amount_after_discount": 1e400},
      [1, 2],
      {"order_id": "CS6", "order_type": 1, "status": 5, "create_time": "2025-01-01T00:00:00Z",
       "amount_after_discount": 0, "sub_order_infos": [{"order_id": "CS6a", "order_type": 7}]}
    ]})";
    Workspace ws;
    HuaweiFileReport report;
    CHECK(test::ImportBothPaths(InputKind::HuaweiOrders, orders, "o.json", ws, {}, &report).empty() == false);
    // 1e400 does not fit a double: the whole file is refused, in nlohmann's words
    const std::string partial = std::string(orders).replace(orders.find("1e400"), 5, "\"1\"");
    Workspace ws2;
    REQUIRE(test::ImportBothPaths(InputKind::HuaweiOrders, partial, "o.json", ws2, {}, &report).empty());
    CHECK(report.read == 2);
    CHECK(report.skipped == 5);
    CHECK(report.warnings.size() >= 5);
    Workspace ws3;
    HuaweiFileReport fast;
    CHECK(ImportHuawei(InputKind::HuaweiOrders, partial, "o.json", ws3, {}, &fast, LoadPath::Fast).empty());
    CHECK(test::Lines(fast.warnings) == test::Lines(report.warnings));
    CHECK(SaveWorkspace(ws3) == SaveWorkspace(ws2));
}

TEST_CASE("huawei paths: what the fast path hands over exactly as the precise reader does")
{
    // each response differs from a valid one in one place; both paths must agree on every one
    const std::string head = R"({"total_count": 1, "data": [{"resource_id": "r-1", "product_id": "p-1", "status": 2,
      "effective_time": "2025-01-01T00:00:00Z", "expire_time": "2025-02-01T00:00:00Z", )";
    const std::string tail = "}]}";
    const std::vector<std::string> members = {
        R"("resource_name": "caf\u00e9 \"web\" \\ \/ \ud83d\ude00")",  // escapes, a surrogate pair
        R"("resource_name": "\ud800")",                                // a lone surrogate
        R"("resource_name": "\udc00x")",
        R"("resource_name": "tab	inside")",  // a raw control character
        R"("expire_policy": -0)",
        R"("expire_policy": 3.0)",
        R"("expire_policy": 01)",
        R"("expire_policy": 1.)",
        R"("expire_policy": -)",
        R"("expire_policy": 1e2)",
        R"("expire_policy": 9223372036854775807)",
        R"("expire_policy": 9223372036854775808)",
        R"("expire_policy": 18446744073709551616)",
        R"("expire_policy": -9223372036854775809)",
        R"("expire_policy": 1e400)",
        R"("expire_policy": 1e-400)",
        R"("expire_policy": "3")",
        R"("expire_policy": true)",
        R"("expire_policy": null)",
        R"("resource_name": "a", "resource_name": "b")",  // a member twice
        R"("x": {"y": 1, "y": 2})",
        R"("x": [1, {"a": [true, false, null]}])",
        R"("is_main_resource": 0, "parent_resource_id": "")",
        R"("enterprise_project": {"id": "0", "name": "default"})",
        R"("enterprise_project": [])",
        R"("resource_name": "a",)",  // a trailing comma
    };
    for (const std::string& m : members) {
        CAPTURE(m);
        Workspace ws;
        test::ImportBothPaths(InputKind::HuaweiResources, head + m + tail, "r.json", ws);
    }
    std::string deep = head + R"("x": )";
    for (int i = 0; i < 70; ++i) deep += "[";
    for (int i = 0; i < 70; ++i) deep += "]";
    deep += tail;
    const std::string valid = head + R"("resource_name": "a")" + tail;
    for (const std::string& text :
         {deep, valid + " x", valid + " {}", "\xEF\xBB\xBF" + valid, valid + "\n", std::string("[") + valid + "]",
          std::string("\"data\""), valid.substr(0, valid.size() - 1)}) {
        CAPTURE(text);
        Workspace ws;
        test::ImportBothPaths(InputKind::HuaweiResources, text, "r.json", ws);
    }
    // the fast path takes a byte order mark and whitespace, and stops at a repeated member
    Workspace ws;
    CHECK(ImportHuawei(InputKind::HuaweiResources, "\xEF\xBB\xBF" + valid, "r.json", ws, {}, nullptr, LoadPath::Fast)
              .empty());
    CHECK(test::Lines(ImportHuawei(InputKind::HuaweiResources, head + members[19] + tail, "r.json", ws, {}, nullptr,
                                   LoadPath::Fast)) == "r.json: not read by the fast path\n");
}

TEST_CASE("huawei paths: generated pages of resources and orders read alike, and the fast path takes them")
{
    std::string resources = R"({"total_count": 1500, "data": [)";
    std::string orders = R"({"total_count": 600, "order_infos": [)";
    for (int i = 0; i < 600; ++i) {
        const std::string id = "res-" + std::to_string(i);
        if (i > 0) {
            resources += ",";
            orders += ",";
        }
        resources += R"({"resource_id": ")" + id + "\", \"resource_name\": \"n\\\"" + std::to_string(i) +
                     "\", \"product_id\": \"p-" + std::to_string(i % 7) + R"(", "status": )" +
                     (i % 50 == 0 ? "11" : "2") +  // every 50th skipped: an unknown status
                     R"(, "effective_time": "2025-01-01T00:00:00Z", "expire_time": "2026-01-01T00:00:00Z",
                       "is_main_resource": 1, "expire_policy": )" +
                     std::to_string(i % 6) + R"(, "spec_size": null, "enterprise_project": {"id": "0"}})";
        orders += R"({"order_id": "CS)" + std::to_string(100000 + i) + R"(", "order_type": 1, "status": 5,
                    "create_time": "2025-01-01T00:00:00Z", "amount_after_discount": )" +
                  std::to_string(i) + "." + std::to_string(i % 100) + R"(, "official_amount": ")" +
                  std::to_string(i * 3) + R"(.123",
                    "amount_info": {"discounts": [{"discount_type": 700, "discount_amount": 1.5}],
                                    "coupon_amount": 0, "flexipurchase_coupon_amount": 0.5, "stored_card_amount": 0}})";
    }
    resources += "]}";
    orders += "]}";
    Workspace ws;
    HuaweiFileReport report;
    REQUIRE(test::ImportBothPaths(InputKind::HuaweiResources, resources, "r.json", ws, {}, &report).empty());
    CHECK(report.read == 588);
    CHECK(report.skipped == 12);
    REQUIRE(test::ImportBothPaths(InputKind::HuaweiOrders, orders, "o.json", ws, {}, &report).empty());
    CHECK(report.read == 600);
    Workspace fast;
    CHECK(ImportHuawei(InputKind::HuaweiResources, resources, "r.json", fast, {}, nullptr, LoadPath::Fast).empty());
    CHECK(ImportHuawei(InputKind::HuaweiOrders, orders, "o.json", fast, {}, nullptr, LoadPath::Fast).empty());
    CHECK(SaveWorkspace(fast) == SaveWorkspace(ws));
}

TEST_CASE("huawei paths: a response over 4 MiB is read by the precise reader alone, and opens the same")
{
    // simdjson's parser would take about 5.7 bytes per byte of it in a heap that never shrinks
    const std::string big = R"({"total_count": 1, "padding": ")" + std::string(std::size_t{4} << 20, 'x') +
                            R"(", "data": [{"resource_id": "r-1", "product_id": "p-1", "status": 2,
      "effective_time": "2025-01-01T00:00:00Z", "expire_time": "2025-02-01T00:00:00Z"}]})";
    Workspace fast;
    CHECK(test::Lines(ImportHuawei(InputKind::HuaweiResources, big, "big.json", fast, {}, nullptr, LoadPath::Fast)) ==
          "big.json: not read by the fast path\n");
    Workspace automatic, precise;
    HuaweiFileReport report;
    CHECK(ImportHuawei(InputKind::HuaweiResources, big, "big.json", automatic, {}, &report).empty());
    CHECK(report.read == 1);
    CHECK(ImportHuawei(InputKind::HuaweiResources, big, "big.json", precise, {}, nullptr, LoadPath::Precise).empty());
    CHECK(SaveWorkspace(automatic) == SaveWorkspace(precise));
    const std::string small = R"({"total_count": 1, "padding": ")" + std::string((std::size_t{4} << 20) - 300, 'x') +
                              big.substr(big.find(R"(", "data")"));
    CHECK(ImportHuawei(InputKind::HuaweiResources, small, "small.json", fast, {}, nullptr, LoadPath::Fast).empty());
}

}  // namespace
}  // namespace qd
