// The input crossing, measured (BENCHMARKS.md §14): how the wasm gets the fields of a body's
// records. The package copies the body's text into wasm and reads it there with serde_json
// (`records::read`); JavaScript parses the same body again for `raw`. The alternative reads the
// fields from the objects of that JavaScript parse, by name, through `js_sys`, so that the body is
// parsed once. Private keys in the members that are not read must still be found: through
// `js_sys` as well, or by a walk in JavaScript (timed on its own). In Node, on the
// 10,000-certificate bodies of section 3; each way interleaved, the first rotating.
//
//   node bench/crossing-in.mjs [--samples N]      prints a markdown table

import { isDeepStrictEqual } from 'node:util';
import { buildCrossing } from './crossing/build.mjs';
import { buildBody } from './lib/bodies.mjs';
import { summary, mmm, num, table } from './lib/stats.mjs';

const samples = Number(process.argv[process.argv.indexOf('--samples') + 1]) || 7;
const m = buildCrossing();

// src/vendors/redact.rs: the names compared case-insensitively, and the PEM test.
const PRIVATE_KEY_NAMES = new Set(['private_key', 'encrypt_key', 'pri', 'certificateprivatekey', 'privatekey']);
const isPem = (s) => s.length >= 26 && s.includes('-----BEGIN') && s.includes('PRIVATE KEY-----');
function walk(value, found) {
  if (typeof value === 'string') {
    if (isPem(value)) found.n++;
  } else if (Array.isArray(value)) {
    for (const item of value) walk(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (PRIVATE_KEY_NAMES.has(key.toLowerCase())) found.n++;
      else walk(value[key], found);
    }
  }
}
/** The private keys outside the kept fields of every record, found in JavaScript (their number). */
function scanInJs(records, kept) {
  const found = { n: 0 };
  for (const record of records) {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) continue;
    for (const key of Object.keys(record)) {
      if (kept.has(key)) continue;
      if (PRIVATE_KEY_NAMES.has(key.toLowerCase())) found.n++;
      else walk(record[key], found);
    }
  }
  return found.n;
}

const MAX_REPLACER = 200;
/**
 * The bench bodies hold no private keys outside the kept fields, so the ways are also compared on
 * a copy whose first records carry some (by name, nested, and as PEM text in an array): the same
 * paths from the text and from the parse, and the same number from the JavaScript walk.
 */
function checkPrivateKeys(provider, parsed, kept) {
  const copy = structuredClone(parsed);
  const records = LIST[provider].reduce((v, k) => v[k], copy);
  const pem = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA\n-----END EC PRIVATE KEY-----';
  records.slice(0, 3).forEach((r, i) => Object.assign(r, { Pri: `k${i}`, BenchExtra: { private_key: 'k', list: ['a', pem], deep: [{ EncryptKey: 'x', Encrypt_Key: 'y' }] } }));
  const text = JSON.parse(m.readTextJson(provider, JSON.stringify(copy)));
  const fromParse = JSON.parse(m.readParsedJson(provider, copy));
  if (!isDeepStrictEqual(text, fromParse)) throw new Error(`${provider}: the two reads differ on private keys`);
  const outside = text.reduce((n, r) => n + (r.privateKeys ?? []).filter((path) => !kept.has(path[0])).length, 0);
  if (outside !== 12 || scanInJs(records, kept) !== outside) throw new Error(`${provider}: private keys outside the kept fields: ${outside}, JavaScript walk ${scanInJs(records, kept)}`);
}

const LIST = { 'tencent-ssl': ['Response', 'Certificates'], 'tencent-legacy': ['data', 'list'], 'volcengine-live': ['Result', 'CertList'], 'volcengine-cert': ['Result', 'content'], qiniu: ['certs'] };
const time = (f) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

const rows = [];
for (const provider of Object.keys(LIST)) {
  const { body, count } = buildBody(provider, 10_000);
  const parsed = JSON.parse(body);
  const records = LIST[provider].reduce((v, k) => v[k], parsed);
  const kept = new Set(JSON.parse(m.fieldsOf(provider)));
  const a = JSON.parse(m.readTextJson(provider, body));
  const b = JSON.parse(m.readParsedJson(provider, parsed));
  if (!isDeepStrictEqual(a, b)) throw new Error(`${provider}: the two reads differ`);
  checkPrivateKeys(provider, parsed, kept);
  // The third way: JavaScript's own `JSON.stringify` with a replacer list keeps only the named
  // members (at every depth, so the list also names the envelope's path and every member nested
  // in a kept field), and the wasm reads that shorter text.
  const nested = new Set();
  const collect = (v) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) nested.add(k), collect(v[k]);
  };
  for (const r of records) for (const f of kept) if (r && typeof r === 'object') collect(r[f]);
  const replacer = [...new Set([...LIST[provider], ...kept, ...nested])];
  // A long list makes `JSON.stringify` slow beyond use (a lookup per member): Certificate
  // Center's nested members gave a list of 10,636 names and 50 s per body; not timed then.
  const pickable = replacer.length <= MAX_REPLACER;
  const picked = pickable ? JSON.stringify(parsed, replacer) : '';
  if (pickable) {
    const c = JSON.parse(m.readTextJson(provider, picked));
    if (!isDeepStrictEqual(a.map((r) => r.fields), c.map((r) => r.fields))) throw new Error(`${provider}: the picked read differs`);
  }
  const ways = {
    ...(pickable ? { picked: () => m.readText(provider, JSON.stringify(parsed, replacer)) } : {}),
    jsonParse: () => JSON.parse(body),
    text: () => m.readText(provider, body),
    parsedFields: () => m.readParsed(provider, parsed, false),
    parsedScan: () => m.readParsed(provider, parsed, true),
    jsScan: () => scanInJs(records, kept),
  };
  const names = Object.keys(ways);
  names.forEach((w) => ways[w]());
  const t = Object.fromEntries(names.map((w) => [w, []]));
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < names.length; k++) {
      const w = names[(s + k) % names.length];
      t[w].push(time(ways[w]));
    }
  }
  const ratio = (f) => summary(t.text.map((x, i) => f(i) / x));
  rows.push([
    provider,
    String(count),
    mmm(summary(t.jsonParse), 'ms'),
    mmm(summary(t.text), 'ms'),
    mmm(summary(t.parsedFields), 'ms'),
    mmm(summary(t.parsedScan), 'ms'),
    mmm(summary(t.jsScan), 'ms'),
    `**${mmm(ratio((i) => t.parsedScan[i]), '', (v) => `${num(v)}×`)}**`,
    `**${mmm(ratio((i) => t.parsedFields[i] + t.jsScan[i]), '', (v) => `${num(v)}×`)}**`,
    pickable ? `${mmm(summary(t.picked), 'ms')} (${((100 * picked.length) / body.length).toFixed(0)}% of the body)` : `not timed: ${replacer.length} names`,
    pickable ? `**${mmm(ratio((i) => t.picked[i] + t.jsScan[i]), '', (v) => `${num(v)}×`)}**` : '',
  ]);
  process.stderr.write(`${provider} done\n`);
}
console.log(`Node ${process.version}, ${samples} samples per way, ways interleaved (the first rotates).\n`);
console.log(
  table(
    ['body', 'records', 'JSON.parse (for raw; both ways)', 'text read in wasm (the package)', 'from the parse: fields only', 'from the parse: fields + private keys via js_sys', 'private keys: walk in JavaScript', 'fields + keys via js_sys ÷ text', '(fields via js_sys + JS walk) ÷ text', 'JSON.stringify of the kept members, read in wasm', '(that + JS walk) ÷ text'],
    rows,
  ),
);
