// Builds a variant of the main wasm module for Node from a copy of the crate, for the same-process
// comparisons of bench/ab.mjs and bench/sign-parts.mjs (BENCHMARKS.md §17). The project's src/ and
// Cargo.toml are not touched; the build is the package's (cargo build --release, wasm-bindgen
// --target nodejs, wasm-opt -Oz), into bench/.work/ab-variants/NAME/node/cloudcerts.cjs.
//
//   node bench/variant.mjs NAME [--opt-level z|s|1|2|3] [--features sign-only] [--probes]
//
//   --opt-level  the release profile's opt-level for this build (the package: "z"; cloudcerts/sign: 2)
//   --features   cargo features besides --no-default-features (sign-only: the signing module)
//   --probes     append bench/sign-parts/probes.rs to the copy's src/wasm/mod.rs
//
// Then, for example: node bench/ab.mjs bench/.work/ab-variants/z bench/.work/ab-variants/o2 --only sign

import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { wasmOpt } from '../scripts/wasm-opt.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const name = argv[0];
if (!name || name.startsWith('--')) throw new Error('usage: node bench/variant.mjs NAME [--opt-level L] [--features F] [--probes]');
const optLevel = option('--opt-level') ?? 'z';
if (!/^(z|s|[0-3])$/.test(optLevel)) throw new Error(`--opt-level: z, s or 0-3, not ${optLevel}`);

const crate = join(root, 'bench/.work/ab-variant-crates', name);
const target = join(root, 'bench/.work/ab-variant-target', name);
const out = join(root, 'bench/.work/ab-variants', name, 'node');
rmSync(crate, { recursive: true, force: true });
mkdirSync(crate, { recursive: true });
cpSync(join(root, 'src'), join(crate, 'src'), { recursive: true });
for (const f of ['Cargo.toml', 'Cargo.lock']) cpSync(join(root, f), join(crate, f));
if (argv.includes('--probes')) appendFileSync(join(crate, 'src/wasm/mod.rs'), '\n' + readFileSync(join(root, 'bench/sign-parts/probes.rs'), 'utf8'));

const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: crate, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
const features = option('--features');
run('cargo', ['build', '--quiet', '--lib', '--release', '--target', 'wasm32-unknown-unknown', '--no-default-features', ...(features ? ['--features', features] : []), '--target-dir', target], {
  CARGO_PROFILE_RELEASE_OPT_LEVEL: optLevel,
});
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
run('wasm-bindgen', ['--target', 'nodejs', '--out-dir', out, '--out-name', 'cloudcerts', join(target, 'wasm32-unknown-unknown/release/cloudcerts.wasm')]);
const wasm = join(out, 'cloudcerts_bg.wasm');
wasmOpt(wasm, wasm);
renameSync(join(out, 'cloudcerts.js'), join(out, 'cloudcerts.cjs'));
console.log(`${name}: opt-level ${optLevel}${features ? `, features ${features}` : ''}: wasm ${statSync(wasm).size} B, ${gzipSync(readFileSync(wasm), { level: 9 }).length} B gzipped -> ${join('bench/.work/ab-variants', name)}`);
