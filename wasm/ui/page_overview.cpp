// 概览 (beyond the seed, docs/rules.md): what needs attention soon, and what auto-renew will charge.
//   - cards: instances in use expiring within 7 / 15 / 30 days (the renewal page's "X天内到期"
//     filter: as_of <= expire_time <= as_of + X days), the cash balance and how far it carries the
//     auto-renew charges, the 12-month auto-renew total;
//   - a bar chart of the auto-renew charges per local month (core/engine/forecast.h), the amount above each
//     bar, the month's charges in the hover; months the balance no longer covers in another colour;
//   - the expiry timeline of the next 90 days: one column per day, stacked by renewal policy, with
//     the 7 / 15 / 30-day marks; the hover names the instances;
//   - resource and order counts.
// Clicking a card, a bar or the timeline opens 续费管理 (state.page only: the renewals page owns its filters).
#include "ui/page_overview.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <string>

#include "core/engine/auto_renew.h"
#include "core/engine/orders.h"
#include "core/report/renewal_query.h"
#include "ui/labels.h"
#include "ui/pages.h"
#include "ui/platform.h"

namespace qd::ui {
namespace {

constexpr int kForecastMonths = kDefaultForecastMonths;
constexpr int kDayNames = 6;              // instances named per day in the timeline's hover
constexpr double kForecastSliceMs = 4.0;  // forecast work per frame (docs/architecture.md §4: a frame < 16 ms)
constexpr ForecastSlices kForecastSlices{32, 8192, 4096};  // each well under a millisecond or two in wasm

// Renewal policy colours (the four tabs), in RenewalPolicy order: manual, auto, to_on_demand, no_renew.
const ImU32 kPolicyColours[4] = {IM_COL32(232, 163, 61, 255), IM_COL32(60, 111, 216, 255), IM_COL32(59, 169, 156, 255),
                                 IM_COL32(200, 88, 84, 255)};
const ImU32 kBarCovered = IM_COL32(74, 120, 208, 255);
const ImU32 kBarCoveredHover = IM_COL32(49, 94, 186, 255);
const ImU32 kBarShort = IM_COL32(232, 131, 58, 255);
const ImU32 kBarShortHover = IM_COL32(206, 104, 32, 255);
const ImU32 kWarning = IM_COL32(206, 96, 20, 255);

ImU32 Col(ImGuiCol c) { return ImGui::GetColorU32(c); }

TextId MonthName(int month)
{
    static const TextId kNames[12] = {TextId::OvwMon1, TextId::OvwMon2,  TextId::OvwMon3,  TextId::OvwMon4,
                                      TextId::OvwMon5, TextId::OvwMon6,  TextId::OvwMon7,  TextId::OvwMon8,
                                      TextId::OvwMon9, TextId::OvwMon10, TextId::OvwMon11, TextId::OvwMon12};
    return kNames[std::clamp(month, 1, 12) - 1];
}

// ---- derived data -------------------------------------------------------------------------------------

void RebuildExpiry(const Workspace& ws, Instant now, OverviewPageState& s)
{
    const ZoneOffset zone = ws.rules.zone;
    s.expiring = {};
    s.expiringAuto = {};
    s.byStatus = {};
    s.days.assign(kOverviewTimelineDays, {});
    for (std::size_t i = 0; i < ws.resources.size(); ++i) {
        const Resource& r = ws.resources[i];
        ++s.byStatus[static_cast<std::size_t>(r.status)];
        // The cards and the timeline count what 续费管理's X天内到期 lists: ExpiresWithin (renewal_query.h),
        // the days of the timeline are DaysLeft, both the core's one definition.
        if (r.isBound() || !ExpiresWithin(r, now, kOverviewTimelineDays + 1)) continue;
        for (std::size_t k = 0; k < kOverviewExpiringDays.size(); ++k)
            if (ExpiresWithin(r, now, kOverviewExpiringDays[k])) {
                ++s.expiring[k];
                // drawing: the core's set broken down by the resource's own policy (其中自动续费 N)
                if (r.renewal_policy == RenewalPolicy::Auto) ++s.expiringAuto[k];
            }
        const int64_t day = DaysLeft(r.expire_time, now, zone);
        if (day < 0 || day >= kOverviewTimelineDays) continue;
        OverviewPageState::Day& d = s.days[static_cast<std::size_t>(day)];
        ++d.byPolicy[static_cast<std::size_t>(r.renewal_policy)];
        if (d.first.size() < kDayNames) d.first.push_back(i);
    }
    for (OverviewPageState::Day& d : s.days)
        std::sort(d.first.begin(), d.first.end(), [&](std::size_t a, std::size_t b) {
            return ws.resources[a].expire_time < ws.resources[b].expire_time;  // drawing: names in expiry order
        });
    // What 待支付订单 lists and its export takes: IsAwaitingPayment (orders.h), one rule.
    s.pendingOrders = 0;
    for (const Order& o : ws.orders)
        if (IsAwaitingPayment(o, StatusAsOf(o, ws.rules, now))) ++s.pendingOrders;
}

void Refresh(const AppState& app, OverviewPageState& s)
{
    const Workspace& ws = *app.workspace;
    const Instant now = AsOf(app);
    const int64_t minute = now.unixSeconds() / 60;
    if (s.expiryFor != app.revision || s.expiryMinute != minute) {
        RebuildExpiry(ws, now, s);
        s.expiryFor = app.revision;
        s.expiryMinute = minute;
    }
    const int64_t hour = now.unixSeconds() / 3600;
    if (s.hasForecast && s.forecastFor == app.revision && s.forecastHour == hour) return;
    // A slice or more per frame, about kForecastSliceMs, until it is done; the platform draws the
    // next frame without input meanwhile.
    if (!s.building || s.buildingOf != &ws || s.buildingFor != app.revision || s.buildingHour != hour) {
        // The forecast shown so far names its charges' resources by position in the workspace it was
        // taken of (core/engine/forecast.h), which may be gone or changed: dropped here, not kept
        // (nor its bytes) while the new one is built. Nothing draws it meanwhile (ForecastPending).
        s.forecast = {};
        s.forecastByProject = {};
        s.hasForecast = false;
        s.building = std::make_shared<ForecastBuilder>(ws, now, kForecastMonths, kForecastSlices);
        s.buildingOf = &ws;
        s.buildingFor = app.revision;
        s.buildingHour = hour;
    }
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    while (!s.building->Step(0) &&
           std::chrono::duration<double, std::milli>(Clock::now() - start).count() < kForecastSliceMs) {}
    if (!s.building->done()) {
        s.forecastProgress = s.building->progress();
        RequestMoreFrames();
        return;
    }
    s.forecast = s.building->take();
    s.forecastByProject.clear();
    if (!EnterpriseProjectNames(ws).empty()) s.forecastByProject = ForecastByProject(ws, s.forecast);
    s.building.reset();
    s.buildingOf = nullptr;
    s.hasForecast = true;
    s.forecastFor = app.revision;
    s.forecastHour = hour;
}

// The forecast shown is being (re)computed: the cards and the chart show how far it got instead.
bool ForecastPending(const OverviewPageState& s) { return s.building != nullptr; }

// ---- pieces -------------------------------------------------------------------------------------------

// "¥388.40", or a compact form when it does not fit `width`: ¥296.4万 / ¥2.96M.
std::string FitMoney(Money m, float width)
{
    std::string full = m.display();
    if (ImGui::CalcTextSize(full.c_str()).x <= width) return full;
    const bool zh = CurrentLang() == Lang::Zh;
    const int64_t fen = m.fen() < 0 ? -m.fen() : m.fen();
    // zh: 万 = 10^4 yuan, 亿 = 10^8; en: K = 10^3, M = 10^6. One decimal (zh) or two (en), truncated.
    const int64_t bigUnit = zh ? INT64_C(10000000000) : INT64_C(100000000);  // in fen
    const int64_t smallUnit = zh ? INT64_C(1000000) : INT64_C(100000);
    const bool big = fen >= bigUnit;
    const int64_t unit = big ? bigUnit : smallUnit;
    const int decimals = zh ? 1 : 2;
    const int64_t scale = decimals == 1 ? 10 : 100;
    const int64_t scaled = fen * scale / unit;  // fen < 10^15, scale <= 100: fits
    std::string number = std::to_string(scaled / scale) + "." + (decimals == 2 && scaled % scale < 10 ? "0" : "") +
                         std::to_string(scaled % scale);
    if (m.isNegative()) number = "-" + number;
    return Format(Tr(big ? TextId::OvwCompactBig : TextId::OvwCompactSmall), number.c_str());
}

void SectionTitle(const char* text)
{
    ImGui::PushFont(HeadingFont());
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void DashedVLine(ImDrawList* dl, float x, float y0, float y1, ImU32 col, float dash, float thickness)
{
    for (float y = y0; y < y1; y += dash * 2)
        dl->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + dash, y1)), col, thickness);
}

void LegendSwatch(ImU32 colour, const char* label)
{
    const float em = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float side = em * 0.7f;
    const float y = p.y + (ImGui::GetTextLineHeight() - side) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + side, y + side), colour, side * 0.2f);
    ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, em * 0.35f);
    ImGui::TextUnformatted(label);
}

// One card: title, big value, a line or two under it. Returns true when clicked (clickable only).
bool Card(const char* id, ImVec2 size, const char* title, const std::string& value, const std::string& sub,
          ImU32 accent, bool clickable, ImU32 subColour = 0)
{
    const float em = ImGui::GetFontSize();
    const float pad = em * 0.8f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    const bool hovered = clickable && ImGui::IsItemHovered();
    const bool clicked = clickable && ImGui::IsItemClicked();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float rounding = em * 0.25f;
    const ImVec2 q(p.x + size.x, p.y + size.y);
    dl->AddRectFilled(p, q, Col(ImGuiCol_ChildBg) == 0 ? Col(ImGuiCol_FrameBg) : Col(ImGuiCol_ChildBg), rounding);
    dl->AddRect(p, q, hovered ? accent : Col(ImGuiCol_Border), rounding, 0, hovered ? em * 0.12f : em * 0.07f);
    dl->AddRectFilled(p, ImVec2(p.x + em * 0.25f, q.y), accent, rounding, ImDrawFlags_RoundCornersLeft);
    const float inner = size.x - pad * 1.6f;
    float y = p.y + pad * 0.8f;
    dl->PushClipRect(p, q, true);
    dl->AddText(ImGui::GetFont(), em, ImVec2(p.x + pad, y), Col(ImGuiCol_TextDisabled), title, nullptr, inner);
    y += ImGui::GetTextLineHeight() + em * 0.25f;
    ImFont* big = HeadingFont();
    const float bigSize = big->FontSize * 1.25f;
    dl->AddText(big, bigSize, ImVec2(p.x + pad, y), Col(ImGuiCol_Text), value.c_str());
    y += bigSize + em * 0.3f;
    dl->AddText(ImGui::GetFont(), em, ImVec2(p.x + pad, y), subColour ? subColour : Col(ImGuiCol_TextDisabled),
                sub.c_str(), nullptr, inner);
    dl->PopClipRect();
    if (hovered) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", Tr(TextId::OvwOpenRenewals));
    }
    return clicked;
}

// ---- sections -----------------------------------------------------------------------------------------

void DrawCards(AppState& app, const OverviewPageState& s)
{
    const Workspace& ws = *app.workspace;
    const Forecast& f = s.forecast;
    const float em = ImGui::GetFontSize();
    const float gap = em * 0.7f;
    const int n = 5;
    const float width = (ImGui::GetContentRegionAvail().x - gap * (n - 1)) / n;
    const float height = em * 6.6f;
    const ImVec2 size(width, height);

    for (std::size_t k = 0; k < kOverviewExpiringDays.size(); ++k) {
        const std::string title = Format(Tr(TextId::OvwExpiringWithin), kOverviewExpiringDays[k]);
        std::string sub = s.expiring[k] == 0 ? std::string(Tr(TextId::OvwNoneExpiring))
                                             : std::string(Tr(TextId::OvwInstancesInUse)) + "\n" +
                                                   Format(Tr(TextId::OvwOfWhichAuto), s.expiringAuto[k]);
        const ImU32 accent = k == 0 ? kWarning : (k == 1 ? kPolicyColours[0] : kBarCovered);
        const std::string id = "##card-expiring-" + std::to_string(kOverviewExpiringDays[k]);
        if (Card(id.c_str(), size, title.c_str(), std::to_string(s.expiring[k]), sub, accent, true))
            app.page = Page::Renewals;
        ImGui::SameLine(0, gap);
    }

    // Cash balance and how far it carries the auto-renew charges.
    std::string balance = ws.account.cash_balance ? ws.account.cash_balance->display() : std::string("-");
    std::string sub;
    ImU32 subColour = 0;
    const bool pending = ForecastPending(s);
    const std::string computing = Format(Tr(TextId::OvwComputing), s.forecastProgress);
    if (!ws.account.cash_balance) {
        sub = Tr(TextId::OvwBalanceUnknown);
    } else if (pending) {
        sub = computing;
    } else if (f.first_short) {
        const LocalDate d = LocalDateOf(f.charges[*f.first_short].at, ws.rules.zone);
        sub = Format(Tr(TextId::OvwBalanceShortFrom), d.str().c_str());
        subColour = kWarning;
    } else {
        sub = Format(Tr(TextId::OvwBalanceCovers), kForecastMonths);
    }
    Card("##card-balance", size, Tr(TextId::CashBalance), balance, sub, IM_COL32(59, 169, 156, 255), false, subColour);
    ImGui::SameLine(0, gap);

    const std::string title = Format(Tr(TextId::OvwForecastTotal), kForecastMonths);
    if (Card("##card-forecast", size, title.c_str(),
             pending ? std::to_string(s.forecastProgress) + "%" : f.total.display(),
             pending ? computing : Format(Tr(TextId::OvwChargesCount), static_cast<int>(f.charges.size())),
             kPolicyColours[1], true))
        app.page = Page::Renewals;
}

// 按企业项目小计: each project's share of the forecast, month by month (core/engine/projects.h).
void DrawForecastByProject(const OverviewPageState& s)
{
    if (ForecastPending(s) || s.forecastByProject.empty()) return;
    const std::size_t n = s.forecast.months.size();
    ImGui::TextDisabled("%s", Tr(TextId::OvwByProject));
    if (!ImGui::BeginTable("##by-project", static_cast<int>(n) + 2,
                           ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollX))
        return;
    ImGui::TableSetupColumn(Tr(TextId::EnterpriseProject));
    for (const ForecastMonth& m : s.forecast.months) ImGui::TableSetupColumn(m.label().c_str());
    ImGui::TableSetupColumn(Tr(TextId::OvwTotal));
    ImGui::TableHeadersRow();
    for (const ProjectForecast& p : s.forecastByProject) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.project.empty() ? Tr(TextId::NoProject) : p.project.c_str());
        for (std::size_t m = 0; m < n; ++m) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m < p.months.size() ? p.months[m].display().c_str() : "");
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.total.display().c_str());
    }
    ImGui::EndTable();
}

// While the forecast is being built: a progress bar as tall as the chart (the page does not jump).
void DrawForecastProgress(const OverviewPageState& s, float em)
{
    // As tall as the chart, so the page does not jump when it is done.
    const float height = em * 10.0f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, height));
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + height * 0.4f));
    ImGui::ProgressBar(static_cast<float>(s.forecastProgress) / 100.0f, ImVec2(-1, 0),
                       Format(Tr(TextId::OvwForecastProgress), s.forecastProgress).c_str());
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + height));
    ImGui::Dummy(ImVec2(0, 0));
}

// The bars, the grid and the month labels; the hovered month (or -1).
int DrawForecastBars(const Forecast& f, ImVec2 p, float width, float height, bool hovered)
{
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float em = ImGui::GetFontSize();
    const std::size_t n = f.months.size();
    const float line = ImGui::GetTextLineHeight();
    const float top = p.y + line * 1.3f;              // room for the amount above the tallest bar
    const float bottom = p.y + height - line * 2.3f;  // room for the month and year under the axis
    const float slot = width / static_cast<float>(n);
    const float barWidth = std::max(2.0f, slot * 0.56f);
    Money max = Money::FromFen(1);
    for (const ForecastMonth& m : f.months) max = std::max(max, m.total);

    // Light grid at quarters of the maximum.
    for (int g = 1; g <= 4; ++g) {
        const float y = bottom - (bottom - top) * static_cast<float>(g) / 4.0f;
        dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + width, y), Col(ImGuiCol_Border), 1.0f);
    }
    dl->AddLine(ImVec2(p.x, bottom), ImVec2(p.x + width, bottom), Col(ImGuiCol_TextDisabled),
                std::max(1.0f, em * 0.07f));

    int hover = -1;
    if (hovered) {
        const float mx = ImGui::GetIO().MousePos.x - p.x;
        hover = std::clamp(static_cast<int>(mx / slot), 0, static_cast<int>(n) - 1);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const ForecastMonth& m = f.months[i];
        const float cx = p.x + slot * (static_cast<float>(i) + 0.5f);
        const bool isHover = static_cast<int>(i) == hover;
        if (isHover)
            dl->AddRectFilled(ImVec2(cx - slot * 0.5f, p.y), ImVec2(cx + slot * 0.5f, bottom),
                              Col(ImGuiCol_HeaderHovered));
        const bool short_ = f.first_short && m.count > 0 && m.first + m.count > *f.first_short;
        if (m.total.isPositive()) {
            // Heights in proportion to the amounts (fen, exact integers; only the pixel is a float).
            const double share = static_cast<double>(m.total.fen()) / static_cast<double>(max.fen());
            const float h = std::max(2.0f, static_cast<float>((bottom - top) * share));
            dl->AddRectFilled(
                ImVec2(cx - barWidth * 0.5f, bottom - h), ImVec2(cx + barWidth * 0.5f, bottom),
                short_ ? (isHover ? kBarShortHover : kBarShort) : (isHover ? kBarCoveredHover : kBarCovered),
                em * 0.12f, ImDrawFlags_RoundCornersTop);
            const std::string amount = FitMoney(m.total, slot * 0.96f);
            const ImVec2 ts = ImGui::CalcTextSize(amount.c_str());
            dl->AddText(ImVec2(cx - ts.x * 0.5f, bottom - h - line * 1.1f), Col(ImGuiCol_Text), amount.c_str());
        }
        const char* month = Tr(MonthName(m.month));
        const ImVec2 ms = ImGui::CalcTextSize(month);
        dl->AddText(ImVec2(cx - ms.x * 0.5f, bottom + line * 0.15f), Col(ImGuiCol_Text), month);
        if (i == 0 || m.month == 1) {
            const std::string year = std::to_string(m.year);
            const ImVec2 ys = ImGui::CalcTextSize(year.c_str());
            dl->AddText(ImVec2(cx - ys.x * 0.5f, bottom + line * 1.15f), Col(ImGuiCol_TextDisabled), year.c_str());
        }
    }

    return hover;
}

// The charges of the hovered month (the first few), with the late ones marked.
void DrawMonthTooltip(const Workspace& ws, const Forecast& f, const ForecastMonth& m)
{
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::BeginTooltip();
    const std::string ym = Format(Tr(TextId::OvwYearMonth), m.year, m.month);
    ImGui::TextUnformatted(
        Format(Tr(TextId::OvwMonthTip), ym.c_str(), m.total.display().c_str(), static_cast<int>(m.count)).c_str());
    constexpr std::size_t kShown = 8;
    if (m.count > 0) {
        ImGui::Separator();
        if (ImGui::BeginTable("##month-charges", 3, ImGuiTableFlags_SizingFixedFit)) {
            for (std::size_t j = m.first; j < m.first + std::min(m.count, kShown); ++j) {
                const ForecastCharge& c = f.charges[j];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string when = FormatIso(c.at, ws.rules.zone).substr(5, 11);  // "01-18T03:00"
                ImGui::TextUnformatted((when.substr(0, 5) + " " + when.substr(6, 5)).c_str());
                ImGui::TableNextColumn();
                // the charge names its main by position in this workspace (forecast.h): Refresh drops
                // the forecast when the workspace changes, so it is always the one it was taken of
                const ChargedInstance main = ChargedInstanceOf(ws, c);
                const std::string_view name = main.resource_name.empty() ? main.resource_id : main.resource_name;
                ImGui::TextUnformatted(name.data(), name.data() + name.size());
                if (c.late) {
                    ImGui::SameLine(0, 0);
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kWarning), "%s", Tr(TextId::OvwLateCharge));
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.amount.display().c_str());
            }
            ImGui::EndTable();
        }
        if (m.count > kShown)
            ImGui::TextDisabled("%s", Format(Tr(TextId::OvwMonthMore), static_cast<int>(m.count - kShown)).c_str());
    }
    ImGui::TextDisabled("%s", Tr(TextId::OvwOpenRenewals));
    ImGui::EndTooltip();
}

void DrawForecastChart(AppState& app, const OverviewPageState& s)
{
    const Workspace& ws = *app.workspace;
    const Forecast& f = s.forecast;
    const float em = ImGui::GetFontSize();
    SectionTitle(Format(Tr(TextId::OvwChartTitle), kForecastMonths).c_str());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", Format(Tr(TextId::OvwChartNote), ws.account.deduction_days_before).c_str());
    ImGui::PopTextWrapPos();
    if (ForecastPending(s)) {
        DrawForecastProgress(s, em);
        return;
    }
    if (f.charges.empty()) {
        ImGui::TextUnformatted(Format(Tr(TextId::OvwChartEmpty), kForecastMonths).c_str());
        if (!f.failures.empty())
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kWarning), "%s",
                               Format(Tr(TextId::OvwFailures), static_cast<int>(f.failures.size())).c_str());
        return;
    }

    const float width = ImGui::GetContentRegionAvail().x;
    const float height = em * 10.0f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##forecast-chart", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked();

    const int hover = DrawForecastBars(f, p, width, height, hovered);
    if (hover >= 0) DrawMonthTooltip(ws, f, f.months[static_cast<std::size_t>(hover)]);
    if (clicked) app.page = Page::Renewals;

    LegendSwatch(kBarCovered, Tr(TextId::OvwLegendCovered));
    if (f.first_short) {
        ImGui::SameLine(0, em * 1.2f);
        LegendSwatch(kBarShort, Tr(TextId::OvwLegendShort));
    }
    if (!f.failures.empty())
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kWarning), "%s",
                           Format(Tr(TextId::OvwFailures), static_cast<int>(f.failures.size())).c_str());
}

// The 7 / 15 / 30-day marks (the end of the day X days from today) and the dates under the axis.
void DrawTimelineMarks(ImDrawList* dl, ImVec2 p, float col, float top, float bottom, LocalDate today)
{
    const float em = ImGui::GetFontSize();
    const float line = ImGui::GetTextLineHeight();
    for (int mark : kOverviewExpiringDays) {
        const float x = p.x + col * static_cast<float>(mark + 1);
        DashedVLine(dl, x, top, bottom, Col(ImGuiCol_TextDisabled), em * 0.3f, std::max(1.0f, em * 0.07f));
        const std::string label = Format(Tr(TextId::OvwDays), mark);
        const ImVec2 ls = ImGui::CalcTextSize(label.c_str());
        dl->AddText(ImVec2(x - ls.x * 0.5f, p.y), Col(ImGuiCol_TextDisabled), label.c_str());
    }
    // Dates: today, then the first of each month (skipped when too close to the previous label).
    float lastRight = -1e9f;
    for (int d = 0; d < kOverviewTimelineDays; ++d) {
        const LocalDate date = today.plusDays(d);  // drawing: the axis' dates
        if (d != 0 && date.day() != 1) continue;
        const std::string label =
            d == 0 ? std::string(Tr(TextId::OvwToday)) : Format(Tr(TextId::OvwMonthDay), date.month(), date.day());
        const float x = p.x + col * static_cast<float>(d);
        if (x < lastRight + em * 0.5f) continue;
        dl->AddLine(ImVec2(x, bottom), ImVec2(x, bottom + line * 0.25f), Col(ImGuiCol_TextDisabled), 1.0f);
        dl->AddText(ImVec2(x, bottom + line * 0.2f), Col(ImGuiCol_TextDisabled), label.c_str());
        lastRight = x + ImGui::CalcTextSize(label.c_str()).x;
    }
}

// The hovered day: its count per renewal tab and the first instances expiring on it.
void DrawDayTooltip(const Workspace& ws, const OverviewPageState::Day& day, LocalDate date)
{
    const ZoneOffset zone = ws.rules.zone;
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(Format(Tr(TextId::OvwDayTip), date.str().c_str(), day.total()).c_str());
    for (std::size_t k = 0; k < 4; ++k) {
        if (day.byPolicy[k] == 0) continue;
        LegendSwatch(kPolicyColours[k],
                     Format("%s  %d", TabLabel(static_cast<RenewalPolicy>(k)), day.byPolicy[k]).c_str());
    }
    if (!day.first.empty()) {
        ImGui::Separator();
        for (std::size_t i : day.first) {
            const Resource& r = ws.resources[i];
            ImGui::TextUnformatted((LocalTimeOf(r.expire_time, zone).str() + "  " +
                                    (r.resource_name.empty() ? r.resource_id : r.resource_name))
                                       .c_str());
        }
        if (day.total() > static_cast<int>(day.first.size()))
            ImGui::TextDisabled(
                "%s", Format(Tr(TextId::OvwMonthMore), day.total() - static_cast<int>(day.first.size())).c_str());
    }
    if (day.total() > 0) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::TextDisabled("%s", Tr(TextId::OvwOpenRenewals));
    }
    ImGui::EndTooltip();
}

void DrawTimeline(AppState& app, const OverviewPageState& s)
{
    const Workspace& ws = *app.workspace;
    const ZoneOffset zone = ws.rules.zone;
    const LocalDate today = LocalDateOf(AsOf(app), zone);
    const float em = ImGui::GetFontSize();
    SectionTitle(Format(Tr(TextId::OvwTimelineTitle), kOverviewTimelineDays).c_str());
    ImGui::TextDisabled("%s", Tr(TextId::OvwTimelineNote));

    int maxCount = 0;
    std::array<int, 4> totals{};
    for (const OverviewPageState::Day& d : s.days) {
        maxCount = std::max(maxCount, d.total());
        for (std::size_t k = 0; k < 4; ++k) totals[k] += d.byPolicy[k];
    }

    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeight();
    const float height = em * 6.0f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##expiry-timeline", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float top = p.y + line * 1.2f;              // the 7 / 15 / 30 labels
    const float bottom = p.y + height - line * 1.3f;  // the dates under the axis
    const float col = width / static_cast<float>(kOverviewTimelineDays);

    int hover = -1;
    if (hovered)
        hover = std::clamp(static_cast<int>((ImGui::GetIO().MousePos.x - p.x) / col), 0, kOverviewTimelineDays - 1);
    if (hover >= 0)
        dl->AddRectFilled(ImVec2(p.x + col * static_cast<float>(hover), top),
                          ImVec2(p.x + col * static_cast<float>(hover + 1), bottom), Col(ImGuiCol_HeaderHovered));

    // Columns: stacked by policy, height in proportion to the count (at least 3 px for one instance).
    const float gapPx = col > 4.0f ? 1.0f : 0.0f;
    for (int d = 0; d < kOverviewTimelineDays && maxCount > 0; ++d) {
        const OverviewPageState::Day& day = s.days[static_cast<std::size_t>(d)];
        if (day.total() == 0) continue;
        const float x0 = p.x + col * static_cast<float>(d) + gapPx, x1 = p.x + col * static_cast<float>(d + 1) - gapPx;
        const float full =
            std::max(em * 0.3f, (bottom - top) * static_cast<float>(day.total()) / static_cast<float>(maxCount));
        float y = bottom;
        for (std::size_t k = 0; k < 4; ++k) {
            if (day.byPolicy[k] == 0) continue;
            const float h = full * static_cast<float>(day.byPolicy[k]) / static_cast<float>(day.total());
            dl->AddRectFilled(ImVec2(x0, y - h), ImVec2(x1, y), kPolicyColours[k]);
            y -= h;
        }
    }
    dl->AddLine(ImVec2(p.x, bottom), ImVec2(p.x + width, bottom), Col(ImGuiCol_TextDisabled),
                std::max(1.0f, em * 0.07f));

    DrawTimelineMarks(dl, p, col, top, bottom, today);

    if (hover >= 0) {
        const OverviewPageState::Day& day = s.days[static_cast<std::size_t>(hover)];
        const LocalDate date = today.plusDays(hover);  // drawing: the hovered day of the axis
        DrawDayTooltip(ws, day, date);
        if (clicked && day.total() > 0) app.page = Page::Renewals;
    }
    if (maxCount == 0) ImGui::TextDisabled("%s", Format(Tr(TextId::OvwTimelineEmpty), kOverviewTimelineDays).c_str());

    for (std::size_t k = 0; k < 4; ++k) {
        if (k > 0) ImGui::SameLine(0, em * 1.2f);
        LegendSwatch(kPolicyColours[k], Format("%s  %d", TabLabel(static_cast<RenewalPolicy>(k)), totals[k]).c_str());
    }
}

void DrawCounts(const AppState& app, const OverviewPageState& s)
{
    const Workspace& ws = *app.workspace;
    SectionTitle(Tr(TextId::OvwCounts));
    std::string statuses;
    for (std::size_t k = 0; k < s.byStatus.size(); ++k)
        statuses += Format("%s%s %d", k ? "   " : "", Label(static_cast<ResourceStatus>(k)), s.byStatus[k]);
    ImGui::Text("%s %zu:   %s", Tr(TextId::Resources), ws.resources.size(), statuses.c_str());
    ImGui::Text("%s %zu:   %s %d", Tr(TextId::Orders), ws.orders.size(), Tr(TextId::OvwPendingOrders), s.pendingOrders);
    ImGui::Text("%s %zu   %s %zu   %s %zu", Tr(TextId::Products), ws.products.size(), Tr(TextId::Coupons),
                ws.coupons.size(), Tr(TextId::ExportRecordsCount), ws.export_records.size());
}

}  // namespace

void DrawOverviewPage(AppState& state)
{
    PageHeader(TextId::NavOverview, TextId::IntroOverview);
    if (!state.workspace) {
        ImGui::Text("%s: %s", Tr(TextId::Workspace), Tr(TextId::NoWorkspace));
        ImGui::Spacing();
        ImGui::TextDisabled("%s", Tr(TextId::LocalOnlyNote));
        return;
    }
    OverviewPageState& s = state.overview;
    Refresh(state, s);
    const Workspace& ws = *state.workspace;
    const float em = ImGui::GetFontSize();

    ImGui::TextDisabled("%s   %s", ws.account.name.c_str(),
                        Format(Tr(TextId::OvwAsOfLine), ConsoleTime(ws, AsOf(state)).c_str()).c_str());
    DrawCards(state, s);
    ImGui::Dummy(ImVec2(0, em * 0.4f));
    DrawForecastChart(state, s);
    DrawForecastByProject(s);
    ImGui::Dummy(ImVec2(0, em * 0.4f));
    DrawTimeline(state, s);
    ImGui::Dummy(ImVec2(0, em * 0.4f));
    DrawCounts(state, s);
    ImGui::Spacing();
    ImGui::TextDisabled("%s", Tr(TextId::LocalOnlyNote));
}

}  // namespace qd::ui
