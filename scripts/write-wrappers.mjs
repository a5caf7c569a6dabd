// Puts the package's entry modules beside the wasm-bindgen outputs of scripts/build.sh. The
// entries are source files, written by hand in pkg-template/web, pkg-template/bundler and
// pkg-template/node (JavaScript and .d.ts, type-checked against the built glue by
// `npm run check:entries`): each re-exports the main module, adds `inspectCertificate`, which
// loads the inspector module on first use, wraps `uploadCertificate` so that the inspector's
// `checkUpload` refuses a bad bundle before any request, and adds `replaceCertificate`, which loads
// pkg-template/shared/replace.js (copied into every build) on first use; the `sign` entries export `signRequest`
// from the signing module alone. This script copies them, except the Node ESM wrappers
// (node/*.mjs), which scripts/write-esm-wrapper.cjs checks against their CommonJS entries and
// copies; and it gives the Node build the .d.cts copies its CommonJS types refer to.
// Usage: node scripts/write-wrappers.mjs <package dir>
import { copyFileSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const out = process.argv[2];
if (!out) {
  console.error("usage: write-wrappers.mjs <package dir>");
  process.exit(1);
}
const template = join(dirname(fileURLToPath(import.meta.url)), "..", "pkg-template");
const fail = (message) => {
  console.error(`write-wrappers: ${message}`);
  process.exit(1);
};

// The model types the entries' .d.ts files import from the main module's .d.ts.
const mainTypes = readFileSync(join(out, "web/cloudcerts.d.ts"), "utf8");
for (const name of ["CertificateReport", "InspectOptions", "Problem", "ReplaceOptions", "Replacement", "WriteProgress", "IssueRequest", "IssuedCertificate", "RenewPlan", "Renewed"]) {
  if (!mainTypes.includes(`interface ${name} `)) fail(`the main .d.ts lacks ${name}`);
}

for (const dir of ["web", "bundler", "node"]) {
  for (const file of readdirSync(join(template, dir)).sort()) {
    if (dir === "node" && file.endsWith(".mjs")) continue; // scripts/write-esm-wrapper.cjs
    const target = join(out, dir, file);
    if (existsSync(target)) fail(`pkg-template/${dir}/${file} would replace wasm-bindgen's ${dir}/${file}`);
    copyFileSync(join(template, dir, file), target);
  }
}

// The renewals' JavaScript (replace.js, renew.js), one copy per build (each entry imports it from
// its own directory), and the functions the browser and bundler entries add to the main module
// (lazy-modules.js).
for (const [file, dirs] of [["replace.js", ["web", "bundler", "node"]], ["renew.js", ["web", "bundler", "node"]], ["lazy-modules.js", ["web", "bundler"]]]) {
  for (const dir of dirs) {
    const target = join(out, dir, file);
    if (existsSync(target)) fail(`pkg-template/shared/${file} would replace ${dir}/${file}`);
    copyFileSync(join(template, "shared", file), target);
  }
}

// The CommonJS types (index.d.cts, sign.d.cts) refer to .d.cts copies of wasm-bindgen's .d.ts:
// in a "type": "module" package a .d.ts describes an ES module.
for (const name of ["cloudcerts", "cloudcerts_sign", "cloudcerts_acme"]) {
  copyFileSync(join(out, `node/${name}.d.ts`), join(out, `node/${name}.d.cts`));
}
