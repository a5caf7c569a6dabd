#!/usr/bin/env node
// `npm run bench`: the benchmarks of issues 7 and 15, written to BENCHMARKS.md at the repository
// root, which opens with one table of issue 15's goals.
//
//   node bench/run.mjs [--runs N] [--quick] [--only size,sign,normalize,memory,inventory]
//                      [--no-build] [--no-size-variants] [--out FILE]
//   node bench/run.mjs --report-only [--out FILE]   (the report again from the last results)
//
// Sections: size of the web build, what pages download and where the bytes go; signing throughput
// against the official SDK signers (Node) and plain JS signers (Chromium); normalization
// throughput against a plain JavaScript normalizer (Node and Chromium) with a breakdown of where
// the time goes and what `raw` costs before it is read; peak wasm memory while normalizing; full
// listings against the sandbox through the proxy with latency and rate limits.
// Benchmarks are not tests: nothing here asserts a timing. Raw results: bench/.work/results.json.
// The machine is shared: every comparison is measured side by side (interleaved) in the same run,
// several times, and reported as min / median / max.

import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

import { buildBody, PROVIDERS, SHAPES } from './lib/bodies.mjs';
import { report } from './report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const work = join(root, 'bench/.work');
const started = Date.now();

// ------------------------------------------------------------------ options

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, fallback) => {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return fallback;
  return argv[i].includes('=') ? argv[i].split('=').slice(1).join('=') : argv[i + 1];
};
if (flag('--help')) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 17).join('\n'));
  process.exit(0);
}
// --report-only: BENCHMARKS.md (or --out) again from the last run's bench/.work/results.json, with
// the report generator and bench/notes/ as they are now; nothing is measured.
if (flag('--report-only')) {
  const last = JSON.parse(readFileSync(join(work, 'results.json'), 'utf8'));
  const out = value('--out', join(root, 'BENCHMARKS.md'));
  writeFileSync(out, report(last));
  console.error(`wrote ${out} from bench/.work/results.json (${last.command ?? 'node bench/run.mjs'}, ${last.machine.date})`);
  process.exit(0);
}
const quick = flag('--quick');
const opts = {
  runs: Number(value('--runs', process.env.BENCH_RUNS ?? (quick ? 1 : 3))),
  only: new Set(value('--only', 'size,sign,normalize,memory,inventory').split(',')),
  build: !flag('--no-build'),
  sizeVariants: !flag('--no-size-variants'),
  out: value('--out', join(root, 'BENCHMARKS.md')),
  signCases: quick ? 500 : 1000,
  signReps: quick ? 3 : 7,
  normalizeReps: quick ? 2 : 3,
  normalizeCerts: 10_000,
  memoryCerts: 100_000,
};
const log = (line) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// ------------------------------------------------------------------ build

function newestMtime(path) {
  return newestFile(path).mtimeMs;
}

/** The most recently modified file under `path`: {path, mtimeMs}. */
function newestFile(path) {
  if (!existsSync(path)) return { path, mtimeMs: 0 };
  const s = statSync(path);
  if (!s.isDirectory()) return { path, mtimeMs: s.mtimeMs };
  return readdirSync(path).map((f) => newestFile(join(path, f))).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a), { path, mtimeMs: 0 });
}

function ensureBuilt() {
  const wasm = join(root, 'pkg/web/cloudcerts_bg.wasm');
  const sources = Math.max(...['src', 'crates', 'Cargo.toml', 'Cargo.lock', 'pkg-template', 'scripts'].map((p) => newestMtime(join(root, p))));
  const built = existsSync(wasm) ? statSync(wasm).mtimeMs : 0;
  if (built >= sources) return { built: false };
  if (!opts.build) {
    const newest = ['src', 'crates', 'Cargo.toml', 'Cargo.lock', 'pkg-template', 'scripts'].map((p) => newestFile(join(root, p))).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
    log(`pkg/ is older than the sources (${newest.path.slice(root.length + 1)}); --no-build given: measuring it as it is`);
    return { built: false, stale: true, builtAt: new Date(built).toISOString(), newestSource: newest.path.slice(root.length + 1), newestAt: new Date(newest.mtimeMs).toISOString() };
  }
  log('building the package (bash scripts/build.sh) ...');
  const t0 = Date.now();
  try {
    execFileSync('bash', ['scripts/build.sh'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  } catch (e) {
    // The size budget check fails after pkg/ has been written: measure what it built.
    if (existsSync(wasm) && statSync(wasm).mtimeMs >= t0) {
      log('scripts/build.sh failed after writing pkg/ (size budget?); measuring what it built');
      return { built: true, budgetFailed: true };
    }
    if (!existsSync(wasm)) throw e;
    log('scripts/build.sh failed; measuring the existing (older) pkg/');
    return { built: false, stale: true, buildFailed: true };
  }
  return { built: true };
}

// ------------------------------------------------------------------ machine

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unavailable';
  }
}

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  const cargoBin = join(os.homedir(), '.cargo/bin');
  return {
    nproc: sh('nproc', []),
    cpu,
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    rustc: sh('rustc', ['--version']),
    wasmBindgen: sh(existsSync(join(cargoBin, 'wasm-bindgen')) ? join(cargoBin, 'wasm-bindgen') : 'wasm-bindgen', ['--version']),
    wasmOpt: sh(join(root, 'node_modules/.bin/wasm-opt'), ['--version']),
    twiggy: sh(existsSync(join(cargoBin, 'twiggy')) ? join(cargoBin, 'twiggy') : 'twiggy', ['--version']),
    chromium: sh('/usr/bin/chromium', ['--version']).replace(/\n.*/s, ''),
    loadStart: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    date: new Date().toISOString(),
    commit: sh('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
    dirty: sh('git', ['-C', root, 'status', '--short', '--', 'src', 'crates', 'Cargo.toml', 'Cargo.lock']).split('\n').filter(Boolean).length,
    wasmSha256: existsSync(join(root, 'pkg/web/cloudcerts_bg.wasm'))
      ? createHash('sha256').update(readFileSync(join(root, 'pkg/web/cloudcerts_bg.wasm'))).digest('hex').slice(0, 16)
      : 'none',
  };
}

// ------------------------------------------------------------------ sections

/**
 * Signing: per provider, passes of ours in Node (the main module, and `cloudcerts/sign`'s signing
 * module), the official SDK in Node, and in Chromium ours and the plain JS signers
 * (bench/js-signers.mjs: WebCrypto, @noble/hashes), interleaved (the first of the four steps
 * rotates from sample to sample, and so does the first side within the Chromium step).
 */
async function signSection(lib, page) {
  const { signCases, SIGN_PROVIDERS, ourSignature, sdkSignature } = await import('./sign-cases.mjs');
  const { createSignBench } = await import('./sign-core.mjs');
  const sdk = await import('../sandbox/sdk-client.mjs');
  const signEntry = createRequire(import.meta.url)(join(root, 'pkg/node/sign.cjs'));
  const out = {};
  for (const p of SIGN_PROVIDERS) {
    const cases = signCases(p, opts.signCases);
    // Same requests, same signatures: checked on every case before timing, for the main module
    // and for `cloudcerts/sign` (the same function from the signing module, opt-level 2, §17).
    const disagreements = (signer) => cases.filter((c) => ourSignature(p, signer.signRequest(c.account, c.request, c.context)) !== sdkSignature(p, sdk[c.sdk.fn](c.sdk.args))).length;
    const disagree = disagreements(lib);
    const entryDisagree = disagreements(signEntry);
    const node = createSignBench({ cases, ours: (c) => lib.signRequest(c.account, c.request, c.context), sdk: (c) => sdk[c.sdk.fn](c.sdk.args) });
    const entry = createSignBench({ cases, ours: (c) => signEntry.signRequest(c.account, c.request, c.context) });
    node.warmup();
    entry.warmup();
    // The page checks its plain JS signers (WebCrypto, @noble/hashes) against its signRequest on
    // every case before timing, as here for the SDK.
    const chromiumCheck = page ? (await page.evaluate(([p, n]) => window.signPrepare(p, n, 7), [p, opts.signCases])).check : undefined;
    const m = { ours: [], sdk: [], chromium: [], entry: [], chromiumJs: { webcrypto: [], noble: [] } };
    const steps = [
      async () => m.ours.push(node.ours()),
      async () => m.sdk.push(node.sdk()),
      async () => m.entry.push(entry.ours()),
      async (r) => {
        if (!page) return;
        const pass = await page.evaluate(([p, r]) => window.signPass(p, r), [p, r]);
        m.chromium.push(pass.ours);
        for (const name of Object.keys(m.chromiumJs)) m.chromiumJs[name].push(pass[name]);
      },
    ];
    for (let r = 0; r < opts.signReps; r++) {
      for (let k = 0; k < steps.length; k++) await steps[(r + k) % steps.length](r);
    }
    out[p] = { ...m, cases: cases.length, disagree, entryDisagree, chromiumCheck };
    log(`  sign ${p}: done`);
  }
  return out;
}

/** Where two values first differ (a path like `[3].raw.ssl.san[1]`), or undefined. */
function firstDifference(a, b, path = '') {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(top)'}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

/**
 * Normalization: per body shape (bench/lib/bodies.mjs: thin, full) and provider, the same body in
 * Node and in Chromium, one sample of each engine after the other (alternating which goes first);
 * within a sample, library and JS alternate too. Each body is built, served to the page, measured
 * and dropped before the next, so that at most one is held at a time.
 */
async function normalizeSection(lib, page, served, now) {
  const { createNormalizeBench, collect } = await import('./normalize-core.mjs');
  const { normalizeJs } = await import('./js-normalizer.mjs');
  const { isDeepStrictEqual } = await import('node:util');
  const out = { node: {}, chromium: {} };
  for (const shape of SHAPES) {
    out.node[shape] = {};
    if (page) out.chromium[shape] = {};
    for (const p of PROVIDERS) {
      const { body, bytes } = buildBody(p, opts.normalizeCerts, { nowMs: now, shape });
      const key = `${shape}/${p}`;
      served.set(key, body);
      // Same output, checked before timing: the JS normalizer must give the library's certificates
      // (raw included), but for `warnings`, which only the library computes (Certificate Center:
      // its metadata checked against the chain it carries).
      const a = lib.normalizeResponse(p, body, { now, label: 'bench' }).map(({ warnings, ...c }) => c);
      const b = normalizeJs(p, body, { now, label: 'bench' });
      let differ = Math.abs(a.length - b.length);
      let first;
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (!isDeepStrictEqual(a[i], b[i])) {
          differ += 1;
          first ??= firstDifference(a[i], b[i], `[${i}]`);
        }
      }
      if (differ) log(`  normalize ${p} (${shape}): ${differ} certificate(s) of the plain JS normalizer differ from the library's, first at ${first}`);
      const node = createNormalizeBench({ provider: p, body, now, normalizeResponse: lib.normalizeResponse, normalizeJs });
      const chrome = page ? await page.evaluate(([key, p, now]) => window.normalizePrepare(key, p, now), [key, p, now]) : null;
      const reps = bytes > 50e6 ? Math.min(3, opts.normalizeReps) : opts.normalizeReps;
      const ns = [];
      const cs = [];
      for (let r = 0; r < reps; r++) {
        const nodeStep = async () => ns.push(node.step(r));
        const chromeStep = async () => (page ? cs.push(await page.evaluate(([key, r]) => window.normalizeStep(key, r), [key, r])) : undefined);
        if (r % 2) {
          await chromeStep();
          await nodeStep();
        } else {
          await nodeStep();
          await chromeStep();
        }
      }
      if (page) await page.evaluate((key) => window.normalizeDone(key), key);
      served.delete(key);
      out.node[shape][p] = { count: node.count, lazyRaw: node.lazyRaw, rawAudit: node.rawAudit, samples: collect(ns), differ, firstDifference: first, bytes };
      if (page) out.chromium[shape][p] = { count: chrome.count, lazyRaw: chrome.lazyRaw, rawAudit: chrome.rawAudit, samples: collect(cs) };
      log(`  normalize ${p} (${shape}, ${(bytes / 1e6).toFixed(1)} MB): done`);
    }
  }
  return out;
}

function memoryChild(provider, count, shape, again) {
  return new Promise((resolve) => {
    const args = ['--max-old-space-size=8192', join(root, 'bench/memory-child.mjs'), provider, String(count), shape, ...(again ? ['again'] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        resolve({ provider, shape, count, error: `exit ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}` });
      }
    });
  });
}

/**
 * Memory runs, one fresh process each, one after the other: every provider at 100,000
 * certificates in both body shapes. Certificate Center's records are 7–9 KB each (PEM chains):
 * 100,000 of them are longer than the longest string V8 holds, so its body is the longest prefix
 * of the list that fits (memory-child.mjs reports the count).
 */
async function memorySection() {
  const out = {};
  for (const shape of SHAPES) {
    out[shape] = {};
    for (const p of PROVIDERS) {
      out[shape][p] = await memoryChild(p, opts.memoryCerts, shape, shape === 'thin' && p === 'tencent-legacy');
      log(`  memory ${p} (${shape}): ${out[shape][p].error ? out[shape][p].error : 'done'}`);
    }
  }
  return out;
}

// ------------------------------------------------------------------ main

mkdirSync(work, { recursive: true });
log(`sections: ${[...opts.only].join(', ')}; inventory runs: ${opts.runs}`);
const build = ensureBuilt();
// The command as given (with `nice`, when the run was started under one), for the report.
const niceness = os.getPriority();
const command = `${niceness > 0 ? `nice -n ${niceness} ` : ''}node bench/run.mjs${argv.length ? ` ${argv.join(' ')}` : ''}`;
const results = { command, opts: { ...opts, only: [...opts.only] }, build, machine: machine() };
// The package's Node entry, as users get it (its normalizeResponse takes `raw` from JSON.parse).
const lib = createRequire(import.meta.url)(join(root, 'pkg/node/index.cjs'));

/**
 * twiggy attributes the size section's bytes to crates. Like scripts/setup.sh for the tests, the
 * bench installs it when it is missing or another version (cargo, a few minutes once).
 */
function ensureTwiggy() {
  const want = '0.8.0';
  const bin = join(os.homedir(), '.cargo/bin/twiggy');
  let have = '';
  try {
    have = execFileSync(existsSync(bin) ? bin : 'twiggy', ['--version'], { encoding: 'utf8' }).trim().split(/\s+/).pop();
  } catch {
    // not installed
  }
  if (have === want) return;
  log(`installing twiggy ${want} (cargo install; found: ${have || 'none'}) ...`);
  execFileSync('cargo', ['install', 'twiggy', '--version', want], { stdio: ['ignore', 'ignore', 'inherit'] });
}

if (opts.only.has('size')) {
  ensureTwiggy();
  log('size ...');
  const { sizeSection } = await import('./size.mjs');
  results.size = await sizeSection({ root, work, log, variants: opts.sizeVariants });
  log('size: what a page downloads (Chromium) ...');
  const { measureDownloads } = await import('./downloads.mjs');
  try {
    results.size.downloads = await measureDownloads(root);
  } catch (e) {
    log(`size: the download measurement failed: ${e.message}`);
    results.size.downloadsError = String(e.message ?? e);
  }
}
if (opts.only.has('memory')) {
  log(`memory (${opts.memoryCerts} certificates, one process each) ...`);
  results.memory = await memorySection();
}

const now = Date.now();
if (opts.only.has('sign') || opts.only.has('normalize')) {
  log('opening Chromium ...');
  const { openBenchPage } = await import('./browser.mjs');
  // The normalization bodies, served to the page at /data/SHAPE/PROVIDER while each is measured.
  const served = new Map();
  const browser = await openBenchPage(root, served);
  results.chromium = { version: browser.version };
  try {
    if (opts.only.has('sign')) {
      log('signing (Node and Chromium, interleaved) ...');
      results.sign = await signSection(lib, browser.page);
    }
    if (opts.only.has('normalize')) {
      log(`normalization (${opts.normalizeCerts} certificates per body from sandbox/data.mjs, shapes ${SHAPES.join(' and ')}; Node and Chromium, interleaved) ...`);
      const n = await normalizeSection(lib, browser.page, served, now);
      results.normalize = n.node;
      results.chromium.normalize = n.chromium;
    }
  } finally {
    await browser.close();
  }
}
if (opts.only.has('inventory')) {
  log('inventory (sandbox + proxy, 50 ms latency, rate limits) ...');
  const { inventorySection } = await import('./inventory.mjs');
  results.inventory = await inventorySection({ lib, runs: opts.runs, log });
}
results.machine.loadEnd = os.loadavg().map((x) => x.toFixed(2)).join(' ');
results.seconds = (Date.now() - started) / 1000;
writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 1));
writeFileSync(opts.out, report(results));
log(`wrote ${opts.out} (raw results: bench/.work/results.json) in ${results.seconds.toFixed(0)} s`);
