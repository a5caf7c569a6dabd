var c0 = "cond-webpack-no";

var c1 = "cond-rspack-no";

var c2 = "cond-production-yes";

var c3 = "cond-development-no";

var c4 = "cond-browser-no";

var c5 = "cond-module-yes";

var c6 = "cond-import-yes";

var c7 = "cond-require-no";

var c8 = "cond-node-no";

var c9 = "cond-default-yes";

var c10 = "cond-worker-no";

var c11 = "cond-react-server-no";

var c12 = "cond-edge-light-no";

var c13 = "cond-turbopack-no";

var c14 = "cond-next-js-no";

var c15 = "cond-rollup-no";

var c16 = "cond-esbuild-no";

var c17 = "cond-style-no";

var c18 = "cond-source-no";

var c19 = "cond-deno-no";

console.log([c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19].join(' '));
