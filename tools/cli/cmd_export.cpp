// `quotedesk export FILE... --what orders|pending-orders|renewal-list|renewal-prices`: the console's
// exports (core/report/exports.h; seed 4.1.4, 4.2.7, 4.3.4, 5).
//   [--order ID,...]      orders / pending-orders: these orders only (default: all, resp. all pending)
//   [--resource ID,...]   renewal-list (required, at most 200) / renewal-prices (default: all not closed)
//   [--months N | --years N]   renewal-list: the duration (default: each resource's own default)
//   [--as-of TIME]        the clock (default: the workspace's as_of, else now)
//   [--format csv|json]   default csv (UTF-8 with BOM, Chinese headers); [--lang zh|en] header language
//   [--out NEW.json]      also write the workspace with the new export record (expired records removed)
// The export text goes to stdout. Exit 0 done, 1 bad input, 2 bad usage, 3 refused ("code: message").
#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "common.h"
#include "core/report/exports.h"

namespace qd::cli {
namespace {

int RunExport(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args args;
    if (!ParseCommandLine("export", argv,
                          {"what", "order", "resource", "months", "years", "as-of", "format", "lang", "out"}, {}, args,
                          err))
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

    Workspace ws;
    if (int e = LoadInputs(args.files, ws, err)) return e;
    if (!ResolveAsOf(args, ws, request.as_of, error)) return usage(error);

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
    "[--months N|--years N] [--as-of TIME] [--format csv|json] [--lang zh|en] [--out NEW.json]   the console's exports",
    RunExport);

}  // namespace qd::cli
