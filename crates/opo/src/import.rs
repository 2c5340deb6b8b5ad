//! `opo import partners FILE`: runs the import use case with a progress bar on standard error and prints
//! every problem by row and column, then what was (or, in a dry run, would be) created and updated.

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use opo_app::App;
use opo_app::import::{self, Format, ImportError, Progress, Report};
use opo_domain::import::Outcome;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import partners from a CSV or JSON file (columns: see docs/IMPORT.md); logos are files beside it
    Partners {
        /// The CSV or JSON file; logo paths in it are relative to its folder
        file: PathBuf,
        /// Check the file and show what would change, without writing anything
        #[arg(long)]
        dry_run: bool,
        /// The file's format; by default from its extension
        #[arg(long, value_enum)]
        format: Option<FileFormat>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FileFormat {
    Csv,
    Json,
}

impl From<FileFormat> for Format {
    fn from(format: FileFormat) -> Self {
        match format {
            FileFormat::Csv => Format::Csv,
            FileFormat::Json => Format::Json,
        }
    }
}

/// A progress bar on standard error, hidden when standard error is not a terminal.
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Self {
        let target =
            if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(None, target);
        if let Ok(style) = ProgressStyle::with_template("{msg:30} [{bar:40}] {pos}/{len}") {
            bar.set_style(style.progress_chars("=> "));
        }
        Self(bar)
    }
}

impl Progress for Bar {
    fn phase(&self, message: &'static str, steps: u64) {
        self.0.set_position(0);
        self.0.set_length(steps);
        self.0.set_message(message);
    }

    fn step(&self) {
        self.0.inc(1);
    }
}

pub async fn run(app: &App, command: ImportCommand) -> anyhow::Result<()> {
    let ImportCommand::Partners { file, dry_run, format } = command;
    let request = import::Request { file: file.clone(), format: format.map(Format::from), dry_run };
    let bar = Bar::new();
    let result = import::partners(app, &request, &bar).await;
    bar.0.finish_and_clear();
    let report = match result {
        Ok(report) => report,
        Err(ImportError::App(e)) => return Err(e).with_context(|| format!("importing {}", file.display())),
        Err(e) => return Err(e.into()),
    };
    print_plan(&report);
    let summary =
        format!("{} to create, {} to update, {} unchanged", report.created(), report.updated(), report.unchanged());
    if !report.errors.is_empty() {
        for error in &report.errors {
            eprintln!("{error}");
        }
        anyhow::bail!("{} problem(s) in {}; nothing was written", report.errors.len(), file.display());
    }
    if report.written {
        println!(
            "Imported {}: {} created, {} updated, {} unchanged.",
            file.display(),
            report.created(),
            report.updated(),
            report.unchanged()
        );
    } else {
        println!("Dry run of {}: {summary}. Nothing was written.", file.display());
    }
    Ok(())
}

fn print_plan(report: &Report) {
    for row in &report.rows {
        match &row.outcome {
            Outcome::Create => println!("row {:>4}  create     {}", row.row, row.slug),
            Outcome::Update { changes, .. } => {
                let names: Vec<&str> = changes.iter().map(|c| c.name()).collect();
                println!("row {:>4}  update     {} ({})", row.row, row.slug, names.join(", "));
            }
            Outcome::Unchanged { .. } => println!("row {:>4}  unchanged  {}", row.row, row.slug),
        }
    }
}
