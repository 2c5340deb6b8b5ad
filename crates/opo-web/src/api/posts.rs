//! Showcase posts: the secretariat writes, reads and publishes them, and a partner contact submits a
//! draft about their organization, as the pages do, so a partner's own website or the secretariat's
//! tools can feed the showcase.

use super::ApiJson;
use super::schema::ts;
use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, Session};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use opo_app::showcase::Draft;
use opo_domain::partners::FieldError;
use opo_domain::policy::{self, Action, Actor};
use opo_domain::posts::{PostInput, PostStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

const TAG: &str = "posts";

/// A post to write. A webinar also needs its day and time (UTC).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct PostBody {
    /// `announcement`, `blog`, `impact-story`, `thought-piece` or `webinar`.
    #[schema(example = "impact-story")]
    pub kind: String,
    pub title: String,
    /// One or two sentences for the lists and feeds.
    pub summary: String,
    /// The text, in Markdown.
    pub body: String,
    /// A webinar's day, like `2026-12-16`.
    pub event_date: String,
    /// A webinar's starting time in UTC, like `14:00`.
    pub event_time: String,
    /// Where to join a webinar.
    pub join_url: String,
    /// The slug of a partner the post features (secretariat only; a partner's post features its own
    /// organization).
    pub partner: String,
    /// A partner's consent to be featured in this kind of post, given with the submission.
    pub consent: bool,
}

impl PostBody {
    fn input(&self) -> PostInput {
        PostInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            event_date: self.event_date.clone(),
            event_time: self.event_time.clone(),
            join_url: self.join_url.clone(),
        }
    }
}

/// A post as the secretariat sees it, draft or published.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PostInfo {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    /// `draft` or `published`.
    pub status: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// When a webinar starts (RFC 3339).
    pub event_starts_at: Option<String>,
    pub join_url: Option<String>,
    pub published_at: Option<String>,
    /// The address of the public page, once published.
    pub url: Option<String>,
    /// The slugs of the partners it features.
    pub partners: Vec<String>,
    pub updated_at: String,
}

impl PostInfo {
    fn new(draft: Draft, base_url: &str) -> Self {
        let published = draft.status == PostStatus::Published;
        Self {
            url: published.then(|| format!("{}/news/{}", base_url.trim_end_matches('/'), draft.slug)),
            id: draft.id,
            kind: draft.kind.key().to_owned(),
            status: draft.status.key().to_owned(),
            title: draft.title,
            summary: draft.summary,
            body: draft.body,
            event_starts_at: draft.event_starts_at.map(ts),
            join_url: draft.join_url,
            published_at: draft.published_at.map(ts),
            partners: draft.partners.into_iter().map(|(_, slug, _)| slug).collect(),
            updated_at: ts(draft.updated_at),
            slug: draft.slug,
        }
    }
}

async fn answer(state: &AppState, id: i64) -> Result<Json<PostInfo>, WebError> {
    let draft = opo_app::showcase::find(&state.app, id).await?;
    Ok(Json(PostInfo::new(draft, &state.app.settings.base_url)))
}

/// The secretariat writes a post, as a draft; it is public once published.
#[utoipa::path(
    post,
    path = "/api/v1/posts",
    operation_id = "create_post",
    tag = TAG,
    request_body = PostBody,
    responses((status = 201, description = "The draft", body = PostInfo))
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    ApiJson(body): ApiJson<PostBody>,
) -> Result<(StatusCode, Json<PostInfo>), WebError> {
    if body.consent {
        let message = "a partner gives its consent with its own submission, or on its consent page";
        return Err(WebError::Invalid(vec![FieldError::new("consent", "consent-not-here", message)]));
    }
    let actor = session.audit_actor(&client);
    let id = opo_app::showcase::create(&state.app, &body.input(), Some(&body.partner), &actor).await?;
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}

/// A post, draft or published.
#[utoipa::path(
    get,
    path = "/api/v1/posts/{id}",
    operation_id = "get_post",
    tag = TAG,
    params(("id" = i64, Path, description = "The post")),
    responses((status = 200, description = "The post", body = PostInfo))
)]
pub(crate) async fn detail(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Json<PostInfo>, WebError> {
    answer(&state, id).await
}

/// Publishes a draft, if every partner it features has consented to this kind of post (409 names the
/// ones that have not).
#[utoipa::path(
    post,
    path = "/api/v1/posts/{id}/publish",
    operation_id = "publish_post",
    tag = TAG,
    params(("id" = i64, Path, description = "The post")),
    responses((status = 200, description = "The published post", body = PostInfo))
)]
pub(crate) async fn publish(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Json<PostInfo>, WebError> {
    opo_app::showcase::publish(&state.app, id, &session.audit_actor(&client)).await?;
    answer(&state, id).await
}

/// A partner contact submits a draft about their organization (the secretariat may too, for any
/// partner); the secretariat is told and publishes it.
#[utoipa::path(
    post,
    path = "/api/v1/partners/{slug}/posts",
    operation_id = "submit_post",
    tag = TAG,
    params(("slug" = String, Path, description = "The partner")),
    request_body = PostBody,
    responses((status = 201, description = "The draft", body = PostInfo))
)]
pub(crate) async fn submit(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<PostBody>,
) -> Result<(StatusCode, Json<PostInfo>), WebError> {
    let record = opo_app::partners::record(&state.app, &slug).await?;
    let actor = Actor::Signed(session.user.role);
    if !policy::allows_on_organization(
        actor,
        &session.user.organizations,
        Action::SubmitPost,
        record.id,
        record.card.status,
    ) {
        return Err(WebError::Forbidden(format!("{slug} is another organization")));
    }
    let partner = body.partner.trim();
    if !partner.is_empty() && partner != slug {
        let message = format!("a post submitted for {slug} features {slug}; leave out partner");
        return Err(WebError::Invalid(vec![FieldError::new("partner", "partner-is-path", message)]));
    }
    let audit = session.audit_actor(&client);
    let id = opo_app::showcase::submit(&state.app, &session.user, &slug, &body.input(), body.consent, &audit).await?;
    Ok((StatusCode::CREATED, answer(&state, id).await?))
}
