//! The contacts of an organization, on its record: the primary contact or the secretariat invites a
//! colleague, changes a contact's roles and removes one. The use cases decide who may.

use super::portal::{InviteState, render_organization};
use crate::AppState;
use crate::error::WebError;
use crate::form::Fields;
use crate::session::{ClientInfo, Session};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use opo_app::AppError;

fn back(slug: &str, what: &str) -> Response {
    Redirect::to(&format!("/portal/organizations/{slug}?contacts={what}#contacts")).into_response()
}

pub(crate) async fn invite(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let fields = Fields::parse(&body);
    let input = opo_app::contacts::Invitation {
        name: fields.one("name"),
        email: fields.one("email"),
        title: fields.one("title"),
        roles: fields.all("roles"),
    };
    let result =
        opo_app::contacts::invite(&state.app, &session.user, &slug, &input, &session.audit_actor(&client)).await;
    let t = crate::i18n::Tr::current();
    // A refused invitation comes back with what was typed and what to fix, on the record's page.
    let (status, problems) = match result {
        Ok(_) => return Ok(back(&slug, "invited")),
        Err(AppError::Invalid(problems)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            problems.iter().map(|p| (p.field.to_owned(), t.field_error(p))).collect(),
        ),
        Err(AppError::Conflict(clash)) => (StatusCode::CONFLICT, vec![("email".to_owned(), t.clash(&clash))]),
        Err(other) => return Err(other.into()),
    };
    let invite = InviteState { problems, name: input.name, email: input.email, title: input.title, roles: input.roles };
    let page = render_organization(&state, &session, slug, invite, None).await?;
    Ok((status, page).into_response())
}

pub(crate) async fn change(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path((slug, user_id)): Path<(String, i64)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let fields = Fields::parse(&body);
    let actor = session.audit_actor(&client);
    opo_app::contacts::change(
        &state.app,
        &session.user,
        &slug,
        user_id,
        &fields.all("roles"),
        &fields.one("title"),
        &actor,
    )
    .await?;
    Ok(back(&slug, "changed"))
}

pub(crate) async fn remove(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path((slug, user_id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    opo_app::contacts::remove(&state.app, &session.user, &slug, user_id, &session.audit_actor(&client)).await?;
    Ok(back(&slug, "removed"))
}
