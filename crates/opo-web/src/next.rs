//! Back to the page asked for: a sign-in started from an e-mailed link or from a "please sign in" page
//! carries the path it came from, and lands there once signed in. Only a path on this site is followed,
//! so the parameter cannot send anyone elsewhere.

use axum::extract::Request;
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

/// `raw` when it is a plain path of this site, else `None`: never a way to send people elsewhere. It
/// starts with one `/`; browsers drop tabs and line breaks from an address and read a backslash as a
/// slash (so `/\t/evil.example` would be `//evil.example`), so a path with any control character or
/// backslash is not taken, nor one a `Location` header cannot hold.
pub(crate) fn same_site_path(raw: &str) -> Option<&str> {
    let plain = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.chars().any(|c| c.is_control() || c == '\\')
        && HeaderValue::from_str(raw).is_ok();
    plain.then_some(raw)
}

/// A page to come back to once signed in: a plain path of this site of a sane length, and not a page of
/// signing in or out itself.
pub(crate) fn return_path(raw: &str) -> Option<String> {
    same_site_path(raw)
        .filter(|p| p.len() <= 2_000 && !p.starts_with("/sign-in") && !p.starts_with("/sign-out"))
        .map(str::to_owned)
}

/// `/sign-in`, with `next` when there is a page to come back to.
pub(crate) fn sign_in_url(next: Option<&str>) -> String {
    match next.and_then(return_path) {
        Some(path) => format!("/sign-in?next={}", form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()),
        None => "/sign-in".to_owned(),
    }
}

tokio::task_local! {
    /// The page being answered, when it is one a person could come back to (a GET).
    static REQUESTED: Option<String>;
}

/// Keeps the path of a GET request where the error page finds it, for its sign-in link.
pub(crate) async fn scope(request: Request, next: Next) -> Response {
    let requested = (request.method() == Method::GET)
        .then(|| request.uri().path_and_query().map(|p| p.as_str().to_owned()))
        .flatten()
        .and_then(|p| return_path(&p));
    REQUESTED.scope(requested, next.run(request)).await
}

/// The page being answered, if a sign-in should come back to it.
pub(crate) fn requested() -> Option<String> {
    REQUESTED.try_with(Clone::clone).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_on_this_site_is_followed() {
        assert_eq!(
            return_path("/portal/organizations/kijiji-health").as_deref(),
            Some("/portal/organizations/kijiji-health")
        );
        for hostile in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "/%09/x\t",
            "portal",
            "/a\nb",
            "/sign-in?next=/x",
        ] {
            assert_eq!(return_path(hostile), None, "{hostile:?}");
        }
        assert_eq!(sign_in_url(Some("/portal?x=1&y=2")), "/sign-in?next=%2Fportal%3Fx%3D1%26y%3D2");
        assert_eq!(sign_in_url(Some("//evil.example")), "/sign-in");
    }
}
