//! The forum's webhook: a new topic in the partnership-interest category of Discourse becomes an
//! expression of interest. The delivery is authenticated by its HMAC signature (so the cross-site
//! check lets it through), and a delivery sent twice creates one application.

use super::schema::WebhookAnswer;
use crate::AppState;
use crate::error::WebError;
use crate::session::ClientInfo;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use opo_app::AppError;
use opo_app::discourse::{self, WebhookError};

const TAG: &str = "webhooks";

fn ignored(detail: impl Into<String>) -> (StatusCode, Json<WebhookAnswer>) {
    (StatusCode::OK, Json(WebhookAnswer { status: "ignored", application_id: None, detail: detail.into() }))
}

/// A Discourse webhook delivery (`X-Discourse-Event-Signature: sha256=<HMAC-SHA256 of the body>`).
/// `topic_created` in the interest category creates an application (202); the same topic again, or
/// any other event, changes nothing (200).
#[utoipa::path(
    post,
    path = "/webhooks/discourse",
    operation_id = "discourse_webhook",
    tag = TAG,
    request_body(content = String, content_type = "application/json", description = "The forum's payload, as sent"),
    params(
        ("X-Discourse-Event-Signature" = String, Header, description = "sha256=<hex HMAC-SHA256 of the body with the webhook secret>"),
        ("X-Discourse-Event" = String, Header, description = "e.g. topic_created")
    ),
    responses(
        (status = 202, description = "An application was created", body = WebhookAnswer),
        (status = 200, description = "Nothing to do: a replay, another event or another category", body = WebhookAnswer)
    )
)]
pub(crate) async fn discourse(
    State(state): State<AppState>,
    ClientInfo(client): ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<WebhookAnswer>), WebError> {
    let Some(forum) = state.app.settings.discourse.as_ref() else {
        return Err(WebError::NotFound("webhook"));
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    discourse::verify_signature(forum.webhook_secret.as_bytes(), &body, header("x-discourse-event-signature"))
        .map_err(|e| {
            tracing::warn!(ip = %client.ip, error = %e, "forum webhook refused");
            WebError::Unauthenticated(e.to_string())
        })?;
    let topic = match discourse::parse_topic_event(header("x-discourse-event"), &body) {
        Ok(Some(topic)) => topic,
        Ok(None) => return Ok(ignored("not a new topic")),
        Err(WebhookError::Malformed(problem)) => {
            return Err(WebError::BadRequest(format!("malformed webhook: {problem}")));
        }
        Err(e) => return Err(WebError::BadRequest(e.to_string())),
    };
    if forum.interest_category_id != Some(topic.category_id) {
        return Ok(ignored(format!("topic {} is not in the partnership-interest category", topic.id)));
    }
    let author =
        if topic.author_name.trim().is_empty() { topic.author_username.clone() } else { topic.author_name.clone() };
    let url = format!("{}/t/{}/{}", forum.base_url.trim_end_matches('/'), topic.slug, topic.id);
    let message = format!("Forum topic \"{}\" by {} (@{}): {url}", topic.title, author, topic.author_username);
    let actor = opo_app::Actor { user_id: None, label: "discourse".to_owned(), ip: client.ip.clone() };
    match opo_app::applications::interest_from_forum(&state.app, topic.id, &topic.title, &author, &message, &actor)
        .await
    {
        Ok(Some(id)) => Ok((
            StatusCode::ACCEPTED,
            Json(WebhookAnswer {
                status: "created",
                application_id: Some(id),
                detail: format!("topic {} is an expression of interest", topic.id),
            }),
        )),
        Ok(None) => Ok((
            StatusCode::OK,
            Json(WebhookAnswer {
                status: "duplicate",
                application_id: None,
                detail: format!("topic {} was received before", topic.id),
            }),
        )),
        // The forum cannot fix these, and retrying would not help: say so, and do not ask for a retry.
        Err(AppError::Conflict(clash)) => Ok(ignored(clash.message)),
        Err(AppError::Invalid(problems)) => {
            Ok(ignored(problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("; ")))
        }
        Err(other) => Err(other.into()),
    }
}
