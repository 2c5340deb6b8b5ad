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

/// The newest entries first.
pub async fn recent(conn: &mut Conn, limit: i64) -> Result<Vec<RecordedEntry>, StoreError> {
    sqlx::query(
        "select at, actor_user_id, actor_label, action, subject_type, subject_id, ip, before_json, after_json \
         from audit_log order by at desc, id desc limit $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
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
    })
    .collect()
}
