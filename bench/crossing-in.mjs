// The input crossing, measured (BENCHMARKS.md §14): how the wasm gets the fields of a body's
// records. The package copies the body's text into wasm and reads it there with serde_json
// (`records::read`); JavaScript parses the same body again for `raw`. The alternative reads the
// fields from the objects of that JavaScript parse, by name, through `js_sys`, so that the body is
// parsed once. Private keys in the members that are not read must still be found: through
// `js_sys` as well, or by a walk in JavaScript (timed on its own). In Node and in headless
// Chromium, on the 10,000-certificate bodies of section 3; the ways are in
// bench/crossing/in-core.mjs, each interleaved with the others (the first rotating), and the
// Node and Chromium samples alternate.
//
//   node bench/crossing-in.mjs [--samples N] [--node-only]      prints a markdown table

import { buildCrossing } from './crossing/build.mjs';
import { openCrossingPage } from './crossing/page.mjs';
import { createInputBench } from './crossing/in-core.mjs';
import { buildBody, PROVIDERS } from './lib/bodies.mjs';
import { summary, mmm, num, table } from './lib/stats.mjs';

const samples = Number(process.argv[process.argv.indexOf('--samples') + 1]) || 7;
const withChromium = !process.argv.includes('--node-only');
const m = buildCrossing();

const bodies = new Map(PROVIDERS.map((p) => [p, buildBody(p, 10_000)]));
const chromiumPage = withChromium ? await openCrossingPage('in-core.mjs', new Map([...bodies].map(([p, b]) => [p, b.body]))) : null;

const rows = [];
for (const provider of PROVIDERS) {
  const { body } = bodies.get(provider);
  const engines = { Node: createInputBench(m, provider, body) };
  const t = { Node: [] };
  if (chromiumPage) {
    await chromiumPage.page.evaluate(async (p) => {
      const body = await (await fetch(`/body/${p}`)).text();
      window.bench = window.crossing.core.createInputBench(window.crossing.m, p, body);
    }, provider);
    t.Chromium = [];
  }
  for (let s = 0; s < samples; s++) {
    const order = Object.keys(t);
    if (s % 2) order.reverse();
    for (const engine of order) {
      t[engine].push(engine === 'Node' ? engines.Node.step(s) : await chromiumPage.page.evaluate((i) => window.bench.step(i), s));
    }
  }
  const bench = engines.Node;
  for (const [engine, list] of Object.entries(t)) {
    const of = (way) => list.map((sample) => sample[way]);
    const ratio = (f) => summary(list.map((sample) => f(sample) / sample.text));
    const pickable = bench.pickedShare !== null;
    rows.push([
      provider,
      engine,
      mmm(summary(of('jsonParse')), 'ms'),
      mmm(summary(of('text')), 'ms'),
      mmm(summary(of('parsedFields')), 'ms'),
      mmm(summary(of('parsedScan')), 'ms'),
      mmm(summary(of('jsScan')), 'ms'),
      `**${mmm(ratio((x) => x.parsedScan), '', (v) => `${num(v)}×`)}**`,
      `**${mmm(ratio((x) => x.parsedFields + x.jsScan), '', (v) => `${num(v)}×`)}**`,
      pickable ? `${mmm(summary(of('picked')), 'ms')} (${(100 * bench.pickedShare).toFixed(0)}% of the body)` : `not timed: ${bench.replacerNames} names`,
      pickable ? `**${mmm(ratio((x) => x.picked + x.jsScan), '', (v) => `${num(v)}×`)}**` : '',
    ]);
  }
  process.stderr.write(`${provider} (${bench.count} records) done\n`);
}
await chromiumPage?.close();
console.log(`Node ${process.version}${chromiumPage ? `, Chromium ${chromiumPage.version} (headless)` : ''}; ${samples} samples per way and engine, ways interleaved (the first rotates), engines alternating.\n`);
console.log(
  table(
    ['body', 'engine', 'JSON.parse (for raw; both ways)', 'text read in wasm (the package)', 'from the parse: fields only', 'from the parse: fields + private keys via js_sys', 'private keys: walk in JavaScript', 'fields + keys via js_sys ÷ text', '(fields via js_sys + JS walk) ÷ text', 'JSON.stringify of the kept members, read in wasm', '(that + JS walk) ÷ text'],
    rows,
  ),
);
