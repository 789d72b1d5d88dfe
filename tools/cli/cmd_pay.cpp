// `quotedesk pay FILE... --order ID[,ID...] [--coupon ID[,ID...]|none] [--as-of TIME] [--out NEW.json]
//                [--format text|json]`
// Pays pending orders (core/engine/orders.h PayOrders; seed 4.1.1 支付订单, 4.3.1 合并支付; docs/rules.md, docs/cli.md).
//   1..30 orders at once (combined_pay_max); naming one order of a combined trade order pays the
//   whole group. Orders that cannot be paid are named and skipped (status changed, pending review,
//   pending confirmation, the rest of their group); the others are paid.
//   --coupon: the coupons to use, in that order (at most 1 discount coupon and 3 vouchers / flexi
//   coupons); "none" pays from the cash balance only; absent: chosen automatically (payment.h).
//   --out NEW.json writes the workspace with the payment; without it nothing is written (preview).
// Text: each order paid with its due and means of payment, the coupons used, the totals, the cash
// balance before → after, and the skipped orders with why. JSON: WritePaymentResult.
// Exit 0 paid (some may be skipped); 1 bad file; 2 bad usage; 3 refused (nothing paid: all statuses
// changed, 31 of 30 orders, unknown order or coupon, insufficient_balance with the amount missing...),
// one "code: message" line each on stderr; with --format json the refusal JSON is on stdout.
#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "common.h"
#include "core/model/json_writer.h"
#include "core/engine/orders.h"

namespace qd::cli {
namespace {

constexpr std::string_view kCommand = "pay";

std::string MeansWords(const PaidBreakdown& p)
{
    std::string out;
    auto part = [&](std::string_view name, Money m) {
        if (m.isZero()) return;
        out += (out.empty() ? "" : " + ") + std::string(name) + " " + m.str();
    };
    part("discount coupon", p.discount_coupon);
    part("voucher", p.voucher);
    part("flexi coupon", p.flexi_coupon);
    part("stored card", p.stored_card);
    part("cash", p.cash);
    return out.empty() ? "nothing" : out;
}

void PrintPaymentText(const Workspace& ws, const PaymentResult& result, bool written, std::ostream& out)
{
    out << "Payment as of " << ConsoleTime(result.as_of, ws) << "\n\n";
    TextTable table({{"order"}, {"combined order"}, {"type"}, {"paid with"}, {"status after"}, {"due", true}});
    for (const PaidOrder& po : result.orders)
        table.AddRow({po.order_id, po.combined_order_id.value_or(""), std::string(ToString(po.order_type)),
                      MeansWords(po.paid), std::string(ToString(po.status_after)), po.due.display()});
    table.AddRule();
    table.AddRow({"total", std::to_string(result.orders.size()) + (result.orders.size() == 1 ? " order" : " orders"),
                  "", MeansWords(result.settlement.paid), "", result.settlement.due.display()});
    table.Print(out);
    for (const CouponUse& use : result.settlement.coupons)
        out << "coupon " << use.coupon_id << " (" << ToString(use.type) << "): " << use.amount.display() << "\n";
    if (result.settlement.cash_before)
        out << "cash balance " << result.settlement.cash_before->display() << " → "
            << (result.settlement.cash_after ? result.settlement.cash_after->display() : std::string("?")) << "\n";
    for (const Refusal& s : result.skipped)
        out << "skipped " << s.subject << ": " << s.code << ": " << s.message << "\n";
    if (!written) out << "preview: nothing written (add --out NEW.json to save the workspace)\n";
}

int RunPay(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args args;
    if (!ParseCommandLine(kCommand, argv, {"order", "coupon", "as-of", "out", "format"}, {}, args, err))
        return ExitBadUsage;
    std::string error;
    Format format = Format::Text;
    if (!ParseFormat(args, {Format::Text, Format::Json}, format, error)) return BadUsage(kCommand, error, err);
    if (!args.has("order")) return BadUsage(kCommand, "--order ID[,ID...] is required", err);
    PaymentRequest req;
    if (!ParseIdList(args.get("order"), req.order_ids, error)) return BadUsage(kCommand, "--order: " + error, err);
    if (args.has("coupon")) {
        std::vector<std::string> coupons;
        if (args.get("coupon") != "none" && !ParseIdList(args.get("coupon"), coupons, error))
            return BadUsage(kCommand, "--coupon: " + error + " (or none for cash only)", err);
        req.coupon_ids = std::move(coupons);
    }

    Workspace ws;
    if (int e = LoadInputs(args.files, ws, err)) return e;
    if (!ResolveAsOf(args, ws, req.as_of, error)) return BadUsage(kCommand, error, err);

    const PaymentResult result = PayOrders(ws, req);
    if (format == Format::Json) {
        JsonWriter w;
        WritePaymentResult(w, result, ws.rules.zone);
        out << w.text() << "\n";
    }
    if (!result.ok()) return Refused(result.refusals, err);
    if (args.has("out") && !WriteWorkspaceTo(args.get("out"), ws, err)) return ExitBadInput;
    if (format == Format::Text) {
        PrintPaymentText(ws, result, args.has("out"), out);
        if (args.has("out")) out << "written to " << args.get("out") << "\n";
    }
    return ExitDone;
}

}  // namespace

QD_COMMAND(
    "pay",
    "pay FILE... --order ID[,ID...] [--coupon ID[,ID...]|none] [--as-of TIME] [--out NEW.json] [--format text|json]   "
    "pay pending orders (combined payment of up to 30)",
    RunPay);

}  // namespace qd::cli
