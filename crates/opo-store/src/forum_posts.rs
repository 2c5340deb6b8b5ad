//! Topics to open in the community forum, kept like the e-mail outbox: a post is written in the same
//! transaction as the change that causes it, then the worker claims it with a lease, sends it, and
//! records the topic it became or why it could not.

use crate::{Conn, StoreError, format_ts, parse_ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A topic to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewForumPost {
    /// What the topic is, for the outbox page: `announcement`, …
    pub kind: String,
    pub title: String,
    /// The first post, in Markdown.
    pub raw: String,
    pub category_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForumPostStatus {
    Pending,
    Sent,
    /// Given up: the forum refused it, or every attempt failed. An admin looks at it.
    Failed,
}

impl ForumPostStatus {
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

/// A post as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForumPost {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub raw: String,
    pub category_id: i64,
    pub status: ForumPostStatus,
    pub attempts: i64,
    pub next_attempt_at: OffsetDateTime,
    /// The topic the post opened, once sent.
    pub topic_id: Option<i64>,
    pub topic_url: Option<String>,
    pub last_error: Option<String>,
    pub sent_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

const COLUMNS: &str = "id, kind, title, raw, category_id, status, attempts, next_attempt_at, topic_id, topic_url, \
     last_error, sent_at, created_at";

fn from_row(row: &AnyRow) -> Result<ForumPost, StoreError> {
    let status: String = row.try_get("status")?;
    let next: String = row.try_get("next_attempt_at")?;
    let sent: Option<String> = row.try_get("sent_at")?;
    let created: String = row.try_get("created_at")?;
    Ok(ForumPost {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        title: row.try_get("title")?,
        raw: row.try_get("raw")?,
        category_id: row.try_get("category_id")?,
        status: ForumPostStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("forum post status {status:?}")))?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: parse_ts(&next)?,
        topic_id: row.try_get("topic_id")?,
        topic_url: row.try_get("topic_url")?,
        last_error: row.try_get("last_error")?,
        sent_at: sent.as_deref().map(parse_ts).transpose()?,
        created_at: parse_ts(&created)?,
    })
}

/// Puts a post in the queue; call it inside the transaction of the change that causes it.
pub async fn enqueue(conn: &mut Conn, post: &NewForumPost, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into forum_posts (kind, title, raw, category_id, status, next_attempt_at, created_at, updated_at) \
         values ($1, $2, $3, $4, 'pending', $5, $5, $5) returning id",
    )
    .bind(&post.kind)
    .bind(&post.title)
    .bind(&post.raw)
    .bind(post.category_id)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// Takes up to `limit` posts that are due and not leased by another worker, and leases them until
/// `lease_until`. On PostgreSQL rows another instance holds are skipped, not waited for.
pub async fn claim_due(
    conn: &mut Conn,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    limit: i64,
) -> Result<Vec<ForumPost>, StoreError> {
    let lock = if conn.backend_name() == "PostgreSQL" { "for update skip locked" } else { "" };
    let sql = format!(
        "update forum_posts set locked_until = $1, updated_at = $2 where id in (\
         select id from forum_posts where status = 'pending' and next_attempt_at <= $2 \
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
    claimed.sort_by_key(|p| p.id);
    Ok(claimed)
}

/// Records the topic a post opened.
pub async fn mark_sent(
    conn: &mut Conn,
    id: i64,
    topic_id: Option<i64>,
    topic_url: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "update forum_posts set status = 'sent', sent_at = $1, attempts = attempts + 1, locked_until = null, \
         topic_id = $2, topic_url = $3, last_error = null, updated_at = $1 where id = $4",
    )
    .bind(format_ts(now))
    .bind(topic_id)
    .bind(topic_url)
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
        "update forum_posts set status = $1, next_attempt_at = $2, attempts = attempts + 1, locked_until = null, \
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

/// The newest posts first.
pub async fn recent(conn: &mut Conn, limit: i64) -> Result<Vec<ForumPost>, StoreError> {
    let sql = format!("select {COLUMNS} from forum_posts order by id desc limit $1");
    sqlx::query(&sql).bind(limit).fetch_all(&mut *conn).await?.iter().map(from_row).collect()
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<ForumPost>, StoreError> {
    let sql = format!("select {COLUMNS} from forum_posts where id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(&mut *conn).await?.as_ref().map(from_row).transpose()
}
