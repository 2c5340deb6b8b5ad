//! The background worker that runs inside `opo serve`: it sends the outbox's messages and, when the
//! forum is connected with an API key, its topics, retrying with growing delays. Messages and topics
//! are leased while they are sent, so several instances never send one twice and a crashed instance's
//! are taken over when the lease runs out.

use crate::mailer::Mailer;
use crate::{App, AppError};
use opo_domain::problems::Clash;
use opo_store::StoreError;
use opo_store::notifications as outbox;
pub use opo_store::notifications::{Email, EmailStatus};
use time::Duration;
use tokio::sync::watch;

/// After this many failed attempts a message is given up and shown as failed.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a claimed message is reserved for the worker that claimed it.
const LEASE: Duration = Duration::minutes(5);

/// The delay before the next attempt once `attempts` attempts have failed, or `None` to give up.
/// It grows 30 s, 1.5 min, 4.5 min, … up to six hours; a few seconds derived from the message id
/// spread retries of messages that failed together.
pub fn retry_delay(attempts: i64, id: i64) -> Option<Duration> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 10)).unwrap_or(10);
    let base = (30_i64.saturating_mul(3_i64.saturating_pow(exponent))).min(6 * 3600);
    Some(Duration::seconds(base + id.rem_euclid(7)))
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub failed: usize,
}

/// Sends up to `batch` messages that are due.
pub async fn deliver_due(app: &App, mailer: &Mailer, batch: i64) -> Result<Pass, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let claimed = outbox::claim_due(&mut tx, now, now + LEASE, batch).await?;
    tx.commit().await.map_err(StoreError::from)?;
    let mut pass = Pass::default();
    for email in claimed {
        let outcome = mailer.deliver(&email).await;
        let now = app.clock.now();
        let mut tx = app.db.begin().await?;
        match outcome {
            Ok(file) => {
                outbox::mark_sent(&mut tx, email.id, file.as_deref(), now).await?;
                pass.sent += 1;
            }
            Err(err) => {
                let retry_at = retry_delay(email.attempts + 1, email.id).map(|delay| now + delay);
                tracing::warn!(email.id = email.id, error = %err, retry = retry_at.is_some(), "sending failed");
                outbox::mark_attempt_failed(&mut tx, email.id, &err.to_string(), retry_at, now).await?;
                pass.failed += 1;
            }
        }
        tx.commit().await.map_err(StoreError::from)?;
    }
    Ok(pass)
}

/// A name for this instance's worker, unique among the instances sharing the database: the lease of a
/// job names its holder.
fn worker_name() -> String {
    let mut bytes = [0_u8; 4];
    let suffix = getrandom::fill(&mut bytes).map(|()| crate::secrets::hex(&bytes)).unwrap_or_default();
    format!("{}-{}", std::process::id(), suffix)
}

/// Runs until `shutdown` turns true: sends what is due, then waits a moment when there was nothing.
pub async fn run(app: App, mailer: Mailer, mut shutdown: watch::Receiver<bool>) {
    tracing::info!(?mailer, "mail worker started");
    let forum = match app.settings.discourse.as_ref().map(crate::forum::ForumClient::from_settings) {
        Some(Ok(client)) => client,
        Some(Err(err)) => {
            tracing::error!(error = %err, "announcements will not be posted to the forum");
            None
        }
        None => None,
    };
    match crate::setup::repair_search_index(&app).await {
        Ok(0) => {}
        Ok(indexed) => tracing::info!(indexed, "listed partners added to the search index"),
        Err(err) => tracing::warn!(error = %err, "the search index could not be checked"),
    }
    let mut last_sweep: Option<std::time::Instant> = None;
    let mut last_optimize = std::time::Instant::now();
    let worker = worker_name();
    loop {
        if *shutdown.borrow() {
            break;
        }
        // Reminders and deadlines change slowly: planning once a minute is soon enough.
        if last_sweep.is_none_or(|at| at.elapsed() >= std::time::Duration::from_secs(60)) {
            last_sweep = Some(std::time::Instant::now());
            match crate::planning::plan(&app).await {
                Ok(0) => {}
                Ok(queued) => tracing::info!(queued, "reminders planned"),
                Err(err) => tracing::warn!(error = %err, "planning failed"),
            }
        }
        // The planner's statistics drift as partners and posts are added; refreshing them is cheap.
        if last_optimize.elapsed() >= std::time::Duration::from_secs(6 * 3600) {
            last_optimize = std::time::Instant::now();
            if let Err(err) = app.db.optimize().await {
                tracing::warn!(error = %err, "refreshing the planner's statistics failed");
            }
        }
        let mut idle = match deliver_due(&app, &mailer, 20).await {
            Ok(pass) => pass.sent + pass.failed == 0,
            Err(err) => {
                tracing::warn!(error = %err, "mail worker pass failed");
                true
            }
        };
        if let Some(forum) = &forum {
            idle &= match crate::forum::deliver_due(&app, forum, 5).await {
                Ok(pass) => pass.sent + pass.failed == 0,
                Err(err) => {
                    tracing::warn!(error = %err, "forum pass failed");
                    true
                }
            };
        }
        // A stop signal ends the pass here: what is claimed is finished, nothing new is taken.
        if *shutdown.borrow() {
            break;
        }
        idle &= match crate::jobs::run_due(&app, &worker, 20).await {
            Ok(pass) => pass.done + pass.retried + pass.dead == 0,
            Err(err) => {
                tracing::warn!(error = %err, "job pass failed");
                true
            }
        };
        if idle {
            tokio::select! {
                _ = shutdown.changed() => {}
                () = tokio::time::sleep(std::time::Duration::from_secs(2)) => {}
            }
        }
    }
    tracing::info!("mail worker stopped");
}

/// The messages an admin sees on the outbox page.
pub async fn recent(app: &App, limit: i64) -> Result<Vec<Email>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(outbox::recent(&mut conn, limit).await?)
}

/// Puts a failed message back in the queue.
pub async fn retry(app: &App, id: i64, actor: &crate::Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !outbox::retry(&mut tx, id, now).await? {
        return Err(AppError::Conflict(Clash::new(
            "message-not-failed",
            "only a message that failed for good can be retried",
        )));
    }
    opo_store::audit::record(&mut tx, &actor.entry("email.retried", "email", id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_and_stop_after_the_last_attempt() {
        let delays: Vec<_> = (1..MAX_ATTEMPTS).map(|n| retry_delay(n, 0).expect("retry")).collect();
        assert!(delays.windows(2).all(|w| w[0] <= w[1]), "{delays:?}");
        assert_eq!(delays[0], Duration::seconds(30));
        assert!(delays.iter().all(|d| *d <= Duration::hours(6) + Duration::seconds(7)));
        assert_eq!(retry_delay(MAX_ATTEMPTS, 0), None);
    }

    #[test]
    fn messages_that_failed_together_are_retried_a_little_apart() {
        assert_ne!(retry_delay(1, 1), retry_delay(1, 2));
    }
}
