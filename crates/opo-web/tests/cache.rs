//! The cache of rendered public pages, on both backends: hits, invalidation by exactly the writes the
//! public can see, conditional requests, content codings, and never a personal page from the cache.

mod support;

use axum::http::{Method, StatusCode, header};
use opo_domain::accounts::Role;
use std::io::Read;
use std::time::{Duration, Instant};
use support::{TestApp, each_app};

fn cache_of(answer: &support::Answer) -> &str {
    answer.header(header::HeaderName::from_static("x-cache"))
}

async fn generation(t: &TestApp) -> i64 {
    opo_app::site_generation::current(&t.app).await.expect("generation").value
}

/// A published blog post with this title, made and published through the secretariat's pages.
async fn publish_post(t: &TestApp, title: &str) {
    let (_, staff) = t.signed_in(Role::Secretariat, None).await;
    let draft = [("kind", "blog"), ("title", title), ("summary", "What changed this week."), ("body", "Some news.")];
    let created = t.post("/secretariat/posts", Some(&staff), &draft).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id = created.location().rsplit('/').next().expect("id").to_owned();
    let published = t.post(&format!("/secretariat/posts/{id}/publish"), Some(&staff), &[]).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
}

#[tokio::test]
async fn a_second_identical_request_is_served_from_the_cache_whatever_the_order_of_its_query() {
    for t in each_app().await {
        let first = t.get("/partners?sort=name&page=1", None).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(cache_of(&first), "miss");
        let second = t.get("/partners?page=1&sort=name", None).await;
        assert_eq!(cache_of(&second), "hit");
        assert_eq!(second.body, first.body);
        assert_eq!(second.header(header::ETAG), first.header(header::ETAG));
        assert!(!second.header(header::LAST_MODIFIED).is_empty());
        // The security headers are part of what is kept.
        assert_eq!(second.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert!(!second.header(header::CONTENT_SECURITY_POLICY).is_empty());

        // Each language is its own entry.
        let french = t.send(Method::GET, "/partners?sort=name&page=1", None, &[("accept-language", "fr")], "").await;
        assert_eq!(cache_of(&french), "miss");
        assert_ne!(french.body, first.body);
    }
}

#[tokio::test]
async fn publishing_a_post_shows_it_on_the_next_news_page_and_a_vote_flushes_nothing() {
    for t in each_app().await {
        t.get("/news", None).await;
        assert_eq!(cache_of(&t.get("/news", None).await), "hit");

        // A vote changes nothing the public sees.
        let (id,): (i64,) = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_as("select id from applications where stage = 'under_review' order by id limit 1")
                .fetch_one(&mut *conn)
                .await
                .expect("an application under review")
        };
        let before = generation(&t).await;
        let (_, member) = t.signed_in(Role::Committee, None).await;
        let vote = t.post(&format!("/committee/applications/{id}/votes"), Some(&member), &[("vote", "approve")]).await;
        assert_eq!(vote.status, StatusCode::SEE_OTHER, "{}", vote.body);
        assert_eq!(generation(&t).await, before, "a vote is not public");
        assert_eq!(cache_of(&t.get("/news", None).await), "hit");

        publish_post(&t, "Cache-busting harvest report").await;
        assert!(generation(&t).await > before);
        let news = t.get("/news", None).await;
        assert_eq!(cache_of(&news), "miss");
        assert!(news.body.contains("Cache-busting harvest report"), "the new post is listed at once");
    }
}

#[tokio::test]
async fn a_current_copy_is_answered_304_without_a_body() {
    for t in each_app().await {
        let page = t.get("/statistics", None).await;
        let etag = page.header(header::ETAG).to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "a strong tag: {etag}");
        let same = t.send(Method::GET, "/statistics", None, &[("if-none-match", &etag)], "").await;
        assert_eq!(same.status, StatusCode::NOT_MODIFIED);
        assert!(same.body.is_empty());
        assert_eq!(same.header(header::ETAG), etag);

        let other = t.send(Method::GET, "/statistics", None, &[("if-none-match", "\"other\"")], "").await;
        assert_eq!(other.status, StatusCode::OK);
        assert_eq!(other.body, page.body);

        let since = page.header(header::LAST_MODIFIED).to_owned();
        let unchanged = t.send(Method::GET, "/statistics", None, &[("if-modified-since", &since)], "").await;
        assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);
        let long_ago = [("if-modified-since", "Mon, 01 Jan 2001 00:00:00 GMT")];
        assert_eq!(t.send(Method::GET, "/statistics", None, &long_ago, "").await.status, StatusCode::OK);

        // An asset answers its compressed copy's tag with 304 too.
        let css = t.send(Method::GET, "/assets/site.css", None, &[("accept-encoding", "br")], "").await;
        assert_eq!(css.header(header::CONTENT_ENCODING), "br");
        let tag = [("accept-encoding", "br"), ("if-none-match", css.header(header::ETAG))];
        let again = t.send(Method::GET, "/assets/site.css", None, &tag, "").await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.body.is_empty());
    }
}

#[tokio::test]
async fn gzip_and_brotli_bodies_decode_to_the_identity_body() {
    for t in each_app().await {
        for uri in ["/", "/partners", "/open-data/partners.json", "/assets/site.css"] {
            let plain = t.get(uri, None).await;
            assert_eq!(plain.status, StatusCode::OK, "{uri}");
            assert!(plain.header(header::CONTENT_ENCODING).is_empty());
            for (coding, decode) in [
                (
                    "gzip",
                    (|b: &[u8]| {
                        let mut s = String::new();
                        flate2::read::GzDecoder::new(b).read_to_string(&mut s).map(|_| s)
                    }) as fn(&[u8]) -> std::io::Result<String>,
                ),
                ("br", |b: &[u8]| {
                    let mut s = String::new();
                    brotli::Decompressor::new(b, 4096).read_to_string(&mut s).map(|_| s)
                }),
            ] {
                let raw = raw_get(&t, uri, coding).await;
                assert_eq!(raw.0, coding, "{uri} in {coding}");
                assert_eq!(decode(&raw.1).expect("decodes"), plain.body, "{uri} in {coding}");
                assert!(raw.1.len() < plain.body.len(), "{uri} is smaller in {coding}");
            }
        }
    }
}

/// The coding and the undecoded bytes of a body (the test harness reads bodies as text).
async fn raw_get(t: &TestApp, uri: &str, coding: &str) -> (String, Vec<u8>) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = axum::http::Request::get(uri).header(header::ACCEPT_ENCODING, coding).body(axum::body::Body::empty());
    let response = t.router.clone().oneshot(request.expect("request")).await.expect("answer");
    let used = response.headers().get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    (used, response.into_body().collect().await.expect("body").to_bytes().to_vec())
}

#[tokio::test]
async fn a_signed_in_request_is_never_answered_from_the_anonymous_cache_nor_stored_in_it() {
    for t in each_app().await {
        let (_, staff) = t.signed_in(Role::Secretariat, None).await;
        // Signed in first: what is rendered for a person is not kept for the next visitor.
        let personal = t.get("/", Some(&staff)).await;
        assert_eq!(personal.status, StatusCode::OK);
        assert_eq!(cache_of(&personal), "");
        assert!(personal.body.contains("/sign-out"), "the page shows the person is signed in");
        let anonymous = t.get("/", None).await;
        assert_eq!(cache_of(&anonymous), "miss");
        assert!(!anonymous.body.contains("/sign-out"));
        assert_eq!(cache_of(&t.get("/", None).await), "hit");
        // And the anonymous page is not handed to a signed-in person.
        let again = t.get("/", Some(&staff)).await;
        assert_eq!(cache_of(&again), "");
        assert!(again.body.contains("/sign-out"));
        // Nor are pages outside the public site cached for anybody.
        assert_eq!(cache_of(&t.get("/sign-in", None).await), "");
    }
}

#[tokio::test]
async fn a_write_through_one_instance_reaches_another_within_the_poll_interval() {
    for t in each_app().await {
        let other = opo_web::build_app(t.app.clone());
        let get = |uri: &'static str| {
            let other = other.clone();
            async move {
                use http_body_util::BodyExt;
                use tower::ServiceExt;
                let request = axum::http::Request::get(uri).body(axum::body::Body::empty()).expect("request");
                let response = other.oneshot(request).await.expect("answer");
                let hit = response.headers().get("x-cache").is_some_and(|v| v == "hit");
                let body = response.into_body().collect().await.expect("body").to_bytes();
                (hit, String::from_utf8_lossy(&body).into_owned())
            }
        };
        // Let the other instance read the generation once, then fill its cache.
        tokio::time::sleep(opo_web::CACHE_POLL_INTERVAL).await;
        get("/news").await;
        assert!(get("/news").await.0, "the other instance caches too");

        publish_post(&t, "Seen on every instance").await;
        let written = Instant::now();
        let bound = opo_web::CACHE_POLL_INTERVAL * 2 + Duration::from_millis(500);
        loop {
            let (_, body) = get("/news").await;
            if body.contains("Seen on every instance") {
                break;
            }
            assert!(written.elapsed() < bound, "the other instance still shows the old page after {bound:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
