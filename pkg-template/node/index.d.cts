// Types of `cloudcerts` required from Node (pkg/node/index.cjs). They refer to cloudcerts.d.cts,
// a copy of wasm-bindgen's cloudcerts.d.ts that scripts/write-wrappers.mjs makes: the package is
// ESM, so the .d.ts describes an ES module. The same inspectCertificate as web/index.d.ts
// (tests/types/entries.ts checks that every entry declares the same exports).
export * from "./cloudcerts.cjs";
import type { Account, Certificate, CertificateReport, ClientOptions, InspectOptions, IssueOptions, IssueRequest, IssuedCertificate, RenewOptions, RenewPlan, Renewed, ReplaceOptions, Replacement, UploadRequest } from "./cloudcerts.cjs";

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

/**
 * Renews a certificate everywhere in one call. Reads the new certificate's names and expiry from
 * the bundle's leaf, lists the accounts (or plans from `options.inventory`, an `inventory` of the
 * same accounts in the same order), and in each account finds every certificate the new one
 * *replaces*: each of its domains served by the new one (the same name, or one label under one of
 * its wildcards), and an earlier `notAfter`. The new certificate is uploaded once to each account
 * that holds such a certificate, as `uploadCertificate` uploads (never retried when the vendor may
 * have stored it), unless the account already lists it. With `options.deleteReplaced`, the
 * replaced certificates are then deleted, only in accounts where that succeeded; a vendor's
 * refusal (a certificate still bound to a CDN domain or a load balancer) is reported per
 * certificate and does not stop the others. Nothing is deleted that the plan does not list.
 * `options.dryRun` returns the plan alone. Progress: the listing's pages, then each account's
 * writes (`WriteProgress`, with `step`). Loaded on first use (a small JavaScript module).
 *
 * The bundle is inspected first, as for an upload: a problem of severity `error` rejects the
 * call (`InvalidInput` with `problems`) before anything is listed or sent. Accounts must differ
 * by provider or label (certificates name their account by both).
 *
 * @param accounts - the accounts to renew in
 * @param bundle - `{name, commonName, certificatePem, privateKeyPem}` of the new certificate
 * @param options - client options, and `deleteReplaced`, `dryRun`, `inventory`
 */
export declare function replaceCertificate(accounts: Account[], bundle: UploadRequest, options?: ClientOptions & ReplaceOptions): Promise<Replacement>;

/**
 * Issues a certificate from an ACME CA (RFC 8555: Let's Encrypt, ZeroSSL, or any directory URL)
 * for `request.domains`, wildcards included, proving control of each name with a DNS-01 TXT
 * record published through the caller's DNS accounts (`tencent-dns`: DNSPod; `volcengine-dns`:
 * Volcengine DNS) and removed afterwards, whatever happens (an error, an abort). Every request
 * goes through `options.proxy`. Loads the ACME module (a separate wasm file) on the first call.
 *
 * The certificate key (P-256) is made in the page from the platform's secure random source; so
 * is the account key unless `request.accountKey` passes the one a previous call returned.
 * Resolves to the chain (leaf first), both keys as PKCS#8 PEM, the account's URL and the leaf's
 * validity. Progress: `{step, domain?}` as each step starts.
 *
 * Rejects with a `CloudCertError`: a CA's problem document keeps its type as `vendorCode`
 * (`urn:ietf:params:acme:error:…`) and each name's reason in the message; a record the DNS
 * provider never reports is `Timeout`; `Aborted` after `options.signal` fires.
 *
 * @param request - `{directory, domains, dns, accountKey?, contact?, externalAccountBinding?, keyType?}`
 * @param options - `{proxy, signal?, onProgress?, timeoutMs?, maxAttempts?, pollIntervalMs?, maxPolls?}`
 */
export declare function issueCertificate(request: IssueRequest, options?: IssueOptions): Promise<IssuedCertificate>;

/**
 * Renews `certificate`: issues its successor for the same names (`issueCertificate`, with
 * `plan.directory` and `plan.dns`), then rolls it out to `plan.accounts` as `replaceCertificate`
 * does (`plan.deleteReplaced` deletes the replaced certificates where the upload succeeded).
 * Resolves to the new certificate and the roll-out. Loaded on first use.
 *
 * @param certificate - the certificate to renew (as `inventory` lists it)
 * @param plan - `{directory, dns, accounts, deleteReplaced?, accountKey?, contact?, externalAccountBinding?, name?}`
 * @param options - those of `issueCertificate` and `replaceCertificate`
 */
export declare function renewCertificate(certificate: Certificate, plan: RenewPlan, options?: RenewOptions): Promise<Renewed>;
