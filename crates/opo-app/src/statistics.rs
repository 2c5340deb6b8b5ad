//! The program in numbers, for the public statistics page.

use crate::{App, AppError};
use opo_domain::countries::Region;
use opo_domain::directory::DirectoryQuery;
use opo_domain::partners::OrgType;
use opo_domain::taxonomy::Vocabulary;

/// One bar of a chart: the key of what it counts (for translation), its label as configured, the count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub key: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statistics {
    /// For each year since the first partner joined: how many listed partners had joined by its end.
    pub growth: Vec<(String, i64)>,
    pub regions: Vec<Bar>,
    pub capabilities: Vec<Bar>,
    pub org_types: Vec<Bar>,
}

pub async fn overview(app: &App) -> Result<Statistics, AppError> {
    let mut conn = app.db.read().await?;
    let facets = crate::directory::current(app, &mut conn).await?.index.query(&DirectoryQuery::default(), None).facets;
    let mut years: Vec<(i32, i64)> =
        facets.joined_years.iter().filter_map(|(y, n)| Some((y.parse::<i32>().ok()?, *n))).collect();
    years.sort_unstable();
    let mut growth = Vec::new();
    if let (Some(first), Some(last)) = (years.first().map(|y| y.0), years.last().map(|y| y.0)) {
        let mut total = 0;
        for year in first..=last {
            total += years.iter().find(|(y, _)| *y == year).map_or(0, |(_, n)| *n);
            growth.push((year.to_string(), total));
        }
    }
    let bar = |key: &str, label: &str, count: i64| Bar { key: key.to_owned(), label: label.to_owned(), count };
    let regions = Region::ALL
        .iter()
        .filter_map(|r| facets.regions.iter().find(|(k, _)| k == r.key()).map(|(_, n)| bar(r.key(), r.label(), *n)))
        .collect();
    let capabilities = opo_store::taxonomy::list(&mut conn, Vocabulary::Capability)
        .await?
        .into_iter()
        .map(|t| bar(&t.key, &t.label, facets.capabilities.iter().find(|(k, _)| *k == t.key).map_or(0, |(_, n)| *n)))
        .collect();
    let org_types = OrgType::ALL
        .iter()
        .filter_map(|t| facets.org_types.iter().find(|(k, _)| k == t.key()).map(|(_, n)| bar(t.key(), t.label(), *n)))
        .collect();
    Ok(Statistics { growth, regions, capabilities, org_types })
}

/// How many listed partners work in each country.
pub async fn countries(app: &App) -> Result<Vec<(String, i64)>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(crate::directory::current(app, &mut conn).await?.index.query(&DirectoryQuery::default(), None).facets.countries)
}
