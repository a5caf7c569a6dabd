// Times each candidate's wasm module (built by build.sh) in Node on the bodies: the body is
// loaded into wasm once (`load`), then `run_<x>` reads it `reps` times; median and min in ms.
// JSON.parse of the same body is timed beside, for scale.
// Usage: node bench/readers/wasm/run.mjs [BODY_DIR] [REPS]
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
const dir = process.argv[2] ?? '/work/readers-bodies';
const reps = Number(process.argv[3] ?? 7);
const out = `${process.env.CARGO_TARGET_DIR ?? '/work/target-readers'}/readers-wasm`;
const VENDORS = ['tencent-ssl', 'qiniu', 'volcengine-cert'];
const CANDIDATES = ['a', 'b', 'c', 'd', 'e', 'base'];

function time(fn) {
  fn(); // warm-up
  const times = [];
  let result;
  for (let i = 0; i < reps; i++) {
    const t = process.hrtime.bigint();
    result = fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(times.length / 2)], min: times[0], result };
}

const mods = Object.fromEntries(CANDIDATES.map((c) => [c, require(`${out}/${c}/readers_wasm.js`)]));
console.log('| provider | shape | reader | median ms | min ms | result |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [code, vendor] of VENDORS.entries()) {
  for (const shape of ['thin', 'full']) {
    const file = `${dir}/${vendor}.${shape}.json`;
    if (!existsSync(file)) continue;
    const body = readFileSync(file, 'utf8');
    const js = time(() => JSON.parse(body).constructor.name);
    console.log(`| ${vendor} | ${shape} | JSON.parse (JS, whole body) | ${js.median.toFixed(1)} | ${js.min.toFixed(1)} | |`);
    for (const c of CANDIDATES) {
      const m = mods[c];
      m.load(body);
      const r = time(() => m[`run_${c}`](code));
      m.load('');
      console.log(`| ${vendor} | ${shape} | ${c} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} | ${r.result} |`);
    }
  }
}
