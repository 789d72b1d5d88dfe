// Fuzz one Huawei BSS response reader (docs/huawei-data.md), chosen at build time by QD_FUZZ_KIND
// (tests/fuzz/CMakeLists.txt builds one target per reader), so the fuzzer explores that reader's
// records without first having to find the top-level key DetectInputKind looks for.
// Contracts (core/io/huawei_import.h): any bytes give either a merged workspace or errors, never a
// crash, hang, UB or leak; a refused file says why and leaves the workspace it was merged into exactly
// as it was; a merged workspace that passes the checks across objects (LoadFiles' last step,
// CheckWorkspace) saves and loads back, and saves again to the same bytes. Each input is
// merged twice: into an empty workspace and into the sample, whose resources give lines and renewal
// prices something to link to.
#include <cstdint>
#include <string>

#include "core/io/huawei_import.h"
#include "fuzz_common.h"

namespace {

void MergeInto(qd::Workspace ws, std::string_view text)
{
    const std::string before = qd::SaveWorkspace(ws);
    qd::LoadOptions options;
    options.renew_rate_period = qd::RenewRatePeriod{qd::TermUnit::Month, 1};
    qd::HuaweiFileReport report;
    qd::LoadErrors errors = qd::ImportHuawei(qd::InputKind::QD_FUZZ_KIND, text, "fuzz.json", ws, options, &report);
    const std::string after = qd::SaveWorkspace(ws);
    if (!errors.empty()) {
        if (after != before) qd::fuzz::Broken("a refused response changed the workspace");
        return;
    }
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
