// The package in every common bundler, with that bundler's default configuration (issue 22): pkg/
// is packed with `npm pack` and unpacked into tests/consumers/node_modules (whose bundlers the
// committed tests/consumers/package-lock.json pins; scripts/setup.sh installs them), then one
// small app per bundler is built in production mode (tests/consumers/apps: the same entry and
// page everywhere, tests/consumers/apps/shared; Rollup's configuration file; Next.js's app
// router files), served on 127.0.0.1 and loaded in headless Chromium. Each page must normalize a
// Tencent SSL body with `cloudcerts` and sign a Qiniu request with `cloudcerts/sign` as the Node
// build does, load the inspector only on the click that inspects a certificate, and log no error.
// Next.js builds twice (Turbopack, then webpack), prerendering the page on the server, which
// imports the package's Node build without calling it. The bytes each page loads (at load, and
// with the first inspection) must stay within size-budget.json's pageGzipBytes; they go to
// test-results/consumers/bytes.json (BENCHMARKS.md quotes them), each build's output to
// test-results/consumers/<app>.log.
// Builds run two at a time (the machine's cores); each writes only under tests/consumers/.work.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { setTimeout as delay } from "node:timers/promises";
import { chromium } from "playwright-core";

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const consumers = join(root, "tests", "consumers");
const modules = join(consumers, "node_modules");
const work = join(consumers, ".work");
const bin = (name) => join(modules, ".bin", name);
const NOW = 1701388800000;
const TIMESTAMP = 1700000000000;
const ACCOUNT = { provider: "qiniu", accessKeyId: "CONSUMERTESTAK", secretAccessKey: "consumer-test-secret" };
const REQUEST = { method: "GET", url: "https://api.qiniu.com/sslcert?marker=&limit=10" };

/**
 * Each app: the files it adds to the shared entry (src/index.js), the commands that build it,
 * and how its page is served: `dist` (a static directory) or `next` (`next start`). `html` names
 * the script the hand-written page of a bundler that does not process HTML loads.
 */
const APPS = [
  { name: "vite", html: "source", build: [[bin("vite"), ["build", "--logLevel", "warn"]]], serve: "dist" },
  { name: "webpack", html: { src: "./main.js", module: false }, build: [[bin("webpack"), ["--mode", "production"]]], serve: "dist" },
  { name: "rspack", html: { src: "./main.js", module: false }, build: [[bin("rspack"), ["build", "--mode", "production"]]], serve: "dist" },
  { name: "parcel", html: "source", build: [[bin("parcel"), ["build", "index.html", "--dist-dir", "dist", "--no-cache", "--no-autoinstall"]]], serve: "dist" },
  { name: "esbuild", html: { src: "./index.js", module: true }, build: [[bin("esbuild"), ["src/index.js", "--bundle", "--format=esm", "--splitting", "--outdir=dist", "--log-level=warning"]]], serve: "dist" },
  { name: "rollup", from: "rollup", html: { src: "./index.js", module: true }, build: [[bin("rollup"), ["-c", "--silent"]]], serve: "dist" },
  // Vite's dev server too (the `development` condition: the embedded build, which survives its
  // pre-bundling of dependencies). Not a production build: no size budget.
  { name: "vite-dev", html: "source", build: [], serve: "vite-dev" },
  { name: "next-turbopack", from: "next", build: [[bin("next"), ["build"]]], serve: "next" },
  { name: "next-webpack", from: "next", build: [[bin("next"), ["build", "--webpack"]]], serve: "next" },
];

const budgets = JSON.parse(readFileSync(join(root, "size-budget.json"), "utf8")).pageGzipBytes;
let browser;
let expected; // what the Node build gives for the same inputs
let pem; // a certificate to inspect
let packed; // the installed package's directory
const builds = new Map(); // app name -> Promise<{ dir, log }>
const measured = {}; // app name -> bytes loaded

async function sh(cmd, args, options = {}) {
  try {
    return await run(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 600_000, ...options });
  } catch (error) {
    error.message += `\n--- stdout\n${error.stdout ?? ""}\n--- stderr\n${error.stderr ?? ""}`;
    throw error;
  }
}

/** Writes the inputs module the shared app imports. */
function writeInputs(body) {
  const lines = [
    "// Written by tests/node/consumers.test.mjs before the builds.",
    `export const BODY = ${JSON.stringify(body)};`,
    `export const NOW = ${NOW};`,
    `export const ACCOUNT = ${JSON.stringify(ACCOUNT)};`,
    `export const REQUEST = ${JSON.stringify(REQUEST)};`,
    `export const TIMESTAMP = ${TIMESTAMP};`,
  ];
  writeFileSync(join(work, "shared", "inputs.js"), lines.join("\n") + "\n");
}

/** The page of a bundler that does not process HTML: the shared page, loading `src`. */
function handWrittenPage({ src, module }) {
  const page = readFileSync(join(consumers, "apps", "shared", "index.html"), "utf8");
  return page.replace('<script type="module" src="./src/index.js"></script>', module ? `<script type="module" src="${src}"></script>` : `<script src="${src}"></script>`);
}

/** Builds one app under .work/<name>: its files, then its bundler's commands, in production mode. */
async function build(app) {
  const dir = join(work, app.name);
  rmSync(dir, { recursive: true, force: true });
  if (app.from) cpSync(join(consumers, "apps", app.from), dir, { recursive: true });
  if (!app.from || app.from === "rollup") {
    mkdirSync(join(dir, "src"), { recursive: true });
    cpSync(join(consumers, "apps", "shared", "index.js"), join(dir, "src", "index.js"));
  }
  if (app.html === "source") cpSync(join(consumers, "apps", "shared", "index.html"), join(dir, "index.html"));
  // Production mode is each command's own default or flag (APPS); Next.js is asked not to phone home.
  const { NODE_ENV, ...inherited } = process.env;
  const env = { ...inherited, NEXT_TELEMETRY_DISABLED: "1", NEXT_IGNORE_INCORRECT_LOCKFILE: "1" };
  let log = "";
  for (const [cmd, args] of app.build) {
    const { stdout, stderr } = await sh(cmd, args, { cwd: dir, env });
    log += stdout + stderr;
  }
  if (app.html && app.html !== "source") writeFileSync(join(dir, "dist", "index.html"), handWrittenPage(app.html));
  // Each bundler's own words (warnings included), for the README's table and for a failing run.
  mkdirSync(join(root, "test-results", "consumers"), { recursive: true });
  writeFileSync(join(root, "test-results", "consumers", `${app.name}.log`), log);
  return { dir, log };
}

/** Serves a static directory on 127.0.0.1. */
async function serveStatic(dir) {
  const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".css": "text/css" };
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = resolve(dir, rel);
    if (!(file + sep).startsWith(resolve(dir) + sep) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((ok) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** Runs `next start` for a built Next.js app on a free loopback port. */
const serveNext = async (dir) => {
  const port = await freePort();
  return serveChild(dir, port, [bin("next"), "start", "-p", String(port), "-H", "127.0.0.1"], { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
};

/** Runs Vite's dev server for an app on a free loopback port. */
const serveViteDev = async (dir) => {
  const port = await freePort();
  return serveChild(dir, port, [bin("vite"), "--port", String(port), "--strictPort", "--host", "127.0.0.1"], {});
};

/** Starts a server process (`command`) in `dir` and waits, at most 30 s, until it answers. */
async function serveChild(dir, port, command, env) {
  const { NODE_ENV, ...inherited } = process.env;
  const child = spawn(process.execPath, command, { cwd: dir, env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited: ${output}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return { url, close: async () => { child.kill(); await new Promise((done) => (child.exitCode !== null ? done() : child.once("exit", done))); } };
    await delay(250);
  }
  child.kill();
  throw new Error(`${command.join(" ")} did not answer: ${output}`);
}

/** Which of the package's wasm modules a response carries: the file itself, or embedded in a script. */
function modulesIn(body, signatures) {
  const text = body.toString("latin1");
  return Object.entries(signatures).filter(([, s]) => body.equals(s.wasm) || text.includes(s.embedded)).map(([name]) => name);
}

before(async () => {
  assert.ok(existsSync(bin("vite")) && existsSync(bin("next")), "tests/consumers has no node_modules: scripts/setup.sh installs them (npm ci)");
  assert.ok(existsSync(join(root, "pkg", "package.json")), "pkg/ is missing: run `npm run build` first");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(consumers, "apps", "shared"), join(work, "shared"), { recursive: true });
  const body = readFileSync(join(root, "tests", "fixtures", "tencent-ssl.seed.json"), "utf8");
  writeInputs(body);

  // The package as npm installs it: packed, then unpacked over tests/consumers/node_modules/cloudcerts.
  const tmp = mkdtempSync(join(tmpdir(), "cloudcerts-consumers-"));
  const { stdout } = await sh("npm", ["pack", join(root, "pkg"), "--pack-destination", tmp, "--json", "--ignore-scripts"], { cwd: tmp });
  const [{ filename }] = JSON.parse(stdout);
  packed = join(modules, "cloudcerts");
  rmSync(packed, { recursive: true, force: true });
  mkdirSync(packed, { recursive: true });
  await sh("tar", ["-xzf", join(tmp, filename), "-C", packed, "--strip-components=1"]);
  rmSync(tmp, { recursive: true, force: true });

  const node = await import(pathToFileURL(join(packed, "node", "index.mjs")).href);
  const nodeSign = await import(pathToFileURL(join(packed, "node", "sign.mjs")).href);
  expected = {
    normalized: node.normalizeResponse("tencent-ssl", body, { now: NOW }).map((c) => [c.id, c.status, c.domains, c.notAfter ?? null]),
    signed: nodeSign.signRequest(ACCOUNT, REQUEST, { timestampMs: TIMESTAMP }).headers,
  };
  const certs = mkdtempSync(join(tmpdir(), "cloudcerts-consumers-certs-"));
  await sh("bash", [join(root, "tests", "support", "make-certs.sh"), certs]);
  pem = readFileSync(join(certs, "chain-ok.pem"), "utf8");
  const report = await node.inspectCertificate(pem);
  expected.inspected = report.certificates.map((c) => [c.commonName, c.sans, c.notAfter]);
  rmSync(certs, { recursive: true, force: true });

  // Two builds at a time, in the order of APPS.
  const queue = [...APPS];
  const started = new Map(APPS.map((app) => [app.name, deferred()]));
  const worker = async () => {
    for (let app = queue.shift(); app; app = queue.shift()) {
      const done = started.get(app.name);
      await build(app).then(done.resolve, done.reject);
    }
  };
  for (let i = 0; i < 2; i++) worker();
  for (const app of APPS) {
    const p = started.get(app.name).promise;
    p.catch(() => {}); // reported by the app's test
    builds.set(app.name, p);
  }
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

function deferred() {
  let resolve, reject;
  const promise = new Promise((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}

after(async () => {
  await browser?.close();
  if (Object.keys(measured).length) {
    mkdirSync(join(root, "test-results"), { recursive: true });
    writeFileSync(join(root, "test-results", "consumers", "bytes.json"), JSON.stringify(measured, null, 2) + "\n");
  }
  if (process.env.CLOUDCERTS_KEEP_TEST_RESULTS !== "1") rmSync(work, { recursive: true, force: true });
});

for (const app of APPS) {
  test(`${app.name}: the default configuration builds the app; in Chromium it normalizes, signs, inspects on a click (loading the inspector then), and logs no error`, { timeout: 900_000 }, async () => {
    const { dir } = await builds.get(app.name);
    const server = app.serve === "next" ? await serveNext(dir) : app.serve === "vite-dev" ? await serveViteDev(dir) : await serveStatic(join(dir, "dist"));
    const signatures = Object.fromEntries(
      ["cloudcerts", "cloudcerts_sign", "cloudcerts_inspect"].map((name) => {
        const wasm = readFileSync(join(packed, "web", `${name}_bg.wasm`));
        // A stretch of the embedded copy's base64 (deflated bytes: no two modules share one).
        const embedded = readFileSync(join(packed, "web", `${name}_bg.embedded.js`), "utf8").match(/"([^"]+)"/)[1].slice(1000, 1064);
        return [name, { wasm, embedded }];
      }),
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    const responses = [];
    // (Chromium asks every page for /favicon.ico; none of these apps has one.)
    page.on("console", (m) => m.type() === "error" && !m.location().url?.endsWith("/favicon.ico") && errors.push(`console: ${m.text()} (${m.location().url})`));
    page.on("pageerror", (e) => errors.push(`page: ${e}`));
    page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
    page.on("response", (r) => responses.push(r));
    const loaded = async (list) => {
      let raw = 0;
      let gzipped = 0;
      const found = new Set();
      for (const r of list) {
        if (new URL(r.url()).pathname === "/favicon.ico") continue;
        if (!r.ok()) {
          errors.push(`HTTP ${r.status()} ${r.url()}`);
          continue;
        }
        const body = await r.body().catch(() => Buffer.alloc(0));
        raw += body.length;
        gzipped += gzipSync(body, { level: 9 }).length;
        for (const m of modulesIn(body, signatures)) found.add(m);
      }
      return { requests: list.length, raw, gzipped, modules: [...found].sort() };
    };
    try {
      if (app.serve === "next") {
        // Rendered on the server: the client component's markup is in the HTML before any script.
        const html = await (await fetch(server.url)).text();
        assert.match(html, /<button id="inspect">Inspect<\/button>/, "the page was not rendered on the server");
      }
      await page.goto(server.url);
      await page.waitForSelector('#out[data-state], #out[data-error]', { state: "attached", timeout: 60_000 });
      await page.waitForLoadState("networkidle");
      const out = page.locator("#out");
      assert.equal(await out.getAttribute("data-error"), null, `the page reports: ${await out.getAttribute("data-error")}`);
      assert.deepEqual(JSON.parse(await out.getAttribute("data-normalized")), expected.normalized);
      assert.deepEqual(JSON.parse(await out.getAttribute("data-signed")), expected.signed);
      const atLoad = await loaded(responses.splice(0));
      assert.ok(!atLoad.modules.includes("cloudcerts_inspect"), `the inspector came with the page: ${atLoad.modules}`);
      assert.ok(atLoad.modules.includes("cloudcerts"), `the main module did not come with the page: ${atLoad.modules}`);

      await page.fill("#pem", pem);
      await page.click("#inspect");
      await page.waitForSelector("#out[data-inspected], #out[data-error]", { state: "attached", timeout: 60_000 });
      await page.waitForLoadState("networkidle");
      assert.equal(await out.getAttribute("data-error"), null, `the page reports: ${await out.getAttribute("data-error")}`);
      assert.deepEqual(JSON.parse(await out.getAttribute("data-inspected")), expected.inspected);
      const onInspect = await loaded(responses.splice(0));
      assert.deepEqual(onInspect.modules, ["cloudcerts_inspect"], "the first inspection loads the inspector, and only it");
      assert.deepEqual(errors, []);
      measured[app.name] = { atLoad, onInspect };
      const budget = budgets[app.name];
      if (app.serve === "vite-dev") return; // unminified, not a page anyone ships
      assert.ok(atLoad.gzipped <= budget.atLoad, `the page loads ${atLoad.gzipped} B gzipped, over its budget of ${budget.atLoad} B (size-budget.json)`);
      assert.ok(onInspect.gzipped <= budget.onInspect, `the first inspection loads ${onInspect.gzipped} B gzipped, over its budget of ${budget.onInspect} B (size-budget.json)`);
    } finally {
      await context.close();
      await server.close();
    }
  });
}
