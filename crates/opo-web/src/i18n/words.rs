//! The words for the codes the domain hands over (stages, parties, timeline entries, votes, roles,
//! statuses, consents, text problems): each code maps to a message id, and the domain's English label
//! stays the fallback when a message is missing.

use super::{Locale, Tr};
use fluent_bundle::FluentValue;
use opo_domain::accounts::Role;
use opo_domain::applications::{Party, Stage};
use opo_domain::checkins::{FeatureConsent, Status as CheckInStatus};
use opo_domain::partners::{FieldError, OrgType, PartnerStatus};
use opo_domain::posts::{ConsentScope, PostKind};
use opo_domain::problems::Clash;
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
            TextError::ControlCharacter { .. } => self.args("field-control-character", &[("label", field.into())]),
            TextError::LineBreak { .. } => self.args("field-line-break", &[("label", field.into())]),
            TextError::LookAlikeEmail(value) => {
                self.args("field-look-alike-email", &[("value", value.as_str().into())])
            }
        }
    }
}

impl Tr {
    /// A problem with a field, worded from its code (`field-{code}`); the field's label, when the
    /// problem names one, is worded too (`field-label-{label}`). A code without a message keeps the
    /// problem's own text.
    pub(crate) fn field_error(&self, error: &FieldError) -> String {
        let key = format!("field-{}", error.code);
        if !Tr(Locale::En).has(&key) {
            return error.message.clone();
        }
        let args: Vec<(&str, FluentValue<'_>)> = error
            .args
            .iter()
            .map(|(name, value)| {
                let value = match *name {
                    "label" => FluentValue::from(self.field_label(value)),
                    _ => match value.parse::<i64>() {
                        Ok(n) => FluentValue::from(n),
                        Err(_) => FluentValue::from(value.as_str()),
                    },
                };
                (*name, value)
            })
            .collect();
        self.args(&key, &args)
    }

    /// The English label of a field (`Short description`), in the reader's words.
    fn field_label(&self, english: &str) -> String {
        self.label(&format!("field-label-{}", slug(english)), english)
    }

    /// A refusal because of where things stand, worded from its code (`clash-{code}`), with a capital
    /// and no full stop; a code without a message keeps the refusal's own text.
    pub(crate) fn clash(&self, clash: &Clash) -> String {
        let key = format!("clash-{}", clash.code);
        if !Tr(Locale::En).has(&key) {
            return capitalized(&clash.message);
        }
        let args: Vec<(&str, FluentValue<'_>)> =
            clash.args.iter().map(|(name, value)| (*name, self.clash_value(clash.code, name, value))).collect();
        self.args(&key, &args)
    }

    /// One value of a refusal in the reader's words: stages, statuses and kinds by their codes, dates
    /// spelt out, numbers as numbers (for plurals).
    fn clash_value(&self, code: &str, name: &str, value: &str) -> FluentValue<'static> {
        let worded = match (code, name) {
            ("checkin-illegal-move", "from" | "to") => CheckInStatus::parse(value).map(|s| self.checkin_status(s)),
            (_, "from" | "to" | "stage") => Stage::parse(value).map(|s| self.stage(s)),
            (_, "status") => PartnerStatus::parse(value).map(|s| self.partner_status(s)),
            (_, "kind") => PostKind::parse(value).map(|k| self.post_kind(k)),
            (_, "doing") => Some(self.label(&format!("doing-{}", slug(value)), value)),
            (_, "date") => crate::format::parse_iso_date(value).ok().map(|d| self.date(d)),
            (_, "author") if value.is_empty() => Some(self.get("clash-someone-else")),
            _ => None,
        };
        match worded {
            Some(text) => text.into(),
            None => match value.parse::<i64>() {
                Ok(n) => n.into(),
                Err(_) => value.to_owned().into(),
            },
        }
    }

    /// The problems with their messages in the reader's words, for a form drawn again.
    pub(crate) fn worded(&self, errors: Vec<FieldError>) -> Vec<FieldError> {
        errors.into_iter().map(|e| FieldError { message: self.field_error(&e), ..e }).collect()
    }
}

/// A message id's tail made of an English phrase: "Short description" gives `short-description`.
fn slug(english: &str) -> String {
    english.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::format;
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

    /// The English wording of a coded problem says what the domain says, so English readers see no
    /// change and the translations have one source to follow.
    #[test]
    fn english_field_problems_match_the_domain_and_others_are_translated() {
        use opo_domain::countries::CountryCode;
        let en = Tr(Locale::En);
        let problems = [
            FieldError::text("name", &TextError::Empty { field: "Name" }),
            FieldError::text("message", &TextError::TooLong { field: "Message", max: 5000 }),
            FieldError::text("contact_email", &TextError::BadEmail("awa-at-sahel".into())),
            FieldError::text("website", &TextError::BadUrl),
            FieldError::of("country", &CountryCode::parse("XX").expect_err("unknown")),
        ];
        for problem in &problems {
            assert_eq!(en.field_error(problem), problem.message, "{}", problem.code);
            assert_ne!(Tr(Locale::Fr).field_error(problem), problem.message, "{} in French", problem.code);
        }
        assert_eq!(Tr(Locale::Fr).field_error(&problems[0]), "Nom ne doit pas être vide");
        assert_eq!(Tr(Locale::Es).field_error(&problems[1]), "Mensaje debe tener como máximo 5000 caracteres");
        let unknown = FieldError::new("x", "no-such-code", "as the domain says it");
        assert_eq!(Tr(Locale::Pt).field_error(&unknown), "as the domain says it", "a gap keeps the English");
    }

    #[test]
    fn refusals_are_worded_with_their_stages_and_counts() {
        let wrong =
            Clash::new("wrong-stage", "Deciding is not possible while the application is at \"Invited to apply\"")
                .with("doing", "Deciding")
                .with("stage", Stage::Invited.key());
        assert_eq!(Tr(Locale::En).clash(&wrong), wrong.message);
        assert_eq!(
            Tr(Locale::Fr).clash(&wrong),
            "La décision n’est pas possible tant que la candidature est à l’étape « Invitation à déposer une candidature »"
        );
        let quorum = Clash::new("no-quorum", "no quorum").with("missing", 2).with("quorum", 3);
        assert_eq!(Tr(Locale::Pt).clash(&quorum), "O Comitê ainda não tem quórum: falta(m) 2 voto(s) (3 no total)");
        assert_eq!(Tr(Locale::Es).clash(&Clash::new("no-such-code", "as it is")), "As it is");
    }
}
