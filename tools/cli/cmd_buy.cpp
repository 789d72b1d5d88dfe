// `quotedesk buy FILE... --product ID (--months N | --years N) [--quantity Q] [--as-of TIME]
//                [--format text|json] [--place [--out NEW.json]]`
// The new purchase of core/engine/purchase.h (seed 3.1 包年/包月商品, 3.3 套餐包; docs/cli.md, docs/rules.md §9).
//
//   --format json  exactly what the browser's window.quotedesk.buy returns for the same arguments: the
//                  flags become BuyJson's argument object ({"product", "months"|"years", "quantity",
//                  "as_of"}) and BuyJson writes the answer.
//   --format text  the product, duration, quantity, the period if paid now, the amount with its
//                  arithmetic under it, then the total.
//   --place        立即购买: creates the order of type new, pending payment (PlacePurchaseOrder) and prints
//                  its id and payment deadline; with --out NEW.json the workspace is written there, else
//                  nothing is written.
// The quantity's range (1..100) is the engine's to refuse (bad_quantity), as the console's.
// Exit 0 quoted/placed; 1 bad file; 2 bad usage; 3 refused (one "code: message" line per refusal on
// stderr; with --format json the refusal JSON is still printed on stdout).
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "common.h"
#include "core/engine/purchase.h"
#include "core/model/json_writer.h"

namespace qd::cli {
namespace {

constexpr std::string_view kCommand = "buy";

// The buy arguments of docs/architecture.md §3 for the flags given (only what was given).
std::string BuyArgsJson(const PurchaseRequest& req, const Args& args)
{
    JsonWriter w;
    w.beginObject();
    w.member("product", req.product_id);
    w.key(req.duration->unit == TermUnit::Year ? "years" : "months");
    w.integer(req.duration->num);
    if (args.has("quantity")) {
        w.key("quantity");
        w.integer(req.quantity);
    }
    if (args.has("as-of")) w.member("as_of", args.get("as-of"));
    w.endObject();
    return w.take();
}

// Refusals found in an answer of BuyJson ({"refusals":[...]}, or {"error":...} for bad arguments).
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

void PrintQuoteText(const Workspace& ws, const PurchaseQuote& quote, std::ostream& out)
{
    out << "New purchase quote as of " << ConsoleTime(quote.as_of, ws) << "\n\n";
    TextTable table({{"product"}, {"service"}, {"spec"}, {"duration"}, {"quantity", true}, {"amount", true}});
    for (const PurchaseQuoteItem& item : quote.items) {
        const Product* p = ws.findProduct(item.product_id);
        table.AddRow({item.product_id, p ? p->service_type_name : "", p ? p->spec_desc : "", item.duration.str(),
                      std::to_string(item.quantity), item.amount.display()});
        for (const QuoteLine& line : item.lines) table.AddNote(line.label.str(), line.amount.display());
    }
    table.AddRule();
    table.AddRow({"total", "", "", "", "", quote.total.display()});
    table.Print(out);
    for (const PurchaseQuoteItem& item : quote.items)
        out << "if paid now: effective " << ConsoleTime(item.effective_time, ws) << ", expires "
            << ConsoleTime(item.expire_time, ws) << "\n";
}

void WritePlacedJson(const Workspace& ws, const PlacedPurchase& placed, std::ostream& out)
{
    JsonWriter w;
    w.beginObject();
    w.member("order_id", placed.order_id);
    w.key("pending_payment_end_time");
    const Order* order = ws.findOrder(placed.order_id);
    if (order && order->pending_payment_end_time) w.instant(*order->pending_payment_end_time, ws.rules.zone);
    else w.null();
    w.key("quote");
    WritePurchaseQuote(w, placed.quote, ws);
    w.endObject();
    out << w.text() << "\n";
}

int RunBuy(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args args;
    if (!ParseCommandLine(kCommand, argv, {"product", "months", "years", "quantity", "as-of", "format", "out"},
                          {"place"}, args, err))
        return ExitBadUsage;
    std::string error;
    Format format = Format::Text;
    if (!ParseFormat(args, {Format::Text, Format::Json}, format, error)) return BadUsage(kCommand, error, err);
    if (!args.has("product") || args.get("product").empty()) return BadUsage(kCommand, "--product ID is required", err);
    PurchaseRequest req;
    req.product_id = args.get("product");
    if (args.has("months") && args.has("years"))
        return BadUsage(kCommand, "give --months N or --years N, not both", err);
    if (!args.has("months") && !args.has("years"))
        return BadUsage(kCommand, "--months N or --years N is required", err);
    for (const char* unit : {"months", "years"}) {
        if (!args.has(unit)) continue;
        int64_t n = 0;
        // 1..120 as renew's; what the product sells (months 1..9, years 1..3) is the engine's to refuse
        if (!ParseWholeNumber(args.get(unit), 1, 120, n))
            return BadUsage(kCommand,
                            std::string("--") + unit + " expects a whole number 1..120, got " + args.get(unit), err);
        req.duration =
            RenewalDuration{std::string_view(unit) == "years" ? TermUnit::Year : TermUnit::Month, static_cast<int>(n)};
    }
    if (args.has("quantity")) {
        int64_t n = 0;
        if (!ParseWholeNumber(args.get("quantity"), 0, 1000000, n))
            return BadUsage(kCommand, "--quantity expects a whole number 1..100, got " + args.get("quantity"), err);
        req.quantity = static_cast<int>(n);
    }
    if (args.has("out") && !args.has("place")) return BadUsage(kCommand, "--out NEW.json needs --place", err);

    Workspace ws;
    if (int e = LoadInputs(args.files, ws, err)) return e;
    if (!ResolveAsOf(args, ws, req.as_of, error)) return BadUsage(kCommand, error, err);

    if (args.has("place")) {
        const PlacedPurchase placed = PlacePurchaseOrder(ws, req);
        if (!placed.ok()) {
            if (format == Format::Json) out << PurchaseQuoteJson(placed.quote, ws) << "\n";
            return Refused(placed.quote.refusals, err);
        }
        if (format == Format::Json) WritePlacedJson(ws, placed, out);
        if (format == Format::Text) {
            PrintQuoteText(ws, placed.quote, out);
            const Order* order = ws.findOrder(placed.order_id);
            out << "\nplaced new purchase order " << placed.order_id << ", " << placed.quote.total.display()
                << " pending payment";
            if (order && order->pending_payment_end_time)
                out << " until " << ConsoleTime(*order->pending_payment_end_time, ws);
            out << "\n";
        }
        return WriteOutOrPreview(args, ws, format, "the workspace with the order", out, err);
    }

    if (format == Format::Json) {
        const std::string answer = BuyJson(ws, BuyArgsJson(req, args), SystemNow());
        out << answer << "\n";
        return ExitOfAnswer(answer, err);
    }
    const PurchaseQuote quote = QuotePurchase(ws, req);
    if (!quote.ok()) return Refused(quote.refusals, err);
    PrintQuoteText(ws, quote, out);
    return ExitDone;
}

}  // namespace

QD_COMMAND("buy",
           "buy FILE... --product ID (--months N | --years N) [--quantity Q] [--as-of TIME] [--format text|json] "
           "[--place [--out NEW.json]]   new purchase quote / place the order (立即购买)",
           RunBuy);

}  // namespace qd::cli
