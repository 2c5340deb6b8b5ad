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
