// `quotedesk gen --resources N [--seed S] [--orders M] [--as-of TIME]`: prints a generated
// quotedesk/1 workspace (core/gen/generator.h) to stdout, for benchmarks and demos.
#include <charconv>
#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "core/model/calendar.h"
#include "core/gen/generator.h"

namespace qd::cli {
namespace {

// A whole decimal number in [0, max]; the whole text must be digits.
bool ParseCount(const std::string& text, uint64_t max, uint64_t& value)
{
    if (text.empty() || text[0] == '-' || text[0] == '+') return false;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && ptr == end && value <= max;
}

int RunGen(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args args;
    std::string error;
    if (!ParseArgs(argv, {"resources", "seed", "orders", "as-of"}, {}, args, error)) {
        err << "quotedesk gen: " << error << "\n";
        return ExitBadUsage;
    }
    if (!args.files.empty()) {
        err << "quotedesk gen: takes no files (got " << args.files.front() << ")\n";
        return ExitBadUsage;
    }
    GeneratorOptions options;
    uint64_t n = 0;
    if (!args.has("resources")) {
        err << "quotedesk gen: --resources N is required\n";
        return ExitBadUsage;
    }
    if (!ParseCount(args.get("resources"), kMaxGeneratedResources, n)) {
        err << "quotedesk gen: --resources expects a whole number 0.." << kMaxGeneratedResources << ", got "
            << args.get("resources") << "\n";
        return ExitBadUsage;
    }
    options.resources = static_cast<int64_t>(n);
    if (args.has("orders")) {
        if (!ParseCount(args.get("orders"), kMaxGeneratedOrders, n)) {
            err << "quotedesk gen: --orders expects a whole number 0.." << kMaxGeneratedOrders << ", got "
                << args.get("orders") << "\n";
            return ExitBadUsage;
        }
        options.orders = static_cast<int64_t>(n);
    }
    if (args.has("seed") && !ParseCount(args.get("seed"), UINT64_MAX, options.seed)) {
        err << "quotedesk gen: --seed expects a whole number 0.." << UINT64_MAX << ", got " << args.get("seed") << "\n";
        return ExitBadUsage;
    }
    if (args.has("as-of")) {
        InstantParse t = ParseInstant(args.get("as-of"));
        if (!t) {
            err << "quotedesk gen: --as-of: " << t.error << "\n";
            return ExitBadUsage;
        }
        options.as_of = t.value;
    }
    const std::string text = GenerateWorkspace(options);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    return out ? ExitDone : ExitBadInput;
}

}  // namespace

QD_COMMAND("gen", "gen --resources N [--orders M] [--seed S] [--as-of TIME]   print a generated workspace", RunGen);

}  // namespace qd::cli
