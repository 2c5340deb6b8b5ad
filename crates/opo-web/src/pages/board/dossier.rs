//! Everything known about one application, gathered once and drawn the same way for the secretariat
//! and the committee (`templates/board/dossier.html`): the organization and its contact, the interest,
//! the intro call, the form as submitted, the logo, the signature, the questions, the votes, the
//! versions of the partner page and the full history.

use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::markdown;
use opo_app::applications::Application;
use opo_domain::applications::Stage;
use opo_domain::applications::form::ApplicationForm;
use opo_domain::pages::PageContent;
use opo_domain::reviews::Tally;
use opo_domain::taxonomy::Term;

/// The intro call as set.
pub(crate) struct CallView {
    pub when: String,
    pub minutes: i64,
    /// How many times the call was moved.
    pub moved: i64,
}

/// A web address, drawn as a link only when it is one.
pub(crate) struct LinkView {
    pub url: String,
    pub linkable: bool,
}

impl LinkView {
    pub(crate) fn new(url: &str) -> Self {
        let url = url.trim().to_owned();
        let linkable = url.starts_with("https://") || url.starts_with("http://");
        Self { url, linkable }
    }
}

/// The application form as the applicant last saved it.
pub(crate) struct FormView {
    pub org_type: String,
    pub short_description: String,
    /// Sanitized HTML.
    pub description_html: String,
    /// Sanitized HTML.
    pub statement_html: String,
    pub poc_name: String,
    pub poc_email: String,
    pub poc_title: String,
    pub capabilities: Vec<String>,
    pub components: Vec<String>,
    pub countries: Vec<String>,
    pub links: Vec<LinkView>,
    pub saved: Option<String>,
    pub submitted: Option<String>,
}

pub(crate) struct SignatureView {
    pub signer_name: String,
    pub signer_title: String,
    pub signer_email: String,
    pub version: String,
    pub title: String,
    pub signed_at: String,
    pub expires_on: String,
    pub ip: String,
    pub user_agent: String,
    pub auth_method: String,
    pub sha256: String,
    pub code: String,
}

pub(crate) struct RequestView {
    pub question: String,
    pub asked_by: String,
    pub asked_at: String,
    pub deadline: String,
    pub status: String,
    pub answer: Option<String>,
    pub answered_at: Option<String>,
}

pub(crate) struct VoteView {
    pub round: i64,
    pub user_id: i64,
    pub member: String,
    pub vote: String,
    pub comment: String,
    pub at: String,
    pub current: bool,
}

pub(crate) struct VersionView {
    pub number: i64,
    pub author: String,
    pub when: String,
    pub note: String,
    pub approved: Option<String>,
    /// The comparison with the version before it.
    pub compare_url: Option<String>,
}

pub(crate) struct CommentView {
    pub version: i64,
    pub author: String,
    pub when: String,
    pub body: String,
}

pub(crate) struct EventView {
    pub when: String,
    pub actor: String,
    pub what: String,
    pub note: String,
    pub for_applicant: bool,
}

pub(crate) struct Dossier {
    pub id: i64,
    pub organization: String,
    pub stage: Stage,
    pub days_in_stage: i64,
    pub late: bool,
    pub website: Option<LinkView>,
    pub hq_country: Option<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub source: String,
    pub desired_role: String,
    pub interest_message: String,
    pub started: String,
    pub call: Option<CallView>,
    pub call_notes: String,
    pub agreed_role: String,
    pub form: Option<FormView>,
    pub logo_url: Option<String>,
    pub signature: Option<SignatureView>,
    pub requests: Vec<RequestView>,
    pub round: i64,
    pub votes: Vec<VoteView>,
    pub tally: Tally,
    pub verdict: String,
    pub versions: Vec<VersionView>,
    pub comments: Vec<CommentView>,
    pub timeline: Vec<EventView>,
    pub decision: Option<String>,
    /// What the forms of the page start from.
    pub application: Application,
    pub latest_page: Option<PageContent>,
    pub approved_version: Option<i64>,
    pub capability_terms: Vec<Term>,
    pub component_terms: Vec<Term>,
}

impl Dossier {
    /// The vote `user_id` cast in the current round, if any.
    pub(crate) fn vote_of(&self, user_id: i64) -> Option<&VoteView> {
        self.votes.iter().find(|v| v.current && v.user_id == user_id)
    }
}

fn label_of(terms: &[Term], key: &str) -> String {
    terms.iter().find(|t| t.key == key).map_or_else(|| key.to_owned(), |t| t.label.clone())
}

fn country_name(code: &str) -> String {
    opo_domain::countries::country(code).map_or_else(|| code.to_owned(), |c| c.name.to_owned())
}

fn form_view(
    form: &ApplicationForm,
    application: &Application,
    capabilities: &[Term],
    components: &[Term],
) -> FormView {
    FormView {
        org_type: opo_domain::partners::OrgType::parse(form.org_type.trim())
            .map_or_else(|| form.org_type.clone(), |o| crate::i18n::Tr::current().org_type(o)),
        short_description: form.short_description.clone(),
        description_html: markdown::render(&form.description),
        statement_html: markdown::render(&form.statement),
        poc_name: form.poc_name.clone(),
        poc_email: form.poc_email.clone(),
        poc_title: form.poc_title.clone(),
        capabilities: form.capabilities.iter().map(|k| label_of(capabilities, k)).collect(),
        components: form.components.iter().map(|k| label_of(components, k)).collect(),
        countries: form.countries.iter().map(|c| country_name(c)).collect(),
        links: form.links.lines().map(str::trim).filter(|l| !l.is_empty()).map(LinkView::new).collect(),
        saved: application.form_saved_at.map(format::date_time_utc),
        submitted: application.submitted_at.map(format::date_time_utc),
    }
}

/// Gathers the whole record of `application`. The logo and the comparisons are linked under
/// `/secretariat/applications/{id}`, which the committee may read too.
pub(crate) async fn gather(state: &AppState, application: Application) -> Result<Dossier, WebError> {
    let app = &state.app;
    let id = application.id;
    let now = app.clock.now();
    let t = crate::i18n::Tr::current();
    let (capability_terms, component_terms) = opo_app::applications::choices(app).await?;
    let review = opo_app::reviews::review_of(app, id).await?;
    let page = opo_app::pages::review_of(app, &application).await?;
    let events = opo_app::applications::timeline(app, id, false).await?;
    let logo = opo_app::applications::logo_of(app, id).await?;
    let signature = match application.agreement_id {
        Some(agreement) => opo_app::agreements::signature(app, agreement).await?,
        None => None,
    };
    let form = opo_app::applications::form_of(&application);
    let base = format!("/secretariat/applications/{id}");
    let round = application.review_round;
    let numbers: Vec<i64> = page.revisions.iter().map(|r| r.number).collect();
    Ok(Dossier {
        id,
        organization: application.organization_name.clone(),
        stage: application.stage,
        days_in_stage: (now - application.stage_entered_at).whole_days(),
        late: app.settings.stage_limits.is_late(application.stage, application.stage_entered_at, now),
        website: application.website.as_deref().filter(|w| !w.trim().is_empty()).map(LinkView::new),
        hq_country: application.hq_country.as_deref().map(country_name),
        contact_name: application.contact_name.clone(),
        contact_email: application.contact_email.clone(),
        source: match (application.source.as_str(), application.discourse_topic_id) {
            (_, Some(topic)) => t.args("board-source-forum", &[("count", topic.into())]),
            ("form", None) => t.get("board-source-form"),
            ("", None) => t.get("board-source-secretariat"),
            (other, None) => other.to_owned(),
        },
        desired_role: if application.desired_role.is_empty() {
            String::new()
        } else {
            label_of(&capability_terms, &application.desired_role)
        },
        interest_message: application.interest_message.clone(),
        started: format::date_time_utc(application.created_at),
        call: application.call_starts_at.map(|at| CallView {
            when: opo_app::applications::format_when(at),
            minutes: application.call_minutes,
            moved: application.call_sequence,
        }),
        call_notes: application.call_notes.clone(),
        agreed_role: if application.agreed_role.is_empty() {
            String::new()
        } else {
            label_of(&capability_terms, &application.agreed_role)
        },
        form: (form != ApplicationForm::default())
            .then(|| form_view(&form, &application, &capability_terms, &component_terms)),
        logo_url: logo.map(|l| format!("{base}/logo?v={}", l.sha256.chars().take(12).collect::<String>())),
        signature: signature.map(|s| SignatureView {
            signer_name: s.signer_name,
            signer_title: s.signer_title,
            signer_email: s.signer_email,
            version: s.template_version,
            title: s.template_title,
            signed_at: format::date_time_utc(s.signed_at),
            expires_on: format::long_date(s.expires_on),
            ip: s.ip,
            user_agent: s.user_agent,
            auth_method: s.auth_method,
            sha256: s.text_sha256,
            code: s.code,
        }),
        requests: review
            .requests
            .iter()
            .map(|r| RequestView {
                question: r.question.clone(),
                asked_by: r.asked_by.clone(),
                asked_at: format::date_time_utc(r.asked_at),
                deadline: format::date_time_utc(r.deadline_at),
                status: if r.answered_at.is_some() {
                    t.get("request-answered")
                } else if r.expired_at.is_some() {
                    t.get("request-expired")
                } else {
                    t.get("request-waiting")
                },
                answer: r.answer.clone(),
                answered_at: r.answered_at.map(format::date_time_utc),
            })
            .collect(),
        round,
        votes: review
            .votes
            .iter()
            .map(|v| VoteView {
                round: v.round,
                user_id: v.user_id,
                member: v.member.clone(),
                vote: t.vote(v.vote),
                comment: v.comment.clone(),
                at: format::date_time_utc(v.at),
                current: v.round == round,
            })
            .collect(),
        tally: review.tally,
        verdict: t.verdict(review.verdict),
        versions: page
            .revisions
            .iter()
            .enumerate()
            .map(|(i, r)| VersionView {
                number: r.number,
                author: r.author.clone(),
                when: format::date_time_utc(r.created_at),
                note: r.note.clone(),
                approved: r.approved_at.map(|at| {
                    format!(
                        "Approved by {} on {}",
                        r.approved_by.clone().unwrap_or_default(),
                        format::date_time_utc(at)
                    )
                }),
                compare_url: numbers
                    .get(i + 1)
                    .map(|previous| format!("{base}/page/compare?from={previous}&to={}", r.number)),
            })
            .collect(),
        comments: page
            .comments
            .iter()
            .filter(|c| numbers.contains(&c.revision_number))
            .map(|c| CommentView {
                version: c.revision_number,
                author: c.author.clone(),
                when: format::date_time_utc(c.at),
                body: c.body.clone(),
            })
            .collect(),
        timeline: events
            .iter()
            .map(|e| EventView {
                when: format::date_time_utc(e.at),
                actor: e.actor.clone(),
                what: t.board_event(&e.kind),
                note: e.note.clone(),
                for_applicant: e.for_applicant,
            })
            .collect(),
        decision: application.decided_at.map(|at| {
            let what = match application.decision.as_deref() {
                Some("approve") => "Approved",
                Some("decline") => "Declined",
                Some("withdrawn") => "Withdrawn",
                _ => "Decided",
            };
            let reason = application.decision_reason.trim();
            if reason.is_empty() {
                format!("{what} on {}", format::date_time_utc(at))
            } else {
                format!("{what} on {}: {reason}", format::date_time_utc(at))
            }
        }),
        latest_page: page.revisions.first().map(opo_app::pages::content_of),
        approved_version: page.approved().map(|r| r.number),
        application,
        capability_terms,
        component_terms,
    })
}
