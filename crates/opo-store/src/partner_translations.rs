//! Translations of partners' short descriptions and descriptions, one row per organization and language.

use crate::{Conn, StoreError, format_ts, parse_ts, placeholders};
use sqlx::Row;
use std::collections::HashMap;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTranslation {
    pub organization_id: i64,
    pub locale: String,
    pub short_description: String,
    pub description: String,
    pub updated_at: OffsetDateTime,
    pub updated_by: String,
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<StoredTranslation, StoreError> {
    let updated_at: String = r.try_get("updated_at")?;
    Ok(StoredTranslation {
        organization_id: r.try_get("organization_id")?,
        locale: r.try_get("locale")?,
        short_description: r.try_get("short_description")?,
        description: r.try_get("description")?,
        updated_at: parse_ts(&updated_at)?,
        updated_by: r.try_get("updated_by")?,
    })
}

const COLUMNS: &str = "organization_id, locale, short_description, description, updated_at, updated_by";

/// Every translation of one organization, by language.
pub async fn for_organization(conn: &mut Conn, organization_id: i64) -> Result<Vec<StoredTranslation>, StoreError> {
    sqlx::query(&format!("select {COLUMNS} from partner_translations where organization_id = $1 order by locale"))
        .bind(organization_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

/// The translations into one language of the organizations with these slugs, by slug.
pub async fn in_locale(
    conn: &mut Conn,
    locale: &str,
    slugs: &[&str],
) -> Result<HashMap<String, StoredTranslation>, StoreError> {
    if slugs.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "select o.slug, t.organization_id, t.locale, t.short_description, t.description, t.updated_at, t.updated_by \
         from partner_translations t join organizations o on o.id = t.organization_id \
         where t.locale = $1 and o.slug in ({})",
        placeholders(2, slugs.len())
    );
    let mut query = sqlx::query(&sql).bind(locale);
    for slug in slugs {
        query = query.bind(*slug);
    }
    query.fetch_all(&mut *conn).await?.iter().map(|r| Ok((r.try_get::<String, _>("slug")?, from_row(r)?))).collect()
}

/// Stores one language's translation, replacing the one there was.
pub async fn upsert(
    conn: &mut Conn,
    organization_id: i64,
    locale: &str,
    short_description: &str,
    description: &str,
    updated_by: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into partner_translations (organization_id, locale, short_description, description, updated_at, updated_by) \
         values ($1, $2, $3, $4, $5, $6) \
         on conflict (organization_id, locale) do update set short_description = excluded.short_description, \
         description = excluded.description, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(organization_id)
    .bind(locale)
    .bind(short_description)
    .bind(description)
    .bind(format_ts(now))
    .bind(updated_by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes one language's translation. Returns whether there was one.
pub async fn delete(conn: &mut Conn, organization_id: i64, locale: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("delete from partner_translations where organization_id = $1 and locale = $2")
        .bind(organization_id)
        .bind(locale)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
