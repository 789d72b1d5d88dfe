// Huawei BSS raw responses -> workspace (core/io/huawei_import.h), with the fixtures in tests/huawei/.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "core/io/huawei_import.h"
#include "core/io/load.h"
#include "huawei_paths.h"
#include "support.h"

namespace {

using qd::InputKind;

std::string Fixture(const std::string& name) { return qd::test::ReadSourceFile("tests/huawei/" + name); }

// Imports a fixture into ws and requires success.
void Import(qd::Workspace& ws, InputKind kind, const std::string& name)
{
    qd::LoadErrors errors = qd::test::ImportBothPaths(kind, Fixture(name), name, ws);
    for (const qd::LoadError& e : errors) FAIL_CHECK(e.str());
    REQUIRE(errors.empty());
}

qd::Instant T(const char* text) { return qd::ParseInstant(text).value; }
qd::Money M(const char* text) { return qd::ParseMoney(text).value; }

const qd::Order& OrderOf(const qd::Workspace& ws, std::string_view id)
{
    const qd::Order* o = ws.findOrder(id);
    REQUIRE_MESSAGE(o, id);
    return *o;
}
const qd::Resource& ResourceOf(const qd::Workspace& ws, std::string_view id)
{
    const qd::Resource* r = ws.findResource(id);
    REQUIRE_MESSAGE(r, id);
    return *r;
}

// One problem expected: the error's "FILE: /pointer: message" line, or (a record skipped, docs/huawei-data.md
// "Partial import") "warning: " and the warning's line.
std::string OnlyError(InputKind kind, const std::string& text, qd::Workspace ws = {})
{
    qd::HuaweiFileReport report;
    qd::LoadErrors errors = qd::test::ImportBothPaths(kind, text, "raw.json", ws, {}, &report);
    if (errors.empty()) {
        REQUIRE(report.warnings.size() == 1);
        return "warning: " + report.warnings[0].str();
    }
    REQUIRE(errors.size() == 1);
    return errors[0].str();
}

constexpr const char* kEcs = "2f6c1d3e-8a47-4b9e-9c21-5d7e0a3b6f18";
constexpr const char* kEcsDisk = "7a0e5b92-3c1d-4f68-8e4a-19b2c7d05e63";
constexpr const char* kRds = "b7e10c4a9d2f4683a5b10e7c3f9d2a86in01";

}  // namespace

TEST_CASE("huawei: the integer code tables of docs/huawei-data.md")
{
    using namespace qd;
    CHECK(HuaweiOrderStatus(1) == OrderStatus::PendingReview);
    CHECK(HuaweiOrderStatus(2) == OrderStatus::Refunding);
    CHECK(HuaweiOrderStatus(3) == OrderStatus::Processing);
    CHECK(HuaweiOrderStatus(4) == OrderStatus::Cancelled);
    CHECK(HuaweiOrderStatus(5) == OrderStatus::Completed);
    CHECK(HuaweiOrderStatus(6) == OrderStatus::PendingPayment);
    CHECK(HuaweiOrderStatus(9) == OrderStatus::PendingConfirmation);
    for (int64_t hardware : {0, 7, 8, 10, 11, 12, 13}) CHECK_FALSE(HuaweiOrderStatus(hardware));

    CHECK(HuaweiOrderType(1) == OrderType::New);
    CHECK(HuaweiOrderType(2) == OrderType::Renewal);
    CHECK(HuaweiOrderType(3) == OrderType::Change);
    CHECK(HuaweiOrderType(4) == OrderType::Unsubscribe);
    CHECK(HuaweiOrderType(10) == OrderType::ToOnDemand);
    CHECK(HuaweiOrderType(11) == OrderType::OnDemandToPeriod);
    CHECK(HuaweiOrderType(13) == OrderType::Trial);
    CHECK(HuaweiOrderType(14) == OrderType::TrialToCommercial);
    CHECK(HuaweiOrderType(15) == OrderType::FeeAdjustment);
    for (int64_t other : {0, 5, 9, 12, 16}) CHECK_FALSE(HuaweiOrderType(other));

    CHECK(HuaweiResourceStatus(2) == ResourceStatus::InUse);
    CHECK(HuaweiResourceStatus(3) == ResourceStatus::Closed);
    CHECK(HuaweiResourceStatus(4) == ResourceStatus::Frozen);
    CHECK(HuaweiResourceStatus(5) == ResourceStatus::Expired);
    for (int64_t other : {0, 1, 6}) CHECK_FALSE(HuaweiResourceStatus(other));

    CHECK(HuaweiExpirePolicy(0) == RenewalPolicy::Manual);
    CHECK(HuaweiExpirePolicy(1) == RenewalPolicy::ToOnDemand);
    CHECK(HuaweiExpirePolicy(2) == RenewalPolicy::NoRenew);
    CHECK(HuaweiExpirePolicy(3) == RenewalPolicy::Auto);
    CHECK(HuaweiExpirePolicy(4) == RenewalPolicy::NoRenew);
    CHECK(HuaweiExpirePolicy(5) == RenewalPolicy::NoRenew);
    CHECK_FALSE(HuaweiExpirePolicy(6));

    CHECK(HuaweiPeriodType(0) == ItemPeriod::Day);
    CHECK(HuaweiPeriodType(2) == ItemPeriod::Month);
    CHECK(HuaweiPeriodType(3) == ItemPeriod::Year);
    CHECK(HuaweiPeriodType(5) == ItemPeriod::Once);
    for (int64_t other : {1, 4, 6, 7}) CHECK_FALSE(HuaweiPeriodType(other));
}

TEST_CASE("huawei: ListCustomerOrders -> orders, combined trade orders, customer id")
{
    qd::Workspace ws;
    Import(ws, InputKind::HuaweiOrders, "list_customer_orders.json");
    CHECK(ws.orders.size() == 11);  // 9 listed + 2 sub-orders
    CHECK(ws.account.customer_id == "0b6f3c2a9e4d4f7a8c1e5d2b7a9f0c63");

    const qd::Order& combined = OrderOf(ws, "CS25011409123H8RN");
    CHECK(combined.status == qd::OrderStatus::PendingPayment);
    CHECK(combined.order_type == qd::OrderType::Renewal);
    CHECK(combined.create_time == T("2025-01-14T09:12:36+08:00"));
    CHECK_FALSE(combined.payment_time);  // "" = not paid
    CHECK(combined.official_amount == M("2262.28"));
    CHECK(combined.items.empty());
    for (const char* sub : {"CS25011409123D4SW", "CS25011409123G7XC"}) {
        CHECK(OrderOf(ws, sub).combined_order_id == std::optional<std::string>("CS25011409123H8RN"));
        CHECK(OrderOf(ws, sub).status == qd::OrderStatus::PendingPayment);
    }
    CHECK(OrderOf(ws, "CS25011409123G7XC").service_type_name == "云商店");

    CHECK(OrderOf(ws, "CS25011011203N6TY").status == qd::OrderStatus::PendingReview);
    CHECK(OrderOf(ws, "CS25011315084K2ZP").status == qd::OrderStatus::PendingConfirmation);
    CHECK(OrderOf(ws, "CS25011409400W3MH").status == qd::OrderStatus::Processing);
    CHECK(OrderOf(ws, "CS25010609304X5NE").status == qd::OrderStatus::Cancelled);
    CHECK(OrderOf(ws, "CS24090310324T2WS").status == qd::OrderStatus::Refunding);
    CHECK(OrderOf(ws, "CS24090310324T2WS").order_type == qd::OrderType::Change);
    CHECK(OrderOf(ws, "CS24102515373A1KE").order_type == qd::OrderType::Unsubscribe);
    CHECK(OrderOf(ws, "CS24111820151R8QK").order_type == qd::OrderType::ToOnDemand);
    CHECK(OrderOf(ws, "CS24111820151R8QK").currency == "CNY");  // empty currency = RMB
    CHECK(OrderOf(ws, "CS24041515582CL27").payment_time == T("2024-04-15T07:58:49Z"));
}

TEST_CASE("huawei: raw amounts with more than 2 decimals are rounded per the profile")
{
    qd::Workspace halfUp;
    Import(halfUp, InputKind::HuaweiOrders, "list_customer_orders.json");
    CHECK(OrderOf(halfUp, "CS24090310324T2WS").amount_after_discount == M("31.33"));  // 31.333333
    CHECK(OrderOf(halfUp, "CS24090310324T2WS").official_amount == M("31.34"));        // 31.336667

    qd::Workspace truncate;
    truncate.rules.rounding = qd::Rounding::Truncate;
    Import(truncate, InputKind::HuaweiOrders, "list_customer_orders.json");
    CHECK(OrderOf(truncate, "CS24090310324T2WS").official_amount == M("31.33"));
}

TEST_CASE("huawei: ListPayPerUseCustomerResources -> resources, attachment, products without prices")
{
    qd::Workspace ws;
    Import(ws, InputKind::HuaweiResources, "resources.json");
    REQUIRE(ws.resources.size() == 7);

    const qd::Resource& ecs = ResourceOf(ws, kEcs);
    CHECK(ecs.isMain());
    CHECK(ecs.resource_name == "ecs-鑫曌-web-01");
    CHECK(ecs.status == qd::ResourceStatus::InUse);
    CHECK(ecs.renewal_policy == qd::RenewalPolicy::Manual);  // expire_policy 0
    CHECK(ecs.effective_time == T("2024-04-15T15:58:49+08:00"));
    CHECK(ecs.expire_time == T("2026-04-15T23:59:59+08:00"));
    REQUIRE(ecs.periods.size() == 1);  // order and payment unknown
    CHECK(ecs.periods[0].order_id.empty());
    CHECK_FALSE(ecs.periods[0].paid);

    const qd::Resource& disk = ResourceOf(ws, kEcsDisk);
    CHECK(disk.main_resource_id == std::optional<std::string>(kEcs));
    CHECK(disk.isBound());

    CHECK(ResourceOf(ws, "a7f40e9b-3d6c-4a12-b8e5-61c2d9f0a3b7").status == qd::ResourceStatus::Frozen);
    CHECK_FALSE(ResourceOf(ws, "a7f40e9b-3d6c-4a12-b8e5-61c2d9f0a3b7").frozen_reason);  // BSS does not say why
    CHECK(ResourceOf(ws, "a7f40e9b-3d6c-4a12-b8e5-61c2d9f0a3b7").renewal_policy == qd::RenewalPolicy::NoRenew);     // 2
    CHECK(ResourceOf(ws, "1e9c5a3f-8b04-47d2-a6f1-c3b7e0d29a54").renewal_policy == qd::RenewalPolicy::NoRenew);     // 4
    CHECK(ResourceOf(ws, "mkp-9f2c4e7a0b3d4618").renewal_policy == qd::RenewalPolicy::NoRenew);                     // 5
    CHECK(ResourceOf(ws, kRds).renewal_policy == qd::RenewalPolicy::Auto);                                          // 3
    CHECK(ResourceOf(ws, "f06b2d8e-4c7a-4391-bd5e-8a3f1e7c2d40").renewal_policy == qd::RenewalPolicy::ToOnDemand);  // 1
    CHECK(ResourceOf(ws, "f06b2d8e-4c7a-4391-bd5e-8a3f1e7c2d40").status == qd::ResourceStatus::Expired);

    const qd::Product* vm = ws.findProduct("OFFI740586375358963717");
    REQUIRE(vm);
    CHECK(vm->service_type_name == "弹性云服务器");
    CHECK(vm->spec_desc == "s6.large.2 | 2vCPUs | 4GiB | linux");
    CHECK(vm->region_code == "cn-north-4");
    CHECK_FALSE(vm->prices.month);
    CHECK_FALSE(vm->prices.year);
    CHECK(ws.findProduct("00301-229051-0--0")->kind == qd::ProductKind::Marketplace);
}

TEST_CASE("huawei: merging resources with order details links the lines and rebuilds the periods")
{
    // Either order of the files gives the same workspace.
    qd::Workspace a, b;
    Import(a, InputKind::HuaweiResources, "resources.json");
    Import(a, InputKind::HuaweiOrderDetails, "order_details_new.json");
    Import(a, InputKind::HuaweiOrderDetails, "order_details_renewal.json");
    Import(b, InputKind::HuaweiOrderDetails, "order_details_renewal.json");
    Import(b, InputKind::HuaweiOrderDetails, "order_details_new.json");
    Import(b, InputKind::HuaweiResources, "resources.json");
    CHECK(ResourceOf(a, kEcs) == ResourceOf(b, kEcs));
    CHECK(ResourceOf(a, kEcsDisk) == ResourceOf(b, kEcsDisk));

    const qd::Resource& ecs = ResourceOf(a, kEcs);
    REQUIRE(ecs.periods.size() == 2);
    const qd::ResourcePeriod& bought = ecs.periods[0];
    CHECK(bought.order_id == "CS24041515582CL27");
    CHECK(bought.kind == qd::PeriodKind::New);
    CHECK(bought.start == T("2024-04-15T15:58:49+08:00"));
    CHECK(bought.end == T("2025-04-15T23:59:59+08:00"));
    CHECK(bought.list_amount == M("1952.28"));
    REQUIRE(bought.paid);
    CHECK(bought.paid->cash == M("1752.28"));
    CHECK(bought.paid->voucher == M("200.00"));

    const qd::ResourcePeriod& renewal = ecs.periods[1];  // the line starts 00:00:00 local: chained at 23:59:59
    CHECK(renewal.order_id == "CS25010815324P6SA");
    CHECK(renewal.kind == qd::PeriodKind::Renewal);
    CHECK(renewal.start == bought.end);
    CHECK(renewal.end == T("2026-04-15T23:59:59+08:00"));
    REQUIRE(renewal.paid);
    CHECK(renewal.paid->discount_coupon == M("97.61"));  // discount_type 300, 97.614
    CHECK(renewal.paid->flexi_coupon == M("50.00"));
    CHECK(renewal.paid->stored_card == M("100.00"));
    CHECK(renewal.paid->cash == M("1704.67"));  // 1854.666 -> 1854.67, less flexi and card

    const qd::Resource& disk = ResourceOf(a, kEcsDisk);
    REQUIRE(disk.periods.size() == 2);
    CHECK(disk.periods[1].paid->discount_coupon == M("13.94"));  // discount_type given as an integer
    CHECK(disk.periods[1].paid->cash == M("266.06"));

    const qd::Order& details = OrderOf(a, "CS24041515582CL27");
    CHECK(details.created_by == "njxzy_admin");
    CHECK(details.pending_payment_end_time == T("2024-04-22T07:58:27Z"));
    REQUIRE(details.items.size() == 2);
    CHECK(details.items[0].resource_id == std::optional<std::string>(kEcs));
    CHECK(details.items[1].resource_id == std::optional<std::string>(kEcsDisk));
    CHECK(details.items[0].period == qd::ItemPeriod::Year);
    CHECK(details.items[0].period_num == 1);
    CHECK(details.items[0].amount == M("1952.28"));
    CHECK(OrderOf(a, "CS25010815324P6SA").amount_after_discount == M("2120.72"));  // 2120.724999

    // Resources without lines keep their single period of unknown order.
    CHECK(ResourceOf(a, kRds).periods.size() == 1);
    CHECK(ResourceOf(a, kRds).periods[0].order_id.empty());
}

TEST_CASE("huawei: a list entry and the details of the same order merge")
{
    qd::Workspace ws;
    Import(ws, InputKind::HuaweiOrderDetails, "order_details_new.json");
    Import(ws, InputKind::HuaweiOrders, "list_customer_orders.json");  // knows no items: keeps the details'
    const qd::Order& o = OrderOf(ws, "CS24041515582CL27");
    CHECK(o.items.size() == 2);
    CHECK(o.created_by == "njxzy_admin");
    CHECK(ws.orders.size() == 11);  // not duplicated
}

TEST_CASE("huawei: a list entry created after the details' payment deadline keeps no deadline")
{
    // Found by fuzz_huawei_orders: the details' deadline (2024-04-22T07:58:27Z) was kept beside a list
    // entry's later create_time, a workspace the loader refuses ("must not be before create_time").
    qd::Workspace ws;
    Import(ws, InputKind::HuaweiOrderDetails, "order_details_new.json");
    REQUIRE(OrderOf(ws, "CS24041515582CL27").pending_payment_end_time);
    std::string list = Fixture("list_customer_orders.json");
    const std::size_t created = list.find("2024-04-15T07:58:27Z");  // the order's create_time in the list
    REQUIRE(created != std::string::npos);
    list.replace(created, 20, "2024-04-25T07:58:27Z");
    CHECK(qd::test::ImportBothPaths(InputKind::HuaweiOrders, list, "list.json", ws).empty());
    CHECK_FALSE(OrderOf(ws, "CS24041515582CL27").pending_payment_end_time);
    CHECK(qd::CheckWorkspace(ws, "merged.json").empty());
    CHECK(qd::LoadWorkspace(qd::SaveWorkspace(ws), "merged.json").ok);  // it loads back
}

TEST_CASE("huawei: renewal inquiries become product prices when they split exactly")
{
    qd::Workspace ws;
    Import(ws, InputKind::HuaweiResources, "resources.json");
    Import(ws, InputKind::HuaweiRenewPrices, "renew_rate_month.json");
    CHECK(ws.findProduct("OFFI740586375358965310")->prices.month == M("658.00"));  // RDS "658.004", alone
    CHECK(ws.findProduct("00301-229051-0--0")->prices.month == M("30.00"));
    // the ECS amount includes its system disk (主资源（包含从资源）续订金额): it is the instance's price, kept on
    // the main resource, never split into product prices
    CHECK_FALSE(ws.findProduct("OFFI740586375358963717")->prices.month);
    const qd::Resource& ecs = ResourceOf(ws, kEcs);
    REQUIRE(ecs.renewRate(qd::TermUnit::Month, 1));
    CHECK(ecs.renewRate(qd::TermUnit::Month, 1)->amount == M("219.40"));

    // 3 months: 1974.00 / 3 = 658.00; 100.01 / 3 is not a whole number of fen: no price
    qd::Workspace ws3;
    Import(ws3, InputKind::HuaweiResources, "resources.json");
    CHECK(
        qd::test::ImportBothPaths(
            InputKind::HuaweiRenewPrices,
            R"({"period_type":2,"period_num":3,"renew_inquiry_results":[{"resource_id":"b7e10c4a9d2f4683a5b10e7c3f9d2a86in01","amount":"1974.00"},
                             {"resource_id":"mkp-9f2c4e7a0b3d4618","amount":"100.01"}]})",
            "r3.json", ws3)
            .empty());
    CHECK(ws3.findProduct("OFFI740586375358965310")->prices.month == M("658.00"));
    CHECK_FALSE(ws3.findProduct("00301-229051-0--0")->prices.month);
    // a yearly inquiry sets the yearly price
    CHECK(
        qd::test::ImportBothPaths(
            InputKind::HuaweiRenewPrices,
            R"({"period_type":3,"period_num":1,"renew_inquiry_results":[{"resource_id":"b7e10c4a9d2f4683a5b10e7c3f9d2a86in01","amount":6580}]})",
            "y.json", ws3)
            .empty());
    CHECK(ws3.findProduct("OFFI740586375358965310")->prices.year == M("6580.00"));

    // results for resources the workspace does not hold change nothing and are reported
    qd::Workspace unrelated;
    qd::HuaweiFileReport report;
    CHECK(qd::test::ImportBothPaths(InputKind::HuaweiRenewPrices, Fixture("renew_rate_month.json"), "r.json", unrelated,
                                    {}, &report)
              .empty());
    CHECK(unrelated.products.empty());
    CHECK(report.skipped == 3);
    REQUIRE(report.warnings.size() == 3);
    CHECK(report.warnings[0].str().rfind("r.json: /renew_inquiry_results/0: no resource "
                                         "2f6c1d3e-8a47-4b9e-9c21-5d7e0a3b6f18 in the workspace",
                                         0) == 0);
}

TEST_CASE("huawei: what a raw export cannot supply is listed as missing, never invented")
{
    qd::Workspace ws;
    Import(ws, InputKind::HuaweiResources, "resources.json");
    Import(ws, InputKind::HuaweiOrderDetails, "order_details_new.json");
    const std::vector<qd::MissingNote> notes = qd::MissingData(ws);
    auto find = [&notes](std::string_view pointerPrefix) -> const qd::MissingNote* {
        for (const qd::MissingNote& n : notes)
            if (n.pointer.rfind(pointerPrefix, 0) == 0) return &n;
        return nullptr;
    };
    REQUIRE(find("/account/cash_balance"));
    REQUIRE(find("/account/five_day_quota"));
    CHECK(notes[0].pointer == "/account/cash_balance");
    CHECK(notes[1].pointer == "/account/five_day_quota");
    CHECK(find("/account/cash_balance")->add.find("cash_balance") != std::string::npos);

    // every product of a resource lacks both prices: 7 products x month + year
    int priceNotes = 0;
    for (const qd::MissingNote& n : notes) priceNotes += n.pointer.find("/prices/") != std::string::npos;
    CHECK(priceNotes == 14);

    // paid unknown: every resource's one period except ECS + disk (linked to the purchase), whose
    // renewal stretch is still unknown -> 5 single periods + 2 stretches
    const qd::MissingNote* paid = nullptr;
    for (const qd::MissingNote& n : notes)
        if (n.pointer.size() >= 5 && n.pointer.compare(n.pointer.size() - 5, 5, "/paid") == 0) paid = &n;
    REQUIRE(paid);
    CHECK(paid->count == 7);
    const qd::MissingNote* autoRenew = nullptr;
    const qd::MissingNote* frozen = nullptr;
    for (const qd::MissingNote& n : notes) {
        if (n.pointer.find("/auto_renew") != std::string::npos) autoRenew = &n;
        if (n.pointer.find("/frozen_reason") != std::string::npos) frozen = &n;
    }
    REQUIRE(autoRenew);
    CHECK(autoRenew->count == 1);  // the RDS (expire_policy 3)
    REQUIRE(frozen);
    CHECK(frozen->count == 2);  // EIP + bandwidth (status 4)

    // supplying them removes the notes
    ws.account.cash_balance = M("2400.00");
    ws.account.five_day_quota = qd::FiveDayQuota{2025, 10, 0, {}};
    CHECK(qd::MissingData(ws).size() == notes.size() - 2);
}

TEST_CASE("huawei: the sample workspace misses nothing")
{
    qd::LoadResult r =
        qd::LoadWorkspace(qd::test::ReadSourceFile("assets/sample-workspace.json"), "sample-workspace.json");
    REQUIRE(r.ok);
    for (const qd::MissingNote& n : qd::MissingData(r.workspace)) FAIL_CHECK(n.pointer << ": " << n.what);
}

TEST_CASE("huawei: bad raw input is refused with the file and the JSON pointer")
{
    using std::string;
    CHECK(OnlyError(InputKind::HuaweiOrders, "{\n  \"order_infos\": [\n    {\"order_id\": }\n  ]\n}") ==
          "raw.json:3:18: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
    CHECK(OnlyError(InputKind::HuaweiOrders, "[1, 2]") ==
          "raw.json: expected a JSON object (a Huawei BSS response), got an array");
    CHECK(OnlyError(InputKind::HuaweiOrders, R"({"order_infos": {}})") ==
          "raw.json: /order_infos: expected an array, got an object");
    CHECK(
        OnlyError(
            InputKind::HuaweiOrders,
            R"({"order_infos":[{"order_id":"CS1","status":10,"order_type":1,"create_time":"2025-01-01T00:00:00Z","amount_after_discount":1}]})") ==
        "warning: raw.json: /order_infos/0/status: expected an order status 1, 2, 3, 4, 5, 6 or 9 (10-13 are "
        "hardware-mall orders), got 10; order CS1 skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiOrders,
            R"({"order_infos":[{"order_id":"CS1","status":5,"order_type":7,"create_time":"2025-01-01T00:00:00Z","amount_after_discount":1}]})") ==
        "warning: raw.json: /order_infos/0/order_type: expected an order_type 1, 2, 3, 4, 10, 11, 13, 14 or 15, got "
        "7; order CS1 skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiOrders,
            R"({"order_infos":[{"status":5,"order_type":1,"create_time":"2025-01-01T00:00:00Z","amount_after_discount":1}]})") ==
        "warning: raw.json: /order_infos/0: missing required member \"order_id\"; order skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiOrders,
            R"({"order_infos":[{"order_id":null,"status":5,"order_type":1,"create_time":"2025-01-01T00:00:00Z","amount_after_discount":1}]})") ==
        "warning: raw.json: /order_infos/0/order_id: required, got null; order skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiOrders,
            R"({"order_infos":[{"order_id":"CS1","status":5,"order_type":1,"create_time":"","amount_after_discount":1}]})") ==
        "warning: raw.json: /order_infos/0/create_time: required, got an empty string; order CS1 skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiOrders,
            R"({"order_infos":[{"order_id":"CS1","status":5,"order_type":1,"create_time":"2025-02-30T00:00:00Z","amount_after_discount":1}]})")
            .rfind("warning: raw.json: /order_infos/0/create_time: expected a time like", 0) == 0);
    CHECK(
        OnlyError(
            InputKind::HuaweiOrders,
            R"({"order_infos":[{"order_id":"CS1","status":5,"order_type":1,"create_time":"2025-01-01T00:00:00Z","amount_after_discount":"12,5"}]})") ==
        "warning: raw.json: /order_infos/0/amount_after_discount: expected an amount like 279.41, got 12,5; order CS1 "
        "skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiOrders,
            R"({"order_infos":[{"order_id":"CS1","status":5,"order_type":1,"create_time":"2025-01-01T00:00:00Z","amount_after_discount":-3.5}]})") ==
        "warning: raw.json: /order_infos/0/amount_after_discount: expected an amount >= 0, got -3.5; order CS1 "
        "skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiOrders,
            R"({"order_infos":[{"order_id":"CS1","status":5,"order_type":1,"create_time":"2025-01-01T00:00:00Z","amount_after_discount":1,
                      "sub_order_infos":[{"order_id":"CS2","status":"x","order_type":1,"create_time":"2025-01-01T00:00:00Z","amount_after_discount":1}]}]})") ==
        "warning: raw.json: /order_infos/0/sub_order_infos/0/status: expected an integer, got \"x\"; sub-order CS2 "
        "skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiOrderDetails,
            R"({"order_info":{"order_id":"CS1","status":5,"order_type":1,"create_time":"2025-01-01T00:00:00Z","amount_after_discount":1},
                      "order_line_items":[{"product_id":"P","period_type":4,"period_num":1}]})")
            .rfind("warning: raw.json: /order_line_items/0/period_type: expected a period_type 0 (day), 2 (month), 3 "
                   "(year) or 5 (one-off)",
                   0) == 0);
    CHECK(
        OnlyError(
            InputKind::HuaweiResources,
            R"({"data":[{"resource_id":"r1","product_id":"P","status":2,"is_main_resource":0,"effective_time":"2025-01-01T00:00:00Z","expire_time":"2025-02-01T15:59:59Z"}]})") ==
        "warning: raw.json: /data/0/parent_resource_id: required for an attached resource (is_main_resource 0); "
        "resource r1 skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiResources,
            R"({"data":[{"resource_id":"r1","product_id":"P","status":7,"effective_time":"2025-01-01T00:00:00Z","expire_time":"2025-02-01T15:59:59Z"}]})") ==
        "warning: raw.json: /data/0/status: expected a resource status 2 (in use), 3 (closed), 4 (frozen) or 5 "
        "(expired), got 7; resource r1 skipped");
    CHECK(
        OnlyError(
            InputKind::HuaweiResources,
            R"({"data":[{"resource_id":"r1","product_id":"P","status":2,"effective_time":"2025-03-01T00:00:00Z","expire_time":"2025-02-01T15:59:59Z"}]})") ==
        "warning: raw.json: /data/0/expire_time: expected a time after effective_time; resource r1 skipped");
    CHECK(OnlyError(InputKind::HuaweiRenewPrices, R"({"renew_inquiry_results":[]})")
              .rfind("raw.json: a ListRenewRateOnPeriod response does not say which duration it prices", 0) == 0);
    CHECK(OnlyError(InputKind::HuaweiRenewPrices, R"({"period_type":2,"period_num":12,"renew_inquiry_results":[]})") ==
          "raw.json: /period_num: expected a period_num 1..11 months or 1..3 years, got 12");
    CHECK(OnlyError(InputKind::HuaweiRenewPrices,
                    R"({"period_type":2,"period_num":1,"renew_inquiry_results":[{"resource_id":"r","amount":[]}]})") ==
          "warning: raw.json: /renew_inquiry_results/0/amount: expected an amount like 279.41, got an array; renewal "
          "price of r skipped");
    CHECK(OnlyError(InputKind::Workspace, "{}").rfind("raw.json: not a Huawei BSS response", 0) == 0);

    // another customer's file
    qd::Workspace ws;
    ws.account.customer_id = "someone-else";
    CHECK(OnlyError(InputKind::HuaweiOrders, Fixture("list_customer_orders.json"), ws) ==
          "warning: raw.json: /order_infos/0/customer_id: customer 0b6f3c2a9e4d4f7a8c1e5d2b7a9f0c63 is not the "
          "workspace's customer someone-else: the data of two accounts are merged");
}

TEST_CASE("huawei: a refused file leaves the workspace as it was; a bad record is skipped, the rest opens")
{
    qd::Workspace ws;
    Import(ws, InputKind::HuaweiResources, "resources.json");
    const qd::Workspace before = ws;
    // the first resource is fine, the second is not: the first opens, the second is skipped with a warning
    const char* text =
        R"({"data":[{"resource_id":"new-1","product_id":"P","status":2,"effective_time":"2025-01-01T00:00:00Z","expire_time":"2025-02-01T15:59:59Z"},
                                  {"resource_id":"new-2","product_id":"P","status":9,"effective_time":"2025-01-01T00:00:00Z","expire_time":"2025-02-01T15:59:59Z"}]})";
    qd::HuaweiFileReport report;
    CHECK(qd::test::ImportBothPaths(InputKind::HuaweiResources, text, "part.json", ws, {}, &report).empty());
    CHECK(ws.findResource("new-1"));
    CHECK_FALSE(ws.findResource("new-2"));
    CHECK(report.read == 1);
    CHECK(report.skipped == 1);
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0].str() ==
          "part.json: /data/1/status: expected a resource status 2 (in use), 3 (closed), "
          "4 (frozen) or 5 (expired), got 9; resource new-2 skipped");

    // what makes the whole file unreadable is still an error, and nothing is merged
    qd::Workspace same = before;
    CHECK(qd::test::ImportBothPaths(InputKind::HuaweiResources, R"({"data": {}})", "bad.json", same).size() == 1);
    CHECK(same == before);
}

TEST_CASE("huawei: files imported in rank order give the same result whatever order they came in")
{
    std::vector<std::pair<InputKind, std::string>> files{{InputKind::HuaweiRenewPrices, "renew_rate_month.json"},
                                                         {InputKind::HuaweiOrderDetails, "order_details_renewal.json"},
                                                         {InputKind::HuaweiOrders, "list_customer_orders.json"},
                                                         {InputKind::HuaweiResources, "resources.json"},
                                                         {InputKind::HuaweiOrderDetails, "order_details_new.json"}};
    std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return qd::HuaweiImportRank(a.first) < qd::HuaweiImportRank(b.first);
    });
    CHECK(files.front().second == "resources.json");
    CHECK(files.back().second == "renew_rate_month.json");
    CHECK(qd::HuaweiImportRank(InputKind::Workspace) < 0);
    qd::Workspace ws;
    for (const auto& [kind, name] : files) Import(ws, kind, name);
    CHECK(ws.findProduct("OFFI740586375358965310")->prices.month == M("658.00"));
    CHECK(ResourceOf(ws, kEcs).periods.size() == 2);

    // LoadFiles ranks them itself: the renewal prices given first still price the resources
    qd::LoadResult early = qd::LoadFiles(
        {{"renew_rate_month.json", Fixture("renew_rate_month.json")}, {"resources.json", Fixture("resources.json")}});
    REQUIRE(early.ok);
    CHECK(early.warnings.empty());
    CHECK(early.workspace.findProduct("OFFI740586375358965310")->prices.month == M("658.00"));
}

TEST_CASE("huawei: LoadFiles merges several raw files into one checked workspace")
{
    qd::LoadResult r = qd::LoadFiles({{"resources.json", Fixture("resources.json")},
                                      {"list_customer_orders.json", Fixture("list_customer_orders.json")},
                                      {"order_details_new.json", Fixture("order_details_new.json")},
                                      {"order_details_renewal.json", Fixture("order_details_renewal.json")},
                                      {"renew_rate_month.json", Fixture("renew_rate_month.json")}});
    for (const qd::LoadError& e : r.errors) FAIL_CHECK(e.str());
    REQUIRE(r.ok);
    CHECK(r.workspace.resources.size() == 7);
    CHECK(r.workspace.orders.size() == 12);  // 11 from the list + the renewal from its details
    CHECK(ResourceOf(r.workspace, kEcs).periods.size() == 2);
    CHECK(r.workspace.findProduct("OFFI740586375358965310")->prices.month == M("658.00"));

    // a bad file among them: the error names it
    qd::LoadResult bad = qd::LoadFiles(
        {{"resources.json", Fixture("resources.json")}, {"broken.json", R"({"order_infos": {"order_id": 5}})"}});
    CHECK_FALSE(bad.ok);
    REQUIRE_FALSE(bad.errors.empty());
    CHECK(bad.errors[0].file == "broken.json");
    CHECK(bad.errors[0].pointer == "/order_infos");
}
