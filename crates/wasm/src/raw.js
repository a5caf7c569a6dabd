// The JavaScript half of crates/wasm/src/raw.rs: `raw` as an own, enumerable accessor that
// parses the record's own text (a slice of the body) on first read and keeps what it read.
// One getter and one setter serve every certificate (so they all keep one hidden class); where
// each record is lives in a WeakMap, never on the certificate itself.
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

// Deletes the member, or splices out the element, at `path` (keys and indices, as the core's
// `redact::Step`s cross) inside `value`: the private keys the core found, in the order it gave.
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

const RAW = { get: readRaw, set: writeRaw, enumerable: true, configurable: true };

// `spans` holds quadruples: the certificate's index in `certificates`, the start and end of its
// record in `text` in UTF-16 code units, and the index in `removals` (JSON text of a list) of
// the paths of the private keys to remove from it, or NONE. `raw` is the last member each
// certificate was written with, so deleting it first keeps the object's shape a fast one.
const NONE = 0xffffffff;
export function cc_lazy_raw(certificates, text, spans, removals) {
  const paths = removals === "" ? [] : JSON.parse(removals);
  for (let k = 0; k + 3 < spans.length; k += 4) {
    const certificate = certificates[spans[k]];
    if (typeof certificate !== "object" || certificate === null) continue;
    delete certificate.raw;
    Object.defineProperty(certificate, "raw", RAW);
    const r = spans[k + 3];
    records.set(certificate, {
      value: undefined, text, start: spans[k + 1], end: spans[k + 2],
      removals: r === NONE ? undefined : Array.isArray(paths[r]) ? paths[r] : null,
    });
  }
}
