//! The probes: `/healthz` (liveness: is the process up and can it reach its database?) and `/readyz`
//! (readiness: should the load balancer send it traffic? Not while the schema is behind, the
//! database is away, or the instance is shutting down).

use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use opo_app::operations::Readiness;
use serde_json::{Value, json};

pub(crate) async fn check(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let backend = state.app.db.backend().name();
    match state.app.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok", "database": backend }))),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": backend })))
        }
    }
}

pub(crate) async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let backend = state.app.db.backend().name();
    if state.ops.lifecycle.is_draining() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "draining", "reason": "shutting down", "database": backend })),
        );
    }
    match opo_app::operations::readiness(&state.app).await {
        Readiness::Ready => (StatusCode::OK, Json(json!({ "status": "ready", "database": backend }))),
        not_ready => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "reason": not_ready.key(), "database": backend })),
        ),
    }
}
