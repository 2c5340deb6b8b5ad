//! Placeholder handlers until the pages land.

use crate::error::WebError;

pub(crate) async fn board() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn detail() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn logo() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn compare() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn set_contact() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn schedule_call() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn record_call() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn invite() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn decline() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn send_to_committee() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn decide() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn draft_page() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn propose() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn comment() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn announce() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn queue() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn review() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn vote() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}

pub(crate) async fn request_info() -> Result<(), WebError> {
    Err(WebError::NotFound("page"))
}
