// The cases of tests/node/shipped.test.mjs, run unchanged in Node (against pkg/node) and in a
// Chromium page (against pkg/web): `runCases` calls the entries the package ships and returns
// plain data (every outcome a value or an error's fields), which the test then checks in Node
// with the same assertions for every build. Nothing here uses Node or the DOM, so the page
// imports this file as it is.

/** Published signing vectors (/work/shared/signing.md, tests/signing_vectors.rs), through signRequest. */
export const SIGN_VECTORS = [
  {
    name: "tencent-ssl, TC3 (AKIDEXAMPLE)",
    account: { provider: "tencent-ssl", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRETEXAMPLE" },
    request: { method: "POST", url: "https://ssl.tencentcloudapi.com/", headers: { "X-TC-Action": "DescribeCertificates" }, body: '{"Limit":1000,"Offset":0}' },
    context: { timestampMs: 1700000000000 },
    headers: {
      Authorization:
        "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/ssl/tc3_request, SignedHeaders=content-type;host, Signature=a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579",
      "Content-Type": "application/json; charset=utf-8",
      "X-TC-Timestamp": "1700000000",
      "X-TC-Action": "DescribeCertificates",
    },
  },
  {
    name: "tencent-ssl, TC3 with the documentation's keys",
    account: { provider: "tencent-ssl", accessKeyId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secretAccessKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE" },
    request: { method: "POST", url: "https://ssl.tencentcloudapi.com/", headers: { "Content-Type": "application/json; charset=utf-8" }, body: "{}" },
    context: { timestampMs: 1551113065000 },
    signature: "7dc38c6247004f3a95e578a174f8ada2e5940acfcd26297570c7dd02a44dec4f",
  },
  {
    name: "volcengine-live",
    account: { provider: "volcengine-live", accessKeyId: "AKLTEXAMPLE", secretAccessKey: "WkdFeE1EQXdNREF3TURBd01EQXc=" },
    request: { method: "POST", url: "https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01", body: '{"Available":true,"Expiring":false}' },
    context: { timestampMs: 1700000000000 },
    headers: {
      Authorization:
        "HMAC-SHA256 Credential=AKLTEXAMPLE/20231114/cn-north-1/live/request, SignedHeaders=host;x-content-sha256;x-date, Signature=bb961e21a24eadaf189e3ba547369f6ab8391925299079a963292cb7a0e44f86",
      "X-Date": "20231114T221320Z",
      "X-Content-Sha256": "350648e74f97002f0d58505de9668746c314256b9cadfff8589b4f3986699099",
    },
  },
  {
    name: "volcengine-cert with a session token",
    account: { provider: "volcengine-cert", accessKeyId: "AKLTEXAMPLE", secretAccessKey: "WkdFeE1EQXdNREF3TURBd01EQXc=", sessionToken: "STSTOKENEXAMPLE" },
    request: { method: "GET", url: "https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&limit=100&page=1&common_name=www.example.com%20*" },
    context: { timestampMs: 1700000000000 },
    headers: { "X-Security-Token": "STSTOKENEXAMPLE", "X-Content-Sha256": null },
    signature: "c8e27afe15834e36a16e5b893c7c4516402b35126243c9f7d7cc3b482d33a069",
  },
  {
    name: "volcengine-cert with the documentation's keys",
    account: {
      provider: "volcengine-cert",
      accessKeyId: "AKLTMjI2ODVlYzI3ZGY1NGU4ZjhjYWRjMTlmNTM5OTZkYzE",
      secretAccessKey: "TnpCak5XWXpZV1U0WkRaaE5ERmxaR0ZpTmpjeVkyUXlZek0wTWpJMU1qWQ==",
    },
    request: { method: "GET", url: "https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&limit=10&page=1" },
    context: { timestampMs: Date.UTC(2020, 11, 30, 8, 18, 5) },
    headers: { "X-Date": "20201230T081805Z" },
    signature: "3aa3b7f3574a798656ae6960c85dae301c0cc7f8a8cb6cd229b69cea2b2172f9",
  },
  {
    name: "tencent-legacy, HmacSHA256 (AKIDEXAMPLE)",
    account: { provider: "tencent-legacy", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRETEXAMPLE" },
    request: { method: "GET", url: "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&page=1&count=20" },
    context: { timestampMs: 1700000000000, nonce: 11886 },
    query: { Signature: "uQx/RveoVPa8mhRFEGJtImKulDCXmWUUPAt8kR/HsoU=", Nonce: "11886", Timestamp: "1700000000" },
  },
  ...[
    ["HmacSHA256", "0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s="],
    ["HmacSHA1", "nPVnY6njQmwQ8ciqbPl5Qe+Oru4="],
  ].map(([method, signature]) => ({
    name: `tencent-legacy, the documentation's CVM example, ${method}`,
    account: {
      provider: "tencent-legacy",
      accessKeyId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
      secretAccessKey: "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
      endpoint: "cvm.api.qcloud.com",
      region: "ap-guangzhou",
    },
    request: { method: "GET", url: `https://cvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&SignatureMethod=${method}` },
    context: { timestampMs: 1465185768000, nonce: 11886 },
    query: { Signature: signature },
  })),
  ...[
    [{ method: "POST", url: "https://api.qiniu.com/move/bmV3ZG9jczpmaW5kX21hbi50eHQ=/bmV3ZG9jczpmaW5kLm1hbi50eHQ=" }, "FXsYh0wKHYPEsIAgdPD9OfjkeEM="],
    [{ method: "GET", url: "https://api.qiniu.com/sslcert?marker=&limit=100" }, "kW24uQ7m9mkGxUsYYVsSmdn3flo="],
    [{ method: "DELETE", url: "https://api.qiniu.com/sslcert/5e8a2c1f0000000000000000" }, "E69ESK9WDet5-EvyK_HJb02erS8="],
    [
      { method: "POST", url: "https://api.qiniu.com/some/path?x=1", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1&b=2" },
      "m5AUt4bsx_5nikpZlhkdILBgd7g=",
    ],
  ].map(([request, token]) => ({
    name: `qiniu, QBox: ${request.method} ${new URL(request.url).pathname}`,
    account: { provider: "qiniu", accessKeyId: "MY_ACCESS_KEY", secretAccessKey: "MY_SECRET_KEY" },
    request,
    context: { timestampMs: 1700000000000 },
    headers: { Authorization: `QBox MY_ACCESS_KEY:${token}` },
  })),
];

/** Requests signRequest refuses: `field` is named in the message; no message quotes `secret`. */
export const SIGN_REFUSALS = [
  {
    name: "a secret key with a space",
    account: { provider: "qiniu", accessKeyId: "ak", secretAccessKey: "TopSecret 987654321" },
    request: { method: "GET", url: "https://api.qiniu.com/sslcert" },
    field: "account.secretAccessKey",
    secret: "TopSecret",
  },
  {
    name: "an unknown provider",
    account: { provider: "aws", accessKeyId: "ak", secretAccessKey: "TopSecret987654321" },
    request: { method: "GET", url: "https://api.qiniu.com/sslcert" },
    field: "account.provider",
    secret: "TopSecret",
  },
  {
    name: "a host that is not the vendor's",
    account: { provider: "qiniu", accessKeyId: "ak", secretAccessKey: "TopSecret987654321" },
    request: { method: "GET", url: "https://evil.example.com/sslcert" },
    field: "request.url",
    secret: "evil.example.com",
  },
];

/** An error's fields as plain data (what a page can hand back to Node). */
function errorFields(error) {
  if (!(error instanceof Error)) return { isError: false, value: String(error) };
  const { name, message, code, provider, retryable, problems, vendorCode, requestId, httpStatus, hint } = error;
  return { isError: true, name, message, code, provider, retryable, problems, vendorCode, requestId, httpStatus, hint };
}

async function outcome(f) {
  try {
    return { value: await f() };
  } catch (error) {
    return { error: errorFields(error) };
  }
}

/** The names of a module's function exports, sorted. */
const functionNames = (module) => Object.keys(module).filter((k) => typeof module[k] === "function").sort();

/**
 * Runs every case against `entry` (the package's main entry: index or manual) and `sign` (the
 * `cloudcerts/sign` entry). `input` carries what lives in files (fixtures, certificates) and the
 * loopback address that answers uploads. Returns plain data only.
 */
export async function runCases(entry, sign, input) {
  const results = { exports: { entry: functionNames(entry), sign: functionNames(sign) } };

  results.sign = [];
  for (const v of SIGN_VECTORS) {
    results.sign.push({
      name: v.name,
      main: await outcome(() => entry.signRequest(v.account, v.request, v.context)),
      sign: await outcome(() => sign.signRequest(v.account, v.request, v.context)),
    });
  }
  results.signRefusals = [];
  for (const r of SIGN_REFUSALS) {
    results.signRefusals.push({
      name: r.name,
      main: await outcome(() => entry.signRequest(r.account, r.request, { timestampMs: 1700000000000 })),
      sign: await outcome(() => sign.signRequest(r.account, r.request, { timestampMs: 1700000000000 })),
    });
  }

  results.normalize = [];
  for (const c of input.normalize) {
    results.normalize.push({ fixture: c.fixture, outcome: await outcome(() => entry.normalizeResponse(c.provider, c.body, c.options)) });
  }
  results.normalizeErrors = {
    notJson: await outcome(() => entry.normalizeResponse("qiniu", "not json", { now: 1701388800000 })),
    unknownProvider: await outcome(() => entry.normalizeResponse("aws", "{}")),
  };

  // raw as the page sees it: a plain object (its prototype Object.prototype), integers beyond
  // 2^53 as numbers; a vendor's error envelope as a CloudCertError with all its fields.
  const huge = '{"marker":"","certs":[{"certid":"x","not_after":1893456000,"big":123456789012345678901234}]}';
  const [first] = entry.normalizeResponse("qiniu", huge, { now: 1701388800000 });
  results.rawShape = {
    plainObject: Object.getPrototypeOf(first.raw) === Object.prototype,
    big: first.raw.big,
  };
  const envelope = '{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"expired"},"RequestId":"req-9"}}';
  results.vendorError = await outcome(() => entry.normalizeResponse("tencent-ssl", envelope, { httpStatus: 200 }));

  // Without a context, signRequest signs with the runtime's clock and a random nonce.
  const legacy = { provider: "tencent-legacy", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRETEXAMPLE" };
  const listRequest = { method: "GET", url: "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList" };
  results.defaultContext = {
    now: Date.now(),
    main: (await outcome(() => entry.signRequest(legacy, listRequest))).value?.url,
    sign: (await outcome(() => sign.signRequest(legacy, listRequest))).value?.url,
  };

  results.inspect = [];
  for (const c of input.inspect) {
    results.inspect.push({ name: c.name, outcome: await outcome(() => entry.inspectCertificate(c.cert, c.key, c.options)) });
  }
  const pem = input.inspect[0].cert;
  results.inspectErrors = {
    badOptions: await outcome(() => entry.inspectCertificate(pem, undefined, { now: "yesterday" })),
    notAString: await outcome(() => entry.inspectCertificate(42)),
  };

  // uploadCertificate: the inspector's checkUpload refuses each bad bundle before any request;
  // the good one passes it and is sent once, through `input.proxy` (a loopback server that
  // answers as Qiniu does).
  const options = { proxy: input.proxy, maxAttempts: 1 };
  results.uploadRefusals = [];
  for (const r of input.uploadRefusals) {
    results.uploadRefusals.push({ name: r.name, outcome: await outcome(() => entry.uploadCertificate(input.account, r.upload, options)) });
  }
  results.upload = await outcome(() => entry.uploadCertificate(input.account, input.goodUpload, options));

  // The client against the sandbox through the CORS proxy (both on loopback): every certificate
  // of every provider exactly once, each raw read on demand, then one inventory of them all.
  const listing = { proxy: input.listing.proxy, maxAttempts: 5 };
  results.listings = [];
  for (const account of input.listing.accounts) {
    const listed = await outcome(() => entry.listCertificates(account, undefined, listing));
    const certificates = listed.value ? listed.value.certificates : [];
    results.listings.push({
      provider: account.provider,
      error: listed.error,
      count: certificates.length,
      unique: new Set(certificates.map((c) => c.id)).size,
      emptyIds: certificates.filter((c) => !c.id).length,
      warnings: listed.value ? listed.value.warnings : [],
      lazyRaw: certificates.filter((c) => typeof Object.getOwnPropertyDescriptor(c, "raw")?.get === "function").length,
      objectRaw: certificates.filter((c) => typeof c.raw === "object" && c.raw !== null && !Array.isArray(c.raw)).length,
      privateKeys: certificates.filter((c) => JSON.stringify(c.raw).includes("PRIVATE KEY")).length,
    });
  }
  const inventory = await outcome(() => entry.inventory(input.listing.accounts, listing));
  results.inventory = {
    error: inventory.error,
    count: inventory.value ? inventory.value.certificates.length : 0,
    failedAccounts: inventory.value ? inventory.value.accounts.filter((a) => a.error).length : -1,
  };

  // Writes to the sandbox through the proxy, after the listings: upload, upload again, listed,
  // delete, delete again (and any copy a provider made), so the accounts end as they began.
  results.writes = [];
  for (const account of input.writes.accounts) {
    const first = await outcome(() => entry.uploadCertificate(account, input.goodUpload, listing));
    const again = await outcome(() => entry.uploadCertificate(account, input.goodUpload, listing));
    const ids = [...new Set([first.value?.id, again.value?.id].filter(Boolean))];
    const listed = await outcome(() => entry.listCertificates(account, undefined, listing));
    const deleted = [];
    for (const id of ids) deleted.push(await outcome(() => entry.deleteCertificate(account, id, listing)));
    const deletedAgain = await outcome(() => entry.deleteCertificate(account, ids[0], listing));
    results.writes.push({
      provider: account.provider,
      first,
      again,
      listed: (listed.value?.certificates ?? []).filter((c) => ids.includes(c.id)).length,
      deleted,
      deletedAgain,
    });
  }

  // replaceCertificate (JavaScript the entry loads on first use): the old certificate uploaded to
  // each account, a dry run, the renewal with its deletions, then the new copies deleted, so the
  // accounts end as they began.
  const renewal = input.renewal;
  const olds = [];
  for (const account of renewal.accounts) olds.push((await outcome(() => entry.uploadCertificate(account, renewal.old, listing))).value?.id);
  const dry = await outcome(() => entry.replaceCertificate(renewal.accounts, renewal.bundle, { ...listing, dryRun: true }));
  const done = await outcome(() => entry.replaceCertificate(renewal.accounts, renewal.bundle, { ...listing, deleteReplaced: true }));
  const cleanup = [];
  for (const [i, e] of (done.value?.accounts ?? []).entries()) {
    if (e.uploaded) cleanup.push(await outcome(() => entry.deleteCertificate(renewal.accounts[i], e.uploaded.id, listing)));
  }
  results.replace = { olds, dry, done, cleanup };
  return results;
}
