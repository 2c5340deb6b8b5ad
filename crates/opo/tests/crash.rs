//! Crash safety of `opo serve`: clients write through the API while the server is killed with SIGKILL
//! at random moments: expressions of interest, showcase posts written and published, and applications
//! taken through the workflow to the applicant's signature and the committee's votes (and, on
//! PostgreSQL, while the database itself is stopped with `-m immediate` in some cycles). After each restart every acknowledged write must be there, the database must pass its
//! integrity checks and every write's e-mail must be in the outbox; at the end the outbox is drained
//! and the SMTP server's mailbox must hold every message, a duplicate only where a kill cut a delivery
//! between the SMTP server's acceptance and the outbox's record of it.
//!
//! `OPO_CRASH_CYCLES` (default 10) sets the SQLite cycles, `OPO_CRASH_PG_CYCLES` (default 3) the
//! PostgreSQL ones, and `OPO_CRASH_PG_STOP=N` stops PostgreSQL every Nth PostgreSQL cycle (needs
//! `pg_ctlcluster`, root, and stops the whole cluster: only for a run on a machine of one's own).

mod support;

use opo_app::testing::SmtpServer;
use sqlx::{AnyConnection, Connection};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::workflow::{self, Acked};
use support::{Rng, Server, bare_address, interest, loopback, request};

const CLIENTS: usize = 4;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// What the clients saw in one cycle.
#[derive(Default)]
struct Seen {
    acked: Vec<(u64, Instant)>,
    unavailable: usize,
    server_errors: Vec<String>,
    cut: usize,
}

/// Figures of a whole run.
#[derive(Default, Debug)]
struct Tally {
    cycles: usize,
    acknowledged: usize,
    found: usize,
    unacknowledged_attempts: usize,
    unavailable_503: usize,
    pg_stops: usize,
    pg_start_ms: Vec<u128>,
    recoveries_ms: Vec<u128>,
    enqueued: usize,
    sent: usize,
    received: usize,
    duplicated: usize,
    missing: usize,
    leases_cut: usize,
    signatures_acknowledged: usize,
    signatures_found: usize,
    votes_acknowledged: usize,
    votes_found: usize,
    posts_acknowledged: usize,
    posts_found: usize,
    published_acknowledged: usize,
    published_found: usize,
    applications_through_the_committee: usize,
}

async fn connect(url: &str) -> AnyConnection {
    sqlx::any::install_default_drivers();
    AnyConnection::connect(url).await.expect("connect to the database")
}

/// The numbers of the crash organizations stored, and the addresses the outbox holds mail for.
async fn stored(url: &str) -> (BTreeSet<u64>, BTreeSet<String>) {
    let mut conn = connect(url).await;
    let names: Vec<String> = sqlx::query_scalar("select name from organizations where name like 'Crash Org %'")
        .fetch_all(&mut conn)
        .await
        .expect("organizations");
    let addresses: Vec<String> =
        sqlx::query_scalar("select to_address from outbox_emails").fetch_all(&mut conn).await.expect("outbox");
    conn.close().await.ok();
    let numbers = names.iter().filter_map(|n| n.strip_prefix("Crash Org ")?.parse().ok()).collect();
    (numbers, addresses.iter().map(|a| bare_address(a)).collect())
}

/// SQLite's own checks, or, on PostgreSQL, that what one transaction writes is there whole: every
/// crash organization has its application and its contact's account.
async fn check_integrity(url: &str) {
    let mut conn = connect(url).await;
    if url.starts_with("sqlite") {
        let verdict: String =
            sqlx::query_scalar("pragma integrity_check").fetch_one(&mut conn).await.expect("integrity_check");
        assert_eq!(verdict, "ok");
        let broken: Vec<String> = sqlx::query_scalar("select \"table\" from pragma_foreign_key_check")
            .fetch_all(&mut conn)
            .await
            .expect("fk");
        assert!(broken.is_empty(), "foreign keys broken in {broken:?}");
    }
    let halves: i64 = sqlx::query_scalar(
        "select count(*) from organizations o where o.name like 'Crash Org %' and \
         (not exists (select 1 from applications a where a.organization_id = o.id) \
          or not exists (select 1 from users u where u.organization_id = o.id))",
    )
    .fetch_one(&mut conn)
    .await
    .expect("consistency");
    assert_eq!(halves, 0, "an organization was stored without its application or contact");
    conn.close().await.ok();
}

/// Every post, publication, signature and vote the server acknowledged is stored, and the workflow
/// clients met no answer other than success, 503 or a cut connection.
async fn check_workflow(url: &str, flows: &Acked, cycle: usize) -> workflow::Found {
    assert!(flows.errors.is_empty(), "cycle {cycle}: workflow errors, the first: {:?}", flows.errors.first());
    let found = workflow::stored(url, flows).await;
    assert_eq!(found.signatures, flows.signatures.len(), "cycle {cycle}: acknowledged signatures lost");
    assert_eq!(found.votes, flows.votes.len(), "cycle {cycle}: acknowledged votes lost");
    assert_eq!(found.posts, flows.posts.len(), "cycle {cycle}: acknowledged posts lost");
    assert_eq!(found.published, flows.published.len(), "cycle {cycle}: acknowledged publications lost");
    found
}

fn pg_cluster(action: &str) {
    let mut args = vec!["--skip-systemctl-redirect", "15", "main", action];
    if action == "stop" {
        args.extend(["-m", "immediate"]);
    }
    let status = std::process::Command::new("pg_ctlcluster").args(&args).status().expect("pg_ctlcluster");
    if action == "stop" {
        assert!(status.success(), "pg_ctlcluster stop");
        return;
    }
    // After an immediate stop PostgreSQL replays its log and syncs its data folder, which can take
    // longer than `pg_ctl`'s own 60 s wait on a machine with many databases: wait for it here.
    let deadline = Instant::now() + Duration::from_secs(600);
    while !pg_ready() {
        assert!(Instant::now() < deadline, "PostgreSQL did not come back within 10 minutes");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn pg_ready() -> bool {
    std::process::Command::new("pg_isready").args(["-q", "-h", "127.0.0.1"]).status().is_ok_and(|s| s.success())
}

/// Clients writing until they are stopped; each write comes from its own loopback address.
fn spawn_clients(port: u16, counter: Arc<AtomicU64>, seen: Arc<Mutex<Seen>>) -> Vec<tokio::task::JoinHandle<()>> {
    (0..CLIENTS)
        .map(|_| {
            let (counter, seen) = (counter.clone(), seen.clone());
            tokio::spawn(async move {
                loop {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let answer = request(port, Some(loopback(n)), "POST", "/api/v1/interest", Some(&interest(n))).await;
                    // A short breath between writes keeps the outbox small enough to drain at the end.
                    let pause = if answer.is_none() { 20 } else { 10 };
                    {
                        let mut seen = seen.lock().expect("lock");
                        match answer {
                            Some((201, _)) => seen.acked.push((n, Instant::now())),
                            Some((503, body)) => {
                                assert!(body.contains("\"type\""), "a 503 without a problem body: {body}");
                                seen.unavailable += 1;
                            }
                            Some((status, body)) => seen.server_errors.push(format!("{status}: {body}")),
                            None => seen.cut += 1,
                        }
                    }
                    tokio::time::sleep(Duration::from_millis(pause)).await;
                }
            })
        })
        .collect()
}

async fn run(url: &str, cycles: usize, pg_stop_every: Option<usize>) -> Tally {
    let smtp = SmtpServer::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rng = Rng::seeded();
    let counter = Arc::new(AtomicU64::new(0));
    let mut acknowledged = BTreeSet::new();
    let mut tally = Tally::default();
    let staff = workflow::staff(url).await;
    let flows = Arc::new(Mutex::new(Acked::default()));
    for cycle in 0..cycles {
        let server = Server::start(dir.path(), url, smtp.port).await;
        let acked = flows.lock().expect("lock").clone();
        check_workflow(url, &acked, cycle).await;
        // What the previous cycles acknowledged survived their kills.
        let (numbers, addresses) = stored(url).await;
        let lost: Vec<_> = acknowledged.difference(&numbers).collect();
        assert!(lost.is_empty(), "cycle {cycle}: acknowledged writes lost: {lost:?}");
        let unmailed: Vec<_> =
            acknowledged.iter().filter(|n| !addresses.contains(&format!("w{n}@crash.example"))).collect();
        assert!(unmailed.is_empty(), "cycle {cycle}: acknowledged writes without their e-mail: {unmailed:?}");
        check_integrity(url).await;

        let seen = Arc::new(Mutex::new(Seen::default()));
        let mut clients = spawn_clients(server.port, counter.clone(), seen.clone());
        clients.push(workflow::spawn(server.port, url, staff.clone(), counter.clone(), flows.clone()));
        tokio::time::sleep(Duration::from_millis(50 + rng.below(1500))).await;
        if pg_stop_every.is_some_and(|every| cycle % every == every - 1) {
            // The database stops hard under load: requests fail with 503 and, once it is back, the
            // same server process recovers without help.
            pg_cluster("stop");
            tally.pg_stops += 1;
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let started = Instant::now();
            pg_cluster("start");
            let back = started.elapsed();
            tally.pg_start_ms.push(back.as_millis());
            let deadline = Instant::now() + Duration::from_secs(60);
            let recovered = loop {
                let ready = started + back;
                let late = seen.lock().expect("lock").acked.iter().any(|(_, at)| *at > ready);
                if late {
                    break ready.elapsed();
                }
                assert!(Instant::now() < deadline, "no write succeeded within 60 s of PostgreSQL's return");
                tokio::time::sleep(Duration::from_millis(20)).await;
            };
            tally.recoveries_ms.push(recovered.as_millis());
            tokio::time::sleep(Duration::from_millis(rng.below(500))).await;
        }
        server.kill();
        for client in clients {
            client.abort();
            client.await.ok();
        }
        let seen = std::mem::take(&mut *seen.lock().expect("lock"));
        assert!(
            seen.server_errors.is_empty(),
            "cycle {cycle}: {} errors other than 503, the first: {:?}",
            seen.server_errors.len(),
            seen.server_errors.first()
        );
        acknowledged.extend(seen.acked.iter().map(|(n, _)| *n));
        tally.unacknowledged_attempts += seen.unavailable + seen.cut;
        tally.unavailable_503 += seen.unavailable;
        tally.cycles += 1;
        if tally.cycles % 25 == 0 {
            eprintln!("{} cycles, {} writes acknowledged so far", tally.cycles, acknowledged.len());
        }
        if tally.pg_stops > 0 && !pg_ready() {
            panic!("PostgreSQL did not come back");
        }
    }

    // The last restart: the server takes over the messages that killed servers had leased (their
    // five-minute lease is ended here rather than waited out) and drains the outbox.
    let server = Server::start(dir.path(), url, smtp.port).await;
    let (numbers, _) = stored(url).await;
    assert!(acknowledged.is_subset(&numbers), "acknowledged writes lost");
    check_integrity(url).await;
    {
        let flows = flows.lock().expect("lock").clone();
        let found = check_workflow(url, &flows, cycles).await;
        (tally.signatures_found, tally.votes_found) = (found.signatures, found.votes);
        (tally.posts_found, tally.published_found) = (found.posts, found.published);
        tally.signatures_acknowledged = flows.signatures.len();
        tally.votes_acknowledged = flows.votes.len();
        tally.posts_acknowledged = flows.posts.len();
        tally.published_acknowledged = flows.published.len();
        tally.applications_through_the_committee = flows.completed;
    }
    let mut conn = connect(url).await;
    let leased: i64 =
        sqlx::query_scalar("select count(*) from outbox_emails where status = 'pending' and locked_until is not null")
            .fetch_one(&mut conn)
            .await
            .expect("leased");
    sqlx::query("update outbox_emails set locked_until = null where status = 'pending'")
        .execute(&mut conn)
        .await
        .expect("end the leases");
    // A long run leaves tens of thousands of messages: the drain may take as long as it keeps going.
    let (mut last, mut moved) = (i64::MAX, Instant::now());
    loop {
        let pending: i64 = sqlx::query_scalar("select count(*) from outbox_emails where status <> 'sent'")
            .fetch_one(&mut conn)
            .await
            .expect("pending");
        if pending == 0 {
            break;
        }
        if pending < last {
            (last, moved) = (pending, Instant::now());
        }
        assert!(moved.elapsed() < Duration::from_secs(60), "{pending} messages unsent, none sent for 60 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let rows: Vec<(String, String)> =
        sqlx::query_as("select to_address, status from outbox_emails").fetch_all(&mut conn).await.expect("outbox");
    conn.close().await.ok();
    drop(server);

    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for (to, _) in &rows {
        *expected.entry(bare_address(to)).or_default() += 1;
    }
    // The SMTP server writes each message as one file once it has accepted it: wait until the
    // mailbox stops growing.
    let mut received = smtp.received();
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let again = smtp.received();
        if again.len() == received.len() {
            break;
        }
        received = again;
    }
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    for message in &received {
        *got.entry(bare_address(&message.to)).or_default() += 1;
    }
    for (to, want) in &expected {
        let have = got.get(to).copied().unwrap_or(0);
        tally.missing += want.saturating_sub(have);
        tally.duplicated += have.saturating_sub(*want);
    }
    tally.acknowledged = acknowledged.len();
    tally.found = acknowledged.intersection(&numbers).count();
    tally.enqueued = rows.len();
    tally.sent = rows.iter().filter(|(_, status)| status == "sent").count();
    tally.received = received.len();
    tally.leases_cut = usize::try_from(leased).unwrap_or(0);
    assert!(tally.acknowledged > 0, "no write was acknowledged at all");
    assert!(
        tally.signatures_acknowledged > 0 && tally.votes_acknowledged > 0 && tally.published_acknowledged > 0,
        "the workflow never got as far: {tally:?}"
    );
    assert_eq!(tally.missing, 0, "messages lost: {tally:?}");
    assert!(tally.duplicated <= tally.leases_cut, "more duplicates than deliveries a kill could have cut: {tally:?}");
    tally
}

fn report(backend: &str, tally: &Tally) {
    eprintln!(
        "{backend}: {} cycles, {} writes acknowledged, {} found, {} attempts not acknowledged ({} answered 503), \
         {} PostgreSQL stops (PostgreSQL ready again after {:?} ms, the service writing again {:?} ms later); e-mail: {} enqueued, {} sent, {} received, {} duplicated, \
         {} missing, {} leases cut by a kill; workflow: {} posts acknowledged, {} found, {} publications \
         acknowledged, {} found, {} signatures acknowledged, {} found, {} votes acknowledged, {} found, {} \
         applications taken through the committee",
        tally.cycles,
        tally.acknowledged,
        tally.found,
        tally.unacknowledged_attempts,
        tally.unavailable_503,
        tally.pg_stops,
        tally.pg_start_ms,
        tally.recoveries_ms,
        tally.enqueued,
        tally.sent,
        tally.received,
        tally.duplicated,
        tally.missing,
        tally.leases_cut,
        tally.posts_acknowledged,
        tally.posts_found,
        tally.published_acknowledged,
        tally.published_found,
        tally.signatures_acknowledged,
        tally.signatures_found,
        tally.votes_acknowledged,
        tally.votes_found,
        tally.applications_through_the_committee
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_and_their_mail_survive_sigkill_on_sqlite() {
    let (url, _dir) = opo_store::testing::sqlite_url().await;
    let tally = run(&url, env_number("OPO_CRASH_CYCLES", 10), None).await;
    report("SQLite", &tally);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_and_their_mail_survive_sigkill_on_postgres() {
    let Some(admin) = opo_store::testing::postgres_admin_url() else { return };
    let url = opo_store::testing::postgres_url(&admin).await;
    let stop_every = std::env::var("OPO_CRASH_PG_STOP").ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0);
    let tally = run(&url, env_number("OPO_CRASH_PG_CYCLES", 3), stop_every).await;
    report("PostgreSQL", &tally);
}
