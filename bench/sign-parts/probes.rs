// Exports appended to a copy of src/wasm/mod.rs by `node bench/variant.mjs --probes` (never to the
// package): each does a prefix of signRequest's work, so that bench/sign-parts.mjs can tell the
// parts of one signature apart (BENCHMARKS.md §17).
/// probe: arguments read member by member (serde-wasm-bindgen), nothing else.
#[wasm_bindgen(js_name = probeReadGeneral)]
pub fn probe_read_general(account: JsValue, request: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    let _a: crate::model::Account = arg(&account, "account")?;
    let _r: crate::model::HttpRequest = arg(&request, "request")?;
    let _c: SignContext = optional_arg::<SignContext>(Some(context), "context")?;
    Ok(JsValue::UNDEFINED)
}
/// probe: arguments read packed, nothing else.
#[wasm_bindgen(js_name = probeReadPacked)]
pub fn probe_read_packed(account: JsValue, request: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    let _args = crate::bridge::packed::sign_args_from_js(&account, &request, &context).ok_or(JsValue::NULL)?;
    Ok(JsValue::UNDEFINED)
}
/// probe: arguments read packed and signed; no result built.
#[wasm_bindgen(js_name = probeSignPacked)]
pub fn probe_sign_packed(account: JsValue, request: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    let (a, r, c) = crate::bridge::packed::sign_args_from_js(&account, &request, &context).ok_or(JsValue::NULL)?;
    let signed = crate::sign::sign_request(&a, &r, &c).map_err(|e| to_js_error(&e))?;
    Ok(JsValue::from_f64(signed.url.len() as f64))
}
/// probe: the result written through serde-wasm-bindgen (as before).
#[wasm_bindgen(js_name = probeSignGeneralResult)]
pub fn probe_sign_general_result(account: JsValue, request: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    let (a, r, c) = crate::bridge::packed::sign_args_from_js(&account, &request, &context).ok_or(JsValue::NULL)?;
    let signed = crate::sign::sign_request(&a, &r, &c).map_err(|e| to_js_error(&e))?;
    to_js(&signed)
}
/// probe: one HMAC-SHA1 / HMAC-SHA256 of a 61-byte message, n times.
#[wasm_bindgen(js_name = probeHmac)]
pub fn probe_hmac(n: u32, sha256: bool) -> u32 {
    let key = b"0123456789abcdef0123456789abcdef01234567";
    let mut msg = *b"/sslcert?marker=abcdefgh&limit=100\n...........................";
    let mut acc = 0u32;
    for i in 0..n {
        msg[0] = i as u8;
        acc = acc.wrapping_add(if sha256 { crate::sign::encoding::hmac_sha256(key, &msg)[0] } else { crate::sign::encoding::hmac_sha1(key, &msg)[0] } as u32);
    }
    acc
}
