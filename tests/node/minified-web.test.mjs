// The `web` build's JavaScript is minified by scripts/minify-web.mjs (BENCHMARKS.md §24): names
// kept, each file with a source map that holds its original text and points back into it, and
// wasm-bindgen's `@ts-self-types` comment kept. The `bundler` and Node builds stay as written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SourceMapConsumer } from "source-map-js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = join(root, "pkg");

/** Every .js file under `dir`, but the embedded wasm modules (one base64 string each). */
function scripts(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...scripts(path));
    else if (name.endsWith(".js") && !name.endsWith(".embedded.js")) out.push(path);
  }
  return out;
}

/** The source line (0-based) a source map gives for a generated line and column (0-based). */
function sourceLineAt(map, line, column) {
  const { line: original } = new SourceMapConsumer(map).originalPositionFor({ line: line + 1, column, bias: SourceMapConsumer.GREATEST_LOWER_BOUND });
  return original === null ? undefined : original - 1;
}

/** Where `needle` first is in `text`: its line and column, 0-based. */
function positionOf(text, needle) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not found`);
  const before = text.slice(0, at).split("\n");
  return { line: before.length - 1, column: before[before.length - 1].length };
}

test("every script of the web build is minified, with a source map of its original text beside it", () => {
  const files = scripts(join(pkg, "web"));
  assert.ok(files.length >= 15, `${files.length} scripts`);
  for (const path of files) {
    const name = basename(path);
    const code = readFileSync(path, "utf8");
    assert.ok(code.endsWith(`//# sourceMappingURL=${name}.map\n`), `${name} names its map`);
    assert.ok(existsSync(`${path}.map`), `${name}.map`);
    const map = JSON.parse(readFileSync(`${path}.map`, "utf8"));
    assert.deepEqual(map.sources, [name]);
    const original = map.sourcesContent[0];
    assert.ok(original.length > code.length, `${name}: the map holds the longer original (${original.length} > ${code.length} B)`);
    // Minified once: the original is the file as written, not an earlier build's minified copy.
    assert.ok(!original.includes("//# sourceMappingURL="), `${name} was minified twice`);
    // Minified: no line comment survives (the original of most files has some).
    const lines = code.split("\n").filter((l) => l !== "");
    assert.ok(lines.length <= 3, `${name}: ${lines.length} lines`);
  }
});

test("names are kept, and the maps lead back to the line each function is written on", () => {
  const cases = [
    // The glue keeps wasm-bindgen's @ts-self-types line before the code: the map must skip it.
    ["web/cloudcerts.js", "export function signRequest(", "export function signRequest("],
    ["web/cloudcerts_sign.js", "export function signRequest(", "export function signRequest("],
    ["web/replace.js", "export async function replaceCertificate(", "export async function replaceCertificate("],
    // Functions that are not exported, which a minifier renames when told to shorten names, and
    // parameter names.
    ["web/replace.js", "function listings(ids,inventory,field)", "function listings(ids, inventory, field)"],
    ["web/renew.js", "function namesOf(certificate)", "function namesOf(certificate)"],
    ["web/cloudcerts.js", "function passStringToWasm0(arg,malloc,realloc)", "function passStringToWasm0(arg, malloc, realloc)"],
  ];
  const packed = scripts(join(pkg, "web")).find((p) => p.endsWith("/src/packed.js"));
  assert.ok(packed, "the packed snippet");
  cases.push([packed.slice(pkg.length + 1), "export function cc_pack_sign(", "export function cc_pack_sign("]);
  for (const [file, generated, source] of cases) {
    const code = readFileSync(join(pkg, file), "utf8");
    const map = JSON.parse(readFileSync(join(pkg, `${file}.map`), "utf8"));
    const { line, column } = positionOf(code, generated);
    const expected = positionOf(map.sourcesContent[0], source).line;
    assert.equal(sourceLineAt(map, line, column), expected, `${file}: ${generated}`);
  }
});

test("wasm-bindgen's @ts-self-types comment stays first in each module's glue", () => {
  for (const name of ["cloudcerts", "cloudcerts_sign", "cloudcerts_inspect", "cloudcerts_acme"]) {
    const code = readFileSync(join(pkg, "web", `${name}.js`), "utf8");
    assert.ok(code.startsWith(`/* @ts-self-types="./${name}.d.ts" */\n`), name);
  }
});

test("the bundler and Node builds are as written: comments in, no source maps", () => {
  for (const file of ["bundler/cloudcerts_bg.js", "bundler/replace.js", "node/cloudcerts.cjs", "node/replace.js"]) {
    const code = readFileSync(join(pkg, file), "utf8");
    assert.ok(!code.includes("//# sourceMappingURL="), `${file} has no map`);
    assert.ok(code.split("\n").length > 20, `${file} is not minified`);
  }
});
