// Types of `cloudcerts/sign` in browsers and by default (pkg/web/sign.js): signRequest alone,
// from its own wasm module, with the model types it takes and returns (the signing module's
// .d.ts declares the same model types as the main module's).
export { signRequest } from "./cloudcerts_sign.js";
export type { Account, HttpRequest, SignContext, SignedRequest, Provider, ErrorCode, ErrorInfo } from "./cloudcerts_sign.js";
