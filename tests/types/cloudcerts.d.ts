/* tslint:disable */
/* eslint-disable */

/**
 * What every call of the package throws, or rejects with: a JavaScript `Error` named
 * `CloudCertError`, with the members of `ErrorInfo` (`code`, `provider`, `vendorCode`,
 * `httpStatus`, `requestId`, `retryable`, `hint`). `isCloudCertError` tells one apart from any
 * other value caught.
 */
export interface CloudCertError extends Error, ErrorInfo {
    name: "CloudCertError";
    /** The problems a bundle was refused for, before anything was sent (`uploadCertificate`, `replaceCertificate`). */
    problems?: Problem[];
    /** `issueCertificate`: the CA's problem document's subproblems, one per name (RFC 8555 §6.7.1); the document's type is `vendorCode`, its detail the message. */
    subproblems?: { type: string; detail: string; identifier?: string }[];
}



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


/**
 * A `CloudCertError` as plain data, for results that carry a failure beside successes.
 */
export interface ErrorInfo {
    /**
     * Always `"CloudCertError"`.
     */
    name: string;
    /**
     * The stable error code.
     */
    code: ErrorCode;
    /**
     * What went wrong.
     */
    message: string;
    /**
     * The provider involved.
     */
    provider?: Provider;
    /**
     * The vendor's own error code.
     */
    vendorCode?: string;
    /**
     * The HTTP status of the vendor's answer.
     */
    httpStatus?: number;
    /**
     * The vendor's request id.
     */
    requestId?: string;
    /**
     * Whether the same call may succeed if made again later and making it again can do no
     * harm: exactly what the client itself retries (still true when its attempts ran out).
     * For a read: network errors, timeouts, throttling, a clock refusal once the client has the
     * vendor's time, HTTP 5xx, vendors' internal errors, bodies that are not the vendor's answer.
     * For an upload: only throttled or clock refused, never after a 5xx, timeout or network
     * error (the vendor may have stored it).
     */
    retryable: boolean;
    /**
     * What to do about it.
     */
    hint?: string;
}

/**
 * A certificate to upload (Qiniu). Its `Debug` hides the private key.
 */
export interface UploadRequest {
    /**
     * The certificate's name at the vendor.
     */
    name: string;
    /**
     * Its common name.
     */
    commonName: string;
    /**
     * The certificate chain, PEM, leaf first.
     */
    certificatePem: string;
    /**
     * The private key, PEM. Never logged or returned.
     */
    privateKeyPem: string;
    /**
     * Validity left, in days, below which the upload is refused before sending (default 7;
     * `0` turns the check off). The other checks of `inspectCertificate` always apply.
     */
    minValidityDays?: number;
    /**
     * The vendor's project to put the certificate in: Tencent SSL's numeric `ProjectId`,
     * Volcengine's `ProjectName` (Live and Certificate Center). Refused (`InvalidInput`, nothing
     * sent) for a vendor whose upload takes none (Tencent API 2.0, Qiniu).
     */
    project?: string;
    /**
     * Tags, key to value, as listed certificates carry them: Tencent SSL's and Certificate
     * Center's `Tags`. Refused (`InvalidInput`, nothing sent) for a vendor whose upload takes
     * none (Tencent API 2.0, Volcengine Live, Qiniu).
     */
    tags?: Map<string, string>;
}

/**
 * A replaced certificate whose deletion did not happen.
 */
export interface RefusedDeletion {
    /**
     * The certificate's id.
     */
    id: string;
    /**
     * Why it was not deleted (the vendor's refusal, or `Aborted`).
     */
    error: ErrorInfo;
}

/**
 * A signed request, ready for `fetch(url, {method, headers, body})`. Never has a `Host` header.
 * Its `Debug` shows no header values, query values or body.
 */
export interface SignedRequest {
    /**
     * The method, upper-case.
     */
    method: string;
    /**
     * The URL to fetch: normalized as a browser would send it (and, for `tencent-legacy`
     * GET requests, carrying the signature parameters).
     */
    url: string;
    /**
     * Headers to send, signature included.
     */
    headers: Record<string, string>;
    /**
     * The body to send, if any.
     */
    body?: string;
}

/**
 * An HTTP request for a vendor's real URL, before signing. Its `Debug` shows no header
 * values, query values or body (they may hold a session token or a private key).
 */
export interface HttpRequest {
    /**
     * `GET`, `POST`, `DELETE`, ... (upper-cased when signed).
     */
    method: string;
    /**
     * The vendor's real `https://` URL, e.g. `https://ssl.tencentcloudapi.com/`.
     */
    url: string;
    /**
     * Request headers; names are case-insensitive and must be unique.
     */
    headers?: Record<string, string>;
    /**
     * The exact body text that will be sent.
     */
    body?: string;
}

/**
 * Every certificate of every account.
 */
export interface Inventory {
    /**
     * All certificates of the accounts that succeeded.
     */
    certificates: Certificate[];
    /**
     * One entry per account, in the order given.
     */
    accounts: AccountSummary[];
}

/**
 * Every certificate of one account, and what it took to list them.
 */
export interface ListResult {
    /**
     * The provider listed.
     */
    provider: Provider;
    /**
     * The account's label (`""` when it has none).
     */
    account: string;
    /**
     * Each certificate exactly once (de-duplicated by id), in vendor order.
     */
    certificates: Certificate[];
    /**
     * HTTP requests sent, retries included.
     */
    requests: number;
    /**
     * Requests that were retries (after throttling, 5xx, network errors or clock skew).
     */
    retries: number;
    /**
     * Things worth knowing that did not stop the listing (a total that changed while paging,
     * a repeated marker).
     */
    warnings: string[];
}

/**
 * Filters of `listCertificates`; each narrows the list only when set. Mapped per provider:
 * `search` → Tencent `SearchKey` / `searchKey`, Live `CertName`, Certificate Center
 * `common_name`; `domain` → legacy `altDomain`, Live `Domain`, Certificate Center `domain`
 * (Tencent API 3.0: `SearchKey`). Qiniu has no server-side filter: both apply to the listed
 * certificates' names and domains.
 */
export interface ListQuery {
    /**
     * Free text: certificate id, name or domain, as the vendor searches it.
     */
    search?: string;
    /**
     * Only certificates for this domain.
     */
    domain?: string;
}

/**
 * How one account of an inventory went.
 */
export interface AccountSummary {
    /**
     * The account's provider, as given (it may be the unknown id that made it fail).
     */
    provider: Provider | string;
    /**
     * The account's label (`""` when it has none).
     */
    account: string;
    /**
     * Certificates listed for it.
     */
    count: number;
    /**
     * HTTP requests sent for it.
     */
    requests: number;
    /**
     * Retries among them.
     */
    retries: number;
    /**
     * Warnings of its listing.
     */
    warnings: string[];
    /**
     * Why it failed, when it did (its certificates are then absent, the others' are not).
     */
    error?: ErrorInfo;
}

/**
 * How serious a problem is: an `error` makes `uploadCertificate` refuse.
 */
export type Severity = "error" | "warning";

/**
 * One certificate of a bundle.
 */
export interface CertificateDetails {
    /**
     * The subject, RFC 4514 (`CN=www.example.com,O=Example`).
     */
    subject: string;
    /**
     * The subject's common name, as written.
     */
    commonName?: string;
    /**
     * Subject alternative names: DNS names as written, IP addresses in text form.
     */
    sans: string[];
    /**
     * The issuer, RFC 4514.
     */
    issuer: string;
    /**
     * The issuer's common name.
     */
    issuerCommonName?: string;
    /**
     * Start of validity, RFC 3339 UTC.
     */
    notBefore: string;
    /**
     * End of validity, RFC 3339 UTC.
     */
    notAfter: string;
    /**
     * `floor((notAfter - now) / 1 day)`; negative once expired.
     */
    daysRemaining: number;
    /**
     * Serial number, upper-case hex (as `openssl x509 -serial` prints it).
     */
    serialNumber: string;
    /**
     * SHA-256 of the DER, lower-case hex without separators.
     */
    fingerprintSha256: string;
    /**
     * `RSA`, `EC`, `Ed25519`, or the key's algorithm OID when it is none of those.
     */
    keyAlgorithm: string;
    /**
     * Key size in bits (RSA modulus, curve size), when known.
     */
    keyBits?: number;
    /**
     * The curve of an EC key: `P-256`, `P-384`, `P-521`, or its OID.
     */
    curve?: string;
    /**
     * Issuer equals subject and, when both are present, the key identifiers agree.
     */
    selfSigned: boolean;
    /**
     * Basic constraints say it is a CA.
     */
    isCa: boolean;
    /**
     * The subject key identifier, lower-case hex.
     */
    subjectKeyId?: string;
    /**
     * The authority key identifier, lower-case hex.
     */
    authorityKeyId?: string;
}

/**
 * One certificate, the same shape whichever vendor it came from.
 */
export interface Certificate {
    /**
     * The provider it was listed from.
     */
    provider: Provider;
    /**
     * The account's label (`""` when the account has none).
     */
    account: string;
    /**
     * The vendor's certificate id.
     */
    id: string;
    /**
     * The vendor's name, alias or note for it.
     */
    name?: string;
    /**
     * The subject common name, lower-case.
     */
    commonName?: string;
    /**
     * Common name first, then the SANs; lower-case, without duplicates.
     */
    domains: string[];
    /**
     * Start of validity, RFC 3339 UTC (`2023-12-08T23:59:59Z`).
     */
    notBefore?: string;
    /**
     * End of validity, RFC 3339 UTC.
     */
    notAfter?: string;
    /**
     * `floor((notAfter - now) / 1 day)`; negative once expired.
     */
    daysRemaining?: number;
    /**
     * The normalized status.
     */
    status: CertStatus;
    /**
     * The vendor's own status value, as text (`"1"`, `"OK"`, `"300"`).
     */
    vendorStatus?: string;
    /**
     * The vendor's label for that status.
     */
    vendorStatusText?: string;
    /**
     * The issuing CA or product.
     */
    issuer?: string;
    /**
     * Validation level, when the vendor says.
     */
    validation?: Validation;
    /**
     * Whether any domain is a wildcard (`*.example.com`).
     */
    wildcard: boolean;
    /**
     * Where the certificate came from, when the vendor says.
     */
    source?: CertSource;
    /**
     * The vendor's chain (renewal history) id.
     */
    chainId?: string;
    /**
     * The id of the certificate that replaced this one.
     */
    replacedBy?: string;
    /**
     * The id of the certificate this one replaced (renewed).
     */
    replaces?: string;
    /**
     * SHA-256 fingerprint, lower-case hex without separators.
     */
    fingerprintSha256?: string;
    /**
     * Serial number, upper-case hex.
     */
    serialNumber?: string;
    /**
     * Key algorithm and size as the vendor writes it (`RSA 2048`, `ecc`).
     */
    keyAlgorithm?: string;
    /**
     * Tags, key to value.
     */
    tags?: Record<string, string>;
    /**
     * Project name (or id) at the vendor.
     */
    project?: string;
    /**
     * Resources the vendor says use this certificate.
     */
    boundResources?: string[];
    /**
     * Disagreements between the vendor's metadata and the certificate it returned (Volcengine
     * Certificate Center, whose records carry the chain): SANs, dates, an unreadable chain.
     */
    warnings?: string[];
    /**
     * The vendor's record as received, private keys removed unless `includePrivateKey`.
     */
    raw: Record<string, unknown>;
}

/**
 * One page of certificates and the cursor of the next.
 */
export interface CertificatePage {
    /**
     * The certificates of this page.
     */
    certificates: Certificate[];
    /**
     * Pass it back to get the next page; absent on the last page.
     */
    nextCursor?: string;
    /**
     * The vendor's total across all pages, when it reports one.
     */
    total?: number;
    /**
     * HTTP requests sent for this page, retries included.
     */
    requests: number;
}

/**
 * One set of credentials at one provider.
 */
export interface Account {
    /**
     * Which vendor API this account talks to.
     */
    provider: Provider;
    /**
     * The access key id (Tencent `SecretId`, Volcengine `AccessKeyId`, Qiniu `AccessKey`).
     */
    accessKeyId: string;
    /**
     * The secret key. Never logged, never returned, never in an error.
     */
    secretAccessKey: string;
    /**
     * A temporary session token (STS), sent as `X-TC-Token`, `X-Security-Token` or `Token`.
     */
    sessionToken?: string;
    /**
     * Region for signing (Volcengine, default `cn-north-1`) or the `Region` parameter.
     */
    region?: string;
    /**
     * Another host (or `https://host[:port]`) this account's requests may be signed for.
     */
    endpoint?: string;
    /**
     * A name for this account in results and errors.
     */
    label?: string;
}

/**
 * Options of `inspectCertificate`.
 */
export interface InspectOptions {
    /**
     * "Now" in milliseconds since the Unix epoch (default: the current time).
     */
    now?: number;
    /**
     * Validity left, in days, below which a certificate is not worth deploying (default 7).
     * `0` turns the check off.
     */
    minValidityDays?: number;
}

/**
 * Options of `normalizeResponse`.
 */
export interface NormalizeOptions {
    /**
     * "Now" in milliseconds since the Unix epoch (default: the current time).
     */
    now?: number;
    /**
     * Days before `notAfter` from which an issued certificate is `expiring` (default 30).
     */
    expiringWithinDays?: number;
    /**
     * Keep private keys in `raw` (default false: they are removed).
     */
    includePrivateKey?: boolean;
    /**
     * The HTTP status of the response, to classify error bodies.
     */
    httpStatus?: number;
    /**
     * The account label to put in `Certificate.account`.
     */
    label?: string;
}

/**
 * Options of the client calls. All are optional.
 */
export interface ClientOptions {
    /**
     * Prefix put before the full vendor URL, e.g. `"http://127.0.0.1:8787/"` (a CORS proxy).
     */
    proxy?: string;
    /**
     * Time limit of each attempt in ms (default 30000).
     */
    timeoutMs?: number;
    /**
     * Attempts per request (default 3), with full-jitter exponential backoff between them.
     */
    maxAttempts?: number;
    /**
     * Aborts everything in flight; the call then rejects with `code: "Aborted"`.
     */
    signal?: AbortSignal;
    /**
     * Called after each page: `{provider, account, done, total?}` (pages); during
     * `replaceCertificate`'s writes, after each write (a `WriteProgress`, with `step`).
     */
    onProgress?: (progress: Progress) => void;
    /**
     * Days before `notAfter` from which an issued certificate is `expiring` (default 30).
     */
    expiringWithinDays?: number;
    /**
     * Keep private keys in `raw` (default false).
     */
    includePrivateKey?: boolean;
    /**
     * What the local clock says now, ms since the epoch (default `Date.now()`); the client corrects it from the vendor's `Date` header.
     */
    now?: number;
    /**
     * Requests in flight per account (default 4); the vendor's rate limit applies on top.
     */
    concurrency?: number;
}

/**
 * Paging progress, reported through `onProgress`.
 */
export interface Progress {
    /**
     * The provider being listed.
     */
    provider: Provider;
    /**
     * The account's label.
     */
    account: string;
    /**
     * Pages done.
     */
    done: number;
    /**
     * Pages planned, once known.
     */
    total?: number;
}

/**
 * Progress of `replaceCertificate`'s writes, through the same `onProgress` as the listing's
 * pages: a [`Progress`] with the write just done.
 */
export interface WriteProgress {
    /**
     * The account's provider.
     */
    provider: Provider;
    /**
     * The account's label.
     */
    account: string;
    /**
     * The account's writes done (the upload, then each deletion).
     */
    done: number;
    /**
     * The account's writes planned.
     */
    total: number;
    /**
     * The write just done (or failed).
     */
    step: "upload" | "delete";
}

/**
 * Something wrong with the bundle or the key.
 */
export interface Problem {
    /**
     * Stable code.
     */
    code: ProblemCode;
    /**
     * `error` (upload refuses) or `warning`.
     */
    severity: Severity;
    /**
     * What is wrong, naming the certificate.
     */
    message: string;
    /**
     * The Qiniu error code the upload would have met, where Qiniu has one.
     */
    qiniuCode?: number;
    /**
     * Index in `certificates` of the certificate concerned, when one is.
     */
    certificate?: number;
}

/**
 * The new certificate, as `replaceCertificate` read it from the bundle's leaf.
 */
export interface Renewal {
    /**
     * The leaf's common name.
     */
    commonName?: string;
    /**
     * The names it serves, lower-case: its DNS names, or its common name when it has none.
     */
    domains: string[];
    /**
     * When it expires (RFC 3339 UTC).
     */
    notAfter: string;
    /**
     * SHA-256 of its DER, lower-case hex.
     */
    fingerprintSha256: string;
}

/**
 * The normalized status of a certificate. Each provider maps its own values through one table
 * in its vendor module; then, for issued certificates, dates decide between `active`,
 * `expiring` (`0 <= daysRemaining <= expiringWithinDays`) and `expired`.
 */
export type CertStatus = "active" | "expiring" | "expired" | "pending" | "failed" | "revoked" | "cancelled" | "disabled" | "unknown";

/**
 * The private key given, described (never its value).
 */
export interface KeyDetails {
    /**
     * `RSA`, `EC` or `Ed25519`.
     */
    algorithm: string;
    /**
     * Key size in bits.
     */
    bits?: number;
    /**
     * The curve of an EC key.
     */
    curve?: string;
    /**
     * `PKCS#1`, `PKCS#8` or `SEC1`.
     */
    format: string;
}

/**
 * The result of `inspectCertificate`.
 */
export interface CertificateReport {
    /**
     * No problem of severity `error`.
     */
    ok: boolean;
    /**
     * The certificates in the order given; the first is the leaf.
     */
    certificates: CertificateDetails[];
    /**
     * Each certificate is issued by the next one (subject and key identifier).
     */
    chainInOrder: boolean;
    /**
     * The private key, when one was given and could be decoded.
     */
    key?: KeyDetails;
    /**
     * Whether the key belongs to the leaf; absent without a key or when it cannot be told.
     */
    keyMatches?: boolean;
    /**
     * Everything found wrong, errors first.
     */
    problems: Problem[];
}

/**
 * The result of `replaceCertificate`: the new certificate and one entry per account, in the
 * order given.
 */
export interface Replacement {
    /**
     * The new certificate, as read from the bundle.
     */
    certificate: Renewal;
    /**
     * Whether this is the plan alone (`dryRun`): nothing was uploaded or deleted.
     */
    dryRun: boolean;
    /**
     * One per account, in the order given.
     */
    accounts: AccountReplacement[];
}

/**
 * The stable code of a problem.
 */
export type ProblemCode = "Undecodable" | "KeyInCertificateField" | "CertificateInKeyField" | "UndecodableKey" | "EncryptedKey" | "UnsupportedKey" | "KeyMismatch" | "ChainOutOfOrder" | "MissingIntermediate" | "SelfSigned" | "Expired" | "NotYetValid" | "ValidityTooShort";

/**
 * The stable, documented category of a failure. `code` in JavaScript.
 */
export type ErrorCode = "InvalidInput" | "Unsupported" | "Auth" | "ClockSkew" | "Forbidden" | "NotFound" | "RateLimited" | "Vendor" | "Network" | "Timeout" | "Aborted" | "BadResponse" | "Proxy";

/**
 * The vendor APIs cloudcerts speaks: five certificate APIs ([`Provider::ALL`]) and two DNS APIs
 * ([`Provider::DNS`]), which only `issueCertificate` uses, to publish ACME DNS-01 records. The id
 * is the JavaScript spelling.
 */
export type Provider = "tencent-ssl" | "tencent-legacy" | "volcengine-live" | "volcengine-cert" | "qiniu" | "tencent-dns" | "volcengine-dns";

/**
 * The vendor's id of an uploaded certificate.
 */
export interface UploadResult {
    /**
     * The certificate's id at the vendor.
     */
    id: string;
    /**
     * `true` when the vendor already held this certificate and answered with its id instead of
     * storing a copy (Tencent SSL and Certificate Center, which cloudcerts asks not to store
     * duplicates); absent otherwise.
     */
    existing?: boolean;
}

/**
 * Validation level.
 */
export type Validation = "dv" | "ov" | "ev";

/**
 * What `replaceCertificate` planned, and did, in one account.
 */
export interface AccountReplacement {
    /**
     * The account's provider, as given.
     */
    provider: Provider | string;
    /**
     * The account's label (`""` when it has none).
     */
    account: string;
    /**
     * The ids of its certificates the new one replaces: each of their domains served by the new
     * one, and an earlier `notAfter`. Empty: nothing is uploaded there.
     */
    replaces: string[];
    /**
     * The upload, once it succeeded (`existing: true` when the account already held the new
     * certificate: the vendor said so, or it was listed there, and no copy was made).
     */
    uploaded?: UploadResult;
    /**
     * Why the account could not be listed, or why the upload failed (nothing is deleted there).
     */
    error?: ErrorInfo;
    /**
     * With `deleteReplaced`: the replaced certificates deleted (or found already gone).
     */
    deleted?: string[];
    /**
     * With `deleteReplaced`: the deletions that did not happen, each with its error.
     */
    refused?: RefusedDeletion[];
}

/**
 * What `replaceCertificate` takes beside the client options. All are optional.
 */
export interface ReplaceOptions {
    /**
     * Delete the replaced certificates once the new one is in the account, only where its upload
     * succeeded (default false). A vendor's refusal (a certificate still bound to a CDN domain or
     * a load balancer) is reported per certificate and does not stop the others.
     */
    deleteReplaced?: boolean;
    /**
     * Return the plan alone: nothing is uploaded or deleted (default false).
     */
    dryRun?: boolean;
    /**
     * Replace only certificates with these ids: the others the new one would replace are left
     * alone (and an account holding none of these gets no upload). Absent: all of them.
     */
    only?: string[];
    /**
     * An `inventory` result of the same accounts, in the same order, to plan from instead of
     * listing them again.
     */
    inventory?: Inventory;
}

/**
 * What makes a signature reproducible: the time and (Tencent API 2.0) the nonce.
 */
export interface SignContext {
    /**
     * Signing time in milliseconds since the Unix epoch (default: now).
     */
    timestampMs?: number;
    /**
     * Nonce for `tencent-legacy` (default: random positive integer).
     */
    nonce?: number;
}

/**
 * Where the certificate came from.
 */
export type CertSource = "upload" | "purchased" | "free" | "test";

/**
 * Which page `listCertificatesPage` fetches.
 */
export interface PageRequest {
    /**
     * The `nextCursor` of the previous page; absent for the first page.
     */
    cursor?: string;
    /**
     * Certificates per page (default and maximum: the vendor's largest page).
     */
    pageSize?: number;
    /**
     * Filters, as for `listCertificates`.
     */
    query?: ListQuery;
}


/**
 * Deletes a certificate, at every provider. Deleting one that is already gone succeeds.
 * Volcengine Live deletes by chain: its list is read first for the chain of the certificate.
 *
 * # Errors
 * `InvalidInput` for a bad account or an empty id; the vendors' refusals typed (e.g. Qiniu's 400611 or
 * Tencent's `FailedOperation.DeleteResourceFailed`: still bound to a CDN domain or a load
 * balancer).
 * @param account - an account of any provider
 * @param id - the certificate id
 * @param options - proxy, timeouts, retries, signal
 * @returns resolves when the certificate is gone
 */
export function deleteCertificate(account: Account, id: string, options?: ClientOptions | null): Promise<void>;

/**
 * Fetches one certificate by its vendor id.
 *
 * # Errors
 * `NotFound` when the vendor has no such certificate; otherwise as `listCertificates`.
 * @param account - the account holding it
 * @param id - the vendor's certificate id
 * @param options - proxy, timeouts, retries, signal, includePrivateKey
 * @returns the certificate
 */
export function getCertificate(account: Account, id: string, options?: ClientOptions | null): Promise<Certificate>;

/**
 * Lists every certificate of every account, all accounts concurrently. An account that fails
 * is reported in `accounts[i].error` (a plain `CloudCertError`-shaped object) beside everyone
 * else's certificates.
 *
 * # Errors
 * `InvalidInput` when `accounts` is not an array of accounts or the options are unusable;
 * `Aborted` when `options.signal` aborts (no partial inventory).
 * @param accounts - the accounts to list
 * @param options - proxy, timeouts, retries, signal, progress
 * @returns all certificates, and one summary per account
 */
export function inventory(accounts: Account[], options?: ClientOptions | null): Promise<Inventory>;

/**
 * Whether `error` is a `CloudCertError`, the error every call of the package throws (or
 * rejects with): narrows it in TypeScript to its `code`, `provider`, `vendorCode`,
 * `httpStatus`, `requestId`, `retryable`, `hint` and `problems`.
 * @param error - anything caught
 * @returns true for a CloudCertError
 */
export function isCloudCertError(error: unknown): error is CloudCertError;

/**
 * Lists **every** certificate of an account, each exactly once: all pages (the rest concurrently
 * once the first gives the total), all of Volcengine Live's filter combinations, Qiniu's markers
 * to the end. Rate-limited per access key at the vendor's documented rate, retried on transient
 * failures, and corrected for a wrong local clock.
 *
 * # Errors
 * Rejects with a `CloudCertError` (`Auth`, `ClockSkew`, `Forbidden`, `RateLimited`, `Vendor`,
 * `Network`, `Timeout`, `Aborted`, `BadResponse`, `Proxy`, `InvalidInput`) when a page cannot be
 * had: never with a silently short list.
 * @param account - the account to list
 * @param query - filters `{search?, domain?}`; absent: everything
 * @param options - proxy, timeouts, retries, signal, progress
 * @returns the certificates, with the requests, retries and warnings it took
 */
export function listCertificates(account: Account, query?: ListQuery | null, options?: ClientOptions | null): Promise<ListResult>;

/**
 * Fetches one page of an account's certificates and the cursor of the next (`nextCursor`
 * absent on the last page).
 *
 * # Errors
 * As `listCertificates`; `InvalidInput` for a cursor this provider did not return.
 * @param account - the account to list
 * @param pageRequest - `{cursor?, pageSize?, query?}`
 * @param options - proxy, timeouts, retries, signal
 * @returns one page and the cursor of the next
 */
export function listCertificatesPage(account: Account, pageRequest?: PageRequest | null, options?: ClientOptions | null): Promise<CertificatePage>;

/**
 * Turns the raw text of a vendor's list or get response into certificates of the one model.
 *
 * Pure: no network, no clock unless `options.now` is absent. Dates come out as RFC 3339 UTC
 * (Tencent's and Certificate Center's naive times are Beijing time), `daysRemaining` and
 * `status` are computed against `options.now`, and private keys are removed from `raw` unless
 * `options.includePrivateKey` is true.
 *
 * # Errors
 * Throws a `CloudCertError`: the vendor's error envelope as its typed `code` (with `vendorCode`,
 * `requestId`, `httpStatus`, `retryable`, `hint`), `BadResponse` describing (never quoting) a
 * body that is not the vendor's JSON, `InvalidInput` for an unknown provider, a body that is not
 * a string, or bad options.
 * @param provider - which vendor API produced the body
 * @param body - the response body text, exactly as received
 * @param options - `{now?, expiringWithinDays?, includePrivateKey?, httpStatus?, label?}`
 * @returns the certificates of the response, in vendor order
 */
export function normalizeResponse(provider: Provider, body: string, options?: NormalizeOptions | null): Certificate[];

/**
 * Signs a request for a vendor's real URL, synchronously and without any network access.
 *
 * Returns `{method, url, headers, body}` ready for `fetch(url, {method, headers, body})`, never
 * with a `Host` header: send it through a CORS proxy that sets the vendor's real host. The
 * result is deterministic when `context` gives `timestampMs` and, for `tencent-legacy`, also
 * `nonce` (a missing nonce is drawn at random).
 *
 * # Errors
 * Throws a `CloudCertError` with `code: "InvalidInput"` for an unknown provider, an empty or
 * non-ASCII key, a URL that is not https or whose host does not belong to the provider (unless
 * `account.endpoint` names it), a header `fetch` would refuse, or an argument of the wrong type.
 * Messages name the member at fault and never contain a value that was passed.
 * @param account - the provider and credentials to sign with
 * @param request - `{method, url, headers?, body?}` for the vendor's real URL
 * @param context - `{timestampMs?, nonce?}`; defaults to now and a random nonce
 * @returns the signed request, ready for fetch
 */
export function signRequest(account: Account, request: HttpRequest, context?: SignContext | null): SignedRequest;

/**
 * Uploads a certificate and its private key, at every provider.
 * Retried only when the vendor surely did not act on it (throttled, clock rejected). Tencent SSL
 * and Certificate Center are asked not to store a duplicate: when the account already holds the
 * certificate, its id comes back with `existing: true`. Volcengine Live documents no such check:
 * each upload is a new chain, and the id returned is the new certificate's `CertID`.
 *
 * # Errors
 * `InvalidInput` for a bad account or upload; the vendors' refusals typed (`InvalidInput` for Qiniu's
 * 404906 undecodable PEM, 400323 chain, 400322 too short, 400329 expired, and Tencent's
 * `FailedOperation.CertificateInvalid` and `CertificateMismatch`).
 * @param account - an account of any provider
 * @param upload - `{name, commonName, certificatePem, privateKeyPem}`
 * @param options - proxy, timeouts, retries, signal
 * @returns `{id, existing?}` of the uploaded certificate
 */
export function uploadCertificate(account: Account, upload: UploadRequest, options?: ClientOptions | null): Promise<UploadResult>;
