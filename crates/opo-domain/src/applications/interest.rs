//! An expression of interest: the first thing an organization sends, from the public form or a forum
//! topic, before anyone has an account.

use crate::countries::CountryCode;
use crate::partners::FieldError;
use crate::problems::{Refusal, Said};
use crate::text::{self, EmailAddress, WebUrl};
use serde::{Deserialize, Serialize};

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestInput {
    pub organization: String,
    pub website: String,
    pub contact_name: String,
    pub contact_email: String,
    pub country: String,
    /// A capability key of the taxonomy, or empty when the organization is not sure yet.
    pub desired_role: String,
    pub message: String,
}

/// A valid expression of interest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interest {
    pub organization: String,
    pub website: Option<WebUrl>,
    pub contact_name: String,
    pub contact_email: EmailAddress,
    pub country: Option<CountryCode>,
    pub desired_role: String,
    pub message: String,
}

impl InterestInput {
    /// Checks every field; `roles` are the capability keys a desired role may name.
    pub fn validate(&self, roles: &[&str]) -> Result<Interest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut note = |field: &'static str, e: &dyn Refusal| {
            errors.push(FieldError::of(field, e));
        };
        let organization =
            text::line("Organization", &self.organization, 200).map_err(|e| note("organization", &e)).ok();
        let website = match self.website.trim() {
            "" => Some(None),
            raw => WebUrl::parse(raw).map(Some).map_err(|e| note("website", &e)).ok(),
        };
        let contact_name = text::line("Your name", &self.contact_name, 200).map_err(|e| note("contact_name", &e)).ok();
        let contact_email = EmailAddress::parse_new(&self.contact_email).map_err(|e| note("contact_email", &e)).ok();
        let country = match self.country.trim() {
            "" => Some(None),
            raw => CountryCode::parse(raw).map(Some).map_err(|e| note("country", &e)).ok(),
        };
        let desired_role = self.desired_role.trim();
        if !desired_role.is_empty() && !roles.contains(&desired_role) {
            note("desired_role", &Said::new("choose-role", "choose one of the roles listed, or leave it open"));
        }
        let message = self.message.trim();
        if message.chars().count() > 5_000 {
            note("message", &text::TextError::TooLong { field: "Message", max: 5_000 });
        }
        match (organization, website, contact_name, contact_email, country) {
            (Some(organization), Some(website), Some(contact_name), Some(contact_email), Some(country))
                if errors.is_empty() =>
            {
                Ok(Interest {
                    organization,
                    website,
                    contact_name,
                    contact_email,
                    country,
                    desired_role: desired_role.to_owned(),
                    message: message.to_owned(),
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [&str; 2] = ["implementation-support", "research"];

    fn input() -> InterestInput {
        InterestInput {
            organization: "Sahel Data Lab".into(),
            website: "https://sahel-data.example".into(),
            contact_name: "Awa Traoré".into(),
            contact_email: "awa@sahel-data.example".into(),
            country: "ml".into(),
            desired_role: "research".into(),
            message: "We run district health information systems.".into(),
        }
    }

    #[test]
    fn a_complete_form_is_accepted() {
        let interest = input().validate(&ROLES).expect("valid");
        assert_eq!(interest.country.map(|c| c.as_str()), Some("ML"));
        assert_eq!(interest.contact_email.as_str(), "awa@sahel-data.example");
    }

    #[test]
    fn the_website_country_and_role_may_be_left_open() {
        let open =
            InterestInput { website: " ".into(), country: String::new(), desired_role: String::new(), ..input() };
        let interest = open.validate(&ROLES).expect("valid");
        assert_eq!((interest.website, interest.country, interest.desired_role.as_str()), (None, None, ""));
    }

    #[test]
    fn every_problem_is_named_with_its_field() {
        let bad = InterestInput {
            organization: String::new(),
            website: "not a site".into(),
            contact_name: " ".into(),
            contact_email: "awa-at-example".into(),
            country: "QQ".into(),
            desired_role: "astrology".into(),
            message: "x".repeat(5_001),
        };
        let fields: Vec<_> = bad.validate(&ROLES).expect_err("invalid").into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["organization", "website", "contact_name", "contact_email", "country", "desired_role", "message"]
        );
    }
}
