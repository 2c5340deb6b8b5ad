//! A client that takes applications through the workflow over the REST API, as the crash test's
//! second kind of writer: a showcase post written and published by the secretariat, then interest, the
//! intro call, the invitation, the applicant's form, logo and signature, the submission, and the
//! committee's votes. It records each post, publication, signature and vote the server acknowledged,
//! for the test to look for after every restart. A step whose answer is lost (the
//! server was killed) ends that application's run: the next one starts afresh, so no step is retried
//! against a state the client cannot know.

use super::{loopback, send};
use opo_app::accounts::AddUser;
use opo_app::{Actor, App, Settings};
use opo_domain::clock::SystemClock;
use serde_json::{Value, json};
use sqlx::Connection;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><rect width="120" height="60" fill="#1d6f42"/></svg>"##;

/// The staff the workflow needs, with their API tokens.
#[derive(Clone)]
pub struct Staff {
    pub secretariat: String,
    /// (account id, token) of each committee member.
    pub members: Vec<(i64, String)>,
}

/// Prepares the database and adds a secretariat officer and two committee members, each with a token.
pub async fn staff(url: &str) -> Staff {
    let db = opo_store::Db::connect(url).await.expect("connect");
    let app = App::new(db.clone(), Arc::new(SystemClock), Settings::default());
    opo_app::setup::prepare(&app).await.expect("prepare");
    let mut tokens = Vec::new();
    for (role, email) in [
        ("secretariat", "officer@crash.example"),
        ("committee", "one@crash.example"),
        ("committee", "two@crash.example"),
    ] {
        let input = AddUser {
            email: email.to_owned(),
            display_name: format!("Crash {role}"),
            role: role.to_owned(),
            organization: None,
        };
        let id = opo_app::accounts::add_user(&app, &input, &Actor::cli()).await.expect("account");
        let user = opo_app::accounts::find(&app, id).await.expect("user");
        tokens.push((id, opo_app::api_tokens::create(&app, &user, "crash", &Actor::cli()).await.expect("token")));
    }
    db.close().await;
    let secretariat = tokens.remove(0).1;
    Staff { secretariat, members: tokens }
}

/// The writes of the workflow clients the server acknowledged.
#[derive(Debug, Clone, Default)]
pub struct Acked {
    /// Codes of signed agreements.
    pub signatures: Vec<String>,
    /// (application id, committee member's account id).
    pub votes: Vec<(i64, i64)>,
    /// Ids of the posts written, and of those published.
    pub posts: Vec<i64>,
    pub published: Vec<i64>,
    /// Applications taken as far as the committee's votes.
    pub completed: usize,
    /// Answers that are neither a success, a 503 nor a cut connection: each is a failure of the test.
    pub errors: Vec<String>,
}

/// Why a run of the workflow ended early.
enum Stop {
    /// The server went away or answered 503: expected while it is killed.
    Lost,
    /// Anything else: recorded as an error.
    Wrong(String),
}

struct Client {
    port: u16,
    url: String,
    counter: Arc<AtomicU64>,
}

impl Client {
    async fn call(&self, token: Option<&str>, method: &str, path: &str, body: Option<Value>) -> Result<Value, Stop> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        self.raw(token, method, path, "application/json", &body).await
    }

    async fn raw(&self, token: Option<&str>, method: &str, path: &str, kind: &str, body: &str) -> Result<Value, Stop> {
        let from = loopback(self.counter.fetch_add(1, Ordering::Relaxed));
        match send(self.port, Some(from), method, path, token, kind, body).await {
            None | Some((503, _)) => Err(Stop::Lost),
            Some((status, text)) if (200..300).contains(&status) => {
                let json = text.find('{').zip(text.rfind('}')).map_or("null", |(a, b)| &text[a..=b]);
                serde_json::from_str(json).map_err(|e| Stop::Wrong(format!("{method} {path}: {e}: {text}")))
            }
            Some((status, text)) => Err(Stop::Wrong(format!("{method} {path}: {status}: {text}"))),
        }
    }

    /// The sign-in link e-mailed to `email`, read from the outbox.
    async fn link_token(&self, email: &str) -> Result<String, Stop> {
        let mut conn = sqlx::AnyConnection::connect(&self.url).await.map_err(|_| Stop::Lost)?;
        let body: Option<String> =
            sqlx::query_scalar("select body_text from outbox_emails where to_address like $1 order by id desc limit 1")
                .bind(format!("%{email}%"))
                .fetch_optional(&mut conn)
                .await
                .map_err(|_| Stop::Lost)?;
        conn.close().await.ok();
        let body = body.ok_or_else(|| Stop::Wrong(format!("no e-mail to {email}")))?;
        let start = body.find("token=").ok_or_else(|| Stop::Wrong("no sign-in link".into()))? + "token=".len();
        Ok(body[start..].chars().take_while(char::is_ascii_hexdigit).collect())
    }

    /// The secretariat writes a news post and publishes it.
    async fn post(&self, n: u64, staff: &Staff, acked: &Mutex<Acked>) -> Result<(), Stop> {
        let secretariat = Some(staff.secretariat.as_str());
        let post = json!({
            "kind": "announcement",
            "title": format!("Crash news {n}"),
            "summary": "Written while the server may be killed.",
            "body": "Every acknowledged post must be found after a restart."
        });
        let draft = self.call(secretariat, "POST", "/api/v1/posts", Some(post)).await?;
        let id = draft["id"].as_i64().ok_or_else(|| Stop::Wrong(format!("no id: {draft}")))?;
        acked.lock().expect("lock").posts.push(id);
        self.call(secretariat, "POST", &format!("/api/v1/posts/{id}/publish"), None).await?;
        acked.lock().expect("lock").published.push(id);
        Ok(())
    }

    /// A post, then one application from interest to the committee's votes.
    async fn one(&self, n: u64, staff: &Staff, terms: &(String, String), acked: &Mutex<Acked>) -> Result<(), Stop> {
        self.post(n, staff, acked).await?;
        let (role, component) = terms;
        let email = format!("flow{n}@crash.example");
        let interest = json!({
            "organization": format!("Crash Flow {n}"),
            "contact_name": format!("Applicant {n}"),
            "contact_email": email,
            "message": "Taken through the workflow while the server may be killed."
        });
        let received = self.call(None, "POST", "/api/v1/interest", Some(interest)).await?;
        let id = received["application_id"].as_i64().ok_or_else(|| Stop::Wrong(format!("no id: {received}")))?;
        let link = self.link_token(&email).await?;
        let exchange = json!({ "token": link, "name": "crash" });
        let token = self.call(None, "POST", "/api/v1/auth/link", Some(exchange)).await?;
        let partner = token["token"].as_str().ok_or_else(|| Stop::Wrong(format!("no token: {token}")))?.to_owned();
        let app = format!("/api/v1/applications/{id}");
        let secretariat = Some(staff.secretariat.as_str());

        let starts = time::OffsetDateTime::now_utc() + time::Duration::days(7);
        let starts = starts.format(&time::format_description::well_known::Rfc3339).expect("a time");
        self.call(secretariat, "POST", &format!("{app}/call"), Some(json!({ "starts_at": starts, "minutes": 30 })))
            .await?;
        let notes = json!({ "notes": "A good fit.", "agreed_role": role });
        self.call(secretariat, "POST", &format!("{app}/call-notes"), Some(notes)).await?;
        self.call(secretariat, "POST", &format!("{app}/invite"), None).await?;

        let form = json!({
            "org_type": "ngo",
            "short_description": "Health information systems, written while the server may be killed.",
            "description": "We build health information systems.",
            "statement": "We support open standards and will share our work with the whole community.",
            "poc_name": format!("Applicant {n}"),
            "poc_email": email,
            "poc_title": "Director",
            "capabilities": [role],
            "components": [component],
            "countries": ["KE"],
            "links": ""
        });
        self.call(Some(&partner), "POST", &format!("{app}/form"), Some(form)).await?;
        self.raw(Some(&partner), "POST", &format!("{app}/logo?filename=logo.svg"), "image/svg+xml", LOGO).await?;
        let agreement = self.call(Some(&partner), "GET", "/api/v1/agreement", None).await?;
        let sign = json!({
            "template_id": agreement["id"],
            "signer_name": format!("Applicant {n}"),
            "signer_title": "Director",
            "accept": true
        });
        let signed = self.call(Some(&partner), "POST", &format!("{app}/agreement"), Some(sign)).await?;
        let code = signed["signature_code"].as_str().ok_or_else(|| Stop::Wrong(format!("no code: {signed}")))?;
        acked.lock().expect("lock").signatures.push(code.to_owned());
        self.call(Some(&partner), "POST", &format!("{app}/submit"), None).await?;
        self.call(secretariat, "POST", &format!("{app}/send-to-committee"), None).await?;
        for (member, token) in &staff.members {
            let vote = json!({ "vote": "approve", "comment": "Survives a crash." });
            self.call(Some(token), "POST", &format!("{app}/votes"), Some(vote)).await?;
            acked.lock().expect("lock").votes.push((id, *member));
        }
        acked.lock().expect("lock").completed += 1;
        Ok(())
    }
}

/// A workflow client: one application after another until it is aborted.
pub fn spawn(
    port: u16,
    url: &str,
    staff: Staff,
    counter: Arc<AtomicU64>,
    acked: Arc<Mutex<Acked>>,
) -> tokio::task::JoinHandle<()> {
    let client = Client { port, url: url.to_owned(), counter };
    use opo_domain::taxonomy::{Vocabulary, defaults};
    let first = |vocabulary| defaults(vocabulary).first().map(|t| t.key.clone()).expect("a default term");
    let terms = (first(Vocabulary::Capability), first(Vocabulary::Component));
    tokio::spawn(async move {
        loop {
            let n = client.counter.fetch_add(1, Ordering::Relaxed);
            match client.one(n, &staff, &terms, &acked).await {
                Ok(()) => {}
                Err(Stop::Lost) => tokio::time::sleep(Duration::from_millis(20)).await,
                Err(Stop::Wrong(error)) => {
                    acked.lock().expect("lock").errors.push(error);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
    })
}

/// How many of the acknowledged writes of the workflow clients are stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    pub signatures: usize,
    pub votes: usize,
    pub posts: usize,
    pub published: usize,
}

/// Which of the acknowledged posts, publications, signatures and votes are stored.
pub async fn stored(url: &str, acked: &Acked) -> Found {
    let mut conn = sqlx::AnyConnection::connect(url).await.expect("connect");
    let codes: HashSet<String> = sqlx::query_scalar("select code from agreements")
        .fetch_all(&mut conn)
        .await
        .expect("codes")
        .into_iter()
        .collect();
    let votes: HashSet<(i64, i64)> = sqlx::query_as("select application_id, user_id from votes")
        .fetch_all(&mut conn)
        .await
        .expect("votes")
        .into_iter()
        .collect();
    let posts: HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>("select id, status from posts")
        .fetch_all(&mut conn)
        .await
        .expect("posts")
        .into_iter()
        .collect();
    conn.close().await.ok();
    Found {
        signatures: acked.signatures.iter().filter(|c| codes.contains(*c)).count(),
        votes: acked.votes.iter().filter(|v| votes.contains(v)).count(),
        posts: acked.posts.iter().filter(|id| posts.contains_key(id)).count(),
        published: acked.published.iter().filter(|id| posts.get(id).is_some_and(|s| s == "published")).count(),
    }
}
