// `quotedesk export FILE... --what orders|pending-orders|renewal-list|renewal-prices`: the console's
// exports (core/exports.h; seed 4.1.4, 4.2.7, 4.3.4, 5).
//   [--order ID,...]      orders / pending-orders: these orders only (default: all, resp. all pending)
//   [--resource ID,...]   renewal-list (required, at most 200) / renewal-prices (default: all not closed)
//   [--months N | --years N]   renewal-list: the duration (default: each resource's own default)
//   [--as-of TIME]        the clock (default: the workspace's as_of, else now)
//   [--format csv|json]   default csv (UTF-8 with BOM, Chinese headers); [--lang zh|en] header language
//   [--out NEW.json]      also write the workspace with the new export record (expired records removed)
// The export text goes to stdout. Exit 0 done, 1 bad input, 2 bad usage, 3 refused ("code: message").
#include <charconv>
#include <ctime>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "common.h"
#include "core/exports.h"
#include "core/load.h"
#include "core/save.h"

namespace qd::cli {
namespace {

std::vector<std::string> SplitIds(const std::string& text) {
  std::vector<std::string> ids;
  std::string current;
  for (char c : text) {
    if (c == ',') {
      if (!current.empty()) ids.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) ids.push_back(current);
  return ids;
}

bool ParsePositive(const std::string& text, int max, int& value) {
  if (text.empty() || text[0] == '-' || text[0] == '+') return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && value >= 1 && value <= max;
}

int RunExport(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  Args args;
  std::string error;
  if (!ParseArgs(argv, {"what", "order", "resource", "months", "years", "as-of", "format", "lang", "out"}, {}, args, error)) {
    err << "quotedesk export: " << error << "\n";
    return ExitBadUsage;
  }
  auto usage = [&](const std::string& message) {
    err << "quotedesk export: " << message << "\n";
    return ExitBadUsage;
  };
  if (args.files.empty()) return usage("no file given");

  ExportRequest request;
  const std::string what = args.get("what");
  if (what == "orders") request.kind = ExportKind::Orders;
  else if (what == "pending-orders") request.kind = ExportKind::PendingOrders;
  else if (what == "renewal-list") request.kind = ExportKind::RenewalList;
  else if (what == "renewal-prices") request.kind = ExportKind::RenewalPrices;
  else if (what.empty()) return usage("--what orders|pending-orders|renewal-list|renewal-prices is required");
  else return usage("--what expects orders|pending-orders|renewal-list|renewal-prices, got " + what);
  const bool aboutOrders = request.kind == ExportKind::Orders || request.kind == ExportKind::PendingOrders;

  if (args.has("order")) {
    if (!aboutOrders) return usage("--order applies to --what orders|pending-orders");
    request.ids = SplitIds(args.get("order"));
  }
  if (args.has("resource")) {
    if (aboutOrders) return usage("--resource applies to --what renewal-list|renewal-prices");
    request.ids = SplitIds(args.get("resource"));
  }
  if (args.has("months") || args.has("years")) {
    if (request.kind != ExportKind::RenewalList) return usage("--months / --years apply to --what renewal-list");
    if (args.has("months") && args.has("years")) return usage("give --months or --years, not both");
    const bool years = args.has("years");
    int n = 0;
    if (!ParsePositive(args.get(years ? "years" : "months"), years ? 5 : 11, n))
      return usage(years ? "--years expects 1..5, got " + args.get("years") : "--months expects 1..11, got " + args.get("months"));
    request.duration = RenewalDuration{years ? TermUnit::Year : TermUnit::Month, n};
  }
  const std::string format = args.get("format", "csv");
  if (auto f = EnumFromString<ExportFormat>(format)) request.format = *f;
  else return usage("--format expects csv|json, got " + format);
  const std::string lang = args.get("lang", "zh");
  if (auto l = EnumFromString<HeaderLanguage>(lang)) request.language = *l;
  else return usage("--lang expects zh|en, got " + lang);
  std::optional<Instant> asOf;
  if (args.has("as-of")) {
    InstantParse t = ParseInstant(args.get("as-of"));
    if (!t) return usage("--as-of: " + t.error);
    asOf = t.value;
  }

  std::vector<std::pair<std::string, std::string>> input;
  for (const std::string& file : args.files) {
    std::string text;
    if (!ReadFile(file, text, error)) {
      err << error << "\n";
      return ExitBadInput;
    }
    input.emplace_back(file, std::move(text));
  }
  LoadResult loaded = LoadFiles(input);
  if (!loaded.ok) {
    for (const LoadError& e : loaded.errors) err << e.str() << "\n";
    return ExitBadInput;
  }
  Workspace& ws = loaded.workspace;
  request.as_of = asOf ? *asOf : ws.as_of ? *ws.as_of : Instant::FromUnixSeconds(static_cast<int64_t>(std::time(nullptr)));

  RecordedExport done = ExportAndRecord(ws, request);
  if (!done.ok()) {
    for (const Refusal& r : done.result.refusals) err << r.code << ": " << r.message << "\n";
    return ExitRefused;
  }
  out << done.result.file.bytes;
  if (args.has("out")) {
    const std::string path = args.get("out");
    if (!WriteWorkspaceTo(path, ws, err)) return ExitBadInput;
    err << "recorded " << done.record_id << " (" << done.result.file.file_name << ", " << done.result.file.rows << (done.result.file.rows == 1 ? " row" : " rows") << ") in " << path;
    if (!done.pruned.empty()) err << "; expired records removed: " << done.pruned.size();
    err << "\n";
  }
  return ExitDone;
}

}  // namespace

QD_COMMAND("export",
           "export FILE... --what orders|pending-orders|renewal-list|renewal-prices [--order ID,...] [--resource ID,...] "
           "[--months N|--years N] [--as-of TIME] [--format csv|json] [--lang zh|en] [--out NEW.json]   the console's exports",
           RunExport);

}  // namespace qd::cli
