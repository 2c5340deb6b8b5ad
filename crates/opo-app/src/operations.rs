//! What the operator's probes read: whether this instance can serve (database reachable, schema up to
//! date) and how much background work is waiting or failed.

use crate::{App, AppError};
pub use opo_store::operations::QueueCount;

/// Why an instance is not ready to take traffic, or that it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    Ready,
    DatabaseUnreachable,
    MigrationsPending,
}

impl Readiness {
    pub fn key(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::DatabaseUnreachable => "database unreachable",
            Self::MigrationsPending => "migrations pending",
        }
    }
}

/// Whether the database answers and holds every migration this version knows.
pub async fn readiness(app: &App) -> Readiness {
    if let Err(err) = app.db.ping().await {
        tracing::warn!(error = %err, "readiness: the database does not answer");
        return Readiness::DatabaseUnreachable;
    }
    match opo_store::operations::migrations_applied(&app.db).await {
        Ok(true) => Readiness::Ready,
        Ok(false) => Readiness::MigrationsPending,
        Err(err) => {
            tracing::warn!(error = %err, "readiness: the migrations could not be read");
            Readiness::DatabaseUnreachable
        }
    }
}

/// Jobs, outgoing e-mails and forum topics by status.
pub async fn queue_counts(app: &App) -> Result<Vec<QueueCount>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(opo_store::operations::queue_counts(&mut conn).await?)
}
