//! Renewals with the clock moving forward: reminders 90, 30 and 7 days before the agreement expires go
//! out once each (to the point of contact and to the secretariat), the partnership goes renewal due, in
//! grace and lapsed (leaving the directory and the logo wall), and re-signing restores it; a new version
//! with a re-sign-by date makes every partnership renewal due; an override holds until its date. Then the
//! reminders travel through a real SMTP server, also from two instances on one PostgreSQL database.

use opo_app::agreements::{Evidence, SignInput};
use opo_app::mailer::{Mailer, SmtpSecurity, SmtpSettings};
use opo_app::testing::SmtpServer;
use opo_app::{Actor, App, jobs, partners, planning, renewals, worker};
use opo_domain::clock::{Clock, ManualClock};
use opo_domain::partners::PartnerStatus;
use std::sync::Arc;
use time::{Date, Duration};

const STAFF: &str = "secretariat@portal.example";
/// A partner whose agreement, in the demo data, expires about 115 days after the demo's today.
const MWANGA: &str = "mwanga-data";
const MWANGA_POC: &str = "neema@mwanga-data.example";
const KIJIJI: &str = "kijiji-health";
const KIJIJI_POC: &str = "wanjiru.kamau@kijiji-health.example";

/// One tick of the service: the planner, then the job runner until nothing is due.
async fn tick(app: &App, worker: &str) {
    planning::plan(app).await.expect("plan");
    while jobs::run_due(app, worker, 100).await.expect("run").done > 0 {}
}

async fn days(app: &App, clock: &ManualClock, n: i64) {
    for _ in 0..n {
        clock.advance(Duration::days(1));
        tick(app, "test").await;
    }
}

async fn outbox(app: &App, to: &str, subject: &str) -> i64 {
    let mut conn = app.db.read().await.expect("conn");
    sqlx::query_scalar("select count(*) from outbox_emails where to_address = $1 and subject like $2")
        .bind(to)
        .bind(format!("%{subject}%"))
        .fetch_one(&mut *conn)
        .await
        .expect("count")
}

async fn org_id(app: &App, slug: &str) -> i64 {
    partners::record(app, slug).await.expect("record").id
}

async fn listed(app: &App, slug: &str) -> bool {
    let mut conn = app.db.read().await.expect("conn");
    let cards = opo_store::partners::list_listed(&mut conn, 0, 1000).await.expect("directory");
    let wall = opo_store::partners::logo_wall(&mut conn).await.expect("wall");
    let in_directory = cards.iter().any(|c| c.slug == slug);
    assert_eq!(in_directory, wall.iter().any(|c| c.slug == slug), "the wall follows the directory");
    in_directory
}

async fn status(app: &App, slug: &str) -> PartnerStatus {
    renewals::renewal(app, org_id(app, slug).await).await.expect("renewal").status
}

async fn user(app: &App, email: &str) -> opo_store::accounts::User {
    let mut conn = app.db.read().await.expect("conn");
    opo_store::accounts::find_by_address(&mut conn, email).await.expect("query").expect("an account")
}

async fn resign(app: &App, slug: &str, email: &str) -> String {
    let template = opo_app::agreements::current(app).await.expect("template");
    let input = SignInput {
        template_id: template.id,
        signer_name: "Signer Again".into(),
        signer_title: "Director".into(),
        accept: true,
    };
    let evidence = Evidence { ip: "192.0.2.7".into(), user_agent: "test".into(), auth_method: "portal session".into() };
    let user = user(app, email).await;
    renewals::resign(app, org_id(app, slug).await, &user, &input, &evidence, &Actor::user(&user, "192.0.2.7"))
        .await
        .expect("re-signed")
}

fn reminder(days: i64) -> String {
    format!("due in {days} days")
}

/// Every reminder for one deadline reached the outbox exactly once, to the contact and the secretariat.
async fn assert_reminded_once(app: &App, poc: &str, name: &str) {
    for d in [90, 30, 7] {
        assert_eq!(outbox(app, poc, &reminder(d)).await, 1, "{d}-day reminder to {poc}");
        assert_eq!(outbox(app, STAFF, &format!("Renewal in {d} days: {name}")).await, 1, "{d}-day reminder to staff");
    }
}

#[tokio::test]
async fn reminders_go_out_once_the_agreement_lapses_and_re_signing_restores_it() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        tick(app, "test").await;
        let id = org_id(app, MWANGA).await;
        let expires = renewals::renewal(app, id).await.expect("renewal").expires_on.expect("signed");
        let today = clock.now().date();
        assert!(expires - today > Duration::days(90), "the demo partner is not due yet: {expires}");
        assert_eq!(status(app, MWANGA).await, PartnerStatus::Active);
        assert!(listed(app, MWANGA).await);

        // Day by day to the day before the 90-day reminder: nothing yet.
        days(app, clock, (expires - Duration::days(90) - today).whole_days() - 1).await;
        assert_eq!(outbox(app, MWANGA_POC, "due in").await, 0);
        days(app, clock, 1).await;
        assert_eq!(outbox(app, MWANGA_POC, &reminder(90)).await, 1);
        assert_eq!(status(app, MWANGA).await, PartnerStatus::RenewalDue);
        assert!(listed(app, MWANGA).await, "still listed while renewal is due");

        // To the day the agreement expires: in grace, every reminder sent once.
        days(app, clock, 90).await;
        assert_eq!(clock.now().date(), expires);
        assert_reminded_once(app, MWANGA_POC, "Mwanga").await;
        assert_eq!(status(app, MWANGA).await, PartnerStatus::InGrace);
        assert!(listed(app, MWANGA).await, "listed during the grace period");

        // The last day of grace, then the lapse.
        days(app, clock, 59).await;
        assert_eq!(status(app, MWANGA).await, PartnerStatus::InGrace);
        days(app, clock, 1).await;
        assert_eq!(status(app, MWANGA).await, PartnerStatus::Lapsed);
        assert!(!listed(app, MWANGA).await, "a lapsed partner leaves the directory and the wall");
        let profile = partners::profile(app, MWANGA).await.expect("a lapsed partner keeps its profile");
        assert_eq!(profile.card.status, PartnerStatus::Lapsed);
        assert!(profile.status_reason.contains("was not signed again"), "{}", profile.status_reason);
        assert_eq!(outbox(app, MWANGA_POC, "has lapsed").await, 1);
        days(app, clock, 20).await;
        assert_eq!(outbox(app, MWANGA_POC, "has lapsed").await, 1, "told once");
        assert_reminded_once(app, MWANGA_POC, "Mwanga").await;

        // Re-signing restores it at once.
        let code = resign(app, MWANGA, MWANGA_POC).await;
        let signature = opo_app::agreements::by_code(app, &code).await.expect("certificate");
        assert_eq!(signature.application_id, None);
        assert_eq!(signature.ip, "192.0.2.7");
        assert_eq!(status(app, MWANGA).await, PartnerStatus::Active);
        assert!(listed(app, MWANGA).await);
        let again = renewals::renewal(app, id).await.expect("renewal");
        assert_eq!(again.expires_on, Some(opo_domain::agreements::expires_on(clock.now())));
        let history = renewals::history(app, id).await.expect("history");
        let moves: Vec<_> = history.iter().rev().map(|c| (c.from, c.to)).collect();
        use PartnerStatus::*;
        assert_eq!(moves, [(Active, RenewalDue), (RenewalDue, InGrace), (InGrace, Lapsed), (Lapsed, Active)]);
        assert_eq!(history[0].actor_label, MWANGA_POC);
        let mut conn = app.db.read().await.expect("conn");
        let audited: i64 = sqlx::query_scalar(
            "select count(*) from audit_log where action = 'partnership.status_changed' and subject_id = $1",
        )
        .bind(id.to_string())
        .fetch_one(&mut *conn)
        .await
        .expect("count");
        drop(conn);
        assert_eq!(audited, 4);

        // Year by year, a week at a time, to the next expiry: each reminder once more, for the new date.
        let next = again.expires_on.expect("expiry");
        for year in 1..=3 {
            for _ in 0..52 {
                clock.advance(Duration::days(7));
                tick(app, "test").await;
            }
            assert_eq!(clock.now().year() - 2027, year, "moving year by year");
        }
        while clock.now().date() < next {
            days(app, clock, 1).await;
        }
        for d in [90, 30, 7] {
            assert_eq!(outbox(app, MWANGA_POC, &reminder(d)).await, 2, "{d}-day reminder for the second term");
        }
        assert_eq!(status(app, MWANGA).await, PartnerStatus::InGrace);
    }
}

#[tokio::test]
async fn a_new_version_to_be_signed_by_a_date_makes_every_renewal_due() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        tick(app, "test").await;
        assert_eq!(status(app, KIJIJI).await, PartnerStatus::Active);
        let by: Date = clock.now().date() + Duration::days(45);
        let version = renewals::NewVersion {
            version: "2.0".into(),
            title: "Partner agreement".into(),
            body: "The partner agrees to the renewed terms.".into(),
            resign_by: Some(by),
        };
        renewals::publish_template(app, &version, &Actor::cli()).await.expect("published");
        let twice = renewals::publish_template(app, &version, &Actor::cli()).await;
        assert!(matches!(twice, Err(opo_app::AppError::Invalid(_))), "a version is published once");
        tick(app, "test").await;
        let mut conn = app.db.read().await.expect("conn");
        let cards = opo_store::partners::list_listed(&mut conn, 0, 1000).await.expect("directory");
        drop(conn);
        assert!(cards.len() > 10);
        assert!(cards.iter().all(|c| c.status == PartnerStatus::RenewalDue), "everyone must sign 2.0");
        let renewal = renewals::renewal(app, org_id(app, KIJIJI).await).await.expect("renewal");
        assert_eq!(renewal.deadline, Some(by));
        assert!(renewal.reason.contains("Version 2.0"), "{}", renewal.reason);
        assert!(renewal.can_resign);
        assert_eq!(outbox(app, KIJIJI_POC, &reminder(90)).await, 1, "the 90-day window is open at once");

        days(app, clock, 45).await;
        assert_reminded_once(app, KIJIJI_POC, "Kijiji").await;
        assert_eq!(status(app, KIJIJI).await, PartnerStatus::InGrace);
        resign(app, KIJIJI, KIJIJI_POC).await;
        assert_eq!(status(app, KIJIJI).await, PartnerStatus::Active, "signing 2.0 meets the requirement");
        assert_eq!(status(app, "indaba-interop").await, PartnerStatus::InGrace, "the others are still to sign");
        days(app, clock, 60).await;
        assert_eq!(status(app, KIJIJI).await, PartnerStatus::Active);
        assert_eq!(status(app, "indaba-interop").await, PartnerStatus::Lapsed);
    }
}

#[tokio::test]
async fn an_override_holds_the_status_until_its_date() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        tick(app, "test").await;
        let slug = "zambezi-trust";
        let id = org_id(app, slug).await;
        assert_eq!(status(app, slug).await, PartnerStatus::Lapsed);
        assert!(!listed(app, slug).await);
        let until = clock.now().date() + Duration::days(10);
        let missing =
            renewals::override_status(app, id, PartnerStatus::Active, None, "Paper copy", &Actor::cli()).await;
        assert!(matches!(missing, Err(opo_app::AppError::Invalid(_))), "a following status needs a date");
        renewals::override_status(
            app,
            id,
            PartnerStatus::Active,
            Some(until),
            "Signed copy on its way by post",
            &Actor::cli(),
        )
        .await
        .expect("override");
        assert!(listed(app, slug).await);
        days(app, clock, 9).await;
        assert_eq!(status(app, slug).await, PartnerStatus::Active, "held until the date");
        days(app, clock, 1).await;
        let renewal = renewals::renewal(app, id).await.expect("renewal");
        assert_eq!(renewal.status, PartnerStatus::Lapsed, "ends on the date");
        assert_eq!(renewal.override_status, None);
        assert!(!listed(app, slug).await);
        let history = renewals::history(app, id).await.expect("history");
        assert_eq!(history.len(), 2);
        assert_eq!(
            (history[1].to, history[1].reason.as_str()),
            (PartnerStatus::Active, "Signed copy on its way by post")
        );
        assert_eq!((history[0].to, history[0].actor_label.as_str()), (PartnerStatus::Lapsed, "system"));
        // Ended holds without a date, and the daily work leaves it alone.
        renewals::override_status(app, id, PartnerStatus::Ended, None, "The trust closed", &Actor::cli())
            .await
            .expect("ended");
        days(app, clock, 3).await;
        assert_eq!(status(app, slug).await, PartnerStatus::Ended);
    }
}

fn mailer(smtp: &SmtpServer) -> Mailer {
    let settings = SmtpSettings {
        host: "127.0.0.1".into(),
        port: smtp.port,
        username: None,
        password: None,
        security: SmtpSecurity::None,
    };
    Mailer::smtp(&settings, STAFF).expect("mailer")
}

async fn assert_received_once(smtp: &SmtpServer, poc: &str) {
    let to_poc = smtp.wait_for(poc, 3).await;
    let to_staff = smtp.wait_for(STAFF, 3).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    for d in [90, 30, 7] {
        let subject = reminder(d);
        assert_eq!(to_poc.iter().filter(|m| m.subject.contains(&subject)).count(), 1, "{d} days to {poc}");
        assert_eq!(
            smtp.received().iter().filter(|m| m.to.contains(poc) && m.subject.contains(&subject)).count(),
            1,
            "{d} days, once"
        );
        let staff = format!("Renewal in {d} days: Mwanga");
        assert_eq!(to_staff.iter().filter(|m| m.subject.contains(&staff)).count(), 1, "{d} days to the secretariat");
    }
    let reminder_mail = to_poc.iter().find(|m| m.subject.contains("due in 7 days")).expect("7-day reminder");
    assert!(reminder_mail.text.contains("/portal/organizations/mwanga-data/agreement"), "{}", reminder_mail.text);
}

#[tokio::test]
async fn every_reminder_arrives_once_through_smtp() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        let smtp = SmtpServer::start();
        let mailer = mailer(&smtp);
        let expires = {
            tick(app, "test").await;
            renewals::renewal(app, org_id(app, MWANGA).await).await.expect("renewal").expires_on.expect("signed")
        };
        while clock.now().date() <= expires {
            days(app, clock, 1).await;
            while worker::deliver_due(app, &mailer, 50).await.expect("deliver").sent > 0 {}
        }
        assert_received_once(&smtp, MWANGA_POC).await;
    }
}

#[tokio::test]
async fn two_instances_on_one_postgres_database_send_each_reminder_once() {
    let Some(admin) = opo_store::testing::postgres_admin_url() else { return };
    let url = opo_store::testing::postgres_url(&admin).await;
    let start = time::macros::datetime!(2026-11-25 09:00 UTC);
    let mut instances = Vec::new();
    for _ in 0..2 {
        let db = opo_store::Db::connect(&url).await.expect("connect");
        let clock = Arc::new(ManualClock::new(start));
        instances.push((App::new(db, clock.clone(), opo_app::Settings::default()), clock));
    }
    opo_app::setup::prepare(&instances[0].0).await.expect("prepare");
    opo_app::demo::load(&instances[0].0, &Actor::cli()).await.expect("demo");
    let smtp = SmtpServer::start();
    let mailer = mailer(&smtp);
    let expires = start.date() + Duration::days(120);
    while instances[0].1.now().date() <= expires {
        let runs = instances.iter().enumerate().map(|(i, (app, clock))| {
            let (app, clock, mailer) = (app.clone(), clock.clone(), mailer.clone());
            tokio::spawn(async move {
                clock.advance(Duration::days(1));
                tick(&app, &format!("instance-{i}")).await;
                while worker::deliver_due(&app, &mailer, 50).await.expect("deliver").sent > 0 {}
            })
        });
        for run in runs.collect::<Vec<_>>() {
            run.await.expect("joined");
        }
    }
    assert_received_once(&smtp, MWANGA_POC).await;
    assert_eq!(outbox(&instances[0].0, MWANGA_POC, "due in").await, 3);
}
