// Small workspaces for the renewal-engine suites (test_renewal*.cpp, test_auto_renew.cpp,
// test_forecast.cpp, test_exports.cpp): build products and resources in code with the defaults of
// workspace.h, or open the hand-checked sample (assets/sample-workspace.json, see assets/README.md).
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/model/calendar.h"
#include "core/io/load.h"
#include "core/model/money.h"
#include "core/model/workspace.h"

namespace qd::renewal_test {

inline Instant At(std::string_view text)
{
    InstantParse p = ParseInstant(text);
    REQUIRE_MESSAGE(p.ok, p.error);
    return p.value;
}

inline Money Yuan(std::string_view text)
{
    MoneyParse p = ParseMoney(text);
    REQUIRE_MESSAGE(p.ok, p.error);
    return p.value;
}

inline std::string Iso(Instant t) { return FormatIso(t, ZoneOffset::China()); }

// A workspace assembled in code. Call done() after adding, before using the engines.
struct Fixture {
    Workspace ws;

    // References returned by product() / resource() stay valid: the vectors never reallocate in a test.
    explicit Fixture(std::string_view asOf = "2025-01-14T10:00:00+08:00")
    {
        ws.as_of = At(asOf);
        ws.products.reserve(64);
        ws.resources.reserve(256);
        ws.orders.reserve(64);
    }

    Instant now() const { return *ws.as_of; }

    // A product; an empty price string means "not sold in that unit".
    Product& product(std::string id, std::string_view month, std::string_view year,
                     ProductKind kind = ProductKind::Standard)
    {
        Product p;
        p.product_id = std::move(id);
        p.service_type_code = "hws.service.type.ec2";
        p.service_type_name = "弹性云服务器";
        p.region_code = "cn-north-4";
        if (!month.empty()) p.prices.month = Yuan(month);
        if (!year.empty()) p.prices.year = Yuan(year);
        p.kind = kind;
        ws.products.push_back(std::move(p));
        return ws.products.back();
    }

    // A resource whose single period runs from `effective` to `expire` (both ISO text).
    Resource& resource(std::string id, std::string productId, std::string_view effective, std::string_view expire)
    {
        Resource r;
        r.resource_id = std::move(id);
        r.resource_name = r.resource_id + "-name";
        r.product_id = std::move(productId);
        r.region_code = "cn-north-4";
        r.effective_time = At(effective);
        r.expire_time = At(expire);
        ResourcePeriod period;
        period.order_id = "CS-" + r.resource_id;
        period.start = r.effective_time;
        period.end = r.expire_time;
        r.periods.push_back(period);
        ws.resources.push_back(std::move(r));
        return ws.resources.back();
    }

    // An attached resource with the main's dates.
    Resource& attached(std::string id, std::string productId, const std::string& mainId, Relation relation)
    {
        const Resource* main = nullptr;
        for (const Resource& r : ws.resources)
            if (r.resource_id == mainId) main = &r;
        REQUIRE(main != nullptr);
        const Instant eff = main->effective_time, exp = main->expire_time;
        const std::optional<int> anchor = main->anchor_day;
        Resource& a = resource(std::move(id), std::move(productId), FormatIso(eff, ZoneOffset::China()),
                               FormatIso(exp, ZoneOffset::China()));
        a.main_resource_id = mainId;
        a.relation = relation;
        a.anchor_day = anchor;
        return a;
    }

    // A completed purchase order for the resource's first period, so trade history can be checked.
    Order& purchaseOrder(const std::string& resourceId)
    {
        Order o;
        o.order_id = "CS-" + resourceId;
        o.order_type = OrderType::New;
        o.status = OrderStatus::Completed;
        o.create_time = At("2024-01-01T00:00:00+08:00");
        ws.orders.push_back(std::move(o));
        return ws.orders.back();
    }

    // A pending renewal order naming the resource.
    Order& pendingOrder(std::string id, const std::string& resourceId, OrderStatus status = OrderStatus::PendingPayment)
    {
        Order o;
        o.order_id = std::move(id);
        o.order_type = OrderType::Renewal;
        o.status = status;
        o.create_time = At("2025-01-13T16:40:12+08:00");
        OrderItem item;
        item.resource_id = resourceId;
        o.items.push_back(item);
        ws.orders.push_back(std::move(o));
        return ws.orders.back();
    }

    Workspace& done()
    {
        ws.Reindex();
        return ws;
    }
};

inline Workspace LoadSample()
{
    std::string text, error;
    const std::string path = std::string(QD_SOURCE_DIR) + "/assets/sample-workspace.json";
    FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE_MESSAGE(f != nullptr, path);
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
    LoadResult r = LoadWorkspace(text, "sample-workspace.json");
    REQUIRE_MESSAGE(r.ok, (r.errors.empty() ? std::string() : r.errors.front().str()));
    return std::move(r.workspace);
}

// Resource ids of the sample, by the short names of assets/README.md.
namespace sample {
// ECS, manual, in the pending combined renewal
inline constexpr const char* R1 = "2f6c1d3e-8a47-4b9e-9c21-5d7e0a3b6f18";
inline constexpr const char* R2 = "7a0e5b92-3c1d-4f68-8e4a-19b2c7d05e63";   // bound system disk of R1
inline constexpr const char* R3 = "c41f8e27-6b0d-4a95-b3e2-8f1a7c64d920";   // mounted data disk of R1, auto unlimited
inline constexpr const char* R4 = "91b3e6d0-2f5a-47c8-a1d9-6e0c4b7f2a35";   // ECS, auto month x1, 4 left, anchor 31
inline constexpr const char* R5 = "e8d27c41-9a6f-4305-b7e1-2c9f0d5a8b46";   // bound disk of R4
inline constexpr const char* R6 = "4d9a0f6b-1e3c-4b7a-8d52-a0c6e9f31b74";   // ECS with a pending renewal order
inline constexpr const char* R8 = "0c7b4e1a-5f92-4d86-b3a0-7e2f9c1d6b58";   // ECS, to_on_demand
inline constexpr const char* R9 = "63f1a8d2-0b7e-4c59-a4d3-d9e2b6f07c81";   // bound disk of R8
inline constexpr const char* R10 = "d3a6c9f0-7b2e-4e81-95c4-0f8b1a2d7e69";  // ECS, police-frozen
inline constexpr const char* R12 = "a7f40e9b-3d6c-4a12-b8e5-61c2d9f0a3b7";  // EIP, arrears-frozen, no_renew
inline constexpr const char* R13 = "1e9c5a3f-8b04-47d2-a6f1-c3b7e0d29a54";  // bound bandwidth of R12
inline constexpr const char* R14 = "f06b2d8e-4c7a-4391-bd5e-8a3f1e7c2d40";  // EVS, expired 2025-01-05 (grace)
inline constexpr const char* R15 = "8c2d7f1b-6e3a-4b95-a0d7-4f9e1c8b3a62";  // EVS on a delisted product, no_renew
inline constexpr const char* R16 = "3a5f9c0e-2d8b-4e67-9b14-e6a0d3f7c2b9";  // EVS bought 2025-01-12, manual
// RDS, manual, paid renewal to 2026-06-20
inline constexpr const char* R17 = "b7e10c4a-9d2f-4683-a5b1-0e7c3f9d2a86in01";
inline constexpr const char* R18 = "2d8f6a1c-5e9b-4c07-8f3a-b1d4e7c0a593in01";  // RDS, provisioning failed
inline constexpr const char* R19 = "obs-pkg-6e1b9d4f2a7c4b08";                  // OBS package, monthly, auto unlimited
inline constexpr const char* R20 = "cdn-pkg-a3c8e0f51d9b4e27";                  // CDN package, yearly, manual
// marketplace, monthly, pending combined renewal
inline constexpr const char* R21 = "mkp-9f2c4e7a0b3d4618";
inline constexpr const char* R22 = "9e4b1f7c-0a6d-4c28-b5e3-7d2a8f1c6e05";  // closed
}  // namespace sample

}  // namespace qd::renewal_test
