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
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    pub lifecycle: Lifecycle,
    /// A bearer token that opens `/metrics` to scrapers on other machines; without one, only requests
    /// from this machine may read it.
    pub metrics_token: Option<String>,
}

/// What the operator's handlers share.
#[derive(Debug, Clone)]
pub(crate) struct Operations {
    pub(crate) lifecycle: Lifecycle,
    pub(crate) metrics_token: Option<Arc<str>>,
    pub(crate) metrics: Arc<Metrics>,
}

impl Operations {
    pub(crate) fn new(options: ServeOptions) -> Self {
        Self {
            lifecycle: options.lifecycle,
            metrics_token: options.metrics_token.filter(|t| !t.trim().is_empty()).map(|t| Arc::from(t.trim())),
            metrics: Arc::new(Metrics::default()),
        }
    }
}
