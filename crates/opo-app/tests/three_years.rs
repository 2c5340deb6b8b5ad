//! One partnership through three simulated years, as two instances of the service run it on one
//! database (SQLite file, then PostgreSQL): three annual check-ins, the renewal reminders, the lapse, the
//! re-signature and the reinstatement — and every e-mail the outbox sent is received by the real SMTP
//! server exactly once.

use opo_app::agreements::{Evidence, SignInput};
use opo_app::mailer::{Mailer, SmtpSecurity, SmtpSettings};
use opo_app::testing::SmtpServer;
use opo_app::{Actor, App, jobs, planning, renewals, worker};
use opo_domain::clock::{Clock, ManualClock};
use opo_domain::partners::PartnerStatus;
use std::collections::HashMap;
use std::sync::Arc;
use time::Duration;

const SLUG: &str = "mwanga-data";
const POC: &str = "neema@mwanga-data.example";
const STEP_DAYS: i64 = 3;

struct Instance {
    app: App,
    clock: Arc<ManualClock>,
}

async fn instances(url: &str) -> Vec<Instance> {
    let start = time::macros::datetime!(2026-11-25 09:00 UTC);
    let mut all = Vec::new();
    for _ in 0..2 {
        let db = opo_store::Db::connect(url).await.expect("connect");
        let clock = Arc::new(ManualClock::new(start));
        all.push(Instance { app: App::new(db, clock.clone(), opo_app::Settings::default()), clock });
    }
    opo_app::setup::prepare(&all[0].app).await.expect("prepare");
    opo_app::demo::load(&all[0].app, &Actor::cli()).await.expect("demo");
    all
}

fn mailer(smtp: &SmtpServer) -> Mailer {
    let settings = SmtpSettings {
        host: "127.0.0.1".into(),
        port: smtp.port,
        username: None,
        password: None,
        security: SmtpSecurity::None,
    };
    Mailer::smtp(&settings, "secretariat@portal.example").expect("mailer")
}

/// Both instances move their clocks by a step and do what the worker does, at the same time.
async fn step(instances: &[Instance], mailer: &Mailer) {
    let runs: Vec<_> = instances
        .iter()
        .enumerate()
        .map(|(i, instance)| {
            let (app, clock, mailer) = (instance.app.clone(), instance.clock.clone(), mailer.clone());
            tokio::spawn(async move {
                clock.advance(Duration::days(STEP_DAYS));
                let worker_name = format!("instance-{i}");
                planning::plan(&app).await.expect("plan");
                while jobs::run_due(&app, &worker_name, 100).await.expect("jobs").done > 0 {}
                while worker::deliver_due(&app, &mailer, 100).await.expect("deliver").sent > 0 {}
            })
        })
        .collect();
    for run in runs {
        run.await.expect("joined");
    }
}

async fn status(app: &App) -> PartnerStatus {
    let id = opo_app::partners::record(app, SLUG).await.expect("record").id;
    renewals::renewal(app, id).await.expect("renewal").status
}

async fn resign(app: &App) {
    let mut conn = app.db.read().await.expect("conn");
    let user =
        opo_store::accounts::find_by_address(&mut conn, POC).await.expect("query").expect("the contact's account");
    drop(conn);
    let template = opo_app::agreements::current(app).await.expect("template");
    let input = SignInput {
        template_id: template.id,
        signer_name: "Neema Mushi".into(),
        signer_title: "Executive Director".into(),
        accept: true,
    };
    let evidence = Evidence { ip: "192.0.2.9".into(), user_agent: "test".into(), auth_method: "portal session".into() };
    let org = opo_app::partners::record(app, SLUG).await.expect("record").id;
    renewals::resign(app, org, &user, &input, &evidence, &Actor::user(&user, "192.0.2.9")).await.expect("re-signed");
}

async fn run(url: &str) {
    let instances = instances(url).await;
    let smtp = SmtpServer::start();
    let mailer = mailer(&smtp);
    let app = &instances[0].app;
    let end = instances[0].clock.now() + Duration::days(3 * 365 + 10);
    let mut seen = Vec::new();
    let mut resigned = false;
    while instances[0].clock.now() < end {
        step(&instances, &mailer).await;
        let now = status(app).await;
        if seen.last() != Some(&now) {
            seen.push(now);
        }
        if now == PartnerStatus::Lapsed && !resigned {
            resign(app).await;
            resigned = true;
        }
    }
    assert_eq!(
        seen,
        [
            PartnerStatus::Active,
            PartnerStatus::RenewalDue,
            PartnerStatus::InGrace,
            PartnerStatus::Lapsed,
            PartnerStatus::Active
        ],
        "the partnership's statuses over three years"
    );

    // Everything the outbox sent arrived, each message exactly once.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let sent: Vec<(String, String)> = {
        let mut conn = app.db.read().await.expect("conn");
        sqlx::query_as("select to_address, subject from outbox_emails where status = 'sent'")
            .fetch_all(&mut *conn)
            .await
            .expect("sent")
    };
    let mut expected: HashMap<(String, String), usize> = HashMap::new();
    for pair in sent {
        *expected.entry(pair).or_default() += 1;
    }
    let mut received: HashMap<(String, String), usize> = HashMap::new();
    for message in smtp.received() {
        *received.entry((message.to.trim_matches(['<', '>']).to_owned(), message.subject)).or_default() += 1;
    }
    assert_eq!(received, expected, "the SMTP server received exactly what the outbox sent");

    let to_partner = |needle: &str| -> usize {
        received.iter().filter(|((to, subject), _)| to == POC && subject.contains(needle)).map(|(_, n)| *n).sum()
    };
    for days in [90, 30, 7] {
        assert_eq!(to_partner(&format!("due in {days} days")), 1, "{days}-day reminder");
    }
    assert_eq!(to_partner("has lapsed"), 1, "the lapse notice");
    assert_eq!(to_partner("signed again"), 1, "the confirmation of the re-signature");
    let checkins: Vec<_> = received.keys().filter(|(to, s)| to == POC && s.contains("partnership check-in")).collect();
    assert_eq!(checkins.len(), 3, "one questionnaire a year: {checkins:?}");
    assert_eq!(to_partner("partnership check-in"), 3, "each sent once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_years_of_one_partnership_on_sqlite_with_two_instances() {
    let (url, _dir) = opo_store::testing::sqlite_url().await;
    run(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_years_of_one_partnership_on_postgres_with_two_instances() {
    let Some(admin) = opo_store::testing::postgres_admin_url() else { return };
    let url = opo_store::testing::postgres_url(&admin).await;
    run(&url).await;
}
