//! The directory's search and facets on both backends, checked against an oracle computed from the
//! partners' profiles one by one.

use opo_app::App;
use opo_app::partners::{self, Profile};
use opo_domain::directory::{DirectoryQuery, Sort};
use opo_store::testing::TestDb;
use std::collections::BTreeSet;

async fn each_app() -> Vec<(App, TestDb)> {
    opo_app::testing::demo_apps().await.into_iter().map(|d| (d.app, d.db)).collect()
}

async fn profiles(app: &App) -> Vec<Profile> {
    let first = partners::directory(app, 1).await.expect("page");
    let mut cards = first.cards;
    for page in 2..=first.pages {
        cards.extend(partners::directory(app, page).await.expect("page").cards);
    }
    let mut all = Vec::new();
    for card in cards {
        all.push(partners::profile(app, &card.slug).await.expect("profile"));
    }
    all
}

fn query(pairs: &[(&str, &str)]) -> DirectoryQuery {
    DirectoryQuery::parse(pairs.iter().copied()).expect("valid query")
}

async fn found(app: &App, q: &DirectoryQuery) -> BTreeSet<String> {
    let mut q = q.clone();
    let mut slugs = BTreeSet::new();
    loop {
        let result = partners::search(app, &q).await.expect("search");
        slugs.extend(result.cards.into_iter().map(|c| c.slug));
        if q.page >= result.pages {
            return slugs;
        }
        q.page += 1;
    }
}

fn oracle(all: &[Profile], keep: impl Fn(&Profile) -> bool) -> BTreeSet<String> {
    all.iter().filter(|p| keep(p)).map(|p| p.card.slug.clone()).collect()
}

#[tokio::test]
async fn facets_combine_and_across_and_or_within() {
    for (app, t) in each_app().await {
        let all = profiles(&app).await;
        let has_cap = |p: &Profile, k: &str| p.card.capabilities.iter().any(|t| t.key == k);
        let in_region = |p: &Profile, r: &str| p.countries.iter().any(|c| c.region.key() == r);
        type Case<'a> = (Vec<(&'a str, &'a str)>, BTreeSet<String>);
        let cases: Vec<Case> = vec![
            (vec![("capability", "research")], oracle(&all, |p| has_cap(p, "research"))),
            (
                vec![("capability", "research"), ("capability", "funding")],
                oracle(&all, |p| has_cap(p, "research") || has_cap(p, "funding")),
            ),
            (
                vec![("capability", "implementation-support"), ("region", "africa")],
                oracle(&all, |p| has_cap(p, "implementation-support") && in_region(p, "africa")),
            ),
            (vec![("country", "KE")], oracle(&all, |p| p.countries.iter().any(|c| c.code == "KE"))),
            (vec![("type", "academic")], oracle(&all, |p| p.card.org_type.is_some_and(|o| o.key() == "academic"))),
            (
                vec![("component", "terminology-service"), ("region", "europe"), ("region", "americas")],
                oracle(&all, |p| {
                    p.components.iter().any(|c| c.key == "terminology-service")
                        && (in_region(p, "europe") || in_region(p, "americas"))
                }),
            ),
        ];
        for (pairs, expected) in cases {
            assert!(!expected.is_empty(), "{pairs:?}: the demo data has matches");
            assert_eq!(found(&app, &query(&pairs)).await, expected, "{pairs:?} on {:?}", t.backend());
        }
        let year = all[0].card.joined_on.expect("joined").year().to_string();
        let expected = oracle(&all, |p| p.card.joined_on.is_some_and(|d| d.year().to_string() == year));
        assert_eq!(found(&app, &query(&[("joined", &year)])).await, expected);
    }
}

#[tokio::test]
async fn each_facet_counts_what_choosing_one_more_value_would_give() {
    for (app, _t) in each_app().await {
        let q = query(&[("capability", "research"), ("region", "africa")]);
        let result = partners::search(&app, &q).await.expect("search");
        for (key, count) in &result.facets.capabilities {
            // Research is chosen: a capability's count is research-or-it within Africa … minus nothing:
            // the capability facet ignores its own choice, so the count is "partners in Africa with it".
            let alone = found(&app, &query(&[("capability", key), ("region", "africa")])).await.len();
            assert_eq!(*count as usize, alone, "capability {key}");
        }
        for (key, count) in &result.facets.regions {
            let alone = found(&app, &query(&[("capability", "research"), ("region", key)])).await.len();
            assert_eq!(*count as usize, alone, "region {key}");
        }
        let total: usize = found(&app, &q).await.len();
        assert_eq!(result.total as usize, total);
    }
}

#[tokio::test]
async fn words_are_found_in_names_descriptions_labels_countries_and_posts() {
    for (app, t) in each_app().await {
        let all = profiles(&app).await;
        let contains = |p: &Profile, word: &str| {
            let word = word.to_lowercase();
            p.card.name.to_lowercase().contains(&word)
                || p.card.short_description.to_lowercase().contains(&word)
                || p.long_description.to_lowercase().contains(&word)
        };
        // "terminolog" as a prefix finds "terminology" and "terminologies".
        let expected = oracle(&all, |p| {
            contains(p, "terminolog") || p.components.iter().any(|c| c.label.to_lowercase().contains("terminolog"))
        });
        assert_eq!(found(&app, &query(&[("q", "terminolog")])).await, expected, "{:?}", t.backend());
        // A country's name finds the partners working there.
        let expected = oracle(&all, |p| p.countries.iter().any(|c| c.name == "Malawi") || contains(p, "malawi"));
        assert_eq!(found(&app, &query(&[("q", "Malawi")])).await, expected);
        // Two words: both must be there.
        let both = found(&app, &query(&[("q", "registry kenya")])).await;
        assert!(!both.is_empty());
        assert!(both.is_subset(&found(&app, &query(&[("q", "registry")])).await));
        assert!(both.is_subset(&found(&app, &query(&[("q", "kenya")])).await));
        // A post's title finds the partner it is about.
        let by_post = found(&app, &query(&[("q", "Quechua")])).await;
        assert!(by_post.contains("andes-salud"), "{by_post:?}");
        assert!(found(&app, &query(&[("q", "xylophone")])).await.is_empty());
    }
}

#[tokio::test]
async fn whatever_is_typed_is_searched_safely() {
    for (app, _t) in each_app().await {
        for text in
            ["\"", "registry\" OR 1=1 --", "NEAR(a b)", "a* ^ : ( )", "'; drop table organizations; --", "***", "é"]
        {
            let result = partners::search(&app, &query(&[("q", text)])).await;
            assert!(result.is_ok(), "{text:?}: {result:?}");
        }
        assert_eq!(partners::search(&app, &query(&[])).await.expect("all").total, profiles(&app).await.len() as i64);
    }
}

#[tokio::test]
async fn the_newest_partners_come_first_when_asked() {
    for (app, _t) in each_app().await {
        let mut q = query(&[]);
        q.sort = Sort::Newest;
        let cards = partners::search(&app, &q).await.expect("search").cards;
        let dates: Vec<_> = cards.iter().map(|c| c.joined_on).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        let by_name = partners::search(&app, &query(&[])).await.expect("search").cards;
        let names: Vec<String> = by_name.iter().map(|c| c.name.to_lowercase()).collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    }
}

#[tokio::test]
async fn the_statistics_agree_with_the_directory() {
    for (app, _t) in each_app().await {
        let stats = opo_app::statistics::overview(&app).await.expect("stats");
        let all = profiles(&app).await;
        let joined = all.iter().filter(|p| p.card.joined_on.is_some()).count() as i64;
        assert_eq!(stats.growth.last().map(|(_, n)| *n), Some(joined), "the last year counts every partner");
        assert!(stats.growth.windows(2).all(|w| w[0].1 <= w[1].1), "a running total never falls");
        let years: Vec<i32> = stats.growth.iter().map(|(y, _)| y.parse().expect("year")).collect();
        assert!(years.windows(2).all(|w| w[1] == w[0] + 1), "no year is skipped: {years:?}");
        for bar in &stats.capabilities {
            let expected = all.iter().filter(|p| p.card.capabilities.iter().any(|t| t.key == bar.key)).count() as i64;
            assert_eq!(bar.count, expected, "{}", bar.key);
        }
        for bar in &stats.regions {
            let expected = all.iter().filter(|p| p.countries.iter().any(|c| c.region.key() == bar.key)).count() as i64;
            assert_eq!(bar.count, expected, "{}", bar.key);
        }
    }
}
