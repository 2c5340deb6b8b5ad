//! Outgoing webhooks on both backends, against a real HTTP receiver in the test: an event from a use
//! case reaches the endpoints subscribed to it, signed so the documented `verify` accepts it; a
//! receiver that fails gets the delivery again after the job runner's backoff, and the log keeps both
//! answers; a delivery can be replayed; private addresses are refused unless the settings allow them.

// Only the walk to a submitted application is used here.
#[allow(dead_code)]
mod support;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use opo_app::audit::AuditFilter;
use opo_app::webhooks::{self, DEFAULT_TOLERANCE_SECONDS, DeliveryLog, Registered};
use opo_app::{Actor, App, AppError, Settings, jobs, showcase};
use opo_domain::clock::Clock;
use opo_domain::posts::PostInput;
use opo_domain::webhooks::EndpointInput;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use time::Duration;

/// One request as the receiver got it.
#[derive(Debug, Clone)]
struct Received {
    headers: HeaderMap,
    body: Bytes,
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

#[derive(Clone, Default)]
struct Inbox {
    got: Arc<Mutex<Vec<Received>>>,
    /// The statuses to answer, in order; 204 once they are used up.
    answers: Arc<Mutex<VecDeque<u16>>>,
}

impl Inbox {
    fn got(&self) -> Vec<Received> {
        self.got.lock().expect("inbox").clone()
    }
}

async fn receive(State(inbox): State<Inbox>, headers: HeaderMap, body: Bytes) -> (StatusCode, &'static str) {
    inbox.got.lock().expect("inbox").push(Received { headers, body });
    let status = inbox.answers.lock().expect("answers").pop_front().unwrap_or(204);
    let status = StatusCode::from_u16(status).expect("a status");
    (status, if status.is_success() { "" } else { "the receiver is having a bad day" })
}

/// A receiver on a free local port; the server stops with the test's runtime.
async fn receiver(answers: &[u16]) -> (String, Inbox) {
    let inbox = Inbox { answers: Arc::new(Mutex::new(answers.iter().copied().collect())), ..Inbox::default() };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let url = format!("http://{}/hooks/opo", listener.local_addr().expect("address"));
    let router = Router::new().route("/hooks/opo", post(receive)).with_state(inbox.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("the receiver") });
    (url, inbox)
}

/// The demo app with its database and clock, allowed to call a receiver on this machine.
fn local(app: &App) -> App {
    App::new(app.db.clone(), app.clock.clone(), Settings { webhooks_allow_private: true, ..Settings::default() })
}

async fn register(app: &App, url: &str, events: &[&str]) -> Registered {
    let input = EndpointInput {
        url: url.to_owned(),
        description: "The CRM".to_owned(),
        events: events.iter().map(|e| (*e).to_owned()).collect(),
    };
    webhooks::register(app, &input, &Actor::cli()).await.expect("registered")
}

async fn publish_a_post(app: &App) -> i64 {
    let input = PostInput {
        kind: "blog".into(),
        title: "Registries in the Sahel".into(),
        summary: "What two years of district registries taught us.".into(),
        body: "A **long** story.".into(),
        ..PostInput::default()
    };
    let id = showcase::create(app, &input, None, &Actor::cli()).await.expect("a draft");
    showcase::publish(app, id, &Actor::cli()).await.expect("published");
    id
}

async fn log_of(app: &App, endpoint: i64) -> Vec<DeliveryLog> {
    webhooks::deliveries(app, endpoint, 50).await.expect("the log")
}

fn statuses(log: &DeliveryLog) -> Vec<Option<i64>> {
    log.attempts.iter().map(|a| a.status).collect()
}

#[tokio::test]
async fn an_event_from_a_use_case_reaches_its_subscribers_signed() {
    for demo in opo_app::testing::demo_apps().await {
        let app = &local(&demo.app);
        let (url, inbox) = receiver(&[]).await;
        let (other_url, other_inbox) = receiver(&[]).await;
        let subscriber = register(app, &url, &["application.submitted", "post.published"]).await;
        let other = register(app, &other_url, &["partner.announced"]).await;
        assert!(subscriber.secret.starts_with("whsec_") && subscriber.secret.len() > 40, "{}", subscriber.secret);
        assert_ne!(subscriber.secret, other.secret);

        let people = support::people(app).await;
        let (application, _) = support::to_review(app, &demo.clock, &people).await;
        assert!(inbox.got().is_empty(), "nothing is sent before the job runs");
        jobs::run_due(app, "w1", 50).await.expect("a pass");

        let got = inbox.got();
        assert_eq!(got.len(), 1, "one delivery, for application.submitted");
        let request = &got[0];
        let now = demo.clock.now().unix_timestamp();
        let signature = request.header("opo-signature");
        assert_eq!(
            webhooks::verify(&subscriber.secret, signature, &request.body, now, DEFAULT_TOLERANCE_SECONDS),
            Ok(())
        );
        assert!(
            webhooks::verify(&other.secret, signature, &request.body, now, DEFAULT_TOLERANCE_SECONDS).is_err(),
            "another endpoint's secret does not verify"
        );
        assert!(
            webhooks::verify(&subscriber.secret, signature, b"{}", now, DEFAULT_TOLERANCE_SECONDS).is_err(),
            "another body does not verify"
        );
        assert_eq!(request.header("opo-event"), "application.submitted");
        assert_eq!(request.header("content-type"), "application/json");
        let body = request.json();
        assert_eq!(body["event"], "application.submitted");
        assert_eq!(body["id"].to_string(), request.header("opo-delivery"));
        assert_eq!(body["data"]["application_id"], application);
        assert_eq!(body["data"]["organization"]["name"], "Sahel Data Lab");
        assert!(other_inbox.got().is_empty(), "an endpoint gets only the events it chose");

        let post = publish_a_post(app).await;
        jobs::run_due(app, "w1", 50).await.expect("a pass");
        let got = inbox.got();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].header("opo-event"), "post.published");
        let body = got[1].json();
        assert_eq!(body["data"]["post"]["id"], post);
        assert_eq!(body["data"]["post"]["kind"], "blog");
        assert!(webhooks::verify(&subscriber.secret, got[1].header("opo-signature"), &got[1].body, now, 300).is_ok());

        let log = log_of(app, subscriber.id).await;
        assert_eq!(log.len(), 2, "two deliveries in the log");
        for entry in &log {
            assert_eq!(statuses(entry), vec![Some(204)]);
            assert_eq!((entry.delivery.attempts, entry.delivery.last_status), (1, Some(204)));
            assert!(entry.delivery.delivered_at.is_some());
        }
        assert!(log_of(app, other.id).await.is_empty());
    }
}

#[tokio::test]
async fn a_refused_delivery_is_retried_after_the_backoff_and_can_be_replayed() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&local(&demo.app), &demo.clock);
        let (url, inbox) = receiver(&[500]).await;
        let endpoint = register(app, &url, &["post.published"]).await;
        publish_a_post(app).await;

        jobs::run_due(app, "w1", 50).await.expect("a pass");
        assert_eq!(inbox.got().len(), 1);
        let log = log_of(app, endpoint.id).await;
        assert_eq!(statuses(&log[0]), vec![Some(500)]);
        assert!(log[0].delivery.delivered_at.is_none());
        let error = log[0].delivery.last_error.clone().unwrap_or_default();
        assert!(error.contains("500") && error.contains("bad day"), "{error}");

        jobs::run_due(app, "w1", 50).await.expect("a pass");
        assert_eq!(inbox.got().len(), 1, "not again before the backoff");
        let pending = jobs::pending(app, 100).await.expect("pending");
        let job = pending.iter().find(|j| j.kind == "webhook").expect("the delivery's job waits");
        assert_eq!(job.attempts, 1);
        let wait = job.run_at - clock.now();
        assert!(wait >= Duration::seconds(60) && wait <= Duration::seconds(73), "{wait}");
        clock.set(job.run_at);
        jobs::run_due(app, "w1", 50).await.expect("a pass");

        let got = inbox.got();
        assert_eq!(got.len(), 2, "retried after the backoff");
        assert_eq!(got[0].body, got[1].body, "the same delivery, byte for byte");
        assert_ne!(got[0].header("opo-signature"), got[1].header("opo-signature"), "signed at its own time");
        let now = clock.now().unix_timestamp();
        assert!(webhooks::verify(&endpoint.secret, got[1].header("opo-signature"), &got[1].body, now, 300).is_ok());
        let stale = webhooks::verify(&endpoint.secret, got[0].header("opo-signature"), &got[0].body, now + 600, 300);
        assert!(matches!(stale, Err(webhooks::SignatureError::OutOfTolerance(_))), "{stale:?}");
        let log = log_of(app, endpoint.id).await;
        assert_eq!(statuses(&log[0]), vec![Some(500), Some(204)], "the log keeps both answers");
        assert_eq!(log[0].delivery.attempts, 2);
        assert!(log[0].delivery.delivered_at.is_some());
        assert!(jobs::pending(app, 100).await.expect("pending").iter().all(|j| j.kind != "webhook"));

        let admin = Actor { user_id: None, label: "admin@portal.example".into(), ip: "192.0.2.7".into() };
        assert_eq!(webhooks::replay(app, log[0].delivery.id, &admin).await.expect("replayed"), endpoint.id);
        jobs::run_due(app, "w1", 50).await.expect("a pass");
        let got = inbox.got();
        assert_eq!(got.len(), 3, "replayed");
        assert_eq!(got[2].body, got[0].body);
        assert_eq!(statuses(&log_of(app, endpoint.id).await[0]), vec![Some(500), Some(204), Some(204)]);
        let filter = AuditFilter { action: "webhook.".into(), limit: 10, ..AuditFilter::default() };
        let actions: Vec<String> =
            opo_app::audit::search(app, &filter).await.expect("audit").into_iter().map(|r| r.entry.action).collect();
        assert!(actions.contains(&"webhook.replayed".to_owned()), "{actions:?}");
        assert!(actions.contains(&"webhook.registered".to_owned()), "{actions:?}");
    }
}

#[tokio::test]
async fn private_addresses_are_refused_unless_allowed() {
    for demo in opo_app::testing::demo_apps().await {
        let strict = &demo.app;
        let (url, inbox) = receiver(&[]).await;
        let input =
            EndpointInput { url: url.clone(), description: String::new(), events: vec!["post.published".into()] };
        match webhooks::register(strict, &input, &Actor::cli()).await {
            Err(AppError::Invalid(problems)) => {
                assert_eq!(problems[0].field, "url");
                assert!(problems[0].message.contains("https://"), "{}", problems[0].message);
            }
            other => panic!("plain HTTP to this machine must be refused: {other:?}"),
        }
        let https = EndpointInput { url: url.replace("http://", "https://"), ..input };
        match webhooks::register(strict, &https, &Actor::cli()).await {
            Err(AppError::Invalid(problems)) => assert!(problems[0].message.contains("private"), "{problems:?}"),
            other => panic!("a loopback address must be refused: {other:?}"),
        }

        // An endpoint registered while private addresses were allowed is still checked when sent to.
        let endpoint = register(&local(strict), &url, &["post.published"]).await;
        publish_a_post(strict).await;
        jobs::run_due(strict, "w1", 50).await.expect("a pass");
        assert!(inbox.got().is_empty(), "nothing leaves for a refused address");
        let log = log_of(strict, endpoint.id).await;
        assert_eq!(statuses(&log[0]), vec![None]);
        let error = log[0].attempts[0].error.clone().unwrap_or_default();
        assert!(error.contains("refused"), "{error}");
    }
}

#[tokio::test]
async fn a_switched_off_endpoint_gets_nothing_and_a_deleted_one_leaves_no_log() {
    for demo in opo_app::testing::demo_apps().await {
        let app = &local(&demo.app);
        let (url, inbox) = receiver(&[]).await;
        let endpoint = register(app, &url, &["post.published"]).await;
        publish_a_post(app).await;
        webhooks::set_active(app, endpoint.id, false, &Actor::cli()).await.expect("switched off");
        jobs::run_due(app, "w1", 50).await.expect("a pass");
        assert!(inbox.got().is_empty(), "a queued delivery is dropped once its endpoint is off");
        publish_a_post(app).await;
        assert_eq!(log_of(app, endpoint.id).await.len(), 1, "no new delivery while off");
        let delivery = log_of(app, endpoint.id).await[0].delivery.id;
        assert!(matches!(webhooks::replay(app, delivery, &Actor::cli()).await, Err(AppError::Conflict(_))));

        webhooks::set_active(app, endpoint.id, true, &Actor::cli()).await.expect("switched on");
        webhooks::replay(app, delivery, &Actor::cli()).await.expect("replayed");
        jobs::run_due(app, "w1", 50).await.expect("a pass");
        assert_eq!(inbox.got().len(), 1);

        webhooks::delete(app, endpoint.id, &Actor::cli()).await.expect("deleted");
        assert!(matches!(webhooks::endpoint(app, endpoint.id).await, Err(AppError::NotFound(_))));
        assert!(log_of(app, endpoint.id).await.is_empty());
        assert!(matches!(webhooks::replay(app, delivery, &Actor::cli()).await, Err(AppError::NotFound(_))));
    }
}

#[tokio::test]
async fn every_step_of_a_partnership_is_an_event() {
    use opo_app::{pages, renewals, reviews};
    use opo_domain::reviews::{Decision, Vote};
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&local(&demo.app), &demo.clock);
        let (url, inbox) = receiver(&[]).await;
        let all: Vec<&str> = webhooks::EventKind::ALL.iter().map(|e| e.key()).collect();
        let endpoint = register(app, &url, &all).await;

        let people = support::people(app).await;
        let staff = Actor::user(&people.secretariat, "192.0.2.1");
        let (id, awa) = support::to_review(app, clock, &people).await;
        for member in &people.members {
            reviews::vote(app, id, member, Vote::Approve, "A good fit.", &Actor::user(member, "")).await.expect("vote");
        }
        reviews::decide(app, id, Decision::Approve, "Strong registry experience.", &staff).await.expect("approved");
        let version = pages::draft(app, id, &staff).await.expect("drafted");
        pages::approve(app, id, &awa, version, &Actor::user(&awa, "")).await.expect("page approved");
        let news = pages::announce(app, id, &staff).await.expect("announced");
        jobs::run_due(app, "w1", 50).await.expect("a pass");

        // Three years and the grace period later, without a new signature, the partnership lapses.
        clock.advance(Duration::days(3 * 366 + 61));
        renewals::plan(app).await.expect("planned");
        for _ in 0..3 {
            jobs::run_due(app, "w1", 500).await.expect("a pass");
        }

        let ours: Vec<serde_json::Value> = inbox
            .got()
            .iter()
            .inspect(|r| {
                let now = clock.now().unix_timestamp();
                // Older deliveries were signed three years ago: only the signature itself is checked.
                let at: i64 = r
                    .header("opo-signature")
                    .split(',')
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("t=")
                    .parse()
                    .expect("a timestamp");
                assert!(webhooks::verify(&endpoint.secret, r.header("opo-signature"), &r.body, at, 0).is_ok());
                assert!(at <= now);
            })
            .map(Received::json)
            .filter(|b| b["data"]["organization"]["slug"] == "sahel-data-lab" || b["data"]["post"]["slug"] == news)
            .collect();
        let events: Vec<&str> = ours.iter().filter_map(|b| b["event"].as_str()).collect();
        for expected in all.iter().filter(|e| **e != "agreement.lapsed") {
            assert_eq!(events.iter().filter(|e| *e == expected).count(), 1, "{expected} once in {events:?}");
        }
        assert!(events.contains(&"agreement.lapsed"), "{events:?}");
        let signed = ours.iter().find(|b| b["event"] == "agreement.signed").expect("signed");
        assert_eq!(signed["data"]["renewal"], false);
        assert!(signed["data"]["certificate_url"].as_str().is_some_and(|u| u.contains("/agreements/")));
        let announced = ours.iter().find(|b| b["event"] == "partner.announced").expect("announced");
        assert!(announced["data"]["news_url"].as_str().is_some_and(|u| u.ends_with(&news)), "{announced}");
        let published = ours.iter().find(|b| b["event"] == "post.published").expect("published");
        assert_eq!(published["data"]["post"]["kind"], "announcement");
    }
}
