// support.h: the helpers the core suites share (files of the repository, refusal codes, auto-renew
// plans), so that each suite names what it checks and not how it reads a file.
//
//   std::string text = qd::test::ReadSourceFile("tests/huawei/orders.json");   // "" when missing (and a failed CHECK)
//   CHECK(qd::test::Codes(quote.refusals) == std::vector<std::string>{"pending_order"});
//   r.auto_renew = qd::test::AutoRenewPlan(TermUnit::Month, 1, 3);              // every month, 3 times
#pragma once

#include <doctest/doctest.h>

#include <fstream>
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
