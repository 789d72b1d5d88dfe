// Fuzz the browser test API's argument readers (docs/architecture.md §3; core/io/api_args.h):
// renew(argsJson) and refund(argsJson) on the sample workspace with any bytes as arguments.
// Contracts: never a crash, hang, UB or leak; the answer is always one JSON object, and one that
// is not a quote or preview is {"error": "..."} with a message.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/engine/refund.h"
#include "core/engine/renewal.h"
#include "fuzz_common.h"

namespace {

void CheckAnswer(const std::string& answer)
{
    nlohmann::json value = nlohmann::json::parse(answer, nullptr, false);
    if (value.is_discarded() || !value.is_object()) qd::fuzz::Broken("the answer is not a JSON object");
    if (value.contains("error")) {
        if (!value["error"].is_string() || value["error"].get<std::string>().empty())
            qd::fuzz::Broken("an error answer without a message");
    } else if (!value.contains("as_of")) {
        qd::fuzz::Broken("an answer that is neither an error nor a quote");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string args(reinterpret_cast<const char*>(data), size);
    const qd::Workspace& ws = qd::fuzz::Sample();
    const qd::Instant clock = ws.as_of.value_or(qd::Instant::FromUnixSeconds(1736820000));  // 2025-01-14 10:00 +08:00
    CheckAnswer(qd::RenewJson(ws, args, clock));
    CheckAnswer(qd::RefundJson(ws, args, clock));
    return 0;
}
