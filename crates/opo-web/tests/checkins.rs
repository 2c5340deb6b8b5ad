//! The annual check-in through the real router, on both backends: the partner's questionnaire (another
//! organization's contact refused, a form with problems returned with what was typed), and the staff's
//! list and check-in page where the conversation is recorded and the requested page changes published.

mod support;

use axum::http::StatusCode;
use opo_domain::accounts::Role;
use opo_domain::clock::Clock;
use support::{TestApp, each_app, html};

/// An active partner with a mail point of contact whose check-in is open: (slug, organization id,
/// check-in id, another active partner's id).
async fn open_check_in(t: &TestApp) -> (String, i64, i64, i64) {
    let rows: Vec<(String, i64, String)> = {
        let mut conn = t.app.db.read().await.expect("conn");
        sqlx::query_as(
            "select slug, id, joined_on from organizations o where status = 'active' and joined_on is not null \
             and exists (select 1 from contacts c where c.organization_id = o.id and c.is_mail_poc = 1) \
             order by slug limit 2",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("partners")
    };
    let (slug, org, joined) = rows[0].clone();
    let joined = opo_store::parse_date(&joined).expect("date");
    let due = opo_domain::checkins::next_due(joined, t.clock.now().date() + time::Duration::days(31));
    t.clock.advance(time::Duration::days((due - time::Duration::days(10) - t.clock.now().date()).whole_days()));
    opo_app::planning::plan(&t.app).await.expect("plan");
    while opo_app::jobs::run_due(&t.app, "test", 100).await.expect("jobs").done > 0 {}
    let checkin = opo_app::checkins::of_organization(&t.app, org).await.expect("check-ins").remove(0);
    assert_eq!(checkin.due_on, due);
    (slug, org, checkin.id, rows[1].1)
}

async fn status_of(t: &TestApp, id: i64) -> String {
    let mut conn = t.app.db.read().await.expect("conn");
    sqlx::query_scalar("select status from checkins where id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .expect("status")
}

#[tokio::test]
async fn the_partner_answers_its_own_questionnaire_and_no_other() {
    for t in each_app().await {
        let (slug, org, id, other_org) = open_check_in(&t).await;
        let (_, partner) = t.signed_in(Role::PartnerContact, Some(org)).await;
        let (_, stranger) = t.signed_in(Role::PartnerContact, Some(other_org)).await;
        let path = format!("/portal/organizations/{slug}/check-in");

        let page = t.get(&path, Some(&partner)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Send the answers"));
        assert!(page.body.contains(&format!("name=\"checkin\" value=\"{id}\"")));
        assert_eq!(t.get(&path, Some(&stranger)).await.status, StatusCode::FORBIDDEN);
        let id_text = id.to_string();
        let forged = [
            ("checkin", id_text.as_str()),
            ("experience_rating", "5"),
            ("experience", "Not ours"),
            ("commitment", "Not ours"),
            ("consent", "all"),
        ];
        assert_eq!(t.post(&path, Some(&stranger), &forged).await.status, StatusCode::FORBIDDEN);
        assert_eq!(status_of(&t, id).await, "questionnaire_sent", "nothing answered for another organization");

        let typed = [
            ("checkin", id_text.as_str()),
            ("experience_rating", "9"),
            ("experience", "We <liked> the webinars & calls"),
            ("commitment", ""),
            ("page_changes", "Add our Lusaka office"),
            ("consent", "impact_stories"),
            ("consent_notes", "Ask Ana first"),
        ];
        let refused = t.post(&path, Some(&partner), &typed).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Rate your experience from 1 to 5"));
        assert!(refused.body.contains("must not be empty"));
        assert!(refused.body.contains(&html("We <liked> the webinars & calls")), "what was typed is kept");
        assert!(refused.body.contains("Add our Lusaka office") && refused.body.contains("Ask Ana first"));
        assert!(refused.body.contains("value=\"impact_stories\" selected"));
        assert_eq!(status_of(&t, id).await, "questionnaire_sent");

        let mut good = typed;
        good[1] = ("experience_rating", "4");
        good[3] = ("commitment", "Two workshops");
        let sent = t.post(&path, Some(&partner), &good).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
        assert_eq!(sent.location(), format!("{path}?done=answered"));
        assert_eq!(status_of(&t, id).await, "answered");
        let again = t.get(sent.location(), Some(&partner)).await;
        assert!(again.body.contains("your answers are saved") && again.body.contains("Two workshops"));
        assert!(again.body.contains("Approve version"), "the page changes opened a version to approve");
        let consents = opo_app::showcase::consents_of(&t.app, org).await.expect("consents");
        assert!(consents.iter().any(|c| c.consent.scope.key() == "impact-story" && c.withdrawn_by.is_none()));
    }
}

#[tokio::test]
async fn staff_list_check_ins_record_the_conversation_and_publish_the_page() {
    for t in each_app().await {
        let (slug, org, id, _) = open_check_in(&t).await;
        let (_, partner) = t.signed_in(Role::PartnerContact, Some(org)).await;
        let (member_id, member) = t.signed_in(Role::Committee, None).await;
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let id_text = id.to_string();
        let answers = [
            ("checkin", id_text.as_str()),
            ("experience_rating", "5"),
            ("experience", "Very good"),
            ("commitment", "More data"),
            ("page_changes", "New short description please"),
            ("consent", "none"),
        ];
        let path = format!("/portal/organizations/{slug}/check-in");
        assert_eq!(t.post(&path, Some(&partner), &answers).await.status, StatusCode::SEE_OTHER);

        assert_eq!(t.get("/secretariat/check-ins", Some(&partner)).await.status, StatusCode::FORBIDDEN);
        let list = t.get("/secretariat/check-ins", Some(&member)).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains(&format!("href=\"/secretariat/check-ins/{slug}\"")));

        let member_text = member_id.to_string();
        let assign = [("checkin", id_text.as_str()), ("assignee", member_text.as_str()), ("back", "list")];
        let assigned = t.post(&format!("/secretariat/check-ins/{slug}/assign"), Some(&secretariat), &assign).await;
        assert_eq!(assigned.status, StatusCode::SEE_OTHER);
        assert_eq!(assigned.location(), "/secretariat/check-ins");
        let mine = t.get("/secretariat/check-ins", Some(&member)).await.body;
        let mine = &mine[mine.find("id=\"mine\"").expect("my check-ins")..];
        assert!(mine.contains(&format!("/secretariat/check-ins/{slug}")), "assigned to the member");

        let detail = t.get(&format!("/secretariat/check-ins/{slug}"), Some(&member)).await;
        assert_eq!(detail.status, StatusCode::OK);
        assert!(detail.body.contains("Very good") && detail.body.contains("More data"));
        assert!(!detail.body.contains("Publish the approved version"), "committee members do not edit pages");

        let record = format!("/secretariat/check-ins/{slug}/record");
        let half = [("checkin", id_text.as_str()), ("notes", "We talked about <the roadmap>"), ("outcome", "")];
        let refused = t.post(&record, Some(&member), &half).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains(&html("We talked about <the roadmap>")), "notes kept");
        assert!(refused.body.contains("Outcome must not be empty"));

        // The page: the secretariat proposes a version, the partner approves it, the secretariat publishes it.
        let detail = t.get(&format!("/secretariat/check-ins/{slug}"), Some(&secretariat)).await.body;
        assert!(detail.contains("Propose a new version"));
        let version_path = format!("/secretariat/check-ins/{slug}/page");
        let name = opo_app::partners::record(&t.app, &slug).await.expect("record").card.name;
        let empty = [("checkin", id_text.as_str()), ("name", name.as_str()), ("short_description", "")];
        assert_eq!(t.post(&version_path, Some(&secretariat), &empty).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        let page =
            [("checkin", id_text.as_str()), ("name", name.as_str()), ("short_description", "Now with a new summary.")];
        assert_eq!(t.post(&version_path, Some(&secretariat), &page).await.status, StatusCode::SEE_OTHER);
        assert_eq!(t.post(&version_path, Some(&member), &page).await.status, StatusCode::FORBIDDEN);
        let versions = opo_app::checkins::page_versions(&t.app, &opo_app::checkins::get(&t.app, id).await.expect("c"))
            .await
            .expect("versions");
        let newest = versions[0].number.to_string();
        // A save built on the version before the newest is refused, keeps what was typed and builds on the newest.
        let older = (versions[0].number - 1).to_string();
        let stale = [
            ("checkin", id_text.as_str()),
            ("based_on", older.as_str()),
            ("name", "Typed over"),
            ("short_description", "A stale summary."),
        ];
        let refused = t.post(&version_path, Some(&secretariat), &stale).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
        assert!(refused.body.contains(&html("+ Now with a new summary.")), "{}", refused.body);
        assert!(refused.body.contains("value=\"Typed over\""));
        assert!(refused.body.contains(&format!("name=\"based_on\" value=\"{newest}\"")));
        let approve = [("checkin", id_text.as_str()), ("version", newest.as_str())];
        let approved = t.post(&format!("{path}/page/approve"), Some(&partner), &approve).await;
        assert_eq!(approved.status, StatusCode::SEE_OTHER);
        let publish =
            t.post(&format!("/secretariat/check-ins/{slug}/page/publish"), Some(&secretariat), &approve).await;
        assert_eq!(publish.status, StatusCode::SEE_OTHER);
        let profile = opo_app::partners::record(&t.app, &slug).await.expect("record");
        assert_eq!(profile.card.short_description, "Now with a new summary.");

        let full = [("checkin", id_text.as_str()), ("notes", "We talked"), ("outcome", "Committed for a year")];
        assert_eq!(t.post(&record, Some(&member), &full).await.status, StatusCode::SEE_OTHER);
        assert_eq!(status_of(&t, id).await, "completed");
        let done = t.get(&format!("/secretariat/check-ins/{slug}"), Some(&member)).await.body;
        assert!(done.contains("Committed for a year") && !done.contains("Record and complete"));
    }
}
