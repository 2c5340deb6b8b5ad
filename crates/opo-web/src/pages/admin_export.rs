//! The admin's full export, downloaded from the admin's home page: every row of every table as one
//! JSON file. Taking it is written to the audit log, so it is a form sent with POST, never a link.

use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, Session};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

pub(crate) async fn download(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
) -> Result<Response, WebError> {
    let body = opo_app::admin_export::admin_export(&state.app, &session.audit_actor(&client)).await?;
    let day = crate::format::iso_date(state.app.clock.now().date());
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"opo-export-{day}.json\""))
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    // Personal data and hashes of secrets: kept by no cache on the way.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
