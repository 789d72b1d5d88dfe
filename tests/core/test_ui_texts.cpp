// The console's strings (wasm/ui/text_*.inc, one QD_TEXT row per string in both languages) are all
// used: a row that no code names as TextId::Id is a translation nobody sees, left behind by a change.
// The sources are read as text, as test_refusal_words.cpp reads the UI's table of codes.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "support.h"

namespace {

std::string SourcesOf(std::initializer_list<const char*> dirs, std::initializer_list<const char*> extensions)
{
    std::string text;
    for (const char* dir : dirs)
        for (const auto& entry : std::filesystem::directory_iterator(std::string(QD_SOURCE_DIR) + "/" + dir))
            for (const char* ext : extensions)
                if (entry.path().extension() == ext)
                    text += qd::test::ReadSourceFile(std::string(dir) + "/" + entry.path().filename().string());
    return text;
}

}  // namespace

TEST_CASE("every string of the console is used somewhere (wasm/ui/text_*.inc)")
{
    std::set<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(QD_SOURCE_DIR) + "/wasm/ui")) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("text_", 0) != 0 || entry.path().extension() != ".inc") continue;
        const std::string text = qd::test::ReadSourceFile("wasm/ui/" + name);
        static const std::regex row(R"re(\nQD_TEXT\((\w+),)re");
        for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it) ids.insert((*it)[1].str());
    }
    CHECK(ids.size() > 500);  // the scan finds the rows
    const std::string code = SourcesOf({"wasm/ui", "wasm/web"}, {".cpp", ".h"});
    for (const std::string& id : ids) {
        CAPTURE(id);
        CHECK_MESSAGE(std::regex_search(code, std::regex("TextId::" + id + "\\b")), "no code uses TextId::" << id);
    }
}
