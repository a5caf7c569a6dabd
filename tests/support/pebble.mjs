// Test harness: Debian's pebble (an ACME test CA, RFC 8555) with pebble-challtestsrv as its DNS,
// on loopback only, for end-to-end DNS-01 tests. scripts/setup.sh installs the `pebble` package.
//
//   const pebble = await startPebble();
//   pebble.directoryUrl     // "https://localhost:<port>/dir"
//   pebble.caCertPem        // trust this for pebble's HTTPS (directory and management API)
//   pebble.challtestsrvUrl  // "http://127.0.0.1:<port>": POST /set-txt {"host": "_acme-challenge.a.test.", "value": "…"}
//   pebble.dnsAddress       // "127.0.0.1:<port>": challtestsrv's DNS (UDP and TCP), the one pebble asks
//   await pebble.rootsPem() // pebble's issuing roots (new on every start), for checking issued chains
//   await pebble.close()    // kills both processes, removes the temporary directory
//
// Each start makes a temporary directory with a fresh TLS CA and a certificate for localhost and
// 127.0.0.1 (tests/support/localhost-cert.mjs), writes pebble's JSON config (its keys are those of
// pebble 2.4's cmd/pebble/main.go), and starts pebble-challtestsrv with only its DNS-01 and
// management listeners, then pebble with `-dnsserver` pointed at that DNS and
// PEBBLE_VA_NOSLEEP=1. Ports are free loopback ports picked just before the start; if another
// process takes one in between, the start is tried again with new ports (3 attempts). It is ready
// when pebble's directory and management API answer over TLS with our certificate and a TXT record
// written through challtestsrv's management API reads back over its DNS.
//
// Note: challtestsrv's `set-txt` appends to a name's values; `clear-txt` removes them all.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import { promises as dnsPromises } from "node:dns";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { makeLocalhostCert } from "./localhost-cert.mjs";

const ATTEMPTS = 3;
const OUTPUT_LIMIT = 64 * 1024;
const BIND_CONFLICT = /address already in use/i;

/**
 * Starts pebble and pebble-challtestsrv.
 *
 * @param {object} [options]
 * @param {number} [options.nonceRejectPercent=0] share of valid nonces pebble rejects as badNonce
 *   (PEBBLE_WFE_NONCEREJECT; pebble's own default is 5)
 * @param {number} [options.authzReuse=0] share of new orders that reuse a valid authorization
 *   (PEBBLE_AUTHZREUSE; pebble's own default is 50)
 * @param {{kid: string, hmacKey: string | Uint8Array}} [options.eab] require external account
 *   binding with this key id and HMAC key (base64url text, as CAs hand it out, or raw bytes)
 * @param {Record<string, string>} [options.env] more environment for pebble (e.g.
 *   PEBBLE_VA_ALWAYS_VALID, PEBBLE_CHAIN_LENGTH, PEBBLE_ALTERNATE_ROOTS)
 * @param {number} [options.startupTimeoutMs=15000] per attempt
 */
export async function startPebble(options = {}) {
  const nonceRejectPercent = percent(options.nonceRejectPercent ?? 0, "nonceRejectPercent");
  const authzReuse = percent(options.authzReuse ?? 0, "authzReuse");
  const eab = options.eab === undefined ? null : eabConfig(options.eab);
  const startupTimeoutMs = options.startupTimeoutMs ?? 15_000;

  const dir = await mkdtemp(path.join(os.tmpdir(), "cloudcerts-pebble-"));
  try {
    const tls = await makeLocalhostCert(dir, { name: "cloudcerts pebble TLS CA" });
    let lastError = null;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const ports = await freePorts();
      const configPath = path.join(dir, "pebble-config.json");
      await writeFile(
        configPath,
        JSON.stringify(
          {
            pebble: {
              listenAddress: `127.0.0.1:${ports.acme}`,
              managementListenAddress: `127.0.0.1:${ports.management}`,
              certificate: tls.certPath,
              privateKey: tls.keyPath,
              // Only DNS-01 is used: the ports HTTP-01 and TLS-ALPN-01 would be checked on are
              // free ports nothing listens on.
              httpPort: ports.http01,
              tlsPort: ports.tlsAlpn01,
              ocspResponderURL: "",
              externalAccountBindingRequired: eab !== null,
              ...(eab && { externalAccountMACKeys: { [eab.kid]: eab.hmacKey } }),
            },
          },
          null,
          2,
        ),
      );
      const chall = run("pebble-challtestsrv", [
        "-dns01", `127.0.0.1:${ports.dns}`,
        "-management", `127.0.0.1:${ports.challManagement}`,
        "-http01", "",
        "-https01", "",
        "-tlsalpn01", "",
      ], { PATH: process.env.PATH ?? "/usr/bin:/bin" });
      const pebble = run("pebble", ["-config", configPath, "-dnsserver", `127.0.0.1:${ports.dns}`], {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        PEBBLE_VA_NOSLEEP: "1",
        PEBBLE_WFE_NONCEREJECT: String(nonceRejectPercent),
        PEBBLE_AUTHZREUSE: String(authzReuse),
        ...options.env,
      });
      const handle = makeHandle({ dir, tls, ports, pebble, chall });
      try {
        await waitReady(handle, startupTimeoutMs);
        return handle.api;
      } catch (err) {
        await handle.stop();
        lastError = err;
        if (!err.bindConflict) throw err;
      }
    }
    throw new Error(`pebble: no free ports after ${ATTEMPTS} attempts: ${lastError.message}`);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function percent(value, name) {
  if (!Number.isInteger(value) || value < 0 || value > 100) throw new TypeError(`${name} must be an integer 0..100, got ${value}`);
  return value;
}

function eabConfig({ kid, hmacKey }) {
  if (typeof kid !== "string" || kid === "") throw new TypeError("eab.kid must be a non-empty string");
  // pebble decodes the key as unpadded base64url (base64.RawURLEncoding).
  const text = typeof hmacKey === "string" ? hmacKey.replace(/=+$/, "") : Buffer.from(hmacKey ?? []).toString("base64url");
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new TypeError("eab.hmacKey must be base64url text or bytes");
  return { kid, hmacKey: text };
}

/** A child process with its output kept (the last 64 KiB) for error messages. */
function run(command, args, env) {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const state = { command, child, output: "", exited: null, spawnError: null };
  const keep = (chunk) => {
    state.output = (state.output + chunk).slice(-OUTPUT_LIMIT);
  };
  child.stdout.setEncoding("utf8").on("data", keep);
  child.stderr.setEncoding("utf8").on("data", keep);
  child.on("error", (err) => {
    state.spawnError = err;
  });
  state.done = new Promise((resolve) => {
    child.on("close", (code, signal) => {
      state.exited = { code, signal };
      resolve();
    });
  });
  return state;
}

function makeHandle({ dir, tls, ports, pebble, chall }) {
  const origin = `https://localhost:${ports.acme}`;
  const managementUrl = `https://localhost:${ports.management}`;
  // If the test process ends without close(), the children must not outlive it.
  const killOnExit = () => {
    for (const p of [pebble, chall]) if (p.exited === null) p.child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);

  let stopping = null;
  const stop = () => {
    stopping ??= (async () => {
      process.off("exit", killOnExit);
      await Promise.all(
        [pebble, chall].map(async (p) => {
          if (p.exited !== null || p.spawnError) return;
          p.child.kill("SIGTERM");
          const late = setTimeout(() => p.child.kill("SIGKILL"), 3000);
          await p.done;
          clearTimeout(late);
        }),
      );
    })();
    return stopping;
  };

  let closing = null;
  const api = {
    directoryUrl: `${origin}/dir`,
    caCertPem: tls.caPem,
    /** The same CA as a file (for `node proxy/server.mjs --acme-ca=…`); gone after close(). */
    caCertPath: tls.caPath,
    challtestsrvUrl: `http://127.0.0.1:${ports.challManagement}`,
    dnsAddress: `127.0.0.1:${ports.dns}`,
    /** Pebble's management API (HTTPS, same CA): /roots/N, /intermediates/N, /intermediate-keys/N… */
    managementUrl,
    /** Pebble's issuing roots as PEM, one after another (one unless PEBBLE_ALTERNATE_ROOTS is set). */
    async rootsPem() {
      const roots = [];
      for (let i = 0; i < 16; i++) {
        const r = await get(`${managementUrl}/roots/${i}`, tls.caPem);
        if (r.status === 404) break;
        if (r.status !== 200) throw new Error(`pebble /roots/${i}: HTTP ${r.status}`);
        roots.push(r.body.toString("utf8").trim());
      }
      if (roots.length === 0) throw new Error("pebble has no root at /roots/0");
      return roots.join("\n") + "\n";
    },
    /** What the two processes printed so far (for a failing test's message). */
    logs: () => ({ pebble: pebble.output, challtestsrv: chall.output }),
    close() {
      closing ??= stop().then(() => rm(dir, { recursive: true, force: true }));
      return closing;
    },
  };
  return { api, stop, pebble, chall, ports, tls };
}

/** Waits until pebble's directory and management API answer and challtestsrv serves a TXT record. */
async function waitReady(handle, timeoutMs) {
  const { api, pebble, chall, tls } = handle;
  const deadline = Date.now() + timeoutMs;
  const probe = `_cloudcerts-ready-${randomBytes(6).toString("hex")}.test.`;
  const value = randomBytes(12).toString("hex");
  const pending = { directory: true, management: true, dns: true };
  let lastProblem = "no answer yet";
  let txtSet = false;

  const failure = (message) => {
    const err = new Error(
      `${message}\n--- pebble output\n${tail(pebble)}\n--- pebble-challtestsrv output\n${tail(chall)}`,
    );
    err.bindConflict = BIND_CONFLICT.test(pebble.output) || BIND_CONFLICT.test(chall.output);
    return err;
  };

  while (true) {
    for (const p of [pebble, chall]) {
      if (p.spawnError) {
        const why = p.spawnError.code === "ENOENT" ? "not found: install Debian's pebble package (scripts/setup.sh does)" : p.spawnError.message;
        throw failure(`${p.command}: ${why}`);
      }
      if (p.exited !== null) throw failure(`${p.command} exited (${p.exited.signal ?? `code ${p.exited.code}`}) before it was ready`);
    }
    // challtestsrv only logs a listener that failed to bind, and keeps running.
    if (BIND_CONFLICT.test(chall.output)) throw failure("pebble-challtestsrv could not bind a port");
    try {
      if (pending.directory) {
        const r = await get(api.directoryUrl, tls.caPem);
        if (r.status !== 200 || !JSON.parse(r.body.toString("utf8")).newNonce) throw new Error(`directory: HTTP ${r.status}`);
        pending.directory = false;
      }
      if (pending.management) {
        const r = await get(`${api.managementUrl}/roots/0`, tls.caPem);
        if (r.status !== 200) throw new Error(`management /roots/0: HTTP ${r.status}`);
        pending.management = false;
      }
      if (pending.dns) {
        if (!txtSet) {
          await challtestsrv(api.challtestsrvUrl, "set-txt", { host: probe, value });
          txtSet = true;
        }
        const resolver = new dnsPromises.Resolver({ timeout: 300, tries: 1 });
        resolver.setServers([api.dnsAddress]);
        const records = await resolver.resolveTxt(probe);
        if (!records.some((r) => r.join("") === value)) throw new Error(`DNS answered ${JSON.stringify(records)}`);
        await challtestsrv(api.challtestsrvUrl, "clear-txt", { host: probe });
        pending.dns = false;
      }
      return;
    } catch (err) {
      lastProblem = err.message;
    }
    if (Date.now() > deadline) throw failure(`pebble not ready within ${timeoutMs} ms (${lastProblem})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tail = (p) => p.output.trim().split("\n").slice(-20).join("\n") || "(nothing)";

/** GET over TLS trusting only `ca`. Bounded: 2 s. */
function get(url, ca) {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, agent: false, timeout: 2000 }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timeout: GET ${url}`)));
    req.on("error", reject);
  });
}

/** POST a JSON command to challtestsrv's management API (plain HTTP on loopback). Bounded: 2 s. */
export function challtestsrv(baseUrl, command, body) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      `${baseUrl}/${command}`,
      { method: "POST", agent: false, timeout: 2000, headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) } },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode === 200) resolve(text);
          else reject(new Error(`challtestsrv /${command}: HTTP ${res.statusCode} ${text.trim()}`));
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: challtestsrv /${command}`)));
    req.on("error", reject);
    req.end(data);
  });
}

/**
 * Distinct loopback ports free right now: all are held open together while they are picked, so
 * they differ; the DNS port is free for UDP too.
 */
async function freePorts() {
  const names = ["acme", "management", "dns", "challManagement", "http01", "tlsAlpn01"];
  for (let tries = 0; tries < 20; tries++) {
    const held = [];
    try {
      for (let i = 0; i < names.length; i++) held.push(await listenTcp());
      const ports = Object.fromEntries(names.map((n, i) => [n, held[i].address().port]));
      const udp = await bindUdp(ports.dns).catch(() => null);
      if (udp === null) continue; // taken for UDP: pick again
      await new Promise((r) => udp.close(r));
      return ports;
    } finally {
      await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
    }
  }
  throw new Error("pebble: could not find free loopback ports");
}

function listenTcp() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => resolve(s));
  });
}

function bindUdp(port) {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket("udp4");
    s.once("error", (err) => {
      s.close();
      reject(err);
    });
    s.bind(port, "127.0.0.1", () => resolve(s));
  });
}
