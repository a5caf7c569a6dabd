// ../node_modules/probe/webpack-no.js
var webpack_no_default = "cond-webpack-no";

// ../node_modules/probe/rspack-no.js
var rspack_no_default = "cond-rspack-no";

// ../node_modules/probe/production-no.js
var production_no_default = "cond-production-no";

// ../node_modules/probe/development-no.js
var development_no_default = "cond-development-no";

// ../node_modules/probe/browser-yes.js
var browser_yes_default = "cond-browser-yes";

// ../node_modules/probe/module-yes.js
var module_yes_default = "cond-module-yes";

// ../node_modules/probe/import-yes.js
var import_yes_default = "cond-import-yes";

// ../node_modules/probe/require-no.js
var require_no_default = "cond-require-no";

// ../node_modules/probe/node-no.js
var node_no_default = "cond-node-no";

// ../node_modules/probe/default-yes.js
var default_yes_default = "cond-default-yes";

// ../node_modules/probe/worker-no.js
var worker_no_default = "cond-worker-no";

// ../node_modules/probe/react-server-no.js
var react_server_no_default = "cond-react-server-no";

// ../node_modules/probe/edge-light-no.js
var edge_light_no_default = "cond-edge-light-no";

// ../node_modules/probe/turbopack-no.js
var turbopack_no_default = "cond-turbopack-no";

// ../node_modules/probe/next-js-no.js
var next_js_no_default = "cond-next-js-no";

// ../node_modules/probe/rollup-no.js
var rollup_no_default = "cond-rollup-no";

// ../node_modules/probe/esbuild-no.js
var esbuild_no_default = "cond-esbuild-no";

// ../node_modules/probe/style-no.js
var style_no_default = "cond-style-no";

// ../node_modules/probe/source-no.js
var source_no_default = "cond-source-no";

// ../node_modules/probe/deno-no.js
var deno_no_default = "cond-deno-no";

// src/index.js
console.log([webpack_no_default, rspack_no_default, production_no_default, development_no_default, browser_yes_default, module_yes_default, import_yes_default, require_no_default, node_no_default, default_yes_default, worker_no_default, react_server_no_default, edge_light_no_default, turbopack_no_default, next_js_no_default, rollup_no_default, esbuild_no_default, style_no_default, source_no_default, deno_no_default].join(" "));
