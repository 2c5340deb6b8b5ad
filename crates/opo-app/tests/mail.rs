//! E-mail end to end: a use case writes to the outbox in its transaction, the worker sends through a
//! real SMTP server, and the message arrives once — through outages and with two workers at once.

use opo_app::mailer::{Mailer, SmtpSecurity, SmtpSettings};
use opo_app::sessions::{self, Client};
use opo_app::testing::SmtpServer;
use opo_app::{Actor, App, AppError, accounts, worker};
use opo_domain::clock::ManualClock;
use opo_store::testing::TestDb;
use std::sync::Arc;
use time::Duration;

async fn each_app() -> Vec<(App, Arc<ManualClock>, TestDb)> {
    opo_app::testing::demo_apps().await.into_iter().map(|d| (d.app, d.clock, d.db)).collect()
}

fn mailer(smtp: &SmtpServer) -> Mailer {
    let settings = SmtpSettings {
        host: "127.0.0.1".to_owned(),
        port: smtp.port,
        username: None,
        password: None,
        security: SmtpSecurity::None,
    };
    Mailer::smtp(&settings, "secretariat@portal.example").expect("mailer")
}

fn client() -> Client {
    Client { ip: "192.0.2.10".to_owned(), user_agent: "test".to_owned() }
}

const STAFF: &str = "secretariat@portal.example";

#[tokio::test]
async fn a_sign_in_link_arrives_by_smtp_and_works_exactly_once() {
    for (app, _clock, _db) in each_app().await {
        let smtp = SmtpServer::start();
        sessions::request_link(&app, STAFF, &client()).await.expect("requested");
        let pass = worker::deliver_due(&app, &mailer(&smtp), 10).await.expect("pass");
        assert_eq!(pass.sent, 1);
        let mail = smtp.wait_for(STAFF, 1).await;
        assert_eq!(mail.len(), 1);
        assert!(mail[0].subject.contains("sign-in link"), "{}", mail[0].subject);
        assert!(mail[0].html.as_deref().is_some_and(|h| h.contains("Sign in")), "an HTML part too");
        let link = mail[0].link("http://127.0.0.1:8080/sign-in/link?token=").expect("a link in the text");
        let token = link.rsplit('=').next().expect("token");

        let signed = sessions::open_link(&app, token, &client()).await.expect("the link signs in");
        assert_eq!(signed.user.email, STAFF);
        assert!(sessions::resume(&app, &signed.token).await.expect("resume").is_some());
        let again = sessions::open_link(&app, token, &client()).await;
        assert!(matches!(again, Err(AppError::Unauthenticated(_))), "a link works once");
    }
}

#[tokio::test]
async fn no_link_is_sent_for_an_unknown_address_and_the_answer_is_the_same() {
    for (app, _clock, _db) in each_app().await {
        sessions::request_link(&app, "nobody@portal.example", &client()).await.expect("same answer");
        let mut conn = app.db.read().await.expect("conn");
        let (waiting, _) = opo_store::notifications::counts(&mut conn).await.expect("counts");
        assert_eq!(waiting, 0);
    }
}

#[tokio::test]
async fn a_change_that_fails_sends_no_email() {
    for (app, _clock, _db) in each_app().await {
        let input = accounts::AddUser {
            email: "new@partner.example".into(),
            display_name: "New Person".into(),
            role: "partner".into(),
            organization: Some("no-such-organization".into()),
        };
        assert!(accounts::add_user(&app, &input, &Actor::cli()).await.is_err());
        let mut conn = app.db.read().await.expect("conn");
        assert_eq!(opo_store::notifications::counts(&mut conn).await.expect("counts"), (0, 0));
    }
}

#[tokio::test]
async fn mail_waits_out_an_smtp_outage_and_goes_out_once_it_is_back() {
    for (app, clock, _db) in each_app().await {
        let mut smtp = SmtpServer::start();
        let mailer = mailer(&smtp);
        smtp.stop();
        sessions::request_link(&app, STAFF, &client()).await.expect("requested");
        let pass = worker::deliver_due(&app, &mailer, 10).await.expect("pass");
        assert_eq!((pass.sent, pass.failed), (0, 1));
        let pass = worker::deliver_due(&app, &mailer, 10).await.expect("pass");
        assert_eq!((pass.sent, pass.failed), (0, 0), "not retried before its time");

        smtp.restart();
        clock.advance(worker::retry_delay(1, 0).expect("delay") + Duration::seconds(10));
        let pass = worker::deliver_due(&app, &mailer, 10).await.expect("pass");
        assert_eq!((pass.sent, pass.failed), (1, 0));
        assert_eq!(smtp.wait_for(STAFF, 1).await.len(), 1);
        let recent = worker::recent(&app, 1).await.expect("recent");
        assert_eq!(recent[0].attempts, 2);
        assert_eq!(recent[0].status, worker::EmailStatus::Sent);
    }
}

#[tokio::test]
async fn a_message_that_keeps_failing_is_given_up_and_can_be_retried_by_hand() {
    for (app, clock, _db) in each_app().await {
        let mut smtp = SmtpServer::start();
        let mailer = mailer(&smtp);
        smtp.stop();
        sessions::request_link(&app, STAFF, &client()).await.expect("requested");
        for _ in 0..worker::MAX_ATTEMPTS {
            worker::deliver_due(&app, &mailer, 10).await.expect("pass");
            clock.advance(Duration::hours(7));
        }
        let email = worker::recent(&app, 1).await.expect("recent").remove(0);
        assert_eq!(email.status, worker::EmailStatus::Failed);
        assert_eq!(email.attempts, worker::MAX_ATTEMPTS);
        assert!(email.last_error.is_some());

        smtp.restart();
        worker::retry(&app, email.id, &Actor::cli()).await.expect("retry");
        assert_eq!(worker::deliver_due(&app, &mailer, 10).await.expect("pass").sent, 1);
        assert_eq!(smtp.wait_for(STAFF, 1).await.len(), 1);
        assert!(worker::retry(&app, email.id, &Actor::cli()).await.is_err(), "a sent message is not retried");
    }
}

#[tokio::test]
async fn two_workers_at_once_send_each_message_exactly_once() {
    for (app, _clock, _db) in each_app().await {
        let smtp = SmtpServer::start();
        let mut staff = Vec::new();
        for i in 0..12 {
            let email = format!("officer{i}@portal.example");
            let input = accounts::AddUser {
                email: email.clone(),
                display_name: format!("Officer {i}"),
                role: "secretariat".into(),
                organization: None,
            };
            accounts::add_user(&app, &input, &Actor::cli()).await.expect("added");
            staff.push(email);
        }
        let (a, b) = (app.clone(), app.clone());
        let (ma, mb) = (mailer(&smtp), mailer(&smtp));
        let first = tokio::spawn(async move { worker::deliver_due(&a, &ma, 5).await });
        let second = tokio::spawn(async move { worker::deliver_due(&b, &mb, 5).await });
        let mut sent = first.await.expect("join").expect("pass").sent + second.await.expect("join").expect("pass").sent;
        while sent < staff.len() {
            let pass = worker::deliver_due(&app, &mailer(&smtp), 5).await.expect("pass");
            assert!(pass.sent > 0, "progress");
            sent += pass.sent;
        }
        assert_eq!(sent, staff.len());
        for email in &staff {
            let got = smtp.wait_for(email, 1).await;
            assert_eq!(got.len(), 1, "{email} received its invitation once");
            assert!(got[0].subject.contains("invited"));
        }
        assert_eq!(smtp.received().len(), staff.len(), "nothing was sent twice");
    }
}

#[tokio::test]
async fn without_smtp_mail_is_written_as_files() {
    for (app, _clock, _db) in each_app().await {
        let dir = tempfile::tempdir().expect("tempdir");
        let mailer = Mailer::files(dir.path().join("mail"), "secretariat@portal.example").expect("mailer");
        sessions::request_link(&app, STAFF, &client()).await.expect("requested");
        assert_eq!(worker::deliver_due(&app, &mailer, 10).await.expect("pass").sent, 1);
        let email = worker::recent(&app, 1).await.expect("recent").remove(0);
        let path = email.file_path.expect("a file");
        let raw = std::fs::read_to_string(&path).expect("the file exists");
        assert!(raw.contains("To: secretariat@portal.example"), "{raw}");
        assert!(path.ends_with(".eml"));
    }
}
