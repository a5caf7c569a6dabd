// Types of `cloudcerts` required from Node (pkg/node/index.cjs). They refer to cloudcerts.d.cts,
// a copy of wasm-bindgen's cloudcerts.d.ts that scripts/write-wrappers.mjs makes: the package is
// ESM, so the .d.ts describes an ES module. The same inspectCertificate as web/index.d.ts
// (tests/types/entries.ts checks that every entry declares the same exports).
export * from "./cloudcerts.cjs";
import type { CertificateReport, InspectOptions } from "./cloudcerts.cjs";

/**
 * Inspects a PEM certificate bundle (leaf first, then its chain) and, optionally, its private
 * key, locally: nothing is sent anywhere. Loads the inspector module (a separate wasm file) on
 * the first call, hence the `Promise`.
 *
 * Resolves to each certificate's subject, SANs, issuer, validity (RFC 3339 UTC), serial,
 * SHA-256 fingerprint, key algorithm and size; whether the chain is in order; whether the key
 * matches the leaf (RSA, ECDSA P-256/P-384/P-521, Ed25519; PKCS#1, PKCS#8, SEC1); and `problems`,
 * each with a stable `code`, a `severity` and, where Qiniu has one, its `qiniuCode`.
 * `uploadCertificate` runs the same checks first and rejects on any `error`.
 *
 * @param certificatePem - the certificate PEM, leaf first, then intermediates
 * @param privateKeyPem - the private key PEM, to check that it matches the leaf
 * @param options - `{now?, minValidityDays?}`
 */
export declare function inspectCertificate(certificatePem: string, privateKeyPem?: string | null, options?: InspectOptions): Promise<CertificateReport>;
