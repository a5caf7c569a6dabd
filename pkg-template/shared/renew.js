// @ts-check
// `renewCertificate`: the successor of a certificate, issued by an ACME CA for the same names
// (`issueCertificate`, the ACME module) and rolled out to the accounts that served the old one
// (`replaceCertificate`). JavaScript over the package's own calls, loaded on first use (copied
// beside each build by scripts/write-wrappers.mjs).
//
// The names are the certificate's `domains` (its common name first, when it is one of them).
// The successor goes to the vendors inside their signed uploads only; it is returned to the
// caller with its key, as `issueCertificate` returns it. The accounts are checked before anything
// is issued; a roll-out that fails after the issuance (an abort, an account the listing refuses)
// does not throw the new certificate away: it comes back with `error` instead of `replacement`.
import { checkAccounts, errorInfo } from "./replace.js";

/** @typedef {import("./cloudcerts.js").Certificate} Certificate */
/** @typedef {import("./cloudcerts.js").RenewPlan} RenewPlan */
/** @typedef {import("./cloudcerts.js").RenewOptions} RenewOptions */
/** @typedef {import("./cloudcerts.js").Renewed} Renewed */
/** @typedef {import("./cloudcerts.js").IssueRequest} IssueRequest */
/** @typedef {import("./cloudcerts.js").IssueOptions} IssueOptions */
/** @typedef {import("./cloudcerts.js").IssuedCertificate} IssuedCertificate */
/** @typedef {import("./cloudcerts.js").Account} Account */
/** @typedef {import("./cloudcerts.js").UploadRequest} UploadRequest */
/** @typedef {import("./cloudcerts.js").ClientOptions} ClientOptions */
/** @typedef {import("./cloudcerts.js").ReplaceOptions} ReplaceOptions */
/** @typedef {import("./cloudcerts.js").Replacement} Replacement */

/**
 * The package's calls a renewal is made of (the entry that loads this module passes its own).
 * @typedef {object} Library
 * @property {(request: IssueRequest, options?: IssueOptions) => Promise<IssuedCertificate>} issueCertificate
 * @property {(accounts: Account[], bundle: UploadRequest, options?: ClientOptions & ReplaceOptions) => Promise<Replacement>} replaceCertificate
 */

/**
 * A `CloudCertError`-shaped `InvalidInput` for `field`.
 * @param {string} field
 * @param {string} message
 */
function invalid(field, message) {
  const error = new Error(`${field}: ${message}`);
  error.name = "CloudCertError";
  return Object.assign(error, { code: "InvalidInput", retryable: false });
}

/**
 * The names to issue for: the certificate's domains, its common name first.
 * @param {Certificate} certificate
 * @returns {string[]}
 */
function namesOf(certificate) {
  if (certificate === null || typeof certificate !== "object") {
    throw invalid("certificate", "expected a certificate (as inventory or listCertificates returns it)");
  }
  const domains = Array.isArray(certificate.domains) ? certificate.domains.filter((d) => typeof d === "string" && d !== "") : [];
  const common = typeof certificate.commonName === "string" && certificate.commonName !== "" ? certificate.commonName : undefined;
  const names = common !== undefined ? [common, ...domains.filter((d) => d.toLowerCase() !== common.toLowerCase())] : domains;
  if (names.length === 0) throw invalid("certificate.domains", "the certificate names no domain to issue for");
  return names;
}

/**
 * @param {Library} lib
 * @param {Certificate} certificate - the certificate to renew
 * @param {RenewPlan} plan
 * @param {RenewOptions} [options]
 * @returns {Promise<Renewed>}
 */
export async function renewCertificate(lib, certificate, plan, options = {}) {
  const domains = namesOf(certificate);
  if (plan === null || typeof plan !== "object") throw invalid("plan", "expected {directory, dns, accounts, deleteReplaced?}");
  if (!Array.isArray(plan.accounts)) throw invalid("plan.accounts", "expected an array of accounts to roll the successor out to");
  checkAccounts(plan.accounts);
  const { onProgress, ...rest } = options ?? {};
  /** @type {IssueRequest} */
  const request = { directory: plan.directory, dns: plan.dns, domains };
  if (plan.accountKey !== undefined) request.accountKey = plan.accountKey;
  if (plan.contact !== undefined) request.contact = plan.contact;
  if (plan.externalAccountBinding !== undefined) request.externalAccountBinding = plan.externalAccountBinding;
  if (plan.keyType !== undefined) request.keyType = plan.keyType;
  const issued = await lib.issueCertificate(request, { ...rest, ...(onProgress ? { onProgress } : {}) });
  const name = plan.name ?? `${domains[0].replace(/^\*\./, "wildcard.")}-${(issued.notAfter ?? "").slice(0, 10)}`.replace(/-$/, "");
  try {
    const replacement = await lib.replaceCertificate(
      plan.accounts,
      { name, commonName: domains[0], certificatePem: issued.certificatePem, privateKeyPem: issued.privateKeyPem },
      { ...rest, ...(onProgress ? { onProgress } : {}), deleteReplaced: plan.deleteReplaced ?? false },
    );
    return { issued, replacement };
  } catch (error) {
    // The CA counted the issuance: the certificate is the caller's, with why it went nowhere.
    return { issued, error: errorInfo(error) };
  }
}
