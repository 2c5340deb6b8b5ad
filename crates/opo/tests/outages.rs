//! `opo serve` through outages: the SQLite disk filling up (a clear 507 problem, nothing half written,
//! the database intact, writes resume once there is room), PostgreSQL cutting every connection of the
//! service under load (503 problems, then recovery without a restart), and the SMTP server down for a
//! while (the mail waits in the outbox and goes out once, when it is back).

mod support;

use opo_app::testing::SmtpServer;
use sqlx::{AnyConnection, Connection};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::{Server, interest, loopback, request};

async fn connect(url: &str) -> AnyConnection {
    sqlx::any::install_default_drivers();
    AnyConnection::connect(url).await.expect("connect to the database")
}

/// A 4 MiB tmpfs mounted on `dir`, or `None` where mounting is not allowed (not root).
struct SmallDisk<'a>(&'a Path);

impl<'a> SmallDisk<'a> {
    fn mount(dir: &'a Path) -> Option<Self> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Self(dir))
    }
}

impl Drop for SmallDisk<'_> {
    fn drop(&mut self) {
        Command::new("umount").arg(self.0).status().ok();
    }
}

/// Fills the disk under `dir` with one file, to the last byte.
fn fill(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).expect("filler");
    let block = vec![0_u8; 4096];
    while file.write_all(&block).and_then(|()| file.sync_all()).is_ok() {}
    let mut byte = [0_u8; 1];
    while file.write_all(&byte).is_ok() {
        byte[0] = 1;
    }
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_with_a_clear_problem_and_corrupts_nothing() {
    let root = tempfile::tempdir().expect("tempdir");
    let Some(_disk) = SmallDisk::mount(root.path()) else {
        eprintln!("mounting a tmpfs needs root: the full-disk test is left out");
        return;
    };
    let url = format!("sqlite://{}", root.path().join("opo.db").display());
    let smtp = SmtpServer::start();
    let server = Server::start(root.path(), &url, smtp.port).await;
    let write = |n: u64| async move {
        request(server.port, Some(loopback(1_000_000 + n)), "POST", "/api/v1/interest", Some(&interest(1_000_000 + n)))
            .await
            .expect("an answer")
    };
    assert_eq!(write(0).await.0, 201, "a write with room to spare");

    let filler = fill(root.path());
    let mut refused = 0;
    let mut stored_while_full = Vec::new();
    let started = Instant::now();
    for n in 1..=20 {
        let (status, body) = write(n).await;
        match status {
            201 => stored_while_full.push(n),
            507 => {
                assert!(body.contains(r#""type""#) && body.contains("storage"), "{body}");
                refused += 1;
            }
            other => panic!("a full disk answered {other}: {body}"),
        }
    }
    eprintln!(
        "disk full: {refused} of 20 writes refused with 507 in {} ms, {} still fitted in free pages",
        started.elapsed().as_millis(),
        stored_while_full.len()
    );
    assert!(refused > 0, "the disk never filled up");

    // Room again: the same process takes writes again, without a restart.
    std::fs::remove_file(&filler).expect("make room");
    let recovered = Instant::now();
    let (status, body) = write(100).await;
    assert_eq!(status, 201, "{body}");
    eprintln!("writes resumed {} ms after room was made", recovered.elapsed().as_millis());
    server.kill();

    let mut conn = connect(&url).await;
    let verdict: String = sqlx::query_scalar("pragma integrity_check").fetch_one(&mut conn).await.expect("check");
    assert_eq!(verdict, "ok");
    let names: Vec<String> = sqlx::query_scalar("select name from organizations where name like 'Crash Org %'")
        .fetch_all(&mut conn)
        .await
        .expect("names");
    let halves: i64 = sqlx::query_scalar(
        "select count(*) from organizations o where o.name like 'Crash Org %' and \
         not exists (select 1 from applications a where a.organization_id = o.id)",
    )
    .fetch_one(&mut conn)
    .await
    .expect("halves");
    conn.close().await.ok();
    assert_eq!(halves, 0, "a refused write left half its rows");
    assert_eq!(names.len(), 2 + stored_while_full.len(), "{names:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_cutting_the_connections_gives_503_and_the_service_recovers_by_itself() {
    let Some(admin) = opo_store::testing::postgres_admin_url() else { return };
    let url = opo_store::testing::postgres_url(&admin).await;
    let database = url.rsplit('/').next().expect("name").to_owned();
    let smtp = SmtpServer::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &url, smtp.port).await;
    let port = server.port;

    // What a restart of the database server does to this service's connections: each one is cut
    // (SQLSTATE 57P01, then a closed socket). Here only this test's database is cut, again and again
    // for 2 seconds, so that the other users of the PostgreSQL server are left alone; the stop of the
    // whole server is in the crash harness (`OPO_CRASH_PG_STOP`).
    let cutter = tokio::spawn(async move {
        let mut conn = connect(&admin).await;
        let until = Instant::now() + Duration::from_secs(2);
        while Instant::now() < until {
            sqlx::query(&format!(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = '{database}' and pid <> pg_backend_pid()"
            ))
            .execute(&mut conn)
            .await
            .expect("terminate");
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
        Instant::now()
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (mut ok, mut unavailable, mut n) = (0, 0, 0_u64);
    while !cutter.is_finished() {
        n += 1;
        let (status, body) =
            request(port, Some(loopback(2_000_000 + n)), "POST", "/api/v1/interest", Some(&interest(2_000_000 + n)))
                .await
                .expect("an answer");
        match status {
            201 => ok += 1,
            503 => {
                assert!(body.contains(r#""type""#) && body.contains("unavailable"), "{body}");
                unavailable += 1;
            }
            other => panic!("during the outage: {other} {body}"),
        }
    }
    let reopened = cutter.await.expect("cutter");
    let recovered = loop {
        n += 1;
        let (status, body) =
            request(port, Some(loopback(2_000_000 + n)), "POST", "/api/v1/interest", Some(&interest(2_000_000 + n)))
                .await
                .expect("an answer");
        if status == 201 {
            break reopened.elapsed();
        }
        assert_eq!(status, 503, "{body}");
        assert!(reopened.elapsed() < Duration::from_secs(30), "no recovery within 30 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    eprintln!(
        "PostgreSQL cut for 2 s: {unavailable} requests answered 503, {ok} got through; the first write \
         succeeded {} ms after the last cut",
        recovered.as_millis()
    );
    assert!(unavailable > 0, "the outage was not seen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_written_while_smtp_is_down_goes_out_once_when_it_is_back() {
    let (url, _db_dir) = opo_store::testing::sqlite_url().await;
    let mut smtp = SmtpServer::start();
    smtp.stop();
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &url, smtp.port).await;
    for n in 0..5 {
        let (status, body) = request(
            server.port,
            Some(loopback(3_000_000 + n)),
            "POST",
            "/api/v1/interest",
            Some(&interest(3_000_000 + n)),
        )
        .await
        .expect("an answer");
        assert_eq!(status, 201, "writes do not wait for the mail: {body}");
    }
    let mut conn = connect(&url).await;
    let queued = Instant::now();
    let deadline = queued + Duration::from_secs(30);
    // The worker tries, fails, and keeps every message for later.
    loop {
        let tried: i64 =
            sqlx::query_scalar("select count(*) from outbox_emails where status = 'pending' and attempts >= 1")
                .fetch_one(&mut conn)
                .await
                .expect("tried");
        let total: i64 =
            sqlx::query_scalar("select count(*) from outbox_emails").fetch_one(&mut conn).await.expect("all");
        if tried == total && total > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the worker did not try the messages");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let outage = Duration::from_secs(5);
    tokio::time::sleep(outage.saturating_sub(queued.elapsed())).await;
    smtp.restart();
    let back = Instant::now();
    let total: i64 = sqlx::query_scalar("select count(*) from outbox_emails").fetch_one(&mut conn).await.expect("all");
    let deadline = back + Duration::from_secs(120);
    loop {
        let sent: i64 = sqlx::query_scalar("select count(*) from outbox_emails where status = 'sent'")
            .fetch_one(&mut conn)
            .await
            .expect("sent");
        if sent == total {
            break;
        }
        assert!(Instant::now() < deadline, "only {sent} of {total} sent 120 s after SMTP came back");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let delivered = back.elapsed();
    conn.close().await.ok();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let received = smtp.received();
    eprintln!(
        "SMTP down for {} s: {total} messages queued, all sent {} s after it came back (the first retry waits \
         30 s), {} received",
        outage.as_secs(),
        delivered.as_secs(),
        received.len()
    );
    assert_eq!(usize::try_from(total).expect("count"), received.len(), "each message exactly once");
    drop(server);
}
