// `quotedesk validate FILE...`: reads each file on its own, as the app would open it (a quotedesk/1
// workspace or a Huawei BSS response, core/io/load.h), and says whether it is good.
//   exit 0: one line per file on stdout, "FILE: ok (12 products, 40 resources, 25 orders)"
//   exit 1: every error of every bad file on stderr, "FILE: /json/pointer: message"
//   Huawei records that cannot be read are skipped: "warning: FILE: /json/pointer: message" on stderr, exit 0
//   (docs/huawei-data.md "Partial import"). --renew-rate-period 1m|..|3y names a bare renew-rate response's duration.
#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "core/io/load.h"

namespace qd::cli {
namespace {

int RunValidate(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    Args args;
    std::string error;
    if (!ParseArgs(argv, {}, {}, args, error)) {
        err << "quotedesk validate: " << error << "\n";
        return ExitBadUsage;
    }
    if (args.files.empty()) {
        err << "quotedesk validate: no file given\n";
        return ExitBadUsage;
    }
    int exit = ExitDone;
    for (const std::string& file : args.files) {
        std::string text;
        if (!ReadFile(file, text, error)) {
            err << error << "\n";
            exit = ExitBadInput;
            continue;
        }
        std::vector<std::pair<std::string, std::string>> input;  // not an initializer list: that would copy the text
        input.emplace_back(file, std::move(text));
        LoadResult r = LoadFiles(input, GlobalLoadOptions());
        if (!r.ok) {
            for (const LoadError& e : r.errors) err << e.str() << "\n";
            exit = ExitBadInput;
            continue;
        }
        for (const LoadError& w : r.warnings) err << "warning: " << w.str() << "\n";
        const Workspace& ws = r.workspace;
        out << file << ": ok (" << ws.products.size() << " products, " << ws.resources.size() << " resources, "
            << ws.orders.size() << " orders";
        if (r.skipped > 0) out << "; " << r.skipped << " skipped, see the warnings";
        out << ")\n";
    }
    return exit;
}

}  // namespace

QD_COMMAND("validate",
           "validate FILE... [--renew-rate-period 1m..11m|1y..3y]   check workspaces / Huawei responses: exit 0 "
           "(skipped Huawei records as warning: lines), or 1 with FILE: /json/pointer: message",
           RunValidate);

}  // namespace qd::cli
