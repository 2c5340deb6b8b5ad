//! Personal calendar feeds: the secret in a feed's address, by hash, and the dates a feed lists.

use crate::{Conn, StoreError, format_ts, parse_date, parse_ts};
use sqlx::Row;
use time::{Date, OffsetDateTime};

/// Sets (or replaces) the user's feed secret.
pub async fn set(conn: &mut Conn, user_id: i64, token_hash: &str, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("delete from calendar_feeds where user_id = $1").bind(user_id).execute(&mut *conn).await?;
    sqlx::query("insert into calendar_feeds (user_id, token_hash, created_at) values ($1, $2, $3)")
        .bind(user_id)
        .bind(token_hash)
        .bind(format_ts(now))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The user whose feed has this secret.
pub async fn user_of(conn: &mut Conn, token_hash: &str) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar("select user_id from calendar_feeds where token_hash = $1")
        .bind(token_hash)
        .fetch_optional(&mut *conn)
        .await?)
}

/// When the user's feed was made, if they have one.
pub async fn created_at(conn: &mut Conn, user_id: i64) -> Result<Option<OffsetDateTime>, StoreError> {
    let raw: Option<String> = sqlx::query_scalar("select created_at from calendar_feeds where user_id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?;
    raw.as_deref().map(parse_ts).transpose()
}

/// Intro calls set for applications still under way.
pub async fn intro_calls(conn: &mut Conn) -> Result<Vec<(i64, String, OffsetDateTime, i64)>, StoreError> {
    let rows = sqlx::query(
        "select a.id, o.name, a.call_starts_at, a.call_minutes from applications a \
         join organizations o on o.id = a.organization_id \
         where a.call_starts_at is not null and a.stage in ('intro_call', 'interest') order by a.call_starts_at",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let at: String = r.try_get("call_starts_at")?;
            Ok((r.try_get("id")?, r.try_get("name")?, parse_ts(&at)?, r.try_get("call_minutes")?))
        })
        .collect()
}

/// The day each listed or lapsed partner's latest agreement expires.
pub async fn agreement_expiries(conn: &mut Conn) -> Result<Vec<(String, String, Date)>, StoreError> {
    let rows = sqlx::query(
        "select o.slug, o.name, max(a.expires_on) as expires_on from agreements a \
         join organizations o on o.id = a.organization_id \
         where o.status in ('active', 'renewal-due', 'in-grace', 'lapsed') group by o.slug, o.name order by o.slug",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let on: String = r.try_get("expires_on")?;
            Ok((r.try_get("slug")?, r.try_get("name")?, parse_date(&on)?))
        })
        .collect()
}

/// Check-ins not completed yet, with their assignee; `assignee` limits them to one person's.
pub async fn open_checkins(conn: &mut Conn, assignee: Option<i64>) -> Result<Vec<(i64, String, Date)>, StoreError> {
    let sql = match assignee {
        Some(_) => {
            "select c.id, o.name, c.due_on from checkins c join organizations o on o.id = c.organization_id \
             where c.completed_at is null and c.assignee_user_id = $1 order by c.due_on"
        }
        None => {
            "select c.id, o.name, c.due_on from checkins c join organizations o on o.id = c.organization_id \
             where c.completed_at is null order by c.due_on"
        }
    };
    let mut query = sqlx::query(sql);
    if let Some(user) = assignee {
        query = query.bind(user);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            let on: String = r.try_get("due_on")?;
            Ok((r.try_get("id")?, r.try_get("name")?, parse_date(&on)?))
        })
        .collect()
}
