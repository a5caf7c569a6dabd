// @ts-check
// `cloudcerts` for bundlers that neither follow nor copy `new URL("….wasm", import.meta.url)`
// (pkg/web/embedded.js; package.json sends esbuild and Rollup here by their conditions, README
// "Bundlers"): web/index.js's exports, with each wasm module embedded in a JavaScript module
// instead of fetched from a file beside this one. The main module is initialised on import
// (top-level await); the inspector's module, embedded in a chunk of its own, on first use.
// Types: index.d.ts.
import init from "./cloudcerts.js";
import { embeddedWasm } from "./embedded-wasm.js";
import { withInspector } from "./with-inspector.js";
import mainWasm from "./cloudcerts_bg.embedded.js";

await init({ module_or_path: embeddedWasm(mainWasm) });

export * from "./cloudcerts.js";

const added = withInspector(async () => {
  const [inspector, { default: inspectorWasm }] = await Promise.all([
    import("./cloudcerts_inspect.js"),
    import("./cloudcerts_inspect_bg.embedded.js"),
  ]);
  await inspector.default({ module_or_path: embeddedWasm(inspectorWasm) });
  return inspector;
});

/** @type {typeof import("./index.js").inspectCertificate} */
export const inspectCertificate = added.inspectCertificate;
/** @type {typeof import("./cloudcerts.js").uploadCertificate} */
export const uploadCertificate = added.uploadCertificate;
/** @type {typeof import("./index.js").replaceCertificate} */
export const replaceCertificate = added.replaceCertificate;
