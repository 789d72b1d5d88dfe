// exports.h: the console's four exports and their records (seed 4.1.4 批量导出, 4.3.4 导出订单,
// 4.2.7.1 导出续费清单, 4.2.7.2 导出续费价目表, 5 订单导出记录; docs/rules.md, docs/rules.md §6, docs/cli.md).
//
//   ExportRequest req;
//   req.kind = ExportKind::RenewalList;
//   req.ids = std::vector<std::string>{"ecs-1", "vol-9"};       // the ticked resources
//   req.duration = RenewalDuration{TermUnit::Year, 1};          // seed 4.2.7.1 step 6: 续费时长
//   req.as_of = now;
//   ExportResult file = BuildExport(ws, req);                   // read-only: name, bytes, rows
//   RecordedExport rec = ExportAndRecord(ws, req);              // the same, kept as an export record
//   for (const ExportRecord* r : LiveExportRecords(ws, now))    // the 导出记录 page
//     ExportResult again = DownloadRecord(ws, *r);              // "下载": the file again
//
// The four exports (ExportKind) and what `ids` means for each:
//   orders          我的订单 "导出全部" (4.3.4): one row per order, newest first, as the order list
//                   shows it; ids = the orders the list's query leaves (absent = every order).
//   pending_orders  待支付订单 "批量导出" (4.1.4): the same columns for orders pending payment as of
//                   the clock; ids = the ticked orders (absent = every pending order). An order that
//                   is no longer pending is refused (not_pending_payment), not silently dropped.
//   renewal_list    导出续费清单 (4.2.7.1): the estimated renewal cost of the ticked resources for the
//                   chosen duration (absent: each resource's own default, seed 4.2.1.1 step 7), from
//                   QuoteRenewal (renewal.h) - so its refusals (pending_order, delisted_product,
//                   bound_to_main...) refuse the export. ids are required, at most renewal_list_max
//                   (200) resources per export (说明: 批量导出单次操作允许最大导出续费资源数为200), the bound
//                   attached resources that renew with an instance counted: each adds its own row under
//                   its main, so 200 instances with 60 bound ones (260 rows) are refused. The CSV ends
//                   with a 合计 line.
//   renewal_prices  导出续费价目表 (4.2.7.2): one row per resource with the price of every duration it
//                   can be renewed for (OfferedDurations × the product's month / year price); ids =
//                   the resources of the page's query (符合查询条件: the current tab and its filters,
//                   renewal_query.h QueryResourceIds; absent = every resource not closed, the CLI's
//                   不设置查询条件，则导出全部待续费资源), at most price_list_max (10000) rows
//                   (单次最多导出数量10000条): more is refused, not cut.
//
// Formats. CSV (model/csv.h, docs/exports.md): UTF-8 with a byte order mark (EF BB BF) so Excel
// reads the Chinese, CRLF line ends, a header row (Chinese by default, HeaderLanguage::English for
// English headers and labels: model/labels.h), fields quoted per RFC 4180. Amounts are plain
// 2-decimal numbers ("2232.28"), times the console's "2024/04/15 15:58:07 GMT+08:00" in the profile
// zone, absent values empty cells. Any cell that starts with = + - @ tab or CR and is not a number
// gets a leading ' and quotes, so a spreadsheet never runs it as a formula.
// JSON: {"kind","as_of","count","rows":[...]} (+ "duration" and "total" for the renewal list) with
// snake_case keys and enum words, 2-decimal amount strings and ISO 8601 times (docs/cli.md); the
// exact row keys are listed at BuildExport.
//
// Refusals (stable codes; a refused export changes nothing): empty_request (renewal list without
// resources, or an empty id list), unknown_order, unknown_resource, not_pending_payment,
// too_many_resources (renewal list over renewal_list_max resources), too_many_rows (price list over
// price_list_max): both with the count asked for as the refusal's subject ("260", "10001");
// nothing_to_export (no row at all), and the renewal engine's codes.
//
// Records (seed 5 注意事项: 导出记录三天后会自动删除). Every export made with ExportAndRecord becomes an
// ExportRecord (workspace.h: id "EXP" + yyyyMMddHHmmss of the clock, kind, created_time = the clock,
// file_name, rows). A record lives for export_record_days (3) × 24 h: it is live while
// as_of < created_time + 3 days and gone from that instant on (3 days minus 1 s: kept; 3 days: gone).
// So the file can be downloaded again, the record keeps, as members of its object in the workspace
// file (written back by save.h like any member this build reads into ExportRecord::extra):
//   "file_format": "csv" | "json"
//   "request": {"ids": [...] | null, "duration": {"period","num"} | null, "language": "zh" | "en"}
//   "content": the file text itself (BOM included), when it is at most kMaxStoredExportBytes.
// Download again gives the stored content (RecordFile::Stored); a bigger file is rebuilt from the
// request as of created_time on the current data (Regenerated: it follows later changes of the
// workspace); a record with neither (written by hand or by another tool) has no file (Unavailable).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/csv.h"
#include "core/model/labels.h"
#include "core/model/refusal.h"
#include "core/engine/renewal.h"
#include "core/model/workspace.h"

namespace qd {

enum class ExportFormat { Csv, Json };  // csv | json
using HeaderLanguage = LabelLanguage;   // zh | en: CSV headers and labels (Chinese by default)

template <>
struct EnumNames<ExportFormat> {
    static constexpr std::array<std::string_view, 2> names{"csv", "json"};
};
// 4 MiB: larger files are rebuilt on download
inline constexpr std::size_t kMaxStoredExportBytes = std::size_t{4} << 20;

struct ExportRequest {
    ExportKind kind = ExportKind::Orders;
    // order ids (orders, pending_orders) or resource ids (renewal_*); absent = all
    std::optional<std::vector<std::string>> ids;
    // renewal_list only: the chosen duration; absent = each resource's default
    std::optional<RenewalDuration> duration;
    ExportFormat format = ExportFormat::Csv;
    HeaderLanguage language = HeaderLanguage::Chinese;
    Instant as_of;  // now: statuses, pending orders and the record's created_time
};

struct ExportFile {
    std::string
        file_name;  // "续费清单_20250114100000.csv" (local time of as_of); English: "renewal-list_20250114100000.csv"
    std::string mime;   // "text/csv;charset=utf-8" | "application/json"
    std::string bytes;  // the file
    int rows = 0;       // data rows (header and 合计 line not counted)
};

struct ExportResult {
    ExportFile file;
    Refusals refusals;  // why not (then file is empty)
    bool ok() const { return refusals.empty(); }
};

// Builds the file (read-only). JSON rows, by kind:
//   orders / pending_orders: {"order_id","combined_order_id","service_type_name","order_type","status",
//     "create_time","payment_time","payment_deadline","official_amount" (订单金额),"amount_after_discount"
//     (应付金额),"amount_paid" (实付金额),"paid":{cash,voucher,flexi_coupon,stored_card,discount_coupon},
//     "fee","consumed","currency","enterprise_projects":[{"id","name"}],"created_by","resource_ids":[...]}
//     (status as of the clock; payment_deadline only while pending payment; absent values null)
//   renewal_list: {"resource_id","resource_name","main_resource_id","service_type_name","spec_desc",
//     "region_code","status","renewal_policy","old_expire_time","duration":{"period","num"},
//     "new_expire_time","amount"}, plus "duration" (the chosen one or null) and "total" at the top
//   renewal_prices: {"resource_id","resource_name","main_resource_id","service_type_name","spec_desc",
//     "region_code","status","renewal_policy","expire_time","prices":[{"period","num","amount"}],
//     "notes":[...]}  (notes: "delisted", "pending_order")
ExportResult BuildExport(const Workspace& ws, const ExportRequest& request);

// The export's file name for a kind, format and clock: "<name>_yyyyMMddHHmmss.<csv|json>".
std::string ExportFileName(ExportKind kind, ExportFormat format, HeaderLanguage language, Instant at, ZoneOffset zone);

// ---- records ------------------------------------------------------------------------------------------

struct RecordedExport {
    ExportResult result;              // the file (refused: nothing was recorded)
    std::string record_id;            // the new record
    std::vector<std::string> pruned;  // expired records removed at the same time (PruneExportRecords)
    bool ok() const { return result.ok(); }
};

// Builds the export and records it (seed 4.1.4 step 5, 4.2.7.1 step 7, 4.3.4 step 5: the export goes to
// 导出记录). Also removes the records expired as of request.as_of. Atomic: refused = unchanged.
RecordedExport ExportAndRecord(Workspace& ws, const ExportRequest& request);

// When a record disappears: created_time + export_record_days × 24 h.
Instant ExportRecordExpiry(const ExportRecord& record, const RuleProfile& rules);
// as_of < ExportRecordExpiry (a record created after as_of - a what-if clock set back - is live).
bool IsExportRecordLive(const ExportRecord& record, const RuleProfile& rules, Instant asOf);

// The live records, newest first (the 导出记录 page).
std::vector<const ExportRecord*> LiveExportRecords(const Workspace& ws, Instant asOf);

// Removes the records expired as of asOf; their ids, file order. Reindexes when it removed any.
std::vector<std::string> PruneExportRecords(Workspace& ws, Instant asOf);

enum class RecordFile {
    Stored,       // the record holds the file: downloads give exactly what was exported
    Regenerated,  // the record holds the request: the file is rebuilt from the current data
    Unavailable,  // neither: the file cannot be downloaded again
};
RecordFile RecordFileOf(const ExportRecord& record);

// The record's file again ("下载"). Refusals: file_unavailable (RecordFile::Unavailable), or those of
// BuildExport when a regenerated request no longer works on the current data.
ExportResult DownloadRecord(const Workspace& ws, const ExportRecord& record);

// The request a record was made with (Stored and Regenerated records); nullopt otherwise.
std::optional<ExportRequest> RecordRequest(const ExportRecord& record);

}  // namespace qd
