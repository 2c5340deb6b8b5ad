//! Hostile text sent to every route of the route table, as every role, on both databases: NUL bytes,
//! other control characters, CR/LF, percent-encoded bytes that are not UTF-8, overlong values and
//! look-alike addresses, in the path, the query and the form (or JSON) body. No answer may be a 5xx, and
//! nothing may be stored. `cargo test -p opo-web --test sweep -- --nocapture` prints the figures that
//! docs/RELIABILITY.md quotes.

mod support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use opo_domain::accounts::Role;
use opo_web::route_table;
use support::{ORIGIN, TestApp, each_app};
use tower::ServiceExt;

/// The hostile values, percent-encoded as they travel in an address or a form.
fn payloads() -> Vec<(&'static str, String)> {
    vec![
        ("nul", "a%00b".to_owned()),
        ("control", "a%01%1B%7Fb".to_owned()),
        ("c1 control", "a%C2%85b".to_owned()),
        ("cr-lf", "a%0D%0ABcc%3A%20x%40evil.example".to_owned()),
        ("tab", "%2F%09%2Fevil.example%2F".to_owned()),
        ("invalid utf-8", "a%FF%FEb%C3".to_owned()),
        ("overlong", "a".repeat(20_000)),
        ("look-alike", "adm%C4%B0n%40portal.example".to_owned()),
        ("mixed script", "p%D0%B0ypal%40portal.example".to_owned()),
    ]
}

/// Field names the forms and the API use, each sent with the hostile value.
const FIELDS: [&str; 24] = [
    "email",
    "password",
    "current",
    "confirm",
    "name",
    "display_name",
    "title",
    "summary",
    "body",
    "organization",
    "contact_name",
    "contact_email",
    "poc_email",
    "signer_name",
    "signer_title",
    "back",
    "lang",
    "q",
    "page",
    "token",
    "reason",
    "comment",
    "url",
    "role",
];

/// The tables where anything sent here would show up had it been stored. (API tokens are counted apart:
/// a look-alike address is a fine name for a token.)
const TABLES: [&str; 6] = ["users", "organizations", "applications", "posts", "webhook_endpoints", "contacts"];

async fn counts(t: &TestApp) -> Vec<i64> {
    let mut conn = t.app.db.read().await.expect("conn");
    let mut out = Vec::new();
    for table in TABLES {
        out.push(
            sqlx::query_scalar(&format!("select count(*) from {table}")).fetch_one(&mut *conn).await.expect("count"),
        );
    }
    out
}

/// The value a JSON body carries: the payload decoded, with bytes that are not UTF-8 replaced (JSON
/// cannot carry them).
fn decoded(payload: &str) -> String {
    percent_encoding::percent_decode_str(payload).decode_utf8_lossy().into_owned()
}

#[derive(Default, Debug)]
struct Figures {
    requests: usize,
    client_errors: usize,
    server_errors: Vec<String>,
}

async fn send(
    t: &TestApp,
    figures: &mut Figures,
    method: &Method,
    uri: &str,
    cookie: Option<&str>,
    body: Body,
    json: bool,
) {
    let mut request = Request::builder().method(method.clone()).uri(uri);
    if let Some(token) = cookie {
        request = request.header(header::COOKIE, format!("opo_session={token}"));
    }
    if *method == Method::POST {
        let kind = if json { "application/json" } else { "application/x-www-form-urlencoded" };
        request = request
            .header(header::CONTENT_TYPE, kind)
            .header("sec-fetch-site", "same-origin")
            .header(header::ORIGIN, ORIGIN);
    }
    let Ok(request) = request.body(body) else {
        // An address the HTTP library itself refuses never reaches a server either.
        return;
    };
    let response = t.router.clone().oneshot(request).await.expect("answer");
    let status = response.status();
    let _ = response.into_body().collect().await.expect("body");
    figures.requests += 1;
    if status.is_client_error() {
        figures.client_errors += 1;
    }
    if status.is_server_error() && status != StatusCode::SERVICE_UNAVAILABLE {
        figures.server_errors.push(format!("{method} {} as {cookie:?}: {status}", &uri[..uri.len().min(120)]));
    }
}

fn fill(path: &str, value: &str, own: &str, post: &str) -> String {
    let slug = if path.starts_with("/news") { post } else { own };
    let file = match path {
        p if p.starts_with("/assets") => "site.css",
        p if p.starts_with("/feeds") => "news.atom",
        _ => "feed.atom",
    };
    let mut out = String::new();
    for segment in path.split('/').skip(1) {
        out.push('/');
        out.push_str(match segment {
            "{slug}" if value.is_empty() => slug,
            "{file}" if value.is_empty() => file,
            "{id}" | "{n}" if value.is_empty() => "1",
            "{code}" | "{token}" if value.is_empty() => "x",
            s if s.starts_with('{') => value,
            s => s,
        });
    }
    if out.is_empty() { "/".to_owned() } else { out }
}

#[tokio::test]
async fn hostile_text_on_every_route_as_every_role_gives_no_5xx_and_stores_nothing() {
    for t in each_app().await {
        let own: String = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar("select slug from organizations where status = 'active' order by slug limit 1")
                .fetch_one(&mut *conn)
                .await
                .expect("a partner")
        };
        let post: String = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar("select slug from posts order by slug limit 1")
                .fetch_one(&mut *conn)
                .await
                .expect("post")
        };
        let own_org = t.org_id(&own).await;
        let mut roles: Vec<Option<i64>> = vec![None];
        for role in Role::ALL {
            let org = role.belongs_to_organization().then_some(own_org);
            roles.push(Some(t.signed_in(role, org).await.0));
        }
        let before = counts(&t).await;
        let mut figures = Figures::default();
        let payloads = payloads();
        let table = route_table();
        for user in &roles {
            for route in &table {
                let method = if route.method == "GET" { Method::GET } else { Method::POST };
                let mut token = None;
                for (_, payload) in &payloads {
                    // A fresh session for each route, and for each request that may end it: signing out
                    // must not leave the rest of the sweep anonymous.
                    if let Some(id) = user
                        && (token.is_none() || route.path == "/sign-out")
                    {
                        token = Some(t.session_for(*id).await);
                    }
                    let cookie = token.as_deref();
                    if route.path.contains('{') {
                        let uri = fill(route.path, payload, &own, &post);
                        send(&t, &mut figures, &method, &uri, cookie, Body::empty(), false).await;
                    }
                    let base = fill(route.path, "", &own, &post);
                    let pairs: Vec<String> = FIELDS.iter().map(|f| format!("{f}={payload}")).collect();
                    let query = pairs.join("&");
                    if method == Method::GET {
                        send(&t, &mut figures, &method, &format!("{base}?{query}"), cookie, Body::empty(), false).await;
                    } else if route.path.starts_with("/api/") {
                        let value = decoded(payload);
                        let document: serde_json::Map<String, serde_json::Value> =
                            FIELDS.iter().map(|f| ((*f).to_owned(), serde_json::Value::from(value.clone()))).collect();
                        let body = Body::from(serde_json::Value::Object(document).to_string());
                        send(&t, &mut figures, &method, &base, cookie, body, true).await;
                    } else {
                        send(&t, &mut figures, &method, &base, cookie, Body::from(query), false).await;
                    }
                }
            }
        }
        println!(
            "sweep on {:?}: {} routes, {} roles, {} payloads: {} requests, {} answered 4xx, {} answered 5xx",
            t.app.db.backend(),
            table.len(),
            roles.len(),
            payloads.len(),
            figures.requests,
            figures.client_errors,
            figures.server_errors.len()
        );
        assert!(figures.server_errors.is_empty(), "{:#?}", figures.server_errors);
        assert_eq!(counts(&t).await, before, "nothing stored");
        let names: Vec<String> = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar("select distinct name from api_tokens").fetch_all(&mut *conn).await.expect("names")
        };
        let harmless: Vec<String> = payloads
            .iter()
            .filter(|(kind, _)| matches!(*kind, "look-alike" | "mixed script"))
            .map(|(_, payload)| decoded(payload))
            .collect();
        for name in names {
            assert!(harmless.contains(&name), "a token named {name:?} was stored");
        }
    }
}
