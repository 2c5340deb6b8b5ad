//! Problems and refusals in the reader's language through the real router, on both backends: form
//! errors worded from their codes with what was typed kept, workflow refusals on the HTML pages, and the
//! codes in the API's problem bodies (whose words stay English).

mod support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use opo_app::Actor;
use opo_domain::accounts::Role;
use opo_domain::applications::Stage;
use opo_domain::clock::Clock;
use serde_json::{Value, json};
use support::{Answer, ORIGIN, TestApp, each_app, encode, html};
use tower::ServiceExt;

impl TestApp {
    async fn post_in(&self, uri: &str, cookie: Option<&str>, language: &str, pairs: &[(&str, &str)]) -> Answer {
        let headers = [("sec-fetch-site", "same-origin"), ("origin", ORIGIN), ("accept-language", language)];
        self.send(Method::POST, uri, cookie, &headers, &encode(pairs)).await
    }

    async fn get_in(&self, uri: &str, cookie: Option<&str>, language: &str) -> Answer {
        self.send(Method::GET, uri, cookie, &[("accept-language", language)], "").await
    }

    /// A JSON request to the API, with a bearer token or (without one) as the site's own page sends it.
    async fn api(&self, uri: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, "fr");
        request = match token {
            Some(token) => request.header(header::AUTHORIZATION, format!("Bearer {token}")),
            None => request.header(header::ORIGIN, ORIGIN),
        };
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::from(body.to_string())).expect("request"))
            .await
            .expect("answer");
        let status = response.status();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn application_at(&self, stage: Stage) -> i64 {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_scalar("select id from applications where stage = $1 order by id limit 1")
            .bind(stage.key())
            .fetch_one(&mut *conn)
            .await
            .expect("an application at this stage")
    }
}

fn pairs<'a>(typed: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    typed.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn stamp_of(body: &str) -> String {
    let start = body.find("name=\"stamp\" value=\"").expect("a stamp") + "name=\"stamp\" value=\"".len();
    body[start..].split('"').next().expect("value").to_owned()
}

#[tokio::test]
async fn the_interest_form_words_a_bad_address_in_french_and_spanish_and_keeps_it() {
    for t in each_app().await {
        let stamp = stamp_of(&t.get("/interest", None).await.body);
        t.clock.advance(time::Duration::seconds(20));
        let typed = |email: &'static str| -> Vec<(&'static str, String)> {
            vec![
                ("organization", "Sahel Data Lab".into()),
                ("website", String::new()),
                ("contact_name", String::new()),
                ("contact_email", email.into()),
                ("country", "ML".into()),
                ("desired_role", String::new()),
                ("message", "Nous gérons des systèmes d’information sanitaire.".into()),
                ("fax", String::new()),
                ("stamp", stamp.clone()),
            ]
        };
        let french = t.post_in("/interest", None, "fr-FR,fr;q=0.9", &pairs(&typed("awa-at-sahel"))).await;
        assert_eq!(french.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(french.body.contains(&html("« awa-at-sahel » n’est pas une adresse e-mail")), "{}", french.body);
        assert!(french.body.contains("Votre nom ne doit pas être vide"), "the empty name, with its label in French");
        assert!(!french.body.contains("is not an e-mail address"), "no English left");
        assert!(french.body.contains("value=\"awa-at-sahel\""), "the address is kept to be fixed");
        assert!(french.body.contains("value=\"Sahel Data Lab\""), "and the rest of what was typed");

        let spanish = t.post_in("/interest", None, "es", &pairs(&typed("sahel@"))).await;
        assert_eq!(spanish.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(spanish.body.contains(&html("«sahel@» no es una dirección de correo electrónico")), "{}", spanish.body);
        assert!(spanish.body.contains("Su nombre no debe estar vacío"));
        assert!(spanish.body.contains("value=\"sahel@\""));
    }
}

#[tokio::test]
async fn the_application_form_names_what_is_missing_in_spanish_and_keeps_the_draft() {
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

        let draft = [("short_description", "Datos de salud para el Sahel."), ("statement", "Muy corto")];
        let saved = t.post_in(&format!("{page}/form"), Some(&awa), "es", &draft).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);

        let submitted = t.post_in(&format!("{page}/submit"), Some(&awa), "es", &[]).await;
        assert_eq!(submitted.status, StatusCode::UNPROCESSABLE_ENTITY);
        for problem in [
            "Declaración de apoyo: escriba al menos 40 caracteres",
            "elija el tipo de organización",
            "elija al menos un rol que desempeñe su organización",
            "suba el logotipo de su organización",
            "firme el acuerdo de socio",
        ] {
            assert!(submitted.body.contains(&html(problem)), "{problem} is named in Spanish");
        }
        assert!(!submitted.body.contains("sign the partner agreement"), "no English left");
        assert!(submitted.body.contains("value=\"Datos de salud para el Sahel.\""), "the draft is kept");

        let english = t.post_in(&format!("{page}/submit"), Some(&awa), "en", &[]).await;
        assert!(english.body.contains("sign the partner agreement"), "English readers read what the domain says");
    }
}

#[tokio::test]
async fn deciding_twice_is_refused_in_french_on_the_page() {
    for t in each_app().await {
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let id = t.application_at(Stage::UnderReview).await;
        let base = format!("/secretariat/applications/{id}");
        let decision = [("decision", "approve"), ("reason", "Bienvenue parmi nous.")];

        let early = t.post_in(&format!("{base}/decision"), Some(&secretariat), "fr", &decision).await;
        assert_eq!(early.status, StatusCode::CONFLICT);
        assert!(early.body.contains(&html("Le Comité n’a pas encore le quorum")), "{}", early.body);
        assert!(early.body.contains(">Bienvenue parmi nous.</textarea>"), "the reason is kept");

        for _ in 0..3 {
            let (_, member) = t.signed_in(Role::Committee, None).await;
            let vote =
                t.post(&format!("/committee/applications/{id}/votes"), Some(&member), &[("vote", "approve")]).await;
            assert_eq!(vote.status, StatusCode::SEE_OTHER);
        }
        let decided = t.post_in(&format!("{base}/decision"), Some(&secretariat), "fr", &decision).await;
        assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);

        let again = t.post_in(&format!("{base}/decision"), Some(&secretariat), "fr", &decision).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        let refusal = "La décision n’est pas possible tant que la candidature est à l’étape « Candidature approuvée »";
        assert!(again.body.contains(&html(refusal)), "{}", again.body);
        assert!(!again.body.contains("is not possible while"), "no English left");

        let english = t.post_in(&format!("{base}/decision"), Some(&secretariat), "en", &decision).await;
        assert!(english.body.contains(&html("Deciding is not possible while the application is at \"Approved\"")));
        // The page the refusal was drawn on is still in French around it.
        assert!(t.get_in(&base, Some(&secretariat), "fr").await.body.contains("Candidature approuvée"));
    }
}

#[tokio::test]
async fn api_problem_bodies_carry_the_codes_and_keep_english_words() {
    for t in each_app().await {
        let interest = json!({
            "organization": "Savanna Health",
            "contact_name": "",
            "contact_email": "amina-at-savanna",
            "country": "XX"
        });
        let (status, problem) = t.api("/api/v1/interest", None, interest).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        let errors = problem["errors"].as_array().expect("errors");
        let code_of = |field: &str| {
            errors.iter().find(|e| e["field"] == field).and_then(|e| e["code"].as_str()).map(str::to_owned)
        };
        assert_eq!(code_of("contact_email").as_deref(), Some("bad-email"), "{problem}");
        assert_eq!(code_of("contact_name").as_deref(), Some("empty"), "{problem}");
        assert_eq!(code_of("country").as_deref(), Some("unknown-country"), "{problem}");
        let email = errors.iter().find(|e| e["field"] == "contact_email").expect("e-mail problem");
        assert_eq!(email["message"], "\"amina-at-savanna\" is not an e-mail address", "the API speaks English");

        let (user, _) = t.signed_in(Role::Secretariat, None).await;
        let user = opo_app::accounts::find(&t.app, user).await.expect("user");
        let token = opo_app::api_tokens::create(&t.app, &user, "tests", &Actor::cli()).await.expect("token");
        let id = t.application_at(Stage::UnderReview).await;
        let decision = json!({ "decision": "approve", "reason": "Welcome." });
        let (status, problem) = t.api(&format!("/api/v1/applications/{id}/decision"), Some(&token), decision).await;
        assert_eq!(status, StatusCode::CONFLICT, "{problem}");
        assert_eq!(problem["code"], "no-quorum", "{problem}");
        assert!(problem["detail"].as_str().is_some_and(|d| d.contains("no quorum")), "{problem}");
    }
}
