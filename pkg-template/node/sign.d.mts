// Types of `cloudcerts/sign` imported from Node (pkg/node/sign.mjs): signRequest alone, from its
// own wasm module.
export { signRequest } from "./cloudcerts_sign.js";
export type { Account, HttpRequest, SignContext, SignedRequest, Provider, ErrorCode, ErrorInfo } from "./cloudcerts_sign.js";
