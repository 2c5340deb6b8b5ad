//! Renewals: what the daily status computation reads of each partnership, the admin's overrides, the
//! re-sign-by date of an agreement version, and the history of every change of status.

use crate::{Conn, StoreError, format_date, format_ts, parse_date, parse_ts};
use opo_domain::partners::PartnerStatus;
use sqlx::Row;
use time::{Date, OffsetDateTime};

/// The agreement version everyone must sign by a date: the latest published one that asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub template_id: i64,
    pub version: String,
    pub published_at: OffsetDateTime,
    pub resign_by: Date,
}

pub async fn requirement(conn: &mut Conn, now: OffsetDateTime) -> Result<Option<Requirement>, StoreError> {
    let Some(row) = sqlx::query(
        "select id, version, published_at, resign_by from agreement_templates \
         where resign_by is not null and published_at <= $1 order by published_at desc, id desc limit 1",
    )
    .bind(format_ts(now))
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let published: String = row.try_get("published_at")?;
    let by: String = row.try_get("resign_by")?;
    Ok(Some(Requirement {
        template_id: row.try_get("id")?,
        version: row.try_get("version")?,
        published_at: parse_ts(&published)?,
        resign_by: parse_date(&by)?,
    }))
}

/// Asks everyone to sign the version `template_id` by `by`.
pub async fn set_resign_by(conn: &mut Conn, template_id: i64, by: Date, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("update agreement_templates set resign_by = $1, updated_at = $2 where id = $3")
        .bind(format_date(by))
        .bind(format_ts(now))
        .bind(template_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// An admin's status that holds until a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOverride {
    pub status: PartnerStatus,
    pub until: Option<Date>,
    pub reason: String,
}

/// One partnership as the daily computation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partnership {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: PartnerStatus,
    pub status_reason: String,
    pub expires_on: Option<Date>,
    pub override_status: Option<StoredOverride>,
    /// Whether a version published at or after the requirement's has been signed.
    pub signed_since_requirement: bool,
}

fn status_of(text: &str) -> Result<PartnerStatus, StoreError> {
    PartnerStatus::parse(text).ok_or_else(|| StoreError::Corrupt(format!("status {text:?}")))
}

const PARTNERSHIP_COLUMNS: &str = "o.id, o.slug, o.name, o.status, o.status_reason, o.override_status, \
     o.override_until, o.override_reason, \
     (select max(a.expires_on) from agreements a where a.organization_id = o.id) as expires_on, \
     (select count(*) from agreements a join agreement_templates t on t.id = a.template_id \
      where a.organization_id = o.id and t.published_at >= $1) as signed_since";

fn partnership_from_row(row: &sqlx::any::AnyRow) -> Result<Partnership, StoreError> {
    let status: String = row.try_get("status")?;
    let expires: Option<String> = row.try_get("expires_on")?;
    let override_status: Option<String> = row.try_get("override_status")?;
    let until: Option<String> = row.try_get("override_until")?;
    let override_status = match override_status {
        Some(s) => Some(StoredOverride {
            status: status_of(&s)?,
            until: until.as_deref().map(parse_date).transpose()?,
            reason: row.try_get("override_reason")?,
        }),
        None => None,
    };
    Ok(Partnership {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        status: status_of(&status)?,
        status_reason: row.try_get("status_reason")?,
        expires_on: expires.as_deref().map(parse_date).transpose()?,
        override_status,
        signed_since_requirement: row.try_get::<i64, _>("signed_since")? > 0,
    })
}

/// Every partnership whose status follows its agreement or is held by an override, in id order.
/// `since` is the publication time of the version everyone must sign (if any).
pub async fn partnerships(conn: &mut Conn, since: Option<OffsetDateTime>) -> Result<Vec<Partnership>, StoreError> {
    let statuses = ["active", "renewal-due", "in-grace", "lapsed"].map(|s| format!("'{s}'")).join(", ");
    let sql = format!(
        "select {PARTNERSHIP_COLUMNS} from organizations o \
         where o.status in ({statuses}) or o.override_status is not null order by o.id"
    );
    // Without a requirement nothing counts as signed since: the bound sorts after every timestamp.
    let since = since.map(format_ts).unwrap_or_else(|| "9999".to_owned());
    sqlx::query(&sql).bind(since).fetch_all(&mut *conn).await?.iter().map(partnership_from_row).collect()
}

pub async fn partnership(
    conn: &mut Conn,
    organization_id: i64,
    since: Option<OffsetDateTime>,
) -> Result<Option<Partnership>, StoreError> {
    let sql = format!("select {PARTNERSHIP_COLUMNS} from organizations o where o.id = $2");
    let since = since.map(format_ts).unwrap_or_else(|| "9999".to_owned());
    sqlx::query(&sql)
        .bind(since)
        .bind(organization_id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(partnership_from_row)
        .transpose()
}

/// Moves the partnership from `from` to `to` unless someone changed it meanwhile; `false` then.
pub async fn transition(
    conn: &mut Conn,
    organization_id: i64,
    from: PartnerStatus,
    to: PartnerStatus,
    reason: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update organizations set status = $1, status_reason = $2, version = version + 1, updated_at = $3 \
         where id = $4 and status = $5",
    )
    .bind(to.key())
    .bind(reason)
    .bind(format_ts(now))
    .bind(organization_id)
    .bind(from.key())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets (or, with `None`, clears) the admin's override.
pub async fn set_override(
    conn: &mut Conn,
    organization_id: i64,
    value: Option<&StoredOverride>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "update organizations set override_status = $1, override_until = $2, override_reason = $3, updated_at = $4 \
         where id = $5",
    )
    .bind(value.map(|o| o.status.key().to_owned()))
    .bind(value.and_then(|o| o.until).map(format_date))
    .bind(value.map(|o| o.reason.clone()).unwrap_or_default())
    .bind(format_ts(now))
    .bind(organization_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One change of a partnership's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub from: PartnerStatus,
    pub to: PartnerStatus,
    pub reason: String,
    pub actor_label: String,
    pub at: OffsetDateTime,
}

pub async fn record_change(conn: &mut Conn, organization_id: i64, change: &Change) -> Result<(), StoreError> {
    sqlx::query(
        "insert into partnership_status_history (organization_id, from_status, to_status, reason, actor_label, at) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(organization_id)
    .bind(change.from.key())
    .bind(change.to.key())
    .bind(&change.reason)
    .bind(&change.actor_label)
    .bind(format_ts(change.at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The changes of a partnership's status, latest first.
pub async fn history(conn: &mut Conn, organization_id: i64) -> Result<Vec<Change>, StoreError> {
    sqlx::query(
        "select from_status, to_status, reason, actor_label, at from partnership_status_history \
         where organization_id = $1 order by at desc, id desc",
    )
    .bind(organization_id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        let from: String = row.try_get("from_status")?;
        let to: String = row.try_get("to_status")?;
        let at: String = row.try_get("at")?;
        Ok(Change {
            from: status_of(&from)?,
            to: status_of(&to)?,
            reason: row.try_get("reason")?,
            actor_label: row.try_get("actor_label")?,
            at: parse_ts(&at)?,
        })
    })
    .collect()
}

/// Whether a version of the agreement with this name exists.
pub async fn version_exists(conn: &mut Conn, version: &str) -> Result<bool, StoreError> {
    let count: i64 = sqlx::query_scalar("select count(*) from agreement_templates where version = $1")
        .bind(version)
        .fetch_one(&mut *conn)
        .await?;
    Ok(count > 0)
}
