//! Versions of partner pages under review, and the comments on them. Every version is kept.

use crate::{Conn, StoreError, format_ts, parse_ts};
use sqlx::Row;
use time::OffsetDateTime;

/// One stored version; `content_json` is the page as the domain's `PageContent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub number: i64,
    pub application_id: Option<i64>,
    pub content_json: String,
    pub note: String,
    pub author: String,
    pub created_at: OffsetDateTime,
    pub approved_at: Option<OffsetDateTime>,
    pub approved_by: Option<String>,
}

/// Adds the next version and returns its number.
pub async fn insert_revision(
    conn: &mut Conn,
    organization_id: i64,
    application_id: Option<i64>,
    content_json: &str,
    note: &str,
    author: &str,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into page_revisions (organization_id, application_id, number, content_json, note, author_label, created_at) \
         values ($1, $2, (select coalesce(max(number), 0) + 1 from page_revisions where organization_id = $1), $3, $4, $5, $6) \
         returning number",
    )
    .bind(organization_id)
    .bind(application_id)
    .bind(content_json)
    .bind(note)
    .bind(author)
    .bind(format_ts(now))
    .fetch_one(&mut *conn)
    .await?)
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<Revision, StoreError> {
    let created: String = row.try_get("created_at")?;
    let approved: Option<String> = row.try_get("approved_at")?;
    Ok(Revision {
        number: row.try_get("number")?,
        application_id: row.try_get("application_id")?,
        content_json: row.try_get("content_json")?,
        note: row.try_get("note")?,
        author: row.try_get("author_label")?,
        created_at: parse_ts(&created)?,
        approved_at: approved.as_deref().map(parse_ts).transpose()?,
        approved_by: row.try_get("approved_by")?,
    })
}

const COLUMNS: &str = "number, application_id, content_json, note, author_label, created_at, approved_at, approved_by";

/// Every version, newest first.
pub async fn revisions(conn: &mut Conn, organization_id: i64) -> Result<Vec<Revision>, StoreError> {
    sqlx::query(&format!("select {COLUMNS} from page_revisions where organization_id = $1 order by number desc"))
        .bind(organization_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

pub async fn revision(conn: &mut Conn, organization_id: i64, number: i64) -> Result<Option<Revision>, StoreError> {
    sqlx::query(&format!("select {COLUMNS} from page_revisions where organization_id = $1 and number = $2"))
        .bind(organization_id)
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Marks a version approved by the partner.
pub async fn approve(
    conn: &mut Conn,
    organization_id: i64,
    number: i64,
    by: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update page_revisions set approved_at = $1, approved_by = $2 \
         where organization_id = $3 and number = $4 and approved_at is null",
    )
    .bind(format_ts(now))
    .bind(by)
    .bind(organization_id)
    .bind(number)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A comment on the page under review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub revision_number: i64,
    pub author: String,
    pub body: String,
    pub at: OffsetDateTime,
}

pub async fn add_comment(
    conn: &mut Conn,
    organization_id: i64,
    revision_number: i64,
    author: &str,
    body: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into page_comments (organization_id, revision_number, author_label, body, created_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(organization_id)
    .bind(revision_number)
    .bind(author)
    .bind(body)
    .bind(format_ts(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn comments(conn: &mut Conn, organization_id: i64) -> Result<Vec<Comment>, StoreError> {
    let rows = sqlx::query(
        "select revision_number, author_label, body, created_at from page_comments where organization_id = $1 \
         order by created_at, id",
    )
    .bind(organization_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let at: String = row.try_get("created_at")?;
            Ok(Comment {
                revision_number: row.try_get("revision_number")?,
                author: row.try_get("author_label")?,
                body: row.try_get("body")?,
                at: parse_ts(&at)?,
            })
        })
        .collect()
}
