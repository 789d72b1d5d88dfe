// open_progress: the bar of an open in progress (open_progress.h).
#include "ui/open_progress.h"

#include <imgui.h>

#include <cinttypes>
#include <cstdio>

#include "ui/i18n.h"
#include "ui/platform.h"
#include "ui/widgets.h"

namespace qd::ui {
namespace {

constexpr const char* kPopupId = "##open-progress";

// "12.3 MB" (decimal megabytes, as the page's own messages), "512 KB" below one.
void FormatBytes(uint64_t bytes, char* out, std::size_t size)
{
    if (bytes >= 1000000) {
        const uint64_t tenths = (bytes + 50000) / 100000;
        std::snprintf(out, size, "%" PRIu64 ".%" PRIu64 " MB", tenths / 10, tenths % 10);
    } else {
        std::snprintf(out, size, "%" PRIu64 " KB", (bytes + 999) / 1000);
    }
}

void DrawContents(const OpenProgress& p)
{
    ImGui::TextUnformatted(Tr(p.cancellable ? TextId::OpnTitle : TextId::OpnRestoring));
    ImGui::TextDisabled("%s", p.fileNames.c_str());
    if (p.files > 1) {
        char line[96];
        std::snprintf(line, sizeof line, Tr(TextId::OpnFileOf), p.file, p.files);
        ImGui::TextUnformatted(line);
    }
    char done[32], total[32], overlay[80];
    FormatBytes(p.done, done, sizeof done);
    FormatBytes(p.total, total, sizeof total);
    std::snprintf(overlay, sizeof overlay, "%s / %s", done, total);
    const float fraction =
        p.total > 0 ? static_cast<float>(static_cast<double>(p.done) / static_cast<double>(p.total)) : 0.0f;
    // The console's blue (the checkbox's, ui/app.cpp ApplyTheme), not ImGui's yellow
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImGui::GetStyleColorVec4(ImGuiCol_CheckMark));
    ImGui::ProgressBar(fraction, ImVec2(ImGui::GetFontSize() * 26, 0), overlay);
    ImGui::PopStyleColor();
    if (!p.cancellable) return;
    ImGui::TextDisabled("%s", Tr(TextId::OpnCancelHint));
    if (ImGui::Button(Tr(TextId::PltCancel)) || DialogEscapePressed()) CancelOpen();
}

}  // namespace

void DrawOpenProgress()
{
    const OpenProgress& p = GetDataStatus().opening;
    const bool mine = ImGui::IsPopupOpen(kPopupId);
    if (!p.active) {
        if (mine && ImGui::BeginPopupModal(kPopupId, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        return;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 centre(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f);
    ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (!mine && ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {  // a dialog is open: beside it
        const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove;
        if (ImGui::Begin("##open-progress-window", nullptr, flags)) DrawContents(p);
        ImGui::End();
        return;
    }
    if (!mine) ImGui::OpenPopup(kPopupId);
    if (ImGui::BeginPopupModal(kPopupId, nullptr,
                               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar)) {
        DrawContents(p);
        ImGui::EndPopup();
    }
}

}  // namespace qd::ui
