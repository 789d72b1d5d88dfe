// exports.cpp: the four exports and their records (exports.h).
#include "core/report/exports.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/model/csv.h"
#include "core/model/json_writer.h"
#include "core/model/labels.h"
#include "core/engine/orders.h"

namespace qd {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

// ---- words of the file (headers here; enum labels and durations: model/labels.h) --------------------

struct Words {
    const char* zh;
    const char* en;
};
const char* Pick(const Words& w, HeaderLanguage lang) { return lang == HeaderLanguage::Chinese ? w.zh : w.en; }

constexpr Words kKindFileNames[] = {{"订单列表", "orders"},
                                    {"待支付订单", "pending-orders"},
                                    {"续费清单", "renewal-list"},
                                    {"续费价目表", "renewal-prices"}};

// yyyyMMddHHmmss of t in the zone.
std::string Stamp(Instant t, ZoneOffset zone)
{
    const LocalDate d = LocalDateOf(t, zone);
    const LocalTime c = LocalTimeOf(t, zone);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", d.year(), d.month(), d.day(), c.hour(), c.minute(),
                  c.second());
    return buf;
}

void Header(CsvWriter& csv, std::initializer_list<Words> columns, HeaderLanguage lang)
{
    for (const Words& w : columns) csv.cell(Pick(w, lang));
}

// ---- requests ----------------------------------------------------------------------------------------

// The ids of the request without duplicates, first occurrence order.
std::vector<std::string> Distinct(const std::vector<std::string>& ids)
{
    std::vector<std::string> out;
    std::unordered_set<std::string_view> seen;
    out.reserve(ids.size());
    for (const std::string& id : ids)
        if (seen.insert(id).second) out.push_back(id);
    return out;
}

ExportResult Refused(Refusal r)
{
    ExportResult result;
    result.refusals.push_back(std::move(r));
    return result;
}

std::string MimeOf(ExportFormat f) { return f == ExportFormat::Csv ? "text/csv;charset=utf-8" : "application/json"; }

void Finish(ExportResult& result, const ExportRequest& request, const Workspace& ws, std::string bytes, int rows)
{
    result.file.file_name =
        ExportFileName(request.kind, request.format, request.language, request.as_of, ws.rules.zone);
    result.file.mime = MimeOf(request.format);
    result.file.bytes = std::move(bytes);
    result.file.rows = rows;
}

void BeginJson(JsonWriter& w, const ExportRequest& request, ZoneOffset zone, int rows)
{
    w.beginObject();
    w.member("kind", ToString(request.kind));
    w.member("as_of", request.as_of, zone);
    w.member("count", rows);
}

// ---- orders / pending orders (seed 4.3.4, 4.1.4) ------------------------------------------------------

std::vector<std::string> ResourceIdsOf(const Order& o)
{
    std::vector<std::string> ids;
    for (const OrderItem& item : o.items)
        if (item.resource_id && std::find(ids.begin(), ids.end(), *item.resource_id) == ids.end())
            ids.push_back(*item.resource_id);
    return ids;
}

ExportResult ExportOrders(const Workspace& ws, const ExportRequest& request)
{
    const bool pendingOnly = request.kind == ExportKind::PendingOrders;
    const RuleProfile& rules = ws.rules;
    std::vector<const Order*> rows;
    if (request.ids) {
        // An empty list is a query that matched nothing (导出全部 of a filter, --created): say so.
        if (request.ids->empty()) return Refused({"nothing_to_export", "", "no order matches the query"});
        Refusals refusals;
        for (const std::string& id : Distinct(*request.ids)) {
            const Order* o = ws.findOrder(id);
            if (!o) {
                refusals.push_back({"unknown_order", id, "order " + id + " is not in the workspace"});
                continue;
            }
            const OrderStatus status = StatusAsOf(*o, rules, request.as_of);
            if (pendingOnly && !IsAwaitingPayment(*o, status)) {  // seed 4.1: what 待支付订单 lists
                refusals.push_back(
                    {"not_pending_payment", id,
                     "order " + id + " is " + std::string(ToString(status)) +
                         ", not waiting to be paid; only the orders 待支付订单 lists are exported here"});
                continue;
            }
            rows.push_back(o);
        }
        if (!refusals.empty()) {
            ExportResult result;
            result.refusals = std::move(refusals);
            return result;
        }
    } else {
        for (const Order& o : ws.orders)
            if (!pendingOnly || IsAwaitingPayment(o, StatusAsOf(o, rules, request.as_of))) rows.push_back(&o);
    }
    if (rows.empty())
        return Refused({"nothing_to_export", "",
                        pendingOnly ? "there is no order pending payment to export" : "there is no order to export"});
    SortNewestFirst(rows);  // the order list's order

    const ZoneOffset zone = rules.zone;
    const HeaderLanguage lang = request.language;
    ExportResult result;
    const int count = static_cast<int>(rows.size());
    if (request.format == ExportFormat::Csv) {
        CsvWriter csv;
        Header(csv,
               {{"订单号", "Order ID"},
                {"组合交易订单号", "Combined order ID"},
                {"产品类型", "Product type"},
                {"订单类型", "Order type"},
                {"订单状态", "Status"},
                {"创建时间", "Created"},
                {"支付时间", "Paid"},
                {"支付截止时间", "Payment deadline"},
                // the seed's amount model (chapter 6, 4.4.3; docs/workspace-format.md "Amounts")
                {"订单金额(元)", "Order amount (CNY)"},
                {"应付金额(元)", "Amount due (CNY)"},
                {"实付金额(元)", "Amount paid (CNY)"},
                {"代金券(元)", "Cash coupons (CNY)"},
                {"现金券(元)", "Flexi coupons (CNY)"},
                {"储值卡(元)", "Stored-value cards (CNY)"},
                {"手续费(元)", "Handling fee (CNY)"},
                {"已消费金额(元)", "Consumed (CNY)"},
                {"币种", "Currency"},
                {"企业项目", "Enterprise project"},
                {"创建人", "Created by"},
                {"资源ID", "Resource IDs"}},
               lang);
        csv.endRow();
        for (const Order* o : rows) {
            const OrderStatus status = StatusAsOf(*o, rules, request.as_of);
            csv.cell(o->order_id);
            csv.cell(o->combined_order_id.value_or(""));
            csv.cell(o->service_type_name);
            csv.cell(EnumLabel(o->order_type, lang));
            csv.cell(EnumLabel(status, lang));
            csv.time(o->create_time, zone);
            csv.time(o->payment_time, zone);
            csv.time(status == OrderStatus::PendingPayment ? std::optional<Instant>(PaymentDeadline(*o, rules))
                                                           : std::nullopt,
                     zone);
            csv.money(o->official_amount);
            csv.money(o->amount_after_discount);
            csv.money(o->amountPaid());
            csv.money(o->paid ? std::optional<Money>(o->paid->voucher) : std::nullopt);
            csv.money(o->paid ? std::optional<Money>(o->paid->flexi_coupon) : std::nullopt);
            csv.money(o->paid ? std::optional<Money>(o->paid->stored_card) : std::nullopt);
            csv.money(o->fee);
            csv.money(o->consumed);
            csv.cell(o->currency);
            std::string projects;
            for (const EnterpriseProject& p : o->enterprise_projects)
                projects += (projects.empty() ? "" : "; ") + (p.name.empty() ? p.id : p.name);
            csv.cell(projects);
            csv.cell(o->created_by);
            std::string ids;
            for (const std::string& id : ResourceIdsOf(*o)) ids += (ids.empty() ? "" : "; ") + id;
            csv.cell(ids);
            csv.endRow();
        }
        Finish(result, request, ws, csv.take(), count);
    } else {
        JsonWriter w;
        BeginJson(w, request, zone, count);
        w.key("rows");
        w.beginArray();
        for (const Order* o : rows) {
            const OrderStatus status = StatusAsOf(*o, rules, request.as_of);
            w.beginObject();
            w.member("order_id", o->order_id);
            w.member("combined_order_id", o->combined_order_id);
            w.member("service_type_name", o->service_type_name);
            w.member("order_type", ToString(o->order_type));
            w.member("status", ToString(status));
            w.member("create_time", o->create_time, zone);
            w.member("payment_time", o->payment_time, zone);
            w.key("payment_deadline");
            w.instantOrNull(status == OrderStatus::PendingPayment ? std::optional<Instant>(PaymentDeadline(*o, rules))
                                                                  : std::nullopt,
                            zone);
            w.member("official_amount", o->official_amount);
            w.member("amount_after_discount", o->amount_after_discount);
            w.member("amount_paid", o->amountPaid());  // 实付金额
            w.key("paid");
            if (o->paid) {
                w.beginObject();
                WritePaidMembers(w, *o->paid);
                w.endObject();
            } else {
                w.null();
            }
            w.member("fee", o->fee);
            w.member("consumed", o->consumed);
            w.member("currency", o->currency);
            w.key("enterprise_projects");
            w.beginArray();
            for (const EnterpriseProject& p : o->enterprise_projects) {
                w.beginObject();
                w.member("id", p.id);
                w.member("name", p.name);
                w.endObject();
            }
            w.endArray();
            w.member("created_by", o->created_by);
            w.key("resource_ids");
            w.beginArray();
            for (const std::string& id : ResourceIdsOf(*o)) w.string(id);
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        Finish(result, request, ws, w.take() + "\n", count);
    }
    return result;
}

// ---- renewal list (seed 4.2.7.1) ----------------------------------------------------------------------

const Words kResourceColumns[] = {
    {"实例ID", "Resource ID"},    {"实例名称", "Resource name"}, {"主实例ID", "Main resource ID"},
    {"产品类型", "Product type"}, {"规格", "Specification"},     {"区域", "Region"},
    {"状态", "Status"},           {"续费方式", "Renewal policy"}};

void ResourceHeader(CsvWriter& csv, HeaderLanguage lang)
{
    for (const Words& w : kResourceColumns) csv.cell(Pick(w, lang));
}

void ResourceCells(CsvWriter& csv, const Resource& r, const Product* p, HeaderLanguage lang)
{
    csv.cell(r.resource_id);
    csv.cell(r.resource_name);
    csv.cell(r.main_resource_id.value_or(""));
    csv.cell(p ? p->service_type_name : std::string());
    csv.cell(p ? p->spec_desc : std::string());
    csv.cell(r.region_code);
    csv.cell(EnumLabel(r.status, lang));
    csv.cell(EnumLabel(r.renewal_policy, lang));
}

void ResourceMembers(JsonWriter& w, const Resource& r, const Product* p)
{
    w.member("resource_id", r.resource_id);
    w.member("resource_name", r.resource_name);
    w.member("main_resource_id", r.main_resource_id);
    w.member("service_type_name", p ? p->service_type_name : std::string());
    w.member("spec_desc", p ? p->spec_desc : std::string());
    w.member("region_code", r.region_code);
    w.member("status", ToString(r.status));
    w.member("renewal_policy", ToString(r.renewal_policy));
}

ExportResult ExportRenewalList(const Workspace& ws, const ExportRequest& request)
{
    if (!request.ids || request.ids->empty())
        return Refused({"empty_request", "",
                        "tick the resources to put on the renewal list (at most " +
                            std::to_string(ws.rules.renewal_list_max) + ")"});
    RenewalRequest renewal;
    renewal.resource_ids = Distinct(*request.ids);
    const int max = ws.rules.renewal_list_max;
    if (static_cast<int64_t>(renewal.resource_ids.size()) > max)  // seed 4.2.7.1 step 5 说明: at most 200 per export
        return Refused({"too_many_resources", std::to_string(renewal.resource_ids.size()),
                        "a renewal list takes at most " + std::to_string(max) + " resources at a time, got " +
                            std::to_string(renewal.resource_ids.size())});
    renewal.duration = request.duration;
    renewal.default_mode = DurationDefault::EachOwn;
    renewal.as_of = request.as_of;
    RenewalQuote quote = QuoteRenewal(ws, renewal);
    if (!quote.ok()) {
        ExportResult result;
        result.refusals = std::move(quote.refusals);
        return result;
    }
    if (quote.items.empty())
        return Refused({"nothing_to_export", "", "there is no resource to put on the renewal list"});
    // seed 4.2.7.1 说明: 最大导出续费资源数为200 counts resources, so the bound attached resources that renew
    // with a ticked instance count too: 200 instances with 60 bound disks are 260 resources, refused.
    if (static_cast<int64_t>(quote.items.size()) > max)
        return Refused({"too_many_resources", std::to_string(quote.items.size()),
                        "a renewal list takes at most " + std::to_string(max) + " resources at a time, and the " +
                            std::to_string(renewal.resource_ids.size()) +
                            " chosen with their bound attached resources are " + std::to_string(quote.items.size())});

    const ZoneOffset zone = ws.rules.zone;
    const HeaderLanguage lang = request.language;
    const int count = static_cast<int>(quote.items.size());
    ExportResult result;
    if (request.format == ExportFormat::Csv) {
        CsvWriter csv;
        ResourceHeader(csv, lang);
        Header(csv,
               {{"到期时间", "Expires"},
                {"续费时长", "Duration"},
                {"续费后到期时间", "New expiry"},
                {"预估费用(元)", "Estimated cost (CNY)"}},
               lang);
        csv.endRow();
        for (const RenewalQuoteItem& item : quote.items) {
            const Resource* r = ws.findResource(item.resource_id);
            if (!r) continue;  // cannot happen: the quote only names resources of ws
            ResourceCells(csv, *r, ws.findProduct(r->product_id), lang);
            csv.time(item.old_expire_time, zone);
            csv.cell(DurationLabel(item.duration.unit, item.duration.num, lang));
            csv.time(item.new_expire_time, zone);
            csv.money(item.amount);
            csv.endRow();
        }
        // 合计: the amount to ask the finance department for (seed 4.2.7.1: 便于向公司财务申请资金续费).
        csv.cell(lang == HeaderLanguage::Chinese ? "合计" : "Total");
        for (std::size_t i = 1; i < std::size(kResourceColumns) + 3; ++i) csv.cell("");
        csv.money(quote.total);
        csv.endRow();
        Finish(result, request, ws, csv.take(), count);
    } else {
        JsonWriter w;
        BeginJson(w, request, zone, count);
        w.key("duration");
        if (request.duration) WriteDuration(w, *request.duration);
        else w.null();
        w.key("rows");
        w.beginArray();
        for (const RenewalQuoteItem& item : quote.items) {
            const Resource* r = ws.findResource(item.resource_id);
            if (!r) continue;
            w.beginObject();
            ResourceMembers(w, *r, ws.findProduct(r->product_id));
            w.member("old_expire_time", item.old_expire_time, zone);
            w.key("duration");
            WriteDuration(w, item.duration);
            w.member("new_expire_time", item.new_expire_time, zone);
            w.member("amount", item.amount);
            w.endObject();
        }
        w.endArray();
        w.member("total", quote.total);
        w.endObject();
        Finish(result, request, ws, w.take() + "\n", count);
    }
    return result;
}

// ---- renewal price list (seed 4.2.7.2) ---------------------------------------------------------------

bool DurationLess(RenewalDuration a, RenewalDuration b)
{
    if (a.months() != b.months()) return a.months() < b.months();
    return a.unit == TermUnit::Month && b.unit == TermUnit::Year;  // 12 months before 1 year
}

struct PriceRow {
    const Resource* resource;
    const Product* product;
    std::vector<std::pair<RenewalDuration, Money>> prices;  // shortest first
    bool delisted = false;
    bool pendingOrder = false;
};

ExportResult ExportRenewalPrices(const Workspace& ws, const ExportRequest& request)
{
    std::vector<const Resource*> resources;
    const int max = ws.rules.price_list_max;
    if (request.ids) {
        // seed 4.2.7.2: the query matches no resource (the page's tab and filters list nothing)
        if (request.ids->empty()) return Refused({"nothing_to_export", "", "no resource matches the query"});
        const std::vector<std::string> ids = Distinct(*request.ids);
        if (static_cast<int64_t>(ids.size()) > max)  // seed 4.2.7.2: 单次最大导出数为10000条
            return Refused({"too_many_rows", std::to_string(ids.size()),
                            "a renewal price list takes at most " + std::to_string(max) + " rows at a time, got " +
                                std::to_string(ids.size()) + "; narrow the query"});
        Refusals unknown;
        for (const std::string& id : ids) {
            const Resource* r = ws.findResource(id);
            if (r) resources.push_back(r);
            else unknown.push_back({"unknown_resource", id, "resource " + id + " is not in the workspace"});
        }
        if (!unknown.empty()) {
            ExportResult result;
            result.refusals = std::move(unknown);
            return result;
        }
    } else {
        for (const Resource& r : ws.resources)
            if (r.status != ResourceStatus::Closed) resources.push_back(&r);  // 全部待续费资源: closed ones are gone
        if (static_cast<int64_t>(resources.size()) > max)
            return Refused({"too_many_rows", std::to_string(resources.size()),
                            "a renewal price list takes at most " + std::to_string(max) + " rows at a time, and " +
                                std::to_string(resources.size()) + " resources match; narrow the query"});
    }
    if (resources.empty()) return Refused({"nothing_to_export", "", "there is no resource to put on the price list"});

    const ZoneOffset zone = ws.rules.zone;
    const OrderLocks locks = OrderLocks::Build(ws);
    std::vector<PriceRow> rows;
    rows.reserve(resources.size());
    std::vector<RenewalDuration> columns;
    for (const Resource* r : resources) {
        PriceRow row{r, ws.findProduct(r->product_id), {}, false, locks.pending(r->resource_id) != nullptr};
        if (row.product) {
            row.delisted = row.product->delisted;
            for (RenewalDuration d : OfferedDurations(*r, *row.product, zone)) {
                const std::optional<Money>& unit =
                    d.unit == TermUnit::Year ? row.product->prices.year : row.product->prices.month;
                if (!unit) continue;
                row.prices.emplace_back(d, *unit * d.num);
                if (std::find(columns.begin(), columns.end(), d) == columns.end()) columns.push_back(d);
            }
        }
        rows.push_back(std::move(row));
    }
    std::sort(columns.begin(), columns.end(), DurationLess);

    const HeaderLanguage lang = request.language;
    const int count = static_cast<int>(rows.size());
    ExportResult result;
    if (request.format == ExportFormat::Csv) {
        CsvWriter csv;
        ResourceHeader(csv, lang);
        csv.cell(lang == HeaderLanguage::Chinese ? "到期时间" : "Expires");
        for (RenewalDuration d : columns)
            csv.cell(DurationLabel(d.unit, d.num, lang) + (lang == HeaderLanguage::Chinese ? "(元)" : " (CNY)"));
        csv.cell(lang == HeaderLanguage::Chinese ? "备注" : "Notes");
        csv.endRow();
        for (const PriceRow& row : rows) {
            ResourceCells(csv, *row.resource, row.product, lang);
            csv.time(row.resource->expire_time, zone);
            for (RenewalDuration d : columns) {
                auto it =
                    std::find_if(row.prices.begin(), row.prices.end(), [&](const auto& p) { return p.first == d; });
                csv.money(it == row.prices.end() ? std::nullopt : std::optional<Money>(it->second));
            }
            std::string notes;
            if (row.delisted)
                notes +=
                    lang == HeaderLanguage::Chinese ? "产品已下架，不支持续费" : "product delisted: cannot be renewed";
            if (row.pendingOrder) {
                if (!notes.empty()) notes += lang == HeaderLanguage::Chinese ? "；" : "; ";
                notes += lang == HeaderLanguage::Chinese ? "有待支付订单" : "has a pending order";
            }
            csv.cell(notes);
            csv.endRow();
        }
        Finish(result, request, ws, csv.take(), count);
    } else {
        JsonWriter w;
        BeginJson(w, request, zone, count);
        w.key("rows");
        w.beginArray();
        for (const PriceRow& row : rows) {
            w.beginObject();
            ResourceMembers(w, *row.resource, row.product);
            w.member("expire_time", row.resource->expire_time, zone);
            w.key("prices");
            w.beginArray();
            for (const auto& [d, amount] : row.prices) {
                w.beginObject();
                w.member("period", ToString(d.unit));
                w.member("num", d.num);
                w.member("amount", amount);
                w.endObject();
            }
            w.endArray();
            w.key("notes");
            w.beginArray();
            if (row.delisted) w.string("delisted");
            if (row.pendingOrder) w.string("pending_order");
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        Finish(result, request, ws, w.take() + "\n", count);
    }
    return result;
}

// ---- records --------------------------------------------------------------------------------------------

const std::string* Member(const UnknownMembers& extra, std::string_view key)
{
    for (const auto& [k, v] : extra)
        if (k == key) return &v;
    return nullptr;
}

void SetMember(UnknownMembers& extra, std::string_view key, std::string json)
{
    for (auto& [k, v] : extra)
        if (k == key) {
            v = std::move(json);
            return;
        }
    extra.emplace_back(std::string(key), std::move(json));
}

std::string RequestJson(const ExportRequest& request)
{
    JsonWriter w;
    w.beginObject();
    w.key("ids");
    if (request.ids) {
        w.beginArray();
        for (const std::string& id : *request.ids) w.string(id);
        w.endArray();
    } else {
        w.null();
    }
    w.key("duration");
    if (request.duration) WriteDuration(w, *request.duration);
    else w.null();
    w.member("language", ToString(request.language));
    w.endObject();
    return w.take();
}

std::string NewRecordId(const Workspace& ws, Instant at)
{
    const std::string base = "EXP" + Stamp(at, ws.rules.zone);
    auto taken = [&](const std::string& id) {
        return std::any_of(ws.export_records.begin(), ws.export_records.end(),
                           [&](const ExportRecord& e) { return e.id == id; });
    };
    std::string id = base;
    for (int n = 2; taken(id); ++n) id = base + "-" + std::to_string(n);
    return id;
}

}  // namespace

std::string ExportFileName(ExportKind kind, ExportFormat format, HeaderLanguage language, Instant at, ZoneOffset zone)
{
    return std::string(Pick(kKindFileNames[static_cast<std::size_t>(kind)], language)) + "_" + Stamp(at, zone) +
           (format == ExportFormat::Csv ? ".csv" : ".json");
}

ExportResult BuildExport(const Workspace& ws, const ExportRequest& request)
{
    switch (request.kind) {
        case ExportKind::Orders:
        case ExportKind::PendingOrders: return ExportOrders(ws, request);
        case ExportKind::RenewalList: return ExportRenewalList(ws, request);
        case ExportKind::RenewalPrices: return ExportRenewalPrices(ws, request);
    }
    return Refused({"empty_request", "", "unknown export kind"});
}

Instant ExportRecordExpiry(const ExportRecord& record, const RuleProfile& rules)
{
    return record.created_time.plusSeconds(int64_t{rules.export_record_days} * kSecondsPerDay);
}

bool IsExportRecordLive(const ExportRecord& record, const RuleProfile& rules, Instant asOf)
{
    return asOf < ExportRecordExpiry(record, rules);  // seed 5: 导出记录三天后会自动删除
}

std::vector<const ExportRecord*> LiveExportRecords(const Workspace& ws, Instant asOf)
{
    std::vector<const ExportRecord*> live;
    for (const ExportRecord& r : ws.export_records)
        if (IsExportRecordLive(r, ws.rules, asOf)) live.push_back(&r);
    std::stable_sort(live.begin(), live.end(),
                     [](const ExportRecord* a, const ExportRecord* b) { return a->created_time > b->created_time; });
    return live;
}

std::vector<std::string> PruneExportRecords(Workspace& ws, Instant asOf)
{
    std::vector<std::string> removed;
    for (const ExportRecord& r : ws.export_records)
        if (!IsExportRecordLive(r, ws.rules, asOf)) removed.push_back(r.id);
    if (removed.empty()) return removed;
    std::erase_if(ws.export_records, [&](const ExportRecord& r) { return !IsExportRecordLive(r, ws.rules, asOf); });
    ws.Reindex();
    return removed;
}

RecordedExport ExportAndRecord(Workspace& ws, const ExportRequest& request)
{
    RecordedExport out;
    out.result = BuildExport(ws, request);
    if (!out.result.ok()) return out;

    ExportRecord record;
    record.kind = request.kind;
    record.created_time = request.as_of;
    record.file_name = out.result.file.file_name;
    record.rows = out.result.file.rows;
    SetMember(record.extra, "file_format", "\"" + std::string(ToString(request.format)) + "\"");
    SetMember(record.extra, "request", RequestJson(request));
    if (out.result.file.bytes.size() <= kMaxStoredExportBytes) {
        std::string content;
        content.reserve(out.result.file.bytes.size() + out.result.file.bytes.size() / 8 + 2);
        AppendJsonString(content, out.result.file.bytes);
        SetMember(record.extra, "content", std::move(content));
    }

    out.pruned = PruneExportRecords(ws, request.as_of);
    record.id = NewRecordId(ws, request.as_of);
    out.record_id = record.id;
    ws.export_records.push_back(std::move(record));
    ws.IndexAppended();
    return out;
}

std::optional<ExportRequest> RecordRequest(const ExportRecord& record)
{
    const std::string* text = Member(record.extra, "request");
    if (!text) return std::nullopt;
    const nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return std::nullopt;
    ExportRequest request;
    request.kind = record.kind;
    request.as_of = record.created_time;
    if (const std::string* f = Member(record.extra, "file_format")) {
        const nlohmann::json fj = nlohmann::json::parse(*f, nullptr, false);
        if (!fj.is_string()) return std::nullopt;
        const auto format = EnumFromString<ExportFormat>(fj.get_ref<const std::string&>());
        if (!format) return std::nullopt;
        request.format = *format;
    }
    if (auto it = j.find("ids"); it != j.end() && !it->is_null()) {
        if (!it->is_array()) return std::nullopt;
        std::vector<std::string> ids;
        for (const auto& id : *it) {
            if (!id.is_string()) return std::nullopt;
            ids.push_back(id.get<std::string>());
        }
        request.ids = std::move(ids);
    }
    if (auto it = j.find("duration"); it != j.end() && !it->is_null()) {
        if (!it->is_object()) return std::nullopt;
        auto period = it->find("period");
        auto num = it->find("num");
        if (period == it->end() || num == it->end() || !period->is_string() || !num->is_number_integer())
            return std::nullopt;
        const auto unit = EnumFromString<TermUnit>(period->get_ref<const std::string&>());
        const int64_t n = num->get<int64_t>();
        if (!unit || n < 1 || n > 1200) return std::nullopt;
        request.duration = RenewalDuration{*unit, static_cast<int>(n)};
    }
    if (auto it = j.find("language"); it != j.end()) {
        if (!it->is_string()) return std::nullopt;
        const auto lang = EnumFromString<HeaderLanguage>(it->get_ref<const std::string&>());
        if (!lang) return std::nullopt;
        request.language = *lang;
    }
    return request;
}

RecordFile RecordFileOf(const ExportRecord& record)
{
    const std::string* content = Member(record.extra, "content");
    if (content && !content->empty() && content->front() == '"') return RecordFile::Stored;
    if (RecordRequest(record)) return RecordFile::Regenerated;
    return RecordFile::Unavailable;
}

ExportResult DownloadRecord(const Workspace& ws, const ExportRecord& record)
{
    const std::optional<ExportRequest> request = RecordRequest(record);
    const std::string* content = Member(record.extra, "content");
    if (content && !content->empty() && content->front() == '"') {
        const nlohmann::json j = nlohmann::json::parse(*content, nullptr, /*allow_exceptions=*/false);
        if (j.is_string()) {
            ExportResult result;
            const ExportFormat format =
                request ? request->format
                        : (record.file_name.ends_with(".json") ? ExportFormat::Json : ExportFormat::Csv);
            result.file.file_name =
                record.file_name.empty()
                    ? ExportFileName(record.kind, format, HeaderLanguage::Chinese, record.created_time, ws.rules.zone)
                    : record.file_name;
            result.file.mime = MimeOf(format);
            result.file.bytes = j.get<std::string>();
            result.file.rows = record.rows;
            return result;
        }
    }
    if (!request)
        return Refused(
            {"file_unavailable", record.id,
             "export record " + record.id + " holds neither its file nor the request it was made with; export again"});
    ExportResult result = BuildExport(ws, *request);
    if (result.ok() && !record.file_name.empty()) result.file.file_name = record.file_name;
    return result;
}

}  // namespace qd
