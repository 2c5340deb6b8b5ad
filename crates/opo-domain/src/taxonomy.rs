//! The vocabularies partners describe themselves with: capability roles and OpenHIE architecture
//! components. Communities configure their own; these are the defaults a new site starts from.

use serde::{Deserialize, Serialize};

/// Which vocabulary a term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Vocabulary {
    Capability,
    Component,
}

impl Vocabulary {
    pub fn key(self) -> &'static str {
        match self {
            Self::Capability => "capability",
            Self::Component => "component",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        match key {
            "capability" => Some(Self::Capability),
            "component" => Some(Self::Component),
            _ => None,
        }
    }
}

/// One term of a vocabulary as the site shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub vocabulary: Vocabulary,
    pub key: String,
    pub label: String,
    pub description: String,
}

/// The capability roles the program's own page names, plus research and funding.
pub const DEFAULT_CAPABILITIES: &[(&str, &str, &str)] = &[
    (
        "standards-development",
        "Standards development",
        "Shapes the specifications, profiles and workflows the community implements.",
    ),
    (
        "implementation-support",
        "Implementation support",
        "Helps countries plan, deploy and run health information exchanges.",
    ),
    (
        "software-application-support",
        "Software application support",
        "Builds and maintains software that implements OpenHIE components.",
    ),
    (
        "capacity-strengthening",
        "Capacity strengthening",
        "Trains people and institutions to own and grow their digital health systems.",
    ),
    ("research", "Research", "Studies what works and publishes evidence for the community."),
    ("funding", "Funding", "Funds digital health work that advances the community's mission."),
];

/// The components of the OpenHIE architecture.
pub const DEFAULT_COMPONENTS: &[(&str, &str, &str)] = &[
    (
        "interoperability-layer",
        "Interoperability layer",
        "Receives, routes and secures the transactions between systems.",
    ),
    ("client-registry", "Client registry", "Keeps one identity for each person across systems."),
    ("facility-registry", "Facility registry", "The master list of health facilities and services."),
    ("health-worker-registry", "Health worker registry", "The master list of health workers and where they work."),
    ("terminology-service", "Terminology service", "Code systems, value sets and the maps between them."),
    ("shared-health-record", "Shared health record", "A person's longitudinal record shared across points of care."),
    ("product-catalogue", "Product catalogue", "The master list of health commodities and products."),
    ("hmis", "Health management information system", "Aggregate data for planning and monitoring."),
    ("lmis", "Logistics management information system", "Stock and supply chain data for health commodities."),
    ("finance-insurance", "Finance and insurance service", "Claims, coverage and payment for health services."),
    ("point-of-service", "Point-of-service applications", "The systems people use where care is given."),
];

/// The defaults of one vocabulary as terms.
pub fn defaults(vocabulary: Vocabulary) -> Vec<Term> {
    let table = match vocabulary {
        Vocabulary::Capability => DEFAULT_CAPABILITIES,
        Vocabulary::Component => DEFAULT_COMPONENTS,
    };
    table
        .iter()
        .map(|(key, label, description)| Term {
            vocabulary,
            key: (*key).to_owned(),
            label: (*label).to_owned(),
            description: (*description).to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Slug;

    #[test]
    fn every_default_term_key_is_a_valid_slug_and_unique() {
        for vocabulary in [Vocabulary::Capability, Vocabulary::Component] {
            let terms = defaults(vocabulary);
            let mut keys: Vec<_> = terms.iter().map(|t| t.key.clone()).collect();
            for key in &keys {
                assert!(Slug::parse(key).is_ok(), "{key}");
            }
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), terms.len());
        }
    }

    #[test]
    fn the_capabilities_include_the_roles_the_program_page_names() {
        let keys: Vec<_> = defaults(Vocabulary::Capability).into_iter().map(|t| t.key).collect();
        for named in [
            "standards-development",
            "implementation-support",
            "software-application-support",
            "capacity-strengthening",
        ] {
            assert!(keys.iter().any(|k| k == named), "{named}");
        }
    }

    #[test]
    fn a_vocabulary_round_trips_through_its_key() {
        for v in [Vocabulary::Capability, Vocabulary::Component] {
            assert_eq!(Vocabulary::parse(v.key()), Some(v));
        }
        assert_eq!(Vocabulary::parse("colour"), None);
    }
}
