#include "ui/app.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/labels.h"
#include "ui/open_progress.h"
#include "ui/pages.h"
#include "ui/platform.h"
#include "ui/shortcuts.h"
#include "ui/widgets.h"

namespace qd::ui {
namespace {

struct PageInfo {
    Page page;
    TextId title;
    void (*draw)(AppState&);
};

constexpr PageInfo kPages[] = {
    {Page::Overview, TextId::NavOverview, DrawOverviewPage},
    {Page::PendingOrders, TextId::NavPendingOrders, DrawPendingOrdersPage},
    {Page::Renewals, TextId::NavRenewals, DrawRenewalsPage},
    {Page::MyOrders, TextId::NavMyOrders, DrawMyOrdersPage},
    {Page::Unsubscribe, TextId::NavUnsubscribe, DrawUnsubscribePage},
    {Page::ExportRecords, TextId::NavExportRecords, DrawExportRecordsPage},
    {Page::QuoteCalculator, TextId::NavQuoteCalculator, DrawQuoteCalculatorPage},
    {Page::Settings, TextId::NavSettings, DrawSettingsPage},
};
static_assert(sizeof(kPages) / sizeof(kPages[0]) == static_cast<int>(Page::Count), "one PageInfo per Page");

const PageInfo& Info(Page p) { return kPages[static_cast<int>(p)]; }

void DrawTopBar(AppState& state)
{
    ImGui::TextUnformatted(Tr(TextId::BillingCenter));
    ImGui::SameLine();
    ImGui::TextDisabled(">");
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(TextId::OrderManagement));
    ImGui::SameLine();
    ImGui::TextDisabled(">");
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(PageTitle(state.page)));

    // Language switch on the right, as on the console's header.
    const char* other = CurrentLang() == Lang::Zh ? Tr(TextId::LangEn) : Tr(TextId::LangZh);
    float w = ImGui::CalcTextSize(other).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
    if (ImGui::SmallButton(other)) SetLang(CurrentLang() == Lang::Zh ? Lang::En : Lang::Zh);
}

void DrawNavigation(AppState& state)
{
    ImGui::Spacing();
    ImGui::TextDisabled("%s", Tr(TextId::OrderManagement));
    ImGui::Spacing();
    for (const PageInfo& p : kPages) {
        if (p.page == Page::Overview || p.page == Page::QuoteCalculator) {
            ImGui::Spacing();
            ImGui::Separator();
            ImGui::Spacing();
        }
        if (ImGui::Selectable(Tr(p.title), state.page == p.page, 0, ImVec2(0, ImGui::GetTextLineHeight() * 1.9f)))
            state.page = p.page;
    }
}

}  // namespace

TextId PageTitle(Page page) { return Info(page).title; }

Instant AsOf(const AppState& state)
{
    return state.workspace && state.workspace->as_of ? *state.workspace->as_of : state.clock;
}

void MarkChanged(AppState& state) { ++state.revision; }

void StartHistory(AppState& state)
{
    if (state.workspace) state.history.reset(*state.workspace);
    else state.history = WorkspaceHistory{};
    state.historyRevision = state.revision;
}

namespace {

// A change since the last frame goes into the log, with an undo step (docs/architecture.md §7).
void CommitChanges(AppState& state)
{
    if (state.revision == state.historyRevision) return;
    state.historyRevision = state.revision;
    if (state.workspace) state.history.commit(*state.workspace, state.clock, QuoteLanguage());
}

// A step of the history is a change of the workspace like any other (views rebuild, the shell saves)
// that the history itself does not log again.
bool Step(AppState& state, bool forward)
{
    CommitChanges(state);
    if (!state.workspace) return false;
    if (!(forward ? state.history.redo(*state.workspace) : state.history.undo(*state.workspace))) return false;
    MarkChanged(state);
    state.historyRevision = state.revision;
    return true;
}

void UndoShortcuts(AppState& state)
{
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl || io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)) Step(state, io.KeyShift);
    else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) Step(state, true);
}

}  // namespace

bool UndoChange(AppState& state) { return Step(state, false); }
bool RedoChange(AppState& state) { return Step(state, true); }

ImFont* HeadingFont()
{
    ImGuiIO& io = ImGui::GetIO();
    return io.Fonts->Fonts.Size > 1 ? io.Fonts->Fonts[1] : ImGui::GetFont();
}

namespace {

// Heading text known before the first frame (both languages): the page titles (PageHeader) and the
// texts other views draw in HeadingFont() (section titles, totals, results). Their numbers and money
// are printable ASCII and ¥, registered too.
constexpr TextId kHeadingTexts[] = {
    TextId::OvwChartTitle, TextId::OvwTimelineTitle, TextId::OvwCounts, TextId::OvwCompactBig, TextId::OvwCompactSmall,
    TextId::RnwTotal,      TextId::RenewalAmount,    TextId::OdlPaid,   TextId::UnsDone,       TextId::UnsActualRefund,
};

struct HeadingChars {
    std::vector<unsigned int> codepoints;  // ascending; only ever grows

    void Add(std::string_view utf8)
    {
        const char* p = utf8.data();
        const char* end = p + utf8.size();
        while (p < end) {
            unsigned int c = 0;
            const int n = ImTextCharFromUtf8(&c, p, end);
            if (n <= 0) break;
            p += n;
            if (c < 0x20) continue;
            const auto at = std::lower_bound(codepoints.begin(), codepoints.end(), c);
            if (at != codepoints.end() && *at == c) continue;
            codepoints.insert(at, c);
        }
    }
};

HeadingChars& Headings()
{
    static HeadingChars h = [] {
        HeadingChars init;
        for (char c = 0x20; c < 0x7f; ++c) init.Add(std::string_view(&c, 1));
        init.Add("¥");
        for (Lang lang : {Lang::Zh, Lang::En}) {
            for (const PageInfo& p : kPages) init.Add(Tr(p.title, lang));
            for (TextId t : kHeadingTexts) init.Add(Tr(t, lang));
        }
        return init;
    }();
    return h;
}

}  // namespace

void NoteHeadingText(std::string_view utf8) { Headings().Add(utf8); }

void HeadingText(const char* utf8)
{
    NoteHeadingText(utf8);
    ImGui::PushFont(HeadingFont());
    ImGui::TextUnformatted(utf8);
    ImGui::PopFont();
}

const std::vector<unsigned int>& HeadingCodepoints() { return Headings().codepoints; }

void PageHeader(TextId title, TextId intro)
{
    HeadingText(Tr(title));
    ImGui::TextWrapped("%s", Tr(intro));
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
}

// After opening Huawei responses: "opened N, skipped K" with the list one click away, and the question
// a bare renew-rate response asks (docs/huawei-data.md). What was skipped and why is the core's report.
static void DrawImportReport()
{
    const DataStatus& data = GetDataStatus();
    static bool listOpen = false;
    if (data.importReport) {
        char line[256];
        std::snprintf(line, sizeof line, Tr(TextId::ImpOpened), data.importRecords, data.importSkipped);
        std::string text = line;
        if (data.importWarnings.size() > data.importSkipped) {
            std::snprintf(line, sizeof line, Tr(TextId::ImpNotes), data.importWarnings.size() - data.importSkipped);
            text += line;
        }
        const ImVec4 colour =
            data.importSkipped > 0 ? ImVec4(0.80f, 0.45f, 0.0f, 1.0f) : ImVec4(0.1f, 0.55f, 0.2f, 1.0f);
        ImGui::TextColored(colour, "%s", text.c_str());
        if (!data.importWarnings.empty()) {
            ImGui::SameLine();
            if (ImGui::SmallButton(Tr(listOpen ? TextId::ImpHide : TextId::ImpShow))) listOpen = !listOpen;
        }
        ImGui::SameLine();
        if (ImGui::SmallButton(Tr(TextId::PltDismiss))) {
            listOpen = false;
            DismissImportReport();
        }
    } else {
        listOpen = false;
    }
    if (listOpen) {
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                                ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 44, ImGui::GetFontSize() * 22), ImGuiCond_Appearing);
        if (ImGui::Begin(Tr(TextId::ImpReportTitle), &listOpen, ImGuiWindowFlags_NoSavedSettings)) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", Tr(TextId::ImpReportIntro));
            for (const std::string& w : data.importWarnings) {
                ImGui::Bullet();
                ImGui::TextWrapped("%s", w.c_str());
            }
            ImGui::PopTextWrapPos();
        }
        ImGui::End();
    }
    if (data.askRenewRatePeriod) {
        ImGui::OpenPopup("##renew-rate-period");
        if (ImGui::BeginPopupModal("##renew-rate-period", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
            ImGui::TextUnformatted(Tr(TextId::ImpAskPeriodTitle));
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextWrapped("%s", Tr(TextId::ImpAskPeriod));
            ImGui::PopTextWrapPos();
            char label[64];
            for (int m = 1; m <= 11; ++m) {  // the API prices 1-11 months or 1-3 years
                std::snprintf(label, sizeof label, Tr(TextId::ImpMonths), m);
                if (m > 1 && m != 7) ImGui::SameLine();
                if (ImGui::SmallButton(label)) OpenWithRenewRatePeriod(false, m);
            }
            for (int y = 1; y <= 3; ++y) {
                std::snprintf(label, sizeof label, Tr(TextId::ImpYears), y);
                if (y > 1) ImGui::SameLine();
                if (ImGui::SmallButton(label)) OpenWithRenewRatePeriod(true, y);
            }
            ImGui::Spacing();
            if (ImGui::Button(Tr(TextId::PltCancel))) CancelRenewRatePeriod();
            ImGui::EndPopup();
        }
    }
}

// [SECTION] The address (docs/architecture.md §8)

static void DrawAddressNotice(AppState& state)
{
    if (state.addressNotice.empty()) return;
    ImGui::TextColored(WarningColour(), "%s", state.addressNotice.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton((std::string(Tr(TextId::PltDismiss)) + "##address").c_str())) state.addressNotice.clear();
}

// After the frame: the address of what is on screen. A new page, tab, filter choice or details panel
// adds a history entry; a search typed, or a view settling after OpenAddress, replaces the current one.
static void SyncAddress(AppState& state)
{
    const ViewAddress now = AddressOf(state);
    const std::string text = FormatViewAddress(now);
    const bool settling = state.addressSettling > 0;
    if (settling) --state.addressSettling;
    if (text == state.fragment) return;
    state.fragmentPush =
        !settling && !state.fragment.empty() && !DiffersOnlyInTypedKeys(ParseViewAddress(state.fragment).address, now);
    state.fragment = text;
}

void DrawApp(AppState& state)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    // No window here draws a background (see FrameClearColor): the frame is cleared with the page's
    // surface colour, and the console's own colour is painted in the gutters below.
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                             ImGuiWindowFlags_NoBackground;
    ImGui::Begin("##console", nullptr, flags);
    CommitChanges(state);
    UndoShortcuts(state);
    DrawShortcutsDialog();  // `?`: every key of the console (ui/shortcuts.h)

    ClosePopupsIfAsked(state);
    FinishOpenAddress(state);
    DrawTopBar(state);
    DrawImportReport();
    DrawAddressNotice(state);
    ImGui::Separator();

    // Square corners: with rounded ones, the gutters' colour would have to show in them.
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
    const float navWidth = 184.0f * state.scale;
    ImGui::BeginChild("##nav", ImVec2(navWidth, 0), true, ImGuiWindowFlags_NoBackground);
    DrawNavigation(state);
    ImGui::EndChild();
    const ImRect nav(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());

    ImGui::SameLine();
    ImGui::BeginChild("##page", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
    Info(state.page).draw(state);
    ImGui::EndChild();
    const ImRect page(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopStyleVar();
    DrawOpenProgress();  // over the page: the bar of an open in progress (ui/open_progress.h)

    // The gutters: the screen but the two panels (side by side, the same height). And the navigation's
    // border, which ImGui draws only with the background.
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->AddRect(nav.Min, nav.Max, ImGui::GetColorU32(ImGuiCol_Border), 0.0f, 0, ImGui::GetStyle().ChildBorderSize);
    const ImU32 gutter = ImGui::GetColorU32(ImGuiCol_WindowBg);
    if (gutter != ImGui::ColorConvertFloat4ToU32(FrameClearColor())) {
        const ImVec2 a = vp->Pos, b(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y);
        dl->AddRectFilled(a, ImVec2(b.x, nav.Min.y), gutter);  // top bar
        dl->AddRectFilled(ImVec2(a.x, nav.Max.y), b, gutter);  // below
        dl->AddRectFilled(ImVec2(a.x, nav.Min.y), ImVec2(nav.Min.x, nav.Max.y), gutter);
        dl->AddRectFilled(ImVec2(nav.Max.x, nav.Min.y), ImVec2(page.Min.x, nav.Max.y), gutter);
        dl->AddRectFilled(ImVec2(page.Max.x, nav.Min.y), ImVec2(b.x, nav.Max.y), gutter);
    }

    ImGui::End();
    SyncAddress(state);
}

ImVec4 FrameClearColor()
{
    // ChildBg over WindowBg: in the light theme white, in the dark one (transparent ChildBg) WindowBg.
    const ImVec4* c = ImGui::GetStyle().Colors;
    const ImVec4 child = c[ImGuiCol_ChildBg], window = c[ImGuiCol_WindowBg];
    const float k = child.w;
    return ImVec4(child.x * k + window.x * (1 - k), child.y * k + window.y * (1 - k), child.z * k + window.z * (1 - k),
                  1.0f);
}

void ApplyTheme(Theme theme, float scale)
{
    ImGuiStyle style;  // fresh defaults, so repeated calls do not compound ScaleAllSizes
    if (theme == Theme::Dark) {
        ImGui::StyleColorsDark(&style);
    } else {
        ImGui::StyleColorsLight(&style);
        // Closer to the console: white surfaces, grey borders, blue selection.
        ImVec4* c = style.Colors;
        c[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.97f, 0.98f, 1.0f);
        c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
        c[ImGuiCol_Border] = ImVec4(0.86f, 0.87f, 0.89f, 1.0f);
        c[ImGuiCol_Header] = ImVec4(0.89f, 0.93f, 1.0f, 1.0f);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.93f, 0.95f, 1.0f, 1.0f);
        c[ImGuiCol_HeaderActive] = ImVec4(0.82f, 0.88f, 1.0f, 1.0f);
        c[ImGuiCol_Button] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.86f, 0.90f, 1.0f, 1.0f);
        c[ImGuiCol_ButtonActive] = ImVec4(0.78f, 0.85f, 1.0f, 1.0f);
        c[ImGuiCol_Text] = ImVec4(0.15f, 0.16f, 0.18f, 1.0f);
        c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
        c[ImGuiCol_FrameBgHovered] = ImVec4(0.94f, 0.96f, 1.0f, 1.0f);
        c[ImGuiCol_FrameBgActive] = ImVec4(0.89f, 0.93f, 1.0f, 1.0f);
        c[ImGuiCol_CheckMark] = ImVec4(0.32f, 0.43f, 0.80f, 1.0f);
        c[ImGuiCol_TableHeaderBg] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
        c[ImGuiCol_TableRowBgAlt] = ImVec4(0.97f, 0.98f, 0.99f, 1.0f);
    }
    style.FrameBorderSize = 1.0f;  // inputs, checkboxes and radios need an outline on white
    style.WindowRounding = 0.0f;
    style.ChildRounding = 2.0f;
    style.FrameRounding = 2.0f;
    style.WindowPadding = ImVec2(12, 10);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    style.SelectableTextAlign = ImVec2(0.0f, 0.5f);  // navigation labels centred in their rows
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace qd::ui
