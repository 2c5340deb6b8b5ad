//! The domain of OPO Portal: what a partner organization, an application, an agreement, a post and an
//! account are; the rules that say which changes are allowed (state machines, authorization policy,
//! validation) and when things fall due (agreement expiry, annual check-ins).
//!
//! Nothing here does I/O: time comes in through [`clock::Clock`], storage lives in `opo-store`.

pub mod accounts;
pub mod agreements;
pub mod applications;
pub mod checkins;
pub mod clock;
pub mod compare;
pub mod contacts;
pub mod countries;
pub mod directory;
pub mod directory_index;
pub mod import;
pub mod organizations;
pub mod pages;
pub mod partner_translations;
pub mod partners;
pub mod policy;
pub mod posts;
pub mod problems;
pub mod renewals;
pub mod reviews;
pub mod taxonomy;
pub mod text;
pub mod webhooks;
