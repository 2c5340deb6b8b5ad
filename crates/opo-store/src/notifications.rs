//! The e-mail outbox. A message is written in the same transaction as the change that causes it, then
//! the worker claims it with a lease, sends it, and records the outcome.

use crate::{Conn, StoreError, format_ts, parse_ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    /// What kind of message, for the outbox page: `sign-in-link`, `invitation`, …
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub attachment: Option<Attachment>,
}

/// A text file sent with a message, such as a calendar invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailStatus {
    Pending,
    Sent,
    /// Every attempt failed: an admin looks at it.
    Failed,
}

impl EmailStatus {
    pub fn key(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    fn parse(key: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::Failed].into_iter().find(|s| s.key() == key)
    }
}

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub id: i64,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub attachment: Option<Attachment>,
    pub status: EmailStatus,
    pub attempts: i64,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
    pub last_error: Option<String>,
    pub file_path: Option<String>,
}

const COLUMNS: &str = "id, kind, to_address, subject, body_text, body_html, status, attempts, created_at, sent_at, \
     last_error, file_path, attachment_name, attachment_type, attachment_body";

fn from_row(row: &AnyRow) -> Result<Email, StoreError> {
    let status: String = row.try_get("status")?;
    let created: String = row.try_get("created_at")?;
    let sent: Option<String> = row.try_get("sent_at")?;
    let attachment_name: Option<String> = row.try_get("attachment_name")?;
    let attachment = match attachment_name {
        Some(name) => Some(Attachment {
            name,
            content_type: row.try_get::<Option<String>, _>("attachment_type")?.unwrap_or_default(),
            body: row.try_get::<Option<String>, _>("attachment_body")?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Email {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        to: row.try_get("to_address")?,
        subject: row.try_get("subject")?,
        body_text: row.try_get("body_text")?,
        body_html: row.try_get("body_html")?,
        attachment,
        status: EmailStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("email status {status:?}")))?,
        attempts: row.try_get("attempts")?,
        created_at: parse_ts(&created)?,
        sent_at: sent.as_deref().map(parse_ts).transpose()?,
        last_error: row.try_get("last_error")?,
        file_path: row.try_get("file_path")?,
    })
}

/// Puts a message in the outbox; call it inside the transaction of the change that causes it.
pub async fn enqueue(conn: &mut Conn, email: &NewEmail, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into outbox_emails (kind, to_address, subject, body_text, body_html, status, next_attempt_at, \
         created_at, updated_at, attachment_name, attachment_type, attachment_body) \
         values ($1, $2, $3, $4, $5, 'pending', $6, $6, $6, $7, $8, $9) returning id",
    )
    .bind(&email.kind)
    .bind(&email.to)
    .bind(&email.subject)
    .bind(&email.body_text)
    .bind(email.body_html.clone())
    .bind(&now)
    .bind(email.attachment.as_ref().map(|a| a.name.clone()))
    .bind(email.attachment.as_ref().map(|a| a.content_type.clone()))
    .bind(email.attachment.as_ref().map(|a| a.body.clone()))
    .fetch_one(&mut *conn)
    .await?)
}

/// Takes up to `limit` messages that are due and not leased by another worker, and leases them until
/// `lease_until`. On PostgreSQL rows another instance holds are skipped, not waited for.
pub async fn claim_due(
    conn: &mut Conn,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    limit: i64,
) -> Result<Vec<Email>, StoreError> {
    let lock = if conn.backend_name() == "PostgreSQL" { "for update skip locked" } else { "" };
    let sql = format!(
        "update outbox_emails set locked_until = $1, updated_at = $2 where id in (\
         select id from outbox_emails where status = 'pending' and next_attempt_at <= $2 \
         and (locked_until is null or locked_until <= $2) order by id limit $3 {lock}) returning {COLUMNS}"
    );
    let mut claimed = sqlx::query(&sql)
        .bind(format_ts(lease_until))
        .bind(format_ts(now))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(from_row)
        .collect::<Result<Vec<_>, _>>()?;
    claimed.sort_by_key(|e| e.id);
    Ok(claimed)
}

/// Records a delivery. `file_path` is set when the message was written to a file instead of sent.
pub async fn mark_sent(
    conn: &mut Conn,
    id: i64,
    file_path: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "update outbox_emails set status = 'sent', sent_at = $1, attempts = attempts + 1, locked_until = null, \
         file_path = $2, last_error = null, updated_at = $1 where id = $3",
    )
    .bind(format_ts(now))
    .bind(file_path)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or given up when `retry_at` is `None`.
pub async fn mark_attempt_failed(
    conn: &mut Conn,
    id: i64,
    error: &str,
    retry_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = format_ts(now);
    let (status, next) = match retry_at {
        Some(at) => ("pending", format_ts(at)),
        None => ("failed", now.clone()),
    };
    sqlx::query(
        "update outbox_emails set status = $1, next_attempt_at = $2, attempts = attempts + 1, locked_until = null, \
         last_error = $3, updated_at = $4 where id = $5",
    )
    .bind(status)
    .bind(next)
    .bind(error)
    .bind(&now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Puts a failed message back in the queue.
pub async fn retry(conn: &mut Conn, id: i64, now: OffsetDateTime) -> Result<bool, StoreError> {
    let now = format_ts(now);
    let done = sqlx::query(
        "update outbox_emails set status = 'pending', next_attempt_at = $1, updated_at = $1 where id = $2 and status = 'failed'",
    )
    .bind(&now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The newest messages first.
pub async fn recent(conn: &mut Conn, limit: i64) -> Result<Vec<Email>, StoreError> {
    let sql = format!("select {COLUMNS} from outbox_emails order by id desc limit $1");
    sqlx::query(&sql).bind(limit).fetch_all(&mut *conn).await?.iter().map(from_row).collect()
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<Email>, StoreError> {
    let sql = format!("select {COLUMNS} from outbox_emails where id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(&mut *conn).await?.as_ref().map(from_row).transpose()
}

/// How many messages wait, and how many have failed for good.
pub async fn counts(conn: &mut Conn) -> Result<(i64, i64), StoreError> {
    let pending =
        sqlx::query_scalar("select count(*) from outbox_emails where status = 'pending'").fetch_one(&mut *conn).await?;
    let failed =
        sqlx::query_scalar("select count(*) from outbox_emails where status = 'failed'").fetch_one(&mut *conn).await?;
    Ok((pending, failed))
}
