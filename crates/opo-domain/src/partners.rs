//! Partner organizations: what kind of organization, where its partnership stands, and the validated
//! data a new organization is created from.

use crate::countries::CountryCode;
use crate::problems::{Refusal, Said};
use crate::text::{self, Slug, TextError, WebUrl};
use serde::{Deserialize, Serialize};

/// The kind of organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrgType {
    Ngo,
    Company,
    Academic,
    Government,
    Multilateral,
    Foundation,
    OpenSourceCommunity,
}

impl OrgType {
    pub const ALL: [OrgType; 7] = [
        Self::Ngo,
        Self::Company,
        Self::Academic,
        Self::Government,
        Self::Multilateral,
        Self::Foundation,
        Self::OpenSourceCommunity,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Ngo => "ngo",
            Self::Company => "company",
            Self::Academic => "academic",
            Self::Government => "government",
            Self::Multilateral => "multilateral",
            Self::Foundation => "foundation",
            Self::OpenSourceCommunity => "open-source-community",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Ngo => "Non-profit organization",
            Self::Company => "Company",
            Self::Academic => "Academic or research institution",
            Self::Government => "Government agency",
            Self::Multilateral => "Multilateral organization",
            Self::Foundation => "Foundation",
            Self::OpenSourceCommunity => "Open-source community",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// Where an organization's partnership stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerStatus {
    /// Still in the application process: not a partner yet.
    Prospect,
    Active,
    /// Active, with its agreement close to expiry.
    RenewalDue,
    /// The agreement has expired and the grace period runs.
    InGrace,
    /// The agreement lapsed: no longer listed as active.
    Lapsed,
    Withdrawn,
    Ended,
}

impl PartnerStatus {
    pub const ALL: [PartnerStatus; 7] =
        [Self::Prospect, Self::Active, Self::RenewalDue, Self::InGrace, Self::Lapsed, Self::Withdrawn, Self::Ended];

    pub fn key(self) -> &'static str {
        match self {
            Self::Prospect => "prospect",
            Self::Active => "active",
            Self::RenewalDue => "renewal-due",
            Self::InGrace => "in-grace",
            Self::Lapsed => "lapsed",
            Self::Withdrawn => "withdrawn",
            Self::Ended => "ended",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Prospect => "Applying",
            Self::Active => "Active partner",
            Self::RenewalDue => "Active partner, renewal due",
            Self::InGrace => "Agreement expired, in grace period",
            Self::Lapsed => "Partnership lapsed",
            Self::Withdrawn => "Withdrawn",
            Self::Ended => "Partnership ended",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether the organization appears in the active directory and on the logo wall.
    pub fn is_listed(self) -> bool {
        matches!(self, Self::Active | Self::RenewalDue | Self::InGrace)
    }

    /// Whether the organization has a public profile page at all (a lapsed partner keeps one that says so).
    pub fn has_public_profile(self) -> bool {
        !matches!(self, Self::Prospect | Self::Withdrawn)
    }

    /// Every status whose organizations are listed; used to build queries.
    pub fn listed() -> impl Iterator<Item = PartnerStatus> {
        Self::ALL.into_iter().filter(|s| s.is_listed())
    }
}

/// The data a new organization is created from, once validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganization {
    pub name: String,
    pub slug: Slug,
    pub website: Option<WebUrl>,
    pub short_description: String,
    pub long_description: String,
    pub org_type: OrgType,
    pub hq_country: Option<CountryCode>,
    pub countries: Vec<CountryCode>,
    pub status: PartnerStatus,
    pub featured: bool,
}

/// The raw data as typed in a form or read from a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationInput {
    pub name: String,
    pub slug: String,
    pub website: String,
    pub short_description: String,
    pub long_description: String,
    pub org_type: String,
    pub hq_country: String,
    pub countries: Vec<String>,
}

pub use crate::problems::FieldError;

impl OrganizationInput {
    /// Checks every field and reports every problem at once, so a form can show them all.
    pub fn validate(&self, status: PartnerStatus) -> Result<NewOrganization, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut note = |field: &'static str, e: &dyn Refusal| errors.push(FieldError::of(field, e));
        let name = text::line("Name", &self.name, 200).map_err(|e| note("name", &e)).ok();
        let slug =
            if self.slug.trim().is_empty() { Slug::from_name(&self.name) } else { Slug::parse(self.slug.trim()) }
                .map_err(|e| note("slug", &e))
                .ok();
        let website = if self.website.trim().is_empty() {
            Some(None)
        } else {
            WebUrl::parse(&self.website).map(Some).map_err(|e| note("website", &e)).ok()
        };
        let short_description = text::line("Short description", &self.short_description, 300)
            .map_err(|e| note("short_description", &e))
            .ok();
        if self.long_description.chars().count() > 20_000 {
            note("long_description", &TextError::TooLong { field: "Description", max: 20_000 });
        }
        let org_type = OrgType::parse(self.org_type.trim());
        if org_type.is_none() {
            note("org_type", &Said::new("choose-org-type", "choose the kind of organization"));
        }
        let hq_country = if self.hq_country.trim().is_empty() {
            Some(None)
        } else {
            CountryCode::parse(&self.hq_country).map(Some).map_err(|e| note("hq_country", &e)).ok()
        };
        let mut countries = Vec::new();
        for raw in &self.countries {
            match CountryCode::parse(raw) {
                Ok(code) if !countries.contains(&code) => countries.push(code),
                Ok(_) => {}
                Err(e) => note("countries", &e),
            }
        }
        match (name, slug, website, short_description, org_type, hq_country) {
            (Some(name), Some(slug), Some(website), Some(short_description), Some(org_type), Some(hq_country))
                if errors.is_empty() =>
            {
                Ok(NewOrganization {
                    name,
                    slug,
                    website,
                    short_description,
                    long_description: self.long_description.trim().to_owned(),
                    org_type,
                    hq_country,
                    countries,
                    status,
                    featured: false,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> OrganizationInput {
        OrganizationInput {
            name: "Kijiji Health".into(),
            slug: String::new(),
            website: "https://kijiji.example".into(),
            short_description: "Digital health in East Africa.".into(),
            long_description: "We build **registries**.".into(),
            org_type: "ngo".into(),
            hq_country: "ke".into(),
            countries: vec!["KE".into(), "TZ".into(), "ke".into()],
        }
    }

    #[test]
    fn a_valid_input_becomes_an_organization_with_a_derived_slug() {
        let org = input().validate(PartnerStatus::Active).expect("valid");
        assert_eq!(org.slug.as_str(), "kijiji-health");
        assert_eq!(org.hq_country.map(String::from), Some("KE".to_owned()));
        assert_eq!(org.countries.len(), 2, "duplicates are dropped");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = OrganizationInput {
            name: " ".into(),
            slug: "Bad Slug".into(),
            website: "kijiji".into(),
            short_description: String::new(),
            long_description: String::new(),
            org_type: "club".into(),
            hq_country: "XX".into(),
            countries: vec!["ZZ".into()],
        };
        let errors = bad.validate(PartnerStatus::Prospect).expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "slug", "website", "short_description", "org_type", "hq_country", "countries"]);
    }

    #[test]
    fn only_active_statuses_are_listed() {
        let listed: Vec<_> = PartnerStatus::listed().collect();
        assert_eq!(listed, [PartnerStatus::Active, PartnerStatus::RenewalDue, PartnerStatus::InGrace]);
        assert!(!PartnerStatus::Lapsed.is_listed());
        assert!(PartnerStatus::Lapsed.has_public_profile());
        assert!(!PartnerStatus::Prospect.has_public_profile());
    }

    #[test]
    fn keys_round_trip() {
        for s in PartnerStatus::ALL {
            assert_eq!(PartnerStatus::parse(s.key()), Some(s));
        }
        for t in OrgType::ALL {
            assert_eq!(OrgType::parse(t.key()), Some(t));
        }
    }
}
