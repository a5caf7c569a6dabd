// @ts-check
// `cloudcerts/bundler/sign` (pkg/bundler/sign.js): signRequest alone, from the signing module,
// which the bundler instantiates on import. Types: sign.d.ts.
export { isCloudCertError, signRequest } from "./cloudcerts_sign.js";
