// @ts-check
// `cloudcerts/sign` imported from Node (pkg/node/sign.mjs): the CommonJS entry's exports as an ES
// module. Types: sign.d.mts. scripts/write-esm-wrapper.cjs fails the build when the names below
// are not exactly the CommonJS entry's.
import cjs from "./sign.cjs";
export const { isCloudCertError, signRequest } = cjs;
export default cjs;
