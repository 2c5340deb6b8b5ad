//! Errors of the API as problem details (RFC 9457, `application/problem+json`). Requests to `/api/`
//! and to the webhooks are answered in this form, never with an HTML page: [`scope`] marks them, so the
//! one mapping of [`WebError`](crate::error::WebError) (`WebError::problem`) draws JSON instead of a
//! page, and it turns what axum answers by itself (an unreadable path parameter, a method the route
//! does not have) into problem details too.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of problem details.
pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

/// What went wrong, for a program to act on and a person to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub(crate) struct Problem {
    /// Identifies the kind of problem, e.g. `urn:opo-portal:problem:conflict`.
    #[serde(rename = "type")]
    #[schema(example = "urn:opo-portal:problem:conflict")]
    pub kind: String,
    /// A short summary of the kind of problem.
    #[schema(example = "This clashes with what is already there")]
    pub title: String,
    /// The HTTP status code.
    #[schema(example = 409)]
    pub status: u16,
    /// What happened this time, in a sentence a person can act on.
    #[schema(
        example = "You have already voted on this application (or declared a conflict of interest) in this round."
    )]
    pub detail: String,
    /// For a conflict: what clashed, as a stable code such as `not-awaiting-decision`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "voted-already")]
    pub code: Option<String>,
    /// For invalid input: each problem with the field it concerns.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One problem with one field of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub(crate) struct FieldProblem {
    #[schema(example = "contact_email")]
    pub field: String,
    /// What is wrong, as a stable code a client can word itself.
    #[schema(example = "bad-email")]
    pub code: String,
    #[schema(example = "\"awa-at-example\" is not an e-mail address")]
    pub message: String,
}

impl Problem {
    pub(crate) fn new(kind: &str, status: StatusCode, title: &str, detail: String, errors: Vec<FieldProblem>) -> Self {
        Self {
            kind: format!("urn:opo-portal:problem:{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            code: None,
            errors,
        }
    }

    /// The problem with the stable code of what clashed.
    pub(crate) fn with_code(mut self, code: &str) -> Self {
        self.code = Some(code.to_owned());
        self
    }

    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (self.status_code(), body).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response
    }
}

tokio::task_local! {
    /// Set while a request to the API is being answered.
    static API: bool;
}

/// Whether the request being answered is one to the API (or a webhook), whose errors are problem details.
pub(crate) fn answering_api() -> bool {
    API.try_with(|api| *api).unwrap_or(false)
}

/// The paths whose errors are problem details.
pub(crate) fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/webhooks/")
}

/// Answers requests to the API with problem details whatever fails, wherever it fails.
pub(crate) async fn scope(request: Request, next: Next) -> Response {
    if !is_api_path(request.uri().path()) {
        return next.run(request).await;
    }
    let bearer_realm = request.uri().path().starts_with("/api/");
    let mut response = API.scope(true, next.run(request)).await;
    let status = response.status();
    if status == StatusCode::UNAUTHORIZED && bearer_realm && !response.headers().contains_key(header::WWW_AUTHENTICATE)
    {
        // RFC 6750: a request to the API without a valid token is told how to authenticate.
        let challenge = HeaderValue::from_static("Bearer realm=\"OPO Portal API\"");
        response.headers_mut().insert(header::WWW_AUTHENTICATE, challenge);
    }
    let is_problem =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes() == PROBLEM_JSON.as_bytes());
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    // An answer axum gave by itself (a rejected extractor, a method not allowed): its plain-text body
    // says what was wrong.
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024).await.map(|b| String::from_utf8_lossy(&b).into_owned());
    let text = text.unwrap_or_default();
    let detail = match (status, text.trim()) {
        (StatusCode::METHOD_NOT_ALLOWED, _) => {
            "This address does not answer this method; the API is described at /api/v1/openapi.json.".to_owned()
        }
        (StatusCode::PAYLOAD_TOO_LARGE, _) => "The body is too large (2 MiB at most).".to_owned(),
        (_, "") => status.canonical_reason().unwrap_or("Error").to_owned() + ".",
        (_, text) => {
            let mut chars = text.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
            format!("{first}{}{}", chars.as_str(), if text.ends_with('.') { "" } else { "." })
        }
    };
    let kind = match status {
        StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported-media-type",
        StatusCode::NOT_FOUND => "not-found",
        s if s.is_server_error() => "internal",
        _ => "bad-request",
    };
    let title = status.canonical_reason().unwrap_or("Error");
    let mut answer = Problem::new(kind, status, title, detail, Vec::new()).into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            answer.headers_mut().insert(name.clone(), value.clone());
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_serializes_with_its_type_and_field_errors() {
        let problem = Problem::new(
            "invalid",
            StatusCode::UNPROCESSABLE_ENTITY,
            "This request cannot be answered",
            "The input has problems.".to_owned(),
            vec![FieldProblem {
                field: "name".to_owned(),
                code: "empty".to_owned(),
                message: "Name is required".to_owned(),
            }],
        );
        let json = serde_json::to_value(&problem).expect("json");
        assert_eq!(json["type"], "urn:opo-portal:problem:invalid");
        assert_eq!(json["status"], 422);
        assert_eq!(json["errors"][0]["field"], "name");
        let plain = Problem::new("conflict", StatusCode::CONFLICT, "t", "d".to_owned(), Vec::new());
        assert!(serde_json::to_value(&plain).expect("json").get("errors").is_none());
        let response = plain.into_response();
        assert_eq!(response.headers()[header::CONTENT_TYPE], PROBLEM_JSON);
        assert_eq!(response.status(), StatusCode::CONFLICT);
    }

    #[test]
    fn only_the_api_and_the_webhooks_answer_with_problems() {
        assert!(is_api_path("/api/v1/applications"));
        assert!(is_api_path("/webhooks/discourse"));
        assert!(!is_api_path("/apis"));
        assert!(!is_api_path("/portal/applications/1"));
        assert!(!answering_api(), "outside a request to the API");
    }
}
