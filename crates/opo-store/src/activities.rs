//! Country implementation activities that partners share on their profiles.

use crate::{Conn, StoreError, format_ts};
use sqlx::Row;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub id: i64,
    pub country: String,
    pub title: String,
    pub description: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    pub country: String,
    pub title: String,
    pub description: String,
    pub url: Option<String>,
}

pub async fn insert(
    conn: &mut Conn,
    organization_id: i64,
    activity: &NewActivity,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into country_activities (organization_id, country, title, description, url, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $6) returning id",
    )
    .bind(organization_id)
    .bind(&activity.country)
    .bind(&activity.title)
    .bind(&activity.description)
    .bind(activity.url.clone())
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// Removes one activity of one organization. Returns whether there was one.
pub async fn delete(conn: &mut Conn, organization_id: i64, id: i64) -> Result<bool, StoreError> {
    let done = sqlx::query("delete from country_activities where id = $1 and organization_id = $2")
        .bind(id)
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// An organization's activities, by country, oldest first within a country.
pub async fn for_organization(conn: &mut Conn, organization_id: i64) -> Result<Vec<Activity>, StoreError> {
    sqlx::query(
        "select id, country, title, description, url from country_activities where organization_id = $1 order by country, id",
    )
    .bind(organization_id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Activity {
            id: r.try_get("id")?,
            country: r.try_get("country")?,
            title: r.try_get("title")?,
            description: r.try_get("description")?,
            url: r.try_get("url")?,
        })
    })
    .collect()
}
