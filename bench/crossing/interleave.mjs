// One sample of every way of a crossing experiment, with no Node or browser API (the Chromium
// page imports it too): each way timed once, the first rotating with the sample's number.

/** `step(s)`: times each of `ways` ({name: () => void}) once and returns {name: ms}. */
export function interleaved(ways) {
  const names = Object.keys(ways);
  return (s) => {
    const sample = {};
    for (let k = 0; k < names.length; k++) {
      const w = names[(s + k) % names.length];
      const t0 = performance.now();
      ways[w]();
      sample[w] = performance.now() - t0;
    }
    return sample;
  };
}
