// Signing throughput, shared by Node (bench/run.mjs) and the Chromium page (bench/page/).
// One sample = one pass over every case. bench/run.mjs interleaves the passes of ours in Node (the
// main module and cloudcerts/sign's), the official SDK in Node and the Chromium page's passes
// (ours and the two plain JS signers of bench/js-signers.mjs), rotating which goes first.

/** Signatures per second of `sign` over `cases`, one pass. */
export function passRate(cases, sign) {
  const t0 = performance.now();
  for (let i = 0; i < cases.length; i++) sign(cases[i]);
  const ms = performance.now() - t0;
  return (cases.length / ms) * 1000;
}

/** The same for an async signer, each call awaited before the next starts. */
export async function passRateAsync(cases, sign) {
  const t0 = performance.now();
  for (let i = 0; i < cases.length; i++) await sign(cases[i]);
  const ms = performance.now() - t0;
  return (cases.length / ms) * 1000;
}

/** One side's passes over `cases`: ours and the SDK's (when given). */
export function createSignBench({ cases, ours, sdk }) {
  return {
    warmup() {
      passRate(cases, ours);
      if (sdk) passRate(cases, sdk);
    },
    ours: () => passRate(cases, ours),
    sdk: () => passRate(cases, sdk),
  };
}
