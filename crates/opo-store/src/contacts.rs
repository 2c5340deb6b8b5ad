//! The people of an organization: one row per person (an account) and organization, with the roles the
//! person holds there. An account may be a contact of several organizations.

use crate::{Conn, StoreError, format_ts, parse_ts};
use opo_domain::accounts::AccountStatus;
use opo_domain::contacts::ContactRoles;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// One contact of one organization, with its account's name, address and standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub organization_id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub title: String,
    pub roles: ContactRoles,
    pub account_status: AccountStatus,
    pub locale: String,
    pub since: OffsetDateTime,
}

const COLUMNS: &str = "c.organization_id, c.user_id, u.display_name, u.email, c.title, c.is_primary, c.is_mail_poc, \
     c.is_signer, c.is_communications, u.status, u.locale, c.created_at";

fn flag(row: &AnyRow, column: &str) -> Result<bool, StoreError> {
    Ok(row.try_get::<i64, _>(column)? == 1)
}

fn from_row(row: &AnyRow) -> Result<Contact, StoreError> {
    let status: String = row.try_get("status")?;
    Ok(Contact {
        organization_id: row.try_get("organization_id")?,
        user_id: row.try_get("user_id")?,
        name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        title: row.try_get("title")?,
        roles: ContactRoles {
            primary: flag(row, "is_primary")?,
            mail_poc: flag(row, "is_mail_poc")?,
            signer: flag(row, "is_signer")?,
            communications: flag(row, "is_communications")?,
        },
        account_status: AccountStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("account status {status:?}")))?,
        locale: row.try_get("locale")?,
        since: parse_ts(&row.try_get::<String, _>("created_at")?)?,
    })
}

/// The contacts of an organization: its primary contacts first, then by name.
pub async fn of_organization(conn: &mut Conn, organization_id: i64) -> Result<Vec<Contact>, StoreError> {
    let sql = format!(
        "select {COLUMNS} from contacts c join users u on u.id = c.user_id where c.organization_id = $1 \
         order by c.is_primary desc, lower(u.display_name), c.user_id"
    );
    sqlx::query(&sql).bind(organization_id).fetch_all(&mut *conn).await?.iter().map(from_row).collect()
}

/// The contacts of many organizations at once, for lists (the roster).
pub async fn of_organizations(conn: &mut Conn, ids: &[i64]) -> Result<Vec<Contact>, StoreError> {
    let mut found = Vec::new();
    for chunk in ids.chunks(crate::MAX_IN_LIST) {
        let sql = format!(
            // `+c.user_id` keeps SQLite from walking every account and probing the contacts of each (a
            // plan it may pick for a long list): the contacts of the organizations come first.
            "select {COLUMNS} from contacts c join users u on u.id = +c.user_id where c.organization_id in ({}) \
             order by c.organization_id, c.is_primary desc, lower(u.display_name)",
            crate::placeholders(1, chunk.len())
        );
        let rows = crate::bind_all(sqlx::query(&sql), chunk.iter()).fetch_all(&mut *conn).await?;
        for row in &rows {
            found.push(from_row(row)?);
        }
    }
    Ok(found)
}

/// One person's place at one organization, if they are its contact.
pub async fn find(conn: &mut Conn, organization_id: i64, user_id: i64) -> Result<Option<Contact>, StoreError> {
    let sql = format!(
        "select {COLUMNS} from contacts c join users u on u.id = c.user_id \
         where c.organization_id = $1 and c.user_id = $2"
    );
    sqlx::query(&sql)
        .bind(organization_id)
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// The organizations a person is a contact of, by id.
pub async fn organizations_of(conn: &mut Conn, user_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar("select organization_id from contacts where user_id = $1 order by organization_id")
        .bind(user_id)
        .fetch_all(&mut *conn)
        .await?)
}

/// The slug and name of every organization a person is a contact of, by name.
pub async fn organizations_named(conn: &mut Conn, user_id: i64) -> Result<Vec<(String, String)>, StoreError> {
    let rows = sqlx::query(
        "select o.slug, o.name from contacts c join organizations o on o.id = c.organization_id \
         where c.user_id = $1 order by lower(o.name)",
    )
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("slug")?, r.try_get("name")?))).collect()
}

/// Every (person, organization) pair, for lists of accounts.
pub async fn all_memberships(conn: &mut Conn) -> Result<Vec<(i64, i64)>, StoreError> {
    let rows = sqlx::query("select user_id, organization_id from contacts where user_id is not null order by user_id")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| Ok((r.try_get("user_id")?, r.try_get("organization_id")?))).collect()
}

/// Makes `user_id` a contact of `organization_id` with `roles`, or changes the roles of one who is.
/// Holding the mail point of contact's role takes it from whoever held it: an organization has one.
pub async fn put(
    conn: &mut Conn,
    organization_id: i64,
    user_id: i64,
    title: &str,
    roles: ContactRoles,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = format_ts(now);
    if roles.mail_poc {
        sqlx::query("update contacts set is_mail_poc = 0, updated_at = $1 where organization_id = $2 and user_id <> $3 and is_mail_poc = 1")
            .bind(&now)
            .bind(organization_id)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    let flags = [roles.primary, roles.mail_poc, roles.signer, roles.communications].map(i64::from);
    // The name and address columns keep a copy for exports made before contacts had accounts.
    sqlx::query(
        "insert into contacts (organization_id, user_id, name, email, title, is_primary, is_mail_poc, is_signer, \
         is_communications, created_at, updated_at) \
         select $1, u.id, u.display_name, u.email, $2, $3, $4, $5, $6, $7, $7 from users u where u.id = $8 \
         on conflict (organization_id, user_id) do update set title = excluded.title, \
         is_primary = excluded.is_primary, is_mail_poc = excluded.is_mail_poc, is_signer = excluded.is_signer, \
         is_communications = excluded.is_communications, updated_at = excluded.updated_at",
    )
    .bind(organization_id)
    .bind(title)
    .bind(flags[0])
    .bind(flags[1])
    .bind(flags[2])
    .bind(flags[3])
    .bind(&now)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Ends a person's place at an organization. Returns whether they had one.
pub async fn remove(conn: &mut Conn, organization_id: i64, user_id: i64) -> Result<bool, StoreError> {
    let done = sqlx::query("delete from contacts where organization_id = $1 and user_id = $2")
        .bind(organization_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Moves every contact of `from` to `into` (a merge), keeping a person once, with the roles of both rows.
pub async fn move_all(conn: &mut Conn, from: i64, into: i64, now: OffsetDateTime) -> Result<(), StoreError> {
    for contact in of_organization(conn, from).await? {
        let existing = find(conn, into, contact.user_id).await?;
        // A newcomer from a merge joins with no role: the secretariat or the primary contact grants them.
        let roles = existing.as_ref().map(|c| c.roles).unwrap_or_default();
        let title = existing.map_or(contact.title.clone(), |c| c.title);
        put(conn, into, contact.user_id, &title, roles, now).await?;
    }
    sqlx::query("delete from contacts where organization_id = $1").bind(from).execute(&mut *conn).await?;
    Ok(())
}
