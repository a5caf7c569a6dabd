// A certificate for any names that expires soon: the "old" certificate a renewal must replace.
// A throwaway root CA signs an intermediate, which signs a P-256 leaf valid from `ageDays` ago
// until `daysLeft` from now (`openssl ca -startdate/-enddate`, as tests/support/make-certs.sh
// does; OpenSSL 3.0's `x509 -req` cannot set a start in the past). Made with the `openssl` CLI,
// which scripts/setup.sh installs; everything is written under `dir`.
//
//   const old = await makeExpiringCertificate(dir, { names: ["a.example.org", "*.b.example.com"] });
//   old.certificatePem  // leaf, then intermediate
//   old.privateKeyPem   // the leaf's key, PKCS#8
//   old.notAfter        // RFC 3339 UTC, to the second

import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

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

/** `openssl ca`'s time format (YYYYMMDDHHMMSSZ, UTC) for `ms`. */
const caTime = (ms) => new Date(ms).toISOString().replace(/[-:T]/g, "").replace(/\.\d+Z$/, "Z");

const config = (dir, names) => `[ca]
default_ca = test_ca
[test_ca]
dir             = ${dir}
database        = $dir/index.txt
new_certs_dir   = $dir/newcerts
rand_serial     = yes
default_md      = sha256
policy          = policy_any
unique_subject  = no
copy_extensions = none
[policy_any]
commonName = supplied
[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[v3_root]
basicConstraints     = critical, CA:TRUE
keyUsage             = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_inter]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
[v3_leaf]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = ${names.map((n) => `DNS:${n}`).join(", ")}
`;

/**
 * Writes a root, an intermediate and a leaf for `names` into a new directory under `dir`.
 *
 * @param {string} dir an existing directory
 * @param {object} options
 * @param {string[]} options.names the leaf's DNS names (SANs), wildcards allowed
 * @param {string} [options.commonName] the leaf's subject CN (default: the first name)
 * @param {number} [options.daysLeft=20] days from now to the leaf's notAfter
 * @param {number} [options.ageDays=70] days since the leaf's notBefore
 * @returns {Promise<{certificatePem: string, privateKeyPem: string, notAfter: string, fingerprintSha256: string}>}
 */
export async function makeExpiringCertificate(dir, { names, commonName = names?.[0], daysLeft = 20, ageDays = 70 } = {}) {
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => /^(\*\.)?[a-z0-9.-]+$/.test(n))) {
    throw new TypeError(`names must be DNS names, got ${JSON.stringify(names)}`);
  }
  const work = await mkdtemp(path.join(dir, "expiring-"));
  await mkdir(path.join(work, "newcerts"));
  await writeFile(path.join(work, "index.txt"), "");
  await writeFile(path.join(work, "ca.cnf"), config(work, names));
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  const now = Date.now();
  const day = 86_400_000;
  await openssl(["req", "-x509", "-new", ...ec, "-keyout", "root.key", "-out", "root.pem", "-days", "3650",
    "-subj", "/CN=cloudcerts expiring test root", "-config", "ca.cnf", "-extensions", "v3_root"], work);
  const sign = (csr, out, caCert, caKey, ext, start, end) =>
    openssl(["ca", "-batch", "-notext", "-config", "ca.cnf", "-cert", caCert, "-keyfile", caKey, "-in", csr, "-out", out,
      "-extfile", "ca.cnf", "-extensions", ext, "-startdate", caTime(start), "-enddate", caTime(end)], work);
  await openssl(["req", "-new", ...ec, "-keyout", "inter.key", "-out", "inter.csr", "-subj", "/CN=cloudcerts expiring test intermediate", "-config", "ca.cnf"], work);
  await sign("inter.csr", "inter.pem", "root.pem", "root.key", "v3_inter", now - 2 * ageDays * day, now + 3000 * day);
  await openssl(["req", "-new", ...ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", `/CN=${commonName}`, "-config", "ca.cnf"], work);
  await sign("leaf.csr", "leaf.pem", "inter.pem", "inter.key", "v3_leaf", now - ageDays * day, now + daysLeft * day);
  const [leaf, inter, key] = await Promise.all(["leaf.pem", "inter.pem", "leaf.key"].map((f) => readFile(path.join(work, f), "utf8")));
  const x = new X509Certificate(leaf);
  return {
    certificatePem: leaf + inter,
    privateKeyPem: key,
    notAfter: new Date(Date.parse(x.validTo)).toISOString().replace(/\.\d+Z$/, "Z"),
    fingerprintSha256: x.fingerprint256.replace(/:/g, "").toLowerCase(),
  };
}
