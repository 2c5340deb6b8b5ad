//! The applicant's pages through the real router, on both backends: the expression-of-interest form
//! and its spam protection, the application form that keeps what was typed, signing the agreement, and
//! the certificate anyone can check.

mod support;

use axum::http::StatusCode;
use opo_app::Actor;
use opo_domain::clock::Clock;
use support::{TestApp, each_app};

impl TestApp {
    async fn count(&self, sql: &str) -> i64 {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_scalar(sql).fetch_one(&mut *conn).await.expect("count")
    }
}

fn stamp_of(body: &str) -> String {
    let start = body.find("name=\"stamp\" value=\"").expect("a stamp") + "name=\"stamp\" value=\"".len();
    body[start..].split('"').next().expect("value").to_owned()
}

fn interest<'a>(stamp: &'a str, email: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("organization", "Sahel Data Lab"),
        ("website", "https://sahel-data.example"),
        ("contact_name", "Awa Traoré"),
        ("contact_email", email),
        ("country", "ML"),
        ("desired_role", "research"),
        ("message", "We run district health information systems."),
        ("fax", ""),
        ("stamp", stamp),
    ]
}

const APPLICATIONS: &str = "select count(*) from applications";

#[tokio::test]
async fn the_interest_form_stops_scripts_and_keeps_what_people_typed() {
    for t in each_app().await {
        let before = t.count(APPLICATIONS).await;
        let stamp = stamp_of(&t.get("/interest", None).await.body);

        let fast = t.post("/interest", None, &interest(&stamp, "awa@sahel-data.example")).await;
        assert_eq!(fast.status, StatusCode::UNPROCESSABLE_ENTITY, "sent faster than a person types");
        assert!(fast.body.contains("value=\"Sahel Data Lab\""), "what was typed is kept");

        t.clock.advance(time::Duration::seconds(20));
        let mut trapped = interest(&stamp, "bot@spam.example");
        trapped.retain(|(k, _)| *k != "fax");
        trapped.push(("fax", "+1 555 0100"));
        let answer = t.post("/interest", None, &trapped).await;
        assert_eq!(answer.status, StatusCode::OK, "the script is answered as a person would be");
        assert_eq!(t.count(APPLICATIONS).await, before, "and nothing is stored");

        let forged = t.post("/interest", None, &interest("1700000000.abc", "awa@sahel-data.example")).await;
        assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY, "a forged stamp counts as too fast");

        let bad = t.post("/interest", None, &interest(&stamp, "awa-at-sahel")).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("value=\"awa-at-sahel\""), "the wrong address is shown to be fixed");
        assert!(bad.body.contains("aria-invalid=\"true\""));

        let sent = t.post("/interest", None, &interest(&stamp, "awa@sahel-data.example")).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert!(sent.body.contains("awa@sahel-data.example"));
        assert_eq!(t.count(APPLICATIONS).await, before + 1);
        let mail = t.count("select count(*) from outbox_emails where kind = 'interest-received'").await;
        assert_eq!(mail, 1);

        // Five tries an hour from one address; the sixth waits.
        let sixth = t.post("/interest", None, &interest(&stamp, "other@sahel-data.example")).await;
        assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS, "{}", sixth.body);
    }
}

#[tokio::test]
async fn an_applicant_fills_signs_and_submits_and_nothing_typed_is_lost() {
    for t in each_app().await {
        let staff = Actor::system();
        let input = opo_domain::applications::interest::InterestInput {
            organization: "Sahel Data Lab".into(),
            contact_name: "Awa Traoré".into(),
            contact_email: "awa@sahel-data.example".into(),
            ..Default::default()
        };
        let id =
            opo_app::applications::express_interest(&t.app, &input, &staff).await.expect("interest").application_id;
        let start = t.clock.now() + time::Duration::days(2);
        opo_app::applications::schedule_call(&t.app, id, start, 30, &staff).await.expect("call");
        opo_app::applications::invite(&t.app, id, &staff).await.expect("invited");
        let application = opo_app::applications::find(&t.app, id).await.expect("application");
        let awa = t.session_for(application.applicant_user_id.expect("account")).await;
        let page = format!("/portal/applications/{id}");

        let shown = t.get(&page, Some(&awa)).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(shown.body.contains("Invited to apply"));

        let draft = [
            ("short_description", "Health data for the Sahel."),
            ("statement", "Too short"),
            ("capabilities", "research"),
            ("capabilities", "funding"),
            ("countries", "ML"),
            ("countries", "SN"),
        ];
        let saved = t.post(&format!("{page}/form"), Some(&awa), &draft).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        let shown = t.get(&page, Some(&awa)).await.body;
        assert!(shown.contains("value=\"Health data for the Sahel.\""), "the draft is kept");
        assert!(shown.contains("value=\"funding\" checked"), "both checked roles are kept");

        let submitted = t.post(&format!("{page}/submit"), Some(&awa), &[]).await;
        assert_eq!(submitted.status, StatusCode::UNPROCESSABLE_ENTITY);
        for problem in ["upload your organization", "sign the partner agreement", "at least 40 characters"] {
            assert!(submitted.body.contains(problem), "{problem} is named");
        }

        let agreement = t.get(&format!("{page}/agreement"), Some(&awa)).await.body;
        let template = opo_app::agreements::current(&t.app).await.expect("template");
        assert!(
            agreement.contains(&opo_app::secrets::sha256_hex(template.body.as_bytes())),
            "the fingerprint is shown"
        );
        let template_id = template.id.to_string();
        let unticked = t
            .post(
                &format!("{page}/agreement"),
                Some(&awa),
                &[("template_id", &template_id), ("signer_name", "Awa Traoré"), ("signer_title", "")],
            )
            .await;
        assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unticked.body.contains("value=\"Awa Traoré\""));
        assert!(unticked.body.contains("tick the box"));
        let signed = t
            .post(
                &format!("{page}/agreement"),
                Some(&awa),
                &[
                    ("template_id", &template_id),
                    ("signer_name", "Awa Traoré"),
                    ("signer_title", "Director"),
                    ("accept", "yes"),
                ],
            )
            .await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
        assert_eq!(signed.location(), format!("{page}#agreement"));
        let again = t
            .post(
                &format!("{page}/agreement"),
                Some(&awa),
                &[
                    ("template_id", &template_id),
                    ("signer_name", "Awa Traoré"),
                    ("signer_title", "Director"),
                    ("accept", "yes"),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "signing twice is refused");

        let application = opo_app::applications::find(&t.app, id).await.expect("application");
        let signature = opo_app::agreements::signature(&t.app, application.agreement_id.expect("signed"))
            .await
            .expect("read")
            .expect("signature");
        let certificate = t.get(&format!("/agreements/{}", signature.code), None).await;
        assert_eq!(certificate.status, StatusCode::OK);
        assert!(certificate.body.contains(&signature.text_sha256));
        assert!(!certificate.body.contains("Network address"), "the evidence is not public");
        let own_view = t.get(&format!("/agreements/{}", signature.code), Some(&awa)).await;
        assert!(own_view.body.contains("Network address"), "the organization's contact sees it");
        let checked = t.get(&format!("/agreements/{}?document={}", signature.code, signature.text_sha256), None).await;
        assert!(checked.body.contains("It matches"));
        let wrong = t.get(&format!("/agreements/{}?document=not+the+text", signature.code), None).await;
        assert!(wrong.body.contains("does not match"));

        // A contact of another organization may not open this application.
        let mut tx = t.app.db.begin().await.expect("begin");
        let other_org = opo_store::partners::id_by_slug(&mut tx, "kijiji-health").await.expect("query").expect("org");
        let email = opo_domain::text::EmailAddress::parse("mallory@elsewhere.example").expect("email");
        let mallory = opo_store::accounts::insert(
            &mut tx,
            &email,
            "Mallory",
            opo_domain::accounts::Role::PartnerContact,
            Some(other_org),
            t.clock.now(),
        )
        .await
        .expect("user");
        tx.commit().await.expect("commit");
        let mallory = t.session_for(mallory).await;
        assert_eq!(t.get(&page, Some(&mallory)).await.status, StatusCode::FORBIDDEN);
        let forged = t.post(&format!("{page}/withdraw"), Some(&mallory), &[("text", "")]).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert_eq!(
            opo_app::applications::find(&t.app, id).await.expect("app").stage,
            opo_domain::applications::Stage::Invited
        );
    }
}
