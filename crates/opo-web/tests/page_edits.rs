//! Two secretariat officers editing the same draft partner page through the real router, on both
//! backends: the second save is refused with 409 and who changed what, the form keeps what the second
//! officer typed and now builds on the newest version, so saving again works.

mod support;

use axum::http::StatusCode;
use opo_app::Actor;
use opo_domain::accounts::Role;
use opo_domain::reviews::{Decision, Vote};
use support::{TestApp, each_app, html};

/// An application of the demo taken to the review of its partner page: returns its id.
async fn in_page_review(t: &TestApp) -> i64 {
    let id: i64 = {
        let mut conn = t.app.db.read().await.expect("conn");
        sqlx::query_scalar("select id from applications where stage = 'under_review' order by id limit 1")
            .fetch_one(&mut *conn)
            .await
            .expect("an application under review")
    };
    for _ in 0..2 {
        let (member, _) = t.signed_in(Role::Committee, None).await;
        let member = opo_app::accounts::find(&t.app, member).await.expect("member");
        let actor = Actor::user(&member, "192.0.2.50");
        opo_app::reviews::vote(&t.app, id, &member, Vote::Approve, "Yes.", &actor).await.expect("vote");
    }
    opo_app::reviews::decide(&t.app, id, Decision::Approve, "A good fit.", &Actor::system()).await.expect("approved");
    opo_app::pages::draft(&t.app, id, &Actor::system()).await.expect("drafted");
    id
}

fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {name} field")) + marker.len();
    body[start..].split('"').next().expect("value").to_owned()
}

fn input(body: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\" name=");
    let at = body.find(&marker).unwrap_or_else(|| panic!("no {id} field"));
    let rest = &body[at..];
    let start = rest.find("value=\"").expect("a value") + "value=\"".len();
    rest[start..].split('"').next().expect("value").to_owned()
}

#[tokio::test]
async fn a_second_officer_saving_a_stale_page_is_refused_and_keeps_what_was_typed() {
    for t in each_app().await {
        let id = in_page_review(&t).await;
        let (_, olu) = t.signed_in(Role::Secretariat, None).await;
        let (_, zoe) = t.signed_in(Role::Secretariat, None).await;
        let page = format!("/secretariat/applications/{id}");

        // Both open the page on version 1.
        let seen_by_olu = t.get(&page, Some(&olu)).await;
        let seen_by_zoe = t.get(&page, Some(&zoe)).await;
        assert_eq!(seen_by_olu.status, StatusCode::OK);
        assert_eq!(hidden(&seen_by_olu.body, "based_on"), "1");
        assert_eq!(hidden(&seen_by_zoe.body, "based_on"), "1");
        let name = input(&seen_by_zoe.body, "page-name");
        let short = input(&seen_by_zoe.body, "page-short");
        let form = |name: &str, short: &str, based_on: &str, note: &str| {
            vec![
                ("based_on".to_owned(), based_on.to_owned()),
                ("name".to_owned(), name.to_owned()),
                ("website".to_owned(), "https://registry.example".to_owned()),
                ("short_description".to_owned(), short.to_owned()),
                ("description".to_owned(), "We build registries.".to_owned()),
                ("countries".to_owned(), "KE".to_owned()),
                ("links".to_owned(), String::new()),
                ("note".to_owned(), note.to_owned()),
            ]
        };
        let send = |fields: Vec<(String, String)>| {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            support::encode(&pairs)
        };
        let versions = format!("{page}/page/versions");

        let first = t
            .post_encoded(&versions, Some(&olu), &send(form(&name, "Registries for East Africa.", "1", "Summary")))
            .await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);

        let typed_name = "Zoe's corrected name";
        let second = t.post_encoded(&versions, Some(&zoe), &send(form(typed_name, &short, "1", "Name"))).await;
        assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
        assert!(second.body.contains("Version 2 of this page was saved by"), "{}", second.body);
        assert!(second.body.contains("while you were editing version 1"));
        assert!(second.body.contains(&html("+ Registries for East Africa.")), "the other officer's change is shown");
        assert_eq!(input(&second.body, "page-name"), html(typed_name), "what Zoe typed is kept");
        assert_eq!(hidden(&second.body, "based_on"), "2", "the kept form builds on the newest version");

        let count = |body: &str| body.matches("Registries for East Africa.").count();
        assert!(count(&second.body) >= 1);
        let again = t
            .post_encoded(&versions, Some(&zoe), &send(form(typed_name, "Registries for East Africa.", "2", "Name")))
            .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "saving on top of the newest version works: {}", again.body);
        let after = t.get(&page, Some(&olu)).await;
        assert_eq!(hidden(&after.body, "based_on"), "3");
        assert_eq!(input(&after.body, "page-name"), html(typed_name));

        // The partner's own form is guarded the same way.
        let applicant: i64 = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar("select applicant_user_id from applications where id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await
                .expect("an applicant")
        };
        let partner = t.session_for(applicant).await;
        let portal = format!("/portal/applications/{id}/page");
        let opened = t.get(&portal, Some(&partner)).await;
        assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
        assert_eq!(hidden(&opened.body, "based_on"), "3");
        let officer_again = t
            .post_encoded(&versions, Some(&olu), &send(form(typed_name, "Registries and training.", "3", "Training")))
            .await;
        assert_eq!(officer_again.status, StatusCode::SEE_OTHER);
        let partners_name = "Our name as we write it";
        let stale = t
            .post_encoded(
                &format!("{portal}/versions"),
                Some(&partner),
                &send(form(partners_name, &short, "3", "Ours")),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
        assert!(stale.body.contains("Version 4 of this page was saved by"), "{}", stale.body);
        assert!(stale.body.contains(&html("+ Registries and training.")), "{}", stale.body);
        assert_eq!(input(&stale.body, "page-name"), html(partners_name), "what the partner typed is kept");
        assert_eq!(hidden(&stale.body, "based_on"), "4");
    }
}
