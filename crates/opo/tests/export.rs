//! `opo export` as an operator runs it, checked against what `opo serve` answers over HTTP for the same
//! addresses on the same database.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BASE_URL: &str = "http://portal.example";

fn opo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_opo"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("OPO_CONFIG")
        .env("OPO_BASE_URL", BASE_URL)
        .env("OPO_LOG", "warn")
        .output()
        .expect("run opo")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// The body of a GET over HTTP/1.0 (so it is never chunked), or `None` until the server is up.
fn http_body(port: u16, path: &str) -> Option<Vec<u8>> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: portal.example\r\n\r\n").ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let end = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    response.starts_with(b"HTTP/1.0 200").then(|| response[end + 4..].to_vec())
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn serve(dir: &Path) -> (Server, u16) {
    let port = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let child = Command::new(env!("CARGO_BIN_EXE_opo"))
        .arg("serve")
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env("OPO_LISTEN", format!("127.0.0.1:{port}"))
        .env("OPO_BASE_URL", BASE_URL)
        .env("OPO_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start opo serve");
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if http_body(port, "/healthz").is_some() {
            return (server, port);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("opo serve did not answer within 30 s");
}

/// Asserts two byte strings are equal, saying where they first differ rather than printing them.
fn assert_same(served: &[u8], exported: &[u8], what: &str) {
    if served != exported {
        let at = served.iter().zip(exported).position(|(a, b)| a != b).unwrap_or(served.len().min(exported.len()));
        let around = |b: &[u8]| String::from_utf8_lossy(&b[at.saturating_sub(40)..(at + 40).min(b.len())]).into_owned();
        panic!(
            "{what}: served {} bytes, exported {}; first difference at {at}: served {:?}, exported {:?}",
            served.len(),
            exported.len(),
            around(served),
            around(exported)
        );
    }
}

#[test]
fn the_exports_are_what_the_service_serves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = opo(dir.path(), &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo));

    // The worker of `opo serve` brings the partnerships' statuses up to date when it starts: let it, so
    // the exports and the service below see the same data.
    {
        let (_first, port) = serve(dir.path());
        let mut last = http_body(port, "/open-data/partners.csv");
        for _ in 0..20 {
            std::thread::sleep(Duration::from_millis(500));
            let now = http_body(port, "/open-data/partners.csv");
            if now == last {
                break;
            }
            last = now;
        }
    }

    let site = opo(dir.path(), &["export", "site", "site"]);
    assert!(site.status.success(), "{}", text(&site));
    assert!(text(&site).contains("Exported"), "{}", text(&site));
    let again = opo(dir.path(), &["export", "site", "site"]);
    assert!(!again.status.success(), "an earlier export is never mixed with a new one");
    assert!(text(&again).contains("is not empty"), "{}", text(&again));

    let csv = opo(dir.path(), &["export", "partners", "--format", "csv"]);
    assert!(csv.status.success(), "{}", text(&csv));
    let json = opo(dir.path(), &["export", "partners", "--format", "json", "partners.json"]);
    assert!(json.status.success(), "{}", text(&json));
    let bad = opo(dir.path(), &["export", "partners", "--format", "xml"]);
    assert!(!bad.status.success() && text(&bad).contains("csv"), "{}", text(&bad));

    let admin = opo(dir.path(), &["export", "admin", "everything.json"]);
    assert!(admin.status.success(), "{}", text(&admin));
    let everything = std::fs::read_to_string(dir.path().join("everything.json")).expect("the admin export");
    for expected in ["\"organizations\"", "\"users\"", "admin@portal.example", "\"audit_log\""] {
        assert!(everything.contains(expected), "{expected} is in the admin export");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("everything.json")).expect("file").permissions().mode();
        assert_eq!(mode & 0o077, 0, "only its owner may read the admin export");
    }

    let (_server, port) = serve(dir.path());
    assert_same(&http_body(port, "/open-data/partners.csv").expect("served"), &csv.stdout, "partners.csv");
    assert_same(
        &http_body(port, "/open-data/partners.json").expect("served"),
        &std::fs::read(dir.path().join("partners.json")).expect("file"),
        "partners.json",
    );
    for (path, file) in [
        ("/", "site/index.html"),
        ("/partners", "site/partners/index.html"),
        ("/news", "site/news/index.html"),
        ("/feeds/news.atom", "site/feeds/news.atom"),
        ("/sitemap.xml", "site/sitemap.xml"),
    ] {
        let exported = std::fs::read(dir.path().join(file)).unwrap_or_else(|_| panic!("{file} is exported"));
        assert_same(&http_body(port, path).expect("served"), &exported, path);
    }
}
