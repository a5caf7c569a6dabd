// A throwaway TLS certificate for a loopback test server: a fresh CA (P-256) and a server
// certificate it signs, valid for "localhost" and 127.0.0.1, two days long. Made with the
// `openssl` CLI (OpenSSL 3), which scripts/setup.sh installs. Used by tests/support/pebble.mjs
// (pebble's HTTPS listeners) and by the proxy tests' TLS upstream.

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const OPENSSL_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

function openssl(args, cwd) {
  return new Promise((resolve, reject) => {
    execFile("openssl", args, { cwd, timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) {
        const why = err.code === "ENOENT" ? "openssl not found (scripts/setup.sh installs it)" : stderr.trim() || err.message;
        reject(new Error(`openssl ${args[0]} failed: ${why}`));
      } else resolve(stdout);
    });
  });
}

/**
 * Writes `ca.pem`, `ca.key`, `cert.pem` and `key.pem` into `dir` (which must exist).
 *
 * @param {string} dir
 * @param {{ name?: string }} [options] `name`: the CA's common name (default "cloudcerts test CA")
 * @returns {Promise<{ caPem: string, caPath: string, certPath: string, keyPath: string, certPem: string, keyPem: string }>}
 */
export async function makeLocalhostCert(dir, { name = "cloudcerts test CA" } = {}) {
  const file = (f) => path.join(dir, f);
  await writeFile(file("openssl.cnf"), OPENSSL_CONFIG);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await openssl(
    ["req", "-x509", "-new", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
      "-subj", `/CN=${name}`, "-config", "openssl.cnf", "-extensions", "ca_ext"],
    dir,
  );
  await openssl(["req", "-new", ...ec, "-keyout", "key.pem", "-out", "cert.csr", "-subj", "/CN=localhost", "-config", "openssl.cnf"], dir);
  await openssl(
    ["x509", "-req", "-in", "cert.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", `0x${randomBytes(8).toString("hex")}`,
      "-days", "2", "-extfile", "openssl.cnf", "-extensions", "leaf_ext", "-out", "cert.pem"],
    dir,
  );
  const [caPem, certPem, keyPem] = await Promise.all([readFile(file("ca.pem"), "utf8"), readFile(file("cert.pem"), "utf8"), readFile(file("key.pem"), "utf8")]);
  return { caPem, caPath: file("ca.pem"), certPath: file("cert.pem"), keyPath: file("key.pem"), certPem, keyPem };
}
