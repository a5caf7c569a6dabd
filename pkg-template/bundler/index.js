// @ts-check
// `cloudcerts/bundler` (pkg/bundler/index.js): the bundler build of the main module, which the
// bundler instantiates on import, with inspectCertificate, uploadCertificate and
// replaceCertificate (shared/with-inspector.js), whose dynamic import makes the inspector a chunk
// of its own, loaded on first use. Types: index.d.ts.
import { withInspector } from "./with-inspector.js";

export * from "./cloudcerts.js";

const added = withInspector(() => import("./cloudcerts_inspect.js"));

/** @type {typeof import("./index.js").inspectCertificate} */
export const inspectCertificate = added.inspectCertificate;
/** @type {typeof import("./cloudcerts.js").uploadCertificate} */
export const uploadCertificate = added.uploadCertificate;
/** @type {typeof import("./index.js").replaceCertificate} */
export const replaceCertificate = added.replaceCertificate;
