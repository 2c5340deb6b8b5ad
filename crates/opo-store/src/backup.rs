//! Backups of the embedded (SQLite) database: a consistent copy taken while the service runs, the
//! checks a file must pass before it may replace the live database, and a dump of every table that
//! tells whether two databases hold the same data. PostgreSQL is backed up with its own tools
//! (`pg_dump`), which see a consistent snapshot by themselves.

use crate::{Backend, Db, StoreError};
use sqlx::{AnyConnection, Connection, Row};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What can stop a backup or a restore.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists: choose a new file name, a backup never overwrites a file")]
    TargetExists(PathBuf),
    #[error(
        "a PostgreSQL database is backed up with pg_dump: `pg_dump --format=custom --file=FILE DATABASE_URL`, \
         and restored with `pg_restore --clean --if-exists --no-owner --dbname=DATABASE_URL FILE` \
         (see docs/OPERATIONS.md)"
    )]
    Postgres,
    #[error("{path} is not an OPO Portal database: {reason}")]
    NotOpo { path: PathBuf, reason: String },
    #[error(
        "{path} was made by a newer version of OPO Portal (its migration {version} is unknown here): \
         restore it with that version or a later one"
    )]
    Newer { path: PathBuf, version: i64 },
    #[error("{0} holds a database already: pass --force to replace it (it is kept beside, renamed)")]
    NotEmpty(PathBuf),
    #[error("{action} {path}: {source}")]
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for BackupError {
    fn from(err: sqlx::Error) -> Self {
        Self::Store(err.into())
    }
}

/// What a checked backup file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// The last migration applied to it.
    pub schema_version: i64,
    /// Rows per table, by table name.
    pub rows: BTreeMap<String, usize>,
}

impl BackupInfo {
    pub fn total_rows(&self) -> usize {
        self.rows.values().sum()
    }
}

/// Copies the live SQLite database into `target`, a new file, with `VACUUM INTO`: SQLite writes the
/// copy from one read transaction, so it is consistent while other connections go on writing (WAL
/// lets them), and it holds no half-written transaction. Then the copy is checked like a restore would.
pub async fn backup_sqlite(db: &Db, target: &Path) -> Result<BackupInfo, BackupError> {
    if db.backend() == Backend::Postgres {
        return Err(BackupError::Postgres);
    }
    if target.exists() {
        return Err(BackupError::TargetExists(target.to_owned()));
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| BackupError::Io {
            action: "creating the folder",
            path: parent.to_owned(),
            source,
        })?;
    }
    let mut conn = db.read().await?;
    sqlx::query("vacuum into $1").bind(target.to_string_lossy().into_owned()).execute(&mut *conn).await?;
    drop(conn);
    check(target).await
}

/// Opens `path` read-only and checks that it is a sound OPO Portal database this version can run:
/// SQLite's integrity check passes, the migrations table is there, every migration in it succeeded
/// and none is newer than this version knows.
pub async fn check(path: &Path) -> Result<BackupInfo, BackupError> {
    let not_opo = |reason: &str| BackupError::NotOpo { path: path.to_owned(), reason: reason.to_owned() };
    if !path.is_file() {
        return Err(not_opo("there is no such file"));
    }
    let mut conn = open_read_only(path).await.map_err(|e| not_opo(&e.to_string()))?;
    let integrity: Vec<String> = sqlx::query_scalar("pragma integrity_check")
        .fetch_all(&mut conn)
        .await
        .map_err(|e| not_opo(&format!("it cannot be read as SQLite ({e})")))?;
    if integrity != ["ok"] {
        return Err(not_opo(&format!("the integrity check failed: {}", integrity.join("; "))));
    }
    let has_migrations: i64 =
        sqlx::query_scalar("select count(*) from sqlite_master where type = 'table' and name = '_sqlx_migrations'")
            .fetch_one(&mut conn)
            .await?;
    if has_migrations == 0 {
        return Err(not_opo("it has no migrations table"));
    }
    let applied: Vec<(i64, bool)> =
        sqlx::query("select version, case when success then 1 else 0 end from _sqlx_migrations order by version")
            .fetch_all(&mut conn)
            .await?
            .iter()
            .map(|row| Ok((row.try_get::<i64, _>(0)?, row.try_get::<i64, _>(1)? != 0)))
            .collect::<Result<_, sqlx::Error>>()?;
    if let Some((version, _)) = applied.iter().find(|(_, success)| !success) {
        return Err(not_opo(&format!("its migration {version} did not finish")));
    }
    let known = crate::db::migrator(Backend::Sqlite);
    if let Some((version, _)) = applied.iter().find(|(v, _)| !known.iter().any(|m| m.version == *v)) {
        return Err(BackupError::Newer { path: path.to_owned(), version: *version });
    }
    let Some((schema_version, _)) = applied.last().copied() else {
        return Err(not_opo("no migration was ever applied to it"));
    };
    let rows = dump_tables(&mut conn).await?.into_iter().map(|(table, rows)| (table, rows.len())).collect();
    conn.close().await?;
    Ok(BackupInfo { schema_version, rows })
}

/// Puts the backup `source` in place of the SQLite file `target`. The service must be stopped. A
/// `target` that holds a database is replaced only with `force`, and then kept beside as
/// `TARGET.replaced-UNIXTIME` (with whatever its write-ahead log held folded in first).
/// Returns what the restored file holds, and where the replaced one went.
pub async fn restore_sqlite(
    source: &Path,
    target: &Path,
    force: bool,
) -> Result<(BackupInfo, Option<PathBuf>), BackupError> {
    let info = check(source).await?;
    let io = |action: &'static str, path: &Path| {
        let path = path.to_owned();
        move |source| BackupError::Io { action, path, source }
    };
    let occupied = std::fs::metadata(target).map(|m| m.len() > 0).unwrap_or(false);
    if occupied && !force {
        return Err(BackupError::NotEmpty(target.to_owned()));
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io("creating the folder", parent))?;
    }
    // Copy next to the target first, so the final step is one rename on the same file system.
    let staging = sibling(target, "restoring");
    std::fs::copy(source, &staging).map_err(io("copying the backup to", &staging))?;
    let mut replaced = None;
    if target.exists() {
        // The old database may hold committed pages in its write-ahead log: fold them in, so the file
        // kept aside is complete, and the new file does not meet a stale log.
        if occupied {
            let mut conn = open(target, "rw").await?;
            sqlx::query("pragma wal_checkpoint(truncate)").execute(&mut conn).await?;
            conn.close().await?;
        }
        let aside = sibling(target, &format!("replaced-{}", unix_now()));
        std::fs::rename(target, &aside).map_err(io("moving the replaced database to", &aside))?;
        replaced = Some(aside);
    }
    for suffix in ["-wal", "-shm"] {
        let stale = PathBuf::from(format!("{}{suffix}", target.display()));
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(io("removing", &stale))?;
        }
    }
    std::fs::rename(&staging, target).map_err(io("moving the restored database to", target))?;
    Ok((info, replaced))
}

/// Every row of every table of a SQLite database, each value as SQLite's `quote()` writes it (so
/// text, numbers, blobs and NULL stay apart), rows sorted: two databases hold the same data exactly
/// when their dumps are equal.
pub async fn dump_tables(conn: &mut AnyConnection) -> Result<BTreeMap<String, Vec<Vec<String>>>, StoreError> {
    let tables: Vec<String> = sqlx::query_scalar(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut dump = BTreeMap::new();
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar("select name from pragma_table_info($1) order by cid")
            .bind(&table)
            .fetch_all(&mut *conn)
            .await?;
        if columns.is_empty() {
            continue;
        }
        let quoted: Vec<String> = columns.iter().map(|c| format!("quote({})", ident(c))).collect();
        let sql = format!("select {} from {}", quoted.join(", "), ident(&table));
        let mut rows: Vec<Vec<String>> = sqlx::query(&sql)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|row| (0..columns.len()).map(|i| row.try_get::<String, _>(i)).collect())
            .collect::<Result<_, sqlx::Error>>()?;
        rows.sort();
        dump.insert(table, rows);
    }
    Ok(dump)
}

/// The SQLite file behind a `sqlite://FILE` address.
pub fn sqlite_path(database_url: &str) -> Option<PathBuf> {
    let rest = database_url.strip_prefix("sqlite:")?.trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// A connection to the SQLite file at `path` that can only read.
pub async fn open_read_only(path: &Path) -> Result<AnyConnection, StoreError> {
    open(path, "ro").await
}

async fn open(path: &Path, mode: &str) -> Result<AnyConnection, StoreError> {
    sqlx::any::install_default_drivers();
    Ok(AnyConnection::connect(&format!("sqlite://{}?mode={mode}", path.display())).await?)
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}.{suffix}", path.display()))
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_sqlite_address_is_found() {
        assert_eq!(sqlite_path("sqlite://data/opo.db"), Some(PathBuf::from("data/opo.db")));
        assert_eq!(sqlite_path("sqlite:///var/lib/opo/opo.db?mode=rwc"), Some(PathBuf::from("/var/lib/opo/opo.db")));
        assert_eq!(sqlite_path("postgres://u@h/db"), None);
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }

    #[test]
    fn names_are_quoted_as_identifiers() {
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
    }
}
