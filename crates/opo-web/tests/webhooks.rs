//! The admin's webhook pages on both backends: adding an endpoint (a bad form keeps what was typed, the
//! secret is shown once), the delivery log, replaying, switching off and deleting; everyone else is
//! refused, and a cross-site replay does nothing.

mod support;

use axum::http::{Method, StatusCode};
use opo_app::{Actor, jobs, showcase};
use opo_domain::accounts::Role;
use opo_domain::posts::PostInput;
use support::{each_app, html};

#[tokio::test]
async fn an_admin_adds_an_endpoint_reads_its_log_and_replays_a_delivery() {
    for t in each_app().await {
        let (_, admin) = t.signed_in(Role::Admin, None).await;
        let list = t.get("/admin/webhooks", Some(&admin)).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("No endpoint yet.") && list.body.contains("post.published"), "{}", list.body);
        assert!(t.get("/admin", Some(&admin)).await.body.contains("href=\"/admin/webhooks\""), "linked from home");

        let bad = t
            .post(
                "/admin/webhooks",
                Some(&admin),
                &[("url", "http://10.0.0.5/hook?a=1&b=2"), ("description", "Our CRM"), ("events", "post.published")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("it must start with https://"), "{}", bad.body);
        assert!(bad.body.contains(&html("http://10.0.0.5/hook?a=1&b=2")), "the address typed is kept");
        assert!(bad.body.contains("value=\"Our CRM\""), "the description typed is kept");
        assert!(bad.body.contains("value=\"post.published\" checked"), "the events chosen are kept");
        let none = t.post("/admin/webhooks", Some(&admin), &[("url", "https://hooks.opo.invalid/opo")]).await;
        assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(none.body.contains("choose at least one event"), "{}", none.body);

        let added = t
            .post(
                "/admin/webhooks",
                Some(&admin),
                &[
                    ("url", "https://hooks.opo.invalid/opo"),
                    ("description", "Our CRM"),
                    ("events", "post.published"),
                    ("events", "partner.announced"),
                ],
            )
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        let start = added.body.find("whsec_").expect("the secret is shown");
        let secret: String =
            added.body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        assert_eq!(secret.len(), "whsec_".len() + 64, "{secret}");
        let endpoint = opo_app::webhooks::endpoints(&t.app).await.expect("endpoints").remove(0);
        assert_eq!(endpoint.events, vec!["partner.announced".to_owned(), "post.published".to_owned()]);
        let page_url = format!("/admin/webhooks/{}", endpoint.id);
        let page = t.get(&page_url, Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains(&secret), "the secret is not shown again");
        assert!(page.body.contains("Nothing sent to this endpoint yet."));

        let input = PostInput {
            kind: "blog".into(),
            title: "Notes from the field".into(),
            summary: "A short summary.".into(),
            body: "Text.".into(),
            ..PostInput::default()
        };
        let post = showcase::create(&t.app, &input, None, &Actor::cli()).await.expect("a draft");
        showcase::publish(&t.app, post, &Actor::cli()).await.expect("published");
        // A name under .invalid never resolves, so the attempt fails and is logged without a status.
        jobs::run_due(&t.app, "w1", 50).await.expect("a pass");
        let log = opo_app::webhooks::deliveries(&t.app, endpoint.id, 10).await.expect("log");
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].delivery.attempts, 1);
        let page = t.get(&page_url, Some(&admin)).await;
        assert!(page.body.contains("<code>post.published</code>"), "{}", page.body);
        assert!(page.body.contains("could not be reached"), "the error is in the log: {}", page.body);

        let replay = format!("/admin/webhooks/deliveries/{}/replay", log[0].delivery.id);
        let forged = t.send(Method::POST, &replay, Some(&admin), &[("sec-fetch-site", "cross-site")], "").await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let waiting = |jobs: Vec<jobs::Job>| jobs.iter().filter(|j| j.kind == "webhook").count();
        let before = waiting(jobs::pending(&t.app, 100).await.expect("pending"));
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        assert_eq!(t.post(&replay, Some(&secretariat), &[]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(
            waiting(jobs::pending(&t.app, 100).await.expect("pending")),
            before,
            "refused replays queue nothing"
        );
        let replayed = t.post(&replay, Some(&admin), &[]).await;
        assert_eq!(replayed.status, StatusCode::SEE_OTHER);
        assert_eq!(replayed.location(), format!("{page_url}?done=replayed"));
        assert_eq!(waiting(jobs::pending(&t.app, 100).await.expect("pending")), before + 1);

        let off = t.post(&format!("{page_url}/active"), Some(&admin), &[("active", "false")]).await;
        assert_eq!(off.status, StatusCode::SEE_OTHER);
        assert!(t.get(&page_url, Some(&admin)).await.body.contains("switched off"));
        assert_eq!(t.post(&replay, Some(&admin), &[]).await.status, StatusCode::CONFLICT, "not while switched off");

        let deleted = t.post(&format!("{page_url}/delete"), Some(&admin), &[]).await;
        assert_eq!(deleted.location(), "/admin/webhooks?done=deleted");
        assert_eq!(t.get(&page_url, Some(&admin)).await.status, StatusCode::NOT_FOUND);
        let audit = t.get("/admin/audit?action=webhook.", Some(&admin)).await;
        for action in ["webhook.registered", "webhook.replayed", "webhook.deactivated", "webhook.deleted"] {
            assert!(audit.body.contains(action), "{action} is audited");
        }
    }
}

#[tokio::test]
async fn only_admins_see_the_webhook_pages() {
    let t = each_app().await.remove(0);
    assert_eq!(t.get("/admin/webhooks", None).await.status, StatusCode::UNAUTHORIZED);
    for role in [Role::PartnerContact, Role::Committee, Role::Secretariat] {
        let org = role.belongs_to_organization().then_some(t.org_id(&first_active(&t).await).await);
        let (_, token) = t.signed_in(role, org).await;
        assert_eq!(t.get("/admin/webhooks", Some(&token)).await.status, StatusCode::FORBIDDEN, "{role:?}");
        let add =
            t.post("/admin/webhooks", Some(&token), &[("url", "https://x.example/h"), ("events", "post.published")]);
        assert_eq!(add.await.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    assert!(opo_app::webhooks::endpoints(&t.app).await.expect("endpoints").is_empty(), "nothing was registered");
}

async fn first_active(t: &support::TestApp) -> String {
    let mut conn = t.app.db.read().await.expect("conn");
    sqlx::query_scalar("select slug from organizations where status = 'active' order by slug limit 1")
        .fetch_one(&mut *conn)
        .await
        .expect("a partner")
}
