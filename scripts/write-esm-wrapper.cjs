// Writes a Node ES-module entry of the package (`import { signRequest } from "cloudcerts"` next to
// `require("cloudcerts")`): copies its source, pkg-template/node/<name of output>, after checking
// that it re-exports exactly the named exports of its CommonJS entry (the `export const { ... }
// = cjs;` line). Fails, naming what is missing or extra, when an export was added to or removed
// from the CommonJS entry without its ESM wrapper.
// Usage: node write-esm-wrapper.cjs <input.cjs> <output.mjs>
const fs = require("fs");
const path = require("path");

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: write-esm-wrapper.cjs <input.cjs> <output.mjs>");
  process.exit(1);
}
const source = path.join(__dirname, "..", "pkg-template", "node", path.basename(output));
const fail = (message) => {
  console.error(`write-esm-wrapper: ${path.relative(process.cwd(), source)}: ${message}`);
  process.exit(1);
};

const exported = Object.keys(require(path.resolve(input))).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
if (exported.length === 0) fail(`no exports found in ${input}`);
const text = fs.readFileSync(source, "utf8");
if (!text.includes(`import cjs from ${JSON.stringify("./" + path.basename(input))};`)) {
  fail(`does not import ./${path.basename(input)} as cjs`);
}
const lines = [...text.matchAll(/^export const \{([^}]*)\} = cjs;$/gm)];
if (lines.length !== 1) fail("wants exactly one `export const { ... } = cjs;` line");
const named = lines[0][1].split(",").map((n) => n.trim()).filter(Boolean);
const missing = exported.filter((n) => !named.includes(n));
const extra = named.filter((n) => !exported.includes(n));
if (missing.length > 0 || extra.length > 0 || new Set(named).size !== named.length) {
  fail(`re-exports {${named.join(", ")}}; ${input} exports {${exported.join(", ")}}` +
    (missing.length ? `; missing: ${missing.join(", ")}` : "") + (extra.length ? `; not exported: ${extra.join(", ")}` : ""));
}
fs.copyFileSync(source, output);
