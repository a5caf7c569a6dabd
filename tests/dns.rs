#![cfg(not(target_arch = "wasm32"))]
//! The DNS providers (`tencent-dns`, `volcengine-dns`) against in-memory vendors that answer as
//! `sandbox/dns-apis.md` documents: the requests each action sends (action, version, host,
//! signature scope, fields), zones found by the longest suffix, records created, listed, found
//! again when the provider says they exist, removed (and removed again), ids beyond 2^53 kept,
//! errors typed. (The same flows run against the sandbox's emulations through the proxy in
//! tests/node/acme.test.mjs.)

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use cloudcerts::client::session::Session;
use cloudcerts::client::{self, limits, HttpResponse, OutgoingRequest, Runtime};
use cloudcerts::dns::{self, Zone};
use cloudcerts::model::{Account, ClientSettings, ListQuery, Progress, Secret};
use cloudcerts::{ErrorCode, Result};
use futures_executor::block_on;
use serde_json::{json, Value};

/// 2026-11-23T00:00:00Z.
const NOW: f64 = 1_795_392_000_000.0;

type Responder = Box<dyn Fn(&OutgoingRequest) -> HttpResponse>;

struct Fake {
    now: Cell<f64>,
    sent: RefCell<Vec<OutgoingRequest>>,
    respond: Responder,
}

impl Fake {
    fn new(respond: impl Fn(&OutgoingRequest) -> HttpResponse + 'static) -> Fake {
        limits::reset();
        Fake {
            now: Cell::new(NOW),
            sent: RefCell::default(),
            respond: Box::new(respond),
        }
    }
    fn actions(&self) -> Vec<String> {
        self.sent.borrow().iter().map(action_of).collect()
    }
}

impl Runtime for Fake {
    fn now_ms(&self) -> f64 {
        self.now.get()
    }
    fn random(&self) -> f64 {
        0.5
    }
    fn aborted(&self) -> bool {
        false
    }
    async fn sleep(&self, ms: f64) -> Result<()> {
        self.now.set(self.now.get() + ms);
        Ok(())
    }
    async fn send(&self, request: &OutgoingRequest) -> Result<HttpResponse> {
        self.sent.borrow_mut().push(request.clone());
        self.now.set(self.now.get() + 5.0);
        Ok((self.respond)(request))
    }
    fn progress(&self, _: &Progress) {}
}

fn account(provider: &str) -> Account {
    Account {
        provider: provider.into(),
        access_key_id: "AKDNS".into(),
        secret_access_key: Secret::new("DnsSecretKey"),
        session_token: None,
        region: None,
        endpoint: None,
        label: Some("dns".into()),
    }
}

fn options() -> ClientSettings {
    ClientSettings {
        proxy: Some("http://127.0.0.1:8787/".into()),
        ..ClientSettings::default()
    }
}

fn answer(status: u16, body: Value) -> HttpResponse {
    HttpResponse {
        status,
        date: None,
        request_id: None,
        body: body.to_string(),
    }
}

fn header<'r>(request: &'r OutgoingRequest, name: &str) -> Option<&'r str> {
    request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The query parameters of the request's URL, decoded.
fn query(request: &OutgoingRequest) -> BTreeMap<String, String> {
    let Some((_, query)) = request.url.split_once('?') else {
        return BTreeMap::new();
    };
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            let bytes = v.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'%' && i + 2 < bytes.len() {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("00");
                    out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                    i += 3;
                } else {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
            (k.to_owned(), String::from_utf8(out).unwrap_or_default())
        })
        .collect()
}

fn body(request: &OutgoingRequest) -> Value {
    serde_json::from_str(request.body.as_deref().unwrap_or("null")).unwrap_or(Value::Null)
}

fn action_of(request: &OutgoingRequest) -> String {
    header(request, "X-TC-Action")
        .map(str::to_owned)
        .or_else(|| query(request).get("Action").cloned())
        .unwrap_or_default()
}

// ---- An in-memory DNSPod ----

#[derive(Default)]
struct DnspodState {
    zones: Vec<String>,
    /// (id, domain, subdomain, value, status)
    records: Vec<(u64, String, String, String, String)>,
    next_id: u64,
}

fn tc_error(code: &str) -> Value {
    json!({"Response": {"Error": {"Code": code, "Message": "m"}, "RequestId": "req"}})
}

fn dnspod(state: Rc<RefCell<DnspodState>>) -> impl Fn(&OutgoingRequest) -> HttpResponse {
    move |request| {
        let mut s = state.borrow_mut();
        let b = body(request);
        let text = |key: &str| b[key].as_str().unwrap_or_default().to_owned();
        let reply = match action_of(request).as_str() {
            "DescribeDomainList" => {
                let offset = b["Offset"].as_u64().unwrap_or(0) as usize;
                let limit = b["Limit"].as_u64().unwrap_or(3000) as usize;
                let page: Vec<Value> = s
                    .zones
                    .iter()
                    .skip(offset)
                    .take(limit)
                    .enumerate()
                    .map(|(i, name)| json!({"DomainId": i + 1, "Name": name, "Punycode": name, "Status": "ENABLE"}))
                    .collect();
                json!({"Response": {"DomainList": page, "DomainCountInfo": {"DomainTotal": s.zones.len(), "AllTotal": s.zones.len()}, "RequestId": "req"}})
            }
            "CreateRecord" => {
                let (domain, sub, value) = (text("Domain"), text("SubDomain"), text("Value"));
                if !s.zones.contains(&domain) {
                    tc_error("InvalidParameterValue.DomainNotExists")
                } else if s
                    .records
                    .iter()
                    .any(|r| r.1 == domain && r.2 == sub && r.3 == value)
                {
                    tc_error("InvalidParameter.DomainRecordExist")
                } else {
                    s.next_id += 1;
                    let id = s.next_id;
                    s.records.push((id, domain, sub, value, "ENABLE".into()));
                    // A real id number: beyond 2^53 when the test starts there.
                    let raw = format!(r#"{{"Response":{{"RecordId":{id},"RequestId":"req"}}}}"#);
                    return HttpResponse {
                        status: 200,
                        date: None,
                        request_id: None,
                        body: raw,
                    };
                }
            }
            "DescribeRecordList" => {
                let (domain, sub) = (text("Domain"), text("SubDomain"));
                let found: Vec<String> = s
                    .records
                    .iter()
                    .filter(|r| r.1 == domain && r.2 == sub)
                    .map(|r| format!(r#"{{"RecordId":{},"Name":"{}","Type":"TXT","Value":"{}","Status":"{}","Line":"默认"}}"#, r.0, r.2, r.3, r.4))
                    .collect();
                if found.is_empty() {
                    tc_error("ResourceNotFound.NoDataOfRecord")
                } else {
                    let raw = format!(
                        r#"{{"Response":{{"RecordList":[{}],"RequestId":"req"}}}}"#,
                        found.join(",")
                    );
                    return HttpResponse {
                        status: 200,
                        date: None,
                        request_id: None,
                        body: raw,
                    };
                }
            }
            "DeleteRecord" => {
                // The id as the request's JSON number text, compared exactly.
                let raw = request.body.as_deref().unwrap_or_default();
                let id = raw
                    .split("\"RecordId\":")
                    .nth(1)
                    .map(|rest| {
                        rest.chars()
                            .take_while(char::is_ascii_digit)
                            .collect::<String>()
                    })
                    .and_then(|digits| digits.parse::<u64>().ok());
                match s.records.iter().position(|r| Some(r.0) == id) {
                    Some(i) => {
                        s.records.remove(i);
                        json!({"Response": {"RequestId": "req"}})
                    }
                    None => tc_error("InvalidParameter.RecordIdInvalid"),
                }
            }
            other => tc_error(&format!("InvalidAction.{other}")),
        };
        answer(200, reply)
    }
}

#[test]
fn dnspod_publishes_lists_and_removes_a_txt_record() {
    let state = Rc::new(RefCell::new(DnspodState {
        zones: vec![
            "example.com".into(),
            "shop.example.com".into(),
            "example.org".into(),
        ],
        ..DnspodState::default()
    }));
    let rt = Fake::new(dnspod(state.clone()));
    let account = account("tencent-dns");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let zones = block_on(dns::zones(&session)).expect("zones");
    assert_eq!(zones.len(), 3);
    let name = "_acme-challenge.a.shop.example.com";
    let zone = dns::zone_for(session.provider, &zones, name).expect("zone");
    assert_eq!(zone.name, "shop.example.com");
    let record = block_on(dns::add_txt(&session, &zone, name, "digest-1")).expect("added");
    assert_eq!(
        (record.host.as_str(), record.id.as_str()),
        ("_acme-challenge.a", "1")
    );
    assert!(block_on(dns::is_live(&session, &record)).expect("listed"));
    block_on(dns::remove_txt(&session, &record)).expect("removed");
    assert!(state.borrow().records.is_empty());
    // Not listed any more (NoDataOfRecord), and removing it again is done.
    assert!(!block_on(dns::is_live(&session, &record)).expect("listed"));
    block_on(dns::remove_txt(&session, &record)).expect("removed again");

    let sent = rt.sent.borrow();
    for request in sent.iter() {
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.url,
            "http://127.0.0.1:8787/https://dnspod.tencentcloudapi.com/"
        );
        assert_eq!(header(request, "X-TC-Version"), Some("2021-03-23"));
        let authorization = header(request, "Authorization").unwrap_or_default();
        assert!(
            authorization.contains("/dnspod/tc3_request"),
            "{authorization}"
        );
    }
    let create = sent
        .iter()
        .find(|r| action_of(r) == "CreateRecord")
        .expect("create sent");
    assert_eq!(
        body(create),
        json!({"Domain": "shop.example.com", "SubDomain": "_acme-challenge.a", "RecordType": "TXT", "RecordLine": "默认", "Value": "digest-1", "TTL": 600})
    );
    let list = sent
        .iter()
        .find(|r| action_of(r) == "DescribeRecordList")
        .expect("list sent");
    assert_eq!(body(list)["SubDomain"], "_acme-challenge.a");
    assert_eq!(body(list)["Subdomain"], "_acme-challenge.a");
    assert_eq!(body(list)["RecordType"], "TXT");
}

#[test]
fn dnspod_record_ids_beyond_2_pow_53_are_kept_exactly() {
    let state = Rc::new(RefCell::new(DnspodState {
        zones: vec!["example.com".into()],
        next_id: 9_007_199_254_740_993 - 1, // 2^53 + 1 is the next id
        ..DnspodState::default()
    }));
    let rt = Fake::new(dnspod(state.clone()));
    let account = account("tencent-dns");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let zone = Zone {
        id: "example.com".into(),
        name: "example.com".into(),
    };
    let record = block_on(dns::add_txt(
        &session,
        &zone,
        "_acme-challenge.example.com",
        "v",
    ))
    .expect("added");
    assert_eq!(record.id, "9007199254740993");
    assert_eq!(record.host, "_acme-challenge");
    assert!(block_on(dns::is_live(&session, &record)).expect("listed"));
    block_on(dns::remove_txt(&session, &record)).expect("removed");
    assert!(
        state.borrow().records.is_empty(),
        "the exact id was deleted"
    );
}

#[test]
fn dnspod_an_existing_record_is_found_again() {
    let state = Rc::new(RefCell::new(DnspodState {
        zones: vec!["example.com".into()],
        records: vec![
            (
                77,
                "example.com".into(),
                "_acme-challenge".into(),
                "other".into(),
                "ENABLE".into(),
            ),
            (
                78,
                "example.com".into(),
                "_acme-challenge".into(),
                "mine".into(),
                "ENABLE".into(),
            ),
        ],
        next_id: 100,
    }));
    let rt = Fake::new(dnspod(state));
    let account = account("tencent-dns");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let zone = Zone {
        id: "example.com".into(),
        name: "example.com".into(),
    };
    let record = block_on(dns::add_txt(
        &session,
        &zone,
        "_acme-challenge.example.com",
        "mine",
    ))
    .expect("found again");
    assert_eq!(record.id, "78");
    assert_eq!(rt.actions(), ["CreateRecord", "DescribeRecordList"]);
}

#[test]
fn dnspod_a_disabled_record_is_not_live() {
    let state = Rc::new(RefCell::new(DnspodState {
        zones: vec!["example.com".into()],
        records: vec![(
            5,
            "example.com".into(),
            "_acme-challenge".into(),
            "v".into(),
            "DISABLE".into(),
        )],
        next_id: 5,
    }));
    let rt = Fake::new(dnspod(state));
    let account = account("tencent-dns");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let record = dns::TxtRecord {
        zone: Zone {
            id: "example.com".into(),
            name: "example.com".into(),
        },
        host: "_acme-challenge".into(),
        name: "_acme-challenge.example.com".into(),
        value: "v".into(),
        id: "5".into(),
    };
    assert!(!block_on(dns::is_live(&session, &record)).expect("listed"));
}

#[test]
fn dnspod_zones_are_read_page_by_page() {
    let zones: Vec<String> = (0..3_005).map(|i| format!("zone{i}.example")).collect();
    let state = Rc::new(RefCell::new(DnspodState {
        zones,
        ..DnspodState::default()
    }));
    let rt = Fake::new(dnspod(state));
    let account = account("tencent-dns");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let zones = block_on(dns::zones(&session)).expect("zones");
    assert_eq!(zones.len(), 3_005);
    let offsets: Vec<Value> = rt
        .sent
        .borrow()
        .iter()
        .map(|r| body(r)["Offset"].clone())
        .collect();
    assert_eq!(offsets, [json!(0), json!(3000)]);
}

#[test]
fn dnspod_errors_are_typed_and_throttling_is_retried() {
    let calls = Rc::new(Cell::new(0));
    let counter = calls.clone();
    let rt = Fake::new(move |_| {
        counter.set(counter.get() + 1);
        match counter.get() {
            1 => answer(200, tc_error("RequestLimitExceeded.RequestLimitExceeded")),
            _ => answer(200, tc_error("AuthFailure.SignatureFailure")),
        }
    });
    let account = account("tencent-dns");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let error = block_on(dns::zones(&session)).expect_err("fails");
    assert_eq!(error.code, ErrorCode::Auth);
    assert_eq!(
        error.vendor_code.as_deref(),
        Some("AuthFailure.SignatureFailure")
    );
    assert_eq!(
        calls.get(),
        2,
        "the throttled request was sent again, the refused one not"
    );
    assert!(!format!("{error:?}").contains("DnsSecretKey"));
}

#[test]
fn a_name_no_zone_holds_is_not_found() {
    let zones = [Zone {
        id: "1".into(),
        name: "example.com".into(),
    }];
    let error = dns::zone_for(
        cloudcerts::Provider::VolcengineDns,
        &zones,
        "_acme-challenge.example.net",
    )
    .expect_err("no zone");
    assert_eq!(error.code, ErrorCode::NotFound);
    assert!(
        error.message.contains("_acme-challenge.example.net"),
        "{}",
        error.message
    );
}

// ---- An in-memory Volcengine DNS ----

#[derive(Default)]
struct VolcState {
    /// (ZID, name)
    zones: Vec<(u64, String)>,
    /// (RecordID, ZID, host, value, enabled)
    records: Vec<(String, u64, String, String, bool)>,
    next_id: u64,
}

fn volc_error(status: u16, code: &str) -> HttpResponse {
    answer(
        status,
        json!({"ResponseMetadata": {"RequestId": "req", "Action": "x", "Version": "2018-08-01", "Service": "dns", "Region": "cn-north-1", "Error": {"Code": code, "CodeN": 400104, "Message": "m"}}}),
    )
}

fn volc_ok(result: Option<Value>) -> HttpResponse {
    let mut body = json!({"ResponseMetadata": {"RequestId": "req", "Action": "x", "Version": "2018-08-01", "Service": "dns", "Region": "cn-north-1"}});
    if let Some(result) = result {
        body["Result"] = result;
    }
    answer(200, body)
}

fn volcengine(state: Rc<RefCell<VolcState>>) -> impl Fn(&OutgoingRequest) -> HttpResponse {
    move |request| {
        let mut s = state.borrow_mut();
        let q = query(request);
        let b = body(request);
        match action_of(request).as_str() {
            "ListZones" => {
                let size: usize = q.get("PageSize").and_then(|v| v.parse().ok()).unwrap_or(10);
                let number: usize = q
                    .get("PageNumber")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1);
                let zones: Vec<Value> = s
                    .zones
                    .iter()
                    .skip((number - 1) * size)
                    .take(size)
                    .map(|(zid, name)| json!({"ZID": zid, "ZoneName": name, "RecordCount": 1}))
                    .collect();
                volc_ok(Some(json!({"Total": s.zones.len(), "Zones": zones})))
            }
            "CreateRecord" => {
                let zid = b["ZID"].as_u64().unwrap_or(0);
                let host = b["Host"].as_str().unwrap_or_default().to_owned();
                let value = b["Value"].as_str().unwrap_or_default().to_owned();
                if !s.zones.iter().any(|z| z.0 == zid) {
                    return volc_error(400, "ErrZoneNotFound");
                }
                if s.records
                    .iter()
                    .any(|r| r.1 == zid && r.2 == host && r.3 == value)
                {
                    return volc_error(409, "ErrDBDuplicated");
                }
                s.next_id += 1;
                let id = s.next_id.to_string();
                s.records
                    .push((id.clone(), zid, host.clone(), value.clone(), true));
                volc_ok(Some(
                    json!({"RecordID": id, "Host": host, "Type": "TXT", "Value": value, "Enable": true}),
                ))
            }
            "ListRecords" => {
                let zid: u64 = q.get("ZID").and_then(|v| v.parse().ok()).unwrap_or(0);
                let host = q.get("Host").cloned().unwrap_or_default();
                let exact = q.get("SearchMode").map(String::as_str) == Some("exact");
                let records: Vec<Value> = s
                    .records
                    .iter()
                    .filter(|r| r.1 == zid && if exact { r.2 == host } else { r.2.contains(&host) })
                    .map(|r| json!({"RecordID": r.0, "Host": r.2, "Type": "TXT", "Value": r.3, "Enable": r.4}))
                    .collect();
                volc_ok(Some(
                    json!({"TotalCount": records.len(), "Records": records}),
                ))
            }
            "DeleteRecord" => {
                let id = b["RecordID"].as_str().unwrap_or_default().to_owned();
                match s.records.iter().position(|r| r.0 == id) {
                    Some(i) => {
                        s.records.remove(i);
                        volc_ok(None)
                    }
                    None => volc_error(400, "ErrDBNotFound"),
                }
            }
            _ => volc_error(400, "InvalidActionOrVersion"),
        }
    }
}

#[test]
fn volcengine_publishes_lists_and_removes_a_txt_record() {
    let state = Rc::new(RefCell::new(VolcState {
        zones: vec![(11, "example.com".into()), (12, "example.net".into())],
        // Another record under a longer host: `like` would list it too.
        records: vec![(
            "900".into(),
            12,
            "_acme-challenge.www".into(),
            "other".into(),
            true,
        )],
        next_id: 3_170_534_137_672_596_377,
    }));
    let rt = Fake::new(volcengine(state.clone()));
    let account = account("volcengine-dns");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let zones = block_on(dns::zones(&session)).expect("zones");
    let name = "_acme-challenge.example.net";
    let zone = dns::zone_for(session.provider, &zones, name).expect("zone");
    assert_eq!(
        (zone.id.as_str(), zone.name.as_str()),
        ("12", "example.net")
    );
    let record = block_on(dns::add_txt(&session, &zone, name, "digest")).expect("added");
    assert_eq!(
        (record.host.as_str(), record.id.as_str()),
        ("_acme-challenge", "3170534137672596378")
    );
    assert!(block_on(dns::is_live(&session, &record)).expect("listed"));
    block_on(dns::remove_txt(&session, &record)).expect("removed");
    block_on(dns::remove_txt(&session, &record)).expect("removed again (ErrDBNotFound)");
    assert_eq!(
        state.borrow().records.len(),
        1,
        "only the other record is left"
    );

    let sent = rt.sent.borrow();
    for request in sent.iter() {
        assert!(
            request
                .url
                .starts_with("http://127.0.0.1:8787/https://dns.volcengineapi.com/?Action="),
            "{}",
            request.url
        );
        assert_eq!(
            query(request).get("Version").map(String::as_str),
            Some("2018-08-01")
        );
        let authorization = header(request, "Authorization").unwrap_or_default();
        assert!(
            authorization.contains("/cn-north-1/dns/request"),
            "{authorization}"
        );
    }
    let methods: Vec<(String, String)> = sent
        .iter()
        .map(|r| (action_of(r), r.method.clone()))
        .collect();
    assert_eq!(
        methods,
        [
            ("ListZones", "GET"),
            ("CreateRecord", "POST"),
            ("ListRecords", "GET"),
            ("DeleteRecord", "POST"),
            ("DeleteRecord", "POST")
        ]
        .map(|(a, m)| (a.to_owned(), m.to_owned()))
    );
    let create = &sent[1];
    assert_eq!(
        body(create),
        json!({"ZID": 12, "Host": "_acme-challenge", "Type": "TXT", "Value": "digest", "TTL": 600, "Line": "default"})
    );
    let list = query(&sent[2]);
    assert_eq!(list.get("SearchMode").map(String::as_str), Some("exact"));
    assert_eq!(
        list.get("Host").map(String::as_str),
        Some("_acme-challenge")
    );
    assert_eq!(body(&sent[3]), json!({"RecordID": "3170534137672596378"}));
}

#[test]
fn volcengine_an_existing_record_is_found_again_and_errors_are_typed() {
    let state = Rc::new(RefCell::new(VolcState {
        zones: vec![(11, "example.com".into())],
        records: vec![(
            "41".into(),
            11,
            "_acme-challenge".into(),
            "mine".into(),
            true,
        )],
        next_id: 50,
    }));
    let rt = Fake::new(volcengine(state));
    let account = account("volcengine-dns");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let zone = Zone {
        id: "11".into(),
        name: "example.com".into(),
    };
    let record = block_on(dns::add_txt(
        &session,
        &zone,
        "_acme-challenge.example.com",
        "mine",
    ))
    .expect("found again");
    assert_eq!(record.id, "41");
    let missing = Zone {
        id: "99".into(),
        name: "example.org".into(),
    };
    let error = block_on(dns::add_txt(
        &session,
        &missing,
        "_acme-challenge.example.org",
        "v",
    ))
    .expect_err("no such zone");
    assert_eq!(
        (error.code, error.vendor_code.as_deref()),
        (ErrorCode::NotFound, Some("ErrZoneNotFound"))
    );
}

#[test]
fn dns_accounts_hold_no_certificates() {
    for provider in ["tencent-dns", "volcengine-dns"] {
        let rt = Fake::new(|_| answer(500, json!({})));
        let error = block_on(client::list_certificates(
            &rt,
            &account(provider),
            &ListQuery::default(),
            &options(),
        ))
        .expect_err("not a certificate account");
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.contains("DNS account"), "{}", error.message);
        let error = block_on(client::get_certificate(
            &rt,
            &account(provider),
            "id",
            &options(),
        ))
        .expect_err("not a certificate account");
        assert_eq!(error.code, ErrorCode::InvalidInput);
        let error = block_on(client::delete_certificate(
            &rt,
            &account(provider),
            "id",
            &options(),
        ))
        .expect_err("not a certificate account");
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            rt.sent.borrow().is_empty(),
            "nothing was sent for {provider}"
        );
    }
    // And a certificate account is not a DNS account.
    let rt = Fake::new(|_| answer(500, json!({})));
    let account = account("tencent-ssl");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let error = block_on(dns::zones(&session)).expect_err("not a DNS account");
    assert_eq!(error.code, ErrorCode::InvalidInput);
}

// ---- Every DNS parser on arbitrary answers: a typed error or a reading, never a panic ----

#[path = "support/fuzz.rs"]
mod fuzz;

mod parsers {
    use super::fuzz::config;
    use cloudcerts::dns::{dnspod, volcengine_dns, TxtRecord, Zone};
    use cloudcerts::model::NormalizeOptions;
    use cloudcerts::vendors::Normalizer;
    use cloudcerts::Provider;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            any::<String>().prop_map(Value::from),
            prop::sample::select(vec![
                "ENABLE",
                "DISABLE",
                "",
                "\"v\"",
                "ResourceNotFound.NoDataOfRecord",
                "ErrDBNotFound",
                "InvalidParameter.DomainRecordExist",
                "ErrDBDuplicated"
            ])
            .prop_map(Value::from),
        ]
    }

    /// JSON shaped like the vendors' answers: their keys, at their depths, with any values.
    fn answer() -> impl Strategy<Value = Value> {
        let keys = prop::sample::select(vec![
            "Response",
            "Error",
            "Code",
            "Message",
            "RequestId",
            "DomainList",
            "DomainCountInfo",
            "DomainTotal",
            "AllTotal",
            "Name",
            "Punycode",
            "RecordId",
            "RecordList",
            "Value",
            "Status",
            "ResponseMetadata",
            "Result",
            "Zones",
            "ZID",
            "ZoneName",
            "Total",
            "RecordID",
            "Records",
            "Enable",
            "Host",
        ]);
        leaf().prop_recursive(5, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|members| {
                    Value::Object(
                        members
                            .into_iter()
                            .map(|(k, v)| (k.to_owned(), v))
                            .collect(),
                    )
                }),
            ]
        })
    }

    fn record() -> TxtRecord {
        TxtRecord {
            zone: Zone {
                id: "1".into(),
                name: "example.com".into(),
            },
            host: "_acme-challenge".into(),
            name: "_acme-challenge.example.com".into(),
            value: "v".into(),
            id: "1".into(),
        }
    }

    fn every_parser(body: &str, status: u16) {
        for provider in Provider::DNS {
            let options = NormalizeOptions {
                http_status: Some(f64::from(status)),
                ..NormalizeOptions::default()
            };
            let Ok(n) = Normalizer::new(provider, &options) else {
                continue;
            };
            let _ = dnspod::parse_domain_list(&n, body);
            let _ = dnspod::parse_create(&n, body);
            let _ = dnspod::parse_records(&n, body);
            let _ = dnspod::parse_delete(&n, body);
            let _ = volcengine_dns::parse_zones(&n, body);
            let _ = volcengine_dns::parse_create(&n, body);
            let _ = volcengine_dns::parse_records(&n, body);
            let _ = volcengine_dns::parse_delete(&n, body);
            let _ = dnspod::delete_record("https://x", &record());
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512), status in prop::sample::select(vec![200u16, 400, 409, 429, 500])) {
            every_parser(&String::from_utf8_lossy(&bytes), status);
        }

        #[test]
        fn arbitrary_answers(value in answer(), status in prop::sample::select(vec![200u16, 400, 409, 500])) {
            every_parser(&value.to_string(), status);
            every_parser(&json!({"Response": value.clone()}).to_string(), status);
            every_parser(&json!({"ResponseMetadata": {}, "Result": value}).to_string(), status);
        }
    }

    #[test]
    fn deep_and_cut_answers_are_errors() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        every_parser(&deep, 200);
        let whole = r#"{"Response":{"RecordList":[{"RecordId":1,"Value":"v","Status":"ENABLE"}],"RequestId":"r"}}"#;
        for cut in 0..whole.len() {
            every_parser(&whole[..cut], 200);
        }
        let options = NormalizeOptions {
            http_status: Some(200.0),
            ..NormalizeOptions::default()
        };
        let n = Normalizer::new(Provider::TencentDns, &options).expect("options");
        assert!(dnspod::parse_records(&n, &deep).is_err());
        assert_eq!(dnspod::parse_records(&n, whole).expect("whole").len(), 1);
    }
}

#[test]
fn a_create_that_failed_after_the_vendor_acted_is_sent_again_and_its_record_adopted() {
    let state = Rc::new(RefCell::new(DnspodState {
        zones: vec!["example.com".into()],
        ..DnspodState::default()
    }));
    let vendor = dnspod(state.clone());
    let creates = Cell::new(0);
    let lists = Cell::new(0);
    let rt = Fake::new(move |request| {
        let answer = vendor(request);
        match action_of(request).as_str() {
            // The first create is stored, then its answer lost at a gateway.
            "CreateRecord" => {
                creates.set(creates.get() + 1);
                if creates.get() == 1 {
                    return HttpResponse {
                        status: 502,
                        date: None,
                        request_id: None,
                        body: "<html>Bad Gateway</html>".into(),
                    };
                }
                answer
            }
            // The new record is listed only from the second lookup on (DNSPod's index delay).
            "DescribeRecordList" => {
                lists.set(lists.get() + 1);
                if lists.get() == 1 {
                    return answer_json(tc_error("ResourceNotFound.NoDataOfRecord"));
                }
                answer
            }
            _ => answer,
        }
    });
    let account = account("tencent-dns");
    let session = Session::new(&rt, &account, &options()).expect("session");
    let zone = Zone {
        id: "example.com".into(),
        name: "example.com".into(),
    };
    let record = block_on(dns::add_txt(
        &session,
        &zone,
        "_acme-challenge.example.com",
        "v",
    ))
    .expect("adopted");
    assert_eq!(record.id, "1", "the record the first create made");
    assert_eq!(state.borrow().records.len(), 1, "one record, not two");
    assert_eq!(
        rt.actions(),
        [
            "CreateRecord",
            "CreateRecord",
            "DescribeRecordList",
            "DescribeRecordList"
        ]
    );
    block_on(dns::remove_txt(&session, &record)).expect("removed");
    assert!(state.borrow().records.is_empty());
}

fn answer_json(body: Value) -> HttpResponse {
    answer(200, body)
}

#[test]
fn dnspod_codes_are_typed_and_only_the_records_own_codes_mean_gone() {
    let record = dns::TxtRecord {
        zone: Zone {
            id: "example.com".into(),
            name: "example.com".into(),
        },
        host: "_acme-challenge".into(),
        name: "_acme-challenge.example.com".into(),
        value: "v".into(),
        id: "5".into(),
    };
    let account = account("tencent-dns");
    // A throttled delete (DeleteRecord's FailedOperation.FrequencyLimit) is sent again.
    let calls = Rc::new(Cell::new(0));
    let counter = calls.clone();
    let rt = Fake::new(move |_| {
        counter.set(counter.get() + 1);
        if counter.get() == 1 {
            answer(200, tc_error("FailedOperation.FrequencyLimit"))
        } else {
            answer(200, json!({"Response": {"RequestId": "r"}}))
        }
    });
    let session = Session::new(&rt, &account, &options()).expect("session");
    block_on(dns::remove_txt(&session, &record)).expect("removed on the second try");
    assert_eq!(calls.get(), 2);
    // OperationDenied.* is Forbidden, with a hint; not retried.
    for code in [
        "OperationDenied.NoPermissionToOperateDomain",
        "OperationDenied.DomainOwnerAllowedOnly",
        "AuthFailure.UnauthorizedOperation",
    ] {
        let rt = Fake::new(move |_| answer(200, tc_error(code)));
        let session = Session::new(&rt, &account, &options()).expect("session");
        let error = block_on(dns::remove_txt(&session, &record)).expect_err("refused");
        assert_eq!(error.code, ErrorCode::Forbidden, "{code}");
        assert!(error.hint.is_some(), "{code}");
        assert_eq!(rt.sent.borrow().len(), 1, "{code}: not retried");
    }
    // A gateway's 404 page is not the record gone.
    let rt = Fake::new(|_| HttpResponse {
        status: 404,
        date: None,
        request_id: None,
        body: "<html>Not Found</html>".into(),
    });
    let session = Session::new(&rt, &account, &options()).expect("session");
    let error = block_on(dns::remove_txt(&session, &record)).expect_err("not gone");
    assert_eq!(error.code, ErrorCode::NotFound);
    // The record's own codes are: removed.
    for code in [
        "InvalidParameter.RecordIdInvalid",
        "ResourceNotFound.NoDataOfRecord",
    ] {
        let rt = Fake::new(move |_| answer(200, tc_error(code)));
        let session = Session::new(&rt, &account, &options()).expect("session");
        block_on(dns::remove_txt(&session, &record)).expect(code);
    }
}
