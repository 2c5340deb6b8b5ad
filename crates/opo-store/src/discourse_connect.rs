//! The nonces of sign-ins through the forum (DiscourseConnect), kept as hashes until used or expired.

use crate::{Conn, StoreError, format_ts};
use time::OffsetDateTime;

/// Remembers a new nonce until `expires_at`, and forgets those long expired.
pub async fn insert(
    conn: &mut Conn,
    nonce_hash: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = format_ts(now);
    sqlx::query("delete from discourse_connect_nonces where expires_at < $1").bind(&now).execute(&mut *conn).await?;
    sqlx::query("insert into discourse_connect_nonces (nonce_hash, created_at, expires_at) values ($1, $2, $3)")
        .bind(nonce_hash)
        .bind(&now)
        .bind(format_ts(expires_at))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Uses up a nonce; `false` when it is unknown, used already or expired.
pub async fn consume(conn: &mut Conn, nonce_hash: &str, now: OffsetDateTime) -> Result<bool, StoreError> {
    let result = sqlx::query(
        "update discourse_connect_nonces set used_at = $2 \
         where nonce_hash = $1 and used_at is null and expires_at > $2",
    )
    .bind(nonce_hash)
    .bind(format_ts(now))
    .execute(&mut *conn)
    .await?;
    Ok(result.rows_affected() == 1)
}
