#include "core/io/api_args.h"

namespace qd {

std::optional<nlohmann::json> ReadApiObject(std::string_view argsJson, std::string_view what, std::string& error)
{
    nlohmann::json args = nlohmann::json::parse(argsJson, nullptr, /*allow_exceptions=*/false);
    if (args.is_discarded() || !args.is_object()) {
        error = "expected a JSON object of " + std::string(what) + " arguments";
        return std::nullopt;
    }
    return args;
}

std::string UnknownApiArgument(const std::string& key) { return "unknown argument \"" + key + "\""; }

std::string ReadResourceIds(const nlohmann::json& value, std::vector<std::string>& ids)
{
    const std::string error = "resources: expected an array of resource ids";
    if (!value.is_array()) return error;
    for (const auto& id : value) {
        if (!id.is_string()) return error;
        ids.push_back(id.get<std::string>());
    }
    return {};
}

std::string ReadApiInstant(const nlohmann::json& value, const std::string& key, Instant& t)
{
    if (!value.is_string()) return key + ": expected a time string";
    const InstantParse p = ParseInstant(value.get<std::string>());
    if (!p) return key + ": " + (p.error.empty() ? std::string("expected a time string") : p.error);
    t = p.value;
    return {};
}

std::string ReadApiDuration(const nlohmann::json& value, const std::string& key, TermUnit& unit, int& num)
{
    if (!value.is_number_integer() || value.get<int64_t>() < 1 || value.get<int64_t>() > 120)
        return key + ": expected a whole number of " + key;
    unit = key == "years" ? TermUnit::Year : TermUnit::Month;
    num = value.get<int>();
    return {};
}

}  // namespace qd
