// Every code the core emits (a Refusal's code, a refund item's reason_code, a warning) has words in the
// UI's one table, wasm/ui/refusal_words.cpp, so the console never shows an English engine message
// where it should speak the user's language. The codes are read from the core's sources: the literals
// that stand where a code is written ({"code", subject, message}, reason_code = "...", code = "...").
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "support.h"

namespace {

// Line comments out, so that a JSON shape quoted in a comment is not taken for a code.
std::string WithoutComments(const std::string& text)
{
    static const std::regex comment("//[^\n]*");
    return std::regex_replace(text, comment, "");
}

std::set<std::string> EmittedCodes()
{
    std::set<std::string> codes;
    static const std::regex code(
        R"re((?:\{|Refusal\{|Refusal\(|_code = |\.code = |\? )\s*"([a-z][a-z0-9_]*)"\s*[,:])re");
    for (const char* layer : {"wasm/core/engine", "wasm/core/report"}) {
        for (const auto& entry : std::filesystem::directory_iterator(std::string(QD_SOURCE_DIR) + "/" + layer)) {
            if (entry.path().extension() != ".cpp") continue;
            const std::string text =
                WithoutComments(qd::test::ReadSourceFile(std::string(layer) + "/" + entry.path().filename().string()));
            for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it)
                codes.insert((*it)[1].str());
        }
    }
    // Literals in the same places that are not codes: JSON member names and enum words written
    // through brace lists (a {"month", ...} duration, "none" of a summary, a "paid" line kind), the first
    // rule key of a quote sheet's RulesBehind list ({"zone", ...}) and its amount column's class ("num").
    for (const char* notCode : {"month", "none", "paid", "zone", "num"}) codes.erase(notCode);
    return codes;
}

std::set<std::string> CodesWithWords()
{
    std::set<std::string> codes;
    static const std::regex row(R"re(\{"([a-z][a-z0-9_]*)", Scope::)re");
    const std::string text = qd::test::ReadSourceFile("wasm/ui/refusal_words.cpp");
    for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it) codes.insert((*it)[1].str());
    return codes;
}

}  // namespace

TEST_CASE("every refusal and reason code the core emits has words in the UI's table (ui/refusal_words.cpp)")
{
    const std::set<std::string> emitted = EmittedCodes();
    const std::set<std::string> worded = CodesWithWords();
    CAPTURE(emitted.size());
    CHECK(emitted.size() >= 55);  // the scan finds the codes
    CHECK(worded.size() >= 55);
    for (const std::string& code : emitted) CHECK_MESSAGE(worded.count(code) == 1, "no words for ", code);
}
