//! People who can sign in.

use crate::{Conn, StoreError, format_ts, parse_ts};
use opo_domain::accounts::{AccountStatus, Role};
use opo_domain::text::EmailAddress;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organization_id: Option<i64>,
    pub organization_slug: Option<String>,
    pub status: AccountStatus,
    pub has_password: bool,
    pub last_sign_in_at: Option<OffsetDateTime>,
    /// The language the person's e-mails are written in: `en`, `fr`, `es` or `pt`.
    pub locale: String,
    /// The organizations the person is a contact of, by id: what "own organization" means to the policy.
    pub organizations: Vec<i64>,
}

/// The columns [`user_from_row`] reads; the query must join `organizations o` on the user's organization.
pub(crate) const USER_COLUMNS: &str = "u.id, u.email, u.display_name, u.role, u.organization_id, u.status, \
     u.last_sign_in_at, case when u.password_hash is null then 0 else 1 end as has_password, o.slug as organization_slug, u.locale";

pub(crate) fn user_from_row(row: &AnyRow) -> Result<User, StoreError> {
    let role: String = row.try_get("role")?;
    let status: String = row.try_get("status")?;
    let last: Option<String> = row.try_get("last_sign_in_at")?;
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        role: Role::parse(&role).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        organization_id: row.try_get("organization_id")?,
        organization_slug: row.try_get("organization_slug")?,
        status: AccountStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("account status {status:?}")))?,
        has_password: row.try_get::<i64, _>("has_password")? == 1,
        last_sign_in_at: last.as_deref().map(parse_ts).transpose()?,
        locale: row.try_get("locale")?,
        organizations: Vec::new(),
    })
}

/// Fills in the organizations a person is a contact of.
pub(crate) async fn with_organizations(conn: &mut Conn, mut user: User) -> Result<User, StoreError> {
    user.organizations = crate::contacts::organizations_of(conn, user.id).await?;
    Ok(user)
}

async fn one(conn: &mut Conn, row: Option<AnyRow>) -> Result<Option<User>, StoreError> {
    match row {
        Some(row) => Ok(Some(with_organizations(conn, user_from_row(&row)?).await?)),
        None => Ok(None),
    }
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
    let sql = format!(
        "select {USER_COLUMNS} from users u left join organizations o on o.id = u.organization_id order by u.email"
    );
    let mut users: Vec<User> =
        sqlx::query(&sql).fetch_all(&mut *conn).await?.iter().map(user_from_row).collect::<Result<_, _>>()?;
    let at: std::collections::HashMap<i64, usize> = users.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
    for (user_id, organization_id) in crate::contacts::all_memberships(conn).await? {
        if let Some(&i) = at.get(&user_id) {
            users[i].organizations.push(organization_id);
        }
    }
    Ok(users)
}

/// The active accounts holding one of `roles`, by e-mail address: the staff a list of assignees or the
/// committee's mail needs, without reading every account.
pub async fn active_with_roles(conn: &mut Conn, roles: &[Role]) -> Result<Vec<User>, StoreError> {
    let sql = format!(
        "select {USER_COLUMNS} from users u left join organizations o on o.id = u.organization_id \
         where u.status = 'active' and u.role in ({}) order by u.email",
        crate::placeholders(1, roles.len())
    );
    let mut query = sqlx::query(&sql);
    for role in roles {
        query = query.bind(role.key());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut users = Vec::with_capacity(rows.len());
    for row in rows {
        users.push(with_organizations(conn, user_from_row(&row)?).await?);
    }
    Ok(users)
}

pub async fn find_by_id(conn: &mut Conn, id: i64) -> Result<Option<User>, StoreError> {
    let sql = format!(
        "select {USER_COLUMNS} from users u left join organizations o on o.id = u.organization_id where u.id = $1"
    );
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *conn).await?;
    one(conn, row).await
}

/// The account with this address. Addresses are stored in their canonical form ([`EmailAddress`]), so
/// the lookup is plain equality: no engine's `lower()`, which PostgreSQL and SQLite apply differently.
pub async fn find_by_email(conn: &mut Conn, email: &EmailAddress) -> Result<Option<User>, StoreError> {
    let sql = format!(
        "select {USER_COLUMNS} from users u left join organizations o on o.id = u.organization_id \
         where u.email = $1"
    );
    let row = sqlx::query(&sql).bind(email.as_str()).fetch_optional(&mut *conn).await?;
    one(conn, row).await
}

/// The account with this address as someone typed it: read in its canonical form first; text that is
/// no address has no account.
pub async fn find_by_address(conn: &mut Conn, typed: &str) -> Result<Option<User>, StoreError> {
    match EmailAddress::parse(typed) {
        Ok(email) => find_by_email(conn, &email).await,
        Err(_) => Ok(None),
    }
}

/// The addresses stored in another form than their canonical one, with their account's id: left by
/// versions that kept the local part's letter case, for [`set_email`] to put right.
pub async fn all_emails(conn: &mut Conn) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(sqlx::query_as("select id, email from users order by id").fetch_all(&mut *conn).await?)
}

/// Stores an account's address in its canonical form.
pub async fn set_email(conn: &mut Conn, id: i64, email: &EmailAddress) -> Result<(), StoreError> {
    sqlx::query("update users set email = $1 where id = $2").bind(email.as_str()).bind(id).execute(&mut *conn).await?;
    Ok(())
}

/// The stored password hash of an account, if it has set a password.
pub async fn password_hash(conn: &mut Conn, id: i64) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar::<_, Option<String>>("select password_hash from users where id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .flatten())
}

pub async fn set_password_hash(conn: &mut Conn, id: i64, hash: &str, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("update users set password_hash = $1, updated_at = $2 where id = $3")
        .bind(hash)
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_role(
    conn: &mut Conn,
    id: i64,
    role: Role,
    organization_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("update users set role = $1, organization_id = $2, updated_at = $3 where id = $4")
        .bind(role.key())
        .bind(organization_id)
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_status(
    conn: &mut Conn,
    id: i64,
    status: AccountStatus,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("update users set status = $1, updated_at = $2 where id = $3")
        .bind(status.key())
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets the language the person's e-mails are written in.
pub async fn set_locale(conn: &mut Conn, id: i64, locale: &str, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("update users set locale = $1, updated_at = $2 where id = $3")
        .bind(locale)
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn record_sign_in(conn: &mut Conn, id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("update users set last_sign_in_at = $1, updated_at = $1 where id = $2")
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn count(conn: &mut Conn) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("select count(*) from users").fetch_one(&mut *conn).await?)
}
