// The output crossing, measured (BENCHMARKS.md §13): the same certificates handed from wasm to
// JavaScript as JSON text, through serde-wasm-bindgen (one JS call per value; what the package
// does), and not at all (the parse and normalization alone), in Node and in headless Chromium, on
// the 10,000-certificate bodies of section 3. Builds bench/crossing (a small crate over this one)
// into bench/.work; the ways are in bench/crossing/out-core.mjs, each interleaved with the others
// (the first rotating), and the Node and Chromium samples alternate.
//
//   node bench/crossing.mjs [--samples N] [--node-only]      prints a markdown table

import { buildCrossing } from './crossing/build.mjs';
import { createOutputBench } from './crossing/out-core.mjs';
import { openCrossingPage } from './crossing/page.mjs';
import { buildBody, PROVIDERS } from './lib/bodies.mjs';
import { summary, mmm, num, table } from './lib/stats.mjs';

const samples = Number(process.argv[process.argv.indexOf('--samples') + 1]) || 7;
const withChromium = !process.argv.includes('--node-only');
const m = buildCrossing();

const bodies = new Map(PROVIDERS.map((p) => [p, buildBody(p, 10_000)]));
const chromiumPage = withChromium ? await openCrossingPage('out-core.mjs', new Map([...bodies].map(([p, b]) => [p, b.body]))) : null;

const rows = [];
for (const provider of PROVIDERS) {
  const { body } = bodies.get(provider);
  const now = Date.now();
  const node = createOutputBench(m, provider, body, now);
  const t = { Node: [] };
  if (chromiumPage) {
    await chromiumPage.page.evaluate(
      async ([p, at]) => {
        const text = await (await fetch(`/body/${p}`)).text();
        window.bench = window.crossing.core.createOutputBench(window.crossing.m, p, text, at);
      },
      [provider, now],
    );
    t.Chromium = [];
  }
  for (let s = 0; s < samples; s++) {
    const order = Object.keys(t);
    if (s % 2) order.reverse();
    for (const engine of order) {
      t[engine].push(engine === 'Node' ? node.step(s) : await chromiumPage.page.evaluate((i) => window.bench.step(i), s));
    }
  }
  for (const [engine, list] of Object.entries(t)) {
    const of = (way) => summary(list.map((x) => x[way]));
    const cross = (way) => summary(list.map((x) => x[way] - x.nothing));
    const ratio = summary(list.map((x) => (x.serdeWasmBindgen - x.nothing) / (x.json - x.nothing)));
    rows.push([
      provider,
      engine,
      String(node.count),
      mmm(of('nothing'), 'ms'),
      mmm(of('json'), 'ms'),
      mmm(of('serdeWasmBindgen'), 'ms'),
      mmm(cross('json'), 'ms'),
      mmm(cross('serdeWasmBindgen'), 'ms'),
      `**${mmm(ratio, '', (v) => `${num(v)}×`)}**`,
    ]);
  }
  process.stderr.write(`${provider} done\n`);
}
await chromiumPage?.close();
console.log(`Node ${process.version}${chromiumPage ? `, Chromium ${chromiumPage.version} (headless)` : ''}; ${samples} samples per way and engine, ways interleaved (the first rotates), engines alternating.\n`);
console.log(table(['body', 'engine', 'certificates', 'parse + normalize only (ms)', 'JSON text + JSON.parse (ms)', 'serde-wasm-bindgen (ms)', 'crossing: JSON (ms)', 'crossing: serde-wasm-bindgen (ms)', 'serde-wasm-bindgen ÷ JSON, crossing only'], rows));
