// @ts-check
// `cloudcerts/bundler` (pkg/bundler/index.js): the bundler build of the main module, which the
// bundler instantiates on import, with inspectCertificate, uploadCertificate, replaceCertificate,
// issueCertificate and renewCertificate (shared/lazy-modules.js), whose dynamic imports make the
// inspector and the ACME module chunks of their own, loaded on first use. Types: index.d.ts.
import { withLazyModules } from "./lazy-modules.js";

export * from "./cloudcerts.js";

const added = withLazyModules(
  () => import("./cloudcerts_inspect.js"),
  () => import("./cloudcerts_acme.js"),
);

/** @type {typeof import("./index.js").inspectCertificate} */
export const inspectCertificate = added.inspectCertificate;
/** @type {typeof import("./cloudcerts.js").uploadCertificate} */
export const uploadCertificate = added.uploadCertificate;
/** @type {typeof import("./index.js").replaceCertificate} */
export const replaceCertificate = added.replaceCertificate;
/** @type {typeof import("./index.js").issueCertificate} */
export const issueCertificate = added.issueCertificate;
/** @type {typeof import("./index.js").renewCertificate} */
export const renewCertificate = added.renewCertificate;
