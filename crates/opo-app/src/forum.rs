//! Topics the program opens in the community forum (Discourse) through its API: the announcement of a
//! new partner. The use case puts the topic in a queue in its own transaction; the worker claims it with
//! a lease, posts it, and records the topic it became, so a topic is neither lost nor posted twice.
//!
//! A forum that is down, overloaded (429, 5xx) or unreachable is tried again later with growing delays;
//! any other refusal (a bad key, a category the user may not post in, a duplicate title) is recorded
//! with the forum's answer and not retried, since it will not fix itself.

use crate::worker::{Pass, retry_delay};
use crate::{App, AppError, DiscourseSettings};
use opo_store::forum_posts::{self as queue, NewForumPost};
pub use opo_store::forum_posts::{ForumPost, ForumPostStatus};
use opo_store::{StoreError, Tx};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::Deserialize;
use std::time::Duration as StdDuration;
use time::{Duration, OffsetDateTime};

/// How long a claimed post is reserved for the worker that claimed it: far longer than one request
/// may take, so a lease never runs out while its post is being sent.
const LEASE: Duration = Duration::minutes(5);
const CONNECT_TIMEOUT: StdDuration = StdDuration::from_secs(10);
const REQUEST_TIMEOUT: StdDuration = StdDuration::from_secs(30);
/// At most this much of the forum's answer is kept with a failed post.
const ANSWER_LIMIT: usize = 1_000;

/// Queues the announcement of a new partner, inside the announcement's transaction, when the forum is
/// connected with an API key and an announcement category; returns the queued post, if any.
pub(crate) async fn enqueue_announcement(
    app: &App,
    tx: &mut Tx,
    title: &str,
    raw: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>, AppError> {
    let Some((_, category_id)) = app.settings.discourse.as_ref().and_then(DiscourseSettings::announcements) else {
        return Ok(None);
    };
    let post =
        NewForumPost { kind: "announcement".to_owned(), title: title.to_owned(), raw: raw.to_owned(), category_id };
    Ok(Some(queue::enqueue(tx, &post, now).await?))
}

/// The first post of an announcement: its summary, then links to the news post and the partner's
/// profile on this site.
pub fn announcement_raw(summary: &str, organization: &str, news_url: &str, profile_url: &str) -> String {
    let name: String = organization.chars().filter(|c| !matches!(c, '[' | ']')).collect();
    format!(
        "{}\n\n[Read the announcement]({news_url}) · [{name} in the partner directory]({profile_url})",
        summary.trim()
    )
}

/// Posts to one forum as one user.
#[derive(Debug, Clone)]
pub struct ForumClient {
    http: reqwest::Client,
    base_url: String,
}

impl ForumClient {
    /// The client for the forum in `settings`, when it is connected with an API key; `None` otherwise.
    pub fn from_settings(settings: &DiscourseSettings) -> Result<Option<Self>, AppError> {
        let Some((key, _)) = settings.announcements() else { return Ok(None) };
        let header = |name: &str, value: &str| {
            HeaderValue::from_str(value)
                .map_err(|_| AppError::Internal(format!("the forum's {name} is not a valid header")))
        };
        let mut api_key = header("API key", key)?;
        api_key.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert("Api-Key", api_key);
        headers.insert("Api-Username", header("API user name", settings.api_username.trim())?);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            // A redirect would turn the POST into a GET; a moved forum is a setting to correct.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("opo-portal/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| AppError::Internal(format!("the forum's HTTP client: {e}")))?;
        Ok(Some(Self { http, base_url: settings.base_url.trim_end_matches('/').to_owned() }))
    }

    /// Opens the topic of `post`.
    async fn create_topic(&self, post: &ForumPost) -> Result<Created, Refusal> {
        let body = crate::discourse::new_topic_body(&post.title, &post.raw, post.category_id);
        let response = self
            .http
            .post(format!("{}/posts.json", self.base_url))
            .json(&body)
            .send()
            .await
            .map_err(|e| Refusal::Retry { error: format!("the forum could not be reached: {e}"), after: None })?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<i64>().ok())
            .map(|seconds| Duration::seconds(seconds.clamp(0, 6 * 3600)));
        let text = response.text().await.unwrap_or_default();
        if status.is_success() {
            let answer: Answer = serde_json::from_str(&text).unwrap_or_default();
            let topic_url = answer.topic_id.map(|id| match answer.topic_slug.as_deref().filter(|s| !s.is_empty()) {
                Some(slug) => format!("{}/t/{slug}/{id}", self.base_url),
                None => format!("{}/t/{id}", self.base_url),
            });
            return Ok(Created {
                topic_id: answer.topic_id,
                topic_url,
                queued_for_review: answer.action.as_deref() == Some("enqueued"),
            });
        }
        let error = format!("the forum answered {status}: {}", answer_text(&text));
        if status.as_u16() == 429 || status.as_u16() == 408 || status.is_server_error() {
            Err(Refusal::Retry { error, after: retry_after })
        } else {
            Err(Refusal::Final(error))
        }
    }
}

/// What the forum answers to a new topic; only the fields read here are declared.
#[derive(Debug, Default, Deserialize)]
struct Answer {
    topic_id: Option<i64>,
    topic_slug: Option<String>,
    /// `enqueued` when the post waits for a moderator's approval.
    action: Option<String>,
}

struct Created {
    topic_id: Option<i64>,
    topic_url: Option<String>,
    queued_for_review: bool,
}

enum Refusal {
    /// Worth another try later (no sooner than `after`, when the forum said so).
    Retry { error: String, after: Option<Duration> },
    /// Will not fix itself.
    Final(String),
}

/// The readable part of an error answer: Discourse's `errors` list when there is one, else the text.
fn answer_text(text: &str) -> String {
    #[derive(Deserialize)]
    struct Errors {
        errors: Vec<String>,
    }
    let readable = match serde_json::from_str::<Errors>(text) {
        Ok(Errors { errors }) if !errors.is_empty() => errors.join(" "),
        _ => text.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    match readable.char_indices().nth(ANSWER_LIMIT) {
        Some((cut, _)) => format!("{}…", &readable[..cut]),
        None if readable.is_empty() => "(no answer)".to_owned(),
        None => readable,
    }
}

/// Posts up to `limit` topics that are due.
pub async fn deliver_due(app: &App, client: &ForumClient, limit: i64) -> Result<Pass, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let claimed = queue::claim_due(&mut tx, now, now + LEASE, limit).await?;
    tx.commit().await.map_err(StoreError::from)?;
    let mut pass = Pass::default();
    for post in claimed {
        let outcome = client.create_topic(&post).await;
        let now = app.clock.now();
        let mut tx = app.db.begin().await?;
        match outcome {
            Ok(created) => {
                if created.queued_for_review {
                    tracing::warn!(forum_post.id = post.id, "the forum holds the topic for a moderator's approval");
                }
                queue::mark_sent(&mut tx, post.id, created.topic_id, created.topic_url.as_deref(), now).await?;
                pass.sent += 1;
            }
            Err(Refusal::Retry { error, after }) => {
                let retry_at =
                    retry_delay(post.attempts + 1, post.id).map(|delay| now + after.map_or(delay, |a| a.max(delay)));
                tracing::warn!(forum_post.id = post.id, %error, retry = retry_at.is_some(), "posting to the forum failed");
                queue::mark_attempt_failed(&mut tx, post.id, &error, retry_at, now).await?;
                pass.failed += 1;
            }
            Err(Refusal::Final(error)) => {
                tracing::warn!(forum_post.id = post.id, %error, "the forum refused the topic");
                queue::mark_attempt_failed(&mut tx, post.id, &error, None, now).await?;
                pass.failed += 1;
            }
        }
        tx.commit().await.map_err(StoreError::from)?;
    }
    Ok(pass)
}

/// The posts an admin sees on the outbox page, newest first.
pub async fn recent(app: &App, limit: i64) -> Result<Vec<ForumPost>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(queue::recent(&mut conn, limit).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_announcement_links_the_news_and_the_profile() {
        let raw = announcement_raw(
            "Sahel Data Lab joins. ",
            "Sahel [Data] Lab",
            "https://portal.example/news/welcome",
            "https://portal.example/partners/sahel-data-lab",
        );
        assert!(raw.starts_with("Sahel Data Lab joins.\n\n"), "{raw}");
        assert!(raw.contains("[Read the announcement](https://portal.example/news/welcome)"), "{raw}");
        assert!(
            raw.contains("[Sahel Data Lab in the partner directory](https://portal.example/partners/sahel-data-lab)"),
            "{raw}"
        );
    }

    #[test]
    fn an_error_answer_is_kept_readable_and_short() {
        let forbidden = r#"{"errors":["You are not permitted to view the requested resource. The API username or key is invalid."],"error_type":"invalid_access"}"#;
        assert_eq!(
            answer_text(forbidden),
            "You are not permitted to view the requested resource. The API username or key is invalid."
        );
        assert_eq!(
            answer_text("<html>\n  <body>Bad gateway</body>\n</html>"),
            "<html> <body>Bad gateway</body> </html>"
        );
        assert_eq!(answer_text(""), "(no answer)");
        let long = answer_text(&"é".repeat(5_000));
        assert_eq!(long.chars().count(), ANSWER_LIMIT + 1);
    }

    #[test]
    fn without_a_key_or_a_category_there_is_no_client() {
        let mut forum = DiscourseSettings { base_url: "https://forum.example".into(), ..DiscourseSettings::default() };
        forum.api_key = Some("key".into());
        assert!(ForumClient::from_settings(&forum).expect("built").is_none(), "no category");
        forum.announcement_category_id = Some(5);
        assert!(ForumClient::from_settings(&forum).expect("built").is_some());
        forum.api_key = Some("  ".into());
        assert!(ForumClient::from_settings(&forum).expect("built").is_none(), "a blank key");
    }
}
