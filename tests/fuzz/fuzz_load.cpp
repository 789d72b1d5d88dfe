// Fuzz the loader: any bytes, as a workspace or a Huawei response, must give either a checked
// workspace or errors — never a crash, a hang, UB or a leak. A loaded workspace must survive a
// save → load round trip unchanged (the writer's contract). The two paths of LoadWorkspace
// (docs/performance.md: simdjson's fast path, nlohmann's precise reader) must agree on every input:
// the same model (compared as saved JSON) or both refuse; a disagreement aborts. The browser's open
// of one file, lent a piece at a time (LoadWorkspaceStreamed), must give LoadFiles' workspace or
// leave the file to it. Inputs of odd size are read with the browser's stage 1 (core/io/json_structure.h,
// chosen here natively too), the others with simdjson's own kernel.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "core/io/json_structure.h"
#include "core/io/load.h"
#include "core/io/save.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    qd::ChooseStage1(size % 2 == 1 ? qd::Stage1::Simd128 : qd::Stage1::Auto);
    std::string text(reinterpret_cast<const char*>(data), size);
    qd::LoadResult r = qd::LoadFiles({{"fuzz.json", text}});
    if (!r.ok) {
        if (r.errors.empty()) std::abort();  // a refusal always says why
    } else {
        std::string saved = qd::SaveWorkspace(r.workspace);
        qd::LoadResult again = qd::LoadWorkspace(saved, "saved.json");
        if (!again.ok || qd::SaveWorkspace(again.workspace) != saved) std::abort();
    }
    class Pieces final : public qd::TextSource {
    public:
        explicit Pieces(const std::string& text) : text_(text) {}
        std::size_t size() const override { return text_.size(); }
        void copy(std::size_t offset, std::size_t n, char* to) const override
        {
            if (offset + n > text_.size()) std::abort();
            std::memcpy(to, text_.data() + offset, n);
        }

    private:
        const std::string& text_;
    };
    const std::optional<qd::LoadResult> streamed = qd::LoadWorkspaceStreamed(Pieces(text), "fuzz.json", 1 + size % 97);
    if (streamed &&
        (!streamed->ok || !r.ok || qd::SaveWorkspace(streamed->workspace) != qd::SaveWorkspace(r.workspace)))
        std::abort();
    if (qd::DetectInputKind(text) != qd::InputKind::Workspace) return 0;
    qd::LoadResult precise = qd::LoadWorkspace(text, "fuzz.json", qd::LoadPath::Precise);
    qd::LoadResult fast = qd::LoadWorkspace(text, "fuzz.json", qd::LoadPath::Fast);
    if (fast.ok != precise.ok) std::abort();
    if (fast.ok && qd::SaveWorkspace(fast.workspace) != qd::SaveWorkspace(precise.workspace)) std::abort();
    return 0;
}
