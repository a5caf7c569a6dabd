// The JavaScript half of crates/wasm/src/normalize.rs: the body into wasm memory at its exact
// UTF-8 size (the certificates come back through certificates.js).
const encoder = new TextEncoder();

// The body as UTF-8 bytes, written straight into wasm memory (`into`, a view of it; a lone
// surrogate becomes U+FFFD, as in any other crossing; `raw` is then sliced from the text the wasm
// read, not from the caller's string). Writes how many units were read and bytes written into
// `out`. The wasm sizes `into` at the text's length and an eighth, and at exactly what
// `cc_utf8_length` says when that is not enough: wasm memory never shrinks, so it is not reserved
// at three bytes per character as the general string crossing does.
export function cc_encode_into(text, into, out) {
  const { read, written } = encoder.encodeInto(text, into);
  out[0] = read;
  out[1] = written;
}

// The UTF-8 length of `text` from UTF-16 unit `from` on.
export function cc_utf8_length(text, from) {
  return encoder.encode(text.slice(from)).length;
}

// Whether the body is well-formed UTF-16 (no lone surrogate): the engine's own check where it has
// one (Chrome 111, Safari 16.4, Firefox 119, Node 20), else a search for a lone surrogate.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function cc_well_formed(text) {
  return typeof text.isWellFormed === "function" ? text.isWellFormed() : !LONE_SURROGATE.test(text);
}
