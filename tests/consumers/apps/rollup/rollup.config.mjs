// Rollup's configuration for a browser app: ES modules out, packages resolved from node_modules
// with @rollup/plugin-node-resolve and its defaults. Nothing about cloudcerts.
import { nodeResolve } from "@rollup/plugin-node-resolve";

export default {
  input: "src/index.js",
  output: { dir: "dist", format: "es" },
  plugins: [nodeResolve()],
};
