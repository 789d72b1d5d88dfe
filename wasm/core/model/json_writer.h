// json_writer.h: a small streaming JSON writer for what the core answers (quotes, refund previews,
// summaries). The CLI's `--format json` and the browser test API print the same text because both
// take it from here (docs/cli.md, docs/architecture.md §3).
//
//   JsonWriter w;
//   w.beginObject();
//   w.key("total"); w.money(total);            // "279.41"
//   w.key("as_of"); w.instant(asOf, zone);     // "2025-01-14T10:00:00+08:00"
//   w.key("items"); w.beginArray(); ... w.endArray();
//   w.endObject();
//   std::string text = w.take();
//
// Compact output (no spaces), keys in the order written, strings escaped per RFC 8259 (UTF-8 passes
// through unchanged). Commas are placed automatically. Misuse (a key outside an object, unbalanced
// ends) is a programming error, caught by the tests that print every answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/money.h"

namespace qd {

// Appends s as a JSON string literal (with quotes) to out.
void AppendJsonString(std::string& out, std::string_view s);

class JsonWriter {
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::string_view k);  // the next value belongs to this key
    void string(std::string_view s);
    void integer(int64_t v);
    void boolean(bool b);
    void null();
    void money(Money m);                    // 2-decimal string, "279.41"
    void instant(Instant t, ZoneOffset z);  // ISO 8601 with the zone's offset
    void raw(std::string_view json);        // an already-serialised JSON value

    // An optional value: the value, or null when absent (the format's "null = unknown / none").
    void stringOrNull(const std::optional<std::string>& s) { s ? string(*s) : null(); }
    void integerOrNull(std::optional<int64_t> v) { v ? integer(*v) : null(); }
    void moneyOrNull(const std::optional<Money>& m) { m ? money(*m) : null(); }
    void instantOrNull(const std::optional<Instant>& t, ZoneOffset z) { t ? instant(*t, z) : null(); }

    const std::string& text() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void beforeValue();
    std::string out_;
    std::vector<bool> first_;  // per open container: no member written yet
    bool afterKey_ = false;
};

// {"error":"message"}: the test API's answer to malformed arguments (docs/architecture.md §3).
std::string ErrorJson(std::string_view message);

}  // namespace qd
