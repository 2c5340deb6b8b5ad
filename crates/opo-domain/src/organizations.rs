//! The staff's roster of organizations: which ones to list (by status, region, assignee of the check-in,
//! a search), in which order, one page at a time. Parsed from a query string, with a clear problem for
//! each value that makes no sense.

use crate::countries::Region;
use crate::partners::{FieldError, PartnerStatus};

/// How the roster is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RosterSort {
    #[default]
    Name,
    Status,
    /// By the day the agreement expires, soonest first.
    Expiry,
    /// By the day of the open check-in, soonest first.
    CheckIn,
}

impl RosterSort {
    pub const ALL: [RosterSort; 4] = [Self::Name, Self::Status, Self::Expiry, Self::CheckIn];

    pub fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Status => "status",
            Self::Expiry => "expiry",
            Self::CheckIn => "check-in",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// What the roster shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterQuery {
    pub status: Option<PartnerStatus>,
    pub region: Option<Region>,
    /// The staff member the open check-in is assigned to.
    pub assignee: Option<i64>,
    /// Part of the name or slug, any letter case.
    pub search: String,
    pub sort: RosterSort,
    pub descending: bool,
    pub page: u32,
    pub per_page: u32,
}

impl Default for RosterQuery {
    fn default() -> Self {
        Self {
            status: None,
            region: None,
            assignee: None,
            search: String::new(),
            sort: RosterSort::Name,
            descending: false,
            page: 1,
            per_page: Self::PER_PAGE,
        }
    }
}

impl RosterQuery {
    pub const PER_PAGE: u32 = 50;
    pub const MAX_PER_PAGE: u32 = 500;

    /// Reads the query's parameters (`status`, `region`, `assignee`, `q`, `sort`, `order`, `page`,
    /// `per_page`); empty values count as absent, an unknown parameter is left to the caller.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, Vec<FieldError>> {
        let mut query = Self::default();
        let mut problems = Vec::new();
        let mut bad = |field: &'static str, message: String| problems.push(FieldError::new(field, "invalid", message));
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "status" => match PartnerStatus::parse(value) {
                    Some(status) => query.status = Some(status),
                    None => bad(
                        "status",
                        format!(
                            "\"{value}\" is not a status; the statuses are {}",
                            keys(PartnerStatus::ALL.map(|s| s.key()))
                        ),
                    ),
                },
                "region" => match Region::parse(value) {
                    Some(region) => query.region = Some(region),
                    None => bad(
                        "region",
                        format!("\"{value}\" is not a region; the regions are {}", keys(Region::ALL.map(|r| r.key()))),
                    ),
                },
                "assignee" => match value.parse::<i64>() {
                    Ok(id) if id > 0 => query.assignee = Some(id),
                    _ => bad("assignee", "the assignee is the number of a staff member's account".to_owned()),
                },
                "q" => {
                    if value.chars().count() > 200 || value.chars().any(char::is_control) {
                        bad("q", "a search is one line of 200 characters at most".to_owned());
                    } else {
                        query.search = value.to_owned();
                    }
                }
                "sort" => match RosterSort::parse(value) {
                    Some(sort) => query.sort = sort,
                    None => bad("sort", format!("sort by one of {}", keys(RosterSort::ALL.map(|s| s.key())))),
                },
                "order" => match value {
                    "asc" => query.descending = false,
                    "desc" => query.descending = true,
                    _ => bad("order", "the order is asc or desc".to_owned()),
                },
                "page" => match value.parse::<u32>() {
                    Ok(page) if (1..=100_000).contains(&page) => query.page = page,
                    _ => bad("page", "the page is a number from 1".to_owned()),
                },
                "per_page" => match value.parse::<u32>() {
                    Ok(n) if (1..=Self::MAX_PER_PAGE).contains(&n) => query.per_page = n,
                    _ => bad("per_page", format!("per_page is a number from 1 to {}", Self::MAX_PER_PAGE)),
                },
                _ => {}
            }
        }
        if problems.is_empty() { Ok(query) } else { Err(problems) }
    }

    pub fn offset(&self) -> i64 {
        i64::from(self.page.saturating_sub(1)) * i64::from(self.per_page)
    }
}

fn keys<const N: usize>(keys: [&str; N]) -> String {
    keys.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roster_query_reads_its_filters_and_ignores_empty_values() {
        let query = RosterQuery::parse([
            ("status", "lapsed"),
            ("region", "africa"),
            ("q", " Sahel "),
            ("sort", "expiry"),
            ("order", "desc"),
            ("page", "3"),
            ("assignee", ""),
        ])
        .expect("valid");
        assert_eq!(query.status, Some(PartnerStatus::Lapsed));
        assert_eq!(query.region, Some(Region::Africa));
        assert_eq!(query.search, "Sahel");
        assert_eq!((query.sort, query.descending, query.page), (RosterSort::Expiry, true, 3));
        assert_eq!(query.assignee, None);
        assert_eq!(query.offset(), 100);
    }

    #[test]
    fn a_wrong_value_is_named_with_what_would_be_right() {
        let problems =
            RosterQuery::parse([("status", "gone"), ("per_page", "9999"), ("sort", "size")]).expect_err("bad");
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["status", "per_page", "sort"]);
        assert!(problems[0].message.contains("lapsed"), "{}", problems[0].message);
    }
}
