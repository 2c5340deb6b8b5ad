//! Text from outside is checked where it enters, once for every route: the path, the query, and the
//! fields of a form or a JSON body. A NUL byte or another control character is refused with a 400 that
//! names the field, before any handler runs: PostgreSQL refuses a NUL in text (a 500 if it got that
//! far), and nothing good comes of a control character in a slug, a search or a name. The path and the
//! query are single lines, so tabs and line breaks are refused there too; form and JSON values may hold
//! them (descriptions, notes), and the domain's text types refuse them in single-line fields.
//! Percent-encoded bytes that are not UTF-8 are refused the same way rather than guessed at.

use crate::error::WebError;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use opo_domain::partners::FieldError;

/// The largest form or JSON body read here: the same as axum's default limit for `Form` and `Json`.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Where a value came from, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Path,
    Query,
    Form,
    Json,
}

impl Place {
    fn field(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Form => "form",
            Self::Json => "json",
        }
    }

    /// Whether tabs and line breaks may stand in a value.
    fn multi_line(self) -> bool {
        matches!(self, Self::Form | Self::Json)
    }
}

fn refused(place: Place, name: &str, why: &str) -> WebError {
    let name: String = name.chars().filter(|c| !c.is_control()).take(60).collect();
    let message = if name.is_empty() {
        format!("the {} {why}", place.field())
    } else {
        format!("the {} field \"{name}\" {why}", place.field())
    };
    WebError::Invalid(vec![FieldError::new(place.field(), "control-character-in", message).with("name", name)])
}

fn check_text(place: Place, name: &str, value: &str) -> Result<(), WebError> {
    let allowed = |c: char| !c.is_control() || (place.multi_line() && matches!(c, '\t' | '\n' | '\r'));
    if value.chars().all(allowed) {
        Ok(())
    } else {
        Err(refused(place, name, "holds a control character (a NUL byte, a line break or the like)"))
    }
}

/// Percent-decodes `raw` (with `+` as a space where forms and queries say so), refusing bytes that
/// are not UTF-8.
fn decode(place: Place, name: &str, raw: &[u8], plus_is_space: bool) -> Result<String, WebError> {
    let spaced: Vec<u8>;
    let raw = if plus_is_space {
        spaced = raw.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
        &spaced[..]
    } else {
        raw
    };
    let bytes: Vec<u8> = percent_encoding::percent_decode(raw).collect();
    String::from_utf8(bytes).map_err(|_| refused(place, name, "is not valid UTF-8"))
}

/// Checks every name and value of `a=1&b=2`.
fn check_pairs(place: Place, encoded: &[u8]) -> Result<(), WebError> {
    for pair in encoded.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        let name = decode(place, "", name, true)?;
        check_text(place, "", &name)?;
        let value = decode(place, &name, value, true)?;
        check_text(place, &name, &value)?;
    }
    Ok(())
}

/// Checks every key and string of a JSON document; the name given is the key that holds the string.
fn check_json(value: &serde_json::Value, name: &str) -> Result<(), WebError> {
    match value {
        serde_json::Value::String(text) => check_text(Place::Json, name, text),
        serde_json::Value::Array(items) => items.iter().try_for_each(|item| check_json(item, name)),
        serde_json::Value::Object(fields) => fields.iter().try_for_each(|(key, item)| {
            check_text(Place::Json, "", key)?;
            check_json(item, key)
        }),
        _ => Ok(()),
    }
}

/// What kind of body the request says it has.
fn body_place(request: &Request) -> Option<Place> {
    let kind = request.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = kind.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if essence == "application/x-www-form-urlencoded" {
        Some(Place::Form)
    } else if essence == "application/json" || essence.ends_with("+json") {
        Some(Place::Json)
    } else {
        None
    }
}

/// The layer.
pub(crate) async fn check(request: Request, next: Next) -> Result<Response, WebError> {
    let path = request.uri().path();
    let decoded = decode(Place::Path, "", path.as_bytes(), false)?;
    check_text(Place::Path, "", &decoded)?;
    if let Some(query) = request.uri().query() {
        check_pairs(Place::Query, query.as_bytes())?;
    }
    let Some(place) = body_place(&request) else {
        return Ok(next.run(request).await);
    };
    let (parts, body) = request.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| WebError::BadRequest(format!("the request's body is larger than {BODY_LIMIT} bytes")))?;
    match place {
        Place::Form => check_pairs(Place::Form, &bytes)?,
        // A body that is not JSON is the handler's to refuse, in its own words.
        _ => {
            if let Ok(document) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                check_json(&document, "")?;
            }
        }
    }
    Ok(next.run(Request::from_parts(parts, Body::from(bytes))).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(result: Result<(), WebError>) -> String {
        match result {
            Err(WebError::Invalid(problems)) => problems[0].message.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn a_nul_or_a_control_character_is_refused_naming_its_field() {
        assert!(named(check_pairs(Place::Query, b"q=a%00b")).contains("\"q\""));
        assert!(named(check_pairs(Place::Form, b"email=a%00b&password=x")).contains("\"email\""));
        assert!(named(check_pairs(Place::Form, b"name=a%1bb")).contains("\"name\""));
        assert!(named(check_pairs(Place::Query, b"q=a%0Ab")).contains("\"q\""), "a query is one line");
        assert!(check_pairs(Place::Form, b"description=one%0D%0Atwo%09three").is_ok(), "a form may hold lines");
        assert!(check_pairs(Place::Query, b"q=d%C3%A1ta&page=2").is_ok());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused() {
        assert!(named(check_pairs(Place::Query, b"q=%FF%FE")).contains("not valid UTF-8"));
        assert!(decode(Place::Path, "", b"/partners/%C3", false).is_err());
    }

    #[test]
    fn json_strings_and_keys_are_checked_by_the_key_that_holds_them() {
        let document = serde_json::json!({"organization": "Kijiji", "contacts": [{"name": "a\u{0}b"}]});
        assert!(named(check_json(&document, "")).contains("\"name\""));
        assert!(check_json(&serde_json::json!({"notes": "one\ntwo"}), "").is_ok());
    }
}
