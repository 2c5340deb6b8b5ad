//! `opo backup` and `opo restore`: the commands around the store's backup functions, and what they
//! tell the operator.

use crate::config::Config;
use anyhow::Context;
use opo_store::Db;
use opo_store::backup::{self, BackupError, BackupInfo};
use std::path::Path;

/// Copies the configured database into `target` while the service may keep running.
pub async fn backup(config: &Config, target: &Path) -> anyhow::Result<()> {
    if !config.database_url.starts_with("sqlite:") {
        return Err(BackupError::Postgres.into());
    }
    let db = Db::connect(&config.database_url)
        .await
        .with_context(|| format!("connecting to {}", config.database_url_redacted()))?;
    let result = backup::backup_sqlite(&db, target).await;
    db.close().await;
    let info = result?;
    println!("Backed up {} to {}: {}.", config.database_url_redacted(), target.display(), summary(&info));
    Ok(())
}

/// Replaces the configured SQLite database with the backup `source`; the service must be stopped.
pub async fn restore(config: &Config, source: &Path, force: bool) -> anyhow::Result<()> {
    let Some(target) = backup::sqlite_path(&config.database_url) else {
        return Err(BackupError::Postgres.into());
    };
    let (info, replaced) = backup::restore_sqlite(source, &target, force).await?;
    if let Some(aside) = replaced {
        println!("The database that was at {} is kept as {}.", target.display(), aside.display());
    }
    println!("Restored {} into {}: {}.", source.display(), target.display(), summary(&info));
    println!("`opo serve` (or `opo migrate`) applies any migration newer than the backup.");
    Ok(())
}

fn summary(info: &BackupInfo) -> String {
    format!("{} tables, {} rows, schema version {}", info.rows.len(), info.total_rows(), info.schema_version)
}
