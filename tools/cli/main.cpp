// `quotedesk`: dispatches to the registered subcommands (see command.h).
#include "command.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace qd::cli {

std::string Args::get(const std::string& flag, const std::string& fallback) const
{
    auto it = flags.find(flag);
    return it == flags.end() ? fallback : it->second;
}

bool ParseArgs(const std::vector<std::string>& argv, const std::vector<std::string>& valued,
               const std::vector<std::string>& switches, Args& out, std::string& error)
{
    auto contains = [](const std::vector<std::string>& list, const std::string& s) {
        for (const auto& x : list)
            if (x == s) return true;
        return false;
    };
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
            out.files.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        bool inlineValue = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
            inlineValue = true;
        }
        if (name == "renew-rate-period") {  // every command that opens files takes it (docs/huawei-data.md)
            if (!inlineValue) {
                if (i + 1 >= argv.size()) {
                    error = "--" + name + " needs a value";
                    return false;
                }
                value = argv[++i];
            }
            std::optional<RenewRatePeriod> period = ParseRenewRatePeriod(value);
            if (!period) {
                error =
                    "--renew-rate-period expects 1m..11m or 1y..3y (the request's period_num and period_type), got " +
                    value;
                return false;
            }
            GlobalLoadOptions().renew_rate_period = period;
            continue;
        }
        if (contains(switches, name)) {
            if (inlineValue) {
                error = "--" + name + " takes no value";
                return false;
            }
            out.flags[name] = "true";
        } else if (contains(valued, name)) {
            if (!inlineValue) {
                if (i + 1 >= argv.size()) {
                    error = "--" + name + " needs a value";
                    return false;
                }
                value = argv[++i];
            }
            out.flags[name] = value;
        } else {
            error = "unknown option --" + name;
            return false;
        }
    }
    return true;
}

LoadOptions& GlobalLoadOptions()
{
    static LoadOptions options;
    return options;
}

static std::vector<Command>& Table()
{
    static std::vector<Command> table;
    return table;
}

bool RegisterCommand(const Command& command)
{
    Table().push_back(command);
    return true;
}

const std::vector<Command>& Commands() { return Table(); }

bool ReadFile(const std::string& path, std::string& text, std::string& error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot read: " + std::strerror(errno);
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    return true;
}

}  // namespace qd::cli

static int Usage(std::ostream& os)
{
    os << "usage: quotedesk COMMAND [FILE...] [--options]\n\ncommands:\n";
    for (const auto& c : qd::cli::Commands()) os << "  " << c.usage << "\n";
    os << "\nEvery FILE is a quotedesk/1 workspace or a Huawei BSS response (docs/huawei-data.md); Huawei records\n"
          "that cannot be read are skipped with \"warning: FILE: /json/pointer: why\" lines on stderr.\n"
          "  --renew-rate-period 1m..11m|1y..3y   the duration a bare ListRenewRateOnPeriod response prices\n";
    os << "\nexit codes: 0 done, 1 bad input, 2 bad usage, 3 refused by a rule\n";
    return qd::cli::ExitBadUsage;
}

int main(int argc, char** argv)
{
    if (argc < 2) return Usage(std::cerr);
    std::string name = argv[1];
    if (name == "help" || name == "--help" || name == "-h") {
        Usage(std::cout);
        return qd::cli::ExitDone;
    }
    std::vector<std::string> rest(argv + 2, argv + argc);
    for (const auto& c : qd::cli::Commands())
        if (name == c.name) return c.run(rest, std::cout, std::cerr);
    std::cerr << "quotedesk: unknown command '" << name << "'\n";
    return Usage(std::cerr);
}
