//! `opo demo --scale N --seed S`: loads the scaled demo data set with a progress bar on a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use opo_app::demo::scale::{self, Phase, ScaleOptions};
use opo_app::{Actor, App};
use std::io::IsTerminal;
use std::time::Instant;

pub async fn run(app: &App, organizations: usize, seed: u64) -> anyhow::Result<()> {
    let options = ScaleOptions { organizations, seed };
    let target =
        if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
    let bar = ProgressBar::with_draw_target(None, target);
    if let Ok(style) = ProgressStyle::with_template("{msg:18} [{bar:40}] {pos}/{len} {elapsed}") {
        bar.set_style(style.progress_chars("=> "));
    }
    let started = Instant::now();
    let mut shown = None;
    let mut progress = |phase: Phase, done: u64, total: u64| {
        if shown != Some(phase) {
            shown = Some(phase);
            bar.set_message(phase.label());
            bar.set_length(total);
        }
        bar.set_position(done);
    };
    let summary = scale::load(app, &Actor::cli(), options, &mut progress).await;
    bar.finish_and_clear();
    let summary = summary?;
    println!(
        "Loaded the scaled demo data (seed {seed}) in {:.1} s: {} organizations, {} posts, {} accounts, \
         {} applications, {} audit entries, {} sent e-mails.",
        started.elapsed().as_secs_f64(),
        summary.organizations,
        summary.posts,
        summary.users,
        summary.applications,
        summary.audit_entries,
        summary.emails
    );
    println!(
        "Search terms planted for measuring: rare {:?}, medium {:?}, common {:?}.",
        scale::RARE_TERM,
        scale::MEDIUM_TERM,
        scale::COMMON_TERM
    );
    Ok(())
}
