#!/usr/bin/env bash
# Generate the test certificates, keys and bundles used by the Node tests.
#
#   tests/support/make-certs.sh OUT_DIR
#
# Needs only the `openssl` CLI (OpenSSL 3.0.x compatible), GNU `date` and
# `node` (for manifest.json). Everything, including scratch files, is written
# under OUT_DIR; no network access. Prints one summary line on success; on
# failure the failing openssl command's stderr is shown.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi

mkdir -p "$1"
D=$(cd "$1" && pwd)
W="$D/.work"
rm -rf "$W"
mkdir -p "$W/newcerts"

# Run openssl quietly; replay its stderr if it fails.
ossl() {
  if ! openssl "$@" 2>"$W/stderr"; then
    echo "make-certs: openssl $1 failed:" >&2
    cat "$W/stderr" >&2
    return 1
  fi
}

# Timestamps for `openssl ca -startdate/-enddate` (YYYYMMDDHHMMSSZ, UTC).
ts() { date -u -d "$1" +%Y%m%d%H%M%SZ; }
NOW=$(date -u +%s)
at() { ts "@$((NOW + $1))"; }
H=3600
DAY=86400

# --------------------------------------------------------------------------
# Throwaway CA configuration.
: >"$W/index.txt"
cat >"$W/ca.cnf" <<EOF
[ ca ]
default_ca = test_ca

[ test_ca ]
dir              = $W
database         = \$dir/index.txt
new_certs_dir    = \$dir/newcerts
rand_serial      = yes
default_md       = sha256
policy           = policy_any
unique_subject   = no
copy_extensions  = none
email_in_dn      = no
name_opt         = ca_default
cert_opt         = ca_default

[ policy_any ]
commonName = supplied

[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder

[ v3_root ]
basicConstraints     = critical, CA:TRUE
keyUsage             = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ v3_inter ]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ v3_leaf_rsa ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:www.example.test, DNS:example.test, DNS:*.api.example.test

[ v3_leaf_sig ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:www.example.test, DNS:example.test, DNS:*.api.example.test

# A renewal (replaceCertificate): the old certificate, its renewal (wider by a wildcard), one
# that names a domain the renewal does not cover, and one that expires after the renewal.
[ v3_renew_old ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:renew.example.test, DNS:www.renew.example.test

[ v3_renew_new ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:renew.example.test, DNS:*.renew.example.test

[ v3_renew_wider ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:renew.example.test, DNS:other.example.test

[ v3_self ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
subjectAltName         = DNS:self.example.test
EOF

# --------------------------------------------------------------------------
# Key generation helpers (genpkey writes PKCS#8 "BEGIN PRIVATE KEY").
gen_rsa() { ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }
gen_ec() {
  ossl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$1" \
    -pkeyopt ec_param_enc:named_curve -out "$2"
}
gen_ed25519() { ossl genpkey -algorithm ed25519 -out "$1"; }

# CSR for KEY with the given CN -> $W/NAME.csr
csr() { # key cn name
  ossl req -new -config "$W/ca.cnf" -key "$1" -subj "/CN=$2" -out "$W/$3.csr"
}

# Sign $W/NAME.csr with an issuer. Use ISSUER=self for a self-signed cert.
sign() { # name out issuer_crt issuer_key ext_section start end
  local name=$1 out=$2 icrt=$3 ikey=$4 ext=$5 start=$6 end=$7
  local extra=(-cert "$icrt")
  if [ "$icrt" = self ]; then extra=(-selfsign); fi
  ossl ca -batch -notext -config "$W/ca.cnf" "${extra[@]}" -keyfile "$ikey" \
    -in "$W/$name.csr" -out "$out" -extfile "$W/ca.cnf" -extensions "$ext" \
    -startdate "$start" -enddate "$end"
}

cd "$D"

# --------------------------------------------------------------------------
# CA hierarchy.
gen_rsa root.key
csr root.key "Cloudcerts Test Root" root
sign root root.crt self root.key v3_root "$(at $((-730 * DAY)))" "$(at $((3650 * DAY)))"

gen_rsa inter.key
csr inter.key "Cloudcerts Test Intermediate" inter
sign inter inter.crt root.crt root.key v3_inter "$(at $((-729 * DAY)))" "$(at $((3649 * DAY)))"

# --------------------------------------------------------------------------
# Leaf keys in every supported form.
LEAF_CN=www.example.test
NB=$(at $((-1 * DAY)))
NA=$(at $((90 * DAY)))

gen_rsa leaf-rsa.pkcs8.key
ossl rsa -in leaf-rsa.pkcs8.key -traditional -out leaf-rsa.pkcs1.key

gen_ec P-256 leaf-p256.pkcs8.key
ossl ec -in leaf-p256.pkcs8.key -out leaf-p256.sec1.key
ossl ec -in leaf-p256.sec1.key -no_public -out leaf-p256.sec1-nopub.key
# OpenSSL 3.0 remembers that the key had no public point and keeps it out of
# the PKCS#8 inner ECPrivateKey as well.
ossl pkcs8 -topk8 -nocrypt -in leaf-p256.sec1-nopub.key -out leaf-p256.pkcs8-nopub.key

gen_ec P-384 leaf-p384.pkcs8.key
ossl ec -in leaf-p384.pkcs8.key -out leaf-p384.sec1.key

# P-521: matched by the public point the key carries (there is no P-521
# arithmetic to derive it), so also without the point, and re-exported with it
# by the command the UnsupportedKey message suggests, and with it compressed.
gen_ec P-521 leaf-p521.pkcs8.key
ossl ec -in leaf-p521.pkcs8.key -out leaf-p521.sec1.key
ossl ec -in leaf-p521.sec1.key -no_public -out leaf-p521.sec1-nopub.key
ossl pkcs8 -topk8 -nocrypt -in leaf-p521.sec1-nopub.key -out leaf-p521.pkcs8-nopub.key
ossl ec -in leaf-p521.pkcs8-nopub.key -out leaf-p521.sec1-repointed.key
ossl ec -in leaf-p521.sec1.key -conv_form compressed -out leaf-p521.sec1-compressed.key

# A DSA key (PKCS#8): an algorithm whose match is not told.
ossl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$W/dsa.param"
ossl genpkey -paramfile "$W/dsa.param" -out dsa.pkcs8.key

gen_ed25519 leaf-ed25519.pkcs8.key

# Encrypted copies of the RSA leaf key (passphrase "secret").
ossl pkcs8 -topk8 -in leaf-rsa.pkcs8.key -v2 aes-256-cbc -passout pass:secret \
  -out leaf-rsa.encrypted.key
ossl rsa -in leaf-rsa.pkcs8.key -aes128 -traditional -passout pass:secret \
  -out leaf-rsa.legacy-encrypted.key

# Mismatching keys of each kind.
gen_rsa "$W/other-rsa.key"
ossl rsa -in "$W/other-rsa.key" -traditional -out other-rsa.pkcs1.key
gen_ec P-256 "$W/other-p256.key"
ossl ec -in "$W/other-p256.key" -out other-p256.sec1.key
gen_ec P-384 other-p384.pkcs8.key
gen_ec P-521 other-p521.pkcs8.key
gen_ed25519 other-ed25519.pkcs8.key

# --------------------------------------------------------------------------
# Leaf certificates signed by the intermediate.
csr leaf-rsa.pkcs8.key "$LEAF_CN" leaf-rsa
sign leaf-rsa leaf-rsa.crt inter.crt inter.key v3_leaf_rsa "$NB" "$NA"
for alg in p256 p384 p521 ed25519; do
  csr "leaf-$alg.pkcs8.key" "$LEAF_CN" "leaf-$alg"
  sign "leaf-$alg" "leaf-$alg.crt" inter.crt inter.key v3_leaf_sig "$NB" "$NA"
done

# Validity-window variants (RSA leaf key, same CSR).
sign leaf-rsa expired.crt inter.crt inter.key v3_leaf_rsa \
  "$(at $((-400 * DAY)))" "$(at $((-10 * DAY)))"
sign leaf-rsa not-yet-valid.crt inter.crt inter.key v3_leaf_rsa \
  "$(at $((10 * DAY)))" "$(at $((100 * DAY)))"
sign leaf-rsa one-day.crt inter.crt inter.key v3_leaf_rsa \
  "$(at $((-1 * H)))" "$(at $((23 * H)))"

# The renewal set (replaceCertificate), P-256 leaves signed by the intermediate, each bundled
# with it as renew-NAME.pem beside its key renew-NAME.key.
for r in "old v3_renew_old -60 30" "new v3_renew_new -1 90" "wider v3_renew_wider -60 30" \
  "later v3_renew_old -1 200"; do
  set -- $r
  gen_ec P-256 "renew-$1.key"
  csr "renew-$1.key" renew.example.test "renew-$1"
  sign "renew-$1" "renew-$1.crt" inter.crt inter.key "$2" "$(at $(($3 * DAY)))" "$(at $(($4 * DAY)))"
  cat "renew-$1.crt" inter.crt >"renew-$1.pem"
done

# Self-signed P-256 leaf.
gen_ec P-256 self-signed.key
csr self-signed.key self.example.test self-signed
sign self-signed self-signed.crt self self-signed.key v3_self "$NB" "$NA"

# --------------------------------------------------------------------------
# Bundles and other encodings.
cat leaf-rsa.crt inter.crt >chain-ok.pem
cat leaf-rsa.crt inter.crt root.crt >chain-full.pem
cat inter.crt leaf-rsa.crt >chain-reversed.pem
cat leaf-rsa.crt root.crt >chain-missing-inter.pem
cat leaf-rsa.crt >leaf-only.pem
for c in expired not-yet-valid one-day; do
  cat "$c.crt" inter.crt >"$c.pem"
done

ossl x509 -in leaf-rsa.crt -outform DER -out leaf-rsa.der

printf -- '-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n-----END CERTIFICATE-----\n' >garbage.pem

# Truncated: first half of the base64 body (kept a multiple of 4 chars so it
# still decodes), re-wrapped at 64 columns.
body=$(sed -e '/-----/d' leaf-rsa.crt | tr -d '\n')
half=$(( (${#body} / 2) / 4 * 4 ))
{
  echo '-----BEGIN CERTIFICATE-----'
  printf '%s' "${body:0:half}" | fold -w 64
  echo
  echo '-----END CERTIFICATE-----'
} >truncated.pem

# --------------------------------------------------------------------------
# manifest.json: one entry per .crt. Serial and dates come from the openssl
# CLI; key details, SANs and self-signedness from node's X509Certificate.
: >"$W/facts.tsv"
for c in *.crt; do
  serial=$(openssl x509 -in "$c" -noout -serial)
  nb=$(openssl x509 -in "$c" -noout -startdate)
  na=$(openssl x509 -in "$c" -noout -enddate)
  sha=$(openssl x509 -in "$c" -outform DER | sha256sum | cut -d' ' -f1)
  printf '%s\t%s\t%s\t%s\t%s\n' "$c" "${serial#serial=}" \
    "$(date -u -d "${nb#notBefore=}" +%Y-%m-%dT%H:%M:%SZ)" \
    "$(date -u -d "${na#notAfter=}" +%Y-%m-%dT%H:%M:%SZ)" \
    "$sha" >>"$W/facts.tsv"
done

node -e '
const fs = require("fs");
const path = require("path");
const { X509Certificate } = require("crypto");
const [dir, facts] = process.argv.slice(1);
const cn = (dn) => {
  const m = /(?:^|\n)CN=([^\n]*)/.exec(dn);
  return m ? m[1] : null;
};
const curves = { prime256v1: ["P-256", 256], secp384r1: ["P-384", 384], secp521r1: ["P-521", 521] };
const out = [];
for (const line of fs.readFileSync(facts, "utf8").split("\n")) {
  if (!line) continue;
  const [file, serialHex, notBefore, notAfter, sha256] = line.split("\t");
  const x = new X509Certificate(fs.readFileSync(path.join(dir, file)));
  const pk = x.publicKey;
  let keyAlgorithm, keyBits, curve = null;
  switch (pk.asymmetricKeyType) {
    case "rsa":
      keyAlgorithm = "RSA";
      keyBits = pk.asymmetricKeyDetails.modulusLength;
      break;
    case "ec": {
      const c = curves[pk.asymmetricKeyDetails.namedCurve];
      if (!c) throw new Error(`${file}: unexpected curve`);
      keyAlgorithm = "EC";
      [curve, keyBits] = c;
      break;
    }
    case "ed25519":
      keyAlgorithm = "Ed25519";
      keyBits = 256;
      break;
    default:
      throw new Error(`${file}: unexpected key type ${pk.asymmetricKeyType}`);
  }
  const sans = (x.subjectAltName || "")
    .split(", ")
    .filter((s) => s.startsWith("DNS:"))
    .map((s) => s.slice(4));
  const fpr = x.fingerprint256.replace(/:/g, "").toLowerCase();
  if (fpr !== sha256) throw new Error(`${file}: fingerprint mismatch`);
  out.push({
    file,
    subjectCN: cn(x.subject),
    issuerCN: cn(x.issuer),
    serialHex,
    sha256,
    notBefore,
    notAfter,
    keyAlgorithm,
    keyBits,
    curve,
    sans,
    // Not checkIssued(): it also demands keyCertSign, which a self-signed
    // leaf does not have.
    selfSigned: x.subject === x.issuer && x.verify(x.publicKey),
  });
}
fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(out, null, 2) + "\n");
' "$D" "$W/facts.tsv"

rm -rf "$W"
n=$(find "$D" -maxdepth 1 -type f | wc -l)
echo "make-certs: $n files in $D"
