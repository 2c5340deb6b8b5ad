//! Showcase posts behind the sign-in: partners write drafts and give consent to be featured; the
//! secretariat edits and publishes.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::Tr;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::AppError;
use opo_app::partners::Record;
use opo_app::showcase::Draft;
use opo_domain::partners::FieldError;
use opo_domain::policy::{self, Action, Actor};
use opo_domain::posts::{ConsentScope, PostInput, PostKind, PostStatus};
use serde::Deserialize;

/// The organization with this slug, if the signed-in person may take `action` on it.
async fn organization(state: &AppState, session: &Session, slug: &str, action: Action) -> Result<Record, WebError> {
    let record = opo_app::partners::record(&state.app, slug).await?;
    let actor = Actor::Signed(session.user.role);
    if policy::allows_on_organization(actor, &session.user.organizations, action, record.id, record.card.status) {
        Ok(record)
    } else {
        Err(WebError::Forbidden("this is another organization's".to_owned()))
    }
}

pub(crate) struct PostRow {
    pub title: String,
    pub kind: String,
    pub status: String,
    pub when: String,
    pub public_url: Option<String>,
    pub edit_url: Option<String>,
}

fn row(draft: &Draft, editable: bool) -> PostRow {
    PostRow {
        title: draft.title.clone(),
        kind: Tr::current().post_kind(draft.kind),
        status: Tr::current().get(match draft.status {
            PostStatus::Draft => "post-status-draft",
            PostStatus::Published => "post-status-published",
            PostStatus::Archived => "post-status-archived",
        }),
        when: format::date_time_utc(draft.updated_at),
        public_url: (draft.status == PostStatus::Published).then(|| format!("/news/{}", draft.slug)),
        edit_url: editable.then(|| format!("/secretariat/posts/{}", draft.id)),
    }
}

#[derive(Template)]
#[template(path = "posts/list.html")]
struct ListPage {
    layout: Layout,
    heading: String,
    rows: Vec<PostRow>,
    new_url: String,
    notice: Option<String>,
}

pub(crate) async fn portal_list(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Html<String>, WebError> {
    let record = organization(&state, &session, &slug, Action::SubmitPost).await?;
    let drafts = opo_app::showcase::of_organization(&state.app, record.id).await?;
    let page = ListPage {
        layout: Layout::new(
            &state,
            format!("Posts — {}", record.card.name),
            "",
            &format!("/portal/organizations/{slug}/posts"),
        )
        .for_session(Some(&session)),
        heading: format!("Posts about {}", record.card.name),
        rows: drafts.iter().map(|d| row(d, false)).collect(),
        new_url: format!("/portal/organizations/{slug}/posts/new"),
        notice: None,
    };
    Ok(Html(page.render()?))
}

#[derive(Template)]
#[template(path = "posts/form.html")]
struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    form: PostForm,
    errors: Vec<FieldError>,
    kinds: Vec<(&'static str, String)>,
    /// A partner's form asks for consent; the secretariat's names the partner.
    partner_form: bool,
    published: bool,
    consent_notes: Vec<String>,
    publish_url: Option<String>,
    unpublish_url: Option<String>,
    notice: Option<String>,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct PostForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    event_date: String,
    #[serde(default)]
    event_time: String,
    #[serde(default)]
    join_url: String,
    #[serde(default)]
    consent: Option<String>,
    #[serde(default)]
    partner: String,
}

impl PostForm {
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

    fn from_draft(draft: &Draft) -> Self {
        Self {
            kind: draft.kind.key().to_owned(),
            title: draft.title.clone(),
            summary: draft.summary.clone(),
            body: draft.body.clone(),
            event_date: draft.event_starts_at.map(|at| format::iso_date(at.date())).unwrap_or_default(),
            event_time: draft
                .event_starts_at
                .map(|at| format!("{:02}:{:02}", at.hour(), at.minute()))
                .unwrap_or_default(),
            join_url: draft.join_url.clone().unwrap_or_default(),
            consent: None,
            partner: String::new(),
        }
    }
}

fn kinds() -> Vec<(&'static str, String)> {
    PostKind::ALL.iter().map(|k| (k.key(), Tr::current().post_kind(*k))).collect()
}

fn form_page(
    layout: Layout,
    heading: String,
    action: String,
    form: PostForm,
    errors: Vec<FieldError>,
    partner_form: bool,
) -> FormPage {
    FormPage {
        layout,
        heading,
        action,
        form,
        errors,
        kinds: kinds(),
        partner_form,
        published: false,
        consent_notes: Vec::new(),
        publish_url: None,
        unpublish_url: None,
        notice: None,
    }
}

pub(crate) async fn portal_new(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Html<String>, WebError> {
    let record = organization(&state, &session, &slug, Action::SubmitPost).await?;
    let path = format!("/portal/organizations/{slug}/posts/new");
    let layout = Layout::new(&state, Tr::current().get("posts-write"), "", &path).for_session(Some(&session));
    let form = PostForm { kind: "blog".to_owned(), ..PostForm::default() };
    let page = form_page(
        layout,
        Tr::current().args("posts-write-about", &[("name", record.card.name.as_str().into())]),
        format!("/portal/organizations/{slug}/posts"),
        form,
        Vec::new(),
        true,
    );
    Ok(Html(page.render()?))
}

pub(crate) async fn portal_submit(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    Form(form): Form<PostForm>,
) -> Result<Response, WebError> {
    let record = organization(&state, &session, &slug, Action::SubmitPost).await?;
    let consent = form.consent.is_some();
    match opo_app::showcase::submit(
        &state.app,
        &session.user,
        &slug,
        &form.input(),
        consent,
        &session.audit_actor(&client),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/portal/organizations/{slug}/posts")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = crate::i18n::Tr::current().worded(errors);
            let layout = Layout::new(
                &state,
                Tr::current().get("posts-write"),
                "",
                &format!("/portal/organizations/{slug}/posts/new"),
            )
            .for_session(Some(&session));
            let page = form_page(
                layout,
                Tr::current().args("posts-write-about", &[("name", record.card.name.as_str().into())]),
                format!("/portal/organizations/{slug}/posts"),
                form,
                errors,
                true,
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct ConsentForm {
    #[serde(default)]
    scope: String,
}

pub(crate) async fn give_consent(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    Form(form): Form<ConsentForm>,
) -> Result<Response, WebError> {
    let record = organization(&state, &session, &slug, Action::ManageConsent).await?;
    opo_app::showcase::give_consent(
        &state.app,
        record.id,
        &form.scope,
        &session.user.email,
        &session.audit_actor(&client),
    )
    .await?;
    Ok(Redirect::to(&format!("/portal/organizations/{slug}#consent")).into_response())
}

pub(crate) async fn withdraw_consent(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let record = organization(&state, &session, &slug, Action::ManageConsent).await?;
    opo_app::showcase::withdraw_consent(&state.app, record.id, id, &session.audit_actor(&client)).await?;
    Ok(Redirect::to(&format!("/portal/organizations/{slug}#consent")).into_response())
}

pub(crate) async fn staff_list(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    let drafts = opo_app::showcase::all(&state.app).await?;
    let page = ListPage {
        layout: Layout::new(&state, "Posts", "", "/secretariat/posts").for_session(Some(&session)),
        heading: "Posts".to_owned(),
        rows: drafts.iter().map(|d| row(d, true)).collect(),
        new_url: "/secretariat/posts/new".to_owned(),
        notice: None,
    };
    Ok(Html(page.render()?))
}

pub(crate) async fn staff_new(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    let layout =
        Layout::new(&state, Tr::current().get("posts-write"), "", "/secretariat/posts/new").for_session(Some(&session));
    let form = PostForm { kind: "blog".to_owned(), ..PostForm::default() };
    Ok(Html(
        form_page(layout, Tr::current().get("posts-write"), "/secretariat/posts".to_owned(), form, Vec::new(), false)
            .render()?,
    ))
}

pub(crate) async fn staff_create(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Form(form): Form<PostForm>,
) -> Result<Response, WebError> {
    match opo_app::showcase::create(&state.app, &form.input(), Some(&form.partner), &session.audit_actor(&client)).await
    {
        Ok(id) => Ok(Redirect::to(&format!("/secretariat/posts/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = crate::i18n::Tr::current().worded(errors);
            let layout = Layout::new(&state, Tr::current().get("posts-write"), "", "/secretariat/posts/new")
                .for_session(Some(&session));
            let page = form_page(
                layout,
                Tr::current().get("posts-write"),
                "/secretariat/posts".to_owned(),
                form,
                errors,
                false,
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn edit_page(
    state: &AppState,
    session: &Session,
    draft: &Draft,
    form: PostForm,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<FormPage, WebError> {
    let path = format!("/secretariat/posts/{}", draft.id);
    let layout = Layout::new(state, format!("Edit: {}", draft.title), "", &path).for_session(Some(session));
    let mut page = form_page(layout, format!("Edit: {}", draft.title), path.clone(), form, errors, false);
    page.published = draft.status == PostStatus::Published;
    page.publish_url = (!page.published).then(|| format!("{path}/publish"));
    page.unpublish_url = page.published.then(|| format!("{path}/unpublish"));
    page.notice = notice;
    let now = state.app.clock.now();
    for (org, _, name) in &draft.partners {
        let consents = opo_app::showcase::consents_of(&state.app, *org).await?;
        let given: Vec<_> = consents.iter().map(|c| c.consent).collect();
        let t = Tr::current();
        let key = if opo_domain::posts::may_feature(draft.kind, &given, now) {
            "showcase-consented"
        } else {
            "showcase-no-consent"
        };
        page.consent_notes
            .push(t.args(key, &[("name", name.as_str().into()), ("kind", t.post_kind(draft.kind).into())]));
    }
    Ok(page)
}

pub(crate) async fn staff_edit(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let draft = opo_app::showcase::find(&state.app, id).await?;
    let page = edit_page(&state, &session, &draft, PostForm::from_draft(&draft), Vec::new(), None).await?;
    Ok(Html(page.render()?))
}

pub(crate) async fn staff_update(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<PostForm>,
) -> Result<Response, WebError> {
    let draft = opo_app::showcase::find(&state.app, id).await?;
    match opo_app::showcase::update(&state.app, id, &form.input(), &session.audit_actor(&client)).await {
        Ok(()) => Ok(Redirect::to(&format!("/secretariat/posts/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = crate::i18n::Tr::current().worded(errors);
            let page = edit_page(&state, &session, &draft, form, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub(crate) async fn publish(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    match opo_app::showcase::publish(&state.app, id, &session.audit_actor(&client)).await {
        Ok(()) => Ok(Redirect::to(&format!("/secretariat/posts/{id}")).into_response()),
        Err(AppError::Conflict(clash)) => {
            let message = crate::i18n::Tr::current().clash(&clash);
            let draft = opo_app::showcase::find(&state.app, id).await?;
            let mut chars = message.chars();
            let message: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            let page = edit_page(
                &state,
                &session,
                &draft,
                PostForm::from_draft(&draft),
                Vec::new(),
                Some(format!("Not published: {message}.")),
            )
            .await?;
            Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub(crate) async fn unpublish(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    opo_app::showcase::unpublish(&state.app, id, &session.audit_actor(&client)).await?;
    Ok(Redirect::to(&format!("/secretariat/posts/{id}")).into_response())
}

/// What the organization record page shows of consents.
pub(crate) struct ConsentRow {
    pub id: i64,
    pub scope: String,
    pub given: String,
    pub withdrawn: Option<String>,
}

pub(crate) fn consent_rows(consents: &[opo_app::showcase::RecordedConsent]) -> Vec<ConsentRow> {
    consents
        .iter()
        .map(|c| ConsentRow {
            id: c.id,
            scope: Tr::current().consent_scope(c.consent.scope),
            given: Tr::current().args(
                "consent-given-by",
                &[("date", format::long_date(c.consent.given_at.date()).into()), ("name", c.given_by.as_str().into())],
            ),
            withdrawn: c.consent.withdrawn_at.map(|at| {
                Tr::current().args(
                    "consent-given-by",
                    &[
                        ("date", format::long_date(at.date()).into()),
                        ("name", c.withdrawn_by.clone().unwrap_or_default().into()),
                    ],
                )
            }),
        })
        .collect()
}

pub(crate) fn scopes() -> Vec<(&'static str, String)> {
    std::iter::once(ConsentScope::All)
        .chain(PostKind::ALL.iter().filter(|k| **k != PostKind::Announcement).map(|k| ConsentScope::Kind(*k)))
        .map(|s| (s.key(), Tr::current().consent_scope(s)))
        .collect()
}
