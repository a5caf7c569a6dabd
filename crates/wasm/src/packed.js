// The JavaScript half of crates/wasm/src/packed.rs (its documentation describes both formats):
// signRequest's arguments joined into one string, and its result split back into an object.
// Only types are checked here: anything that is not a plain string, number, null or undefined
// where the model expects one makes cc_pack_sign decline (undefined), and the arguments are then
// read member by member in Rust (crates/wasm/src/read.rs), whose errors the API documents. A getter
// that throws makes the Rust side decline too (the import is declared `catch`). All validation
// is in Rust.
const plain = (v) => typeof v === "string" && v.indexOf("\0") < 0;
const optional = (v) => (v === undefined || v === null ? "-" : plain(v) ? "+" + v : null);
// A Map is left to the general path, which reads it like an object (its members are not
// properties here: `map.provider` is undefined).
const record = (v) => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Map);
// A context number: undefined when absent, null when not a finite number (decline), else itself.
const number = (v) => (v === undefined || v === null ? undefined : typeof v === "number" && Number.isFinite(v) ? v : null);
export function cc_pack_sign(account, request, context, numbers) {
  if (!record(account)) return undefined;
  const { provider, accessKeyId, secretAccessKey } = account;
  if (!plain(provider) || !plain(accessKeyId) || !plain(secretAccessKey)) return undefined;
  const token = optional(account.sessionToken);
  const region = optional(account.region);
  const endpoint = optional(account.endpoint);
  const label = optional(account.label);
  if (token === null || region === null || endpoint === null || label === null) return undefined;
  if (!record(request)) return undefined;
  const { method, url, headers, body } = request;
  if (!plain(method) || !plain(url)) return undefined;
  let fields = "-";
  if (headers !== undefined && headers !== null) {
    // A Map, or anything iterable: leave it to the general path.
    if (!record(headers) || Object.getPrototypeOf(headers) !== Object.prototype || Symbol.iterator in headers) return undefined;
    const names = Object.keys(headers);
    fields = "+" + names.length;
    for (let i = 0; i < names.length; i++) {
      const value = headers[names[i]];
      if (!plain(names[i]) || !plain(value)) return undefined;
      fields += "\0" + names[i] + "\0" + value;
    }
  }
  let text;
  if (body === undefined || body === null) text = "-";
  else if (typeof body === "string") text = "+" + body;
  else return undefined;
  let timestampMs;
  let nonce;
  if (context !== undefined && context !== null) {
    if (!record(context)) return undefined;
    timestampMs = number(context.timestampMs);
    nonce = number(context.nonce);
    if (timestampMs === null || nonce === null) return undefined;
  }
  // `numbers` is a view of wasm memory, made before this call: a getter above that called into
  // the module may have grown the memory and detached it, and writes to it would then be lost.
  if (numbers.length !== 4) return undefined;
  numbers[0] = timestampMs === undefined ? 0 : 1;
  numbers[1] = timestampMs ?? 0;
  numbers[2] = nonce === undefined ? 0 : 1;
  numbers[3] = nonce ?? 0;
  return provider + "\0" + accessKeyId + "\0" + secretAccessKey + "\0" + token + "\0" + region +
    "\0" + endpoint + "\0" + label + "\0" + method + "\0" + url + "\0" + fields + "\0" + text;
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
    headers[name] = next();
  }
  const signed = { method, url, headers };
  if (text.charCodeAt(start) === 43) signed.body = text.slice(start + 1);
  return signed;
}
