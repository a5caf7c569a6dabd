// Prints raw and gzip -9 sizes of the `web` build's four modules and fails when any exceeds
// its budget in size-budget.json (bytes, gzipped wasm + JS glue): the main module, which every
// page of `cloudcerts` downloads; the inspector, which loads on the first `inspectCertificate` or
// upload; the ACME module, which loads on the first `issueCertificate`; and the signing module,
// all that a page importing `cloudcerts/sign` downloads.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const budget = JSON.parse(readFileSync(new URL("../size-budget.json", import.meta.url), "utf8"));
const modules = [
  ["main module", "cloudcerts", budget.webGzipBytes],
  ["inspector (lazy)", "cloudcerts_inspect", budget.inspectorGzipBytes],
  ["ACME module (lazy)", "cloudcerts_acme", budget.acmeGzipBytes],
  ["signing module (cloudcerts/sign)", "cloudcerts_sign", budget.signGzipBytes],
];
let failed = false;
console.log("size of the web build (raw / gzip -9):");
for (const [what, name, limit] of modules) {
  let total = 0;
  for (const file of [`pkg/web/${name}_bg.wasm`, `pkg/web/${name}.js`]) {
    const bytes = readFileSync(file);
    const gz = gzipSync(bytes, { level: 9 }).length;
    total += gz;
    console.log(`  ${file.padEnd(36)} ${String(bytes.length).padStart(8)} B  ${String(gz).padStart(7)} B`);
  }
  console.log(`  ${what}: ${total} B gzipped (budget ${limit} B)`);
  if (!(total <= limit)) {
    console.error(`size budget exceeded: ${what} ${total} B > ${limit} B (size-budget.json)`);
    failed = true;
  }
}
if (failed) process.exit(1);
