//! The interface in the visitor's language through the real router, on both backends: workflow words
//! made from the domain's codes (stages, next steps), and partners' own text shown in its translation,
//! or as the original marked with its language.

mod support;

use axum::http::{Method, StatusCode, header};
use opo_app::Actor;
use opo_domain::accounts::Role;
use opo_domain::applications::Stage;
use opo_domain::clock::Clock;
use support::{Answer, TestApp, each_app, html};

impl TestApp {
    async fn in_language(&self, uri: &str, cookie: Option<&str>, language: &str) -> Answer {
        self.send(Method::GET, uri, cookie, &[(header::ACCEPT_LANGUAGE.as_str(), language)], "").await
    }

    async fn scalar(&self, sql: &str) -> i64 {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_scalar(sql).fetch_one(&mut *conn).await.expect("scalar")
    }

    async fn text(&self, sql: &str) -> String {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_scalar(sql).fetch_one(&mut *conn).await.expect("text")
    }
}

/// The stage labels as the English interface writes them, as they would appear in a page.
fn english_stage_labels() -> Vec<String> {
    Stage::ALL.iter().map(|s| format!(">{}<", html(s.label()))).collect()
}

#[tokio::test]
async fn workflow_pages_name_stages_and_next_steps_in_french() {
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

        let page = t.in_language(&format!("/portal/applications/{id}"), Some(&awa), "fr-FR,fr;q=0.9").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(">Invitation à déposer une candidature<"), "the stage is in French");
        assert!(page.body.contains(&html("signez l’accord de partenariat")), "so is the next step");
        assert!(page.body.contains("Entretien de présentation fixé"), "and the timeline");
        assert!(!page.body.contains(Stage::Invited.next_step()), "the English next step is gone");
        for english in english_stage_labels() {
            assert!(!page.body.contains(&english), "no English stage label: {english}");
        }

        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let board = t.in_language("/secretariat/applications", Some(&secretariat), "fr").await;
        assert_eq!(board.status, StatusCode::OK);
        for french in ["Examen par le Comité", "Entretien de présentation", "Relecture de la page partenaire"] {
            assert!(board.body.contains(&html(french)), "{french} on the board");
        }
        for english in english_stage_labels() {
            assert!(!board.body.contains(&english), "no English stage label on the board: {english}");
        }
        let english = t.get("/secretariat/applications", Some(&secretariat)).await;
        assert!(english.body.contains(">Committee review<"), "English stays the default");
    }
}

const AUDITED: &str = "select count(*) from audit_log where action = 'partner.translations_saved'";

#[tokio::test]
async fn a_partner_translates_its_profile_and_visitors_see_their_language_or_the_marked_original() {
    for t in each_app().await {
        // A partner on the logo wall, so the widget shows its translation too.
        let wall: serde_json::Value =
            serde_json::from_str(&t.get("/widget/logos.json", None).await.body).expect("json");
        let first = wall["partners"][0]["url"].as_str().expect("a partner on the wall");
        let slug = first.rsplit('/').next().expect("slug").to_owned();
        let original = t.text(&format!("select short_description from organizations where slug = '{slug}'")).await;
        let org = t.org_id(&slug).await;
        let (_, contact) = t.signed_in(Role::PartnerContact, Some(org)).await;
        let editor = format!("/portal/organizations/{slug}/translations");

        let record = t.get(&format!("/portal/organizations/{slug}"), Some(&contact)).await;
        assert!(record.body.contains(&format!("href=\"{editor}\"")), "the record links to the editor");
        assert_eq!(t.get(&editor, Some(&contact)).await.status, StatusCode::OK);

        let before = t.scalar(AUDITED).await;
        let french = [
            ("short_description_fr", "Des données de santé pour tout le Sahel."),
            ("description_fr", "Nous **formons** les équipes de district."),
            ("short_description_es", ""),
            ("description_es", ""),
            ("short_description_pt", ""),
            ("description_pt", ""),
        ];
        let saved = t.post(&editor, Some(&contact), &french).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(t.scalar(AUDITED).await, before + 1, "the change is audited");
        let again = t.post(&editor, Some(&contact), &french).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        assert_eq!(t.scalar(AUDITED).await, before + 1, "saving the same text changes nothing");

        let profile = format!("/partners/{slug}");
        let in_french = t.in_language(&profile, None, "fr").await.body;
        assert!(
            in_french.contains(&html("Des données de santé pour tout le Sahel.")),
            "the French visitor reads French"
        );
        assert!(in_french.contains("<strong>formons</strong>"), "the description too, as Markdown");
        assert!(!in_french.contains("class=\"lead\" lang="), "text in the page's language needs no lang");
        let directory = t.in_language("/partners?view=list", None, "fr").await.body;
        assert!(directory.contains(&html("Des données de santé pour tout le Sahel.")), "the directory card too");

        let in_spanish = t.in_language(&profile, None, "es").await.body;
        assert!(
            in_spanish.contains(&format!("<p class=\"lead\" lang=\"en\">{}</p>", html(&original))),
            "the Spanish visitor reads the original, marked as English"
        );
        let in_english = t.get(&profile, None).await.body;
        assert!(in_english.contains(&format!("<p class=\"lead\">{}</p>", html(&original))));

        let widget = t.in_language("/widget/logos.json", None, "fr").await;
        assert_eq!(widget.header(header::VARY), "accept-language, cookie");
        let wall: serde_json::Value = serde_json::from_str(&widget.body).expect("json");
        let partners = wall["partners"].as_array().expect("partners");
        let ours = partners.iter().find(|p| p["url"].as_str().is_some_and(|u| u.ends_with(&profile))).expect("ours");
        assert_eq!(ours["description"], "Des données de santé pour tout le Sahel.");
        assert_eq!(ours["lang"], "fr");
        assert!(
            partners
                .iter()
                .filter(|p| !p["url"].as_str().unwrap_or_default().ends_with(&profile))
                .all(|p| p["lang"] == "en"),
            "untranslated partners keep their English original"
        );

        let too_long = "x".repeat(301);
        let bad = [
            ("short_description_fr", "Des données de santé pour tout le Sahel."),
            ("description_fr", "Nous **formons** les équipes de district."),
            ("short_description_es", too_long.as_str()),
            ("description_es", "Formamos a los equipos de distrito."),
            ("short_description_pt", ""),
            ("description_pt", ""),
        ];
        let refused = t
            .send(
                Method::POST,
                &editor,
                Some(&format!("{contact}; opo_lang=es")),
                &[("sec-fetch-site", "same-origin"), ("origin", support::ORIGIN)],
                &support::encode(&bad),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Descripción breve debe tener como máximo 300 caracteres"), "{}", refused.body);
        assert!(refused.body.contains(&too_long), "what was typed is kept");
        assert!(refused.body.contains("Formamos a los equipos de distrito."), "in every field");
        assert!(refused.body.contains("aria-invalid=\"true\""));
        assert_eq!(t.scalar(AUDITED).await, before + 1, "nothing was saved");
        assert_eq!(t.scalar("select count(*) from partner_translations where locale = 'es'").await, 0);

        let other = t
            .text(&format!(
                "select slug from organizations where status = 'active' and slug <> '{slug}' order by slug limit 1"
            ))
            .await;
        let stranger = t.post(&format!("/portal/organizations/{other}/translations"), Some(&contact), &french).await;
        assert_eq!(stranger.status, StatusCode::FORBIDDEN, "another organization's profile is not this contact's");
    }
}
