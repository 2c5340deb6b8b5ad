//! Back to the page asked for: a sign-in started from an e-mailed link or from a "please sign in" page
//! carries the path it came from, and lands there once signed in. Only a path on this site is followed,
//! so the parameter cannot send anyone elsewhere.

use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

/// `raw` when it is a path on this site: it starts with one `/`, has no backslash (browsers read `/\`
/// as `//`), no control character and no scheme, and is of a sane length.
pub(crate) fn same_site_path(raw: &str) -> Option<String> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(char::is_control)
        && raw.len() <= 2_000
        && !raw.starts_with("/sign-in")
        && !raw.starts_with("/sign-out");
    ok.then(|| raw.to_owned())
}

/// `/sign-in`, with `next` when there is a page to come back to.
pub(crate) fn sign_in_url(next: Option<&str>) -> String {
    match next.and_then(same_site_path) {
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
        .and_then(|p| same_site_path(&p));
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
            same_site_path("/portal/organizations/kijiji-health").as_deref(),
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
            assert_eq!(same_site_path(hostile), None, "{hostile:?}");
        }
        assert_eq!(sign_in_url(Some("/portal?x=1&y=2")), "/sign-in?next=%2Fportal%3Fx%3D1%26y%3D2");
        assert_eq!(sign_in_url(Some("//evil.example")), "/sign-in");
    }
}
