//! What the API reads and writes: the JSON bodies of requests and answers, described for the OpenAPI
//! document. They are the API's own types, converted from and to the domain's, so the domain stays free
//! of any concern of the wire.

use opo_app::applications::{Application, Event};
use opo_app::reviews::{InfoRequest, RecordedVote, Review};
use opo_domain::applications::form::ApplicationForm;
use opo_domain::applications::{Party, Stage};
use opo_domain::pages::PageContent;
use opo_domain::reviews::{Decision, Verdict, Vote};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

/// A time as RFC 3339, in UTC.
pub(crate) fn ts(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

fn ts_opt(at: Option<OffsetDateTime>) -> Option<String> {
    at.map(ts)
}

// ---------------------------------------------------------------------------------------------------
// Accounts and tokens

/// The person a request acts as.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Me {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// `partner`, `committee`, `secretariat` or `admin`.
    #[schema(example = "partner")]
    pub role: String,
    /// The slug of the organization a partner contact speaks for.
    pub organization: Option<String>,
}

impl From<&opo_app::accounts::User> for Me {
    fn from(user: &opo_app::accounts::User) -> Self {
        Self {
            id: user.id,
            email: user.email.clone(),
            name: user.display_name.clone(),
            role: user.role.key().to_owned(),
            organization: user.organization_slug.clone(),
        }
    }
}

/// A one-time sign-in link's token (as e-mailed), to exchange for an API token.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LinkExchange {
    /// The `token` parameter of the sign-in link.
    pub token: String,
    /// A name for the new API token, to recognize it in the list of one's tokens.
    #[serde(default = "default_token_name")]
    #[schema(example = "Our CRM")]
    pub name: String,
}

fn default_token_name() -> String {
    "API".to_owned()
}

/// A new API token for the signed-in person.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TokenRequest {
    #[schema(example = "Nightly export")]
    pub name: String,
}

/// A new API token: shown this once, then only its name is kept in view.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NewToken {
    pub name: String,
    /// Send it as `Authorization: Bearer <token>`.
    #[schema(example = "opo_3b1f…")]
    pub token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    pub user: Me,
}

/// An API token as listed (never the token itself).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

impl From<&opo_app::api_tokens::ApiToken> for TokenInfo {
    fn from(token: &opo_app::api_tokens::ApiToken) -> Self {
        Self {
            id: token.id,
            name: token.name.clone(),
            created_at: ts(token.created_at),
            last_used_at: ts_opt(token.last_used_at),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Applications

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum StageKey {
    Interest,
    IntroCall,
    Invited,
    Submitted,
    UnderReview,
    InfoRequested,
    Approved,
    PageReview,
    Announced,
    Declined,
    Withdrawn,
}

impl From<Stage> for StageKey {
    fn from(stage: Stage) -> Self {
        match stage {
            Stage::Interest => Self::Interest,
            Stage::IntroCall => Self::IntroCall,
            Stage::Invited => Self::Invited,
            Stage::Submitted => Self::Submitted,
            Stage::UnderReview => Self::UnderReview,
            Stage::InfoRequested => Self::InfoRequested,
            Stage::Approved => Self::Approved,
            Stage::PageReview => Self::PageReview,
            Stage::Announced => Self::Announced,
            Stage::Declined => Self::Declined,
            Stage::Withdrawn => Self::Withdrawn,
        }
    }
}

/// Who the next move is expected from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum WaitingOn {
    Applicant,
    Secretariat,
    Committee,
    Nobody,
}

impl From<Party> for WaitingOn {
    fn from(party: Party) -> Self {
        match party {
            Party::Applicant => Self::Applicant,
            Party::Secretariat => Self::Secretariat,
            Party::Committee => Self::Committee,
            Party::Nobody => Self::Nobody,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OrganizationRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// The intro call.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CallInfo {
    pub starts_at: String,
    pub minutes: i64,
    /// Raised each time the call moves (the SEQUENCE of its calendar invitation).
    pub sequence: i64,
}

/// The decision that ended (or approved) an application.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DecisionInfo {
    /// `approve`, `decline` or `withdrawn`.
    pub decision: String,
    pub reason: String,
    pub decided_at: Option<String>,
}

/// An application, as a row of a list and as the answer to every step.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ApplicationSummary {
    pub id: i64,
    pub organization: OrganizationRef,
    pub stage: StageKey,
    #[schema(example = "Committee review")]
    pub stage_label: &'static str,
    pub stage_entered_at: String,
    pub days_in_stage: i64,
    /// Longer in its stage than the program allows.
    pub late: bool,
    pub waiting_on: WaitingOn,
    /// What comes next, as the applicant is told.
    pub next_step: &'static str,
    /// The stages the program allows this application to move to.
    pub next_stages: Vec<StageKey>,
    /// `form` (the public form or the API) or `discourse` (a forum topic).
    pub source: String,
    pub contact_name: String,
    pub contact_email: String,
    pub desired_role: String,
    pub call: Option<CallInfo>,
    pub submitted_at: Option<String>,
    pub decision: Option<DecisionInfo>,
    pub created_at: String,
}

impl ApplicationSummary {
    pub(crate) fn new(application: &Application, settings: &opo_app::Settings, now: OffsetDateTime) -> Self {
        let a = application;
        Self {
            id: a.id,
            organization: OrganizationRef {
                id: a.organization_id,
                slug: a.organization_slug.clone(),
                name: a.organization_name.clone(),
            },
            stage: a.stage.into(),
            stage_label: a.stage.label(),
            stage_entered_at: ts(a.stage_entered_at),
            days_in_stage: (now - a.stage_entered_at).whole_days(),
            late: settings.stage_limits.is_late(a.stage, a.stage_entered_at, now),
            waiting_on: a.stage.waiting_on().into(),
            next_step: a.stage.next_step(),
            next_stages: a.stage.next().iter().map(|s| (*s).into()).collect(),
            source: a.source.clone(),
            contact_name: a.contact_name.clone(),
            contact_email: a.contact_email.clone(),
            desired_role: a.desired_role.clone(),
            call: a.call_starts_at.map(|at| CallInfo {
                starts_at: ts(at),
                minutes: a.call_minutes,
                sequence: a.call_sequence,
            }),
            submitted_at: ts_opt(a.submitted_at),
            decision: a.decision.as_ref().map(|d| DecisionInfo {
                decision: d.clone(),
                reason: a.decision_reason.clone(),
                decided_at: ts_opt(a.decided_at),
            }),
            created_at: ts(a.created_at),
        }
    }
}

/// How many applications sit at a stage, and how many of them are late.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StageCount {
    pub stage: StageKey,
    pub count: i64,
    pub late: i64,
}

/// Applications: the staff's board (with counts per stage), or a partner contact's own.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ApplicationList {
    pub applications: Vec<ApplicationSummary>,
    /// Per stage, for the staff; empty for a partner contact.
    pub counts: Vec<StageCount>,
}

/// One entry of an application's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TimelineEvent {
    pub at: String,
    #[schema(example = "sent_to_committee")]
    pub kind: String,
    pub note: String,
    /// Who did it; shown to the staff only.
    pub actor: Option<String>,
}

impl TimelineEvent {
    pub(crate) fn new(event: &Event, staff: bool) -> Self {
        Self {
            at: ts(event.at),
            kind: event.kind.clone(),
            note: event.note.clone(),
            actor: staff.then(|| event.actor.clone()),
        }
    }
}

/// A committee member's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum VoteChoice {
    Approve,
    Decline,
    Abstain,
    /// A conflict of interest: the member takes no part in this decision.
    Conflict,
}

impl From<VoteChoice> for Vote {
    fn from(vote: VoteChoice) -> Self {
        match vote {
            VoteChoice::Approve => Self::Approve,
            VoteChoice::Decline => Self::Decline,
            VoteChoice::Abstain => Self::Abstain,
            VoteChoice::Conflict => Self::Conflict,
        }
    }
}

impl From<Vote> for VoteChoice {
    fn from(vote: Vote) -> Self {
        match vote {
            Vote::Approve => Self::Approve,
            Vote::Decline => Self::Decline,
            Vote::Abstain => Self::Abstain,
            Vote::Conflict => Self::Conflict,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct VoteInfo {
    pub round: i64,
    pub member: String,
    pub vote: VoteChoice,
    pub comment: String,
    pub at: String,
}

impl From<&RecordedVote> for VoteInfo {
    fn from(v: &RecordedVote) -> Self {
        Self { round: v.round, member: v.member.clone(), vote: v.vote.into(), comment: v.comment.clone(), at: ts(v.at) }
    }
}

/// The votes of the current round, counted.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TallyInfo {
    pub approve: u32,
    pub decline: u32,
    pub abstain: u32,
    pub conflict: u32,
}

/// The committee's review, for the staff.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewInfo {
    /// The round of votes under way; it starts again after each answered question.
    pub round: i64,
    pub votes: Vec<VoteInfo>,
    pub tally: TallyInfo,
    /// What the votes support so far: `no_quorum`, `approve` or `decline`.
    #[schema(example = "no_quorum")]
    pub verdict: &'static str,
    /// Votes still needed for a quorum.
    pub missing_votes: u32,
}

impl ReviewInfo {
    pub(crate) fn new(review: &Review, round: i64) -> Self {
        let (verdict, missing_votes) = match review.verdict {
            Verdict::NoQuorum { missing } => ("no_quorum", missing),
            Verdict::Approve => ("approve", 0),
            Verdict::Decline => ("decline", 0),
        };
        Self {
            round,
            votes: review.votes.iter().map(VoteInfo::from).collect(),
            tally: TallyInfo {
                approve: review.tally.approve,
                decline: review.tally.decline,
                abstain: review.tally.abstain,
                conflict: review.tally.conflict,
            },
            verdict,
            missing_votes,
        }
    }
}

/// A question to the applicant, and its answer.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct InfoRequestInfo {
    pub id: i64,
    pub question: String,
    /// Who asked; shown to the staff only.
    pub asked_by: Option<String>,
    pub asked_at: String,
    pub deadline_at: String,
    pub open: bool,
    pub answer: Option<String>,
    pub answered_at: Option<String>,
    pub expired_at: Option<String>,
}

impl InfoRequestInfo {
    pub(crate) fn new(request: &InfoRequest, staff: bool) -> Self {
        Self {
            id: request.id,
            question: request.question.clone(),
            asked_by: staff.then(|| request.asked_by.clone()),
            asked_at: ts(request.asked_at),
            deadline_at: ts(request.deadline_at),
            open: request.is_open(),
            answer: request.answer.clone(),
            answered_at: ts_opt(request.answered_at),
            expired_at: ts_opt(request.expired_at),
        }
    }
}

/// The application form; every field may be left empty in a draft.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct ApplicationFormBody {
    /// A kind of organization, e.g. `ngo`, `company`, `academic`, `government`.
    #[schema(example = "ngo")]
    pub org_type: String,
    /// One or two sentences for the directory card.
    pub short_description: String,
    /// About the organization (Markdown), for the partner page.
    pub description: String,
    /// Why the organization supports the community and what it will contribute (Markdown, 40 characters at least).
    pub statement: String,
    /// The mail point of contact.
    pub poc_name: String,
    pub poc_email: String,
    pub poc_title: String,
    /// Capability keys of the taxonomy.
    pub capabilities: Vec<String>,
    /// Component keys of the taxonomy.
    pub components: Vec<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// Web addresses, one per line.
    pub links: String,
}

impl From<ApplicationForm> for ApplicationFormBody {
    fn from(f: ApplicationForm) -> Self {
        Self {
            org_type: f.org_type,
            short_description: f.short_description,
            description: f.description,
            statement: f.statement,
            poc_name: f.poc_name,
            poc_email: f.poc_email,
            poc_title: f.poc_title,
            capabilities: f.capabilities,
            components: f.components,
            countries: f.countries,
            links: f.links,
        }
    }
}

impl From<ApplicationFormBody> for ApplicationForm {
    fn from(f: ApplicationFormBody) -> Self {
        Self {
            org_type: f.org_type,
            short_description: f.short_description,
            description: f.description,
            statement: f.statement,
            poc_name: f.poc_name,
            poc_email: f.poc_email,
            poc_title: f.poc_title,
            capabilities: f.capabilities,
            components: f.components,
            countries: f.countries,
            links: f.links,
        }
    }
}

/// One version of a partner page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct PageContentBody {
    pub name: String,
    pub website: String,
    pub short_description: String,
    /// Markdown.
    pub description: String,
    pub capabilities: Vec<String>,
    pub components: Vec<String>,
    pub countries: Vec<String>,
    pub links: Vec<String>,
}

impl From<PageContent> for PageContentBody {
    fn from(c: PageContent) -> Self {
        Self {
            name: c.name,
            website: c.website,
            short_description: c.short_description,
            description: c.description,
            capabilities: c.capabilities,
            components: c.components,
            countries: c.countries,
            links: c.links,
        }
    }
}

impl From<PageContentBody> for PageContent {
    fn from(c: PageContentBody) -> Self {
        Self {
            name: c.name,
            website: c.website,
            short_description: c.short_description,
            description: c.description,
            capabilities: c.capabilities,
            components: c.components,
            countries: c.countries,
            links: c.links,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PageVersion {
    pub number: i64,
    pub note: String,
    pub author: String,
    pub created_at: String,
    pub approved_at: Option<String>,
    pub approved_by: Option<String>,
    pub content: PageContentBody,
}

impl From<&opo_app::pages::Revision> for PageVersion {
    fn from(r: &opo_app::pages::Revision) -> Self {
        Self {
            number: r.number,
            note: r.note.clone(),
            author: r.author.clone(),
            created_at: ts(r.created_at),
            approved_at: ts_opt(r.approved_at),
            approved_by: r.approved_by.clone(),
            content: opo_app::pages::content_of(r).into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PageComment {
    pub version: i64,
    pub author: String,
    pub body: String,
    pub at: String,
}

/// The partner page under review: every version and comment.
#[derive(Debug, Default, Serialize, ToSchema)]
pub(crate) struct PageInfo {
    pub versions: Vec<PageVersion>,
    pub comments: Vec<PageComment>,
    /// The version the partner approved, which the announcement publishes.
    pub approved_version: Option<i64>,
}

/// Bytes sent as they are, such as a logo: described, never built.
pub(crate) struct Binary;

impl utoipa::PartialSchema for Binary {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .description(Some("The file's bytes"))
            .into()
    }
}

impl ToSchema for Binary {}

/// The stored logo (re-encoded or sanitized).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LogoInfo {
    pub content_type: String,
    pub sha256: String,
}

/// A signature of the partner agreement.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SignatureInfo {
    /// The public code; `/agreements/{code}` is the certificate.
    pub code: String,
    pub organization: String,
    pub agreement_version: String,
    pub agreement_title: String,
    /// SHA-256 of the exact text signed.
    pub text_sha256: String,
    pub signer_name: String,
    pub signer_title: String,
    pub signed_at: String,
    /// The agreement runs three years.
    pub expires_on: String,
    pub in_force: bool,
    /// Whether the text or SHA-256 given (`?sha256=`) is what was signed; absent when none was given.
    pub matches: Option<bool>,
}

impl SignatureInfo {
    pub(crate) fn new(s: &opo_app::agreements::Signature, now: OffsetDateTime, matches: Option<bool>) -> Self {
        Self {
            code: s.code.clone(),
            organization: s.organization_name.clone(),
            agreement_version: s.template_version.clone(),
            agreement_title: s.template_title.clone(),
            text_sha256: s.text_sha256.clone(),
            signer_name: s.signer_name.clone(),
            signer_title: s.signer_title.clone(),
            signed_at: ts(s.signed_at),
            expires_on: s.expires_on.to_string(),
            in_force: now.date() <= s.expires_on,
            matches,
        }
    }
}

/// Everything about one application that the caller may see: the applicant sees what the portal
/// shows (no votes, no internal notes); the staff see the review.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ApplicationDetail {
    pub application: ApplicationSummary,
    /// What the organization wrote when it expressed interest.
    pub interest_message: String,
    pub agreed_role: String,
    /// The secretariat's notes of the intro call; for the staff only.
    pub call_notes: Option<String>,
    pub form: ApplicationFormBody,
    pub form_saved_at: Option<String>,
    pub logo: Option<LogoInfo>,
    pub agreement: Option<SignatureInfo>,
    pub timeline: Vec<TimelineEvent>,
    /// The committee's votes; for the staff only.
    pub review: Option<ReviewInfo>,
    pub info_requests: Vec<InfoRequestInfo>,
    pub page: PageInfo,
}

/// The answer to a step of the workflow: the application as it stands after it, and what the step
/// created.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Outcome {
    pub application: ApplicationSummary,
    /// The public code of the signature just made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_code: Option<String>,
    /// The number of the page version just made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// The question just asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info_request_id: Option<i64>,
    /// The announcement in the news, e.g. `/news/welcome-to-…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub news: Option<String>,
    /// The public partner profile, e.g. `/partners/{slug}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

// ---------------------------------------------------------------------------------------------------
// Requests of the workflow

/// An expression of interest.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InterestBody {
    #[schema(example = "Sahel Data Lab")]
    pub organization: String,
    #[serde(default)]
    #[schema(example = "https://sahel-data.example")]
    pub website: String,
    #[schema(example = "Awa Traoré")]
    pub contact_name: String,
    #[schema(example = "awa@sahel-data.example")]
    pub contact_email: String,
    /// ISO 3166-1 alpha-2 code of the headquarters.
    #[serde(default)]
    #[schema(example = "ML")]
    pub country: String,
    /// A capability key of the taxonomy, or empty when not sure yet.
    #[serde(default)]
    pub desired_role: String,
    #[serde(default)]
    pub message: String,
}

/// The expression of interest was received: the applicant gets an e-mail with a first sign-in link.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct InterestReceived {
    pub application_id: i64,
    pub organization: String,
    pub stage: StageKey,
}

/// The applicant's contact, for an interest that came without one (from the forum).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContactBody {
    pub name: String,
    pub email: String,
}

/// The intro call, set or moved.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CallBody {
    /// RFC 3339, e.g. `2026-12-01T14:00:00Z`.
    #[schema(example = "2026-12-01T14:00:00Z")]
    pub starts_at: String,
    /// Between 15 and 240.
    #[schema(example = 45)]
    pub minutes: i64,
}

/// The notes of the intro call and the role agreed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct CallNotesBody {
    pub notes: String,
    /// A capability key of the taxonomy.
    pub agreed_role: String,
}

/// The applicant signs the current agreement, having read it (`GET /api/v1/agreement`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignBody {
    /// The `id` of the agreement read; a newer version published meanwhile must be read first.
    pub template_id: i64,
    pub signer_name: String,
    pub signer_title: String,
    /// `true` to accept the agreement.
    pub accept: bool,
}

/// The agreement to read before signing.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AgreementText {
    pub id: i64,
    pub version: String,
    pub title: String,
    /// Markdown.
    pub body: String,
    /// SHA-256 of `body`, as the signature keeps it.
    pub sha256: String,
    pub published_at: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct VoteBody {
    pub vote: VoteChoice,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuestionBody {
    pub question: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnswerBody {
    pub answer: String,
}

/// The committee's decision, which its votes must support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DecisionChoice {
    Approve,
    Decline,
}

impl From<DecisionChoice> for Decision {
    fn from(d: DecisionChoice) -> Self {
        match d {
            DecisionChoice::Approve => Self::Approve,
            DecisionChoice::Decline => Self::Decline,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionBody {
    pub decision: DecisionChoice,
    /// Told to the applicant.
    pub reason: String,
}

/// A new version of the partner page.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageVersionBody {
    pub content: PageContentBody,
    /// What changed.
    #[serde(default)]
    pub note: String,
    /// The version this one was edited from. When given and a newer version exists, the request is
    /// refused with 409 and what the newer version changed, instead of replacing it.
    #[serde(default)]
    #[schema(example = 2)]
    pub based_on: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CommentBody {
    pub comment: String,
}

/// Why the application ends.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct ReasonBody {
    pub reason: String,
}

/// One row of two versions compared side by side.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CompareRow {
    /// The line in the old version; absent for an added line.
    pub left: Option<CompareSide>,
    /// The line in the new version; absent for a removed line.
    pub right: Option<CompareSide>,
    /// `same`, `added`, `removed`, `changed` or `formatting`.
    #[schema(example = "changed")]
    pub change: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CompareSide {
    /// 1-based line number in that version.
    pub number: usize,
    pub segments: Vec<CompareSegment>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CompareSegment {
    pub text: String,
    /// The words that differ from the paired line.
    pub marked: bool,
}

impl From<&opo_domain::compare::Row> for CompareRow {
    fn from(row: &opo_domain::compare::Row) -> Self {
        let side = |s: &opo_domain::compare::Side| CompareSide {
            number: s.number,
            segments: s.segments.iter().map(|g| CompareSegment { text: g.text.clone(), marked: g.marked }).collect(),
        };
        Self { left: row.left.as_ref().map(side), right: row.right.as_ref().map(side), change: row.change.key() }
    }
}

/// Two versions of the partner page compared.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Comparison {
    pub from: i64,
    pub to: i64,
    pub rows: Vec<CompareRow>,
}

/// What the webhook did with a delivery.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct WebhookAnswer {
    /// `created` (a new application), `duplicate` (a delivery seen before) or `ignored`.
    #[schema(example = "created")]
    pub status: &'static str,
    pub application_id: Option<i64>,
    pub detail: String,
}
