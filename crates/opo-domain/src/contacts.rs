//! The people of an organization: each contact is a person with an account and one or more roles in
//! that organization. Belonging is granted (by the secretariat, or by the organization's primary
//! contact), never inferred from what someone typed; these rules say what a roster of contacts must keep.

use serde::{Deserialize, Serialize};

/// What a contact does for an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactRole {
    /// Speaks for the organization in the program: invites and removes its other contacts.
    Primary,
    /// Receives the program's mail: the check-in questionnaire, notices about the partnership.
    MailPoc,
    /// Signs the partner agreement, and so is reminded when it must be signed again.
    Signer,
    /// Looks after the partner page and the posts that feature the organization.
    Communications,
}

impl ContactRole {
    pub const ALL: [ContactRole; 4] = [Self::Primary, Self::MailPoc, Self::Signer, Self::Communications];

    pub fn key(self) -> &'static str {
        match self {
            Self::Primary => "primary",
            Self::MailPoc => "mail-poc",
            Self::Signer => "signer",
            Self::Communications => "communications",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Primary => "Primary contact",
            Self::MailPoc => "Mail point of contact",
            Self::Signer => "Agreement signer",
            Self::Communications => "Communications",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == key.trim())
    }
}

/// The roles one contact holds in one organization.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContactRoles {
    pub primary: bool,
    pub mail_poc: bool,
    pub signer: bool,
    pub communications: bool,
}

impl ContactRoles {
    pub fn of(roles: &[ContactRole]) -> Self {
        let mut set = Self::default();
        for role in roles {
            set.set(*role, true);
        }
        set
    }

    pub fn has(self, role: ContactRole) -> bool {
        match role {
            ContactRole::Primary => self.primary,
            ContactRole::MailPoc => self.mail_poc,
            ContactRole::Signer => self.signer,
            ContactRole::Communications => self.communications,
        }
    }

    pub fn set(&mut self, role: ContactRole, on: bool) {
        match role {
            ContactRole::Primary => self.primary = on,
            ContactRole::MailPoc => self.mail_poc = on,
            ContactRole::Signer => self.signer = on,
            ContactRole::Communications => self.communications = on,
        }
    }

    /// The roles held in either set.
    pub fn union(self, other: Self) -> Self {
        Self {
            primary: self.primary || other.primary,
            mail_poc: self.mail_poc || other.mail_poc,
            signer: self.signer || other.signer,
            communications: self.communications || other.communications,
        }
    }

    pub fn with(mut self, role: ContactRole) -> Self {
        self.set(role, true);
        self
    }

    /// The roles held, in the order of [`ContactRole::ALL`].
    pub fn list(self) -> Vec<ContactRole> {
        ContactRole::ALL.into_iter().filter(|r| self.has(*r)).collect()
    }

    /// Whether any of `wanted` is held.
    pub fn any(self, wanted: &[ContactRole]) -> bool {
        wanted.iter().any(|r| self.has(*r))
    }

    /// Parses role keys as a form or the API sends them; an unknown key is named in the error.
    pub fn parse_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut set = Self::default();
        for key in keys.into_iter().map(str::trim).filter(|k| !k.is_empty()) {
            let role = ContactRole::parse(key).ok_or_else(|| {
                format!("\"{key}\" is not a contact role; the roles are primary, mail-poc, signer and communications")
            })?;
            set.set(role, true);
        }
        Ok(set)
    }
}

/// Why a change to an organization's contacts is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("an organization always keeps one primary contact: name another primary contact first")]
    NoPrimaryLeft,
}

/// Checks a change to one contact against the rest of the organization's contacts: `others` are the
/// roles of every other contact, `after` the changed contact's roles (`None` when it is removed).
pub fn check_change(others: &[ContactRoles], after: Option<ContactRoles>) -> Result<(), RosterError> {
    let primaries = others.iter().filter(|r| r.primary).count() + usize::from(after.is_some_and(|r| r.primary));
    if primaries == 0 { Err(RosterError::NoPrimaryLeft) } else { Ok(()) }
}

/// Who an obligation of the partnership's later life is addressed to: the contacts whose role concerns
/// it, and the primary contact when no one holds that role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern {
    /// Renewal reminders, the expiry and lapse notices: the agreement's signers.
    Agreement,
    /// The annual check-in questionnaire and its follow-ups: the mail point of contact.
    CheckIn,
    /// A partner page version waiting for approval, and consent to be featured: communications.
    PartnerPage,
}

impl Concern {
    /// The roles addressed, besides the primary contact who is always told.
    pub fn roles(self) -> &'static [ContactRole] {
        match self {
            Self::Agreement => &[ContactRole::Signer, ContactRole::MailPoc],
            Self::CheckIn => &[ContactRole::MailPoc],
            Self::PartnerPage => &[ContactRole::Communications, ContactRole::MailPoc],
        }
    }

    /// Whether a contact with `roles` is addressed.
    pub fn addresses(self, roles: ContactRoles) -> bool {
        roles.primary || roles.any(self.roles())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_keys() {
        for role in ContactRole::ALL {
            assert_eq!(ContactRole::parse(role.key()), Some(role));
        }
        let roles = ContactRoles::parse_keys(["primary", " signer "]).expect("known keys");
        assert_eq!(roles.list(), vec![ContactRole::Primary, ContactRole::Signer]);
        let err = ContactRoles::parse_keys(["owner"]).expect_err("unknown key");
        assert!(err.contains("\"owner\""), "{err}");
    }

    #[test]
    fn an_organization_keeps_one_primary_contact() {
        let primary = ContactRoles::default().with(ContactRole::Primary);
        let signer = ContactRoles::default().with(ContactRole::Signer);
        assert_eq!(check_change(&[signer], None), Err(RosterError::NoPrimaryLeft), "removing the last primary");
        assert_eq!(check_change(&[signer], Some(signer)), Err(RosterError::NoPrimaryLeft), "demoting it");
        assert_eq!(check_change(&[primary], None), Ok(()), "another primary remains");
        assert_eq!(check_change(&[], Some(primary)), Ok(()), "the first contact is primary");
    }

    #[test]
    fn an_obligation_reaches_the_contacts_whose_role_concerns_it_and_the_primary_contact() {
        let comms = ContactRoles::default().with(ContactRole::Communications);
        let signer = ContactRoles::default().with(ContactRole::Signer);
        let primary = ContactRoles::default().with(ContactRole::Primary);
        assert!(Concern::Agreement.addresses(signer));
        assert!(!Concern::Agreement.addresses(comms));
        assert!(Concern::PartnerPage.addresses(comms));
        assert!(!Concern::CheckIn.addresses(signer));
        for concern in [Concern::Agreement, Concern::CheckIn, Concern::PartnerPage] {
            assert!(concern.addresses(primary), "{concern:?}");
        }
    }
}
