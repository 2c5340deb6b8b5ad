//! The Operational Committee's pages: the queue of applications under review or waiting for an answer,
//! with each member's own vote; the review page with the whole application, its votes, a vote form (or
//! the vote already cast in this round) and a way to ask the applicant for more information. These
//! pages offer no move of the secretariat's.

use super::dossier::{self, Dossier};
use super::secretariat::{self, Problem};
use crate::AppState;
use crate::error::WebError;
use crate::pages::layout::Layout;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::AppError;
use opo_domain::accounts::Role;
use opo_domain::applications::Stage;
use opo_domain::partners::FieldError;
use opo_domain::policy::{self, Action, Actor};
use opo_domain::reviews::Vote;
use serde::Deserialize;

struct QueueItem {
    id: i64,
    organization: String,
    stage_key: &'static str,
    stage_label: String,
    days_in_stage: i64,
    late: bool,
    round: i64,
    tally: String,
    my_vote: Option<String>,
    voting_open: bool,
    open_question: bool,
}

#[derive(Template)]
#[template(path = "board/queue.html")]
struct QueuePage {
    layout: Layout,
    rows: Vec<QueueItem>,
    /// Only committee members vote; others see the queue without a vote of their own.
    member: bool,
}

pub(crate) async fn queue(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    let board =
        opo_app::applications::board(&state.app, &[Stage::UnderReview, Stage::InfoRequested], false, None).await?;
    let mut rows = Vec::with_capacity(board.rows.len());
    let tr = crate::i18n::Tr::current();
    for row in board.rows {
        let application = row.application;
        let review = opo_app::reviews::review_of(&state.app, application.id).await?;
        let round = application.review_round;
        let t = review.tally;
        rows.push(QueueItem {
            id: application.id,
            organization: application.organization_name,
            stage_key: application.stage.key(),
            stage_label: tr.stage(application.stage),
            days_in_stage: row.days_in_stage,
            late: row.late,
            round,
            tally: format!(
                "{}, {}, {}",
                tr.args("board-tally-approve", &[("count", t.approve.into())]),
                tr.args("board-tally-decline", &[("count", t.decline.into())]),
                tr.args("board-tally-abstain", &[("count", t.abstain.into())])
            ),
            my_vote: review
                .votes
                .iter()
                .find(|v| v.round == round && v.user_id == session.user.id)
                .map(|v| tr.vote(v.vote)),
            voting_open: application.stage == Stage::UnderReview,
            open_question: review.requests.iter().any(|r| r.is_open()),
        });
    }
    let page = QueuePage {
        layout: Layout::new(&state, crate::i18n::Tr::current().get("board-for-review"), "", "/committee/applications")
            .in_section("home-signed")
            .for_session(Some(&session)),
        rows,
        member: session.user.role == Role::Committee,
    };
    Ok(Html(page.render()?))
}

/// The vote the member cast in this round.
struct CastVote {
    vote: String,
    comment: String,
    at: String,
}

/// What the forms of the review page hold.
#[derive(Debug, Clone, Default)]
struct Typed {
    vote: String,
    comment: String,
    question: String,
}

#[derive(Template)]
#[template(path = "board/review.html")]
struct ReviewPage {
    layout: Layout,
    dossier: Dossier,
    member: bool,
    voting_open: bool,
    cast: Option<CastVote>,
    may_ask: bool,
    typed: Typed,
    problem: Option<Problem>,
}

impl ReviewPage {
    fn error(&self, form: &str, field: &str) -> Option<&str> {
        self.problem.as_ref().and_then(|p| p.error(form, field))
    }
}

async fn render(
    state: &AppState,
    session: &Session,
    id: i64,
    typed: Typed,
    problem: Option<Problem>,
) -> Result<Html<String>, WebError> {
    let application = opo_app::applications::find(&state.app, id).await?;
    let dossier = dossier::gather(state, application).await?;
    let cast = dossier.vote_of(session.user.id).map(|v| CastVote {
        vote: v.vote.clone(),
        comment: v.comment.clone(),
        at: v.at.clone(),
    });
    let page = ReviewPage {
        layout: Layout::new(
            state,
            crate::i18n::Tr::current().args("board-review-title", &[("name", dossier.organization.as_str().into())]),
            "",
            &format!("/committee/applications/{id}"),
        )
        .in_section("home-signed")
        .for_session(Some(session)),
        member: session.user.role == Role::Committee,
        voting_open: dossier.stage == Stage::UnderReview,
        may_ask: dossier.stage == Stage::UnderReview,
        cast,
        typed,
        problem,
        dossier,
    };
    Ok(Html(page.render()?))
}

pub(crate) async fn review(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    render(&state, &session, id, Typed::default(), None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct VoteForm {
    vote: String,
    comment: String,
}

/// A member votes, or declares a conflict of interest; once per round.
pub(crate) async fn vote(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<VoteForm>,
) -> Result<Response, WebError> {
    let result = match Vote::parse(form.vote.trim()) {
        Some(vote) => {
            let actor = session.audit_actor(&client);
            opo_app::reviews::vote(&state.app, id, &session.user, vote, &form.comment, &actor).await
        }
        None => Err(AppError::Invalid(vec![FieldError::new(
            "vote",
            "vote-choose",
            crate::i18n::Tr::current().get("form-vote-choose"),
        )])),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/committee/applications/{id}")).into_response()),
        Err(err) => {
            let (status, problem) = Problem::from_error("vote", err)?;
            let typed = Typed { vote: form.vote, comment: form.comment, question: String::new() };
            Ok((status, render(&state, &session, id, typed, Some(problem)).await?).into_response())
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct QuestionForm {
    question: String,
    /// `secretariat` when sent from the secretariat's page, to come back to it.
    back: String,
}

/// A committee member (or the secretariat) asks the applicant for more information.
pub(crate) async fn request_info(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<QuestionForm>,
) -> Result<Response, WebError> {
    let result = opo_app::reviews::request_info(&state.app, id, &form.question, &session.audit_actor(&client)).await;
    let from_secretariat =
        form.back == "secretariat" && policy::allows(Actor::Signed(session.user.role), Action::ManageApplications);
    if from_secretariat {
        let question = form.question;
        return secretariat::answer(&state, &session, id, "ask", result, |t| t.question = question).await;
    }
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/committee/applications/{id}")).into_response()),
        Err(err) => {
            let (status, problem) = Problem::from_error("ask", err)?;
            let typed = Typed { question: form.question, ..Typed::default() };
            let html = render(&state, &session, id, typed, Some(problem)).await?;
            Ok((status, html).into_response())
        }
    }
}
