//! Renewal pages through the real router, on both backends: a partner contact re-signs for its own
//! organization (another organization's contact refused; a form with problems returned with what was
//! typed), an admin sets a status until a date (the secretariat may not), and the secretariat publishes a
//! new version of the agreement with a re-sign-by date.

mod support;

use axum::http::StatusCode;
use opo_domain::accounts::Role;
use opo_domain::clock::Clock;
use support::{TestApp, each_app, html};

async fn tick(t: &TestApp) {
    opo_app::planning::plan(&t.app).await.expect("plan");
    while opo_app::jobs::run_due(&t.app, "test", 100).await.expect("jobs").done > 0 {}
}

const MWANGA: &str = "/portal/organizations/mwanga-data";

#[tokio::test]
async fn a_partner_re_signs_its_own_agreement_and_no_one_elses() {
    for t in each_app().await {
        let (_, early) = t.signed_in(Role::PartnerContact, Some(t.org_id("mwanga-data").await)).await;
        tick(&t).await;
        let record = t.get(MWANGA, Some(&early)).await;
        assert_eq!(record.status, StatusCode::OK);
        assert!(record.body.contains("The agreement expires on"), "the record shows the expiry");
        assert!(!record.body.contains("Re-sign the agreement"), "not open before the renewal window");

        t.clock.advance(time::Duration::days(30));
        tick(&t).await;
        let (_, own) = t.signed_in(Role::PartnerContact, Some(t.org_id("mwanga-data").await)).await;
        let (_, other) = t.signed_in(Role::PartnerContact, Some(t.org_id("kijiji-health").await)).await;
        let record = t.get(MWANGA, Some(&own)).await;
        assert!(record.body.contains("Active partner, renewal due"), "the record shows the status");
        assert!(record.body.contains(&format!("href=\"{MWANGA}/agreement\"")), "the re-sign link");
        assert!(record.body.contains("Changes of status"), "the partner sees its timeline");
        assert!(!record.body.contains("Set the status by hand"), "no override form for a partner");

        let form = t.get(&format!("{MWANGA}/agreement"), Some(&own)).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("SHA-256 of this text"));
        let template_id = opo_app::agreements::current(&t.app).await.expect("template").id.to_string();

        assert_eq!(t.get(&format!("{MWANGA}/agreement"), Some(&other)).await.status, StatusCode::FORBIDDEN);
        let refused = t
            .post(
                &format!("{MWANGA}/agreement"),
                Some(&other),
                &[
                    ("template_id", &template_id),
                    ("signer_name", "Intruder"),
                    ("signer_title", "CEO"),
                    ("accept", "yes"),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let typed = "Neema <Mushi> & Co";
        let problem = t
            .post(&format!("{MWANGA}/agreement"), Some(&own), &[("template_id", &template_id), ("signer_name", typed)])
            .await;
        assert_eq!(problem.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(problem.body.contains(&html(typed)), "what was typed is kept");
        assert!(problem.body.contains("tick the box"));

        let signed = t
            .post(
                &format!("{MWANGA}/agreement"),
                Some(&own),
                &[
                    ("template_id", &template_id),
                    ("signer_name", "Neema Mushi"),
                    ("signer_title", "Director"),
                    ("accept", "yes"),
                ],
            )
            .await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER);
        assert!(signed.location().starts_with("/agreements/"), "{}", signed.location());
        let record = t.get(MWANGA, Some(&own)).await;
        assert!(record.body.contains("<span class=\"status\">Active partner</span>"), "active again");
    }
}

#[tokio::test]
async fn only_an_admin_sets_a_status_by_hand() {
    for t in each_app().await {
        let (_, admin) = t.signed_in(Role::Admin, None).await;
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let path = "/portal/organizations/zambezi-trust";
        assert!(t.get(path, Some(&admin)).await.body.contains("Set the status by hand"));
        assert!(!t.get(path, Some(&secretariat)).await.body.contains("Set the status by hand"));
        let until = (t.clock.now().date() + time::Duration::days(10)).to_string();
        let form = [("status", "active"), ("until", until.as_str()), ("reason", "Signed copy in the post")];
        assert_eq!(t.post(&format!("{path}/status"), Some(&secretariat), &form).await.status, StatusCode::FORBIDDEN);
        let done = t.post(&format!("{path}/status"), Some(&admin), &form).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        let page = t.get(path, Some(&secretariat)).await.body;
        assert!(page.contains("Signed copy in the post"), "the history and the reason");
        assert!(page.contains("Partnership lapsed</td><td>Active partner"), "the change in the history");
        let profile = t.get("/partners/zambezi-trust", Some(&secretariat)).await;
        assert_eq!(profile.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn the_secretariat_publishes_a_version_to_be_signed_by_a_date() {
    for t in each_app().await {
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let (_, partner) = t.signed_in(Role::PartnerContact, Some(t.org_id("mwanga-data").await)).await;
        assert_eq!(t.get("/secretariat/agreements", Some(&secretariat)).await.status, StatusCode::OK);
        assert_eq!(t.get("/secretariat/agreements", Some(&partner)).await.status, StatusCode::FORBIDDEN);
        let bad = t
            .post(
                "/secretariat/agreements",
                Some(&secretariat),
                &[("version", "2.0-draft"), ("title", "Agreement"), ("body", "Terms."), ("resign_by", "next year")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("value=\"2.0-draft\""), "what was typed is kept");
        let by = (t.clock.now().date() + time::Duration::days(60)).to_string();
        let done = t
            .post(
                "/secretariat/agreements",
                Some(&secretariat),
                &[("version", "2.0"), ("title", "Agreement"), ("body", "Renewed terms."), ("resign_by", by.as_str())],
            )
            .await;
        assert_eq!(done.status, StatusCode::OK);
        assert!(done.body.contains("Version 2.0 is published"));
        tick(&t).await;
        let record = t.get(MWANGA, Some(&partner)).await.body;
        assert!(record.contains("Version 2.0 of the agreement is to be signed by"), "the requirement is shown");
        let form = t.get(&format!("{MWANGA}/agreement"), Some(&partner)).await.body;
        assert!(form.contains("Renewed terms."), "the new version is the one to sign");
    }
}
