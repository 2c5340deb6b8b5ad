//! The job runner: timed work that any instance's worker runs once. A job's effects and its completion
//! are one transaction, and completion checks the worker still holds the lease, so a job taken over from
//! a slow or crashed worker never runs twice to the end. Failures are retried with exponential backoff
//! and jitter; a job that keeps failing ends as dead, for an admin to look at and retry.

mod handlers;

pub(crate) use handlers::WEBHOOK;

use crate::{Actor, App, AppError};
use opo_domain::problems::Clash;
pub use opo_store::jobs::Job;
use opo_store::jobs::{self as store, JobStatus, NewJob};
use opo_store::{StoreError, Tx, audit};
use serde::Serialize;
use time::{Duration, OffsetDateTime};

/// How long a claimed job is reserved for its worker.
const LEASE: Duration = Duration::minutes(5);
pub const MAX_ATTEMPTS: i64 = 8;

/// Enqueues a job of `kind` with its payload; `None` when a job with the same dedupe key exists already,
/// which makes planning a reminder twice harmless.
pub async fn enqueue(
    tx: &mut Tx,
    kind: &str,
    payload: &impl Serialize,
    dedupe_key: Option<String>,
    run_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<Option<i64>, AppError> {
    let payload = serde_json::to_string(payload).map_err(|e| AppError::Internal(format!("job payload: {e}")))?;
    let job = NewJob { kind: kind.to_owned(), payload, dedupe_key, run_at, max_attempts: MAX_ATTEMPTS };
    Ok(store::enqueue(tx, &job, now).await?)
}

/// Schedules an e-mail to go into the outbox at `run_at` (a reminder planned ahead), once per key.
pub async fn schedule_email(
    app: &App,
    tx: &mut Tx,
    notice: crate::notifications::Notice,
    dedupe_key: String,
    run_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<Option<i64>, AppError> {
    let email = crate::notifications::notice_for(app, tx, notice).await?;
    enqueue(tx, handlers::EMAIL, &handlers::EmailPayload::from(&email), Some(dedupe_key), run_at, now).await
}

/// The wait before the next attempt after `attempts` failures, or `None` to give up: 30 s doubling up
/// to six hours, plus up to a fifth more at random so jobs that failed together do not retry together.
pub fn backoff(attempts: i64, max_attempts: i64) -> Option<Duration> {
    if attempts >= max_attempts {
        return None;
    }
    let exponent = u32::try_from(attempts.clamp(0, 20)).unwrap_or(20);
    let base = 30_i64.saturating_mul(2_i64.saturating_pow(exponent)).min(6 * 3600);
    let mut byte = [0_u8; 1];
    let jitter = match getrandom::fill(&mut byte) {
        Ok(()) => base * i64::from(byte[0]) / (255 * 5),
        Err(_) => 0,
    };
    Some(Duration::seconds(base + jitter))
}

/// What one pass of the runner did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub done: usize,
    pub retried: usize,
    pub dead: usize,
}

/// Runs up to `limit` due jobs as `worker` (a name unique to this instance).
pub async fn run_due(app: &App, worker: &str, limit: i64) -> Result<Pass, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let claimed = store::claim_due(&mut tx, worker, now, now + LEASE, limit).await?;
    tx.commit().await.map_err(StoreError::from)?;
    let mut pass = Pass::default();
    for job in claimed {
        // Calls to other services (a webhook) happen before the job's transaction: a slow receiver
        // must not hold the database's write lock.
        let outside = handlers::before(app, &job).await;
        let mut tx = app.db.begin().await?;
        let outcome = match outside {
            Ok(()) => handlers::handle(app, &mut tx, &job).await,
            Err(err) => Err(err),
        };
        let now = app.clock.now();
        match outcome {
            Ok(()) => {
                if store::complete(&mut tx, job.id, worker, now).await? {
                    tx.commit().await.map_err(StoreError::from)?;
                    pass.done += 1;
                } else {
                    // Another worker took the job over when our lease ran out: its run counts, not ours.
                    tx.rollback().await.map_err(StoreError::from)?;
                }
            }
            Err(err) => {
                tx.rollback().await.map_err(StoreError::from)?;
                let retry_at = backoff(job.attempts + 1, job.max_attempts).map(|delay| now + delay);
                tracing::warn!(job.id = job.id, job.kind = %job.kind, error = %err, retry = retry_at.is_some(), "job failed");
                let mut tx = app.db.begin().await?;
                store::fail(&mut tx, job.id, worker, &err.to_string(), retry_at, now).await?;
                tx.commit().await.map_err(StoreError::from)?;
                if retry_at.is_some() {
                    pass.retried += 1;
                } else {
                    pass.dead += 1;
                }
            }
        }
    }
    Ok(pass)
}

/// Dead jobs, for the admin.
pub async fn dead(app: &App, limit: i64) -> Result<Vec<Job>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::list(&mut conn, JobStatus::Dead, limit).await?)
}

/// Jobs waiting to run, soonest first is not needed: the latest changed first, for the admin.
pub async fn pending(app: &App, limit: i64) -> Result<Vec<Job>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::list(&mut conn, JobStatus::Pending, limit).await?)
}

/// How many jobs are pending and dead.
pub async fn counts(app: &App) -> Result<(i64, i64), AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::counts(&mut conn).await?)
}

/// Puts a dead job back in the queue.
pub async fn retry(app: &App, id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !store::retry(&mut tx, id, now).await? {
        return Err(AppError::Conflict(Clash::new("job-not-dead", "only a dead job can be retried")));
    }
    audit::record(&mut tx, &actor.entry("job.retried", "job", id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}
