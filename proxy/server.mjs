#!/usr/bin/env node
// cloudcerts CORS proxy — command line. `npm run proxy` = `node proxy/server.mjs`.
//
//   node proxy/server.mjs                      real vendors over https (needs internet)
//   node proxy/server.mjs --sandbox            allow-listed requests go to http://127.0.0.1:8788
//   node proxy/server.mjs --sandbox=http://127.0.0.1:9000
//   node proxy/server.mjs --verbose            one line per request (method host path status ms)
//   node proxy/server.mjs --acme=https://localhost:14000 --acme-ca=/path/ca.pem
//                                              also admit that one ACME origin (a local pebble),
//                                              over TLS trusting only that CA
//
// Environment: PORT (default 8787), CLOUDCERTS_PROXY_SANDBOX (a URL, or 1 for the default),
// CLOUDCERTS_PROXY_ORIGINS (comma-separated allowed origins; default any), CLOUDCERTS_PROXY_LOG=1,
// CLOUDCERTS_PROXY_MAX_BODY (bytes), CLOUDCERTS_PROXY_TIMEOUT_MS, CLOUDCERTS_PROXY_ACME (origin)
// with CLOUDCERTS_PROXY_ACME_CA (PEM file).
//
// Importing this file only re-exports the API; the server starts when it is run directly.

import { readFileSync, realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import {
  startProxy,
  parseAcmeUpstream,
  DEFAULT_PORT,
  DEFAULT_SANDBOX_URL,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
} from "./proxy.mjs";

export * from "./proxy.mjs";

const USAGE = `usage: node proxy/server.mjs [--sandbox[=URL]] [--acme=https://HOST:PORT --acme-ca=CA.pem] [--verbose] [--help]
  PORT=8787  CLOUDCERTS_PROXY_SANDBOX=URL|1  CLOUDCERTS_PROXY_ORIGINS=https://a.example,...
  CLOUDCERTS_PROXY_LOG=1  CLOUDCERTS_PROXY_MAX_BODY=1048576  CLOUDCERTS_PROXY_TIMEOUT_MS=30000
  CLOUDCERTS_PROXY_ACME=https://localhost:14000  CLOUDCERTS_PROXY_ACME_CA=/path/ca.pem`;

function positiveInt(value, name, fallback) {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${value}`);
  return n;
}

/** Options for startProxy() from argv and env. Exported for tests. */
export function optionsFromCli(argv, env) {
  let sandbox = null;
  const envSandbox = env.CLOUDCERTS_PROXY_SANDBOX;
  if (envSandbox && envSandbox !== "0" && envSandbox !== "false") {
    sandbox = envSandbox === "1" || envSandbox === "true" ? DEFAULT_SANDBOX_URL : envSandbox;
  }
  let log = env.CLOUDCERTS_PROXY_LOG === "1" || env.CLOUDCERTS_PROXY_LOG === "true";
  let acmeUrl = env.CLOUDCERTS_PROXY_ACME || null;
  let acmeCa = env.CLOUDCERTS_PROXY_ACME_CA || null;
  for (const arg of argv) {
    if (arg === "--sandbox") sandbox ??= DEFAULT_SANDBOX_URL;
    else if (arg.startsWith("--sandbox=")) sandbox = arg.slice("--sandbox=".length) || DEFAULT_SANDBOX_URL;
    else if (arg.startsWith("--acme=")) acmeUrl = arg.slice("--acme=".length);
    else if (arg.startsWith("--acme-ca=")) acmeCa = arg.slice("--acme-ca=".length);
    else if (arg === "--verbose" || arg === "-v") log = true;
    else if (arg === "--help" || arg === "-h") return { help: true };
    else throw new Error(`unknown argument: ${arg}\n${USAGE}`);
  }
  let acme = null;
  if (acmeUrl || acmeCa) {
    if (!acmeUrl || !acmeCa) throw new Error(`--acme (CLOUDCERTS_PROXY_ACME) and --acme-ca (CLOUDCERTS_PROXY_ACME_CA) go together\n${USAGE}`);
    let caPem;
    try {
      caPem = readFileSync(acmeCa, "utf8");
    } catch (err) {
      throw new Error(`cannot read the ACME CA file ${acmeCa}: ${err.code ?? err.message}`);
    }
    acme = { url: acmeUrl, caPem };
    parseAcmeUpstream(acme); // refuse a bad URL or CA file here, before listening
  }
  return {
    port: positiveInt(env.PORT, "PORT", DEFAULT_PORT),
    sandbox,
    allowedOrigins: env.CLOUDCERTS_PROXY_ORIGINS,
    maxBodyBytes: positiveInt(env.CLOUDCERTS_PROXY_MAX_BODY, "CLOUDCERTS_PROXY_MAX_BODY", DEFAULT_MAX_BODY_BYTES),
    timeoutMs: positiveInt(env.CLOUDCERTS_PROXY_TIMEOUT_MS, "CLOUDCERTS_PROXY_TIMEOUT_MS", DEFAULT_TIMEOUT_MS),
    log,
    acme,
  };
}

async function main() {
  let options;
  try {
    options = optionsFromCli(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const proxy = await startProxy(options);
  const mode = proxy.sandbox
    ? `sandbox mode: allow-listed vendor requests go to ${proxy.sandbox} over plain HTTP`
    : "real vendors over https; this machine needs internet access";
  console.log(`cloudcerts proxy listening on ${proxy.url} (${mode})`);
  if (proxy.acme) console.log(`also admitting the ACME server ${proxy.acme} (over TLS, trusting only the given CA): ${proxy.url}${proxy.acme}/...`);
  console.log(`use it as the proxy prefix: ${proxy.url}https://ssl.tencentcloudapi.com/`);
  const stop = () => {
    proxy.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function isMain() {
  try {
    return Boolean(process.argv[1]) && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  main().catch((err) => {
    console.error(`cloudcerts proxy: ${err.message}`);
    process.exit(1);
  });
}
