//! The application form an invited organization fills in: saved as a draft as often as needed, and
//! checked in full only when it is submitted.

use crate::countries::CountryCode;
use crate::partners::{FieldError, OrgType};
use crate::problems::{Refusal, Said};
use crate::text::{self, EmailAddress, TextError, WebUrl};
use serde::{Deserialize, Serialize};

/// The form as typed; a draft keeps it as it is, problems and all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationForm {
    pub org_type: String,
    /// One or two sentences for the directory card.
    pub short_description: String,
    /// About the organization (Markdown), for the partner page.
    pub description: String,
    /// Why the organization supports the community and what it will contribute (Markdown).
    pub statement: String,
    pub poc_name: String,
    pub poc_email: String,
    pub poc_title: String,
    pub capabilities: Vec<String>,
    pub components: Vec<String>,
    pub countries: Vec<String>,
    /// Web addresses, one per line: social accounts, code repositories, reports.
    pub links: String,
}

/// The vocabularies the form's choices must come from.
#[derive(Debug, Clone, Copy)]
pub struct Choices<'a> {
    pub capabilities: &'a [&'a str],
    pub components: &'a [&'a str],
}

/// A form that may be submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompleteApplication {
    pub org_type: OrgType,
    pub short_description: String,
    pub description: String,
    pub statement: String,
    pub poc_name: String,
    pub poc_email: EmailAddress,
    pub poc_title: String,
    pub capabilities: Vec<String>,
    pub components: Vec<String>,
    pub countries: Vec<CountryCode>,
    pub links: Vec<WebUrl>,
}

/// Limits that keep a draft from growing without bound even before it is checked.
const MAX_TEXT: usize = 20_000;
const MIN_STATEMENT: usize = 40;

impl ApplicationForm {
    /// Checks what even a draft must respect: sizes.
    pub fn check_draft(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, label, value, max) in [
            ("short_description", "Short description", &self.short_description, 300),
            ("description", "About the organization", &self.description, MAX_TEXT),
            ("statement", "Statement of support", &self.statement, MAX_TEXT),
            ("poc_name", "Name", &self.poc_name, 200),
            ("poc_email", "E-mail", &self.poc_email, 254),
            ("poc_title", "Title", &self.poc_title, 200),
            ("links", "Links", &self.links, 4_000),
        ] {
            if value.chars().count() > max {
                errors.push(FieldError::text(field, &TextError::TooLong { field: label, max }));
            }
        }
        for (field, list) in
            [("capabilities", &self.capabilities), ("components", &self.components), ("countries", &self.countries)]
        {
            if list.len() > 300 {
                errors.push(FieldError::new(field, "too-many-choices", "too many choices"));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// Checks everything a submitted application needs, reporting every problem at once.
    pub fn validate(&self, choices: Choices<'_>) -> Result<CompleteApplication, Vec<FieldError>> {
        let mut errors = self.check_draft().err().unwrap_or_default();
        let mut note = |field: &'static str, e: &dyn Refusal| {
            if !errors.iter().any(|p: &FieldError| p.field == field) {
                errors.push(FieldError::of(field, e));
            }
        };
        let org_type = OrgType::parse(self.org_type.trim());
        if org_type.is_none() {
            note("org_type", &Said::new("choose-org-type", "choose the kind of organization"));
        }
        let short_description = text::line("Short description", &self.short_description, 300)
            .map_err(|e| note("short_description", &e))
            .ok();
        let statement = self.statement.trim();
        if statement.chars().count() < MIN_STATEMENT {
            note(
                "statement",
                &Said::new(
                    "statement-too-short",
                    format!("Statement of support: write at least {MIN_STATEMENT} characters"),
                )
                .with("min", MIN_STATEMENT),
            );
        }
        let poc_name = text::line("Name", &self.poc_name, 200).map_err(|e| note("poc_name", &e)).ok();
        let poc_email = EmailAddress::parse_new(&self.poc_email).map_err(|e| note("poc_email", &e)).ok();
        let capabilities = known("capabilities", &self.capabilities, choices.capabilities, &mut note);
        if capabilities.is_empty() {
            note("capabilities", &Said::new("choose-capability", "choose at least one role your organization takes"));
        }
        let components = known("components", &self.components, choices.components, &mut note);
        let mut countries = Vec::new();
        for raw in &self.countries {
            match CountryCode::parse(raw) {
                Ok(code) if !countries.contains(&code) => countries.push(code),
                Ok(_) => {}
                Err(e) => note("countries", &e),
            }
        }
        let mut links = Vec::new();
        for line in self.links.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match WebUrl::parse(line) {
                Ok(url) if !links.contains(&url) => links.push(url),
                Ok(_) => {}
                Err(e) => note("links", &e),
            }
        }
        match (org_type, short_description, poc_name, poc_email) {
            (Some(org_type), Some(short_description), Some(poc_name), Some(poc_email)) if errors.is_empty() => {
                Ok(CompleteApplication {
                    org_type,
                    short_description,
                    description: self.description.trim().to_owned(),
                    statement: statement.to_owned(),
                    poc_name,
                    poc_email,
                    poc_title: self.poc_title.trim().to_owned(),
                    capabilities,
                    components,
                    countries,
                    links,
                })
            }
            _ => Err(errors),
        }
    }
}

fn known(
    field: &'static str,
    picked: &[String],
    allowed: &[&str],
    note: &mut impl FnMut(&'static str, &dyn Refusal),
) -> Vec<String> {
    let mut keys = Vec::new();
    for key in picked.iter().map(|k| k.trim()) {
        if !allowed.contains(&key) {
            note(
                field,
                &Said::new("unknown-choice", format!("\"{key}\" is not one of the choices")).with("value", key),
            );
        } else if !keys.iter().any(|k| k == key) {
            keys.push(key.to_owned());
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHOICES: Choices<'static> =
        Choices { capabilities: &["research", "funding"], components: &["client-registry", "shared-health-record"] };

    fn form() -> ApplicationForm {
        ApplicationForm {
            org_type: "ngo".into(),
            short_description: "District health data for the Sahel.".into(),
            description: "We **build** registries.".into(),
            statement: "We support open standards and will share our registry work with the community.".into(),
            poc_name: "Awa Traoré".into(),
            poc_email: "awa@sahel-data.example".into(),
            poc_title: "Director".into(),
            capabilities: vec!["research".into(), "research".into()],
            components: vec!["client-registry".into()],
            countries: vec!["ml".into(), "SN".into()],
            links: "https://github.com/sahel-data\n\n  https://sahel-data.example/blog  ".into(),
        }
    }

    #[test]
    fn a_complete_form_validates_with_duplicates_dropped() {
        let complete = form().validate(CHOICES).expect("valid");
        assert_eq!(complete.capabilities, ["research"]);
        assert_eq!(complete.countries.len(), 2);
        assert_eq!(complete.links.len(), 2);
    }

    #[test]
    fn an_empty_draft_may_be_saved_but_not_submitted() {
        let empty = ApplicationForm::default();
        assert_eq!(empty.check_draft(), Ok(()));
        let fields: Vec<_> = empty.validate(CHOICES).expect_err("incomplete").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["org_type", "short_description", "statement", "poc_name", "poc_email", "capabilities"]);
    }

    #[test]
    fn choices_outside_the_vocabularies_are_named() {
        let bad = ApplicationForm {
            capabilities: vec!["telepathy".into()],
            components: vec!["flux-capacitor".into()],
            countries: vec!["XX".into()],
            links: "javascript:alert(1)".into(),
            ..form()
        };
        let errors = bad.validate(CHOICES).expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["capabilities", "components", "countries", "links"]);
        assert!(errors[0].message.contains("telepathy"), "{}", errors[0].message);
    }

    #[test]
    fn a_draft_too_long_is_refused_even_unsubmitted() {
        let long = ApplicationForm { statement: "x".repeat(MAX_TEXT + 1), ..form() };
        let errors = long.check_draft().expect_err("too long");
        assert_eq!(errors[0].field, "statement");
    }
}
