// api_args.h: reading the arguments of the browser test API (docs/architecture.md §3), one JSON object whose
// members mirror the CLI's flags. The readers are shared by renew(argsJson) (renewal.h RenewJson),
// refund(argsJson) (refund.h RefundJson) and buy(argsJson) (purchase.h BuyJson), so all word a wrong
// argument the same way.
//
//   std::string error = ReadResourceIds(value, req.resource_ids);   // "" = fine
//   if (!error.empty()) return ErrorJson(error);
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/calendar.h"
#include "core/model/workspace.h"

namespace qd {

// "resources": an array of resource id strings, appended to `ids`.
// Error: "resources: expected an array of resource ids".
std::string ReadResourceIds(const nlohmann::json& value, std::vector<std::string>& ids);

// A time member ("as_of", "keep_until"): any form ParseInstant accepts.
// Error: "KEY: expected a time string", or "KEY: " + ParseInstant's reason.
std::string ReadApiInstant(const nlohmann::json& value, const std::string& key, Instant& t);

// "months" / "years" (key): a whole number of them, 1..120; sets unit and num.
// Error: "KEY: expected a whole number of KEY".
std::string ReadApiDuration(const nlohmann::json& value, const std::string& key, TermUnit& unit, int& num);

}  // namespace qd
