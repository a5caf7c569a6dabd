// @ts-check
// `cloudcerts/sign` in browsers and by default (pkg/web/sign.js): signRequest alone, from the
// signing module (a wasm file of its own, a third of the main module's size), initialised on
// import. Types: sign.d.ts.
import init, { isCloudCertError, signRequest } from "./cloudcerts_sign.js";

await init();
export { isCloudCertError, signRequest };
