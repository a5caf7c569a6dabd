// The ACME runs of tests/node/acme-browser.test.mjs, written once for every runtime: the test
// calls them in Node with pkg/node and imports this file into a Chromium page (served beside
// pkg/web) to call them there with the web build. Each takes the package (`cc`) and plain input,
// calls only the package and standard Web APIs, asserts nothing, and resolves to plain data (an
// error becomes `{error: {name, code, message, ...}}`) for the test to check, wherever it ran.

/** A thrown value as plain data (playwright hands an Error back as its message alone). */
function errorData(error) {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const data = { name: error.name, message: error.message };
  for (const key of ["code", "provider", "vendorCode", "httpStatus", "requestId", "retryable", "hint", "problems"]) {
    if (error[key] !== undefined) data[key] = error[key];
  }
  return data;
}

/** Progress as it was reported, copied (a later change to the object would not show). */
const copy = (value) => JSON.parse(JSON.stringify(value));

/**
 * issueCertificate for `input.domains`, then inspectCertificate of the chain with its key.
 *
 * @param {any} cc the package
 * @param {{directory: string, domains: string[], dns: object, proxy: string, contact?: string[]}} input
 */
export async function issueCase(cc, input) {
  const progress = [];
  try {
    const issued = await cc.issueCertificate(
      { directory: input.directory, domains: input.domains, dns: input.dns, ...(input.contact ? { contact: input.contact } : {}) },
      { proxy: input.proxy, pollIntervalMs: 20, maxPolls: 20, onProgress: (p) => progress.push(copy(p)) },
    );
    const report = await cc.inspectCertificate(issued.certificatePem, issued.privateKeyPem);
    return { issued, report, progress };
  } catch (error) {
    return { error: errorData(error), progress };
  }
}

/**
 * A renewal as a console does it: inventory of `input.accounts`, the certificate to renew picked
 * from the first account's listing (the one whose domains are `input.names`), renewCertificate
 * with `deleteReplaced`, the successor inspected, and the accounts listed again.
 *
 * @param {any} cc the package
 * @param {{directory: string, dns: object, accounts: object[], names: string[], proxy: string}} input
 */
export async function renewCase(cc, input) {
  const progress = [];
  const same = (a, b) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
  const options = { proxy: input.proxy };
  try {
    const before = await cc.inventory(input.accounts, options);
    const first = input.accounts[0];
    const old = before.certificates.find((c) => c.provider === first.provider && c.account === (first.label ?? "") && same(c.domains, input.names));
    if (!old) return { error: { name: "TestSetup", message: "the old certificate is not listed" }, before };
    const renewed = await cc.renewCertificate(
      old,
      { directory: input.directory, dns: input.dns, accounts: input.accounts, deleteReplaced: true },
      { ...options, pollIntervalMs: 20, maxPolls: 20, onProgress: (p) => progress.push(copy(p)) },
    );
    const report = await cc.inspectCertificate(renewed.issued.certificatePem, renewed.issued.privateKeyPem);
    const after = await cc.inventory(input.accounts, options);
    return { before, old, renewed, report, after, progress };
  } catch (error) {
    return { error: errorData(error), progress };
  }
}
