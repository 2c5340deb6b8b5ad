//! API tokens: each belongs to one person and acts with that person's role; only a hash is stored.

use crate::{Conn, StoreError, format_ts, parse_ts};
use sqlx::Row;
use time::OffsetDateTime;

pub async fn insert(
    conn: &mut Conn,
    user_id: i64,
    name: &str,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into api_tokens (user_id, name, token_hash, created_at) values ($1, $2, $3, $4) returning id",
    )
    .bind(user_id)
    .bind(name)
    .bind(token_hash)
    .bind(format_ts(now))
    .fetch_one(&mut *conn)
    .await?)
}

/// The user a live token belongs to, noting its use.
pub async fn use_token(conn: &mut Conn, token_hash: &str, now: OffsetDateTime) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "update api_tokens set last_used_at = $1 where token_hash = $2 and revoked_at is null returning user_id",
    )
    .bind(format_ts(now))
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await?)
}

/// A token as its owner sees it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

pub async fn of_user(conn: &mut Conn, user_id: i64) -> Result<Vec<ApiToken>, StoreError> {
    let rows = sqlx::query(
        "select id, name, created_at, last_used_at from api_tokens where user_id = $1 and revoked_at is null order by id",
    )
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let created: String = row.try_get("created_at")?;
            let used: Option<String> = row.try_get("last_used_at")?;
            Ok(ApiToken {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                created_at: parse_ts(&created)?,
                last_used_at: used.as_deref().map(parse_ts).transpose()?,
            })
        })
        .collect()
}

/// Revokes one of the user's tokens; false when there was no such live token.
pub async fn revoke(conn: &mut Conn, user_id: i64, id: i64, now: OffsetDateTime) -> Result<bool, StoreError> {
    let done =
        sqlx::query("update api_tokens set revoked_at = $1 where id = $2 and user_id = $3 and revoked_at is null")
            .bind(format_ts(now))
            .bind(id)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Revokes every live token of an account (on deactivation): a revoked token stays revoked, so
/// activating the account again revives none. Returns how many were revoked.
pub async fn revoke_all(conn: &mut Conn, user_id: i64, now: OffsetDateTime) -> Result<u64, StoreError> {
    let done = sqlx::query("update api_tokens set revoked_at = $1 where user_id = $2 and revoked_at is null")
        .bind(format_ts(now))
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// A secret of this installation (shared by every instance on one database), created on first use.
pub async fn instance_secret(
    conn: &mut Conn,
    name: &str,
    fresh: &str,
    now: OffsetDateTime,
) -> Result<String, StoreError> {
    sqlx::query(
        "insert into instance_secrets (name, value, created_at) values ($1, $2, $3) on conflict (name) do nothing",
    )
    .bind(name)
    .bind(fresh)
    .bind(format_ts(now))
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query_scalar("select value from instance_secrets where name = $1")
        .bind(name)
        .fetch_one(&mut *conn)
        .await?)
}
