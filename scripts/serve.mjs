// A tiny static server for the demo: www/ at `/`, the built package at `/pkg/`. Loopback only.
// Also `/sandbox-sample.json`: the sandbox's public sample certificate and key
// (sandbox/samples.mjs, self-signed, protecting nothing) for the page's "fill with sandbox sample",
// and `/sandbox-renewal.json`: the sample's renewal, for the page's "Renew".
// Usage: node scripts/serve.mjs [port]   (default 8080, or $PORT)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml",
};

async function sendSample(res, which = "sampleCertificate") {
  try {
    const { [which]: s } = await import("../sandbox/samples.mjs");
    const body = JSON.stringify({ commonName: s.commonName, certificatePem: s.certificatePem, privateKeyPem: s.privateKeyPem });
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("no sandbox sample");
  }
}

export function startStatic({ port = 8080, host = "127.0.0.1" } = {}) {
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return res.writeHead(400).end();
    }
    if (path === "/sandbox-sample.json") return sendSample(res);
    if (path === "/sandbox-renewal.json") return sendSample(res, "renewedSampleCertificate");
    const [base, rel] = path.startsWith("/pkg/") ? ["pkg", path.slice(5)] : ["www", path.slice(1) || "index.html"];
    const file = normalize(join(root, base, rel));
    if (!file.startsWith(join(root, base) + sep)) return res.writeHead(403).end();
    try {
      const target = (await stat(file)).isDirectory() ? join(file, "index.html") : file;
      const body = await readFile(target);
      res.writeHead(200, { "content-type": types[extname(target)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const server = await startStatic({ port });
  console.log(`demo page: http://127.0.0.1:${server.address().port}/`);
}
