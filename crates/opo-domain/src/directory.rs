//! What a visitor asks the partner directory: words to search for, facet values to filter by, an
//! order, a view and a page. Read from the address (so a search can be shared) and written back into
//! addresses for links that change one thing at a time.

use crate::countries::{CountryCode, Region};
use crate::partners::OrgType;
use crate::text::Slug;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first when searching, else by name.
    #[default]
    Default,
    Name,
    /// Most recently joined first.
    Newest,
}

impl Sort {
    pub fn key(self) -> &'static str {
        match self {
            Self::Default => "",
            Self::Name => "name",
            Self::Newest => "newest",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Grid,
    List,
}

/// The most words a search uses; more are ignored.
pub const MAX_TERMS: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryQuery {
    pub text: String,
    pub capabilities: Vec<String>,
    pub components: Vec<String>,
    pub countries: Vec<CountryCode>,
    pub regions: Vec<Region>,
    pub org_types: Vec<OrgType>,
    pub joined_years: Vec<i32>,
    pub sort: Sort,
    pub view: View,
    pub page: u32,
}

/// A part of the address that cannot be understood; the message says which and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadQuery(pub String);

fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

impl DirectoryQuery {
    /// Reads the query from the address's key–value pairs; keys may repeat (`capability=a&capability=b`).
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, BadQuery> {
        let mut query = Self { page: 1, ..Self::default() };
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                // Cut to 200 characters, and trimmed again so that the cut leaves no trailing space that
                // `pairs` would drop (the query must read back the same from its own address).
                "q" => query.text = value.chars().take(200).collect::<String>().trim_end().to_owned(),
                "capability" | "component" => {
                    let slug = Slug::parse(value).map_err(|_| BadQuery(format!("\"{value}\" is not a {key}")))?;
                    let list = if key == "capability" { &mut query.capabilities } else { &mut query.components };
                    push_unique(list, slug.as_str().to_owned());
                }
                "country" => {
                    push_unique(&mut query.countries, CountryCode::parse(value).map_err(|e| BadQuery(e.to_string()))?)
                }
                "region" => push_unique(
                    &mut query.regions,
                    Region::parse(value).ok_or_else(|| BadQuery(format!("\"{value}\" is not a region")))?,
                ),
                "type" => push_unique(
                    &mut query.org_types,
                    OrgType::parse(value)
                        .ok_or_else(|| BadQuery(format!("\"{value}\" is not a kind of organization")))?,
                ),
                "joined" => push_unique(
                    &mut query.joined_years,
                    value
                        .parse::<i32>()
                        .ok()
                        .filter(|y| (1990..=2200).contains(y))
                        .ok_or_else(|| BadQuery(format!("\"{value}\" is not a year")))?,
                ),
                "sort" => {
                    query.sort = match value {
                        "name" => Sort::Name,
                        "newest" => Sort::Newest,
                        "relevance" => Sort::Default,
                        other => return Err(BadQuery(format!("\"{other}\" is not a way to sort"))),
                    }
                }
                "view" => {
                    query.view = match value {
                        "grid" => View::Grid,
                        "list" => View::List,
                        other => return Err(BadQuery(format!("\"{other}\" is not a view"))),
                    }
                }
                "page" => {
                    query.page = value.parse::<u32>().ok().filter(|p| *p >= 1).ok_or_else(|| {
                        BadQuery(format!("\"{value}\" is not a page number; pages are counted from 1"))
                    })?
                }
                // Unknown keys (tracking parameters, say) change nothing.
                _ => {}
            }
        }
        Ok(query)
    }

    /// The words to search for: letters and digits only, lower-cased, accents folded (as the indexed text
    /// is), at most [`MAX_TERMS`].
    pub fn terms(&self) -> Vec<String> {
        crate::text::fold_diacritics(&self.text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().take(40).collect::<String>().to_lowercase())
            .take(MAX_TERMS)
            .collect()
    }

    /// Whether any filter or search is set (the page shows a "clear" link then).
    pub fn is_filtered(&self) -> bool {
        !self.terms().is_empty()
            || !self.capabilities.is_empty()
            || !self.components.is_empty()
            || !self.countries.is_empty()
            || !self.regions.is_empty()
            || !self.org_types.is_empty()
            || !self.joined_years.is_empty()
    }

    /// The key–value pairs of this query, in a fixed order, for building addresses.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.text.trim().is_empty() {
            pairs.push(("q", self.text.trim().to_owned()));
        }
        pairs.extend(self.capabilities.iter().map(|c| ("capability", c.clone())));
        pairs.extend(self.components.iter().map(|c| ("component", c.clone())));
        pairs.extend(self.regions.iter().map(|r| ("region", r.key().to_owned())));
        pairs.extend(self.countries.iter().map(|c| ("country", c.as_str().to_owned())));
        pairs.extend(self.org_types.iter().map(|t| ("type", t.key().to_owned())));
        pairs.extend(self.joined_years.iter().map(|y| ("joined", y.to_string())));
        if self.sort != Sort::Default {
            pairs.push(("sort", self.sort.key().to_owned()));
        }
        if self.view == View::List {
            pairs.push(("view", "list".to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
    }

    /// The same query with one facet value switched on or off, back on page 1.
    pub fn toggled(&self, key: &str, value: &str) -> Result<Self, BadQuery> {
        let mut pairs: Vec<(&str, String)> = self.pairs().into_iter().filter(|(k, _)| *k != "page").collect();
        let before = pairs.len();
        pairs.retain(|(k, v)| !(*k == key && v == value));
        if pairs.len() == before {
            pairs.push((key, value.to_owned()));
        }
        Self::parse(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_combine_and_duplicates_are_dropped() {
        let q = DirectoryQuery::parse([
            ("capability", "research"),
            ("capability", "funding"),
            ("capability", "research"),
            ("country", "ke"),
            ("region", "africa"),
            ("type", "ngo"),
            ("joined", "2024"),
            ("utm_source", "newsletter"),
        ])
        .expect("valid");
        assert_eq!(q.capabilities, ["research", "funding"]);
        assert_eq!(q.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>(), ["KE"]);
        assert_eq!(q.regions, [Region::Africa]);
        assert_eq!(q.org_types, [OrgType::Ngo]);
        assert_eq!(q.joined_years, [2024]);
        assert_eq!(q.page, 1);
        assert!(q.is_filtered());
    }

    #[test]
    fn nonsense_in_the_address_is_refused_with_a_reason() {
        for (key, value, says) in [
            ("country", "XX", "country code"),
            ("region", "atlantis", "not a region"),
            ("type", "club", "kind of organization"),
            ("joined", "last year", "not a year"),
            ("sort", "random", "way to sort"),
            ("page", "0", "counted from 1"),
            ("capability", "Bad Value", "not a capability"),
        ] {
            let err = DirectoryQuery::parse([(key, value)]).expect_err("refused");
            assert!(err.to_string().contains(says), "{key}={value}: {err}");
        }
    }

    #[test]
    fn search_terms_are_plain_words_whatever_was_typed() {
        let q = DirectoryQuery::parse([("q", "  Terminology \"OR\" (santé)* -registry; DROP TABLE  ")]).expect("valid");
        assert_eq!(q.terms(), ["terminology", "or", "sante", "registry", "drop", "table"]);
        let long = DirectoryQuery::parse([("q", "a b c d e f g h i j k")]).expect("valid");
        assert_eq!(long.terms().len(), MAX_TERMS);
    }

    #[test]
    fn a_query_round_trips_through_its_pairs() {
        let q = DirectoryQuery::parse([
            ("q", "registry"),
            ("capability", "research"),
            ("sort", "newest"),
            ("view", "list"),
            ("page", "2"),
        ])
        .expect("valid");
        let again = DirectoryQuery::parse(q.pairs().iter().map(|(k, v)| (*k, v.as_str()))).expect("valid");
        assert_eq!(again, q);
    }

    #[test]
    fn a_search_cut_at_a_space_round_trips() {
        let typed = format!("registry{}tools", " ".repeat(195));
        let q = DirectoryQuery::parse([("q", typed.as_str())]).expect("valid");
        assert_eq!(q.text, "registry");
        let again = DirectoryQuery::parse(q.pairs().iter().map(|(k, v)| (*k, v.as_str()))).expect("valid");
        assert_eq!(again, q);
    }

    #[test]
    fn toggling_a_value_adds_or_removes_it_and_goes_back_to_page_one() {
        let q = DirectoryQuery::parse([("capability", "research"), ("page", "3")]).expect("valid");
        let more = q.toggled("capability", "funding").expect("valid");
        assert_eq!(more.capabilities, ["research", "funding"]);
        assert_eq!(more.page, 1);
        let less = q.toggled("capability", "research").expect("valid");
        assert!(less.capabilities.is_empty());
    }
}
