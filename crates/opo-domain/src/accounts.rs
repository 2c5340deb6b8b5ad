//! People who sign in and the role each one holds.

use serde::{Deserialize, Serialize};

/// The role of a signed-in person. An anonymous visitor has no role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A contact of one organization: applies, signs, reviews its partner page.
    PartnerContact,
    /// A member of the Operational Committee: reviews and votes on applications.
    Committee,
    /// Runs the program day to day.
    Secretariat,
    /// Runs the service: accounts, settings.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Self::PartnerContact, Self::Committee, Self::Secretariat, Self::Admin];

    pub fn key(self) -> &'static str {
        match self {
            Self::PartnerContact => "partner",
            Self::Committee => "committee",
            Self::Secretariat => "secretariat",
            Self::Admin => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::PartnerContact => "Partner contact",
            Self::Committee => "Committee member",
            Self::Secretariat => "Secretariat",
            Self::Admin => "Administrator",
        }
    }

    /// Accepts the key and the common synonyms people type on the command line.
    pub fn parse(raw: &str) -> Result<Self, UnknownRole> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "partner" | "partner-contact" | "applicant" => Ok(Self::PartnerContact),
            "committee" | "committee-member" => Ok(Self::Committee),
            "secretariat" => Ok(Self::Secretariat),
            "admin" | "administrator" => Ok(Self::Admin),
            _ => Err(UnknownRole(raw.to_owned())),
        }
    }

    /// Only partner contacts belong to an organization.
    pub fn belongs_to_organization(self) -> bool {
        self == Self::PartnerContact
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a role; the roles are partner, committee, secretariat and admin")]
pub struct UnknownRole(pub String);

/// Whether an account may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccountStatus {
    Active,
    Deactivated,
}

impl AccountStatus {
    pub fn key(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Deactivated => "deactivated",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        match key {
            "active" => Some(Self::Active),
            "deactivated" => Some(Self::Deactivated),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_is_parsed_from_its_key_or_a_synonym() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.key()), Ok(role));
        }
        assert_eq!(Role::parse(" Applicant "), Ok(Role::PartnerContact));
        assert_eq!(Role::parse("Administrator"), Ok(Role::Admin));
    }

    #[test]
    fn an_unknown_role_names_the_roles_there_are() {
        let err = Role::parse("owner").expect_err("unknown");
        assert!(err.to_string().contains("partner, committee, secretariat and admin"));
    }

    #[test]
    fn only_partner_contacts_belong_to_an_organization() {
        assert!(Role::PartnerContact.belongs_to_organization());
        assert!(!Role::Secretariat.belongs_to_organization());
    }
}
