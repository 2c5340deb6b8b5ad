//! The HTTP surface of OPO Portal: the router (built from one table of routes, each guarded by an action
//! of the authorization policy), server-rendered pages, embedded assets, security headers, and the one
//! place where errors become responses.

mod assets;
mod authz;
mod error;
mod format;
mod headers;
mod markdown;
mod pages;
mod routes;

pub use error::WebError;
pub use routes::{RouteEntry, route_table};

use axum::Router;
use opo_app::App;
use std::sync::Arc;

/// Settings of the web surface that pages need.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public address of the site, without a trailing slash; used in absolute links.
    pub base_url: String,
    /// The community that runs the program, as in "OpenHIE".
    pub community_name: String,
    /// Where people write to the secretariat.
    pub secretariat_email: String,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".to_owned(),
            community_name: "OpenHIE".to_owned(),
            secretariat_email: "secretariat@portal.example".to_owned(),
        }
    }
}

/// What every handler receives.
#[derive(Debug, Clone)]
pub struct AppState {
    pub app: App,
    pub config: Arc<WebConfig>,
}

/// Builds the whole application: every route, its guard, and the layers around them. `main` and every
/// test call this one function.
pub fn build_app(app: App, config: WebConfig) -> Router {
    let state = AppState { app, config: Arc::new(config) };
    headers::wrap(routes::router().with_state(state))
}
