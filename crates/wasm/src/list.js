// The JavaScript half of crates/wasm/src/normalize.rs: the body into wasm memory at its exact
// UTF-8 size (the certificates come back through certificates.js).
const encoder = new TextEncoder();

// The body as UTF-8 bytes (a lone surrogate becomes U+FFFD, as in any other crossing; `raw` is
// then sliced from the text the wasm read, not from the caller's string). Copied
// into wasm memory at exactly this size: the general string crossing reserves three bytes per
// character for a text with any non-ASCII character, and wasm memory never shrinks.
export function cc_utf8(text) {
  return encoder.encode(text);
}

// Whether the body is well-formed UTF-16 (no lone surrogate): the engine's own check where it has
// one (Chrome 111, Safari 16.4, Firefox 119, Node 20), else a search for a lone surrogate.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function cc_well_formed(text) {
  return typeof text.isWellFormed === "function" ? text.isWellFormed() : !LONE_SURROGATE.test(text);
}
