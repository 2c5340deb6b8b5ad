//! The partner directory's filters and facet counts, answered from memory. The listed partners are
//! few (thousands, not millions) and change rarely, while every visit to the directory asks for a page
//! and six facets' counts: held here as plain lists, one pass over them answers a query in well under a
//! millisecond, where the same in SQL costs eight queries that each read every listed partner.
//! Full-text matching stays in the database; its ranked matches come in as [`Matches`].

use crate::directory::{DirectoryQuery, Sort};
use std::collections::{BTreeMap, HashMap};
use time::Date;

/// What the directory filters and sorts a listed partner by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: i64,
    pub name: String,
    pub org_type: String,
    pub joined_on: Option<Date>,
    pub capabilities: Vec<String>,
    pub components: Vec<String>,
    pub countries: Vec<String>,
    pub regions: Vec<String>,
}

/// How many partners each facet value would give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub capabilities: Vec<(String, i64)>,
    pub components: Vec<(String, i64)>,
    pub countries: Vec<(String, i64)>,
    pub regions: Vec<(String, i64)>,
    pub org_types: Vec<(String, i64)>,
    pub joined_years: Vec<(String, i64)>,
}

/// The full-text search's best matches: partner id and score, a lower score ranking first.
pub type Matches = HashMap<i64, f64>;

/// The partners a query found, in the order asked for, with the facet counts beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub ids: Vec<i64>,
    pub facets: FacetCounts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facet {
    Capability = 0,
    Component = 1,
    Country = 2,
    Region = 3,
    OrgType = 4,
    Joined = 5,
}

const FACETS: [Facet; 6] =
    [Facet::Capability, Facet::Component, Facet::Country, Facet::Region, Facet::OrgType, Facet::Joined];

struct Entry {
    listed: Listed,
    /// The name as it sorts: lower-cased.
    sort_name: String,
    joined_year: Option<String>,
}

/// The listed partners, sorted by name once.
pub struct DirectoryIndex {
    entries: Vec<Entry>,
}

impl std::fmt::Debug for DirectoryIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DirectoryIndex").field("partners", &self.entries.len()).finish()
    }
}

fn any_in(values: &[String], wanted: &[String]) -> bool {
    values.iter().any(|v| wanted.contains(v))
}

impl DirectoryIndex {
    pub fn new(listed: Vec<Listed>) -> Self {
        let mut entries: Vec<Entry> = listed
            .into_iter()
            .map(|listed| Entry {
                sort_name: listed.name.to_lowercase(),
                joined_year: listed.joined_on.map(|d| format!("{:04}", d.year())),
                listed,
            })
            .collect();
        entries.sort_by(|a, b| a.sort_name.cmp(&b.sort_name).then(a.listed.id.cmp(&b.listed.id)));
        Self { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The partners that match `q` (and, when words were searched, are among `matches`), in the order
    /// `q` asks for, and the facet counts: each facet counts over the partners that pass every other
    /// filter, so it shows what choosing one more of its values would give.
    pub fn query(&self, q: &DirectoryQuery, matches: Option<&Matches>) -> Found {
        let countries: Vec<String> = q.countries.iter().map(|c| c.as_str().to_owned()).collect();
        let regions: Vec<String> = q.regions.iter().map(|r| r.key().to_owned()).collect();
        let org_types: Vec<String> = q.org_types.iter().map(|t| t.key().to_owned()).collect();
        let years: Vec<String> = q.joined_years.iter().map(|y| format!("{y:04}")).collect();
        let fails = |entry: &Entry, facet: Facet| -> bool {
            let l = &entry.listed;
            match facet {
                Facet::Capability => !q.capabilities.is_empty() && !any_in(&l.capabilities, &q.capabilities),
                Facet::Component => !q.components.is_empty() && !any_in(&l.components, &q.components),
                Facet::Country => !countries.is_empty() && !any_in(&l.countries, &countries),
                Facet::Region => !regions.is_empty() && !any_in(&l.regions, &regions),
                Facet::OrgType => !org_types.is_empty() && !org_types.contains(&l.org_type),
                Facet::Joined => !years.is_empty() && !entry.joined_year.as_ref().is_some_and(|y| years.contains(y)),
            }
        };

        let mut counts: [BTreeMap<&str, i64>; 6] = Default::default();
        let mut hits: Vec<&Entry> = Vec::new();
        for entry in &self.entries {
            if matches.is_some_and(|m| !m.contains_key(&entry.listed.id)) {
                continue;
            }
            let mut failed = None;
            let mut failures = 0;
            for facet in FACETS {
                if fails(entry, facet) {
                    failures += 1;
                    failed = Some(facet);
                    if failures > 1 {
                        break;
                    }
                }
            }
            match (failures, failed) {
                (0, _) => {
                    hits.push(entry);
                    for facet in FACETS {
                        count(&mut counts[facet as usize], entry, facet);
                    }
                }
                (1, Some(facet)) => count(&mut counts[facet as usize], entry, facet),
                _ => {}
            }
        }

        let score = |entry: &Entry| matches.and_then(|m| m.get(&entry.listed.id)).copied().unwrap_or(0.0);
        match q.sort {
            // Name order is the index's own order.
            Sort::Default if matches.is_some() => hits.sort_by(|a, b| score(a).total_cmp(&score(b))),
            Sort::Default | Sort::Name => {}
            Sort::Newest => hits.sort_by_key(|e| std::cmp::Reverse(e.listed.joined_on)),
        }
        let [capabilities, components, countries, regions, org_types, joined_years] =
            counts.map(|c| c.into_iter().map(|(k, n)| (k.to_owned(), n)).collect());
        Found {
            ids: hits.iter().map(|e| e.listed.id).collect(),
            facets: FacetCounts { capabilities, components, countries, regions, org_types, joined_years },
        }
    }
}

fn count<'a>(counts: &mut BTreeMap<&'a str, i64>, entry: &'a Entry, facet: Facet) {
    let l = &entry.listed;
    let mut add = |key: &'a str| *counts.entry(key).or_default() += 1;
    match facet {
        Facet::Capability => l.capabilities.iter().for_each(|k| add(k)),
        Facet::Component => l.components.iter().for_each(|k| add(k)),
        Facet::Country => l.countries.iter().for_each(|k| add(k)),
        Facet::Region => l.regions.iter().for_each(|k| add(k)),
        Facet::OrgType => add(&l.org_type),
        Facet::Joined => {
            if let Some(year) = &entry.joined_year {
                add(year);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn listed(id: i64, name: &str, caps: &[&str], countries: &[(&str, &str)], joined: Option<Date>) -> Listed {
        Listed {
            id,
            name: name.to_owned(),
            org_type: if id % 2 == 0 { "ngo" } else { "academic" }.to_owned(),
            joined_on: joined,
            capabilities: caps.iter().map(|c| (*c).to_owned()).collect(),
            components: Vec::new(),
            countries: countries.iter().map(|(c, _)| (*c).to_owned()).collect(),
            regions: {
                let mut r: Vec<String> = countries.iter().map(|(_, r)| (*r).to_owned()).collect();
                r.dedup();
                r
            },
        }
    }

    fn index() -> DirectoryIndex {
        DirectoryIndex::new(vec![
            listed(1, "zeta Health", &["research"], &[("KE", "africa"), ("TZ", "africa")], Some(date!(2021 - 03 - 01))),
            listed(2, "Alpha Data", &["research", "funding"], &[("FR", "europe")], Some(date!(2024 - 01 - 09))),
            listed(3, "Mango Labs", &["funding"], &[("KE", "africa")], None),
            listed(4, "beta Works", &[], &[("BR", "americas")], Some(date!(2023 - 06 - 30))),
        ])
    }

    fn q(pairs: &[(&str, &str)]) -> DirectoryQuery {
        DirectoryQuery::parse(pairs.iter().copied()).expect("query")
    }

    fn get(counts: &[(String, i64)], key: &str) -> i64 {
        counts.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n)
    }

    #[test]
    fn without_a_filter_every_partner_comes_in_name_order_whatever_the_case() {
        let found = index().query(&q(&[]), None);
        assert_eq!(found.ids, [2, 4, 3, 1]);
        assert_eq!(get(&found.facets.capabilities, "research"), 2);
        assert_eq!(get(&found.facets.regions, "africa"), 2, "a partner counts once per region");
        assert_eq!(get(&found.facets.countries, "KE"), 2);
        assert_eq!(found.facets.joined_years.iter().map(|(_, n)| n).sum::<i64>(), 3, "no year, no count");
    }

    #[test]
    fn values_of_one_facet_widen_and_facets_narrow() {
        let index = index();
        let either = index.query(&q(&[("capability", "research"), ("capability", "funding")]), None);
        assert_eq!(either.ids, [2, 3, 1]);
        let both = index.query(&q(&[("capability", "funding"), ("region", "africa")]), None);
        assert_eq!(both.ids, [3]);
    }

    #[test]
    fn a_facet_counts_what_one_more_of_its_values_would_give() {
        let found = index().query(&q(&[("capability", "funding"), ("region", "africa")]), None);
        // Regions count the funders, whatever their region; capabilities count the African partners.
        assert_eq!(get(&found.facets.regions, "europe"), 1);
        assert_eq!(get(&found.facets.regions, "africa"), 1);
        assert_eq!(get(&found.facets.capabilities, "research"), 1);
        assert_eq!(get(&found.facets.capabilities, "funding"), 1);
        // Other facets count only the partners found.
        assert_eq!(found.facets.countries, [("KE".to_owned(), 1)]);
    }

    #[test]
    fn search_keeps_only_matches_best_first_unless_another_order_is_asked() {
        let index = index();
        let matches: Matches = [(1, -3.0), (4, -7.5), (2, -3.0)].into_iter().collect();
        assert_eq!(index.query(&q(&[("q", "x")]), Some(&matches)).ids, [4, 2, 1], "ties by name");
        assert_eq!(index.query(&q(&[("q", "x"), ("sort", "name")]), Some(&matches)).ids, [2, 4, 1]);
        assert_eq!(index.query(&q(&[("q", "x")]), Some(&Matches::new())).ids, Vec::<i64>::new());
    }

    #[test]
    fn newest_first_puts_partners_without_a_date_last() {
        assert_eq!(index().query(&q(&[("sort", "newest")]), None).ids, [2, 4, 1, 3]);
    }

    #[test]
    fn years_and_kinds_filter_too() {
        let index = index();
        assert_eq!(index.query(&q(&[("joined", "2023"), ("joined", "2021")]), None).ids, [4, 1]);
        assert_eq!(index.query(&q(&[("type", "academic")]), None).ids, [3, 1]);
    }
}
