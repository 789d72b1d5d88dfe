// `quotedesk validate FILE...`: reads each file on its own, as the app would open it (a quotedesk/1
// workspace or a Huawei BSS response, core/io/load.h), and says whether it is good.
//   exit 0: one line per file on stdout, "FILE: ok (12 products, 40 resources, 25 orders)"
//   exit 1: every error of every bad file on stderr, "FILE: /json/pointer: message"
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
        LoadResult r = LoadFiles(input);
        if (!r.ok) {
            for (const LoadError& e : r.errors) err << e.str() << "\n";
            exit = ExitBadInput;
            continue;
        }
        const Workspace& ws = r.workspace;
        out << file << ": ok (" << ws.products.size() << " products, " << ws.resources.size() << " resources, "
            << ws.orders.size() << " orders)\n";
    }
    return exit;
}

}  // namespace

QD_COMMAND("validate",
           "validate FILE...   check workspaces / Huawei responses: exit 0, or 1 with FILE: /json/pointer: message",
           RunValidate);

}  // namespace qd::cli
