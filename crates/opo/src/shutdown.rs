//! Running the web service and its worker until a stop signal (SIGTERM or Ctrl-C), then stopping
//! gracefully: `/readyz` turns 503 at once, the listener closes after the configured delay (so load
//! balancers notice first), in-flight requests finish, and the worker finishes the jobs it holds and
//! takes no new ones. Whatever has not finished by the shutdown timeout is abandoned, and leased jobs
//! return to the queue when their lease runs out.

use crate::config::Config;
use anyhow::Context;
use opo_app::App;
use opo_app::mailer::Mailer;
use opo_web::{Lifecycle, ServeOptions};
use std::net::SocketAddr;
use tokio::sync::watch;

/// Serves `app` on the configured address until a stop signal, then drains.
pub async fn serve(app: &App, mailer: Mailer, config: &Config) -> anyhow::Result<()> {
    let lifecycle = Lifecycle::default();
    let (stop_worker, worker_stop_signal) = watch::channel(false);
    let worker = tokio::spawn(opo_app::worker::run(app.clone(), mailer, worker_stop_signal));
    let options = ServeOptions {
        lifecycle: lifecycle.clone(),
        metrics_token: config.metrics_token.as_ref().map(|t| t.0.clone()),
        hsts_max_age: config.hsts_max_age,
        trusted_proxies: config.trusted_proxies.clone(),
    };
    let router = opo_web::build_app_with(app.clone(), options);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    tracing::info!(address = %config.listen, database = app.db.backend().name(), "serving");
    println!("OPO Portal is serving {} (listening on {})", config.base_url, config.listen);

    let (signalled, mut on_signal) = watch::channel(false);
    let delay = config.shutdown_delay;
    let drain = async move {
        stop_signal().await;
        tracing::info!(delay_seconds = delay.as_secs(), "stop signal: draining");
        signalled.send(true).ok();
        lifecycle.begin_drain();
        stop_worker.send(true).ok();
        tokio::time::sleep(delay).await;
        tracing::info!("no longer accepting connections; finishing the requests in flight");
    };
    let server = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(drain)
        .into_future();
    let timeout = config.shutdown_timeout;
    let give_up = async move {
        if on_signal.wait_for(|s| *s).await.is_err() {
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(delay + timeout).await;
    };
    tokio::select! {
        served = server => served.context("serving")?,
        () = give_up => tracing::warn!(timeout_seconds = timeout.as_secs(), "requests still running at the shutdown timeout: stopping anyway"),
    }
    match tokio::time::timeout(timeout, worker).await {
        Ok(_) => tracing::info!("stopped"),
        Err(_) => {
            tracing::warn!("the worker was still busy at the shutdown timeout: its leased jobs will be taken up again")
        }
    }
    Ok(())
}

async fn stop_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
