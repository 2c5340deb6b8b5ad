//! The findings of an outside probe of the service, each kept fixed by its own test, on both databases
//! where the database matters: one canonical form of e-mail addresses, control characters refused where
//! they enter, password changes, caching of personal answers, the RSS feed, the cross-site check and
//! HSTS, the language switcher's way back, the page cache and repeated parameters, API tokens of a
//! deactivated account, trusted proxies and accent folding in search.

mod support;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use opo_app::rate_limits::{LINKS_PER_EMAIL, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_IP};
use opo_app::{App, secrets};
use opo_domain::accounts::Role;
use opo_domain::clock::Clock;
use opo_web::{ServeOptions, build_app, build_app_with, parse_trusted_proxies};
use std::net::SocketAddr;
use std::sync::Arc;
use support::{Answer, ORIGIN, TestApp, each_app, encode};
use time::Duration;
use tower::ServiceExt;

/// A request with any method, headers and body, from `peer` when given.
async fn raw(
    router: &axum::Router,
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
    peer: Option<&str>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(Body::from(body.to_owned())).expect("request");
    if let Some(peer) = peer {
        let address: SocketAddr = format!("{peer}:40000").parse().expect("peer");
        request.extensions_mut().insert(ConnectInfo(address));
    }
    let response = router.clone().oneshot(request).await.expect("answer");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");
const JSON: (&str, &str) = ("content-type", "application/json");
const SAME_SITE: [(&str, &str); 2] = [("sec-fetch-site", "same-origin"), ("origin", ORIGIN)];

/// The same application with other settings.
fn with_settings(app: &App, change: impl FnOnce(&mut opo_app::Settings)) -> App {
    let mut app = app.clone();
    let mut settings = (*app.settings).clone();
    change(&mut settings);
    app.settings = Arc::new(settings);
    app
}

async fn set_password(t: &TestApp, email: &str, password: &str) {
    let mut tx = t.app.db.begin().await.expect("begin");
    let address = opo_domain::text::EmailAddress::parse(email).expect("address");
    let user = opo_store::accounts::find_by_email(&mut tx, &address).await.expect("query").expect("the account");
    let hash = secrets::hash_password(password).expect("hash");
    opo_store::accounts::set_password_hash(&mut tx, user.id, &hash, t.clock.now()).await.expect("set");
    tx.commit().await.expect("commit");
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    let mut conn = t.app.db.read().await.expect("conn");
    sqlx::query_scalar(sql).fetch_one(&mut *conn).await.expect("count")
}

// 1. One canonical form of e-mail addresses.

#[tokio::test]
async fn a_dotted_capital_i_does_not_get_past_the_admins_sign_in_limit() {
    for t in each_app().await {
        set_password(&t, "admin@portal.example", "violet-harbor-tangent-42").await;
        for n in 0..SIGN_IN_PER_ACCOUNT.max {
            let body = encode(&[("email", "admin@portal.example"), ("password", &format!("wrong-{n}"))]);
            let wrong = t.post_encoded("/sign-in/password", None, &body).await;
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "attempt {n}");
        }
        for typed in ["ADMIN@Portal.Example", "\u{FF41}dmin@portal.example"] {
            let body = encode(&[("email", typed), ("password", "violet-harbor-tangent-42")]);
            let same = t.post_encoded("/sign-in/password", None, &body).await;
            assert_eq!(same.status, StatusCode::TOO_MANY_REQUESTS, "{typed}: the same account, the same limit");
        }
        let body = encode(&[("email", "adm\u{130}n@portal.example"), ("password", "violet-harbor-tangent-42")]);
        let dotted = t.post_encoded("/sign-in/password", None, &body).await;
        assert_eq!(dotted.status, StatusCode::UNAUTHORIZED, "another address, and no account: {}", dotted.status);
        assert!(!dotted.headers.contains_key(header::SET_COOKIE), "no session");
    }
}

#[tokio::test]
async fn sign_in_links_are_limited_per_canonical_address_and_a_look_alike_gets_none() {
    for t in each_app().await {
        for typed in ["member@portal.example", "MEMBER@portal.example", "Member@Portal.Example"] {
            let asked = t.post_encoded("/sign-in", None, &encode(&[("email", typed)])).await;
            assert_eq!(asked.status, StatusCode::OK, "{typed}");
        }
        let limited = t.post_encoded("/sign-in", None, &encode(&[("email", "mEmber@portal.example")])).await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "every spelling counts against one limit");
        let look_alike = t.post_encoded("/sign-in", None, &encode(&[("email", "memb\u{130}r@portal.example")])).await;
        assert_eq!(look_alike.status, StatusCode::OK, "the page answers the same");
        let sent = count(&t, "select count(*) from outbox_emails where to_address = 'member@portal.example'").await;
        assert_eq!(sent, LINKS_PER_EMAIL.max, "but no link goes to the member");
    }
}

#[tokio::test]
async fn a_new_account_with_a_look_alike_or_mixed_script_address_is_refused() {
    for t in each_app().await {
        for address in ["p\u{430}ypal@portal.example", "adm\u{131}n@portal.example", "\u{FF41}da@portal.example"] {
            let input = opo_app::accounts::AddUser {
                email: address.to_owned(),
                display_name: "Look Alike".to_owned(),
                role: "committee".to_owned(),
                organization: None,
            };
            let refused = opo_app::accounts::add_user(&t.app, &input, &opo_app::Actor::cli()).await;
            let Err(opo_app::AppError::Invalid(problems)) = refused else { panic!("{address}: {refused:?}") };
            assert_eq!(problems[0].code, "look-alike-email", "{address}");
        }
        let input = opo_app::accounts::AddUser {
            email: "René.Dupont@Exemple.fr".to_owned(),
            display_name: "René Dupont".to_owned(),
            role: "committee".to_owned(),
            organization: None,
        };
        let id = opo_app::accounts::add_user(&t.app, &input, &opo_app::Actor::cli()).await.expect("a plain address");
        let user = opo_app::accounts::find(&t.app, id).await.expect("user");
        assert_eq!(user.email, "rené.dupont@exemple.fr", "stored in its canonical form");
    }
}

#[tokio::test]
async fn addresses_stored_by_older_versions_are_put_in_canonical_form_at_start() {
    for t in each_app().await {
        let mut conn = t.app.db.read().await.expect("conn");
        sqlx::query("update users set email = 'Mei.Member@Portal.EXAMPLE' where email = 'member@portal.example'")
            .execute(&mut *conn)
            .await
            .expect("an old address");
        drop(conn);
        opo_app::setup::prepare(&t.app).await.expect("prepare");
        assert_eq!(count(&t, "select count(*) from users where email = 'mei.member@portal.example'").await, 1);
    }
}

// 2. NUL and control characters refused where they enter.

#[tokio::test]
async fn a_nul_byte_or_a_control_character_is_refused_naming_its_field_never_a_500() {
    for t in each_app().await {
        for uri in
            ["/partners/%00", "/api/v1/partners/%00", "/agreements/%00", "/api/v1/signatures/%00", "/partners?q=a%00b"]
        {
            let answer = t.get(uri, None).await;
            assert!(answer.status.is_client_error(), "{uri}: {}", answer.status);
        }
        let answer = t.get("/partners?q=a%00b", None).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(answer.body.contains("&#34;q&#34;") || answer.body.contains("\"q\""), "names the field");

        let signing_in = t.post_encoded("/sign-in/password", None, "email=a%00b&password=x").await;
        assert_eq!(signing_in.status, StatusCode::BAD_REQUEST);
        assert!(signing_in.body.contains("email"), "names the field");

        let nul = r#"{"organization":"Kijiji","contact_name":"A\u0000B","contact_email":"a@kijiji.example"}"#;
        let mut headers = vec![JSON];
        headers.push(("origin", ORIGIN));
        let api = raw(&t.router, Method::POST, "/api/v1/interest", &headers, nul, None).await;
        assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", api.body);
        assert!(api.body.contains("contact_name"), "{}", api.body);

        let bad_utf8 = t.get("/partners?q=%FF%FE", None).await;
        assert_eq!(bad_utf8.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn a_single_line_field_refuses_a_line_break_that_would_reach_a_mail_header() {
    for t in each_app().await {
        let interest = serde_json::json!({
            "organization": "Kijiji Health\r\nBcc: everyone@elsewhere.example",
            "contact_name": "Amina Njoroge",
            "contact_email": "amina@kijiji.example",
            "country": "KE",
        });
        let headers = [JSON, ("origin", ORIGIN)];
        let api = raw(&t.router, Method::POST, "/api/v1/interest", &headers, &interest.to_string(), None).await;
        assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", api.body);
        assert!(api.body.contains("organization") && api.body.contains("one line"), "{}", api.body);
        let stored = count(&t, "select count(*) from organizations where name like 'Kijiji Health%Bcc%'").await;
        assert_eq!(stored, 0);
    }
}

// 3. Changing a password.

#[tokio::test]
async fn changing_a_password_asks_for_the_current_one_and_ends_every_other_session() {
    for t in each_app().await {
        let (id, token) = t.signed_in(Role::Secretariat, None).await;
        let first = "violet-harbor-tangent-42";
        let set = t.post("/account/password", Some(&token), &[("password", first), ("confirm", first)]).await;
        assert_eq!(set.status, StatusCode::OK, "a sign-in moments ago is proof enough");
        let other = t.session_for(id).await;
        t.clock.advance(Duration::minutes(11));

        let second = "amber-quarry-lantern-77";
        let without = t.post("/account/password", Some(&token), &[("password", second), ("confirm", second)]).await;
        assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(without.body.contains("current password"));
        let wrong = t
            .post(
                "/account/password",
                Some(&token),
                &[("current", "not-the-password"), ("password", second), ("confirm", second)],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(t.get("/secretariat", Some(&other)).await.status, StatusCode::OK, "nothing changed yet");

        let right = t
            .post("/account/password", Some(&token), &[("current", first), ("password", second), ("confirm", second)])
            .await;
        assert_eq!(right.status, StatusCode::OK);
        assert_eq!(
            t.get("/secretariat", Some(&other)).await.status,
            StatusCode::UNAUTHORIZED,
            "the other session ended"
        );
        assert_eq!(t.get("/secretariat", Some(&token)).await.status, StatusCode::OK, "this one goes on");
    }
}

#[tokio::test]
async fn a_password_holding_the_persons_name_or_address_is_refused() {
    for t in each_app().await {
        let (id, token) = t.signed_in(Role::Committee, None).await;
        let user = opo_app::accounts::find(&t.app, id).await.expect("user");
        let local = user.email.split('@').next().expect("local part").to_owned();
        for password in ["violet-Person-tangent-42", &format!("x{local}!"), &user.email] {
            let refused =
                t.post("/account/password", Some(&token), &[("password", password), ("confirm", password)]).await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{password}");
            assert!(refused.body.contains("your name or your e-mail address"), "{password}");
        }
    }
}

// 4. Personal answers are never cached.

#[tokio::test]
async fn answers_to_a_signed_in_person_errors_and_the_link_page_are_not_stored() {
    for t in each_app().await {
        let (admin_id, admin) = t.signed_in(Role::Admin, None).await;
        for uri in ["/admin", "/admin/audit", "/account", "/secretariat", "/partners"] {
            let answer = t.get(uri, Some(&admin)).await;
            assert_eq!(answer.status, StatusCode::OK, "{uri}");
            assert_eq!(answer.header(header::CACHE_CONTROL), "no-store", "{uri}");
        }
        let user = opo_app::accounts::find(&t.app, admin_id).await.expect("user");
        let api_token =
            opo_app::api_tokens::create(&t.app, &user, "probe", &opo_app::Actor::cli()).await.expect("token");
        let bearer = format!("Bearer {api_token}");
        let me = raw(&t.router, Method::GET, "/api/v1/me", &[("authorization", &bearer)], "", None).await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.header(header::CACHE_CONTROL), "no-store");

        let link = t.get("/sign-in/link?token=abc", None).await;
        assert_eq!(link.header(header::CACHE_CONTROL), "no-store");
        assert_eq!(link.header(header::REFERRER_POLICY), "no-referrer", "the handler's policy is kept");
        let missing = t.get("/partners/no-such-partner", None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.header(header::CACHE_CONTROL), "no-store");

        let public = t.get("/partners", None).await;
        assert!(!public.header(header::CACHE_CONTROL).contains("no-store"), "public pages stay cacheable");
        assert!(
            public.headers.contains_key(header::ETAG) || public.headers.contains_key(header::LAST_MODIFIED),
            "and keep their validators"
        );
        let home = t.get("/", None).await;
        let stylesheet = home.body.split("href=\"/assets/").nth(1).and_then(|rest| rest.split('"').next());
        let asset = t.get(&format!("/assets/{}", stylesheet.expect("a stylesheet")), Some(&admin)).await;
        assert_eq!(asset.status, StatusCode::OK);
        assert!(!asset.header(header::CACHE_CONTROL).contains("no-store"), "an asset is the same for everyone");
    }
}

// 6. The RSS feed.

#[tokio::test]
async fn the_rss_feed_escapes_descriptions_inside_cdata() {
    for t in each_app().await {
        let mut conn = t.app.db.read().await.expect("conn");
        sqlx::query(
            "update posts set summary = '<svg/onload=alert(1)> ]]> <b>bold</b>' \
             where id = (select id from posts where status = 'published' order by published_at desc limit 1)",
        )
        .execute(&mut *conn)
        .await
        .expect("a hostile summary");
        drop(conn);
        let feed = t.get("/feeds/news.rss", None).await;
        assert_eq!(feed.status, StatusCode::OK);
        assert!(!feed.body.contains("<svg"), "no markup from a summary");
        assert!(!feed.body.contains("<b>bold"), "none at all");
        assert!(feed.body.contains("&lt;svg/onload=alert(1)&gt;"), "the text is there, escaped");
        rss::Channel::read_from(feed.body.as_bytes()).expect("still valid RSS");
    }
}

// 7. The cross-site check and HSTS.

#[tokio::test]
async fn the_cross_site_check_compares_scheme_host_and_port_and_https_sends_hsts() {
    let t = each_app().await.remove(0);
    let https = build_app(with_settings(&t.app, |s| s.base_url = "https://portal.example.org".into()));
    let form = encode(&[("email", "member@portal.example")]);
    for origin in ["http://portal.example.org", "ftp://portal.example.org", "https://portal.example.org:8443"] {
        let headers = [FORM, ("origin", origin), ("host", "portal.example.org")];
        let answer = raw(&https, Method::POST, "/sign-in", &headers, &form, None).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{origin}");
    }
    let headers = [FORM, ("origin", "https://portal.example.org"), ("host", "portal.example.org")];
    let own = raw(&https, Method::POST, "/sign-in", &headers, &form, None).await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.header(header::STRICT_TRANSPORT_SECURITY), "max-age=31536000; includeSubDomains");

    let shorter = build_app_with(
        with_settings(&t.app, |s| s.base_url = "https://portal.example.org".into()),
        ServeOptions { hsts_max_age: 600, ..ServeOptions::default() },
    );
    let home = raw(&shorter, Method::GET, "/", &[], "", None).await;
    assert_eq!(home.header(header::STRICT_TRANSPORT_SECURITY), "max-age=600; includeSubDomains");
    let plain = t.get("/", None).await;
    assert!(!plain.headers.contains_key(header::STRICT_TRANSPORT_SECURITY), "never over plain HTTP");
}

// 8. The language switcher's way back.

#[tokio::test]
async fn the_language_switcher_goes_back_only_to_a_plain_path_of_this_site() {
    for t in each_app().await {
        for back in ["/\t/evil.example/", "/\\evil.example", "/a\nb", "/a\r\nLocation: x", "//evil.example"] {
            let answer = t.post("/language", None, &[("lang", "fr"), ("back", back)]).await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER, "{back:?}");
            assert_eq!(answer.location(), "/", "{back:?}");
        }
        // Other control characters do not even reach the handler.
        for back in ["/a\0", "/a\u{7f}", "/a\u{1b}"] {
            let answer = t.post("/language", None, &[("lang", "fr"), ("back", back)]).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{back:?}");
        }
        let kept = t.post("/language", None, &[("lang", "fr"), ("back", "/partners?page=2")]).await;
        assert_eq!(kept.location(), "/partners?page=2");
    }
}

// 9. Repeated parameters and the page cache.

fn partner_links(body: &str) -> Vec<&str> {
    body.split("href=\"/partners/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|slug| !slug.contains('/') && !slug.contains('?'))
        .collect()
}

#[tokio::test]
async fn a_page_asked_with_repeated_parameters_is_never_served_from_another_orders_entry() {
    for t in each_app().await {
        let (_, staff) = t.signed_in(Role::Secretariat, None).await;
        let first = t.get("/partners?page=2&page=1", None).await;
        assert_eq!(first.status, StatusCode::OK);
        let second = t.get("/partners?page=1&page=2", None).await;
        // A signed-in request is never answered from the cache: it shows what the handler makes of it.
        let rendered = t.get("/partners?page=1&page=2", Some(&staff)).await;
        assert_eq!(partner_links(&second.body), partner_links(&rendered.body));
        let rendered_first = t.get("/partners?page=2&page=1", Some(&staff)).await;
        assert_eq!(partner_links(&first.body), partner_links(&rendered_first.body));
    }
}

// 10. API tokens of a deactivated account.

#[tokio::test]
async fn deactivating_an_account_revokes_its_api_tokens_for_good() {
    for t in each_app().await {
        let (_, admin) = t.signed_in(Role::Admin, None).await;
        let (id, _) = t.signed_in(Role::Secretariat, None).await;
        let user = opo_app::accounts::find(&t.app, id).await.expect("user");
        let token = opo_app::api_tokens::create(&t.app, &user, "crm", &opo_app::Actor::cli()).await.expect("token");
        let bearer = format!("Bearer {token}");
        let me = raw(&t.router, Method::GET, "/api/v1/me", &[("authorization", &bearer)], "", None).await;
        assert_eq!(me.status, StatusCode::OK);
        let off = t.post(&format!("/admin/users/{id}/status"), Some(&admin), &[("active", "false")]).await;
        assert_eq!(off.status, StatusCode::SEE_OTHER);
        let on = t.post(&format!("/admin/users/{id}/status"), Some(&admin), &[("active", "true")]).await;
        assert_eq!(on.status, StatusCode::SEE_OTHER);
        let after = raw(&t.router, Method::GET, "/api/v1/me", &[("authorization", &bearer)], "", None).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED, "the old token stays revoked");
    }
}

// 11. Trusted proxies.

#[tokio::test]
async fn forwarded_addresses_count_only_from_trusted_proxies() {
    for t in each_app().await {
        let options = ServeOptions {
            trusted_proxies: parse_trusted_proxies("10.0.0.0/8").expect("ranges"),
            ..ServeOptions::default()
        };
        let router = build_app_with(t.app.clone(), options);
        let attempts = std::sync::atomic::AtomicUsize::new(0);
        let sign_in = |client: &'static str, peer: &'static str| {
            let router = router.clone();
            // Each attempt on another address, so that only the limit per client counts.
            let n = attempts.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            async move {
                let form = format!("email=nobody-{n}%40portal.example&password=wrong-password");
                let headers = [FORM, SAME_SITE[0], SAME_SITE[1], ("x-forwarded-for", client)];
                raw(&router, Method::POST, "/sign-in/password", &headers, &form, Some(peer)).await.status
            }
        };
        for _ in 0..SIGN_IN_PER_IP.max {
            assert_eq!(sign_in("198.51.100.1", "10.0.0.1").await, StatusCode::UNAUTHORIZED);
        }
        assert_eq!(sign_in("198.51.100.1", "10.0.0.1").await, StatusCode::TOO_MANY_REQUESTS, "one client's limit");
        assert_eq!(sign_in("198.51.100.2", "10.0.0.1").await, StatusCode::UNAUTHORIZED, "another client's own");

        for _ in 0..SIGN_IN_PER_IP.max {
            sign_in("198.51.100.3", "203.0.113.9").await;
        }
        assert_eq!(
            sign_in("198.51.100.4", "203.0.113.9").await,
            StatusCode::TOO_MANY_REQUESTS,
            "a peer that is no trusted proxy is counted as itself, whatever it writes"
        );

        let headers = [FORM, SAME_SITE[0], SAME_SITE[1], ("forwarded", "for=198.51.100.7;proto=https")];
        let asked =
            raw(&router, Method::POST, "/sign-in", &headers, "email=member%40portal.example", Some("10.0.0.1")).await;
        assert_eq!(asked.status, StatusCode::OK);
        let logged =
            count(&t, "select count(*) from audit_log where action = 'session.link-requested' and ip = '198.51.100.7'")
                .await;
        assert_eq!(logged, 1, "the audit log names the client");
    }
}

// 12. Accents in search.

#[tokio::test]
async fn search_folds_accents_the_same_way_on_both_databases() {
    let mut found = Vec::new();
    for t in each_app().await {
        let plain = partner_links(&t.get("/partners?q=data", None).await.body).len();
        let accented = partner_links(&t.get("/partners?q=d%C3%A1ta", None).await.body).len();
        let upper = partner_links(&t.get("/partners?q=D%C3%81TA", None).await.body).len();
        assert!(plain > 0);
        assert_eq!(accented, plain, "{:?}", t.app.db.backend());
        assert_eq!(upper, plain);
        found.push(accented);
    }
    assert!(found.windows(2).all(|w| w[0] == w[1]), "{found:?}");
}
