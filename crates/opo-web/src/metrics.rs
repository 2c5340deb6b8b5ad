//! `/metrics` in the Prometheus text format (version 0.0.4): requests by matched route, method and
//! status, their latencies as histograms, the depth of the job, e-mail and forum queues, and build
//! information. Routes are labelled by their pattern (`/partners/{slug}`), never the address asked
//! for, so the number of series stays bounded whatever visitors type.

use crate::AppState;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// The label of requests that matched no route (404s, and requests refused before routing).
const UNMATCHED: &str = "unmatched";

/// The statuses always reported for each queue, at zero when empty, so alerts need no absent-series
/// rules.
const QUEUE_STATUSES: [(&str, &[&str]); 3] =
    [("jobs", &["pending", "dead"]), ("emails", &["pending", "failed"]), ("forum_posts", &["pending", "failed"])];

#[derive(Debug, Default, Clone)]
struct Histogram {
    /// Observations at or below each bound of [`BUCKETS`] (not cumulative yet).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(slot) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            self.buckets[slot] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }
}

#[derive(Debug, Default)]
struct Counts {
    /// (route, method, status) → requests.
    requests: BTreeMap<(String, &'static str, u16), u64>,
    /// route → latencies.
    durations: BTreeMap<String, Histogram>,
}

/// The counters of one running instance.
#[derive(Debug, Default)]
pub(crate) struct Metrics {
    counts: Mutex<Counts>,
}

impl Metrics {
    fn record(&self, route: &str, method: &'static str, status: u16, seconds: f64) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        *counts.requests.entry((route.to_owned(), method, status)).or_default() += 1;
        counts.durations.entry(route.to_owned()).or_default().observe(seconds);
    }

    /// The request series in the text format.
    fn render_requests(&self, out: &mut String) {
        let counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        out.push_str("# HELP http_requests_total HTTP requests answered, by matched route, method and status.\n");
        out.push_str("# TYPE http_requests_total counter\n");
        for ((route, method, status), n) in &counts.requests {
            let _ = writeln!(
                out,
                "http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str("# HELP http_request_duration_seconds Time to answer an HTTP request, by matched route.\n");
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        for (route, histogram) in &counts.durations {
            let route = escape(route);
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(histogram.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                histogram.count
            );
            let _ = writeln!(out, "http_request_duration_seconds_sum{{route=\"{route}\"}} {}", histogram.sum);
            let _ = writeln!(out, "http_request_duration_seconds_count{{route=\"{route}\"}} {}", histogram.count);
        }
    }
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The method as a label: the usual ones by name, anything else as `other`, so a client cannot make
/// new series up.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Runs inside routing (as a route layer): hands the matched pattern out on the response, where
/// [`count`], which runs outside routing, finds it.
pub(crate) async fn tag_route(request: Request, next: Next) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(matched) = matched {
        response.extensions_mut().insert(matched);
    }
    response
}

/// Counts and times every request, whatever answers it.
pub(crate) async fn count(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let response = next.run(request).await;
    let route = response.extensions().get::<MatchedPath>().map_or(UNMATCHED, MatchedPath::as_str);
    state.ops.metrics.record(route, method, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

/// Why a request may not read the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// A scrape token is configured and the request did not carry it.
    NeedsToken,
    /// No token is configured and the request came from elsewhere, or through a proxy.
    NotLocal,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::NeedsToken => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))],
                "Reading the metrics needs the scrape token (Authorization: Bearer).\n",
            )
                .into_response(),
            Self::NotLocal => (
                StatusCode::FORBIDDEN,
                "The metrics are served to this machine only; set a metrics token to scrape them from elsewhere.\n",
            )
                .into_response(),
        }
    }
}

/// Whether the request may read the metrics: with a scrape token configured, only a request that
/// carries it; without one, only a request from this machine that no proxy forwarded (a proxy on this
/// machine would otherwise make every visitor look local). A request with no peer address did not
/// come over the network: the router was called in process.
fn may_read(token: Option<&str>, peer: Option<SocketAddr>, headers: &HeaderMap) -> Result<(), Refusal> {
    if let Some(token) = token {
        let offered = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        return if same_secret(offered.trim(), token) { Ok(()) } else { Err(Refusal::NeedsToken) };
    }
    let forwarded = ["forwarded", "x-forwarded-for", "x-real-ip"].iter().any(|name| headers.contains_key(*name));
    let local = peer.is_none_or(|addr| addr.ip().is_loopback());
    if local && !forwarded { Ok(()) } else { Err(Refusal::NotLocal) }
}

/// Compares two secrets in time that does not depend on where they differ.
fn same_secret(offered: &str, expected: &str) -> bool {
    let (a, b) = (Sha256::digest(offered.as_bytes()), Sha256::digest(expected.as_bytes()));
    a.iter().zip(b.iter()).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `GET /metrics`.
pub(crate) async fn page(State(state): State<AppState>, request: Request) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    if let Err(refusal) = may_read(state.ops.metrics_token.as_deref(), peer, request.headers()) {
        return refusal.into_response();
    }
    let mut out = String::with_capacity(8192);
    out.push_str("# HELP opo_build_info The running version of OPO Portal and its database engine.\n");
    out.push_str("# TYPE opo_build_info gauge\n");
    let _ = writeln!(
        out,
        "opo_build_info{{version=\"{}\",database=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION"),
        state.app.db.backend().name()
    );
    out.push_str("# HELP opo_draining Whether the instance is shutting down (1) or serving (0).\n");
    out.push_str("# TYPE opo_draining gauge\n");
    let _ = writeln!(out, "opo_draining {}", u8::from(state.ops.lifecycle.is_draining()));
    state.ops.metrics.render_requests(&mut out);
    match opo_app::operations::queue_counts(&state.app).await {
        Ok(counts) => {
            for (queue, help) in [
                ("jobs", "Background jobs by status."),
                ("emails", "Outgoing e-mails (the outbox) by status."),
                ("forum_posts", "Forum topics to post by status."),
            ] {
                let _ = writeln!(out, "# HELP opo_{queue} {help}\n# TYPE opo_{queue} gauge");
                let mut by_status: BTreeMap<&str, i64> = QUEUE_STATUSES
                    .iter()
                    .filter(|(q, _)| *q == queue)
                    .flat_map(|(_, statuses)| statuses.iter().map(|s| (*s, 0)))
                    .collect();
                for count in counts.iter().filter(|c| c.queue == queue) {
                    by_status.insert(count.status.as_str(), count.count);
                }
                for (status, n) in by_status {
                    let _ = writeln!(out, "opo_{queue}{{status=\"{}\"}} {n}", escape(status));
                }
            }
        }
        Err(err) => tracing::warn!(error = %err, "metrics: the queues could not be counted"),
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], out).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latencies_fall_in_cumulative_buckets() {
        let metrics = Metrics::default();
        metrics.record("/partners/{slug}", "GET", 200, 0.003);
        metrics.record("/partners/{slug}", "GET", 404, 0.2);
        metrics.record("/partners/{slug}", "GET", 200, 60.0);
        let mut out = String::new();
        metrics.render_requests(&mut out);
        assert!(
            out.contains("http_requests_total{route=\"/partners/{slug}\",method=\"GET\",status=\"200\"} 2"),
            "{out}"
        );
        assert!(
            out.contains("http_requests_total{route=\"/partners/{slug}\",method=\"GET\",status=\"404\"} 1"),
            "{out}"
        );
        assert!(out.contains("_bucket{route=\"/partners/{slug}\",le=\"0.005\"} 1\n"), "{out}");
        assert!(out.contains("_bucket{route=\"/partners/{slug}\",le=\"0.25\"} 2\n"), "{out}");
        assert!(out.contains("_bucket{route=\"/partners/{slug}\",le=\"30\"} 2\n"), "{out}");
        assert!(out.contains("_bucket{route=\"/partners/{slug}\",le=\"+Inf\"} 3\n"), "{out}");
        assert!(out.contains("http_request_duration_seconds_count{route=\"/partners/{slug}\"} 3\n"), "{out}");
    }

    #[test]
    fn only_this_machine_or_the_token_holder_reads_the_metrics() {
        let local: SocketAddr = "127.0.0.1:5000".parse().expect("addr");
        let remote: SocketAddr = "192.0.2.7:5000".parse().expect("addr");
        let none = HeaderMap::new();
        assert!(may_read(None, Some(local), &none).is_ok());
        assert_eq!(may_read(None, Some(remote), &none), Err(Refusal::NotLocal));
        let mut proxied = HeaderMap::new();
        proxied.insert("x-forwarded-for", HeaderValue::from_static("192.0.2.7"));
        assert!(may_read(None, Some(local), &proxied).is_err(), "a local proxy does not make visitors local");
        let mut bearer = HeaderMap::new();
        bearer.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer s3cret"));
        assert!(may_read(Some("s3cret"), Some(remote), &bearer).is_ok());
        assert_eq!(may_read(Some("other"), Some(remote), &bearer), Err(Refusal::NeedsToken));
        assert!(may_read(Some("s3cret"), Some(local), &none).is_err(), "with a token, being local is not enough");
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
