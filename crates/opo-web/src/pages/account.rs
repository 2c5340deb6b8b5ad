//! One's own account: who one is, a password for signing in without a link, and API tokens for other
//! systems that act as this person through the REST API.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use opo_app::AppError;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    layout: Layout,
    name: String,
    email: String,
    role: String,
    organization: Option<String>,
    has_password: bool,
    last_sign_in: String,
    password_error: Option<String>,
    notice: Option<String>,
    tokens: Vec<TokenRow>,
    /// A token just created: shown this once.
    new_token: Option<String>,
    token_error: Option<String>,
    /// Staff have a personal calendar feed: when its address was made, and a new address, shown once.
    calendar: Option<Option<String>>,
    new_calendar_url: Option<String>,
}

struct TokenRow {
    id: i64,
    name: String,
    created: String,
    last_used: String,
}

/// What the page shows besides the account itself.
#[derive(Default)]
struct Shown {
    password_error: Option<String>,
    notice: Option<String>,
    new_token: Option<String>,
    token_error: Option<String>,
    new_calendar_url: Option<String>,
}

async fn render(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    error: Option<String>,
    notice: Option<String>,
) -> Result<Response, WebError> {
    render_all(state, session, status, Shown { password_error: error, notice, ..Shown::default() }).await
}

async fn render_all(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    shown: Shown,
) -> Result<Response, WebError> {
    let tokens = opo_app::api_tokens::list(&state.app, &session.user).await?;
    let rows = tokens
        .iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name.clone(),
            created: crate::format::date_time_utc(t.created_at),
            last_used: t.last_used_at.map(crate::format::date_time_utc).unwrap_or_default(),
        })
        .collect();
    let calendar = if session.user.role == opo_domain::accounts::Role::PartnerContact {
        None
    } else {
        Some(opo_app::calendar_feed::created_at(&state.app, &session.user).await?.map(crate::format::date_time_utc))
    };
    render_page(state, session, status, shown, rows, calendar)
}

fn render_page(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    shown: Shown,
    tokens: Vec<TokenRow>,
    calendar: Option<Option<String>>,
) -> Result<Response, WebError> {
    let Shown { password_error: error, notice, new_token, token_error, new_calendar_url } = shown;
    let user = &session.user;
    let page = AccountPage {
        layout: Layout::new(state, crate::i18n::Tr::current().get("account-title"), "", "/account")
            .for_session(Some(session)),
        name: user.display_name.clone(),
        email: user.email.clone(),
        role: crate::i18n::Tr::current().role(user.role),
        organization: user.organization_slug.clone(),
        has_password: user.has_password || notice.is_some(),
        last_sign_in: user.last_sign_in_at.map(crate::format::date_time_utc).unwrap_or_default(),
        password_error: error,
        notice,
        tokens,
        new_token,
        token_error,
        calendar,
        new_calendar_url,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub(crate) async fn page(State(state): State<AppState>, session: Session) -> Result<Response, WebError> {
    render_all(&state, &session, StatusCode::OK, Shown::default()).await
}

#[derive(Deserialize)]
pub(crate) struct TokenForm {
    #[serde(default)]
    name: String,
}

/// Creates an API token and shows it, this once.
pub(crate) async fn create_token(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Form(form): Form<TokenForm>,
) -> Result<Response, WebError> {
    match opo_app::api_tokens::create(&state.app, &session.user, &form.name, &session.audit_actor(&client)).await {
        Ok(token) => {
            let shown = Shown { new_token: Some(token), ..Shown::default() };
            render_all(&state, &session, StatusCode::OK, shown).await
        }
        Err(AppError::Invalid(problems)) if problems.first().is_some_and(|p| p.field == "current") => {
            let message = problems.first().map(|p| crate::i18n::Tr::current().field_error(p)).unwrap_or_default();
            render(&state, &session, StatusCode::UNPROCESSABLE_ENTITY, Some(format!("{message}.")), None).await
        }
        Err(AppError::Invalid(problems)) => {
            let message = problems.first().map(|p| crate::i18n::Tr::current().field_error(p)).unwrap_or_default();
            let shown = Shown { token_error: Some(format!("{message}.")), ..Shown::default() };
            render_all(&state, &session, StatusCode::UNPROCESSABLE_ENTITY, shown).await
        }
        Err(other) => Err(other.into()),
    }
}

/// Revokes one of one's API tokens; it stops working at once.
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    opo_app::api_tokens::revoke(&state.app, &session.user, id, &session.audit_actor(&client)).await?;
    let notice = crate::i18n::Tr::current().get("account-token-revoked");
    render_all(&state, &session, StatusCode::OK, Shown { notice: Some(notice), ..Shown::default() }).await
}

/// Makes a new address for one's calendar feed (the old one stops working) and shows it, this once.
pub(crate) async fn create_calendar(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
) -> Result<Response, WebError> {
    let token = opo_app::calendar_feed::create(&state.app, &session.user, &session.audit_actor(&client)).await?;
    let url = format!("{}/calendar/{token}.ics", state.app.settings.base_url);
    render_all(&state, &session, StatusCode::OK, Shown { new_calendar_url: Some(url), ..Shown::default() }).await
}

/// A personal calendar feed, by the secret in its address.
pub(crate) async fn calendar_feed(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    let ics = opo_app::calendar_feed::feed(&state.app, token).await?;
    let mut response = ics.into_response();
    let headers = response.headers_mut();
    headers
        .insert(axum::http::header::CONTENT_TYPE, axum::http::HeaderValue::from_static("text/calendar; charset=utf-8"));
    headers.insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, max-age=300"));
    Ok(response)
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

pub(crate) async fn set_password(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    if form.password != form.confirm {
        return render(
            &state,
            &session,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(crate::i18n::Tr::current().get("account-passwords-differ")),
            None,
        )
        .await;
    }
    let change = opo_app::sessions::PasswordChange { current: &form.current, new: &form.password };
    match opo_app::sessions::set_password(
        &state.app,
        &session.user,
        &session.token,
        &change,
        &session.audit_actor(&client),
    )
    .await
    {
        Ok(()) => {
            let notice = crate::i18n::Tr::current().get("account-password-set");
            render(&state, &session, StatusCode::OK, None, Some(notice)).await
        }
        Err(AppError::Invalid(problems)) if problems.first().is_some_and(|p| p.field == "current") => {
            let message = problems.first().map(|p| crate::i18n::Tr::current().field_error(p)).unwrap_or_default();
            render(&state, &session, StatusCode::UNPROCESSABLE_ENTITY, Some(format!("{message}.")), None).await
        }
        Err(AppError::Invalid(problems)) => {
            let message = problems.first().map(|p| crate::i18n::Tr::current().field_error(p)).unwrap_or_default();
            render(
                &state,
                &session,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(format!("Choose another password: {message}.")),
                None,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
