// @ts-check
// `cloudcerts` required from Node (pkg/node/index.cjs), and through index.mjs imported: the main
// module, compiled on require; inspectCertificate, which requires (and compiles) the inspector
// module on first use; uploadCertificate, which the inspector checks before the main module sends
// anything; replaceCertificate (replace.js, loaded on first use); issueCertificate, which requires
// (and compiles) the ACME module on first use; and renewCertificate (renew.js, loaded on first
// use). Types: index.d.cts.
"use strict";
const core = require("./cloudcerts.cjs");
const uploadUnchecked = core.uploadCertificate;

/** @type {typeof import("./cloudcerts_inspect.js") | undefined} The types of the .cjs beside it. */
let loaded;

/** The inspector module, required on the first call. */
async function inspector() {
  return (loaded ??= require("./cloudcerts_inspect.cjs"));
}

/** @type {typeof import("./index.cjs").inspectCertificate} */
async function inspectCertificate(certificatePem, privateKeyPem, options) {
  return (await inspector()).inspectCertificate(certificatePem, privateKeyPem ?? undefined, options);
}

/** @type {typeof import("./cloudcerts.cjs").uploadCertificate} */
async function uploadCertificate(account, upload, options) {
  // The inspector reads the arguments itself (a Map as an object, any type checked) and refuses
  // a bad bundle before any request (every provider that uploads); whatever it cannot read, the
  // main module reports.
  // (checkUpload reads missing options as the upload does; its .d.ts says `ClientOptions`.)
  (await inspector()).checkUpload(account, upload, /** @type {import("./cloudcerts.cjs").ClientOptions} */ (options));
  return uploadUnchecked(account, upload, options);
}

/** @type {typeof import("./index.cjs").replaceCertificate} */
async function replaceCertificate(accounts, bundle, options) {
  // The renewal is JavaScript over the calls above, loaded on first use (shared/replace.js, an
  // ES module: imported, not required).
  const [{ replaceCertificate: renew }, checks] = await Promise.all([import("./replace.js"), inspector()]);
  const lib = {
    inventory: core.inventory,
    uploadCertificate: uploadUnchecked,
    deleteCertificate: core.deleteCertificate,
    checkBundle: checks.checkBundle,
    inspectCertificate: checks.inspectCertificate,
  };
  return renew(lib, accounts, bundle, options);
}

/** @type {typeof import("./cloudcerts_acme.js") | undefined} The types of the .cjs beside it. */
let acme;

/** @type {typeof import("./index.cjs").issueCertificate} */
async function issueCertificate(request, options) {
  return (acme ??= require("./cloudcerts_acme.cjs")).issueCertificate(request, options);
}

/** @type {typeof import("./index.cjs").renewCertificate} */
async function renewCertificate(certificate, plan, options) {
  // renew.js is an ES module, as replace.js: imported, not required.
  const { renewCertificate: renew } = await import("./renew.js");
  return renew({ issueCertificate, replaceCertificate }, certificate, plan, options);
}

module.exports = { ...core, inspectCertificate, uploadCertificate, replaceCertificate, issueCertificate, renewCertificate };
