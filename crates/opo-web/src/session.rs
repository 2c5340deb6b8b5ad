//! Who is asking: the session cookie is looked up on every request (or, for the API, the bearer token),
//! and the signed-in person (or none) is put where the policy guard and the handlers find it.

use crate::AppState;
use crate::error::WebError;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use opo_app::accounts::User;
use opo_app::sessions::Client;
use opo_domain::policy::Actor;
use std::net::SocketAddr;
use std::sync::Arc;

/// The signed-in person and the secret of their session.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub user: Arc<User>,
    /// The secret of the session cookie; empty for a request to the API made with a token.
    pub token: String,
    pub credential: Credential,
}

/// How the person proved who they are on this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credential {
    /// The session cookie of a browser that signed in with a link or a password.
    Cookie,
    /// An API token sent as `Authorization: Bearer opo_…` to `/api/`.
    ApiToken,
}

/// The token of an `Authorization: Bearer …` header, if the request has one.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    Some(token.trim()).filter(|t| scheme.eq_ignore_ascii_case("bearer") && !t.is_empty())
}

const COOKIE: &str = "opo_session";
/// Over HTTPS the cookie takes the `__Host-` prefix, which browsers only accept with `Secure`, `Path=/`
/// and no domain: it cannot be set by another subdomain.
const SECURE_COOKIE: &str = "__Host-opo_session";

/// Whether a cookie of this name is a session cookie, under either name.
pub(crate) fn is_session_cookie(name: &str) -> bool {
    name == COOKIE || name == SECURE_COOKIE
}

fn cookie_name(state: &AppState) -> &'static str {
    if state.app.settings.base_url.starts_with("https://") { SECURE_COOKIE } else { COOKIE }
}

fn read_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The `Set-Cookie` value that stores a new session.
pub(crate) fn session_cookie(state: &AppState, token: &str) -> Result<HeaderValue, WebError> {
    let secure = state.app.settings.base_url.starts_with("https://");
    let max_age = state.app.settings.session_absolute.whole_seconds();
    let value = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        cookie_name(state),
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&value).map_err(|e| WebError::Internal(format!("cookie: {e}")))
}

/// The `Set-Cookie` value that removes the session cookie.
pub(crate) fn clear_cookie(state: &AppState) -> HeaderValue {
    let secure = state.app.settings.base_url.starts_with("https://");
    let value = format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        cookie_name(state),
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("opo_session=; Path=/; Max-Age=0"))
}

/// Finds the session behind the cookie, if any, for everything that follows. A request to the API
/// that carries a bearer token is that token's person, or refused when the token is not valid.
pub(crate) async fn load(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, WebError> {
    if request.uri().path().starts_with("/api/")
        && let Some(token) = bearer_token(request.headers())
    {
        let Some(user) = opo_app::api_tokens::authenticate(&state.app, token).await? else {
            return Err(WebError::Unauthenticated(
                "the API token is not valid: it may be mistyped or revoked, or its account deactivated".to_owned(),
            ));
        };
        request.extensions_mut().insert(Actor::Signed(user.role));
        let session = Session { user: Arc::new(user), token: String::new(), credential: Credential::ApiToken };
        request.extensions_mut().insert(session);
        let mut response = next.run(request).await;
        keep_private(&mut response);
        return Ok(response);
    }
    let token = read_cookie(request.headers(), cookie_name(&state)).map(str::to_owned);
    let mut stale = false;
    let mut signed_in = false;
    if let Some(token) = token.filter(|t| !t.is_empty()) {
        match opo_app::sessions::resume(&state.app, &token).await? {
            Some(user) => {
                signed_in = true;
                request.extensions_mut().insert(Actor::Signed(user.role));
                request.extensions_mut().insert(Session {
                    user: Arc::new(user),
                    token,
                    credential: Credential::Cookie,
                });
            }
            None => stale = true,
        }
    }
    let mut response = next.run(request).await;
    if signed_in {
        keep_private(&mut response);
    }
    if stale && !response.headers().contains_key(header::SET_COOKIE) {
        response.headers_mut().insert(header::SET_COOKIE, clear_cookie(&state));
    }
    Ok(response)
}

/// Marks an answer to a signed-in person as one no cache may keep, shared or the browser's own: it may
/// be personal, and a shared computer's next user must not find it in the history. An answer that says
/// it never changes (an asset at its hashed address) is the same for everyone and keeps its caching.
pub(crate) fn keep_private(response: &mut Response) {
    let immutable = response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("immutable"));
    if !immutable {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// The signed-in person, if any.
pub(crate) struct MaybeSession(pub Option<Session>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSession {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(parts.extensions.get::<Session>().cloned()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Session {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Session>().cloned().ok_or(WebError::SignInRequired)
    }
}

/// Where the request comes from: the client's address (`crate::client_ip`) and the browser's name.
pub(crate) struct ClientInfo(pub Client);

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ip = match parts.extensions.get::<crate::client_ip::ClientIp>() {
            Some(client) => client.0.to_string(),
            None => parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_default(),
        };
        // The browser's name is stored with the session: no control character goes with it.
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        Ok(Self(Client { ip, user_agent }))
    }
}

impl Session {
    /// The actor for the audit log.
    pub(crate) fn audit_actor(&self, client: &Client) -> opo_app::Actor {
        opo_app::Actor::user(&self.user, &client.ip)
    }
}
