// The demo page: an ES module that initialises the `web` build, as wasm-bindgen's
// without-a-bundler example does, then signs what the form describes.
import init, { signRequest } from "/pkg/web/cloudcerts.js";

const $ = (id) => document.getElementById(id);
const examples = {
  "tencent-ssl": ["POST", "https://ssl.tencentcloudapi.com/", '{"Limit":1000,"Offset":0}'],
  "tencent-legacy": ["GET", "https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&page=1&count=100", ""],
  "volcengine-live": ["POST", "https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01", '{"Available":true,"Expiring":false}'],
  "volcengine-cert": ["GET", "https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&limit=100&page=1", ""],
  qiniu: ["GET", "https://api.qiniu.com/sslcert?marker=&limit=100", ""],
};

await init();
$("output").textContent = "Ready. The secret stays in this page's memory.";

$("provider").addEventListener("change", () => {
  const [method, url, body] = examples[$("provider").value];
  $("method").value = method;
  $("url").value = url;
  $("body").value = body;
});

$("sign-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const account = { provider: $("provider").value, accessKeyId: $("ak").value, secretAccessKey: $("sk").value };
  const body = $("body").value;
  try {
    const signed = signRequest(account, { method: $("method").value, url: $("url").value, body: body === "" ? undefined : body });
    $("output").textContent = JSON.stringify(signed, null, 2);
  } catch (error) {
    $("output").textContent = `${error.name} ${error.code}: ${error.message}`;
  }
});
