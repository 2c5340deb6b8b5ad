//! Protection against cross-site request forgery: a request that changes state must come from a page
//! of this site. Browsers say where a request comes from in `Sec-Fetch-Site` and `Origin`; a request
//! that says it comes from elsewhere, or says nothing at all, is refused before any handler runs.
//!
//! Two kinds of request carry no credential a browser would add by itself, so a forged one could not
//! act as anybody, and they pass: a request to the API with an API token (`Authorization: Bearer`) and
//! no cookie at all, and the forum's webhook, which its HMAC signature authenticates.

use crate::AppState;
use crate::error::WebError;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;

fn origin_of(url: &str) -> &str {
    match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or(url, |j| &url[..i + 3 + j]),
        None => url,
    }
}

/// The forum's webhook, which is signed instead.
const WEBHOOK: &str = "/webhooks/discourse";

pub(crate) async fn check(State(state): State<AppState>, request: Request, next: Next) -> Result<Response, WebError> {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(next.run(request).await);
    }
    let headers = request.headers();
    let path = request.uri().path();
    if path == WEBHOOK
        || (path.starts_with("/api/")
            && crate::session::bearer_token(headers).is_some()
            && !headers.contains_key(header::COOKIE))
    {
        return Ok(next.run(request).await);
    }
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let own_origin = origin_of(&state.app.settings.base_url);
    let same_site = match (fetch_site, origin) {
        (Some(site), _) if site != "same-origin" => false,
        (_, Some(origin)) => {
            origin == own_origin || host.is_some_and(|h| origin.split_once("://").is_some_and(|(_, rest)| rest == h))
        }
        (Some(_), None) => true,
        (None, None) => false,
    };
    if same_site {
        Ok(next.run(request).await)
    } else {
        tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-site request refused");
        Err(WebError::CrossSite)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_of_a_base_url_is_its_scheme_and_host() {
        assert_eq!(origin_of("https://portal.example.org"), "https://portal.example.org");
        assert_eq!(origin_of("https://portal.example.org/opo"), "https://portal.example.org");
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }
}
