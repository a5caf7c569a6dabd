// @ts-check
// `cloudcerts` imported from Node (pkg/node/index.mjs): the CommonJS entry's exports as an ES
// module, so that one copy of the module serves `import` and `require`. Types: index.d.mts.
// scripts/write-esm-wrapper.cjs fails the build when the names below are not exactly the
// CommonJS entry's.
import cjs from "./index.cjs";
export const { deleteCertificate, getCertificate, inventory, isCloudCertError, listCertificates, listCertificatesPage, normalizeResponse, signRequest, uploadCertificate, inspectCertificate, replaceCertificate, issueCertificate, renewCertificate } = cjs;
export default cjs;
