//! The audit log: who did what, when, from where, with the values before and after.

use crate::{Conn, StoreError, format_ts, parse_ts};
use sqlx::Row;
use time::OffsetDateTime;

/// One entry, written in the same transaction as the change it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor_user_id: Option<i64>,
    /// How the actor is shown: a name, or "system" and "cli" for changes made without a person.
    pub actor_label: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub ip: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedEntry {
    pub at: OffsetDateTime,
    pub entry: AuditEntry,
}

pub async fn record(conn: &mut Conn, entry: &AuditEntry, at: OffsetDateTime) -> Result<(), StoreError> {
    // Same transaction as the change: the public pages' cache sees a new generation exactly when the
    // change commits.
    if crate::site_generation::is_public(&entry.action) {
        crate::site_generation::bump(conn, at).await?;
    }
    let at = format_ts(at);
    sqlx::query(
        "insert into audit_log (at, actor_user_id, actor_label, action, subject_type, subject_id, ip, before_json, \
         after_json, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $1)",
    )
    .bind(&at)
    .bind(entry.actor_user_id)
    .bind(&entry.actor_label)
    .bind(&entry.action)
    .bind(&entry.subject_type)
    .bind(&entry.subject_id)
    .bind(&entry.ip)
    .bind(entry.before_json.clone())
    .bind(entry.after_json.clone())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Which entries to show; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Part of the actor's label (an e-mail address, `cli`, `system`).
    pub actor: String,
    /// The start of the action, such as `account.` or `account.added`.
    pub action: String,
    pub subject_type: String,
    pub from: Option<OffsetDateTime>,
    pub until: Option<OffsetDateTime>,
    pub limit: i64,
    pub offset: i64,
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<RecordedEntry, StoreError> {
    let at: String = row.try_get("at")?;
    Ok(RecordedEntry {
        at: parse_ts(&at)?,
        entry: AuditEntry {
            actor_user_id: row.try_get("actor_user_id")?,
            actor_label: row.try_get("actor_label")?,
            action: row.try_get("action")?,
            subject_type: row.try_get("subject_type")?,
            subject_id: row.try_get("subject_id")?,
            ip: row.try_get("ip")?,
            before_json: row.try_get("before_json")?,
            after_json: row.try_get("after_json")?,
        },
    })
}

const COLUMNS: &str = "at, actor_user_id, actor_label, action, subject_type, subject_id, ip, before_json, after_json";

/// The newest entries first.
pub async fn recent(conn: &mut Conn, limit: i64) -> Result<Vec<RecordedEntry>, StoreError> {
    search(conn, &AuditFilter { limit, ..AuditFilter::default() }).await
}

/// The entries that match every filter that is set, newest first.
pub async fn search(conn: &mut Conn, filter: &AuditFilter) -> Result<Vec<RecordedEntry>, StoreError> {
    // Each filter is always bound; an empty one matches everything, so the SQL stays one fixed text.
    let sql = format!(
        "select {COLUMNS} from audit_log \
         where ($1 = '' or lower(actor_label) like '%' || lower($1) || '%') \
         and ($2 = '' or action like $2 || '%') \
         and ($3 = '' or subject_type = $3) \
         and ($4 = '' or at >= $4) and ($5 = '' or at < $5) \
         order by at desc, id desc limit $6 offset $7"
    );
    sqlx::query(&sql)
        .bind(&filter.actor)
        .bind(&filter.action)
        .bind(&filter.subject_type)
        .bind(filter.from.map(format_ts).unwrap_or_default())
        .bind(filter.until.map(format_ts).unwrap_or_default())
        .bind(filter.limit.clamp(1, 500))
        .bind(filter.offset.max(0))
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(from_row)
        .collect()
}
