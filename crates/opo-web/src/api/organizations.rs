//! Organizations for the staff and their own contacts: the roster (every organization by status, with
//! the same filters as `/secretariat/partners`), one organization's record, and its contacts (list,
//! invite, change roles, remove). The use cases decide who may do what with which organization.

use super::ApiJson;
use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, Session};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use opo_app::contacts::Contact;
use opo_app::organizations::RosterEntry;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

const TAG: &str = "organizations";

/// One contact of an organization.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ContactInfo {
    /// The contact's account.
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub title: String,
    /// Any of `primary`, `mail-poc`, `signer`, `communications`.
    pub roles: Vec<String>,
}

impl From<&Contact> for ContactInfo {
    fn from(c: &Contact) -> Self {
        Self {
            user_id: c.user_id,
            name: c.name.clone(),
            email: c.email.clone(),
            title: c.title.clone(),
            roles: c.roles.list().into_iter().map(|r| r.key().to_owned()).collect(),
        }
    }
}

/// One organization of the roster.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OrganizationInfo {
    pub slug: String,
    pub name: String,
    /// `prospect` (applying), `active`, `renewal-due`, `in-grace`, `lapsed`, `withdrawn` or `ended`.
    pub status: String,
    /// The day the latest agreement expires, like `2029-03-01`.
    pub agreement_expires_on: Option<String>,
    /// The day of the next check-in.
    pub next_check_in: Option<String>,
    /// The staff member the open check-in is assigned to.
    pub check_in_assignee: Option<String>,
    pub contacts: Vec<ContactInfo>,
}

impl From<&RosterEntry> for OrganizationInfo {
    fn from(e: &RosterEntry) -> Self {
        Self {
            slug: e.row.slug.clone(),
            name: e.row.name.clone(),
            status: e.row.status.key().to_owned(),
            agreement_expires_on: e.row.expires_on.map(|d| d.to_string()),
            next_check_in: e.next_checkin.map(|d| d.to_string()),
            check_in_assignee: e.row.assignee.as_ref().map(|(_, n)| n.clone()),
            contacts: e.contacts.iter().map(ContactInfo::from).collect(),
        }
    }
}

/// One page of the roster.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RosterPage {
    pub organizations: Vec<OrganizationInfo>,
    /// How many organizations match, on every page.
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

/// The roster of organizations, for the staff.
#[utoipa::path(
    get,
    path = "/api/v1/organizations",
    operation_id = "list_organizations",
    tag = TAG,
    params(
        ("status" = Option<String>, Query, description = "prospect, active, renewal-due, in-grace, lapsed, withdrawn or ended"),
        ("region" = Option<String>, Query, description = "africa, americas, asia, europe, oceania or antarctica"),
        ("assignee" = Option<i64>, Query, description = "The staff account the open check-in is assigned to"),
        ("q" = Option<String>, Query, description = "Part of the name or slug"),
        ("sort" = Option<String>, Query, description = "name, status, expiry or check-in"),
        ("order" = Option<String>, Query, description = "asc or desc"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "1 to 500; 50 by default"),
    ),
    responses((status = 200, description = "One page of the roster", body = RosterPage))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Result<Json<RosterPage>, WebError> {
    let query = crate::pages::roster::parse(raw.as_deref())?;
    let roster = opo_app::organizations::roster(&state.app, &session.user, &query, false).await?;
    Ok(Json(RosterPage {
        organizations: roster.entries.iter().map(OrganizationInfo::from).collect(),
        total: roster.total,
        page: query.page,
        per_page: query.per_page,
    }))
}

/// An organization and its contacts, for the staff and the organization's own contacts.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OrganizationDetail {
    pub slug: String,
    pub name: String,
    pub status: String,
    pub contacts: Vec<ContactInfo>,
    /// Whether the caller may invite, change and remove contacts.
    pub can_manage_contacts: bool,
}

/// One organization with its contacts.
#[utoipa::path(
    get,
    path = "/api/v1/organizations/{slug}",
    operation_id = "get_organization",
    tag = TAG,
    params(("slug" = String, Path, description = "The organization")),
    responses((status = 200, description = "The organization", body = OrganizationDetail))
)]
pub(crate) async fn detail(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Json<OrganizationDetail>, WebError> {
    let list = opo_app::contacts::list(&state.app, &session.user, &slug).await?;
    Ok(Json(OrganizationDetail {
        slug: list.organization.slug,
        name: list.organization.name,
        status: list.organization.status.key().to_owned(),
        contacts: list.contacts.iter().map(ContactInfo::from).collect(),
        can_manage_contacts: list.can_manage,
    }))
}

/// An organization's contacts.
#[utoipa::path(
    get,
    path = "/api/v1/organizations/{slug}/contacts",
    operation_id = "list_contacts",
    tag = TAG,
    params(("slug" = String, Path, description = "The organization")),
    responses((status = 200, description = "The contacts, primary contacts first", body = Vec<ContactInfo>))
)]
pub(crate) async fn contacts(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Json<Vec<ContactInfo>>, WebError> {
    let list = opo_app::contacts::list(&state.app, &session.user, &slug).await?;
    Ok(Json(list.contacts.iter().map(ContactInfo::from).collect()))
}

/// A colleague to invite as a contact.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct InviteBody {
    pub name: String,
    pub email: String,
    pub title: String,
    /// Any of `primary`, `mail-poc`, `signer`, `communications`.
    pub roles: Vec<String>,
}

/// The primary contact or the secretariat invites a colleague; the person is e-mailed a sign-in link
/// that opens the organization's record.
#[utoipa::path(
    post,
    path = "/api/v1/organizations/{slug}/contacts",
    operation_id = "invite_contact",
    tag = TAG,
    params(("slug" = String, Path, description = "The organization")),
    request_body = InviteBody,
    responses((status = 201, description = "The new contact", body = ContactInfo))
)]
pub(crate) async fn invite(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<InviteBody>,
) -> Result<(StatusCode, Json<ContactInfo>), WebError> {
    let input =
        opo_app::contacts::Invitation { name: body.name, email: body.email, title: body.title, roles: body.roles };
    let contact =
        opo_app::contacts::invite(&state.app, &session.user, &slug, &input, &session.audit_actor(&client)).await?;
    Ok((StatusCode::CREATED, Json(ContactInfo::from(&contact))))
}

/// A contact's roles and title, as they are to be.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct ChangeBody {
    pub title: String,
    pub roles: Vec<String>,
}

/// Changes a contact's roles and title; an organization always keeps one primary contact (409 otherwise).
#[utoipa::path(
    post,
    path = "/api/v1/organizations/{slug}/contacts/{user_id}",
    operation_id = "change_contact",
    tag = TAG,
    params(("slug" = String, Path, description = "The organization"), ("user_id" = i64, Path, description = "The contact's account")),
    request_body = ChangeBody,
    responses((status = 200, description = "The contact as changed", body = ContactInfo))
)]
pub(crate) async fn change(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path((slug, user_id)): Path<(String, i64)>,
    ApiJson(body): ApiJson<ChangeBody>,
) -> Result<Json<ContactInfo>, WebError> {
    let actor = session.audit_actor(&client);
    let contact =
        opo_app::contacts::change(&state.app, &session.user, &slug, user_id, &body.roles, &body.title, &actor).await?;
    Ok(Json(ContactInfo::from(&contact)))
}

/// Removes a contact from the organization (the account stays); the last primary contact stays.
#[utoipa::path(
    post,
    path = "/api/v1/organizations/{slug}/contacts/{user_id}/remove",
    operation_id = "remove_contact",
    tag = TAG,
    params(("slug" = String, Path, description = "The organization"), ("user_id" = i64, Path, description = "The contact's account")),
    responses((status = 204, description = "Removed"))
)]
pub(crate) async fn remove(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path((slug, user_id)): Path<(String, i64)>,
) -> Result<StatusCode, WebError> {
    opo_app::contacts::remove(&state.app, &session.user, &slug, user_id, &session.audit_actor(&client)).await?;
    Ok(StatusCode::NO_CONTENT)
}
