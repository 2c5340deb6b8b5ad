//! `opo`: the OPO Portal service and its command line. Each subcommand parses its arguments, builds the
//! application and calls a use case; the logic lives in the library crates.

mod backup;
mod config;
mod demo_scale;
mod export;
mod import;
mod shutdown;

use anyhow::Context;
use clap::{Parser, Subcommand};
use config::{Config, DemoMode, Layer, LogFormat};
use opo_app::{Actor, App, AppError};
use opo_domain::clock::SystemClock;
use opo_store::{Backend, Db};
use std::path::PathBuf;
use std::sync::Arc;

/// OPO Portal runs a community's partner organization program: a public partner directory, a portal
/// for applicants and partners, and a back office for the secretariat and the committee.
#[derive(Debug, Parser)]
#[command(name = "opo", version, propagate_version = true)]
struct Cli {
    /// A TOML file of settings (the keys are the long flag names with underscores)
    #[arg(long, env = "OPO_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(flatten)]
    settings: Layer,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web service (migrates the database first)
    Serve,
    /// Apply the database migrations and exit
    Migrate,
    /// Load the demo data set into an empty database
    Demo {
        /// Instead of the hand-written demo, generate N organizations, 10×N posts, N/10 accounts,
        /// N/2 applications and 5×N audit and outbox rows (for measuring performance)
        #[arg(long, value_name = "N")]
        scale: Option<usize>,
        /// The seed of the generated data set: the same seed gives the same rows
        #[arg(long, default_value_t = 1, requires = "scale")]
        seed: u64,
    },
    /// Manage accounts
    #[command(subcommand)]
    User(UserCommand),
    /// Copy the SQLite database into a new file while the service runs (PostgreSQL: use pg_dump)
    Backup {
        /// The file to write; it must not exist yet
        file: PathBuf,
    },
    /// Replace the SQLite database with a backup; stop the service first
    Restore {
        /// A file written by `opo backup`
        file: PathBuf,
        /// Replace a database that holds data (it is kept beside, renamed)
        #[arg(long)]
        force: bool,
    },
    /// Export the public site, the open data set of partners, or the whole database
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Import partners from a CSV or JSON file (see docs/IMPORT.md)
    #[command(subcommand)]
    Import(import::ImportCommand),
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add an account with a role
    Add {
        /// E-mail address the person signs in with
        #[arg(long)]
        email: String,
        /// The person's name as shown to others
        #[arg(long)]
        name: String,
        /// partner, committee, secretariat or admin
        #[arg(long)]
        role: String,
        /// For a partner contact: the slug of their organization
        #[arg(long = "org")]
        organization: Option<String>,
    },
    /// List every account
    List,
    /// Give an account another role (its sessions end)
    Role {
        /// E-mail address of the account
        #[arg(long)]
        email: String,
        /// partner, committee, secretariat or admin
        #[arg(long)]
        role: String,
        /// For a partner contact: the slug of their organization
        #[arg(long = "org")]
        organization: Option<String>,
    },
    /// Deactivate an account: it can no longer sign in, and its sessions end
    Deactivate {
        /// E-mail address of the account
        #[arg(long)]
        email: String,
    },
    /// Let a deactivated account sign in again
    Activate {
        /// E-mail address of the account
        #[arg(long)]
        email: String,
    },
    /// Print a sign-in link for an account (for a first sign-in before e-mail is set up)
    Link {
        /// E-mail address of the account
        #[arg(long)]
        email: String,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::load(cli.settings, cli.config.as_deref())?;
    init_tracing(config.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the runtime")?;
    runtime.block_on(run(cli.command, config))
}

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("OPO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// The application on the configured database, prepared; `serving` leaves the search index's repair to
/// the worker, so that the service answers sooner.
async fn open(config: &Config, serving: bool) -> anyhow::Result<App> {
    let db = Db::connect(&config.database_url)
        .await
        .with_context(|| format!("connecting to {}", config.database_url_redacted()))?;
    let settings = opo_app::Settings {
        base_url: config.base_url.clone(),
        community_name: config.community_name.clone(),
        secretariat_email: config.secretariat_email.clone(),
        review_rules: opo_domain::reviews::Rules {
            quorum: config.review_quorum,
            majority_percent: config.review_majority_percent,
        },
        info_request_deadline: time::Duration::days(config.info_request_days),
        draft_idle_reminder: time::Duration::days(config.draft_reminder_days),
        renewal_grace: time::Duration::days(config.renewal_grace_days),
        checkin_lead_days: config.checkin_lead_days,
        announcement_email: config.announcement_email.clone(),
        webhooks_allow_private: config.webhooks_allow_private,
        rate_limits: config.rate_limits.clone(),
        discourse: config.discourse.as_ref().map(|d| opo_app::DiscourseSettings {
            base_url: d.url.clone(),
            webhook_secret: d.webhook_secret.clone(),
            interest_category_id: d.interest_category,
            api_key: d.api_key.clone(),
            api_username: d.api_username.clone(),
            announcement_category_id: d.announcement_category,
        }),
        discourse_connect: config.discourse_connect.as_ref().map(|d| {
            opo_app::discourse_connect::DiscourseConnectSettings { forum_url: d.url.clone(), secret: d.secret.clone() }
        }),
        ..opo_app::Settings::default()
    };
    let app = App::new(db, Arc::new(SystemClock), settings);
    if serving {
        opo_app::setup::prepare_for_serving(&app).await.context("preparing the database")?;
    } else {
        opo_app::setup::prepare(&app).await.context("preparing the database")?;
    }
    Ok(app)
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    // A backup must not migrate the live database, nor a restore create the file it replaces.
    match &command {
        Command::Backup { file } => return backup::backup(&config, file).await,
        Command::Restore { file, force } => return backup::restore(&config, file, *force).await,
        _ => {}
    }
    let app = open(&config, matches!(command, Command::Serve)).await?;
    let result = match command {
        Command::Serve => serve(&app, &config).await,
        // Run above, before the database is opened.
        Command::Backup { .. } | Command::Restore { .. } => Ok(()),
        Command::Export(command) => export::run(&app, command).await,
        Command::Import(command) => import::run(&app, command).await,
        Command::Migrate => {
            println!("The database at {} is up to date.", config.database_url_redacted());
            Ok(())
        }
        Command::Demo { scale: Some(organizations), seed } => demo_scale::run(&app, organizations, seed).await,
        Command::Demo { scale: None, .. } => {
            let summary = opo_app::demo::load(&app, &Actor::cli()).await?;
            println!(
                "Loaded the demo data: {} organizations, {} posts, {} applications, {} accounts.",
                summary.organizations, summary.posts, summary.applications, summary.users
            );
            Ok(())
        }
        Command::User(UserCommand::Add { email, name, role, organization }) => {
            let input = opo_app::accounts::AddUser { email, display_name: name, role, organization };
            match opo_app::accounts::add_user(&app, &input, &Actor::cli()).await {
                Ok(id) => {
                    println!("Added account {id} for {}.", input.email.trim());
                    Ok(())
                }
                Err(AppError::Invalid(problems)) => {
                    let list: Vec<String> =
                        problems.iter().map(|p| format!("  --{}: {}", flag_of(p.field), p.message)).collect();
                    anyhow::bail!("the account was not added:\n{}", list.join("\n"))
                }
                Err(other) => Err(other.into()),
            }
        }
        Command::User(UserCommand::Role { email, role, organization }) => {
            let id = account_id(&app, &email).await?;
            opo_app::accounts::change_role(&app, id, &role, organization.as_deref(), &Actor::cli()).await?;
            println!("{email} is now {}.", opo_domain::accounts::Role::parse(&role)?.label().to_lowercase());
            Ok(())
        }
        Command::User(UserCommand::Deactivate { email }) => {
            let id = account_id(&app, &email).await?;
            opo_app::accounts::set_active(&app, id, false, &Actor::cli()).await?;
            println!("{email} is deactivated and signed out everywhere.");
            Ok(())
        }
        Command::User(UserCommand::Activate { email }) => {
            let id = account_id(&app, &email).await?;
            opo_app::accounts::set_active(&app, id, true, &Actor::cli()).await?;
            println!("{email} can sign in again.");
            Ok(())
        }
        Command::User(UserCommand::Link { email }) => {
            let link = opo_app::sessions::link_for_operator(&app, &email, &Actor::cli()).await?;
            println!(
                "Open this link within {} minutes to sign in as {email}:\n{link}",
                app.settings.link_lifetime.whole_minutes()
            );
            Ok(())
        }
        Command::User(UserCommand::List) => {
            let users = opo_app::accounts::list(&app).await?;
            println!("{:<6} {:<36} {:<12} {:<24} name", "id", "email", "role", "organization");
            for user in &users {
                println!(
                    "{:<6} {:<36} {:<12} {:<24} {}",
                    user.id,
                    user.email,
                    user.role.key(),
                    user.organization_slug.as_deref().unwrap_or("-"),
                    user.display_name
                );
            }
            println!("{} account(s).", users.len());
            Ok(())
        }
    };
    app.db.close().await;
    result
}

async fn account_id(app: &App, email: &str) -> anyhow::Result<i64> {
    let users = opo_app::accounts::list(app).await?;
    users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(email.trim()))
        .map(|u| u.id)
        .ok_or_else(|| anyhow::anyhow!("there is no account for {email}"))
}

fn flag_of(field: &str) -> &str {
    match field {
        "display_name" => "name",
        "organization" => "org",
        other => other,
    }
}

async fn serve(app: &App, config: &Config) -> anyhow::Result<()> {
    let load_demo = match config.demo_data {
        DemoMode::Auto => app.db.backend() == Backend::Sqlite,
        DemoMode::Empty => true,
        DemoMode::Off => false,
    };
    if load_demo && opo_app::setup::is_empty(app).await? {
        let summary = opo_app::demo::load(app, &Actor::system()).await?;
        tracing::info!(organizations = summary.organizations, "empty database: loaded the demo data set");
    }
    let mailer = mailer(config)?;
    shutdown::serve(app, mailer, config).await
}

fn mailer(config: &Config) -> anyhow::Result<opo_app::mailer::Mailer> {
    use opo_app::mailer::{Mailer, SmtpSecurity, SmtpSettings};
    Ok(match &config.smtp {
        Some(smtp) => Mailer::smtp(
            &SmtpSettings {
                host: smtp.host.clone(),
                port: smtp.port,
                username: smtp.username.clone(),
                password: smtp.password.clone(),
                security: match smtp.tls {
                    config::SmtpTls::None => SmtpSecurity::None,
                    config::SmtpTls::Starttls => SmtpSecurity::StartTls,
                    config::SmtpTls::Tls => SmtpSecurity::Tls,
                },
            },
            &smtp.from,
        )?,
        None => {
            let dir = config.data_dir.join("mail");
            tracing::info!(folder = %dir.display(), "no SMTP server configured: e-mails are written as files");
            Mailer::files(dir, &config.secretariat_email)?
        }
    })
}
