//! Counters for rate limits, kept in the database so that several instances share them.

use crate::{Conn, StoreError, format_ts};
use time::OffsetDateTime;

/// Counts one more hit for `key` in the window that started at `window_start`; returns the hits so far.
pub async fn hit(
    conn: &mut Conn,
    scope: &str,
    key: &str,
    window_start: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into rate_limits (scope, key, window_start, hits, created_at, updated_at) values ($1, $2, $3, 1, $4, $4) \
         on conflict (scope, key, window_start) do update set hits = rate_limits.hits + 1, updated_at = $4 \
         returning hits",
    )
    .bind(scope)
    .bind(key)
    .bind(format_ts(window_start))
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// Forgets windows that ended before `before`.
pub async fn prune(conn: &mut Conn, before: OffsetDateTime) -> Result<u64, StoreError> {
    let done = sqlx::query("delete from rate_limits where window_start < $1")
        .bind(format_ts(before))
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
