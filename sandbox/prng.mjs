// The sandbox's PRNG, in a module of its own with no imports: the benchmark page imports it in
// the browser (bench/sign-cases.mjs), where the rest of the sandbox (node:crypto) cannot load.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
