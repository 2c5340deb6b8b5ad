//! What an operator's probes ask of the database: whether every migration this version knows is
//! applied, and how deep the queues of background work are.

use crate::{Conn, Db, StoreError};
use sqlx::Row;

/// Whether every migration this version knows has been applied successfully.
pub async fn migrations_applied(db: &Db) -> Result<bool, StoreError> {
    let mut conn = db.read().await?;
    let applied: Vec<i64> =
        match sqlx::query_scalar("select version from _sqlx_migrations where success").fetch_all(&mut *conn).await {
            Ok(versions) => versions,
            // No migrations table yet: nothing is applied.
            Err(sqlx::Error::Database(_)) => return Ok(false),
            Err(other) => return Err(other.into()),
        };
    Ok(crate::db::migrator(db.backend()).iter().all(|m| applied.contains(&m.version)))
}

/// How many items of one queue are in one status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueCount {
    /// `jobs`, `emails` or `forum_posts`.
    pub queue: &'static str,
    pub status: String,
    pub count: i64,
}

/// The background jobs, outgoing e-mails and forum topics, counted by status.
pub async fn queue_counts(conn: &mut Conn) -> Result<Vec<QueueCount>, StoreError> {
    let mut counts = Vec::new();
    for (queue, table) in [("jobs", "jobs"), ("emails", "outbox_emails"), ("forum_posts", "forum_posts")] {
        let sql = format!("select status, count(*) from {table} group by status order by status");
        for row in sqlx::query(&sql).fetch_all(&mut *conn).await? {
            counts.push(QueueCount { queue, status: row.try_get(0)?, count: row.try_get(1)? });
        }
    }
    Ok(counts)
}
