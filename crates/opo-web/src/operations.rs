//! The operator's side of the web layer: whether this instance is draining for shutdown, who may read
//! its metrics, and the metrics it has counted.

use crate::metrics::Metrics;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the process is shutting down. `main` flips it when a stop signal arrives, so `/readyz`
/// tells the load balancer to send no more traffic while in-flight requests finish.
#[derive(Debug, Clone, Default)]
pub struct Lifecycle {
    draining: Arc<AtomicBool>,
}

impl Lifecycle {
    pub fn begin_drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }
}

/// How `opo serve` runs the router, beyond the application itself.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub lifecycle: Lifecycle,
    /// A bearer token that opens `/metrics` to scrapers on other machines; without one, only requests
    /// from this machine may read it.
    pub metrics_token: Option<String>,
    /// The `max-age` of `Strict-Transport-Security`, in seconds, sent when the base URL is https; zero
    /// sends none.
    pub hsts_max_age: u64,
    /// The reverse proxies whose `X-Forwarded-For` or `Forwarded` is believed (`crate::client_ip`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

/// A year: browsers remember to use HTTPS only for as long as this says.
pub const DEFAULT_HSTS_MAX_AGE: u64 = 31_536_000;

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            lifecycle: Lifecycle::default(),
            metrics_token: None,
            hsts_max_age: DEFAULT_HSTS_MAX_AGE,
            trusted_proxies: Vec::new(),
        }
    }
}

/// What the operator's handlers share.
#[derive(Debug, Clone)]
pub(crate) struct Operations {
    pub(crate) lifecycle: Lifecycle,
    pub(crate) metrics_token: Option<Arc<str>>,
    pub(crate) metrics: Arc<Metrics>,
    pub(crate) trusted_proxies: Arc<[ipnet::IpNet]>,
}

impl Operations {
    pub(crate) fn new(options: ServeOptions) -> Self {
        Self {
            lifecycle: options.lifecycle,
            metrics_token: options.metrics_token.filter(|t| !t.trim().is_empty()).map(|t| Arc::from(t.trim())),
            metrics: Arc::new(Metrics::default()),
            trusted_proxies: options.trusted_proxies.into(),
        }
    }
}
