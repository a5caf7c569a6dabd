// Minifies the JavaScript of the `web` build, the one browsers load as it is (without a bundler):
// whitespace and comments removed, syntax shortened, names kept (so that stack traces and profiles
// still read; esbuild renames a local only where two would collide, `arg0` to `arg02`), each file
// with an external source map holding its original text, which a
// browser fetches only when its developer tools are open. BENCHMARKS.md §24: about 8.3 KB gzipped
// off what a page that runs `inventory` downloads, 3.1 KB off a `cloudcerts/sign` page.
//
// The `bundler` and Node builds stay as written (Node reads files from disk). The bundlers of the
// README's table resolve `web/` too, so their pages start from these files (and minify again). The `*_bg.embedded.js` files (a gzipped wasm module as one base64 string) are left as
// they are. A file that already ends with its source map comment was minified by an earlier build
// and reused unchanged by scripts/build.sh (with its map): it is not minified twice.
//
//   node scripts/minify-web.mjs DIR   (DIR: a web build directory, e.g. pkg.tmp.XXXX/web)

import { transformSync } from 'esbuild';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/minify-web.mjs DIR');

const MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]+\.js\.map\n?$/;

function jsFiles(d) {
  const out = [];
  for (const name of readdirSync(d)) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) out.push(...jsFiles(path));
    else if (name.endsWith('.js') && !name.endsWith('.embedded.js')) out.push(path);
  }
  return out;
}

let before = 0;
let after = 0;
for (const path of jsFiles(dir)) {
  const source = readFileSync(path, 'utf8');
  if (MAP_COMMENT.test(source)) continue;
  const name = basename(path);
  const { code, map } = transformSync(source, {
    loader: 'js',
    // Module syntax and top-level await stay as written; nothing is lowered.
    target: 'esnext',
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: false,
    sourcemap: 'external',
    sourcefile: name,
  });
  // wasm-bindgen's `/* @ts-self-types="./x.d.ts" */` (where Deno and direct URL imports find the
  // types) is a comment too: kept, on a line of its own before the code, and the map told that
  // the code starts a line later (an empty first line of mappings).
  const selfTypes = /^\/\* @ts-self-types="[^"]+" \*\/\n/.exec(source)?.[0] ?? '';
  const sourceMap = JSON.parse(map);
  if (selfTypes) sourceMap.mappings = `;${sourceMap.mappings}`;
  writeFileSync(path, `${selfTypes}${code}//# sourceMappingURL=${name}.map\n`);
  writeFileSync(`${path}.map`, JSON.stringify(sourceMap));
  before += source.length;
  after += code.length;
}
console.log(`minify-web: ${before} B of JavaScript in ${dir} written as ${after} B (source maps beside)`);
