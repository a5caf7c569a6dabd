// Types of `cloudcerts/bundler/sign` (pkg/bundler/sign.js): signRequest alone, from its own wasm
// module, with the model types it takes and returns.
export { signRequest } from "./cloudcerts_sign.js";
export type { Account, HttpRequest, SignContext, SignedRequest, Provider, ErrorCode, ErrorInfo } from "./cloudcerts_sign.js";
