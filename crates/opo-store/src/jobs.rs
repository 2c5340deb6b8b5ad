//! The job queue: timed work (reminders, lapses) that any instance's worker may run. Claiming leases a
//! job; on PostgreSQL rows another instance holds are skipped, not waited for.

use crate::{Conn, StoreError, format_ts, parse_ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A job to run at `run_at`. With a dedupe key, a second job with the same key is not enqueued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    pub kind: String,
    pub payload: String,
    pub dedupe_key: Option<String>,
    pub run_at: OffsetDateTime,
    pub max_attempts: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Pending,
    Done,
    /// Every attempt failed: an admin looks at it and may retry it.
    Dead,
}

impl JobStatus {
    pub fn key(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Done => "done",
            Self::Dead => "dead",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        [Self::Pending, Self::Done, Self::Dead].into_iter().find(|s| s.key() == key)
    }
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub dedupe_key: Option<String>,
    pub status: JobStatus,
    pub run_at: OffsetDateTime,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
    pub finished_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

const COLUMNS: &str =
    "id, kind, payload, dedupe_key, status, run_at, attempts, max_attempts, last_error, finished_at, created_at";

fn from_row(row: &AnyRow) -> Result<Job, StoreError> {
    let status: String = row.try_get("status")?;
    let run_at: String = row.try_get("run_at")?;
    let created: String = row.try_get("created_at")?;
    let finished: Option<String> = row.try_get("finished_at")?;
    Ok(Job {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        payload: row.try_get("payload")?,
        dedupe_key: row.try_get("dedupe_key")?,
        status: JobStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("job status {status:?}")))?,
        run_at: parse_ts(&run_at)?,
        attempts: row.try_get("attempts")?,
        max_attempts: row.try_get("max_attempts")?,
        last_error: row.try_get("last_error")?,
        finished_at: finished.as_deref().map(parse_ts).transpose()?,
        created_at: parse_ts(&created)?,
    })
}

/// Enqueues a job; `None` when a job with the same dedupe key exists already (in any status).
pub async fn enqueue(conn: &mut Conn, job: &NewJob, now: OffsetDateTime) -> Result<Option<i64>, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into jobs (kind, payload, dedupe_key, status, run_at, max_attempts, created_at, updated_at) \
         values ($1, $2, $3, 'pending', $4, $5, $6, $6) \
         on conflict (dedupe_key) where dedupe_key is not null do nothing returning id",
    )
    .bind(&job.kind)
    .bind(&job.payload)
    .bind(job.dedupe_key.clone())
    .bind(format_ts(job.run_at))
    .bind(job.max_attempts)
    .bind(&now)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Leases up to `limit` due jobs to `worker` until `lease_until`.
pub async fn claim_due(
    conn: &mut Conn,
    worker: &str,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    limit: i64,
) -> Result<Vec<Job>, StoreError> {
    let lock = if conn.backend_name() == "PostgreSQL" { "for update skip locked" } else { "" };
    let sql = format!(
        "update jobs set locked_until = $1, locked_by = $2, updated_at = $3 where id in (\
         select id from jobs where status = 'pending' and run_at <= $3 \
         and (locked_until is null or locked_until <= $3) order by run_at, id limit $4 {lock}) returning {COLUMNS}"
    );
    let mut claimed = sqlx::query(&sql)
        .bind(format_ts(lease_until))
        .bind(worker)
        .bind(format_ts(now))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(from_row)
        .collect::<Result<Vec<_>, _>>()?;
    claimed.sort_by_key(|j| (j.run_at, j.id));
    Ok(claimed)
}

/// Marks a job done, if `worker` still holds its lease; false when the lease was lost (another worker
/// took the job over), in which case the caller must roll back what it did.
pub async fn complete(conn: &mut Conn, id: i64, worker: &str, now: OffsetDateTime) -> Result<bool, StoreError> {
    let now = format_ts(now);
    let done = sqlx::query(
        "update jobs set status = 'done', finished_at = $1, attempts = attempts + 1, locked_until = null, \
         last_error = null, updated_at = $1 where id = $2 and locked_by = $3 and status = 'pending'",
    )
    .bind(&now)
    .bind(id)
    .bind(worker)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a failed attempt: run again at `retry_at`, or dead when `retry_at` is `None`.
pub async fn fail(
    conn: &mut Conn,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = format_ts(now);
    let (status, run_at) = match retry_at {
        Some(at) => ("pending", Some(format_ts(at))),
        None => ("dead", None),
    };
    sqlx::query(
        "update jobs set status = $1, run_at = coalesce($2, run_at), attempts = attempts + 1, locked_until = null, \
         last_error = $3, finished_at = case when $1 = 'dead' then $4 else null end, updated_at = $4 \
         where id = $5 and locked_by = $6 and status = 'pending'",
    )
    .bind(status)
    .bind(run_at)
    .bind(error)
    .bind(&now)
    .bind(id)
    .bind(worker)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Puts a dead job back in the queue, to run now.
pub async fn retry(conn: &mut Conn, id: i64, now: OffsetDateTime) -> Result<bool, StoreError> {
    let now = format_ts(now);
    let done = sqlx::query(
        "update jobs set status = 'pending', run_at = $1, attempts = 0, finished_at = null, locked_until = null, \
         updated_at = $1 where id = $2 and status = 'dead'",
    )
    .bind(&now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Jobs in `status`, the latest first.
pub async fn list(conn: &mut Conn, status: JobStatus, limit: i64) -> Result<Vec<Job>, StoreError> {
    let sql = format!("select {COLUMNS} from jobs where status = $1 order by updated_at desc, id desc limit $2");
    sqlx::query(&sql).bind(status.key()).bind(limit).fetch_all(&mut *conn).await?.iter().map(from_row).collect()
}

/// How many jobs are pending and dead.
pub async fn counts(conn: &mut Conn) -> Result<(i64, i64), StoreError> {
    let pending =
        sqlx::query_scalar("select count(*) from jobs where status = 'pending'").fetch_one(&mut *conn).await?;
    let dead = sqlx::query_scalar("select count(*) from jobs where status = 'dead'").fetch_one(&mut *conn).await?;
    Ok((pending, dead))
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<Job>, StoreError> {
    let sql = format!("select {COLUMNS} from jobs where id = $1");
    sqlx::query(&sql).bind(id).fetch_optional(&mut *conn).await?.as_ref().map(from_row).transpose()
}
