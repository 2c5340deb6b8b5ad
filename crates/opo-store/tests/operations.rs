//! What the probes read from the database, on SQLite and PostgreSQL: whether every migration is
//! applied, and the queues by status.

use opo_store::Db;
use opo_store::operations::{migrations_applied, queue_counts};
use opo_store::testing::{postgres_admin_url, postgres_url, sqlite_url};

async fn unmigrated() -> Vec<(Db, Option<tempfile::TempDir>)> {
    let (url, dir) = sqlite_url().await;
    let mut dbs = vec![(Db::connect(&url).await.expect("sqlite"), Some(dir))];
    if let Some(admin) = postgres_admin_url() {
        dbs.push((Db::connect(&postgres_url(&admin).await).await.expect("postgres"), None));
    }
    dbs
}

#[tokio::test]
async fn a_database_is_ready_only_once_every_migration_is_applied() {
    for (db, _dir) in unmigrated().await {
        assert!(!migrations_applied(&db).await.expect("asked"), "{:?}: nothing applied yet", db.backend());
        db.migrate().await.expect("migrate");
        assert!(migrations_applied(&db).await.expect("asked"), "{:?}", db.backend());

        let mut conn = db.read().await.expect("conn");
        assert!(queue_counts(&mut conn).await.expect("counts").is_empty(), "empty queues have no rows");
        drop(conn);
        db.close().await;
    }
}
