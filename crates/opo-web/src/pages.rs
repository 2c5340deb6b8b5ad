//! Handlers and their page structs, one module per part of the site.

pub(crate) mod account;
pub(crate) mod admin;
pub(crate) mod applying;
pub(crate) mod auth;
pub(crate) mod board;
pub(crate) mod certificates;
pub(crate) mod checkins;
pub(crate) mod feeds;
pub(crate) mod fhir;
pub(crate) mod health;
pub(crate) mod interest;
pub(crate) mod landing;
pub(crate) mod language;
pub(crate) mod layout;
pub(crate) mod map;
pub(crate) mod news;
pub(crate) mod open_data;
pub(crate) mod page_review;
pub(crate) mod partners;
pub(crate) mod portal;
pub(crate) mod renewals;
pub(crate) mod showcase;
pub(crate) mod sitemap;
pub(crate) mod staff;
pub(crate) mod statistics;
pub(crate) mod widget;
