// Size of the `web` build, and where its bytes go.
//
// 1. pkg/web as built: raw, gzip -9 and brotli bytes of the wasm, the JS glue and its snippet.
// 2. Per-export variants, each a cdylib of the workspace that declares only its exports: the
//    shipped crates/main (`full`) and crates/sign (`sign-only`, here at the profile's opt-level
//    "z"), and bench/variants/* (`no-client`, `normalize-only`), built with the same
//    `cargo build --release`, `wasm-bindgen --target web` and scripts/wasm-opt.mjs as
//    scripts/build.sh: the cost of the async client, of signRequest alone, of normalizeResponse
//    alone. (Dead-code elimination on the finished wasm cannot do this: the function table keeps
//    every closure and vtable of the client alive.)
// 3. Attribution of the full build by crate: wasm-bindgen --keep-debug, wasm-opt -Oz -g (same
//    code, names kept), twiggy; data segments by the source paths and text they hold.
// Variant results are cached in bench/.work/size-cache.json by a hash of the sources.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { wasmOpt } from '../scripts/wasm-opt.mjs';

export const gz = (buf) => gzipSync(buf, { level: 9 }).length;
export const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export function tool(name) {
  const cargoBin = join(homedir(), '.cargo', 'bin', name);
  return existsSync(cargoBin) ? cargoBin : name;
}

/** Every file of a web build directory that the page loads: wasm, glue, snippets. */
function webFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|wasm)$/.test(f)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function measureDir(dir) {
  const files = {};
  for (const f of webFiles(dir)) {
    const buf = readFileSync(f);
    const rel = f.slice(dir.length + 1);
    files[rel] = { raw: buf.length, gzip: gz(buf), brotli: br(buf) };
  }
  const pick = (re) => Object.entries(files).filter(([k]) => re.test(k)).reduce((a, [, v]) => ({ raw: a.raw + v.raw, gzip: a.gzip + v.gzip, brotli: a.brotli + v.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return {
    files,
    // The main module's wasm (the inspector, loaded on first use, is listed apart).
    wasm: pick(/^cloudcerts_bg\.wasm$/),
    inspector: pick(/^cloudcerts_inspect(_bg\.wasm|\.js)$/),
    // The signing module: what a page importing `cloudcerts/sign` loads, besides its snippet.
    signing: pick(/^cloudcerts_sign(_bg\.wasm|\.js)$/),
    glue: pick(/^cloudcerts\.js$/),
    snippets: pick(/^snippets\//),
    // What size-budget.json counts: the wasm and cloudcerts.js.
    budgeted: pick(/^(cloudcerts_bg\.wasm|cloudcerts\.js)$/),
    all: pick(/./),
  };
}

/** What the variants are built from: the Rust sources of the workspace, its manifests, the wasm-opt configuration. */
export const SOURCES = ['src', 'crates', 'bench/variants', 'Cargo.toml', 'Cargo.lock', 'scripts/wasm-opt.mjs'];

function hashSources(root) {
  const h = createHash('sha256');
  const walk = (p) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(join(p, f));
    else h.update(p.slice(root.length)).update(readFileSync(p));
  };
  for (const s of SOURCES) walk(join(root, s));
  return h.digest('hex').slice(0, 16);
}

/**
 * The variants: the workspace package each is built from, and the exports it keeps (`null`: all
 * that pkg/web's main module exports). Each build is checked to export exactly `keep`.
 */
export const VARIANTS = {
  full: { pkg: 'cloudcerts-main', keep: null, what: 'every export (as published): `crates/main`' },
  'no-client': { pkg: 'cloudcerts-bench-no-client', keep: ['normalizeResponse', 'signRequest'], what: 'signRequest + normalizeResponse (no async client): `bench/variants/no-client`' },
  'sign-only': { pkg: 'cloudcerts-sign', keep: ['isCloudCertError', 'signRequest'], what: 'signRequest alone (and isCloudCertError, issue 17): `crates/sign` at the profile\'s opt-level "z" (the package builds it at 2)' },
  'normalize-only': { pkg: 'cloudcerts-bench-normalize-only', keep: ['normalizeResponse'], what: 'normalizeResponse alone: `bench/variants/normalize-only`' },
};

/**
 * A script's text as written: pkg/web's scripts are minified (scripts/minify-web.mjs), their
 * original in the source map beside them.
 */
function originalText(path) {
  return existsSync(`${path}.map`) ? JSON.parse(readFileSync(`${path}.map`, 'utf8')).sourcesContent[0] : readFileSync(path, 'utf8');
}

/** The functions a wasm-bindgen `web` glue file exports, sorted. */
function gluedExports(glue) {
  return [...originalText(glue).matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]).sort();
}

/** Each exported function of a glue file with its JSDoc (what a declaration puts in the glue). */
function gluedDeclarations(glue) {
  const text = readFileSync(glue, 'utf8');
  return Object.fromEntries([...text.matchAll(/(?:\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?^export function (\w+)\([^)]*\)/gm)].map((m) => [m[1], m[0]]));
}

/** What variant `name` should export: its `keep`, or everything pkg/web exports. */
function wantedExports(root, name) {
  return VARIANTS[name].keep ? [...VARIANTS[name].keep].sort() : gluedExports(join(root, 'pkg/web/cloudcerts.js'));
}

/** The cargo target directory of the workspace (honours CARGO_TARGET_DIR and cargo config). */
export function cargoTargetDir(root) {
  const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: root, maxBuffer: 1 << 26 }).toString());
  return meta.target_directory;
}

/** The cdylib file of a workspace package built for wasm32 in `profileDir` (`release`). */
export function wasmOf(targetDir, pkg, profileDir = 'release') {
  return join(targetDir, 'wasm32-unknown-unknown', profileDir, `${pkg.replaceAll('-', '_')}.wasm`);
}

/** `cargo build --release --target wasm32-unknown-unknown -p ...` of workspace packages. */
export function cargoBuildWasm(root, pkgs, { env = {}, targetDir } = {}) {
  try {
    execFileSync('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', ...pkgs.flatMap((p) => ['-p', p]), ...(targetDir ? ['--target-dir', targetDir] : [])], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    });
  } catch (e) {
    process.stderr.write(String(e.stderr ?? ''));
    throw new Error(`cargo build of ${pkgs.join(', ')} failed`);
  }
}

/** wasm-bindgen + wasm-opt of one variant's wasm into work/variants/NAME; returns its measured web build. */
function bindVariant(work, name, wasm) {
  const out = join(work, 'variants', name);
  rmSync(out, { recursive: true, force: true });
  const bindgen = ['--target', 'web', '--out-name', 'cloudcerts'];
  if (name === 'full') {
    // Names kept for twiggy; the published size is the same code with the names stripped.
    execFileSync(tool('wasm-bindgen'), [...bindgen, '--keep-debug', '--out-dir', join(out, 'debug'), wasm], { stdio: 'inherit' });
    wasmOpt(join(out, 'debug/cloudcerts_bg.wasm'), join(out, 'debug/cloudcerts_bg.wasm'), ['-g']);
  }
  execFileSync(tool('wasm-bindgen'), [...bindgen, '--out-dir', join(out, 'web'), wasm], { stdio: 'inherit' });
  wasmOpt(join(out, 'web/cloudcerts_bg.wasm'), join(out, 'web/cloudcerts_bg.wasm'));
  const glue = join(out, 'web/cloudcerts.js');
  return { ...measureDir(join(out, 'web')), exports: gluedExports(glue), declarations: gluedDeclarations(glue) };
}

/**
 * Each variant must export exactly what it keeps: an export left in by mistake would stay in
 * silently with its code (an internal export once kept the whole normalizer in `sign-only`,
 * BENCHMARKS.md §16).
 */
function checkVariantExports(root, variants) {
  for (const name of Object.keys(VARIANTS)) {
    const want = wantedExports(root, name);
    const got = variants[name].exports;
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      throw new Error(`size variant ${name} (${VARIANTS[name].pkg}) exports ${got?.join(', ')}; expected ${want.join(', ')}`);
    }
  }
}

/** Notes for kept exports whose declaration (JSDoc and parameters in the glue) differs from the main module's. */
function declarationDrift(variants) {
  const notes = [];
  const full = variants.full.declarations ?? {};
  for (const [name, v] of Object.entries(variants)) {
    for (const [fn, text] of Object.entries(v.declarations ?? {})) {
      if (full[fn] !== undefined && full[fn] !== text) {
        notes.push(`variant ${name} declares ${fn} differently from crates/main (its glue differs by ${text.length - full[fn].length} characters): bring ${VARIANTS[name].pkg}'s declaration in line.`);
      }
    }
  }
  return notes;
}

// ------------------------------------------------------------------ attribution

/** The crate a (demangled) function name belongs to, and a finer group for our own crate. */
export function crateOf(name) {
  if (/^"?.*subsection"?$/.test(name) || name.startsWith('"')) return null; // custom sections (names)
  if (/shim$/.test(name)) return 'wasm-bindgen shims (generated)';
  // The async exports' bodies (the client's state machines) are inlined into these closures.
  if (/future_to_promise::\{\{closure\}\}/.test(name)) return 'async exports (client code inlined into js_sys future_to_promise)';
  if (/^(import|export|table|elem|memory|global|type|func|custom section)\b/.test(name)) return 'wasm structure (imports, exports, tables, types, custom sections)';
  if (/^<(char|u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|f32|f64)>::(_fmt|escape_debug)/.test(name)) return 'core::fmt (formatting)';
  if (/^<(str|char)>::/.test(name)) return 'core::str / char';
  if (/^data segment/.test(name)) return 'data';
  if (/^code\[\d+\]$/.test(name)) return 'unnamed code';
  let n = name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
  // <A as B>::f : derived serde code for our types belongs to "serde derive"; else the type's crate.
  const m = /^<(?:&(?:mut )?)?([^<>]+?)(?:<.*?>)? as ([^<>]+?)(?:<.*>)?>::/.exec(n);
  if (m) {
    const [, type, trait] = m;
    const typeCrate = type.split('::')[0].replace(/^\[?&?(mut )?/, '');
    const traitCrate = trait.split('::')[0];
    if (/^serde/.test(traitCrate) && typeCrate === 'cloudcerts') return 'serde derive (cloudcerts types)';
    if (['f64', 'f32', 'u8', 'u16', 'u32', 'u64', 'usize', 'i32', 'i64', 'isize', 'char', 'str', 'bool', 'T', 'D', '[T]', '&str', 'alloc', 'core'].includes(typeCrate) || !/^[a-z_]+$/.test(typeCrate)) n = trait;
    else n = type;
  }
  n = n.replace(/^<+/, '').replace(/^&(mut )?/, '').replace(/^\[/, '');
  let crate = n.split('::')[0];
  if (crate === 'cloudcerts') {
    const module = n.split('::')[1];
    if (module === '_') return 'serde derive (cloudcerts types)';
    return `cloudcerts::${module}`;
  }
  if (/^_<impl/.test(crate) || /^impl /.test(crate)) crate = 'core';
  if (crate === 'wasm_bindgen_futures' || crate === 'js_sys' || crate === 'wasm_bindgen' || crate === 'web_sys') return 'wasm-bindgen, js-sys, futures glue';
  if (crate === 'serde_core' || crate === 'serde') return 'serde (core impls)';
  if (/^(dlmalloc|__rust|__rdl|__rg|rust_begin_unwind|__wbindgen|__externref|__wbg)/.test(crate)) return 'allocator + runtime (dlmalloc, wasm-bindgen exports)';
  if (crate === 'core' && /^core::fmt|fmt::/.test(n)) return 'core::fmt (formatting)';
  if (crate === 'core' && /::(str|char|unicode)::/.test(n)) return 'core::str / char';
  if (crate === 'core' && /slice::sort/.test(n)) return 'core::slice::sort';
  if (crate === 'core' || crate === 'alloc' || crate === 'std') return `${crate} (other)`;
  if (['sha2', 'sha1', 'hmac', 'digest', 'block_buffer', 'crypto_common', 'generic_array', 'hex', 'base64'].includes(crate)) return 'hashing + encoding (sha1, sha2, hmac, hex, base64)';
  if (['futures_util', 'futures_core', 'futures_task', 'pin_project_lite'].includes(crate)) return 'futures-util';
  if (['hashbrown'].includes(crate)) return 'hashbrown (HashMap)';
  if (crate === 'zmij' || crate === 'ryu' || crate === 'itoa') return 'number printing for serde_json (zmij, itoa)';
  if (/^[a-z_0-9]+$/.test(crate)) return crate;
  return 'other';
}

/** Parses the data section of a wasm module: [{offset, bytes}] per segment. */
function dataSegments(buf) {
  let p = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[p++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return result;
    }
  };
  const segments = [];
  while (p < buf.length) {
    const id = buf[p++];
    const size = leb();
    const end = p + size;
    if (id === 11) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const flags = leb();
        if (flags === 0 || flags === 2) {
          if (flags === 2) leb();
          while (buf[p++] !== 0x0b); // const expr up to `end`
        }
        const len = leb();
        segments.push(buf.subarray(p, p + len));
        p += len;
      }
    }
    p = end;
  }
  return segments;
}

/** Attributes data bytes: panic-location paths by crate, other printable text, binary tables. */
function attributeData(buf) {
  const groups = {};
  let total = 0;
  const add = (k, n) => {
    groups[k] = (groups[k] ?? 0) + n;
  };
  const text = [];
  for (const seg of dataSegments(buf)) {
    total += seg.length;
    const s = seg.toString('latin1');
    let covered = 0;
    // Runs of printable ASCII (or UTF-8 bytes) of 6+ characters are text.
    const re = /[\x20-\x7e\x80-\xff\n\t]{6,}/g;
    let m;
    while ((m = re.exec(s))) {
      const run = m[0];
      covered += run.length;
      // A run can hold several strings back to back; split off the source paths.
      const paths = run.match(/(?:\/[^\s]*?\/)?(?:src|library)\/[A-Za-z0-9_\/.-]+?\.rs/g) ?? [];
      let pathBytes = 0;
      for (const path of paths) {
        pathBytes += path.length;
        const reg = /registry\/src\/[^/]+\/([A-Za-z0-9_-]+?)-\d+\.\d+/.exec(path);
        const lib = /library\/(core|alloc|std)\//.exec(path);
        const key = reg ? reg[1] : lib ? lib[1] : 'cloudcerts';
        add(`source paths of panic locations: ${key}`, path.length);
      }
      add('text (messages, names, tables of strings)', run.length - pathBytes);
      if (run.length - pathBytes > 40) text.push(run);
    }
    add('binary (tables, constants, vtables)', seg.length - covered);
  }
  text.sort((a, b) => b.length - a.length);
  return { total, groups, longestText: text.slice(0, 8).map((t) => (t.length > 160 ? `${t.slice(0, 157)}...` : t)) };
}

function attribute(debugWasm, gzipOfPublished, rawOfPublished) {
  const top = JSON.parse(execFileSync(tool('twiggy'), ['top', '-n', '1000000', '--format', 'json', debugWasm], { maxBuffer: 1 << 28 }).toString());
  const groups = {};
  let counted = 0;
  let names = 0;
  for (const item of top) {
    const g = crateOf(item.name);
    if (g === null) {
      names += item.shallow_size;
      continue;
    }
    if (g === 'data') continue; // attributed below, by content
    groups[g] = (groups[g] ?? 0) + item.shallow_size;
    counted += item.shallow_size;
  }
  const buf = readFileSync(debugWasm);
  const data = attributeData(buf);
  for (const [k, v] of Object.entries(data.groups)) groups[`data: ${k}`] = v;
  counted += data.total;
  const scale = gzipOfPublished / rawOfPublished;
  const rows = Object.entries(groups)
    .map(([group, raw]) => ({ group, raw, share: raw / counted, gzipEstimate: Math.round(raw * scale) }))
    .sort((a, b) => b.raw - a.raw);
  const topItems = top
    .filter((i) => crateOf(i.name) !== null)
    .slice(0, 25)
    .map((i) => ({ name: i.name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, ''), raw: i.shallow_size, group: crateOf(i.name) }));
  return { rows, counted, namesSection: names, topItems, longestText: data.longestText, dataTotal: data.total };
}

/** Runs the size section. Returns everything the report needs. */
export async function sizeSection({ root, work, log, variants = true }) {
  const published = measureDir(join(root, 'pkg/web'));
  const result = { published, variants: {}, attribution: null, notes: [] };
  if (!variants) return result;
  mkdirSync(work, { recursive: true });
  const cacheFile = join(work, 'size-cache.json');
  const cache = existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};
  const key = hashSources(root);
  result.sourceHash = key;
  // Keyed by the package and what the variant keeps too, so that editing VARIANTS rebuilds it.
  const cacheKey = (name) => `${key}:${name}:${VARIANTS[name].pkg}:${wantedExports(root, name).join(',')}`;
  const debugWasm = join(work, 'variants/full/debug/cloudcerts_bg.wasm');
  const missing = Object.keys(VARIANTS).filter((name) => !cache[cacheKey(name)] || (name === 'full' && !existsSync(debugWasm)));
  if (missing.length) {
    const targetDir = cargoTargetDir(root);
    log(`  size: building variants ${missing.join(', ')} (cargo build --release, workspace packages ${missing.map((n) => VARIANTS[n].pkg).join(', ')}) ...`);
    const started = Date.now();
    cargoBuildWasm(root, missing.map((n) => VARIANTS[n].pkg));
    const seconds = (Date.now() - started) / 1000;
    for (const name of missing) {
      cache[cacheKey(name)] = { ...bindVariant(work, name, wasmOf(targetDir, VARIANTS[name].pkg)), seconds };
    }
    writeFileSync(cacheFile, JSON.stringify(cache, null, 1));
  }
  for (const name of Object.keys(VARIANTS)) result.variants[name] = cache[cacheKey(name)];
  checkVariantExports(root, result.variants);
  result.notes.push(...declarationDrift(result.variants));
  const full = result.variants.full;
  if (full.wasm.raw !== published.wasm.raw) {
    result.notes.push(`crates/main built from the current sources gives a ${full.wasm.raw} B wasm, pkg/web has ${published.wasm.raw} B: pkg/ is not built from the current sources (run \`npm run build\`).`);
  }
  result.attribution = attribute(debugWasm, full.wasm.gzip, full.wasm.raw);
  return result;
}
