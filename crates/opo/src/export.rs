//! `opo export`: the public site as static files, the open data set of partners, and the admin's full
//! export of the database. Each writes what the web service would serve for the same thing.

use anyhow::{Context, bail};
use clap::{Subcommand, ValueEnum};
use opo_app::{Actor, App};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write the public site as static files any web server can serve (DIR must be empty or new)
    Site {
        /// The folder to write into
        dir: PathBuf,
    },
    /// The public fields of every partner: the bytes of /open-data/partners.csv or .json
    Partners {
        /// csv or json
        #[arg(long, value_enum)]
        format: PartnersFormat,
        /// The file to write; standard output when left out
        file: Option<PathBuf>,
    },
    /// Every row of every table as one JSON file: personal data and hashes of secrets included
    Admin {
        /// The file to write (readable by its owner only)
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PartnersFormat {
    Csv,
    Json,
}

pub async fn run(app: &App, command: ExportCommand) -> anyhow::Result<()> {
    match command {
        ExportCommand::Site { dir } => {
            if std::fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_some()) {
                bail!(
                    "{} is not empty: export into a new or empty folder, so no page of an earlier export stays behind",
                    dir.display()
                );
            }
            let exported = opo_web::static_site::export_site(app, &dir).await?;
            for (path, status) in &exported.skipped {
                eprintln!("warning: {path} is linked from the site but answered {status}; it is not exported");
            }
            println!(
                "Exported {} files ({} KiB) of {} to {}.",
                exported.files.len(),
                exported.bytes.div_ceil(1024),
                app.settings.base_url,
                dir.display()
            );
            Ok(())
        }
        ExportCommand::Partners { format, file } => {
            let path = match format {
                PartnersFormat::Csv => "/open-data/partners.csv",
                PartnersFormat::Json => "/open-data/partners.json",
            };
            let bytes = opo_web::static_site::public_file(app, path).await?;
            match file {
                Some(file) => {
                    std::fs::write(&file, &bytes).with_context(|| format!("writing {}", file.display()))?;
                    eprintln!("Wrote the open data set to {}.", file.display());
                }
                None => std::io::stdout().write_all(&bytes).context("writing to standard output")?,
            }
            Ok(())
        }
        ExportCommand::Admin { file } => {
            let bytes = opo_app::admin_export::admin_export(app, &Actor::cli()).await?;
            write_private(&file, &bytes)?;
            println!(
                "Wrote every table to {} ({} KiB). It holds personal data and hashes of secrets: keep it safe.",
                file.display(),
                bytes.len().div_ceil(1024)
            );
            Ok(())
        }
    }
}

/// Writes a file only its owner may read, where the system has such permissions.
fn write_private(file: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options.open(file).with_context(|| format!("creating {}", file.display()))?;
    out.write_all(bytes).with_context(|| format!("writing {}", file.display()))
}
