// @ts-check
// `cloudcerts/web` (pkg/web/manual.js): the web build as web/index.js exports it (index.js is this
// module, initialised on import), except that the caller awaits init (the default export) before
// anything else. The inspector module is loaded and initialised, from its wasm file beside this
// one, on first use. Types: manual.d.ts.
import { withInspector } from "./with-inspector.js";

export { default, initSync } from "./cloudcerts.js";
export * from "./cloudcerts.js";

const added = withInspector(async () => {
  const inspector = await import("./cloudcerts_inspect.js");
  await inspector.default();
  return inspector;
});

/** @type {typeof import("./manual.js").inspectCertificate} */
export const inspectCertificate = added.inspectCertificate;
/** @type {typeof import("./cloudcerts.js").uploadCertificate} */
export const uploadCertificate = added.uploadCertificate;
/** @type {typeof import("./manual.js").replaceCertificate} */
export const replaceCertificate = added.replaceCertificate;
