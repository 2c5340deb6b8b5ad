//! Signing in through the community forum (DiscourseConnect): `/auth/discourse` sends the browser to the
//! forum with a signed nonce, which the browser also keeps in a short-lived cookie; the forum sends it
//! back to `/auth/discourse/callback`, where the answer is checked and the session opened. Without the
//! forum's shared secret configured both addresses lead back to the sign-in page.

use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, MaybeSession, session_cookie};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The cookie that ties the forum's answer to the browser that asked for it.
const NONCE_COOKIE: &str = "opo_forum_nonce";

fn nonce_cookie(state: &AppState, value: &str, max_age: i64) -> Result<HeaderValue, WebError> {
    let secure = state.app.settings.base_url.starts_with("https://");
    // Lax: the cookie comes back on the forum's redirect, a top-level navigation.
    let cookie = format!(
        "{NONCE_COOKIE}={value}; Path=/auth/discourse; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&cookie).map_err(|e| WebError::Internal(format!("cookie: {e}")))
}

fn browser_nonce(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == NONCE_COOKIE)
        .map(|(_, value)| value)
}

pub(crate) async fn start(State(state): State<AppState>) -> Result<Response, WebError> {
    if state.app.settings.discourse_connect.is_none() {
        return Ok(Redirect::to("/sign-in").into_response());
    }
    let started = opo_app::discourse_connect::start(&state.app).await?;
    let mut response = Redirect::to(&started.forum_url).into_response();
    let lifetime = opo_app::discourse_connect::NONCE_LIFETIME.whole_seconds();
    response.headers_mut().append(header::SET_COOKIE, nonce_cookie(&state, &started.nonce, lifetime)?);
    Ok(response)
}

#[derive(Deserialize)]
pub(crate) struct Answer {
    #[serde(default)]
    sso: String,
    #[serde(default)]
    sig: String,
}

pub(crate) async fn callback(
    State(state): State<AppState>,
    previous: MaybeSession,
    ClientInfo(client): ClientInfo,
    headers: HeaderMap,
    Query(answer): Query<Answer>,
) -> Result<Response, WebError> {
    if state.app.settings.discourse_connect.is_none() {
        return Ok(Redirect::to("/sign-in").into_response());
    }
    if answer.sso.is_empty() || answer.sig.is_empty() {
        return Err(WebError::BadRequest(
            "this address is where the forum sends people back after signing in; start from the sign-in page"
                .to_owned(),
        ));
    }
    let signed_in =
        opo_app::discourse_connect::finish(&state.app, &answer.sso, &answer.sig, browser_nonce(&headers), &client)
            .await?;
    // Whoever was signed in on this browser before is signed out on the server, as with a sign-in link.
    if let Some(old) = previous.0 {
        opo_app::sessions::sign_out(&state.app, &old.token, &old.audit_actor(&client)).await?;
    }
    let mut response = Redirect::to(opo_domain::policy::home(signed_in.user.role)).into_response();
    let out = response.headers_mut();
    out.append(header::SET_COOKIE, session_cookie(&state, &signed_in.token)?);
    out.append(header::SET_COOKIE, nonce_cookie(&state, "", 0)?);
    Ok(response)
}
