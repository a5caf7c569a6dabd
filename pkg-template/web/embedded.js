// @ts-check
// `cloudcerts` for bundlers that neither follow nor copy `new URL("….wasm", import.meta.url)`
// (pkg/web/embedded.js; package.json sends esbuild and Rollup here by their conditions, README
// "Bundlers"): web/index.js's exports, with each wasm module embedded in a JavaScript module
// instead of fetched from a file beside this one. The main module is initialised on import
// (top-level await); the inspector's and the ACME module's, each embedded in a chunk of its own,
// on first use.
// Types: index.d.ts.
import init from "./cloudcerts.js";
import { embeddedWasm } from "./embedded-wasm.js";
import { withLazyModules } from "./lazy-modules.js";
import mainWasm from "./cloudcerts_bg.embedded.js";

await init({ module_or_path: embeddedWasm(mainWasm) });

export * from "./cloudcerts.js";

const added = withLazyModules(
  async () => {
    const [inspector, { default: inspectorWasm }] = await Promise.all([
      import("./cloudcerts_inspect.js"),
      import("./cloudcerts_inspect_bg.embedded.js"),
    ]);
    await inspector.default({ module_or_path: embeddedWasm(inspectorWasm) });
    return inspector;
  },
  async () => {
    const [acme, { default: acmeWasm }] = await Promise.all([
      import("./cloudcerts_acme.js"),
      import("./cloudcerts_acme_bg.embedded.js"),
    ]);
    await acme.default({ module_or_path: embeddedWasm(acmeWasm) });
    return acme;
  },
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
