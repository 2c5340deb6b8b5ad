//! The cache of rendered public pages. Anonymous `GET`s of the public site (landing, directory,
//! profiles, news, feeds, map, statistics, widget, open data, sitemap, FHIR reads) are answered from
//! memory once rendered, with a strong `ETag`, a `Last-Modified` and `304 Not Modified` for a client's
//! current copy, and the body compressed once per coding.
//!
//! An entry is valid for one generation of the site (`opo_app::site_generation`), which every change
//! the public can see bumps in its own transaction. This instance learns the generation at once after
//! each of its own writes (every non-`GET` request reads it before answering), and every
//! [`POLL_INTERVAL`] otherwise, which bounds how long a change made elsewhere (another instance on the
//! same PostgreSQL database, the command line, a scheduled job) can leave a page stale.
//!
//! Never cached: requests with a session cookie or an `Authorization` header, responses that set a
//! cookie or say `private`/`no-store`, and anything but a `200`.

mod encoding;
mod entry;
mod lru;

pub(crate) use encoding::{Coding, compress, compressible, preferred};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use entry::Entry;
use lru::Lru;
use opo_app::App;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;
use time::OffsetDateTime;

/// How often the generation is read when this instance wrote nothing: the longest a change made by
/// another process stays invisible here.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// The memory the cached pages may use, compressed copies included.
const CAPACITY: usize = 64 * 1024 * 1024;

/// A body larger than this is passed through, not stored.
const MAX_ENTRY: usize = 8 * 1024 * 1024;

/// The cache and what it needs to check an entry: one per application.
#[derive(Debug, Clone)]
pub(crate) struct PageCache {
    app: App,
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    entries: Mutex<Lru<Entry>>,
    generation: AtomicI64,
    /// When the generation last changed, in Unix seconds.
    changed_at: AtomicI64,
    /// When this process started: pages may change with a new release or new settings.
    started_at: OffsetDateTime,
}

impl PageCache {
    /// A cache that follows the generation of `app`'s database, polling it in the background while the
    /// cache lives (when built inside a Tokio runtime).
    pub(crate) fn new(app: App) -> Self {
        let shared = Arc::new(Shared {
            entries: Mutex::new(Lru::new(CAPACITY)),
            generation: AtomicI64::new(0),
            changed_at: AtomicI64::new(0),
            started_at: OffsetDateTime::now_utc(),
        });
        let cache = Self { app, shared };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(poll(cache.app.clone(), Arc::downgrade(&cache.shared)));
        }
        cache
    }

    /// Reads the current generation from the database.
    async fn refresh(&self) {
        refresh(&self.app, &self.shared).await;
    }

    fn generation(&self) -> i64 {
        self.shared.generation.load(Ordering::Acquire)
    }

    fn last_modified(&self) -> OffsetDateTime {
        let changed = OffsetDateTime::from_unix_timestamp(self.shared.changed_at.load(Ordering::Acquire))
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        changed.max(self.shared.started_at)
    }

    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        self.shared.entries.lock().ok()?.get(key)
    }

    fn insert(&self, key: String, entry: Arc<Entry>) {
        if let Ok(mut entries) = self.shared.entries.lock() {
            entries.insert(key, entry);
        }
    }
}

async fn refresh(app: &App, shared: &Shared) {
    match opo_app::site_generation::current(app).await {
        Ok(current) => {
            shared.changed_at.store(current.changed_at.unix_timestamp(), Ordering::Release);
            shared.generation.store(current.value, Ordering::Release);
        }
        // Left as it was: at worst pages stay cached until the next successful read.
        Err(e) => tracing::warn!(error = %e, "could not read the site generation"),
    }
}

async fn poll(app: App, shared: Weak<Shared>) {
    let mut ticks = tokio::time::interval(POLL_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let Some(shared) = shared.upgrade() else { return };
        refresh(&app, &shared).await;
    }
}

/// Whether `path` is a page of the public site, the same for every anonymous visitor.
fn public_path(path: &str) -> bool {
    matches!(
        path,
        "/" | "/partners"
            | "/news"
            | "/events.ics"
            | "/statistics"
            | "/map"
            | "/widget/logos"
            | "/widget/logos.json"
            | "/open-data"
            | "/open-data/partners.csv"
            | "/open-data/partners.json"
            | "/sitemap.xml"
            | "/robots.txt"
    ) || ["/partners/", "/news/", "/feeds/", "/fhir/"].iter().any(|prefix| path.starts_with(prefix))
}

/// Whether the request carries a credential: its answer may be personal.
fn signed_in(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION)
        || headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, _)| crate::session::is_session_cookie(name))
}

/// The query with its parameters in one order, so `?b=1&a=2` and `?a=2&b=1` share an entry. Only the
/// names are sorted, and stably: the values of a repeated name keep the order they were sent in, which
/// the handler reads (`?page=2&page=1` is page 2, `?page=1&page=2` page 1, and they are two entries).
fn normalized_query(query: Option<&str>) -> String {
    let mut pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// The request headers a response varies on beyond those the key and the coding already cover.
fn extra_vary(response: &HeaderMap) -> Option<Vec<HeaderName>> {
    let mut names = Vec::new();
    for name in response.get_all(header::VARY).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')) {
        let name = name.trim().to_ascii_lowercase();
        match name.as_str() {
            "" | "accept-encoding" | "accept-language" | "cookie" => {}
            "*" => return None,
            _ => names.push(HeaderName::from_bytes(name.as_bytes()).ok()?),
        }
    }
    Some(names)
}

fn storable(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && !headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("private") || v.contains("no-store"))
}

/// The layer: answers anonymous public `GET`s from the cache, stores what it renders, and reads the
/// generation after every request that may have written.
pub(crate) async fn layer(State(cache): State<PageCache>, mut request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        let writes = !matches!(*request.method(), Method::HEAD | Method::OPTIONS);
        let response = next.run(request).await;
        if writes {
            cache.refresh().await;
        }
        return response;
    }
    let path = request.uri().path();
    if !public_path(path) || signed_in(request.headers()) {
        return next.run(request).await;
    }
    let language = crate::i18n::negotiate(request.headers());
    let key = format!("{} {path}?{}", language.code(), normalized_query(request.uri().query()));
    // Zero until the generation was first read (the database's starts at one): read it now rather
    // than store pages under a generation that is about to change.
    if cache.generation() == 0 {
        cache.refresh().await;
    }
    let generation = cache.generation();
    if let Some(entry) = cache.get(&key)
        && entry.generation == generation
        && entry.matches_vary(request.headers())
    {
        return entry.respond(request.headers(), true);
    }
    // Rendered once in the identity coding; the entry compresses it per coding. The validators are
    // answered by the entry, not by a handler.
    let asked = request.headers().clone();
    for name in [header::ACCEPT_ENCODING, header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE] {
        request.headers_mut().remove(name);
    }
    let response = next.run(request).await;
    let Some(vary) = extra_vary(response.headers()).filter(|_| generation != 0 && storable(&response)) else {
        return response;
    };
    // A body too large to keep (or of unknown length) goes out as it is, uncompressed.
    if axum::body::HttpBody::size_hint(response.body()).upper().is_none_or(|n| n > MAX_ENTRY as u64) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_ENTRY).await {
        Ok(body) => body,
        // The body failed while being produced: there is nothing usable to send.
        Err(e) => {
            tracing::warn!(error = %e, path = %key, "a public page could not be buffered for the cache");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let vary = vary.into_iter().map(|name| (name.clone(), asked.get(&name).cloned())).collect();
    let mut headers = parts.headers;
    if !headers.contains_key(header::CACHE_CONTROL) {
        // Browsers may keep the page but ask again each time; the validators make that cheap.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    let mut entry = Entry::new(generation, vary, parts.status, headers, body.to_vec(), cache.last_modified());
    entry.route = parts.extensions.get::<axum::extract::MatchedPath>().cloned();
    let entry = Arc::new(entry);
    let response = entry.respond(&asked, false);
    cache.insert(key, entry);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_sorted_by_name_and_repeated_ones_keep_their_order() {
        assert_eq!(normalized_query(Some("b=1&a=2")), normalized_query(Some("a=2&b=1")));
        assert_ne!(normalized_query(Some("page=2&page=1")), normalized_query(Some("page=1&page=2")));
        assert_eq!(normalized_query(Some("page=2&a=x&page=1")), "a=x&page=2&page=1");
    }
}
