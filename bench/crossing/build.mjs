// Builds the crossing experiments' crate (bench/crossing) into bench/.work/crossing, as
// scripts/build.sh builds the package, and loads it in Node.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The crossing crate's exports (built first). */
export function buildCrossing() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const work = join(root, 'bench/.work');
  const out = join(work, 'crossing');
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--manifest-path', 'bench/crossing/Cargo.toml', '--target-dir', join(work, 'crossing-target')]);
  run('wasm-bindgen', ['--target', 'nodejs', '--out-dir', out, join(work, 'crossing-target/wasm32-unknown-unknown/release/cloudcerts_crossing.wasm')]);
  run(join(root, 'node_modules/.bin/wasm-opt'), ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', '-o', join(out, 'cloudcerts_crossing_bg.wasm'), join(out, 'cloudcerts_crossing_bg.wasm')]);
  // The glue is CommonJS (the repository's package.json says "module"), as in scripts/build.sh.
  renameSync(join(out, 'cloudcerts_crossing.js'), join(out, 'cloudcerts_crossing.cjs'));
  return createRequire(import.meta.url)(join(out, 'cloudcerts_crossing.cjs'));
}
