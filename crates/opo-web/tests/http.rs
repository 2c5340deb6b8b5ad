//! The real router, answering real requests, over demo data in SQLite and PostgreSQL.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use opo_domain::policy::{self, Actor as PolicyActor};
use opo_store::testing::TestDb;
use opo_web::{build_app, route_table};
use tower::ServiceExt;

struct TestApp {
    router: Router,
    db: TestDb,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl TestApp {
    async fn request(&self, method: Method, uri: &str, headers: &[(header::HeaderName, &str)]) -> Answer {
        let mut request = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        let response =
            self.router.clone().oneshot(request.body(Body::empty()).expect("request")).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn get(&self, uri: &str) -> Answer {
        self.request(Method::GET, uri, &[]).await
    }

    async fn slugs_with_status(&self, status: &str) -> Vec<String> {
        let mut conn = self.db.db.read().await.expect("conn");
        sqlx::query_scalar("select slug from organizations where status = $1 order by slug")
            .bind(status)
            .fetch_all(&mut *conn)
            .await
            .expect("slugs")
    }
}

async fn each_app() -> Vec<TestApp> {
    opo_app::testing::demo_apps().await.into_iter().map(|d| TestApp { router: build_app(d.app), db: d.db }).collect()
}

/// Text as the templates escape it.
fn html(text: &str) -> String {
    text.replace('&', "&#38;").replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;")
}

/// A concrete address for a route pattern, with its parameters filled in from the demo data.
fn concrete(path: &str, slug: &str, post: &str, id: i64) -> String {
    concrete_with_code(path, slug, post, id, "NO-SUCH-CODE")
}

/// The public code of a demo partner's signed agreement.
async fn signature_code(t: &TestApp) -> String {
    let mut conn = t.db.db.read().await.expect("conn");
    sqlx::query_scalar("select code from agreements where code is not null order by id limit 1")
        .fetch_one(&mut *conn)
        .await
        .expect("a signature")
}

/// The address secret of a demo secretariat member's calendar feed.
async fn calendar_token(t: &TestApp) -> String {
    let mut conn = t.db.db.read().await.expect("conn");
    let id: i64 = sqlx::query_scalar("select id from users where role = 'secretariat' order by id limit 1")
        .fetch_one(&mut *conn)
        .await
        .expect("a secretariat member");
    drop(conn);
    let app =
        opo_app::App::new(t.db.db.clone(), std::sync::Arc::new(opo_domain::clock::SystemClock), Default::default());
    let user = opo_app::accounts::find(&app, id).await.expect("user");
    opo_app::calendar_feed::create(&app, &user, &opo_app::Actor::cli()).await.expect("a feed")
}

fn concrete_with_code(path: &str, slug: &str, post: &str, id: i64, code: &str) -> String {
    let path = path.replace("{code}", code);
    let path = path.as_str();
    let file = if path.starts_with("/assets") {
        "site.css"
    } else if path.starts_with("/feeds") {
        "news.atom"
    } else {
        "feed.atom"
    };
    path.replace("{slug}", if path.starts_with("/news") { post } else { slug })
        .replace("{file}", file)
        .replace("{id}", &id.to_string())
}

async fn org_id(t: &TestApp, slug: &str) -> i64 {
    let mut conn = t.db.db.read().await.expect("conn");
    sqlx::query_scalar("select id from organizations where slug = $1")
        .bind(slug)
        .fetch_one(&mut *conn)
        .await
        .expect("id")
}

/// A webinar, so that its calendar entry exists too.
async fn first_post_slug(t: &TestApp) -> String {
    let mut conn = t.db.db.read().await.expect("conn");
    sqlx::query_scalar("select slug from posts where kind = 'webinar' order by slug limit 1")
        .fetch_one(&mut *conn)
        .await
        .expect("a webinar")
}

#[tokio::test]
async fn every_page_answers_anonymous_visitors_as_the_policy_says() {
    for t in each_app().await {
        let slug = t.slugs_with_status("active").await.remove(0);
        let post = first_post_slug(&t).await;
        let code = signature_code(&t).await;
        let feed = calendar_token(&t).await;
        let table = route_table();
        assert!(!table.is_empty());
        // Forms and signed-in pages are walked for every role in `security.rs`.
        for route in table.into_iter().filter(|r| r.method == "GET") {
            let uri =
                concrete_with_code(route.path, &slug, &post, org_id(&t, &slug).await, &code).replace("{token}", &feed);
            let answer = t.request(Method::from_bytes(route.method.as_bytes()).expect("method"), &uri, &[]).await;
            if route.path.starts_with("/auth/discourse") {
                // Signing in through the forum is not set up in these tests: it leads back to the sign-in page.
                assert_eq!(answer.status, StatusCode::SEE_OTHER, "{} {uri}", route.method);
            } else if policy::allows(PolicyActor::Anonymous, route.action) {
                assert_eq!(answer.status, StatusCode::OK, "{} {uri}", route.method);
            } else {
                assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{} {uri}", route.method);
            }
        }
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers_errors_and_assets_included() {
    for t in each_app().await {
        let slug = t.slugs_with_status("active").await.remove(0);
        let post = first_post_slug(&t).await;
        let mut uris: Vec<String> = {
            let id = org_id(&t, &slug).await;
            route_table().iter().map(|r| concrete(r.path, &slug, &post, id)).collect()
        };
        uris.extend([
            "/no/such/page".to_owned(),
            "/partners?page=abc".to_owned(),
            "/partners/no-such-partner".to_owned(),
        ]);
        for uri in uris {
            let answer = t.get(&uri).await;
            let h = |name: &str| answer.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
            let csp = h("content-security-policy");
            assert!(csp.contains("default-src"), "{uri}: {csp}");
            assert!(!csp.contains("'unsafe-eval'"), "{uri}");
            assert!(!csp.contains("script-src 'unsafe-inline'"), "{uri}");
            assert_eq!(h("x-content-type-options"), "nosniff", "{uri}");
            // The sign-in link page keeps its token out of every other site's logs with a stricter policy.
            let referrer =
                if uri.starts_with("/sign-in/link") { "no-referrer" } else { "strict-origin-when-cross-origin" };
            assert_eq!(h("referrer-policy"), referrer, "{uri}");
            if uri.starts_with("/widget/") {
                // The embeddable logo wall is the one thing other sites may frame.
                assert!(csp.contains("frame-ancestors *"), "{uri}: {csp}");
            } else {
                assert!(csp.contains("frame-ancestors 'none'") || csp.contains("sandbox"), "{uri}: {csp}");
                assert_eq!(h("x-frame-options"), "DENY", "{uri}");
            }
        }
    }
}

#[tokio::test]
async fn the_landing_page_walls_every_listed_partner_and_no_applicant() {
    for t in each_app().await {
        let answer = t.get("/").await;
        assert_eq!(answer.status, StatusCode::OK);
        let mut listed = t.slugs_with_status("active").await;
        listed.extend(t.slugs_with_status("renewal-due").await);
        assert!(!listed.is_empty());
        for slug in &listed {
            assert!(answer.body.contains(&format!("href=\"/partners/{slug}\"")), "{slug} on the wall");
            assert!(answer.body.contains(&format!("src=\"/partners/{slug}/logo?v=")), "{slug} logo");
        }
        for slug in t.slugs_with_status("prospect").await.iter().chain(&t.slugs_with_status("lapsed").await) {
            assert!(!answer.body.contains(&format!("/partners/{slug}\"")), "{slug} is not on the wall");
        }
        assert!(answer.body.contains(&format!("{} partner organizations", listed.len())), "the count is shown");
        assert!(answer.body.contains("id=\"become-a-partner\""));
    }
}

#[tokio::test]
async fn the_directory_is_paginated_and_bad_page_numbers_get_a_clear_answer() {
    for t in each_app().await {
        let listed = t.slugs_with_status("active").await.len() + t.slugs_with_status("renewal-due").await.len();
        let per_page = opo_app::partners::PER_PAGE as usize;
        let pages = listed.div_ceil(per_page);
        let mut seen = 0;
        for page in 1..=pages {
            let answer = t.get(&format!("/partners?page={page}")).await;
            assert_eq!(answer.status, StatusCode::OK);
            let cards = answer.body.matches("<li class=\"card\">").count();
            assert_eq!(cards, if page < pages { per_page } else { listed - per_page * (pages - 1) }, "page {page}");
            seen += cards;
        }
        assert_eq!(seen, listed);
        let beyond = t.get(&format!("/partners?page={}", pages + 1)).await;
        assert_eq!(beyond.status, StatusCode::NOT_FOUND);
        for bad in ["0", "abc", "-1", "1.5"] {
            let answer = t.get(&format!("/partners?page={bad}")).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "page={bad}");
            assert!(answer.body.contains("pages are counted from 1"), "page={bad}: the page says what is wrong");
        }
    }
}

#[tokio::test]
async fn a_profile_shows_capabilities_countries_and_the_agreement() {
    for t in each_app().await {
        let slug = t.slugs_with_status("active").await.remove(0);
        let answer = t.get(&format!("/partners/{slug}")).await;
        assert_eq!(answer.status, StatusCode::OK);
        let mut conn = t.db.db.read().await.expect("conn");
        let profile = opo_store::partners::find_profile(&mut conn, &slug).await.expect("query").expect("profile");
        let labels: Vec<String> = sqlx::query_scalar(
            "select tt.label from organization_terms t join taxonomy_terms tt on tt.vocabulary = t.vocabulary \
             and tt.key = t.term_key where t.organization_id = $1",
        )
        .bind(profile.card.id)
        .fetch_all(&mut *conn)
        .await
        .expect("labels");
        assert!(answer.body.contains(&format!("<h1>{}</h1>", html(&profile.card.name))));
        for label in labels {
            assert!(answer.body.contains(&html(&label)), "{label}");
        }
        for code in &profile.countries {
            let name = opo_domain::countries::country(code).expect("known").name;
            assert!(answer.body.contains(&html(name)), "{name}");
        }
        assert!(answer.body.contains("Partner agreement in force until"));
        assert!(answer.body.contains("Active partner"));
        let kijiji = t.get("/partners/kijiji-health").await.body;
        assert!(kijiji.contains("Country implementation activities"));
        assert!(kijiji.contains("National client registry roll-out"));
    }
}

#[tokio::test]
async fn applicants_have_no_profile_and_lapsed_partners_say_so() {
    for t in each_app().await {
        for slug in t.slugs_with_status("prospect").await {
            assert_eq!(t.get(&format!("/partners/{slug}")).await.status, StatusCode::NOT_FOUND);
            assert_eq!(t.get(&format!("/partners/{slug}/logo")).await.status, StatusCode::NOT_FOUND);
        }
        let lapsed = t.slugs_with_status("lapsed").await.remove(0);
        let answer = t.get(&format!("/partners/{lapsed}")).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.body.contains("Partnership lapsed"));
        assert!(answer.body.contains("Partner agreement expired on"));
    }
}

#[tokio::test]
async fn a_logo_is_cached_for_ever_at_its_versioned_address_and_never_runs_as_a_document() {
    for t in each_app().await {
        let slug = t.slugs_with_status("active").await.remove(0);
        let landing = t.get("/").await.body;
        let marker = format!("/partners/{slug}/logo?v=");
        let start = landing.find(&marker).expect("logo on the wall");
        let versioned: String = landing[start..].chars().take_while(|c| *c != '"').collect();

        let answer = t.get(&versioned).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.headers[header::CONTENT_TYPE], "image/svg+xml");
        assert_eq!(answer.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert!(answer.headers[header::CONTENT_SECURITY_POLICY].to_str().expect("ascii").contains("sandbox"));
        assert!(answer.body.starts_with("<svg"));
        let etag = answer.headers[header::ETAG].to_str().expect("ascii").to_owned();

        let unversioned = t.get(&format!("/partners/{slug}/logo")).await;
        assert_eq!(unversioned.headers[header::CACHE_CONTROL], "public, max-age=300");
        let stale = t.get(&format!("/partners/{slug}/logo?v=000000000000")).await;
        assert_eq!(stale.headers[header::CACHE_CONTROL], "public, max-age=300");

        let revalidated = t.request(Method::GET, &versioned, &[(header::IF_NONE_MATCH, &etag)]).await;
        assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED);
        assert!(revalidated.body.is_empty());
    }
}

#[tokio::test]
async fn assets_are_versioned_cached_and_compressed() {
    let t = each_app().await.remove(0);
    let page = t.get("/").await.body;
    let start = page.find("/assets/site.css?v=").expect("stylesheet link");
    let href: String = page[start..].chars().take_while(|c| *c != '"').collect();
    let css = t.get(&href).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
    assert_eq!(css.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    let gz = t.request(Method::GET, &href, &[(header::ACCEPT_ENCODING, "gzip")]).await;
    assert_eq!(gz.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(t.get("/assets/nothing.js").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_head_request_is_answered_without_a_body() {
    let t = each_app().await.remove(0);
    let answer = t.request(Method::HEAD, "/partners", &[]).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.is_empty());
}

#[tokio::test]
async fn a_news_post_renders_its_markdown_and_names_its_partners() {
    for t in each_app().await {
        let mut conn = t.db.db.read().await.expect("conn");
        let (slug, title): (String, String) = sqlx::query_as(
            "select p.slug, p.title from posts p join post_partners pp on pp.post_id = p.id where p.kind = 'announcement' \
             order by p.slug limit 1",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("an announcement about a partner");
        drop(conn);
        let answer = t.get(&format!("/news/{slug}")).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.body.contains(&html(&title)));
        assert!(answer.body.contains("<p>"), "the body is rendered Markdown");
        assert!(answer.body.contains("Partners in this story"));
        assert_eq!(t.get("/news/no-such-post").await.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn partner_text_with_script_is_shown_inert() {
    let t = each_app().await.remove(0);
    let slug = t.slugs_with_status("active").await.remove(0);
    let mut conn = t.db.db.read().await.expect("conn");
    sqlx::query("update organizations set long_description = $1, short_description = $2 where slug = $3")
        .bind("Hello <script>alert('x')</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)>")
        .bind("<b>bold</b> & \"quoted\"")
        .bind(&slug)
        .execute(&mut *conn)
        .await
        .expect("update");
    drop(conn);
    let body = t.get(&format!("/partners/{slug}")).await.body;
    assert!(!body.contains("<script>alert"), "no script element");
    assert!(!body.contains("javascript:"), "no javascript: link");
    assert!(!body.contains("onerror"), "no event handler");
    assert!(body.contains(&html("<b>bold</b> & \"quoted\"")), "plain text is escaped");
}

#[tokio::test]
async fn the_health_check_names_the_database_it_reached() {
    for t in each_app().await {
        let answer = t.get("/healthz").await;
        assert_eq!(answer.status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&answer.body).expect("json");
        assert_eq!(json["status"], "ok");
        assert_eq!(json["database"], t.db.backend().name());
    }
}

#[tokio::test]
async fn the_health_check_says_unavailable_when_the_database_is_gone() {
    let t = each_app().await.remove(0);
    t.db.db.close().await;
    let answer = t.get("/healthz").await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    let page = t.get("/partners").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "a page fails cleanly, not with a 500");
    assert!(page.headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn the_directory_page_keeps_its_filters_in_the_address_and_shows_counts() {
    for t in each_app().await {
        let answer = t.get("/partners?capability=research&region=africa&view=list&sort=name").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.body.contains("name=\"capability\" value=\"research\" checked"));
        assert!(answer.body.contains("name=\"region\" value=\"africa\" checked"));
        assert!(answer.body.contains("class=\"cards list-view\""));
        assert!(answer.body.contains("<option value=\"name\" selected>"));
        assert!(answer.body.contains("Clear all"));
        let cards = answer.body.matches("<li class=\"card\">").count();
        assert!(answer.body.contains(&format!("{cards} partner organization")), "the count matches the cards");
        let search = t.get("/partners?q=terminology").await;
        assert_eq!(search.status, StatusCode::OK);
        assert!(search.body.contains("value=\"terminology\""), "the search box keeps the words");
        let bad = t.get("/partners?country=XX").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("is not an ISO 3166-1 country code"));
        let none = t.get("/partners?q=xylophone").await;
        assert!(none.body.contains("No partner matches."));
    }
}

#[tokio::test]
async fn the_statistics_page_draws_its_charts_with_the_numbers_beside_them() {
    let t = each_app().await.remove(0);
    let answer = t.get("/statistics").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body.matches("<svg xmlns=\"http://www.w3.org/2000/svg\"").count(), 4);
    assert_eq!(answer.body.matches("role=\"img\"").count(), 4);
    assert_eq!(answer.body.matches("<table class=\"table\">").count(), 4, "every chart has its numbers as a table");
}

#[tokio::test]
async fn the_map_links_each_country_with_partners_and_says_how_many() {
    for t in each_app().await {
        let answer = t.get("/map").await;
        assert_eq!(answer.status, StatusCode::OK);
        let mut conn = t.db.db.read().await.expect("conn");
        let kenya: i64 = sqlx::query_scalar(
            "select count(distinct o.id) from organizations o join organization_countries c on c.organization_id = o.id \
             where c.country = 'KE' and o.status in ('active', 'renewal-due', 'in-grace')",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("count");
        assert!(kenya > 1);
        assert!(answer.body.contains(&format!("aria-label=\"Kenya: {kenya} partners\"")));
        assert!(answer.body.contains("href=\"/partners?country=KE\""));
    }
}

/// The text of one message in one of the translation files, as the page should show it.
fn message(locale: &str, id: &str) -> String {
    let path = format!("{}/locales/{locale}.ftl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("translation file");
    text.lines().find_map(|l| l.strip_prefix(&format!("{id} = "))).map(html).expect("message")
}

#[tokio::test]
async fn the_browser_language_is_used_and_a_chosen_language_wins() {
    let t = each_app().await.remove(0);
    let french = t.request(Method::GET, "/partners", &[(header::ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9,en;q=0.5")]).await;
    assert!(french.body.contains("<html lang=\"fr\">"));
    assert!(french.body.contains(&message("fr", "directory-heading")), "the heading is in French");
    assert!(french.body.contains(&message("fr", "nav-partners")));

    let chosen = t
        .router
        .clone()
        .oneshot(
            Request::builder()
                .method(Method::POST)
                .uri("/language")
                .header(header::ORIGIN, "http://127.0.0.1:8080")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("lang=es&back=%2Fpartners%3Fregion%3Dafrica"))
                .expect("request"),
        )
        .await
        .expect("answer");
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);
    assert_eq!(chosen.headers()[header::LOCATION], "/partners?region=africa");
    let cookie = chosen.headers()[header::SET_COOKIE].to_str().expect("ascii").to_owned();
    assert!(cookie.starts_with("opo_lang=es;"), "{cookie}");
    let spanish = t
        .request(
            Method::GET,
            "/partners?region=africa",
            &[(header::COOKIE, "opo_lang=es"), (header::ACCEPT_LANGUAGE, "fr")],
        )
        .await;
    assert!(spanish.body.contains("<html lang=\"es\">"), "the choice wins over the browser");
    assert!(spanish.body.contains(&message("es", "directory-heading")));
    let english = t.get("/partners").await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains(&message("en", "directory-heading")));
}

#[tokio::test]
async fn the_language_switcher_never_sends_people_elsewhere() {
    let t = each_app().await.remove(0);
    for (form, status, location) in [
        ("lang=pt&back=%2F%2Fevil.example", StatusCode::SEE_OTHER, Some("/")),
        ("lang=pt&back=https%3A%2F%2Fevil.example", StatusCode::SEE_OTHER, Some("/")),
        ("lang=xx&back=%2F", StatusCode::BAD_REQUEST, None),
    ] {
        let answer = t
            .router
            .clone()
            .oneshot(
                Request::builder()
                    .method(Method::POST)
                    .uri("/language")
                    .header(header::ORIGIN, "http://127.0.0.1:8080")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(form))
                    .expect("request"),
            )
            .await
            .expect("answer");
        assert_eq!(answer.status(), status, "{form}");
        if let Some(location) = location {
            assert_eq!(answer.headers()[header::LOCATION], location, "{form}");
        }
    }
}
