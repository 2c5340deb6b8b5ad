//! Running `opo serve` as a separate process for the crash and outage tests: starting it on a
//! database, waiting until it is ready, killing it, and sending it API requests from many loopback
//! addresses (each write from its own address, so the per-address limit on expressions of interest
//! does not turn a long run into a run of refusals).

#![allow(dead_code)]

pub mod workflow;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpSocket;

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// One `opo serve` process.
pub struct Server {
    pub port: u16,
    child: Child,
}

impl Server {
    /// Starts `opo serve` on `database_url`, sending mail to the SMTP server on `smtp_port`, and waits
    /// until `/readyz` answers 200.
    pub async fn start(dir: &Path, database_url: &str, smtp_port: u16) -> Self {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_opo"))
            .args(["serve", "--shutdown-delay", "0"])
            .current_dir(dir)
            .env_remove("OPO_CONFIG")
            .env("DATABASE_URL", database_url)
            .env("OPO_DATA_DIR", dir)
            .env("OPO_LISTEN", format!("127.0.0.1:{port}"))
            .env("OPO_BASE_URL", format!("http://127.0.0.1:{port}"))
            .env("OPO_SMTP_HOST", "127.0.0.1")
            .env("OPO_SMTP_PORT", smtp_port.to_string())
            .env("OPO_SMTP_TLS", "none")
            .env("OPO_SMTP_FROM", "portal@crash.example")
            .env("OPO_SECRETARIAT_EMAIL", "secretariat@crash.example")
            // OPO_TEST_SERVER_LOG=error (or any filter) shows the server's own log, to see a failure's cause.
            .env("OPO_LOG", std::env::var("OPO_TEST_SERVER_LOG").unwrap_or_else(|_| "error".to_owned()))
            .stdout(Stdio::null())
            .stderr(if std::env::var_os("OPO_TEST_SERVER_LOG").is_some() { Stdio::inherit() } else { Stdio::null() })
            .spawn()
            .expect("start opo serve");
        let server = Self { port, child };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some((200, _)) = request(port, None, "GET", "/readyz", None).await {
                return server;
            }
            assert!(Instant::now() < deadline, "opo serve did not become ready");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// SIGKILL: the process gets no chance to finish anything.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// A loopback address for write `n`: 127.1.0.1, 127.1.0.2, … (the whole 127/8 reaches this machine).
pub fn loopback(n: u64) -> Ipv4Addr {
    let n = n + 1;
    Ipv4Addr::new(127, 1 + ((n >> 16) & 0x7f) as u8, ((n >> 8) & 0xff) as u8, (n & 0xff) as u8)
}

/// One HTTP/1.1 request from `from` (or 127.0.0.1) with a JSON body; the status and the body, or
/// `None` when the connection failed (the server is down or was killed mid-answer).
pub async fn request(
    port: u16,
    from: Option<Ipv4Addr>,
    method: &str,
    path: &str,
    json: Option<&str>,
) -> Option<(u16, String)> {
    send(port, from, method, path, None, "application/json", json.unwrap_or("")).await
}

/// One HTTP/1.1 request, with an API token when given and a body of `content_type`.
pub async fn send(
    port: u16,
    from: Option<Ipv4Addr>,
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: &str,
) -> Option<(u16, String)> {
    let socket = TcpSocket::new_v4().ok()?;
    socket.bind(SocketAddr::from((from.unwrap_or(Ipv4Addr::LOCALHOST), 0))).ok()?;
    let mut stream = socket.connect(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await.ok()?;
    let authorization = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Accept: application/json\r\n{authorization}\
         Content-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.ok()?;
    stream.write_all(body.as_bytes()).await.ok()?;
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut raw)).await.ok()?.ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    Some((status, body))
}

/// The body of an expression of interest whose organization and contact are numbered `n`.
pub fn interest(n: u64) -> String {
    format!(
        r#"{{"organization":"Crash Org {n}","contact_name":"Writer {n}","contact_email":"w{n}@crash.example","message":"Written while the server may be killed."}}"#
    )
}

/// The bare address in a `To` header (`Name <a@b>` or `a@b`).
pub fn bare_address(to: &str) -> String {
    match (to.find('<'), to.rfind('>')) {
        (Some(start), Some(end)) if start < end => to[start + 1..end].trim().to_ascii_lowercase(),
        _ => to.trim().to_ascii_lowercase(),
    }
}

/// A small random number generator (xorshift), seeded from the clock or `OPO_CRASH_SEED`, so a run
/// that found something can be repeated.
pub struct Rng(u64);

impl Rng {
    pub fn seeded() -> Self {
        let seed = std::env::var("OPO_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
        });
        eprintln!("seed: {seed} (set OPO_CRASH_SEED to repeat)");
        Self(seed | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}
