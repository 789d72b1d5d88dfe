// The `quotedesk` command line: a thin face of wasm/core (docs/cli.md).
//
// Each subcommand lives in its own cmd_<name>.cpp and registers itself with QD_COMMAND. Commands
// read files, call the core, print text/json/csv, and return one of the exit codes below; they hold
// no domain logic of their own.
#pragma once
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "core/io/load.h"

namespace qd::cli {

enum Exit : int {
    ExitDone = 0,      // done
    ExitBadInput = 1,  // bad input: FILE: /json/pointer: message
    ExitBadUsage = 2,  // bad usage (unknown flag, missing argument)
    ExitRefused = 3,   // refused by a rule: stable reason code + message
};

// Positional arguments (files) and --flags. `--flag value` and `--flag=value` are accepted;
// flags listed as switches take no value ("true" is stored).
struct Args {
    std::vector<std::string> files;
    std::map<std::string, std::string> flags;  // without the leading "--"

    bool has(const std::string& flag) const { return flags.count(flag) != 0; }
    std::string get(const std::string& flag, const std::string& fallback = "") const;
};

// Parses argv after the subcommand name. Unknown flags (not in `valued` or `switches`) are a usage
// error: returns false and writes the message to `error`.
bool ParseArgs(const std::vector<std::string>& argv, const std::vector<std::string>& valued,
               const std::vector<std::string>& switches, Args& out, std::string& error);

// The options of opening files, from the flags every command takes (--renew-rate-period).
LoadOptions& GlobalLoadOptions();

struct Command {
    const char* name;
    const char* usage;  // one line, shown by `quotedesk help`
    int (*run)(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);
};

// Adds a command to the table (called from static initialisers via QD_COMMAND).
bool RegisterCommand(const Command& command);
const std::vector<Command>& Commands();

// Reads a whole file into `text`; on failure writes "FILE: cannot read: reason" to `error`.
bool ReadFile(const std::string& path, std::string& text, std::string& error);

}  // namespace qd::cli

#define QD_COMMAND_CAT2(a, b) a##b
#define QD_COMMAND_CAT(a, b)  QD_COMMAND_CAT2(a, b)
#define QD_COMMAND(...)                                                  \
    static const bool QD_COMMAND_CAT(qd_command_registered_, __LINE__) = \
        ::qd::cli::RegisterCommand(::qd::cli::Command{__VA_ARGS__})
