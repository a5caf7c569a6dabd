// Builds the crossing experiments' crate (bench/crossing) as scripts/build.sh builds the package:
// for Node into bench/.work/crossing, for a page into bench/.work/crossing-web.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { wasmOpt } from '../../scripts/wasm-opt.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = join(root, 'bench/.work');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

/** Builds the crate and runs wasm-bindgen for `target` into `out`. */
function build(target, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--manifest-path', 'bench/crossing/Cargo.toml', '--target-dir', join(work, 'crossing-target')]);
  run('wasm-bindgen', ['--target', target, '--out-dir', out, join(work, 'crossing-target/wasm32-unknown-unknown/release/cloudcerts_crossing.wasm')]);
  wasmOpt(join(out, 'cloudcerts_crossing_bg.wasm'), join(out, 'cloudcerts_crossing_bg.wasm'));
}

/** The crossing crate's exports in Node (built first). */
export function buildCrossing() {
  const out = join(work, 'crossing');
  build('nodejs', out);
  // The glue is CommonJS (the repository's package.json says "module"), as in scripts/build.sh.
  renameSync(join(out, 'cloudcerts_crossing.js'), join(out, 'cloudcerts_crossing.cjs'));
  return createRequire(import.meta.url)(join(out, 'cloudcerts_crossing.cjs'));
}

/** The directory of the crate's `web` build: `cloudcerts_crossing.js` and its wasm. */
export function buildCrossingWeb() {
  const out = join(work, 'crossing-web');
  build('web', out);
  return out;
}
