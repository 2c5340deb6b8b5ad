//! The back office of the partnership workflow: the secretariat's board of applications under way and
//! the page of each one with the moves its stage allows; the committee's queue, its review page with
//! votes and questions; the logo of an applicant; two versions of a partner page side by side.

mod actions;
mod committee;
pub(crate) mod diff;
mod dossier;
mod secretariat;

pub(crate) use actions::{
    announce, comment, decide, decline, draft_page, invite, merge, not_the_same, propose, record_call, schedule_call,
    send_to_committee, set_contact,
};
pub(crate) use committee::{queue, request_info, review, vote};
pub(crate) use secretariat::detail;

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::session::Session;
use askama::Template;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::applications::{Application, Window};
use opo_domain::applications::Stage;
use opo_domain::policy::{self, Action, Actor};
use serde::Deserialize;

struct CountRow {
    key: &'static str,
    label: String,
    count: i64,
    late: i64,
}

struct BoardItem {
    id: i64,
    organization: String,
    /// The name of an organization this one may be the same as.
    resembles: Option<String>,
    contact_name: String,
    contact_email: String,
    stage_key: &'static str,
    stage_label: String,
    days_in_stage: i64,
    late: bool,
    waiting_on: String,
}

struct StageChoice {
    key: &'static str,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "board/board.html")]
struct BoardPage {
    layout: Layout,
    counts: Vec<CountRow>,
    total: i64,
    total_late: i64,
    rows: Vec<BoardItem>,
    stages: Vec<StageChoice>,
    late_only: bool,
    filtered: bool,
    page_of: String,
    prev: Option<String>,
    next: Option<String>,
}

/// Applications a page of the board lists: the whole board of a large program would be megabytes.
const BOARD_PAGE: usize = 100;

/// The board's filters and page as given in the address: `?stage=intro_call&stage=invited&late=1&page=2`.
/// Stages that do not exist are left out; a page that is not a number is the first.
fn filters(query: Option<&str>) -> (Vec<Stage>, bool, usize) {
    let mut stages = Vec::new();
    let mut late_only = false;
    let mut page = 1;
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "stage" => {
                if let Some(stage) = Stage::parse(value.trim())
                    && !stages.contains(&stage)
                {
                    stages.push(stage);
                }
            }
            "late" => late_only = matches!(value.trim(), "1" | "true" | "on" | "yes"),
            "page" => page = value.trim().parse::<usize>().ok().filter(|p| *p >= 1).unwrap_or(1),
            _ => {}
        }
    }
    (stages, late_only, page)
}

/// The board's address for these filters at page `page`.
fn board_url(stages: &[Stage], late_only: bool, page: usize) -> String {
    let mut pairs: Vec<(&str, &str)> = stages.iter().map(|s| ("stage", s.key())).collect();
    if late_only {
        pairs.push(("late", "1"));
    }
    let page = page.to_string();
    if page != "1" {
        pairs.push(("page", &page));
    }
    if pairs.is_empty() {
        "/secretariat/applications".to_owned()
    } else {
        format!("/secretariat/applications?{}", serde_urlencoded::to_string(&pairs).unwrap_or_default())
    }
}

/// The secretariat's board: counts per stage, and the applications under way (or those the filters
/// pick) with how long each has been at its stage.
pub(crate) async fn board(
    State(state): State<AppState>,
    session: Session,
    RawQuery(query): RawQuery,
) -> Result<Html<String>, WebError> {
    let (stages, late_only, page) = filters(query.as_deref());
    let window = Window {
        offset: i64::try_from((page - 1).saturating_mul(BOARD_PAGE)).unwrap_or(i64::MAX),
        limit: i64::try_from(BOARD_PAGE).unwrap_or(i64::MAX),
    };
    let board = opo_app::applications::board(&state.app, &stages, late_only, Some(window)).await?;
    let t = crate::i18n::Tr::current();
    let pages = usize::try_from(board.matching).unwrap_or(usize::MAX).div_ceil(BOARD_PAGE).max(1);
    if page > pages {
        return Err(WebError::NotFound("page of the board"));
    }
    let page = BoardPage {
        layout: Layout::new(&state, t.get("board-applications"), "", "/secretariat/applications")
            .in_section("home-signed")
            .for_session(Some(&session)),
        total: board.counts.iter().map(|(_, n, _)| n).sum(),
        total_late: board.counts.iter().map(|(_, _, late)| late).sum(),
        counts: board
            .counts
            .iter()
            .map(|(stage, count, late)| CountRow {
                key: stage.key(),
                label: t.stage(*stage),
                count: *count,
                late: *late,
            })
            .collect(),
        rows: board
            .rows
            .into_iter()
            .map(|row| BoardItem {
                id: row.application.id,
                organization: row.application.organization_name,
                resembles: row.application.resembles.map(|(_, name)| name),
                contact_name: row.application.contact_name,
                contact_email: row.application.contact_email,
                stage_key: row.application.stage.key(),
                stage_label: t.stage(row.application.stage),
                days_in_stage: row.days_in_stage,
                late: row.late,
                waiting_on: t.waiting_on(row.application.stage),
            })
            .collect(),
        stages: Stage::ALL
            .iter()
            .map(|s| StageChoice { key: s.key(), label: t.stage(*s), checked: stages.contains(s) })
            .collect(),
        filtered: !stages.is_empty() || late_only,
        late_only,
        page_of: if pages > 1 {
            let (page, pages) = (i64::try_from(page).unwrap_or(i64::MAX), i64::try_from(pages).unwrap_or(i64::MAX));
            t.args("directory-page-of", &[("page", page.into()), ("pages", pages.into())])
        } else {
            String::new()
        },
        prev: (page > 1).then(|| board_url(&stages, late_only, page - 1)),
        next: (page < pages).then(|| board_url(&stages, late_only, page + 1)),
    };
    Ok(Html(page.render()?))
}

/// The logo of the application's organization, whatever its status, for the secretariat and the
/// committee. Opened on its own it can never act as a document.
pub(crate) async fn logo(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, WebError> {
    let logo = opo_app::applications::logo_of(&state.app, id).await?.ok_or(WebError::NotFound("logo"))?;
    let mut response = super::applying::logo_response(logo);
    response.headers_mut().insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline; filename=\"logo\""));
    Ok(response)
}

#[derive(Template)]
#[template(path = "board/compare_page.html")]
struct ComparePage {
    layout: Layout,
    organization: String,
    back: String,
    from: i64,
    to: i64,
    table: String,
}

/// The page comparing versions `from` and `to` of the partner page of `application`, with a link `back`
/// to where the reader came from. The table is [`diff::table`], the same wherever versions are compared.
pub(crate) async fn compare_page(
    state: &AppState,
    session: &Session,
    application: &Application,
    from: i64,
    to: i64,
    back: &str,
) -> Result<Html<String>, WebError> {
    let rows = opo_app::pages::compare(&state.app, application, from, to).await?;
    let page = ComparePage {
        layout: Layout::new(
            state,
            format!("Versions {from} and {to} of the partner page — {}", application.organization_name),
            "",
            back,
        )
        .in_section("home-signed")
        .for_session(Some(session)),
        organization: application.organization_name.clone(),
        back: back.to_owned(),
        from,
        to,
        table: diff::table(&rows, from, to)?,
    };
    Ok(Html(page.render()?))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct CompareQuery {
    from: Option<String>,
    to: Option<String>,
}

fn version(raw: Option<&str>) -> Result<Option<i64>, WebError> {
    match raw.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| WebError::BadRequest(format!("\"{v}\" is not a version number"))),
    }
}

/// Two versions side by side, for the secretariat and the committee. Without versions named, the newest
/// is compared with the one before it; with fewer than two, back to the application.
pub(crate) async fn compare(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(query): Query<CompareQuery>,
) -> Result<Response, WebError> {
    let application = opo_app::applications::find(&state.app, id).await?;
    let back = if policy::allows(Actor::Signed(session.user.role), Action::ManageApplications) {
        format!("/secretariat/applications/{id}")
    } else {
        format!("/committee/applications/{id}")
    };
    let (from, to) = match (version(query.from.as_deref())?, version(query.to.as_deref())?) {
        (Some(from), Some(to)) => (from, to),
        (None, None) => {
            let review = opo_app::pages::review_of(&state.app, &application).await?;
            match review.revisions.as_slice() {
                [newest, before, ..] => (before.number, newest.number),
                _ => return Ok(Redirect::to(&back).into_response()),
            }
        }
        _ => return Err(WebError::BadRequest("name both versions to compare, from and to".to_owned())),
    };
    Ok(compare_page(&state, &session, &application, from, to, &back).await?.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_repeated_stages_the_late_flag_and_the_page() {
        let (stages, late, page) = filters(Some("stage=intro_call&stage=invited&stage=intro_call&late=1&page=3"));
        assert_eq!(stages, [Stage::IntroCall, Stage::Invited]);
        assert!(late);
        assert_eq!(page, 3);
        assert_eq!(
            board_url(&stages, late, page),
            "/secretariat/applications?stage=intro_call&stage=invited&late=1&page=3",
            "the address reads back the same"
        );
    }

    #[test]
    fn unknown_stages_are_left_out_and_no_query_means_no_filter() {
        let (stages, late, page) = filters(Some("stage=nonsense&late=0&page=zero"));
        assert!(stages.is_empty());
        assert!(!late);
        assert_eq!(page, 1, "a page that is not a number is the first");
        assert_eq!(filters(None), (Vec::new(), false, 1));
        assert_eq!(board_url(&[], false, 1), "/secretariat/applications");
    }
}
