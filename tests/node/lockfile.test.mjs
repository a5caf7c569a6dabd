// The committed lockfile is one `npm ci` accepts (issue 17, item 2): every optional dependency a
// locked package declares (rollup's and esbuild's per-platform binaries, under vite) has its own
// lock entry, which is what `npm ci` checks before installing ("Missing: …"); and package.json
// and the lockfile agree on the direct dependencies. scripts/setup.sh still falls back to
// `npm install` if a registry refuses, as a guard only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

test("every optional dependency of a locked package has a lock entry (what npm ci checks)", () => {
  const packages = lock.packages ?? {};
  const missing = [];
  let optional = 0;
  for (const [path, entry] of Object.entries(packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      optional++;
      // Resolved as Node does: beside the package, then up the node_modules chain.
      const candidates = [];
      let base = path;
      for (;;) {
        candidates.push(`${base ? `${base}/` : ""}node_modules/${name}`);
        const at = base.lastIndexOf("node_modules/");
        if (at < 0) break;
        base = base.slice(0, at).replace(/\/$/, "");
      }
      if (!candidates.some((c) => c in packages)) missing.push(`${path || "(root)"} → ${name}`);
    }
  }
  assert.ok(optional > 10, `${optional} optional dependencies looked at (rollup's and esbuild's platforms)`);
  assert.deepEqual(missing, []);
});

test("the lockfile locks exactly package.json's dependencies", () => {
  const locked = lock.packages?.[""] ?? {};
  assert.equal(lock.lockfileVersion, 3);
  assert.deepEqual(locked.devDependencies ?? {}, pkg.devDependencies ?? {});
  assert.deepEqual(locked.dependencies ?? {}, pkg.dependencies ?? {});
  for (const name of Object.keys(pkg.devDependencies ?? {})) {
    assert.equal(lock.packages[`node_modules/${name}`]?.version, pkg.devDependencies[name], `${name} is locked at the pinned version`);
  }
});
