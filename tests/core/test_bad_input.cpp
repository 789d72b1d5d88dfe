// The bad-input corpus (docs/architecture.md §5): tests/bad-input/NNN-name.json, each with NNN-name.expected
// holding the first line `quotedesk validate NNN-name.json` prints for it (run inside that folder).
// Every file must be refused, with exactly that first error, with nothing handed back, and with every
// error one line of valid UTF-8. The same files seed the fuzzer (tests/fuzz/run.sh). To add a case,
// add the .json, run `quotedesk validate` on it, check the message by hand, and keep it as .expected.
#include <doctest/doctest.h>

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/model/diagnostics.h"
#include "core/io/load.h"
#include "support.h"

namespace qd {
namespace {

const std::string kCorpus = std::string(QD_SOURCE_DIR) + "/tests/bad-input/";

std::vector<std::string> CorpusFiles()
{  // every file name in the folder, sorted
    std::vector<std::string> names;
    if (DIR* dir = opendir(kCorpus.c_str())) {
        while (const dirent* entry = readdir(dir))
            if (entry->d_name[0] != '.') names.emplace_back(entry->d_name);
        closedir(dir);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string ReadCorpusFile(const std::string& name) { return qd::test::ReadSourceFile("tests/bad-input/" + name); }

bool EndsWith(const std::string& s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
std::string Stem(const std::string& name) { return name.substr(0, name.rfind('.')); }

TEST_CASE("bad input: every file has its expected message and vice versa")
{
    const std::vector<std::string> names = CorpusFiles();
    std::set<std::string> inputs, expectations;
    for (const std::string& name : names) {
        if (EndsWith(name, ".json")) inputs.insert(Stem(name));
        else if (EndsWith(name, ".expected")) expectations.insert(Stem(name));
        else if (name != "README.md") FAIL_CHECK("unexpected file in tests/bad-input: " << name);
    }
    CHECK(inputs.size() >= 45);
    for (const std::string& stem : inputs) CHECK_MESSAGE(expectations.count(stem), stem << ".json has no .expected");
    for (const std::string& stem : expectations) CHECK_MESSAGE(inputs.count(stem), stem << ".expected has no .json");
}

TEST_CASE("bad input: each file is refused with its expected first message")
{
    int checked = 0;
    for (const std::string& name : CorpusFiles()) {
        if (!EndsWith(name, ".json")) continue;
        CAPTURE(name);
        const std::string text = ReadCorpusFile(name);
        std::string expected = ReadCorpusFile(Stem(name) + ".expected");
        while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) expected.pop_back();

        // As `quotedesk validate` and the app open it: one file, workspace or Huawei response.
        std::vector<std::pair<std::string, std::string>> input;
        input.emplace_back(name, text);
        const LoadResult r = LoadFiles(input);
        // A Huawei record that cannot be read is skipped with a warning (docs/huawei-data.md "Partial
        // import"): its .expected file starts with "warning: " and the rest opens.
        if (expected.rfind("warning: ", 0) == 0) {
            CHECK(r.ok);
            REQUIRE_FALSE(r.warnings.empty());
            CHECK("warning: " + r.warnings.front().str() == expected);
            CHECK(r.skipped >= 1);
            CHECK_FALSE(LoadWorkspace(text, name).ok);
            ++checked;
            continue;
        }
        CHECK_FALSE(r.ok);
        REQUIRE_FALSE(r.errors.empty());
        CHECK(r.errors.front().str() == expected);
        CHECK(r.workspace == Workspace{});  // nothing handed back: the open workspace stays as it was
        CHECK(r.errors.size() <= kMaxLoadErrors + 1);
        for (const LoadError& e : r.errors) {
            const std::string line = e.str();
            CHECK_MESSAGE(OneLine(line) == line, "not one line of valid UTF-8: " << OneLine(line));
            CHECK_MESSAGE(line.find("json.exception") == std::string::npos, line);  // the parser's prefix is cut
        }
        // Read directly as a quotedesk/1 file it is refused too (a Huawei response lacks "format").
        CHECK_FALSE(LoadWorkspace(text, name).ok);
        ++checked;
    }
    CHECK(checked >= 45);
}

}  // namespace
}  // namespace qd
