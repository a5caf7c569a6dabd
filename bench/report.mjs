// BENCHMARKS.md from the results of bench/run.mjs.
import { constants as bufferConstants } from 'node:buffer';
import { readFileSync, readdirSync } from 'node:fs';

import { kb, mmm, num, ratios, summary, table } from './lib/stats.mjs';
import { boundMs, LATENCY_MS, ORDER, REQUESTS, sequentialFloorMs, windowFloorMs } from './inventory.mjs';
import { RATE } from './naive-pager.mjs';
import { VARIANTS } from './size.mjs';

const P = ['tencent-ssl', 'tencent-legacy', 'volcengine-live', 'volcengine-cert', 'qiniu'];
const PARALLEL = ['tencent-ssl', 'tencent-legacy', 'volcengine-cert', 'volcengine-live'];
const code = (s) => `\`${s}\``;
const MAX_STRING = bufferConstants.MAX_STRING_LENGTH;
const s = summary;
const x = (v) => `${num(v)}×`;
const ms = (v) => `${num(v)} ms`;
const sec = (v) => `${num(v / 1000)} s`;
const int = (v) => Math.round(v).toLocaleString('en-US');
const mb = (b) => `${num(b / 1e6)} MB`;
const verdict = (ok) => (ok ? '**met**' : '**missed**');
const perSecond = (count, msList) => msList.map((t) => (count / t) * 1000);
const median = (a) => s(a).median;
// Normalization bodies (bench/lib/bodies.mjs): the sandbox's records as they are, and full records.
const SHAPES = ['thin', 'full'];
const SHAPE_WHAT = { thin: 'thin records', full: 'full records' };
const shapesOf = (r) => SHAPES.filter((sh) => r.normalize?.[sh]);

// ------------------------------------------------------------------ first screen: the goals

/** The ≤ 40 lines BENCHMARKS.md opens with: title, how it was made, one row per goal. */
const FIRST_SCREEN_LINES = 40;

function firstScreen(r) {
  const m = r.machine;
  const command = r.command ?? 'node bench/run.mjs';
  const partial = P_SECTIONS.filter((sec) => !r.opts.only.includes(sec));
  const lines = [
    '# cloudcerts benchmarks',
    '',
    `Made by \`${command}\` on ${m.date.slice(0, 16).replace('T', ' ')} UTC (commit ${m.commit}${m.dirty ? ', uncommitted changes under src/ or crates/' : ''}, ${num(r.seconds / 60)} minutes${r.opts.quick ? ', `--quick`: fewer samples' : ''}${partial.length ? `; not run: ${partial.join(', ')}` : ''}). ` +
      'The goals of issue 15; figures are **median (min–max)** of ratios taken per pair of interleaved samples; machine, method and details below.',
    '',
    table(['goal', 'anchor', 'measured', ''], goalRows(r)),
    '',
  ];
  if (lines.length > FIRST_SCREEN_LINES) console.warn(`bench/report.mjs: the goal table takes ${lines.length} lines, more than ${FIRST_SCREEN_LINES}`);
  return lines.join('\n');
}

const P_SECTIONS = ['size', 'sign', 'normalize', 'memory', 'inventory'];

/** Per-sample ratio ours / the faster of the page's two JS signers, and which was faster (by median). */
function chromiumVsJs(m) {
  const js = m.chromiumJs;
  if (!js || !m.chromium?.length) return null;
  const names = Object.keys(js).filter((n) => js[n]?.length);
  if (!names.length) return null;
  const fastest = names.reduce((a, b) => (median(js[b]) > median(js[a]) ? b : a));
  const best = m.chromium.map((_, i) => Math.max(...names.map((n) => js[n][i])));
  return { fastest, fastestRate: s(js[fastest]), ratio: s(ratios(m.chromium, best)) };
}

const JS_NAME = { webcrypto: 'WebCrypto', noble: '@noble/hashes' };

/** Every body's raw audit (Node and Chromium): did the call parse no record, the first read each once, the second none? */
function rawAudits(r) {
  const out = [];
  for (const [engine, n] of [['Node', r.normalize], ['Chromium', r.chromium?.normalize]]) {
    for (const shape of SHAPES) {
      for (const p of P) {
        const a = n?.[shape]?.[p]?.rawAudit;
        if (a) out.push({ engine, shape, p, a, ok: a.inCall.objects === 0 && a.firstRead.objects === a.certificates && a.present === a.certificates && a.secondRead.calls === 0 });
      }
    }
  }
  return out;
}

function goalRows(r) {
  const rows = [];
  // (1) normalization, full bodies first, thin as the second row.
  for (const p of P) {
    for (const shape of ['full', 'thin']) {
      const n = r.normalize?.[shape]?.[p]?.samples;
      if (!n) continue;
      const node = s(ratios(n.js, n.lib));
      const c = r.chromium?.normalize?.[shape]?.[p]?.samples;
      const chrome = c ? s(ratios(c.js, c.lib)) : null;
      rows.push([
        shape === 'full' ? `1. \`normalizeResponse\` ≥ 1.5× plain JS: ${p}, full bodies` : `1. ${p}, thin bodies`,
        'the plain JS normalizer, same body (§3)',
        `Node ${mmm(node, '', x)}${chrome ? `, Chromium ${mmm(chrome, '', x)}` : ''}`,
        verdict(node.median >= 1.5 && (!chrome || chrome.median >= 1.5)),
      ]);
    }
  }
  // (2) raw costs nothing until read.
  const audits = rawAudits(r);
  if (audits.length) {
    const share = audits.map(({ a }) => a.readMs / a.callMs);
    const engines = [...new Set(audits.map((u) => u.engine))].join(' and ');
    const bad = audits.filter((u) => !u.ok);
    rows.push([
      '2. `raw` costs nothing until read',
      'no record parsed in the call; each once on its first read (§3)',
      `${engines}, ${audits.length / engines.split(' and ').length} bodies: ${bad.length ? `**${bad.length} not lazy** (${bad.map((u) => `${u.p} ${u.shape} ${u.engine}`).join(', ')})` : '0 records parsed in the call, 1 per record on first read, 0 on the second'}; reading every \`raw\` then takes ${num(Math.min(...share) * 100)}–${num(Math.max(...share) * 100)}% of the call's time`,
      verdict(!bad.length),
    ]);
  }
  // (5) memory.
  if (r.memory) {
    for (const p of P) {
      const ms = SHAPES.map((sh) => [sh, r.memory[sh]?.[p]]).filter(([, m]) => m);
      if (!ms.length) continue;
      const ok = ms.every(([, m]) => !m.error && m.peak / m.bodyBytes <= 3);
      const counts = [...new Set(ms.map(([, m]) => m.count))];
      const note = ms.some(([, m]) => m.fitted) ? ` (${ms.map(([sh, m]) => `${sh} ${int(m.count)}`).join(', ')} of ${int(ms[0][1].listed)}: the most that fit in one JS string)` : counts.length === 1 && counts[0] !== r.opts.memoryCerts ? ` (${int(counts[0])} listed)` : '';
      rows.push([
        `5. peak wasm memory ≤ 3× the body at ${int(r.opts.memoryCerts)}: ${p}${note}`,
        'the body\'s UTF-8 bytes (§5)',
        ms.map(([sh, m]) => (m.error ? `${sh}: ${m.error}` : `${sh} ${num(m.peak / m.bodyBytes)}× (${mb(m.bodyBytes)})`)).join(', '),
        verdict(ok),
      ]);
    }
  }
  // (6) size: what pages download.
  const d = r.size?.downloads;
  if (d) {
    const row = (what, m, budget) => rows.push([what, `${kb(budget)} gzipped (§1)`, `${kb(m.gzip)} (${int(m.gzip)} B, ${m.files.length} files)`, verdict(m.gzip <= budget)]);
    row('6. all a page that runs `inventory` downloads', d.inventory, 100_000);
    row('6. the inspector (first `inspectCertificate` adds)', d.inspector, 50_000);
    row('6. all a page importing `cloudcerts/sign` downloads', d.sign, 50_000);
  } else if (r.size) {
    rows.push(['6. size of what pages download', '', `not measured: ${r.size.downloadsError ?? 'no Chromium'}`, '']);
  }
  // (7) signing.
  if (r.sign) {
    for (const p of P) {
      const m = r.sign[p];
      const q = s(ratios(m.ours, m.sdk));
      const e = m.entry?.length ? s(ratios(m.entry, m.sdk)) : null;
      rows.push([`7. signing ≥ 1× the official SDK, Node, main module: ${p}`, `${SDK_NAME[p]}, ${mmm(s(m.sdk), '', int)} sig/s (§2)`, `${mmm(q, '', x)}${e ? `; \`cloudcerts/sign\` ${mmm(e, '', x)}` : ''}`, verdict(q.median >= 1)]);
    }
    for (const p of P) {
      const c = chromiumVsJs(r.sign[p]);
      if (!c) continue;
      rows.push([`7. signing ≥ 2× the fastest JS signer, Chromium: ${p}`, `${JS_NAME[c.fastest]}, ${mmm(c.fastestRate, '', int)} sig/s (§2)`, mmm(c.ratio, '', x), verdict(c.ratio.median >= 2)]);
    }
  }
  // (7) one way in for signRequest: the export reads its arguments only through packed.rs (§22),
  // read from the source of the commit measured.
  const signSource = readFileSync(new URL('../crates/wasm/src/sign.rs', import.meta.url), 'utf8');
  const secondWay = /\b(optional_)?from_js\b/.test(signSource);
  rows.push([
    '7. one crossing path for `signRequest`',
    'its arguments read only through `crates/wasm/src/packed.rs` (§22)',
    secondWay ? '`crates/wasm/src/sign.rs` still reads member by member (`from_js`)' : '`crates/wasm/src/sign.rs` reads them only through `packed.rs`',
    verdict(!secondWay),
  ]);
  return rows;
}

const SDK_NAME = {
  'tencent-ssl': '`Sign.sign3`',
  'tencent-legacy': 'qcloudapi-sdk',
  'volcengine-live': '`@volcengine/openapi` Signer',
  'volcengine-cert': '`@volcengine/openapi` Signer',
  qiniu: '`qiniu` `generateAccessToken`',
};

// ------------------------------------------------------------------ machine and method

function machineSection(r) {
  const m = r.machine;
  const lines = [
    '## Machine and method',
    '',
    `Generated by \`${r.command ?? 'node bench/run.mjs'}\` (\`npm run bench\` is \`node bench/run.mjs\`, run from the repository root) on ${m.date.slice(0, 16).replace('T', ' ')} UTC in ${num(r.seconds / 60)} minutes.`,
    `Sections: ${r.opts.only.join(', ')}; ${r.opts.runs} inventory run(s); ${r.opts.signReps} signing and ${r.opts.normalizeReps} normalization samples; ${int(r.opts.signCases)} signing cases per provider.`,
    'Benchmarks are measurements, not tests: nothing asserts a timing. Raw numbers of the last run: `bench/.work/results.json` (not committed).',
    '',
    table(['machine', ''], [
      ['`nproc`', m.nproc],
      ['CPU', m.cpu],
      ['memory', `${m.memoryGiB} GiB`],
      ['load average (1, 5, 15 min) at start / end', `${m.loadStart} / ${m.loadEnd} — the machine is shared with other work`],
      ['OS', m.os],
      ['Node', m.node],
      ['Chromium', `${r.chromium?.version ?? m.chromium} (headless, through playwright-core)`],
      ['rustc', m.rustc],
      ['wasm-bindgen / wasm-opt / twiggy', `${m.wasmBindgen} / ${m.wasmOpt} / ${m.twiggy}`],
      ['source', `commit ${m.commit}${m.dirty ? `, with ${m.dirty} uncommitted change(s) under src/, crates/ or Cargo.*` : ''}; pkg/web/cloudcerts_bg.wasm sha256 ${m.wasmSha256}…${r.build?.stale ? ` (**pkg/ older than the sources by modification time**${r.build.newestSource ? `: built ${r.build.builtAt.slice(11, 16)} UTC, \`${r.build.newestSource}\` modified ${r.build.newestAt.slice(11, 16)} UTC` : ''}; \`--no-build\` measured it as it was)` : r.build?.built ? ' (built by this run)' : ''}`],
    ]),
    '',
    'How to read: every figure is **median (min–max)** over the samples named in its section (a single number: all samples',
    'equal, or one sample). Comparisons are measured side by side in the same run and process (interleaved, alternating which',
    'goes first); a ratio is computed per pair of samples and then summarized, so machine-wide slow-downs hit both sides of a pair.',
    '',
  ];
  return lines.join('\n');
}

// ------------------------------------------------------------------ size

function sizeSection(r) {
  const z = r.size;
  const pub = z.published;
  const out = ['## 1. Size of the `web` build', ''];
  const rows = Object.entries(pub.files)
    .sort((a, b) => b[1].raw - a[1].raw)
    .map(([f, v]) => [code(`pkg/web/${f}`), int(v.raw), int(v.gzip), int(v.brotli)]);
  rows.push(['**main module: wasm + cloudcerts.js** (what size-budget.json counts as `webGzipBytes`)', int(pub.budgeted.raw), `**${int(pub.budgeted.gzip)}**`, int(pub.budgeted.brotli)]);
  if (pub.inspector) rows.push(['inspector, loaded on the first `inspectCertificate`/upload (`inspectorGzipBytes`)', int(pub.inspector.raw), int(pub.inspector.gzip), int(pub.inspector.brotli)]);
  if (pub.signing?.gzip) rows.push(['signing module: all that `cloudcerts/sign` loads besides its snippet (`signGzipBytes`)', int(pub.signing.raw), `**${int(pub.signing.gzip)}**`, int(pub.signing.brotli)]);
  rows.push(['every file of the web build (all three modules)', int(pub.all.raw), int(pub.all.gzip), int(pub.all.brotli)]);
  out.push(table(['file', 'raw B', 'gzip -9 B', 'brotli -q11 B'], rows), '');
  const d = z.downloads;
  if (d) {
    const scenario = (what, m, budget) =>
      [`**${what}: ${kb(m.gzip)}** (${int(m.gzip)} B gzipped, ${int(m.brotli)} B brotli) against ${kb(budget)} (${m.gzip <= budget ? 'met' : `${kb(m.gzip - budget)} over`}):`, m.files.map((f) => `${code(f.path)} ${int(f.gzip)} B`).join(', ') + '.'].join(' ');
    out.push(
      '### What pages download (issue 15, item 6)',
      '',
      'Recorded in headless Chromium (`bench/downloads.mjs`): every request under `/pkg/web/` of a fresh page that imports `cloudcerts`',
      '(`pkg/web/index.js`) and runs `inventory` over one account; then what the first `inspectCertificate` on that page adds; and',
      'everything a fresh page that imports `cloudcerts/sign` and signs once downloads. Each file measured on disk, gzip -9 apiece.',
      '',
      `- ${scenario('A page that runs `inventory`', d.inventory, 100_000)}`,
      `- ${scenario('The inspector (added by the first `inspectCertificate`)', d.inspector, 50_000)}`,
      `- ${scenario('A page that imports `cloudcerts/sign`', d.sign, 50_000)}`,
      '',
      `The main module's wasm is ${num((pub.wasm.gzip / d.inventory.gzip) * 100)}% of what the inventory page downloads; \`size-budget.json\` counts only the wasm`,
      `and \`cloudcerts.js\` of each module (${kb(pub.budgeted.gzip)}, ${kb(pub.inspector?.gzip ?? NaN)}, ${kb(pub.signing?.gzip ?? NaN)}) as regression guards; the goal counts every file.`,
      '',
    );
  } else {
    out.push(`What pages download was not measured in this run${z.downloadsError ? ` (${z.downloadsError})` : ''}; the main module (wasm + glue) is ${kb(pub.budgeted.gzip)}.`, '');
  }
  if (z.notes?.length) out.push(...z.notes.map((n) => `Note: ${n}`), '');
  const v = z.variants;
  if (v && v.full) {
    out.push(
      '### Per export: variants, one cdylib of the workspace each',
      '',
      'Each variant is a package of the workspace that declares only the exports it keeps, calling `crates/wasm` as the shipped',
      'modules do: `full` is `crates/main` itself, `sign-only` is `crates/sign` (at the profile\'s `opt-level = "z"`; the package',
      'builds it at 2), `no-client` and `normalize-only` are `bench/variants/*`. Each is built with the same `cargo build --release`,',
      '`wasm-bindgen --target web` and `scripts/wasm-opt.mjs` as `scripts/build.sh`, and checked to export exactly what it keeps',
      '(see §16). (Dead-code elimination of the finished wasm with `wasm-metadce` cannot do this: the function table keeps every',
      'closure and vtable of the async client alive, so dropping exports there removes almost nothing.)',
      '',
    );
    const full = v.full.budgeted.gzip;
    out.push(
      table(
        ['variant', 'exports', 'wasm raw B', 'wasm gzip B', 'glue gzip B', 'wasm + glue gzip B', 'vs. full'],
        Object.entries(VARIANTS).map(([name, def]) => {
          const m = v[name];
          return [code(name), def.what, int(m.wasm.raw), int(m.wasm.gzip), int(m.glue.gzip), `**${int(m.budgeted.gzip)}**`, name === 'full' ? '' : `−${int(full - m.budgeted.gzip)} B`];
        }),
      ),
      '',
    );
    const client = full - v['no-client'].budgeted.gzip;
    const shared = v['sign-only'].budgeted.gzip + v['normalize-only'].budgeted.gzip - v['no-client'].budgeted.gzip;
    out.push(
      `- The async client (paging, retries, rate limits, clock skew, fetch, the six async exports) costs **${kb(client)}** gzipped (${num((client / full) * 100)}% of the build).`,
      `- Without it, signRequest + normalizeResponse are ${kb(v['no-client'].budgeted.gzip)}${v['no-client'].budgeted.gzip > 100_000 ? ': still over 100 KB' : ''}. Alone, signRequest is ${kb(v['sign-only'].budgeted.gzip)} and normalizeResponse ${kb(v['normalize-only'].budgeted.gzip)}; about ${kb(shared)} of those two is shared (serde, serde-wasm-bindgen, formatting, the allocator, wasm-bindgen's runtime). ` +
        `What only normalizeResponse needs (serde_json, the vendor modules, dates) is about ${kb(v['no-client'].budgeted.gzip - v['sign-only'].budgeted.gzip)}; what only signRequest needs (the signers, hashing, URL handling) about ${kb(v['no-client'].budgeted.gzip - v['normalize-only'].budgeted.gzip)}.` +
        ` signRequest alone at \`"z"\` is ${v['sign-only'].budgeted.gzip <= 50_000 ? 'under' : 'over'} the 50 KB goal of \`cloudcerts/sign\` (wasm and glue only; the package builds it at opt-level 2).`,
      '',
    );
  }
  const a = z.attribution;
  if (a) {
    out.push(
      '### Where the bytes go (full build, by crate)',
      '',
      `Names from \`wasm-bindgen --keep-debug\` and \`wasm-opt -Oz -g\` (the same code; names kept), sized with twiggy; data segments`,
      'split by what they hold (panic-location source paths, text, binary tables). Raw bytes are exact; the gzip column',
      'scales them by the build\'s overall compression ratio and is only an estimate (text compresses better than code).',
      'Generic code is counted where it is instantiated: `serde_json` includes its deserializers instantiated for our types,',
      'and the async exports\' bodies are inlined into `js_sys::futures::future_to_promise` closures.',
      '',
    );
    const rows2 = a.rows.filter((row) => row.raw >= 1000).map((row) => [row.group, int(row.raw), `${num(row.share * 100)}%`, `~${int(row.gzipEstimate)}`]);
    const small = a.rows.filter((row) => row.raw < 1000);
    if (small.length) rows2.push([`${small.length} smaller groups`, int(small.reduce((t, row) => t + row.raw, 0)), '', '']);
    rows2.push(['**total (without the names section)**', `**${int(a.counted)}**`, '100%', '']);
    out.push(table(['group', 'raw B', 'share', '≈ gzip B'], rows2), '');
    out.push('Largest single items:', '', table(['item', 'raw B', 'group'], a.topItems.slice(0, 16).map((i) => [code(i.name.length > 90 ? `${i.name.slice(0, 87)}...` : i.name), int(i.raw), i.group])), '');
    out.push(...whatWouldCut(r), '');
  }
  return out.join('\n');
}

function group(r, name) {
  return r.size.attribution.rows.find((row) => row.group === name)?.raw ?? 0;
}

function whatWouldCut(r) {
  const v = r.size.variants;
  const a = r.size.attribution;
  const item = (re) => a.topItems.find((i) => re.test(i.name))?.raw ?? 0;
  const lines = ['### What would cut them (for the lead to act on)', ''];
  let n = 1;
  const add = (text) => lines.push(`${n++}. ${text}`);
  if (v?.full) {
    const client = v.full.budgeted.gzip - v['no-client'].budgeted.gzip;
    add(
      `**The async client is the biggest single piece: ${kb(client)} gzipped** (measured, variant \`no-client\`). ` +
        `Of it, ${int(group(r, 'async exports (client code inlined into js_sys future_to_promise)'))} B raw are the bodies of the six async exports ` +
        '(one `js_sys::futures::future_to_promise` closure each, with the state machine of everything that export awaits inlined into it), ' +
        `${int(group(r, 'cloudcerts::client'))} B raw \`cloudcerts::client\` (paging, session, retries)` +
        (group(r, 'cloudcerts::transport') ? `, ${int(group(r, 'cloudcerts::transport'))} B raw \`transport\`` : '') +
        '. ' +
        'Options: ship the client as a second, lazily loaded module (e.g. `cloudcerts/client`), so that a page that only signs or normalizes ' +
        'does not download it; and/or route the six async exports through one entry (one boxed future per call) so that their inlined state ' +
        'machines are not six separate copies (not measured).',
    );
  }
  add(
    `**Formatting (\`core::fmt\`): ${int(group(r, 'core::fmt (formatting)'))} B raw**, of which \`<f64 as Display>::fmt\` alone is ${int(item(/<f64 as core::fmt::Display>::fmt/))} B ` +
      '(plus its tables in the data section). It is reached only through a formatting vtable; cloudcerts itself formats no `f64`, so the likely ' +
      'user is serde\'s `invalid type: floating point `…`` error message (`serde::de::Unexpected::Float`) in the argument and response ' +
      'deserializers. `format!`/`to_string()` in error messages and `{:?}` of types keep the rest alive. Not measured here: a nightly build with ' +
      '`-Zbuild-std=std,panic_abort -Zbuild-std-features=panic_immediate_abort` usually removes most panic formatting (this machine\'s nightly ' +
      'has neither the wasm32 target nor rust-src).',
  );
  add(
    `**Sorting: ${int(group(r, 'core::slice::sort'))} B raw** in \`core::slice::sort\` — the stable sort (driftsort) instantiated once per element ` +
      'type and comparator. The signers now sort through one function (`sign::encoding::sort_pairs`) and maps are filled by insertion ' +
      '(collecting into a `BTreeMap` sorts), which left one copy; it was 22,348 B raw with five copies.',
  );
  add(
    `**serde_json + serde: ${int(group(r, 'serde_json') + group(r, 'serde (core impls)'))} B raw**, the vendor parsers, plus ` +
      `${int(group(r, 'cloudcerts::model'))} B of derived (de)serializers in \`cloudcerts::model\`. Arguments and results cross through ` +
      'serde-wasm-bindgen (section 13), so the model types no longer get `serde_json` deserializers of their own.',
  );
  const textBytes = group(r, 'data: text (messages, names, tables of strings)');
  add(
    `**Text in the data section: ${int(textBytes)} B raw** — error messages and hints of the five vendor tables, field names, ` +
      'the WHATWG percent-encoding table, and `std::io::ErrorKind` descriptions (“entity not found”, …) that come with `std`. Longest runs:' +
      a.longestText
        .slice(0, 4)
        .map((t) => ` ${code(t.replace(/`/g, "'").replace(/[\n\t]/g, ' ').replace(/[^\x20-\x7e]/g, '·').slice(0, 70))}`)
        .join(';') +
      '. Shorter hints, or error codes with the text kept in JS (the `.d.ts`), would cut it.',
  );
  add(
    `**Runtime**: the allocator and wasm-bindgen's exported runtime ${int(group(r, 'allocator + runtime (dlmalloc, wasm-bindgen exports)'))} B raw, ` +
      `wasm-bindgen's generated shims ${int(group(r, 'wasm-bindgen shims (generated)'))} B raw (the ` +
      `\`signRequest\` shim alone is ${int(item(/^signRequest .*shim/))} B: the export's body is inlined into it), the JS glue ${kb(r.size.published.glue.gzip)} gzipped. ` +
      'A smaller allocator is a known lever but was not measured here.',
  );
  const over = (r.size.downloads?.inventory.gzip ?? r.size.published.budgeted.gzip) - 100_000;
  if (over > 0) {
    lines.push(
      '',
      `Together: ${kb(over)} must go from what a page that runs \`inventory\` downloads. That page needs the client, so dropping the client ` +
        'is a lever only for pages that sign or normalize; for the inventory page the bytes have to come from the shared base (serde_json, ' +
        'formatting, sorting, text), from the client itself, or from moving code the inventory does not run into modules loaded on first use, ' +
        'as the inspector already is.',
    );
  }
  return lines;
}

// ------------------------------------------------------------------ signing

function signSection(r) {
  const out = ['## 2. Signing', ''];
  const first = r.sign[P[0]];
  out.push(
    `${first.cases} randomized requests per provider (list pages, get, delete; random keys, parameters, search text with`,
    'non-ASCII, timestamps; `bench/sign-cases.mjs`), the same requests for every side. One sample = one pass over all of them;',
    `${r.opts.signReps} samples each of ours in Node (the main module, and the signing module of \`cloudcerts/sign\`), the official SDK in Node, and in Chromium`,
    'ours and the two plain JS signers, interleaved (the side that goes first rotates), so each ratio compares passes taken one right after the other.',
    'Before timing, every request was signed by ours and the SDK and the signatures compared: ' +
      P.map((p) => `${p} ${r.sign[p].cases - r.sign[p].disagree}/${r.sign[p].cases} identical` + (r.sign[p].entry?.length ? ` (\`cloudcerts/sign\`: ${r.sign[p].cases - r.sign[p].entryDisagree}/${r.sign[p].cases})` : '')).join(', ') + '.',
    'The SDK side calls the official signer through `sandbox/sdk-client.mjs`, which also assembles the headers (as ours does).',
    '',
    '### Node: the official SDKs (goal: the main module at least as fast)',
    '',
  );
  const rows = P.map((p) => {
    const m = r.sign[p];
    const perCall = (rate) => 1e6 / rate;
    return [
      p,
      mmm(s(m.ours), '', int),
      mmm(s(m.sdk), '', int),
      `**${mmm(s(ratios(m.ours, m.sdk)), '', x)}**`,
      `${num(perCall(median(m.ours)))} µs / ${num(perCall(median(m.sdk)))} µs`,
      m.entry?.length ? mmm(s(m.entry), '', int) : 'n/a',
      m.entry?.length ? `**${mmm(s(ratios(m.entry, m.sdk)), '', x)}**` : 'n/a',
    ];
  });
  out.push(
    table(['provider', 'main module (sig/s)', 'official SDK (sig/s)', 'main ÷ SDK', 'per call: main / SDK', '`cloudcerts/sign` (sig/s)', '`cloudcerts/sign` ÷ SDK'], rows),
    '',
    'The main module is built for size (`opt-level = "z"`); the signing module of `cloudcerts/sign` is the same code built at `opt-level = 2` (section 17).',
    'SDK functions: Tencent TC3 `Sign.sign3` (tencentcloud-sdk-nodejs-common), legacy `generateQueryString` (qcloudapi-sdk), Volcengine',
    '`Signer.addAuthorization` (@volcengine/openapi), Qiniu `util.generateAccessToken` (qiniu). The Tencent, legacy and Qiniu SDKs hash with',
    "Node's native `crypto` (OpenSSL); Volcengine's SDK hashes in JavaScript. Ours hashes inside the wasm (RustCrypto `sha2`/`sha1`/`hmac`).",
    'One of our calls passes the three arguments into wasm as one string and takes the result back as one (`crates/wasm/src/packed.rs`,',
    'section 17), and in between normalizes the URL, canonicalizes the request and hashes, all inside the wasm.',
    '',
  );
  if (P.some((p) => chromiumVsJs(r.sign[p]))) {
    out.push(
      '### Chromium: plain JavaScript signers (goal: ours at least 2× the faster)',
      '',
      'No official SDK runs in a page, so the baseline is the same scheme written in the bench twice (`bench/js-signers.mjs`, from',
      '`shared/signing.md`): on **WebCrypto** (`crypto.subtle` HMAC and SHA-256/SHA-1, each call awaited before the next starts; a key',
      'derivation and a hash that do not depend on each other are started together) and on **@noble/hashes** (synchronous, pure JS).',
      'Both take `signRequest`\'s arguments and return its result (URL parsed, canonical request built, hashed from the secret key, nothing',
      'cached between calls, headers assembled). Before timing, in the page, each was checked against the page\'s `signRequest` on every',
      'case (the whole signed request, headers by name): ' +
        P.map((p) => {
          const c = r.sign[p].chromiumCheck;
          if (!c) return `${p} not checked`;
          return `${p} ` + Object.entries(c).map(([name, v]) => `${JS_NAME[name] ?? name} ${r.sign[p].cases - v.disagree}/${r.sign[p].cases}${v.first ? ` (first difference: ${code(v.first.slice(0, 120))})` : ''}`).join(', ');
        }).join('; ') + ' identical.',
      '',
    );
    const crow = P.map((p) => {
      const m = r.sign[p];
      const c = chromiumVsJs(m);
      if (!c) return [p, 'n/a', '', '', '', ''];
      return [p, mmm(s(m.chromium), '', int), mmm(s(m.chromiumJs.webcrypto), '', int), mmm(s(m.chromiumJs.noble), '', int), `**${mmm(c.ratio, '', x)}** (${JS_NAME[c.fastest]} faster)`, mmm(s(ratios(m.chromium, m.ours)), '', x)];
    });
    out.push(
      table(['provider', 'ours, Chromium (sig/s)', 'WebCrypto (sig/s)', '@noble/hashes (sig/s)', 'ours ÷ the faster JS signer', 'ours: Chromium ÷ Node'], crow),
      '',
      'The ratio is taken per sample against whichever JS signer was faster in that sample. Ours in the page is the main module of',
      '`cloudcerts/web` (`manual.js`).',
      '',
    );
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ normalization

/**
 * The parts of one body's normalization. `lazyRaw`: the package's `raw` is an accessor that parses
 * its record's text on first read, so `raw` costs nothing in the call and `libRaw − lib` after it;
 * else the call itself parses the body in JavaScript for `raw` (timed as `jsParse`).
 */
function breakdown(samples, lazyRaw = false) {
  const n = samples.lib.length;
  const per = (f) => s(Array.from({ length: n }, (_, i) => f(i)));
  const S = samples;
  // The body read in wasm without normalizing a record (older results: the vendor-error body).
  const read = S.skipRead ?? S.errParse;
  return {
    total: s(S.lib),
    totalWithRaw: S.libRaw ? s(S.libRaw) : s(S.lib),
    crossingIn: s(S.encodeIn),
    wasmParse: per((i) => read[i] - S.encodeIn[i]),
    normalizeSerialize: per((i) => S.lib[i] - read[i] - (lazyRaw ? 0 : S.jsParse[i])),
    rawInJs: lazyRaw && S.rawRead ? s(S.rawRead) : lazyRaw && S.libRaw ? per((i) => S.libRaw[i] - S.lib[i]) : s(S.jsParse),
    jsTotal: s(S.js),
    jsParse: s(S.jsParse),
    jsMap: per((i) => S.js[i] - S.jsParse[i]),
  };
}

function normalizeSection(r) {
  const out = ['## 3. Normalization', ''];
  const reps = r.opts.normalizeReps;
  const shapes = shapesOf(r);
  out.push(
    `One response body per provider with ${int(r.opts.normalizeCerts)} certificates (Volcengine Live lists only the certificates that have`,
    'an issued certificate, hence fewer), built from the sandbox\'s own data module (`sandbox/data.mjs` `certificatesFor`: exactly the',
    'items the sandbox lists, in API order) in the API\'s envelope — what would otherwise be 10 to 100 pages concatenated — in two',
    'shapes (`bench/lib/bodies.mjs`):',
    '',
    '- **thin**: the sandbox\'s records as they are: every documented field, but many of them null, short names and SAN lists;',
    '  Certificate Center\'s chains are placeholders that decode as no certificate.',
    '- **full**: every field of each seed document\'s sample record filled as a real account fills it: Tencent\'s ~45 fields with',
    '  their nested objects, Certificate Center records carrying a real two-certificate chain (from `tests/fixtures`) whose leaf',
    '  the record\'s names, dates, serial and fingerprints describe, as a real record\'s do (both normalizers decode the leaf\'s PEM,',
    '  find the detail\'s serial in it and take fingerprint, serial and key algorithm from the detail, as the library does when',
    '  its whole `certificate_detail` names the leaf\'s serial), with `log`, `ssl.san`, `certificate_detail` and the seed\'s',
    '  `upstream_extension`; names with remarks on half of the records and SAN lists of 10 to 50 names on a third of them,',
    '  for every provider.',
    '',
    'The baseline is `bench/js-normalizer.mjs`: `JSON.parse`, then a `map` to the same fields (RFC 3339 UTC times with Beijing time for naive vendor',
    'times, `daysRemaining`, `status` from the vendor value and the dates, lower-cased de-duplicated `domains`, the rest of the model,',
    '`raw` without private keys; for Certificate Center, the chain\'s leaf read with a small DER reader and SHA-256 in plain JavaScript).',
    'Before timing, it was checked to produce exactly the library\'s certificates (deep-equal, `raw` included; `warnings`, which only the library computes, left out): ' +
      shapes.map((sh) => `${sh}: ` + P.map((p) => `${p} ${r.normalize[sh][p].differ === 0 ? 'all equal' : `**${r.normalize[sh][p].differ} differ** (first at ${code(r.normalize[sh][p].firstDifference)})`}`).join(', ')).join('; ') + '.',
    `Samples: ${reps} per side${reps > 3 ? ' (3 for bodies over 50 MB)' : ''}; library and JS alternate which goes first, and the Node and Chromium samples`,
    'are interleaved (one Node sample, one Chromium sample, alternating which goes first). The goal (issue 15, item 1): the library at',
    'least 1.5× the plain JS rate for every provider, in Node and in Chromium, on the full bodies (the thin ones as a second row).',
    '',
  );
  const rows = [];
  for (const p of P) {
    for (const shape of shapes) {
      const m = r.normalize[shape][p];
      const c = r.chromium?.normalize?.[shape]?.[p];
      const lib = perSecond(m.count, m.samples.lib);
      const js = perSecond(m.count, m.samples.js);
      const row = [shape === shapes[0] ? p : '', shape, int(m.count), mb(m.bytes), mmm(s(lib), '', int), mmm(s(js), '', int), `**${mmm(s(ratios(m.samples.js, m.samples.lib)), '', x)}**`];
      if (c) {
        row.push(mmm(s(perSecond(c.count, c.samples.lib)), '', int), mmm(s(perSecond(c.count, c.samples.js)), '', int), `**${mmm(s(ratios(c.samples.js, c.samples.lib)), '', x)}**`);
      } else row.push('n/a', 'n/a', 'n/a');
      rows.push(row);
    }
  }
  out.push(
    table(['provider', 'records', 'certificates', 'body', 'Node: library (cert/s)', 'Node: plain JS (cert/s)', 'library ÷ JS', 'Chromium: library (cert/s)', 'Chromium: plain JS (cert/s)', 'library ÷ JS'], rows),
    '',
    '### Where the time goes (median ms of one 10,000-certificate body)',
    '',
    'Measured from outside the wasm: **crossing in** = `TextEncoder.encodeInto` of the body (the library encodes the body with `TextEncoder`',
    'and copies the bytes into wasm memory at their exact size; this times the encoding); **body read in wasm** = `normalizeResponse`',
    'on the same body with its list renamed (one letter of the list\'s key changed: the reader goes through the whole body and skips the',
    'list as an unknown member, normalizing no record) minus crossing in (since b3993f4 a vendor error in the envelope no longer isolates',
    'the read: records are normalized as they are read); **`raw` in JS**: when the package reads `raw` lazily (an accessor that parses its',
    'record\'s own text on first read; marked *lazy raw*), the time to read every certificate\'s `raw` after the call (timed alone,',
    'within **library total, every `raw` read**), which the call itself does not spend; otherwise the package\'s own `JSON.parse` of the',
    'body inside the call (timed as the plain JS normalizer\'s parse); **normalize + hand over** = the rest of the call (field',
    'extraction, dates, finding the private keys to remove, Certificate Center\'s chains, writing each certificate as JSON as soon as',
    'its record is read and handing the list to JavaScript in 1 MiB pieces for `JSON.parse`, which happens inside the wasm call: these',
    'cannot be told apart from outside). Each cell is the median',
    'of that part over the samples (parts computed per sample), so the parts need not add up exactly.',
    '',
  );
  const brow = (engine, get) =>
    shapes.flatMap((shape) =>
      P.filter((p) => get(shape, p)).map((p) => {
        const m = get(shape, p);
        const b = breakdown(m.samples, m.lazyRaw);
        const pct = (v) => `${num(v.median)} (${num((v.median / b.total.median) * 100)}%)`;
        return [`${p}, ${shape} (${engine})`, num(b.total.median), num(b.totalWithRaw.median), pct(b.wasmParse), pct(b.normalizeSerialize), pct(b.crossingIn), `${pct(b.rawInJs)}${m.lazyRaw ? ', lazy raw' : ''}`, `${num(b.jsTotal.median)}: ${num(b.jsParse.median)} + ${num(b.jsMap.median)}`];
      }),
    );
  out.push(
    table(
      ['body', 'library total', 'library total, every `raw` read', 'body read in wasm', 'normalize + hand over', 'crossing in', '`raw` in JS', 'plain JS total: JSON.parse + map'],
      [...brow('Node', (shape, p) => r.normalize[shape][p]), ...brow('Chromium', (shape, p) => r.chromium?.normalize?.[shape]?.[p])],
    ),
    '',
  );
  const audits = rawAudits(r);
  if (audits.length) {
    out.push(
      '### `raw` before it is read (issue 15, item 2)',
      '',
      'Counted, not timed (`auditRaw` in `bench/normalize-core.mjs`, once per body and engine, before the timed samples): every',
      '`JSON.parse` during one `normalizeResponse` call, during a first read of every certificate\'s `raw`, and during a second read.',
      'A parse of text that starts with `{` is a record\'s (or the whole body\'s); the certificates themselves cross as JSON lists in',
      '1 MiB pieces. Each `raw` is an accessor that parses its own record\'s text (a slice of the body) on first read and keeps the',
      'result (since 2b48d09); the times are of that one call and that one read.',
      '',
      table(
        ['body', 'certificates', 'in the call: parses (records) / chars', 'first read: record parses / chars', 'second read: parses', 'call / first read of every `raw`', ''],
        audits.map(({ engine, shape, p, a, ok }) => [
          `${p}, ${shape} (${engine})`,
          int(a.certificates),
          `${a.inCall.calls} (${a.inCall.objects}) / ${int(a.inCall.chars)}`,
          `${int(a.firstRead.objects)} / ${int(a.firstRead.objectChars)}`,
          int(a.secondRead.calls),
          `${num(a.callMs)} ms / ${num(a.readMs)} ms (${num((a.readMs / a.callMs) * 100)}%)`,
          ok ? 'lazy' : '**not lazy**',
        ]),
      ),
      '',
    );
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ inventory

/** Average interval between the library's requests in a rate-bound listing, as a multiple of 1/rate. */
function spacing(runs, p) {
  return s(runs.map((run) => {
    const l = run.lib[p];
    return (l.ms - LATENCY_MS - l.tailMs) / (l.requests - 1) / (1000 / RATE[p]);
  }));
}

/** Issue 7's inventory goals, per listing: within 1.2× of the lower bound, ≥ 5× a sequential pager. */
function inventoryGoals(r) {
  const runs = r.inventory.runs;
  const rows = [];
  for (const p of ORDER) {
    const q = s(runs.map((run) => run.lib[p].ms / boundMs(p)));
    rows.push([`within 1.2× of the lower bound: ${p}`, `${mmm(q, '', x)} the bound`, verdict(q.median <= 1.2)]);
  }
  const inv = s(runs.map((run) => run.inventory.ms / Math.max(...ORDER.map(boundMs))));
  rows.push(['within 1.2× of the lower bound: inventory (all five)', `${mmm(inv, '', x)} the bound`, verdict(inv.median <= 1.2)]);
  for (const p of PARALLEL) {
    const q = s(runs.map((run) => run.naive[p].ms / run.lib[p].ms));
    rows.push([`≥ 5× faster than a sequential pager: ${p}`, `${mmm(q, '', x)} faster`, verdict(q.median >= 5)]);
  }
  const invq = s(runs.map((run) => run.naiveInventoryMs / run.inventory.ms));
  rows.push(['≥ 5× faster than a sequential pager: inventory (all five)', `${mmm(invq, '', x)} faster`, verdict(invq.median >= 5)]);
  return ['### The inventory goals of issue 7', '', table(['goal (issue 7)', 'measured', ''], rows), ''].join('\n');
}

function inventorySection(r) {
  const inv = r.inventory;
  const runs = inv.runs;
  const out = ['## 4. Full inventory (sandbox through the CORS proxy)', ''];
  out.push(
    `The sandbox (10,000 certificates per account) and the proxy run on loopback in a child process (\`bench/servers.mjs\`), with`,
    `${LATENCY_MS} ms added to every answer and the documented rate limits enforced by the sandbox (Tencent 10/s, legacy 10/s, Live 10/s,`,
    'Certificate Center 20/s, Qiniu 5/s; a sliding one-second window per access key, answered with the vendor\'s throttling error).',
    'Before timing, every listing ran once without latency and limits (the sandbox generates and caches its pages).',
    `${runs.length} run(s); in each, every provider is listed by the library (\`listCertificates\`) and by the naive pager, alternating`,
    'which goes first, with at least 1.1 s between two listings of the same account (so each starts with an empty rate window); then',
    '`inventory` over the five accounts at once.',
    '',
    '- **Lower bound** = the requests needed at the largest page size (Tencent 10, legacy 100, Certificate Center 100, Qiniu 100, Live 4),',
    `  the first at 0 and the last at (n − 1) / rate, plus one latency of ${LATENCY_MS} ms. For \`inventory\` the accounts have separate limits:`,
    '  the largest of the five.',
    '- **Naive sequential pager** (`bench/naive-pager.mjs`): same `signRequest`, same `fetch` through the proxy, same `normalizeResponse`',
    '  per page, one page after another. It keeps to the documented rate itself (one request per 1/rate s, evenly spaced):',
    '  the sandbox would throttle it otherwise. Its inventory time is its five listings one after the other (the sum).',
    '- **Tail** = from the last page\'s `onProgress` event to the resolved promise: merging by id and handing the result to JavaScript.',
    '',
  );
  const rows = ORDER.map((p) => {
    const lib = s(runs.map((run) => run.lib[p].ms));
    const naive = s(runs.map((run) => run.naive[p].ms));
    const q = s(runs.map((run) => run.lib[p].ms / boundMs(p)));
    const sp = s(runs.map((run) => run.naive[p].ms / run.lib[p].ms));
    const retries = s(runs.map((run) => run.lib[p].retries));
    const throttled = s(runs.map((run) => run.naive[p].throttled));
    const tail = s(runs.map((run) => run.lib[p].tailMs));
    const req = `${mmm(s(runs.map((run) => run.lib[p].requests)), '', int)} / ${mmm(s(runs.map((run) => run.naive[p].requests)), '', int)} / ${REQUESTS[p]}`;
    const ceiling = Math.max(1, sequentialFloorMs(p) / windowFloorMs(p));
    return [p, int(runs[0].lib[p].count), req, sec(boundMs(p)), mmm(lib, 's', (v) => num(v / 1000)), `**${mmm(q, '', x)}**`, mmm(naive, 's', (v) => num(v / 1000)), `**${mmm(sp, '', x)}**`, x(ceiling), `${mmm(retries, '', int)} / ${mmm(throttled, '', int)}`, mmm(tail, 'ms', int)];
  });
  const invBound = Math.max(...ORDER.map(boundMs));
  const iv = s(runs.map((run) => run.inventory.ms));
  rows.push([
    '**inventory** (all five)',
    int(runs[0].inventory.count),
    `${int(runs[0].inventory.accounts.reduce((t, a) => t + a.requests, 0))} / – / ${ORDER.reduce((t, p) => t + REQUESTS[p], 0)}`,
    sec(invBound),
    mmm(iv, 's', (v) => num(v / 1000)),
    `**${mmm(s(runs.map((run) => run.inventory.ms / invBound)), '', x)}**`,
    mmm(s(runs.map((run) => run.naiveInventoryMs)), 's', (v) => num(v / 1000)),
    `**${mmm(s(runs.map((run) => run.naiveInventoryMs / run.inventory.ms)), '', x)}**`,
    x(ORDER.reduce((t, p) => t + sequentialFloorMs(p), 0) / Math.max(...ORDER.map(windowFloorMs))),
    `${mmm(s(runs.map((run) => run.inventory.accounts.reduce((t, a) => t + a.retries, 0))), '', int)} / –`,
    mmm(s(runs.map((run) => run.inventory.tailMs)), 'ms', int),
  ]);
  out.push(
    table(['listing', 'certificates', 'requests: library / naive / needed', 'lower bound', 'library', 'library ÷ bound', 'naive sequential', 'naive ÷ library', 'ceiling of naive ÷ library set by the limits', 'retries: library / naive throttled', 'tail'], rows),
    '',
    '"Ceiling" is what concurrency can gain at all under these limits when pages cost nothing but the latency: a sequential pager',
    `that keeps to the rate needs n · max(1/rate, latency) + latency (the rate, not the ${LATENCY_MS} ms latency, is its constraint for every`,
    'API here); the library lets up to `rate` requests leave in any window of 1.05 s (the sandbox, like the vendors, counts "N per',
    'second" over a sliding 1 s window), so it needs ⌊(n − 1) / rate⌋ windows plus the latencies paging cannot overlap (the first page,',
    'which gives the total). For listings of up to `rate` pages (Tencent SSL, Live) that is a few latencies, and the ceiling is high;',
    'for rate-bound listings (legacy, Certificate Center, Qiniu) it stays near 1, since both sides then wait on the limit. For the same',
    'reason a listing of up to `rate` pages can finish below the "lower bound" (which assumes requests spread evenly at the rate).',
    '',
    inventoryGoals(r),
  );
  const d = inv.diagnostics;
  if (d?.legacySlack && d?.qiniu1000) {
    const legacyNaive = s(runs.map((run) => run.naive['tencent-legacy'].ms));
    out.push(
      '### Diagnostics (one run each; not goals)',
      '',
      `- **Request spacing and throttling.** The sandbox counts a sliding 1 s window on arrival, so requests sent exactly 1/rate apart`,
      '  arrive 11 to a window now and then and are throttled. Measured: the naive pager at exactly 1/rate was throttled ' +
        `${mmm(s(runs.map((run) => run.naive['tencent-legacy'].throttled)), '', int)} times per tencent-legacy listing and ${mmm(s(runs.map((run) => run.naive.qiniu.throttled)), '', int)} per Qiniu listing;`,
      `  with 2% more room (1/(0.98 · rate)) it listed tencent-legacy in ${sec(d.legacySlack.ms)} with ${d.legacySlack.throttled} throttled answer(s) in ${d.legacySlack.requests} requests`,
      `  (against ${mmm(legacyNaive, 's', (v) => num(v / 1000))} at exactly 1/rate). The library's requests left on average every`,
      `  ${mmm(spacing(runs, 'tencent-legacy'), '', x)} 1/rate to tencent-legacy and ${mmm(spacing(runs, 'qiniu'), '', x)} 1/rate to Qiniu ((time − latency − tail) / (requests − 1)),`,
      `  with ${mmm(s(runs.map((run) => run.lib['tencent-legacy'].retries + run.lib.qiniu.retries)), '', int)} retries over both listings: on rate-bound listings every`,
      '  1% of margin above 1/rate costs 1% of wall time. The library no longer spaces its requests: it lets `rate` of them leave in any',
      '  1.05 s window, counted when they leave (so 5% of margin per window, not per request), and spaces them only after a throttling answer.',
      `- **Qiniu page size.** Qiniu is the inventory's critical path (100 requests at 5/s). The same naive pager at \`limit=1000\`, which the`,
      `  sandbox accepts (Qiniu documents only the default of 100), took ${sec(d.qiniu1000.ms)} for ${int(d.qiniu1000.count)} certificates in ${d.qiniu1000.requests}`,
      '  requests. If the real API allows it, that cuts the inventory to the next slowest account; worth checking against the real service.',
      ...(d.tencentSslConcurrency10
        ? [
            `- **Concurrency.** Tencent SSL's ${REQUESTS['tencent-ssl']} pages fit in one rate window, so more pages in flight could help. With`,
            `  \`concurrency: 10\` (default 4) the library listed it in ${sec(d.tencentSslConcurrency10.ms)} (${int(d.tencentSslConcurrency10.count)} certificates, ${d.tencentSslConcurrency10.requests} requests,`,
            `  ${d.tencentSslConcurrency10.retries} retries), against ${mmm(s(runs.map((run) => run.lib['tencent-ssl'].ms)), 's', (v) => num(v / 1000))} at the default in the runs above.`,
          ]
        : []),
      '',
    );
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ memory

/** The memory results by shape (older results: one set of thin bodies). */
function memoryByShape(r) {
  if (!r.memory) return {};
  return r.memory.thin || r.memory.full ? r.memory : { thin: r.memory };
}

function memorySection(r) {
  const out = ['## 5. Memory', ''];
  const byShape = memoryByShape(r);
  const cert = SHAPES.map((sh) => byShape[sh]?.['volcengine-cert']).filter((m) => m?.fitted);
  out.push(
    `Peak wasm linear memory while the package's \`normalizeResponse\` (\`cloudcerts/web\`) normalizes one body of ${int(r.opts.memoryCerts)} certificates, in both`,
    'shapes of section 3, each in a fresh process (`bench/memory-child.mjs`): `initSync()` returns the wasm exports, `memory` among them,',
    'and a wasm memory never shrinks, so `memory.buffer.byteLength` after the call is the peak. The goal (issue 15, item 5): at most 3× the',
    'body\'s UTF-8 bytes for every provider. Volcengine Live lists only the certificates that have an issued certificate (83,010 of',
    '100,000).' +
      (cert.length
        ? ` Certificate Center's records carry PEM chains (7–9 KB each): ${int(r.opts.memoryCerts)} of them are longer than the longest string V8 holds ` +
          `(${int(MAX_STRING)} UTF-16 units), so its body is the longest prefix of the account's list that fits: ${cert.map((m) => `${int(m.count)} certificates (${m.shape})`).join(', ')}.`
        : ''),
    'Memory is deterministic for a given body: one run each (so the times are single measurements, of a first call on a fresh instance).',
    '',
  );
  const rows = [];
  for (const p of P) {
    for (const shape of SHAPES) {
      const m = byShape[shape]?.[p];
      if (!m) continue;
      const label = shape === SHAPES.find((sh) => byShape[sh]?.[p]) ? p : '';
      if (m.error) {
        rows.push([label, shape, '', '', '', m.error, '', '']);
        continue;
      }
      rows.push([label, shape, `${int(m.count)}${m.fitted ? ' (fits)' : ''}`, `${int(m.bodyBytes)} B (${mb(m.bodyBytes)})`, `${int(m.peak)} B (${mb(m.peak)})`, `**${num(m.peak / m.bodyBytes)}×**`, `${num(m.ms / 1000)} s (${int((m.count / m.ms) * 1000)} cert/s)`, mb(m.maxRssBytes)]);
    }
  }
  const measured = SHAPES.flatMap((sh) => P.map((p) => byShape[sh]?.[p])).filter((m) => m && !m.error);
  const over = measured.map((m) => m.peak - m.bodyBytes);
  out.push(table(['provider', 'shape', 'certificates', 'response body (UTF-8)', 'peak wasm memory', 'peak ÷ body', 'first call on a fresh instance', 'process max RSS'], rows), '');
  const again = SHAPES.flatMap((sh) => P.map((p) => byShape[sh]?.[p])).find((m) => m && m.secondMs !== undefined);
  if (again) {
    out.push(
      `A second call on the same ${again.provider} instance (memory already ${mb(again.peak)}) took ${num(again.secondMs / 1000)} s instead of ${num(again.ms / 1000)} s`,
      `(${int((again.count / again.secondMs) * 1000)} cert/s), and left the memory at ${mb(again.peakAfterSecond)}: part of a first call's time is growing a fresh instance's memory.`,
      '',
    );
  }
  out.push(
    'Where the peak comes from (from the code, commit b3993f4): the body is encoded with `TextEncoder` and copied into wasm memory at its',
    'exact UTF-8 size (before, the glue reserved three bytes per UTF-16 unit for any text with a non-ASCII character); the records are',
    'read in one pass, each turned into its certificate as soon as it is read and written as JSON into a piece that is handed to',
    'JavaScript every 1 MiB, so wasm memory holds the body, the record being read, at most one piece, and for `raw` the span of each',
    'record in the body (16 bytes a certificate) and the paths of any private keys to remove (before, a `Vec` of every certificate and',
    'their whole JSON text). `raw` itself is parsed from the record\'s text in the caller\'s JavaScript string on first read, in the',
    'JavaScript heap (commit 2b48d09).' +
      (measured.length ? ` Measured, the peak exceeds the body by ${num(Math.min(...over) / 1e6)}–${num(Math.max(...over) / 1e6)} MB (baseline of a fresh instance included).` : ''),
    'The process max RSS also counts the body string, its UTF-8 copy, the certificates and building the body. Wasm memory is never',
    'returned to the system: an instance that once normalized a large body keeps that much.',
    '',
  );
  return out.join('\n');
}

// ------------------------------------------------------------------ findings

/** A sentence on the listings where the library was not faster than the naive pager. */
function slower(runs) {
  const list = ORDER.filter((p) => median(runs.map((run) => run.naive[p].ms / run.lib[p].ms)) < 1);
  if (!list.length) return '';
  const detail = list.map(
    (p) =>
      `${p}: library requests ${mmm(spacing(runs, p), '', x)} 1/rate apart with ${mmm(s(runs.map((run) => run.lib[p].retries)), '', int)} retries, ` +
      `naive ones exactly 1/rate apart with ${mmm(s(runs.map((run) => run.naive[p].throttled)), '', int)} throttled and retried at its next slot`,
  );
  return `The library was slower than the naive pager for ${list.join(', ')} — rate-bound listings where only the spacing counts (${detail.join('; ')}). `;
}

/**
 * How far normalization alone keeps Tencent SSL's listing from 5×: the library normalizes every
 * page in wasm, and section 3 timed that on one 10,000-certificate body.
 */
function normalizeBound(r, runs) {
  // The sandbox the inventory lists serves the thin records.
  const n = r.normalize?.thin?.['tencent-ssl'];
  if (!n) return '';
  const normMs = median(n.samples.lib);
  const naiveMs = median(runs.map((run) => run.naive['tencent-ssl'].ms));
  return (
    `Normalizing Tencent SSL's 10,000 certificates alone takes ${int(normMs)} ms in Node (section 3), while 5× the sequential pager ` +
    `(${int(naiveMs)} ms) would leave ${int(naiveMs / 5)} ms for the whole listing: with the normalization of today, even free pages ` +
    `would give about ${x(naiveMs / (normMs + LATENCY_MS))} at best (the first page's latency, then normalizing, which runs on JavaScript's one thread). `
  );
}

function findings(r) {
  const out = ['## Findings for the lead', ''];
  let n = 1;
  const add = (text) => out.push(`${n++}. ${text}`);
  if (r.size?.variants?.full) {
    const v = r.size.variants;
    const d = r.size.downloads;
    const f64 = r.size.attribution?.topItems.find((i) => /<f64 as core::fmt::Display>::fmt/.test(i.name))?.raw;
    add(
      (d
        ? `**Size: a page that runs \`inventory\` downloads ${kb(d.inventory.gzip)} gzipped against a goal of 100 KB; the inspector adds ${kb(d.inspector.gzip)} and \`cloudcerts/sign\` is ${kb(d.sign.gzip)}, against 50 KB each.** `
        : `**Size: the main module is ${kb(r.size.published.budgeted.gzip)} gzipped (wasm + glue).** `) +
        `The async client is ` +
        `${kb(v.full.budgeted.gzip - v['no-client'].budgeted.gzip)} of the main module; signRequest + normalizeResponse alone are ${kb(v['no-client'].budgeted.gzip)}, ` +
        `signRequest alone ${kb(v['sign-only'].budgeted.gzip)}, normalizeResponse alone ${kb(v['normalize-only'].budgeted.gzip)}. ` +
        `Biggest shared costs: formatting (${int(group(r, 'core::fmt (formatting)'))} B raw${f64 ? `, ${int(f64)} B of it \`f64\` Display` : ''}), serde_json + serde ` +
        `(${int(group(r, 'serde_json') + group(r, 'serde (core impls)'))} B raw), sorting (${int(group(r, 'core::slice::sort'))} B raw), text in the data section ` +
        `(${int(group(r, 'data: text (messages, names, tables of strings)'))} B raw). Details and levers in section 1.`,
    );
  }
  if (r.sign) {
    const q = (p) => median(ratios(r.sign[p].ours, r.sign[p].sdk));
    const e = (p) => (r.sign[p].entry?.length ? median(ratios(r.sign[p].entry, r.sign[p].sdk)) : NaN);
    const list = (f) => P.map((p) => `${p} ${x(f(p))}`).join(', ');
    const hasEntry = P.every((p) => r.sign[p].entry?.length);
    add(
      `**Signing**, ours ÷ the official SDK's rate: ${list(q)} (the main module, built for size)` +
        (hasEntry ? `; through \`cloudcerts/sign\` (the signing module, built for speed): ${list(e)}` : '') +
        '. Volcengine\'s SDK hashes in JavaScript; the Tencent, legacy and Qiniu SDKs call Node\'s OpenSSL. ' +
        'A call of ours takes ' + P.map((p) => `${num(1e6 / median(r.sign[p].ours))} µs (${p})`).join(', ') + ' in the main module: hashing in wasm against ' +
        'OpenSSL (TC3 is four HMAC-SHA256 and two SHA-256 per request), URL normalization and checks, and one string across the boundary each way ' +
        '(section 17 splits a call into its parts).' +
        (P.every((p) => chromiumVsJs(r.sign[p]))
          ? ' In Chromium, ours ÷ the faster plain JS signer of the same scheme (WebCrypto or @noble/hashes, both checked against ours): ' +
            P.map((p) => {
              const c = chromiumVsJs(r.sign[p]);
              return `${p} ${x(c.ratio.median)} (${JS_NAME[c.fastest]})`;
            }).join(', ') +
            ' against a goal of 2×.'
          : ''),
    );
  }
  if (r.normalize) {
    const shapes = shapesOf(r);
    const rows = shapes.flatMap((sh) => P.map((p) => ({ p: `${p} (${sh})`, b: breakdown(r.normalize[sh][p].samples, r.normalize[sh][p].lazyRaw) })));
    const range = (sh, engine) => {
      const q = P.map((p) => engine[sh]?.[p]).filter(Boolean).map((m) => median(ratios(m.samples.js, m.samples.lib)));
      return q.length ? `${num(Math.min(...q))}–${num(Math.max(...q))}×` : 'n/a';
    };
    const over = rows.filter(({ b }) => b.wasmParse.median + b.rawInJs.median > b.jsTotal.median).map(({ p }) => p);
    const lazy = shapes.every((sh) => P.every((p) => r.normalize[sh][p].lazyRaw));
    const audits = rawAudits(r);
    const auditShare = audits.map(({ a }) => a.readMs / a.callMs);
    add(
      `**Normalization** runs at ${shapes.map((sh) => `${range(sh, r.normalize)} (${SHAPE_WHAT[sh]})`).join(' and ')} the plain JavaScript normalizer's rate in Node` +
        (r.chromium?.normalize ? `, ${shapes.map((sh) => `${range(sh, r.chromium.normalize)} (${SHAPE_WHAT[sh]})`).join(' and ')} in Chromium` : '') +
        ' (section 3), against a goal of 1.5×. Of a call in Node, ' +
        `normalize + hand over takes ${num(Math.min(...rows.map(({ b }) => b.normalizeSerialize.median / b.total.median)) * 100)}–` +
        `${num(Math.max(...rows.map(({ b }) => b.normalizeSerialize.median / b.total.median)) * 100)}% and reading the body in wasm ` +
        `${num(Math.min(...rows.map(({ b }) => b.wasmParse.median / b.total.median)) * 100)}–${num(Math.max(...rows.map(({ b }) => b.wasmParse.median / b.total.median)) * 100)}%. ` +
        (lazy
          ? `\`raw\` is read lazily: each certificate's \`raw\` parses its record's own text on first read, so the call does not pay for it (no record parsed in the call, counted in both engines)` +
            (audits.length ? `; reading every \`raw\` afterwards takes ${num(Math.min(...auditShare) * 100)}–${num(Math.max(...auditShare) * 100)}% of the call's time (section 3). ` : '. ')
          : '`raw` comes from the engine\'s own `JSON.parse` (section 9) and the wasm reads each record only for the fields the model needs (section 11), ' +
            'but the body is still parsed twice: once in wasm for the fields, once in JavaScript for `raw`. ' +
            `${over.length ? `For ${over.join(', ')}, those two parses alone already take longer than the whole JS normalizer. ` : ''}`) +
        'The call is one pass: each record is read, normalized and written at once onto a tape of words and strings, handed to JavaScript in ' +
        '1 MiB pieces and built into objects there (section 20; strings the body holds as they are are sliced from the body\'s own string, ' +
        'section 21); the body goes in as its UTF-8 bytes (`TextEncoder.encodeInto`, straight into wasm memory) and is read as text in wasm ' +
        '(cheaper than reading the fields from JavaScript\'s parse, section 14).',
    );
  }
  if (r.inventory) {
    const runs = r.inventory.runs;
    const invBound = Math.max(...ORDER.map(boundMs));
    const tails = s(runs.map((run) => run.inventory.tailMs));
    const retries = s(runs.map((run) => run.inventory.accounts.reduce((t, a) => t + a.retries, 0)));
    add(
      `**Inventory** of 5 × 10,000 certificates took ${mmm(s(runs.map((run) => run.inventory.ms)), 's', (v) => num(v / 1000))} against a bound of ${sec(invBound)} ` +
        `(Qiniu: 100 pages at 5/s). Qiniu's own listing took ${mmm(s(runs.map((run) => run.lib.qiniu.ms)), 's', (v) => num(v / 1000))} ` +
        `(its requests ${mmm(spacing(runs, 'qiniu'), '', x)} 1/rate apart, ${mmm(s(runs.map((run) => run.lib.qiniu.retries)), '', int)} retries); ` +
        `the inventory then ends with a **tail** of ${mmm(tails, 'ms', int)} from the last page to the resolved promise — merging by id and collecting ` +
        `~${int(runs[0].inventory.count)} certificates that were handed to JavaScript page by page while the listing waited on the rate limits (${mmm(retries, '', int)} retries over all five accounts). ` +
        'Tails of the short listings: ' +
        ['tencent-ssl', 'volcengine-cert'].map((p) => `${p} ${mmm(s(runs.map((run) => run.lib[p].tailMs)), 'ms', int)} against a ${sec(boundMs(p))} bound`).join(', ') +
        '.',
    );
    add(
      '**"≥ 5× faster than sequential"**: where paging is rate-bound (legacy, Certificate Center, Qiniu: 100 requests at 5–20/s) no ' +
        'client that respects the limits can be much faster than a sequential pager that does (ceiling ≈ 1, section 4). Where a listing ' +
        'fits in one rate window (Tencent SSL: 10 pages at 10/s; Live: 4 requests) the ceiling is ' +
        ['tencent-ssl', 'volcengine-live'].map((p) => `${x(sequentialFloorMs(p) / windowFloorMs(p))} (${p})`).join(' and ') +
        ', and the library falls short of 5× ' +
        'because its pages are not free: Tencent SSL\'s 1,000-certificate pages (1.8 MB each) are generated by the sandbox, sent through ' +
        'the proxy and normalized on the same 2 cores, four at a time (`concurrency` 4). Measured: ' +
        PARALLEL.map((p) => `${p} ${x(median(runs.map((run) => run.naive[p].ms / run.lib[p].ms)))}`).join(', ') +
        `, inventory ${x(median(runs.map((run) => run.naiveInventoryMs / run.inventory.ms)))}. ` +
        normalizeBound(r, runs) +
        slower(runs) +
        'If Qiniu accepts `limit=1000` (the sandbox does; its documentation names only the default 100), the inventory\'s ' +
        `critical path shrinks from ~20 s to the next slowest account (diagnostic: ${sec(r.inventory.diagnostics?.qiniu1000?.ms ?? NaN)} for Qiniu alone).`,
    );
  }
  if (r.memory) {
    const byShape = memoryByShape(r);
    const ms = SHAPES.flatMap((sh) => P.map((p) => byShape[sh]?.[p])).filter((m) => m && !m.error);
    if (ms.length) {
      const mult = ms.map((m) => m.peak / m.bodyBytes);
      const worst = ms.reduce((a, b) => (b.peak / b.bodyBytes > a.peak / a.bodyBytes ? b : a));
      const big = ms.reduce((a, b) => (b.peak > a.peak ? b : a));
      add(
        `**Memory**: normalizing one body of ${int(r.opts.memoryCerts)} certificates peaks at ${num(Math.min(...mult))}–${num(Math.max(...mult))}× its UTF-8 size in wasm linear memory ` +
          `(the most: ${worst.provider}, ${worst.shape}; the largest: ${big.provider}, ${big.shape}, ${int(big.count)} certificates, ${mb(big.bodyBytes)} body, ${mb(big.peak)} peak), against a goal of 3×: ` +
          'the body is copied in at its exact UTF-8 size and each certificate leaves wasm, on the tape in 1 MiB pieces, as soon as its record is read (sections 20, 21); ' +
          '`raw` stays in the caller\'s string until read (2b48d09). Wasm memory is never returned: an instance keeps its peak.',
      );
    }
  }
  out.push('');
  return out.join('\n');
}

export function report(r) {
  const parts = [firstScreen(r), machineSection(r), findings(r)];
  if (r.size) parts.push(sizeSection(r));
  if (r.sign) parts.push(signSection(r));
  if (r.normalize) parts.push(normalizeSection(r));
  if (r.inventory) parts.push(inventorySection(r));
  if (r.memory) parts.push(memorySection(r));
  // Sections measured by hand or by a partial run since (bench/notes/*.md), kept verbatim.
  const notes = new URL('./notes/', import.meta.url);
  for (const name of readdirSync(notes).filter((n) => n.endsWith('.md')).sort()) {
    parts.push(readFileSync(new URL(name, notes), 'utf8'));
  }
  return `${parts.join('\n')}\n`;
}
