// The ways of the input-crossing experiment (bench/crossing-in.mjs, BENCHMARKS.md §14), with no
// Node or browser API, so that Node and the Chromium page run the same code. `m` is the crossing
// crate's exports (bench/crossing/src/lib.rs).

import { interleaved } from './interleave.mjs';

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
 * Whether two JSON texts hold the same value: the same text, or the same once numbers are written
 * as `JSON.parse` reads them (`1.0` and `1` alike). The texts are compared first: parsing the
 * records of a 92 MB body again costs the page more memory than it has.
 */
const sameJson = (a, b) => a === b || JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));

/**
 * The bench bodies hold no private keys outside the kept fields, so the ways are also compared on
 * a copy whose first records carry some (by name, nested, and as PEM text in an array): the same
 * paths from the text and from the parse, and the same number from the JavaScript walk.
 */
function checkPrivateKeys(m, provider, parsed, kept, path) {
  // The first three records, copied into an envelope of their own.
  const first = JSON.parse(JSON.stringify(path.reduce((v, k) => v[k], parsed).slice(0, 3)));
  const copy = path.reduceRight((inner, key) => ({ [key]: inner }), first);
  const records = path.reduce((v, k) => v[k], copy);
  const pem = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA\n-----END EC PRIVATE KEY-----';
  records.slice(0, 3).forEach((r, i) => Object.assign(r, { Pri: `k${i}`, BenchExtra: { private_key: 'k', list: ['a', pem], deep: [{ EncryptKey: 'x', Encrypt_Key: 'y' }] } }));
  const text = m.readTextJson(provider, JSON.stringify(copy));
  if (!sameJson(text, m.readParsedJson(provider, copy))) throw new Error(`${provider}: the two reads differ on private keys`);
  const outside = JSON.parse(text).reduce((n, r) => n + (r.privateKeys ?? []).filter((path) => !kept.has(path[0])).length, 0);
  if (outside !== 12 || scanInJs(records, kept) !== outside) throw new Error(`${provider}: private keys outside the kept fields: ${outside}, JavaScript walk ${scanInJs(records, kept)}`);
}

/**
 * One body's ways, checked to agree before they are timed. `step(s)` times each way once (the
 * first way rotates with `s`) and returns {way: ms}.
 */
export function createInputBench(m, provider, body) {
  const parsed = JSON.parse(body);
  // The vendor module's own list path and record fields (src/vendors), from the crate.
  const path = JSON.parse(m.listPathOf(provider));
  const records = path.reduce((v, k) => v[k], parsed);
  const kept = new Set(JSON.parse(m.fieldsOf(provider)));
  const textJson = m.readTextJson(provider, body);
  if (!sameJson(textJson, m.readParsedJson(provider, parsed))) throw new Error(`${provider}: the two reads differ`);
  checkPrivateKeys(m, provider, parsed, kept, path);
  // The third way: JavaScript's own `JSON.stringify` with a replacer list keeps only the named
  // members (at every depth, so the list also names the envelope's path and every member nested
  // in a kept field), and the wasm reads that shorter text.
  const nested = new Set();
  const collect = (v) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) nested.add(k), collect(v[k]);
  };
  for (const r of records) for (const f of kept) if (r && typeof r === 'object') collect(r[f]);
  const replacer = [...new Set([...path, ...kept, ...nested])];
  // A long list makes `JSON.stringify` slow beyond use (a lookup per member): Certificate
  // Center's nested members gave a list of 10,636 names and 50 s per body; not timed then.
  const pickable = replacer.length <= MAX_REPLACER;
  const picked = pickable ? JSON.stringify(parsed, replacer) : '';
  if (pickable) {
    const fields = (text) => JSON.stringify(JSON.parse(text).map((r) => r.fields));
    if (fields(textJson) !== fields(m.readTextJson(provider, picked))) throw new Error(`${provider}: the picked read differs`);
  }
  const ways = {
    ...(pickable ? { picked: () => m.readText(provider, JSON.stringify(parsed, replacer)) } : {}),
    jsonParse: () => JSON.parse(body),
    text: () => m.readText(provider, body),
    parsedFields: () => m.readParsed(provider, parsed, false),
    parsedScan: () => m.readParsed(provider, parsed, true),
    jsScan: () => scanInJs(records, kept),
  };
  Object.values(ways).forEach((way) => way());
  return {
    count: records.length,
    pickedShare: pickable ? picked.length / body.length : null,
    replacerNames: replacer.length,
    step: interleaved(ways),
  };
}
