// Prints raw and gzip -9 sizes of the `web` build and fails when the total exceeds the budget
// committed in size-budget.json (bytes, gzipped wasm + JS glue).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const budget = JSON.parse(readFileSync(new URL("../size-budget.json", import.meta.url), "utf8"));
const files = ["pkg/web/cloudcerts_bg.wasm", "pkg/web/cloudcerts.js"];
let total = 0;
console.log("size of the web build (raw / gzip -9):");
for (const file of files) {
  const bytes = readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(`  ${file.padEnd(30)} ${String(bytes.length).padStart(8)} B  ${String(gz).padStart(7)} B`);
}
console.log(`  total gzipped: ${total} B (budget ${budget.webGzipBytes} B)`);
if (total > budget.webGzipBytes) {
  console.error(`size budget exceeded: ${total} B > ${budget.webGzipBytes} B (size-budget.json)`);
  process.exit(1);
}
