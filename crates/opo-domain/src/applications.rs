//! The stages an application goes through, from expression of interest to announcement, and the
//! moves between them that the program allows.

pub mod form;
pub mod interest;

use serde::{Deserialize, Serialize};

/// Who the next move of an application is expected from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Applicant,
    Secretariat,
    Committee,
    Nobody,
}

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The organization expressed interest.
    Interest,
    /// The secretariat set up the intro call.
    IntroCall,
    /// After the call, the organization was invited to apply.
    Invited,
    /// The application (statement, logo, contact, signed agreement) was submitted.
    Submitted,
    /// The Operational Committee is reviewing it.
    UnderReview,
    /// The committee asked the applicant for more information.
    InfoRequested,
    Approved,
    /// The partner reviews the draft of its partner page.
    PageReview,
    /// The partnership was announced: the end of a successful application.
    Announced,
    Declined,
    Withdrawn,
}

impl Stage {
    pub const ALL: [Stage; 11] = [
        Self::Interest,
        Self::IntroCall,
        Self::Invited,
        Self::Submitted,
        Self::UnderReview,
        Self::InfoRequested,
        Self::Approved,
        Self::PageReview,
        Self::Announced,
        Self::Declined,
        Self::Withdrawn,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Interest => "interest",
            Self::IntroCall => "intro_call",
            Self::Invited => "invited",
            Self::Submitted => "submitted",
            Self::UnderReview => "under_review",
            Self::InfoRequested => "info_requested",
            Self::Approved => "approved",
            Self::PageReview => "page_review",
            Self::Announced => "announced",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Interest => "Interest expressed",
            Self::IntroCall => "Intro call",
            Self::Invited => "Invited to apply",
            Self::Submitted => "Application submitted",
            Self::UnderReview => "Committee review",
            Self::InfoRequested => "More information requested",
            Self::Approved => "Approved",
            Self::PageReview => "Partner page review",
            Self::Announced => "Announced",
            Self::Declined => "Declined",
            Self::Withdrawn => "Withdrawn",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// An application in a final stage no longer moves; the organization may apply again.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Announced | Self::Declined | Self::Withdrawn)
    }

    /// The stages this one may move to.
    pub fn next(self) -> &'static [Stage] {
        use Stage::*;
        match self {
            Interest => &[IntroCall, Declined, Withdrawn],
            IntroCall => &[Invited, Declined, Withdrawn],
            Invited => &[Submitted, Withdrawn],
            Submitted => &[UnderReview, Withdrawn],
            UnderReview => &[InfoRequested, Approved, Declined, Withdrawn],
            InfoRequested => &[UnderReview, Declined, Withdrawn],
            Approved => &[PageReview],
            PageReview => &[Announced],
            Announced | Declined | Withdrawn => &[],
        }
    }

    /// Who is expected to act next.
    pub fn waiting_on(self) -> Party {
        match self {
            Self::Interest | Self::IntroCall | Self::Submitted | Self::Approved => Party::Secretariat,
            Self::Invited | Self::InfoRequested | Self::PageReview => Party::Applicant,
            Self::UnderReview => Party::Committee,
            Self::Announced | Self::Declined | Self::Withdrawn => Party::Nobody,
        }
    }

    /// What the applicant is told about this stage: where it stands and what comes next.
    pub fn next_step(self) -> &'static str {
        match self {
            Self::Interest => "The secretariat will contact you to set up an intro call.",
            Self::IntroCall => "Join the intro call; after it the secretariat may invite your application.",
            Self::Invited => "Fill in the application, upload your logo, sign the partner agreement, then submit.",
            Self::Submitted => "The secretariat checks your application and passes it to the Operational Committee.",
            Self::UnderReview => "The Operational Committee is reviewing your application.",
            Self::InfoRequested => "The committee asked a question: answer it below so the review can go on.",
            Self::Approved => "Approved! The secretariat is drafting your partner page.",
            Self::PageReview => "Review the draft of your partner page: comment, propose changes, or approve it.",
            Self::Announced => "Your partnership has been announced. Welcome!",
            Self::Declined => "The application was declined. You may apply again later.",
            Self::Withdrawn => "The application was withdrawn. You may apply again later.",
        }
    }

    /// Checks a move, naming both ends when it is not allowed.
    pub fn move_to(self, to: Stage) -> Result<Stage, IllegalTransition> {
        if self.next().contains(&to) { Ok(to) } else { Err(IllegalTransition { from: self, to }) }
    }
}

/// The stage a timeline entry of this kind moves an application to, if it moves it at all.
pub fn stage_entered_by(event_kind: &str) -> Option<Stage> {
    Some(match event_kind {
        "interest" => Stage::Interest,
        "call_scheduled" => Stage::IntroCall,
        "invited" => Stage::Invited,
        "submitted" => Stage::Submitted,
        "sent_to_committee" | "info_answered" | "info_expired" => Stage::UnderReview,
        "info_requested" => Stage::InfoRequested,
        "approved" => Stage::Approved,
        "page_drafted" => Stage::PageReview,
        "announced" => Stage::Announced,
        "declined" => Stage::Declined,
        "withdrawn" => Stage::Withdrawn,
        _ => return None,
    })
}

/// A move between stages that the program does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an application at \"{}\" cannot move to \"{}\"", from.label(), to.label())]
pub struct IllegalTransition {
    pub from: Stage,
    pub to: Stage,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_happy_path_leads_from_interest_to_announcement() {
        let path = [
            Stage::IntroCall,
            Stage::Invited,
            Stage::Submitted,
            Stage::UnderReview,
            Stage::InfoRequested,
            Stage::UnderReview,
            Stage::Approved,
            Stage::PageReview,
            Stage::Announced,
        ];
        let mut stage = Stage::Interest;
        for to in path {
            stage = stage.move_to(to).expect("allowed");
        }
        assert!(stage.is_final());
    }

    #[test]
    fn a_final_stage_moves_nowhere() {
        for from in [Stage::Announced, Stage::Declined, Stage::Withdrawn] {
            for to in Stage::ALL {
                assert_eq!(from.move_to(to), Err(IllegalTransition { from, to }));
            }
        }
    }

    #[test]
    fn an_application_cannot_skip_the_committee() {
        let err = Stage::Submitted.move_to(Stage::Approved).expect_err("illegal");
        assert_eq!(err.to_string(), "an application at \"Application submitted\" cannot move to \"Approved\"");
    }

    #[test]
    fn an_approved_application_can_no_longer_be_withdrawn_or_declined() {
        assert!(Stage::Approved.move_to(Stage::Withdrawn).is_err());
        assert!(Stage::PageReview.move_to(Stage::Declined).is_err());
    }

    #[test]
    fn the_timeline_kinds_that_move_an_application_follow_the_happy_path() {
        let kinds = [
            "interest",
            "call_scheduled",
            "invited",
            "submitted",
            "sent_to_committee",
            "approved",
            "page_drafted",
            "announced",
        ];
        let stages: Vec<_> = kinds.iter().filter_map(|k| stage_entered_by(k)).collect();
        assert_eq!(stages.len(), kinds.len());
        for pair in stages.windows(2) {
            assert!(pair[0].move_to(pair[1]).is_ok(), "{:?} -> {:?}", pair[0], pair[1]);
        }
        assert_eq!(stage_entered_by("page_comment"), None, "a comment moves nothing");
    }

    #[test]
    fn every_stage_that_is_not_final_has_a_way_forward() {
        for stage in Stage::ALL {
            assert_eq!(stage.next().is_empty(), stage.is_final(), "{stage:?}");
            assert_eq!(Stage::parse(stage.key()), Some(stage));
        }
    }
}
