//! Who is asking, and API tokens: created for the signed-in person, or in exchange for a one-time
//! sign-in link (as e-mailed), so an applicant can use the API without ever opening a browser.

use super::ApiJson;
use super::schema::{LinkExchange, Me, NewToken, TokenInfo, TokenRequest};
use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, Session};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

const TAG: &str = "accounts";

/// The person the request acts as.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    operation_id = "get_me",
    tag = TAG,
    responses((status = 200, description = "The signed-in person", body = Me))
)]
pub(crate) async fn me(session: Session) -> Json<Me> {
    Json(Me::from(session.user.as_ref()))
}

/// The signed-in person's API tokens (never the tokens themselves).
#[utoipa::path(
    get,
    path = "/api/v1/tokens",
    operation_id = "list_tokens",
    tag = TAG,
    responses((status = 200, description = "The tokens", body = Vec<TokenInfo>))
)]
pub(crate) async fn list_tokens(
    State(state): State<AppState>,
    session: Session,
) -> Result<Json<Vec<TokenInfo>>, WebError> {
    let tokens = opo_app::api_tokens::list(&state.app, &session.user).await?;
    Ok(Json(tokens.iter().map(TokenInfo::from).collect()))
}

/// A new API token for the signed-in person; the answer is the only time it is shown.
#[utoipa::path(
    post,
    path = "/api/v1/tokens",
    tag = TAG,
    request_body = TokenRequest,
    responses((status = 201, description = "The new token", body = NewToken))
)]
pub(crate) async fn create_token(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    ApiJson(body): ApiJson<TokenRequest>,
) -> Result<(StatusCode, Json<NewToken>), WebError> {
    let token =
        opo_app::api_tokens::create(&state.app, &session.user, &body.name, &session.audit_actor(&client)).await?;
    let answer = NewToken {
        name: body.name.trim().to_owned(),
        token,
        token_type: "Bearer",
        user: Me::from(session.user.as_ref()),
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

/// Revokes one of the signed-in person's tokens; it stops working at once.
#[utoipa::path(
    post,
    path = "/api/v1/tokens/{id}/revoke",
    tag = TAG,
    params(("id" = i64, Path, description = "The token")),
    responses((status = 204, description = "Revoked"))
)]
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    opo_app::api_tokens::revoke(&state.app, &session.user, id, &session.audit_actor(&client)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Exchanges a one-time sign-in link's token (as e-mailed, e.g. after `POST /api/v1/interest`) for an
/// API token. The link is used up; attempts are limited like signing in.
#[utoipa::path(
    post,
    path = "/api/v1/auth/link",
    operation_id = "exchange_sign_in_link",
    tag = TAG,
    request_body = LinkExchange,
    responses((status = 201, description = "The new token", body = NewToken))
)]
pub(crate) async fn exchange_link(
    State(state): State<AppState>,
    ClientInfo(client): ClientInfo,
    ApiJson(body): ApiJson<LinkExchange>,
) -> Result<(StatusCode, Json<NewToken>), WebError> {
    let (token, user) = opo_app::api_tokens::create_from_link(&state.app, &body.token, &body.name, &client).await?;
    let answer = NewToken { name: body.name.trim().to_owned(), token, token_type: "Bearer", user: Me::from(&user) };
    Ok((StatusCode::CREATED, Json(answer)))
}
