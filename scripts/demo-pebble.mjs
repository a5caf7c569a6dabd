#!/usr/bin/env node
// The demo's ACME CA, for the page's "Renew with ACME": Debian's pebble (a test CA) with
// pebble-challtestsrv as its DNS, on loopback (tests/support/pebble.mjs starts both, on free
// ports, with a throwaway TLS CA for localhost). Started by scripts/demo.sh; stays up until killed.
//
//   node scripts/demo-pebble.mjs [--page FILE] [--env FILE]
//
// Once pebble answers it writes:
//   --page FILE (default www/demo-acme.json): what the page reads, `{"directory": "https://localhost:PORT/dir"}`;
//     scripts/serve.mjs serves it as /demo-acme.json. Removed again on SIGINT and SIGTERM.
//   --env FILE: shell assignments for scripts/demo.sh: ACME_DIRECTORY (the same URL), ACME_ORIGIN
//     and ACME_CA (the proxy's --acme and --acme-ca: pebble's origin and the CA file its TLS
//     certificate chains to) and CHALLTESTSRV (the sandbox's --challtestsrv: the DNS pebble asks).
// Each file is written whole (to a temporary name, then renamed): a reader never sees half of it.
import { rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { realpathSync } from "node:fs";
import { startPebble } from "../tests/support/pebble.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_PAGE_FILE = join(root, "www", "demo-acme.json");

/** What the page learns from /demo-acme.json: the directory URL only (no path, no key). */
export const pageInfo = (pebble) => ({ directory: pebble.directoryUrl });

/** demo.sh's shell assignments (single-quoted: the values are URLs and a temporary path). */
export function envText(pebble) {
  const quote = (v) => `'${String(v).replaceAll("'", "'\\''")}'`;
  const vars = {
    ACME_DIRECTORY: pebble.directoryUrl,
    ACME_ORIGIN: new URL(pebble.directoryUrl).origin,
    ACME_CA: pebble.caCertPath,
    CHALLTESTSRV: pebble.challtestsrvUrl,
  };
  return Object.entries(vars).map(([k, v]) => `${k}=${quote(v)}\n`).join("");
}

async function writeWhole(file, text) {
  const part = `${file}.${process.pid}.part`;
  await writeFile(part, text);
  await rename(part, file);
}

function parseArgs(argv) {
  const opts = { page: DEFAULT_PAGE_FILE, env: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (!v) throw new Error(`${flag} needs a file name`);
      return resolve(v);
    };
    if (flag === "--page") opts.page = value();
    else if (flag === "--env") opts.env = value();
    else if (flag === "--help" || flag === "-h") return { help: true };
    else throw new Error(`unknown argument ${argv[i]}\nusage: node scripts/demo-pebble.mjs [--page FILE] [--env FILE]`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log("usage: node scripts/demo-pebble.mjs [--page FILE] [--env FILE]   (see the comment at the top)");
    return;
  }
  const pebble = await startPebble();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await rm(opts.page, { force: true });
    if (opts.env) await rm(opts.env, { force: true });
    await pebble.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await writeWhole(opts.page, JSON.stringify(pageInfo(pebble), null, 2) + "\n");
  if (opts.env) await writeWhole(opts.env, envText(pebble));
  console.log(`pebble (ACME test CA): ${pebble.directoryUrl}, its DNS pebble-challtestsrv: ${pebble.dnsAddress} (management ${pebble.challtestsrvUrl})`);
  // Stays up (the two child processes keep the event loop alive) until SIGINT or SIGTERM.
}

const direct = Boolean(process.argv[1]) && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (direct) {
  main().catch((err) => {
    console.error(`demo-pebble: ${err.message}`);
    process.exit(1);
  });
}
