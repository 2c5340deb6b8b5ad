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
    /// The public code of the signature, for its verification page.
    pub code: String,
    pub application_id: Option<i64>,
}

pub async fn insert_signature(conn: &mut Conn, sig: &NewSignature, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into agreements (organization_id, template_id, text_sha256, signer_name, signer_title, signer_email, \
         auth_method, ip, user_agent, signed_at, expires_on, code, application_id, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, $14, $12, $12) returning id",
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
    .bind(&sig.code)
    .bind(sig.application_id)
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

/// An agreement template as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: i64,
    pub version: String,
    pub title: String,
    pub body: String,
    pub published_at: OffsetDateTime,
}

fn template_from_row(row: &sqlx::any::AnyRow) -> Result<Template, StoreError> {
    use sqlx::Row;
    let published: String = row.try_get("published_at")?;
    Ok(Template {
        id: row.try_get("id")?,
        version: row.try_get("version")?,
        title: row.try_get("title")?,
        body: row.try_get("body")?,
        published_at: crate::parse_ts(&published)?,
    })
}

/// The template new signatures are given on: the latest one published by `now`.
pub async fn current_template(conn: &mut Conn, now: OffsetDateTime) -> Result<Option<Template>, StoreError> {
    sqlx::query(
        "select id, version, title, body, published_at from agreement_templates where published_at <= $1 \
         order by published_at desc, id desc limit 1",
    )
    .bind(format_ts(now))
    .fetch_optional(&mut *conn)
    .await?
    .as_ref()
    .map(template_from_row)
    .transpose()
}

pub async fn find_template(conn: &mut Conn, id: i64) -> Result<Option<Template>, StoreError> {
    sqlx::query("select id, version, title, body, published_at from agreement_templates where id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(template_from_row)
        .transpose()
}

/// A signature with all its evidence, for its certificate and verification page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub id: i64,
    pub code: String,
    pub organization_id: i64,
    pub organization_name: String,
    pub template_id: i64,
    pub template_version: String,
    pub template_title: String,
    pub text_sha256: String,
    pub signer_name: String,
    pub signer_title: String,
    pub signer_email: String,
    pub auth_method: String,
    pub ip: String,
    pub user_agent: String,
    pub signed_at: OffsetDateTime,
    pub expires_on: Date,
    pub application_id: Option<i64>,
}

const SIGNATURE_COLUMNS: &str = "a.id, a.code, a.organization_id, o.name, a.template_id, t.version, t.title, \
     a.text_sha256, a.signer_name, a.signer_title, a.signer_email, a.auth_method, a.ip, a.user_agent, a.signed_at, \
     a.expires_on, a.application_id";

fn signature_from_row(row: &sqlx::any::AnyRow) -> Result<Signature, StoreError> {
    use sqlx::Row;
    let signed: String = row.try_get("signed_at")?;
    let expires: String = row.try_get("expires_on")?;
    let code: Option<String> = row.try_get("code")?;
    Ok(Signature {
        id: row.try_get("id")?,
        code: code.unwrap_or_default(),
        organization_id: row.try_get("organization_id")?,
        organization_name: row.try_get("name")?,
        template_id: row.try_get("template_id")?,
        template_version: row.try_get("version")?,
        template_title: row.try_get("title")?,
        text_sha256: row.try_get("text_sha256")?,
        signer_name: row.try_get("signer_name")?,
        signer_title: row.try_get("signer_title")?,
        signer_email: row.try_get("signer_email")?,
        auth_method: row.try_get("auth_method")?,
        ip: row.try_get("ip")?,
        user_agent: row.try_get("user_agent")?,
        signed_at: crate::parse_ts(&signed)?,
        expires_on: crate::parse_date(&expires)?,
        application_id: row.try_get("application_id")?,
    })
}

pub async fn find_by_code(conn: &mut Conn, code: &str) -> Result<Option<Signature>, StoreError> {
    sqlx::query(&format!(
        "select {SIGNATURE_COLUMNS} from agreements a join agreement_templates t on t.id = a.template_id \
         join organizations o on o.id = a.organization_id where a.code = $1"
    ))
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?
    .as_ref()
    .map(signature_from_row)
    .transpose()
}

pub async fn find_signature(conn: &mut Conn, id: i64) -> Result<Option<Signature>, StoreError> {
    sqlx::query(&format!(
        "select {SIGNATURE_COLUMNS} from agreements a join agreement_templates t on t.id = a.template_id \
         join organizations o on o.id = a.organization_id where a.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .as_ref()
    .map(signature_from_row)
    .transpose()
}
