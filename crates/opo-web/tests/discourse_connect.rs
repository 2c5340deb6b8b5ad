//! Signing in through the forum (DiscourseConnect), against a forum played by the test: it reads the
//! portal's signed request, and answers with a payload it signs with the shared secret, as Discourse does.

mod support;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use opo_app::discourse_connect::{DiscourseConnectSettings, encode_payload, sign};
use opo_app::{Actor, App, Settings};
use opo_domain::clock::ManualClock;
use std::sync::Arc;
use time::Duration;
use tower::ServiceExt;

const SECRET: &str = "a-long-secret-shared-with-the-forum";
const FORUM: &str = "https://forum.example";

struct Site {
    router: Router,
    app: App,
    clock: Arc<ManualClock>,
    _db: opo_store::testing::TestDb,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn cookies(&self) -> Vec<&str> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).collect()
    }

    /// The value this answer sets for a cookie.
    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies().iter().find_map(|c| c.strip_prefix(&format!("{name}="))?.split(';').next().map(str::to_owned))
    }

    fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }
}

async fn sites(connect: bool) -> Vec<Site> {
    opo_app::testing::demo_apps()
        .await
        .into_iter()
        .map(|d| {
            let settings = Settings {
                discourse_connect: connect
                    .then(|| DiscourseConnectSettings { forum_url: FORUM.to_owned(), secret: SECRET.to_owned() }),
                ..(*d.app.settings).clone()
            };
            let app = App::new(d.app.db.clone(), d.clock.clone(), settings);
            Site { router: opo_web::build_app(app.clone()), app, clock: d.clock, _db: d.db }
        })
        .collect()
}

impl Site {
    async fn get(&self, uri: &str, cookie: Option<&str>) -> Answer {
        let mut request = Request::get(uri);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response =
            self.router.clone().oneshot(request.body(Body::empty()).expect("request")).await.expect("answer");
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
        Answer { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
    }

    /// Starts a sign-in as a browser: the forum request the portal redirects to, and the nonce cookie.
    async fn start(&self) -> (Vec<(String, String)>, String) {
        let answer = self.get("/auth/discourse", None).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        let location = answer.location().to_owned();
        let query = location.strip_prefix(&format!("{FORUM}/session/sso_provider?")).expect("sent to the forum");
        let cookie = answer.cookie("opo_forum_nonce").expect("the browser keeps the nonce");
        (form_urlencoded::parse(query.as_bytes()).into_owned().collect(), cookie)
    }
}

/// The forum: checks the portal's request, and answers for a person with this e-mail address.
fn forum_answers(request: &[(String, String)], email: &str, secret: &str) -> (String, String) {
    let field = |name: &str| request.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).expect(name);
    let (sso, sig) = (field("sso"), field("sig"));
    assert_eq!(sign(SECRET, &sso), sig, "the portal signs its request with the shared secret");
    let decoded = STANDARD.decode(&sso).expect("Base64");
    let asked: Vec<(String, String)> = form_urlencoded::parse(&decoded).into_owned().collect();
    let get = |name: &str| asked.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).expect(name);
    let back = get("return_sso_url");
    assert_eq!(back, "http://127.0.0.1:8080/auth/discourse/callback");
    let payload = encode_payload(&[
        ("nonce", &get("nonce")),
        ("email", email),
        ("external_id", "4711"),
        ("username", "forum_person"),
        ("name", "Forum Person"),
    ]);
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("sso", &payload)
        .append_pair("sig", &sign(secret, &payload))
        .finish();
    (format!("/auth/discourse/callback?{query}"), payload)
}

#[tokio::test]
async fn a_forum_member_with_an_account_signs_in_once_per_request() {
    for site in sites(true).await {
        let page = site.get("/sign-in", None).await;
        assert!(page.body.contains("href=\"/auth/discourse\""), "the sign-in page offers the forum");

        let (request, nonce) = site.start().await;
        let (callback, _) = forum_answers(&request, "Admin@Portal.example", SECRET);
        let cookie = format!("opo_forum_nonce={nonce}");
        let answer = site.get(&callback, Some(&cookie)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        assert_eq!(answer.location(), "/admin");
        let session = answer.cookie("opo_session").expect("a session");
        assert_eq!(answer.cookie("opo_forum_nonce").as_deref(), Some(""), "the nonce cookie is removed");
        let home = site.get("/admin", Some(&format!("opo_session={session}"))).await;
        assert_eq!(home.status, StatusCode::OK, "the session works");
        let audit = opo_app::audit::search(
            &site.app,
            &opo_store::audit::AuditFilter { action: "session.".to_owned(), limit: 50, ..Default::default() },
        )
        .await
        .expect("audit");
        assert!(
            audit.iter().any(|e| e.entry.action == "session.signed-in"
                && e.entry.after_json.as_deref().is_some_and(|j| j.contains("forum"))),
            "the sign-in is in the audit log, with how"
        );

        // The same answer again: the nonce is used up.
        let replay = site.get(&callback, Some(&cookie)).await;
        assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
        assert!(replay.body.contains("used already or has expired"), "{}", replay.body);
        assert!(replay.cookie("opo_session").is_none());
    }
}

#[tokio::test]
async fn forged_foreign_late_and_unknown_answers_sign_no_one_in() {
    for site in sites(true).await {
        // Signed with another secret.
        let (request, nonce) = site.start().await;
        let cookie = format!("opo_forum_nonce={nonce}");
        let (forged, _) = forum_answers(&request, "admin@portal.example", "not-the-shared-secret");
        let answer = site.get(&forged, Some(&cookie)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert!(answer.body.contains("not signed with the secret"), "{}", answer.body);
        assert!(answer.cookie("opo_session").is_none());

        // A valid payload with its signature tampered.
        let (genuine, _) = forum_answers(&request, "admin@portal.example", SECRET);
        let tampered = format!("{}0", genuine.trim_end_matches(|c: char| c.is_ascii_hexdigit()));
        assert_eq!(site.get(&tampered, Some(&cookie)).await.status, StatusCode::UNAUTHORIZED);

        // The genuine answer in a browser that did not start the sign-in (no nonce cookie, or another).
        let elsewhere = site.get(&genuine, None).await;
        assert_eq!(elsewhere.status, StatusCode::UNAUTHORIZED);
        assert!(elsewhere.body.contains("not started in this browser"), "{}", elsewhere.body);
        let (_, other_nonce) = site.start().await;
        let other = site.get(&genuine, Some(&format!("opo_forum_nonce={other_nonce}"))).await;
        assert_eq!(other.status, StatusCode::UNAUTHORIZED);
        // Neither used the nonce up: the browser that started it still signs in.
        assert_eq!(site.get(&genuine, Some(&cookie)).await.status, StatusCode::SEE_OTHER);

        // Too late: the nonce expired.
        let (request, nonce) = site.start().await;
        let (late, _) = forum_answers(&request, "admin@portal.example", SECRET);
        site.clock.advance(Duration::minutes(11));
        let answer = site.get(&late, Some(&format!("opo_forum_nonce={nonce}"))).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);

        // A forum member without an account here: refused with the reason, and no account is created.
        let count = || async {
            let mut conn = site.app.db.read().await.expect("conn");
            sqlx::query_scalar::<_, i64>("select count(*) from users").fetch_one(&mut *conn).await.expect("count")
        };
        let before = count().await;
        let (request, nonce) = site.start().await;
        let (unknown, _) = forum_answers(&request, "member@community.example", SECRET);
        let answer = site.get(&unknown, Some(&format!("opo_forum_nonce={nonce}"))).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert!(answer.body.contains("member@community.example"), "{}", answer.body);
        assert!(answer.body.contains("members of the community take part on the forum"), "{}", answer.body);
        assert!(answer.cookie("opo_session").is_none());
        assert_eq!(count().await, before, "no account is created");

        // A deactivated account is refused as well.
        let users = opo_app::accounts::list(&site.app).await.expect("users");
        let member = users.iter().find(|u| u.email == "member@portal.example").expect("the demo's member");
        opo_app::accounts::set_active(&site.app, member.id, false, &Actor::cli()).await.expect("deactivate");
        let (request, nonce) = site.start().await;
        let (inactive, _) = forum_answers(&request, "member@portal.example", SECRET);
        let answer = site.get(&inactive, Some(&format!("opo_forum_nonce={nonce}"))).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);

        // An address without the forum's answer.
        assert_eq!(site.get("/auth/discourse/callback", None).await.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn without_the_shared_secret_the_forum_sign_in_is_not_offered() {
    for site in sites(false).await {
        let page = site.get("/sign-in", None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("/auth/discourse"), "no forum button");
        let start = site.get("/auth/discourse", None).await;
        assert_eq!((start.status, start.location()), (StatusCode::SEE_OTHER, "/sign-in"));
        assert!(start.cookie("opo_forum_nonce").is_none());
        let payload = encode_payload(&[("nonce", "x"), ("email", "admin@portal.example")]);
        let uri = format!("/auth/discourse/callback?sso={payload}&sig={}", sign(SECRET, &payload));
        let answer = site.get(&uri, Some("opo_forum_nonce=x")).await;
        assert_eq!((answer.status, answer.location()), (StatusCode::SEE_OTHER, "/sign-in"));
        assert!(answer.cookie("opo_session").is_none());
    }
}
