//! The home pages of committee members and the secretariat: the program at a glance.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::session::Session;
use askama::Template;
use axum::extract::State;
use axum::response::Html;

pub(crate) struct ActivityItem {
    pub when: String,
    pub who: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "staff/home.html")]
struct StaffHome {
    layout: Layout,
    heading: &'static str,
    intro: &'static str,
    partners: String,
    stages: Vec<(&'static str, i64)>,
    emails_waiting: i64,
    emails_failed: i64,
    activity: Vec<ActivityItem>,
    show_activity: bool,
}

async fn render(
    state: &AppState,
    session: &Session,
    path: &str,
    heading: &'static str,
    intro: &'static str,
    show_activity: bool,
) -> Result<Html<String>, WebError> {
    let overview = opo_app::dashboard::overview(&state.app).await?;
    let page = StaffHome {
        layout: Layout::new(state, heading, "", path).in_section("home-signed").for_session(Some(session)),
        heading,
        intro,
        partners: format::count(overview.listed_partners, "listed partner", "listed partners"),
        stages: overview.applications.iter().map(|(stage, n)| (stage.label(), *n)).collect(),
        emails_waiting: overview.emails_waiting,
        emails_failed: overview.emails_failed,
        activity: overview
            .recent_activity
            .into_iter()
            .map(|r| ActivityItem {
                when: format::date_time_utc(r.at),
                who: r.entry.actor_label,
                what: format!("{} {} {}", r.entry.action, r.entry.subject_type, r.entry.subject_id),
            })
            .collect(),
        show_activity,
    };
    Ok(Html(page.render()?))
}

pub(crate) async fn committee(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    render(&state, &session, "/committee", "Committee", "Applications by stage, for the Operational Committee.", false)
        .await
}

pub(crate) async fn secretariat(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    render(
        &state,
        &session,
        "/secretariat",
        "Secretariat",
        "The program at a glance: partners, applications, e-mail and recent activity.",
        true,
    )
    .await
}
