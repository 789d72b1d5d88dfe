// `quotedesk cancel FILE... --order ID[,ID...] [--as-of TIME] [--out NEW.json] [--format text|json]`
// Cancels orders pending payment (core/engine/orders.h CancelOrders; seed 4.1.2 取消订单, 4.3.2; docs/cli.md).
//   1..30 orders at once (batch_cancel_max); a combined trade order cancels all its sub-orders (naming
//   any of them names the group). Orders not pending payment as of the clock are named and skipped.
//   --out NEW.json writes the workspace; without it nothing is written (preview).
// Text: the orders cancelled, then the skipped ones with why. JSON: WriteCancelResult
// ({"as_of","cancelled":[...],"skipped":[...]}).
// Exit 0 cancelled (some may be skipped); 1 bad file; 2 bad usage; 3 refused (nothing to cancel,
// 31 of 30 orders, unknown order), one "code: message" line each on stderr.
#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "common.h"
#include "core/model/json_writer.h"
#include "core/engine/orders.h"

namespace qd::cli {
namespace {

constexpr std::string_view kCommand = "cancel";

void PrintCancelText(const Workspace& ws, const CancelResult& result, bool written, std::ostream& out)
{
    out << "Cancel as of " << ConsoleTime(result.as_of, ws) << "\n\n";
    TextTable table({{"order"}, {"combined order"}, {"type"}, {"created"}, {"amount", true}});
    for (const std::string& id : result.cancelled) {
        const Order* o = ws.findOrder(id);
        if (!o) continue;
        table.AddRow({o->order_id, o->combined_order_id.value_or(o->items.empty() ? "(combined trade order)" : ""),
                      std::string(ToString(o->order_type)), ConsoleTime(o->create_time, ws),
                      o->amount_after_discount.display()});
    }
    table.Print(out);
    out << result.cancelled.size() << (result.cancelled.size() == 1 ? " order" : " orders") << " cancelled\n";
    for (const Refusal& s : result.skipped)
        out << "skipped " << s.subject << ": " << s.code << ": " << s.message << "\n";
    if (!written) out << "preview: nothing written (add --out NEW.json to save the workspace)\n";
}

int RunCancel(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args args;
    if (!ParseCommandLine(kCommand, argv, {"order", "as-of", "out", "format"}, {}, args, err)) return ExitBadUsage;
    std::string error;
    Format format = Format::Text;
    if (!ParseFormat(args, {Format::Text, Format::Json}, format, error)) return BadUsage(kCommand, error, err);
    if (!args.has("order")) return BadUsage(kCommand, "--order ID[,ID...] is required", err);
    CancelRequest req;
    if (!ParseIdList(args.get("order"), req.order_ids, error)) return BadUsage(kCommand, "--order: " + error, err);

    Workspace ws;
    if (int e = LoadInputs(args.files, ws, err)) return e;
    if (!ResolveAsOf(args, ws, req.as_of, error)) return BadUsage(kCommand, error, err);

    const CancelResult result = CancelOrders(ws, req);
    if (format == Format::Json) {
        JsonWriter w;
        WriteCancelResult(w, result, ws.rules.zone);
        out << w.text() << "\n";
    }
    if (!result.ok()) return Refused(result.refusals, err);
    if (args.has("out") && !WriteWorkspaceTo(args.get("out"), ws, err)) return ExitBadInput;
    if (format == Format::Text) {
        PrintCancelText(ws, result, args.has("out"), out);
        if (args.has("out")) out << "written to " << args.get("out") << "\n";
    }
    return ExitDone;
}

}  // namespace

QD_COMMAND("cancel",
           "cancel FILE... --order ID[,ID...] [--as-of TIME] [--out NEW.json] [--format text|json]   cancel orders "
           "pending payment",
           RunCancel);

}  // namespace qd::cli
