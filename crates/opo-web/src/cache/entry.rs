//! One cached response: its status, headers and body, the body compressed once per coding on first
//! demand, a strong validator, and the answer to a conditional request.

use super::encoding::{self, Coding};
use super::lru::Weighted;
use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use time::OffsetDateTime;
use time::format_description::FormatItem;
use time::macros::format_description;

/// The date format of HTTP (IMF-fixdate), always in GMT.
const HTTP_DATE: &[FormatItem<'static>] =
    format_description!("[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT");

pub(crate) fn http_date(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).format(HTTP_DATE).unwrap_or_default()
}

fn parse_http_date(text: &str) -> Option<OffsetDateTime> {
    time::PrimitiveDateTime::parse(text.trim(), HTTP_DATE).ok().map(time::PrimitiveDateTime::assume_utc)
}

#[derive(Debug)]
pub(crate) struct Entry {
    /// The site generation the page was rendered at.
    pub generation: i64,
    /// The request headers the response said it varies on (besides those the key already holds),
    /// with the values this entry was rendered for.
    pub vary: Vec<(HeaderName, Option<HeaderValue>)>,
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    /// The quoted strong validator of the identity body.
    etag: String,
    last_modified: OffsetDateTime,
    compressible: bool,
    /// The route that rendered the page, so the metrics count a hit under its route.
    pub route: Option<MatchedPath>,
    brotli: OnceLock<Option<Vec<u8>>>,
    gzip: OnceLock<Option<Vec<u8>>>,
}

impl Weighted for Entry {
    fn weight(&self) -> usize {
        // The compressed copies are made later, so they are counted at their worst: the identity size.
        let later = if self.compressible { self.body.len() * 2 } else { 0 };
        self.body.len() + later + self.headers.iter().map(|(k, v)| k.as_str().len() + v.len()).sum::<usize>()
    }
}

impl Entry {
    pub(crate) fn new(
        generation: i64,
        vary: Vec<(HeaderName, Option<HeaderValue>)>,
        status: StatusCode,
        mut headers: HeaderMap,
        body: Vec<u8>,
        last_modified: OffsetDateTime,
    ) -> Self {
        // A handler's own validator (a logo's hash) is kept; otherwise the body's hash is one.
        let etag = headers.get(header::ETAG).and_then(|v| v.to_str().ok()).map(str::to_owned).unwrap_or_else(|| {
            let digest = Sha256::digest(&body);
            format!("\"{}\"", digest.iter().take(12).map(|b| format!("{b:02x}")).collect::<String>())
        });
        for name in [header::CONTENT_LENGTH, header::TRANSFER_ENCODING, header::CONTENT_ENCODING, header::ETAG] {
            headers.remove(name);
        }
        let compressible = body.len() >= encoding::MIN_COMPRESSIBLE
            && headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(encoding::compressible);
        Self {
            generation,
            vary,
            status,
            headers,
            body,
            etag,
            last_modified,
            compressible,
            route: None,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    pub(crate) fn matches_vary(&self, request: &HeaderMap) -> bool {
        self.vary.iter().all(|(name, value)| request.get(name) == value.as_ref())
    }

    /// The validator of the body in `coding`: a compressed body is a different representation, so it
    /// gets its own strong tag.
    fn etag_for(&self, coding: Coding) -> String {
        match coding.header() {
            Some(suffix) => format!("{}-{suffix}\"", self.etag.trim_end_matches('"')),
            None => self.etag.clone(),
        }
    }

    /// Whether the client's copy is current: `If-None-Match` (any of our tags, any coding) or, without
    /// it, `If-Modified-Since`.
    fn not_modified(&self, request: &HeaderMap) -> bool {
        if let Some(tags) = request.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
            let ours = [Coding::Identity, Coding::Brotli, Coding::Gzip].map(|c| self.etag_for(c));
            return tags
                .split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|tag| tag == "*" || ours.iter().any(|o| o == tag));
        }
        request
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_http_date)
            .is_some_and(|since| self.last_modified.replace_nanosecond(0).unwrap_or(self.last_modified) <= since)
    }

    /// The answer to `request` from this entry: 304 when the client's copy is current, else the body
    /// in the best coding the client accepts.
    pub(crate) fn respond(&self, request: &HeaderMap, hit: bool) -> Response {
        let coding = if self.compressible { encoding::preferred(request) } else { Coding::Identity };
        let (status, body) = if self.not_modified(request) {
            (StatusCode::NOT_MODIFIED, None)
        } else {
            let bytes = match coding {
                Coding::Identity => None,
                Coding::Brotli => self.brotli.get_or_init(|| encoding::compress(&self.body, coding)).as_ref(),
                Coding::Gzip => self.gzip.get_or_init(|| encoding::compress(&self.body, coding)).as_ref(),
            };
            (self.status, Some(bytes.map_or((&self.body, Coding::Identity), |b| (b, coding))))
        };
        let coding = body.map_or(coding, |(_, c)| c);
        let mut response = Response::new(body.map_or_else(Body::empty, |(b, _)| Body::from(b.clone())));
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.clone_from(&self.headers);
        if let Ok(value) = HeaderValue::from_str(&self.etag_for(coding)) {
            headers.insert(header::ETAG, value);
        }
        if let Ok(value) = HeaderValue::from_str(&http_date(self.last_modified)) {
            headers.insert(header::LAST_MODIFIED, value);
        }
        if status == StatusCode::OK
            && let Some(name) = coding.header()
        {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        let says_vary = headers
            .get_all(header::VARY)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.split(',').any(|name| name.trim().eq_ignore_ascii_case("accept-encoding")));
        if self.compressible && !says_vary {
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if status == StatusCode::NOT_MODIFIED {
            headers.remove(header::CONTENT_TYPE);
        }
        if let Some(route) = &self.route {
            response.extensions_mut().insert(route.clone());
        }
        let headers = response.headers_mut();
        headers.insert(HeaderName::from_static("x-cache"), HeaderValue::from_static(if hit { "hit" } else { "miss" }));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_round_trip() {
        let at = time::macros::datetime!(2026-11-25 11:20:31 UTC);
        assert_eq!(http_date(at), "Wed, 25 Nov 2026 11:20:31 GMT");
        assert_eq!(parse_http_date("Wed, 25 Nov 2026 11:20:31 GMT"), Some(at));
    }
}
