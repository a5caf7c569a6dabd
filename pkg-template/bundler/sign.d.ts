// Types of `cloudcerts/bundler/sign` (pkg/bundler/sign.js): signRequest alone, from its own wasm
// module, with the model types it takes and returns.
export { isCloudCertError, signRequest } from "./cloudcerts_sign.js";
export type { Account, CloudCertError, HttpRequest, SignContext, SignedRequest, Provider, ErrorCode, ErrorInfo, Problem } from "./cloudcerts_sign.js";
