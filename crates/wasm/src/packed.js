// The JavaScript half of crates/wasm/src/packed.rs (its documentation describes both formats):
// signRequest's arguments read into one string, and its result split back into an object.
//
// This is signRequest's only way in. It reads each member the model declares exactly once, as
// crates/wasm/src/read.rs reads the other exports' arguments (an object's member or a Map's entry,
// own enumerable keys for the headers or a Map's entries, `undefined` and `null` absent, a getter
// that throws caught), and checks only JavaScript types: a member of the wrong type, one that
// cannot be read, or a required one that is missing makes it write a refusal instead (the
// member's path and what was wrong, as codes), from which Rust writes the error. Every message
// and every other check is Rust's (cloudcerts::sign, and `KINDS` in read.rs for the names of the
// types).
//
// Two calls: cc_pack_sign reads everything (every getter of the caller runs in it) and returns
// the packed string; the body and the context's numbers wait here until cc_pack_sign_rest hands
// them over, into a view of wasm memory made for that call (a getter that called into the module
// may have grown its memory, which detaches views made before).

// Array.isArray throws for a revoked Proxy: such a value is read as an object, whose members then
// cannot be read (as read.rs does).
function isArray(v) {
  try { return Array.isArray(v); } catch { return false; }
}
function isMap(v) {
  try { return v instanceof Map; } catch { return false; }
}
// What a value is, as one letter of `KINDS` (crates/wasm/src/read.rs).
function kind(v) {
  switch (typeof v) {
    case "undefined": return "u";
    case "boolean": return "b";
    case "number": return Number.isNaN(v) ? "N" : Number.isFinite(v) ? "n" : "I";
    case "string": return "s";
    case "bigint": return "B";
    case "symbol": return "y";
    case "function": return "f";
    default:
      if (v === null) return "z";
      if (isArray(v)) return "a";
      return isMap(v) ? "M" : "o";
  }
}
// A refusal: `path` names the member, `problem` is `t` + expected + kind (wrong type: `o` an
// object, `s` a string, `f` a finite number), `r` (could not be read) or `m` (missing). Thrown as
// the one REFUSED object and told apart by identity, so that nothing the caller threw (a Proxy
// whose traps throw) is looked at.
const REFUSED = {};
let refusal = "";
function refuse(path, problem) {
  refusal = "\x01" + path + "\0" + problem;
  return REFUSED;
}
// `value` checked to be an object members can be read from (not an array, not a function):
// whether it is a Map. `first` names the member read first: read.rs asks `instanceof Map` as it
// reads each member, so a Proxy whose prototype cannot be read makes that member unreadable.
function object(value, path, first) {
  const k = kind(value);
  if (k !== "o" && k !== "M") throw refuse(path, "to" + k);
  try {
    return value instanceof Map;
  } catch {
    throw refuse(first ? path + "." + first : path, "r");
  }
}
// A NUL inside a field is written NUL 0x01, so that a NUL followed by anything else separates
// fields (every field starts with `+` or `-`).
const escape = (s) => (s.indexOf("\0") < 0 ? s : s.replaceAll("\0", "\0\x01"));
// A string member: `+text`, or `-` when absent (`undefined`, `null`); refused when of another type.
function text(v, path) {
  if (typeof v === "string") return "+" + escape(v);
  if (v === undefined || v === null) return "-";
  throw refuse(path, "ts" + kind(v));
}
// The headers: `-`, or `+N` and N `+name`, `+value` pairs, read as read.rs's `cc_entries` reads
// a map for the other exports: a Map's or a fetch Headers' entries (`Array.from`), or an object's
// own enumerable string keys with their values, all read before any is checked.
function headersOf(v) {
  if (v === undefined || v === null) return "-";
  const map = object(v, "request.headers", "");
  let pairs;
  try {
    // A fetch Headers, like a Map, is its entries (read as an object it would be empty).
    if (map || (typeof Headers === "function" && v instanceof Headers)) {
      pairs = Array.from(v);
    } else {
      const names = Object.keys(v);
      pairs = new Array(names.length);
      for (let i = 0; i < names.length; i++) pairs[i] = [names[i], v[names[i]]];
    }
  } catch {
    throw refuse("request.headers", "r");
  }
  let out = "+" + pairs.length;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    if (!isArray(pair)) throw refuse("request.headers", "r");
    const name = pair[0];
    const value = pair[1];
    if (typeof name !== "string") throw refuse("request.headers (a key)", "ts" + kind(name));
    if (typeof value !== "string") throw refuse("request.headers (a value)", "ts" + kind(value));
    out += "\0+" + escape(name) + "\0+" + escape(value);
  }
  return out;
}
// A context number: undefined when absent; refused unless a finite number.
function number(v, path) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v)) throw refuse(path, "tf" + kind(v));
  return v;
}
// What cc_pack_sign_rest hands over: the body and the context's numbers of the call numbered
// `restCall`, whose number starts the packed string. Another call packed in between (only code
// the caller patched into a built-in the glue uses could make one) makes the first one's rest
// refused rather than another's.
let calls = 0;
let restCall = -1;
let restBody;
let restTimestamp;
let restNonce;
/**
 * signRequest's arguments but the body and the context's numbers as one string: the packed
 * arguments, or a refusal (`\x01`, the member's path, NUL, the problem's codes).
 *
 * As serde reads the other exports' arguments: members by name, in the order the model declares
 * them, each checked as soon as it is read (`at` names it, for a getter that throws), and a
 * required member that is absent refused after the others of its argument. Written out member
 * by member rather than as a loop over their names: each read then has its own property name
 * (`account.provider`), which the engine looks up faster than one read with a varying key.
 */
export function cc_pack_sign(account, request, context) {
  restCall = -1;
  restBody = undefined;
  let at = "account";
  try {
    const a = object(account, at, "provider");
    at = "account.provider";
    const provider = a ? account.get("provider") : account.provider;
    let out = text(provider, at);
    at = "account.accessKeyId";
    const accessKeyId = a ? account.get("accessKeyId") : account.accessKeyId;
    out += "\0" + text(accessKeyId, at);
    at = "account.secretAccessKey";
    const secretAccessKey = a ? account.get("secretAccessKey") : account.secretAccessKey;
    out += "\0" + text(secretAccessKey, at);
    at = "account.sessionToken";
    out += "\0" + text(a ? account.get("sessionToken") : account.sessionToken, at);
    at = "account.region";
    out += "\0" + text(a ? account.get("region") : account.region, at);
    at = "account.endpoint";
    out += "\0" + text(a ? account.get("endpoint") : account.endpoint, at);
    at = "account.label";
    out += "\0" + text(a ? account.get("label") : account.label, at);
    if (provider == null) throw refuse("account.provider", "m");
    if (accessKeyId == null) throw refuse("account.accessKeyId", "m");
    if (secretAccessKey == null) throw refuse("account.secretAccessKey", "m");

    at = "request";
    const r = object(request, at, "method");
    at = "request.method";
    const method = r ? request.get("method") : request.method;
    out += "\0" + text(method, at);
    at = "request.url";
    const url = r ? request.get("url") : request.url;
    out += "\0" + text(url, at);
    at = "request.headers";
    out += "\0" + headersOf(r ? request.get("headers") : request.headers);
    at = "request.body";
    const body = r ? request.get("body") : request.body;
    if (body !== undefined && body !== null && typeof body !== "string") throw refuse(at, "ts" + kind(body));
    if (method == null) throw refuse("request.method", "m");
    if (url == null) throw refuse("request.url", "m");

    let timestampMs;
    let nonce;
    if (context !== undefined && context !== null) {
      at = "context";
      const c = object(context, at, "timestampMs");
      at = "context.timestampMs";
      timestampMs = number(c ? context.get("timestampMs") : context.timestampMs, at);
      at = "context.nonce";
      nonce = number(c ? context.get("nonce") : context.nonce, at);
    }
    calls = (calls + 1) % 0x40000000;
    restCall = calls;
    restBody = body ?? undefined;
    restTimestamp = timestampMs;
    restNonce = nonce;
    return calls + "\0" + out + "\0";
  } catch (e) {
    // What a getter (or a Proxy's trap) threw is not looked at: the member is unreadable.
    return e === REFUSED ? refusal : "\x01" + at + "\0r";
  }
}
/**
 * The body (undefined when absent) of the arguments cc_pack_sign read as its call number `call`,
 * and the context's numbers written into `numbers`, a view of wasm memory made for this call:
 * `[hasTimestamp, timestampMs, hasNonce, nonce]`. Runs none of the caller's code.
 */
export function cc_pack_sign_rest(call, numbers) {
  if (call !== restCall) {
    // Not the call packed last: a flag no number has (Rust refuses the arguments).
    numbers[0] = 2;
    return undefined;
  }
  restCall = -1;
  numbers[0] = restTimestamp === undefined ? 0 : 1;
  numbers[1] = restTimestamp ?? 0;
  numbers[2] = restNonce === undefined ? 0 : 1;
  numbers[3] = restNonce ?? 0;
  const body = restBody;
  restBody = undefined;
  return body;
}
export function cc_unpack_signed(text) {
  let start = 0;
  const next = () => {
    const end = text.indexOf("\0", start);
    const field = text.slice(start, end);
    start = end + 1;
    return field;
  };
  const method = next();
  const url = next();
  const count = Number(next());
  const headers = {};
  for (let i = 0; i < count; i++) {
    const name = next();
    const value = next();
    // An assignment to `__proto__` would set the object's prototype instead of a header.
    if (name === "__proto__") Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
    else headers[name] = value;
  }
  const signed = { method, url, headers };
  if (text.charCodeAt(start) === 43) signed.body = text.slice(start + 1);
  return signed;
}
