// Normalization throughput and where its time goes, shared by Node and the Chromium page.
// Everything is measured from outside the wasm, on the same body, in the same engine:
//   lib        normalizeResponse(provider, body)                    (all of it)
//   libRaw     the same call, then every certificate's `raw` read   (the package reads `raw` lazily:
//              each record's text is parsed on the first read of its `raw`)
//   js         the JavaScript normalizer (bench/js-normalizer.mjs)  (all of it)
//   jsParse    JSON.parse(body) alone                               (the JS normalizer's parse)
//   errParse   normalizeResponse on the same body with a vendor error put in its envelope: the body
//              crosses in and serde_json parses all of it, then the error returns at once
//   encodeIn   TextEncoder.encodeInto(body) into a buffer: the copy of the body into wasm memory
// From these: in-wasm JSON parse ≈ errParse − encodeIn; `raw` in JavaScript ≈ libRaw − lib when the
// package reads it lazily (`lazyRaw`), else jsParse (the package's JSON.parse of the body, plus a
// splice per private key, inside the call); normalize + hand over (whose calls into JavaScript
// happen inside the wasm call) ≈ lib − errParse, minus jsParse when `raw` is not lazy.

/** The body with the vendor's error put in its envelope (same size, same JSON to parse). */
export function errorBody(provider, body) {
  const swap = (from, to) => {
    if (!body.startsWith(from)) throw new Error(`${provider}: unexpected body start ${body.slice(0, 40)}`);
    return to + body.slice(from.length);
  };
  switch (provider) {
    case 'tencent-ssl':
      return swap('{"Response":{', '{"Response":{"Error":{"Code":"InternalError","Message":"bench"},');
    case 'tencent-legacy':
      return swap('{"code":0,', '{"code":6000,');
    case 'volcengine-live':
    case 'volcengine-cert':
      return swap('{"ResponseMetadata":{', '{"ResponseMetadata":{"Error":{"Code":"InternalError","Message":"bench"},');
    case 'qiniu':
      return swap('{"marker":', '{"error":"bench","marker":');
    default:
      throw new Error(provider);
  }
}

const time = (f) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

export const QUANTITIES = ['lib', 'libRaw', 'js', 'jsParse', 'errParse', 'encodeIn'];

/**
 * One engine's benchmark of one body: `step(r)` takes one sample (ms) of every quantity above,
 * library and JS alternating which goes first with `r`. Construction runs the warm-up.
 */
export function createNormalizeBench({ provider, body, now, normalizeResponse, normalizeJs }) {
  const options = { now, label: 'bench' };
  const bad = errorBody(provider, body);
  const enc = new TextEncoder();
  const scratch = new Uint8Array(body.length * 3);
  const first = normalizeResponse(provider, body, options);
  const count = first.length;
  // Whether `raw` is an accessor that parses its record on first read (the package since 2b48d09).
  const lazyRaw = typeof Object.getOwnPropertyDescriptor(first[0] ?? {}, 'raw')?.get === 'function';
  const runLib = () => normalizeResponse(provider, body, options);
  let sink = 0;
  const runLibRaw = () => {
    for (const c of normalizeResponse(provider, body, options)) if (c.raw) sink += 1;
  };
  const runJs = () => normalizeJs(provider, body, options);
  const runErr = () => {
    try {
      normalizeResponse(provider, bad, options);
    } catch (e) {
      if (e.name !== 'CloudCertError') throw e;
      return;
    }
    throw new Error(`${provider}: the error body did not fail`);
  };
  runJs();
  runErr();
  runLibRaw();
  return {
    count,
    lazyRaw,
    step(r) {
      const sample = {};
      const pair = [() => (sample.lib = time(runLib)), () => (sample.js = time(runJs))];
      if (r % 2) pair.reverse();
      pair[0]();
      pair[1]();
      sample.libRaw = time(runLibRaw);
      sample.jsParse = time(() => JSON.parse(body));
      sample.errParse = time(runErr);
      sample.encodeIn = time(() => enc.encodeInto(body, scratch));
      return sample;
    },
  };
}

/** Collects step samples into {quantity: [ms, ...]}. */
export function collect(samples) {
  return Object.fromEntries(QUANTITIES.map((q) => [q, samples.map((s) => s[q])]));
}
