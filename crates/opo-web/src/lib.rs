//! The HTTP surface of OPO Portal: the router (built from one table of routes, each guarded by an action
//! of the authorization policy), server-rendered pages, embedded assets, security headers, and the one
//! place where errors become responses.

mod api;
mod assets;
mod authz;
mod cache;
mod charts;
mod client_ip;
mod csrf;
mod error;
mod form;
mod format;
mod headers;
mod i18n;
mod input;
mod markdown;
mod metrics;
mod next;
mod operations;
mod pages;
mod routes;
mod session;
pub mod static_site;

pub use cache::POLL_INTERVAL as CACHE_POLL_INTERVAL;
pub use client_ip::parse_trusted_proxies;
pub use error::WebError;
pub use ipnet::IpNet;
pub use markdown::render as render_markdown;
pub use operations::{DEFAULT_HSTS_MAX_AGE, Lifecycle, ServeOptions};
pub use routes::{RouteEntry, route_table};

use axum::Router;
use opo_app::App;

/// What every handler receives.
#[derive(Debug, Clone)]
pub struct AppState {
    pub app: App,
    pub(crate) ops: operations::Operations,
}

/// Builds the whole application: every route, its guard, and the layers around them. `main` and every
/// test call this one function.
pub fn build_app(app: App) -> Router {
    build_app_with(app, ServeOptions::default())
}

/// [`build_app`] with what `opo serve` adds: the shutdown flag `/readyz` reads, and the metrics token.
pub fn build_app_with(app: App, options: ServeOptions) -> Router {
    let strict_transport = (app.settings.base_url.starts_with("https://") && options.hsts_max_age > 0)
        .then(|| headers::strict_transport(options.hsts_max_age));
    let state = AppState { app, ops: operations::Operations::new(options) };
    let state_for_metrics = state.clone();
    // The session is looked up before routing, so each route's policy guard knows who is asking;
    // the cross-site check runs first of all, before anything is read or written. Requests to the API
    // answer every error as problem details. Text from outside is checked before the cross-site check,
    // so nothing later ever sees a NUL or a control character in the address or the form.
    let router = routes::router()
        .route_layer(axum::middleware::from_fn(metrics::tag_route))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session::load))
        .layer(axum::middleware::from_fn_with_state(state.clone(), client_ip::layer))
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::check))
        .layer(axum::middleware::from_fn(input::check))
        .layer(axum::middleware::from_fn(api::problem::scope))
        .layer(axum::middleware::from_fn(i18n::scope))
        .layer(axum::middleware::from_fn(next::scope))
        .with_state(state);
    // Counted outermost, so every answer is timed and counted, refusals before routing included.
    // The page cache sits outside the security headers, so a cached page keeps them, and inside the
    // count, so answers from the cache are counted too.
    let page_cache = cache::PageCache::new(state_for_metrics.app.clone());
    headers::wrap(router, strict_transport)
        .layer(axum::middleware::from_fn_with_state(page_cache, cache::layer))
        .layer(axum::middleware::from_fn_with_state(state_for_metrics, metrics::count))
}
