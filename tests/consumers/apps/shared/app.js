// The consumer page every bundler's app builds (tests/node/consumers.test.mjs): it normalizes a
// Tencent SSL body with `cloudcerts`, signs a Qiniu request with `cloudcerts/sign`, and on a click
// inspects the PEM in the text area (which loads the inspector). Each result goes into a
// data-* attribute of #out for the test to read; the inputs come from inputs.js, which the test
// writes before building.
import { BODY, NOW, ACCOUNT, REQUEST, TIMESTAMP } from "./inputs.js";

/**
 * @param {typeof import("cloudcerts")} main - `cloudcerts`, as the app imports it
 * @param {typeof import("cloudcerts/sign")} sign - `cloudcerts/sign`, as the app imports it
 * @param {Document} document - the page
 */
export function start(main, sign, document) {
  const out = document.getElementById("out");
  const report = (key, value) => {
    out.dataset[key] = JSON.stringify(value);
  };
  try {
    const certificates = main.normalizeResponse("tencent-ssl", BODY, { now: NOW });
    report("normalized", certificates.map((c) => [c.id, c.status, c.domains, c.notAfter ?? null]));
    report("signed", sign.signRequest(ACCOUNT, REQUEST, { timestampMs: TIMESTAMP }).headers);
  } catch (error) {
    report("error", `${error?.code ?? error?.name}: ${error?.message}`);
  }
  document.getElementById("inspect").addEventListener("click", async () => {
    try {
      const inspected = await main.inspectCertificate(document.getElementById("pem").value);
      report("inspected", inspected.certificates.map((c) => [c.commonName, c.sans, c.notAfter]));
    } catch (error) {
      report("error", `${error?.code ?? error?.name}: ${error?.message}`);
    }
  });
  report("state", "ready");
}
