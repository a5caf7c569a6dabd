//! The async client in Chromium, against the sandbox through the CORS proxy: with 2,500
//! certificates per account, `listCertificates` returns each exactly once for all five providers,
//! and `inventory` lists them all at once. `scripts/test.sh` starts the sandbox and the proxy and
//! sets `CLOUDCERTS_TEST_PROXY` and `CLOUDCERTS_TEST_ACCOUNTS` when it compiles this test.
#![cfg(target_arch = "wasm32")]

use std::collections::HashSet;

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PROXY: Option<&str> = option_env!("CLOUDCERTS_TEST_PROXY");
const ACCOUNTS: Option<&str> = option_env!("CLOUDCERTS_TEST_ACCOUNTS");

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn setup() -> (String, Vec<(JsValue, u32)>) {
    let (Some(proxy), Some(accounts)) = (PROXY, ACCOUNTS) else {
        panic!("run through scripts/test.sh, which starts the sandbox and the proxy and sets CLOUDCERTS_TEST_PROXY / CLOUDCERTS_TEST_ACCOUNTS");
    };
    let list = JSON::parse(accounts).unwrap_or(JsValue::UNDEFINED);
    let entries = Array::from(&list)
        .iter()
        .map(|entry| {
            (
                get(&entry, "account"),
                get(&entry, "expected").as_f64().unwrap_or(-1.0) as u32,
            )
        })
        .collect();
    (proxy.to_owned(), entries)
}

fn options(proxy: &str) -> JsValue {
    JSON::parse(&format!(r#"{{"proxy":"{proxy}","maxAttempts":5}}"#)).unwrap_or(JsValue::UNDEFINED)
}

fn ids(certificates: &JsValue) -> Vec<String> {
    Array::from(certificates)
        .iter()
        .map(|c| get(&c, "id").as_string().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn list_certificates_returns_each_certificate_exactly_once_for_every_provider() {
    let (proxy, accounts) = setup();
    assert_eq!(accounts.len(), 5);
    for (account, expected) in accounts {
        let provider = get(&account, "provider").as_string().unwrap_or_default();
        let result = cloudcerts_main::list_certificates(
            account,
            None,
            Some(options(&proxy).unchecked_into()),
        )
        .await
        .map_err(JsValue::from)
        .unwrap_or_else(|e| panic!("{provider}: {:?}", JSON::stringify(&e).ok()));
        let ids = ids(&get(&result, "certificates"));
        let unique: HashSet<&String> = ids.iter().collect();
        assert!(
            expected >= 2000,
            "{provider}: the sandbox should hold thousands, not {expected}"
        );
        assert_eq!(ids.len() as u32, expected, "{provider}: every certificate");
        assert_eq!(unique.len(), ids.len(), "{provider}: each exactly once");
        assert!(
            ids.iter().all(|id| !id.is_empty()),
            "{provider}: every certificate has its id"
        );
        let warnings = Array::from(&get(&result, "warnings"));
        assert_eq!(
            warnings.length(),
            0,
            "{provider}: {:?}",
            JSON::stringify(&warnings).ok()
        );
    }
}

#[wasm_bindgen_test]
async fn inventory_lists_all_accounts_at_once() {
    let (proxy, accounts) = setup();
    let total: u32 = accounts.iter().map(|(_, n)| n).sum();
    let list = Array::new();
    for (account, _) in &accounts {
        list.push(account);
    }
    let inventory = cloudcerts_main::inventory(list.into(), Some(options(&proxy).unchecked_into()))
        .await
        .map_err(JsValue::from)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let summaries = Array::from(&get(&inventory, "accounts"));
    for summary in summaries.iter() {
        assert_eq!(
            get(&summary, "error"),
            JsValue::UNDEFINED,
            "{:?}",
            JSON::stringify(&summary).ok()
        );
    }
    assert_eq!(
        Array::from(&get(&inventory, "certificates")).length(),
        total
    );
}
