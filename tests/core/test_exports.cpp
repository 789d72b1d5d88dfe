// Tests for core/report/exports.h: the four exports (seed 4.1.4, 4.2.7.1, 4.2.7.2, 4.3.4), their CSV and JSON
// forms (docs/cli.md), the limits of the rule profile (renewal_list_max 200, price_list_max 10000)
// and the export records with their 3-day life (seed 5, export_record_days).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/report/exports.h"
#include "core/report/renewal_query.h"
#include "core/io/load.h"
#include "core/io/save.h"
#include "support.h"
#include "test_renewal_fixture.h"

using namespace qd;
using namespace qd::renewal_test;

namespace {

ExportRequest Request(const Workspace& ws, ExportKind kind, std::optional<std::vector<std::string>> ids = std::nullopt)
{
    ExportRequest r;
    r.kind = kind;
    r.ids = std::move(ids);
    r.as_of = *ws.as_of;
    return r;
}

// The CSV's lines without the BOM, split at CRLF (a quoted field may hold a lone LF).
std::vector<std::string> Lines(const std::string& csv)
{
    std::vector<std::string> lines;
    std::string_view rest(csv);
    if (rest.substr(0, kUtf8Bom.size()) == kUtf8Bom) rest.remove_prefix(kUtf8Bom.size());
    while (!rest.empty()) {
        const std::size_t end = rest.find("\r\n");
        if (end == std::string_view::npos) break;
        lines.emplace_back(rest.substr(0, end));
        rest.remove_prefix(end + 2);
    }
    CHECK_MESSAGE(rest.empty(), "every line ends with CRLF, the last one too");
    return lines;
}

std::string Code(const ExportResult& r) { return r.refusals.empty() ? "ok" : r.refusals.front().code; }

// A workspace with n monthly/yearly priced resources r0..r{n-1}, all manual, in use.
Fixture ManyResources(int n)
{
    Fixture f;
    f.ws.resources.reserve(static_cast<std::size_t>(n) + 1);
    f.product("p", "10.00", "100.00");
    for (int i = 0; i < n; ++i)
        f.resource("r" + std::to_string(i), "p", "2024-06-01T10:00:00+08:00", "2025-06-01T23:59:59+08:00");
    f.done();
    return f;
}

std::vector<std::string> Ids(int n)
{
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) ids.push_back("r" + std::to_string(i));
    return ids;
}

}  // namespace

// ---- CSV form -----------------------------------------------------------------------------------------

TEST_CASE("CSV exports start with the UTF-8 BOM and a Chinese header row (docs/cli.md)")
{
    Workspace ws = LoadSample();
    ExportResult r = BuildExport(ws, Request(ws, ExportKind::Orders));
    REQUIRE(r.ok());
    const std::string& bytes = r.file.bytes;
    REQUIRE(bytes.size() > 3);
    CHECK(static_cast<unsigned char>(bytes[0]) == 0xEF);
    CHECK(static_cast<unsigned char>(bytes[1]) == 0xBB);
    CHECK(static_cast<unsigned char>(bytes[2]) == 0xBF);
    const std::vector<std::string> lines = Lines(bytes);
    CHECK(lines.front() ==
          // the seed's amount model (chapter 6, 4.4.3): 订单金额, 应付金额, 实付金额 and the payment channels
          "订单号,组合交易订单号,产品类型,订单类型,订单状态,创建时间,支付时间,支付截止时间,订单金额(元),应付金额(元),"
          "实付金额(元),代金券(元),现金券(元),储值卡(元),手续费(元),已消费金额(元),币种,企业项目,创建人,资源ID");
    CHECK(r.file.mime == "text/csv;charset=utf-8");
    CHECK(r.file.file_name == "订单列表_20250114100000.csv");
    // Every order of the sample (29), newest first: the first is the RDS order of 2025-01-14 09:40:03.
    CHECK(r.file.rows == 29);
    CHECK(lines.size() == 30);
    CHECK(lines[1] ==
          "CS25011409400W3MH,,云数据库 RDS,新购,处理中,2025/01/14 09:40:03 GMT+08:00,2025/01/14 09:41:15 "
          "GMT+08:00,,658.00,658.00,,,,,,,"  // the sample's orders do not say how they were paid
          "CNY,,njxzy_admin,2d8f6a1c-5e9b-4c07-8f3a-b1d4e7c0a593in01");
    CHECK(lines.back().starts_with("CS24030811295K1LD,"));  // the oldest last
}

TEST_CASE("English headers and labels on request")
{
    Workspace ws = LoadSample();
    ExportRequest req = Request(ws, ExportKind::PendingOrders, std::vector<std::string>{"CS25011316401M3QF"});
    req.language = HeaderLanguage::English;
    ExportResult r = BuildExport(ws, req);
    REQUIRE(r.ok());
    const std::vector<std::string> lines = Lines(r.file.bytes);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] ==
          "Order ID,Combined order ID,Product type,Order type,Status,Created,Paid,Payment deadline,Order amount (CNY),"
          "Amount due (CNY),Amount paid (CNY),Cash coupons (CNY),Flexi coupons (CNY),Stored-value cards (CNY),Handling "
          "fee (CNY),Consumed (CNY),Currency,Enterprise project,Created by,Resource IDs");
    // Pending: the deadline is create + 7 days (pending_payment_days), 2 decimals, console times.
    CHECK(lines[1] ==
          "CS25011316401M3QF,,弹性云服务器,Renewal,Pending payment,2025/01/13 16:40:12 GMT+08:00,,"
          "2025/01/20 16:40:12 GMT+08:00,219.40,219.40,,,,,,,CNY,,njxzy_admin,"
          "4d9a0f6b-1e3c-4b7a-8d52-a0c6e9f31b74; b25e7f09-6c4a-4d13-9f8b-3e1d0a7c5f92");
    CHECK(r.file.file_name == "pending-orders_20250114100000.csv");
}

TEST_CASE("RFC 4180 quoting: commas, quotes, newlines and edge spaces; formulas neutralised")
{
    Fixture f;
    f.product("p", "28.00", "280.00");
    f.resource("a", "p", "2024-06-01T10:00:00+08:00", "2025-06-01T23:59:59+08:00").resource_name = "web,01";
    f.resource("b", "p", "2024-06-01T10:00:00+08:00", "2025-06-01T23:59:59+08:00").resource_name = "say \"hi\"";
    f.resource("c", "p", "2024-06-01T10:00:00+08:00", "2025-06-01T23:59:59+08:00").resource_name = "two\nlines";
    f.resource("d", "p", "2024-06-01T10:00:00+08:00", "2025-06-01T23:59:59+08:00").resource_name = " padded ";
    f.resource("e", "p", "2024-06-01T10:00:00+08:00", "2025-06-01T23:59:59+08:00").resource_name = "=HYPERLINK(\"x\")";
    f.resource("g", "p", "2024-06-01T10:00:00+08:00", "2025-06-01T23:59:59+08:00").resource_name = "plain";
    Workspace& ws = f.done();
    ExportRequest req = Request(ws, ExportKind::RenewalList, std::vector<std::string>{"a", "b", "c", "d", "e", "g"});
    req.duration = RenewalDuration{TermUnit::Month, 1};
    ExportResult r = BuildExport(ws, req);
    REQUIRE(r.ok());
    const std::vector<std::string> lines = Lines(r.file.bytes);
    REQUIRE(lines.size() == 1 + 6 + 1);
    CHECK(lines[1].starts_with("a,\"web,01\","));
    CHECK(lines[2].starts_with("b,\"say \"\"hi\"\"\","));
    CHECK(lines[3].starts_with("c,\"two\nlines\","));
    CHECK(lines[4].starts_with("d,\" padded \","));
    CHECK(lines[5].starts_with("e,\"'=HYPERLINK(\"\"x\"\")\","));  // neutralised and quoted (model/csv.h)
    CHECK(lines[6].starts_with("g,plain,"));
    // 1 month of 28.00 each, the 合计 line adds up the six (seed 4.2.7.1: estimated cost for the finance request).
    CHECK(lines[6].ends_with(",28.00"));
    CHECK(lines[7] == "合计,,,,,,,,,,,168.00");
    CHECK(r.file.rows == 6);
}

// The cells of a CSV (RFC 4180: quoted fields, doubled quotes, CRLF rows), BOM dropped.
static std::vector<std::string> Cells(std::string_view csv)
{
    std::vector<std::string> cells;
    if (csv.substr(0, kUtf8Bom.size()) == kUtf8Bom) csv.remove_prefix(kUtf8Bom.size());
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') cell += csv[++i];
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',' || (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n')) {
            cells.push_back(std::move(cell));
            cell.clear();
            if (c == '\r') ++i;
        } else {
            cell += c;
        }
    }
    return cells;
}

TEST_CASE("every console export neutralises the six formula prefixes = + - @ tab CR (docs/exports.md)")
{
    // The fixture the CLI goldens use too: resource names, product types and order creators that start
    // with each prefix (tests/cli/cases/csv-formulas-*).
    LoadResult loaded =
        LoadWorkspace(test::ReadSourceFile("tests/cli/fixtures/csv-formulas.json"), "csv-formulas.json");
    REQUIRE(loaded.ok);
    const Workspace& ws = loaded.workspace;
    const std::vector<std::string> named = {
        "91b3e6d0-2f5a-47c8-a1d9-6e0c4b7f2a35",     "0c7b4e1a-5f92-4d86-b3a0-7e2f9c1d6b58",
        "d3a6c9f0-7b2e-4e81-95c4-0f8b1a2d7e69",     "3a5f9c0e-2d8b-4e67-9b14-e6a0d3f7c2b9",
        "b7e10c4a-9d2f-4683-a5b1-0e7c3f9d2a86in01", "obs-pkg-6e1b9d4f2a7c4b08"};
    for (ExportKind kind :
         {ExportKind::Orders, ExportKind::PendingOrders, ExportKind::RenewalList, ExportKind::RenewalPrices}) {
        CAPTURE(ToString(kind));
        ExportRequest req = Request(ws, kind);
        if (kind == ExportKind::RenewalList) {
            req.ids = named;
            req.duration = RenewalDuration{TermUnit::Month, 1};
        }
        const ExportResult r = BuildExport(ws, req);
        REQUIRE(r.ok());
        const std::vector<std::string> cells = Cells(r.file.bytes);
        for (std::string_view prefix : {"=", "+", "-", "@", "\t", "\r"}) {
            CAPTURE(prefix);
            int neutralised = 0;
            for (const std::string& c : cells) {
                CHECK_MESSAGE((!IsCsvFormulaRisk(c)), c);  // nothing a spreadsheet would run
                if (c.starts_with(std::string("'") + std::string(prefix))) ++neutralised;
            }
            CHECK(neutralised > 0);  // the fixture reaches this export with this prefix
        }
    }
}

// ---- renewal list (seed 4.2.7.1) ------------------------------------------------------------------------

TEST_CASE("renewal list: estimated cost for the chosen duration, bound resources under their main")
{
    Workspace ws = LoadSample();
    ExportRequest req = Request(ws, ExportKind::RenewalList, std::vector<std::string>{sample::R4, sample::R16});
    req.duration = RenewalDuration{TermUnit::Month, 3};
    ExportResult r = BuildExport(ws, req);
    REQUIRE(r.ok());
    const std::vector<std::string> lines = Lines(r.file.bytes);
    CHECK(lines[0] ==
          "实例ID,实例名称,主实例ID,产品类型,规格,区域,状态,续费方式,到期时间,续费时长,续费后到期时间,预估费用(元)");
    REQUIRE(lines.size() == 5);  // header, R4, R5 (bound to R4), R16, 合计
    // R4: ECS 191.40 × 3 = 574.20, anchor 31 -> 2025-04-30; R5: 28.00 × 3; R16: 70.00 × 3.
    CHECK(lines[1] == std::string(sample::R4) +
                          ",ecs-赟-app-02,,弹性云服务器,s6.large.2 | 2vCPUs | 4GiB | linux,cn-north-4,使用中,自动续费,"
                          "2025/01/31 23:59:59 GMT+08:00,3个月,2025/04/30 23:59:59 GMT+08:00,574.20");
    CHECK(lines[2].starts_with(std::string(sample::R5) + ","));
    CHECK(lines[2].ends_with(",84.00"));
    CHECK(lines[3].ends_with(",210.00"));
    CHECK(lines[4] == "合计,,,,,,,,,,,868.20");
    CHECK(r.file.rows == 3);
}

TEST_CASE("renewal list: at most 200 resources per export (seed 4.2.7.1 step 5 说明, renewal_list_max)")
{
    Fixture f = ManyResources(201);
    Workspace& ws = f.ws;
    ExportResult ok = BuildExport(ws, Request(ws, ExportKind::RenewalList, Ids(200)));
    REQUIRE(ok.ok());
    CHECK(ok.file.rows == 200);
    CHECK(Lines(ok.file.bytes).back() ==
          "合计,,,,,,,,,,,20000.00");  // 200 × 1 year × 100.00 (default duration: 1 year)
    ExportResult over = BuildExport(ws, Request(ws, ExportKind::RenewalList, Ids(201)));
    CHECK(Code(over) == "too_many_resources");
    CHECK(over.file.bytes.empty());
    // Duplicates count once: 201 ids naming 200 resources pass.
    std::vector<std::string> dup = Ids(200);
    dup.push_back("r0");
    CHECK(BuildExport(ws, Request(ws, ExportKind::RenewalList, dup)).ok());
    // The limit is the profile's.
    ws.rules.renewal_list_max = 2;
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::RenewalList, Ids(3)))) == "too_many_resources");
}

TEST_CASE("renewal list: the 200 counts resources, bound attached ones included (seed 4.2.7.1 说明)")
{
    // 200 instances, 60 of which have a bound disk: 200 ticked heads were 260 rows; now refused with the count.
    Fixture f;
    f.ws.resources.reserve(300);
    f.product("p", "10.00", "100.00");
    f.product("p-disk", "2.00", "20.00");
    for (int i = 0; i < 200; ++i)
        f.resource("r" + std::to_string(i), "p", "2024-06-01T10:00:00+08:00", "2025-06-01T23:59:59+08:00");
    for (int i = 0; i < 60; ++i)
        f.attached("d" + std::to_string(i), "p-disk", "r" + std::to_string(i), Relation::Bound);
    f.done();
    Workspace& ws = f.ws;
    ExportResult over = BuildExport(ws, Request(ws, ExportKind::RenewalList, Ids(200)));
    REQUIRE(Code(over) == "too_many_resources");
    CHECK(over.refusals[0].subject == "260");
    CHECK(over.refusals[0].message ==
          "a renewal list takes at most 200 resources at a time, and the 200 chosen with their bound attached "
          "resources are 260");
    // 140 instances + 60 bound = 200 resources: the limit exactly.
    ExportResult ok = BuildExport(ws, Request(ws, ExportKind::RenewalList, Ids(140)));
    REQUIRE(ok.ok());
    CHECK(ok.file.rows == 200);
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::RenewalList, Ids(141)))) == "too_many_resources");
    // Without bound resources 200 heads stay 200.
    std::vector<std::string> plain;
    for (int i = 60; i < 200; ++i) plain.push_back("r" + std::to_string(i));
    CHECK(BuildExport(ws, Request(ws, ExportKind::RenewalList, plain)).ok());
}

TEST_CASE("renewal price list: 符合查询条件 is the current tab and its filters, in every case (seed 4.2.7.2)")
{
    Workspace ws = LoadSample();
    const RenewalIndex index = RenewalIndex::Build(ws, *ws.as_of);
    for (RenewalPolicy tab :
         {RenewalPolicy::Manual, RenewalPolicy::Auto, RenewalPolicy::ToOnDemand, RenewalPolicy::NoRenew}) {
        CAPTURE(static_cast<int>(tab));
        RenewalFilter f;  // no filter set: still only this tab
        f.tab = tab;
        f.as_of = *ws.as_of;
        const RenewalQueryResult q = QueryRenewals(ws, index, f);
        const std::vector<std::string> ids = QueryResourceIds(ws, index, q.rows);
        std::size_t bound = 0;
        for (std::size_t head : q.rows) bound += index.boundOf(head).size();
        CHECK(ids.size() == q.rows.size() + bound);
        if (ids.empty()) continue;
        ExportResult r = BuildExport(ws, Request(ws, ExportKind::RenewalPrices, ids));
        REQUIRE(r.ok());
        CHECK(r.file.rows == static_cast<int>(ids.size()));
    }
    // A query that lists nothing exports nothing, with that reason (not "choose what to export").
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::RenewalPrices, std::vector<std::string>{}))) ==
          "nothing_to_export");
    // The auto tab with 7天内到期: fewer rows than the tab, exactly the query's.
    RenewalFilter f;
    f.tab = RenewalPolicy::Auto;
    f.as_of = *ws.as_of;
    const std::size_t whole = QueryResourceIds(ws, index, QueryRenewals(ws, index, f).rows).size();
    f.expiring_within_days = 7;
    const std::size_t week = QueryResourceIds(ws, index, QueryRenewals(ws, index, f).rows).size();
    CHECK(week < whole);
}

TEST_CASE("renewal list: the renewal engine's refusals refuse the export; no resources is empty_request")
{
    Workspace ws = LoadSample();
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::RenewalList, std::vector<std::string>{sample::R6}))) ==
          "pending_order");
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::RenewalList, std::vector<std::string>{sample::R15}))) ==
          "delisted_product");
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::RenewalList, std::vector<std::string>{"nope"}))) ==
          "unknown_resource");
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::RenewalList))) == "empty_request");
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::RenewalList, std::vector<std::string>{}))) == "empty_request");
}

// ---- renewal price list (seed 4.2.7.2) -------------------------------------------------------------------

TEST_CASE("renewal price list: a row per resource, a column per offered duration")
{
    Workspace ws = LoadSample();
    ExportResult r = BuildExport(
        ws, Request(ws, ExportKind::RenewalPrices, std::vector<std::string>{sample::R19, sample::R20, sample::R15}));
    REQUIRE(r.ok());
    const std::vector<std::string> lines = Lines(r.file.bytes);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] ==
          "实例ID,实例名称,主实例ID,产品类型,规格,区域,状态,续费方式,到期时间,1个月(元),2个月(元),3个月(元),4个月(元),"
          "5个月(元),"
          "6个月(元),7个月(元),8个月(元),9个月(元),1年(元),2年(元),3年(元),备注");
    // OBS package: months only (99.00 × n), no year price: the year cells are empty.
    CHECK(lines[1].ends_with("99.00,198.00,297.00,396.00,495.00,594.00,693.00,792.00,891.00,,,,"));
    // CDN package: bought by the year, 1 year only.
    CHECK(lines[2].ends_with(",,,,,,,,,,585.00,,,"));
    // Delisted product: priced, with the note.
    CHECK(lines[3].ends_with("700.00,1400.00,2100.00,产品已下架，不支持续费"));
}

TEST_CASE("renewal price list: at most 10000 rows per export (seed 4.2.7.2, price_list_max)")
{
    Fixture f = ManyResources(10001);
    Workspace& ws = f.ws;
    ExportResult ok = BuildExport(ws, Request(ws, ExportKind::RenewalPrices, Ids(10000)));
    REQUIRE(ok.ok());
    CHECK(ok.file.rows == 10000);
    CHECK(Lines(ok.file.bytes).size() == 10001);  // + header
    ExportResult over = BuildExport(ws, Request(ws, ExportKind::RenewalPrices, Ids(10001)));
    CHECK(Code(over) == "too_many_rows");
    CHECK(over.refusals[0].subject == "10001");  // refused with the count (seed 4.2.7.2: 单次最大导出数为10000条)
    // No query (all resources awaiting renewal): 10001 match -> refused; one closed -> 10000 -> fine.
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::RenewalPrices))) == "too_many_rows");
    ws.resources.back().status = ResourceStatus::Closed;
    ExportResult all = BuildExport(ws, Request(ws, ExportKind::RenewalPrices));
    REQUIRE(all.ok());
    CHECK(all.file.rows == 10000);
}

// ---- orders -----------------------------------------------------------------------------------------------

TEST_CASE(
    "pending orders: what 待支付订单 lists (IsAwaitingPayment), as of the clock; others refused, not dropped "
    "(seed 4.1.4)")
{
    Workspace ws = LoadSample();
    ExportResult all = BuildExport(ws, Request(ws, ExportKind::PendingOrders));
    REQUIRE(all.ok());
    // the combined order and its 2 sub-orders, R6's renewal, and the orders 待确认 (CS25011315084K2ZP) and
    // 待审核 (CS25011011203N6TY): the same rows as the 待支付订单 page and the overview's count.
    CHECK(all.file.rows == 6);
    CHECK(all.file.bytes.find("CS25011315084K2ZP") != std::string::npos);
    CHECK(all.file.bytes.find("CS25011011203N6TY") != std::string::npos);
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::PendingOrders,
                                       std::vector<std::string>{"CS25011214212E9GX"}))) == "not_pending_payment");
    CHECK(BuildExport(ws, Request(ws, ExportKind::PendingOrders, std::vector<std::string>{"CS25011011203N6TY"})).ok());
    CHECK(Code(BuildExport(ws, Request(ws, ExportKind::Orders, std::vector<std::string>{"CS-nope"}))) ==
          "unknown_order");
    // 7 days after its creation (pending_payment_days) R6's renewal order is cancelled: 5 left.
    ExportRequest later = Request(ws, ExportKind::PendingOrders);
    later.as_of = At("2025-01-20T16:40:12+08:00");
    ExportResult after = BuildExport(ws, later);
    REQUIRE(after.ok());
    CHECK(after.file.rows == 5);
    later.as_of = At("2025-01-20T16:40:11+08:00");
    CHECK(BuildExport(ws, later).file.rows == 6);
    // Every payment deadline past: the two waiting for review / confirmation stay (they have no deadline to pay).
    later.as_of = At("2025-02-01T00:00:00+08:00");
    CHECK(BuildExport(ws, later).file.rows == 2);
}

// ---- JSON form ------------------------------------------------------------------------------------------

TEST_CASE("JSON exports: kind, as_of, count, rows with snake_case keys, amounts as strings")
{
    Workspace ws = LoadSample();
    ExportRequest req =
        Request(ws, ExportKind::Orders, std::vector<std::string>{"CS25011214212E9GX", "CS25011316401M3QF"});
    req.format = ExportFormat::Json;
    ExportResult r = BuildExport(ws, req);
    REQUIRE(r.ok());
    CHECK(r.file.mime == "application/json");
    CHECK(r.file.file_name == "订单列表_20250114100000.json");
    const nlohmann::json j = nlohmann::json::parse(r.file.bytes);
    CHECK(j["kind"] == "orders");
    CHECK(j["as_of"] == "2025-01-14T10:00:00+08:00");
    CHECK(j["count"] == 2);
    REQUIRE(j["rows"].size() == 2);
    const nlohmann::json& pending = j["rows"][0];  // newest first
    CHECK(pending["order_id"] == "CS25011316401M3QF");
    CHECK(pending["status"] == "pending_payment");
    CHECK(pending["payment_deadline"] == "2025-01-20T16:40:12+08:00");
    CHECK(pending["payment_time"].is_null());
    const nlohmann::json& done = j["rows"][1];
    CHECK(done["order_type"] == "new");
    CHECK(done["official_amount"] == "70.00");
    CHECK(done["amount_after_discount"] == "63.00");
    CHECK(done["payment_deadline"].is_null());
    CHECK(done["resource_ids"] == nlohmann::json::array({sample::R16}));

    ExportRequest list = Request(ws, ExportKind::RenewalList, std::vector<std::string>{sample::R16});
    list.format = ExportFormat::Json;
    list.duration = RenewalDuration{TermUnit::Year, 2};
    const nlohmann::json l = nlohmann::json::parse(BuildExport(ws, list).file.bytes);
    CHECK(l["duration"] == nlohmann::json({{"period", "year"}, {"num", 2}}));
    CHECK(l["rows"][0]["new_expire_time"] == "2027-02-12T23:59:59+08:00");
    CHECK(l["rows"][0]["amount"] == "1400.00");
    CHECK(l["total"] == "1400.00");

    ExportRequest prices = Request(ws, ExportKind::RenewalPrices, std::vector<std::string>{sample::R20, sample::R6});
    prices.format = ExportFormat::Json;
    const nlohmann::json p = nlohmann::json::parse(BuildExport(ws, prices).file.bytes);
    CHECK(p["rows"][0]["prices"] == nlohmann::json::parse(R"([{"period":"year","num":1,"amount":"585.00"}])"));
    CHECK(p["rows"][0]["notes"].empty());
    CHECK(p["rows"][1]["prices"].size() == 12);
    CHECK(p["rows"][1]["notes"] == nlohmann::json::array({"pending_order"}));
}

// ---- records (seed 5) -------------------------------------------------------------------------------------

TEST_CASE("an export adds a record that can be downloaded again, also after save and load")
{
    Workspace ws = LoadSample();
    const std::size_t before = ws.export_records.size();
    ExportRequest req = Request(ws, ExportKind::RenewalList, std::vector<std::string>{sample::R16});
    RecordedExport rec = ExportAndRecord(ws, req);
    REQUIRE(rec.ok());
    REQUIRE(ws.export_records.size() == before + 1);
    const ExportRecord& r = ws.export_records.back();
    CHECK(r.id == "EXP20250114100000");
    CHECK(rec.record_id == r.id);
    CHECK(r.kind == ExportKind::RenewalList);
    CHECK(r.created_time == *ws.as_of);
    CHECK(r.file_name == "续费清单_20250114100000.csv");
    CHECK(r.rows == 1);
    CHECK(ws.positionOfExportRecord(r.id) == ws.export_records.size() - 1);
    CHECK(RecordFileOf(r) == RecordFile::Stored);
    ExportResult again = DownloadRecord(ws, r);
    REQUIRE(again.ok());
    CHECK(again.file.bytes == rec.result.file.bytes);
    CHECK(again.file.file_name == r.file_name);

    // Saved and opened again: the record still holds its file.
    LoadResult reopened = LoadWorkspace(SaveWorkspace(ws), "saved.json");
    REQUIRE(reopened.ok);
    CHECK(reopened.workspace == ws);
    const ExportRecord& loaded = reopened.workspace.export_records.back();
    CHECK(DownloadRecord(reopened.workspace, loaded).file.bytes == rec.result.file.bytes);

    // The same clock again: a fresh id.
    RecordedExport second = ExportAndRecord(ws, req);
    CHECK(second.record_id == "EXP20250114100000-2");
}

TEST_CASE("a refused export records nothing (atomic)")
{
    Workspace ws = LoadSample();
    const Workspace copy = ws;
    RecordedExport rec =
        ExportAndRecord(ws, Request(ws, ExportKind::RenewalList, std::vector<std::string>{sample::R6}));
    CHECK_FALSE(rec.ok());
    CHECK(rec.record_id.empty());
    CHECK(ws == copy);
}

TEST_CASE("records without their file: rebuilt from the request, or unavailable")
{
    Workspace ws = LoadSample();
    // The sample's own records carry neither content nor request.
    REQUIRE_FALSE(ws.export_records.empty());
    CHECK(RecordFileOf(ws.export_records.front()) == RecordFile::Unavailable);
    CHECK(Code(DownloadRecord(ws, ws.export_records.front())) == "file_unavailable");

    ExportRequest req = Request(ws, ExportKind::Orders, std::vector<std::string>{"CS25011214212E9GX"});
    req.format = ExportFormat::Json;
    RecordedExport rec = ExportAndRecord(ws, req);
    REQUIRE(rec.ok());
    ExportRecord& r = ws.export_records.back();
    // as for a file over kMaxStoredExportBytes
    erase_if(r.extra, [](const auto& m) { return m.first == "content"; });
    CHECK(RecordFileOf(r) == RecordFile::Regenerated);
    std::optional<ExportRequest> back = RecordRequest(r);
    REQUIRE(back);
    CHECK(back->format == ExportFormat::Json);
    CHECK(back->ids == req.ids);
    CHECK(back->as_of == r.created_time);
    ExportResult again = DownloadRecord(ws, r);
    REQUIRE(again.ok());
    CHECK(again.file.bytes == rec.result.file.bytes);
    CHECK(again.file.mime == "application/json");
}

TEST_CASE("records disappear 3 days after the export (seed 5 注意事项, export_record_days)")
{
    Workspace ws = LoadSample();
    ws.export_records.clear();
    ws.Reindex();
    ExportRequest req = Request(ws, ExportKind::PendingOrders);
    req.as_of = At("2025-01-14T10:00:00+08:00");
    REQUIRE(ExportAndRecord(ws, req).ok());
    req.as_of = At("2025-01-15T08:00:00+08:00");
    REQUIRE(ExportAndRecord(ws, req).ok());
    const ExportRecord& first = ws.export_records[0];
    CHECK(ExportRecordExpiry(first, ws.rules) == At("2025-01-17T10:00:00+08:00"));  // created + 3 × 24 h

    CHECK(LiveExportRecords(ws, At("2025-01-17T09:59:59+08:00")).size() == 2);  // 3 days minus 1 s: kept
    std::vector<const ExportRecord*> live = LiveExportRecords(ws, At("2025-01-17T10:00:00+08:00"));  // 3 days: gone
    REQUIRE(live.size() == 1);
    CHECK(live[0]->id == "EXP20250115080000");

    // Pruning as of 3 days minus 1 s removes nothing; at 3 days it removes the first, and reindexes.
    const Workspace copy = ws;
    CHECK(PruneExportRecords(ws, At("2025-01-17T09:59:59+08:00")).empty());
    CHECK(ws == copy);
    CHECK(PruneExportRecords(ws, At("2025-01-17T10:00:00+08:00")) == std::vector<std::string>{"EXP20250114100000"});
    REQUIRE(ws.export_records.size() == 1);
    CHECK(!ws.positionOfExportRecord("EXP20250114100000"));
    CHECK(ws.positionOfExportRecord("EXP20250115080000") == 0u);

    // A new export prunes what expired as of its clock; newest first in the live list.
    req.as_of = At("2025-01-18T09:00:00+08:00");
    req.ids = std::nullopt;
    ws.rules.export_record_days = 1;  // the profile's number is used: the 01-15 record is past 1 day
    req.kind = ExportKind::Orders;
    RecordedExport rec = ExportAndRecord(ws, req);
    REQUIRE(rec.ok());
    CHECK(rec.pruned == std::vector<std::string>{"EXP20250115080000"});
}

TEST_CASE("the live list is newest first; a record after a clock set back stays live")
{
    Workspace ws = LoadSample();
    const std::vector<const ExportRecord*> live = LiveExportRecords(ws, *ws.as_of);
    REQUIRE(live.size() == 2);
    CHECK(live[0]->id == "EXP20250114090511");
    CHECK(live[1]->id == "EXP20250113164502");
    CHECK(LiveExportRecords(ws, At("2025-01-01T00:00:00+08:00")).size() == 2);
    // EXP20250113164502 is gone at 2025-01-16 16:45:02.
    CHECK(LiveExportRecords(ws, At("2025-01-16T16:45:02+08:00")).size() == 1);
}
