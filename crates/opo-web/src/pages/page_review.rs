//! The partner's review of its page: the chosen version drawn exactly as the public will see it, with
//! the versions, the comments, a way to propose changes, to approve a version, and to compare two.

use super::applying::Choice;
use super::layout::Layout;
use super::partners::{Preview, preview};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::session::Session;
use askama::Template;
use axum::response::Html;
use opo_app::applications::Application;
use opo_domain::applications::Stage;
use opo_domain::pages::PageContent;
use opo_domain::partners::FieldError;

pub(crate) struct VersionItem {
    pub number: i64,
    pub author: String,
    pub when: String,
    pub note: String,
    pub approved: Option<String>,
    pub shown: bool,
}

pub(crate) struct CommentItem {
    pub version: i64,
    pub author: String,
    pub when: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "applying/page_panel.html")]
struct Panel {
    id: i64,
    organization: String,
    open: bool,
    shown: i64,
    /// The newest version when the page was drawn: the edit form builds on it, and a save is refused if
    /// someone adds a version in the meantime.
    newest: i64,
    shown_approved: bool,
    versions: Vec<VersionItem>,
    comments: Vec<CommentItem>,
    content: PageContent,
    links_text: String,
    capabilities: Vec<Choice>,
    components: Vec<Choice>,
    countries: Vec<Choice>,
    errors: Vec<FieldError>,
    notice: Option<String>,
}

fn choices(terms: &[opo_domain::taxonomy::Term], picked: &[String]) -> Vec<Choice> {
    terms
        .iter()
        .map(|t| Choice { key: t.key.clone(), label: t.label.clone(), checked: picked.contains(&t.key) })
        .collect()
}

pub(crate) async fn render(
    state: &AppState,
    session: &Session,
    application: &Application,
    version: Option<i64>,
    proposed: Option<PageContent>,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let id = application.id;
    let review = opo_app::pages::review_of(&state.app, application).await?;
    let shown = match version {
        Some(n) => review.revisions.iter().find(|r| r.number == n).ok_or(WebError::NotFound("version"))?,
        None => review.revisions.first().ok_or(WebError::NotFound("partner page"))?,
    };
    let content = opo_app::pages::content_of(shown);
    let editing = proposed.unwrap_or_else(|| content.clone());
    let (capability_terms, component_terms) = opo_app::applications::choices(&state.app).await?;
    let panel = Panel {
        id,
        organization: application.organization_name.clone(),
        open: application.stage == Stage::PageReview,
        shown: shown.number,
        newest: review.revisions.iter().map(|r| r.number).max().unwrap_or_default(),
        shown_approved: shown.approved_at.is_some(),
        versions: review
            .revisions
            .iter()
            .map(|r| VersionItem {
                number: r.number,
                author: r.author.clone(),
                when: format::date_time_utc(r.created_at),
                note: r.note.clone(),
                approved: r.approved_at.map(|at| {
                    format!("{} on {}", r.approved_by.clone().unwrap_or_default(), format::date_time_utc(at))
                }),
                shown: r.number == shown.number,
            })
            .collect(),
        comments: review
            .comments
            .iter()
            .map(|c| CommentItem {
                version: c.revision_number,
                author: c.author.clone(),
                when: format::date_time_utc(c.at),
                body: c.body.clone(),
            })
            .collect(),
        links_text: editing.links.join("\n"),
        capabilities: choices(&capability_terms, &editing.capabilities),
        components: choices(&component_terms, &editing.components),
        countries: opo_domain::countries::COUNTRIES
            .iter()
            .map(|c| Choice {
                key: c.code.to_owned(),
                label: c.name.to_owned(),
                checked: editing.countries.iter().any(|p| p == c.code),
            })
            .collect(),
        content: editing,
        errors,
        notice,
    };
    let logo = opo_app::applications::logo_of(&state.app, id).await?;
    let layout = Layout::new(
        state,
        format!("Partner page review — {}", application.organization_name),
        "",
        &format!("/portal/applications/{id}/page"),
    )
    .in_section("home-signed")
    .for_session(Some(session));
    let html = preview(Preview {
        layout,
        slug: &application.organization_slug,
        content: &content,
        logo_url: logo
            .map(|l| format!("/portal/applications/{id}/logo?v={}", l.sha256.chars().take(12).collect::<String>())),
        hq_country: application.hq_country.as_deref(),
        capabilities: &capability_terms,
        components: &component_terms,
        review_panel: panel.render()?,
    })?;
    Ok(Html(html))
}
