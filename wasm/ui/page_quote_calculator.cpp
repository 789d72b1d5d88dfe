// 报价计算器 (beyond the seed, and seed 3 选配): two tabs.
//
// 续费报价: a renewal quote with no file. The inputs describe one resource (its prices, current expiry,
// anchor day) and the renewal (duration, unified expiry day); the quote comes from the same engine as
// the renewal page (QuoteRenewal over a one-resource workspace), so its arithmetic lines are the
// engine's. The inputs are the page's address (#quote-calculator?month=28.00&..., ui/view_address.h) so a quote can be shared as a link.
//
// 新购 (seed 3.1 包年/包月商品, 3.3 套餐包): a product of the open workspace (or typed prices), a duration
// among those the core sells it for (purchase.h PurchaseDurations), a quantity; the quote and its line
// are QuotePurchase's, the refusals its codes in words (refusal_words.h, scope Purchase). 立即购买 calls
// PlacePurchaseOrder, says which order it placed and until when it can be paid, and offers 去支付 (the
// order's payment dialog in 待支付订单) and 前往待支付订单. The UI decides nothing: it draws the core's answers.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "core/engine/purchase.h"
#include "core/engine/renewal.h"
#include "ui/labels.h"
#include "ui/pages.h"
#include "ui/quote_sheet.h"
#include "ui/renewal_dialogs.h"
#include "ui/widgets.h"

namespace qd::ui {
namespace {

struct CalculatorInputs {
    char month[24] = "28.00";
    char year[24] = "280.00";
    char expiry[16] = "2025-03-15";
    int anchor = 15;
    int unit = 0;  // 0 = months, 1 = years
    int num = 1;
    int unified = 0;  // 0 = none, 1..28, 29 = month end
};

struct CalculatorView {
    CalculatorInputs in;
    int tab = 0;         // 0 续费报价, 1 新购
    int switchTab = -1;  // select this tab on the next frame (an address opened)
};

CalculatorView g_calc;

// The inputs as an address's keys (view_address.h: #quote-calculator?month=28.00&...), so a quote can
// be shared as a link.
void ToAddress(const CalculatorInputs& in, ViewAddress& a)
{
    a.set("month", in.month);
    a.set("year", in.year);
    a.set("expiry", in.expiry);
    a.set("anchor", std::to_string(in.anchor));
    a.set(in.unit ? "years" : "months", std::to_string(in.num));
    a.set("unified", in.unified == 0 ? "none" : in.unified == 29 ? "last" : std::to_string(in.unified));
}

// Reads what it recognises; anything else keeps its default (a hand-edited link cannot break the page).
void FromAddress(const ViewAddress& a, CalculatorInputs& in)
{
    in = CalculatorInputs{};
    auto copy = [&](const char* key, char* dst, size_t n) {
        if (!a.get(key).empty()) std::snprintf(dst, n, "%s", a.get(key).c_str());
    };
    copy("month", in.month, sizeof in.month);
    copy("year", in.year, sizeof in.year);
    copy("expiry", in.expiry, sizeof in.expiry);
    if (!a.get("anchor").empty()) in.anchor = std::clamp(std::atoi(a.get("anchor").c_str()), 1, 31);
    if (!a.get("months").empty()) {
        in.unit = 0;
        in.num = std::clamp(std::atoi(a.get("months").c_str()), 1, 11);
    } else if (!a.get("years").empty()) {
        in.unit = 1;
        in.num = std::clamp(std::atoi(a.get("years").c_str()), 1, 5);
    }
    const std::string& v = a.get("unified");
    if (!v.empty()) in.unified = v == "last" ? 29 : v == "none" ? 0 : std::clamp(std::atoi(v.c_str()), 0, 28);
}

// The quote, or the reason there is none (a bad input, or the engine's refusal).
struct CalculatorResult {
    RenewalQuote quote;
    std::string problem;
};

CalculatorResult Compute(const CalculatorInputs& in)
{
    CalculatorResult out;
    Workspace ws;
    Product product;
    product.product_id = "calculator";
    for (auto [text, slot] : {std::pair{in.month, &product.prices.month}, std::pair{in.year, &product.prices.year}}) {
        if (!*text) continue;
        MoneyParse p = ParseMoney(text);
        if (!p || p.value.isNegative()) {
            out.problem = p ? "negative price" : p.error;
            return out;
        }
        *slot = p.value;
    }
    auto expiry = ParseLocalDate(in.expiry);
    if (!expiry) {
        out.problem = std::string("expected a date like 2025-03-15, got ") + in.expiry;
        return out;
    }
    Resource r;
    r.resource_id = "resource";
    r.product_id = product.product_id;
    r.anchor_day = in.anchor;
    r.expire_time = PeriodEnd(*expiry, ws.rules.zone, ws.rules.expiry_clock);
    r.effective_time = ToInstant(AddMonthsAnchored(*expiry, -1, in.anchor), LocalTime{}, ws.rules.zone);
    ws.products.push_back(product);
    ws.resources.push_back(r);
    ws.Reindex();

    RenewalRequest req;
    req.resource_ids = {r.resource_id};
    req.duration = RenewalDuration{in.unit ? TermUnit::Year : TermUnit::Month, in.num};
    req.label_language = QuoteLanguage();
    if (in.unified == 29) req.unified_day = UnifiedExpiryDay::MonthEnd();
    else if (in.unified > 0) req.unified_day = UnifiedExpiryDay::FromDay(in.unified);
    req.as_of = r.expire_time.plusSeconds(-1);  // quoted as if renewed just before the expiry
    out.quote = QuoteRenewal(ws, req);
    if (!out.quote.ok()) out.problem = out.quote.refusals.front().message;
    return out;
}

std::string QuoteText(const CalculatorInputs& in, const CalculatorResult& r, const Workspace& ws)
{
    const RenewalQuoteItem& item = r.quote.items.front();
    std::string text =
        std::string(Tr(TextId::NewExpiry)) + ": " + FormatConsole(item.new_expire_time, ws.rules.zone) + "\n";
    for (const QuoteLine& line : item.lines) text += line.label + " = " + line.amount.display() + "\n";
    text += std::string(Tr(TextId::RenewalAmount)) + ": " + r.quote.total.display() + "\n";
    (void)in;
    return text;
}

void Row(const char* label, float x)
{
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(x);
}

// [SECTION] 续费报价

void DrawRenewalQuote(AppState& state)
{
    (void)state;
    CalculatorInputs& in = g_calc.in;

    const float x = ImGui::GetFontSize() * 10;
    const float w = ImGui::GetFontSize() * 10;
    Row(Tr(TextId::MonthPrice), x);
    ImGui::SetNextItemWidth(w);
    ImGui::InputText("##month", in.month, sizeof in.month, ImGuiInputTextFlags_CharsDecimal);
    Row(Tr(TextId::YearPrice), x);
    ImGui::SetNextItemWidth(w);
    ImGui::InputText("##year", in.year, sizeof in.year, ImGuiInputTextFlags_CharsDecimal);
    Row(Tr(TextId::CurrentExpiry), x);
    ImGui::SetNextItemWidth(w);
    ImGui::InputText("##expiry", in.expiry, sizeof in.expiry);
    Row(Tr(TextId::AnchorDay), x);
    ImGui::SetNextItemWidth(w);
    ImGui::SliderInt("##anchor", &in.anchor, 1, 31);
    Row(Tr(TextId::RenewDuration), x);
    ImGui::SetNextItemWidth(w * 0.5f);
    ImGui::SliderInt("##num", &in.num, 1, in.unit ? 5 : 11);
    ImGui::SameLine();
    if (ImGui::RadioButton(Tr(TextId::Months), in.unit == 0)) in.unit = 0;
    ImGui::SameLine();
    if (ImGui::RadioButton(Tr(TextId::Years), in.unit == 1)) {
        in.unit = 1;
        in.num = std::min(in.num, 5);
    }
    Row(Tr(TextId::UnifiedExpiry), x);
    ImGui::SetNextItemWidth(w);
    char preview[48];
    if (in.unified == 0) std::snprintf(preview, sizeof preview, "%s", Tr(TextId::NoAlignment));
    else if (in.unified == 29) std::snprintf(preview, sizeof preview, "%s", Tr(TextId::MonthEnd));
    else std::snprintf(preview, sizeof preview, Tr(TextId::DayN), in.unified);
    if (ImGui::BeginCombo("##unified", preview)) {
        for (int d = 0; d <= 29; ++d) {
            char item[48];
            if (d == 0) std::snprintf(item, sizeof item, "%s", Tr(TextId::NoAlignment));
            else if (d == 29) std::snprintf(item, sizeof item, "%s", Tr(TextId::MonthEnd));
            else std::snprintf(item, sizeof item, Tr(TextId::DayN), d);
            if (ImGui::Selectable(item, in.unified == d)) in.unified = d;
        }
        ImGui::EndCombo();
    }

    ImGui::Spacing();
    ImGui::Separator();
    CalculatorResult r = Compute(in);
    if (!r.problem.empty()) {
        ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s: %s", Tr(TextId::InvalidInput), r.problem.c_str());
        return;
    }
    const Workspace defaults;
    const RenewalQuoteItem& item = r.quote.items.front();
    ImGui::Text("%s: %s", Tr(TextId::NewExpiry), FormatConsole(item.new_expire_time, defaults.rules.zone).c_str());
    if (item.extra_days > 0) ImGui::Text("%s: %lld", Tr(TextId::ExtraDays), static_cast<long long>(item.extra_days));
    ImGui::TextDisabled("%s", Tr(TextId::Arithmetic));
    for (const QuoteLine& line : item.lines)
        ImGui::BulletText("%s = %s", line.label.c_str(), line.amount.display().c_str());
    ImGui::PushFont(HeadingFont());
    ImGui::Text("%s: %s", Tr(TextId::RenewalAmount), r.quote.total.display().c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("%s", Tr(TextId::ReferencePrice));
    state.announcement = std::string(Tr(TextId::RenewalAmount)) + " " + r.quote.total.display();
    if (ImGui::Button(Tr(TextId::CopyQuote))) state.clipboard = QuoteText(in, r, defaults);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", Tr(TextId::ShareLinkNote));
}

// [SECTION] 新购 (seed 3.1, 3.3)

struct PurchaseInputs {
    bool typed = false;        // typed prices instead of a product of the workspace
    int product = -1;          // index into ws.products; -1 = none chosen yet
    char month[24] = "28.00";  // typed prices
    char year[24] = "280.00";
    int duration = 0;  // index into the offered durations
    int quantity = 1;
    std::string placedOrder;  // the order 立即购买 placed last ("" = none)
    std::string placedMessage;
};

PurchaseInputs g_buy;

// "云硬盘 | 通用型SSD | 40GB (p-evs-ssd-40)".
std::string ProductWords(const Product& p)
{
    std::string out = p.service_type_name.empty() ? p.product_id : p.service_type_name;
    if (!p.spec_desc.empty()) out += " | " + p.spec_desc;
    return out + " (" + p.product_id + ")";
}

void DrawPurchase(AppState& state)
{
    PurchaseInputs& in = g_buy;
    const Workspace empty;
    const Workspace& ws = state.workspace ? *state.workspace : empty;
    const float em = ImGui::GetFontSize();
    const float x = em * 10;
    ImGui::TextDisabled("%s", Tr(TextId::BuyIntro));
    ImGui::Spacing();

    if (ws.products.empty()) in.typed = true;
    if (in.product >= static_cast<int>(ws.products.size())) in.product = -1;
    if (!in.typed && in.product < 0 && !ws.products.empty()) in.product = 0;

    // 产品: a product of the workspace, or typed prices.
    Row(Tr(TextId::BuyProduct), x);
    ImGui::SetNextItemWidth(em * 30);
    const std::string preview =
        in.typed ? std::string(Tr(TextId::BuyTypedPrices)) : ProductWords(ws.products[in.product]);
    if (ImGui::BeginCombo("##buy-product", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable(Tr(TextId::BuyTypedPrices), in.typed)) {
            in.typed = true;
            in.duration = 0;
        }
        for (int i = 0; i < static_cast<int>(ws.products.size()); ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(ProductWords(ws.products[i]).c_str(), !in.typed && in.product == i)) {
                in.typed = false;
                in.product = i;
                in.duration = 0;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    if (!state.workspace) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", Tr(TextId::BuyNoWorkspace));
    } else if (ws.products.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", Tr(TextId::BuyNoProducts));
    }

    PurchaseRequest req;
    req.as_of = AsOf(state);
    req.label_language = QuoteLanguage();
    std::string problem;  // a typed price that is not money
    if (in.typed) {
        ProductPrices prices;
        for (auto [label, id, text, slot] : {std::tuple{TextId::MonthPrice, "##buy-month", in.month, &prices.month},
                                             std::tuple{TextId::YearPrice, "##buy-year", in.year, &prices.year}}) {
            Row(Tr(label), x);
            ImGui::SetNextItemWidth(em * 10);
            ImGui::InputText(id, text, sizeof in.month, ImGuiInputTextFlags_CharsDecimal);
            if (!*text) continue;
            const MoneyParse p = ParseMoney(text);
            if (p) *slot = p.value;
            else problem = p.error;
        }
        req.prices = prices;
    } else {
        req.product_id = ws.products[in.product].product_id;
    }

    // 购买时长: what the core sells; 购买数量.
    const std::vector<RenewalDuration> offered =
        in.typed ? PurchaseDurations(*req.prices) : PurchaseDurations(ws.products[in.product]);
    if (in.duration >= static_cast<int>(offered.size())) in.duration = 0;
    Row(Tr(TextId::BuyDuration), x);
    ImGui::BeginGroup();
    DurationButtons(offered, in.duration, ImGui::GetContentRegionAvail().x);
    ImGui::EndGroup();
    if (!offered.empty()) req.duration = offered[in.duration];
    Row(Tr(TextId::BuyQuantity), x);
    ImGui::SetNextItemWidth(em * 8);
    ImGui::InputInt("##buy-quantity", &in.quantity);
    req.quantity = in.quantity;

    ImGui::Spacing();
    ImGui::Separator();
    if (!problem.empty()) {
        ErrorText(std::string(Tr(TextId::InvalidInput)) + ": " + problem);
        return;
    }
    const PurchaseQuote quote = QuotePurchase(ws, req);
    for (const Refusal& r : quote.refusals) ErrorText(RefusalWords(r, RefusalScope::Purchase, &ws));
    if (quote.ok()) {
        const PurchaseQuoteItem& item = quote.items.front();
        ImGui::Text("%s: %s", Tr(TextId::BuyEffective), ConsoleTime(ws, item.effective_time).c_str());
        ImGui::Text("%s: %s", Tr(TextId::BuyExpiry), ConsoleTime(ws, item.expire_time).c_str());
        ImGui::TextDisabled("%s", Tr(TextId::Arithmetic));
        for (const QuoteLine& line : item.lines)
            ImGui::BulletText("%s = %s", line.label.c_str(), line.amount.display().c_str());
        HeadingText((std::string(Tr(TextId::BuyAmount)) + ": " + quote.total.display()).c_str());
        ImGui::TextDisabled("%s", Tr(TextId::ReferencePrice));
        state.announcement = std::string(Tr(TextId::BuyAmount)) + " " + quote.total.display();
    }

    // 立即购买 (seed 3.1 steps 5-7): the order pending payment; typed prices quote only.
    ImGui::Spacing();
    const bool can = quote.ok() && state.workspace && !in.typed;
    ImGui::BeginDisabled(!can);
    if (ImGui::Button(Tr(TextId::BuyNow))) {
        const PlacedPurchase placed = PlacePurchaseOrder(*state.workspace, req);
        if (placed.ok()) {
            MarkChanged(state);
            const Order* o = state.workspace->findOrder(placed.order_id);
            in.placedOrder = placed.order_id;
            in.placedMessage = Format(
                Tr(TextId::BuyPlaced), placed.order_id.c_str(), placed.quote.total.display().c_str(),
                o && o->pending_payment_end_time ? ConsoleTime(*state.workspace, *o->pending_payment_end_time).c_str()
                                                 : "");
        } else {
            in.placedOrder.clear();
            in.placedMessage = RefusalWords(placed.quote.refusals.front(), RefusalScope::Purchase, &ws);
        }
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (PrintSheetButton(quote.ok() && !quote.items.empty())) PrintQuoteSheet(PurchaseSheet(ws, quote));
    if (in.typed && state.workspace) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", Tr(TextId::BuyTypedNote));
    }
    if (!in.placedMessage.empty()) {
        ImGui::Spacing();
        if (in.placedOrder.empty()) {
            ErrorText(in.placedMessage);
            return;
        }
        ImGui::PushStyleColor(ImGuiCol_Text, SuccessColour());
        ImGui::TextWrapped("%s", in.placedMessage.c_str());
        ImGui::PopStyleColor();
        if (ImGui::Button(Tr(TextId::BuyGoPay))) {
            const std::string id = in.placedOrder;
            in.placedOrder.clear();
            in.placedMessage.clear();
            GoToPendingOrder(state, id);
            OpenPaymentDialog(state.pendingOrders, {id}, false);
        }
        ImGui::SameLine();
        if (ImGui::Button(Tr(TextId::BuyGoPending))) {
            const std::string id = in.placedOrder;
            in.placedOrder.clear();
            in.placedMessage.clear();
            GoToPendingOrder(state, id);
        }
    }
}

}  // namespace

void DrawQuoteCalculatorPage(AppState& state)
{
    PageHeader(TextId::NavQuoteCalculator, TextId::IntroQuoteCalculator);
    if (ImGui::BeginTabBar("##calc-tabs")) {
        const TextId titles[] = {TextId::RenewHeading, TextId::BuyHeading};
        for (int t = 0; t < 2; ++t) {
            const ImGuiTabItemFlags flags = g_calc.switchTab == t ? ImGuiTabItemFlags_SetSelected : 0;
            if (!ImGui::BeginTabItem(Tr(titles[t]), nullptr, flags)) continue;
            if (g_calc.switchTab < 0 || g_calc.switchTab == t) g_calc.tab = t;
            ImGui::Spacing();
            if (t == 0) DrawRenewalQuote(state);
            else DrawPurchase(state);
            ImGui::EndTabItem();
        }
        g_calc.switchTab = -1;
        ImGui::EndTabBar();
    }
}

void CalculatorToAddress(ViewAddress& address)
{
    address.set("tab", g_calc.tab == 1 ? "purchase" : "");
    if (g_calc.tab == 0) ToAddress(g_calc.in, address);
}

void OpenCalculatorAddress(const ViewAddress& address)
{
    g_calc.tab = g_calc.switchTab = address.get("tab") == "purchase" ? 1 : 0;
    if (g_calc.tab == 0) FromAddress(address, g_calc.in);
}

}  // namespace qd::ui
