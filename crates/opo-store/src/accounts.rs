//! People who can sign in.

use crate::{Conn, StoreError, format_ts};
use opo_domain::accounts::{AccountStatus, Role};
use opo_domain::text::EmailAddress;
use sqlx::Row;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organization_slug: Option<String>,
    pub status: AccountStatus,
}

pub async fn insert(
    conn: &mut Conn,
    email: &EmailAddress,
    display_name: &str,
    role: Role,
    organization_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into users (email, display_name, role, organization_id, status, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $6) returning id",
    )
    .bind(email.as_str())
    .bind(display_name)
    .bind(role.key())
    .bind(organization_id)
    .bind(AccountStatus::Active.key())
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// Every account, by e-mail address.
pub async fn list(conn: &mut Conn) -> Result<Vec<User>, StoreError> {
    sqlx::query(
        "select u.id, u.email, u.display_name, u.role, u.status, o.slug from users u \
         left join organizations o on o.id = u.organization_id order by lower(u.email)",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        let role: String = row.try_get("role")?;
        let status: String = row.try_get("status")?;
        Ok(User {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            role: Role::parse(&role).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            organization_slug: row.try_get("slug")?,
            status: AccountStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("account status {status:?}")))?,
        })
    })
    .collect()
}

pub async fn count(conn: &mut Conn) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("select count(*) from users").fetch_one(&mut *conn).await?)
}
