//! Who may do what, proven route by route; sessions, cross-site requests and rate limits.

mod support;

use axum::http::{Method, StatusCode, header};
use opo_app::Settings;
use opo_app::rate_limits::{LINKS_PER_EMAIL, SIGN_IN_PER_ACCOUNT};
use opo_domain::accounts::Role;
use opo_domain::clock::Clock;
use opo_domain::policy::{self, Actor as PolicyActor};
use opo_web::route_table;
use support::{Answer, TestApp, each_app};

impl TestApp {
    async fn slugs(&self, status: &str) -> Vec<String> {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_scalar("select slug from organizations where status = $1 order by slug")
            .bind(status)
            .fetch_all(&mut *conn)
            .await
            .expect("slugs")
    }
}

/// The guard's own refusals, told apart from a handler that answers 401 for a wrong password.
fn refused_by_policy(answer: &Answer) -> bool {
    (answer.status == StatusCode::UNAUTHORIZED && answer.body.contains("Sign in to see this page."))
        || (answer.status == StatusCode::FORBIDDEN && answer.body.contains("Your role does not allow this."))
}

#[tokio::test]
async fn every_route_answers_every_role_exactly_as_the_policy_says() {
    for t in each_app().await {
        let own = t.slugs("active").await.remove(0);
        let own_org = t.org_id(&own).await;
        let (target_user, _) = t.signed_in(Role::Committee, None).await;
        let mut actors: Vec<(PolicyActor, Option<String>)> = vec![(PolicyActor::Anonymous, None)];
        for role in Role::ALL {
            let org = role.belongs_to_organization().then_some(own_org);
            actors.push((PolicyActor::Signed(role), Some(t.signed_in(role, org).await.1)));
        }
        let post = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar::<_, String>("select slug from posts where kind = 'webinar' order by slug limit 1")
                .fetch_one(&mut *conn)
                .await
                .expect("post")
        };
        let own_record = opo_app::partners::record(&t.app, &own).await.expect("record");
        let own_id = own_record.id;
        // An application of the partner's own organization (a partner may apply again after its first
        // application ended), for the workflow's routes.
        let interest = opo_domain::applications::interest::InterestInput {
            organization: own_record.card.name.clone(),
            contact_name: "Renewing Contact".into(),
            contact_email: "renewal@own-organization.example".into(),
            ..Default::default()
        };
        let application = opo_app::applications::express_interest(&t.app, &interest, &opo_app::Actor::system())
            .await
            .expect("an application")
            .application_id;
        // Naming the organization makes an organization of its own; the secretariat merges the two.
        let (officer, _) = t.signed_in(Role::Secretariat, None).await;
        let officer = opo_app::accounts::find(&t.app, officer).await.expect("user");
        opo_app::organizations::merge(&t.app, &officer, application, &opo_app::Actor::cli()).await.expect("merged");
        let code: String = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar("select code from agreements where code is not null order by id limit 1")
                .fetch_one(&mut *conn)
                .await
                .expect("a signature code")
        };
        let any_post: i64 = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar("select id from posts order by id limit 1").fetch_one(&mut *conn).await.expect("post")
        };
        let feed = {
            let (staff_id, _) = t.signed_in(Role::Secretariat, None).await;
            let staff = opo_app::accounts::find(&t.app, staff_id).await.expect("user");
            opo_app::calendar_feed::create(&t.app, &staff, &opo_app::Actor::cli()).await.expect("a feed")
        };
        // An endpoint for the webhook pages; the walk deletes it late, after its page was seen.
        let webhook = {
            let input = opo_domain::webhooks::EndpointInput {
                url: "https://hooks.example.org/opo".into(),
                description: String::new(),
                events: vec!["post.published".into()],
            };
            opo_app::webhooks::register(&t.app, &input, &opo_app::Actor::cli()).await.expect("an endpoint").id
        };
        let table = route_table();
        assert!(table.len() >= 25, "{} routes", table.len());
        for route in &table {
            let uri = route
                .path
                .replace("{slug}", if route.path.starts_with("/news") { &post } else { &own })
                .replace(
                    "{file}",
                    match route.path {
                        p if p.starts_with("/assets") => "site.css",
                        p if p.starts_with("/feeds") => "news.atom",
                        _ => "feed.atom",
                    },
                )
                .replace("{code}", &code)
                .replace("{token}", &feed)
                .replace("{n}", "1")
                .replace(
                    "{id}",
                    &if route.path.starts_with("/secretariat/posts") || route.path.starts_with("/api/v1/posts") {
                        any_post
                    } else if route.path.contains("/applications/") {
                        application
                    } else if route.path.starts_with("/fhir/") {
                        own_id
                    } else if route.path.starts_with("/admin/webhooks/") {
                        webhook
                    } else {
                        target_user
                    }
                    .to_string(),
                );
            for (actor, token) in &actors {
                // Signing out would end the session the rest of the matrix uses: sign out a fresh one.
                let fresh = match (route.path, actor) {
                    ("/sign-out", PolicyActor::Signed(role)) => {
                        let org = role.belongs_to_organization().then_some(own_org);
                        Some(t.signed_in(*role, org).await.1)
                    }
                    _ => None,
                };
                let token = fresh.as_ref().or(token.as_ref()).map(String::as_str);
                let answer = if route.method == "GET" {
                    t.get(&uri, token).await
                } else {
                    t.post_encoded(&uri, token, "").await
                };
                let allowed = policy::allows(*actor, route.action);
                let context = format!("{} {uri} as {actor:?}: {}", route.method, answer.status);
                if allowed {
                    assert!(!refused_by_policy(&answer), "{context}");
                    assert!(answer.status != StatusCode::INTERNAL_SERVER_ERROR, "{context}");
                    // A new application has no logo, page versions or comparison yet: those answer 404 or
                    // 400 to everyone the policy lets through, which the checks above tell from a refusal.
                    let data_dependent =
                        ["/logo", "/page", "/page/compare"].iter().any(|end| route.path.ends_with(end));
                    if route.method == "GET" && !data_dependent {
                        assert!(matches!(answer.status, StatusCode::OK | StatusCode::SEE_OTHER), "{context}");
                    }
                } else {
                    assert!(refused_by_policy(&answer), "{context}");
                    let expected =
                        if *actor == PolicyActor::Anonymous { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
                    assert_eq!(answer.status, expected, "{context}");
                }
            }
        }
    }
}

#[tokio::test]
async fn a_partner_contact_sees_its_own_organization_record_and_no_other() {
    for t in each_app().await {
        let slugs = t.slugs("active").await;
        let (own, other) = (&slugs[0], &slugs[1]);
        let (_, partner) = t.signed_in(Role::PartnerContact, Some(t.org_id(own).await)).await;
        let mine = t.get(&format!("/portal/organizations/{own}"), Some(&partner)).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert!(mine.body.contains("Mail point of contact"));
        let theirs = t.get(&format!("/portal/organizations/{other}"), Some(&partner)).await;
        assert_eq!(theirs.status, StatusCode::FORBIDDEN, "no peeking at another organization");
        assert!(!theirs.body.contains("Mail point of contact"));
        for path in [format!("/portal/organizations/{other}/posts"), format!("/portal/organizations/{other}/posts/new")]
        {
            assert_eq!(t.get(&path, Some(&partner)).await.status, StatusCode::FORBIDDEN, "{path}");
        }
        let activity = t
            .post_encoded(
                &format!("/portal/organizations/{other}/activities"),
                Some(&partner),
                "country=KE&title=Not+ours",
            )
            .await;
        assert_eq!(activity.status, StatusCode::FORBIDDEN, "no activity added to another organization");
        let forged =
            t.post_encoded(&format!("/portal/organizations/{other}/consents"), Some(&partner), "scope=all").await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "no consent given for another organization");
        let post = t
            .post_encoded(
                &format!("/portal/organizations/{other}/posts"),
                Some(&partner),
                "kind=blog&title=Not+ours&summary=x&body=y",
            )
            .await;
        assert_eq!(post.status, StatusCode::FORBIDDEN, "no post written in another organization's name");
        let mut conn = t.app.db.read().await.expect("conn");
        let written: i64 = sqlx::query_scalar("select count(*) from posts where title = 'Not ours'")
            .fetch_one(&mut *conn)
            .await
            .expect("count");
        assert_eq!(written, 0);
        for role in [Role::Committee, Role::Secretariat, Role::Admin] {
            let (_, staff) = t.signed_in(role, None).await;
            assert_eq!(t.get(&format!("/portal/organizations/{other}"), Some(&staff)).await.status, StatusCode::OK);
        }
    }
}

#[tokio::test]
async fn a_forged_cross_site_post_is_refused_before_it_does_anything() {
    let t = each_app().await.remove(0);
    let (_, admin) = t.signed_in(Role::Admin, None).await;
    let form = "email=forged%40evil.example&name=Forged&role=admin&organization=";
    for headers in [
        vec![("origin", "https://evil.example")],
        vec![("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site"), ("origin", "https://sub.127.0.0.1")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site"), ("origin", "null")],
        vec![],
    ] {
        let answer = t.send(Method::POST, "/admin/users", Some(&admin), &headers, form).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(answer.body.contains("did not come from a page of this site"));
    }
    let users = opo_app::accounts::list(&t.app).await.expect("users");
    assert!(!users.iter().any(|u| u.email.contains("evil.example")), "no account was added");
    let same = t.post_encoded("/admin/users", Some(&admin), form).await;
    assert_eq!(same.status, StatusCode::SEE_OTHER, "the same form from the site itself works");
}

#[tokio::test]
async fn a_form_of_a_no_referrer_page_is_taken_from_its_fetch_metadata() {
    // The sign-in link page is sent with `Referrer-Policy: no-referrer`, so a browser posts its form
    // with `Origin: null`; `Sec-Fetch-Site: same-origin` says where it came from.
    let t = each_app().await.remove(0);
    let link = opo_app::sessions::link_for_operator(&t.app, "secretariat@portal.example", &opo_app::Actor::cli())
        .await
        .expect("a link");
    let token = link.rsplit("token=").next().expect("a token").to_owned();
    let headers = [("sec-fetch-site", "same-origin"), ("origin", "null")];
    let answer = t.send(Method::POST, "/sign-in/link", None, &headers, &format!("token={token}")).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location(), "/secretariat");
}

#[tokio::test]
async fn nothing_changes_on_a_get() {
    let t = each_app().await.remove(0);
    let table = route_table();
    let has_get = |path: &str| table.iter().any(|r| r.method == "GET" && r.path == path);
    for route in table.iter().filter(|r| r.method == "POST" && !has_get(r.path)) {
        let answer = t.get(route.path, None).await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "GET {}", route.path);
    }
}

fn cookie_token(answer: &Answer) -> String {
    let cookie = answer.headers[header::SET_COOKIE].to_str().expect("ascii");
    cookie.split(';').next().and_then(|kv| kv.split_once('=')).map(|(_, v)| v.to_owned()).expect("a session cookie")
}

#[tokio::test]
async fn signing_in_with_a_link_sets_a_safe_cookie_and_signing_out_ends_the_session_on_the_server() {
    for t in each_app().await {
        let email = "chair@portal.example";
        let asked = t.post_encoded("/sign-in", None, &format!("email={}", email.replace('@', "%40"))).await;
        assert_eq!(asked.status, StatusCode::OK);
        assert!(asked.body.contains("Check your e-mail"));
        let mut conn = t.app.db.read().await.expect("conn");
        let body: String = sqlx::query_scalar("select body_text from outbox_emails where to_address = $1")
            .bind(email)
            .fetch_one(&mut *conn)
            .await
            .expect("the link is in the outbox");
        drop(conn);
        let start = body.find("token=").expect("token") + "token=".len();
        let token: String = body[start..].chars().take_while(char::is_ascii_hexdigit).collect();

        for _ in 0..2 {
            let page = t.get(&format!("/sign-in/link?token={token}"), None).await;
            assert_eq!(page.status, StatusCode::OK, "opening the link (as a mail scanner would) uses nothing up");
            assert!(page.body.contains(&format!("value=\"{token}\"")));
        }
        let used = t.post_encoded("/sign-in/link", None, &format!("token={token}")).await;
        assert_eq!(used.status, StatusCode::SEE_OTHER);
        assert_eq!(used.headers[header::LOCATION], "/committee", "a committee member lands on the committee's home");
        let set = used.headers[header::SET_COOKIE].to_str().expect("ascii").to_owned();
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(set.contains(attribute), "{set}");
        }
        assert!(!set.contains("Secure"), "served over plain http in this test");
        let session = cookie_token(&used);
        assert_ne!(session, token, "the session secret is not the link's");
        assert_eq!(t.get("/committee", Some(&session)).await.status, StatusCode::OK);

        let again = t.post_encoded("/sign-in/link", None, &format!("token={token}")).await;
        assert_eq!(again.status, StatusCode::UNAUTHORIZED, "a link signs in once");
        assert!(again.body.contains("used already or has expired"));

        let out = t.post_encoded("/sign-out", Some(&session), "").await;
        assert_eq!(out.status, StatusCode::OK);
        assert!(out.headers[header::SET_COOKIE].to_str().expect("ascii").contains("Max-Age=0"));
        let after = t.get("/committee", Some(&session)).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED, "the old cookie is worthless");
    }
}

#[tokio::test]
async fn a_session_ends_when_idle_too_long() {
    let t = each_app().await.remove(0);
    let (_, token) = t.signed_in(Role::Secretariat, None).await;
    assert_eq!(t.get("/secretariat", Some(&token)).await.status, StatusCode::OK);
    t.clock.advance(Settings::default().session_idle - time::Duration::minutes(1));
    assert_eq!(t.get("/secretariat", Some(&token)).await.status, StatusCode::OK, "use keeps it alive");
    t.clock.advance(Settings::default().session_idle + time::Duration::minutes(1));
    let expired = t.get("/secretariat", Some(&token)).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert!(
        expired.headers[header::SET_COOKIE].to_str().expect("ascii").contains("Max-Age=0"),
        "the stale cookie is cleared"
    );
}

#[tokio::test]
async fn a_deactivated_account_is_signed_out_at_once() {
    let t = each_app().await.remove(0);
    let (_, admin) = t.signed_in(Role::Admin, None).await;
    let (victim, token) = t.signed_in(Role::Secretariat, None).await;
    assert_eq!(t.get("/secretariat", Some(&token)).await.status, StatusCode::OK);
    let done = t.post_encoded(&format!("/admin/users/{victim}/status"), Some(&admin), "active=false").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(t.get("/secretariat", Some(&token)).await.status, StatusCode::UNAUTHORIZED);
    let audit = t.get("/admin/audit?action=account.deactivated", Some(&admin)).await;
    assert!(audit.body.contains("account.deactivated"));
    assert!(audit.body.contains("&#34;status&#34;:&#34;active&#34;"), "the value before is recorded");
}

#[tokio::test]
async fn password_sign_in_works_and_a_flood_gets_429_at_the_exact_threshold() {
    for t in each_app().await {
        let (id, token) = t.signed_in(Role::Secretariat, None).await;
        let weak = t.post_encoded("/account/password", Some(&token), "password=password123&confirm=password123").await;
        assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(weak.body.contains("too common"));
        let set = t
            .post_encoded(
                "/account/password",
                Some(&token),
                "password=violet-harbor-tangent-42&confirm=violet-harbor-tangent-42",
            )
            .await;
        assert_eq!(set.status, StatusCode::OK);
        let user = opo_app::accounts::find(&t.app, id).await.expect("user");
        let email = user.email.replace('@', "%40");

        let ok = t
            .post_encoded(
                "/sign-in/password",
                Some(&token),
                &format!("email={email}&password=violet-harbor-tangent-42"),
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert_eq!(ok.headers[header::LOCATION], "/secretariat");
        let rotated = cookie_token(&ok);
        assert_ne!(rotated, token, "signing in again issues a new session secret");
        assert_eq!(t.get("/secretariat", Some(&token)).await.status, StatusCode::UNAUTHORIZED, "and ends the old one");
        assert_eq!(t.get("/secretariat", Some(&rotated)).await.status, StatusCode::OK);
        let mut attempts = 1;
        while attempts < SIGN_IN_PER_ACCOUNT.max {
            let wrong =
                t.post_encoded("/sign-in/password", None, &format!("email={email}&password=wrong-{attempts}")).await;
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "attempt {attempts}");
            assert!(wrong.body.contains("is not right"));
            assert!(wrong.body.contains(&format!("value=\"{}\"", user.email)), "the address typed is kept");
            attempts += 1;
        }
        let flooded = t
            .post_encoded("/sign-in/password", None, &format!("email={email}&password=violet-harbor-tangent-42"))
            .await;
        assert_eq!(flooded.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
        let retry: u64 = flooded.headers[header::RETRY_AFTER].to_str().expect("ascii").parse().expect("seconds");
        assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    }
}

#[tokio::test]
async fn asking_for_links_is_limited_per_address() {
    let t = each_app().await.remove(0);
    let form = "email=member%40portal.example";
    for n in 0..LINKS_PER_EMAIL.max {
        assert_eq!(t.post_encoded("/sign-in", None, form).await.status, StatusCode::OK, "request {n}");
    }
    let limited = t.post_encoded("/sign-in", None, form).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers.contains_key(header::RETRY_AFTER));
    assert!(limited.body.contains("value=\"member@portal.example\""), "the form keeps what was typed");
    let mut conn = t.app.db.read().await.expect("conn");
    let sent: i64 = sqlx::query_scalar("select count(*) from outbox_emails where to_address = 'member@portal.example'")
        .fetch_one(&mut *conn)
        .await
        .expect("count");
    assert_eq!(sent, LINKS_PER_EMAIL.max);
}

#[tokio::test]
async fn an_admin_invites_someone_and_a_bad_form_keeps_what_was_typed() {
    let t = each_app().await.remove(0);
    let (_, admin) = t.signed_in(Role::Admin, None).await;
    let bad = t
        .post_encoded("/admin/users", Some(&admin), "email=not-an-address&name=Pat+Doe&role=partner&organization=")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"not-an-address\""));
    assert!(bad.body.contains("value=\"Pat Doe\""));
    assert!(bad.body.contains("is not an e-mail address"));
    assert!(bad.body.contains("belongs to an organization"));
    let org = t.slugs("active").await.remove(0);
    let good = t
        .post_encoded(
            "/admin/users",
            Some(&admin),
            &format!("email=pat%40partner.example&name=Pat+Doe&role=partner&organization={org}"),
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    let list = t.get("/admin/users?done=invited", Some(&admin)).await;
    assert!(list.body.contains("pat@partner.example"));
    assert!(list.body.contains("The invitation is on its way."));
    let outbox = t.get("/admin/outbox", Some(&admin)).await;
    assert!(outbox.body.contains("pat@partner.example"));
    assert!(outbox.body.contains("invitation"));
}

#[tokio::test]
async fn the_outbox_shows_where_each_forum_topic_stands() {
    use opo_store::forum_posts::{self, NewForumPost};
    let t = each_app().await.remove(0);
    let (_, admin) = t.signed_in(Role::Admin, None).await;
    assert!(!t.get("/admin/outbox", Some(&admin)).await.body.contains("Forum topics"), "no topics, no section");
    let now = t.clock.now();
    let topic = |title: &str| NewForumPost {
        kind: "announcement".into(),
        title: title.into(),
        raw: "Welcome.".into(),
        category_id: 5,
    };
    let mut tx = t.app.db.begin().await.expect("begin");
    let sent = forum_posts::enqueue(&mut tx, &topic("Welcome to Sahel Data Lab"), now).await.expect("queued");
    let url = "https://forum.example/t/welcome-to-sahel-data-lab/71";
    forum_posts::mark_sent(&mut tx, sent, Some(71), Some(url), now).await.expect("sent");
    let refused = forum_posts::enqueue(&mut tx, &topic("Welcome to Kijiji Health"), now).await.expect("queued");
    let answer = "the forum answered 403 Forbidden: The API username or key is invalid.";
    forum_posts::mark_attempt_failed(&mut tx, refused, answer, None, now).await.expect("failed");
    tx.commit().await.expect("commit");
    let page = t.get("/admin/outbox", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Forum topics"), "{}", page.body);
    assert!(page.body.contains(&format!("<a href=\"{url}\">")), "a link to the topic");
    assert!(page.body.contains("Welcome to Kijiji Health"), "{}", page.body);
    assert!(page.body.contains("The API username or key is invalid."), "the forum's answer");
}

#[tokio::test]
async fn an_admin_sees_a_dead_job_and_queues_it_again() {
    for t in each_app().await {
        let (_, admin) = t.signed_in(Role::Admin, None).await;
        let now = t.clock.now();
        let mut tx = t.app.db.begin().await.expect("begin");
        let job = opo_store::jobs::NewJob {
            kind: "no-such-kind".into(),
            payload: "{}".into(),
            dedupe_key: None,
            run_at: now,
            max_attempts: 1,
        };
        let id = opo_store::jobs::enqueue(&mut tx, &job, now).await.expect("queued").expect("id");
        tx.commit().await.expect("commit");
        let pass = opo_app::jobs::run_due(&t.app, "test-worker", 10).await.expect("pass");
        assert_eq!(pass.dead, 1, "one attempt allowed, so it dies at once");

        let page = t.get("/admin/outbox", Some(&admin)).await;
        assert!(page.body.contains("no handler for jobs of kind"), "the error is shown");
        let retry = format!("/admin/jobs/{id}/retry");
        assert!(page.body.contains(&retry));
        let (_, partner) = t.signed_in(Role::Secretariat, None).await;
        assert_eq!(t.post_encoded(&retry, Some(&partner), "").await.status, StatusCode::FORBIDDEN, "admins only");
        let answer = t.post_encoded(&retry, Some(&admin), "").await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(opo_app::jobs::pending(&t.app, 10).await.expect("pending").iter().filter(|j| j.id == id).count(), 1);
        assert_eq!(
            t.post_encoded(&retry, Some(&admin), "").await.status,
            StatusCode::CONFLICT,
            "only a dead job is retried"
        );
    }
}
