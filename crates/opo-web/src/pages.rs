//! Handlers and their page structs, one module per part of the site.

pub(crate) mod health;
pub(crate) mod landing;
pub(crate) mod layout;
pub(crate) mod news;
pub(crate) mod partners;
