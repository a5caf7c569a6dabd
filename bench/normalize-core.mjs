// Normalization throughput and where its time goes, shared by Node and the Chromium page.
// Everything is measured from outside the wasm, on the same body, in the same engine:
//   lib        normalizeResponse(provider, body)                    (all of it)
//   libRaw     the same call, then every certificate's `raw` read   (the package reads `raw` lazily:
//              each record's text is parsed on the first read of its `raw`)
//   rawRead    the read of every `raw` alone, within libRaw
//   js         the JavaScript normalizer (bench/js-normalizer.mjs)  (all of it)
//   jsParse    JSON.parse(body) alone                               (the JS normalizer's parse)
//   skipRead   normalizeResponse on the same body with its list renamed (one letter of the list's
//              key changed): the body crosses in and the reader goes through all of it, skipping
//              the list as an unknown member, and no record is normalized. (A vendor error in the
//              envelope no longer does this: since b3993f4 each record is normalized as it is read,
//              before the reader knows the answer is an error.)
//   encodeIn   TextEncoder.encodeInto(body) into a buffer: the encoding the library does to copy
//              the body into wasm memory at its exact UTF-8 size
// From these: reading the body in wasm ≈ skipRead − encodeIn; `raw` in JavaScript = rawRead when
// the package reads it lazily (`lazyRaw`), else jsParse (the package's JSON.parse of the
// body, inside the call); normalize + hand over (whose calls into JavaScript happen inside the
// wasm call) ≈ lib − skipRead, minus jsParse when `raw` is not lazy.

/** The member of each envelope that holds the list, as it first appears in the body. */
const LIST_KEY = {
  'tencent-ssl': '"Certificates":[',
  'tencent-legacy': '"list":[',
  'volcengine-live': '"CertList":[',
  'volcengine-cert': '"content":[',
  qiniu: '"certs":[',
};

/** The body with its list under another name (same size, same JSON to read, no record to normalize). */
export function unlistedBody(provider, body) {
  const key = LIST_KEY[provider];
  if (!key) throw new Error(provider);
  const at = body.indexOf(key);
  if (at < 0) throw new Error(`${provider}: no ${key} in the body`);
  return `${body.slice(0, at)}${key.slice(0, -4)}_":[${body.slice(at + key.length)}`;
}

const time = (f) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

/**
 * What `raw` costs before it is read, counted rather than timed: every `JSON.parse` during one
 * `normalizeResponse` call, during a first read of every certificate's `raw`, and during a second
 * read. A parse of text that starts with `{` is a record's (or the body's) text: the certificates
 * cross as JSON lists (`[`), the private keys' paths too. Lazy `raw` means none of those in the
 * call, one per certificate on the first read and none on the second.
 */
export function auditRaw({ provider, body, now, normalizeResponse }) {
  const parse = JSON.parse;
  const counts = () => ({ calls: 0, chars: 0, objects: 0, objectChars: 0 });
  let into = counts();
  JSON.parse = function countedParse(text, reviver) {
    const t = String(text);
    into.calls += 1;
    into.chars += t.length;
    if (t.charCodeAt(0) === 123) {
      into.objects += 1;
      into.objectChars += t.length;
    }
    return parse.call(this, text, reviver);
  };
  try {
    const inCall = (into = counts());
    const t0 = performance.now();
    const certificates = normalizeResponse(provider, body, { now, label: 'bench' });
    const callMs = performance.now() - t0;
    const firstRead = (into = counts());
    const t1 = performance.now();
    let present = 0;
    for (const c of certificates) if (c.raw !== undefined) present += 1;
    const readMs = performance.now() - t1;
    const secondRead = (into = counts());
    for (const c of certificates) if (c.raw !== undefined) present += 0;
    return { certificates: certificates.length, bodyChars: body.length, present, inCall, firstRead, secondRead, callMs, readMs };
  } finally {
    JSON.parse = parse;
  }
}

export const QUANTITIES = ['lib', 'libRaw', 'rawRead', 'js', 'jsParse', 'skipRead', 'encodeIn'];

/**
 * One engine's benchmark of one body: `step(r)` takes one sample (ms) of every quantity above,
 * library and JS alternating which goes first with `r`. Construction runs the warm-up.
 */
export function createNormalizeBench({ provider, body, now, normalizeResponse, normalizeJs }) {
  const options = { now, label: 'bench' };
  const unlisted = unlistedBody(provider, body);
  const enc = new TextEncoder();
  const scratch = new Uint8Array(body.length * 3);
  const first = normalizeResponse(provider, body, options);
  const count = first.length;
  // Whether `raw` is an accessor that parses its record on first read (the package since 2b48d09).
  const lazyRaw = typeof Object.getOwnPropertyDescriptor(first[0] ?? {}, 'raw')?.get === 'function';
  const runLib = () => normalizeResponse(provider, body, options);
  let sink = 0;
  let readMs = 0;
  const runLibRaw = () => {
    const certificates = normalizeResponse(provider, body, options);
    const t0 = performance.now();
    for (const c of certificates) if (c.raw) sink += 1;
    readMs = performance.now() - t0;
  };
  const runJs = () => normalizeJs(provider, body, options);
  // The reader's answer to a body without its list: an empty list or a BadResponse, at once.
  const runSkip = () => {
    try {
      const none = normalizeResponse(provider, unlisted, options);
      if (none.length) throw new Error(`${provider}: the renamed list still gave ${none.length} certificates`);
    } catch (e) {
      if (e.name !== 'CloudCertError') throw e;
    }
  };
  runJs();
  runSkip();
  runLibRaw();
  const rawAudit = auditRaw({ provider, body, now, normalizeResponse });
  return {
    count,
    lazyRaw,
    rawAudit,
    step(r) {
      const sample = {};
      const pair = [() => (sample.lib = time(runLib)), () => (sample.js = time(runJs))];
      if (r % 2) pair.reverse();
      pair[0]();
      pair[1]();
      sample.libRaw = time(runLibRaw);
      sample.rawRead = readMs;
      sample.jsParse = time(() => JSON.parse(body));
      sample.skipRead = time(runSkip);
      sample.encodeIn = time(() => enc.encodeInto(body, scratch));
      return sample;
    },
  };
}

/** Collects step samples into {quantity: [ms, ...]}. */
export function collect(samples) {
  return Object.fromEntries(QUANTITIES.map((q) => [q, samples.map((s) => s[q])]));
}
