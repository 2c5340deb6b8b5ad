//! Enforcing the authorization policy on each route.

use crate::error::WebError;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::MethodRouter;
use opo_domain::policy::{self, Action, Actor};

/// Wraps a route so that it runs only for actors the policy allows to take `action`.
pub(crate) fn guard<S>(route: MethodRouter<S>, action: Action) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    route.route_layer(middleware::from_fn(move |request: Request, next: Next| async move {
        // The session layer puts the signed-in actor here; without one the visitor is anonymous.
        let actor = request.extensions().get::<Actor>().copied().unwrap_or(Actor::Anonymous);
        if policy::allows(actor, action) {
            Ok::<Response, WebError>(next.run(request).await)
        } else if actor == Actor::Anonymous {
            Err(WebError::SignInRequired)
        } else {
            Err(WebError::Forbidden("your role does not allow this".to_owned()))
        }
    }))
}
