// One memory measurement in a fresh process (a fresh wasm instance, whose memory only grows):
// node bench/memory-child.mjs <provider> <count>. Prints one JSON line.
// The `web` build's glue returns the wasm exports from initSync(), `memory` among them, so its
// linear memory can be read after the call; the wasm is the same code as the Node build's.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBody } from './lib/bodies.mjs';

const [provider, countText, again] = process.argv.slice(2);
const root = fileURLToPath(new URL('..', import.meta.url));
// The package's normalizeResponse (`cloudcerts/web`): `raw` comes from the engine's own JSON.parse, in
// the JavaScript heap (counted in the max RSS, not here).
const { initSync, normalizeResponse } = await import(new URL('../pkg/web/manual.js', import.meta.url));

const { body, count, bytes } = buildBody(provider, Number(countText));
const exports = initSync({ module: readFileSync(`${root}pkg/web/cloudcerts_bg.wasm`) });
const baseline = exports.memory.buffer.byteLength;
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const certificates = normalizeResponse(provider, body, { now: Date.now() });
const ms = performance.now() - t0;
const peak = exports.memory.buffer.byteLength;
// Optionally a second call on the same instance, its memory already grown.
let secondMs;
if (again === 'again') {
  const t1 = performance.now();
  normalizeResponse(provider, body, { now: Date.now() });
  secondMs = performance.now() - t1;
}
process.stdout.write(`${JSON.stringify({
  provider,
  count,
  normalized: certificates.length,
  bodyBytes: bytes,
  bodyChars: body.length,
  baseline,
  peak,
  ms,
  secondMs,
  peakAfterSecond: exports.memory.buffer.byteLength,
  rssDeltaDuringCall: process.memoryUsage().rss - rssBefore,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
})}\n`);
