//! The home pages of committee members and the secretariat: the program at a glance.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::Tr;
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
    heading: String,
    intro: String,
    partners: String,
    stages: Vec<(String, i64)>,
    emails_waiting: i64,
    emails_failed: i64,
    activity: Vec<ActivityItem>,
    show_activity: bool,
    /// The application funnel and the median days spent per stage, as charts and as a table.
    funnel: Vec<FunnelRow>,
    funnel_chart: String,
    stay_chart: String,
    /// What needs attention today, each with where to act on it.
    attention: Vec<(String, i64, &'static str)>,
    checkin_chart: String,
    signature_chart: String,
    years: opo_app::dashboard::Years,
}

pub(crate) struct FunnelRow {
    pub stage: String,
    pub reached: i64,
    pub median: String,
}

async fn render(
    state: &AppState,
    session: &Session,
    path: &str,
    heading: String,
    intro: String,
    show_activity: bool,
) -> Result<Html<String>, WebError> {
    let overview = opo_app::dashboard::overview(&state.app).await?;
    let t = Tr::current();
    let figures = opo_app::dashboard::funnel(&state.app).await?;
    let label = |stage: opo_domain::applications::Stage| t.stage(stage);
    let on_the_way: Vec<_> = figures.iter().filter(|f| !matches!(f.stage.key(), "declined" | "withdrawn")).collect();
    let funnel_chart = crate::charts::bars(
        "funnel",
        &t.get("dashboard-funnel-chart"),
        &on_the_way.iter().map(|f| (label(f.stage), f.reached)).collect::<Vec<_>>(),
    );
    let stay_chart = crate::charts::bars(
        "stays",
        &t.get("dashboard-stays-chart"),
        &on_the_way
            .iter()
            .filter(|f| !f.stage.is_final())
            .map(|f| (label(f.stage), f.median_days.map_or(0, |d| d.round() as i64)))
            .collect::<Vec<_>>(),
    );
    let funnel = figures
        .iter()
        .map(|f| FunnelRow {
            stage: label(f.stage),
            reached: f.reached,
            median: f.median_days.map(|d| format!("{d:.1}")).unwrap_or_else(|| "—".to_owned()),
        })
        .collect();
    let today = opo_app::dashboard::attention(&state.app).await?;
    let attention = vec![
        (t.get("dashboard-late"), today.applications_late, "/secretariat/applications?late=1"),
        (t.get("dashboard-checkins-due"), today.checkins_due, "/secretariat/check-ins"),
        (t.get("dashboard-checkins-overdue"), today.checkins_overdue, "/secretariat/check-ins"),
        (t.get("dashboard-renewals-due"), today.renewals_due, "/secretariat/partners?status=renewal-due&sort=expiry"),
        (t.get("dashboard-in-grace"), today.in_grace, "/secretariat/partners?status=in-grace&sort=expiry"),
        (t.get("dashboard-lapsed"), today.lapsed, "/secretariat/partners?status=lapsed"),
        (t.get("dashboard-emails-failed"), today.emails_failed, "/admin/outbox"),
        (t.get("dashboard-jobs-failed"), today.jobs_dead, "/admin/outbox#jobs"),
    ];
    let years = opo_app::dashboard::years(&state.app).await?;
    let checkin_chart = crate::charts::columns(
        "checkins",
        &t.get("dashboard-checkins-chart"),
        &years.checkins.iter().map(|(year, _, done)| (year.clone(), *done)).collect::<Vec<_>>(),
    );
    let signature_chart = crate::charts::columns(
        "renewals",
        &t.get("dashboard-renewals-chart"),
        &years.signatures.iter().map(|(year, _, renewed)| (year.clone(), *renewed)).collect::<Vec<_>>(),
    );
    let page = StaffHome {
        attention,
        checkin_chart,
        signature_chart,
        years,
        funnel,
        funnel_chart,
        stay_chart,
        layout: Layout::new(state, heading.clone(), "", path).in_section("home-signed").for_session(Some(session)),
        heading,
        intro,
        partners: Tr::current().count("count-partners", overview.listed_partners),
        stages: overview.applications.iter().map(|(stage, n)| (t.stage(*stage), *n)).collect(),
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
    let t = Tr::current();
    render(&state, &session, "/committee", t.get("staff-committee"), t.get("staff-committee-intro"), false).await
}

pub(crate) async fn secretariat(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    let t = Tr::current();
    render(&state, &session, "/secretariat", t.get("staff-secretariat"), t.get("staff-secretariat-intro"), true).await
}
