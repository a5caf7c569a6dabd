// The ways of the output-crossing experiment (bench/crossing.mjs, BENCHMARKS.md §13), with no
// Node or browser API, so that Node and the Chromium page run the same code. `m` is the crossing
// crate's exports (bench/crossing/src/lib.rs).

import { interleaved } from './interleave.mjs';

/**
 * One body's three ways (the certificates as JSON text, through serde-wasm-bindgen, or only their
 * number), checked to give the same certificates. `step(s)` times each way once (the first way
 * rotates with `s`) and returns {way: ms}.
 */
export function createOutputBench(m, provider, body, now) {
  const ways = {
    json: () => m.viaJson(provider, body, now),
    serdeWasmBindgen: () => m.viaSerdeWasmBindgen(provider, body, now),
    nothing: () => m.viaNothing(provider, body, now),
  };
  if (JSON.stringify(ways.json()) !== JSON.stringify(ways.serdeWasmBindgen())) throw new Error(`${provider}: the two crossings differ`);
  return {
    count: ways.nothing(),
    step: interleaved(ways),
  };
}
