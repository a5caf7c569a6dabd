// @ts-check
// `cloudcerts/sign` for bundlers that neither follow nor copy `new URL("….wasm", import.meta.url)`
// (pkg/web/embedded-sign.js; see web/embedded.js): signRequest alone, from the signing module
// embedded in a JavaScript module, initialised on import. Types: sign.d.ts.
import init, { isCloudCertError, signRequest } from "./cloudcerts_sign.js";
import { embeddedWasm } from "./embedded-wasm.js";
import signWasm from "./cloudcerts_sign_bg.embedded.js";

await init({ module_or_path: embeddedWasm(signWasm) });
export { isCloudCertError, signRequest };
