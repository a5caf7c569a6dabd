// Types of `cloudcerts/web` (pkg/web/manual.js): the exports of web/index.d.ts, with init (the
// default export) and initSync, which the caller runs before anything else.
export { default, initSync } from "./cloudcerts.js";
export * from "./index.js";
