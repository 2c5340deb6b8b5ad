//! The table of routes. A route can only be added together with the policy action that guards it, so
//! no route escapes the authorization policy; tests walk the same table.

use crate::authz::guard;
use crate::pages::{health, landing, news, partners};
use crate::{AppState, assets, error};
use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodFilter, on};
use opo_domain::policy::Action;

/// One route as declared: method, path pattern and the action it performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteEntry {
    pub method: &'static str,
    pub path: &'static str,
    pub action: Action,
}

struct Routes {
    router: Router<AppState>,
    table: Vec<RouteEntry>,
}

impl Routes {
    fn get<H, T>(mut self, path: &'static str, action: Action, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.table.push(RouteEntry { method: "GET", path, action });
        // `on(GET)` answers HEAD too, as HTTP asks of every GET route.
        self.router = self.router.route(path, guard(on(MethodFilter::GET, handler), action));
        self
    }
}

fn routes() -> Routes {
    Routes { router: Router::new(), table: Vec::new() }
        .get("/", Action::ViewPublicSite, landing::page)
        .get("/partners", Action::ViewPublicSite, partners::list_page)
        .get("/partners/{slug}", Action::ViewPublicSite, partners::profile_page)
        .get("/partners/{slug}/logo", Action::ViewPublicSite, partners::logo)
        .get("/news/{slug}", Action::ViewPublicSite, news::post_page)
        .get("/assets/{file}", Action::ViewAssets, assets::serve)
        .get("/healthz", Action::CheckHealth, health::check)
}

pub(crate) fn router() -> Router<AppState> {
    routes().router.fallback(error::not_found)
}

/// Every declared route with its action.
pub fn route_table() -> Vec<RouteEntry> {
    routes().table
}
