// The README's TypeScript `inventory` example, type-checked with `tsc --strict` against the built
// package and then run against the sandbox through the proxy: it must print what it says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readmeExample } from "./readme-example.mjs";

const example = readmeExample("inventory");

test("the README's inventory example type-checks strictly and prints what it says", async () => {
  const { stdout, expected } = await example.run();
  assert.ok(expected.length >= 3);
  assert.deepEqual(stdout.trim().split("\n"), expected);
});
