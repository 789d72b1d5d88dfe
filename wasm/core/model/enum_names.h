// enum_names.h: the snake_case words that stand for enumeration values in files and JSON output.
//
// An enum E opts in with a specialisation holding its words in declaration order:
//   template <> struct EnumNames<Relation> { static constexpr std::array<std::string_view, 2> names{"bound", "mounted"}; };
// then ToString(Relation::Mounted) == "mounted", EnumFromString<Relation>("bound") == Relation::Bound,
// EnumChoices<Relation>() == "bound|mounted" (for messages such as "expected one of bound|mounted").
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace qd {

template <class E>
struct EnumNames;  // no primary definition: an enum without names is a compile error

template <class E>
constexpr std::string_view ToString(E e)
{
    return EnumNames<E>::names[static_cast<std::size_t>(e)];
}

template <class E>
constexpr std::optional<E> EnumFromString(std::string_view s)
{  // exact, case-sensitive
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i)
        if (EnumNames<E>::names[i] == s) return static_cast<E>(i);
    return std::nullopt;
}

template <class E>
std::string EnumChoices()
{  // "manual|auto|to_on_demand|no_renew"
    std::string out;
    for (std::string_view n : EnumNames<E>::names) {
        if (!out.empty()) out += '|';
        out += n;
    }
    return out;
}

}  // namespace qd
