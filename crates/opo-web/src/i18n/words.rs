//! The words for the codes the domain hands over (stages, parties, timeline entries, votes, roles,
//! statuses, consents, text problems): each code maps to a message id, and the domain's English label
//! stays the fallback when a message is missing.

use super::Tr;
use opo_domain::accounts::Role;
use opo_domain::applications::{Party, Stage};
use opo_domain::checkins::{FeatureConsent, Status as CheckInStatus};
use opo_domain::partners::{OrgType, PartnerStatus};
use opo_domain::posts::{ConsentScope, PostKind};
use opo_domain::reviews::{Verdict, Vote};
use opo_domain::text::TextError;

impl Tr {
    /// Takes the stage or a reference to it, as templates hand over references.
    pub(crate) fn stage(&self, stage: impl std::borrow::Borrow<Stage>) -> String {
        let stage = *stage.borrow();
        self.label(&format!("stage-{}", stage.key()), stage.label())
    }

    /// What the applicant is told about a stage: where it stands and what comes next.
    pub(crate) fn next_step(&self, stage: Stage) -> String {
        self.label(&format!("next-step-{}", stage.key()), stage.next_step())
    }

    /// Who an application at this stage waits on.
    pub(crate) fn waiting_on(&self, stage: Stage) -> String {
        let (key, english) = match stage.waiting_on() {
            Party::Applicant => ("applicant", "Applicant"),
            Party::Secretariat => ("secretariat", "Secretariat"),
            Party::Committee => ("committee", "Committee"),
            Party::Nobody => ("nobody", "Nobody"),
        };
        self.label(&format!("waiting-{key}"), english)
    }

    /// A timeline entry, in words an applicant understands.
    pub(crate) fn event(&self, kind: &str) -> String {
        self.label(&format!("event-{kind}"), &self.get("event-update"))
    }

    /// A history entry as the committee and the secretariat read it; an unknown kind shows its code.
    pub(crate) fn board_event(&self, kind: &str) -> String {
        self.label(&format!("board-event-{kind}"), &kind.replace('_', " "))
    }

    pub(crate) fn vote(&self, vote: Vote) -> String {
        self.label(&format!("vote-{}", vote.key()), vote.label())
    }

    /// What the votes allow, in a sentence.
    pub(crate) fn verdict(&self, verdict: Verdict) -> String {
        match verdict {
            Verdict::NoQuorum { missing } => self.count("verdict-no-quorum", i64::from(missing)),
            Verdict::Approve => self.get("verdict-approve"),
            Verdict::Decline => self.get("verdict-decline"),
        }
    }

    pub(crate) fn role(&self, role: Role) -> String {
        self.label(&format!("role-{}", role.key()), role.label())
    }

    pub(crate) fn partner_status(&self, status: PartnerStatus) -> String {
        self.label(&format!("status-{}", status.key()), status.label())
    }

    pub(crate) fn checkin_status(&self, status: CheckInStatus) -> String {
        self.label(&format!("checkin-status-{}", status.key()), status.label())
    }

    pub(crate) fn feature_consent(&self, consent: FeatureConsent) -> String {
        self.label(&format!("feature-consent-{}", consent.key()), consent.label())
    }

    pub(crate) fn post_kind(&self, kind: PostKind) -> String {
        self.label(&format!("post-kind-{}", kind.key()), kind.label())
    }

    pub(crate) fn consent_scope(&self, scope: ConsentScope) -> String {
        match scope {
            ConsentScope::All => self.label("consent-scope-all", scope.label()),
            ConsentScope::Kind(kind) => self.post_kind(kind),
        }
    }

    pub(crate) fn org_type(&self, org_type: OrgType) -> String {
        self.label(&format!("org-type-{}", org_type.key()), org_type.label())
    }

    /// A problem with typed text, naming the field in the reader's words.
    pub(crate) fn text_error(&self, error: &TextError, field: &str) -> String {
        match error {
            TextError::Empty { .. } => self.args("text-empty", &[("field", field.into())]),
            TextError::TooLong { max, .. } => {
                self.args("text-too-long", &[("field", field.into()), ("count", (*max as i64).into())])
            }
            TextError::BadSlug => self.get("text-bad-slug"),
            TextError::BadEmail(value) => self.args("text-bad-email", &[("value", value.as_str().into())]),
            TextError::BadUrl => self.get("text-bad-url"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Locale, format};
    use super::*;

    /// Every code the domain can hand over has a message in English, and the English message says what
    /// the domain's own label says, so the fallback and the translation never drift apart.
    #[test]
    fn every_code_has_an_english_message_matching_the_domain() {
        let en = |key: &str| format(Locale::En, key, None).unwrap_or_else(|| panic!("{key} is missing in en.ftl"));
        for stage in Stage::ALL {
            assert_eq!(en(&format!("stage-{}", stage.key())), stage.label());
            assert_eq!(en(&format!("next-step-{}", stage.key())), stage.next_step());
        }
        for vote in Vote::ALL {
            assert_eq!(en(&format!("vote-{}", vote.key())), vote.label());
        }
        for role in Role::ALL {
            assert_eq!(en(&format!("role-{}", role.key())), role.label());
        }
        for status in CheckInStatus::ALL {
            assert_eq!(en(&format!("checkin-status-{}", status.key())), status.label());
        }
        for consent in FeatureConsent::ALL {
            assert_eq!(en(&format!("feature-consent-{}", consent.key())), consent.label());
        }
        for status in PartnerStatus::ALL {
            assert_eq!(en(&format!("status-{}", status.key())), status.label());
        }
        for kind in PostKind::ALL {
            assert_eq!(en(&format!("post-kind-{}", kind.key())), kind.label());
        }
        for kind in [
            "interest",
            "contact_set",
            "call_scheduled",
            "call_moved",
            "call_recorded",
            "invited",
            "logo_uploaded",
            "agreement_signed",
            "submitted",
            "sent_to_committee",
            "vote",
            "info_requested",
            "info_answered",
            "info_expired",
            "approved",
            "declined",
            "withdrawn",
            "page_drafted",
            "page_revised",
            "page_comment",
            "page_approved",
            "announced",
            "draft_reminder",
        ] {
            let _ = en(&format!("event-{kind}"));
            let _ = en(&format!("board-event-{kind}"));
        }
    }

    #[test]
    fn codes_read_in_the_visitors_language_and_unknown_ones_fall_back() {
        let fr = Tr(Locale::Fr);
        assert_eq!(fr.stage(Stage::UnderReview), "Examen par le Comité");
        assert_eq!(fr.waiting_on(Stage::Invited), "Candidat");
        assert_eq!(
            Tr(Locale::Es).verdict(Verdict::NoQuorum { missing: 2 }),
            "Todavía no hay quórum: faltan 2 votos para decidir."
        );
        assert_eq!(fr.event("something_new"), "Mise à jour");
        assert_eq!(fr.board_event("something_new"), "something new");
        let too_long = TextError::TooLong { field: "Description", max: 300 };
        assert_eq!(Tr(Locale::Pt).text_error(&too_long, "Descrição"), "Descrição deve ter no máximo 300 caracteres");
        assert_eq!(Tr(Locale::En).text_error(&too_long, "Description"), too_long.to_string());
    }
}
