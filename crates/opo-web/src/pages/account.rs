//! One's own account: who one is, and a password for signing in without a link.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::Form;
use axum::extract::State;
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
    role: &'static str,
    organization: Option<String>,
    has_password: bool,
    last_sign_in: String,
    password_error: Option<String>,
    notice: Option<String>,
}

fn render(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    error: Option<String>,
    notice: Option<String>,
) -> Result<Response, WebError> {
    let user = &session.user;
    let page = AccountPage {
        layout: Layout::new(state, "Your account", "", "/account").for_session(Some(session)),
        name: user.display_name.clone(),
        email: user.email.clone(),
        role: user.role.label(),
        organization: user.organization_slug.clone(),
        has_password: user.has_password || notice.is_some(),
        last_sign_in: user.last_sign_in_at.map(crate::format::date_time_utc).unwrap_or_default(),
        password_error: error,
        notice,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub(crate) async fn page(State(state): State<AppState>, session: Session) -> Result<Response, WebError> {
    render(&state, &session, StatusCode::OK, None, None)
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
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
            Some("The two passwords differ.".to_owned()),
            None,
        );
    }
    match opo_app::sessions::set_password(&state.app, &session.user, &form.password, &session.audit_actor(&client))
        .await
    {
        Ok(()) => render(&state, &session, StatusCode::OK, None, Some("Your password is set.".to_owned())),
        Err(AppError::Invalid(problems)) => {
            let message = problems.first().map(|p| p.message.clone()).unwrap_or_default();
            render(
                &state,
                &session,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(format!("Choose another password: {message}.")),
                None,
            )
        }
        Err(other) => Err(other.into()),
    }
}
