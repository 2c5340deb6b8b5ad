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

/// An origin as browsers compare it: scheme, host and port, the port written out even when it is the
/// scheme's default, letters in lower case. `None` for anything that is not `scheme://host[:port]`.
fn parts_of(origin: &str) -> Option<(String, String, u16)> {
    let (scheme, rest) = origin.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, port.parse().ok()?),
        _ => (rest, default_port),
    };
    if host.is_empty() || host.contains(['/', '@', '?', '#']) {
        return None;
    }
    Some((scheme, host.to_ascii_lowercase(), port))
}

/// Whether the browser's `Origin` is this site: the base URL's origin, or, when the site is reached under
/// another name (the `Host` the request was sent to), that host with the base URL's scheme. Scheme, host
/// and port must all be equal.
fn is_own_origin(origin: &str, base_url: &str, host: Option<&str>) -> bool {
    let Some(sent) = parts_of(origin) else { return false };
    let own_origin = origin_of(base_url);
    if parts_of(own_origin).is_some_and(|own| own == sent) {
        return true;
    }
    let scheme = own_origin.split_once("://").map_or("http", |(scheme, _)| scheme);
    host.and_then(|h| parts_of(&format!("{scheme}://{h}"))).is_some_and(|reached| reached == sent)
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
    let same_site = match (fetch_site, origin) {
        (Some(site), _) if site != "same-origin" => false,
        // A page sent with `Referrer-Policy: no-referrer` (the sign-in link page) makes the browser send
        // `Origin: null` with its form; `Sec-Fetch-Site`, which no page can set, still says same-origin.
        (Some(_), Some("null")) => true,
        (_, Some(origin)) => is_own_origin(origin, &state.app.settings.base_url, host),
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

    #[test]
    fn an_origin_is_this_site_only_with_the_same_scheme_host_and_port() {
        let base = "https://portal.example.org";
        let host = Some("portal.example.org");
        for own in ["https://portal.example.org", "https://Portal.Example.org:443"] {
            assert!(is_own_origin(own, base, host), "{own}");
        }
        for other in [
            "http://portal.example.org",
            "ftp://portal.example.org",
            "https://portal.example.org:8443",
            "https://portal.example.org.evil.example",
            "https://evil.example",
            "null",
        ] {
            assert!(!is_own_origin(other, base, host), "{other}");
        }
        assert!(is_own_origin("http://127.0.0.1:8080", "http://127.0.0.1:8080", Some("127.0.0.1:8080")));
        assert!(!is_own_origin("http://127.0.0.1:9090", "http://127.0.0.1:8080", Some("127.0.0.1:8080")));
        assert!(
            is_own_origin("https://alias.example.org", base, Some("alias.example.org")),
            "another name of the site, with the base URL's scheme"
        );
        assert!(!is_own_origin("http://alias.example.org", base, Some("alias.example.org")));
    }
}
