// Prints, as JSON, the sandbox accounts the browser client test lists and how many certificates
// each must return with SANDBOX_CERTS certificates per account (from the sandbox's own data).
// Used by scripts/test.sh to set CLOUDCERTS_TEST_ACCOUNTS at compile time of crates/main/tests/browser_client.rs.
import { certificatesFor } from "../sandbox/data.mjs";
import { KEYS } from "../sandbox/accounts.mjs";

const count = Number(process.env.SANDBOX_CERTS ?? 2500);
const family = { "tencent-ssl": "tencent", "tencent-legacy": "tencent", "volcengine-live": "volcengine", "volcengine-cert": "volcengine", qiniu: "qiniu" };
const accounts = Object.entries(family).map(([provider, f]) => {
  const key = KEYS[f][0];
  return {
    account: { provider, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, label: `${provider}-browser` },
    expected: certificatesFor(provider, key.accessKeyId, count).length,
  };
});
process.stdout.write(JSON.stringify(accounts));
