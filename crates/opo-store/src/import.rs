//! What importing partners needs beyond the partner queries: every organization's keys (slug and
//! website) to match rows with, and updates of the fields a row may change.

use crate::{Conn, StoreError, format_date, format_ts};
use opo_domain::import::ExistingKey;
use opo_domain::partners::NewOrganization;
use sqlx::Row;
use time::{Date, OffsetDateTime};

/// The id, slug and website of every organization, in any status.
pub async fn keys(conn: &mut Conn) -> Result<Vec<ExistingKey>, StoreError> {
    sqlx::query("select id, slug, website from organizations order by id")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok(ExistingKey { id: r.try_get("id")?, slug: r.try_get("slug")?, website: r.try_get("website")? }))
        .collect()
}

/// Sets an organization's own fields (not its slug, status or lists) and marks it changed.
pub async fn update_details(
    conn: &mut Conn,
    organization_id: i64,
    org: &NewOrganization,
    joined_on: Option<Date>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "update organizations set name = $1, website = $2, short_description = $3, long_description = $4, \
         org_type = $5, hq_country = $6, joined_on = $7, version = version + 1, updated_at = $8 where id = $9",
    )
    .bind(&org.name)
    .bind(org.website.as_ref().map(|w| w.as_str().to_owned()))
    .bind(&org.short_description)
    .bind(&org.long_description)
    .bind(org.org_type.key())
    .bind(org.hq_country.as_ref().map(|c| c.as_str().to_owned()))
    .bind(joined_on.map(format_date))
    .bind(format_ts(now))
    .bind(organization_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
