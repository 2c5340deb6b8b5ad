//! Organizations and their people through the real router, on both backends: an expression of interest
//! never makes its sender a contact of an existing organization (form, API, forum); its answers are the
//! same for known and unknown addresses and organizations; contacts are invited, changed and removed by
//! the primary contact and the secretariat only; the staff's roster; signing in lands on the page asked for.

mod support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use opo_domain::accounts::Role;
use opo_domain::clock::Clock;
use opo_domain::contacts::ContactRoles;
use serde_json::{Value, json};
use support::{TestApp, each_app};
use tower::ServiceExt;

const ORIGIN: &str = "http://127.0.0.1:8080";

/// A JSON request to the API, anonymous from the site itself or with a bearer token.
async fn api(t: &TestApp, method: Method, uri: &str, token: Option<&str>, body: Option<Value>) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    request = match token {
        Some(token) => request.header(header::AUTHORIZATION, format!("Bearer {token}")),
        None => request.header(header::ORIGIN, ORIGIN).header("sec-fetch-site", "same-origin"),
    };
    let body = match body {
        Some(value) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(value.to_string())
        }
        None => Body::empty(),
    };
    let response = t.router.clone().oneshot(request.body(body).expect("request")).await.expect("answer");
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn scalar<T>(t: &TestApp, sql: &str, value: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
{
    let mut conn = t.app.db.read().await.expect("conn");
    sqlx::query_scalar(sql).bind(value).fetch_one(&mut *conn).await.expect("a value")
}

/// The token of the newest sign-in link e-mailed to `to`.
async fn link_token(t: &TestApp, to: &str) -> String {
    let body: String =
        scalar(t, "select body_text from outbox_emails where to_address = $1 order by id desc limit 1", to).await;
    let start = body.find("token=").expect("a sign-in link") + "token=".len();
    body[start..].chars().take_while(char::is_ascii_hexdigit).collect()
}

/// An active partner of the demo data: (id, slug, name).
async fn a_partner(t: &TestApp) -> (i64, String, String) {
    let mut conn = t.app.db.read().await.expect("conn");
    sqlx::query_as("select id, slug, name from organizations where status = 'active' order by slug limit 1")
        .fetch_one(&mut *conn)
        .await
        .expect("an active partner")
}

async fn contact_ids(t: &TestApp, org: i64) -> Vec<i64> {
    let mut conn = t.app.db.read().await.expect("conn");
    opo_store::contacts::of_organization(&mut conn, org).await.expect("contacts").iter().map(|c| c.user_id).collect()
}

fn stamp_of(body: &str) -> String {
    let start = body.find("name=\"stamp\" value=\"").expect("a stamp") + "name=\"stamp\" value=\"".len();
    body[start..].split('"').next().expect("value").to_owned()
}

#[tokio::test]
async fn an_expression_of_interest_never_makes_its_sender_a_contact_of_an_existing_organization() {
    for t in each_app().await {
        let (victim, slug, name) = a_partner(&t).await;
        let before = contact_ids(&t, victim).await;

        // Through the API, naming the partner exactly.
        let interest = json!({ "organization": name, "contact_name": "Mallory", "contact_email": "mallory@attacker.example", "message": "hi" });
        let (status, received) = api(&t, Method::POST, "/api/v1/interest", None, Some(interest)).await;
        assert_eq!(status, StatusCode::CREATED, "{received}");
        let exchange = json!({ "token": link_token(&t, "mallory@attacker.example").await, "name": "x" });
        let (status, token) = api(&t, Method::POST, "/api/v1/auth/link", None, Some(exchange)).await;
        assert_eq!(status, StatusCode::CREATED, "{token}");
        let token = token["token"].as_str().expect("a token").to_owned();
        let (_, me) = api(&t, Method::GET, "/api/v1/me", Some(&token), None).await;
        assert_ne!(me["organization"], json!(slug), "the sender is not the partner's contact: {me}");
        let (status, _) = api(&t, Method::GET, &format!("/api/v1/organizations/{slug}"), Some(&token), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "the partner's record stays closed");
        let consents = json!({ "kind": "blog", "title": "x", "summary": "x", "body": "x" });
        let (status, _) =
            api(&t, Method::POST, &format!("/api/v1/partners/{slug}/posts"), Some(&token), Some(consents)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "no post for the partner");
        let victim_application: Option<i64> = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar("select id from applications where organization_id = $1 order by id limit 1")
                .bind(victim)
                .fetch_optional(&mut *conn)
                .await
                .expect("query")
        };
        if let Some(app_id) = victim_application {
            let (status, _) = api(&t, Method::GET, &format!("/api/v1/applications/{app_id}"), Some(&token), None).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "the partner's application stays closed");
        }
        // Its own new organization is flagged as perhaps the partner, for the secretariat.
        let new_org: i64 =
            scalar(&t, "select organization_id from applications where contact_email = $1", "mallory@attacker.example")
                .await;
        assert_ne!(new_org, victim);
        let resembles: Option<i64> = scalar(
            &t,
            "select resembles_organization_id from organizations where id = cast($1 as integer)",
            &new_org.to_string(),
        )
        .await;
        assert_eq!(resembles, Some(victim));

        // Through the form, by slug.
        let stamp = stamp_of(&t.get("/interest", None).await.body);
        t.clock.advance(time::Duration::seconds(30));
        let form = [
            ("organization", slug.as_str()),
            ("contact_name", "Eve"),
            ("contact_email", "eve@attacker.example"),
            ("country", "KE"),
            ("message", "hello"),
            ("fax", ""),
            ("stamp", stamp.as_str()),
        ];
        let sent = t.post("/interest", None, &form).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);

        // Through the forum: a topic titled with the partner's name.
        let forum =
            opo_app::applications::interest_from_forum(&t.app, 4242, &name, "mallory", "hi", &opo_app::Actor::system())
                .await
                .expect("an interest")
                .expect("a new application");
        let forum_org: i64 =
            scalar(&t, "select organization_id from applications where id = cast($1 as integer)", &forum.to_string())
                .await;
        assert_ne!(forum_org, victim);

        assert_eq!(contact_ids(&t, victim).await, before, "the partner's contacts are as they were");
        let board = t.get("/secretariat/applications", Some(&t.signed_in(Role::Secretariat, None).await.1)).await;
        assert!(board.body.contains("May be the same organization as"), "the board flags the resemblance");
    }
}

#[tokio::test]
async fn the_interest_answers_the_same_for_known_and_unknown_addresses_and_organizations() {
    for t in each_app().await {
        let (_, _, name) = a_partner(&t).await;
        let unknown =
            json!({ "organization": "Brand New Health", "contact_name": "Ann", "contact_email": "ann@new.example" });
        let known = json!({ "organization": name, "contact_name": "Ann", "contact_email": "admin@portal.example" });
        let (first, a) = api(&t, Method::POST, "/api/v1/interest", None, Some(unknown)).await;
        let (second, b) = api(&t, Method::POST, "/api/v1/interest", None, Some(known.clone())).await;
        assert_eq!((first, second), (StatusCode::CREATED, StatusCode::CREATED), "{a} {b}");
        let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
        assert_eq!(keys(&a), keys(&b));
        assert_eq!(a["stage"], b["stage"]);
        // The form answers the same page, but for the words typed into it.
        let stamp = stamp_of(&t.get("/interest", None).await.body);
        t.clock.advance(time::Duration::seconds(30));
        let mut pages = Vec::new();
        for (organization, email) in
            [("Another New Lab", "bea@another.example"), (name.as_str(), "chair@portal.example")]
        {
            let form = [
                ("organization", organization),
                ("contact_name", "Bea"),
                ("contact_email", email),
                ("country", "KE"),
                ("message", "hello"),
                ("fax", ""),
                ("stamp", stamp.as_str()),
            ];
            let sent = t.post("/interest", None, &form).await;
            assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
            pages.push(sent.body.replace(&support::html(organization), "ORG").replace(email, "EMAIL"));
        }
        assert_eq!(pages[0], pages[1], "the page tells nothing about the address or the organization");
        // Twice the same organization is no conflict either: the secretariat sorts it out.
        let (third, c) = api(&t, Method::POST, "/api/v1/interest", None, Some(known)).await;
        assert_eq!(third, StatusCode::CREATED, "{c}");
        let told: i64 = scalar(
            &t,
            "select count(*) from outbox_emails where to_address = $1 and kind = 'interest-received'",
            "admin@portal.example",
        )
        .await;
        assert_eq!(told, 2, "what is special is told by e-mail, to the address");
    }
}

/// A partner with a primary contact, a plain contact, and a contact of another organization: their
/// (user id, session) and the organization's slug.
struct People {
    slug: String,
    org: i64,
    primary: (i64, String),
    plain: (i64, String),
    stranger: (i64, String),
}

async fn people(t: &TestApp) -> People {
    let (org, slug, _) = a_partner(t).await;
    let other: i64 =
        scalar(t, "select id from organizations where status = 'active' and slug <> $1 order by slug limit 1", &slug)
            .await;
    let primary = t.signed_in(Role::PartnerContact, Some(org)).await;
    {
        let mut tx = t.app.db.begin().await.expect("begin");
        let roles = ContactRoles { primary: true, ..ContactRoles::default() };
        opo_store::contacts::put(&mut tx, org, primary.0, "", roles, t.clock.now()).await.expect("primary");
        tx.commit().await.expect("commit");
    }
    let plain = t.signed_in(Role::PartnerContact, Some(org)).await;
    let stranger = t.signed_in(Role::PartnerContact, Some(other)).await;
    People { slug, org, primary, plain, stranger }
}

#[tokio::test]
async fn contacts_are_invited_changed_and_removed_by_the_primary_contact_and_the_secretariat_only() {
    for t in each_app().await {
        let p = people(&t).await;
        let invite = |email: &'static str| {
            [("name", "Ngozi Okafor"), ("email", email), ("title", "Communications lead"), ("roles", "communications")]
        };
        let path = format!("/portal/organizations/{}/contacts", p.slug);
        let committee = t.signed_in(Role::Committee, None).await.1;
        for (who, session) in [
            ("a plain contact", &p.plain.1),
            ("another organization's contact", &p.stranger.1),
            ("a committee member", &committee),
        ] {
            let refused = t.post(&path, Some(session), &invite("refused@colleague.example")).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{who}: {}", refused.body);
        }
        let invited = t.post(&path, Some(&p.primary.1), &invite("ngozi@colleague.example")).await;
        assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.body);
        assert!(invited.location().contains("contacts=invited"));
        let ngozi: i64 = scalar(&t, "select id from users where email = $1", "ngozi@colleague.example").await;
        assert!(contact_ids(&t, p.org).await.contains(&ngozi));
        let mail: String = scalar(
            &t,
            "select body_text from outbox_emails where to_address = $1 order by id desc limit 1",
            "ngozi@colleague.example",
        )
        .await;
        assert!(
            mail.contains(&format!("next=%2Fportal%2Forganizations%2F{}", p.slug)),
            "the link opens the record: {mail}"
        );

        // A refused invitation keeps what was typed and says what to fix.
        let bad = t
            .post(&path, Some(&p.primary.1), &[("name", "Kim"), ("email", "not-an-address"), ("roles", "signer")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("value=\"not-an-address\"") && bad.body.contains("value=\"Kim\""),
            "the typed values stay"
        );

        // The secretariat changes roles; the last primary contact cannot go.
        let secretariat = t.signed_in(Role::Secretariat, None).await.1;
        let change = format!("/portal/organizations/{}/contacts/{}", p.slug, p.plain.0);
        assert_eq!(t.post(&change, Some(&p.plain.1), &[("roles", "primary")]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(t.post(&change, Some(&secretariat), &[("roles", "signer")]).await.status, StatusCode::SEE_OTHER);
        let remove_plain = format!("/portal/organizations/{}/contacts/{}/remove", p.slug, p.plain.0);
        assert_eq!(t.post(&remove_plain, Some(&p.stranger.1), &[]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(t.post(&remove_plain, Some(&p.primary.1), &[]).await.status, StatusCode::SEE_OTHER);
        assert!(!contact_ids(&t, p.org).await.contains(&p.plain.0));
        // With our primary contact the only one left, it cannot be removed or demoted.
        {
            let mut tx = t.app.db.begin().await.expect("begin");
            for c in opo_store::contacts::of_organization(&mut tx, p.org).await.expect("contacts") {
                if c.user_id != p.primary.0 && c.roles.primary {
                    let roles = ContactRoles { primary: false, ..c.roles };
                    opo_store::contacts::put(&mut tx, p.org, c.user_id, &c.title, roles, t.clock.now())
                        .await
                        .expect("demote");
                }
            }
            tx.commit().await.expect("commit");
        }
        let remove_primary = format!("/portal/organizations/{}/contacts/{}/remove", p.slug, p.primary.0);
        let removed = t.post(&remove_primary, Some(&secretariat), &[]).await;
        assert_eq!(removed.status, StatusCode::CONFLICT, "the last primary contact stays: {}", removed.body);
        assert!(removed.body.contains("one primary contact"), "{}", removed.body);
        let demote = format!("/portal/organizations/{}/contacts/{}", p.slug, p.primary.0);
        assert_eq!(t.post(&demote, Some(&p.primary.1), &[("roles", "signer")]).await.status, StatusCode::CONFLICT);
        let entries: i64 = scalar(&t, "select count(*) from audit_log where action like $1", "contact.%").await;
        assert_eq!(entries, 3, "invited, changed, removed: each audited");
    }
}

#[tokio::test]
async fn the_roster_lists_every_organization_by_status_for_the_staff_only() {
    for t in each_app().await {
        let secretariat = t.signed_in(Role::Secretariat, None).await.1;
        let lapsed: i64 = scalar(&t, "select count(*) from organizations where status = $1", "lapsed").await;
        assert!(lapsed > 0, "the demo data has lapsed partners");
        let page = t.get("/secretariat/partners?status=lapsed", Some(&secretariat)).await;
        assert_eq!(page.status, StatusCode::OK);
        let rows = page.body.matches("<tr data-status=").count();
        assert_eq!(rows as i64, lapsed.min(50));
        assert_eq!(page.body.matches("data-status=\"lapsed\"").count(), rows, "only lapsed partners");
        let csv = t.get("/secretariat/partners.csv?status=lapsed", Some(&secretariat)).await;
        assert_eq!(csv.body.lines().count() as i64, lapsed + 1, "a header and one line each");
        let home = t.get("/secretariat", Some(&secretariat)).await;
        assert!(home.body.contains("/secretariat/partners?status=lapsed"), "the tile opens the roster filtered");
        let (partner_org, _, _) = a_partner(&t).await;
        let partner = t.signed_in(Role::PartnerContact, Some(partner_org)).await.1;
        assert_eq!(t.get("/secretariat/partners", Some(&partner)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(t.get("/secretariat/partners", None).await.status, StatusCode::UNAUTHORIZED);
        let wrong = t.get("/secretariat/partners?status=gone", Some(&secretariat)).await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        let all: i64 = scalar(&t, "select count(*) from organizations where status <> $1", "").await;
        let listed = t.get("/secretariat/partners?per_page=500", Some(&secretariat)).await;
        assert!(listed.body.contains(&format!("{all} organizations match")), "every organization, whatever its status");
    }
}

/// An organization's slug, agreement expiry, open check-in day and its assignee, as stored.
type StoredRow = (String, Option<String>, Option<String>, Option<String>);

#[tokio::test]
async fn the_roster_sorts_by_expiry_and_says_what_the_database_holds() {
    for t in each_app().await {
        // A year on, check-ins are open and assigned.
        t.clock.advance(time::Duration::days(365));
        opo_app::planning::plan(&t.app).await.expect("plan");
        let (staff_id, _) = t.signed_in(Role::Secretariat, None).await;
        let staff = opo_app::accounts::find(&t.app, staff_id).await.expect("user");
        let token = opo_app::api_tokens::create(&t.app, &staff, "tests", &opo_app::Actor::cli()).await.expect("token");
        let (status, page) =
            api(&t, Method::GET, "/api/v1/organizations?sort=expiry&per_page=500", Some(&token), None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let rows = page["organizations"].as_array().expect("rows").clone();
        assert_eq!(page["total"].as_u64(), Some(rows.len() as u64));
        let expiries: Vec<Option<&str>> = rows.iter().map(|r| r["agreement_expires_on"].as_str()).collect();
        let dated: Vec<&str> = expiries.iter().flatten().copied().collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]), "soonest first: {dated:?}");
        assert!(expiries.iter().skip_while(|e| e.is_some()).all(Option::is_none), "undated last");
        let mut conn = t.app.db.read().await.expect("conn");
        let stored: Vec<StoredRow> = sqlx::query_as(
            "select o.slug, (select max(g.expires_on) from agreements g where g.organization_id = o.id), \
             (select min(c.due_on) from checkins c where c.organization_id = o.id and c.status <> 'completed'), \
             (select u.display_name from checkins c join users u on u.id = c.assignee_user_id \
              where c.organization_id = o.id and c.status <> 'completed' order by c.due_on limit 1) \
             from organizations o",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("rows");
        assert!(stored.iter().any(|s| s.3.is_some()), "some check-ins are assigned");
        for (slug, expires, due, assignee) in stored {
            let row = rows.iter().find(|r| r["slug"] == slug.as_str()).expect("every organization is listed");
            assert_eq!(row["agreement_expires_on"].as_str(), expires.as_deref(), "{slug}");
            assert_eq!(row["check_in_assignee"].as_str(), assignee.as_deref(), "{slug}");
            if due.is_some() {
                assert_eq!(row["next_check_in"].as_str(), due.as_deref(), "{slug}");
            }
        }
    }
}

#[tokio::test]
async fn signing_in_lands_on_the_page_asked_for_and_only_on_this_site() {
    for t in each_app().await {
        let (org, slug, _) = a_partner(&t).await;
        let record = format!("/portal/organizations/{slug}");
        let asked = t.get(&record, None).await;
        assert_eq!(asked.status, StatusCode::UNAUTHORIZED);
        assert!(asked.body.contains(&format!("/sign-in?next=%2Fportal%2Forganizations%2F{slug}")), "{}", asked.body);
        let (user, _) = t.signed_in(Role::PartnerContact, Some(org)).await;
        let email: String =
            scalar(&t, "select email from users where id = cast($1 as integer)", &user.to_string()).await;
        for (next, lands) in
            [(record.as_str(), record.as_str()), ("//evil.example/", "/portal"), ("https://evil.example/", "/portal")]
        {
            let sent = t.post("/sign-in", None, &[("email", email.as_str()), ("next", next)]).await;
            assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
            let token = link_token(&t, &email).await;
            let used = t.post("/sign-in/link", None, &[("token", token.as_str()), ("next", next)]).await;
            assert_eq!(used.status, StatusCode::SEE_OTHER, "{}", used.body);
            assert_eq!(used.location(), lands, "from {next}");
        }
    }
}
