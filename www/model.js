// Pure helpers of the demo console: no DOM, no network, no secrets. Sorting, filtering, the
// urgency of a status, weekly expiry buckets and the CSV/JSON exports live here so that they can
// be read (and tested) apart from the page.

export const PROVIDERS = ["tencent-ssl", "tencent-legacy", "volcengine-live", "volcengine-cert", "qiniu"];

export const PROVIDER_NAMES = {
  "tencent-ssl": "Tencent Cloud SSL",
  "tencent-legacy": "Tencent Cloud (API 2.0)",
  "volcengine-live": "Volcengine Live",
  "volcengine-cert": "Volcengine Certificate Center",
  qiniu: "Qiniu",
};

/** Short provider names for narrow places (table cells, cards). */
export const PROVIDER_SHORT = {
  "tencent-ssl": "Tencent SSL",
  "tencent-legacy": "Tencent API 2.0",
  "volcengine-live": "Volcengine Live",
  "volcengine-cert": "Volcengine Certs",
  qiniu: "Qiniu",
};

export const STATUSES = ["expiring", "expired", "active", "pending", "failed", "revoked", "cancelled", "disabled", "unknown"];

/** Sort rank of a status: what needs attention first. */
const STATUS_RANK = { expiring: 0, expired: 1, active: 2, pending: 3, failed: 4, revoked: 5, disabled: 6, cancelled: 7, unknown: 8 };

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/**
 * How urgent a certificate is, for its pill colour: `critical` (expired, or expiring within a
 * week), `warning` (expiring), `ok` (active), `info` (pending), `bad` (failed, revoked) or `muted`.
 */
export function urgency(cert) {
  switch (cert.status) {
    case "expired":
      return "critical";
    case "expiring":
      return (cert.daysRemaining ?? 0) <= 7 ? "critical" : "warning";
    case "active":
      return "ok";
    case "pending":
      return "info";
    case "failed":
    case "revoked":
      return "bad";
    default:
      return "muted";
  }
}

/** Text of the days-remaining cell: "12 days", "today", "expired 3 days ago", "" when unknown. */
export function daysText(days) {
  if (days === undefined || days === null) return "";
  if (days === 0) return "last day";
  if (days === 1) return "1 day";
  if (days > 0) return `${days} days`;
  if (days === -1) return "1 day ago";
  return `${-days} days ago`;
}

/** A stable row key: provider, account and id together are unique in an inventory. */
export const rowKey = (c) => `${c.provider}\u0000${c.account}\u0000${c.id}`;

/** The sortable columns and how each compares (ascending). Missing values sort last. */
export const COLUMNS = {
  status: (a, b) => cmpNum(STATUS_RANK[a.status] ?? 9, STATUS_RANK[b.status] ?? 9) || urgencyWithin(a, b),
  provider: (a, b) => cmpText(a.provider, b.provider),
  account: (a, b) => cmpText(a.account, b.account),
  name: (a, b) => cmpText(a.name ?? a.commonName, b.name ?? b.commonName),
  domains: (a, b) => cmpText(a.domains[0], b.domains[0]),
  notAfter: (a, b) => cmpText(a.notAfter, b.notAfter),
  days: (a, b) => cmpNum(a.daysRemaining, b.daysRemaining),
};

// Within one status: expiring soonest first; expired most recently first; others by days left.
function urgencyWithin(a, b) {
  if (a.status === "expired") return cmpNum(b.daysRemaining, a.daysRemaining, true);
  return cmpNum(a.daysRemaining, b.daysRemaining);
}

function cmpNum(a, b, missingLastDesc = false) {
  const am = a === undefined || a === null;
  const bm = b === undefined || b === null;
  if (am || bm) return am && bm ? 0 : am ? (missingLastDesc ? -1 : 1) : missingLastDesc ? 1 : -1;
  return a - b;
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
function cmpText(a, b) {
  const am = a === undefined || a === null || a === "";
  const bm = b === undefined || b === null || b === "";
  if (am || bm) return am && bm ? 0 : am ? 1 : -1;
  return collator.compare(a, b);
}

/**
 * Sorts a copy of `certs` by `column` (a key of COLUMNS) in `direction` ("asc" | "desc"); ties
 * are broken by urgency, then provider, account and id, so the order is total and stable.
 * Missing values stay last in both directions.
 */
export function sortCertificates(certs, column = "status", direction = "asc") {
  const primary = COLUMNS[column] ?? COLUMNS.status;
  const sign = direction === "desc" ? -1 : 1;
  const missing = (c) => {
    if (column === "days") return c.daysRemaining === undefined || c.daysRemaining === null;
    if (column === "notAfter") return !c.notAfter;
    if (column === "name") return !(c.name ?? c.commonName);
    if (column === "domains") return !c.domains[0];
    return false;
  };
  return [...certs].sort((a, b) => {
    const ma = missing(a);
    const mb = missing(b);
    if (ma !== mb) return ma ? 1 : -1;
    return (
      sign * primary(a, b) ||
      COLUMNS.status(a, b) ||
      cmpText(a.provider, b.provider) ||
      cmpText(a.account, b.account) ||
      cmpText(a.id, b.id)
    );
  });
}

/**
 * Filters certificates. `status` is "" (all), a status, or "attention" (expiring or expired);
 * `provider` is "" or a provider id; `account` is "" or a label; `text` matches, case-insensitively,
 * any of id, name, common name, domains, account, issuer and vendor status text; `week`
 * (`{start, end}` in ms, from weeklyExpiry) keeps certificates in service expiring in it.
 */
export function filterCertificates(certs, { status = "", provider = "", account = "", text = "", week = null } = {}) {
  const needles = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return certs.filter((c) => {
    if (week) {
      if (c.status !== "active" && c.status !== "expiring") return false;
      const t = Date.parse(c.notAfter ?? "");
      if (!(t >= week.start && t < week.end)) return false;
    }
    if (status === "attention" ? !(c.status === "expiring" || c.status === "expired") : status && c.status !== status) return false;
    if (provider && c.provider !== provider) return false;
    if (account && c.account !== account) return false;
    if (needles.length === 0) return true;
    const hay = [c.id, c.name, c.commonName, ...c.domains, c.account, c.issuer, c.vendorStatusText, c.provider]
      .filter(Boolean)
      .join("\n")
      .toLowerCase();
    return needles.every((n) => hay.includes(n));
  });
}

/** Counts for the summary tiles. */
export function summarize(certs, accounts = []) {
  let expiring = 0;
  let expired = 0;
  let active = 0;
  for (const c of certs) {
    if (c.status === "expiring") expiring++;
    else if (c.status === "expired") expired++;
    else if (c.status === "active") active++;
  }
  const failing = accounts.filter((a) => a.error).length;
  return { total: certs.length, expiring, expired, active, failing, accounts: accounts.length };
}

/**
 * Certificates in service (active or expiring) whose `notAfter` falls in each of the next `weeks`
 * weeks from `nowMs`, per provider: `[{start, end, total, byProvider: {provider: n}}]`.
 */
export function weeklyExpiry(certs, nowMs, weeks = 26) {
  const buckets = Array.from({ length: weeks }, (_, i) => ({
    start: nowMs + i * WEEK_MS,
    end: nowMs + (i + 1) * WEEK_MS,
    total: 0,
    byProvider: {},
  }));
  for (const c of certs) {
    if (c.status !== "active" && c.status !== "expiring") continue;
    const t = Date.parse(c.notAfter ?? "");
    if (!Number.isFinite(t) || t < nowMs) continue;
    const i = Math.floor((t - nowMs) / WEEK_MS);
    if (i >= weeks) continue;
    buckets[i].total++;
    buckets[i].byProvider[c.provider] = (buckets[i].byProvider[c.provider] ?? 0) + 1;
  }
  return buckets;
}

/** The fields an export holds, in order. Certificates carry no secret; accounts are only labels. */
export const EXPORT_FIELDS = [
  "provider", "account", "id", "name", "commonName", "domains", "notBefore", "notAfter", "daysRemaining",
  "status", "vendorStatus", "vendorStatusText", "issuer", "validation", "wildcard", "source", "keyAlgorithm",
  "serialNumber", "fingerprintSha256", "chainId", "replaces", "replacedBy", "project",
];

/** The exported record of one certificate: the normalized fields, without `raw`. */
export function exportRecord(c) {
  const out = {};
  for (const f of EXPORT_FIELDS) if (c[f] !== undefined) out[f] = c[f];
  return out;
}

/**
 * CSV (RFC 4180, CRLF) of certificates; domains joined by spaces. Text cells that a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) are prefixed with `'`.
 */
export function toCsv(certs) {
  const cell = (v) => {
    if (v === undefined || v === null) return "";
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    let s = Array.isArray(v) ? v.join(" ") : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [EXPORT_FIELDS.join(",")];
  for (const c of certs) lines.push(EXPORT_FIELDS.map((f) => cell(c[f])).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** JSON export: `{exportedAt, count, certificates}`, normalized fields only. */
export function toJson(certs, nowMs = Date.now()) {
  return JSON.stringify({ exportedAt: new Date(nowMs).toISOString(), count: certs.length, certificates: certs.map(exportRecord) }, null, 2);
}

/**
 * Normalizes a proxy URL typed by the user: http(s) only, no credentials, ends with `/`.
 * Returns `null` when it is not usable.
 */
export function normalizeProxy(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.search || url.hash) return null;
  const s = url.href;
  return s.endsWith("/") ? s : `${s}/`;
}

/** A label not yet in `taken`: `base`, else `base-2`, `base-3`, ... */
export function uniqueLabel(base, taken) {
  const set = new Set(taken);
  const clean = base.trim() || "account";
  if (!set.has(clean)) return clean;
  for (let i = 2; ; i++) if (!set.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

// ---------------------------------------------------------------------------------------------
// The upload form's check (inspectCertificate's report)

/** Errors and warnings among a report's (or a refused upload's) `problems`. */
export function countProblems(problems = []) {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) {
    if (p.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/**
 * A hex fingerprint as colon-separated upper-case bytes: `full`, and `short` (the first and last
 * four bytes) for display, the full value going into a tooltip.
 */
export function formatFingerprint(hex = "") {
  const bytes = String(hex).replace(/[^0-9a-f]/gi, "").toUpperCase().match(/.{1,2}/g) ?? [];
  const full = bytes.join(":");
  const short = bytes.length > 10 ? `${bytes.slice(0, 4).join(":")}…${bytes.slice(-4).join(":")}` : full;
  return { full, short };
}

/** A certificate's or a private key's type: "EC P-256", "RSA 2048 bits", "Ed25519". */
export function keyText({ keyAlgorithm, algorithm, keyBits, bits, curve } = {}) {
  const alg = String(keyAlgorithm ?? algorithm ?? "unknown key");
  if (curve) return alg.includes(curve) ? alg : `${alg} ${curve}`;
  const size = keyBits ?? bits;
  return size ? `${alg} ${size} bits` : alg;
}

// ---------------------------------------------------------------------------------------------
// Renew with ACME (renewCertificate): which DNS account can prove control of a certificate's
// names, and what each step of the issuance is called on screen.

/** The DNS providers a DNS-01 record is published through. */
export const DNS_PROVIDER_NAMES = { "tencent-dns": "Tencent Cloud DNSPod", "volcengine-dns": "Volcengine DNS" };

/**
 * The names `renewCertificate` issues for: the common name first (when it has one), then the
 * other domains, each once (ASCII case ignored), as the library's renewal takes them.
 */
export function renewalNames(cert) {
  const names = [];
  for (const n of [cert.commonName, ...(cert.domains ?? [])]) {
    if (typeof n === "string" && n !== "" && !names.some((m) => m.toLowerCase() === n.toLowerCase())) names.push(n);
  }
  return names;
}

/**
 * The zone of `zones` that holds `name` (the longest: `a.shop.example.com` goes to
 * `shop.example.com` before `example.com`), or `undefined`; `*.x` is held where `x` is.
 */
export function zoneOf(name, zones = []) {
  const n = String(name).toLowerCase().replace(/\.$/, "").replace(/^\*\./, "");
  let best;
  for (const z of zones) {
    const zone = String(z).toLowerCase().replace(/\.$/, "");
    if ((n === zone || n.endsWith(`.${zone}`)) && (!best || zone.length > best.length)) best = zone;
  }
  return best;
}

/** The DNS accounts (each with its `zones`) that hold every one of `names`: those a renewal can use. */
export function dnsAccountsFor(names, dnsAccounts) {
  if (names.length === 0) return [];
  return dnsAccounts.filter((a) => names.every((n) => zoneOf(n, a.zones) !== undefined));
}

/**
 * What each `IssueProgress.step` does, as the steps list says it; `zones` is the page's own first
 * step: the library checks the request and finds each name's DNS zone before it reports `account`.
 */
export const ACME_STEP_TEXT = {
  zones: "Find the names' DNS zones",
  account: "Reach the CA and the account",
  order: "Place the order",
  challenge: "Publish the DNS record",
  validation: "The CA validates the records",
  cleanup: "Remove the DNS records",
  finalize: "Request the certificate",
  download: "Download the chain",
};
