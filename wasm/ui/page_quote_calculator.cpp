// 报价计算器 (beyond the seed): a renewal quote with no file. The inputs describe one resource
// (its prices, current expiry, anchor day) and the renewal (duration, unified expiry day); the
// quote comes from the same engine as the renewal page (QuoteRenewal over a one-resource
// workspace), so its arithmetic lines are the engine's. The inputs live in the URL fragment
// (#calc?month=28.00&...) so a quote can be shared as a link.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/engine/renewal.h"
#include "ui/labels.h"
#include "ui/pages.h"

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
    bool loadedFragment = false;
    std::string lastFragment;
};

CalculatorView g_calc;

constexpr const char* kPrefix = "calc?";

std::string ToFragment(const CalculatorInputs& in)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, "%smonth=%s&year=%s&expiry=%s&anchor=%d&%s=%d&unified=%s", kPrefix, in.month,
                  in.year, in.expiry, in.anchor, in.unit ? "years" : "months", in.num,
                  in.unified == 0    ? "none"
                  : in.unified == 29 ? "last"
                                     : std::to_string(in.unified).c_str());
    return buf;
}

// Reads what it recognises; anything else keeps its default (a hand-edited link cannot break the page).
void FromFragment(const std::string& fragment, CalculatorInputs& in)
{
    if (fragment.rfind(kPrefix, 0) != 0) return;
    std::string rest = fragment.substr(std::strlen(kPrefix));
    size_t pos = 0;
    while (pos <= rest.size()) {
        size_t amp = rest.find('&', pos);
        std::string pair = rest.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
        size_t eq = pair.find('=');
        if (eq != std::string::npos) {
            std::string k = pair.substr(0, eq), v = pair.substr(eq + 1);
            auto copy = [&](char* dst, size_t n) { std::snprintf(dst, n, "%s", v.c_str()); };
            if (k == "month") copy(in.month, sizeof in.month);
            else if (k == "year") copy(in.year, sizeof in.year);
            else if (k == "expiry") copy(in.expiry, sizeof in.expiry);
            else if (k == "anchor") in.anchor = std::clamp(std::atoi(v.c_str()), 1, 31);
            else if (k == "months") {
                in.unit = 0;
                in.num = std::clamp(std::atoi(v.c_str()), 1, 11);
            } else if (k == "years") {
                in.unit = 1;
                in.num = std::clamp(std::atoi(v.c_str()), 1, 5);
            } else if (k == "unified")
                in.unified = v == "last" ? 29 : v == "none" ? 0 : std::clamp(std::atoi(v.c_str()), 0, 28);
        }
        if (amp == std::string::npos) break;
        pos = amp + 1;
    }
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

}  // namespace

void DrawQuoteCalculatorPage(AppState& state)
{
    PageHeader(TextId::NavQuoteCalculator, TextId::IntroQuoteCalculator);
    CalculatorInputs& in = g_calc.in;
    if (!g_calc.loadedFragment) {
        FromFragment(state.fragment, in);
        g_calc.loadedFragment = true;
    }

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

    std::string fragment = ToFragment(in);
    if (fragment != state.fragment) state.fragment = fragment;

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

}  // namespace qd::ui
