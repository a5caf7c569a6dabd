// @ts-check
// `cloudcerts/web` (pkg/web/manual.js): the web build as web/index.js exports it (index.js is this
// module, initialised on import), except that the caller awaits init (the default export) before
// anything else. The inspector and ACME modules are loaded and initialised, each from its wasm
// file beside this one, on first use. Types: manual.d.ts.
import { withLazyModules } from "./lazy-modules.js";

export { default, initSync } from "./cloudcerts.js";
export * from "./cloudcerts.js";

const added = withLazyModules(
  async () => {
    const inspector = await import("./cloudcerts_inspect.js");
    await inspector.default();
    return inspector;
  },
  async () => {
    const acme = await import("./cloudcerts_acme.js");
    await acme.default();
    return acme;
  },
);

/** @type {typeof import("./manual.js").inspectCertificate} */
export const inspectCertificate = added.inspectCertificate;
/** @type {typeof import("./cloudcerts.js").uploadCertificate} */
export const uploadCertificate = added.uploadCertificate;
/** @type {typeof import("./manual.js").replaceCertificate} */
export const replaceCertificate = added.replaceCertificate;
/** @type {typeof import("./manual.js").issueCertificate} */
export const issueCertificate = added.issueCertificate;
/** @type {typeof import("./manual.js").renewCertificate} */
export const renewCertificate = added.renewCertificate;
