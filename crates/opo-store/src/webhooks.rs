//! Outgoing webhooks: the endpoints admins registered, one delivery per event and endpoint, and every
//! attempt to send a delivery with the receiver's answer.

use crate::{Conn, StoreError, format_ts, parse_ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// An endpoint to register; `events` are the stable event names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEndpoint {
    pub url: String,
    pub description: String,
    pub secret: String,
    pub events: Vec<String>,
    pub created_by: String,
}

/// An endpoint as stored, secret included: only the delivery code reads the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub secret: String,
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: OffsetDateTime,
    pub created_by: String,
}

const ENDPOINT_COLUMNS: &str = "id, url, description, secret, events, active, created_at, created_by";

fn endpoint_from(row: &AnyRow) -> Result<Endpoint, StoreError> {
    let events: String = row.try_get("events")?;
    let active: i64 = row.try_get("active")?;
    let created: String = row.try_get("created_at")?;
    Ok(Endpoint {
        id: row.try_get("id")?,
        url: row.try_get("url")?,
        description: row.try_get("description")?,
        secret: row.try_get("secret")?,
        events: events.split(',').filter(|e| !e.is_empty()).map(str::to_owned).collect(),
        active: active == 1,
        created_at: parse_ts(&created)?,
        created_by: row.try_get("created_by")?,
    })
}

pub async fn insert_endpoint(conn: &mut Conn, endpoint: &NewEndpoint, now: OffsetDateTime) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into webhook_endpoints (url, description, secret, events, active, created_at, created_by) \
         values ($1, $2, $3, $4, 1, $5, $6) returning id",
    )
    .bind(&endpoint.url)
    .bind(&endpoint.description)
    .bind(&endpoint.secret)
    .bind(endpoint.events.join(","))
    .bind(format_ts(now))
    .bind(&endpoint.created_by)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn endpoints(conn: &mut Conn) -> Result<Vec<Endpoint>, StoreError> {
    let rows = sqlx::query(&format!("select {ENDPOINT_COLUMNS} from webhook_endpoints order by id"))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(endpoint_from).collect()
}

pub async fn endpoint(conn: &mut Conn, id: i64) -> Result<Option<Endpoint>, StoreError> {
    let row = sqlx::query(&format!("select {ENDPOINT_COLUMNS} from webhook_endpoints where id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(endpoint_from).transpose()
}

/// The active endpoints subscribed to `event`.
pub async fn subscribed(conn: &mut Conn, event: &str) -> Result<Vec<Endpoint>, StoreError> {
    // The list of events is short text; matching it here keeps the SQL the same on both backends.
    let rows = sqlx::query(&format!("select {ENDPOINT_COLUMNS} from webhook_endpoints where active = 1 order by id"))
        .fetch_all(&mut *conn)
        .await?;
    let all = rows.iter().map(endpoint_from).collect::<Result<Vec<_>, _>>()?;
    Ok(all.into_iter().filter(|e| e.events.iter().any(|k| k == event)).collect())
}

/// Switches an endpoint on or off; false when there is no such endpoint.
pub async fn set_active(conn: &mut Conn, id: i64, active: bool) -> Result<bool, StoreError> {
    let done = sqlx::query("update webhook_endpoints set active = $1 where id = $2")
        .bind(i64::from(active))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes an endpoint with its deliveries and their attempts; false when there was no such endpoint.
pub async fn delete_endpoint(conn: &mut Conn, id: i64) -> Result<bool, StoreError> {
    // Deleted in order rather than by cascade: SQLite applies `on delete cascade` only where foreign
    // keys are switched on, which a connection opened by another tool may not do.
    sqlx::query(
        "delete from webhook_attempts where delivery_id in (select id from webhook_deliveries where endpoint_id = $1)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("delete from webhook_deliveries where endpoint_id = $1").bind(id).execute(&mut *conn).await?;
    let done = sqlx::query("delete from webhook_endpoints where id = $1").bind(id).execute(&mut *conn).await?;
    Ok(done.rows_affected() == 1)
}

/// One event for one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    pub endpoint_id: i64,
    pub event: String,
    /// The event's data as JSON, without the envelope the body is sent in.
    pub payload: String,
    pub attempts: i64,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub delivered_at: Option<OffsetDateTime>,
}

const DELIVERY_COLUMNS: &str =
    "id, endpoint_id, event, payload, attempts, last_status, last_error, created_at, updated_at, delivered_at";

fn delivery_from(row: &AnyRow) -> Result<Delivery, StoreError> {
    let created: String = row.try_get("created_at")?;
    let updated: String = row.try_get("updated_at")?;
    let delivered: Option<String> = row.try_get("delivered_at")?;
    Ok(Delivery {
        id: row.try_get("id")?,
        endpoint_id: row.try_get("endpoint_id")?,
        event: row.try_get("event")?,
        payload: row.try_get("payload")?,
        attempts: row.try_get("attempts")?,
        last_status: row.try_get("last_status")?,
        last_error: row.try_get("last_error")?,
        created_at: parse_ts(&created)?,
        updated_at: parse_ts(&updated)?,
        delivered_at: delivered.as_deref().map(parse_ts).transpose()?,
    })
}

pub async fn insert_delivery(
    conn: &mut Conn,
    endpoint_id: i64,
    event: &str,
    payload: &str,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into webhook_deliveries (endpoint_id, event, payload, attempts, created_at, updated_at) \
         values ($1, $2, $3, 0, $4, $4) returning id",
    )
    .bind(endpoint_id)
    .bind(event)
    .bind(payload)
    .bind(format_ts(now))
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn delivery(conn: &mut Conn, id: i64) -> Result<Option<Delivery>, StoreError> {
    let row = sqlx::query(&format!("select {DELIVERY_COLUMNS} from webhook_deliveries where id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(delivery_from).transpose()
}

/// An endpoint's latest deliveries, newest first.
pub async fn deliveries_of(conn: &mut Conn, endpoint_id: i64, limit: i64) -> Result<Vec<Delivery>, StoreError> {
    let rows = sqlx::query(&format!(
        "select {DELIVERY_COLUMNS} from webhook_deliveries where endpoint_id = $1 order by id desc limit $2"
    ))
    .bind(endpoint_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(delivery_from).collect()
}

/// One try to send a delivery: the HTTP status when the receiver answered, the error otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub delivery_id: i64,
    pub status: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
    pub at: OffsetDateTime,
}

/// Records an attempt and what it says on the delivery: attempts counted, the last answer, and when it
/// was delivered if the receiver accepted it.
pub async fn record_attempt(conn: &mut Conn, attempt: &Attempt, delivered: bool) -> Result<(), StoreError> {
    let at = format_ts(attempt.at);
    sqlx::query(
        "insert into webhook_attempts (delivery_id, status, error, duration_ms, at) values ($1, $2, $3, $4, $5)",
    )
    .bind(attempt.delivery_id)
    .bind(attempt.status)
    .bind(attempt.error.as_deref())
    .bind(attempt.duration_ms)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "update webhook_deliveries set attempts = attempts + 1, last_status = $1, last_error = $2, updated_at = $3, \
         delivered_at = case when $4 = 1 then $3 else delivered_at end where id = $5",
    )
    .bind(attempt.status)
    .bind(attempt.error.as_deref())
    .bind(&at)
    .bind(i64::from(delivered))
    .bind(attempt.delivery_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The attempts of the given deliveries, oldest first.
pub async fn attempts_of(conn: &mut Conn, delivery_ids: &[i64]) -> Result<Vec<Attempt>, StoreError> {
    if delivery_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "select delivery_id, status, error, duration_ms, at from webhook_attempts where delivery_id in ({}) order by id",
        crate::placeholders(1, delivery_ids.len())
    );
    let mut query = sqlx::query(&sql);
    for id in delivery_ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|row| {
            let at: String = row.try_get("at")?;
            Ok(Attempt {
                delivery_id: row.try_get("delivery_id")?,
                status: row.try_get("status")?,
                error: row.try_get("error")?,
                duration_ms: row.try_get("duration_ms")?,
                at: parse_ts(&at)?,
            })
        })
        .collect()
}
