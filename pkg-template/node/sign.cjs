// @ts-check
// `cloudcerts/sign` required from Node (pkg/node/sign.cjs): signRequest alone, from the signing
// module, compiled on require. Types: sign.d.cts.
"use strict";
const { isCloudCertError, signRequest } = require("./cloudcerts_sign.cjs");
module.exports = { isCloudCertError, signRequest };
