//! Static assets compiled into the binary, served with long-lived caching and, for text, compressed
//! once into Brotli and gzip. Pages link to them with their content hash in the query, so a new
//! release is picked up at once.

use crate::cache::{self, Coding};
use crate::error::WebError;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

pub(crate) struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    pub body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset { name: "site.css", content_type: "text/css; charset=utf-8", body: include_bytes!("../assets/site.css") },
    Asset {
        name: "htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/vendor/htmx-2.0.11.min.js"),
    },
    Asset { name: "favicon.svg", content_type: "image/svg+xml", body: include_bytes!("../assets/favicon.svg") },
];

/// The first 16 hex digits of each asset's SHA-256, computed once.
fn versions() -> &'static [String] {
    static VERSIONS: OnceLock<Vec<String>> = OnceLock::new();
    VERSIONS.get_or_init(|| {
        ASSETS.iter().map(|a| Sha256::digest(a.body).iter().take(8).map(|b| format!("{b:02x}")).collect()).collect()
    })
}

/// Each asset's Brotli and gzip bodies (when it is text), compressed once at first use, so serving
/// one does no compression work.
fn compressed(index: usize, coding: Coding) -> Option<&'static [u8]> {
    static COMPRESSED: OnceLock<Vec<[Option<Vec<u8>>; 2]>> = OnceLock::new();
    let all = COMPRESSED.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| {
                let text = cache::compressible(a.content_type);
                [Coding::Brotli, Coding::Gzip].map(|c| if text { cache::compress(a.body, c) } else { None })
            })
            .collect()
    });
    let slot = match coding {
        Coding::Brotli => 0,
        Coding::Gzip => 1,
        Coding::Identity => return None,
    };
    all.get(index)?[slot].as_deref()
}

/// The name of every asset, for the static export.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    ASSETS.iter().map(|a| a.name)
}

/// The address of an asset, with its version: `/assets/site.css?v=…`.
pub(crate) fn url(name: &str) -> String {
    match ASSETS.iter().position(|a| a.name == name) {
        Some(i) => format!("/assets/{name}?v={}", versions()[i]),
        None => format!("/assets/{name}"),
    }
}

#[derive(Deserialize)]
pub(crate) struct Version {
    v: Option<String>,
}

pub(crate) async fn serve(
    Path(file): Path<String>,
    Query(version): Query<Version>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let index = ASSETS.iter().position(|a| a.name == file).ok_or(WebError::NotFound("file"))?;
    let asset = &ASSETS[index];
    let current = &versions()[index];
    let wanted = cache::preferred(&headers);
    let (body, coding) = match compressed(index, wanted) {
        Some(body) => (body, wanted),
        None => (asset.body, Coding::Identity),
    };
    // Each coding is its own representation, with its own strong tag.
    let etag = match coding.header() {
        Some(name) => format!("\"{current}-{name}\""),
        None => format!("\"{current}\""),
    };
    // Only the current version may be cached for ever; an old or missing version is revalidated.
    let cache = if version.v.as_deref() == Some(current.as_str()) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim().trim_start_matches("W/") == etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = ([(header::CONTENT_TYPE, asset.content_type)], body).into_response();
        if let Some(name) = coding.header() {
            response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        response
    };
    let out = response.headers_mut();
    out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        out.insert(header::ETAG, value);
    }
    Ok(response)
}
