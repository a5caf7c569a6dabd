// The JavaScript half of crates/wasm/src/normalize.rs: the body into wasm memory at its exact
// UTF-8 size, and the certificates back in pieces.
const encoder = new TextEncoder();

// The body as UTF-8 bytes (a lone surrogate becomes U+FFFD, as in any other crossing; `raw` is
// then sliced from the text the wasm read, not from the caller's string). Copied
// into wasm memory at exactly this size: the general string crossing reserves three bytes per
// character for a text with any non-ASCII character, and wasm memory never shrinks.
export function cc_utf8(text) {
  return encoder.encode(text);
}

// Appends the certificates of one piece of the list (JSON text) to `list`.
export function cc_append(list, json) {
  const piece = JSON.parse(json);
  for (let i = 0; i < piece.length; i++) list.push(piece[i]);
}
