// 设置: language, theme, the data section (open files, save, sample, browser storage: the web
// platform's, ui/platform.h), the as-of clock (what-if date) and the rule profile (docs/rules.md §6) in
// words: each key's name, sentence, control of its kind, unit, range, default and source (RuleInfos(),
// core/model/rules.h), checked by the core (SetRule) with the refusal shown at the field, and reset to
// defaults. Rule edits belong to the workspace (saved in its `rules` as JSON, only what differs).
//
// Index (search "[SECTION] name"):
//   [SECTION] View state and as-of clock
//   [SECTION] Rule profile in words (设置 > 计费规则, docs/rules.md §6)
//   [SECTION] Data and history (设置 > 数据)
//   [SECTION] The page
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/rules.h"
#include "ui/labels.h"
#include "ui/pages.h"
#include "ui/platform.h"
#include "ui/rule_words.h"
#include "ui/widgets.h"

namespace qd::ui {
namespace {

// [SECTION] View state and as-of clock

// The edit of one rule: the text (times, offsets, amounts) or number being typed, the fee table's
// cells, and the refusal of the last value tried.
struct RuleEdit {
    char text[64] = {};
    long long number = 0;
    std::vector<int> terms;                     // fee_table: the rows' terms in months (1 = "month", 12 = "1y")
    std::vector<std::vector<long long>> cells;  // fee_table: percentages by row, year of use
    std::string error;
};

struct SettingsView {
    std::map<std::string, RuleEdit, std::less<>> edits;  // key -> the text being edited
    uint64_t builtFor = UINT64_MAX;                      // revision the texts were filled from
    char asOf[64] = {};
    std::string asOfError;
    bool restoreOpening = false;  // 恢复示例 asked: open its confirmation
    bool restoreOpen = false;
};

SettingsView g_view;

void Refill(const Workspace& ws, uint64_t revision)
{
    for (std::string_view key : RuleKeys()) {
        RuleEdit& e = g_view.edits[std::string(key)];
        const nlohmann::json value = RuleValue(ws.rules, key);
        std::snprintf(e.text, sizeof e.text, "%s", value.is_string() ? value.get<std::string>().c_str() : "");
        e.number = value.is_number_integer() ? value.get<long long>() : 0;
        e.cells.clear();
        e.terms.clear();
        for (const FeeRow& row : ws.rules.fee_table) e.terms.push_back(row.term_months);
        for (const FeeRow& row : ws.rules.fee_table)
            e.cells.emplace_back(row.percent_by_year.begin(), row.percent_by_year.end());
        e.error.clear();
    }
    std::string asOf = ws.as_of ? FormatIso(*ws.as_of, ws.rules.zone) : "";
    std::snprintf(g_view.asOf, sizeof g_view.asOf, "%s", asOf.c_str());
    g_view.asOfError.clear();
    g_view.builtFor = revision;
}

void DrawAsOf(AppState& state)
{
    Workspace& ws = *state.workspace;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(TextId::AsOf));
    ImGui::SameLine(160 * state.scale);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    bool enter = ImGui::InputTextWithHint("##asof", Tr(TextId::AsOfHint), g_view.asOf, sizeof g_view.asOf,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::Apply)) || enter) {
        InstantParse p = ParseInstant(g_view.asOf);
        if (p.ok) {
            ws.as_of = p.value;
            ++state.revision;
        } else g_view.asOfError = p.error;
    }
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::UseRealClock))) {
        ws.as_of.reset();
        ++state.revision;
    }
    if (!g_view.asOfError.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", g_view.asOfError.c_str());
    ImGui::TextDisabled("%s", Tr(TextId::AsOfExplain));
}

// [SECTION] Rule profile in words (设置 > 计费规则, docs/rules.md §6)
// What each key is, its control, unit, range, default and source come from the core (RuleInfos(),
// core/model/rules.h); a value goes through SetRule, the rules' one validation, and a refusal is
// shown at its field with the core's reason. The names and sentences are the UI's (text_settings.inc):
// tests/core/test_rule_info.cpp checks that every key and every choice has a row here.

// Tries one value through the core. Taken: the workspace changes (saved, logged, every quote follows).
// Refused: the field keeps what was typed and shows why.
void TryRule(AppState& state, const RuleInfo& info, const nlohmann::json& value, RuleEdit& e)
{
    Workspace& ws = *state.workspace;
    RuleProfile changed = ws.rules;
    std::string error;
    if (!SetRule(changed, info.key, value, error)) {
        const std::string need = NeedWords(info);
        e.error = std::string(Tr(TextId::RulRefused)) + (need.empty() ? error : need + " (" + error + ")");
        return;
    }
    e.error.clear();
    if (changed == ws.rules) return;
    ws.rules = changed;
    ++state.revision;
}

// The fee table as a grid: a row per term, a column per year of use (later years repeat a row's last
// value, shown greyed), + / − a year, remove a term, add a term.
void DrawFeeTable(AppState& state, const RuleInfo& info, RuleEdit& e)
{
    std::size_t years = 1;
    for (const auto& row : e.cells) years = std::max(years, row.size());
    bool commit = false;
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInner | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("##fee-grid", static_cast<int>(years) + 2, flags)) {
        ImGui::TableSetupColumn(Tr(TextId::RulFeeTerm));
        for (std::size_t y = 0; y < years; ++y) {
            const std::string head =
                Format(Tr(TextId::RulFeeYear), static_cast<int>(y + 1)) + "##y" + std::to_string(y);
            ImGui::TableSetupColumn(head.c_str());
        }
        ImGui::TableSetupColumn("##actions");
        ImGui::TableHeadersRow();
        const float cellWidth = ImGui::GetFontSize() * 2.8f;
        for (std::size_t r = 0; r < e.cells.size() && r < e.terms.size(); ++r) {
            ImGui::PushID(static_cast<int>(r));
            auto& row = e.cells[r];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(TermWords(e.terms[r]).c_str());
            for (std::size_t y = 0; y < years; ++y) {
                ImGui::TableNextColumn();
                if (y < row.size()) {
                    ImGui::PushID(static_cast<int>(y));
                    ImGui::SetNextItemWidth(cellWidth);
                    commit |= ImGui::InputScalar("##cell", ImGuiDataType_S64, &row[y], nullptr, nullptr, "%lld",
                                                 ImGuiInputTextFlags_EnterReturnsTrue);
                    ImGui::PopID();
                } else if (!row.empty()) {
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextDisabled("%lld", row.back());
                }
            }
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(row.size() >= static_cast<std::size_t>(kFeeTableMaxYears));
            if (ImGui::SmallButton(Tr(TextId::RulFeeAddYear))) {
                row.push_back(row.empty() ? 0 : row.back());
                commit = true;
            }
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(row.size() <= 1);
            if (ImGui::SmallButton(Tr(TextId::RulFeeRemoveYear))) {
                row.pop_back();
                commit = true;
            }
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(e.cells.size() <= 1);
            if (ImGui::SmallButton(Tr(TextId::RulFeeRemoveTerm))) {
                e.cells.erase(e.cells.begin() + static_cast<std::ptrdiff_t>(r));
                e.terms.erase(e.terms.begin() + static_cast<std::ptrdiff_t>(r));
                commit = true;
            }
            ImGui::EndDisabled();
            ImGui::PopID();
            if (commit) break;  // the rows changed: draw them again next frame
        }
        ImGui::EndTable();
    }
    // Add a term the table lacks; it starts as a copy of the row that priced it until now.
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (ImGui::BeginCombo("##fee-add", Tr(TextId::RulFeeAddTerm))) {
        for (int termYears = 0; termYears <= kFeeTableMaxTermYears; ++termYears) {
            const int term = termYears == 0 ? 1 : termYears * 12;
            if (std::find(e.terms.begin(), e.terms.end(), term) != e.terms.end()) continue;
            if (ImGui::Selectable(TermWords(term).c_str())) {
                std::size_t from = 0;  // the longest row not longer, else the shortest (RuleProfile::feePercent)
                for (std::size_t i = 0; i < e.terms.size(); ++i)
                    if (e.terms[i] <= term && e.terms[i] >= e.terms[from]) from = i;
                e.terms.push_back(term);
                e.cells.push_back(e.cells.empty() ? std::vector<long long>{0} : e.cells[from]);
                commit = true;
            }
        }
        ImGui::EndCombo();
    }
    if (!commit) return;
    nlohmann::json table = nlohmann::json::object();
    for (std::size_t r = 0; r < e.cells.size() && r < e.terms.size(); ++r)
        table[e.terms[r] == 1 ? std::string("month") : std::to_string(e.terms[r] / 12) + "y"] = e.cells[r];
    TryRule(state, info, table, e);
}

// The refusal under a field; also a labelled item of the frame (items, not pixels, are what the
// browser tests read: wasm/web/ui_locator.h), kept out of keyboard navigation.
void RefusalText(const std::string& text)
{
    ErrorText(text);
    ImGuiContext& g = *GImGui;
    const ImGuiID id = ImGui::GetID("##refusal");
    ImGui::ItemAdd(ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()), id, nullptr, ImGuiItemFlags_NoNav);
    IMGUI_TEST_ENGINE_ITEM_INFO(id, text.c_str(), 0);
    (void)g;
}

// The control of one rule, by its kind.
void DrawRuleControl(AppState& state, const RuleInfo& info, RuleEdit& e)
{
    const std::string id = "##rule-" + std::string(info.key);
    const float em = ImGui::GetFontSize();
    switch (info.kind) {
        case RuleKind::Number: {
            // No step buttons: a number is typed (and the field keeps its label's id for the tests).
            ImGui::SetNextItemWidth(em * 9);
            if (ImGui::InputScalar(id.c_str(), ImGuiDataType_S64, &e.number, nullptr, nullptr, "%lld",
                                   ImGuiInputTextFlags_EnterReturnsTrue))
                TryRule(state, info, nlohmann::json(e.number), e);
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(UnitWords(info.unit));
            ImGui::TextDisabled(
                "%s", Format(Tr(TextId::RulRange), static_cast<long long>(info.min), static_cast<long long>(info.max))
                          .c_str());
            break;
        }
        case RuleKind::Choice: {
            const std::string current = RuleValue(state.workspace->rules, info.key).get<std::string>();
            ImGui::SetNextItemWidth(-FLT_MIN);
            if (ImGui::BeginCombo(id.c_str(), ChoiceLabel(info.key, current).c_str())) {
                for (std::string_view choice : info.choices) {
                    const std::string label = ChoiceLabel(info.key, choice) + "##" + std::string(choice);
                    if (ImGui::Selectable(label.c_str(), choice == current))
                        TryRule(state, info, nlohmann::json(std::string(choice)), e);
                }
                ImGui::EndCombo();
            }
            break;
        }
        case RuleKind::Time:
        case RuleKind::Offset:
        case RuleKind::Money: {
            ImGui::SetNextItemWidth(em * 9);
            if (ImGui::InputText(id.c_str(), e.text, sizeof e.text, ImGuiInputTextFlags_EnterReturnsTrue))
                TryRule(state, info, nlohmann::json(std::string(e.text)), e);
            if (info.unit != RuleUnit::None) {
                ImGui::SameLine();
                ImGui::TextUnformatted(UnitWords(info.unit));
            }
            break;
        }
        case RuleKind::FeeTable: DrawFeeTable(state, info, e); break;
    }
    if (!e.error.empty()) RefusalText(e.error);
}

// Where the rule comes from: the seed section, the assumption of docs/rules.md §7, the section, Huawei.
void DrawRuleSource(const RuleInfo& info)
{
    ImGui::PushTextWrapPos(0.0f);
    if (!info.seed.empty()) ImGui::TextUnformatted(Format(Tr(TextId::RulSeed), std::string(info.seed).c_str()).c_str());
    if (info.assumption > 0) ImGui::TextUnformatted(Format(Tr(TextId::RulAssumption), info.assumption).c_str());
    ImGui::TextDisabled("%s", Format(Tr(TextId::RulSection), std::string(info.section).c_str()).c_str());
    if (!info.huawei.empty()) ImGui::TextDisabled("%s", std::string(info.huawei).c_str());
    ImGui::PopTextWrapPos();
}

void DrawRules(AppState& state)
{
    Workspace& ws = *state.workspace;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", Tr(TextId::RulExplain));
    ImGui::PopTextWrapPos();
    const RuleProfile defaults;
    ImGui::BeginDisabled(ws.rules == defaults);
    if (ImGui::Button(Tr(TextId::ResetToDefaults))) {
        ws.rules = RuleProfile{};
        ++state.revision;
    }
    ImGui::EndDisabled();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##rules", 4, flags)) return;
    ImGui::TableSetupColumn(Tr(TextId::RulColRule), ImGuiTableColumnFlags_WidthStretch, 1.9f);
    ImGui::TableSetupColumn(Tr(TextId::RulColValue), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(Tr(TextId::RulColDefault), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(Tr(TextId::RulColSource), ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableHeadersRow();
    for (const RuleInfo& info : RuleInfos()) {
        RuleEdit& e = g_view.edits[std::string(info.key)];
        const RuleWords* words = WordsOf(info.key);
        const bool changed = RuleValue(ws.rules, info.key) != RuleValue(defaults, info.key);
        ImGui::PushID(info.key.data(), info.key.data() + info.key.size());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(words ? Tr(words->name) : std::string(info.key).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", std::string(info.key).c_str());
        if (words) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", Tr(words->sentence));
            ImGui::PopTextWrapPos();
        }
        ImGui::TableNextColumn();
        DrawRuleControl(state, info, e);
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(ValueWords(info, defaults).c_str());
        ImGui::PopTextWrapPos();
        if (changed) {  // differs from the default: said, with the way back
            ImGui::TextColored(WarningColour(), "%s", Tr(TextId::RulChanged));
            ImGui::SameLine();
            if (ImGui::SmallButton(Tr(TextId::RulResetOne))) TryRule(state, info, RuleValue(defaults, info.key), e);
        }
        ImGui::TableNextColumn();
        DrawRuleSource(info);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// [SECTION] Data and history (设置 > 数据)

std::string ShownTime(const AppState& state, Instant t)
{
    return state.workspace ? ConsoleTime(*state.workspace, t) : FormatConsole(t, ZoneOffset::China());
}

// 数据: where the workspace came from, the three actions, browser storage, the last refused open.
void DrawData(AppState& state)
{
    const DataStatus& data = GetDataStatus();
    const ImVec4 red(0.75f, 0.1f, 0.1f, 1), green(0.13f, 0.5f, 0.2f, 1);
    const float labelX = 160 * state.scale;

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(TextId::PltSourceLabel));
    ImGui::SameLine(labelX);
    switch (data.source) {
        case WorkspaceSource::None: ImGui::TextUnformatted(Tr(TextId::PltSourceNone)); break;
        case WorkspaceSource::Sample: ImGui::TextUnformatted(Tr(TextId::PltSourceSample)); break;
        case WorkspaceSource::Files: ImGui::Text("%s%s", Tr(TextId::PltSourceFiles), data.fileNames.c_str()); break;
        case WorkspaceSource::BrowserStorage:
            ImGui::TextColored(green, "%s%s", Tr(TextId::PltRestoredFrom),
                               data.restoredSavedAt ? ShownTime(state, *data.restoredSavedAt).c_str() : "");
            break;
    }

    ImGui::Dummy(ImVec2(labelX - ImGui::GetStyle().ItemSpacing.x, 0));
    ImGui::SameLine(labelX);
    if (ImGui::Button(Tr(TextId::PltOpenFiles))) OpenFilePicker();
    ImGui::SameLine();
    if (!state.workspace) ImGui::BeginDisabled();
    if (ImGui::Button(Tr(TextId::PltSaveWorkspace))) DownloadWorkspace();
    if (!state.workspace) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::PltRestoreSample))) {
        if (data.source == WorkspaceSource::Sample) RestoreSample();  // nothing of the user's to lose
        else g_view.restoreOpening = true;
    }
    const std::string restoreTitle = std::string(Tr(TextId::PltRestoreSample)) + "###restore-sample";
    if (BeginDialog(restoreTitle.c_str(), &g_view.restoreOpening, &g_view.restoreOpen, 28, 0)) {
        ImGui::TextWrapped("%s", Tr(TextId::PltRestoreConfirm));
        ImGui::Spacing();
        const ConfirmRowChoice c = ConfirmRow(Tr(TextId::PltRestoreSample), true, Tr(TextId::PltCancel));
        if (c.confirm) RestoreSample();
        if (c.confirm || c.dismiss) {
            g_view.restoreOpen = false;
            ImGui::CloseCurrentPopup();
        }
        EndDialog();
    }
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + labelX);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", Tr(TextId::PltOpenHint));
    ImGui::PopTextWrapPos();

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(TextId::PltStorageLabel));
    ImGui::SameLine(labelX);
    if (!data.storageError.empty())
        ImGui::TextColored(red, "%s%s", Tr(TextId::PltStorageFailed), data.storageError.c_str());
    else if (data.savePending) ImGui::TextUnformatted(Tr(TextId::PltSavePending));
    else if (data.lastSavedAt) ImGui::Text("%s%s", Tr(TextId::PltSavedAt), ShownTime(state, *data.lastSavedAt).c_str());
    else ImGui::TextUnformatted(Tr(TextId::PltAutoSave));

    if (!data.loadErrors.empty()) {
        ImGui::Spacing();
        ImGui::TextColored(red, "%s", Tr(TextId::PltLoadFailed));
        ImGui::PushTextWrapPos(0.0f);
        for (const std::string& e : data.loadErrors) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", e.c_str());
        }
        ImGui::PopTextWrapPos();
        if (ImGui::SmallButton(Tr(TextId::PltDismiss))) ClearLoadErrors();
    }
}

// One change in words: "订单 CS1: 待支付 → 已完成", "续费方式 ecs-1: 手动续费 → 自动续费".
std::string ChangeWords(const WorkspaceChange& c)
{
    using Kind = WorkspaceChange::Kind;
    static constexpr std::pair<Kind, TextId> kWhat[] = {
        {Kind::Replaced, TextId::PltChangeReplaced},
        {Kind::AsOf, TextId::PltChangeAsOf},
        {Kind::Rules, TextId::PltChangeRules},
        {Kind::OrderAdded, TextId::PltChangeOrderAdded},
        {Kind::OrderRemoved, TextId::PltChangeOrderRemoved},
        {Kind::OrderStatus, TextId::PltChangeOrder},
        {Kind::OrderChanged, TextId::PltChangeOrder},
        {Kind::ResourceAdded, TextId::PltChangeResourceAdded},
        {Kind::ResourceRemoved, TextId::PltChangeResourceRemoved},
        {Kind::ResourcePolicy, TextId::PltChangePolicy},
        {Kind::ResourceExpiry, TextId::PltChangeExpiry},
        {Kind::ResourceStatus, TextId::PltChangeResourceStatus},
        {Kind::ResourceChanged, TextId::PltChangeResource},
        {Kind::CouponChanged, TextId::PltChangeCoupon},
        {Kind::Other, TextId::PltChangeOther},
    };
    std::string out;
    if (c.kind != Kind::Account)  // the account's subject names the field ("现金余额") itself
        for (const auto& [kind, text] : kWhat)
            if (kind == c.kind) out = Tr(text);
    if (!c.subject.empty()) out += (out.empty() ? "" : " ") + c.subject;
    if (!c.before.empty() || !c.after.empty()) {
        out += ": ";
        out += c.before.empty() ? "—" : c.before;
        out += " → ";
        out += c.after.empty() ? "—" : c.after;
    }
    return out;
}

// 设置 > 数据 > 操作记录: undo / redo and the log, newest first.
void DrawHistory(AppState& state)
{
    const float labelX = 160 * state.scale;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(TextId::PltHistoryLabel));
    ImGui::SameLine(labelX);
    ImGui::BeginDisabled(!state.history.canUndo());
    if (ImGui::Button(Tr(TextId::PltUndo))) UndoChange(state);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!state.history.canRedo());
    if (ImGui::Button(Tr(TextId::PltRedo))) RedoChange(state);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", Tr(TextId::PltHistoryHint));
    if (state.history.undoLimitedBySize()) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + labelX);
        ImGui::TextDisabled("%s", Tr(TextId::PltHistoryLimited));
    }
    const auto& log = state.history.log();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + labelX);
    if (log.empty()) {
        ImGui::TextDisabled("%s", Tr(TextId::PltHistoryEmpty));
        return;
    }
    const ZoneOffset zone = state.workspace ? state.workspace->rules.zone : ZoneOffset::China();
    ImGui::BeginChild("##history", ImVec2(0, std::min<float>(8.0f, static_cast<float>(log.size())) *
                                                     ImGui::GetTextLineHeightWithSpacing() +
                                                 8 * state.scale));
    for (auto it = log.rbegin(); it != log.rend(); ++it) {
        std::string line = FormatConsole(it->at, zone) + "  ";
        if (it->what.changes.empty()) line += Tr(TextId::PltHistoryChanged);
        for (std::size_t i = 0; i < it->what.changes.size(); ++i)
            line += (i ? "；" : "") + ChangeWords(it->what.changes[i]);
        if (it->what.total > it->what.changes.size() && !it->what.changes.empty()) {
            char more[96];
            std::snprintf(more, sizeof more, Tr(TextId::PltHistoryMore), it->what.total);
            line += more;
        }
        if (it->undone) line += Tr(TextId::PltHistoryUndone);
        if (it->undone) ImGui::TextDisabled("%s", line.c_str());
        else ImGui::TextUnformatted(line.c_str());
    }
    ImGui::EndChild();
}

}  // namespace

// [SECTION] The page

void DrawSettingsPage(AppState& state)
{
    PageHeader(TextId::NavSettings, TextId::IntroSettings);

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(TextId::Language));
    ImGui::SameLine(160 * state.scale);
    if (ImGui::RadioButton(Tr(TextId::LangZh), CurrentLang() == Lang::Zh)) SetLang(Lang::Zh);
    ImGui::SameLine();
    if (ImGui::RadioButton(Tr(TextId::LangEn), CurrentLang() == Lang::En)) SetLang(Lang::En);

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(TextId::Theme));
    ImGui::SameLine(160 * state.scale);
    if (ImGui::RadioButton(Tr(TextId::ThemeLight), state.theme == Theme::Light)) {
        state.theme = Theme::Light;
        ApplyTheme(state.theme, state.scale);
    }
    ImGui::SameLine();
    if (ImGui::RadioButton(Tr(TextId::ThemeDark), state.theme == Theme::Dark)) {
        state.theme = Theme::Dark;
        ApplyTheme(state.theme, state.scale);
    }

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(Tr(TextId::PltData));
    DrawData(state);
    ImGui::Spacing();
    DrawHistory(state);

    if (!state.workspace) return;
    ImGui::Spacing();
    ImGui::Separator();
    if (g_view.builtFor != state.revision) Refill(*state.workspace, state.revision);
    ImGui::Spacing();
    DrawAsOf(state);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(Tr(TextId::RuleProfile));
    DrawRules(state);
}

}  // namespace qd::ui
