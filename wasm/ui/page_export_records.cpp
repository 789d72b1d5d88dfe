// 5 订单导出记录: the live export records (file name, kind, created time, rows, status, when it is
// deleted) with "下载", and ExportAndDownload for the pages that export (page_export_records.h).
#include "ui/page_export_records.h"

#include <imgui.h>

#include <algorithm>

#include "ui/labels.h"
#include "ui/pages.h"
#include "ui/widgets.h"

namespace qd::ui {
namespace {

TextId KindText(ExportKind k)
{
    switch (k) {
        case ExportKind::Orders: return TextId::ExrKindOrders;
        case ExportKind::PendingOrders: return TextId::ExrKindPendingOrders;
        case ExportKind::RenewalList: return TextId::ExrKindRenewalList;
        case ExportKind::RenewalPrices: return TextId::ExrKindRenewalPrices;
    }
    return TextId::ExrKindOrders;
}

TextId StatusText(RecordFile f)
{
    switch (f) {
        case RecordFile::Stored: return TextId::ExrStatusStored;
        case RecordFile::Regenerated: return TextId::ExrStatusRegenerated;
        case RecordFile::Unavailable: return TextId::ExrStatusUnavailable;
    }
    return TextId::ExrStatusUnavailable;
}

TextId StatusTip(RecordFile f)
{
    switch (f) {
        case RecordFile::Stored: return TextId::ExrTipStored;
        case RecordFile::Regenerated: return TextId::ExrTipRegenerated;
        case RecordFile::Unavailable: return TextId::ExrTipUnavailable;
    }
    return TextId::ExrTipUnavailable;
}

void Rebuild(const Workspace& ws, ExportRecordsPageState& page, uint64_t revision, Instant asOf)
{
    page.rows.clear();
    page.rowFiles.clear();
    const ExportRecord* base = ws.export_records.data();
    for (const ExportRecord* r : LiveExportRecords(ws, asOf)) {
        page.rows.push_back(static_cast<std::size_t>(r - base));
        page.rowFiles.push_back(RecordFileOf(*r));
    }
    page.builtFor = revision;
    page.builtAsOf = asOf;
    page.built = true;
}

void Download(AppState& app, const ExportRecord& record)
{
    ExportRecordsPageState& page = app.exportRecords;
    ExportResult file = DownloadRecord(*app.workspace, record);
    page.refusals = file.refusals;
    page.notice.clear();
    if (!file.ok()) return;
    page.notice = Format(Tr(TextId::ExrDownloadStarted), file.file.file_name.c_str());
    page.pendingDownload =
        PendingDownload{std::move(file.file.file_name), std::move(file.file.mime), std::move(file.file.bytes)};
}

float WidestOf(std::initializer_list<TextId> texts)
{
    float w = 0;
    for (TextId t : texts) w = std::max(w, TextWidth(Tr(t)));
    return w;
}

// How long a record stays: "2 天 17 小时", under a day "5 小时 12 分钟" (whole minutes, rounded down).
std::string TimeLeft(int64_t seconds)
{
    const int64_t minutes = std::max<int64_t>(seconds, 0) / 60;
    const int days = static_cast<int>(minutes / (24 * 60)), hours = static_cast<int>(minutes / 60 % 24),
              mins = static_cast<int>(minutes % 60);
    return days > 0 ? Format(Tr(TextId::ExrDaysHours), days, hours) : Format(Tr(TextId::ExrHoursMinutes), hours, mins);
}

void DrawTable(AppState& app, ExportRecordsPageState& page)
{
    const Workspace& ws = *app.workspace;
    const Instant now = page.builtAsOf;
    const float em = ImGui::GetFontSize();
    const float timeW =
        std::max(TextWidth(ConsoleTime(ws, Instant{}).c_str()) + em * 0.3f, WidestOf({TextId::ExrCreated}));
    const float kindW = WidestOf({TextId::ExrKind, TextId::ExrKindOrders, TextId::ExrKindPendingOrders,
                                  TextId::ExrKindRenewalList, TextId::ExrKindRenewalPrices});
    const float rowsW = std::max(TextWidth("0000000"), WidestOf({TextId::ExrRows}));
    const float statusW = WidestOf(
        {TextId::ExrStatus, TextId::ExrStatusStored, TextId::ExrStatusRegenerated, TextId::ExrStatusUnavailable});
    const float leftW =
        std::max({TextWidth(Format(Tr(TextId::ExrDaysHours), 88, 88).c_str()),
                  TextWidth(Format(Tr(TextId::ExrHoursMinutes), 88, 88).c_str()), WidestOf({TextId::ExrTimeLeft})});
    const float actionsW = ButtonRowWidth({Tr(TextId::ExrDownload)});
    // Every column but the file name is as wide as its widest content; the file name takes the rest
    // and stays in view while a narrow window scrolls sideways (ui/widgets.h BeginListTable).
    const ListColumn columns[] = {
        {Tr(TextId::ExrFileName), em * 10, 1.0f}, {Tr(TextId::ExrKind), kindW},
        {Tr(TextId::ExrCreated), timeW},          {Tr(TextId::ExrRows), rowsW},
        {Tr(TextId::ExrStatus), statusW},         {Tr(TextId::ExrTimeLeft), leftW},
        {Tr(TextId::Actions), actionsW},
    };
    if (!BeginListTable("##export-records", columns,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_BordersInnerV,
                        ImVec2(0, 0), 1))
        return;
    ImGui::TableHeadersRow();

    const ExportRecord* download = nullptr;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(page.rows.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const ExportRecord& r = ws.export_records[page.rows[static_cast<std::size_t>(row)]];
            const RecordFile file = page.rowFiles[static_cast<std::size_t>(row)];
            ImGui::PushID(row);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            const char* name = r.file_name.empty() ? r.id.c_str() : r.file_name.c_str();
            ImGui::Selectable(name, page.highlight == r.id,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
            if (ImGui::IsItemHovered() && ImGui::CalcTextSize(name).x > ImGui::GetColumnWidth())
                ImGui::SetTooltip("%s", name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Tr(KindText(r.kind)));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ConsoleTime(ws, r.created_time).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", r.rows);
            ImGui::TableNextColumn();
            if (file == RecordFile::Unavailable) ImGui::TextDisabled("%s", Tr(StatusText(file)));
            else ImGui::TextUnformatted(Tr(StatusText(file)));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(StatusTip(file)));
            ImGui::TableNextColumn();
            const Instant expiry = ExportRecordExpiry(r, ws.rules);
            ImGui::TextUnformatted(TimeLeft(expiry - now).c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip(Tr(TextId::ExrDeletedAtTip), ConsoleTime(ws, expiry).c_str());
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(file == RecordFile::Unavailable);
            if (ImGui::SmallButton(Tr(TextId::ExrDownload))) download = &r;
            ImGui::EndDisabled();
            if (file == RecordFile::Unavailable && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("%s", Tr(TextId::ExrTipUnavailable));
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (download) Download(app, *download);
}

}  // namespace

// ---- the entry point of the exporting pages ---------------------------------------------------------------

RecordedExport ExportAndDownload(AppState& app, const ExportRequest& request)
{
    ExportRecordsPageState& page = app.exportRecords;
    RecordedExport done;
    if (!app.workspace) {
        done.result.refusals.push_back({"no_workspace", "", Tr(TextId::NoWorkspace)});
    } else {
        ExportRequest req = request;
        req.as_of = AsOf(app);
        done = ExportAndRecord(*app.workspace, req);
    }
    if (!done.ok()) {
        page.refusedKind = request.kind;
        page.exportRefusals = done.result.refusals;
        return done;
    }
    page.refusedKind.reset();
    page.exportRefusals.clear();
    MarkChanged(app);
    page.highlight = done.record_id;
    page.refusals.clear();
    page.notice = Format(Tr(TextId::ExrExported), done.result.file.file_name.c_str(), done.result.file.rows);
    const ExportFile& f = done.result.file;
    page.pendingDownload = PendingDownload{f.file_name, f.mime, f.bytes};
    app.page =
        Page::ExportRecords;  // seed 4.1.4 step 5 / 4.2.7.1 step 7 / 4.3.4 step 5: 导出后页面自动跳转到"导出记录"
    return done;
}

bool DrawExportRefusals(AppState& app, ExportKind kind)
{
    const ExportRecordsPageState& page = app.exportRecords;
    if (!page.refusedKind || *page.refusedKind != kind || page.exportRefusals.empty()) return false;
    ErrorText(Tr(TextId::ExrRefused));
    for (const Refusal& r : page.exportRefusals)
        ErrorText(RefusalWords(r, RefusalScope::Export, app.workspace ? &*app.workspace : nullptr));
    return true;
}

void ClearExportRefusals(AppState& app)
{
    app.exportRecords.refusedKind.reset();
    app.exportRecords.exportRefusals.clear();
}

bool TakeDownload(AppState& app, std::string& name, std::string& mime, std::string& bytes)
{
    std::optional<PendingDownload>& pending = app.exportRecords.pendingDownload;
    if (!pending) return false;
    name = std::move(pending->name);
    mime = std::move(pending->mime);
    bytes = std::move(pending->bytes);
    pending.reset();
    return true;
}

// ---- the page ------------------------------------------------------------------------------------------

void DrawExportRecordsPage(AppState& state)
{
    PageHeader(TextId::NavExportRecords, TextId::IntroExportRecords);
    if (!state.workspace) {
        ImGui::TextDisabled("%s", Tr(TextId::NoWorkspace));
        return;
    }
    const Workspace& ws = *state.workspace;
    ExportRecordsPageState& page = state.exportRecords;
    const Instant now = AsOf(state);
    if (!page.built || page.builtFor != state.revision || page.builtAsOf != now) Rebuild(ws, page, state.revision, now);

    // 注意事项 (seed 5): records are deleted export_record_days after the export.
    WarningText(Format(Tr(TextId::ExrNote), ws.rules.export_record_days));
    ImGui::TextDisabled("%s: %s", Tr(TextId::AsOf), ConsoleTime(ws, now).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled(Tr(TextId::ExrCount), static_cast<int>(page.rows.size()));
    if (!page.notice.empty()) {  // on the same line, so the table does not move under the pointer
        ImGui::SameLine(0, ImGui::GetFontSize() * 2);
        ImGui::TextUnformatted(page.notice.c_str());
    }
    for (const Refusal& r : page.refusals)
        ErrorText(RefusalWords(r, RefusalScope::Export, state.workspace ? &*state.workspace : nullptr));
    ImGui::Spacing();

    if (page.rows.empty()) {
        ImGui::TextDisabled("%s", Tr(TextId::ExrEmpty));
        return;
    }
    DrawTable(state, page);
}

}  // namespace qd::ui
