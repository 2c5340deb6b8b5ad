//! Annual check-ins: the secretariat talks with every partner once a year, on the anniversary of
//! the partnership.

use crate::agreements::same_day_in_year;
use crate::partners::FieldError;
use crate::posts::{ConsentScope, PostKind};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// The first anniversary of `joined` that falls on or after `today` (never the joining day itself).
pub fn next_due(joined: Date, today: Date) -> Date {
    let mut year = today.year().max(joined.year() + 1);
    loop {
        let candidate = same_day_in_year(joined, year);
        if candidate >= today {
            return candidate;
        }
        year += 1;
    }
}

/// How many whole years a partnership that started on `joined` has lasted on `today`.
pub fn years_since(joined: Date, today: Date) -> i32 {
    let mut years = today.year() - joined.year();
    if same_day_in_year(joined, today.year()) > today {
        years -= 1;
    }
    years.max(0)
}

/// The anniversary whose check-in should exist on `today`: the next one, once it is at most `lead_days`
/// away. `None` while it is further off.
pub fn to_schedule(joined: Date, today: Date, lead_days: i64) -> Option<Date> {
    let due = next_due(joined, today);
    (due - Duration::days(lead_days.max(0)) <= today).then_some(due)
}

/// Whether a check-in due on `due_on` and not completed is overdue on `today`: more than `grace_days`
/// past its day.
pub fn is_overdue(due_on: Date, today: Date, grace_days: i64) -> bool {
    today > due_on + Duration::days(grace_days.max(0))
}

/// Where a check-in stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Planned, with no questionnaire sent (the organization has no mail point of contact).
    Scheduled,
    /// The partner contact has the questionnaire.
    QuestionnaireSent,
    /// The partner answered; the conversation is still to be recorded.
    Answered,
    /// The conversation and its outcome are recorded.
    Completed,
    /// Past its day without being completed, and reported to the secretariat.
    Escalated,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Self::Scheduled, Self::QuestionnaireSent, Self::Answered, Self::Completed, Self::Escalated];

    pub fn key(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::QuestionnaireSent => "questionnaire_sent",
            Self::Answered => "answered",
            Self::Completed => "completed",
            Self::Escalated => "escalated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Scheduled => "Scheduled",
            Self::QuestionnaireSent => "Questionnaire sent",
            Self::Answered => "Answered",
            Self::Completed => "Completed",
            Self::Escalated => "Overdue (escalated)",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether the check-in still waits for something.
    pub fn is_open(self) -> bool {
        self != Self::Completed
    }

    /// Whether a check-in may move from `self` to `to`. A completed check-in is final; the partner may
    /// answer again (correcting the answers) until then; escalation applies to any open check-in.
    pub fn may_become(self, to: Status) -> bool {
        use Status::*;
        match (self, to) {
            (Completed, _) => false,
            (Scheduled, QuestionnaireSent) => true,
            (_, Answered | Completed) => true,
            (from, Escalated) => from != Escalated,
            _ => false,
        }
    }
}

/// Why a check-in cannot take a step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a check-in that is {} cannot become {}", .from.label().to_lowercase(), .to.label().to_lowercase())]
pub struct IllegalTransition {
    pub from: Status,
    pub to: Status,
}

/// Checks a step of a check-in.
pub fn transition(from: Status, to: Status) -> Result<Status, IllegalTransition> {
    if from.may_become(to) { Ok(to) } else { Err(IllegalTransition { from, to }) }
}

/// What the partner consents to when asked whether it may be featured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureConsent {
    None,
    ImpactStories,
    Blogs,
    All,
}

impl FeatureConsent {
    pub const ALL: [FeatureConsent; 4] = [Self::None, Self::ImpactStories, Self::Blogs, Self::All];

    pub fn key(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::ImpactStories => "impact_stories",
            Self::Blogs => "blogs",
            Self::All => "all",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::None => "No, not at this time",
            Self::ImpactStories => "Yes, in impact stories",
            Self::Blogs => "Yes, in blog posts",
            Self::All => "Yes, in any kind of post",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The consent record this answer stands for; `None` for no consent.
    pub fn scope(self) -> Option<ConsentScope> {
        match self {
            Self::None => None,
            Self::ImpactStories => Some(ConsentScope::Kind(PostKind::ImpactStory)),
            Self::Blogs => Some(ConsentScope::Kind(PostKind::Blog)),
            Self::All => Some(ConsentScope::All),
        }
    }
}

/// The partner's answers to the yearly questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// How the partnership went, from 1 (poorly) to 5 (very well)…
    pub experience_rating: u8,
    /// …and in the partner's words.
    pub experience: String,
    /// What the partner commits to for the coming year.
    pub commitment: String,
    /// Changes wanted on the public partner page; empty when none.
    pub page_changes: String,
    pub consent: FeatureConsent,
    /// Anything the consent is limited to (a project, a country, people to ask first).
    pub consent_notes: String,
}

/// The questionnaire as typed in a form, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionnaireInput {
    pub experience_rating: String,
    pub experience: String,
    pub commitment: String,
    pub page_changes: String,
    pub consent: String,
    pub consent_notes: String,
}

const LONG_TEXT: usize = 5_000;

impl QuestionnaireInput {
    /// Checks every field and returns the answers, or every problem at once.
    pub fn validate(&self) -> Result<Questionnaire, Vec<FieldError>> {
        let mut errors = Vec::new();
        let rating = match self.experience_rating.trim().parse::<u8>() {
            Ok(n @ 1..=5) => n,
            _ => {
                errors.push(FieldError::new("experience_rating", "choose-rating", "Rate your experience from 1 to 5"));
                0
            }
        };
        let mut text = |field: &'static str, label: &'static str, raw: &str, required: bool| {
            let result = if required {
                crate::text::required(label, raw, LONG_TEXT)
            } else if raw.trim().chars().count() > LONG_TEXT {
                Err(crate::text::TextError::TooLong { field: label, max: LONG_TEXT })
            } else {
                Ok(raw.trim().to_owned())
            };
            result.unwrap_or_else(|e| {
                errors.push(FieldError::text(field, &e));
                String::new()
            })
        };
        let experience = text("experience", "Your experience", &self.experience, true);
        let commitment = text("commitment", "Your commitment for the next year", &self.commitment, true);
        let page_changes = text("page_changes", "Changes to your partner page", &self.page_changes, false);
        let consent_notes = text("consent_notes", "The scope of your consent", &self.consent_notes, false);
        let consent = FeatureConsent::parse(self.consent.trim()).unwrap_or_else(|| {
            errors.push(FieldError::new("consent", "choose-consent", "Say whether we may feature you"));
            FeatureConsent::None
        });
        if errors.is_empty() {
            Ok(Questionnaire {
                experience_rating: rating,
                experience,
                commitment,
                page_changes,
                consent,
                consent_notes,
            })
        } else {
            Err(errors)
        }
    }

    /// The answers, to fill the form again.
    pub fn from_answers(q: &Questionnaire) -> Self {
        Self {
            experience_rating: q.experience_rating.to_string(),
            experience: q.experience.clone(),
            commitment: q.commitment.clone(),
            page_changes: q.page_changes.clone(),
            consent: q.consent.key().to_owned(),
            consent_notes: q.consent_notes.clone(),
        }
    }
}

/// The member of staff a new check-in goes to: the one with the fewest open check-ins, the lowest id
/// among equals. `candidates` are (user id, open check-ins).
pub fn round_robin(candidates: &[(i64, usize)]) -> Option<i64> {
    candidates.iter().min_by_key(|(id, open)| (*open, *id)).map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_check_in_is_planned_lead_days_before_its_anniversary() {
        let joined = date!(2024 - 05 - 04);
        assert_eq!(to_schedule(joined, date!(2026 - 04 - 03), 30), None);
        assert_eq!(to_schedule(joined, date!(2026 - 04 - 04), 30), Some(date!(2026 - 05 - 04)));
        assert_eq!(to_schedule(joined, date!(2026 - 05 - 04), 30), Some(date!(2026 - 05 - 04)));
        assert_eq!(to_schedule(joined, date!(2026 - 05 - 05), 30), None, "next year's is far off");
        assert_eq!(to_schedule(joined, date!(2026 - 05 - 04), 0), Some(date!(2026 - 05 - 04)));
    }

    #[test]
    fn a_check_in_is_overdue_after_its_grace_days() {
        let due = date!(2026 - 05 - 04);
        assert!(!is_overdue(due, date!(2026 - 06 - 03), 30));
        assert!(is_overdue(due, date!(2026 - 06 - 04), 30));
    }

    #[test]
    fn statuses_read_back_and_a_completed_check_in_is_final() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.key()), Some(status));
        }
        assert!(transition(Status::Scheduled, Status::QuestionnaireSent).is_ok());
        assert!(transition(Status::Escalated, Status::Answered).is_ok());
        assert!(transition(Status::Answered, Status::Escalated).is_ok());
        assert!(transition(Status::Escalated, Status::Escalated).is_err(), "escalated once");
        assert!(transition(Status::Answered, Status::QuestionnaireSent).is_err());
        let err = transition(Status::Completed, Status::Answered).expect_err("final");
        assert_eq!(err.to_string(), "a check-in that is completed cannot become answered");
        assert!(!Status::Completed.is_open() && Status::Escalated.is_open());
    }

    #[test]
    fn consent_answers_map_onto_consent_scopes() {
        assert_eq!(FeatureConsent::None.scope(), None);
        assert_eq!(FeatureConsent::ImpactStories.scope(), Some(ConsentScope::Kind(PostKind::ImpactStory)));
        assert_eq!(FeatureConsent::Blogs.scope(), Some(ConsentScope::Kind(PostKind::Blog)));
        assert_eq!(FeatureConsent::All.scope(), Some(ConsentScope::All));
        for c in FeatureConsent::ALL {
            assert_eq!(FeatureConsent::parse(c.key()), Some(c));
        }
    }

    fn input() -> QuestionnaireInput {
        QuestionnaireInput {
            experience_rating: "4".into(),
            experience: " Good year. ".into(),
            commitment: "Two workshops.".into(),
            page_changes: String::new(),
            consent: "impact_stories".into(),
            consent_notes: "Ask before naming staff".into(),
        }
    }

    #[test]
    fn a_complete_questionnaire_is_accepted_and_trimmed() {
        let q = input().validate().expect("valid");
        assert_eq!(q.experience_rating, 4);
        assert_eq!(q.experience, "Good year.");
        assert_eq!(q.consent, FeatureConsent::ImpactStories);
        assert_eq!(QuestionnaireInput::from_answers(&q).validate(), Ok(q));
    }

    #[test]
    fn every_problem_of_a_questionnaire_is_named() {
        let bad = QuestionnaireInput {
            experience_rating: "9".into(),
            commitment: " ".into(),
            consent: "maybe".into(),
            ..input()
        };
        let fields: Vec<_> = bad.validate().expect_err("invalid").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["experience_rating", "commitment", "consent"]);
        let long = QuestionnaireInput { page_changes: "x".repeat(5_001), ..input() };
        assert_eq!(long.validate().expect_err("too long")[0].field, "page_changes");
    }

    #[test]
    fn round_robin_picks_the_least_busy_then_the_lowest_id() {
        assert_eq!(round_robin(&[]), None);
        assert_eq!(round_robin(&[(7, 2), (3, 1), (5, 1)]), Some(3));
        assert_eq!(round_robin(&[(7, 0), (3, 1)]), Some(7));
    }

    #[test]
    fn the_first_check_in_falls_a_year_after_joining() {
        assert_eq!(next_due(date!(2026 - 05 - 04), date!(2026 - 05 - 04)), date!(2027 - 05 - 04));
    }

    #[test]
    fn a_check_in_due_today_is_still_due_today() {
        assert_eq!(next_due(date!(2024 - 05 - 04), date!(2026 - 05 - 04)), date!(2026 - 05 - 04));
    }

    #[test]
    fn a_check_in_passed_this_year_falls_next_year() {
        assert_eq!(next_due(date!(2024 - 05 - 04), date!(2026 - 05 - 05)), date!(2027 - 05 - 04));
    }

    #[test]
    fn a_leap_day_partnership_is_checked_on_the_last_day_of_february() {
        assert_eq!(next_due(date!(2024 - 02 - 29), date!(2025 - 01 - 01)), date!(2025 - 02 - 28));
    }

    #[test]
    fn years_since_counts_whole_years_only() {
        assert_eq!(years_since(date!(2020 - 06 - 01), date!(2026 - 05 - 31)), 5);
        assert_eq!(years_since(date!(2020 - 06 - 01), date!(2026 - 06 - 01)), 6);
        assert_eq!(years_since(date!(2026 - 06 - 01), date!(2026 - 01 - 01)), 0);
    }
}
