//! Outgoing webhooks. A use case emits an event inside its own transaction: one delivery per active
//! endpoint subscribed to it, each with a job of kind `webhook`, so an event is sent exactly when its
//! change is committed. The job runner sends the delivery (before it opens its own transaction, so a
//! slow receiver never holds a database lock), records the answer, and retries with its backoff until
//! the receiver answers 2xx. Admins register endpoints (the signing secret is shown once), switch them
//! off, delete them, read the delivery log and send a delivery again; each of those is audited.
//!
//! Every body is signed: `OPO-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`,
//! checked by receivers with [`verify`] (see docs/WEBHOOKS.md). Deliveries are at least once: a receiver
//! dedupes on the `id` in the body (also sent as `OPO-Delivery`).

use crate::{Actor, App, AppError, secrets};
use hmac::{Hmac, Mac};
use opo_domain::problems::Clash;
pub use opo_domain::webhooks::EventKind;
use opo_domain::webhooks::{EndpointInput, check_url, is_forbidden};
pub use opo_store::webhooks::Attempt;
use opo_store::webhooks::{self as store, NewEndpoint};
use opo_store::{StoreError, Tx, audit};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::Sha256;
use std::net::SocketAddr;
use std::time::{Duration as StdDuration, Instant};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "OPO-Signature";
/// The header that names the event, for receivers that route before they parse.
pub const EVENT_HEADER: &str = "OPO-Event";
/// The header with the delivery's id, the same on every attempt and replay.
pub const DELIVERY_HEADER: &str = "OPO-Delivery";
/// How far a signature's time may be from the receiver's clock before [`verify`] refuses it.
pub const DEFAULT_TOLERANCE_SECONDS: i64 = 300;
/// Secrets start with this prefix, so a leaked one is easy to recognize.
pub const SECRET_PREFIX: &str = "whsec_";

const CONNECT_TIMEOUT: StdDuration = StdDuration::from_secs(5);
const REQUEST_TIMEOUT: StdDuration = StdDuration::from_secs(10);
/// How much of a refusing receiver's answer is kept in the log.
const ANSWER_EXCERPT: usize = 300;

/// The value of the `OPO-Signature` header for `body` sent at `timestamp` (Unix seconds).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", secrets::hex(&mac(secret, timestamp, body).finalize().into_bytes()))
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// Why a receiver should refuse a delivery.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the OPO-Signature header is missing or not of the form t=<unix seconds>,v1=<hex>")]
    Malformed,
    #[error("the signature is {0} seconds away from now, more than allowed; it may be a replayed request")]
    OutOfTolerance(i64),
    #[error("no v1 signature matches the body and the secret")]
    Mismatch,
}

/// Checks a delivery as a receiver gets it: `header` is `OPO-Signature`, `body` the raw bytes of the
/// request body (before any JSON parsing), `now` the receiver's clock in Unix seconds. The signature
/// must match in constant time and be at most `tolerance_seconds` old (or early). Several `v1=` parts
/// may appear (while a secret is being replaced); one matching is enough.
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64, tolerance_seconds: i64) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = Some(t.parse::<i64>().map_err(|_| SignatureError::Malformed)?),
            Some(("v1", hex)) => signatures.push(decode_hex(hex).ok_or(SignatureError::Malformed)?),
            Some(_) => {}
            None => return Err(SignatureError::Malformed),
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    let skew = now.saturating_sub(timestamp);
    if skew.abs() > tolerance_seconds {
        return Err(SignatureError::OutOfTolerance(skew));
    }
    let matches = signatures.iter().any(|sig| mac(secret, timestamp, body).verify_slice(sig).is_ok());
    if matches { Ok(()) } else { Err(SignatureError::Mismatch) }
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.is_empty() || !hex.len().is_multiple_of(2) || !hex.is_ascii() {
        return None;
    }
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok()).collect()
}

/// The job that sends one delivery.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DeliveryJob {
    pub delivery_id: i64,
}

/// Emits `event` with its `data`: a delivery and a job for every active endpoint subscribed to it, in
/// the caller's transaction. Returns how many deliveries were queued.
pub(crate) async fn emit(tx: &mut Tx, event: EventKind, data: Value, now: OffsetDateTime) -> Result<usize, AppError> {
    let endpoints = store::subscribed(tx, event.key()).await?;
    if endpoints.is_empty() {
        return Ok(0);
    }
    let payload = data.to_string();
    for endpoint in &endpoints {
        let id = store::insert_delivery(tx, endpoint.id, event.key(), &payload, now).await?;
        enqueue(tx, id, now).await?;
    }
    Ok(endpoints.len())
}

async fn enqueue(tx: &mut Tx, delivery_id: i64, now: OffsetDateTime) -> Result<(), AppError> {
    crate::jobs::enqueue(tx, crate::jobs::WEBHOOK, &DeliveryJob { delivery_id }, None, now, now).await?;
    Ok(())
}

/// The organization an event is about, as every payload names it.
pub(crate) fn organization(app: &App, id: i64, slug: &str, name: &str) -> Value {
    json!({
        "id": id,
        "slug": slug,
        "name": name,
        "url": format!("{}/partners/{slug}", app.settings.base_url),
    })
}

/// Emits an event about an organization: `fields` plus the organization it is about.
pub(crate) async fn emit_for_organization(
    app: &App,
    tx: &mut Tx,
    event: EventKind,
    (id, slug, name): (i64, &str, &str),
    mut fields: Value,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    fields["organization"] = organization(app, id, slug, name);
    emit(tx, event, fields, now).await
}

/// Emits `post.published` for a post.
pub(crate) async fn emit_post(
    app: &App,
    tx: &mut Tx,
    post: (i64, &str, &str),
    kind: &str,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let (id, slug, title) = post;
    let data = json!({
        "post": {
            "id": id,
            "slug": slug,
            "title": title,
            "kind": kind,
            "url": format!("{}/news/{slug}", app.settings.base_url),
        },
        "published_at": timestamp(now),
    });
    emit(tx, EventKind::PostPublished, data, now).await
}

/// A time as payloads carry it (RFC 3339, UTC).
pub(crate) fn timestamp(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

/// The body sent for a delivery: the same on every attempt, so a receiver can dedupe on `id`.
pub fn body_of(delivery: &Delivery) -> Result<Vec<u8>, AppError> {
    let data: Value = serde_json::from_str(&delivery.payload)
        .map_err(|e| AppError::Internal(format!("webhook delivery {} payload: {e}", delivery.id)))?;
    let created = timestamp(delivery.created_at);
    let body = json!({ "id": delivery.id, "event": delivery.event, "created_at": created, "data": data });
    serde_json::to_vec(&body).map_err(|e| AppError::Internal(format!("webhook body: {e}")))
}

pub use opo_store::webhooks::Delivery;

/// Why a delivery was not accepted; the job is retried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    #[error("the endpoint's address is refused: {0}")]
    Refused(String),
    #[error("the receiver could not be reached: {0}")]
    Unreachable(String),
    /// `detail` is empty, or `: ` and the start of the receiver's answer.
    #[error("the receiver answered {status}{detail}")]
    Rejected { status: u16, detail: String },
}

/// Sends one delivery and records the attempt; `Ok` when the receiver answered 2xx, or when there is
/// nothing left to send (the endpoint was deleted or switched off).
pub(crate) async fn deliver(app: &App, delivery_id: i64) -> Result<(), AppError> {
    let (delivery, endpoint) = {
        let mut conn = app.db.read().await?;
        let Some(delivery) = store::delivery(&mut conn, delivery_id).await? else { return Ok(()) };
        let Some(endpoint) = store::endpoint(&mut conn, delivery.endpoint_id).await? else { return Ok(()) };
        (delivery, endpoint)
    };
    if !endpoint.active {
        return Ok(());
    }
    let body = body_of(&delivery)?;
    let started = Instant::now();
    let at = app.clock.now();
    let outcome = send(app, &endpoint.url, &endpoint.secret, &delivery, body, at.unix_timestamp()).await;
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let attempt = Attempt {
        delivery_id,
        status: match &outcome {
            Ok(status) | Err(DeliveryError::Rejected { status, .. }) => Some(i64::from(*status)),
            Err(_) => None,
        },
        error: outcome.as_ref().err().map(ToString::to_string),
        duration_ms,
        at,
    };
    let mut tx = app.db.begin().await?;
    store::record_attempt(&mut tx, &attempt, outcome.is_ok()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    match outcome {
        Ok(_) => Ok(()),
        Err(err) => Err(AppError::Internal(format!("webhook delivery {delivery_id}: {err}"))),
    }
}

/// POSTs the body, refusing addresses that are (or resolve to) private ones unless the settings allow
/// them; the connection goes to the very addresses checked, so a name cannot resolve differently later.
async fn send(
    app: &App,
    url: &str,
    secret: &str,
    delivery: &Delivery,
    body: Vec<u8>,
    timestamp: i64,
) -> Result<u16, DeliveryError> {
    let allow_private = app.settings.webhooks_allow_private;
    let target = check_url(url, allow_private).map_err(|e| DeliveryError::Refused(e.to_string()))?;
    let mut client = reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        // A redirect could lead anywhere, a private address included; a moved receiver is re-registered.
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent(concat!("opo-portal-webhooks/", env!("CARGO_PKG_VERSION")));
    if target.ip.is_none() {
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((target.host.as_str(), target.port))
            .await
            .map_err(|e| DeliveryError::Unreachable(format!("{}: {e}", target.host)))?
            .collect();
        if addrs.is_empty() {
            return Err(DeliveryError::Unreachable(format!("{} has no address", target.host)));
        }
        if let Some(bad) = addrs.iter().find(|a| !allow_private && is_forbidden(a.ip())) {
            return Err(DeliveryError::Refused(format!(
                "{} resolves to the private address {}",
                target.host,
                bad.ip()
            )));
        }
        client = client.resolve_to_addrs(&target.host, &addrs);
    }
    let client = client.build().map_err(|e| DeliveryError::Unreachable(format!("the HTTP client: {e}")))?;
    let response = client
        .post(&target.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(SIGNATURE_HEADER, sign(secret, timestamp, &body))
        .header(EVENT_HEADER, delivery.event.as_str())
        .header(DELIVERY_HEADER, delivery.id.to_string())
        .body(body)
        .send()
        .await
        .map_err(|e| DeliveryError::Unreachable(error_chain(&e)))?;
    let status = response.status();
    if status.is_success() {
        return Ok(status.as_u16());
    }
    let text = response.text().await.unwrap_or_default();
    let excerpt: String = text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(ANSWER_EXCERPT).collect();
    let detail = if excerpt.is_empty() { String::new() } else { format!(": {excerpt}") };
    Err(DeliveryError::Rejected { status: status.as_u16(), detail })
}

/// The error with its causes, since reqwest's own message rarely says what went wrong.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// An endpoint as the admin sees it: everything but the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointInfo {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: OffsetDateTime,
    pub created_by: String,
}

impl From<store::Endpoint> for EndpointInfo {
    fn from(e: store::Endpoint) -> Self {
        Self {
            id: e.id,
            url: e.url,
            description: e.description,
            events: e.events,
            active: e.active,
            created_at: e.created_at,
            created_by: e.created_by,
        }
    }
}

/// A newly registered endpoint and its secret, which is shown this once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub id: i64,
    pub secret: String,
}

/// Registers an endpoint for the chosen events, with a new secret.
pub async fn register(app: &App, input: &EndpointInput, actor: &Actor) -> Result<Registered, AppError> {
    let valid = input.validate(app.settings.webhooks_allow_private).map_err(AppError::Invalid)?;
    let token = secrets::new_token().map_err(|e| AppError::Internal(format!("random numbers: {e}")))?;
    let secret = format!("{SECRET_PREFIX}{token}");
    let endpoint = NewEndpoint {
        url: valid.url,
        description: valid.description,
        secret: secret.clone(),
        events: valid.events.iter().map(|e| e.key().to_owned()).collect(),
        created_by: actor.label.clone(),
    };
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let id = store::insert_endpoint(&mut tx, &endpoint, now).await?;
    let mut entry = actor.entry("webhook.registered", "webhook_endpoint", id);
    entry.after_json = Some(json!({ "url": endpoint.url, "events": endpoint.events }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Registered { id, secret })
}

/// Switches an endpoint on or off; an endpoint switched off gets no new deliveries and its queued ones
/// are dropped when their turn comes.
pub async fn set_active(app: &App, id: i64, active: bool, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !store::set_active(&mut tx, id, active).await? {
        return Err(AppError::NotFound("webhook endpoint"));
    }
    let action = if active { "webhook.activated" } else { "webhook.deactivated" };
    audit::record(&mut tx, &actor.entry(action, "webhook_endpoint", id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Deletes an endpoint with its delivery log.
pub async fn delete(app: &App, id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let endpoint = store::endpoint(&mut tx, id).await?.ok_or(AppError::NotFound("webhook endpoint"))?;
    store::delete_endpoint(&mut tx, id).await?;
    let mut entry = actor.entry("webhook.deleted", "webhook_endpoint", id);
    entry.before_json = Some(json!({ "url": endpoint.url, "events": endpoint.events }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Sends a delivery again (the same body and id, a fresh signature) with a new job; returns the
/// endpoint it belongs to.
pub async fn replay(app: &App, delivery_id: i64, actor: &Actor) -> Result<i64, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let delivery = store::delivery(&mut tx, delivery_id).await?.ok_or(AppError::NotFound("webhook delivery"))?;
    let endpoint =
        store::endpoint(&mut tx, delivery.endpoint_id).await?.ok_or(AppError::NotFound("webhook endpoint"))?;
    if !endpoint.active {
        return Err(AppError::Conflict(Clash::new(
            "endpoint-off",
            "the endpoint is switched off; switch it on to send to it again",
        )));
    }
    enqueue(&mut tx, delivery_id, now).await?;
    audit::record(&mut tx, &actor.entry("webhook.replayed", "webhook_delivery", delivery_id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(endpoint.id)
}

pub async fn endpoints(app: &App) -> Result<Vec<EndpointInfo>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::endpoints(&mut conn).await?.into_iter().map(EndpointInfo::from).collect())
}

pub async fn endpoint(app: &App, id: i64) -> Result<EndpointInfo, AppError> {
    let mut conn = app.db.read().await?;
    store::endpoint(&mut conn, id).await?.map(EndpointInfo::from).ok_or(AppError::NotFound("webhook endpoint"))
}

/// A delivery with every attempt to send it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryLog {
    pub delivery: Delivery,
    pub attempts: Vec<Attempt>,
}

/// An endpoint's latest deliveries, newest first, each with its attempts, oldest first.
pub async fn deliveries(app: &App, endpoint_id: i64, limit: i64) -> Result<Vec<DeliveryLog>, AppError> {
    let mut conn = app.db.read().await?;
    let deliveries = store::deliveries_of(&mut conn, endpoint_id, limit).await?;
    let ids: Vec<i64> = deliveries.iter().map(|d| d.id).collect();
    let mut attempts = store::attempts_of(&mut conn, &ids).await?;
    Ok(deliveries
        .into_iter()
        .map(|delivery| {
            let (mine, rest) = attempts.drain(..).partition(|a| a.delivery_id == delivery.id);
            attempts = rest;
            DeliveryLog { delivery, attempts: mine }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test";

    #[test]
    fn a_signed_body_verifies_within_the_tolerance() {
        let body = br#"{"id":1,"event":"post.published"}"#;
        let header = sign(SECRET, 1_764_061_200, body);
        assert!(header.starts_with("t=1764061200,v1="), "{header}");
        assert_eq!(verify(SECRET, &header, body, 1_764_061_200 + 299, DEFAULT_TOLERANCE_SECONDS), Ok(()));
        assert_eq!(
            verify(SECRET, &header, body, 1_764_061_200 + 301, DEFAULT_TOLERANCE_SECONDS),
            Err(SignatureError::OutOfTolerance(301))
        );
    }

    #[test]
    fn another_body_secret_or_time_does_not_verify() {
        let body = b"{}";
        let header = sign(SECRET, 100, body);
        assert_eq!(verify(SECRET, &header, b"{ }", 100, 300), Err(SignatureError::Mismatch));
        assert_eq!(verify("whsec_other", &header, body, 100, 300), Err(SignatureError::Mismatch));
        let moved = header.replace("t=100", "t=101");
        assert_eq!(verify(SECRET, &moved, body, 100, 300), Err(SignatureError::Mismatch));
    }

    #[test]
    fn one_matching_signature_among_several_is_enough() {
        let body = b"{}";
        let good = sign(SECRET, 100, body);
        let v1 = good.split_once(",v1=").map(|(_, s)| s).unwrap_or_default();
        let header = format!("t=100,v1={},v1={v1}", "00".repeat(32));
        assert_eq!(verify(SECRET, &header, body, 100, 300), Ok(()));
    }

    #[test]
    fn malformed_headers_are_refused() {
        for header in ["", "v1=00", "t=100", "t=abc,v1=00", "t=100,v1=xyz", "t=100,v1=0", "garbage"] {
            assert_eq!(verify(SECRET, header, b"{}", 100, 300), Err(SignatureError::Malformed), "{header:?}");
        }
    }
}
