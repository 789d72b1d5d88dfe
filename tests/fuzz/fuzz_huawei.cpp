// Fuzz one Huawei BSS response reader (docs/huawei-data.md), chosen at build time by QD_FUZZ_KIND
// (tests/fuzz/CMakeLists.txt builds one target per reader), so the fuzzer explores that reader's
// records without first having to find the top-level key DetectInputKind looks for.
// Contracts (core/io/huawei_import.h): any bytes give either a merged workspace or errors, never a
// crash, hang, UB or leak; a refused file says why and leaves the workspace it was merged into exactly
// as it was; a merged workspace that passes the checks across objects (LoadFiles' last step,
// CheckWorkspace) saves and loads back, and saves again to the same bytes. Each input is
// merged twice: into an empty workspace and into the sample, whose resources give lines and renewal
// prices something to link to. Each merge runs on both paths of ImportHuawei (docs/huawei-data.md §7:
// simdjson's fast path, nlohmann's precise reader), which must agree: the same workspace, warnings and
// counts, or both refuse; LoadPath::Auto refuses in the precise reader's words. A disagreement aborts.
#include <cstdint>
#include <string>
#include <utility>

#include "core/io/huawei_import.h"
#include "fuzz_common.h"

namespace {

std::string Lines(const qd::LoadErrors& errors)
{
    std::string out;
    for (const qd::LoadError& e : errors) out += e.str() + "\n";
    return out;
}

void MergeInto(const qd::Workspace& base, std::string_view text)
{
    const std::string before = qd::SaveWorkspace(base);
    qd::LoadOptions options;
    options.renew_rate_period = qd::RenewRatePeriod{qd::TermUnit::Month, 1};
    qd::Workspace ws = base, fastWs = base, autoWs = base;
    qd::HuaweiFileReport report, fastReport, autoReport;
    const qd::InputKind kind = qd::InputKind::QD_FUZZ_KIND;
    qd::LoadErrors errors = qd::ImportHuawei(kind, text, "fuzz.json", ws, options, &report, qd::LoadPath::Precise);
    const qd::LoadErrors fast =
        qd::ImportHuawei(kind, text, "fuzz.json", fastWs, options, &fastReport, qd::LoadPath::Fast);
    const qd::LoadErrors automatic = qd::ImportHuawei(kind, text, "fuzz.json", autoWs, options, &autoReport);
    const std::string after = qd::SaveWorkspace(ws);
    if (fast.empty() != errors.empty()) qd::fuzz::Broken("the fast path and the precise reader disagree on refusing");
    if (Lines(automatic) != Lines(errors)) qd::fuzz::Broken("a refusal not in the precise reader's words");
    if (!errors.empty()) {
        if (after != before || qd::SaveWorkspace(fastWs) != before || qd::SaveWorkspace(autoWs) != before)
            qd::fuzz::Broken("a refused response changed the workspace");
        return;
    }
    for (const auto& [other, otherReport] : {std::pair{&fastWs, &fastReport}, std::pair{&autoWs, &autoReport}})
        if (qd::SaveWorkspace(*other) != after || Lines(otherReport->warnings) != Lines(report.warnings) ||
            otherReport->read != report.read || otherReport->skipped != report.skipped ||
            otherReport->total_count != report.total_count || otherReport->ids != report.ids)
            qd::fuzz::Broken("the fast path and the precise reader read a response differently");
    if (report.skipped > 0 && report.warnings.empty()) qd::fuzz::Broken("a record skipped without a warning");
    // Lines about products or resources no file supplied dangle until LoadFiles' check refuses them.
    if (!qd::CheckWorkspace(ws, "merged.json").empty()) return;
    qd::LoadResult again = qd::LoadWorkspace(after, "merged.json");
    if (!again.ok) qd::fuzz::Broken("a merged workspace does not load back");
    if (qd::SaveWorkspace(again.workspace) != after) qd::fuzz::Broken("a merged workspace does not round-trip");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    MergeInto(qd::Workspace{}, text);
    MergeInto(qd::fuzz::Sample(), text);
    return 0;
}
