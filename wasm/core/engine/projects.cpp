// projects.cpp: see projects.h.
#include "core/engine/projects.h"

#include <algorithm>
#include <map>
#include <set>

namespace qd {

std::string_view ProjectName(const EnterpriseProject& p) { return p.name.empty() ? p.id : p.name; }

std::string_view ProjectOf(const Workspace& ws, const Resource& r)
{
    if (r.enterprise_project) return ProjectName(*r.enterprise_project);
    if (r.main_resource_id)
        if (const Resource* main = ws.findResource(*r.main_resource_id); main && main->enterprise_project)
            return ProjectName(*main->enterprise_project);
    return kNoProject;
}

std::vector<std::string_view> ProjectsOf(const Order& o)
{
    std::vector<std::string_view> out;
    for (const EnterpriseProject& p : o.enterprise_projects) out.push_back(ProjectName(p));
    if (out.empty()) out.push_back(kNoProject);
    return out;
}

std::vector<std::string> EnterpriseProjectNames(const Workspace& ws)
{
    std::set<std::string, std::less<>> names;
    for (const Order& o : ws.orders)
        for (const EnterpriseProject& p : o.enterprise_projects) names.emplace(ProjectName(p));
    for (const Resource& r : ws.resources)
        if (r.enterprise_project) names.emplace(ProjectName(*r.enterprise_project));
    names.erase(std::string(kNoProject));
    return {names.begin(), names.end()};
}

bool InProject(const Order& o, std::string_view project)
{
    if (project.empty()) return true;
    for (const EnterpriseProject& p : o.enterprise_projects)
        if (ProjectName(p) == project) return true;
    return false;
}

bool InProject(const Workspace& ws, const Resource& r, std::string_view project)
{
    return project.empty() || ProjectOf(ws, r) == project;
}

std::vector<ProjectOrderSubtotal> SubtotalOrdersByProject(const Workspace& ws, const std::vector<std::size_t>& rows)
{
    std::set<std::string_view> combined;  // combined trade orders whose sub-orders are here: not counted twice
    for (const Order& o : ws.orders)
        if (o.combined_order_id) combined.insert(*o.combined_order_id);
    std::map<std::string, ProjectOrderSubtotal, std::less<>> by;
    for (std::size_t i : rows) {
        if (i >= ws.orders.size()) continue;
        const Order& o = ws.orders[i];
        if (o.status == OrderStatus::Cancelled || combined.count(o.order_id)) continue;
        const std::string_view project = ProjectsOf(o).front();
        ProjectOrderSubtotal& s = by[std::string(project)];
        s.project = project;
        ++s.orders;
        s.official += o.official_amount.value_or(Money());
        s.due += o.amount_after_discount;
        if (o.paid) s.paid += o.paid->cash;
        else ++s.paid_unknown;
    }
    std::vector<ProjectOrderSubtotal> out;
    for (auto& [name, s] : by)
        if (!name.empty()) out.push_back(std::move(s));
    if (auto none = by.find(kNoProject); none != by.end()) out.push_back(std::move(none->second));
    return out;
}

namespace {
template <class T>
std::vector<T> NamedFirst(std::map<std::string, T, std::less<>>& by)
{
    std::vector<T> out;
    for (auto& [name, v] : by)
        if (!name.empty()) out.push_back(std::move(v));
    if (auto none = by.find(kNoProject); none != by.end()) out.push_back(std::move(none->second));
    return out;
}
}  // namespace

std::vector<ProjectCount> CountResourcesByProject(const Workspace& ws, const std::vector<std::size_t>& heads)
{
    std::map<std::string, ProjectCount, std::less<>> by;
    for (std::size_t i : heads) {
        if (i >= ws.resources.size()) continue;
        const std::string_view project = ProjectOf(ws, ws.resources[i]);
        ProjectCount& c = by[std::string(project)];
        c.project = project;
        ++c.count;
    }
    return NamedFirst(by);
}

std::vector<ProjectForecast> ForecastByProject(const Workspace& ws, const Forecast& forecast)
{
    std::map<std::string, ProjectForecast, std::less<>> by;
    for (std::size_t m = 0; m < forecast.months.size(); ++m) {
        const ForecastMonth& month = forecast.months[m];
        for (std::size_t c = month.first; c < month.first + month.count && c < forecast.charges.size(); ++c) {
            const ForecastCharge& charge = forecast.charges[c];
            // the charge names its main by position in the workspace the forecast was taken of (forecast.h)
            const std::string_view project =
                charge.resource < ws.resources.size() ? ProjectOf(ws, ws.resources[charge.resource]) : kNoProject;
            ProjectForecast& p = by[std::string(project)];
            p.project = project;
            p.months.resize(forecast.months.size());
            ++p.charges;
            p.total += charge.amount;
            p.months[m] += charge.amount;
        }
    }
    return NamedFirst(by);
}

}  // namespace qd
