/* tslint:disable */
/* eslint-disable */
/**
 * A signed request, ready for `fetch(url, {method, headers, body})`. Never has a `Host` header.
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
 * An HTTP request for a vendor's real URL, before signing.
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
     * The vendor's record as received, private keys removed unless `includePrivateKey`.
     */
    raw: Record<string, unknown>;
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
 * The five vendor APIs cloudcerts speaks. The id is the JavaScript spelling.
 */
export type Provider = "tencent-ssl" | "tencent-legacy" | "volcengine-live" | "volcengine-cert" | "qiniu";

/**
 * The normalized status of a certificate. Each provider maps its own values through one table
 * in its vendor module; then, for issued certificates, dates decide between `active`,
 * `expiring` (`0 <= daysRemaining <= expiringWithinDays`) and `expired`.
 */
export type CertStatus = "active" | "expiring" | "expired" | "pending" | "failed" | "revoked" | "cancelled" | "disabled" | "unknown";

/**
 * Validation level.
 */
export type Validation = "dv" | "ov" | "ev";

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
 * Turns the raw text of a vendor's list or get response into certificates of the one model.
 *
 * Pure: no network, no clock unless `options.now` is absent. Dates come out as RFC 3339 UTC
 * (Tencent's and Certificate Center's naive times are Beijing time), `daysRemaining` and
 * `status` are computed against `options.now`, and private keys are removed from `raw` unless
 * `options.includePrivateKey` is true.
 *
 * # Errors
 * Throws a `CloudCertError`: the vendor's error envelope as its typed `code` (with `vendorCode`,
 * `requestId`, `httpStatus`, `retryable`, `hint`), `BadResponse` quoting the first 200 characters
 * of a body that is not the vendor's JSON, `InvalidInput` for an unknown provider or bad options.
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
 * with a `Host` header: send it through a CORS proxy that sets the vendor's real host. With
 * `context` given (`timestampMs`, and `nonce` for `tencent-legacy`) the result is deterministic.
 *
 * # Errors
 * Throws a `CloudCertError` with `code: "InvalidInput"` for an unknown provider, an empty or
 * non-ASCII key, a URL that is not https or whose host does not belong to the provider (unless
 * `account.endpoint` names it), or a header `fetch` would refuse. Messages never contain secrets.
 * @param account - the provider and credentials to sign with
 * @param request - `{method, url, headers?, body?}` for the vendor's real URL
 * @param context - `{timestampMs?, nonce?}`; defaults to now and a random nonce
 * @returns the signed request, ready for fetch
 */
export function signRequest(account: Account, request: HttpRequest, context?: SignContext | null): SignedRequest;
