// `quotedesk export FILE... --what orders|pending-orders|renewal-list|renewal-prices`: the console's
// exports (core/report/exports.h; seed 4.1.4, 4.2.7, 4.3.4, 5).
//   [--order ID,...]      orders / pending-orders: these orders only (default: all, resp. all pending)
//   [--created last-6-months|this-year|last-year|FROM..TO]   orders: those created then (创建时间, seed 4.3 /
//                         6; core/report/order_query.h: days YYYY-MM-DD, at most one year), a year's archive
//   [--resource ID,...]   renewal-list (required, at most 200) / renewal-prices (default: all not closed)
//   [--months N | --years N]   renewal-list: the duration (default: each resource's own default)
//   [--as-of TIME]        the clock (default: the workspace's as_of, else now)
//   [--format csv|json]   default csv (UTF-8 with BOM, Chinese headers); [--lang zh|en] header language
//   [--out NEW.json]      also write the workspace with the new export record (expired records removed)
// The export text goes to stdout. Exit 0 done, 1 bad input, 2 bad usage, 3 refused ("code: message").
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "common.h"
#include "core/report/exports.h"
#include "core/report/order_query.h"

namespace qd::cli {
namespace {

int RunExport(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args args;
    if (!ParseCommandLine("export", argv,
                          {"what", "order", "resource", "created", "months", "years", "as-of", "format", "lang", "out"},
                          {}, args, err))
        return ExitBadUsage;
    auto usage = [&](const std::string& message) { return BadUsage("export", message, err); };

    ExportRequest request;
    const std::string what = args.get("what");
    if (what == "orders") request.kind = ExportKind::Orders;
    else if (what == "pending-orders") request.kind = ExportKind::PendingOrders;
    else if (what == "renewal-list") request.kind = ExportKind::RenewalList;
    else if (what == "renewal-prices") request.kind = ExportKind::RenewalPrices;
    else if (what.empty()) return usage("--what orders|pending-orders|renewal-list|renewal-prices is required");
    else return usage("--what expects orders|pending-orders|renewal-list|renewal-prices, got " + what);
    const bool aboutOrders = request.kind == ExportKind::Orders || request.kind == ExportKind::PendingOrders;

    std::string error;
    for (const char* flag : {"order", "resource"}) {
        if (!args.has(flag)) continue;
        if ((flag == std::string_view("order")) != aboutOrders)
            return usage(aboutOrders ? "--resource applies to --what renewal-list|renewal-prices"
                                     : "--order applies to --what orders|pending-orders");
        std::vector<std::string> ids;
        if (!ParseIdList(args.get(flag), ids, error)) return usage("--" + std::string(flag) + ": " + error);
        request.ids = std::move(ids);
    }
    if (args.has("months") || args.has("years")) {
        if (request.kind != ExportKind::RenewalList) return usage("--months / --years apply to --what renewal-list");
        if (args.has("months") && args.has("years")) return usage("give --months or --years, not both");
        const bool years = args.has("years");
        int64_t n = 0;
        if (!ParseWholeNumber(args.get(years ? "years" : "months"), 1, years ? 5 : 11, n))
            return usage(years ? "--years expects 1..5, got " + args.get("years")
                               : "--months expects 1..11, got " + args.get("months"));
        request.duration = RenewalDuration{years ? TermUnit::Year : TermUnit::Month, static_cast<int>(n)};
    }
    const std::string format = args.get("format", "csv");
    if (auto f = EnumFromString<ExportFormat>(format)) request.format = *f;
    else return usage("--format expects csv|json, got " + format);
    const std::string lang = args.get("lang", "zh");
    if (auto l = EnumFromString<HeaderLanguage>(lang)) request.language = *l;
    else return usage("--lang expects zh|en, got " + lang);

    // --created: the 创建时间 choice of 我的订单 (seed 4.3.4: 导出全部 exports what the query shows).
    std::optional<CreatedPreset> created;
    std::optional<LocalDate> createdFrom, createdTo;
    if (args.has("created")) {
        if (request.kind != ExportKind::Orders) return usage("--created applies to --what orders");
        if (args.has("order")) return usage("give --order or --created, not both");
        const std::string c = args.get("created");
        if (c == "last-6-months") created = CreatedPreset::LastSixMonths;
        else if (c == "this-year") created = CreatedPreset::ThisYear;
        else if (c == "last-year") created = CreatedPreset::LastYear;
        else if (const std::size_t dots = c.find(".."); dots != std::string::npos) {
            created = CreatedPreset::Custom;
            createdFrom = ParseLocalDate(c.substr(0, dots));
            createdTo = ParseLocalDate(c.substr(dots + 2));
            if (!createdFrom || !createdTo) return usage("--created FROM..TO expects days like 2024-01-01..2024-12-31");
        } else {
            return usage("--created expects last-6-months|this-year|last-year|FROM..TO, got " + c);
        }
    }

    Workspace ws;
    if (int e = LoadInputs(args.files, ws, err)) return e;
    if (!ResolveAsOf(args, ws, request.as_of, error)) return usage(error);
    if (created) {
        const CreatedRangeResult range =
            CreatedTimeRange(*created, request.as_of, ws.rules.zone, createdFrom, createdTo);
        if (!range.ok()) return Refused(range.refusals, err);
        OrderFilter filter;
        filter.created = range.range;
        filter.as_of = request.as_of;
        std::vector<std::string> ids;
        for (std::size_t i : QueryOrders(ws, filter)) ids.push_back(ws.orders[i].order_id);
        request.ids = std::move(ids);
    }

    RecordedExport done = ExportAndRecord(ws, request);
    if (!done.ok()) return Refused(done.result.refusals, err);
    out << done.result.file.bytes;
    if (args.has("out")) {
        const std::string path = args.get("out");
        if (!WriteWorkspaceTo(path, ws, err)) return ExitBadInput;
        err << "recorded " << done.record_id << " (" << done.result.file.file_name << ", " << done.result.file.rows
            << (done.result.file.rows == 1 ? " row" : " rows") << ") in " << path;
        if (!done.pruned.empty()) err << "; expired records removed: " << done.pruned.size();
        err << "\n";
    }
    return ExitDone;
}

}  // namespace

QD_COMMAND(
    "export",
    "export FILE... --what orders|pending-orders|renewal-list|renewal-prices [--order ID,...] [--resource ID,...] "
    "[--created last-6-months|this-year|last-year|FROM..TO] [--months N|--years N] [--as-of TIME] [--format csv|json] "
    "[--lang zh|en] [--out NEW.json]   the console's exports",
    RunExport);

}  // namespace qd::cli
