// Signing throughput, shared by Node (bench/run.mjs) and the Chromium page (bench/page/).
// One sample = one pass over every case. bench/run.mjs interleaves the passes of ours in Node, the
// official SDK in Node and ours in Chromium, rotating which goes first.

/** Signatures per second of `sign` over `cases`, one pass. */
export function passRate(cases, sign) {
  const t0 = performance.now();
  for (let i = 0; i < cases.length; i++) sign(cases[i]);
  const ms = performance.now() - t0;
  return (cases.length / ms) * 1000;
}

/**
 * The JavaScript half of how src/bridge.rs takes the arguments of a signRequest call:
 * JSON.stringify of the three arguments and their UTF-8 encoding into wasm memory. A floor for the
 * boundary cost on the way in (serde_json reads the text inside the wasm; the result goes out
 * through serde-wasm-bindgen, inside the call).
 */
export function bridgeFloorRate(cases) {
  const enc = new TextEncoder();
  const scratch = new Uint8Array(1 << 16);
  const t0 = performance.now();
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    enc.encodeInto(JSON.stringify(c.account), scratch);
    enc.encodeInto(JSON.stringify(c.request), scratch);
    enc.encodeInto(JSON.stringify(c.context), scratch);
  }
  const ms = performance.now() - t0;
  return (cases.length / ms) * 1000;
}

/** One side's passes over `cases`: ours, the SDK's (when given), the bridge floor. */
export function createSignBench({ cases, ours, sdk }) {
  return {
    warmup() {
      passRate(cases, ours);
      if (sdk) passRate(cases, sdk);
    },
    ours: () => passRate(cases, ours),
    sdk: () => passRate(cases, sdk),
    floor: () => bridgeFloorRate(cases),
  };
}
