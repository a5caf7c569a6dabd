// Writes the bodies the readers bench reads: 10,000 records of each measured provider, thin and
// full (bench/lib/bodies.mjs), as `<provider>.<shape>.json` in the folder given (default
// /work/readers-bodies). `nowMs` is fixed so that the bodies are the same on every run.
// Usage: node bench/readers/bodies.mjs [DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildBody } from '../lib/bodies.mjs';

const dir = process.argv[2] ?? '/work/readers-bodies';
mkdirSync(dir, { recursive: true });
const nowMs = Date.UTC(2025, 5, 1);
for (const provider of ['tencent-ssl', 'qiniu', 'volcengine-cert']) {
  for (const shape of ['thin', 'full']) {
    const { body, count, bytes } = buildBody(provider, 10000, { shape, nowMs });
    writeFileSync(`${dir}/${provider}.${shape}.json`, body);
    console.log(provider, shape, count, bytes);
  }
}
