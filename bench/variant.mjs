// Builds one of the workspace's wasm modules for Node at a chosen opt-level, for the same-process
// comparisons of bench/ab.mjs (BENCHMARKS.md §17: the optimization-level decision). The build is
// the package's (cargo build --release of the workspace package, wasm-bindgen --target nodejs,
// scripts/wasm-opt.mjs); the opt-level comes from CARGO_PROFILE_RELEASE_OPT_LEVEL, nothing is
// patched. Output: bench/.work/ab-variants/NAME/node/cloudcerts.cjs (a directory ab.mjs takes).
//
//   node bench/variant.mjs NAME [--crate main|sign|inspect|PACKAGE] [--opt-level z|s|0-3]
//
//   --crate      the workspace package: main (cloudcerts-main, the default), sign (cloudcerts-sign,
//                the module of `cloudcerts/sign`), inspect, or any package name (bench/variants/*)
//   --opt-level  the release profile's opt-level for this build (the package: "z"; cloudcerts/sign: 2)
//   --names      keep the functions' names (wasm-opt -g) for a profile (node --cpu-prof)
//
// Levels other than the profile's own build in their own target directory (TARGET/opt-level-L),
// so that the workspace's release build is not rebuilt back and forth.
// Then, for example: node bench/ab.mjs bench/.work/ab-variants/z bench/.work/ab-variants/o2 --only sign

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { wasmOpt } from '../scripts/wasm-opt.mjs';
import { cargoBuildWasm, cargoTargetDir, tool, wasmOf } from './size.mjs';

const CRATES = { main: 'cloudcerts-main', sign: 'cloudcerts-sign', inspect: 'cloudcerts-inspect' };
const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const name = argv[0];
if (!name || name.startsWith('--')) throw new Error('usage: node bench/variant.mjs NAME [--crate main|sign|inspect|PACKAGE] [--opt-level L] [--names]');
const optLevel = option('--opt-level') ?? 'z';
if (!/^(z|s|[0-3])$/.test(optLevel)) throw new Error(`--opt-level: z, s or 0-3, not ${optLevel}`);
const pkg = CRATES[option('--crate') ?? 'main'] ?? option('--crate');

const profileLevel = /^opt-level\s*=\s*"?(\w)"?/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8').split('[profile.release]')[1] ?? '')?.[1];
const base = cargoTargetDir(root);
const targetDir = optLevel === profileLevel ? base : join(base, `opt-level-${optLevel}`);
cargoBuildWasm(root, [pkg], { env: { CARGO_PROFILE_RELEASE_OPT_LEVEL: optLevel }, targetDir });

const out = join(root, 'bench/.work/ab-variants', name, 'node');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(tool('wasm-bindgen'), ['--target', 'nodejs', '--out-dir', out, '--out-name', 'cloudcerts', wasmOf(targetDir, pkg)], { stdio: ['ignore', 'ignore', 'inherit'] });
const wasm = join(out, 'cloudcerts_bg.wasm');
// --names keeps the function names (wasm-opt -g), for a profiler's report (`node --cpu-prof`).
wasmOpt(wasm, wasm, argv.includes('--names') ? ['-g'] : []);
// The glue is CommonJS (the repository's package.json says "module"), as in scripts/build.sh.
renameSync(join(out, 'cloudcerts.js'), join(out, 'cloudcerts.cjs'));
console.log(`${name}: ${pkg} at opt-level ${optLevel}: wasm ${statSync(wasm).size} B, ${gzipSync(readFileSync(wasm), { level: 9 }).length} B gzipped -> ${join('bench/.work/ab-variants', name)}`);
