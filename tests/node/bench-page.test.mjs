// The benchmark's Chromium page (bench/page/index.html) must load in a browser: every module it
// imports, transitively, is served by bench/browser.mjs and imports nothing Node-only. (A bench
// module once imported sandbox/data.mjs, which needs node:crypto, and the page stopped loading;
// CI does not run the benchmarks, so this is the guard.) Static imports only, as the page uses.
// Bare specifiers are allowed only through the page's import map, onto a served package under
// node_modules/ (a browser-ready ES module package, not scanned further: its comments hold
// usage examples that look like imports).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { servedPath } from "../../bench/browser.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const IMPORT = /\bimport\s*(?:[\w*{}\s,]+\s*from\s*)?["']([^"']+)["']|\bexport\s*[\w*{}\s,]+\s*from\s*["']([^"']+)["']/g;

function specifiers(text) {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

test("the benchmark page's module graph is browser-safe and served", () => {
  const html = readFileSync(join(root, "bench/page/index.html"), "utf8");
  const map = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{"imports": {}}').imports;
  const mapped = (url) => {
    const prefix = Object.keys(map).find((p) => p.endsWith("/") && url.startsWith(p));
    return prefix ? map[prefix] + url.slice(prefix.length) : (map[url] ?? url);
  };
  const pending = specifiers(html).map((s) => ({ from: "bench/page/index.html", url: s }));
  assert.ok(pending.length >= 4, `the page imports ${pending.length} modules`);
  const seen = new Set();
  while (pending.length) {
    const { from, url: specifier } = pending.pop();
    const url = mapped(specifier);
    assert.ok(!url.startsWith("node:") && !/^[a-z@]/.test(url), `${from} imports ${url}, which a page cannot load`);
    const file = url.startsWith("/") ? join(root, url) : resolve(dirname(join(root, from)), url);
    const path = `/${relative(root, file)}`;
    assert.ok(servedPath(path), `${from} imports ${path}, which bench/browser.mjs does not serve`);
    assert.ok(existsSync(file), `${from} imports ${path}, which does not exist (is pkg/ built?)`);
    if (seen.has(path)) continue;
    seen.add(path);
    if (path.startsWith("/node_modules/")) continue;
    for (const next of specifiers(readFileSync(file, "utf8"))) pending.push({ from: path.slice(1), url: next });
  }
  assert.ok(seen.has("/sandbox/prng.mjs") && seen.has("/pkg/web/manual.js"), [...seen].join(", "));
});
