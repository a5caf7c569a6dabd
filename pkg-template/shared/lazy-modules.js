// @ts-check
// The functions every browser and bundler entry adds to its build of the main module, each
// loading what it needs on first use (copied into pkg/web and pkg/bundler by
// scripts/write-wrappers.mjs; each entry passes how its build loads the two lazy wasm modules):
// inspectCertificate (the inspector module); uploadCertificate, which the inspector checks before
// the main module sends anything; replaceCertificate (replace.js); issueCertificate (the ACME
// module); and renewCertificate (renew.js, over issueCertificate and replaceCertificate). A
// failed load is tried again on the next call.
import { deleteCertificate, inventory, uploadCertificate as uploadUnchecked } from "./cloudcerts.js";

/**
 * @template T
 * @param {() => Promise<T>} load
 * @returns {() => Promise<T>} `load`, run once; after a failure, run again on the next call
 */
function once(load) {
  /** @type {Promise<T> | undefined} */
  let loading;
  return () => {
    loading ??= load().catch((error) => {
      loading = undefined; // let a later call try again
      throw error;
    });
    return loading;
  };
}

/**
 * @param {() => Promise<typeof import("./cloudcerts_inspect.js")>} loadInspector - loads (and
 *   initialises) the inspector module of this build
 * @param {() => Promise<typeof import("./cloudcerts_acme.js")>} loadAcme - loads (and
 *   initialises) the ACME module of this build
 */
export function withLazyModules(loadInspector, loadAcme) {
  /** The inspector module, loaded on the first call. */
  const inspector = once(loadInspector);
  /** The ACME module, loaded on the first call. */
  const acme = once(loadAcme);

  /** @type {(certificatePem: string, privateKeyPem?: string | null, options?: import("./cloudcerts.js").InspectOptions) => Promise<import("./cloudcerts.js").CertificateReport>} */
  async function inspectCertificate(certificatePem, privateKeyPem, options) {
    return (await inspector()).inspectCertificate(certificatePem, privateKeyPem ?? undefined, options);
  }

  /** @type {typeof import("./cloudcerts.js").uploadCertificate} */
  async function uploadCertificate(account, upload, options) {
    // The inspector reads the arguments itself (a Map as an object, any type checked) and refuses
    // a bad bundle before any request (every provider that uploads); whatever it cannot read, the
    // main module reports.
    // (checkUpload reads missing options as the upload does; its .d.ts says `ClientOptions`.)
    (await inspector()).checkUpload(account, upload, /** @type {import("./cloudcerts.js").ClientOptions} */ (options));
    return uploadUnchecked(account, upload, options);
  }

  /** @type {(accounts: import("./cloudcerts.js").Account[], bundle: import("./cloudcerts.js").UploadRequest, options?: import("./cloudcerts.js").ReplaceOptions) => Promise<import("./cloudcerts.js").Replacement>} */
  async function replaceCertificate(accounts, bundle, options) {
    // The renewal is JavaScript over the calls above, loaded on first use (shared/replace.js).
    const [{ replaceCertificate: renew }, checks] = await Promise.all([import("./replace.js"), inspector()]);
    const lib = {
      inventory,
      uploadCertificate: uploadUnchecked,
      deleteCertificate,
      checkBundle: checks.checkBundle,
      inspectCertificate: checks.inspectCertificate,
    };
    return renew(lib, accounts, bundle, options);
  }

  /** @type {(request: import("./cloudcerts.js").IssueRequest, options?: import("./cloudcerts.js").IssueOptions) => Promise<import("./cloudcerts.js").IssuedCertificate>} */
  async function issueCertificate(request, options) {
    return (await acme()).issueCertificate(request, options);
  }

  /** @type {(certificate: import("./cloudcerts.js").Certificate, plan: import("./cloudcerts.js").RenewPlan, options?: import("./cloudcerts.js").RenewOptions) => Promise<import("./cloudcerts.js").Renewed>} */
  async function renewCertificate(certificate, plan, options) {
    const { renewCertificate: renew } = await import("./renew.js");
    return renew({ issueCertificate, replaceCertificate }, certificate, plan, options);
  }

  return { inspectCertificate, uploadCertificate, replaceCertificate, issueCertificate, renewCertificate };
}
