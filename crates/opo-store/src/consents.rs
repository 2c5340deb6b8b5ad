//! Consents of partners to be featured in showcase posts.

use crate::{Conn, StoreError, format_ts, parse_ts};
use opo_domain::posts::{Consent, ConsentScope};
use sqlx::Row;
use time::OffsetDateTime;

/// A consent as the portal lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedConsent {
    pub id: i64,
    pub organization_id: i64,
    pub consent: Consent,
    pub given_by: String,
    pub withdrawn_by: Option<String>,
}

pub async fn insert(
    conn: &mut Conn,
    organization_id: i64,
    scope: ConsentScope,
    given_by: &str,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into consents (organization_id, scope, given_by, given_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $4, $4) returning id",
    )
    .bind(organization_id)
    .bind(scope.key())
    .bind(given_by)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// Withdraws a consent that is in force. Returns whether one was withdrawn.
pub async fn withdraw(
    conn: &mut Conn,
    id: i64,
    organization_id: i64,
    withdrawn_by: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let now = format_ts(now);
    let done = sqlx::query(
        "update consents set withdrawn_at = $1, withdrawn_by = $2, updated_at = $1 \
         where id = $3 and organization_id = $4 and withdrawn_at is null",
    )
    .bind(&now)
    .bind(withdrawn_by)
    .bind(id)
    .bind(organization_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every consent of an organization, newest first.
pub async fn for_organization(conn: &mut Conn, organization_id: i64) -> Result<Vec<RecordedConsent>, StoreError> {
    sqlx::query(
        "select id, organization_id, scope, given_by, given_at, withdrawn_at, withdrawn_by from consents \
         where organization_id = $1 order by given_at desc, id desc",
    )
    .bind(organization_id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let scope: String = r.try_get("scope")?;
        let given: String = r.try_get("given_at")?;
        let withdrawn: Option<String> = r.try_get("withdrawn_at")?;
        Ok(RecordedConsent {
            id: r.try_get("id")?,
            organization_id: r.try_get("organization_id")?,
            consent: Consent {
                scope: ConsentScope::parse(&scope)
                    .ok_or_else(|| StoreError::Corrupt(format!("consent scope {scope:?}")))?,
                given_at: parse_ts(&given)?,
                withdrawn_at: withdrawn.as_deref().map(parse_ts).transpose()?,
            },
            given_by: r.try_get("given_by")?,
            withdrawn_by: r.try_get("withdrawn_by")?,
        })
    })
    .collect()
}
