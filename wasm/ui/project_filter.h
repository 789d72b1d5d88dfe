// project_filter.h: the 企业项目 (enterprise project) filter of 续费管理, 我的订单 and the overview
// (core/engine/projects.h decides who is in a project; docs/huawei-data.md §4).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/engine/projects.h"
#include "ui/i18n.h"

namespace qd::ui {

struct ProjectFilter {
    std::string project;             // "" = all
    std::vector<std::string> names;  // EnterpriseProjectNames of the workspace, gathered for:
    uint64_t namesFor = UINT64_MAX;  // AppState::revision
};

// "企业项目 [combo]" on the current line, only when the workspace names a project; true when changed.
inline bool DrawProjectFilter(const Workspace& ws, uint64_t revision, ProjectFilter& f, float width)
{
    if (f.namesFor != revision) {
        f.names = EnterpriseProjectNames(ws);
        f.namesFor = revision;
    }
    if (f.names.empty() && f.project.empty()) return false;
    bool changed = false;
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(TextId::EnterpriseProject));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##project", f.project.empty() ? Tr(TextId::All) : f.project.c_str())) {
        if (ImGui::Selectable(Tr(TextId::All), f.project.empty())) {
            f.project.clear();
            changed = true;
        }
        for (const std::string& name : f.names)
            if (ImGui::Selectable(name.c_str(), f.project == name)) {
                f.project = name;
                changed = true;
            }
        ImGui::EndCombo();
    }
    return changed;
}

}  // namespace qd::ui
