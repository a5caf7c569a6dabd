// The output crossing, measured (BENCHMARKS.md §13): the same certificates handed from wasm to
// JavaScript as JSON text (what the package does), through serde-wasm-bindgen (one JS call per
// value), and not at all (the parse and normalization alone), in Node, on the 10,000-certificate
// bodies of section 3. Builds bench/crossing (a small crate over this one) into bench/.work.
//
//   node bench/crossing.mjs [--samples N]      prints a markdown table

import { buildCrossing } from './crossing/build.mjs';
import { buildBody } from './lib/bodies.mjs';
import { summary, mmm, num, table } from './lib/stats.mjs';

const samples = Number(process.argv[process.argv.indexOf('--samples') + 1]) || 7;
const m = buildCrossing();

const WAYS = { json: m.viaJson, serdeWasmBindgen: m.viaSerdeWasmBindgen, nothing: m.viaNothing };
const rows = [];
for (const provider of ['tencent-ssl', 'tencent-legacy', 'volcengine-live', 'volcengine-cert', 'qiniu']) {
  const { body, count } = buildBody(provider, 10_000);
  const now = Date.now();
  const a = JSON.stringify(m.viaJson(provider, body, now));
  const b = JSON.stringify(m.viaSerdeWasmBindgen(provider, body, now));
  if (a !== b) throw new Error(`${provider}: the two crossings differ`);
  const times = { json: [], serdeWasmBindgen: [], nothing: [] };
  const order = Object.keys(WAYS);
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < order.length; k++) {
      const way = order[(s + k) % order.length];
      const t0 = performance.now();
      WAYS[way](provider, body, now);
      times[way].push(performance.now() - t0);
    }
  }
  const cross = (way) => summary(times[way].map((t, i) => t - times.nothing[i]));
  const ratio = summary(times.serdeWasmBindgen.map((t, i) => (t - times.nothing[i]) / (times.json[i] - times.nothing[i])));
  rows.push([
    provider,
    String(count),
    mmm(summary(times.nothing), 'ms'),
    mmm(summary(times.json), 'ms'),
    mmm(summary(times.serdeWasmBindgen), 'ms'),
    mmm(cross('json'), 'ms'),
    mmm(cross('serdeWasmBindgen'), 'ms'),
    `**${mmm(ratio, '', (v) => `${num(v)}×`)}**`,
  ]);
  process.stderr.write(`${provider} done\n`);
}
console.log(`Node ${process.version}, ${samples} samples per way, ways interleaved (the first rotates).\n`);
console.log(table(['body', 'certificates', 'parse + normalize only (ms)', 'JSON text + JSON.parse (ms)', 'serde-wasm-bindgen (ms)', 'crossing: JSON (ms)', 'crossing: serde-wasm-bindgen (ms)', 'serde-wasm-bindgen ÷ JSON, crossing only'], rows));
