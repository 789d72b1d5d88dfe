// 设置: language, theme, the data section (open files, save, sample, browser storage: the web
// platform's, ui/platform.h), the as-of clock (what-if date) and the rule profile (docs/rules.md §6): every
// key editable as its JSON value, checked by the core (SetRule) with the error shown in place,
// and reset to defaults. Rule edits belong to the workspace (saved in its `rules`).
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/model/rules.h"
#include "ui/labels.h"
#include "ui/pages.h"
#include "ui/platform.h"
#include "ui/widgets.h"

namespace qd::ui {
namespace {

struct RuleEdit {
    char text[256] = {};
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
        std::string value = RuleValue(ws.rules, key).dump();
        std::snprintf(e.text, sizeof e.text, "%s", value.c_str());
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

void DrawRules(AppState& state)
{
    Workspace& ws = *state.workspace;
    ImGui::TextDisabled("%s", Tr(TextId::RulesExplain));
    if (ImGui::Button(Tr(TextId::ResetToDefaults))) {
        ws.rules = RuleProfile{};
        ++state.revision;
    }
    const RuleProfile defaults;
    if (ImGui::BeginTable("##rules", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(Tr(TextId::RuleKey), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(Tr(TextId::RuleValue), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(Tr(TextId::Default), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableHeadersRow();
        for (std::string_view key : RuleKeys()) {
            RuleEdit& e = g_view.edits[std::string(key)];
            ImGui::PushID(key.data(), key.data() + key.size());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(key.data(), key.data() + key.size());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (ImGui::InputText("##v", e.text, sizeof e.text, ImGuiInputTextFlags_EnterReturnsTrue)) {
                nlohmann::json value = nlohmann::json::parse(e.text, nullptr, false);
                RuleProfile changed = ws.rules;
                if (value.is_discarded()) e.error = "not JSON";
                else if (SetRule(changed, key, value, e.error)) {
                    ws.rules = changed;
                    ++state.revision;
                }
            }
            if (!e.error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", e.error.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", RuleValue(defaults, key).dump().c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

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
