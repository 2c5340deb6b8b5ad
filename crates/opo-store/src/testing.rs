//! Fresh databases for tests: a SQLite file in a temporary folder, and a new PostgreSQL database per
//! test. The PostgreSQL server is the one at `OPO_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`); `OPO_TEST_POSTGRES=off` leaves PostgreSQL out, and
//! the tests say so on standard error.

use crate::{Backend, Db};
use sqlx::{Connection, Executor};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub fn backend(&self) -> Backend {
        self.db.backend()
    }
}

/// The PostgreSQL server tests use, or `None` when PostgreSQL is switched off.
pub fn postgres_admin_url() -> Option<String> {
    if std::env::var("OPO_TEST_POSTGRES").is_ok_and(|v| v == "off" || v == "0") {
        static SAID: OnceLock<()> = OnceLock::new();
        SAID.get_or_init(|| eprintln!("OPO_TEST_POSTGRES=off: the PostgreSQL half of the tests is left out"));
        return None;
    }
    Some(
        std::env::var("OPO_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned()),
    )
}

/// An empty, unmigrated SQLite database in its own folder.
pub async fn sqlite_url() -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("opo.db").display());
    (url, dir)
}

/// The address of a new, empty PostgreSQL database.
pub async fn postgres_url(admin: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    static SWEPT: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(admin).await.expect("PostgreSQL for tests (see OPO_TEST_POSTGRES_URL)");
    SWEPT.get_or_init(|| sweep_abandoned(admin)).await;
    let name = format!("opo_t_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    conn.execute(format!("drop database if exists {name}").as_str()).await.expect("drop old test database");
    conn.execute(format!("create database {name}").as_str()).await.expect("create test database");
    conn.close().await.ok();
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    format!("{base}/{name}")
}

/// Drops the test databases of test processes that are no longer running.
async fn sweep_abandoned(admin: &str) {
    let Ok(mut conn) = sqlx::AnyConnection::connect(admin).await else { return };
    let names: Vec<String> = sqlx::query_scalar("select datname from pg_database where datname like 'opo_t_%'")
        .fetch_all(&mut conn)
        .await
        .unwrap_or_default();
    for name in names {
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists());
        if !alive {
            conn.execute(format!("drop database if exists {name} with (force)").as_str()).await.ok();
        }
    }
}

/// A migrated SQLite database.
pub async fn sqlite() -> TestDb {
    let (url, dir) = sqlite_url().await;
    let db = Db::connect(&url).await.expect("connect to SQLite");
    db.migrate().await.expect("migrate SQLite");
    TestDb { db, url, _dir: Some(dir) }
}

/// A migrated PostgreSQL database.
pub async fn postgres(admin: &str) -> TestDb {
    let url = postgres_url(admin).await;
    let db = Db::connect(&url).await.expect("connect to PostgreSQL");
    db.migrate().await.expect("migrate PostgreSQL");
    TestDb { db, url, _dir: None }
}

/// A migrated database on each backend under test: SQLite, then PostgreSQL.
pub async fn each_backend() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    if let Some(admin) = postgres_admin_url() {
        dbs.push(postgres(&admin).await);
    }
    dbs
}
