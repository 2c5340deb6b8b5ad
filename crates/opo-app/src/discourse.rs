//! The community forum (Discourse): checking that a webhook really comes from it, reading the new topic
//! or first post a webhook announces, and the body that opens a topic through its API.
//!
//! A new topic in the configured "partnership interest" category becomes an expression of interest.
//! Discourse sends `topic_created` with the topic (title, category, author) and, separately,
//! `post_created` for its first post, which holds the text. Everything here is a pure function of
//! headers and bytes, so the web layer stays thin and none of it needs a forum to be tested.

use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("the webhook has no X-Discourse-Event-Signature header")]
    MissingSignature,
    #[error("the webhook signature does not match its body")]
    BadSignature,
    #[error("malformed webhook: {0}")]
    Malformed(String),
}

/// Checks `X-Discourse-Event-Signature: sha256=<hex>` = HMAC-SHA256(secret, raw body), in constant time.
///
/// An empty secret never verifies: anyone could compute a signature with it.
pub fn verify_signature(secret: &[u8], body: &[u8], header: Option<&str>) -> Result<(), WebhookError> {
    let header = header.map(str::trim).filter(|h| !h.is_empty()).ok_or(WebhookError::MissingSignature)?;
    let hex = header.strip_prefix("sha256=").ok_or_else(|| {
        WebhookError::Malformed("X-Discourse-Event-Signature is not of the form sha256=<hex>".to_owned())
    })?;
    let signature = decode_hex(hex)
        .ok_or_else(|| WebhookError::Malformed("X-Discourse-Event-Signature is not hexadecimal".to_owned()))?;
    if secret.is_empty() {
        return Err(WebhookError::BadSignature);
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| WebhookError::BadSignature)?;
    mac.update(body);
    mac.verify_slice(&signature).map_err(|_| WebhookError::BadSignature)
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    fn nibble(digit: u8) -> Option<u8> {
        match digit {
            b'0'..=b'9' => Some(digit - b'0'),
            b'a'..=b'f' => Some(digit - b'a' + 10),
            b'A'..=b'F' => Some(digit - b'A' + 10),
            _ => None,
        }
    }
    if hex.is_empty() || !hex.len().is_multiple_of(2) {
        return None;
    }
    hex.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [high, low] => Some(nibble(*high)? << 4 | nibble(*low)?),
            _ => None,
        })
        .collect()
}

/// The topic in a `topic_created` event (X-Discourse-Event: topic_created, X-Discourse-Event-Type: topic).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: i64,
    pub title: String,
    pub category_id: i64,
    pub author_username: String,
    /// The author's full name; empty when the forum does not show names or the author gave none.
    pub author_name: String,
    /// As Discourse sends it: ISO 8601 in UTC, e.g. `2025-03-14T09:21:37.512Z`.
    pub created_at: String,
    pub slug: String,
}

/// The topic of a `topic_created` event; `None` for any other event, and for a private message,
/// which has no category and so can never be an expression of interest.
pub fn parse_topic_event(event_header: Option<&str>, body: &[u8]) -> Result<Option<Topic>, WebhookError> {
    if event_header.map(str::trim) != Some("topic_created") {
        return Ok(None);
    }
    let TopicEvent { topic } = parse(body)?;
    let Some(category_id) = topic.category_id else { return Ok(None) };
    if topic.archetype.as_deref() == Some("private_message") {
        return Ok(None);
    }
    // Discourse before 2.x put the author only under `details`; the webhook serializer now sends
    // `created_by` at the top of the topic.
    let author = topic
        .created_by
        .or_else(|| topic.details.and_then(|d| d.created_by))
        .ok_or_else(|| WebhookError::Malformed("the topic has no author (created_by)".to_owned()))?;
    Ok(Some(Topic {
        id: topic.id,
        title: topic.title,
        category_id,
        author_username: author.username,
        author_name: author.name.unwrap_or_default(),
        created_at: topic.created_at,
        slug: topic.slug,
    }))
}

/// The text of a topic's first post, from a `post_created` event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstPost {
    pub topic_id: i64,
    /// The Markdown the author wrote; plain text recovered from the HTML when the forum sent only that.
    pub raw: String,
    pub username: String,
}

/// The first post of a topic, from a `post_created` event (X-Discourse-Event-Type: post) whose
/// `post_number` is 1; `None` for replies, private messages, other events, and a post without text.
pub fn parse_post_event(event_header: Option<&str>, body: &[u8]) -> Result<Option<FirstPost>, WebhookError> {
    if event_header.map(str::trim) != Some("post_created") {
        return Ok(None);
    }
    let PostEvent { post } = parse(body)?;
    if post.post_number != 1 || post.topic_archetype.as_deref() == Some("private_message") {
        return Ok(None);
    }
    // `raw` is in the webhook payload of current Discourse; older versions sent only the cooked HTML.
    let raw = match (post.raw, post.cooked) {
        (Some(raw), _) if !raw.trim().is_empty() => raw,
        (_, Some(cooked)) => text_of_html(&cooked),
        _ => String::new(),
    };
    if raw.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(FirstPost { topic_id: post.topic_id, raw, username: post.username }))
}

/// The JSON body to create a topic through the Discourse API (`POST /posts.json`).
pub fn new_topic_body(title: &str, raw: &str, category_id: i64) -> serde_json::Value {
    serde_json::json!({ "title": title, "raw": raw, "category": category_id })
}

fn parse<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, WebhookError> {
    serde_json::from_slice(body).map_err(|e| WebhookError::Malformed(e.to_string()))
}

// The payloads are Discourse's serializers (WebHookTopicViewSerializer, WebHookPostSerializer) under
// a root key named after the event type; only the fields read here are declared, the rest are ignored.

#[derive(Deserialize)]
struct TopicEvent {
    topic: TopicPayload,
}

#[derive(Deserialize)]
struct TopicPayload {
    id: i64,
    title: String,
    #[serde(default)]
    slug: String,
    category_id: Option<i64>,
    archetype: Option<String>,
    created_at: String,
    created_by: Option<User>,
    details: Option<Details>,
}

#[derive(Deserialize)]
struct Details {
    created_by: Option<User>,
}

#[derive(Deserialize)]
struct User {
    username: String,
    name: Option<String>,
}

#[derive(Deserialize)]
struct PostEvent {
    post: PostPayload,
}

#[derive(Deserialize)]
struct PostPayload {
    topic_id: i64,
    post_number: i64,
    username: String,
    raw: Option<String>,
    cooked: Option<String>,
    topic_archetype: Option<String>,
}

/// Readable text from Discourse's cooked HTML: tags dropped, paragraphs and line breaks kept as
/// newlines, the common character references decoded.
fn text_of_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let block_end = tag.starts_with('/')
            && matches!(
                name.as_str(),
                "p" | "div" | "li" | "blockquote" | "pre" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr"
            );
        if block_end || name == "br" {
            text.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(&decode_entities(rest));
    // Cooked HTML has its own newlines between blocks; keep at most one blank line.
    let mut tidy = String::with_capacity(text.len());
    let mut newlines = 0;
    for c in text.trim().chars() {
        newlines = if c == '\n' { newlines + 1 } else { 0 };
        if newlines <= 2 {
            tidy.push(c);
        }
    }
    tidy
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.get(1..).and_then(|after| {
            let end = after.find(';').filter(|&end| end <= 10)?;
            let name = &after[..end];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a-long-webhook-secret-1234";

    /// A `topic_created` body as Discourse's WebHookTopicViewSerializer produces it.
    const TOPIC_CREATED: &str = r#"{"topic":{"tags":["health-data"],"tags_descriptions":{},"id":4521,"title":"Partnership interest: Sahel Data Lab","fancy_title":"Partnership interest: Sahel Data Lab","posts_count":1,"created_at":"2025-03-14T09:21:37.512Z","views":0,"reply_count":0,"like_count":0,"last_posted_at":"2025-03-14T09:21:37.589Z","visible":true,"closed":false,"archived":false,"archetype":"regular","slug":"partnership-interest-sahel-data-lab","category_id":12,"word_count":87,"deleted_at":null,"user_id":311,"featured_link":null,"pinned_globally":false,"pinned_at":null,"pinned_until":null,"unpinned":null,"pinned":false,"highest_post_number":1,"deleted_by":null,"has_deleted":false,"bookmarked":false,"participant_count":1,"thumbnails":null,"created_by":{"id":311,"username":"awa.traore","name":"Awa Traoré","avatar_template":"/user_avatar/forum.example.org/awa.traore/{size}/12_2.png"},"last_poster":{"id":311,"username":"awa.traore","name":"Awa Traoré","avatar_template":"/user_avatar/forum.example.org/awa.traore/{size}/12_2.png"}}}"#;

    /// The `post_created` body for the same topic's first post (WebHookPostSerializer).
    const POST_CREATED: &str = r#"{"post":{"id":9876,"name":"Awa Traoré","username":"awa.traore","avatar_template":"/user_avatar/forum.example.org/awa.traore/{size}/12_2.png","created_at":"2025-03-14T09:21:37.589Z","cooked":"<p>We run <strong>district</strong> health registries in Mali &amp; Niger.</p>\n<p>Contact: awa@sahel-data.example</p>","post_number":1,"post_type":1,"updated_at":"2025-03-14T09:21:37.589Z","reply_count":0,"reply_to_post_number":null,"quote_count":0,"incoming_link_count":0,"reads":0,"score":0,"topic_id":4521,"topic_slug":"partnership-interest-sahel-data-lab","topic_title":"Partnership interest: Sahel Data Lab","category_id":12,"display_username":"Awa Traoré","primary_group_name":null,"version":1,"user_title":null,"bookmarked":false,"raw":"We run **district** health registries in Mali & Niger.\n\nContact: awa@sahel-data.example","moderator":false,"admin":false,"staff":false,"user_id":311,"hidden":false,"trust_level":1,"deleted_at":null,"user_deleted":false,"edit_reason":null,"wiki":false,"topic_posts_count":1,"topic_filtered_posts_count":1,"topic_archetype":"regular","category_slug":"partnership-interest"}}"#;

    fn sign(secret: &[u8], body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
        mac.update(body);
        let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256={hex}")
    }

    #[test]
    fn a_signature_over_the_body_verifies() {
        let body = TOPIC_CREATED.as_bytes();
        let header = sign(SECRET, body);
        assert_eq!(header.len(), "sha256=".len() + 64);
        verify_signature(SECRET, body, Some(&header)).expect("verifies");
        verify_signature(SECRET, body, Some(&header.to_uppercase().replace("SHA256=", "sha256=")))
            .expect("upper-case hex verifies too");
    }

    #[test]
    fn one_changed_byte_in_body_or_signature_fails() {
        let body = TOPIC_CREATED.as_bytes();
        let header = sign(SECRET, body);

        let mut tampered = body.to_vec();
        let at = TOPIC_CREATED.find("\"category_id\":12").expect("field") + "\"category_id\":1".len();
        tampered[at] = b'3';
        assert!(matches!(verify_signature(SECRET, &tampered, Some(&header)), Err(WebhookError::BadSignature)));

        let last = header.chars().last().expect("not empty");
        let flipped = format!("{}{}", &header[..header.len() - 1], if last == '0' { '1' } else { '0' });
        assert!(matches!(verify_signature(SECRET, body, Some(&flipped)), Err(WebhookError::BadSignature)));

        assert!(matches!(
            verify_signature(b"another-secret-entirely", body, Some(&header)),
            Err(WebhookError::BadSignature)
        ));
        assert!(matches!(
            verify_signature(SECRET, body, Some(&header[..header.len() - 2])),
            Err(WebhookError::BadSignature)
        ));
    }

    #[test]
    fn a_missing_or_malformed_header_is_a_clear_error() {
        let body = TOPIC_CREATED.as_bytes();
        assert!(matches!(verify_signature(SECRET, body, None), Err(WebhookError::MissingSignature)));
        assert!(matches!(verify_signature(SECRET, body, Some("  ")), Err(WebhookError::MissingSignature)));

        let bare = sign(SECRET, body).replace("sha256=", "");
        let err = verify_signature(SECRET, body, Some(&bare)).expect_err("no sha256= prefix");
        assert!(matches!(&err, WebhookError::Malformed(m) if m.contains("sha256=<hex>")), "{err}");
        let err = verify_signature(SECRET, body, Some("sha1=abcdef")).expect_err("another algorithm");
        assert!(matches!(err, WebhookError::Malformed(_)));

        for not_hex in ["sha256=", "sha256=xyz0", "sha256=abc", "sha256=é0"] {
            let err = verify_signature(SECRET, body, Some(not_hex)).expect_err(not_hex);
            assert!(matches!(&err, WebhookError::Malformed(m) if m.contains("hexadecimal")), "{not_hex}: {err}");
        }
    }

    #[test]
    fn an_empty_secret_never_verifies() {
        let body = TOPIC_CREATED.as_bytes();
        assert!(matches!(verify_signature(b"", body, Some(&sign(b"", body))), Err(WebhookError::BadSignature)));
    }

    #[test]
    fn a_topic_created_payload_parses() {
        let topic =
            parse_topic_event(Some("topic_created"), TOPIC_CREATED.as_bytes()).expect("parses").expect("a topic");
        assert_eq!(
            topic,
            Topic {
                id: 4521,
                title: "Partnership interest: Sahel Data Lab".to_owned(),
                category_id: 12,
                author_username: "awa.traore".to_owned(),
                author_name: "Awa Traoré".to_owned(),
                created_at: "2025-03-14T09:21:37.512Z".to_owned(),
                slug: "partnership-interest-sahel-data-lab".to_owned(),
            }
        );
    }

    #[test]
    fn a_topic_without_names_or_with_the_old_author_place_parses() {
        let body = r#"{"topic":{"id":7,"title":"Hello","slug":"hello","category_id":3,"archetype":"regular","created_at":"2019-01-02T03:04:05.000Z","details":{"created_by":{"id":1,"username":"bob","avatar_template":"/a.png"}}}}"#;
        let topic = parse_topic_event(Some("topic_created"), body.as_bytes()).expect("parses").expect("a topic");
        assert_eq!((topic.author_username.as_str(), topic.author_name.as_str()), ("bob", ""));
    }

    #[test]
    fn other_events_and_private_messages_give_none() {
        let body = TOPIC_CREATED.as_bytes();
        for event in [None, Some("topic_edited"), Some("topic_destroyed"), Some("post_created"), Some("ping")] {
            assert_eq!(parse_topic_event(event, body).expect("no error"), None, "{event:?}");
        }
        let message = TOPIC_CREATED.replace(r#""archetype":"regular""#, r#""archetype":"private_message""#);
        let message = message.replace(r#""category_id":12"#, r#""category_id":null"#);
        assert_eq!(parse_topic_event(Some("topic_created"), message.as_bytes()).expect("no error"), None);
        assert_eq!(parse_topic_event(Some("ping"), br#"{"ping":"OK"}"#).expect("no error"), None);
    }

    #[test]
    fn malformed_json_is_malformed() {
        for body in [&b"{\"topic\": {\"id\": 1,"[..], b"not json", br#"{"ping":"OK"}"#, br#"{"topic":{"id":"one"}}"#] {
            let err = parse_topic_event(Some("topic_created"), body).expect_err("malformed");
            assert!(matches!(err, WebhookError::Malformed(_)), "{err}");
        }
        let no_author = TOPIC_CREATED.replace(r#""created_by""#, r#""created_by_x""#);
        assert!(matches!(
            parse_topic_event(Some("topic_created"), no_author.as_bytes()),
            Err(WebhookError::Malformed(m)) if m.contains("author")
        ));
        assert!(matches!(parse_post_event(Some("post_created"), b"[]"), Err(WebhookError::Malformed(_))));
    }

    #[test]
    fn the_first_post_gives_its_text() {
        let post = parse_post_event(Some("post_created"), POST_CREATED.as_bytes()).expect("parses").expect("a post");
        assert_eq!(
            post,
            FirstPost {
                topic_id: 4521,
                raw: "We run **district** health registries in Mali & Niger.\n\nContact: awa@sahel-data.example"
                    .to_owned(),
                username: "awa.traore".to_owned(),
            }
        );
    }

    #[test]
    fn replies_and_other_events_give_no_first_post() {
        let reply = POST_CREATED.replace(r#""post_number":1"#, r#""post_number":2"#);
        assert_eq!(parse_post_event(Some("post_created"), reply.as_bytes()).expect("no error"), None);
        assert_eq!(parse_post_event(Some("post_edited"), POST_CREATED.as_bytes()).expect("no error"), None);
        assert_eq!(parse_post_event(Some("topic_created"), TOPIC_CREATED.as_bytes()).expect("no error"), None);
    }

    #[test]
    fn without_raw_the_text_comes_from_the_cooked_html() {
        let cooked_only = POST_CREATED.replace(r#""raw":"#, r#""raw_x":"#);
        let post = parse_post_event(Some("post_created"), cooked_only.as_bytes()).expect("parses").expect("a post");
        assert_eq!(post.raw, "We run district health registries in Mali & Niger.\n\nContact: awa@sahel-data.example");
        assert_eq!(text_of_html("a<br>b &lt;c&gt; &#233;&#x4E2D; &bogus; & d<i"), "a\nb <c> é中 &bogus; & d<i");
    }

    #[test]
    fn a_new_topic_body_has_title_raw_and_category() {
        assert_eq!(
            new_topic_body("Welcome, Sahel Data Lab", "A **new** partner.", 7),
            serde_json::json!({ "title": "Welcome, Sahel Data Lab", "raw": "A **new** partner.", "category": 7 })
        );
    }
}
