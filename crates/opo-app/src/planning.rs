//! What the worker plans once a minute: reminders and deadlines that fall due with the passing of time.
//! Each planner is idempotent (dedupe keys, conditional updates), so several instances planning at the
//! same time still send each reminder once.

use crate::{App, AppError};

/// Runs every planner; returns how many messages or jobs they queued.
pub async fn plan(app: &App) -> Result<usize, AppError> {
    let mut queued = crate::applications::sweep(app).await?;
    queued += crate::checkins::plan(app).await?;
    queued += crate::renewals::plan(app).await?;
    Ok(queued)
}
