// json_structure.h: simdjson's first stage with 128-bit SIMD where simdjson has none (the loader's
// fast path, docs/performance.md "Stage 1").
//
// simdjson reads a document in two stages: stage 1 finds where every token starts (the structural
// index: each { } [ ] , : the opening quote of each string, the first byte of each number or
// literal) and checks the UTF-8; stage 2 (On-Demand) walks the tokens. For WebAssembly simdjson 3.0.1
// has no SIMD kernel, and its portable one finds the tokens a byte at a time: half of a load's time
// in the browser. ChooseStage1 makes simdjson's parsers use a stage 1 that classifies
// 64 bytes at a time with WebAssembly SIMD (SSE2 natively, where the same code is tested) and keeps
// everything else of the implementation simdjson chose (string unescaping, UTF-8 validation).
//
// The index it writes is the one simdjson's own stage 1 writes for every valid document; for an
// invalid one either stage refuses (an unclosed string, a control character inside a string, bad
// UTF-8, or a token stage 2 does not accept), and the loader then reads the file with its precise
// reader, so no message depends on which stage refused.
#pragma once

namespace qd {

// Which stage 1 simdjson's parsers use.
enum class Stage1 {
    Auto,      // Simd128 where simdjson's own kernel is its portable one (WebAssembly), else Simdjson
    Simd128,   // this file's (where the build has WebAssembly SIMD or SSE2; else simdjson's own)
    Simdjson,  // the kernel simdjson picks for the machine (natively e.g. haswell: AVX2)
};
// For every simdjson parser allocated from now on (tests choose Simd128 to run it natively).
void ChooseStage1(Stage1 which);
// Auto, unless ChooseStage1 chose before: the loader's fast path calls it before it reads.
void ChooseStage1Once();

}  // namespace qd
