// Fuzz the journal's patch reader (core/io/workspace_patch.h, docs/architecture.md §6): any bytes as
// a patch applied to the sample workspace, with a load's checks (what a reload does with an entry read
// back from browser storage). Contracts: never a crash, hang, UB or leak; a refused patch leaves the
// workspace exactly as it was (the same text, the same index); an accepted one leaves a workspace that
// saves and opens again to the same text.
#include <cstdint>
#include <string>

#include "core/io/workspace_patch.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string patch(reinterpret_cast<const char*>(data), size);
    static const std::string sampleText = qd::SaveWorkspace(qd::fuzz::Sample());
    qd::Workspace ws = qd::fuzz::Sample();
    const qd::LoadErrors errors = qd::ApplyWorkspacePatch(ws, patch, "journal");
    const std::string text = qd::SaveWorkspace(ws);
    if (!errors.empty()) {
        if (text != sampleText) qd::fuzz::Broken("a refused patch changed the workspace");
        for (const qd::Resource& r : qd::fuzz::Sample().resources)
            if (ws.findResource(r.resource_id) == nullptr) qd::fuzz::Broken("a refused patch left the index stale");
        return 0;
    }
    qd::LoadResult again = qd::LoadWorkspace(text, "patched.json");
    if (!again.ok) qd::fuzz::Broken("a patched workspace does not open again");
    if (qd::SaveWorkspace(again.workspace) != text) qd::fuzz::Broken("a patched workspace does not round-trip");
    return 0;
}
