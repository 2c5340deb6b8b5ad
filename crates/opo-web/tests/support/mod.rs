//! The real router over the demo data, on both backends, and requests sent to it as a browser sends
//! them: a session cookie, and forms that say they come from a page of the site. Shared by the tests of
//! the pages; each test binary uses part of it.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use opo_app::{App, secrets};
use opo_domain::accounts::Role;
use opo_domain::clock::{Clock, ManualClock};
use opo_domain::text::EmailAddress;
use opo_store::testing::TestDb;
use opo_web::build_app;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;

/// The site's own origin, as the settings of the tests give it.
pub const ORIGIN: &str = "http://127.0.0.1:8080";

/// What a browser adds to a form sent from a page of the site.
const SAME_ORIGIN: [(&str, &str); 2] = [("sec-fetch-site", "same-origin"), ("origin", ORIGIN)];

pub struct TestApp {
    pub router: Router,
    pub app: App,
    pub clock: Arc<ManualClock>,
    _db: TestDb,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    /// The value of a header, empty when it is missing.
    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    pub fn location(&self) -> &str {
        self.header(header::LOCATION)
    }
}

/// The demo data on each backend, behind the router.
pub async fn each_app() -> Vec<TestApp> {
    opo_app::testing::demo_apps()
        .await
        .into_iter()
        .map(|d| TestApp { router: build_app(d.app.clone()), app: d.app, clock: d.clock, _db: d.db })
        .collect()
}

/// The generated data set of `organizations` partners (`opo demo --scale`) on each backend, behind the
/// router: for pages that must stay bounded on a large program.
pub async fn scaled_apps(organizations: usize) -> Vec<TestApp> {
    let mut apps = Vec::new();
    for db in opo_store::testing::each_backend().await {
        let clock = Arc::new(ManualClock::new(time::macros::datetime!(2026-11-25 09:00 UTC)));
        let app = App::new(db.db.clone(), clock.clone(), opo_app::Settings::default());
        opo_app::setup::prepare(&app).await.expect("prepare the database");
        let options = opo_app::demo::scale::ScaleOptions { organizations, seed: 1 };
        opo_app::demo::scale::load(&app, &opo_app::Actor::cli(), options, &mut |_, _, _| {}).await.expect("load");
        apps.push(TestApp { router: build_app(app.clone()), app, clock, _db: db });
    }
    apps
}

/// A form body with these fields, in this order (a key may repeat).
pub fn encode(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// Text as the templates escape it.
pub fn html(text: &str) -> String {
    text.replace('&', "&#38;").replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;")
}

impl TestApp {
    /// A request with the session `cookie` (if any) and these extra headers; a POST carries a form.
    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        cookie: Option<&str>,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        let mut request = Request::builder().method(method.clone()).uri(uri);
        if let Some(token) = cookie {
            request = request.header(header::COOKIE, format!("opo_session={token}"));
        }
        if method == Method::POST {
            request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::from(body.to_owned())).expect("request"))
            .await
            .expect("answer");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> Answer {
        self.send(Method::GET, uri, cookie, &[], "").await
    }

    /// A form with these fields, sent from a page of the site.
    pub async fn post(&self, uri: &str, cookie: Option<&str>, pairs: &[(&str, &str)]) -> Answer {
        self.post_encoded(uri, cookie, &encode(pairs)).await
    }

    /// A form already encoded, sent from a page of the site.
    pub async fn post_encoded(&self, uri: &str, cookie: Option<&str>, body: &str) -> Answer {
        self.send(Method::POST, uri, cookie, &SAME_ORIGIN, body).await
    }

    /// A new account with this role and an open session; returns (user id, session token).
    pub async fn signed_in(&self, role: Role, organization_id: Option<i64>) -> (i64, String) {
        let now = self.clock.now();
        let mut tx = self.app.db.begin().await.expect("begin");
        let email =
            EmailAddress::parse(&format!("{}-{}@test.example", role.key(), now.unix_timestamp_nanos())).expect("email");
        let id = opo_store::accounts::insert(&mut tx, &email, "Test Person", role, organization_id, now)
            .await
            .expect("user");
        if let Some(org) = organization_id {
            // Belonging to an organization is being its contact.
            let roles = opo_domain::contacts::ContactRoles::default();
            opo_store::contacts::put(&mut tx, org, id, "", roles, now).await.expect("contact");
        }
        let token = open_session(&mut tx, id, now).await;
        tx.commit().await.expect("commit");
        self.clock.advance(Duration::milliseconds(1));
        (id, token)
    }

    /// A session for an existing account.
    pub async fn session_for(&self, user_id: i64) -> String {
        let mut tx = self.app.db.begin().await.expect("begin");
        let token = open_session(&mut tx, user_id, self.clock.now()).await;
        tx.commit().await.expect("commit");
        token
    }

    /// The id of the organization with this slug.
    pub async fn org_id(&self, slug: &str) -> i64 {
        let mut conn = self.app.db.read().await.expect("conn");
        opo_store::partners::id_by_slug(&mut conn, slug).await.expect("query").expect("organization")
    }
}

async fn open_session(conn: &mut opo_store::Conn, user_id: i64, now: OffsetDateTime) -> String {
    let token = secrets::new_token().expect("token");
    let session = opo_store::sessions::NewSession {
        token_hash: secrets::token_hash(&token),
        user_id,
        ip: String::new(),
        user_agent: String::new(),
        expires_at: now + Duration::hours(12),
    };
    opo_store::sessions::insert(conn, &session, now).await.expect("session");
    token
}
