//! The job runner on both backends: a planned reminder is enqueued once whatever the number of plans,
//! runs when due, retries with growing delays, ends as dead and is retried by hand; and two instances
//! on one database run each job exactly once.

use opo_app::notifications::Notice;
use opo_app::{Actor, App, jobs};
use opo_domain::clock::{Clock, ManualClock};
use std::sync::Arc;
use time::Duration;

fn notice(n: usize) -> Notice {
    Notice {
        kind: "reminder",
        to: format!("partner{n}@example.org"),
        name: format!("Partner {n}"),
        subject: format!("Reminder {n}").into(),
        paragraphs: vec!["Your agreement expires soon.".to_owned().into()],
        quote: None,
        action: None,
        attachment: None,
    }
}

async fn outbox_count(app: &App, kind: &str) -> i64 {
    let mut conn = app.db.read().await.expect("conn");
    sqlx::query_scalar("select count(*) from outbox_emails where kind = $1")
        .bind(kind)
        .fetch_one(&mut *conn)
        .await
        .expect("count")
}

async fn plan(app: &App, n: usize, key: &str, run_at: time::OffsetDateTime) -> Option<i64> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await.expect("begin");
    let id = jobs::schedule_email(app, &mut tx, notice(n), key.to_owned(), run_at, now).await.expect("planned");
    tx.commit().await.expect("commit");
    id
}

#[tokio::test]
async fn a_planned_reminder_goes_out_once_when_due() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        let due = clock.now() + Duration::days(30);
        assert!(plan(app, 1, "renewal:1:30", due).await.is_some());
        assert!(plan(app, 1, "renewal:1:30", due).await.is_none(), "the same key is not planned twice");

        assert_eq!(jobs::run_due(app, "w1", 10).await.expect("pass").done, 0, "not due yet");
        clock.advance(Duration::days(30));
        assert_eq!(jobs::run_due(app, "w1", 10).await.expect("pass").done, 1);
        assert_eq!(jobs::run_due(app, "w1", 10).await.expect("pass").done, 0, "done jobs stay done");
        assert_eq!(outbox_count(app, "reminder").await, 1);
        assert!(plan(app, 1, "renewal:1:30", due).await.is_none(), "a done reminder is not planned again");
    }
}

#[tokio::test]
async fn a_failing_job_backs_off_then_dies_and_an_admin_retries_it() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        let now = clock.now();
        let mut tx = app.db.begin().await.expect("begin");
        let id = jobs::enqueue(&mut tx, "no-such-kind", &serde_json::json!({}), None, now, now)
            .await
            .expect("queued")
            .expect("id");
        tx.commit().await.expect("commit");

        let mut waits = Vec::new();
        for _ in 0..jobs::MAX_ATTEMPTS {
            let pass = jobs::run_due(app, "w1", 10).await.expect("pass");
            assert_eq!(pass.done, 0);
            let pending = jobs::pending(app, 10).await.expect("pending");
            match pending.iter().find(|j| j.id == id) {
                Some(job) => {
                    assert_eq!(jobs::run_due(app, "w1", 10).await.expect("pass").retried, 0, "not before its time");
                    waits.push(job.run_at - clock.now());
                    clock.set(job.run_at);
                }
                None => break,
            }
        }
        assert!(waits.windows(2).all(|w| w[1] > w[0]), "each wait is longer: {waits:?}");
        let dead = jobs::dead(app, 10).await.expect("dead");
        assert_eq!(dead.len(), 1);
        assert_eq!(dead[0].attempts, jobs::MAX_ATTEMPTS);
        assert!(dead[0].last_error.as_deref().unwrap_or_default().contains("no handler"));

        jobs::retry(app, id, &Actor::cli()).await.expect("retried");
        assert!(jobs::retry(app, id, &Actor::cli()).await.is_err(), "only a dead job can be retried");
        assert_eq!(jobs::pending(app, 10).await.expect("pending").len(), 1);
    }
}

#[test]
fn backoff_grows_with_jitter_and_gives_up() {
    let first = jobs::backoff(1, 8).expect("retry");
    assert!(first >= Duration::seconds(60) && first <= Duration::seconds(72), "{first}");
    let later = jobs::backoff(5, 8).expect("retry");
    assert!(later >= Duration::seconds(960), "{later}");
    assert!(jobs::backoff(30, 40).expect("retry") <= Duration::hours(6) + Duration::hours(6) / 5);
    assert_eq!(jobs::backoff(8, 8), None);
}

/// Two instances on one PostgreSQL database, each with its own worker and connections, run a backlog of
/// jobs at the same time: every reminder reaches the outbox exactly once.
#[tokio::test]
async fn two_instances_run_each_job_exactly_once() {
    let Some(admin) = opo_store::testing::postgres_admin_url() else { return };
    let url = opo_store::testing::postgres_url(&admin).await;
    let start = time::macros::datetime!(2026-11-25 09:00 UTC);
    let mut apps = Vec::new();
    for _ in 0..2 {
        let db = opo_store::Db::connect(&url).await.expect("connect");
        let clock = Arc::new(ManualClock::new(start));
        apps.push(App::new(db, clock, opo_app::Settings::default()));
    }
    opo_app::setup::prepare(&apps[0]).await.expect("prepare");
    for n in 0..60 {
        plan(&apps[0], n, &format!("reminder:{n}"), start).await;
    }
    let runs = apps.iter().enumerate().map(|(i, app)| {
        let app = app.clone();
        tokio::spawn(async move {
            let mut done = 0;
            loop {
                let pass = jobs::run_due(&app, &format!("instance-{i}"), 5).await.expect("pass");
                if pass.done == 0 {
                    break done;
                }
                done += pass.done;
            }
        })
    });
    let mut total = 0;
    let mut each = Vec::new();
    for run in runs {
        let done = run.await.expect("joined");
        each.push(done);
        total += done;
    }
    assert_eq!(total, 60, "{each:?}");
    assert_eq!(outbox_count(&apps[0], "reminder").await, 60);
    let mut conn = apps[0].db.read().await.expect("conn");
    let distinct: i64 =
        sqlx::query_scalar("select count(distinct to_address) from outbox_emails where kind = 'reminder'")
            .fetch_one(&mut *conn)
            .await
            .expect("count");
    assert_eq!(distinct, 60);
}
