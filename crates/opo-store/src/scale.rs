//! Bulk loading for the scaled demo data set (`opo demo --scale N`): multi-row inserts with ids chosen by
//! the caller, so tens of thousands of organizations and hundreds of thousands of posts go in with a few
//! hundred statements, and a fingerprint of the tables the loader writes, to tell two loads apart.

use crate::{Conn, StoreError, format_date, format_ts};
use sqlx::Row;
use time::{Date, OffsetDateTime};

/// The bind parameters one statement may carry: below SQLite's limit (32,766) and PostgreSQL's (65,535).
const MAX_PARAMETERS: usize = 30_000;
/// Rows per statement at most, however few columns: longer statements stop paying off.
const MAX_ROWS: usize = 1_000;

/// The tables the loader fills, in the order they reference each other.
pub const TABLES: &[&str] = &[
    "organizations",
    "organization_countries",
    "organization_terms",
    "organization_logos",
    "contacts",
    "agreements",
    "users",
    "posts",
    "post_partners",
    "post_countries",
    "applications",
    "audit_log",
    "outbox_emails",
];

enum Value {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
    Blob(Vec<u8>),
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn ts(at: OffsetDateTime) -> Value {
    Value::Text(format_ts(at))
}

fn opt_ts(at: Option<OffsetDateTime>) -> Value {
    Value::OptText(at.map(format_ts))
}

/// `insert into table (columns) values (…), (…)` for `rows`, as many statements as the parameter limit
/// asks for.
async fn insert_rows(conn: &mut Conn, table: &str, columns: &[&str], rows: Vec<Vec<Value>>) -> Result<u64, StoreError> {
    let per_statement = (MAX_PARAMETERS / columns.len()).clamp(1, MAX_ROWS);
    let head = format!("insert into {table} ({}) values ", columns.join(", "));
    let mut inserted = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
        let mut sql = String::with_capacity(head.len() + chunk.len() * columns.len() * 6);
        sql.push_str(&head);
        let mut n = 0;
        for (i, row) in chunk.iter().enumerate() {
            if row.len() != columns.len() {
                return Err(StoreError::Corrupt(format!(
                    "a row for {table} has {} values, not {}",
                    row.len(),
                    columns.len()
                )));
            }
            sql.push_str(if i == 0 { "(" } else { ", (" });
            for j in 0..row.len() {
                n += 1;
                if j > 0 {
                    sql.push_str(", ");
                }
                sql.push('$');
                sql.push_str(&n.to_string());
            }
            sql.push(')');
        }
        let mut query = sqlx::query(&sql);
        for value in chunk.into_iter().flatten() {
            query = match value {
                Value::Text(v) => query.bind(v),
                Value::OptText(v) => query.bind(v),
                Value::Int(v) => query.bind(v),
                Value::OptInt(v) => query.bind(v),
                Value::Blob(v) => query.bind(v),
            };
        }
        inserted += query.execute(&mut *conn).await?.rows_affected();
    }
    Ok(inserted)
}

/// The tables among [`TABLES`] that already hold rows: the loader only fills empty ones.
pub async fn occupied(conn: &mut Conn) -> Result<Vec<&'static str>, StoreError> {
    let mut found = Vec::new();
    for table in TABLES {
        // Setting up a database writes a few audit entries of its own; those do not count.
        let sql = if *table == "audit_log" {
            "select count(*) from audit_log where actor_label <> 'system'".to_owned()
        } else {
            format!("select count(*) from {table}")
        };
        let count: i64 = sqlx::query_scalar(&sql).fetch_one(&mut *conn).await?;
        if count > 0 {
            found.push(*table);
        }
    }
    Ok(found)
}

/// On PostgreSQL, moves each identity sequence past the ids the loader chose, so later inserts that let
/// the database pick an id do not collide. SQLite needs nothing: it takes the largest id plus one.
pub async fn sync_id_sequences(conn: &mut Conn) -> Result<(), StoreError> {
    if conn.backend_name() != "PostgreSQL" {
        return Ok(());
    }
    for table in ["organizations", "contacts", "agreements", "users", "posts", "applications"] {
        let sql = format!(
            "select setval(pg_get_serial_sequence('{table}', 'id'), (select coalesce(max(id), 0) + 1 from {table}), false)"
        );
        sqlx::query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// On PostgreSQL, gathers the planner's statistics of the freshly filled tables, as autovacuum would
/// a while later: without them the search reindex joins posts by scanning them once per organization.
/// SQLite is left as a deployment has it, without `sqlite_stat1`.
pub async fn analyze(conn: &mut Conn) -> Result<(), StoreError> {
    if conn.backend_name() != "PostgreSQL" {
        return Ok(());
    }
    sqlx::query(&format!("analyze {}", TABLES.join(", "))).execute(&mut *conn).await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct OrganizationRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub website: Option<String>,
    pub short_description: String,
    pub long_description: String,
    pub org_type: String,
    pub hq_country: Option<String>,
    pub status: String,
    pub status_reason: String,
    pub featured: bool,
    pub joined_on: Option<Date>,
    pub created_at: OffsetDateTime,
}

pub async fn insert_organizations(conn: &mut Conn, rows: &[OrganizationRow]) -> Result<u64, StoreError> {
    let values = rows
        .iter()
        .map(|r| {
            vec![
                Value::Int(r.id),
                text(&r.slug),
                text(&r.name),
                Value::OptText(r.website.clone()),
                text(&r.short_description),
                text(&r.long_description),
                text(&r.org_type),
                Value::OptText(r.hq_country.clone()),
                text(&r.status),
                text(&r.status_reason),
                Value::Int(i64::from(r.featured)),
                Value::OptText(r.joined_on.map(format_date)),
                ts(r.created_at),
                ts(r.created_at),
            ]
        })
        .collect();
    let columns = [
        "id",
        "slug",
        "name",
        "website",
        "short_description",
        "long_description",
        "org_type",
        "hq_country",
        "status",
        "status_reason",
        "featured",
        "joined_on",
        "created_at",
        "updated_at",
    ];
    insert_rows(conn, "organizations", &columns, values).await
}

#[derive(Debug, Clone)]
pub struct CountryRow {
    pub organization_id: i64,
    pub country: String,
    pub region: String,
    pub created_at: OffsetDateTime,
}

pub async fn insert_countries(conn: &mut Conn, rows: &[CountryRow]) -> Result<u64, StoreError> {
    let values =
        rows.iter().map(|r| vec![Value::Int(r.organization_id), text(&r.country), text(&r.region), ts(r.created_at)]);
    insert_rows(
        conn,
        "organization_countries",
        &["organization_id", "country", "region", "created_at"],
        values.collect(),
    )
    .await
}

#[derive(Debug, Clone)]
pub struct TermRow {
    pub organization_id: i64,
    /// `capability` or `component`.
    pub vocabulary: String,
    pub term_key: String,
    pub created_at: OffsetDateTime,
}

pub async fn insert_terms(conn: &mut Conn, rows: &[TermRow]) -> Result<u64, StoreError> {
    let values = rows
        .iter()
        .map(|r| vec![Value::Int(r.organization_id), text(&r.vocabulary), text(&r.term_key), ts(r.created_at)]);
    insert_rows(
        conn,
        "organization_terms",
        &["organization_id", "vocabulary", "term_key", "created_at"],
        values.collect(),
    )
    .await
}

#[derive(Debug, Clone)]
pub struct LogoRow<'a> {
    pub organization_id: i64,
    pub content_type: &'a str,
    pub data: &'a [u8],
    pub sha256: &'a str,
    pub created_at: OffsetDateTime,
}

pub async fn insert_logos(conn: &mut Conn, rows: &[LogoRow<'_>]) -> Result<u64, StoreError> {
    let values = rows.iter().map(|r| {
        vec![
            Value::Int(r.organization_id),
            text(r.content_type),
            Value::Blob(r.data.to_vec()),
            text(r.sha256),
            ts(r.created_at),
            ts(r.created_at),
        ]
    });
    insert_rows(
        conn,
        "organization_logos",
        &["organization_id", "content_type", "data", "sha256", "created_at", "updated_at"],
        values.collect(),
    )
    .await
}

#[derive(Debug, Clone)]
pub struct ContactRow {
    pub id: i64,
    pub organization_id: i64,
    pub name: String,
    pub email: String,
    pub title: String,
    pub created_at: OffsetDateTime,
}

pub async fn insert_contacts(conn: &mut Conn, rows: &[ContactRow]) -> Result<u64, StoreError> {
    let values = rows.iter().map(|r| {
        vec![
            Value::Int(r.id),
            Value::Int(r.organization_id),
            text(&r.name),
            text(&r.email),
            text(&r.title),
            Value::Int(1),
            ts(r.created_at),
            ts(r.created_at),
        ]
    });
    let columns = ["id", "organization_id", "name", "email", "title", "is_mail_poc", "created_at", "updated_at"];
    insert_rows(conn, "contacts", &columns, values.collect()).await
}

/// Ties the contacts loaded above to the accounts of their addresses, each its organization's primary
/// contact (as the migration that gave contacts accounts does for older data).
pub async fn link_contacts(conn: &mut Conn) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "update contacts set is_primary = 1, \
         user_id = (select u.id from users u where lower(u.email) = lower(contacts.email)) \
         where user_id is null and exists (select 1 from users u where lower(u.email) = lower(contacts.email))",
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

#[derive(Debug, Clone)]
pub struct AgreementRow {
    pub id: i64,
    pub organization_id: i64,
    pub template_id: i64,
    pub text_sha256: String,
    pub signer_name: String,
    pub signer_title: String,
    pub signer_email: String,
    pub signed_at: OffsetDateTime,
    pub expires_on: Date,
}

pub async fn insert_agreements(conn: &mut Conn, rows: &[AgreementRow]) -> Result<u64, StoreError> {
    let values = rows.iter().map(|r| {
        vec![
            Value::Int(r.id),
            Value::Int(r.organization_id),
            Value::Int(r.template_id),
            text(&r.text_sha256),
            text(&r.signer_name),
            text(&r.signer_title),
            text(&r.signer_email),
            text("demo"),
            ts(r.signed_at),
            Value::Text(format_date(r.expires_on)),
            ts(r.signed_at),
            ts(r.signed_at),
        ]
    });
    let columns = [
        "id",
        "organization_id",
        "template_id",
        "text_sha256",
        "signer_name",
        "signer_title",
        "signer_email",
        "auth_method",
        "signed_at",
        "expires_on",
        "created_at",
        "updated_at",
    ];
    insert_rows(conn, "agreements", &columns, values.collect()).await
}

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub organization_id: Option<i64>,
    pub created_at: OffsetDateTime,
}

pub async fn insert_users(conn: &mut Conn, rows: &[UserRow]) -> Result<u64, StoreError> {
    let values = rows.iter().map(|r| {
        vec![
            Value::Int(r.id),
            text(&r.email),
            text(&r.display_name),
            text(&r.role),
            Value::OptInt(r.organization_id),
            text("active"),
            ts(r.created_at),
            ts(r.created_at),
        ]
    });
    let columns = ["id", "email", "display_name", "role", "organization_id", "status", "created_at", "updated_at"];
    insert_rows(conn, "users", &columns, values.collect()).await
}

#[derive(Debug, Clone)]
pub struct PostRow {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub event_starts_at: Option<OffsetDateTime>,
    pub join_url: Option<String>,
    pub published_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

pub async fn insert_posts(conn: &mut Conn, rows: &[PostRow]) -> Result<u64, StoreError> {
    let values = rows.iter().map(|r| {
        vec![
            Value::Int(r.id),
            text(&r.slug),
            text(&r.kind),
            text(&r.status),
            text(&r.title),
            text(&r.summary),
            text(&r.body),
            opt_ts(r.event_starts_at),
            Value::OptText(r.event_starts_at.map(|_| "UTC".to_owned())),
            Value::OptText(r.join_url.clone()),
            opt_ts(r.published_at),
            ts(r.created_at),
            ts(r.created_at),
        ]
    });
    let columns = [
        "id",
        "slug",
        "kind",
        "status",
        "title",
        "summary",
        "body",
        "event_starts_at",
        "event_timezone",
        "join_url",
        "published_at",
        "created_at",
        "updated_at",
    ];
    insert_rows(conn, "posts", &columns, values.collect()).await
}

/// Tags posts with partners (`post_partners`).
pub async fn insert_post_partners(
    conn: &mut Conn,
    rows: &[(i64, i64)],
    created_at: OffsetDateTime,
) -> Result<u64, StoreError> {
    let values = rows.iter().map(|(post, org)| vec![Value::Int(*post), Value::Int(*org), ts(created_at)]);
    insert_rows(conn, "post_partners", &["post_id", "organization_id", "created_at"], values.collect()).await
}

/// Tags posts with countries (`post_countries`).
pub async fn insert_post_countries(
    conn: &mut Conn,
    rows: &[(i64, String)],
    created_at: OffsetDateTime,
) -> Result<u64, StoreError> {
    let values = rows.iter().map(|(post, country)| vec![Value::Int(*post), text(country), ts(created_at)]);
    insert_rows(conn, "post_countries", &["post_id", "country", "created_at"], values.collect()).await
}

#[derive(Debug, Clone)]
pub struct ApplicationRow {
    pub id: i64,
    pub organization_id: i64,
    pub stage: String,
    pub desired_role: String,
    pub statement: String,
    pub stage_entered_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub decided_at: Option<OffsetDateTime>,
    pub decision: Option<String>,
    pub applicant_user_id: Option<i64>,
    pub contact_name: String,
    pub contact_email: String,
    pub created_at: OffsetDateTime,
}

pub async fn insert_applications(conn: &mut Conn, rows: &[ApplicationRow]) -> Result<u64, StoreError> {
    let values = rows.iter().map(|r| {
        vec![
            Value::Int(r.id),
            Value::Int(r.organization_id),
            text(&r.stage),
            text(&r.desired_role),
            text(&r.statement),
            ts(r.stage_entered_at),
            opt_ts(r.submitted_at),
            opt_ts(r.decided_at),
            Value::OptText(r.decision.clone()),
            Value::OptInt(r.applicant_user_id),
            text(&r.contact_name),
            text(&r.contact_email),
            text("form"),
            ts(r.created_at),
            ts(r.stage_entered_at),
        ]
    });
    let columns = [
        "id",
        "organization_id",
        "stage",
        "desired_role",
        "statement",
        "stage_entered_at",
        "submitted_at",
        "decided_at",
        "decision",
        "applicant_user_id",
        "contact_name",
        "contact_email",
        "source",
        "created_at",
        "updated_at",
    ];
    insert_rows(conn, "applications", &columns, values.collect()).await
}

#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: OffsetDateTime,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub after_json: Option<String>,
}

pub async fn insert_audit(conn: &mut Conn, rows: &[AuditRow]) -> Result<u64, StoreError> {
    let values = rows.iter().map(|r| {
        vec![
            ts(r.at),
            Value::OptInt(r.actor_user_id),
            text(&r.actor_label),
            text(&r.action),
            text(&r.subject_type),
            text(&r.subject_id),
            Value::OptText(r.after_json.clone()),
            ts(r.at),
        ]
    });
    let columns =
        ["at", "actor_user_id", "actor_label", "action", "subject_type", "subject_id", "after_json", "created_at"];
    insert_rows(conn, "audit_log", &columns, values.collect()).await
}

/// A message the outbox already delivered.
#[derive(Debug, Clone)]
pub struct SentEmailRow {
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub sent_at: OffsetDateTime,
}

pub async fn insert_sent_emails(conn: &mut Conn, rows: &[SentEmailRow]) -> Result<u64, StoreError> {
    let values = rows.iter().map(|r| {
        vec![
            text(&r.kind),
            text(&r.to_address),
            text(&r.subject),
            text(&r.body_text),
            text("sent"),
            Value::Int(1),
            ts(r.sent_at),
            ts(r.sent_at),
            ts(r.sent_at),
            ts(r.sent_at),
        ]
    });
    let columns = [
        "kind",
        "to_address",
        "subject",
        "body_text",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "created_at",
        "updated_at",
    ];
    insert_rows(conn, "outbox_emails", &columns, values.collect()).await
}

/// One table's row count and a checksum over its rows in key order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableFingerprint {
    pub table: &'static str,
    pub rows: u64,
    pub checksum: u64,
}

/// The columns each fingerprinted table is read by, and its order. Logos are compared by their hash.
const FINGERPRINTED: &[(&str, &str, &str)] = &[
    (
        "organizations",
        "id, slug, name, website, short_description, long_description, org_type, hq_country, status, \
         status_reason, featured, joined_on, created_at",
        "id",
    ),
    ("organization_countries", "organization_id, country, region", "organization_id, country"),
    ("organization_terms", "organization_id, vocabulary, term_key", "organization_id, vocabulary, term_key"),
    ("organization_logos", "organization_id, content_type, sha256", "organization_id"),
    ("contacts", "id, organization_id, name, email, title", "id"),
    ("agreements", "id, organization_id, signer_name, signer_email, signed_at, expires_on", "id"),
    ("users", "id, email, display_name, role, organization_id, status", "id"),
    ("posts", "id, slug, kind, status, title, summary, body, event_starts_at, join_url, published_at", "id"),
    ("post_partners", "post_id, organization_id", "post_id, organization_id"),
    ("post_countries", "post_id, country", "post_id, country"),
    (
        "applications",
        "id, organization_id, stage, desired_role, statement, stage_entered_at, submitted_at, decided_at, \
         decision, applicant_user_id, contact_email",
        "id",
    ),
    ("audit_log", "id, at, actor_user_id, actor_label, action, subject_type, subject_id, after_json", "id"),
    ("outbox_emails", "id, kind, to_address, subject, body_text, status, sent_at", "id"),
];

/// FNV-1a: stable across versions and platforms, unlike the standard library's hasher.
fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A fingerprint of every table the loader fills, and of the search index: equal fingerprints mean equal
/// rows (ids included). Each value is read as text, so the same data gives the same checksum on either
/// backend except where the engines print a value differently.
pub async fn fingerprint(conn: &mut Conn) -> Result<Vec<TableFingerprint>, StoreError> {
    let postgres = conn.backend_name() == "PostgreSQL";
    let search = if postgres {
        ("partner_search", "organization_id, body", "organization_id")
    } else {
        ("partner_search", "rowid, body", "rowid")
    };
    let mut out = Vec::new();
    for (table, columns, order) in FINGERPRINTED.iter().copied().chain([search]) {
        let list: Vec<&str> = columns.split(',').map(str::trim).collect();
        let select = list.iter().map(|c| format!("cast({c} as text)")).collect::<Vec<_>>().join(", ");
        let sql = format!("select {select} from {table} order by {order}");
        let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
        let mut checksum = 0xcbf2_9ce4_8422_2325;
        for row in &rows {
            for i in 0..list.len() {
                let value: Option<String> = row.try_get(i)?;
                checksum = match value {
                    Some(v) => fnv(fnv(checksum, b"v"), v.as_bytes()),
                    None => fnv(checksum, b"n"),
                };
                checksum = fnv(checksum, &[0x1f]);
            }
            checksum = fnv(checksum, &[0x1e]);
        }
        out.push(TableFingerprint { table, rows: rows.len() as u64, checksum });
    }
    Ok(out)
}

/// How many applications there are in each stage, by stage key.
pub async fn applications_by_stage(conn: &mut Conn) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query("select stage, count(*) as n from applications group by stage order by stage")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| Ok((r.try_get("stage")?, r.try_get("n")?))).collect()
}
