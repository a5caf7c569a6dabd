//! The parameter types of the exports in the `.d.ts`. (The model's own declarations come with
//! its types: the core derives them with its `typescript` feature.)
//!
//! Every parameter is a `JsValue`, or an `Option` of one of the extern types below (which the
//! glue passes through untouched, and which keeps an optional parameter's `?`): the generated
//! glue never converts an argument itself, so no value of a wrong type can trap the module.
//! The exports read them with [`crate::read`].

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `string` in the `.d.ts`, for an optional string parameter.
    #[wasm_bindgen(typescript_type = "string")]
    pub type StringArg;
    /// `SignContext` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "SignContext")]
    pub type SignContextArg;
    /// `NormalizeOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "NormalizeOptions")]
    pub type NormalizeOptionsArg;
    /// `ListQuery` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "ListQuery")]
    pub type ListQueryArg;
    /// `PageRequest` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "PageRequest")]
    pub type PageRequestArg;
    /// `ClientOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "ClientOptions")]
    pub type ClientOptionsArg;
    /// `InspectOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "InspectOptions")]
    pub type InspectOptionsArg;
    /// `IssueOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "IssueOptions")]
    pub type IssueOptionsArg;
}

/// An optional argument as a plain `JsValue` (`undefined` when absent).
pub fn optional(value: Option<impl Into<JsValue>>) -> JsValue {
    value.map_or(JsValue::UNDEFINED, Into::into)
}

// The types of `issueCertificate` and `renewCertificate` (the ACME module, loaded on first use,
// and pkg-template/shared/renew.js). Declared here, in the main module's `.d.ts`, so that every
// entry imports them from one place; a custom section costs the wasm nothing.
#[wasm_bindgen(typescript_custom_section)]
const ACME_TYPES: &str = r#"
/** The CA: a known directory by name, or the `https://` URL of any ACME directory. */
export type AcmeDirectory = "letsencrypt" | "letsencrypt-staging" | "zerossl" | (string & {});

/** What `issueCertificate` issues, and through which DNS accounts it proves control. */
export interface IssueRequest {
    /** `"letsencrypt"`, `"letsencrypt-staging"`, `"zerossl"`, or a directory URL (`https://…`). */
    directory: AcmeDirectory;
    /** The names, wildcards (`*.example.com`) included, in ASCII (punycode for other scripts); the first is the common name. */
    domains: string[];
    /** The DNS account (`tencent-dns` or `volcengine-dns`) whose zones hold the names, or several: each name's record goes to the account with the longest zone that holds it. */
    dns: Account | Account[];
    /** The account key a previous call returned (`accountKeyPem`, PKCS#8 PEM): the same CA account again (CAs limit new accounts). Absent: a new key and account. */
    accountKey?: string;
    /** Contact URLs for a new account (`mailto:ops@example.com`). */
    contact?: string[];
    /** The external account binding a CA requires (ZeroSSL): its key id and HMAC key (base64url). */
    externalAccountBinding?: { keyId: string; hmacKey: string };
    /** The certificate key's type: `"ec-p256"` (the default) or `"rsa-2048"` (for clients that need RSA; its key takes a second or more to generate in the page). The account key is P-256 either way. */
    keyType?: "ec-p256" | "rsa-2048";
}

/** One step of an issuance, reported as it starts. */
export interface IssueProgress {
    /** `account` (directory, account), `order`, `challenge` (one per name: its TXT record published, then awaited at the DNS provider), `validation`, `finalize` (the CSR), `download` (the chain), `cleanup` (the TXT records removed). */
    step: "account" | "order" | "challenge" | "validation" | "finalize" | "download" | "cleanup";
    /** The name a `challenge` is for (without `*.`). */
    domain?: string;
}

/** `issueCertificate`'s options: the client options (`proxy` is needed), polling, and progress. */
export type IssueOptions = Omit<ClientOptions, "onProgress"> & {
    /** The first wait between polls of the CA and of the DNS provider, ms (doubled each time, up to 8×; a CA's `Retry-After` wins). Default 1000. */
    pollIntervalMs?: number;
    /** How many times an authorization, the order or a TXT record is polled before `Timeout`. Default 30. */
    maxPolls?: number;
    /** Called as each step starts. */
    onProgress?: (progress: IssueProgress) => void;
    /** A TXT lookup the caller can make (a page has no resolver of its own: a DNS-over-HTTPS query; in Node, `dns.promises.resolveTxt`). When given, each record must also resolve, after the DNS provider lists it, before the CA is asked to validate (`Timeout` after `maxPolls`); a lookup that throws counts as "not yet". */
    resolveTxt?: (name: string) => Promise<string[] | string[][]> | string[] | string[][];
};

/** A certificate `issueCertificate` obtained, with its key and the account key. */
export interface IssuedCertificate {
    /** The chain, leaf first (PEM). */
    certificatePem: string;
    /** The certificate's private key (PKCS#8 PEM), made in the page. */
    privateKeyPem: string;
    /** The account key (PKCS#8 PEM): keep it, and pass it as `accountKey` next time. */
    accountKeyPem: string;
    /** The account's URL at the CA. */
    accountUrl: string;
    /** The names, as asked for. */
    domains: string[];
    /** The leaf's validity (RFC 3339 UTC). */
    notBefore?: string;
    notAfter?: string;
    /** The leaf's serial (upper-case hex). */
    serialNumber?: string;
    /** What went wrong without stopping the issuance: TXT records that could not be removed (remove them at the DNS provider). Empty when all went well. */
    warnings: string[];
}

/** What `renewCertificate` does: where it issues, and where it rolls the successor out. */
export interface RenewPlan {
    directory: AcmeDirectory;
    /** The DNS account(s), as for `issueCertificate`. */
    dns: Account | Account[];
    /** The accounts to roll the successor out to (as `replaceCertificate`'s). */
    accounts: Account[];
    /** Delete the replaced certificates where the successor was uploaded (default false). */
    deleteReplaced?: boolean;
    accountKey?: string;
    contact?: string[];
    externalAccountBinding?: { keyId: string; hmacKey: string };
    /** The successor's key type, as `issueCertificate`'s `keyType`. */
    keyType?: "ec-p256" | "rsa-2048";
    /** The successor's name at the vendors. Default: its common name and expiry date. */
    name?: string;
}

/** `renewCertificate`'s options: those of `issueCertificate` and of `replaceCertificate`; progress reports both. */
export type RenewOptions = Omit<IssueOptions, "onProgress"> & {
    onProgress?: (progress: IssueProgress | Progress | WriteProgress) => void;
};

/** The successor and its roll-out. */
export interface Renewed {
    /** The new certificate (its `privateKeyPem` included: it went to the vendors inside the signed uploads only). */
    issued: IssuedCertificate;
    /** `replaceCertificate`'s result for the successor; absent when the roll-out failed as a whole (then `error`). */
    replacement?: Replacement;
    /** Why the roll-out failed as a whole after the issuance (an abort, unusable options): the successor is in `issued`, uploaded nowhere. */
    error?: ErrorInfo;
}
"#;
