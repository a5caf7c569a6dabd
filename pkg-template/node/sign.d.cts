// Types of `cloudcerts/sign` required from Node (pkg/node/sign.cjs): signRequest alone, from its
// own wasm module. They refer to cloudcerts_sign.d.cts, a copy of wasm-bindgen's .d.ts that
// scripts/write-wrappers.mjs makes.
export { isCloudCertError, signRequest } from "./cloudcerts_sign.cjs";
export type { Account, CloudCertError, HttpRequest, SignContext, SignedRequest, Provider, ErrorCode, ErrorInfo, Problem } from "./cloudcerts_sign.cjs";
