// @ts-check
// Instantiates a wasm module that this package embeds in a JavaScript module (gzipped, in base64:
// scripts/embed-wasm.mjs), for the `embedded` entries. The bytes are inflated by the platform's
// DecompressionStream into a Response typed application/wasm, so that the glue's init compiles
// them while they stream, as it does a fetched file.

/**
 * @param {string} base64 - the wasm, gzipped, in base64
 * @returns {Response} the wasm as a Response the glue's init instantiates
 */
export function embeddedWasm(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(inflated, { headers: { "content-type": "application/wasm" } });
}
