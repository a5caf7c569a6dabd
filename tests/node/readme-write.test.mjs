// The README's TypeScript write example (upload, upload again, delete twice, a refused bundle),
// type-checked with `tsc --strict` against the built package and then run against the sandbox
// through the proxy: it must print what it says, and the sandbox must have seen the writes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { expiredCertificate, sampleCertificate } from "../../sandbox/samples.mjs";
import { readmeExample, root } from "./readme-example.mjs";

const example = readmeExample("write", {
  // The files the example reads: the sandbox's sample certificate and key, and another key.
  files: {
    "fullchain.pem": sampleCertificate.certificatePem,
    "privkey.pem": sampleCertificate.privateKeyPem,
    "other-key.pem": expiredCertificate.privateKeyPem,
  },
  compilerOptions: { types: ["node"], typeRoots: [join(root, "node_modules/@types")] },
});

test("the README's write example type-checks strictly, prints what it says, and writes to the sandbox", async () => {
  const before = example.sandbox.state().stats["tencent-ssl"].requests;
  const { stdout, expected } = await example.run();
  assert.equal(expected.length, 2);
  assert.deepEqual(stdout.trim().split("\n"), expected);
  // Two uploads and two deletes reached the vendor; the refused bundle did not.
  assert.equal(example.sandbox.state().stats["tencent-ssl"].requests - before, 4);
  const store = Object.values(example.sandbox.state().tencent)[0];
  assert.deepEqual(store, { uploaded: 0, deletedGenerated: 0, deletedUploads: 1 });
});
