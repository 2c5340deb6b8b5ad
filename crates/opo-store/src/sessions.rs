//! Server-side sessions and single-use sign-in links. Only hashes of the secrets are stored: a copy of
//! the database lets no one sign in.

use crate::accounts::{USER_COLUMNS, User, user_from_row};
use crate::{Conn, StoreError, format_ts, parse_ts};
use sqlx::Row;
use time::OffsetDateTime;

/// What a session needs when it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: String,
    pub user_id: i64,
    pub ip: String,
    pub user_agent: String,
    pub expires_at: OffsetDateTime,
}

pub async fn insert(conn: &mut Conn, session: &NewSession, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into sessions (token_hash, user_id, ip, user_agent, last_seen_at, expires_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $5, $5) returning id",
    )
    .bind(&session.token_hash)
    .bind(session.user_id)
    .bind(&session.ip)
    .bind(&session.user_agent)
    .bind(&now)
    .bind(format_ts(session.expires_at))
    .fetch_one(&mut *conn)
    .await?)
}

/// The active account behind a session that is neither past its absolute expiry nor idle since
/// before `idle_since`; marks the session as seen at `now`.
pub async fn resume(
    conn: &mut Conn,
    token_hash: &str,
    now: OffsetDateTime,
    idle_since: OffsetDateTime,
) -> Result<Option<User>, StoreError> {
    let sql = format!(
        "select s.id as session_id, {USER_COLUMNS} from sessions s join users u on u.id = s.user_id \
         left join organizations o on o.id = u.organization_id \
         where s.token_hash = $1 and s.expires_at > $2 and s.last_seen_at > $3 and u.status = 'active'"
    );
    let row = sqlx::query(&sql)
        .bind(token_hash)
        .bind(format_ts(now))
        .bind(format_ts(idle_since))
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let session_id: i64 = row.try_get("session_id")?;
    sqlx::query("update sessions set last_seen_at = $1, updated_at = $1 where id = $2")
        .bind(format_ts(now))
        .bind(session_id)
        .execute(&mut *conn)
        .await?;
    Ok(Some(crate::accounts::with_organizations(conn, user_from_row(&row)?).await?))
}

/// Ends one session. Returns whether there was one.
pub async fn delete(conn: &mut Conn, token_hash: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("delete from sessions where token_hash = $1").bind(token_hash).execute(&mut *conn).await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every session of an account (on deactivation or a role change).
pub async fn delete_for_user(conn: &mut Conn, user_id: i64) -> Result<u64, StoreError> {
    let done = sqlx::query("delete from sessions where user_id = $1").bind(user_id).execute(&mut *conn).await?;
    Ok(done.rows_affected())
}

/// Ends every session of an account but the one with this secret (after a password change: whoever
/// else was signed in, perhaps with the old password, is no longer).
pub async fn delete_others(conn: &mut Conn, user_id: i64, keep_token_hash: &str) -> Result<u64, StoreError> {
    let done = sqlx::query("delete from sessions where user_id = $1 and token_hash <> $2")
        .bind(user_id)
        .bind(keep_token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// When the session with this secret was opened, if it exists.
pub async fn opened_at(conn: &mut Conn, token_hash: &str) -> Result<Option<OffsetDateTime>, StoreError> {
    let created: Option<String> = sqlx::query_scalar("select created_at from sessions where token_hash = $1")
        .bind(token_hash)
        .fetch_optional(&mut *conn)
        .await?;
    created.as_deref().map(parse_ts).transpose()
}

/// A new single-use sign-in link.
pub async fn insert_login_token(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    purpose: &str,
    expires_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = format_ts(now);
    sqlx::query(
        "insert into login_tokens (token_hash, user_id, purpose, expires_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(purpose)
    .bind(format_ts(expires_at))
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Uses a sign-in link: the first call within its lifetime gets the account id, every later call `None`.
pub async fn consume_login_token(
    conn: &mut Conn,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "update login_tokens set used_at = $2, updated_at = $2 \
         where token_hash = $1 and used_at is null and expires_at > $2 returning user_id",
    )
    .bind(token_hash)
    .bind(&now)
    .fetch_optional(&mut *conn)
    .await?)
}
