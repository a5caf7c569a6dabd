//! The flow's [`DnsProvider`] over the caller's DNS accounts (`tencent-dns`, `volcengine-dns`):
//! each name's record goes to the account whose zone holds it (the longest zone of all the
//! accounts), through the core's DNS functions ([`cloudcerts::dns`]) and its client session
//! (signing, the documented rate, retries).
//!
//! Each account's zones are read once per issuance, when its first record is published.

use std::cell::RefCell;

use cloudcerts::client::session::{Session, Settings};
use cloudcerts::client::Runtime;
use cloudcerts::dns::{self, Zone};
use cloudcerts::error::{Error, ErrorCode, Result};
use cloudcerts::model::{Account, ClientSettings};

use crate::runtime::{DnsProvider, TxtRecord};

/// The DNS accounts of one issuance.
pub struct AccountsDns<'a, R: Runtime> {
    sessions: Vec<Session<'a, R>>,
    /// Each account's zones, once read.
    zones: RefCell<Vec<Option<Vec<Zone>>>>,
    /// What was published: (account index, the provider's record), by the position that
    /// [`TxtRecord::id`] names.
    published: RefCell<Vec<(usize, dns::TxtRecord)>>,
}

impl<'a, R: Runtime> AccountsDns<'a, R> {
    /// Sessions for `accounts` (at least one, each of a DNS provider) on `runtime`.
    ///
    /// # Errors
    /// `InvalidInput` naming `dns` (or `dns[i]`) for no account, an account that is not a DNS
    /// provider's, or unusable credentials or options.
    pub fn new(runtime: &'a R, accounts: &'a [Account], options: &ClientSettings) -> Result<Self> {
        if accounts.is_empty() {
            return Err(Error::invalid_input(
                "dns",
                "at least one DNS account (tencent-dns or volcengine-dns) is needed",
            ));
        }
        let settings = Settings::new(options, runtime.now_ms())?;
        let mut sessions = Vec::with_capacity(accounts.len());
        for (i, account) in accounts.iter().enumerate() {
            let field = if accounts.len() == 1 {
                "dns".to_owned()
            } else {
                format!("dns[{i}]")
            };
            let session = Session::with_settings(runtime, account, settings.clone())
                .map_err(|e| rename_field(e, &field))?;
            if !session.provider.is_dns() {
                return Err(Error::invalid_input(
                    &format!("{field}.provider"),
                    format!(
                        "{} is a certificate provider; a DNS account is tencent-dns or volcengine-dns",
                        session.provider
                    ),
                ));
            }
            sessions.push(session);
        }
        Ok(AccountsDns {
            zones: RefCell::new(vec![None; sessions.len()]),
            sessions,
            published: RefCell::default(),
        })
    }

    async fn zones_of(&self, index: usize) -> Result<Vec<Zone>> {
        if let Some(Some(zones)) = self.zones.borrow().get(index) {
            return Ok(zones.clone());
        }
        let session = self.session(index)?;
        let zones = dns::zones(session).await?;
        if let Some(slot) = self.zones.borrow_mut().get_mut(index) {
            *slot = Some(zones.clone());
        }
        Ok(zones)
    }

    fn session(&self, index: usize) -> Result<&Session<'a, R>> {
        self.sessions
            .get(index)
            .ok_or_else(|| Error::new(ErrorCode::InvalidInput, "no such DNS account"))
    }

    fn record(&self, record: &TxtRecord) -> Result<(usize, dns::TxtRecord)> {
        record
            .id
            .parse::<usize>()
            .ok()
            .and_then(|i| self.published.borrow().get(i).cloned())
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidInput,
                    "not a record this issuance published",
                )
            })
    }
}

/// `error` with its field `account...` named `field...` instead (the session checks an
/// `account`; here it is one of `dns`).
fn rename_field(mut error: Error, field: &str) -> Error {
    error.message = error.message.replacen("account", field, 1);
    error
}

impl<R: Runtime> AccountsDns<'_, R> {
    /// The account whose zone holds `name` most closely (the first such account on a tie), and
    /// that zone.
    async fn placement(&self, name: &str) -> Result<(usize, Zone)> {
        let mut best: Option<(usize, Zone)> = None;
        for index in 0..self.sessions.len() {
            let zones = self.zones_of(index).await?;
            if let Some(zone) = dns::zone_of(&zones, name) {
                if best
                    .as_ref()
                    .is_none_or(|(_, b)| zone.name.len() > b.name.len())
                {
                    best = Some((index, zone.clone()));
                }
            }
        }
        best.ok_or_else(|| {
            let zones: usize = self.zones.borrow().iter().flatten().map(Vec::len).sum();
            Error::new(
                ErrorCode::NotFound,
                format!(
                    "no zone of the DNS accounts holds {name} ({} accounts, {zones} zones read)",
                    self.sessions.len()
                ),
            )
            .with_hint(
                "add the domain's zone to a tencent-dns or volcengine-dns account given as dns",
            )
        })
    }
}

impl<R: Runtime> DnsProvider for AccountsDns<'_, R> {
    async fn check(&self, names: &[String]) -> Result<()> {
        for name in names {
            self.placement(name).await?;
        }
        Ok(())
    }

    async fn add_txt(&self, name: &str, value: &str) -> Result<TxtRecord> {
        let (index, zone) = self.placement(name).await?;
        let session = self.session(index)?;
        let record = dns::add_txt(session, &zone, name, value).await?;
        let mut published = self.published.borrow_mut();
        published.push((index, record));
        Ok(TxtRecord {
            name: name.to_owned(),
            value: value.to_owned(),
            id: (published.len() - 1).to_string(),
        })
    }

    async fn is_live(&self, record: &TxtRecord) -> Result<bool> {
        let (index, record) = self.record(record)?;
        dns::is_live(self.session(index)?, &record).await
    }

    async fn remove_txt(&self, record: &TxtRecord) -> Result<()> {
        let (index, record) = self.record(record)?;
        dns::remove_txt(self.session(index)?, &record).await
    }
}
