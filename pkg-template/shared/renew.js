// @ts-check
// `renewCertificate`: the successor of a certificate, issued by an ACME CA for the same names
// (`issueCertificate`, the ACME module) and rolled out to the accounts that served the old one
// (`replaceCertificate`). JavaScript over the package's own calls, loaded on first use (copied
// beside each build by scripts/write-wrappers.mjs).
//
// The names are the certificate's `domains` (its common name first, when it is one of them).
// The successor goes to the vendors inside their signed uploads only; it is returned to the
// caller with its key, as `issueCertificate` returns it. What the roll-out would refuse (the
// accounts, the plan's `name`, the roll-out's options) is checked before anything is issued;
// a roll-out that fails after the issuance (an abort, an account the listing refuses)
// does not throw the new certificate away: it comes back with `error` instead of `replacement`.
import { checkAccounts, checkReplacement, checkText, errorInfo, invalidInput, isArray, isCloudCertErrorValue, member } from "./replace.js";

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
 * The names to issue for: the certificate's domains, its common name first.
 * @param {Certificate} certificate
 * @returns {string[]}
 */
function namesOf(certificate) {
  if (certificate === null || typeof certificate !== "object") {
    throw invalidInput("certificate", "expected a certificate (as inventory or listCertificates returns it)");
  }
  // Read where what a getter or a Proxy throws becomes InvalidInput naming the member.
  const listed = member(certificate, "domains", "certificate");
  /** @type {string[]} */
  let domains;
  try {
    domains = isArray(listed) ? /** @type {string[]} */ (Array.from(listed).filter((d) => typeof d === "string" && d !== "")) : [];
  } catch {
    throw invalidInput("certificate.domains", "could not be read (reading it threw)");
  }
  const commonName = member(certificate, "commonName", "certificate");
  const common = typeof commonName === "string" && commonName !== "" ? commonName : undefined;
  const names = common !== undefined ? [common, ...domains.filter((d) => d.toLowerCase() !== common.toLowerCase())] : domains;
  if (names.length === 0) throw invalidInput("certificate.domains", "the certificate names no domain to issue for");
  return names;
}

/**
 * An `InvalidInput` of the issuance named as the caller gave the member: the request a renewal
 * issues with is made of the certificate's domains (`certificate.domains`) and the plan's other
 * members (`plan.directory`, `plan.dns`, ...), not of a `request` the caller wrote.
 * @param {unknown} error
 */
function renamed(error) {
  try {
    // Only the library's own checks (a CA's problem carries its `vendorCode`).
    if (!isCloudCertErrorValue(error) || error.code !== "InvalidInput" || /** @type {any} */ (error).vendorCode !== undefined) return error;
    const message = error.message;
    if (/^request\.domains\b/.test(message)) {
      // The domains issued for are the certificate's, reordered (its common name first) and
      // de-duplicated: an index into them is not one into `certificate.domains`.
      error.message = message.replace(/^request\.domains(\[\d+\])?/, "certificate.domains");
    } else if (/^request\./.test(message)) {
      error.message = `plan.${message.slice("request.".length)}`;
    }
  } catch {
    // An error whose members cannot be read is passed on as it is.
  }
  return error;
}

/** The members of a plan a renewal reads, each read once. */
const PLAN_MEMBERS = ["directory", "dns", "accounts", "accountKey", "contact", "externalAccountBinding", "keyType", "name", "deleteReplaced"];

/**
 * @param {Library} lib
 * @param {Certificate} certificate - the certificate to renew
 * @param {RenewPlan} plan
 * @param {RenewOptions} [options]
 * @returns {Promise<Renewed>}
 */
export async function renewCertificate(lib, certificate, plan, options = {}) {
  const domains = namesOf(certificate);
  if (plan === null || typeof plan !== "object") throw invalidInput("plan", "expected {directory, dns, accounts, deleteReplaced?}");
  /** @type {Record<string, any>} */
  const given = {};
  for (const key of PLAN_MEMBERS) given[key] = member(plan, key, "plan");
  plan = /** @type {RenewPlan} */ (given);
  if (!isArray(plan.accounts)) throw invalidInput("plan.accounts", "expected an array of accounts to roll the successor out to");
  const ids = checkAccounts(plan.accounts);
  // `onProgress` as a property read finds it (inherited too); the rest as the spread copies it.
  const onProgress = /** @type {RenewOptions["onProgress"]} */ (member(options ?? {}, "onProgress", "options"));
  /** @type {RenewOptions} */
  let rest;
  try {
    rest = { ...(options ?? {}) };
  } catch {
    throw invalidInput("options", "could not be read (reading it threw)");
  }
  delete rest.onProgress;
  // What the roll-out would refuse is refused now, before the CA issues anything: the name the
  // successor is uploaded under, `options.only` and a given `options.inventory`.
  // A nullish name is no name: the roll-out's default (`plan.name ?? …` below).
  if (plan.name != null) checkText(plan.name, "plan.name");
  checkReplacement(ids, rest);
  /** @type {IssueRequest} */
  const request = { directory: plan.directory, dns: plan.dns, domains };
  if (plan.accountKey !== undefined) request.accountKey = plan.accountKey;
  if (plan.contact !== undefined) request.contact = plan.contact;
  if (plan.externalAccountBinding !== undefined) request.externalAccountBinding = plan.externalAccountBinding;
  if (plan.keyType !== undefined) request.keyType = plan.keyType;
  /** @type {IssuedCertificate} */
  let issued;
  try {
    issued = await lib.issueCertificate(request, { ...rest, ...(onProgress ? { onProgress } : {}) });
  } catch (error) {
    throw renamed(error);
  }
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
