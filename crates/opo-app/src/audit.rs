//! Reading the audit log.

use crate::{App, AppError};
pub use opo_store::audit::{AuditFilter, RecordedEntry};

pub async fn search(app: &App, filter: &AuditFilter) -> Result<Vec<RecordedEntry>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(opo_store::audit::search(&mut conn, filter).await?)
}
