// The view state of the 概览 page (docs/rules.md "Beyond the seed"): what it derived from the
// workspace, and what the pointer is over; lives in AppState so it survives page switches. Owned by
// page_overview.cpp.
//
// Derived data is rebuilt only when it can have changed: the expiry counts and the 90-day timeline
// when the workspace changes (AppState::revision) or the clock moves to another minute; the auto-renew
// forecast (core/engine/forecast.h, a simulation of a year of charges) when the workspace changes or the
// clock moves to another hour. At 100,000 resources that simulation takes a second or more, so it
// runs a slice per frame (ForecastBuilder with ForecastSlices, a few milliseconds each, asking the
// platform for more frames) while the page shows how far it got; leaving the page pauses it.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/engine/forecast.h"
#include "core/engine/projects.h"
#include "core/report/renewal_query.h"

namespace qd::ui {

inline constexpr int kOverviewTimelineDays = 90;  // the expiry timeline: today + 89 days
inline constexpr std::array<int, 3> kOverviewExpiringDays = kExpiringWithinPresets;  // the cards: 7 / 15 / 30 天内到期

struct OverviewPageState {
    // Expiry (instances in use: a main or a mounted resource; bound ones go with their main).
    std::array<int, 3> expiring{};      // per kOverviewExpiringDays: as_of <= expire_time <= as_of + X days
    std::array<int, 3> expiringAuto{};  // ... of which renew automatically
    struct Day {
        std::array<int, 4> byPolicy{};   // instances expiring that local day, per RenewalPolicy
        std::vector<std::size_t> first;  // up to a few of them (positions in ws.resources), earliest first
        int total() const { return byPolicy[0] + byPolicy[1] + byPolicy[2] + byPolicy[3]; }
    };
    std::vector<Day> days;             // kOverviewTimelineDays local days from today
    std::array<int, 4> byStatus{};     // resources per ResourceStatus
    int pendingOrders = 0;             // orders pending payment
    uint64_t expiryFor = UINT64_MAX;   // AppState::revision they were built for
    int64_t expiryMinute = INT64_MIN;  // AsOf minute they were built for

    // The 12-month auto-renew forecast.
    Forecast forecast;
    std::vector<ProjectForecast> forecastByProject;  // the forecast by enterprise project (when there are projects)
    bool hasForecast = false;                        // `forecast` is complete for forecastFor / forecastHour
    uint64_t forecastFor = UINT64_MAX;
    int64_t forecastHour = INT64_MIN;
    // The forecast being built a slice per frame (null when none is), and what it is for.
    std::shared_ptr<ForecastBuilder> building;
    const Workspace* buildingOf = nullptr;  // the builder reads this workspace until it is done
    uint64_t buildingFor = UINT64_MAX;
    int64_t buildingHour = INT64_MIN;
    int forecastProgress = 0;  // 0..100 while building
};

}  // namespace qd::ui
