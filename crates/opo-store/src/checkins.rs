//! Annual check-ins: one per organization and anniversary, with its assignee, the partner's answers, the
//! notes of the conversation and its outcome.

use crate::{Conn, StoreError, format_date, format_ts, parse_date, parse_ts};
use opo_domain::checkins::Status;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};

/// A check-in as stored, with its organization's and assignee's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub organization_slug: String,
    pub due_on: Date,
    pub assignee_user_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub status: Status,
    /// The questionnaire's answers as the domain's `Questionnaire`, once the partner answered.
    pub answers_json: Option<String>,
    pub answered_at: Option<OffsetDateTime>,
    pub answered_by: Option<String>,
    pub notes: String,
    pub outcome: String,
    pub completed_at: Option<OffsetDateTime>,
    /// The first version of the partner page the answers opened.
    pub page_revision: Option<i64>,
    pub escalated_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

const SELECT: &str = "select c.id, c.organization_id, o.name as organization_name, o.slug as organization_slug, \
     c.due_on, c.assignee_user_id, u.display_name as assignee_name, c.status, c.answers_json, c.answered_at, \
     c.answered_by, c.notes, c.outcome, c.completed_at, c.page_revision, c.escalated_at, c.created_at \
     from checkins c join organizations o on o.id = c.organization_id \
     left join users u on u.id = c.assignee_user_id";

fn ts(row: &AnyRow, column: &str) -> Result<Option<OffsetDateTime>, StoreError> {
    row.try_get::<Option<String>, _>(column)?.as_deref().map(parse_ts).transpose()
}

fn from_row(row: &AnyRow) -> Result<CheckIn, StoreError> {
    let status: String = row.try_get("status")?;
    let due: String = row.try_get("due_on")?;
    let created: String = row.try_get("created_at")?;
    Ok(CheckIn {
        id: row.try_get("id")?,
        organization_id: row.try_get("organization_id")?,
        organization_name: row.try_get("organization_name")?,
        organization_slug: row.try_get("organization_slug")?,
        due_on: parse_date(&due)?,
        assignee_user_id: row.try_get("assignee_user_id")?,
        assignee_name: row.try_get("assignee_name")?,
        status: Status::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("check-in status {status:?}")))?,
        answers_json: row.try_get("answers_json")?,
        answered_at: ts(row, "answered_at")?,
        answered_by: row.try_get("answered_by")?,
        notes: row.try_get("notes")?,
        outcome: row.try_get("outcome")?,
        completed_at: ts(row, "completed_at")?,
        page_revision: row.try_get("page_revision")?,
        escalated_at: ts(row, "escalated_at")?,
        created_at: parse_ts(&created)?,
    })
}

async fn many(conn: &mut Conn, sql: &str, bind: Option<i64>) -> Result<Vec<CheckIn>, StoreError> {
    let mut query = sqlx::query(sql);
    if let Some(value) = bind {
        query = query.bind(value);
    }
    query.fetch_all(&mut *conn).await?.iter().map(from_row).collect()
}

/// Creates the check-in of `organization_id` due on `due_on`, unless it exists already; returns the new id.
pub async fn insert(
    conn: &mut Conn,
    organization_id: i64,
    due_on: Date,
    assignee: Option<i64>,
    status: Status,
    now: OffsetDateTime,
) -> Result<Option<i64>, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into checkins (organization_id, due_on, assignee_user_id, status, assigned_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $6) \
         on conflict (organization_id, due_on) do nothing returning id",
    )
    .bind(organization_id)
    .bind(format_date(due_on))
    .bind(assignee)
    .bind(status.key())
    .bind(assignee.map(|_| now.clone()))
    .bind(&now)
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn get(conn: &mut Conn, id: i64) -> Result<Option<CheckIn>, StoreError> {
    sqlx::query(&format!("{SELECT} where c.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Every check-in of an organization, the latest first.
pub async fn of_organization(conn: &mut Conn, organization_id: i64) -> Result<Vec<CheckIn>, StoreError> {
    many(
        conn,
        &format!("{SELECT} where c.organization_id = $1 order by c.due_on desc, c.id desc"),
        Some(organization_id),
    )
    .await
}

/// Every check-in not completed yet, the earliest due first.
pub async fn open(conn: &mut Conn) -> Result<Vec<CheckIn>, StoreError> {
    many(conn, &format!("{SELECT} where c.status <> 'completed' order by c.due_on, c.id"), None).await
}

/// The check-ins assigned to a person, open ones first, the earliest due first.
pub async fn assigned_to(conn: &mut Conn, user_id: i64) -> Result<Vec<CheckIn>, StoreError> {
    many(
        conn,
        &format!(
            "{SELECT} where c.assignee_user_id = $1 \
             order by case when c.status = 'completed' then 1 else 0 end, c.due_on, c.id"
        ),
        Some(user_id),
    )
    .await
}

/// How many open check-ins each assignee holds.
pub async fn open_counts(conn: &mut Conn) -> Result<Vec<(i64, i64)>, StoreError> {
    let rows = sqlx::query(
        "select assignee_user_id, count(*) as n from checkins \
         where status <> 'completed' and assignee_user_id is not null group by assignee_user_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("assignee_user_id")?, r.try_get("n")?))).collect()
}

/// Listed organizations with the day they joined, for planning check-ins.
pub async fn partners_with_anniversaries(conn: &mut Conn) -> Result<Vec<(i64, Date)>, StoreError> {
    let sql = format!(
        "select id, joined_on from organizations where joined_on is not null and status in ({}) order by id",
        crate::partners::listed_statuses()
    );
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            let joined: String = r.try_get("joined_on")?;
            Ok((r.try_get("id")?, parse_date(&joined)?))
        })
        .collect()
}

/// Moves a check-in from `from` to `to`; `false` when it was no longer in `from`.
pub async fn set_status(
    conn: &mut Conn,
    id: i64,
    from: Status,
    to: Status,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let done = sqlx::query("update checkins set status = $1, updated_at = $2 where id = $3 and status = $4")
        .bind(to.key())
        .bind(format_ts(now))
        .bind(id)
        .bind(from.key())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn assign(conn: &mut Conn, id: i64, user_id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
    let now = format_ts(now);
    sqlx::query("update checkins set assignee_user_id = $1, assigned_at = $2, updated_at = $2 where id = $3")
        .bind(user_id)
        .bind(&now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Stores the partner's answers.
pub async fn save_answers(
    conn: &mut Conn,
    id: i64,
    answers_json: &str,
    by: &str,
    status: Status,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = format_ts(now);
    sqlx::query(
        "update checkins set answers_json = $1, answered_by = $2, answered_at = $3, status = $4, updated_at = $3 \
         where id = $5",
    )
    .bind(answers_json)
    .bind(by)
    .bind(&now)
    .bind(status.key())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Remembers the first page version the answers opened.
pub async fn set_page_revision(conn: &mut Conn, id: i64, number: i64) -> Result<(), StoreError> {
    sqlx::query("update checkins set page_revision = coalesce(page_revision, $1) where id = $2")
        .bind(number)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Records the conversation and completes the check-in; `false` when it was completed already.
pub async fn complete(
    conn: &mut Conn,
    id: i64,
    notes: &str,
    outcome: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let now = format_ts(now);
    let done = sqlx::query(
        "update checkins set notes = $1, outcome = $2, status = 'completed', completed_at = $3, updated_at = $3 \
         where id = $4 and status <> 'completed'",
    )
    .bind(notes)
    .bind(outcome)
    .bind(&now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Open check-ins due before `due_before` that were not escalated yet.
pub async fn overdue_unescalated(conn: &mut Conn, due_before: Date) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "select id from checkins where status <> 'completed' and escalated_at is null and due_on < $1 order by id",
    )
    .bind(format_date(due_before))
    .fetch_all(&mut *conn)
    .await?)
}

/// Flags an open check-in as escalated, once; `false` when another pass did it first.
pub async fn mark_escalated(conn: &mut Conn, id: i64, now: OffsetDateTime) -> Result<bool, StoreError> {
    let now = format_ts(now);
    let done = sqlx::query(
        "update checkins set status = 'escalated', escalated_at = $1, updated_at = $1 \
         where id = $2 and escalated_at is null and status <> 'completed'",
    )
    .bind(&now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
