// One memory measurement in a fresh process (a fresh wasm instance, whose memory only grows):
// node bench/memory-child.mjs <provider> <count> [thin|full] [again]. Prints one JSON line. A body
// longer than one JavaScript string can hold is cut to the longest prefix of the list that fits
// (`fitted`; Certificate Center's ~9 KB records).
// The `web` build's glue returns the wasm exports from initSync(), `memory` among them, so its
// linear memory can be read after the call; the wasm is the same code as the Node build's.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBody } from './lib/bodies.mjs';

const [provider, countText, shape = 'thin', again] = process.argv.slice(2);
const root = fileURLToPath(new URL('..', import.meta.url));
// The package's normalizeResponse (`cloudcerts/web`). Its `raw` is read lazily (each record's own
// text parsed on first read, in the JavaScript heap); nothing here reads it.
const { initSync, normalizeResponse } = await import(new URL('../pkg/web/manual.js', import.meta.url));

const { body, count, bytes, listed, fitted } = buildBody(provider, Number(countText), { shape, fit: true });
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
  shape,
  count,
  listed,
  fitted,
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
