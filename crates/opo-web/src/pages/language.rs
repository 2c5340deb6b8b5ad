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

/// `back` when it is a plain path of this site, else `/`.
fn same_site_path(back: &str) -> &str {
    crate::next::same_site_path(back).unwrap_or("/")
}

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
    let mut response = Redirect::to(same_site_path(&choice.back)).into_response();
    let cookie = format!("{COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000", locale.code());
    response
        .headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(|e| WebError::Internal(e.to_string()))?);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::same_site_path;

    #[test]
    fn only_a_plain_path_of_this_site_is_taken_back_to() {
        assert_eq!(same_site_path("/partners?page=2"), "/partners?page=2");
        for bad in [
            "",
            "partners",
            "//evil.example/",
            "/\\evil.example",
            "/\t/evil.example/",
            "/a\nb",
            "/a\r\nb",
            "/a\0",
            "/a\x7f",
        ] {
            assert_eq!(same_site_path(bad), "/", "{bad:?}");
        }
    }
}
