//! `opo backup` and `opo restore` as an operator runs them: a backup taken while another process keeps
//! writing is consistent, and backup then restore yields the same data, table by table and row by row.

use opo_app::{Actor, App, Settings};
use opo_domain::applications::interest::InterestInput;
use opo_domain::clock::SystemClock;
use opo_store::Db;
use opo_store::backup::{dump_tables, open_read_only};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

fn opo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_opo"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("OPO_CONFIG")
        .env("OPO_LOG", "warn")
        .output()
        .expect("run opo")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

async fn dump(path: &Path) -> std::collections::BTreeMap<String, Vec<Vec<String>>> {
    let mut conn = open_read_only(path).await.expect("open");
    dump_tables(&mut conn).await.expect("dump")
}

fn interest(n: usize) -> InterestInput {
    InterestInput {
        organization: format!("Writer Org {n}"),
        contact_name: format!("Writer {n}"),
        contact_email: format!("writer{n}@writer.example"),
        message: "Written while a backup runs.".into(),
        ..Default::default()
    }
}

/// How many of the writer's organizations, and of their applications, a database holds: one
/// transaction writes both, so a consistent copy holds as many of one as of the other.
async fn writer_rows(path: &Path) -> (i64, i64) {
    let mut conn = open_read_only(path).await.expect("open");
    let organizations: i64 = sqlx::query_scalar("select count(*) from organizations where name like 'Writer Org %'")
        .fetch_one(&mut conn)
        .await
        .expect("count");
    let applications: i64 = sqlx::query_scalar(
        "select count(*) from applications where organization_id in \
         (select id from organizations where name like 'Writer Org %')",
    )
    .fetch_one(&mut conn)
    .await
    .expect("count");
    (organizations, applications)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_writing_restores_to_the_same_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let live = dir.path().join("data/opo.db");
    let demo = opo(dir.path(), &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo));

    // Some workflow rows beyond the demo data, then a writer that goes on writing in this process.
    let db = Db::connect(&format!("sqlite://{}", live.display())).await.expect("connect");
    let app = App::new(db.clone(), Arc::new(SystemClock), Settings::default());
    for n in 0..5 {
        opo_app::applications::express_interest(&app, &interest(n), &Actor::cli()).await.expect("interest");
    }
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(5));
    let writer = {
        let (app, stop, written) = (app.clone(), stop.clone(), written.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                let n = written.load(Ordering::SeqCst);
                opo_app::applications::express_interest(&app, &interest(n), &Actor::cli()).await.expect("interest");
                written.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    // Let the writer get going, then back up from another process while it writes.
    while written.load(Ordering::SeqCst) < 10 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let before = written.load(Ordering::SeqCst);
    let root = dir.path().to_owned();
    let backup =
        tokio::task::spawn_blocking(move || opo(&root, &["backup", "backups/during.db"])).await.expect("backup");
    let after = written.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.await.expect("writer");
    assert!(backup.status.success(), "{}", text(&backup));
    assert!(text(&backup).contains("tables"), "{}", text(&backup));

    let during = dir.path().join("backups/during.db");
    let (organizations, applications) = writer_rows(&during).await;
    assert_eq!(organizations, applications, "the copy holds whole transactions only");
    let held = usize::try_from(organizations).expect("count");
    assert!((before..=after).contains(&held), "the copy is a moment of the writing: {before} <= {held} <= {after}");

    // Restoring it into a new file gives back exactly what the backup holds.
    let restore = opo(dir.path(), &["restore", "backups/during.db", "--database-url", "sqlite://restored/one.db"]);
    assert!(restore.status.success(), "{}", text(&restore));
    let restored = dump(&dir.path().join("restored/one.db")).await;
    assert_eq!(restored, dump(&during).await);
    assert!(restored.len() > 20 && restored.values().all(|rows| rows.len() < 100_000), "{} tables", restored.len());

    // Now that the writer has stopped: backup then restore yields the live data, every table, every row.
    let quiet = opo(dir.path(), &["backup", "backups/quiet.db"]);
    assert!(quiet.status.success(), "{}", text(&quiet));
    let restore = opo(dir.path(), &["restore", "backups/quiet.db", "--database-url", "sqlite://restored/two.db"]);
    assert!(restore.status.success(), "{}", text(&restore));
    let restored = dump(&dir.path().join("restored/two.db")).await;
    let source = dump(&live).await;
    assert_eq!(restored.keys().collect::<Vec<_>>(), source.keys().collect::<Vec<_>>());
    for (table, rows) in &source {
        assert_eq!(&restored[table], rows, "table {table}");
    }
    assert!(source["applications"].len() >= after, "the writer's applications are in it");
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_refuses_to_overwrite_data_or_to_load_a_file_that_is_not_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(opo(dir.path(), &["demo"]).status.success());
    assert!(opo(dir.path(), &["backup", "b.db"]).status.success());
    let again = opo(dir.path(), &["backup", "b.db"]);
    assert!(!again.status.success() && text(&again).contains("already exists"), "{}", text(&again));

    // The live database holds data: replacing it needs --force, and then it is kept aside.
    let refused = opo(dir.path(), &["restore", "b.db"]);
    assert!(!refused.status.success(), "{}", text(&refused));
    assert!(text(&refused).contains("--force"), "{}", text(&refused));
    let before = dump(&dir.path().join("data/opo.db")).await;
    let add = opo(dir.path(), &["user", "add", "--email", "late@portal.example", "--name", "Late", "--role", "admin"]);
    assert!(add.status.success(), "{}", text(&add));
    let forced = opo(dir.path(), &["restore", "b.db", "--force"]);
    assert!(forced.status.success(), "{}", text(&forced));
    assert!(text(&forced).contains("is kept as"), "{}", text(&forced));
    assert_eq!(dump(&dir.path().join("data/opo.db")).await, before, "the account added after the backup is gone");
    let kept = std::fs::read_dir(dir.path().join("data"))
        .expect("list")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("opo.db.replaced-"))
        .expect("the replaced database is kept");
    let kept_users = dump(&kept.path()).await["users"].clone();
    assert!(kept_users.iter().flatten().any(|v| v.contains("late@portal.example")), "nothing is lost");

    // A file that is not an OPO Portal database is refused before anything is touched.
    std::fs::write(dir.path().join("notes.txt"), "not a database").expect("write");
    let bad = opo(dir.path(), &["restore", "notes.txt", "--database-url", "sqlite://fresh.db"]);
    assert!(!bad.status.success(), "{}", text(&bad));
    assert!(text(&bad).contains("is not an OPO Portal database"), "{}", text(&bad));
    assert!(!dir.path().join("fresh.db").exists());
    let missing = opo(dir.path(), &["restore", "nowhere.db", "--database-url", "sqlite://fresh.db"]);
    assert!(text(&missing).contains("there is no such file"), "{}", text(&missing));
}

#[test]
fn postgres_is_backed_up_with_its_own_tools() {
    let dir = tempfile::tempdir().expect("tempdir");
    let said = opo(dir.path(), &["backup", "x.dump", "--database-url", "postgres://nobody@127.0.0.1:1/none"]);
    assert!(!said.status.success());
    assert!(text(&said).contains("pg_dump --format=custom"), "{}", text(&said));
    assert!(!dir.path().join("x.dump").exists());
}
