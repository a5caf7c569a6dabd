// Fixed sandbox credentials. Public on purpose: they open nothing but the local sandbox.
//
// Each entry has the shape of the library's `Account` ({provider, accessKeyId, secretAccessKey,
// sessionToken?, region?, label}) plus `dataSeed`: the key of the synthetic certificate set the
// sandbox shows for it. As at the real vendors, one Tencent key works for both Tencent APIs and
// one Volcengine key for both Volcengine services; the Tencent pair shows the same certificates
// (same ids), the Volcengine Live view shows the Certificate Center certificates that carry an
// issued certificate, under Live's own ids. The DNS providers (`tencent-dns`, `volcengine-dns`)
// take the same keys, as the vendors do; `dataSeed` picks the account's zones (sandbox/vendors/dns.mjs).

/** Every provider id the sandbox serves: the five certificate APIs, then the two DNS APIs. */
export const PROVIDERS = Object.freeze([
  'tencent-ssl',
  'tencent-legacy',
  'volcengine-live',
  'volcengine-cert',
  'qiniu',
  'tencent-dns',
  'volcengine-dns',
]);

/** The DNS providers (ACME DNS-01): Tencent Cloud DNSPod and Volcengine DNS. */
export const DNS_PROVIDERS = Object.freeze(['tencent-dns', 'volcengine-dns']);

/** Provider id -> family whose keys and data it shares. */
export const FAMILY = Object.freeze({
  'tencent-ssl': 'tencent',
  'tencent-legacy': 'tencent',
  'volcengine-live': 'volcengine',
  'volcengine-cert': 'volcengine',
  qiniu: 'qiniu',
  'tencent-dns': 'tencent',
  'volcengine-dns': 'volcengine',
});

/** Keys per family. `sessionToken` marks temporary (STS) credentials: requests must carry it. */
export const KEYS = Object.freeze({
  tencent: Object.freeze([
    Object.freeze({
      label: 'sandbox-tencent',
      accessKeyId: 'AKIDSANDBOXTENCENT',
      secretAccessKey: 'sandbox-secret-tencent',
      dataSeed: 'tencent-main',
    }),
    Object.freeze({
      label: 'sandbox-tencent-2',
      accessKeyId: 'AKIDSANDBOXTENCENT2',
      secretAccessKey: 'sandbox-secret-tencent-2',
      dataSeed: 'tencent-second',
    }),
    Object.freeze({
      label: 'sandbox-tencent-sts',
      accessKeyId: 'AKIDSANDBOXTENCENTSTS',
      secretAccessKey: 'sandbox-secret-tencent-sts',
      sessionToken: 'sandbox-token-tencent',
      dataSeed: 'tencent-main',
    }),
  ]),
  volcengine: Object.freeze([
    Object.freeze({
      label: 'sandbox-volcengine',
      accessKeyId: 'AKLTSANDBOXVOLCENGINE',
      secretAccessKey: 'sandbox-secret-volcengine',
      dataSeed: 'volcengine-main',
    }),
    Object.freeze({
      label: 'sandbox-volcengine-sts',
      accessKeyId: 'AKTPSANDBOXVOLCENGINESTS',
      secretAccessKey: 'sandbox-secret-volcengine-sts',
      sessionToken: 'sandbox-token-volcengine',
      dataSeed: 'volcengine-main',
    }),
  ]),
  qiniu: Object.freeze([
    Object.freeze({
      label: 'sandbox-qiniu',
      accessKeyId: 'SANDBOXQINIUACCESSKEY',
      secretAccessKey: 'sandbox-secret-qiniu',
      dataSeed: 'qiniu-main',
    }),
    Object.freeze({
      label: 'sandbox-qiniu-2',
      accessKeyId: 'SANDBOXQINIUACCESSKEY2',
      secretAccessKey: 'sandbox-secret-qiniu-2',
      dataSeed: 'qiniu-second',
    }),
  ]),
});

/** Default region per provider (what the sandbox reports in Volcengine's ResponseMetadata). */
export const DEFAULT_REGION = Object.freeze({
  'volcengine-live': 'cn-north-1',
  'volcengine-cert': 'cn-north-1',
  'volcengine-dns': 'cn-north-1',
});

/** The library `Account` objects, one per (provider, key): ready to hand to cloudcerts. */
export const accounts = Object.freeze(
  PROVIDERS.flatMap((provider) =>
    KEYS[FAMILY[provider]].map((k) =>
      Object.freeze({
        provider,
        label: `${k.label}${FAMILY[provider] === provider ? '' : `-${provider.split('-')[1]}`}`,
        accessKeyId: k.accessKeyId,
        secretAccessKey: k.secretAccessKey,
        ...(k.sessionToken ? { sessionToken: k.sessionToken } : {}),
        ...(DEFAULT_REGION[provider] ? { region: DEFAULT_REGION[provider] } : {}),
        dataSeed: k.dataSeed,
      }),
    ),
  ),
);

/** The first (main, long-term) account of a provider, or the one with the given label/accessKeyId. */
export function accountFor(provider, which) {
  const list = accounts.filter((a) => a.provider === provider);
  if (list.length === 0) throw new Error(`unknown provider ${provider}`);
  if (which === undefined) return list[0];
  const found = list.find((a) => a.label === which || a.accessKeyId === which);
  if (!found) throw new Error(`no sandbox account ${which} for ${provider}`);
  return found;
}

/** Key record for an access key id within a provider's family, or undefined (unknown key). */
export function lookupKey(provider, accessKeyId) {
  const family = FAMILY[provider];
  if (!family) return undefined;
  return KEYS[family].find((k) => k.accessKeyId === accessKeyId);
}

/** Keys that do not exist at the sandbox, per provider: the vendor's unknown-key error. */
export const UNKNOWN_KEYS = Object.freeze({
  'tencent-ssl': 'AKIDSANDBOXUNKNOWN',
  'tencent-legacy': 'AKIDSANDBOXUNKNOWN',
  'volcengine-live': 'AKLTSANDBOXUNKNOWN',
  'volcengine-cert': 'AKLTSANDBOXUNKNOWN',
  qiniu: 'SANDBOXQINIUUNKNOWN',
  'tencent-dns': 'AKIDSANDBOXUNKNOWN',
  'volcengine-dns': 'AKLTSANDBOXUNKNOWN',
});

/** Any secret that is not an account's secret gives a signature mismatch; this is one. */
export const WRONG_SECRET = 'sandbox-wrong-secret';
