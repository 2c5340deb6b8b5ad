//! The one place where errors become HTTP responses. Internal causes are logged here, once, and never
//! shown; people get a page that says what happened and what they can do.

use crate::api::problem::{FieldProblem, Problem};
use crate::pages::layout::Layout;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use opo_app::AppError;
use opo_domain::partners::FieldError;
use opo_domain::problems::Clash;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    BadRequest(String),
    /// The input has problems, each named with its field.
    #[error("{}", join_problems(.0))]
    Invalid(Vec<FieldError>),
    #[error("sign in to see this page")]
    SignInRequired,
    #[error("{0}")]
    Forbidden(String),
    #[error("this request did not come from a page of this site")]
    CrossSite,
    #[error("{0}")]
    Unauthenticated(String),
    #[error("too many attempts")]
    TooManyRequests { retry_after: u64 },
    #[error("{0}")]
    Conflict(Clash),
    #[error("the service is briefly unavailable")]
    Unavailable,
    /// The database's disk is full: the write was refused whole, and retrying helps only once an
    /// operator has made room.
    #[error("the server's storage is full")]
    StorageFull,
    #[error("internal error")]
    Internal(String),
}

impl From<AppError> for WebError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::NotFound(what) => Self::NotFound(what),
            AppError::Invalid(problems) => Self::Invalid(problems),
            AppError::Conflict(message) => Self::Conflict(message),
            AppError::Unavailable(cause) if cause.is_storage_full() => {
                tracing::error!(error = %cause, "the database's disk is full");
                Self::StorageFull
            }
            AppError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "database unavailable");
                Self::Unavailable
            }
            AppError::Store(cause) => Self::Internal(cause.to_string()),
            AppError::RateLimited { retry_after } => Self::TooManyRequests { retry_after },
            AppError::Unauthenticated(message) => Self::Unauthenticated(message),
            AppError::Forbidden(message) => Self::Forbidden(message),
            AppError::Internal(cause) => Self::Internal(cause),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(err: askama::Error) -> Self {
        Self::Internal(format!("template: {err}"))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    heading: String,
    message: String,
    /// Where the sign-in button leads (back to this page once signed in), when signing in would help.
    sign_in: Option<String>,
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::BadRequest(_) | Self::Invalid(_) => StatusCode::BAD_REQUEST,
            Self::SignInRequired | Self::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::CrossSite => StatusCode::FORBIDDEN,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn heading(&self) -> String {
        let key = match self {
            Self::NotFound(_) => "error-not-found",
            Self::BadRequest(_) | Self::Invalid(_) => "error-bad-request",
            Self::SignInRequired => "error-sign-in",
            Self::Unauthenticated(_) => "error-unauthenticated",
            Self::Forbidden(_) | Self::CrossSite => "error-forbidden",
            Self::TooManyRequests { .. } => "error-too-many",
            Self::Conflict(_) => "error-conflict",
            Self::Unavailable => "error-unavailable",
            Self::StorageFull => "error-storage-full",
            Self::Internal(_) => "error-internal",
        };
        crate::i18n::Tr::current().label(key, self.english_heading())
    }

    fn english_heading(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "Page not found",
            Self::BadRequest(_) | Self::Invalid(_) => "This request cannot be answered",
            Self::SignInRequired => "Please sign in",
            Self::Unauthenticated(_) => "Sign-in did not work",
            Self::Forbidden(_) | Self::CrossSite => "Not allowed",
            Self::TooManyRequests { .. } => "Too many attempts",
            Self::Conflict(_) => "This clashes with what is already there",
            Self::Unavailable => "Back in a moment",
            Self::StorageFull => "Nothing could be saved",
            Self::Internal(_) => "Something went wrong on our side",
        }
    }

    fn message(&self) -> String {
        match self {
            Self::NotFound(what) => {
                format!("There is no such {what} here. It may have moved, or the address may be mistyped.")
            }
            Self::BadRequest(problem) => format!("Please check the address: {problem}."),
            Self::Invalid(problems) => {
                let t = crate::i18n::Tr::current();
                let worded: Vec<String> = problems.iter().map(|p| t.field_error(p)).collect();
                format!("Please check the address: {}.", worded.join("; "))
            }
            Self::Internal(_) => "The problem has been logged. Please try again in a little while.".to_owned(),
            Self::Unavailable => {
                "The service cannot reach its database right now. Please try again in a minute.".to_owned()
            }
            Self::StorageFull => "The server has run out of storage space, so nothing was saved. The problem has \
                                  been logged; please try again later."
                .to_owned(),
            Self::TooManyRequests { retry_after } => {
                format!("Please wait {} before trying again.", crate::format::wait(*retry_after))
            }
            Self::Conflict(clash) => format!("{}.", crate::i18n::Tr::current().clash(clash)),
            other => format!("{}.", capitalize(&other.to_string())),
        }
    }

    /// The same error as the API tells it: problem details (RFC 9457). This is the one mapping of
    /// errors for `/api/` (and webhook) requests, used by [`IntoResponse`] below.
    pub(crate) fn problem(&self) -> Problem {
        let (kind, status) = match self {
            Self::NotFound(_) => ("not-found", StatusCode::NOT_FOUND),
            Self::BadRequest(_) => ("bad-request", StatusCode::BAD_REQUEST),
            Self::Invalid(_) => ("invalid", StatusCode::UNPROCESSABLE_ENTITY),
            Self::SignInRequired => ("sign-in-required", StatusCode::UNAUTHORIZED),
            Self::Unauthenticated(_) => ("unauthenticated", StatusCode::UNAUTHORIZED),
            Self::Forbidden(_) => ("forbidden", StatusCode::FORBIDDEN),
            Self::CrossSite => ("cross-site", StatusCode::FORBIDDEN),
            Self::TooManyRequests { .. } => ("rate-limited", StatusCode::TOO_MANY_REQUESTS),
            Self::Conflict(_) => ("conflict", StatusCode::CONFLICT),
            Self::Unavailable => ("unavailable", StatusCode::SERVICE_UNAVAILABLE),
            Self::StorageFull => ("storage-full", StatusCode::INSUFFICIENT_STORAGE),
            Self::Internal(_) => ("internal", StatusCode::INTERNAL_SERVER_ERROR),
        };
        let detail = match self {
            Self::BadRequest(problem) => format!("{}.", capitalize(problem.trim_end_matches('.'))),
            Self::Invalid(problems) => format!("The input has problems: {}.", join_problems(problems)),
            Self::SignInRequired => format!("{} Send an API token as `Authorization: Bearer opo_…`.", self.message()),
            // The API speaks English; the code lets a client word the refusal itself.
            Self::Conflict(clash) => format!("{}.", capitalize(clash.message.trim_end_matches('.'))),
            other => other.message(),
        };
        let errors = match self {
            Self::Invalid(problems) => problems
                .iter()
                .map(|p| FieldProblem {
                    field: p.field.to_owned(),
                    code: p.code.to_owned(),
                    message: p.message.clone(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let problem = Problem::new(kind, status, self.english_heading(), detail, errors);
        match self {
            Self::Conflict(clash) => problem.with_code(clash.code),
            _ => problem,
        }
    }
}

fn join_problems(problems: &[FieldError]) -> String {
    problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; ")
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(error = %cause, "request failed");
        }
        let retry_after = match &self {
            Self::Unavailable => Some(30),
            Self::StorageFull => Some(300),
            Self::TooManyRequests { retry_after } => Some(*retry_after),
            _ => None,
        };
        let mut response =
            if crate::api::problem::answering_api() { self.problem().into_response() } else { self.page() };
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
        }
        // An error is about this one request: kept by no cache, never answered again from one.
        response
            .headers_mut()
            .insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
        response
    }
}

impl WebError {
    fn page(&self) -> Response {
        let status = self.status();
        let page = ErrorPage {
            layout: Layout::plain(&self.heading()),
            status: status.as_u16(),
            heading: self.heading(),
            message: self.message(),
            sign_in: matches!(self, Self::SignInRequired | Self::Unauthenticated(_))
                .then(|| crate::next::sign_in_url(crate::next::requested().as_deref())),
        };
        let body = page.render().unwrap_or_else(|_| format!("{} {}", status.as_u16(), self.heading()));
        (status, Html(body)).into_response()
    }
}

/// The answer to any address no route claims.
pub(crate) async fn not_found() -> WebError {
    WebError::NotFound("page")
}
