// @ts-check
// The three functions every browser and bundler entry adds to its build of the main module
// (copied into pkg/web and pkg/bundler by scripts/write-wrappers.mjs; each entry passes how its
// build loads the inspector module): inspectCertificate, which loads the inspector on first use;
// uploadCertificate, which the inspector checks before the main module sends anything; and
// replaceCertificate (replace.js, loaded on first use). A failed load of the inspector is tried
// again on the next call.
import { deleteCertificate, inventory, uploadCertificate as uploadUnchecked } from "./cloudcerts.js";

/**
 * @param {() => Promise<typeof import("./cloudcerts_inspect.js")>} load - loads (and
 *   initialises) the inspector module of this build
 */
export function withInspector(load) {
  /** @type {Promise<typeof import("./cloudcerts_inspect.js")> | undefined} */
  let loading;

  /** The inspector module, loaded on the first call; a failed load is tried again. */
  function inspector() {
    loading ??= load().catch((error) => {
      loading = undefined; // let a later call try again
      throw error;
    });
    return loading;
  }

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

  return { inspectCertificate, uploadCertificate, replaceCertificate };
}
