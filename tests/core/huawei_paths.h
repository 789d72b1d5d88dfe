// huawei_paths.h: the two paths of ImportHuawei (docs/huawei-data.md §7) on one response must agree:
// the same merged workspace (compared as saved JSON), the same warnings, counts and page facts, or
// both refuse; LoadPath::Auto must give exactly the precise reader's errors. Used by
// test_huawei_paths.cpp and by the import tests' helpers (test_huawei_import.cpp), so every response
// an import test reads is checked too.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <tuple>

#include "core/io/huawei_import.h"
#include "core/io/save.h"

namespace qd::test {

inline std::string Lines(const LoadErrors& errors)
{
    std::string out;
    for (const LoadError& e : errors) out += e.str() + "\n";
    return out;
}

// Imports `text` into `into` on every path and checks that they agree; `into` and `report` end as
// the precise reader left them (what ImportHuawei gave before the fast path), and so do its errors.
inline LoadErrors ImportBothPaths(InputKind kind, std::string_view text, std::string_view name, Workspace& into,
                                  const LoadOptions& options = {}, HuaweiFileReport* report = nullptr)
{
    Workspace fastWs = into, autoWs = into, preciseWs = into;
    HuaweiFileReport fastRep, autoRep, preciseRep;
    const LoadErrors precise = ImportHuawei(kind, text, name, preciseWs, options, &preciseRep, LoadPath::Precise);
    const LoadErrors fast = ImportHuawei(kind, text, name, fastWs, options, &fastRep, LoadPath::Fast);
    const LoadErrors automatic = ImportHuawei(kind, text, name, autoWs, options, &autoRep);
    INFO("file: " << name);
    CHECK(fast.empty() == precise.empty());
    CHECK(Lines(automatic) == Lines(precise));  // every refusal in the precise reader's words
    const std::string saved = SaveWorkspace(preciseWs);
    for (const auto& [ws, rep, errors] :
         {std::tuple{&fastWs, &fastRep, &fast}, std::tuple{&autoWs, &autoRep, &automatic}}) {
        if (!errors->empty() || !precise.empty()) {
            if (!errors->empty()) CHECK(SaveWorkspace(*ws) == SaveWorkspace(into));  // a refusal changes nothing
            continue;
        }
        CHECK(SaveWorkspace(*ws) == saved);
        CHECK(Lines(rep->warnings) == Lines(preciseRep.warnings));
        CHECK(rep->read == preciseRep.read);
        CHECK(rep->skipped == preciseRep.skipped);
        CHECK(rep->total_count == preciseRep.total_count);
        CHECK(rep->ids == preciseRep.ids);
        CHECK(rep->order_id == preciseRep.order_id);
        CHECK(rep->period == preciseRep.period);
        CHECK(rep->needs_period == preciseRep.needs_period);
    }
    CHECK(autoRep.needs_period == preciseRep.needs_period);
    into = std::move(preciseWs);
    if (report) *report = std::move(preciseRep);
    return precise;
}

}  // namespace qd::test
