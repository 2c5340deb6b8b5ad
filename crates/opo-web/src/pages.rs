//! Handlers and their page structs, one module per part of the site.

pub(crate) mod account;
pub(crate) mod admin;
pub(crate) mod admin_export;
pub(crate) mod applying;
pub(crate) mod auth;
pub(crate) mod auth_discourse;
pub(crate) mod board;
pub(crate) mod certificates;
pub(crate) mod checkins;
pub(crate) mod contacts;
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
pub(crate) mod partner_translations;
pub(crate) mod partners;
pub(crate) mod portal;
pub(crate) mod renewals;
pub(crate) mod roster;
pub(crate) mod showcase;
pub(crate) mod sitemap;
pub(crate) mod staff;
pub(crate) mod statistics;
pub(crate) mod webhooks;
pub(crate) mod widget;

use crate::error::WebError;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use opo_app::AppError;
use opo_domain::partners::FieldError;

/// A use case's refusal of a form, answered with the page drawn again by `draw`: with the fields to fix
/// (422), or with the clash with where things stand (409). Any other error is passed on.
pub(crate) async fn redrawn<Draw, Page>(err: AppError, draw: Draw) -> Result<Response, WebError>
where
    Draw: FnOnce(Vec<FieldError>, Option<String>) -> Page,
    Page: Future<Output = Result<Html<String>, WebError>>,
{
    use crate::i18n::Tr;
    let (status, errors, notice) = match err {
        AppError::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, Tr::current().worded(errors), None),
        AppError::Conflict(clash) => (StatusCode::CONFLICT, Vec::new(), Some(Tr::current().clash(&clash))),
        other => return Err(other.into()),
    };
    Ok((status, draw(errors, notice).await?).into_response())
}
