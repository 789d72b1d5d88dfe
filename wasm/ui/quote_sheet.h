// quote_sheet: the printable 报价单 / 退费说明 (docs/architecture.md §10) of a renewal, an alignment, a new
// purchase or an unsubscription, in the user's language: the core's quote (renewal.h, purchase.h,
// refund.h), its reference number and rules (core/report/quote_sheet.h) put into words here, laid out
// by the core's QuoteSheetHtml and handed to the browser's print dialog (platform.h PrintHtml).
//
//   PrintQuoteSheet(RenewalSheet(ws, dlg.quote, SheetKind::Renewal));   // the dialog's 打印 / 导出 PDF
//   std::string json = QuoteSheetJson(ws, "renewal", argsJson, now);     // window.quotedesk.quoteSheet
#pragma once
#include <string>
#include <string_view>

#include "core/report/quote_sheet.h"

namespace qd::ui {

QuoteSheet RenewalSheet(const Workspace& ws, const RenewalQuote& quote, SheetKind kind);  // Renewal | Alignment
QuoteSheet PurchaseSheet(const Workspace& ws, const PurchaseQuote& quote);
QuoteSheet RefundSheet(const Workspace& ws, const RefundPreview& preview);

// The browser test API's quoteSheet(argsJson, kind) (docs/architecture.md §3): kind renewal (renew's
// arguments; with align_only: an alignment), purchase (buy's) or refund (refund's); the quote is made
// exactly as renew/buy/refund make it, with its lines in the user's language. Answers
// {"kind","reference","title","total","html"}, or {"error":"..."} for malformed arguments or an unknown kind.
std::string QuoteSheetJson(const Workspace& ws, std::string_view kind, std::string_view argsJson, Instant clock);

// 打印 / 导出 PDF: the sheet goes to the page's print area and the print dialog opens.
void PrintQuoteSheet(const QuoteSheet& sheet);
// The button that offers it, in a dialog's footer ("打印 / 导出 PDF", its tooltip says what it does):
// true when clicked. Disabled while the quote is refused (nothing to print).
//   if (PrintSheetButton(dlg.quote.ok())) PrintQuoteSheet(RenewalSheet(ws, dlg.quote, SheetKind::Renewal));
bool PrintSheetButton(bool enabled);

}  // namespace qd::ui
