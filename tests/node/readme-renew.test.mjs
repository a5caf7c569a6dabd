// The README's TypeScript renewal example (replaceCertificate: a dry run, then the renewal with
// its deletions, at Tencent SSL and Qiniu), type-checked with `tsc --strict` against the built
// package and then run against the sandbox through the proxy: it must print what it says, and the
// sandbox must hold the new certificate and not the old one. The certificates are
// make-certs.sh's renewal pair (OpenSSL, at test time).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readmeExample, root } from "./readme-example.mjs";

const files = {}; // filled before the example's project is made
let certs;
before(() => {
  certs = mkdtempSync(join(tmpdir(), "cloudcerts-readme-renew-certs-"));
  execFileSync("bash", [join(root, "tests/support/make-certs.sh"), certs], { stdio: ["ignore", "ignore", "inherit"] });
  for (const which of ["old", "new"]) {
    files[`${which}.pem`] = readFileSync(join(certs, `renew-${which}.pem`), "utf8");
    files[`${which}.key`] = readFileSync(join(certs, `renew-${which}.key`), "utf8");
  }
});
after(() => rmSync(certs, { recursive: true, force: true }));

const example = readmeExample("renew", {
  files,
  compilerOptions: { types: ["node"], typeRoots: [join(root, "node_modules/@types")] },
});

test("the README's renewal example type-checks strictly, prints what it says, and renews in the sandbox", { timeout: 120_000 }, async () => {
  const { stdout, expected } = await example.run();
  assert.equal(expected.length, 3);
  assert.deepEqual(stdout.trim().split("\n"), expected);
  // Each account: the old one uploaded, then deleted; the new one uploaded once and kept.
  const state = example.sandbox.state();
  assert.deepEqual(Object.values(state.tencent)[0], { uploaded: 1, deletedGenerated: 0, deletedUploads: 1 });
  assert.deepEqual(Object.values(state.qiniu)[0], { uploaded: 1, deletedGenerated: 0, deletedUploads: 1 });
});
