// The README's ACME example (issueCertificate through a DNSPod account, then again with the kept
// account key), type-checked with `tsc --strict` against the built package and run against pebble
// (for the README's https://localhost:14000/dir, the harness's directory) and the sandbox's DNS
// emulation through the proxy: it must print what it says, and no TXT record may be left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readmeExample } from "./readme-example.mjs";
import { startPebble } from "../support/pebble.mjs";

const example = readmeExample("acme", {
  services: async () => {
    const pebble = await startPebble();
    return {
      sandbox: { challtestsrv: pebble.challtestsrvUrl },
      proxy: { acme: { url: new URL(pebble.directoryUrl).origin, caPem: pebble.caCertPem } },
      replace: { "https://localhost:14000/dir": pebble.directoryUrl },
      close: () => pebble.close(),
    };
  },
});

test("the README's ACME example type-checks strictly, prints what it says, and leaves no record", { timeout: 120_000 }, async () => {
  const { stdout, expected } = await example.run();
  assert.equal(expected.length, 4);
  assert.deepEqual(stdout.trim().split("\n"), expected);
  const stores = Object.values(example.sandbox.state().dns);
  assert.equal(stores.reduce((n, s) => n + s.created, 0), 4, "two names, twice");
  assert.equal(stores.reduce((n, s) => n + s.deleted, 0), 4);
});
