//! The REST API under `/api/v1`: every step of the partnership workflow, so another system can drive
//! it from the expression of interest to the announcement; the showcase posts; and the forum's webhook.
//! Each route is in the route table with the policy action that guards it, like every page; the answers
//! are JSON, and every error is a problem details document (see [`problem`]). The OpenAPI document is
//! generated from the handlers' annotations (see [`openapi`]).
//!
//! Who is asking: an API token (`Authorization: Bearer opo_…`, see `session::load`), or the session
//! cookie of a page of this site.

mod accounts;
mod agreements;
mod applications;
mod openapi;
mod organizations;
mod partners;
mod posts;
pub(crate) mod problem;
mod schema;
mod webhooks;

use crate::AppState;
use crate::error::WebError;
use crate::routes::Routes;
use crate::session::Session;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use opo_app::applications::Application;
use opo_domain::partners::FieldError;
use opo_domain::policy::{self, Action, Actor};
use serde::de::DeserializeOwned;

pub(crate) fn routes(routes: Routes) -> Routes {
    use applications as a;
    // The paths are spelled out in full, as the OpenAPI annotations of the handlers name them; a test
    // checks that the document has every route of this table.
    routes
        .get("/api/v1/openapi.json", Action::ViewPublicSite, openapi::document)
        .get("/api/v1/me", Action::ManageOwnAccount, accounts::me)
        .get("/api/v1/tokens", Action::ManageOwnAccount, accounts::list_tokens)
        .post("/api/v1/tokens", Action::ManageOwnAccount, accounts::create_token)
        .post("/api/v1/tokens/{id}/revoke", Action::ManageOwnAccount, accounts::revoke_token)
        .post("/api/v1/auth/link", Action::SignIn, accounts::exchange_link)
        .post("/api/v1/interest", Action::ExpressInterest, a::interest)
        .get("/api/v1/agreement", Action::ViewPublicSite, agreements::current)
        .get("/api/v1/signatures/{code}", Action::ViewPublicSite, agreements::verify)
        .get("/api/v1/partners", Action::ViewPublicSite, partners::list)
        .get("/api/v1/partners/{slug}", Action::ViewPublicSite, partners::detail)
        .post("/api/v1/partners/{slug}/posts", Action::SubmitPost, posts::submit)
        .post("/api/v1/posts", Action::EditPosts, posts::create)
        .get("/api/v1/posts/{id}", Action::EditPosts, posts::detail)
        .post("/api/v1/posts/{id}/publish", Action::EditPosts, posts::publish)
        .get("/api/v1/applications", Action::ViewOrganizationRecord, a::list)
        .get("/api/v1/applications/{id}", Action::ViewOrganizationRecord, a::detail)
        .post("/api/v1/applications/{id}/contact", Action::ManageApplications, a::set_contact)
        .post("/api/v1/applications/{id}/call", Action::ManageApplications, a::schedule_call)
        .post("/api/v1/applications/{id}/call-notes", Action::ManageApplications, a::record_call)
        .post("/api/v1/applications/{id}/invite", Action::ManageApplications, a::invite)
        .post("/api/v1/applications/{id}/form", Action::ApplyForOrganization, a::save_form)
        .post("/api/v1/applications/{id}/logo", Action::ApplyForOrganization, a::upload_logo)
        .post("/api/v1/applications/{id}/agreement", Action::ApplyForOrganization, agreements::sign)
        .post("/api/v1/applications/{id}/submit", Action::ApplyForOrganization, a::submit)
        .post("/api/v1/applications/{id}/send-to-committee", Action::ManageApplications, a::send_to_committee)
        .post("/api/v1/applications/{id}/votes", Action::VoteOnApplications, a::vote)
        .post("/api/v1/applications/{id}/info-requests", Action::ReviewApplications, a::request_info)
        .post("/api/v1/applications/{id}/info-requests/answer", Action::ApplyForOrganization, a::answer)
        .post("/api/v1/applications/{id}/decision", Action::ManageApplications, a::decide)
        .post("/api/v1/applications/{id}/page/draft", Action::ManageApplications, a::draft_page)
        // The partner and the secretariat both propose versions and comment: the guard lets through
        // whoever may see the organization's record, and the handler asks the policy which of the two
        // the caller is (a committee member is neither).
        .post("/api/v1/applications/{id}/page/versions", Action::ViewOrganizationRecord, a::propose_version)
        .post("/api/v1/applications/{id}/page/versions/{n}/comments", Action::ViewOrganizationRecord, a::comment)
        .post("/api/v1/applications/{id}/page/versions/{n}/approve", Action::ApplyForOrganization, a::approve_version)
        .get("/api/v1/applications/{id}/page/compare", Action::ViewOrganizationRecord, a::compare)
        .post("/api/v1/applications/{id}/announce", Action::ManageApplications, a::announce)
        .post("/api/v1/applications/{id}/withdraw", Action::ApplyForOrganization, a::withdraw)
        .post("/api/v1/applications/{id}/decline", Action::ManageApplications, a::decline)
        .get("/api/v1/organizations", Action::ViewRoster, organizations::list)
        .get("/api/v1/organizations/{slug}", Action::ViewOrganizationRecord, organizations::detail)
        .get("/api/v1/organizations/{slug}/contacts", Action::ViewOrganizationRecord, organizations::contacts)
        .post("/api/v1/organizations/{slug}/contacts", Action::ManageContacts, organizations::invite)
        .post("/api/v1/organizations/{slug}/contacts/{user_id}", Action::ManageContacts, organizations::change)
        .post("/api/v1/organizations/{slug}/contacts/{user_id}/remove", Action::ManageContacts, organizations::remove)
        .post("/webhooks/discourse", Action::ExpressInterest, webhooks::discourse)
}

/// The application `id`, if the caller may take `action` on it: a partner contact only on an
/// application of their own organization. (The use cases check ownership once more.)
pub(crate) async fn application_for(
    state: &AppState,
    session: &Session,
    id: i64,
    action: Action,
) -> Result<Application, WebError> {
    let application = opo_app::applications::find(&state.app, id).await?;
    let actor = Actor::Signed(session.user.role);
    if policy::allows_on(actor, &session.user.organizations, action, application.organization_id) {
        Ok(application)
    } else {
        Err(WebError::Forbidden(format!("application {id} is another organization's application")))
    }
}

/// A JSON body, refused as a problem (400 for what is not JSON, 422 for JSON of the wrong shape).
pub(crate) struct ApiJson<T>(pub T);

/// A JSON body that may be left out: an empty body is the default value.
pub(crate) struct OptionalJson<T>(pub T);

async fn body_of<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, WebError> {
    let json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .is_some_and(|mime| {
            mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
        });
    let bytes = Bytes::from_request(request, state).await.map_err(|e| WebError::BadRequest(e.body_text()))?;
    if !bytes.iter().all(u8::is_ascii_whitespace) && !json {
        return Err(WebError::BadRequest(
            "send the body as JSON, with the header Content-Type: application/json".to_owned(),
        ));
    }
    Ok(bytes)
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WebError> {
    serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => {
            WebError::Invalid(vec![FieldError::new("body", "bad-body", e.to_string())])
        }
        _ => WebError::BadRequest(format!("the body is not valid JSON ({e})")),
    })
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = body_of(request, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(WebError::BadRequest("this request needs a JSON body; see /api/v1/openapi.json".to_owned()));
        }
        parse(&bytes).map(Self)
    }
}

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for OptionalJson<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = body_of(request, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) { Ok(Self(T::default())) } else { parse(&bytes).map(Self) }
    }
}
