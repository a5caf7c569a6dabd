// @ts-check
// `replaceCertificate`: a renewal in one call, in JavaScript over the package's own calls
// (`inventory`, `uploadCertificate`, `deleteCertificate`, and the inspector's `checkBundle` and
// `inspectCertificate`). Every entry loads this module on the first call (copied beside each
// build by scripts/write-wrappers.mjs), so that pages that never renew do not download it: in
// the main wasm module the same logic measured 11.9 KB gzipped (CHANGELOG, issue 16).
//
// The new certificate's names and expiry come from the bundle's leaf. In each account, a listed
// certificate is *replaced* when every one of its domains is served by the new certificate (the
// same name, or one label under one of its wildcards) and it expires earlier. The new
// certificate is uploaded once to each account that holds a replaced certificate (as
// `uploadCertificate` does: never retried when the vendor may have stored it), unless the
// account already holds it; with `deleteReplaced`, the replaced certificates are then deleted
// there, only where that succeeded. Nothing is deleted that the plan does not list.

/** @typedef {import("./cloudcerts.js").Account} Account */
/** @typedef {import("./cloudcerts.js").UploadRequest} UploadRequest */
/** @typedef {import("./cloudcerts.js").ClientOptions} ClientOptions */
/** @typedef {import("./cloudcerts.js").ReplaceOptions} ReplaceOptions */
/** @typedef {import("./cloudcerts.js").Replacement} Replacement */
/** @typedef {import("./cloudcerts.js").AccountReplacement} AccountReplacement */
/** @typedef {import("./cloudcerts.js").Inventory} Inventory */
/** @typedef {import("./cloudcerts.js").ErrorInfo} ErrorInfo */
/** @typedef {import("./cloudcerts.js").Renewal} Renewal */
/** @typedef {import("./cloudcerts.js").WriteProgress} WriteProgress */
/** @typedef {import("./cloudcerts.js").CertificateReport} CertificateReport */
/** @typedef {import("./cloudcerts.js").InspectOptions} InspectOptions */

/**
 * The package's calls a renewal is made of (the entry that loads this module passes its own).
 * @typedef {object} Library
 * @property {(accounts: Account[], options?: ClientOptions) => Promise<Inventory>} inventory
 * @property {(account: Account, upload: UploadRequest, options?: ClientOptions) => Promise<{id: string, existing?: boolean}>} uploadCertificate
 *   the main module's, unchecked: the bundle is checked once, here
 * @property {(account: Account, id: string, options?: ClientOptions) => Promise<void>} deleteCertificate
 * @property {(bundle: UploadRequest, options: ClientOptions) => void} checkBundle the inspector's
 * @property {(certificatePem: string, privateKeyPem?: string, options?: InspectOptions) => CertificateReport | Promise<CertificateReport>} inspectCertificate
 *   the inspector's
 */

/** The members of an error that `ErrorInfo` carries. */
const ERROR_FIELDS = ["name", "code", "message", "provider", "vendorCode", "httpStatus", "requestId", "retryable", "hint"];

/** The errors made here: told apart by identity, which runs none of a thrown value's code. */
const ours = new WeakSet();

/**
 * A `CloudCertError`, as the wasm modules throw them.
 * @param {string} code
 * @param {string} message
 */
function cloudCertError(code, message) {
  const error = new Error(message);
  error.name = "CloudCertError";
  ours.add(error);
  return Object.assign(error, { code, retryable: false });
}

/**
 * Whether `error` is a `CloudCertError` (made here or thrown by a wasm module); false for
 * anything whose members cannot be read.
 * @param {unknown} error
 * @returns {error is Error & {code: string}}
 */
export function isCloudCertErrorValue(error) {
  if (ours.has(/** @type {object} */ (error))) return true;
  try {
    return error instanceof Error && error.name === "CloudCertError";
  } catch {
    return false;
  }
}

/**
 * `InvalidInput` naming the argument at fault.
 * @param {string} field
 * @param {string} problem
 */
export function invalidInput(field, problem) {
  return cloudCertError("InvalidInput", `${field}: ${problem}`);
}

/**
 * A `CloudCertError` as plain data (`ErrorInfo`). Anything else thrown (a bug, never expected) is
 * recorded for its account as `BadResponse` naming only its kind: rethrown, it would reject the
 * call while the other accounts' writes went on unreported.
 * @param {unknown} error
 * @returns {ErrorInfo}
 */
export function errorInfo(error) {
  /** @param {string} kind */
  const unexpected = (kind) => /** @type {ErrorInfo} */ (/** @type {unknown} */ ({ name: "CloudCertError", code: "BadResponse", message: `unexpected failure (${kind})`, retryable: false }));
  try {
    if (!isCloudCertErrorValue(error)) return unexpected(error instanceof Error ? error.name : kindOf(error));
    return errorFields(error, "error");
  } catch {
    // A thrown value whose members cannot be read (a revoked Proxy): never rethrown from here.
    return unexpected("an unreadable value");
  }
}

/**
 * An error as plain data (`ErrorInfo`): a thrown `CloudCertError`, or an account's listing error
 * as a caller's inventory gives it. Its members copied, only strings, numbers and booleans.
 * @param {unknown} value
 * @param {string} field what it is called in a message
 * @returns {ErrorInfo}
 */
function errorFields(value, field) {
  /** @type {Record<string, unknown>} */
  const info = {};
  for (const key of ERROR_FIELDS) {
    const v = member(value, key, field);
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") info[key] = v;
  }
  return /** @type {ErrorInfo} */ (/** @type {unknown} */ (info));
}

/**
 * A name as it is compared: trimmed, without a trailing dot, ASCII lower case.
 * @param {unknown} name
 */
function canonical(name) {
  return String(name).trim().replace(/\.$/, "").replace(/[A-Z]+/g, (c) => c.toLowerCase());
}

/**
 * Whether a certificate for `names` serves `domain`: the same name (ASCII case and a trailing
 * dot ignored), or one more label on `base` under a wildcard `*.base`. A wildcard domain is
 * served only by the same wildcard.
 * @param {string[]} names
 * @param {string} domain
 */
export function covers(names, domain) {
  const wanted = canonical(domain);
  if (wanted === "") return false;
  return names.some((n) => {
    const name = canonical(n);
    if (name === wanted) return true;
    if (!name.startsWith("*.")) return false;
    const base = name.slice(1); // ".example.com"
    if (base.length < 2 || !wanted.endsWith(base)) return false;
    const label = wanted.slice(0, -base.length);
    return label !== "" && label !== "*" && !label.includes(".");
  });
}

/**
 * Milliseconds of an RFC 3339 time, or `undefined`.
 * @param {unknown} text
 */
function instant(text) {
  const ms = typeof text === "string" && text !== "" ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The ids of `held` that a certificate for `renewal` replaces: each domain of theirs served, and
 * an earlier `notAfter`. A certificate without domains or without `notAfter` is never replaced
 * (nothing says the new one serves it), nor is the new certificate itself.
 * @param {Array<{id: string, domains?: string[], notAfter?: string, fingerprintSha256?: string}>} held
 * @param {Renewal} renewal
 */
export function replacedBy(held, renewal) {
  const until = instant(renewal.notAfter) ?? -Infinity;
  /** @type {string[]} */
  const ids = [];
  for (const c of held) {
    const notAfter = instant(c.notAfter);
    const domains = isArray(c.domains) ? c.domains : [];
    const replaced = domains.length > 0 && notAfter !== undefined && notAfter < until &&
      domains.every((d) => covers(renewal.domains, d));
    if (replaced && !ids.includes(c.id)) ids.push(c.id);
  }
  return ids;
}

/**
 * The listed copy of the new certificate, when the account holds one: the same SHA-256
 * fingerprint, or (where the vendor gives none) the same names and the same `notAfter`.
 * @param {Array<{id: string, domains?: string[], notAfter?: string, fingerprintSha256?: string}>} held
 * @param {Renewal} renewal
 */
function heldCopy(held, renewal) {
  const names = [...new Set(renewal.domains)].sort().join(",");
  return held.find((c) => {
    if (c.fingerprintSha256) return c.fingerprintSha256.toLowerCase() === renewal.fingerprintSha256;
    const domains = isArray(c.domains) ? [...new Set(c.domains.map(canonical))].sort().join(",") : "";
    return instant(c.notAfter) === instant(renewal.notAfter) && domains === names;
  });
}

/**
 * The new certificate, from the inspection of its bundle.
 * @param {CertificateReport} report
 * @returns {Renewal}
 */
function renewalOf(report) {
  const leaf = report.certificates[0];
  if (!leaf) throw invalidInput("bundle.certificatePem", "holds no certificate that can be read");
  const sans = leaf.sans.filter((n) => !/^[0-9.]+$/.test(n) && !n.includes(":")); // not IP addresses
  const names = sans.length ? sans : leaf.commonName ? [leaf.commonName] : [];
  const domains = [...new Set(names.map(canonical).filter((n) => n !== ""))];
  if (domains.length === 0) throw invalidInput("bundle.certificatePem", "its certificate names no domain");
  /** @type {Renewal} */
  const renewal = { domains, notAfter: leaf.notAfter, fingerprintSha256: leaf.fingerprintSha256 };
  if (leaf.commonName) renewal.commonName = leaf.commonName;
  return renewal;
}

/**
 * `Array.isArray(value)`, false for a revoked Proxy (for which it throws): such a value is then
 * refused as not an array, never thrown out of the call.
 * @param {unknown} value
 * @returns {value is unknown[]}
 */
export function isArray(value) {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * What kind of value `value` is, as the library's messages say it (never the value itself).
 * @param {unknown} value
 */
function kindOf(value) {
  if (value === null) return "null";
  if (isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" || type === "undefined" ? (type === "object" ? "an object" : "undefined") : `a ${type === "bigint" ? "BigInt" : type}`;
}

/**
 * A member of `value` when it is a plain object or a `Map`; reading it may not throw out of the
 * call (a getter that throws, a revoked proxy): that is `InvalidInput` naming `field`.
 * @param {unknown} value
 * @param {string} key
 * @param {string} [field] what `value` is called in a message
 * @returns {unknown}
 */
export function member(value, key, field = "argument") {
  try {
    if (value instanceof Map) return value.get(key);
    return typeof value === "object" && value !== null ? /** @type {Record<string, unknown>} */ (value)[key] : undefined;
  } catch {
    throw invalidInput(`${field}.${key}`, "could not be read (reading it threw)");
  }
}

/**
 * The account's provider and label as an inventory names them.
 * @param {Account} account
 * @param {number} i its place in `accounts`, for messages
 */
function identity(account, i) {
  const label = member(account, "label", `accounts[${i}]`);
  const provider = member(account, "provider", `accounts[${i}]`);
  // As `inventory` refuses it; String() would throw a TypeError for a Symbol.
  if (typeof provider !== "string") throw invalidInput(`accounts[${i}].provider`, `expected a string, got ${kindOf(provider)}`);
  return { provider, account: typeof label === "string" ? label : "" };
}

/**
 * What a plan reads of a listed certificate, read guarded and typed (a `Map` like an object):
 * `{id, domains, notAfter?, fingerprintSha256?}`.
 * @param {unknown} c
 * @param {string} field
 */
function listedCertificate(c, field) {
  const text = (/** @type {string} */ key) => {
    const value = member(c, key, `${field}.certificates[]`);
    return typeof value === "string" ? value : undefined;
  };
  const domains = member(c, "domains", `${field}.certificates[]`);
  return {
    id: text("id") ?? "",
    domains: isArray(domains) ? Array.from(domains).filter((d) => typeof d === "string") : [],
    notAfter: text("notAfter"),
    fingerprintSha256: text("fingerprintSha256"),
  };
}

/**
 * Each account's listed certificates (or its listing error) from `inventory`, an inventory of
 * the accounts named by `ids` (their `identity`), in the same order.
 * @param {Array<{provider: string, account: string}>} ids
 * @param {unknown} inventory
 * @param {string} field what the inventory is called in a message
 */
function listings(ids, inventory, field) {
  try {
    const certificates = member(inventory, "certificates", field);
    const summaries = member(inventory, "accounts", field);
    if (!isArray(certificates) || !isArray(summaries)) {
      throw invalidInput(field, "is not an inventory (`{certificates, accounts}`, as `inventory` resolves)");
    }
    // Copied where what a Proxy's traps throw is caught (below).
    const listed = Array.from(certificates);
    const accounts = Array.from(summaries);
    if (accounts.length !== ids.length || accounts.some((s, i) => member(s, "provider", `${field}.accounts[${i}]`) !== ids[i].provider || member(s, "account", `${field}.accounts[${i}]`) !== ids[i].account)) {
      throw invalidInput(field, "is not an inventory of these accounts (the same accounts, in the same order)");
    }
    return ids.map((id, i) => {
      const failed = member(accounts[i], "error", `${field}.accounts[${i}]`);
      if (failed) return { error: errorFields(failed, `${field}.accounts[${i}].error`), held: [] };
      const held = listed
        .filter((c) => member(c, "provider", field) === id.provider && member(c, "account", field) === id.account)
        .map((c) => listedCertificate(c, field));
      return { error: undefined, held };
    });
  } catch (error) {
    if (ours.has(/** @type {object} */ (error))) throw error;
    throw invalidInput(field, "could not be read (reading it threw)");
  }
}

/**
 * Reports one write through `onProgress`; a callback that throws does not stop the renewal.
 * @param {unknown} onProgress
 * @param {WriteProgress} progress
 */
function report(onProgress, progress) {
  try {
    if (typeof onProgress === "function") onProgress(progress);
  } catch {
    // The caller's callback failed: its problem, not the renewal's.
  }
}

/**
 * The accounts' identities (provider and label), or the `InvalidInput` a renewal refuses them
 * with: not an array of objects, or two alike (certificates name their account by both).
 * `renewCertificate` checks them before it issues anything.
 * @param {unknown} accounts
 */
function readAccounts(accounts) {
  if (!isArray(accounts)) throw invalidInput("accounts", `expected an array of accounts, got ${kindOf(accounts)}`);
  /** @type {unknown[]} */
  let list;
  try {
    // Copied, element by element (a hole in a sparse array is undefined), where what a Proxy's
    // traps throw is caught.
    list = Array.from({ length: accounts.length }, (_, i) => accounts[i]);
  } catch {
    throw invalidInput("accounts", "could not be read (reading it threw)");
  }
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (typeof a !== "object" || a === null || isArray(a)) throw invalidInput(`accounts[${i}]`, `expected an object, got ${kindOf(a)}`);
  }
  const ids = list.map((a, i) => identity(/** @type {Account} */ (a), i));
  const seen = new Set();
  for (const [i, { provider, account }] of ids.entries()) {
    const key = JSON.stringify([provider, account]);
    if (seen.has(key)) {
      throw invalidInput(`accounts[${i}]`, "has the provider and label of an account before it: give the accounts distinct labels, which tell their certificates apart");
    }
    seen.add(key);
  }
  return { ids, list };
}

/**
 * The accounts' identities (see `readAccounts`), or the `InvalidInput` they are refused with.
 * @param {unknown} accounts
 */
export function checkAccounts(accounts) {
  return readAccounts(accounts).ids;
}

/**
 * `options.only` as a set of certificate ids (undefined: every certificate the bundle replaces),
 * or the `InvalidInput` it is refused with.
 * @param {object} opts
 * @returns {Set<string> | undefined}
 */
function readOnly(opts) {
  const only = member(opts, "only", "options");
  /** @type {unknown[] | undefined} */
  let onlyIds;
  try {
    onlyIds = isArray(only) ? Array.from(only) : undefined;
  } catch {
    throw invalidInput("options.only", "could not be read (reading it threw)");
  }
  if (only !== undefined && !(onlyIds && onlyIds.every((id) => typeof id === "string"))) {
    throw invalidInput("options.only", `expected an array of certificate ids, got ${kindOf(only)}`);
  }
  return onlyIds === undefined ? undefined : new Set(/** @type {string[]} */ (onlyIds));
}

/**
 * What `replaceCertificate` refuses in its options before it lists or sends anything
 * (`options.only`, a given `options.inventory` of the accounts `ids` names, as `checkAccounts`
 * gives them), refused with the same `InvalidInput`. `renewCertificate` checks them before it
 * issues, so that a wrong one does not cost an issuance at the CA.
 * @param {ReturnType<typeof checkAccounts>} ids
 * @param {object} opts
 */
export function checkReplacement(ids, opts) {
  readOnly(opts);
  const given = member(opts, "inventory", "options");
  // As replaceCertificate reads it: a nullish one is listed afresh.
  if (given != null) listings(ids, given, "options.inventory");
}

/**
 * The `InvalidInput` for `field` unless `value` is a string with more than white space in it.
 * @param {unknown} value
 * @param {string} field
 */
export function checkText(value, field) {
  if (typeof value !== "string" || value.trim() === "") {
    throw invalidInput(field, typeof value === "string" ? "must not be empty" : `expected a string, got ${kindOf(value)}`);
  }
}

/**
 * Renews `bundle` in every account of `accounts` that holds a certificate it replaces.
 * @param {Library} lib
 * @param {Account[]} accounts
 * @param {UploadRequest} bundle
 * @param {(ClientOptions & ReplaceOptions) | undefined} options
 * @returns {Promise<Replacement>}
 */
export async function replaceCertificate(lib, accounts, bundle, options) {
  const opts = options ?? {};
  if (typeof opts !== "object" || isArray(opts)) throw invalidInput("options", `expected an object, got ${kindOf(opts)}`);
  const signal = member(opts, "signal", "options");
  const onProgress = member(opts, "onProgress", "options");
  const aborted = () => {
    try {
      return Boolean(signal && /** @type {AbortSignal} */ (signal).aborted);
    } catch {
      return false; // the client reads the signal itself, and says what is wrong with it
    }
  };
  // The bundle is checked once, as an upload is, before anything is listed or sent.
  lib.checkBundle(bundle, opts);
  for (const key of ["name", "commonName", "certificatePem", "privateKeyPem"]) checkText(member(bundle, key, "bundle"), `bundle.${key}`);
  // Each account read once: the copy is what is listed and written to.
  const { ids, list: accountList } = readAccounts(accounts);
  const chosen = readOnly(opts);
  const inspected = await lib.inspectCertificate(/** @type {string} */ (member(bundle, "certificatePem", "bundle")), undefined, { now: /** @type {number | undefined} */ (member(opts, "now", "options")) });
  const renewal = renewalOf(inspected);
  const given = member(opts, "inventory", "options");
  const inventory = given ?? (await lib.inventory(/** @type {Account[]} */ (accountList), opts));
  const listed = listings(ids, inventory, given != null ? "options.inventory" : "inventory");
  if (aborted()) throw cloudCertError("Aborted", "aborted by the caller's AbortSignal");

  /** @type {AccountReplacement[]} */
  const plan = ids.map((id, i) => {
    const { error, held } = listed[i];
    const replaces = error ? [] : replacedBy(held, renewal).filter((c) => !chosen || chosen.has(c));
    /** @type {AccountReplacement} */
    const entry = { ...id, replaces };
    if (error) entry.error = error;
    return entry;
  });
  const dryRun = member(opts, "dryRun", "options") === true;
  if (!dryRun) {
    const deleteReplaced = member(opts, "deleteReplaced", "options") === true;
    await Promise.all(plan.map(async (entry, i) => {
      if (entry.error || entry.replaces.length === 0) return;
      const account = /** @type {Account} */ (accountList[i]);
      const total = 1 + (deleteReplaced ? entry.replaces.length : 0);
      const progress = (/** @type {number} */ done, /** @type {"upload" | "delete"} */ step) =>
        report(onProgress, { provider: /** @type {any} */ (entry.provider), account: entry.account, done, total, step });
      const copy = heldCopy(/** @type {any} */ (listed[i].held), renewal);
      try {
        entry.uploaded = copy ? { id: copy.id, existing: true } : await lib.uploadCertificate(account, bundle, opts);
      } catch (error) {
        entry.error = errorInfo(error);
        progress(1, "upload");
        return;
      }
      progress(1, "upload");
      if (!deleteReplaced) return;
      entry.deleted = [];
      entry.refused = [];
      for (const [n, id] of entry.replaces.entries()) {
        try {
          await lib.deleteCertificate(account, id, opts);
          entry.deleted.push(id);
        } catch (error) {
          entry.refused.push({ id, error: errorInfo(error) });
        }
        progress(2 + n, "delete");
      }
    }));
    if (aborted()) {
      throw cloudCertError("Aborted", "aborted by the caller's AbortSignal: the uploads and deletions that finished stay done (list the accounts again to see them)");
    }
  }
  return { certificate: renewal, dryRun, accounts: plan };
}
