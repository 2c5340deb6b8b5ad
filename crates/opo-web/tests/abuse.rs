//! Abuse through the real router, on both backends, with requests from chosen peer addresses: every
//! rate limit holds at its exact threshold (the Nth request passes, the N+1th is refused with 429, the
//! right message and the exact `Retry-After`, and the next window lets it through again), and a
//! scripted spam run against the expression-of-interest form stores nothing while a real person in the
//! middle of it is served.

mod support;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use opo_app::rate_limits::{
    INTEREST_PER_IP, LINKS_PER_EMAIL, LINKS_PER_IP, Limit, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_IP,
};
use opo_domain::clock::Clock;
use std::net::SocketAddr;
use std::time::Instant;
use support::{Answer, TestApp, each_app, encode};
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;

impl TestApp {
    /// A request from `ip`, as the server sees the peer; forms come from a page of the site.
    async fn from(&self, ip: &str, method: Method, uri: &str, content_type: &str, body: String) -> Answer {
        let peer: SocketAddr = format!("{ip}:40000").parse().expect("an address");
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header("sec-fetch-site", "same-origin")
            .header("origin", support::ORIGIN)
            .extension(ConnectInfo(peer));
        if !content_type.is_empty() {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let response =
            self.router.clone().oneshot(request.body(Body::from(body)).expect("request")).await.expect("answer");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn form_from(&self, ip: &str, uri: &str, pairs: &[(&str, &str)]) -> Answer {
        self.from(ip, Method::POST, uri, "application/x-www-form-urlencoded", encode(pairs)).await
    }

    async fn json_from(&self, ip: &str, uri: &str, body: serde_json::Value) -> Answer {
        self.from(ip, Method::POST, uri, "application/json", body.to_string()).await
    }

    async fn count(&self, sql: &str) -> i64 {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_scalar(sql).fetch_one(&mut *conn).await.expect("count")
    }

    /// The seconds left in the current window of `limit` (windows are aligned to the epoch).
    fn left_in_window(&self, limit: Limit) -> u64 {
        let now = self.clock.now().unix_timestamp();
        let window = limit.window.whole_seconds();
        (now.div_euclid(window) * window + window - now).unsigned_abs()
    }

    /// Moves the clock to the first second of the next window of `limit`.
    fn next_window(&self, limit: Limit) {
        let now = self.clock.now().unix_timestamp();
        let window = limit.window.whole_seconds();
        let start = now.div_euclid(window) * window + window;
        self.clock.set(OffsetDateTime::from_unix_timestamp(start).expect("a time"));
    }
}

fn stamp_of(body: &str) -> String {
    let start = body.find("name=\"stamp\" value=\"").expect("a stamp") + "name=\"stamp\" value=\"".len();
    body[start..].split('"').next().expect("value").to_owned()
}

/// The form as a person fills it in; each organization is named after its contact's address, since one
/// organization expresses interest once.
fn interest<'a>(stamp: &'a str, email: &'a str, fax: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("organization", email.split('@').next().unwrap_or(email)),
        ("website", "https://sahel-data.example"),
        ("contact_name", "Awa Traoré"),
        ("contact_email", email),
        ("country", "ML"),
        ("desired_role", "research"),
        ("message", "We run district health information systems."),
        ("fax", fax),
        ("stamp", stamp),
    ]
}

/// A refusal by a rate limit: 429, the wait in words and in `Retry-After`, to the second.
fn assert_limited(what: &str, answer: &Answer, expected_wait: u64, message: &str) {
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS, "{what}: {}", answer.body);
    let retry: u64 = answer.header(header::RETRY_AFTER).parse().unwrap_or_else(|_| panic!("{what}: Retry-After"));
    assert_eq!(retry, expected_wait, "{what}: Retry-After is the rest of the window");
    assert!(answer.body.contains(message), "{what}: {message:?} not in {}", answer.body);
}

fn wait_words(seconds: u64) -> String {
    if seconds >= 90 { format!("{} minutes", seconds.div_ceil(60)) } else { format!("{seconds} seconds") }
}

#[tokio::test]
async fn sign_in_link_requests_are_limited_per_address_and_per_ip_at_their_exact_thresholds() {
    for t in each_app().await {
        // Per e-mail address: three links in fifteen minutes, from any number of networks.
        let form = [("email", "member@portal.example")];
        for n in 1..=LINKS_PER_EMAIL.max {
            let ok = t.form_from(&format!("192.0.2.{n}"), "/sign-in", &form).await;
            assert_eq!(ok.status, StatusCode::OK, "link request {n}");
        }
        let wait = t.left_in_window(LINKS_PER_EMAIL);
        let refused = t.form_from("192.0.2.99", "/sign-in", &form).await;
        let words = format!("Too many sign-in links were asked for. Please wait {}", wait_words(wait));
        assert_limited("link per e-mail", &refused, wait, &words);
        assert!(refused.body.contains("value=\"member@portal.example\""), "the address typed is kept");
        t.next_window(LINKS_PER_EMAIL);
        assert_eq!(t.form_from("192.0.2.98", "/sign-in", &form).await.status, StatusCode::OK, "a new window");

        // Per network address: ten links for different people, then the address waits; others do not.
        t.next_window(LINKS_PER_IP);
        for n in 1..=LINKS_PER_IP.max {
            let email = format!("person{n}@ngo.example");
            let ok = t.form_from("203.0.113.5", "/sign-in", &[("email", &email)]).await;
            assert_eq!(ok.status, StatusCode::OK, "link request {n} from one address");
        }
        let wait = t.left_in_window(LINKS_PER_IP);
        let refused = t.form_from("203.0.113.5", "/sign-in", &[("email", "one-more@ngo.example")]).await;
        assert_limited("link per IP", &refused, wait, "Too many sign-in links were asked for");
        let other = t.form_from("203.0.113.6", "/sign-in", &[("email", "one-more@ngo.example")]).await;
        assert_eq!(other.status, StatusCode::OK, "another network is not held back");
        t.next_window(LINKS_PER_IP);
        let again = t.form_from("203.0.113.5", "/sign-in", &[("email", "later@ngo.example")]).await;
        assert_eq!(again.status, StatusCode::OK, "the next window");
    }
}

#[tokio::test]
async fn password_attempts_are_limited_per_ip_and_per_account_at_their_exact_thresholds() {
    for t in each_app().await {
        t.next_window(SIGN_IN_PER_IP);
        for n in 1..=SIGN_IN_PER_IP.max {
            let email = format!("guess{n}@ngo.example");
            let wrong =
                t.form_from("198.51.100.20", "/sign-in/password", &[("email", &email), ("password", "x")]).await;
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "attempt {n} from one address");
        }
        let wait = t.left_in_window(SIGN_IN_PER_IP);
        let refused = t
            .form_from("198.51.100.20", "/sign-in/password", &[("email", "guess0@ngo.example"), ("password", "x")])
            .await;
        assert_limited(
            "password per IP",
            &refused,
            wait,
            &format!("Too many attempts. Please wait {}", wait_words(wait)),
        );
        t.next_window(SIGN_IN_PER_IP);
        let again = t
            .form_from("198.51.100.20", "/sign-in/password", &[("email", "guess0@ngo.example"), ("password", "x")])
            .await;
        assert_eq!(again.status, StatusCode::UNAUTHORIZED, "the next window");

        // One account from many networks: five attempts.
        t.next_window(SIGN_IN_PER_ACCOUNT);
        let account = [("email", "member@portal.example"), ("password", "not-the-password")];
        for n in 1..=SIGN_IN_PER_ACCOUNT.max {
            let wrong = t.form_from(&format!("198.51.100.{}", 100 + n), "/sign-in/password", &account).await;
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "attempt {n} on one account");
        }
        let wait = t.left_in_window(SIGN_IN_PER_ACCOUNT);
        let refused = t.form_from("198.51.100.200", "/sign-in/password", &account).await;
        assert_limited("password per account", &refused, wait, "Too many attempts");
        t.next_window(SIGN_IN_PER_ACCOUNT);
        assert_eq!(t.form_from("198.51.100.201", "/sign-in/password", &account).await.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn api_link_exchange_is_limited_like_signing_in() {
    for t in each_app().await {
        t.next_window(SIGN_IN_PER_IP);
        let guess = |n: i64| serde_json::json!({ "token": format!("{n:064x}"), "name": "Guess" });
        for n in 1..=SIGN_IN_PER_IP.max {
            let wrong = t.json_from("198.51.100.30", "/api/v1/auth/link", guess(n)).await;
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "guess {n}: {}", wrong.body);
        }
        let wait = t.left_in_window(SIGN_IN_PER_IP);
        let refused = t.json_from("198.51.100.30", "/api/v1/auth/link", guess(0)).await;
        assert_limited("API link exchange", &refused, wait, "Please wait");
        assert!(refused.header(header::CONTENT_TYPE).starts_with("application/problem+json"), "a problem body");
        t.next_window(SIGN_IN_PER_IP);
        let again = t.json_from("198.51.100.30", "/api/v1/auth/link", guess(0)).await;
        assert_eq!(again.status, StatusCode::UNAUTHORIZED, "the next window");
    }
}

#[tokio::test]
async fn expressions_of_interest_are_five_an_hour_per_address_on_the_form_and_the_api() {
    for t in each_app().await {
        let stamp = stamp_of(&t.get("/interest", None).await.body);
        t.clock.advance(Duration::seconds(30));
        for n in 1..=INTEREST_PER_IP.max {
            let email = format!("colleague{n}@sahel-data.example");
            let sent = t.form_from("198.51.100.40", "/interest", &interest(&stamp, &email, "")).await;
            assert_eq!(sent.status, StatusCode::OK, "submission {n}: {}", sent.body);
        }
        let wait = t.left_in_window(INTEREST_PER_IP);
        let refused =
            t.form_from("198.51.100.40", "/interest", &interest(&stamp, "sixth@sahel-data.example", "")).await;
        assert_limited("interest form", &refused, wait, &format!("Please wait {}", wait_words(wait)));
        t.next_window(INTEREST_PER_IP);
        let again = t.form_from("198.51.100.40", "/interest", &interest(&stamp, "later@sahel-data.example", "")).await;
        assert_eq!(again.status, StatusCode::OK, "the next hour: {}", again.body);
        assert_eq!(
            t.count("select count(*) from applications where contact_email like '%@sahel-data.example'").await,
            i64::from(u8::try_from(INTEREST_PER_IP.max).expect("small")) + 1
        );

        t.next_window(INTEREST_PER_IP);
        let body = |n: i64| {
            serde_json::json!({
                "organization": format!("Registry Lab {n}"),
                "contact_name": "Kofi Mensah",
                "contact_email": format!("kofi{n}@registry-lab.example"),
                "country": "GH",
            })
        };
        for n in 1..=INTEREST_PER_IP.max {
            let created = t.json_from("198.51.100.41", "/api/v1/interest", body(n)).await;
            assert_eq!(created.status, StatusCode::CREATED, "API submission {n}: {}", created.body);
        }
        let wait = t.left_in_window(INTEREST_PER_IP);
        let refused = t.json_from("198.51.100.41", "/api/v1/interest", body(0)).await;
        assert_limited("interest API", &refused, wait, "Please wait");
        t.next_window(INTEREST_PER_IP);
        assert_eq!(t.json_from("198.51.100.41", "/api/v1/interest", body(0)).await.status, StatusCode::CREATED);
    }
}

#[tokio::test]
async fn a_scripted_spam_run_stores_nothing_and_a_real_person_gets_through() {
    const RUN: usize = 200;
    for t in each_app().await {
        let applications = t.count("select count(*) from applications").await;
        let received = t.count("select count(*) from outbox_emails where kind = 'interest-received'").await;
        // Scripts reuse a stamp they fetched once, long enough ago to look human.
        let old_stamp = stamp_of(&t.get("/interest", None).await.body);
        t.clock.advance(Duration::seconds(30));
        let mut statuses: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
        let started = Instant::now();
        let mut person = None;
        for i in 0..RUN {
            if i == RUN / 2 {
                // A person opens the form, takes a minute to fill it in, and sends it from their own network.
                let page = t.from("198.51.100.7", Method::GET, "/interest", "", String::new()).await;
                let stamp = stamp_of(&page.body);
                t.clock.advance(Duration::seconds(60));
                let sent =
                    t.form_from("198.51.100.7", "/interest", &interest(&stamp, "amina@real-ngo.example", "")).await;
                person = Some(sent);
            }
            let email = format!("bot{i}@spam.example");
            let answer = match i % 3 {
                // The hidden field filled, from a botnet of fifty addresses.
                0 => {
                    let ip = format!("203.0.113.{}", i % 50);
                    t.form_from(&ip, "/interest", &interest(&old_stamp, &email, "+1 555 0100")).await
                }
                // Sent the moment the form was fetched, from another fifty.
                1 => {
                    let ip = format!("192.0.2.{}", i % 50);
                    let fresh = stamp_of(&t.from(&ip, Method::GET, "/interest", "", String::new()).await.body);
                    t.form_from(&ip, "/interest", &interest(&fresh, &email, "")).await
                }
                // One address hammering with a forged stamp.
                _ => t.form_from("198.51.100.66", "/interest", &interest("1700000000.forged", &email, "")).await,
            };
            *statuses.entry(answer.status.as_u16()).or_default() += 1;
        }
        let took = started.elapsed();
        let person = person.expect("the person sent the form");
        assert_eq!(person.status, StatusCode::OK, "{}", person.body);
        assert!(person.body.contains("amina@real-ngo.example"), "the person is thanked");

        assert_eq!(t.count("select count(*) from applications").await, applications + 1, "only the person is stored");
        assert_eq!(
            t.count("select count(*) from applications where contact_email like '%@spam.example'").await,
            0,
            "no spam is stored"
        );
        assert_eq!(t.count("select count(*) from outbox_emails where to_address like '%@spam.example'").await, 0);
        assert_eq!(
            t.count("select count(*) from outbox_emails where kind = 'interest-received'").await,
            received + 1,
            "one confirmation, to the person"
        );
        assert_eq!(
            t.count(
                "select count(*) from outbox_emails where kind = 'interest-received' and to_address = 'amina@real-ngo.example'"
            )
            .await,
            1
        );
        // The honeypot answers as for a person; the too fast are asked to send again; the hammer is cut off.
        assert_eq!(statuses.get(&200).copied().unwrap_or(0), RUN.div_ceil(3), "{statuses:?}");
        assert_eq!(statuses.get(&429).copied().unwrap_or(0), RUN / 3 - 5, "{statuses:?}");
        eprintln!(
            "spam run on {:?}: {RUN} scripted submissions in {took:.2?}, answers {statuses:?}, 0 stored; the person stored and mailed",
            t.app.db.backend()
        );
    }
}
