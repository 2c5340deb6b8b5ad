//! Signing in (by e-mail link or password) and out.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::session::{ClientInfo, MaybeSession, clear_cookie, session_cookie};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::AppError;
use opo_domain::policy;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "auth/sign_in.html")]
struct SignInPage {
    layout: Layout,
    email: String,
    link_error: Option<String>,
    password_error: Option<String>,
    notice: Option<String>,
    /// Whether the forum's sign-in (DiscourseConnect) is offered.
    forum_sign_in: bool,
    /// The page to land on once signed in (a path on this site), or empty.
    next: String,
}

#[derive(Template)]
#[template(path = "auth/link_sent.html")]
struct LinkSentPage {
    layout: Layout,
    email: String,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "auth/use_link.html")]
struct UseLinkPage {
    layout: Layout,
    token: String,
    next: String,
}

fn sign_in_page(
    state: &AppState,
    t: Tr,
    status: StatusCode,
    page: impl FnOnce(Layout) -> SignInPage,
) -> Result<Response, WebError> {
    let layout = Layout::new(state, t.get("sign-in-title"), t.get("sign-in-description"), "/sign-in")
        .in_section("sign-in")
        .in_language(t);
    let mut page = page(layout);
    page.forum_sign_in = state.app.settings.discourse_connect.is_some();
    page.next = crate::next::return_path(&page.next).unwrap_or_default();
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Where a person lands once signed in: the page they came for, else their home.
fn landing(next: &str, role: opo_domain::accounts::Role) -> String {
    crate::next::return_path(next).unwrap_or_else(|| policy::home(role).to_owned())
}

pub(crate) async fn page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Lang(t): Lang,
    Query(query): Query<NextQuery>,
) -> Result<Response, WebError> {
    if let Some(session) = visitor.0 {
        return Ok(Redirect::to(&landing(&query.next, session.user.role)).into_response());
    }
    sign_in_page(&state, t, StatusCode::OK, |layout| SignInPage {
        next: query.next,
        forum_sign_in: false,
        layout,
        email: String::new(),
        link_error: None,
        password_error: None,
        notice: None,
    })
}

#[derive(Deserialize)]
pub(crate) struct LinkForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    next: String,
}

pub(crate) async fn request_link(
    State(state): State<AppState>,
    Lang(t): Lang,
    ClientInfo(client): ClientInfo,
    Form(form): Form<LinkForm>,
) -> Result<Response, WebError> {
    let next = crate::next::return_path(&form.next);
    match opo_app::sessions::request_link_to(&state.app, &form.email, &client, next.as_deref()).await {
        Ok(()) => {
            let layout =
                Layout::new(&state, t.get("sign-in-check-mail"), "", "/sign-in").in_section("sign-in").in_language(t);
            let page = LinkSentPage {
                layout,
                email: form.email.trim().to_owned(),
                minutes: state.app.settings.link_lifetime.whole_minutes(),
            };
            Ok(Html(page.render()?).into_response())
        }
        Err(AppError::Invalid(problems)) => {
            sign_in_page(&state, t, StatusCode::UNPROCESSABLE_ENTITY, |layout| SignInPage {
                next: form.next.clone(),
                forum_sign_in: false,
                layout,
                email: form.email,
                link_error: problems.first().map(|p| crate::i18n::Tr::current().field_error(p)),
                password_error: None,
                notice: None,
            })
        }
        Err(AppError::RateLimited { retry_after }) => {
            let mut response = sign_in_page(&state, t, StatusCode::TOO_MANY_REQUESTS, |layout| SignInPage {
                next: form.next.clone(),
                forum_sign_in: false,
                layout,
                email: form.email,
                link_error: Some(format!(
                    "Too many sign-in links were asked for. Please wait {} and try again.",
                    crate::format::wait(retry_after)
                )),
                password_error: None,
                notice: None,
            })?;
            response.headers_mut().insert(header::RETRY_AFTER, retry_after.into());
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct TokenQuery {
    #[serde(default)]
    token: String,
    #[serde(default)]
    next: String,
}

/// The page a sign-in link opens. It does not sign in by itself: mail scanners that open links must
/// not use up the link, so the person presses a button that posts it.
pub(crate) async fn link_page(
    State(state): State<AppState>,
    Query(query): Query<TokenQuery>,
) -> Result<Response, WebError> {
    let layout =
        Layout::new(&state, crate::i18n::Tr::current().get("sign-in-title"), "", "/sign-in/link").in_section("sign-in");
    let next = crate::next::return_path(&query.next).unwrap_or_default();
    let mut response = Html(UseLinkPage { layout, token: query.token, next }.render()?).into_response();
    // Keep the token out of other sites' logs, and out of every cache and the browser's stored pages.
    response.headers_mut().insert(header::REFERRER_POLICY, header::HeaderValue::from_static("no-referrer"));
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Lands a new session. A session the browser already had is ended, so a new sign-in always starts
/// from a fresh secret.
async fn signed_in(
    state: &AppState,
    previous: MaybeSession,
    client: &opo_app::sessions::Client,
    signed: opo_app::sessions::SignedIn,
    next: &str,
) -> Result<Response, WebError> {
    if let Some(old) = previous.0 {
        opo_app::sessions::sign_out(&state.app, &old.token, &old.audit_actor(client)).await?;
    }
    let mut response = Redirect::to(&landing(next, signed.user.role)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, session_cookie(state, &signed.token)?);
    Ok(response)
}

pub(crate) async fn use_link(
    State(state): State<AppState>,
    Lang(t): Lang,
    previous: MaybeSession,
    ClientInfo(client): ClientInfo,
    Form(form): Form<TokenQuery>,
) -> Result<Response, WebError> {
    match opo_app::sessions::open_link(&state.app, &form.token, &client).await {
        Ok(signed) => signed_in(&state, previous, &client, signed, &form.next).await,
        Err(AppError::Unauthenticated(message)) => {
            sign_in_page(&state, t, StatusCode::UNAUTHORIZED, |layout| SignInPage {
                next: form.next.clone(),
                forum_sign_in: false,
                layout,
                email: String::new(),
                link_error: Some(capitalized(&message)),
                password_error: None,
                notice: None,
            })
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub(crate) async fn password(
    State(state): State<AppState>,
    Lang(t): Lang,
    previous: MaybeSession,
    ClientInfo(client): ClientInfo,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let failure = |status, message: String| {
        sign_in_page(&state, t, status, |layout| SignInPage {
            next: form.next.clone(),
            forum_sign_in: false,
            layout,
            email: form.email.clone(),
            link_error: None,
            password_error: Some(message),
            notice: None,
        })
    };
    match opo_app::sessions::sign_in_with_password(&state.app, &form.email, &form.password, &client).await {
        Ok(signed) => signed_in(&state, previous, &client, signed, &form.next).await,
        Err(AppError::Unauthenticated(message)) => failure(StatusCode::UNAUTHORIZED, capitalized(&message)),
        Err(AppError::RateLimited { retry_after }) => {
            let mut response = failure(
                StatusCode::TOO_MANY_REQUESTS,
                format!("Too many attempts. Please wait {} and try again.", crate::format::wait(retry_after)),
            )?;
            response.headers_mut().insert(header::RETRY_AFTER, retry_after.into());
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

pub(crate) async fn sign_out(
    State(state): State<AppState>,
    Lang(t): Lang,
    visitor: MaybeSession,
    ClientInfo(client): ClientInfo,
) -> Result<Response, WebError> {
    if let Some(session) = visitor.0 {
        opo_app::sessions::sign_out(&state.app, &session.token, &session.audit_actor(&client)).await?;
    }
    let mut response = sign_in_page(&state, t, StatusCode::OK, |layout| SignInPage {
        next: String::new(),
        forum_sign_in: false,
        layout,
        email: String::new(),
        link_error: None,
        password_error: None,
        notice: Some(t.get("sign-in-signed-out")),
    })?;
    response.headers_mut().insert(header::SET_COOKIE, clear_cookie(&state));
    Ok(response)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out.extend(chars);
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}
