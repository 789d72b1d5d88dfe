// refusal_words: the one table that turns the core's stable codes (core/model/refusal.h: refusals,
// not-allowed reasons, scenario reasons) into words in the current language, for every page.
//
//   ErrorText(RefusalWords(r));                                    // 云服务退订, the order lists
//   ErrorText(RefusalWords(r, RefusalScope::Renewal, &ws));         // the renewal page: "name (id)" inside
//   const char* w = CodeWords(item.reason_code);                   // nullptr when the code has no words
//
// A code can have words of its own on a page (empty_request says what to tick); a scope looks for its
// own row first, then for the shared row (RefusalScope::Any), then falls back to the core's English
// message. tests/core/test_refusal_words.cpp checks that every code the core emits has a row.
#pragma once
#include <string>
#include <string_view>

#include "core/model/refusal.h"
#include "core/model/workspace.h"

namespace qd::ui {

enum class RefusalScope { Any, Renewal, Export, Purchase };

// The words of a code in a scope; nullptr when it has none.
const char* CodeWords(std::string_view code, RefusalScope scope = RefusalScope::Any);

// A refusal for people: the words of its code with its subject (or the number the words need), else
// the core's message. `ws` names the subject ("name (id)") where the words say whose it is.
std::string RefusalWords(const Refusal& refusal, RefusalScope scope = RefusalScope::Any, const Workspace* ws = nullptr);

}  // namespace qd::ui
