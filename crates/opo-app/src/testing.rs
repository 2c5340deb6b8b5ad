//! Test support: the demo site on each backend, and a real SMTP server (Python's aiosmtpd, started on
//! a free port, storing what it receives in a maildir that the test reads back; the test command
//! installs it with `pip install aiosmtpd`).

use crate::{Actor, App, Settings, demo, setup};
use opo_domain::clock::ManualClock;
use opo_store::testing::TestDb;
use std::sync::Arc;

/// The demo site on one backend, with a clock that stands still at 25 November 2026, 09:00 UTC.
pub struct DemoApp {
    pub app: App,
    pub clock: Arc<ManualClock>,
    /// Keeps the database (and the folder of a SQLite file) for as long as the test runs.
    pub db: TestDb,
}

/// A prepared database with the demo data loaded, on SQLite and (unless switched off) PostgreSQL.
pub async fn demo_apps() -> Vec<DemoApp> {
    let mut apps = Vec::new();
    for db in opo_store::testing::each_backend().await {
        let start = time::macros::datetime!(2026-11-25 09:00 UTC);
        let clock = Arc::new(ManualClock::new(start));
        let app = App::new(db.db.clone(), clock.clone(), Settings::default());
        setup::prepare(&app).await.expect("prepare the database");
        demo::load(&app, &Actor::cli()).await.expect("load the demo data");
        apps.push(DemoApp { app, clock, db });
    }
    apps
}

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
}

impl Received {
    /// The first address in the plain-text part that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        let start = self.text.find(prefix)?;
        Some(self.text[start..].split_whitespace().next().unwrap_or_default().to_owned())
    }
}

pub struct SmtpServer {
    pub port: u16,
    child: Option<Child>,
    dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

impl SmtpServer {
    pub fn start() -> Self {
        let mut server = Self { port: free_port(), child: None, dir: tempfile::tempdir().expect("a temporary folder") };
        server.restart();
        server
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("maildir")
    }

    /// Stops the server, as an outage would.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }

    /// Starts (again) on the same port, keeping what was received.
    pub fn restart(&mut self) {
        self.stop();
        let child = Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{}", self.port),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(self.maildir())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd (pip install aiosmtpd)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "the test SMTP server did not start (is aiosmtpd installed?)");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Everything received so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = ["new", "cur"]
            .iter()
            .filter_map(|sub| std::fs::read_dir(self.maildir().join(sub)).ok())
            .flatten()
            .filter_map(Result::ok)
            .map(|e| (e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH), e.path()))
            .collect();
        files.sort();
        files.iter().filter_map(|(_, path)| std::fs::read(path).ok()).filter_map(|raw| parse(&raw)).collect()
    }

    /// Waits until `count` messages to `to` have arrived, and returns them.
    pub async fn wait_for(&self, to: &str, count: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let got: Vec<Received> = self.received().into_iter().filter(|m| m.to.contains(to)).collect();
            if got.len() >= count || Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn parse(raw: &[u8]) -> Option<Received> {
    let mail = mailparse::parse_mail(raw).ok()?;
    let header = |name: &str| {
        mail.headers
            .iter()
            .find(|h| h.get_key_ref().eq_ignore_ascii_case(name))
            .map(|h| h.get_value())
            .unwrap_or_default()
    };
    let mut text = String::new();
    let mut html = None;
    let parts = if mail.subparts.is_empty() { vec![&mail] } else { mail.subparts.iter().collect() };
    for part in parts {
        match part.ctype.mimetype.as_str() {
            "text/plain" => text = part.get_body().ok()?,
            "text/html" => html = part.get_body().ok(),
            _ => {}
        }
    }
    Some(Received { to: header("To"), subject: header("Subject"), text, html })
}
