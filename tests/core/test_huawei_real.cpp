// Real Huawei data (docs/huawei-data.md): Huawei's published example responses (tests/huawei/published/,
// facts) and our SDK-complete variants (tests/huawei/sdk/). One test per point of the import contract.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/projects.h"
#include "core/report/exports.h"
#include "core/report/renewal_query.h"
#include "core/engine/renewal.h"
#include "core/io/huawei_import.h"
#include "core/io/load.h"
#include "core/io/save.h"

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

std::string Read(const std::string& name)
{
    std::ifstream in(std::string(QD_SOURCE_DIR) + "/tests/huawei/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in, name);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Files Of(std::initializer_list<const char*> names)
{
    Files out;
    for (const char* n : names) out.emplace_back(n, Read(n));
    return out;
}

qd::LoadResult Open(const Files& files, const qd::LoadOptions& options = {})
{
    qd::LoadResult r = qd::LoadFiles(files, options);
    for (const qd::LoadError& e : r.errors) FAIL_CHECK(e.str());
    REQUIRE(r.ok);
    return r;
}

qd::Money M(const char* text) { return qd::ParseMoney(text).value; }

bool HasWarning(const qd::LoadResult& r, std::string_view part)
{
    return std::any_of(r.warnings.begin(), r.warnings.end(),
                       [&](const qd::LoadError& w) { return w.str().find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("huawei real, point 1: the published ListCustomerOrders gives 订单金额 100.00, 应付金额 85.00, 实付金额 0.00")
{
    qd::LoadResult r = Open(Of({"published/ListCustomerOrders.example.json"}));
    const qd::Order* o = r.workspace.findOrder("CS1905251035OA1AF");
    REQUIRE(o);
    CHECK(o->official_amount == M("100.00"));       // 订单金额 = official_amount
    CHECK(o->amount_after_discount == M("85.00"));  // 应付金额 = 订单金额 - discount 700 (15); 302 is a coupon
    REQUIRE(o->paid);
    CHECK(o->paid->cash == M("0.00"));           // 实付金额 = Huawei amount_after_discount (不含券不含卡)
    CHECK(o->paid->flexi_coupon == M("85.00"));  // flexipurchase_coupon_amount
    CHECK(o->paid->voucher == M("0.00"));
    REQUIRE(o->discounts.size() == 2);
    CHECK(o->discounts[0].type == "700");
    CHECK(o->discounts[1].amount == M("85.00"));
    REQUIRE(o->enterprise_projects.size() == 1);
    CHECK(o->enterprise_projects[0].name == "default");
    CHECK(r.warnings.empty());
    CHECK(r.records == 1);
}

TEST_CASE("huawei real, point 2: the published unsubscription order opens with its refund, fee and consumed amount")
{
    qd::LoadResult r = Open(Of({"published/ShowCustomerOrderDetails.example.json"}));
    const qd::Order* o = r.workspace.findOrder("CS18122203217MRPB");
    REQUIRE(o);
    CHECK(o->order_type == qd::OrderType::Unsubscribe);
    CHECK(o->official_amount == M("-277.92"));
    CHECK(o->amount_after_discount == M("-277.92"));
    CHECK(o->fee == M("30.88"));      // commission_amount
    CHECK(o->consumed == M("0.00"));  // consumed_amount
    CHECK_FALSE(o->payment_time);
    REQUIRE(o->items.size() == 2);
    CHECK(o->items[0].amount == M("-33.12"));
    CHECK(o->items[0].fee == M("3.68"));
    CHECK(o->items[1].amount == M("-244.80"));
    CHECK(o->items[1].fee == M("27.20"));  // 10% of 272.00 paid: refund = paid - consumed - fee
    CHECK_FALSE(o->items[0].period_num);   // null for unsubscription orders

    // it round-trips through quotedesk/1 exactly
    const std::string saved = qd::SaveWorkspace(r.workspace);
    qd::LoadResult back = qd::LoadWorkspace(saved, "saved.json");
    for (const qd::LoadError& e : back.errors) FAIL_CHECK(e.str());
    REQUIRE(back.ok);
    CHECK(back.workspace == r.workspace);
    CHECK(qd::SaveWorkspace(back.workspace) == saved);
}

TEST_CASE("huawei real: the three published examples open alone and together; the renew rate with a duration")
{
    for (const char* name :
         {"published/ListCustomerOrders.example.json", "published/ShowCustomerOrderDetails.example.json",
          "published/ListPayPerUseCustomerResources.example.json"})
        Open(Of({name}));
    qd::LoadResult all =
        Open(Of({"published/ListPayPerUseCustomerResources.example.json",
                 "published/ShowCustomerOrderDetails.example.json", "published/ListCustomerOrders.example.json"}));
    CHECK(all.workspace.orders.size() == 2);
    CHECK(all.workspace.resources.size() == 1);
    CHECK(all.workspace.resources[0].isMain());  // is_main_resource 1 despite its parent_resource_id
    CHECK(all.workspace.resources[0].enterprise_project->id == "0");

    // the published renew-rate values name no duration: refused alone, opened with one
    qd::LoadResult bare = qd::LoadFiles(Of({"published/ListRenewRateOnPeriod.fieldexamples.json"}));
    REQUIRE_FALSE(bare.ok);
    CHECK(bare.errors[0].message.find("does not say which duration") != std::string::npos);
    qd::LoadOptions oneMonth;
    oneMonth.renew_rate_period = qd::ParseRenewRatePeriod("1m");
    qd::LoadResult priced = Open(Of({"published/ListRenewRateOnPeriod.fieldexamples.json"}), oneMonth);
    CHECK(priced.skipped == 1);  // its resource is not in the workspace
    CHECK(HasWarning(priced, "no resource 96308d5efd7841b9a4dac673d84d0e14 in the workspace"));
}

TEST_CASE("huawei real: --renew-rate-period words")
{
    CHECK(qd::ParseRenewRatePeriod("1m") == qd::RenewRatePeriod{qd::TermUnit::Month, 1});
    CHECK(qd::ParseRenewRatePeriod("11m") == qd::RenewRatePeriod{qd::TermUnit::Month, 11});
    CHECK(qd::ParseRenewRatePeriod("3y") == qd::RenewRatePeriod{qd::TermUnit::Year, 3});
    CHECK(qd::ParseRenewRatePeriod("2years") == qd::RenewRatePeriod{qd::TermUnit::Year, 2});
    CHECK_FALSE(qd::ParseRenewRatePeriod("12m"));  // the API prices 1-11 months
    CHECK_FALSE(qd::ParseRenewRatePeriod("4y"));   // and 1-3 years
    CHECK_FALSE(qd::ParseRenewRatePeriod("m"));
    CHECK_FALSE(qd::ParseRenewRatePeriod("1w"));
}

TEST_CASE("huawei real, point 3: one unreadable record is skipped with a warning naming its pointer")
{
    std::string text = Read("published/ListCustomerOrders.example.json");
    // a hardware-mall order (status 10) after the published one
    const std::string hardware =
        R"(, {"order_id": "CS-HW-1", "status": 10, "order_type": 1, "create_time": "2020-05-06T09:08:03Z",
              "amount_after_discount": 10, "official_amount": 10})";
    text.insert(text.rfind(']'), hardware);
    qd::LoadResult r = Open({{"orders.json", text}});
    CHECK(r.workspace.findOrder("CS1905251035OA1AF"));
    CHECK_FALSE(r.workspace.findOrder("CS-HW-1"));
    CHECK(r.records == 1);
    CHECK(r.skipped == 1);
    REQUIRE(r.warnings.size() >= 1);
    CHECK(r.warnings[0].str() ==
          "orders.json: /order_infos/1/status: expected an order status 1, 2, 3, 4, 5, 6 or 9 "
          "(10-13 are hardware-mall orders), got 10; order CS-HW-1 skipped");
    // total_count 1 but 2 arrived: no missing page
    CHECK_FALSE(HasWarning(r, "page is missing"));
}

TEST_CASE("huawei real, point 4: pages merge once; a missing page is reported with both numbers")
{
    qd::LoadResult both = Open(Of({"sdk/orders_page2.json", "sdk/orders_page1.json"}));
    CHECK(both.workspace.orders.size() == 6);  // 4 listed (one on both pages) + 2 sub-orders
    CHECK_FALSE(HasWarning(both, "page is missing"));
    const qd::Order* unsub = both.workspace.findOrder("CS2412201015UNSB1");
    REQUIRE(unsub);
    CHECK(unsub->amount_after_discount == M("-252.00"));
    CHECK(unsub->fee == M("28.00"));
    CHECK(unsub->currency == "CNY");  // empty currency = CNY on the Chinese site
    const qd::Order* sub = both.workspace.findOrder("CS2502010900SUB01");
    REQUIRE(sub);
    CHECK(sub->combined_order_id == std::optional<std::string>("CS2502010900COMB0"));
    CHECK(both.workspace.findOrder("CS2501101030ECS01")->contract_id == "HT-2025-001");

    qd::LoadResult one = Open(Of({"sdk/orders_page1.json"}));
    CHECK(HasWarning(one,
                     "sdk/orders_page1.json: /total_count: total_count says 4 orders (ListCustomerOrders), 3 "
                     "arrived in 1 file"));
}

TEST_CASE("huawei real, points 5 and 6: the ECS quote equals Huawei's renew rate for the instance, in any file order")
{
    const Files files = Of({"sdk/renew_rate_envelope.json", "sdk/details_new_ecs.json", "sdk/orders_page1.json",
                            "sdk/orders_page2.json", "sdk/resources_ecs.json"});
    qd::LoadResult r = Open(files);
    Files reversed(files.rbegin(), files.rend());
    CHECK(Open(reversed).workspace == r.workspace);  // ranked by kind before merging

    const qd::Resource* ecs = r.workspace.findResource("ecs-main-0001");
    REQUIRE(ecs);
    REQUIRE(ecs->renewRate(qd::TermUnit::Month, 1));
    CHECK(ecs->renewRate(qd::TermUnit::Month, 1)->amount == M("166.67"));
    CHECK(ecs->enterprise_project->name == "财务处");

    qd::RenewalRequest request;
    request.resource_ids = {"ecs-main-0001"};
    request.duration = qd::RenewalDuration{qd::TermUnit::Month, 1};
    request.as_of = qd::ParseInstant("2025-12-20T10:00:00+08:00").value;
    qd::RenewalQuote quote = qd::QuoteRenewal(r.workspace, request);
    for (const qd::Refusal& e : quote.refusals) FAIL_CHECK(e.code << ": " << e.message);
    REQUIRE(quote.items.size() == 2);  // the ECS, then its bound disk
    CHECK(quote.total == M("166.67"));
    CHECK(quote.items[0].amount == M("166.67"));
    CHECK(std::string(quote.items[0].lines[0].label.view()).find("attached") != std::string::npos);
    CHECK(quote.items[1].amount == M("0.00"));  // included in the instance price

    // fail_resource_infos: Huawei's refusal is kept and the renewal refused with its message
    CHECK(HasWarning(r, "no resource ecs-gone-0002"));

    // the disk's line starts 20 s before and ends 1 s after the disk's life: linked (a day of tolerance)
    const qd::Resource* disk = r.workspace.findResource("evs-sys-0001");
    REQUIRE(disk);
    REQUIRE(disk->periods.size() == 1);
    CHECK(disk->periods[0].order_id == "CS2501101030ECS01");
    REQUIRE(disk->periods[0].paid);
    CHECK(disk->periods[0].paid->cash == M("280.00"));
    REQUIRE(ecs->periods.size() == 1);  // the ECS line starts 3 min 12 s late: snapped to the resource's start
    CHECK(ecs->periods[0].order_id == "CS2501101030ECS01");
    CHECK(ecs->periods[0].paid->cash == M("1220.00"));
    CHECK(ecs->periods[0].paid->voucher == M("100.00"));
    CHECK(ecs->periods[0].paid->stored_card == M("150.00"));
    const qd::Order* bought = r.workspace.findOrder("CS2501101030ECS01");
    CHECK(bought->amount_after_discount == M("1800.00"));  // 2000.00 - 200.00 (type 700); 301 is the voucher
    CHECK(bought->paid->cash == M("1500.00"));
    CHECK_FALSE(HasWarning(r, "not linked"));

    const std::string saved = qd::SaveWorkspace(r.workspace);
    qd::LoadResult back = qd::LoadWorkspace(saved, "saved.json");
    REQUIRE(back.ok);
    CHECK(back.workspace == r.workspace);
}

TEST_CASE("huawei real, point 5: a refused renew rate refuses the renewal with Huawei's message")
{
    std::string envelope = Read("sdk/renew_rate_envelope.json");
    const std::string gone = "ecs-gone-0002";
    for (std::size_t at; (at = envelope.find(gone)) != std::string::npos;)
        envelope.replace(at, gone.size(), "ecs-main-0001");
    // now the ECS is both priced and refused: the later fail wins for the same duration
    qd::LoadResult r = Open({{"resources.json", Read("sdk/resources_ecs.json")}, {"rate.json", envelope}});
    const qd::Resource* ecs = r.workspace.findResource("ecs-main-0001");
    REQUIRE(ecs->renewRate(qd::TermUnit::Month, 1));
    CHECK(ecs->renewRate(qd::TermUnit::Month, 1)->error_code == "CBC.99003110");
    qd::RenewalRequest request;
    request.resource_ids = {"ecs-main-0001"};
    request.duration = qd::RenewalDuration{qd::TermUnit::Month, 1};
    request.as_of = qd::ParseInstant("2025-12-20T10:00:00+08:00").value;
    qd::RenewalQuote quote = qd::QuoteRenewal(r.workspace, request);
    REQUIRE(quote.refusals.size() == 1);
    CHECK(quote.refusals[0].code == "huawei_refused");
    CHECK(quote.refusals[0].message ==
          "Huawei refused to price renewing ecs-main-0001 for 1 month (ListRenewRateOnPeriod): CBC.99003110 The "
          "resource does not exist or has been released.");
}

TEST_CASE("huawei real, point 6: a line more than a day off every resource's life is listed, not linked")
{
    std::string details = Read("sdk/details_new_ecs.json");
    const std::string from = "\"effective_time\": \"2025-01-10T02:29:40Z\"";
    details.replace(details.find(from), from.size(), "\"effective_time\": \"2025-01-08T02:29:40Z\"");  // 2 days early
    qd::LoadResult r = Open({{"resources.json", Read("sdk/resources_ecs.json")}, {"details.json", details}});
    CHECK(HasWarning(r,
                     "(merged workspace): /orders/0/items/1: line of order CS2501101030ECS01 not linked to a "
                     "resource: no single resource of product OFFI-EVS-SSD40 lives from"));
    CHECK_FALSE(r.workspace.findResource("evs-sys-0001")->periods[0].paid);
}

TEST_CASE("huawei real, point 8: enterprise projects filter and subtotal orders and resources")
{
    qd::LoadResult r = Open(Of({"sdk/orders_page1.json", "sdk/orders_page2.json", "sdk/resources_ecs.json"}));
    const qd::Workspace& ws = r.workspace;
    CHECK(qd::EnterpriseProjectNames(ws) == std::vector<std::string>{"default", "财务处"});
    const qd::Resource* disk = ws.findResource("evs-sys-0001");
    CHECK(qd::ProjectOf(ws, *disk) == "财务处");
    CHECK(qd::InProject(ws, *disk, "财务处"));
    CHECK_FALSE(qd::InProject(ws, *disk, "default"));
    CHECK(qd::InProject(ws, *disk, ""));  // "" = every project

    std::vector<std::size_t> all(ws.orders.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    const std::vector<qd::ProjectOrderSubtotal> sums = qd::SubtotalOrdersByProject(ws, all);
    // docs/huawei-data.md §4: cancelled orders and a combined order whose sub-orders are here do not count
    REQUIRE(sums.size() == 2);
    CHECK(sums[0].project == "default");
    CHECK(sums[0].orders == 2);          // the marketplace sub-order and the unsubscription
    CHECK(sums[0].due == M("-222.00"));  // 30.00 - 252.00
    CHECK(sums[1].project == "财务处");
    CHECK(sums[1].orders == 2);               // the ECS sub-order and the purchase
    CHECK(sums[1].official == M("2166.67"));  // 166.67 + 2000.00
    CHECK(sums[1].due == M("1966.67"));       // 166.67 + 1800.00
    CHECK(sums[1].paid == M("1666.67"));      // 166.67 + 1500.00 实付
}

TEST_CASE("huawei real, point 7: the orders export of the published example shows 100.00 / 85.00 / 0.00")
{
    qd::LoadResult r = Open(Of({"published/ListCustomerOrders.example.json"}));
    qd::ExportRequest request;
    request.kind = qd::ExportKind::Orders;
    request.as_of = qd::ParseInstant("2020-05-07T10:00:00+08:00").value;
    qd::ExportResult csv = qd::BuildExport(r.workspace, request);
    REQUIRE(csv.ok());
    const std::string& text = csv.file.bytes;
    const std::size_t header = text.find('\n');
    REQUIRE(header != std::string::npos);
    CHECK(text.substr(0, header).find("订单金额(元),应付金额(元),实付金额(元),代金券(元),现金券(元),储值卡(元)") !=
          std::string::npos);
    CHECK(text.find(",100.00,85.00,0.00,0.00,85.00,0.00,,,CNY,default,") != std::string::npos);
}

TEST_CASE("huawei real, point 8: renewals filter by enterprise project; counts and forecast by project")
{
    qd::LoadResult r = Open(Of({"sdk/resources_ecs.json", "published/ListPayPerUseCustomerResources.example.json"}));
    qd::Workspace& ws = r.workspace;
    qd::RenewalFilter filter;
    filter.as_of = qd::ParseInstant("2025-12-20T10:00:00+08:00").value;
    filter.enterprise_project = "财务处";
    qd::RenewalQueryResult only = qd::QueryRenewals(ws, filter);
    REQUIRE(only.rows.size() == 1);  // the ECS instance (its disk goes with it)
    CHECK(ws.resources[only.rows[0]].resource_id == "ecs-main-0001");
    filter.enterprise_project = "";
    const qd::RenewalQueryResult all = qd::QueryRenewals(ws, filter);
    CHECK(all.rows.size() == 2);
    const std::vector<qd::ProjectCount> counts = qd::CountResourcesByProject(ws, all.rows);
    REQUIRE(counts.size() == 2);
    CHECK(counts[0].project == "default");
    CHECK(counts[1].project == "财务处");
    CHECK(counts[1].count == 1);

    // the forecast of auto-renew charges by project: the ECS set to auto-renew monthly at its renew rate price
    for (qd::Resource& res : ws.resources)
        if (res.resource_id == "ecs-main-0001") res.renewal_policy = qd::RenewalPolicy::Auto;
    for (qd::Product& p : ws.products) p.prices.month = M("100.00");
    ws.Reindex();
    const qd::Forecast f = qd::ForecastAutoRenewals(ws, qd::ParseInstant("2025-12-20T10:00:00+08:00").value, 3);
    const std::vector<qd::ProjectForecast> byProject = qd::ForecastByProject(ws, f);
    REQUIRE(byProject.size() == 1);
    CHECK(byProject[0].project == "财务处");
    CHECK(byProject[0].total == f.total);
    CHECK(byProject[0].months.size() == f.months.size());
}

TEST_CASE("huawei real, point 2: past unsubscriptions count toward what the five-day quota note says")
{
    qd::LoadResult r = Open(Of({"published/ShowCustomerOrderDetails.example.json"}));
    r.workspace.as_of = qd::ParseInstant("2018-12-25T10:00:00+08:00").value;
    bool found = false;
    for (const qd::MissingNote& n : qd::MissingData(r.workspace))
        if (n.pointer == "/account/five_day_quota") {
            found = true;
            // docs/rules.md §4.3 (quota per natural year): the 2018 unsubscription has a fee, so it is not one
            CHECK(n.what.find("unsubscription order") == std::string::npos);
        }
    CHECK(found);
    for (qd::Order& o : r.workspace.orders) o.fee = qd::Money();  // no fee, nothing consumed: a likely five-day refund
    for (const qd::MissingNote& n : qd::MissingData(r.workspace))
        if (n.pointer == "/account/five_day_quota")
            CHECK(n.what.find("1 unsubscription order(s) of 2018 had no fee and nothing consumed") !=
                  std::string::npos);
}
