//! The announcement of a new partner posted to the community forum, against a fake Discourse served over
//! real HTTP on a local port: one topic per announcement in the configured category, kept while the
//! forum is down, given up on a refused key, never posted twice, even by two senders at once.

mod support;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use opo_app::forum::{self, ForumClient, ForumPost, ForumPostStatus};
use opo_app::testing::DemoApp;
use opo_app::worker::Pass;
use opo_app::{Actor, App, DiscourseSettings, Settings, pages, reviews};
use opo_domain::clock::{Clock, ManualClock};
use opo_domain::reviews::{Decision, Vote};
use opo_store::Backend;
use opo_store::forum_posts::{self, NewForumPost};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use time::Duration;

const KEY: &str = "forum-api-key-0123456789";
const USERNAME: &str = "opo-announcer";
const CATEGORY: i64 = 42;
const PORTAL: &str = "https://portal.example";

/// A request the fake forum received, and what it answered.
#[derive(Debug, Clone)]
struct Received {
    api_key: Option<String>,
    api_username: Option<String>,
    content_type: Option<String>,
    body: Value,
    status: u16,
}

#[derive(Default)]
struct Forum {
    received: Vec<Received>,
    /// Answer 503, as a forum being upgraded does.
    unavailable: bool,
    /// How long each answer takes.
    delay: std::time::Duration,
}

/// A fake Discourse: `POST /posts.json` checks the key as the forum does and opens a topic.
#[derive(Clone)]
struct FakeForum {
    url: String,
    state: Arc<Mutex<Forum>>,
}

impl FakeForum {
    async fn start() -> Self {
        let state = Arc::new(Mutex::new(Forum::default()));
        let router =
            axum::Router::new().route("/posts.json", axum::routing::post(create_post)).with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a local port");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, router).await.expect("the fake forum") });
        Self { url, state }
    }

    fn received(&self) -> Vec<Received> {
        self.state.lock().expect("state").received.clone()
    }

    /// The topics it opened.
    fn topics(&self) -> Vec<Received> {
        self.received().into_iter().filter(|r| r.status == 200).collect()
    }

    fn set_unavailable(&self, unavailable: bool) {
        self.state.lock().expect("state").unavailable = unavailable;
    }

    fn set_delay(&self, delay: std::time::Duration) {
        self.state.lock().expect("state").delay = delay;
    }

    fn settings(&self, api_key: Option<&str>) -> DiscourseSettings {
        DiscourseSettings {
            base_url: self.url.clone(),
            webhook_secret: "a-webhook-secret-for-interest".into(),
            api_key: api_key.map(str::to_owned),
            api_username: USERNAME.into(),
            announcement_category_id: Some(CATEGORY),
            ..DiscourseSettings::default()
        }
    }
}

async fn create_post(State(state): State<Arc<Mutex<Forum>>>, headers: HeaderMap, body: Bytes) -> Response {
    let delay = state.lock().expect("state").delay;
    tokio::time::sleep(delay).await;
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let mut forum = state.lock().expect("state");
    let (status, answer) = if forum.unavailable {
        (StatusCode::SERVICE_UNAVAILABLE, "<html><body><h1>503 Service Unavailable</h1></body></html>".into_response())
    } else if text("api-key").as_deref() != Some(KEY) || text("api-username").as_deref() != Some(USERNAME) {
        let refusal = json!({
            "errors": ["You are not permitted to view the requested resource. The API username or key is invalid."],
            "error_type": "invalid_access"
        });
        (StatusCode::FORBIDDEN, axum::Json(refusal).into_response())
    } else {
        let n = i64::try_from(forum.received.iter().filter(|r| r.status == 200).count()).expect("count") + 1;
        let title = body["title"].as_str().unwrap_or_default();
        let slug: String = title
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let created = json!({
            "id": 9000 + n, "name": "System", "username": USERNAME, "post_number": 1, "post_type": 1,
            "topic_id": 700 + n, "topic_slug": slug, "raw": body["raw"], "category_id": body["category"]
        });
        (StatusCode::OK, axum::Json(created).into_response())
    };
    forum.received.push(Received {
        api_key: text("api-key"),
        api_username: text("api-username"),
        content_type: text(header::CONTENT_TYPE.as_str()),
        body,
        status: status.as_u16(),
    });
    (status, answer).into_response()
}

/// The demo site with the forum connected as `forum` says.
fn with_forum(demo: &DemoApp, forum: DiscourseSettings) -> App {
    let settings = Settings { base_url: PORTAL.into(), discourse: Some(forum), ..(*demo.app.settings).clone() };
    App { settings: Arc::new(settings), ..demo.app.clone() }
}

/// Walks a new application from the expression of interest to the announcement; returns the news slug.
async fn announce_a_new_partner(app: &App, clock: &ManualClock) -> String {
    let p = support::people(app).await;
    let staff = Actor::user(&p.secretariat, "192.0.2.1");
    let (id, awa) = support::to_review(app, clock, &p).await;
    for member in &p.members {
        reviews::vote(app, id, member, Vote::Approve, "A good fit.", &Actor::user(member, "")).await.expect("vote");
    }
    reviews::decide(app, id, Decision::Approve, "Strong registry experience.", &staff).await.expect("approved");
    let version = pages::draft(app, id, &staff).await.expect("drafted");
    pages::approve(app, id, &awa, version, &Actor::user(&awa, "198.51.100.9")).await.expect("page approved");
    pages::announce(app, id, &staff).await.expect("announced")
}

async fn posts(app: &App) -> Vec<ForumPost> {
    forum::recent(app, 100).await.expect("forum posts")
}

fn client(app: &App) -> ForumClient {
    let settings = app.settings.discourse.as_ref().expect("a forum");
    ForumClient::from_settings(settings).expect("a client").expect("an API key and a category")
}

#[tokio::test]
async fn an_announcement_opens_one_topic_in_the_category_and_only_once() {
    let fake = FakeForum::start().await;
    for demo in opo_app::testing::demo_apps().await {
        let app = &with_forum(&demo, fake.settings(Some(KEY)));
        let before = fake.received().len();
        let slug = announce_a_new_partner(app, &demo.clock).await;
        let news = opo_app::posts::published(app, &slug).await.expect("the news post");

        let queued = posts(app).await;
        assert_eq!(queued.len(), 1, "{queued:?}");
        assert_eq!((queued[0].status, queued[0].category_id), (ForumPostStatus::Pending, CATEGORY));
        assert_eq!(fake.received().len(), before, "nothing is posted inside the announcement's transaction");

        let forum_client = client(app);
        assert_eq!(forum::deliver_due(app, &forum_client, 10).await.expect("pass"), Pass { sent: 1, failed: 0 });
        let received = fake.received();
        assert_eq!(received.len(), before + 1);
        let request = &received[before];
        assert_eq!(request.api_key.as_deref(), Some(KEY));
        assert_eq!(request.api_username.as_deref(), Some(USERNAME));
        assert_eq!(request.content_type.as_deref(), Some("application/json"));
        assert_eq!(request.body["category"], json!(CATEGORY));
        assert_eq!(request.body["title"], json!(news.card.title));
        let raw = request.body["raw"].as_str().expect("raw");
        assert!(raw.contains("Sahel Data Lab joins the OpenHIE community"), "{raw}");
        assert!(raw.contains(&format!("({PORTAL}/news/{slug})")), "{raw}");
        assert!(raw.contains(&format!("({PORTAL}/partners/sahel-data-lab)")), "{raw}");

        let sent = &posts(app).await[0];
        assert_eq!((sent.status, sent.attempts, sent.last_error.as_deref()), (ForumPostStatus::Sent, 1, None));
        let topic_id = sent.topic_id.expect("the topic");
        let topic_slug = news.card.title.to_lowercase().replace(',', "").replace(' ', "-");
        assert_eq!(sent.topic_url.as_deref(), Some(format!("{}/t/{topic_slug}/{topic_id}", fake.url).as_str()));

        assert_eq!(forum::deliver_due(app, &forum_client, 10).await.expect("pass"), Pass::default());
        demo.clock.advance(Duration::days(1));
        assert_eq!(forum::deliver_due(app, &forum_client, 10).await.expect("pass"), Pass::default());
        assert_eq!(fake.received().len(), before + 1, "posted once");
    }
}

#[tokio::test]
async fn while_the_forum_is_down_the_post_waits_and_is_sent_once_it_is_back() {
    let fake = FakeForum::start().await;
    for demo in opo_app::testing::demo_apps().await {
        let app = &with_forum(&demo, fake.settings(Some(KEY)));
        let (before, topics_before) = (fake.received().len(), fake.topics().len());
        announce_a_new_partner(app, &demo.clock).await;
        let forum_client = client(app);

        fake.set_unavailable(true);
        assert_eq!(forum::deliver_due(app, &forum_client, 10).await.expect("pass"), Pass { sent: 0, failed: 1 });
        let waiting = &posts(app).await[0];
        assert_eq!((waiting.status, waiting.attempts), (ForumPostStatus::Pending, 1));
        let error = waiting.last_error.as_deref().unwrap_or_default();
        assert!(error.contains("503"), "{error}");
        assert_eq!(forum::deliver_due(app, &forum_client, 10).await.expect("pass"), Pass::default(), "not due yet");

        demo.clock.advance(Duration::minutes(1));
        assert_eq!(forum::deliver_due(app, &forum_client, 10).await.expect("pass"), Pass { sent: 0, failed: 1 });
        assert_eq!(posts(app).await[0].attempts, 2);

        fake.set_unavailable(false);
        demo.clock.advance(Duration::minutes(1));
        assert_eq!(forum::deliver_due(app, &forum_client, 10).await.expect("pass"), Pass::default(), "waits longer");
        demo.clock.advance(Duration::minutes(2));
        assert_eq!(forum::deliver_due(app, &forum_client, 10).await.expect("pass"), Pass { sent: 1, failed: 0 });
        let sent = &posts(app).await[0];
        assert_eq!((sent.status, sent.attempts), (ForumPostStatus::Sent, 3));
        assert!(sent.topic_id.is_some() && sent.last_error.is_none(), "{sent:?}");
        assert_eq!(fake.received().len(), before + 3, "two failures, then the topic");
        assert_eq!(fake.topics().len(), topics_before + 1, "one topic");
    }
}

#[tokio::test]
async fn an_unreachable_forum_is_tried_again_later() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", closed.local_addr().expect("address"));
    drop(closed);
    for demo in opo_app::testing::demo_apps().await {
        let forum = DiscourseSettings {
            base_url: url.clone(),
            api_key: Some(KEY.into()),
            announcement_category_id: Some(CATEGORY),
            ..DiscourseSettings::default()
        };
        let app = &with_forum(&demo, forum);
        let mut tx = app.db.begin().await.expect("begin");
        let post =
            NewForumPost { kind: "announcement".into(), title: "Welcome".into(), raw: "Hello".into(), category_id: 3 };
        forum_posts::enqueue(&mut tx, &post, demo.clock.now()).await.expect("queued");
        tx.commit().await.expect("commit");
        assert_eq!(forum::deliver_due(app, &client(app), 10).await.expect("pass"), Pass { sent: 0, failed: 1 });
        let waiting = &posts(app).await[0];
        assert_eq!(waiting.status, ForumPostStatus::Pending);
        assert!(waiting.last_error.as_deref().unwrap_or_default().contains("could not be reached"), "{waiting:?}");
    }
}

#[tokio::test]
async fn a_refused_key_fails_for_good_with_the_forums_answer() {
    let fake = FakeForum::start().await;
    for demo in opo_app::testing::demo_apps().await {
        let app = &with_forum(&demo, fake.settings(Some("a-revoked-key")));
        let before = fake.received().len();
        announce_a_new_partner(app, &demo.clock).await;
        assert_eq!(forum::deliver_due(app, &client(app), 10).await.expect("pass"), Pass { sent: 0, failed: 1 });
        assert_eq!(fake.received()[before].status, 403);
        let failed = &posts(app).await[0];
        assert_eq!((failed.status, failed.attempts, failed.topic_id), (ForumPostStatus::Failed, 1, None));
        let error = failed.last_error.as_deref().unwrap_or_default();
        assert!(error.contains("403") && error.contains("The API username or key is invalid."), "{error}");

        demo.clock.advance(Duration::days(2));
        assert_eq!(forum::deliver_due(app, &client(app), 10).await.expect("pass"), Pass::default());
        assert_eq!(fake.received().len(), before + 1, "a refused key is not tried again");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_senders_at_once_post_each_announcement_exactly_once() {
    let fake = FakeForum::start().await;
    fake.set_delay(std::time::Duration::from_millis(20));
    let mut backends = Vec::new();
    for demo in opo_app::testing::demo_apps().await {
        let backend = demo.db.backend();
        backends.push(backend);
        let app = with_forum(&demo, fake.settings(Some(KEY)));
        let topics_before = fake.topics().len();
        // The second sender is another instance: its own pool on the same database.
        let other = App { db: opo_store::Db::connect(&demo.db.url).await.expect("a second pool"), ..app.clone() };
        announce_a_new_partner(&app, &demo.clock).await;
        let mut queued = 1;
        for round in 1..=5 {
            let mut tx = app.db.begin().await.expect("begin");
            while queued < round * 6 {
                queued += 1;
                let title = format!("Announcement {queued} on {backend:?}");
                let post =
                    NewForumPost { kind: "announcement".into(), title, raw: "Welcome.".into(), category_id: CATEGORY };
                forum_posts::enqueue(&mut tx, &post, demo.clock.now()).await.expect("queued");
            }
            tx.commit().await.expect("commit");
            // Both claim at the same moment, three each: the one that comes second must skip what the
            // first holds, not wait for it and take the same posts again.
            let start = Arc::new(tokio::sync::Barrier::new(2));
            let senders = [app.clone(), other.clone()].map(|app| {
                let start = start.clone();
                tokio::spawn(async move {
                    let forum_client = client(&app);
                    start.wait().await;
                    forum::deliver_due(&app, &forum_client, 3).await.expect("pass")
                })
            });
            for sender in senders {
                assert_eq!(sender.await.expect("a sender"), Pass { sent: 3, failed: 0 }, "round {round}");
            }
        }
        assert_eq!(forum::deliver_due(&other, &client(&other), 10).await.expect("pass"), Pass::default());

        let titles: Vec<String> = fake.topics()[topics_before..].iter().map(|r| r.body["title"].to_string()).collect();
        let distinct: HashSet<&String> = titles.iter().collect();
        assert_eq!((titles.len(), distinct.len()), (30, 30), "each posted exactly once: {titles:?}");
        let stored = posts(&app).await;
        assert!(stored.iter().all(|p| p.status == ForumPostStatus::Sent && p.attempts == 1), "{stored:?}");
        let topics: HashSet<Option<i64>> = stored.iter().map(|p| p.topic_id).collect();
        assert_eq!((stored.len(), topics.len()), (30, 30), "each its own topic");
    }
    if opo_store::testing::postgres_admin_url().is_some() {
        assert!(backends.contains(&Backend::Postgres), "ran on PostgreSQL");
    }
}

#[tokio::test]
async fn without_an_api_key_nothing_is_queued() {
    let fake = FakeForum::start().await;
    for demo in opo_app::testing::demo_apps().await {
        let app = &with_forum(&demo, fake.settings(None));
        assert!(ForumClient::from_settings(app.settings.discourse.as_ref().expect("forum")).expect("ok").is_none());
        announce_a_new_partner(app, &demo.clock).await;
        assert!(posts(app).await.is_empty(), "the webhook alone posts nothing");
    }
    assert!(fake.received().is_empty());
}
