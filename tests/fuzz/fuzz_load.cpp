// Fuzz the loader: any bytes, as a workspace or a Huawei response, must give either a checked
// workspace or errors — never a crash, a hang, UB or a leak. A loaded workspace must survive a
// save → load round trip unchanged (the writer's contract).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/io/load.h"
#include "core/io/save.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    qd::LoadResult r = qd::LoadFiles({{"fuzz.json", text}});
    if (!r.ok) {
        if (r.errors.empty()) std::abort();  // a refusal always says why
        return 0;
    }
    std::string saved = qd::SaveWorkspace(r.workspace);
    qd::LoadResult again = qd::LoadWorkspace(saved, "saved.json");
    if (!again.ok || qd::SaveWorkspace(again.workspace) != saved) std::abort();
    return 0;
}
