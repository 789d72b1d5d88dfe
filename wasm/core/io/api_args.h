// api_args.h: reading the arguments of the browser test API (docs/architecture.md §3), one JSON object whose
// members mirror the CLI's flags. The readers are shared by renew(argsJson) (renewal.h RenewJson),
// refund(argsJson) (refund.h RefundJson) and buy(argsJson) (purchase.h BuyJson), so all word a wrong
// argument the same way.
//
//   std::string error;
//   const std::optional<nlohmann::json> args = ReadApiObject(argsJson, "renew", error);
//   if (!args) return ...;                                          // error says why
//   for (const auto& [key, value] : args->items())
//       if (key == "resources") error = ReadResourceIds(value, req.resource_ids);   // "" = fine
//       else error = UnknownApiArgument(key);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/calendar.h"
#include "core/model/workspace.h"

namespace qd {

// The arguments as one JSON object. Error: "expected a JSON object of WHAT arguments" (WHAT: "renew",
// "refund", "buy"), for text that is not JSON or JSON that is not an object.
std::optional<nlohmann::json> ReadApiObject(std::string_view argsJson, std::string_view what, std::string& error);

// Error for a member no reader knows: "unknown argument \"KEY\"".
std::string UnknownApiArgument(const std::string& key);

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
