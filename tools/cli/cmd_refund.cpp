// `quotedesk refund FILE... --resource ID[,ID...] [--periods-only [--keep-until TIME]] [--as-of TIME]
//                   [--format text|json] [--confirm --reason CODE [--reason-text TEXT] [--out NEW.json]]`
// The refund preview and the unsubscription of core/engine/refund.h (seed 4.4 云服务退订; docs/cli.md).
//
//   preview        --format json is exactly what the browser's window.quotedesk.refund returns for
//                  the same arguments (the flags become RefundJson's {"resources", "periods_only",
//                  "keep_until", "as_of"}); --format text lists each resource's lines — paid, consumed
//                  with its hours, the fee with its rate, what flooring gave back, then where the refund
//                  goes (cash, vouchers, flexi coupons, stored cards) — which add up to its total.
//   --confirm      unsubscribes (Unsubscribe: the unsubscribe order(s), the refund credited, the
//                  resources closed or cut back); --reason is one of the seed's seven reasons
//                  (wrong_parameters|bought_too_many|testing_finished|hard_to_use|not_meeting_needs|
//                  unrepairable_fault|other), --reason-text at most 100 characters. With --out NEW.json
//                  the workspace is written there; without it nothing is written.
// Exit 0 when every resource can be unsubscribed (preview) or was (confirm); 1 bad file; 2 bad usage;
// 3 refused: the request (unknown resource, bad keep-until...) or a resource that is not allowed
// (invoiced, police-frozen, effective resource package...), one "code: message" line each on stderr;
// the preview is still printed on stdout.
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "common.h"
#include "core/model/json_writer.h"
#include "core/engine/refund.h"

namespace qd::cli {
namespace {

constexpr std::string_view kCommand = "refund";

// The refund arguments of docs/architecture.md §3 for the flags given.
std::string RefundArgsJson(const RefundRequest& req, const Args& args)
{
    JsonWriter w;
    w.beginObject();
    w.key("resources");
    w.beginArray();
    for (const std::string& id : req.resource_ids) w.string(id);
    w.endArray();
    if (req.periods_only) {
        w.key("periods_only");
        w.boolean(true);
    }
    if (args.has("keep-until")) { w.member("keep_until", args.get("keep-until")); }
    if (args.has("as-of")) { w.member("as_of", args.get("as-of")); }
    w.endObject();
    return w.take();
}

// What stops the unsubscription: the request's refusals, else one refusal per item not allowed.
Refusals Blockers(const RefundPreview& preview)
{
    if (!preview.ok()) return preview.refusals;
    Refusals out;
    for (const RefundItem& item : preview.items)
        if (item.scenario == UnsubscribeScenario::NotAllowed)
            out.push_back({item.reason_code, item.resource_id, item.reason});
    return out;
}

// The same from RefundJson's answer.
Refusals BlockersOfAnswer(const std::string& answer)
{
    const nlohmann::json j = nlohmann::json::parse(answer, nullptr, false);
    Refusals out;
    if (j.is_discarded() || !j.is_object()) return out;
    if (j.contains("error")) return {{"bad_arguments", "", j["error"].get<std::string>()}};
    if (j.contains("refusals")) {
        for (const auto& r : j["refusals"])
            out.push_back({r.value("code", ""), r.value("subject", ""), r.value("message", "")});
        return out;
    }
    for (const auto& item : j.value("items", nlohmann::json::array()))
        if (item.value("scenario", "") == "not_allowed")
            out.push_back({item.value("reason_code", ""), item.value("resource_id", ""), item.value("reason", "")});
    return out;
}

std::string ScenarioWords(const RefundItem& item)
{
    std::string s(ToString(item.scenario));
    if (!item.reason_code.empty()) s += " (" + item.reason_code + ")";
    return s;
}

void PrintPreviewText(const Workspace& ws, const RefundPreview& preview, std::string_view title, std::ostream& out)
{
    out << title << " as of " << ConsoleTime(preview.as_of, ws) << "\n\n";
    TextTable table({{"resource"}, {"name"}, {"scenario"}, {"refund", true}});
    for (const RefundItem& item : preview.items) {
        const Resource* r = ws.findResource(item.resource_id);
        std::string name = r ? r->resource_name : "";
        if (!item.main_resource_id.empty()) name = "+ " + name;  // bound: goes with the main above
        table.AddRow({item.resource_id, name, ScenarioWords(item), item.total.display()});
        if (!item.reason.empty()) table.AddNote(item.reason, "");
        if (item.scenario == UnsubscribeScenario::NotAllowed) continue;  // nothing to add up
        bool partsStarted = false;
        for (const RefundLine& line : item.lines) {
            if (IsRefundPart(line.kind) && !partsStarted) {
                table.AddNote("= refund " + item.total.str() + ", going to:", "");
                partsStarted = true;
            }
            table.AddNote((IsRefundPart(line.kind) ? "  " : "") + line.label, line.amount.display());
        }
    }
    table.AddRule();
    table.AddRow({"total",
                  std::to_string(preview.items.size()) + (preview.items.size() == 1 ? " resource" : " resources"), "",
                  preview.total.display()});
    table.Print(out);
    const RefundComponents& c = preview.refund;
    out << "refund: cash " << c.cash.display() << ", vouchers " << c.voucher.display() << ", flexi coupons "
        << c.flexi_coupon.display() << ", stored cards " << c.stored_card.display() << "\n";
    out << "five-day quota " << preview.quota.year << ": " << preview.quota.used << " of " << preview.quota.limit
        << " used" << (preview.quota.known ? "" : " (not in the file: the profile's limit)")
        << ", this unsubscription uses " << preview.quota_used << "\n";
    for (const Refusal& w : preview.warnings) out << "warning " << w.code << ": " << w.message << "\n";
}

}  // namespace

static int RunRefund(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args args;
    if (!ParseCommandLine(kCommand, argv, {"resource", "keep-until", "as-of", "format", "reason", "reason-text", "out"},
                          {"periods-only", "confirm"}, args, err))
        return ExitBadUsage;
    std::string error;
    Format format = Format::Text;
    if (!ParseFormat(args, {Format::Text, Format::Json}, format, error)) return BadUsage(kCommand, error, err);
    if (!args.has("resource")) return BadUsage(kCommand, "--resource ID[,ID...] is required", err);
    UnsubscribeRequest unsub;
    RefundRequest& req = unsub.refund;
    if (!ParseIdList(args.get("resource"), req.resource_ids, error))
        return BadUsage(kCommand, "--resource: " + error, err);
    req.periods_only = args.has("periods-only");
    if (args.has("keep-until")) {
        if (!req.periods_only) return BadUsage(kCommand, "--keep-until TIME needs --periods-only", err);
        InstantParse p = ParseInstant(args.get("keep-until"));
        if (!p) return BadUsage(kCommand, "--keep-until: " + p.error, err);
        req.keep_until = p.value;
    }
    const bool confirm = args.has("confirm");
    for (const char* flag : {"reason", "reason-text", "out"})
        if (args.has(flag) && !confirm) return BadUsage(kCommand, std::string("--") + flag + " needs --confirm", err);
    if (confirm) {
        if (!args.has("reason"))
            return BadUsage(kCommand, "--confirm needs --reason " + EnumChoices<UnsubscribeReason>(), err);
        std::optional<UnsubscribeReason> reason = EnumFromString<UnsubscribeReason>(args.get("reason"));
        if (!reason)
            return BadUsage(
                kCommand, "--reason expects " + EnumChoices<UnsubscribeReason>() + ", got " + args.get("reason"), err);
        unsub.reason = *reason;
        unsub.reason_text = args.get("reason-text");
    }

    Workspace ws;
    if (int e = LoadInputs(args.files, ws, err)) return e;
    if (!ResolveAsOf(args, ws, req.as_of, error)) return BadUsage(kCommand, error, err);

    if (confirm) {
        const UnsubscribeResult result = Unsubscribe(ws, unsub);
        if (format == Format::Json) {
            JsonWriter w;
            WriteUnsubscribeResult(w, result, ws);
            out << w.text() << "\n";
        }
        if (!result.ok()) {
            if (format == Format::Text && result.preview.ok() && !result.preview.items.empty())
                PrintPreviewText(ws, result.preview, "Refund preview", out);
            return Refused(result.refusals, err);
        }
        if (format == Format::Text) {
            PrintPreviewText(ws, result.preview, "Unsubscribed", out);
            out << "\nunsubscribe order " << result.order_id;
            if (result.sub_order_ids.size() > 1) {
                out << " (combined trade order of";
                for (const std::string& id : result.sub_order_ids) out << " " << id;
                out << ")";
            }
            out << ", reason " << ToString(unsub.reason) << " (" << UnsubscribeReasonLabel(unsub.reason) << ")\n";
            if (!result.returned_coupon_ids.empty()) {
                out << "returned coupons:";
                for (const std::string& id : result.returned_coupon_ids) out << " " << id;
                out << "\n";
            }
            if (ws.account.cash_balance) out << "cash balance now " << ws.account.cash_balance->display() << "\n";
        }
        return WriteOutOrPreview(args, ws, format, "the workspace", out, err);
    }

    if (format == Format::Json) {
        const std::string answer = RefundJson(ws, RefundArgsJson(req, args), SystemNow());
        out << answer << "\n";
        const Refusals blockers = BlockersOfAnswer(answer);
        return blockers.empty() ? ExitDone : Refused(blockers, err);
    }
    const RefundPreview preview = PreviewRefund(ws, req);
    if (preview.ok()) PrintPreviewText(ws, preview, "Refund preview", out);
    const Refusals blockers = Blockers(preview);
    return blockers.empty() ? ExitDone : Refused(blockers, err);
}

QD_COMMAND(
    "refund",
    "refund FILE... --resource ID[,ID...] [--periods-only [--keep-until TIME]] [--as-of TIME] [--format text|json] "
    "[--confirm --reason CODE [--reason-text TEXT] [--out NEW.json]]   refund preview / unsubscribe",
    RunRefund);

}  // namespace qd::cli
