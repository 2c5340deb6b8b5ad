//! Layers every response passes through: security headers, compression, tracing, a time limit, and
//! turning a panic into a plain 500 instead of a dropped connection.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The content security policy of every page: nothing inline, nothing from elsewhere, no framing.
pub(crate) const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// The content security policy of the pages other sites may frame (the embeddable logo wall).
pub(crate) const FRAMABLE_CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; \
     object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *";

/// Marks a response that other sites may embed: it keeps [`FRAMABLE_CSP`] and gets no
/// `X-Frame-Options` or same-origin resource policy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Embeddable;

async fn frame_and_share(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let mut response = next.run(request).await;
    let embeddable = response.extensions().get::<Embeddable>().is_some();
    let headers = response.headers_mut();
    if embeddable {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(FRAMABLE_CSP));
        headers
            .insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("cross-origin"));
    } else {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        // A resource meant for other sites (a logo) says so itself.
        headers
            .entry(HeaderName::from_static("cross-origin-resource-policy"))
            .or_insert(HeaderValue::from_static("same-origin"));
    }
    response
}

/// The `Strict-Transport-Security` of a site served over HTTPS: browsers that saw it once never ask for
/// the site over plain HTTP again, for `max_age` seconds.
pub(crate) fn strict_transport(max_age: u64) -> HeaderValue {
    HeaderValue::from_str(&format!("max-age={max_age}; includeSubDomains"))
        .unwrap_or_else(|_| HeaderValue::from_static("max-age=31536000; includeSubDomains"))
}

pub(crate) fn wrap(router: Router, strict_transport: Option<HeaderValue>) -> Router {
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"),
    ];
    // Layers added later wrap the earlier ones: the headers go on last so that even a panic's 500 or a
    // timeout carries them.
    let mut router = router
        .layer(CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        // A handler that sets its own policy (an SVG logo) keeps it.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PAGE_CSP),
        ))
        // So does one that sets a stricter referrer policy (the sign-in link page).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ));
    for (name, value) in fixed {
        router = router.layer(SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value)));
    }
    if let Some(value) = strict_transport {
        router = router.layer(SetResponseHeaderLayer::overriding(header::STRICT_TRANSPORT_SECURITY, value));
    }
    router.layer(axum::middleware::from_fn(frame_and_share))
}
