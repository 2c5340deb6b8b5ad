//! The REST API, through the real router on SQLite and PostgreSQL: the whole partnership workflow
//! driven by the API alone, the refusals of illegal moves as problem details, tokens and the cross-site
//! check, the forum's webhook, and the OpenAPI document.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use hmac::{Hmac, Mac};
use http_body_util::BodyExt;
use opo_app::accounts::AddUser;
use opo_app::{Actor, App, DiscourseSettings, Settings};
use opo_web::{build_app, route_table};
use serde_json::{Value, json};
use sha2::Sha256;
use tower::ServiceExt;

const ORIGIN: &str = "http://127.0.0.1:8080";

struct TestApi {
    router: Router,
    app: App,
    clock: std::sync::Arc<opo_domain::clock::ManualClock>,
    _db: opo_store::testing::TestDb,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    fn content_type(&self) -> &str {
        self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    /// A problem details document with this status, whose detail says `words`.
    fn assert_problem(&self, status: StatusCode, words: &str) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.content_type(), "application/problem+json", "{}", self.text);
        let problem = self.json();
        assert_eq!(problem["status"], status.as_u16(), "{}", self.text);
        assert!(problem["type"].as_str().is_some_and(|t| !t.is_empty()), "{}", self.text);
        assert!(problem["title"].as_str().is_some_and(|t| !t.is_empty()), "{}", self.text);
        let detail = problem["detail"].as_str().unwrap_or_default();
        assert!(detail.contains(words), "expected {words:?} in the detail: {}", self.text);
    }
}

impl TestApi {
    async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.router.clone().oneshot(request).await.expect("answer");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        Answer { status, headers, text: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// A request to the API as another system makes it: a bearer token (or none), no cookie.
    async fn call(&self, method: Method, uri: &str, token: Option<&str>, body: Option<Value>) -> Answer {
        let mut request = Request::builder().method(method).uri(uri);
        match token {
            Some(token) => request = request.header(header::AUTHORIZATION, format!("Bearer {token}")),
            // Without a token the request must say it comes from the site itself, as a page's would.
            None => request = request.header(header::ORIGIN, ORIGIN),
        }
        let body = match body {
            Some(value) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(value.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).expect("request")).await
    }

    async fn get(&self, uri: &str, token: Option<&str>) -> Answer {
        self.call(Method::GET, uri, token, None).await
    }

    async fn post(&self, uri: &str, token: &str, body: Value) -> Answer {
        self.call(Method::POST, uri, Some(token), Some(body)).await
    }

    async fn post_empty(&self, uri: &str, token: &str) -> Answer {
        self.call(Method::POST, uri, Some(token), None).await
    }

    /// A staff account with an API token, made as an administrator would.
    async fn staff_token(&self, role: &str, email: &str) -> String {
        let input = AddUser {
            email: email.to_owned(),
            display_name: format!("Test {role}"),
            role: role.to_owned(),
            organization: None,
        };
        let id = opo_app::accounts::add_user(&self.app, &input, &Actor::cli()).await.expect("account");
        let user = opo_app::accounts::find(&self.app, id).await.expect("user");
        opo_app::api_tokens::create(&self.app, &user, "tests", &Actor::cli()).await.expect("token")
    }

    /// The token of the sign-in link in the newest e-mail to `to`.
    async fn link_token(&self, to: &str) -> String {
        let mut conn = self.app.db.read().await.expect("conn");
        let body: String =
            sqlx::query_scalar("select body_text from outbox_emails where to_address = $1 order by id desc limit 1")
                .bind(to)
                .fetch_one(&mut *conn)
                .await
                .expect("an e-mail with a link");
        let start = body.find("token=").expect("a sign-in link") + "token=".len();
        body[start..].chars().take_while(char::is_ascii_hexdigit).collect()
    }

    /// The calendar invitations e-mailed to `to`, oldest first.
    async fn invitations(&self, to: &str) -> Vec<String> {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_scalar(
            "select attachment_body from outbox_emails where to_address = $1 and attachment_body is not null order by id",
        )
        .bind(to)
        .fetch_all(&mut *conn)
        .await
        .expect("invitations")
    }

    /// An organization expresses interest through the API, and its applicant exchanges the e-mailed
    /// sign-in link for an API token. Returns (application id, applicant's token).
    async fn applicant(&self, organization: &str, email: &str) -> (i64, String) {
        let interest = json!({
            "organization": organization,
            "website": "https://savanna-health.example",
            "contact_name": "Amina Njoroge",
            "contact_email": email,
            "country": "KE",
            "message": "We build community health information systems."
        });
        let received = self.call(Method::POST, "/api/v1/interest", None, Some(interest)).await;
        assert_eq!(received.status, StatusCode::CREATED, "{}", received.text);
        let received = received.json();
        assert_eq!(received["stage"], "interest");
        let id = received["application_id"].as_i64().expect("an id");
        let link = self.link_token(email).await;
        assert_eq!(link.len(), 64, "the link's token");
        let exchange = json!({ "token": link, "name": "Our CRM" });
        let token = self.call(Method::POST, "/api/v1/auth/link", None, Some(exchange.clone())).await;
        assert_eq!(token.status, StatusCode::CREATED, "{}", token.text);
        let token = token.json();
        assert_eq!(token["user"]["role"], "partner");
        let again = self.call(Method::POST, "/api/v1/auth/link", None, Some(exchange)).await;
        again.assert_problem(StatusCode::UNAUTHORIZED, "used already or has expired");
        (id, token["token"].as_str().expect("a token").to_owned())
    }
}

async fn each_api() -> Vec<TestApi> {
    opo_app::testing::demo_apps()
        .await
        .into_iter()
        .map(|d| TestApi { router: build_app(d.app.clone()), app: d.app, clock: d.clock, _db: d.db })
        .collect()
}

fn stage(answer: &Answer) -> String {
    answer.json()["application"]["stage"].as_str().unwrap_or_default().to_owned()
}

/// Asserts the step worked, answering JSON with `status`.
fn step(answer: Answer, status: StatusCode) -> Answer {
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_eq!(answer.content_type(), "application/json", "{}", answer.text);
    answer
}

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><rect width="120" height="60" fill="#1d6f42"/><circle cx="30" cy="30" r="18" fill="#f2c230"/></svg>"##;

#[tokio::test]
async fn the_whole_workflow_runs_through_the_api_alone() {
    for t in each_api().await {
        // Interest, as anonymous JSON; the applicant's link becomes an API token.
        let email = "amina@savanna-health.example";
        let (id, partner) = t.applicant("Savanna Health Informatics", email).await;
        let me = t.get("/api/v1/me", Some(&partner)).await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.text);
        assert_eq!(me.json()["email"], email);

        let secretariat = t.staff_token("secretariat", "officer@secretariat.example").await;
        let member_one = t.staff_token("committee", "one@committee.example").await;
        let member_two = t.staff_token("committee", "two@committee.example").await;
        let app = format!("/api/v1/applications/{id}");

        let board = t.get("/api/v1/applications?stage=interest", Some(&secretariat)).await;
        assert_eq!(board.status, StatusCode::OK, "{}", board.text);
        let board = board.json();
        assert!(board["applications"].as_array().expect("a list").iter().any(|a| a["id"] == id));
        assert!(board["counts"].as_array().expect("counts").iter().any(|c| c["stage"] == "interest"));
        let mine = t.get("/api/v1/applications", Some(&partner)).await.json();
        let mine = mine["applications"].as_array().expect("a list");
        assert_eq!(mine.len(), 1, "a partner contact sees its own application only");
        assert_eq!(mine[0]["id"], id);

        // The intro call, set then moved: the calendar invitation's SEQUENCE rises.
        let call = step(
            t.post(&format!("{app}/call"), &secretariat, json!({ "starts_at": "2026-12-01T14:00:00Z", "minutes": 45 }))
                .await,
            StatusCode::OK,
        );
        assert_eq!(stage(&call), "intro_call");
        assert_eq!(call.json()["application"]["call"]["sequence"], 0);
        let invitations = t.invitations(email).await;
        assert_eq!(invitations.len(), 1);
        assert!(invitations[0].contains("SEQUENCE:0"), "{}", invitations[0]);
        assert!(invitations[0].contains("DTSTART:20261201T140000Z"), "{}", invitations[0]);
        let moved = step(
            t.post(
                &format!("{app}/call"),
                &secretariat,
                json!({ "starts_at": "2026-12-02T09:30:00+01:00", "minutes": 30 }),
            )
            .await,
            StatusCode::OK,
        );
        assert_eq!(moved.json()["application"]["call"]["starts_at"], "2026-12-02T08:30:00Z");
        let invitations = t.invitations(email).await;
        assert_eq!(invitations.len(), 2);
        assert!(invitations[1].contains("SEQUENCE:1"), "{}", invitations[1]);
        assert_eq!(
            invitations[0].lines().find(|l| l.starts_with("UID:")),
            invitations[1].lines().find(|l| l.starts_with("UID:")),
            "the same event, moved"
        );

        let (capabilities, components) = opo_app::applications::choices(&t.app).await.expect("choices");
        let role = capabilities[0].key.clone();
        step(
            t.post(&format!("{app}/call-notes"), &secretariat, json!({ "notes": "A good fit.", "agreed_role": role }))
                .await,
            StatusCode::OK,
        );
        let invited = step(t.post_empty(&format!("{app}/invite"), &secretariat).await, StatusCode::OK);
        assert_eq!(stage(&invited), "invited");
        assert_eq!(invited.json()["application"]["waiting_on"], "applicant");

        // The applicant: form, logo, agreement, submission.
        let form = json!({
            "org_type": "ngo",
            "short_description": "Community health information systems for East Africa.",
            "description": "We **build** and support community health information systems.",
            "statement": "We support open standards and will share our registry work with the whole community.",
            "poc_name": "Amina Njoroge",
            "poc_email": email,
            "poc_title": "Director",
            "capabilities": [role],
            "components": [components[0].key],
            "countries": ["KE", "TZ"],
            "links": "https://github.com/savanna-health"
        });
        step(t.post(&format!("{app}/form"), &partner, form).await, StatusCode::OK);
        let early = t.post_empty(&format!("{app}/submit"), &partner).await;
        early.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "logo");
        let fields: Vec<Value> =
            early.json()["errors"].as_array().expect("errors").iter().map(|e| e["field"].clone()).collect();
        assert!(fields.contains(&json!("logo")) && fields.contains(&json!("agreement")), "{fields:?}");
        let logo = Request::builder()
            .method(Method::POST)
            .uri(format!("{app}/logo?filename=logo.svg"))
            .header(header::AUTHORIZATION, format!("Bearer {partner}"))
            .header(header::CONTENT_TYPE, "image/svg+xml")
            .body(Body::from(LOGO))
            .expect("request");
        step(t.send(logo).await, StatusCode::OK);
        let agreement = t.get("/api/v1/agreement", Some(&partner)).await;
        assert_eq!(agreement.status, StatusCode::OK, "{}", agreement.text);
        let agreement = agreement.json();
        let sign = json!({
            "template_id": agreement["id"],
            "signer_name": "Amina Njoroge",
            "signer_title": "Director",
            "accept": true
        });
        let signed = step(t.post(&format!("{app}/agreement"), &partner, sign).await, StatusCode::CREATED);
        let code = signed.json()["signature_code"].as_str().expect("a code").to_owned();
        let sha = agreement["sha256"].as_str().expect("a hash");
        let certificate = t.get(&format!("/api/v1/signatures/{code}?sha256={sha}"), None).await;
        assert_eq!(certificate.status, StatusCode::OK, "{}", certificate.text);
        let certificate = certificate.json();
        assert_eq!(certificate["matches"], true);
        assert_eq!(certificate["signer_name"], "Amina Njoroge");
        assert_eq!(certificate["in_force"], true);
        assert!(certificate.get("signer_email").is_none(), "no private evidence in public");
        let how: String = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar("select auth_method from agreements where code = $1")
                .bind(&code)
                .fetch_one(&mut *conn)
                .await
                .expect("the signature")
        };
        assert_eq!(how, "API token (REST API)", "the evidence says how the signer proved who they are");
        let other = "0".repeat(64);
        assert_eq!(t.get(&format!("/api/v1/signatures/{code}?sha256={other}"), None).await.json()["matches"], false);
        let submitted = step(t.post_empty(&format!("{app}/submit"), &partner).await, StatusCode::OK);
        assert_eq!(stage(&submitted), "submitted");

        // The committee: a question and its answer, votes, the decision.
        let sent = step(t.post_empty(&format!("{app}/send-to-committee"), &secretariat).await, StatusCode::OK);
        assert_eq!(stage(&sent), "under_review");
        let question = json!({ "question": "Which districts do you work in today?" });
        let asked = step(t.post(&format!("{app}/info-requests"), &member_one, question).await, StatusCode::CREATED);
        assert_eq!(stage(&asked), "info_requested");
        assert!(asked.json()["info_request_id"].as_i64().is_some());
        let answer = json!({ "answer": "Kisumu, Siaya and Homa Bay." });
        let answered = step(t.post(&format!("{app}/info-requests/answer"), &partner, answer).await, StatusCode::OK);
        assert_eq!(stage(&answered), "under_review");
        let approve = json!({ "vote": "approve", "comment": "A strong application." });
        step(t.post(&format!("{app}/votes"), &member_one, approve.clone()).await, StatusCode::CREATED);
        t.post(&format!("{app}/votes"), &member_one, approve.clone())
            .await
            .assert_problem(StatusCode::CONFLICT, "already voted");
        let decision = json!({ "decision": "approve", "reason": "The committee supports it." });
        t.post(&format!("{app}/decision"), &secretariat, decision.clone())
            .await
            .assert_problem(StatusCode::CONFLICT, "no quorum");
        step(t.post(&format!("{app}/votes"), &member_two, approve).await, StatusCode::CREATED);
        let staff_view = t.get(&app, Some(&secretariat)).await.json();
        assert_eq!(staff_view["review"]["tally"]["approve"], 2);
        assert_eq!(staff_view["review"]["verdict"], "approve");
        let approved = step(t.post(&format!("{app}/decision"), &secretariat, decision).await, StatusCode::OK);
        assert_eq!(stage(&approved), "approved");

        // The partner page: drafted, changed by the partner, compared, approved, announced.
        let drafted = step(t.post_empty(&format!("{app}/page/draft"), &secretariat).await, StatusCode::CREATED);
        assert_eq!(stage(&drafted), "page_review");
        assert_eq!(drafted.json()["version"], 1);
        t.post_empty(&format!("{app}/announce"), &secretariat)
            .await
            .assert_problem(StatusCode::CONFLICT, "has not approved a version");
        let view = t.get(&app, Some(&partner)).await.json();
        let mut content = view["page"]["versions"][0]["content"].clone();
        assert_eq!(content["name"], "Savanna Health Informatics");
        content["short_description"] = json!("Open community health information systems for East Africa.");
        let proposal = json!({ "content": content, "note": "A sharper summary" });
        let proposed = step(t.post(&format!("{app}/page/versions"), &partner, proposal).await, StatusCode::CREATED);
        assert_eq!(proposed.json()["version"], 2);
        // A save built on version 1, now that version 2 exists, is refused with what version 2 changed.
        let stale = json!({ "content": content, "note": "From an old copy", "based_on": 1 });
        let refused = t.post(&format!("{app}/page/versions"), &secretariat, stale).await;
        refused.assert_problem(StatusCode::CONFLICT, "+ Open community health information systems for East Africa.");
        let comment = json!({ "comment": "Looks right to us." });
        step(t.post(&format!("{app}/page/versions/2/comments"), &secretariat, comment).await, StatusCode::CREATED);
        let compared = t.get(&format!("{app}/page/compare?from=1&to=2"), Some(&partner)).await;
        assert_eq!(compared.status, StatusCode::OK, "{}", compared.text);
        let rows = compared.json()["rows"].as_array().expect("rows").clone();
        assert!(rows.iter().any(|r| r["change"] == "changed"), "{rows:?}");
        assert!(rows.iter().any(|r| r["change"] == "same"), "{rows:?}");
        step(t.post_empty(&format!("{app}/page/versions/2/approve"), &partner).await, StatusCode::OK);
        let announced = step(t.post_empty(&format!("{app}/announce"), &secretariat).await, StatusCode::OK);
        assert_eq!(stage(&announced), "announced");
        let announced = announced.json();
        let profile = announced["profile"].as_str().expect("a profile").to_owned();

        // What the applicant and the staff see of it.
        let view = t.get(&app, Some(&partner)).await.json();
        assert!(view["review"].is_null(), "no votes for the applicant");
        assert!(view["call_notes"].is_null(), "no internal notes for the applicant");
        assert_eq!(view["page"]["approved_version"], 2);
        assert_eq!(view["info_requests"][0]["answer"], "Kisumu, Siaya and Homa Bay.");
        assert!(view["agreement"]["code"] == code.as_str());
        let kinds: Vec<&str> =
            view["timeline"].as_array().expect("timeline").iter().filter_map(|e| e["kind"].as_str()).collect();
        for kind in ["interest", "call_scheduled", "invited", "agreement_signed", "submitted", "approved", "announced"]
        {
            assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
        }
        let staff_view = t.get(&app, Some(&secretariat)).await.json();
        assert_eq!(staff_view["call_notes"], "A good fit.");

        // The public site shows the new partner, and the news feed announces it.
        let page = t.get(&profile, None).await;
        assert_eq!(page.status, StatusCode::OK, "{profile}");
        assert!(page.text.contains("Open community health information systems for East Africa."));
        let feed = t.get("/feeds/news.atom", None).await;
        assert_eq!(feed.status, StatusCode::OK);
        assert!(feed.text.contains("Welcome to Savanna Health Informatics"), "the announcement is in the feed");
    }
}

#[tokio::test]
async fn illegal_moves_and_strangers_are_refused_with_problem_details() {
    for t in each_api().await {
        let (mine, partner) = t.applicant("Savanna Health Informatics", "amina@savanna-health.example").await;
        let (theirs, _) = t.applicant("Lake Region Data Collective", "omondi@lake-region.example").await;
        let secretariat = t.staff_token("secretariat", "officer@secretariat.example").await;
        let member = t.staff_token("committee", "member@committee.example").await;

        // A partner contact cannot act for another organization's application, nor read it.
        let sign = json!({ "template_id": 1, "signer_name": "Amina", "signer_title": "Director", "accept": true });
        t.post(&format!("/api/v1/applications/{theirs}/agreement"), &partner, sign)
            .await
            .assert_problem(StatusCode::FORBIDDEN, "another organization's application");
        t.get(&format!("/api/v1/applications/{theirs}"), Some(&partner))
            .await
            .assert_problem(StatusCode::FORBIDDEN, "another organization's application");
        t.post_empty(&format!("/api/v1/applications/{theirs}/withdraw"), &partner)
            .await
            .assert_problem(StatusCode::FORBIDDEN, "another organization's application");
        let still = t.get(&format!("/api/v1/applications/{theirs}"), Some(&secretariat)).await.json();
        assert_eq!(still["application"]["stage"], "interest", "nothing happened to it");

        // A committee member cannot take the secretariat's steps; a partner cannot take the staff's.
        t.post_empty(&format!("/api/v1/applications/{mine}/invite"), &member)
            .await
            .assert_problem(StatusCode::FORBIDDEN, "Your role does not allow this.");
        t.post(&format!("/api/v1/applications/{mine}/info-requests"), &partner, json!({ "question": "?" }))
            .await
            .assert_problem(StatusCode::FORBIDDEN, "Your role does not allow this.");
        let content = json!({ "content": { "name": "X", "short_description": "Y" } });
        t.post(&format!("/api/v1/applications/{mine}/page/versions"), &member, content)
            .await
            .assert_problem(StatusCode::FORBIDDEN, "the secretariat change or comment on the partner page");

        // A move the program does not allow, and a vote before the committee has the application.
        t.post_empty(&format!("/api/v1/applications/{mine}/invite"), &secretariat)
            .await
            .assert_problem(StatusCode::CONFLICT, "cannot move to \"Invited to apply\"");
        t.post(&format!("/api/v1/applications/{mine}/votes"), &member, json!({ "vote": "approve" }))
            .await
            .assert_problem(StatusCode::CONFLICT, "Voting is not possible");

        // No token: 401; a wrong token: 401; both as problem details, never a page.
        for uri in ["/api/v1/applications", "/api/v1/me", &format!("/api/v1/applications/{mine}")] {
            let anonymous = t.get(uri, None).await;
            anonymous.assert_problem(StatusCode::UNAUTHORIZED, "Sign in");
            assert!(anonymous.headers.contains_key(header::WWW_AUTHENTICATE), "{uri}");
            assert!(!anonymous.text.contains("<html"), "{uri}");
        }
        t.get("/api/v1/me", Some("opo_not-a-real-token")).await.assert_problem(StatusCode::UNAUTHORIZED, "not valid");

        // Bodies that are not JSON, JSON of the wrong shape, and values the program refuses.
        let broken = Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1/applications/{mine}/call"))
            .header(header::AUTHORIZATION, format!("Bearer {secretariat}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{\"starts_at\": \"2026-12-01T14:00:00Z\", "))
            .expect("request");
        t.send(broken).await.assert_problem(StatusCode::BAD_REQUEST, "not valid JSON");
        let as_form = Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1/applications/{mine}/call"))
            .header(header::AUTHORIZATION, format!("Bearer {secretariat}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("starts_at=2026-12-01T14%3A00%3A00Z&minutes=45"))
            .expect("request");
        t.send(as_form).await.assert_problem(StatusCode::BAD_REQUEST, "Content-Type: application/json");
        let wrong_shape =
            t.post(&format!("/api/v1/applications/{mine}/call"), &secretariat, json!({ "minutes": "soon" })).await;
        wrong_shape.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid type");
        assert_eq!(wrong_shape.json()["errors"][0]["field"], "body");
        t.post(&format!("/api/v1/applications/{mine}/votes"), &member, json!({ "vote": "maybe" }))
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "unknown variant");
        let bad_time = json!({ "starts_at": "next Tuesday", "minutes": 45 });
        let refused = t.post(&format!("/api/v1/applications/{mine}/call"), &secretariat, bad_time).await;
        refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "RFC 3339");
        assert_eq!(refused.json()["errors"][0]["field"], "starts_at");
        let past = json!({ "starts_at": "2020-01-01T10:00:00Z", "minutes": 45 });
        let refused = t.post(&format!("/api/v1/applications/{mine}/call"), &secretariat, past).await;
        assert_eq!(refused.json()["errors"][0]["field"], "starts_at", "{}", refused.text);
        let interest = json!({ "organization": "", "contact_name": "", "contact_email": "nobody" });
        let refused = t.call(Method::POST, "/api/v1/interest", None, Some(interest)).await;
        refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "organization");
        let problem = refused.json();
        let fields: Vec<&str> =
            problem["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
        assert!(fields.contains(&"organization") && fields.contains(&"contact_email"), "{fields:?}");

        // Addresses and methods the API does not have, and parameters that are not numbers.
        t.get("/api/v1/no-such-thing", Some(&secretariat)).await.assert_problem(StatusCode::NOT_FOUND, "no such");
        t.get("/api/v1/applications/999999", Some(&secretariat))
            .await
            .assert_problem(StatusCode::NOT_FOUND, "no such application");
        t.get("/api/v1/applications/abc", Some(&secretariat)).await.assert_problem(StatusCode::BAD_REQUEST, "abc");
        t.get(&format!("/api/v1/applications/{mine}/invite"), Some(&secretariat))
            .await
            .assert_problem(StatusCode::METHOD_NOT_ALLOWED, "openapi.json");
    }
}

#[tokio::test]
async fn tokens_are_made_listed_and_revoked_and_only_a_bare_token_skips_the_cross_site_check() {
    let t = each_api().await.remove(0);
    let admin = t.staff_token("admin", "root@admin.example").await;
    let made = t.post("/api/v1/tokens", &admin, json!({ "name": "Nightly export" })).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    let second = made.json()["token"].as_str().expect("a token").to_owned();
    assert!(second.starts_with("opo_"));
    let listed = t.get("/api/v1/tokens", Some(&second)).await.json();
    let listed = listed.as_array().expect("a list").clone();
    assert_eq!(listed.len(), 2);
    assert!(!listed.iter().any(|t| t.to_string().contains(&second)), "a token is never shown again");
    let id = listed.iter().find(|t| t["name"] == "Nightly export").expect("listed")["id"].as_i64().expect("id");
    let revoked = t.post_empty(&format!("/api/v1/tokens/{id}/revoke"), &admin).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT, "{}", revoked.text);
    t.get("/api/v1/me", Some(&second)).await.assert_problem(StatusCode::UNAUTHORIZED, "not valid");
    assert_eq!(t.get("/api/v1/me", Some(&admin)).await.status, StatusCode::OK, "the other token still works");

    // Without a token, a change must come from the site itself, as for any page.
    let bare = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/interest")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({ "organization": "X" }).to_string()))
        .expect("request");
    t.send(bare).await.assert_problem(StatusCode::FORBIDDEN, "did not come from a page of this site");
    // A token sent along with a cookie is a browser's request: the cross-site check applies.
    let with_cookie = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/tokens")
        .header(header::AUTHORIZATION, format!("Bearer {admin}"))
        .header(header::COOKIE, "opo_session=whatever")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({ "name": "Forged" }).to_string()))
        .expect("request");
    t.send(with_cookie).await.assert_problem(StatusCode::FORBIDDEN, "did not come from a page of this site");
    // A token is for the API: elsewhere it signs no one in, and opens no door past the cross-site check.
    let page = Request::builder()
        .method(Method::POST)
        .uri("/admin/users")
        .header(header::AUTHORIZATION, format!("Bearer {admin}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("email=forged%40evil.example&name=Forged&role=admin&organization="))
        .expect("request");
    assert_eq!(t.send(page).await.status, StatusCode::FORBIDDEN);
    let users = opo_app::accounts::list(&t.app).await.expect("users");
    assert!(!users.iter().any(|u| u.email.contains("evil.example")));

    // Guessing sign-in links is limited like signing in.
    let guess = |n: i64| json!({ "token": format!("{n:064x}"), "name": "Guess" });
    for n in 0..opo_app::rate_limits::SIGN_IN_PER_IP.max {
        let wrong = t.call(Method::POST, "/api/v1/auth/link", None, Some(guess(n))).await;
        wrong.assert_problem(StatusCode::UNAUTHORIZED, "used already or has expired");
    }
    let limited = t.call(Method::POST, "/api/v1/auth/link", None, Some(guess(-1))).await;
    limited.assert_problem(StatusCode::TOO_MANY_REQUESTS, "Please wait");
    assert!(limited.headers.contains_key(header::RETRY_AFTER));
}

fn signature(secret: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("a key");
    mac.update(body.as_bytes());
    let bytes = mac.finalize().into_bytes();
    format!("sha256={}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

fn topic_created(id: i64, category: i64, title: &str) -> String {
    json!({
        "topic": {
            "id": id,
            "title": title,
            "slug": "savanna-health-informatics-would-like-to-join",
            "category_id": category,
            "archetype": "regular",
            "created_at": "2026-11-25T08:12:00.000Z",
            "created_by": { "id": 7, "username": "amina", "name": "Amina Njoroge" }
        }
    })
    .to_string()
}

#[tokio::test]
async fn the_forum_webhook_creates_one_application_per_topic_and_refuses_a_bad_signature() {
    for demo in opo_app::testing::demo_apps().await {
        const SECRET: &str = "a-long-shared-webhook-secret";
        let settings = Settings {
            discourse: Some(DiscourseSettings {
                base_url: "https://forum.example".to_owned(),
                webhook_secret: SECRET.to_owned(),
                interest_category_id: Some(12),
                ..DiscourseSettings::default()
            }),
            ..(*demo.app.settings).clone()
        };
        let app = App::new(demo.app.db.clone(), demo.app.clock.clone(), settings);
        let t = TestApi { router: build_app(app.clone()), app, clock: demo.clock, _db: demo.db };
        let count = || async {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar::<_, i64>("select count(*) from applications where discourse_topic_id = 4242")
                .fetch_one(&mut *conn)
                .await
                .expect("count")
        };
        let deliver = |body: String, signature: Option<String>, event: &'static str| {
            let mut request = Request::builder()
                .method(Method::POST)
                .uri("/webhooks/discourse")
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-discourse-event", event)
                .header("x-discourse-event-type", "topic");
            if let Some(signature) = signature {
                request = request.header("x-discourse-event-signature", signature);
            }
            request.body(Body::from(body)).expect("request")
        };
        let body = topic_created(4242, 12, "Savanna Health Informatics");

        let bad = t.send(deliver(body.clone(), Some(signature("another-secret", &body)), "topic_created")).await;
        bad.assert_problem(StatusCode::UNAUTHORIZED, "signature does not match");
        let unsigned = t.send(deliver(body.clone(), None, "topic_created")).await;
        unsigned.assert_problem(StatusCode::UNAUTHORIZED, "no X-Discourse-Event-Signature");
        let tampered = body.replace("Savanna", "Forged");
        let forged = t.send(deliver(tampered, Some(signature(SECRET, &body)), "topic_created")).await;
        forged.assert_problem(StatusCode::UNAUTHORIZED, "signature does not match");
        assert_eq!(count().await, 0, "nothing was created by a delivery that was not the forum's");

        let first = t.send(deliver(body.clone(), Some(signature(SECRET, &body)), "topic_created")).await;
        assert_eq!(first.status, StatusCode::ACCEPTED, "{}", first.text);
        assert_eq!(first.json()["status"], "created");
        let id = first.json()["application_id"].as_i64().expect("an application");
        assert_eq!(count().await, 1);
        let replay = t.send(deliver(body.clone(), Some(signature(SECRET, &body)), "topic_created")).await;
        assert_eq!(replay.status, StatusCode::OK, "{}", replay.text);
        assert_eq!(replay.json()["status"], "duplicate");
        assert_eq!(count().await, 1, "the same delivery again creates nothing");

        let elsewhere = topic_created(4343, 99, "A question about FHIR");
        let ignored = t.send(deliver(elsewhere.clone(), Some(signature(SECRET, &elsewhere)), "topic_created")).await;
        assert_eq!(ignored.status, StatusCode::OK, "{}", ignored.text);
        assert_eq!(ignored.json()["status"], "ignored");
        let ping =
            t.send(deliver("{\"ping\":\"OK\"}".to_owned(), Some(signature(SECRET, "{\"ping\":\"OK\"}")), "ping")).await;
        assert_eq!(ping.json()["status"], "ignored");

        let secretariat = t.staff_token("secretariat", "officer@secretariat.example").await;
        let application = t.get(&format!("/api/v1/applications/{id}"), Some(&secretariat)).await.json();
        assert_eq!(application["application"]["source"], "discourse");
        assert_eq!(application["application"]["organization"]["name"], "Savanna Health Informatics");
        assert!(application["interest_message"].as_str().unwrap_or_default().contains("https://forum.example/t/"));

        // A topic titled with an existing partner's name gets an organization of its own, flagged for
        // the secretariat; the partner's contacts stay as they were.
        let (partner_id, partner_name): (i64, String) = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_as("select id, name from organizations where status = 'active' order by slug limit 1")
                .fetch_one(&mut *conn)
                .await
                .expect("a partner")
        };
        let contacts = || async {
            let mut conn = t.app.db.read().await.expect("conn");
            opo_store::contacts::of_organization(&mut conn, partner_id).await.expect("contacts").len()
        };
        let before = contacts().await;
        let naming = topic_created(4444, 12, &partner_name);
        let named = t.send(deliver(naming.clone(), Some(signature(SECRET, &naming)), "topic_created")).await;
        assert_eq!(named.status, StatusCode::ACCEPTED, "{}", named.text);
        let named_id = named.json()["application_id"].as_i64().expect("an application");
        let named = opo_app::applications::find(&t.app, named_id).await.expect("application");
        assert_ne!(named.organization_id, partner_id, "not the partner's application");
        assert_eq!(named.resembles.map(|r| r.1), Some(partner_name));
        assert_eq!(contacts().await, before, "the partner's contacts are as they were");
    }
}

#[tokio::test]
async fn the_webhook_is_not_there_without_a_forum() {
    let t = each_api().await.remove(0);
    let body = topic_created(1, 1, "Anything");
    let request = Request::builder()
        .method(Method::POST)
        .uri("/webhooks/discourse")
        .header("x-discourse-event", "topic_created")
        .header("x-discourse-event-signature", signature("x", &body))
        .body(Body::from(body))
        .expect("request");
    t.send(request).await.assert_problem(StatusCode::NOT_FOUND, "no such webhook");
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_of_the_api() {
    let t = each_api().await.remove(0);
    let answer = t.get("/api/v1/openapi.json", None).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type(), "application/json");
    let document = answer.json();
    assert!(document["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")), "{}", document["openapi"]);
    let paths = document["paths"].as_object().expect("paths");
    let table = route_table();
    let api: Vec<_> = table.iter().filter(|r| r.path.starts_with("/api/")).collect();
    assert!(api.len() >= 30, "{} API routes", api.len());
    for route in &api {
        let operation = &paths.get(route.path).unwrap_or_else(|| panic!("{} is not in the document", route.path))
            [route.method.to_ascii_lowercase()];
        assert!(operation.is_object(), "{} {} is not in the document", route.method, route.path);
        let public = opo_domain::policy::allows(opo_domain::policy::Actor::Anonymous, route.action);
        assert_eq!(operation["security"].is_array(), !public, "{} {}: security", route.method, route.path);
        assert!(operation["responses"]["4XX"].is_object(), "{} {}: problem answers", route.method, route.path);
    }
    for (path, item) in paths {
        for method in item.as_object().expect("an item").keys() {
            let known = table.iter().any(|r| r.path == path && r.method.eq_ignore_ascii_case(method));
            assert!(known, "{method} {path} is documented but not routed");
        }
    }
    let schemas = document["components"]["schemas"].as_object().expect("schemas");
    for name in
        ["Problem", "ApplicationDetail", "Outcome", "ApplicationFormBody", "VoteChoice", "PartnerPage", "PartnerDetail"]
    {
        assert!(schemas.contains_key(name), "{name}");
    }
    assert_eq!(document["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
}

#[tokio::test]
async fn the_account_page_makes_a_token_shows_it_once_and_revokes_it() {
    for t in each_api().await {
        let input = AddUser {
            email: "officer@secretariat.example".to_owned(),
            display_name: "Officer".to_owned(),
            role: "secretariat".to_owned(),
            organization: None,
        };
        let id = opo_app::accounts::add_user(&t.app, &input, &Actor::cli()).await.expect("account");
        let session = opo_app::secrets::new_token().expect("a secret");
        let now = t.app.clock.now();
        let mut tx = t.app.db.begin().await.expect("begin");
        let new = opo_store::sessions::NewSession {
            token_hash: opo_app::secrets::token_hash(&session),
            user_id: id,
            ip: String::new(),
            user_agent: String::new(),
            expires_at: now + time::Duration::hours(12),
        };
        opo_store::sessions::insert(&mut tx, &new, now).await.expect("session");
        tx.commit().await.expect("commit");
        let page = |method: Method, uri: &str, body: &str, same_site: bool| {
            let mut request = Request::builder()
                .method(method)
                .uri(uri)
                .header(header::COOKIE, format!("opo_session={session}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            if same_site {
                request = request.header(header::ORIGIN, ORIGIN).header("sec-fetch-site", "same-origin");
            }
            request.body(Body::from(body.to_owned())).expect("request")
        };

        let empty = t.send(page(Method::GET, "/account", "", false)).await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(empty.text.contains("You have no API tokens."));
        let forged = t.send(page(Method::POST, "/account/tokens", "name=Forged", false)).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "a token is made from the site only");
        let nameless = t.send(page(Method::POST, "/account/tokens", "name=+", true)).await;
        assert_eq!(nameless.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(nameless.text.contains("id=\"token-error\""));

        let made = t.send(page(Method::POST, "/account/tokens", "name=Reporting", true)).await;
        assert_eq!(made.status, StatusCode::OK);
        let start =
            made.text.find("<code id=\"new-token\">").expect("the token is shown") + "<code id=\"new-token\">".len();
        let token: String = made.text[start..].chars().take_while(|c| *c != '<').collect();
        assert!(token.starts_with("opo_"), "{token}");
        let me = t.get("/api/v1/me", Some(&token)).await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.text);
        assert_eq!(me.json()["email"], "officer@secretariat.example");

        let listed = t.send(page(Method::GET, "/account", "", false)).await;
        assert!(listed.text.contains("Reporting"));
        assert!(!listed.text.contains(&token), "a token is shown once only");
        let user = opo_app::accounts::find(&t.app, id).await.expect("user");
        let tokens = opo_app::api_tokens::list(&t.app, &user).await.expect("tokens");
        let revoke = format!("/account/tokens/{}/revoke", tokens[0].id);
        assert!(listed.text.contains(&format!("action=\"{revoke}\"")));
        let revoked = t.send(page(Method::POST, &revoke, "", true)).await;
        assert_eq!(revoked.status, StatusCode::OK);
        assert!(revoked.text.contains("The token is revoked."));
        assert!(revoked.text.contains("You have no API tokens."));
        t.get("/api/v1/me", Some(&token)).await.assert_problem(StatusCode::UNAUTHORIZED, "not valid");
    }
}

// ---------------------------------------------------------------------------------------------------
// The public partner directory

/// The listed partners of the demo data, read through the store, with the keys the filters match.
async fn listed_partners(app: &App) -> Vec<opo_app::partners::PublicRecord> {
    let records = opo_app::partners::public_records(app).await.expect("records");
    records.into_iter().filter(|r| r.card.status.is_listed()).collect()
}

fn slugs_of(page: &Value) -> Vec<String> {
    let items = page["items"].as_array().expect("items");
    items.iter().map(|p| p["slug"].as_str().expect("a slug").to_owned()).collect()
}

#[tokio::test]
async fn the_partner_directory_filters_by_two_facets_exactly_as_the_store_says() {
    for t in each_api().await {
        let listed = listed_partners(&t.app).await;
        let has = |r: &opo_app::partners::PublicRecord, capability: &str, country: &str| {
            r.card.capabilities.iter().any(|c| c.key == capability) && r.countries.iter().any(|c| c.code == country)
        };
        // The pair of a capability and a country that the most partners share, while other partners
        // have the capability without working in the country: both filters must count.
        let mut best: Option<(String, String, usize)> = None;
        for record in &listed {
            for capability in &record.card.capabilities {
                for country in &record.countries {
                    let both = listed.iter().filter(|r| has(r, &capability.key, country.code)).count();
                    let alone = listed.iter().filter(|r| r.card.capabilities.iter().any(|c| c.key == capability.key));
                    if alone.count() > both && best.as_ref().is_none_or(|b| both > b.2) {
                        best = Some((capability.key.clone(), country.code.to_owned(), both));
                    }
                }
            }
        }
        let (capability, country, _) = best.expect("the demo data has a capability not every partner in a country has");
        let mut expected: Vec<String> =
            listed.iter().filter(|r| has(r, &capability, &country)).map(|r| r.card.slug.clone()).collect();
        expected.sort();
        let answer =
            t.get(&format!("/api/v1/partners?capability={capability}&country={country}&per_page=100"), None).await;
        let answer = step(answer, StatusCode::OK);
        let cache = answer.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(cache.starts_with("public, max-age="), "{cache}");
        // Another site's program asks with nothing but the address.
        let bare = Request::builder().uri("/api/v1/partners").body(Body::empty()).expect("request");
        let bare = t.send(bare).await;
        assert_eq!(bare.status, StatusCode::OK, "{}", bare.text);
        assert_eq!(bare.json()["total"].as_i64(), Some(listed.len() as i64));
        let page = answer.json();
        let mut got = slugs_of(&page);
        got.sort();
        assert_eq!(got, expected, "capability={capability}&country={country}");
        assert_eq!(page["total"].as_i64(), Some(expected.len() as i64));
        for item in page["items"].as_array().expect("items") {
            assert!(
                item["profile_url"]
                    .as_str()
                    .is_some_and(|u| u.ends_with(&format!("/partners/{}", item["slug"].as_str().unwrap_or_default())))
            );
            assert!(item["description"].as_str().is_some_and(|d| !d.is_empty()), "{item}");
        }
        let facet = page["facets"]["country"].as_array().expect("country counts");
        let counted = facet.iter().find(|f| f["value"] == country.as_str()).expect("the chosen country is counted");
        assert_eq!(counted["count"].as_i64(), Some(expected.len() as i64));
    }
}

#[tokio::test]
async fn the_partner_directory_searches_and_pages_through_every_listed_partner() {
    for t in each_api().await {
        let listed = listed_partners(&t.app).await;
        assert!(listed.len() > 2, "the demo data lists {} partners", listed.len());

        let mut seen = Vec::new();
        let first = step(t.get("/api/v1/partners?per_page=2", None).await, StatusCode::OK).json();
        assert_eq!(first["total"].as_i64(), Some(listed.len() as i64));
        assert_eq!(first["per_page"], 2);
        let pages = first["pages"].as_u64().expect("pages");
        assert_eq!(pages, listed.len().div_ceil(2) as u64);
        for n in 1..=pages {
            let page =
                step(t.get(&format!("/api/v1/partners?per_page=2&page={n}&sort=name"), None).await, StatusCode::OK);
            let slugs = slugs_of(&page.json());
            assert!(!slugs.is_empty() && slugs.len() <= 2, "page {n}: {slugs:?}");
            seen.extend(slugs);
        }
        let mut expected: Vec<String> = listed.iter().map(|r| r.card.slug.clone()).collect();
        expected.sort();
        seen.sort();
        assert_eq!(seen, expected, "every listed partner once");
        let past = t.get(&format!("/api/v1/partners?per_page=2&page={}", pages + 1), None).await;
        past.assert_problem(StatusCode::NOT_FOUND, "");

        // A word of one partner's name finds it; a word no partner has finds nothing.
        let wanted = &listed[0].card;
        let word = wanted.name.split_whitespace().max_by_key(|w| w.len()).expect("a word");
        let word: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        let found = step(t.get(&format!("/api/v1/partners?q={word}&per_page=100"), None).await, StatusCode::OK).json();
        assert!(slugs_of(&found).contains(&wanted.slug), "{word}: {found}");
        assert_eq!(found["total"].as_i64(), Some(slugs_of(&found).len() as i64));
        let none = step(t.get("/api/v1/partners?q=zzyzxqwv", None).await, StatusCode::OK).json();
        assert_eq!(none["total"], 0);
        assert_eq!(none["items"].as_array().map(Vec::len), Some(0));
    }
}

#[tokio::test]
async fn a_partner_shows_its_profile_and_translations_and_bad_questions_are_problems() {
    for t in each_api().await {
        let listed = listed_partners(&t.app).await;
        let wanted = &listed[0].card;
        let record = opo_app::partners::record(&t.app, &wanted.slug).await.expect("record");
        let input = opo_domain::partner_translations::TranslationInput {
            locale: "fr".to_owned(),
            short_description: "Une description courte en français.".to_owned(),
            description: "Une description plus longue, en français.".to_owned(),
        };
        opo_app::partner_translations::save(&t.app, record.id, &[input], &Actor::cli()).await.expect("translated");

        let detail = step(t.get(&format!("/api/v1/partners/{}", wanted.slug), None).await, StatusCode::OK).json();
        assert_eq!(detail["slug"], wanted.slug.as_str());
        assert_eq!(detail["name"], wanted.name.as_str());
        assert_eq!(detail["translations"]["fr"]["short_description"], "Une description courte en français.");
        assert!(detail["translations"].get("es").is_none(), "{detail}");
        assert!(detail["links"].is_array() && detail["activities"].is_array(), "{detail}");
        let countries: Vec<&str> = listed[0].countries.iter().map(|c| c.code).collect();
        let shown: Vec<&str> =
            detail["countries"].as_array().expect("countries").iter().filter_map(|c| c["code"].as_str()).collect();
        assert_eq!(shown, countries);

        let list = step(t.get("/api/v1/partners?per_page=100", None).await, StatusCode::OK).json();
        let item = list["items"].as_array().expect("items").iter().find(|i| i["slug"] == wanted.slug.as_str());
        let item = item.expect("the partner is listed");
        assert_eq!(item["translations"]["fr"]["description"], "Une description plus longue, en français.");

        t.get("/api/v1/partners/no-such-partner", None).await.assert_problem(StatusCode::NOT_FOUND, "no such partner");
        for (query, parameter) in [
            ("page=0", "`page`"),
            ("per_page=10000", "`per_page`"),
            ("per_page=0", "`per_page`"),
            ("capability=no-such-role", "`capability`"),
            ("component=no-such-component", "`component`"),
            ("country=XX", "`country`"),
            ("sort=random", "`sort`"),
        ] {
            t.get(&format!("/api/v1/partners?{query}"), None).await.assert_problem(StatusCode::BAD_REQUEST, parameter);
        }
    }
}

#[tokio::test]
async fn showcase_posts_are_written_submitted_and_published_through_the_api() {
    for t in each_api().await {
        let secretariat = t.staff_token("secretariat", "posts-officer@secretariat.example").await;
        // A partner that has consented to nothing yet, so that consent decides what may be published.
        let mut unconsented = None;
        for record in listed_partners(&t.app).await {
            if opo_app::showcase::consents_of(&t.app, record.id).await.expect("consents").is_empty() {
                unconsented = Some(record.card.slug.clone());
                break;
            }
        }
        let slug = unconsented.expect("a listed partner without consents");
        let other = listed_partners(&t.app).await.into_iter().find(|r| r.card.slug != slug).expect("another");
        let input = AddUser {
            email: "comms@partner-posts.example".to_owned(),
            display_name: "Comms lead".to_owned(),
            role: "partner".to_owned(),
            organization: Some(slug.clone()),
        };
        let id = opo_app::accounts::add_user(&t.app, &input, &Actor::cli()).await.expect("partner contact");
        let user = opo_app::accounts::find(&t.app, id).await.expect("user");
        let partner = opo_app::api_tokens::create(&t.app, &user, "website", &Actor::cli()).await.expect("token");

        // What is wrong is said field by field, and nothing is written.
        let wrong = t.post("/api/v1/posts", &secretariat, json!({ "kind": "poem", "title": " " })).await;
        wrong.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "");
        let fields: Vec<String> = wrong.json()["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter_map(|e| e["field"].as_str().map(str::to_owned))
            .collect();
        for field in ["kind", "title", "summary", "body"] {
            assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
        }
        let stray = t.post("/api/v1/posts", &secretariat, json!({ "kind": "blog", "colour": "red" })).await;
        stray.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "colour");

        // The secretariat's blog post about the partner waits for the partner's consent.
        let blog = json!({
            "kind": "blog", "title": "Interoperability in the field", "summary": "What we learned.",
            "body": "A **long** story.", "partner": slug,
        });
        let draft = step(t.post("/api/v1/posts", &secretariat, blog).await, StatusCode::CREATED).json();
        assert_eq!(draft["status"], "draft");
        assert_eq!(draft["partners"], json!([slug]));
        assert!(draft["url"].is_null() && draft["published_at"].is_null(), "{draft}");
        let blog_id = draft["id"].as_i64().expect("id");
        let read = step(t.get(&format!("/api/v1/posts/{blog_id}"), Some(&secretariat)).await, StatusCode::OK).json();
        assert_eq!(read, draft);
        t.post_empty(&format!("/api/v1/posts/{blog_id}/publish"), &secretariat)
            .await
            .assert_problem(StatusCode::CONFLICT, "has not consented");

        // The partner submits an impact story with its consent to impact stories; the blog post still waits.
        let story = json!({
            "kind": "impact-story", "title": "Ten districts report on time", "summary": "Reporting in Kenya.",
            "body": "How it went.", "consent": true,
        });
        let submitted = t.post(&format!("/api/v1/partners/{slug}/posts"), &partner, story.clone()).await;
        let submitted = step(submitted, StatusCode::CREATED).json();
        assert_eq!(submitted["status"], "draft");
        assert_eq!(submitted["partners"], json!([slug]));
        let story_id = submitted["id"].as_i64().expect("id");
        t.post_empty(&format!("/api/v1/posts/{blog_id}/publish"), &secretariat)
            .await
            .assert_problem(StatusCode::CONFLICT, "has not consented");
        let published = t.post_empty(&format!("/api/v1/posts/{story_id}/publish"), &secretariat).await;
        let published = step(published, StatusCode::OK).json();
        assert_eq!(published["status"], "published");
        let url = published["url"].as_str().expect("a public address");
        let path = url.strip_prefix(&t.app.settings.base_url).expect("on this site");
        assert_eq!(path, format!("/news/{}", published["slug"].as_str().expect("slug")));
        let page = t.get(path, None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("Ten districts report on time"));
        t.post_empty(&format!("/api/v1/posts/{story_id}/publish"), &secretariat)
            .await
            .assert_problem(StatusCode::CONFLICT, "published already");

        // A partner contact writes for its own organization only, and does not publish.
        let elsewhere = t.post(&format!("/api/v1/partners/{}/posts", other.card.slug), &partner, story.clone()).await;
        elsewhere.assert_problem(StatusCode::FORBIDDEN, "another organization");
        let mut featuring_other = story.clone();
        featuring_other["partner"] = json!(other.card.slug);
        t.post(&format!("/api/v1/partners/{slug}/posts"), &partner, featuring_other)
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "leave out partner");
        for (uri, body) in [("/api/v1/posts", Some(story.clone())), (&format!("/api/v1/posts/{blog_id}/publish"), None)]
        {
            let answer = t.call(Method::POST, uri, Some(&partner), body).await;
            assert_eq!(answer.status, StatusCode::FORBIDDEN, "{uri}: {}", answer.text);
        }
        assert_eq!(t.get(&format!("/api/v1/posts/{blog_id}"), Some(&partner)).await.status, StatusCode::FORBIDDEN);
        let mut with_consent = story;
        with_consent["partner"] = json!(slug);
        t.post("/api/v1/posts", &secretariat, with_consent)
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "consent");
        t.get("/api/v1/posts/999999", Some(&secretariat)).await.assert_problem(StatusCode::NOT_FOUND, "");
    }
}

#[tokio::test]
async fn a_mail_point_of_contact_named_in_the_application_signs_in_and_answers_the_first_check_in() {
    use opo_domain::clock::Clock;
    for t in each_api().await {
        // Amina applies; the application names Baraka as the organization's mail point of contact.
        let applicant = "amina@lakeside-data.example";
        let poc = "baraka@lakeside-data.example";
        let (id, partner) = t.applicant("Lakeside Data Cooperative", applicant).await;
        let secretariat = t.staff_token("secretariat", "officer@secretariat.example").await;
        let members = [
            t.staff_token("committee", "one@committee.example").await,
            t.staff_token("committee", "two@committee.example").await,
        ];
        let app = format!("/api/v1/applications/{id}");
        let at = (t.clock.now() + time::Duration::days(2))
            .format(&time::format_description::well_known::Rfc3339)
            .expect("time");
        step(
            t.post(&format!("{app}/call"), &secretariat, json!({ "starts_at": at, "minutes": 30 })).await,
            StatusCode::OK,
        );
        step(t.post_empty(&format!("{app}/invite"), &secretariat).await, StatusCode::OK);
        let (capabilities, components) = opo_app::applications::choices(&t.app).await.expect("choices");
        let form = json!({
            "org_type": "ngo",
            "short_description": "Open data for lake basin health services.",
            "description": "We publish facility and service data for the lake basin.",
            "statement": "We support open standards and share our registry work with the community.",
            "poc_name": "Baraka Otieno",
            "poc_email": poc,
            "poc_title": "Partnerships lead",
            "capabilities": [capabilities[0].key],
            "components": [components[0].key],
            "countries": ["KE"],
            "links": ""
        });
        step(t.post(&format!("{app}/form"), &partner, form).await, StatusCode::OK);
        let logo = Request::builder()
            .method(Method::POST)
            .uri(format!("{app}/logo?filename=logo.svg"))
            .header(header::AUTHORIZATION, format!("Bearer {partner}"))
            .header(header::CONTENT_TYPE, "image/svg+xml")
            .body(Body::from(LOGO))
            .expect("request");
        step(t.send(logo).await, StatusCode::OK);
        let agreement = t.get("/api/v1/agreement", Some(&partner)).await.json();
        let sign = json!({ "template_id": agreement["id"], "signer_name": "Amina Njoroge", "signer_title": "Director", "accept": true });
        step(t.post(&format!("{app}/agreement"), &partner, sign).await, StatusCode::CREATED);
        step(t.post_empty(&format!("{app}/submit"), &partner).await, StatusCode::OK);
        step(t.post_empty(&format!("{app}/send-to-committee"), &secretariat).await, StatusCode::OK);
        for member in &members {
            step(
                t.post(&format!("{app}/votes"), member, json!({ "vote": "approve", "comment": "" })).await,
                StatusCode::CREATED,
            );
        }
        let decision = json!({ "decision": "approve", "reason": "A good fit." });
        step(t.post(&format!("{app}/decision"), &secretariat, decision).await, StatusCode::OK);
        step(t.post_empty(&format!("{app}/page/draft"), &secretariat).await, StatusCode::CREATED);
        step(t.post_empty(&format!("{app}/page/versions/1/approve"), &partner).await, StatusCode::OK);
        let announced = step(t.post_empty(&format!("{app}/announce"), &secretariat).await, StatusCode::OK);
        let slug = announced.json()["profile"].as_str().expect("a profile").trim_start_matches("/partners/").to_owned();

        // Baraka is now the organization's mail point of contact, with an account of his own.
        let organization = t.get(&format!("/api/v1/organizations/{slug}"), Some(&secretariat)).await.json();
        let contacts = organization["contacts"].as_array().expect("contacts").clone();
        let baraka = contacts.iter().find(|c| c["email"] == poc).expect("the mail point of contact is a contact");
        assert_eq!(baraka["roles"], json!(["mail-poc"]), "{organization}");
        let amina = contacts.iter().find(|c| c["email"] == applicant).expect("the applicant stays a contact");
        assert_eq!(amina["roles"], json!(["primary", "signer"]), "the role moved to Baraka: {organization}");

        // Eleven months on, the first check-in opens and its questionnaire reaches him.
        t.clock.advance(time::Duration::days(340));
        opo_app::planning::plan(&t.app).await.expect("plan");
        while opo_app::jobs::run_due(&t.app, "test", 100).await.expect("jobs").done > 0 {}
        let questionnaires: i64 = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar(
                "select count(*) from outbox_emails where to_address = $1 and kind = 'checkin-questionnaire'",
            )
            .bind(poc)
            .fetch_one(&mut *conn)
            .await
            .expect("count")
        };
        assert_eq!(questionnaires, 1, "the questionnaire goes to the mail point of contact");

        // His invitation's link opened the organization's record; a year on it has expired, so he asks
        // for a sign-in link from the questionnaire's page, and lands back on it.
        let invitation: String = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar(
                "select body_text from outbox_emails where to_address = $1 and kind = 'invitation' order by id",
            )
            .bind(poc)
            .fetch_one(&mut *conn)
            .await
            .expect("an invitation")
        };
        assert!(invitation.contains(&format!("next=%2Fportal%2Forganizations%2F{slug}")), "{invitation}");
        let path = format!("/portal/organizations/{slug}/check-in");
        let form = |uri: &str, body: String| {
            Request::builder()
                .method(Method::POST)
                .uri(uri)
                .header(header::ORIGIN, ORIGIN)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("request")
        };
        let next = format!("%2Fportal%2Forganizations%2F{slug}%2Fcheck-in");
        let asked = t.send(form("/sign-in", format!("email={poc}&next={next}"))).await;
        assert_eq!(asked.status, StatusCode::OK, "{}", asked.text);
        let token = t.link_token(poc).await;
        let signed = t.send(form("/sign-in/link", format!("token={token}&next={next}"))).await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text);
        assert_eq!(signed.headers[header::LOCATION], path);
        let cookie =
            signed.headers[header::SET_COOKIE].to_str().expect("cookie").split(';').next().expect("pair").to_owned();
        let checkin =
            opo_app::checkins::of_organization(&t.app, t_org(&t, &slug).await).await.expect("check-ins").remove(0);
        let answers = format!(
            "checkin={}&experience_rating=5&experience=Useful+year&commitment=Two+webinars&page_changes=&consent=none",
            checkin.id
        );
        let request = Request::builder()
            .method(Method::POST)
            .uri(&path)
            .header(header::ORIGIN, ORIGIN)
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(answers))
            .expect("request");
        let answered = t.send(request).await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.text);
        let after = opo_app::checkins::get(&t.app, checkin.id).await.expect("check-in");
        assert_eq!(after.answered_by.as_deref(), Some(poc), "answered by the mail point of contact");
    }
}

async fn t_org(t: &TestApi, slug: &str) -> i64 {
    let mut conn = t.app.db.read().await.expect("conn");
    opo_store::partners::id_by_slug(&mut conn, slug).await.expect("query").expect("organization")
}
