//! Agreement templates and the signatures given on them.

use crate::{Conn, StoreError, format_date, format_ts};
use time::{Date, OffsetDateTime};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTemplate {
    pub version: String,
    pub title: String,
    pub body: String,
    pub published_at: OffsetDateTime,
}

pub async fn insert_template(conn: &mut Conn, template: &NewTemplate, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into agreement_templates (version, title, body, published_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $5) returning id",
    )
    .bind(&template.version)
    .bind(&template.title)
    .bind(&template.body)
    .bind(format_ts(template.published_at))
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// The evidence kept of one signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignature {
    pub organization_id: i64,
    pub template_id: i64,
    pub text_sha256: String,
    pub signer_name: String,
    pub signer_title: String,
    pub signer_email: String,
    pub auth_method: String,
    pub ip: String,
    pub user_agent: String,
    pub signed_at: OffsetDateTime,
    pub expires_on: Date,
}

pub async fn insert_signature(conn: &mut Conn, sig: &NewSignature, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into agreements (organization_id, template_id, text_sha256, signer_name, signer_title, signer_email, \
         auth_method, ip, user_agent, signed_at, expires_on, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) returning id",
    )
    .bind(sig.organization_id)
    .bind(sig.template_id)
    .bind(&sig.text_sha256)
    .bind(&sig.signer_name)
    .bind(&sig.signer_title)
    .bind(&sig.signer_email)
    .bind(&sig.auth_method)
    .bind(&sig.ip)
    .bind(&sig.user_agent)
    .bind(format_ts(sig.signed_at))
    .bind(format_date(sig.expires_on))
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// The latest signature of an organization, as its record shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureSummary {
    pub template_version: String,
    pub signer_name: String,
    pub signer_title: String,
    pub signed_at: OffsetDateTime,
    pub expires_on: Date,
}

pub async fn latest_for(conn: &mut Conn, organization_id: i64) -> Result<Option<SignatureSummary>, StoreError> {
    use sqlx::Row;
    let row = sqlx::query(
        "select t.version, a.signer_name, a.signer_title, a.signed_at, a.expires_on from agreements a \
         join agreement_templates t on t.id = a.template_id where a.organization_id = $1 \
         order by a.signed_at desc, a.id desc limit 1",
    )
    .bind(organization_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let signed: String = row.try_get("signed_at")?;
    let expires: String = row.try_get("expires_on")?;
    Ok(Some(SignatureSummary {
        template_version: row.try_get("version")?,
        signer_name: row.try_get("signer_name")?,
        signer_title: row.try_get("signer_title")?,
        signed_at: crate::parse_ts(&signed)?,
        expires_on: crate::parse_date(&expires)?,
    }))
}
