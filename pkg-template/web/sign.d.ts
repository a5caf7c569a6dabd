// Types of `cloudcerts/sign` in browsers and by default (pkg/web/sign.js): signRequest alone,
// from its own wasm module, with the model types it takes and returns (the signing module's
// .d.ts declares the same model types as the main module's).
export { isCloudCertError, signRequest } from "./cloudcerts_sign.js";
export type { Account, CloudCertError, HttpRequest, SignContext, SignedRequest, Provider, ErrorCode, ErrorInfo, Problem } from "./cloudcerts_sign.js";
