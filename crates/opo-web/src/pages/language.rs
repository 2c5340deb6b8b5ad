//! The language switcher: remembers the visitor's choice in a cookie (and, for a signed-in person, on
//! the account, for their e-mails) and goes back to the page.

use crate::AppState;
use crate::error::WebError;
use crate::i18n::{COOKIE, Locale};
use crate::session::MaybeSession;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct Choice {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

pub(crate) async fn choose(
    State(state): State<AppState>,
    MaybeSession(session): MaybeSession,
    Form(choice): Form<Choice>,
) -> Result<Response, WebError> {
    let locale = Locale::parse(&choice.lang)
        .ok_or_else(|| WebError::BadRequest(format!("\"{}\" is not a language of this site", choice.lang)))?;
    // A signed-in person's e-mails follow the language they chose.
    if let Some(session) = session {
        opo_app::accounts::set_locale(&state.app, session.user.id, locale.code()).await?;
    }
    // Only a path of this site: never a way to send people elsewhere.
    let back = if choice.back.starts_with('/') && !choice.back.starts_with("//") && !choice.back.contains('\\') {
        choice.back.as_str()
    } else {
        "/"
    };
    let mut response = Redirect::to(back).into_response();
    let cookie = format!("{COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000", locale.code());
    response
        .headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(|e| WebError::Internal(e.to_string()))?);
    Ok(response)
}
