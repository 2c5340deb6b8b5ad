//! Connecting to SQLite or PostgreSQL, migrating, and opening write transactions.

use crate::StoreError;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, Executor};
use std::path::Path;
use std::str::FromStr;
use std::sync::Once;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The migrations this version knows for `backend`.
pub(crate) fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// A connection borrowed from the pool, or the inside of a transaction (`&mut *tx`).
pub type Conn = sqlx::AnyConnection;
/// A write transaction: commit it or it rolls back when dropped.
pub type Tx = sqlx::Transaction<'static, Any>;

/// Which database engine sits behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// The database: a pool plus the knowledge of which engine it talks to.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    /// Connects to `url`: `sqlite://path/to/file.db` (the file and its folder are created) or
    /// `postgres://user@host:port/db`.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(sqlx::any::install_default_drivers);

        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::BadUrl("DATABASE_URL must start with sqlite:// or postgres://".to_owned()));
        };
        let url = match backend {
            Backend::Sqlite => prepare_sqlite(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url).map_err(|e| StoreError::BadUrl(e.to_string()))?;
        let pool = match backend {
            // One writer at a time is SQLite's rule; readers share the WAL. The pragmas are per connection.
            Backend::Sqlite => {
                AnyPoolOptions::new()
                    .max_connections(8)
                    // A commit refused for a full disk makes SQLite roll the transaction back by
                    // itself; sqlx's own rollback then fails and the connection would come back still
                    // counting an open transaction, failing every later `begin`. Such a connection is
                    // closed rather than reused.
                    .after_release(|conn, _meta| {
                        Box::pin(async move {
                            use sqlx::TransactionManager as _;
                            Ok(<Any as sqlx::Database>::TransactionManager::get_transaction_depth(conn) == 0)
                        })
                    })
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(
                                "pragma journal_mode = wal; pragma synchronous = normal; \
                             pragma foreign_keys = on; pragma busy_timeout = 5000;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?
            }
        };
        Ok(Self { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the migrations not applied yet. On PostgreSQL sqlx holds an advisory lock meanwhile, so
    /// instances starting together take turns instead of racing.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// A connection for reading.
    pub async fn read(&self) -> Result<sqlx::pool::PoolConnection<Any>, StoreError> {
        Ok(self.pool.acquire().await?)
    }

    /// Opens a write transaction. On SQLite it takes the write lock at once (`begin immediate`), so a
    /// transaction that reads before it writes cannot fail half-way on a busy snapshot.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("begin immediate").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(tx)
    }

    /// Runs a trivial query: is the database there?
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Keeps the query planner's statistics fresh. SQLite has no autovacuum to do it: without
    /// `sqlite_stat1` it picks an index by its shape alone and, on a large site, walks the posts index
    /// for a partner's profile instead of looking its few posts up. `optimize` analyzes only the tables
    /// that changed enough since the last run, reading at most a sample of each (`analysis_limit`), so
    /// it is cheap to run at start and then every few hours. PostgreSQL's autovacuum already does this.
    pub async fn optimize(&self) -> Result<(), StoreError> {
        if self.backend == Backend::Sqlite {
            let mut conn = self.pool.acquire().await?;
            conn.execute("pragma analysis_limit = 1000; pragma optimize = 0x10002;").await?;
        }
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Makes sure the folder of a SQLite file exists and the file is created on first use.
fn prepare_sqlite(url: &str) -> Result<String, StoreError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" {
        return Err(StoreError::BadUrl("a SQLite database needs a file path".to_owned()));
    }
    if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|source| StoreError::DataDir { path: parent.display().to_string(), source })?;
    }
    let query = if query.split('&').any(|kv| kv.starts_with("mode=")) {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sqlite_url_gets_create_mode_unless_it_sets_a_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a/b/opo.db");
        let url = format!("sqlite://{}", file.display());
        assert_eq!(prepare_sqlite(&url).ok(), Some(format!("{url}?mode=rwc")));
        assert!(file.parent().is_some_and(Path::exists), "the folder is created");
        let ro = format!("sqlite://{}?mode=ro", file.display());
        assert_eq!(prepare_sqlite(&ro).ok(), Some(ro));
    }

    #[test]
    fn a_sqlite_url_without_a_file_is_refused() {
        assert!(matches!(prepare_sqlite("sqlite://"), Err(StoreError::BadUrl(_))));
        assert!(matches!(prepare_sqlite("sqlite::memory:"), Err(StoreError::BadUrl(_))));
    }
}
