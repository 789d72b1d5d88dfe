// The printable quote sheet in the user's words (quote_sheet.h).
#include "ui/quote_sheet.h"

#include <imgui.h>

#include "core/model/json_writer.h"
#include "ui/i18n.h"
#include "ui/labels.h"
#include "ui/platform.h"
#include "ui/refund_dialog.h"
#include "ui/refusal_words.h"
#include "ui/rule_words.h"

namespace qd::ui {

namespace {

// The parts every sheet shares: language, title, reference, account, as-of, rules, disclaimer.
QuoteSheet Begin(const Workspace& ws, SheetKind kind, TextId title, std::string reference, Instant asOf)
{
    QuoteSheet s;
    s.kind = kind;
    s.lang = CurrentLang() == Lang::Zh ? "zh-CN" : "en";
    s.title = Tr(title);
    s.reference = std::move(reference);
    s.header.push_back({Tr(TextId::SheetReference), s.reference});
    std::string account = ws.account.name;
    if (!ws.account.customer_id.empty())
        account += account.empty() ? ws.account.customer_id : " (" + ws.account.customer_id + ")";
    if (!account.empty()) s.header.push_back({Tr(TextId::SheetAccount), account});
    s.header.push_back({Tr(TextId::SheetAsOf), ConsoleTime(ws, asOf)});
    s.rulesTitle = Tr(TextId::SheetRules);
    s.ruleColumns = {Tr(TextId::SheetRule), Tr(TextId::SheetValue), Tr(TextId::SheetSource)};
    for (std::string_view key : RulesBehind(kind)) {
        const RuleInfo* info = FindRuleInfo(key);
        const RuleWords* words = WordsOf(key);
        if (!info) continue;
        s.rules.push_back({words ? std::string(Tr(words->name)) : std::string(key), ValueWords(*info, ws.rules),
                           RuleSourceWords(*info)});
    }
    s.disclaimer = Tr(TextId::SheetDisclaimer);
    return s;
}

// "通用型SSD | 40GB (云硬盘)": what a product is, in the catalogue's words; its id when it has none.
std::string ProductWords(const Workspace& ws, std::string_view productId)
{
    const Product* p = ws.findProduct(productId);
    if (!p) return std::string(productId);
    std::string out = p->service_type_name;
    if (!p->spec_desc.empty()) out += (out.empty() ? "" : " · ") + p->spec_desc;
    return out.empty() ? std::string(productId) : out;
}

void AddNotes(QuoteSheet& s, const Workspace& ws, const Refusals& refusals, RefusalScope scope)
{
    for (const Refusal& r : refusals) s.notes.push_back(Tr(TextId::SheetNotQuoted) + RefusalWords(r, scope, &ws));
}

std::string Answer(const QuoteSheet& s, Money total)
{
    JsonWriter w;
    w.beginObject();
    w.member("kind", ToString(s.kind));
    w.member("reference", s.reference);
    w.member("title", s.title);
    w.member("total", total);
    w.member("html", QuoteSheetHtml(s));
    w.endObject();
    return w.take();
}

std::string Error(const std::string& message)
{
    JsonWriter w;
    w.beginObject();
    w.member("error", message);
    w.endObject();
    return w.take();
}

}  // namespace

QuoteSheet RenewalSheet(const Workspace& ws, const RenewalQuote& quote, SheetKind kind)
{
    QuoteSheet s = Begin(ws, kind, kind == SheetKind::Alignment ? TextId::SheetAlignment : TextId::SheetRenewal,
                         SheetReference(quote, kind, ws.rules), quote.as_of);
    s.header.push_back({Tr(TextId::SheetCount), std::to_string(quote.items.size())});
    s.columns = {Tr(TextId::SheetResource),  Tr(TextId::SheetProduct),  Tr(TextId::SheetExpires),
                 Tr(TextId::SheetNewExpiry), Tr(TextId::SheetDuration), Tr(TextId::SheetAmount)};
    const LabelLanguage lang = QuoteLanguage();
    for (const RenewalQuoteItem& item : quote.items) {
        SheetItem row;
        row.subject = RefundInstanceName(ws, std::string(item.resource_id.view()));
        if (!item.main_resource_id.empty()) row.subject = "└ " + row.subject;  // a bound resource of the row above
        row.cells = {ProductWords(ws, item.product_id.view()), ConsoleTime(ws, item.old_expire_time),
                     ConsoleTime(ws, item.new_expire_time), item.duration.label(lang)};
        row.amount = item.amount;
        for (const QuoteLine& line : item.lines) row.lines.push_back({std::string(line.label.view()), line.amount});
        s.items.push_back(std::move(row));
    }
    s.totals.push_back({Tr(TextId::SheetTotal), quote.total.display()});
    if (quote.ok()) s.notes.push_back(Format(Tr(TextId::SheetPayBy), ws.rules.pending_payment_days));
    AddNotes(s, ws, quote.refusals, RefusalScope::Renewal);
    return s;
}

QuoteSheet PurchaseSheet(const Workspace& ws, const PurchaseQuote& quote)
{
    QuoteSheet s = Begin(ws, SheetKind::Purchase, TextId::SheetPurchase, SheetReference(quote, ws.rules), quote.as_of);
    s.columns = {Tr(TextId::SheetProduct),   Tr(TextId::SheetDuration), Tr(TextId::SheetQuantity),
                 Tr(TextId::SheetEffective), Tr(TextId::SheetExpires),  Tr(TextId::SheetAmount)};
    const LabelLanguage lang = QuoteLanguage();
    for (const PurchaseQuoteItem& item : quote.items) {
        SheetItem row;
        row.subject =
            item.product_id.empty() ? std::string(Tr(TextId::BuyTypedPrices)) : ProductWords(ws, item.product_id);
        row.cells = {item.duration.label(lang), std::to_string(item.quantity), ConsoleTime(ws, item.effective_time),
                     ConsoleTime(ws, item.expire_time)};
        row.amount = item.amount;
        for (const QuoteLine& line : item.lines) row.lines.push_back({std::string(line.label.view()), line.amount});
        s.items.push_back(std::move(row));
    }
    s.totals.push_back({Tr(TextId::SheetTotal), quote.total.display()});
    if (quote.ok()) s.notes.push_back(Format(Tr(TextId::SheetPayBy), ws.rules.pending_payment_days));
    AddNotes(s, ws, quote.refusals, RefusalScope::Purchase);
    return s;
}

QuoteSheet RefundSheet(const Workspace& ws, const RefundPreview& preview)
{
    QuoteSheet s = Begin(ws, SheetKind::Refund, TextId::SheetRefund, SheetReference(preview, ws.rules), preview.as_of);
    s.header.push_back({Tr(TextId::SheetCount), std::to_string(preview.items.size())});
    s.columns = {Tr(TextId::SheetResource), Tr(TextId::SheetScenario), Tr(TextId::SheetRefundAmount)};
    for (const RefundItem& item : preview.items) {
        SheetItem row;
        row.subject = RefundInstanceName(ws, item.resource_id);
        if (!item.main_resource_id.empty()) row.subject = "└ " + row.subject;
        row.cells = {std::string(RefundScenarioWords(item.scenario)) + " · " + RefundReasonWords(item)};
        row.amount = item.total;
        for (const RefundLineText& line : RefundLineTexts(ws, item)) row.lines.push_back({line.words, line.amount});
        s.items.push_back(std::move(row));
    }
    s.totals.push_back({Tr(TextId::UnsActualRefund), preview.total.display()});
    const RefundComponents& r = preview.refund;
    s.totals.push_back({Tr(TextId::UnsLineCash), r.cash.display()});
    if (r.voucher.isPositive()) s.totals.push_back({Tr(TextId::UnsLineVoucher), r.voucher.display()});
    if (r.flexi_coupon.isPositive()) s.totals.push_back({Tr(TextId::UnsLineFlexi), r.flexi_coupon.display()});
    if (r.stored_card.isPositive()) s.totals.push_back({Tr(TextId::UnsLineCard), r.stored_card.display()});
    for (const Refusal& w : preview.warnings) s.notes.push_back(RefusalWords(w, RefusalScope::Any, &ws));
    AddNotes(s, ws, preview.refusals, RefusalScope::Any);
    return s;
}

std::string QuoteSheetJson(const Workspace& ws, std::string_view kind, std::string_view argsJson, Instant clock)
{
    std::string error;
    if (kind == "renew") {
        std::optional<RenewalRequest> req = ReadRenewArgs(ws, argsJson, clock, error);
        if (!req) return Error(error);
        req->label_language = QuoteLanguage();
        const RenewalQuote quote = QuoteRenewal(ws, *req);
        return Answer(RenewalSheet(ws, quote, req->align_only ? SheetKind::Alignment : SheetKind::Renewal),
                      quote.total);
    }
    if (kind == "buy") {
        std::optional<PurchaseRequest> req = ReadBuyArgs(ws, argsJson, clock, error);
        if (!req) return Error(error);
        req->label_language = QuoteLanguage();
        const PurchaseQuote quote = QuotePurchase(ws, *req);
        return Answer(PurchaseSheet(ws, quote), quote.total);
    }
    if (kind == "refund") {
        std::optional<RefundRequest> req = ReadRefundArgs(ws, argsJson, clock, error);
        if (!req) return Error(error);
        const RefundPreview preview = PreviewRefund(ws, *req);
        return Answer(RefundSheet(ws, preview), preview.total);
    }
    return Error("kind: expected renew, buy or refund, got \"" + std::string(kind) + "\"");
}

void PrintQuoteSheet(const QuoteSheet& sheet) { PrintHtml(QuoteSheetHtml(sheet), sheet.reference); }

bool PrintSheetButton(bool enabled)
{
    ImGui::BeginDisabled(!enabled);
    const bool clicked = ImGui::Button(Tr(TextId::SheetPrint));
    ImGui::EndDisabled();
    if (enabled && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(TextId::SheetPrintTip));
    return clicked;
}

}  // namespace qd::ui
