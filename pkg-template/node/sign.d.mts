// Types of `cloudcerts/sign` imported from Node (pkg/node/sign.mjs): signRequest alone, from its
// own wasm module.
export { isCloudCertError, signRequest } from "./cloudcerts_sign.js";
export type { Account, CloudCertError, HttpRequest, SignContext, SignedRequest, Provider, ErrorCode, ErrorInfo, Problem } from "./cloudcerts_sign.js";

/** The CommonJS entry's exports, as `require("cloudcerts/sign")` gives them. */
declare const sign: Omit<typeof import("./sign.mjs"), "default">;
export default sign;
