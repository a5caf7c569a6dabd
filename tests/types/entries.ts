// Type-level test of the package's entries (the index, manual and sign .d.ts files of pkg/, written
// by hand in pkg-template/): every entry declares the same functions, with the same types, as the
// committed reference of the main module (cloudcerts.d.ts here) plus the entries' own
// `inspectCertificate`, `replaceCertificate`, `issueCertificate` and `renewCertificate`; the sign entries declare `signRequest` alone,
// the reference's. Checked by tsc after the build (`npm run check:entries`): a mismatch is a compile error on its line.
import type * as Reference from "./cloudcerts.js";
import type * as Web from "../../pkg/web/index.js";
import type * as WebManual from "../../pkg/web/manual.js";
import type * as Bundler from "../../pkg/bundler/index.js";
import type * as NodeEsm from "../../pkg/node/index.mjs";
import type * as NodeCjs from "../../pkg/node/index.cjs";
import type * as WebSign from "../../pkg/web/sign.js";
import type * as BundlerSign from "../../pkg/bundler/sign.js";
import type * as NodeSignEsm from "../../pkg/node/sign.mjs";
import type * as NodeSignCjs from "../../pkg/node/sign.cjs";
import type NodeEsmDefault from "../../pkg/node/index.mjs";
import type NodeSignDefault from "../../pkg/node/sign.mjs";

/** The function exports of a module, by name. */
type Functions<M> = { [K in keyof M as M[K] extends (...args: never[]) => unknown ? K : never]: M[K] };
/** `true` when A and B are each assignable to the other (each build's model types are copies). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The names in one set and not in the other: `never` when the sets are equal. */
type Diff<A, B> = Exclude<A, B> | Exclude<B, A>;
/** Compiles only for `true`. */
const same = <T extends true>(_: T) => {};
/** Compiles only for `never`; the error names the extra or missing export. */
const noDiff = <T extends never>(_?: T) => {};

// The main module's functions as the reference declares them, and those the entries add.
type Main = Functions<typeof Reference>;
type Entry = Main & {
  inspectCertificate: typeof Web.inspectCertificate;
  replaceCertificate: typeof Web.replaceCertificate;
  issueCertificate: typeof Web.issueCertificate;
  renewCertificate: typeof Web.renewCertificate;
};

noDiff<Diff<keyof Functions<typeof Web>, keyof Entry | "initSync">>();
noDiff<Diff<keyof Functions<typeof WebManual>, keyof Entry | "initSync" | "default">>();
noDiff<Diff<keyof Functions<typeof Bundler>, keyof Entry>>();
noDiff<Diff<keyof Functions<typeof NodeEsm>, keyof Entry>>();
noDiff<Diff<keyof Functions<typeof NodeCjs>, keyof Entry>>();

same<Same<Omit<Functions<typeof Web>, "initSync">, Entry>>(true);
same<Same<Omit<Functions<typeof WebManual>, "initSync" | "default">, Entry>>(true);
same<Same<Functions<typeof Bundler>, Entry>>(true);
same<Same<Functions<typeof NodeEsm>, Entry>>(true);
same<Same<Functions<typeof NodeCjs>, Entry>>(true);

// inspectCertificate is asynchronous (it loads the inspector on first use) and resolves to the
// reference's CertificateReport.
same<Same<ReturnType<Entry["inspectCertificate"]>, Promise<Reference.CertificateReport>>>(true);
// issueCertificate loads the ACME module on first use; it and renewCertificate resolve to the
// reference's types, and take its request, plan and options types.
same<Same<ReturnType<Entry["issueCertificate"]>, Promise<Reference.IssuedCertificate>>>(true);
same<Same<Parameters<Entry["issueCertificate"]>, [Reference.IssueRequest, Reference.IssueOptions?]>>(true);
same<Same<ReturnType<Entry["renewCertificate"]>, Promise<Reference.Renewed>>>(true);
same<Same<Parameters<Entry["renewCertificate"]>, [Reference.Certificate, Reference.RenewPlan, Reference.RenewOptions?]>>(true);
// A DNS account is an Account of a DNS provider.
const dnsAccount: Reference.Account = { provider: "tencent-dns", accessKeyId: "AK", secretAccessKey: "SK" };
const dnsProvider: Reference.Provider = "volcengine-dns";
void [dnsAccount, dnsProvider];

// The sign entries: signRequest and isCloudCertError alone, the reference's.
noDiff<Diff<keyof Functions<typeof WebSign>, "signRequest" | "isCloudCertError">>();
noDiff<Diff<keyof Functions<typeof BundlerSign>, "signRequest" | "isCloudCertError">>();
noDiff<Diff<keyof Functions<typeof NodeSignEsm>, "signRequest" | "isCloudCertError">>();
noDiff<Diff<keyof Functions<typeof NodeSignCjs>, "signRequest" | "isCloudCertError">>();
same<Same<typeof WebSign.isCloudCertError, Main["isCloudCertError"]>>(true);
same<Same<typeof NodeSignCjs.isCloudCertError, Main["isCloudCertError"]>>(true);

// isCloudCertError narrows what a catch gives to the thrown error's type, in every entry.
declare const caught: unknown;
declare const webGuard: typeof Web.isCloudCertError;
declare const signGuard: typeof NodeSignEsm.isCloudCertError;
if (webGuard(caught)) {
  const code: Reference.ErrorCode = caught.code;
  const retryable: boolean = caught.retryable;
  const problems: Reference.Problem[] | undefined = caught.problems;
  const message: string = caught.message;
  void [code, retryable, problems, message];
}
if (signGuard(caught)) {
  const vendorCode: string | undefined = caught.vendorCode;
  void vendorCode;
}
// The Node ESM default export is typed: the CommonJS entry's functions.
same<Same<typeof NodeEsmDefault.inventory, Main["inventory"]>>(true);
same<Same<typeof NodeEsmDefault.replaceCertificate, Entry["replaceCertificate"]>>(true);
same<Same<typeof NodeSignDefault.signRequest, Main["signRequest"]>>(true);
same<Same<typeof WebSign.signRequest, Main["signRequest"]>>(true);
same<Same<typeof BundlerSign.signRequest, Main["signRequest"]>>(true);
same<Same<typeof NodeSignEsm.signRequest, Main["signRequest"]>>(true);
same<Same<typeof NodeSignCjs.signRequest, Main["signRequest"]>>(true);
