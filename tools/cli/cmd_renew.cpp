// `quotedesk renew FILE... --resource ID[,ID...] (--months N | --years N) [--unified-day D|last]
//                  [--as-of TIME] [--format text|json|csv]
//                  [--place [--auto-renew [--auto-renew-count N]] [--out NEW.json]]`
// and (cmd_align.cpp) `quotedesk align FILE... --resource ID[,ID...] --unified-day D|last ...`:
// the renewal quote of core/engine/renewal.h (seed 4.2.1 手动续费, 4.2.3 统一到期日; docs/cli.md).
//
//   --format json  exactly what the browser's window.quotedesk.renew returns for the same arguments:
//                  the flags become RenewJson's argument object ({"resources", "months"|"years",
//                  "unified_day", "align_only", "as_of"}) and RenewJson writes the answer, so the two
//                  faces cannot drift apart.
//   --format text  a table: resource, old → new expiry (console time), duration, extra days, amount,
//                  each quote line with its arithmetic under it, then the total.
//   --format csv   UTF-8 with BOM, Chinese headers, one row per resource and a 合计 row.
//   --place        creates the renewal order(s) pending payment (PlaceRenewalOrders: one order per
//                  instance, a combined trade order over several) and prints the order id(s);
//                  with --out NEW.json the workspace is written there, else nothing is written.
//   --auto-renew   with --place: 自动续费 chosen with the renewal (seed 4.2.1.1 step 7): once the order is
//                  paid the instances renew automatically, every time for this renewal's duration;
//                  --auto-renew-count N (1..99) presets the count (seed 4.2.2.1 step 6), else unlimited.
//                  Refused like 设为自动续费 (bad_times, policy_unchanged for an instance already on
//                  auto-renew); the order records it (auto_renew_after_payment).
// Without --months/--years renew takes the seed's default duration (4.2.1.1 step 7: 1 year when every
// resource offers it); align always renews 1 month (or the product's own unit) plus the extra days.
// Exit 0 quoted/placed; 1 bad file; 2 bad usage; 3 refused (one "code: message" line per refusal on
// stderr; with --format json the refusal JSON is still printed on stdout).
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "common.h"
#include "core/model/json_writer.h"
#include "core/engine/renewal.h"
#include "core/model/csv.h"
#include "core/model/labels.h"

namespace qd::cli {
namespace {

// The renew arguments of docs/architecture.md §3 for the request the flags gave (only what was given).
std::string RenewArgsJson(const RenewalRequest& req, const Args& args)
{
    JsonWriter w;
    w.beginObject();
    w.key("resources");
    w.beginArray();
    for (const std::string& id : req.resource_ids) w.string(id);
    w.endArray();
    if (req.duration && !req.align_only) {
        w.key(req.duration->unit == TermUnit::Year ? "years" : "months");
        w.integer(req.duration->num);
    }
    if (req.unified_day) {
        w.key("unified_day");
        if (req.unified_day->isMonthEnd()) w.string("last");
        else w.integer(req.unified_day->day());
    }
    if (req.align_only) {
        w.key("align_only");
        w.boolean(true);
    }
    if (args.has("as-of")) { w.member("as_of", args.get("as-of")); }
    w.endObject();
    return w.take();
}

// Refusals found in an answer of RenewJson ({"refusals":[...]}, or {"error":...} for bad arguments).
int ExitOfAnswer(const std::string& answer, std::ostream& err)
{
    const nlohmann::json j = nlohmann::json::parse(answer, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return ExitDone;
    if (j.contains("error")) {
        err << "error: " << j["error"].dump() << "\n";
        return ExitBadUsage;
    }
    if (!j.contains("refusals")) return ExitDone;
    Refusals refusals;
    for (const auto& r : j["refusals"])
        refusals.push_back({r.value("code", ""), r.value("subject", ""), r.value("message", "")});
    return Refused(refusals, err);
}

void PrintQuoteText(const Workspace& ws, const RenewalQuote& quote, const RenewalRequest& req, bool alignOnly,
                    std::ostream& out)
{
    if (alignOnly)
        out << "Set unified expiry day " << req.unified_day->str() << " (align only), as of "
            << ConsoleTime(quote.as_of, ws) << "\n\n";
    else if (req.unified_day)
        out << "Renewal quote to unified expiry day " << req.unified_day->str() << ", as of "
            << ConsoleTime(quote.as_of, ws) << "\n\n";
    else out << "Renewal quote as of " << ConsoleTime(quote.as_of, ws) << "\n\n";
    TextTable table(
        {{"resource"}, {"name"}, {"old expiry → new expiry"}, {"duration"}, {"extra days", true}, {"amount", true}});
    for (const RenewalQuoteItem& item : quote.items) {
        const Resource* r = ws.findResource(item.resource_id);
        std::string name = r ? r->resource_name : "";
        if (!item.main_resource_id.empty()) name = "+ " + name;  // bound: renews with the main above
        table.AddRow({item.resource_id.str(), name,
                      ConsoleTime(item.old_expire_time, ws) + " → " + ConsoleTime(item.new_expire_time, ws),
                      item.duration.str(), std::to_string(item.extra_days), item.amount.display()});
        for (const QuoteLine& line : item.lines) table.AddNote(line.label.str(), line.amount.display());
    }
    table.AddRule();
    table.AddRow({"total", std::to_string(quote.items.size()) + (quote.items.size() == 1 ? " resource" : " resources"),
                  "", "", "", quote.total.display()});
    table.Print(out);
}

void PrintQuoteCsv(const Workspace& ws, const RenewalQuote& quote, std::ostream& out)
{
    CsvWriter csv;
    csv.row({"资源ID", "资源名称", "产品", "主资源ID", "原到期时间", "新到期时间", "续费时长", "补齐天数", "金额(元)",
             "计算明细"});
    for (const RenewalQuoteItem& item : quote.items) {
        const Resource* r = ws.findResource(item.resource_id);
        const Product* p = ws.findProduct(item.product_id);
        std::string product = p ? p->service_type_name : item.product_id.str();
        if (p && !p->spec_desc.empty()) product += " " + p->spec_desc;
        std::string arithmetic;
        for (const QuoteLine& line : item.lines)
            arithmetic += (arithmetic.empty() ? "" : "; ") + line.label + " = " + line.amount.str();
        csv.cell(item.resource_id.str());
        csv.cell(r ? r->resource_name : "");
        csv.cell(product);
        csv.cell(item.main_resource_id.str());
        csv.time(item.old_expire_time, ws.rules.zone);
        csv.time(item.new_expire_time, ws.rules.zone);
        csv.cell(DurationLabel(item.duration.unit, item.duration.num, LabelLanguage::Chinese));
        csv.integer(item.extra_days);
        csv.money(item.amount);
        csv.cell(arithmetic);
        csv.endRow();
    }
    csv.row({"合计", "", "", "", "", "", "", "", quote.total.str(), ""});
    out << csv.take();
}

// "every 3 months, 6 times" / "every 1 year, unlimited times".
std::string AutoRenewText(const AutoRenew& a)
{
    return "every " + RenewalDuration{a.period, a.period_num}.str() + ", " +
           (a.times_left ? std::to_string(*a.times_left) + (*a.times_left == 1 ? " time" : " times")
                         : std::string("unlimited times"));
}

void PrintPlacedText(const Workspace& ws, const PlacedRenewal& placed, std::ostream& out)
{
    const Order* order = ws.findOrder(placed.order_id);
    out << "\nplaced renewal order " << placed.order_id << ", " << placed.quote.total.display() << " pending payment";
    if (order && order->pending_payment_end_time) out << " until " << ConsoleTime(*order->pending_payment_end_time, ws);
    out << "\n";
    if (placed.sub_order_ids.size() > 1) {
        out << "  combined trade order of " << placed.sub_order_ids.size() << " orders:";
        for (const std::string& id : placed.sub_order_ids) out << " " << id;
        out << "\n";
    }
    for (const std::string& id : placed.sub_order_ids)
        if (const Order* sub = ws.findOrder(id); sub && sub->auto_renew_after_payment)
            out << "  auto-renew once " << id << " is paid: " << AutoRenewText(*sub->auto_renew_after_payment) << "\n";
}

void WritePlacedJson(const Workspace& ws, const PlacedRenewal& placed, std::ostream& out)
{
    JsonWriter w;
    w.beginObject();
    w.member("order_id", placed.order_id);
    w.key("sub_order_ids");
    w.beginArray();
    for (const std::string& id : placed.sub_order_ids) w.string(id);
    w.endArray();
    w.key("pending_payment_end_time");
    const Order* order = ws.findOrder(placed.order_id);
    if (order && order->pending_payment_end_time) w.instant(*order->pending_payment_end_time, ws.rules.zone);
    else w.null();
    // The 自动续费 chosen (the same on every sub-order), only when one was.
    const Order* first = placed.sub_order_ids.empty() ? nullptr : ws.findOrder(placed.sub_order_ids.front());
    if (first && first->auto_renew_after_payment) {
        const AutoRenew& a = *first->auto_renew_after_payment;
        w.key("auto_renew_after_payment");
        w.beginObject();
        w.member("period", ToString(a.period));
        w.member("period_num", a.period_num);
        w.key("times_left");
        if (a.times_left) w.integer(*a.times_left);
        else w.null();
        w.endObject();
    }
    w.key("quote");
    WriteRenewalQuote(w, placed.quote, ws.rules.zone);
    w.endObject();
    out << w.text() << "\n";
}

}  // namespace

int RunRenewalCommand(std::string_view command, bool alignOnly, const std::vector<std::string>& argv, std::ostream& out,
                      std::ostream& err)
{
    Args args;
    std::vector<std::string> valued = {"resource", "unified-day", "as-of", "format", "out"};
    std::vector<std::string> flags = {"place"};
    if (!alignOnly) {
        valued.insert(valued.end(), {"months", "years", "auto-renew-count"});
        flags.push_back("auto-renew");
    }
    if (!ParseCommandLine(command, argv, valued, flags, args, err)) return ExitBadUsage;

    std::string error;
    Format format = Format::Text;
    if (!ParseFormat(args, {Format::Text, Format::Json, Format::Csv}, format, error))
        return BadUsage(command, error, err);
    if (!args.has("resource")) return BadUsage(command, "--resource ID[,ID...] is required", err);
    RenewalRequest req;
    if (!ParseIdList(args.get("resource"), req.resource_ids, error))
        return BadUsage(command, "--resource: " + error, err);
    if (args.has("months") && args.has("years"))
        return BadUsage(command, "give --months N or --years N, not both", err);
    for (const char* unit : {"months", "years"}) {
        if (!args.has(unit)) continue;
        int64_t n = 0;
        if (!ParseWholeNumber(args.get(unit), 1, 120, n))
            return BadUsage(command, std::string("--") + unit + " expects a whole number 1..120, got " + args.get(unit),
                            err);
        req.duration =
            RenewalDuration{std::string_view(unit) == "years" ? TermUnit::Year : TermUnit::Month, static_cast<int>(n)};
    }
    if (args.has("unified-day")) {
        req.unified_day = UnifiedExpiryDay::Parse(args.get("unified-day"));
        if (!req.unified_day)
            return BadUsage(command, "--unified-day expects 1..28 or last, got " + args.get("unified-day"), err);
    } else if (alignOnly) {
        return BadUsage(command, "--unified-day D|last is required", err);
    }
    req.align_only = alignOnly;
    if (args.has("out") && !args.has("place")) return BadUsage(command, "--out NEW.json needs --place", err);
    if (args.has("auto-renew-count") && !args.has("auto-renew"))
        return BadUsage(command, "--auto-renew-count N needs --auto-renew", err);
    if (args.has("auto-renew")) {
        if (!args.has("place"))
            return BadUsage(command, "--auto-renew needs --place (it is set when the order is paid)", err);
        req.auto_renew = AutoRenewOnPayment{};
        if (args.has("auto-renew-count")) {
            int64_t n = 0;
            // the range is the engine's to refuse (bad_times), as the console's own check would
            if (!ParseWholeNumber(args.get("auto-renew-count"), -1000000, 1000000, n))
                return BadUsage(command,
                                "--auto-renew-count expects a whole number 1..99, got " + args.get("auto-renew-count"),
                                err);
            req.auto_renew->times = static_cast<int>(n);
        }
    }
    if (args.has("place") && format == Format::Csv)
        return BadUsage(command, "--place prints text or json, not csv", err);

    Workspace ws;
    if (int e = LoadInputs(args.files, ws, err)) return e;
    if (!ResolveAsOf(args, ws, req.as_of, error)) return BadUsage(command, error, err);

    if (args.has("place")) {
        const PlacedRenewal placed = PlaceRenewalOrders(ws, req);
        if (!placed.ok()) {
            if (format == Format::Json) out << RenewalQuoteJson(placed.quote, ws.rules.zone) << "\n";
            return Refused(placed.quote.refusals, err);
        }
        if (format == Format::Json) WritePlacedJson(ws, placed, out);
        if (format == Format::Text) {
            PrintQuoteText(ws, placed.quote, req, alignOnly, out);
            PrintPlacedText(ws, placed, out);
        }
        return WriteOutOrPreview(args, ws, format, "the workspace with the order", out, err);
    }

    if (format == Format::Json) {
        const std::string answer = RenewJson(ws, RenewArgsJson(req, args), SystemNow());
        out << answer << "\n";
        return ExitOfAnswer(answer, err);
    }
    const RenewalQuote quote = QuoteRenewal(ws, req);
    if (!quote.ok()) return Refused(quote.refusals, err);
    if (format == Format::Csv) PrintQuoteCsv(ws, quote, out);
    else PrintQuoteText(ws, quote, req, alignOnly, out);
    return ExitDone;
}

namespace {

int RunRenew(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    return RunRenewalCommand("renew", false, argv, out, err);
}

}  // namespace

QD_COMMAND("renew",
           "renew FILE... --resource ID[,ID...] (--months N | --years N) [--unified-day D|last] [--as-of TIME] "
           "[--format text|json|csv] [--place [--auto-renew [--auto-renew-count N]] [--out NEW.json]]   renewal quote "
           "/ place the renewal order",
           RunRenew);

}  // namespace qd::cli
