// @ts-check
// `cloudcerts` in browsers and by default (pkg/web/index.js): web/manual.js (the web build of the
// main module; inspectCertificate, which loads the inspector module, a wasm file of its own, on
// first use; uploadCertificate, which the inspector checks before the main module sends
// anything), initialised on import (top-level await). Types: index.d.ts. bundler/index.js adds
// the same two functions to its build.
import init from "./manual.js";

await init();
export * from "./manual.js";
