// Engine benchmark (docs/architecture.md §4 "renewal quote for 10,000 selected resources: < 20 ms in wasm"):
// quotes the renewal of up to N selected resources at once, with and without a unified expiry day,
// beside a baseline in the same process: the plain walk every quote needs (find each resource and
// its product, read the month price). Then the renewal page's filters over every resource (one
// keystroke = one query; the index is built once per workspace change), beside a baseline walk of
// every resource's name. Prints figures and ratios; asserts nothing.
//   native: build/native/bench_engine FILE [N]
//   wasm:   node --no-experimental-fetch build/wasm/bench_engine.js FILE [N]   (NODERAWFS)
//   quotes only (no filters), e.g. for a profile, in ROUNDS rounds (default 5): bench_engine FILE N quote [ROUNDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/load.h"
#include "core/engine/renewal.h"
#include "core/report/renewal_query.h"

namespace {

double NowMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Best of `runs` timings of fn() (the first run warms caches and the allocator).
template <class Fn>
double BestMs(int runs, Fn&& fn)
{
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        double t0 = NowMs();
        fn();
        best = std::min(best, NowMs() - t0);
    }
    return best;
}

// Resources a batch renewal can take, with and without alignment: each one quotes alone (no pending
// order, not delisted, in the manual or auto-renew tab ...).
std::vector<std::string> Quotable(const qd::Workspace& ws, qd::Instant asOf, std::size_t limit)
{
    const qd::OrderLocks locks = qd::OrderLocks::Build(ws);
    std::vector<std::string> ids;
    for (const qd::Resource& r : ws.resources) {
        if (ids.size() == limit) break;
        if (r.isBound()) continue;  // renewed with its main
        qd::RenewalRequest one{
            .resource_ids = {r.resource_id}, .duration = qd::RenewalDuration{qd::TermUnit::Month, 1}, .as_of = asOf};
        qd::RenewalRequest aligned = one;
        aligned.unified_day = qd::UnifiedExpiryDay::MonthEnd();
        if (qd::QuoteRenewal(ws, one, locks).ok() && qd::QuoteRenewal(ws, aligned, locks).ok())
            ids.push_back(r.resource_id);
    }
    return ids;
}

// One batch quote into `out` (the previous quote is freed here, as when a page re-quotes). Not
// inlined, so a profile can count just this: valgrind --tool=callgrind --toggle-collect='*QuoteBatch*'.
[[gnu::noinline]] void QuoteBatch(const qd::Workspace& ws, const qd::RenewalRequest& request, qd::RenewalQuote& out)
{
    out = qd::QuoteRenewal(ws, request);
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_engine FILE [N]\n");
        return 2;
    }
    const std::size_t n = argc > 2 ? static_cast<std::size_t>(std::atol(argv[2])) : 10000;
    const bool quotesOnly = argc > 3 && std::string(argv[3]) == "quote";
    const int rounds = argc > 4 ? std::max(1, std::atoi(argv[4])) : 5;
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    qd::LoadResult loaded = qd::LoadWorkspace(ss.str(), argv[1]);
    if (!loaded.ok) {
        std::fprintf(stderr, "%s\n", loaded.errors[0].str().c_str());
        return 1;
    }
    const qd::Workspace& ws = loaded.workspace;
    const qd::Instant asOf = ws.as_of.value_or(qd::Instant::FromUnixSeconds(1767225600));

    const std::vector<std::string> ids = Quotable(ws, asOf, n);
    std::printf("%s: %zu resources, %zu selected for one batch quote\n", argv[1], ws.resources.size(), ids.size());

    // Each round times every part once, so a busy machine slows the quotes and their baselines alike;
    // the best of the rounds is printed.
    qd::RenewalRequest plain{
        .resource_ids = ids, .duration = qd::RenewalDuration{qd::TermUnit::Month, 1}, .as_of = asOf};
    qd::RenewalRequest aligned = plain;
    aligned.unified_day = qd::UnifiedExpiryDay::MonthEnd();
    qd::RenewalQuote q;
    int64_t sink = 0;
    std::vector<std::pair<std::string, std::string>> copies;
    double walk = 1e300, quote = 1e300, quoteAligned = 1e300, locks = 1e300, orderWalk = 1e300, copy = 1e300;
    std::size_t items = 0;
    bool ok = false;
    for (int round = 0; round < rounds; ++round) {
        // The plain walk every quote needs: find each resource and its product, read the month price.
        walk = std::min(walk, BestMs(1, [&] {
                            for (const std::string& id : ids) {
                                const qd::Resource* r = ws.findResource(id);
                                const qd::Product* p = ws.findProduct(r->product_id);
                                sink += p->prices.month ? p->prices.month->fen() : 0;
                            }
                        }));
        quote = std::min(quote, BestMs(1, [&] { QuoteBatch(ws, plain, q); }));
        items = q.items.size();
        ok = q.ok();
        quoteAligned = std::min(quoteAligned, BestMs(1, [&] { QuoteBatch(ws, aligned, q); }));
        // Beside the quotes: the order locks a caller may build once and reuse (every order of the
        // workspace), a walk over the orders' statuses, and what a quote whose items own their
        // strings would pay on top of the walk: a std::string copy of each resource's id and product
        // id (the items share Texts instead, text.h).
        locks = std::min(
            locks, BestMs(1, [&] { sink += qd::OrderLocks::Build(ws, asOf).pending(ids.front()) != nullptr ? 1 : 0; }));
        orderWalk = std::min(orderWalk, BestMs(1, [&] {
                                 for (const qd::Order& o : ws.orders) sink += o.isOpen() ? 1 : 0;
                             }));
        copy = std::min(copy, BestMs(1, [&] {
                            copies.clear();
                            copies.reserve(ids.size());
                            for (const std::string& id : ids) {
                                const qd::Resource* r = ws.findResource(id);
                                copies.emplace_back(r->resource_id, r->product_id);
                            }
                        }));
    }

    std::printf("  baseline walk (find + price)  %8.2f ms  best of %d rounds\n", walk, rounds);
    std::printf("  quote 1 month                 %8.2f ms  %zu items, %s, %.2f us/item, %.1fx baseline\n", quote, items,
                ok ? "ok" : "REFUSED", quote * 1000 / static_cast<double>(std::max<std::size_t>(items, 1)),
                quote / walk);
    std::printf("  quote 1 month + month end     %8.2f ms  %s, %.1fx baseline   (budget in wasm: 20 ms)\n",
                quoteAligned, q.ok() ? "ok" : "REFUSED", quoteAligned / walk);
    std::printf(
        "  OrderLocks::Build (for reuse) %8.2f ms  %zu orders (a quote without locks finds its own); a walk over their "
        "statuses: %.2f ms\n",
        locks, ws.orders.size(), orderWalk);
    std::printf("  std::string copy of 2 ids     %8.2f ms  %.1fx baseline (the items share Texts instead)\n", copy,
                copy / walk);

    if (!q.ok())
        std::printf("  (aligned refused: %s: %s, %zu refusals)\n", q.refusals[0].code.c_str(),
                    q.refusals[0].message.c_str(), q.refusals.size());
    if (quotesOnly) return sink == -1 ? 1 : 0;

    // The renewal page's filters over every resource (issue: "fast enough for 100k per keystroke").
    qd::RenewalIndex index;
    const double build = BestMs(3, [&] { index = qd::RenewalIndex::Build(ws, asOf); });
    std::size_t nameBytes = 0;
    const double names = BestMs(5, [&] {
        for (const qd::Resource& r : ws.resources) nameBytes += r.resource_name.size();
    });
    qd::RenewalFilter plainTab{.tab = qd::RenewalPolicy::Manual, .as_of = asOf};
    qd::RenewalFilter typing = plainTab;
    typing.search = "web";  // a substring of names, as while typing
    typing.expiring_within_days = 30;
    qd::RenewalFilter batch = plainTab;  // 200 IDs pasted at once
    for (std::size_t i = 0; i < 200 && i < ws.resources.size(); ++i)
        batch.search += ws.resources[i * (ws.resources.size() / 200)].resource_id + ",";
    qd::RenewalQueryResult r;
    const double tab = BestMs(5, [&] { r = qd::QueryRenewals(ws, index, plainTab); });
    const std::size_t tabRows = r.rows.size();
    const double typed = BestMs(5, [&] { r = qd::QueryRenewals(ws, index, typing); });
    const std::size_t typedRows = r.rows.size();
    const double pasted = BestMs(5, [&] { r = qd::QueryRenewals(ws, index, batch); });
    std::printf("  filters over %zu resources: index build %.1f ms (once per change)\n", ws.resources.size(), build);
    std::printf("  baseline walk (every name)    %8.2f ms\n", names);
    std::printf("  manual tab, no filter         %8.2f ms  %zu rows, %.1fx baseline\n", tab, tabRows, tab / names);
    std::printf("  search \"web\" + 30 days       %8.2f ms  %zu rows, %.1fx baseline\n", typed, typedRows,
                typed / names);
    std::printf("  200 pasted IDs                %8.2f ms  %zu rows, %.1fx baseline\n", pasted, r.rows.size(),
                pasted / names);
    if (nameBytes == 0) std::printf("  (no names)\n");
    return sink == -1 ? 1 : 0;
}
