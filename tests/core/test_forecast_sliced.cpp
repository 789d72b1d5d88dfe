// Tests for the sliced ForecastBuilder (core/engine/forecast.h, ForecastSlices): the overview computes the
// 12-month auto-renew forecast a slice per frame (docs/architecture.md §4: a frame < 16 ms at 100,000 rows); the
// result must be the forecast of ForecastAutoRenewals, whatever the slice sizes.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine/forecast.h"
#include "generated_workspace.h"
#include "core/gen/generator.h"
#include "core/io/load.h"

using namespace qd;

namespace {

Forecast Sliced(const Workspace& ws, Instant asOf, ForecastSlices slices, int& steps)
{
    ForecastBuilder b(ws, asOf, kDefaultForecastMonths, slices);
    int last = -1;
    steps = 0;
    while (!b.Step(0)) {
        ++steps;
        CHECK(b.progress() >= last);  // never goes back
        CHECK(b.progress() < 100);
        last = b.progress();
    }
    CHECK(b.progress() == 100);
    return b.result();
}

// The forecast as JSON with the failures in a fixed order (slices list them slice by slice).
nlohmann::json Comparable(const Forecast& f, const Workspace& ws)
{
    nlohmann::json j = nlohmann::json::parse(ForecastJson(f, ws));
    std::vector<nlohmann::json> failures(j["failures"].begin(), j["failures"].end());
    std::sort(failures.begin(), failures.end(),
              [](const nlohmann::json& a, const nlohmann::json& b) { return a.dump() < b.dump(); });
    j["failures"] = failures;
    return j;
}

}  // namespace

TEST_CASE("the sliced forecast is the whole forecast: charges in the same time order, same balance and months")
{
    const Workspace ws = test::GeneratedWorkspace(600, 7);
    // As of the file's own as_of (no charges before the window) and two months later (the charges
    // between the file's as_of and then are simulated first and move the balance, not listed).
    for (const int64_t later : {int64_t{0}, int64_t{61} * 86400 + 3600}) {
        const Instant asOf = ws.as_of->plusSeconds(later);
        const Forecast whole = ForecastAutoRenewals(ws, asOf);
        REQUIRE(whole.charges.size() >
                50);  // the generator makes auto-renew resources: the test has something to order
        for (const ForecastSlices slices : {ForecastSlices{1, 7, 5}, ForecastSlices{37, 100, 64}, ForecastSlices{}}) {
            int steps = 0;
            const Forecast sliced = Sliced(ws, asOf, slices, steps);
            CHECK(Comparable(sliced, ws) == Comparable(whole, ws));
            if (slices.instances == 1) CHECK(steps > static_cast<int>(whole.charges.size() / 5));  // many small steps
        }
    }
}

TEST_CASE("a sliced forecast of a workspace without resources is empty and takes a few steps")
{
    Workspace ws;
    ws.as_of = Instant::FromUnixSeconds(1736820000);  // 2025-01-14T10:00:00+08:00
    int steps = 0;
    const Forecast f = Sliced(ws, *ws.as_of, ForecastSlices{}, steps);
    CHECK(f.charges.empty());
    CHECK(f.months.size() == static_cast<std::size_t>(kDefaultForecastMonths));
    CHECK(steps <= 3);
}
