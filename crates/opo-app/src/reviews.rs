//! The Operational Committee's part: votes and conflicts of interest, questions to the applicant with
//! their deadlines, and the decision, which the votes must support.

use crate::applications::{advance, committee, expect_stage, load, own, record, send};
use crate::{Actor, App, AppError, workflow_mail as mail};
use opo_domain::accounts::Role;
use opo_domain::applications::Stage;
use opo_domain::problems::Clash;
use opo_domain::reviews::{self, Decision, DecisionError, Tally, Verdict, Vote};
use opo_store::accounts::User;
use opo_store::applications as applications_store;
pub use opo_store::reviews::{InfoRequest, RecordedVote};
use opo_store::{StoreError, Tx, reviews as store};
use time::OffsetDateTime;

/// A committee member votes (or declares a conflict of interest) once per round of review.
pub async fn vote(app: &App, id: i64, member: &User, vote: Vote, comment: &str, actor: &Actor) -> Result<(), AppError> {
    if member.role != Role::Committee {
        return Err(AppError::Forbidden("only committee members vote".to_owned()));
    }
    if comment.chars().count() > 5_000 {
        return Err(AppError::invalid("comment", "the comment is too long (5,000 characters at most)"));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    expect_stage(&application, &[Stage::UnderReview], "Voting")?;
    store::insert_vote(&mut tx, id, application.review_round, member.id, vote, comment.trim(), now).await.map_err(
        |e| match e {
            StoreError::Duplicate(_) => AppError::Conflict(Clash::new(
                "voted-already",
                "you have already voted on this application (or declared a conflict of interest) in this round",
            )),
            other => other.into(),
        },
    )?;
    record(&mut tx, &application, actor, "vote", &format!("{}: {}", member.display_name, vote.label()), false, now)
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The votes of the current round, counted.
pub fn tally_of(votes: &[RecordedVote], round: i64) -> Tally {
    Tally::count(votes.iter().filter(|v| v.round == round).map(|v| v.vote))
}

/// A committee member or the secretariat asks the applicant for more information.
pub async fn request_info(app: &App, id: i64, question: &str, actor: &Actor) -> Result<i64, AppError> {
    let question =
        opo_domain::text::required("Question", question, 5_000).map_err(|e| AppError::refused("question", &e))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    advance(&mut tx, &application, Stage::InfoRequested, now).await?;
    let deadline = now + app.settings.info_request_deadline;
    let request = store::insert_request(&mut tx, id, &question, &actor.label, deadline, now).await?;
    record(&mut tx, &application, actor, "info_requested", &question, true, now).await?;
    send(app, &mut tx, mail::info_requested(&application, &question, &crate::applications::format_when(deadline)), now)
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(request)
}

/// The applicant answers; the application returns to review for a new round of votes.
pub async fn answer_info(app: &App, id: i64, user: &User, answer: &str, actor: &Actor) -> Result<(), AppError> {
    let answer = opo_domain::text::required("Answer", answer, 20_000).map_err(|e| AppError::refused("answer", &e))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    own(user, &application)?;
    expect_stage(&application, &[Stage::InfoRequested], "Answering")?;
    let open = store::requests(&mut tx, id).await?.into_iter().rfind(InfoRequest::is_open);
    let Some(request) = open else {
        return Err(AppError::Conflict(Clash::new(
            "no-open-question",
            "there is no open question on this application",
        )));
    };
    if !store::answer_request(&mut tx, request.id, &answer, &actor.label, now).await? {
        return Err(AppError::Conflict(Clash::new(
            "question-closed",
            "this question was answered or expired a moment ago",
        )));
    }
    advance(&mut tx, &application, Stage::UnderReview, now).await?;
    applications_store::next_round(&mut tx, id).await?;
    record(&mut tx, &application, actor, "info_answered", &answer, true, now).await?;
    let secretariat = app.settings.secretariat_email.clone();
    send(app, &mut tx, mail::info_answered(&application, &secretariat, "secretariat", &answer), now).await?;
    for member in committee(&mut tx).await? {
        send(app, &mut tx, mail::info_answered(&application, &member.email, &member.display_name, &answer), now)
            .await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Reminders before a question's deadline, and expiry after it: an expired question sends the
/// application back to review, where the committee decides without the answer.
pub(crate) async fn sweep_requests(app: &App, tx: &mut Tx, now: OffsetDateTime) -> Result<usize, AppError> {
    let actor = Actor::system();
    let mut sent = 0;
    for request in store::needing_reminder(tx, now + app.settings.info_request_reminder).await? {
        if request.deadline_at <= now {
            continue;
        }
        if !store::mark_reminded(tx, request.id, now).await? {
            continue;
        }
        let application = load(tx, request.application_id).await?;
        let deadline = crate::applications::format_when(request.deadline_at);
        send(app, tx, mail::info_reminder(&application, &request.question, &deadline), now).await?;
        sent += 1;
    }
    for request in store::past_deadline(tx, now).await? {
        if !store::mark_expired(tx, request.id, now).await? {
            continue;
        }
        let application = load(tx, request.application_id).await?;
        if application.stage == Stage::InfoRequested {
            advance(tx, &application, Stage::UnderReview, now).await?;
            applications_store::next_round(tx, application.id).await?;
        }
        record(tx, &application, &actor, "info_expired", &request.question, true, now).await?;
        send(app, tx, mail::info_expired(&application, &app.settings.secretariat_email), now).await?;
        sent += 1;
    }
    Ok(sent)
}

/// Records the committee's decision, which its votes must support (quorum and majority).
pub async fn decide(app: &App, id: i64, decision: Decision, reason: &str, actor: &Actor) -> Result<(), AppError> {
    let reason = opo_domain::text::required("Reason", reason, 5_000).map_err(|e| AppError::refused("reason", &e))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    expect_stage(&application, &[Stage::UnderReview], "Deciding")?;
    let votes = store::votes(&mut tx, id).await?;
    let tally = tally_of(&votes, application.review_round);
    reviews::check_decision(decision, tally, app.settings.review_rules).map_err(|e| {
        let message = crate::applications::capitalized(&e.to_string());
        AppError::Conflict(match e {
            DecisionError::NoQuorum { missing, quorum } => {
                Clash::new("no-quorum", message).with("missing", missing).with("quorum", quorum)
            }
            DecisionError::AgainstVotes { approve, decline, abstain } => Clash::new("against-votes", message)
                .with("approve", approve)
                .with("decline", decline)
                .with("abstain", abstain),
        })
    })?;
    let (to, kind) = match decision {
        Decision::Approve => (Stage::Approved, "approved"),
        Decision::Decline => (Stage::Declined, "declined"),
    };
    advance(&mut tx, &application, to, now).await?;
    applications_store::record_decision(&mut tx, id, decision.key(), &reason, now).await?;
    record(&mut tx, &application, actor, kind, &reason, true, now).await?;
    let approved = decision == Decision::Approve;
    send(app, &mut tx, mail::decided(&application, approved, &reason, &app.settings.community_name), now).await?;
    if approved {
        let about = (
            application.organization_id,
            application.organization_slug.as_str(),
            application.organization_name.as_str(),
        );
        let fields = serde_json::json!({ "application_id": id, "approved_at": crate::webhooks::timestamp(now) });
        crate::webhooks::emit_for_organization(
            app,
            &mut tx,
            crate::webhooks::EventKind::PartnerApproved,
            about,
            fields,
            now,
        )
        .await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Everything the committee sees of an application's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub votes: Vec<RecordedVote>,
    pub tally: Tally,
    pub verdict: Verdict,
    pub requests: Vec<InfoRequest>,
}

pub async fn review_of(app: &App, id: i64) -> Result<Review, AppError> {
    let mut conn = app.db.read().await?;
    let application = applications_store::find(&mut conn, id).await?.ok_or(AppError::NotFound("application"))?;
    let votes = store::votes(&mut conn, id).await?;
    let tally = tally_of(&votes, application.review_round);
    Ok(Review {
        verdict: tally.verdict(app.settings.review_rules),
        tally,
        votes,
        requests: store::requests(&mut conn, id).await?,
    })
}

/// The questions asked of an application, for its applicant.
pub async fn requests_of(app: &App, id: i64) -> Result<Vec<InfoRequest>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::requests(&mut conn, id).await?)
}
