//! The database of OPO Portal. One set of queries serves SQLite (the embedded default) and PostgreSQL
//! through sqlx's `Any` driver: the SQL is written in the dialect both share (`$N` placeholders,
//! `returning`, text timestamps), and the few places where they differ branch on [`Backend`].
//!
//! Each capability has its own module of plain functions that take a connection, so a use case in
//! `opo-app` can run several of them inside one transaction.

pub mod accounts;
pub mod activities;
pub mod admin_export;
pub mod agreements;
pub mod api_tokens;
pub mod applications;
pub mod audit;
pub mod backup;
pub mod calendar_feeds;
pub mod checkins;
pub mod consents;
pub mod contacts;
pub mod dashboard;
mod db;
pub mod directory;
pub mod discourse_connect;
mod error;
pub mod forum_posts;
pub mod import;
pub mod jobs;
pub mod notifications;
pub mod operations;
pub mod organizations;
pub mod pages;
pub mod partner_translations;
pub mod partners;
pub mod posts;
pub mod rate_limits;
pub mod renewals;
pub mod reviews;
pub mod scale;
pub mod sessions;
pub mod site_generation;
pub mod taxonomy;
mod timefmt;
pub mod webhooks;

pub use db::{Backend, Conn, Db, Tx};
pub use error::StoreError;
pub use timefmt::{format_date, format_ts, parse_date, parse_ts};

/// `$first, $first+1, …` for `count` values, for `in (…)` lists built at run time.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

/// Binds each id in turn, for the placeholders of an `in (…)` list.
pub(crate) fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ids: impl Iterator<Item = &'q i64>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for id in ids {
        query = query.bind(*id);
    }
    query
}

/// How many values one `in (…)` list binds at most: lists built from every row of a table are sent in
/// chunks of this size, well under SQLite's limit of 32,766 variables per statement (PostgreSQL: 65,535).
pub(crate) const MAX_IN_LIST: usize = 10_000;

#[cfg(feature = "testing")]
pub mod testing;
