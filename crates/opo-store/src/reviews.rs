//! The committee's review: votes per round, and the questions asked of the applicant.

use crate::{Conn, StoreError, format_ts, parse_ts};
use opo_domain::reviews::Vote;
use sqlx::Row;
use time::OffsetDateTime;

/// Records a vote; a second vote by the same member in the same round is a `Duplicate` error.
pub async fn insert_vote(
    conn: &mut Conn,
    application_id: i64,
    round: i64,
    user_id: i64,
    vote: Vote,
    comment: &str,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into votes (application_id, round, user_id, vote, comment, created_at) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(application_id)
    .bind(round)
    .bind(user_id)
    .bind(vote.key())
    .bind(comment)
    .bind(format_ts(now))
    .fetch_one(&mut *conn)
    .await?)
}

/// A vote as the committee sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedVote {
    pub round: i64,
    pub user_id: i64,
    pub member: String,
    pub vote: Vote,
    pub comment: String,
    pub at: OffsetDateTime,
}

/// Every vote on an application, all rounds, in the order given.
pub async fn votes(conn: &mut Conn, application_id: i64) -> Result<Vec<RecordedVote>, StoreError> {
    let rows = sqlx::query(
        "select v.round, v.user_id, u.display_name, v.vote, v.comment, v.created_at from votes v \
         join users u on u.id = v.user_id where v.application_id = $1 order by v.round, v.created_at, v.id",
    )
    .bind(application_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let vote: String = row.try_get("vote")?;
            let at: String = row.try_get("created_at")?;
            Ok(RecordedVote {
                round: row.try_get("round")?,
                user_id: row.try_get("user_id")?,
                member: row.try_get("display_name")?,
                vote: Vote::parse(&vote).ok_or_else(|| StoreError::Corrupt(format!("vote {vote:?}")))?,
                comment: row.try_get("comment")?,
                at: parse_ts(&at)?,
            })
        })
        .collect()
}

/// A question to the applicant and, once given, the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoRequest {
    pub id: i64,
    pub application_id: i64,
    pub question: String,
    pub asked_by: String,
    pub asked_at: OffsetDateTime,
    pub deadline_at: OffsetDateTime,
    pub reminded_at: Option<OffsetDateTime>,
    pub answer: Option<String>,
    pub answered_at: Option<OffsetDateTime>,
    pub expired_at: Option<OffsetDateTime>,
}

impl InfoRequest {
    pub fn is_open(&self) -> bool {
        self.answered_at.is_none() && self.expired_at.is_none()
    }
}

const COLUMNS: &str =
    "id, application_id, question, asked_by, asked_at, deadline_at, reminded_at, answer, answered_at, expired_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<InfoRequest, StoreError> {
    let opt = |column: &str| -> Result<Option<OffsetDateTime>, StoreError> {
        let raw: Option<String> = row.try_get(column)?;
        raw.as_deref().map(parse_ts).transpose()
    };
    let asked: String = row.try_get("asked_at")?;
    let deadline: String = row.try_get("deadline_at")?;
    Ok(InfoRequest {
        id: row.try_get("id")?,
        application_id: row.try_get("application_id")?,
        question: row.try_get("question")?,
        asked_by: row.try_get("asked_by")?,
        asked_at: parse_ts(&asked)?,
        deadline_at: parse_ts(&deadline)?,
        reminded_at: opt("reminded_at")?,
        answer: row.try_get("answer")?,
        answered_at: opt("answered_at")?,
        expired_at: opt("expired_at")?,
    })
}

pub async fn insert_request(
    conn: &mut Conn,
    application_id: i64,
    question: &str,
    asked_by: &str,
    deadline_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "insert into info_requests (application_id, question, asked_by, asked_at, deadline_at) \
         values ($1, $2, $3, $4, $5) returning id",
    )
    .bind(application_id)
    .bind(question)
    .bind(asked_by)
    .bind(format_ts(now))
    .bind(format_ts(deadline_at))
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn requests(conn: &mut Conn, application_id: i64) -> Result<Vec<InfoRequest>, StoreError> {
    sqlx::query(&format!("select {COLUMNS} from info_requests where application_id = $1 order by asked_at, id"))
        .bind(application_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

pub async fn find_request(conn: &mut Conn, id: i64) -> Result<Option<InfoRequest>, StoreError> {
    sqlx::query(&format!("select {COLUMNS} from info_requests where id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Records the answer if the request is still open; false when it was answered or expired already.
pub async fn answer_request(
    conn: &mut Conn,
    id: i64,
    answer: &str,
    answered_by: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update info_requests set answer = $1, answered_by = $2, answered_at = $3 \
         where id = $4 and answered_at is null and expired_at is null",
    )
    .bind(answer)
    .bind(answered_by)
    .bind(format_ts(now))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Open requests whose deadline falls before `before` and that were not reminded of yet.
pub async fn needing_reminder(conn: &mut Conn, before: OffsetDateTime) -> Result<Vec<InfoRequest>, StoreError> {
    sqlx::query(&format!(
        "select {COLUMNS} from info_requests where answered_at is null and expired_at is null \
         and reminded_at is null and deadline_at < $1 order by id"
    ))
    .bind(format_ts(before))
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Marks a request reminded unless another worker did; false when one did.
pub async fn mark_reminded(conn: &mut Conn, id: i64, now: OffsetDateTime) -> Result<bool, StoreError> {
    let done = sqlx::query("update info_requests set reminded_at = $1 where id = $2 and reminded_at is null")
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Open requests past their deadline.
pub async fn past_deadline(conn: &mut Conn, now: OffsetDateTime) -> Result<Vec<InfoRequest>, StoreError> {
    sqlx::query(&format!(
        "select {COLUMNS} from info_requests where answered_at is null and expired_at is null and deadline_at <= $1 order by id"
    ))
    .bind(format_ts(now))
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Marks a request expired if it is still open.
pub async fn mark_expired(conn: &mut Conn, id: i64, now: OffsetDateTime) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "update info_requests set expired_at = $1 where id = $2 and answered_at is null and expired_at is null",
    )
    .bind(format_ts(now))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
