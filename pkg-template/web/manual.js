// @ts-check
// `cloudcerts/web` (pkg/web/manual.js): the web build as web/index.js exports it (index.js is this
// module, initialised on import), except that the caller awaits init (the default export) before
// anything else. The inspector module is loaded and initialised on first use. Types: manual.d.ts.
import { deleteCertificate, inventory, uploadCertificate as uploadUnchecked } from "./cloudcerts.js";

export { default, initSync } from "./cloudcerts.js";
export * from "./cloudcerts.js";

/** @type {Promise<typeof import("./cloudcerts_inspect.js")> | undefined} */
let loading;

/** The inspector module, loaded and initialised on the first call; a failed load is tried again. */
function inspector() {
  loading ??= import("./cloudcerts_inspect.js")
    .then(async (m) => {
      await m.default();
      return m;
    })
    .catch((error) => {
      loading = undefined; // let a later call try again
      throw error;
    });
  return loading;
}

/** @type {typeof import("./manual.js").inspectCertificate} */
export async function inspectCertificate(certificatePem, privateKeyPem, options) {
  return (await inspector()).inspectCertificate(certificatePem, privateKeyPem ?? undefined, options);
}

/** @type {typeof import("./cloudcerts.js").uploadCertificate} */
export async function uploadCertificate(account, upload, options) {
  // The inspector reads the arguments itself (a Map as an object, any type checked) and refuses
  // a bad bundle before any request (every provider that uploads); whatever it cannot read, the
  // main module reports.
  // (checkUpload reads missing options as the upload does; its .d.ts says `ClientOptions`.)
  (await inspector()).checkUpload(account, upload, /** @type {import("./cloudcerts.js").ClientOptions} */ (options));
  return uploadUnchecked(account, upload, options);
}

/** @type {typeof import("./manual.js").replaceCertificate} */
export async function replaceCertificate(accounts, bundle, options) {
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
