// The JavaScript half of crates/wasm/src/certificates.rs (its documentation describes the tape):
// certificates built from a tape of words and a heap of strings, each `raw` an own, enumerable
// accessor that parses its record's own text (a slice of the body) on first read and keeps it.

// The enums' spellings, in the order of certificates.rs's indices (a Rust test pins them).
const PROVIDERS = ["tencent-ssl", "tencent-legacy", "volcengine-live", "volcengine-cert", "qiniu", "tencent-dns", "volcengine-dns"];
const STATUSES = ["active", "expiring", "expired", "pending", "failed", "revoked", "cancelled", "disabled", "unknown"];
const VALIDATIONS = ["dv", "ov", "ev"];
const SOURCES = ["upload", "purchased", "free", "test"];

// The flags, as in certificates.rs.
const NAME = 1;
const COMMON_NAME = 1 << 1;
const NOT_BEFORE = 1 << 2;
const NOT_AFTER = 1 << 3;
const DAYS_REMAINING = 1 << 4;
const VENDOR_STATUS = 1 << 5;
const VENDOR_STATUS_TEXT = 1 << 6;
const ISSUER = 1 << 7;
const VALIDATION = 1 << 8;
const WILDCARD = 1 << 9;
const SOURCE = 1 << 10;
const CHAIN_ID = 1 << 11;
const REPLACED_BY = 1 << 12;
const REPLACES = 1 << 13;
const FINGERPRINT = 1 << 14;
const SERIAL = 1 << 15;
const KEY_ALGORITHM = 1 << 16;
const TAGS = 1 << 17;
const PROJECT = 1 << 18;
const BOUND_RESOURCES = 1 << 19;
const WARNINGS = 1 << 20;
const RAW_SPAN = 1 << 21;
const RAW_JSON = 1 << 22;
const NONE = 0xffffffff;
// A string's start with this bit set is an offset in the body (certificates.rs's IN_BODY).
const IN_BODY = 0x80000000;

// Where each certificate's record is, in a WeakMap, never on the certificate itself. One getter
// and one setter serve every certificate, so they all keep one hidden class.
const records = new WeakMap();

function readRaw() {
  const at = records.get(this);
  if (at === undefined) return undefined;
  if (at.text !== undefined) {
    // The wasm read this text as JSON, which JSON.parse accepts too; null if it ever did not,
    // rather than a getter that throws inside JSON.stringify or structuredClone.
    try {
      at.value = JSON.parse(at.text.slice(at.start, at.end));
    } catch {
      at.value = null;
    }
    // Removals that did not cross whole: nothing of the record, rather than a key.
    if (at.removals === null) at.value = null;
    else if (at.removals !== undefined) for (const path of at.removals) remove(at.value, path);
    at.text = undefined;
    at.removals = undefined;
  }
  return at.value;
}

function writeRaw(value) {
  records.set(this, { value, text: undefined, start: 0, end: 0, removals: undefined });
}

const RAW = { get: readRaw, set: writeRaw, enumerable: true, configurable: true };

// Deletes the member, or splices out the element, at `path` (keys and indices, as the core's
// `Step`s cross) inside `value`: the private keys the core found, in the order it gave.
function remove(value, path) {
  let parent = value;
  for (let i = 0; i + 1 < path.length; i++) {
    if (typeof parent !== "object" || parent === null) return;
    parent = parent[path[i]];
  }
  if (typeof parent !== "object" || parent === null || path.length === 0) return;
  const last = path[path.length - 1];
  if (typeof last === "number") {
    if (Array.isArray(parent)) parent.splice(last, 1);
  } else {
    delete parent[last];
  }
}

// A member named like anything, as JSON.parse makes it: an own data property, never an
// assignment (which would set the prototype for `__proto__`, call a setter someone put on
// Object.prototype, or throw for `toString` where the intrinsics are frozen).
function put(object, key, value) {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

export function cc_build(list, heap, words, body, removals) {
  const paths = removals === "" ? [] : JSON.parse(removals);
  let i = 0;
  // A string is a range of the heap, or of the body when its start has IN_BODY set.
  const text = () => {
    const start = words[i];
    const s = start >= IN_BODY ? body.slice(start - IN_BODY, words[i + 1]) : heap.slice(start, words[i + 1]);
    i += 2;
    return s;
  };
  const texts = () => {
    const n = words[i++];
    const out = [];
    for (let k = 0; k < n; k++) out.push(text());
    return out;
  };
  while (i < words.length) {
    const flags = words[i];
    const status = STATUSES[words[i + 2]];
    const c = { provider: PROVIDERS[words[i + 1]], account: "", id: "" };
    i += 3;
    c.account = text();
    c.id = text();
    if (flags & NAME) c.name = text();
    if (flags & COMMON_NAME) c.commonName = text();
    c.domains = texts();
    if (flags & NOT_BEFORE) c.notBefore = text();
    if (flags & NOT_AFTER) c.notAfter = text();
    if (flags & DAYS_REMAINING) c.daysRemaining = words[i++] | 0;
    c.status = status;
    if (flags & VENDOR_STATUS) c.vendorStatus = text();
    if (flags & VENDOR_STATUS_TEXT) c.vendorStatusText = text();
    if (flags & ISSUER) c.issuer = text();
    if (flags & VALIDATION) c.validation = VALIDATIONS[words[i++]];
    c.wildcard = (flags & WILDCARD) !== 0;
    if (flags & SOURCE) c.source = SOURCES[words[i++]];
    if (flags & CHAIN_ID) c.chainId = text();
    if (flags & REPLACED_BY) c.replacedBy = text();
    if (flags & REPLACES) c.replaces = text();
    if (flags & FINGERPRINT) c.fingerprintSha256 = text();
    if (flags & SERIAL) c.serialNumber = text();
    if (flags & KEY_ALGORITHM) c.keyAlgorithm = text();
    if (flags & TAGS) {
      const n = words[i++];
      const tags = {};
      for (let k = 0; k < n; k++) {
        const key = text();
        put(tags, key, text());
      }
      c.tags = tags;
    }
    if (flags & PROJECT) c.project = text();
    if (flags & BOUND_RESOURCES) c.boundResources = texts();
    if (flags & WARNINGS) c.warnings = texts();
    if (flags & RAW_SPAN) {
      Object.defineProperty(c, "raw", RAW);
      const r = words[i + 2];
      records.set(c, {
        value: undefined, text: body, start: words[i], end: words[i + 1],
        removals: r === NONE ? undefined : Array.isArray(paths[r]) ? paths[r] : null,
      });
      i += 3;
    } else if (flags & RAW_JSON) {
      c.raw = JSON.parse(text());
    } else {
      c.raw = null;
    }
    list.push(c);
  }
}
