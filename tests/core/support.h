// support.h: the helpers the core suites share (files of the repository, refusal codes, auto-renew
// plans), so that each suite names what it checks and not how it reads a file.
//
//   std::string text = qd::test::ReadSourceFile("tests/huawei/orders.json");   // "" when missing (and a failed CHECK)
//   for (const std::string& path : qd::test::SourceJsonFiles({"assets", "tests/huawei"})) ...
//   CHECK(qd::test::Codes(quote.refusals) == std::vector<std::string>{"pending_order"});
//   r.auto_renew = qd::test::AutoRenewPlan(TermUnit::Month, 1, 3);              // every month, 3 times
#pragma once

#include <doctest/doctest.h>

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/refusal.h"
#include "core/model/workspace.h"

namespace qd::test {

// The bytes of a file of the repository, by its path from the repository root (QD_SOURCE_DIR).
inline std::string ReadSourceFile(const std::string& relative)
{
    std::ifstream in(std::string(QD_SOURCE_DIR) + "/" + relative, std::ios::binary);
    CHECK_MESSAGE(in.good(), relative);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The .json files in folders of the repository and their subfolders, as paths from the repository
// root (for ReadSourceFile), sorted.
inline std::vector<std::string> SourceJsonFiles(std::initializer_list<const char*> folders)
{
    std::vector<std::string> out;
    const auto walk = [&out](const auto& self, const std::string& folder) -> void {
        DIR* d = opendir((std::string(QD_SOURCE_DIR) + "/" + folder).c_str());
        if (!d) return;
        while (const dirent* entry = readdir(d)) {
            const std::string name = entry->d_name;
            if (name == "." || name == "..") continue;
            const std::string path = folder + "/" + name;
            if (DIR* sub = opendir((std::string(QD_SOURCE_DIR) + "/" + path).c_str())) {
                closedir(sub);
                self(self, path);
            } else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) {
                out.push_back(path);
            }
        }
        closedir(d);
    };
    for (const char* folder : folders) walk(walk, folder);
    std::sort(out.begin(), out.end());
    return out;
}

// A resource with only its id, its product and (for an attached one) its main resource's id.
inline Resource MakeResource(std::string id, std::string product, std::optional<std::string> main = std::nullopt)
{
    Resource r;
    r.resource_id = std::move(id);
    r.product_id = std::move(product);
    r.main_resource_id = std::move(main);
    return r;
}

// The codes of the refusals, in order.
inline std::vector<std::string> Codes(const Refusals& refusals)
{
    std::vector<std::string> out;
    for (const Refusal& r : refusals) out.push_back(r.code);
    return out;
}

// "code<sep>subject" for each refusal, in order.
inline std::vector<std::string> CodesAndSubjects(const Refusals& refusals, std::string_view sep)
{
    std::vector<std::string> out;
    for (const Refusal& r : refusals) out.push_back(r.code + std::string(sep) + r.subject);
    return out;
}

// An auto-renew setting: every `num` units, `times` times (nullopt = no limit).
inline AutoRenew AutoRenewPlan(TermUnit unit, int num, std::optional<int> times)
{
    AutoRenew a;
    a.period = unit;
    a.period_num = num;
    a.times_left = times;
    return a;
}

}  // namespace qd::test
