import { nodeResolve } from "@rollup/plugin-node-resolve";
export default { input: "src/index.js", output: { dir: "out-rollup", format: "es" }, plugins: [nodeResolve()] };
