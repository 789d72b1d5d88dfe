// projects.h: enterprise projects (企业项目), by which finance officers allocate costs
// (docs/huawei-data.md §4): the filter and the subtotals of 续费管理, 我的订单 and the overview's forecast.
//
//   std::vector<std::string> names = EnterpriseProjectNames(ws);      // for a filter's choices
//   if (InProject(order, "财务处")) ...                                 // "" = every project
//   OrderSubtotals s = SubtotalOrdersByProject(ws, rows);              // 订单金额 / 应付 / 实付 per project
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/forecast.h"
#include "core/model/workspace.h"

namespace qd {

// What a project is called in filters and subtotals: its name, else its id. kNoProject for none.
inline constexpr std::string_view kNoProject = "";
std::string_view ProjectName(const EnterpriseProject& p);

// The project of a resource: its own, else its main's (attached resources belong to the instance).
std::string_view ProjectOf(const Workspace& ws, const Resource& r);
// The projects of an order (Huawei lists several for a combined order); none = {kNoProject}.
std::vector<std::string_view> ProjectsOf(const Order& o);

// Every project named by an order or a resource, sorted, without kNoProject.
std::vector<std::string> EnterpriseProjectNames(const Workspace& ws);

// The filters: project "" = every project; otherwise the order names it / the resource is in it.
bool InProject(const Order& o, std::string_view project);
bool InProject(const Workspace& ws, const Resource& r, std::string_view project);

// Subtotals by project of some orders (indices into ws.orders). An order of several projects counts in
// its first (Huawei does not split an order's amount between projects). Cancelled orders and combined
// trade orders whose sub-orders are in the workspace are not counted (the sub-orders are: no amount
// twice). Sorted by project name, the orders of no project last (project "").
struct ProjectOrderSubtotal {
    std::string project;
    std::size_t orders = 0;
    Money official;                // Σ 订单金额 (unknown ones count 0)
    Money due;                     // Σ 应付金额
    Money paid;                    // Σ 实付金额 of the orders whose payment is known
    std::size_t paid_unknown = 0;  // orders whose 实付金额 is not known
};
std::vector<ProjectOrderSubtotal> SubtotalOrdersByProject(const Workspace& ws, const std::vector<std::size_t>& rows);

// Instances (heads, indices into ws.resources) counted by project, sorted by name, no project last.
struct ProjectCount {
    std::string project;
    std::size_t count = 0;
};
std::vector<ProjectCount> CountResourcesByProject(const Workspace& ws, const std::vector<std::size_t>& heads);

// The auto-renew forecast by project: per project its charges, total and month totals (the forecast's
// months, in order). Sorted by name, no project last.
struct ProjectForecast {
    std::string project;
    std::size_t charges = 0;
    Money total;
    std::vector<Money> months;
};
std::vector<ProjectForecast> ForecastByProject(const Workspace& ws, const Forecast& forecast);

}  // namespace qd
