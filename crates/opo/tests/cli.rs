//! The `opo` binary as an operator uses it: help, migrate, demo, user, and serve on a fresh database.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn opo(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_opo"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("OPO_LISTEN")
        .env_remove("OPO_CONFIG")
        .env("OPO_LOG", "warn")
        .output()
        .expect("run opo")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn the_help_names_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let help = opo(dir.path(), &["--help"]);
    assert!(help.status.success());
    for command in ["serve", "migrate", "demo", "user"] {
        assert!(text(&help).contains(command), "{command}");
    }
    let user_help = text(&opo(dir.path(), &["user", "--help"]));
    for command in ["add", "list", "role", "deactivate", "activate", "link"] {
        assert!(user_help.contains(command), "user {command}");
    }
    let user_add = text(&opo(dir.path(), &["user", "add", "--help"]));
    for flag in ["--email", "--name", "--role", "--org"] {
        assert!(user_add.contains(flag), "{flag}");
    }
}

#[test]
fn an_operator_migrates_loads_the_demo_and_adds_an_account() {
    let dir = tempfile::tempdir().expect("tempdir");
    let migrate = opo(dir.path(), &["migrate"]);
    assert!(migrate.status.success(), "{}", text(&migrate));
    assert!(dir.path().join("data/opo.db").exists(), "the default database is a file under ./data");

    let demo = opo(dir.path(), &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo));
    assert!(text(&demo).contains("Loaded the demo data"));
    let again = opo(dir.path(), &["demo"]);
    assert!(!again.status.success());
    assert!(text(&again).contains("only goes into an empty database"), "{}", text(&again));

    let add = opo(
        dir.path(),
        &["user", "add", "--email", "new.officer@portal.example", "--name", "New Officer", "--role", "secretariat"],
    );
    assert!(add.status.success(), "{}", text(&add));
    let list = text(&opo(dir.path(), &["user", "list"]));
    assert!(list.contains("new.officer@portal.example"));
    assert!(list.contains("secretariat"));

    let role = opo(dir.path(), &["user", "role", "--email", "new.officer@portal.example", "--role", "committee"]);
    assert!(role.status.success(), "{}", text(&role));
    assert!(
        text(&opo(dir.path(), &["user", "list"]))
            .lines()
            .any(|l| l.contains("new.officer@portal.example") && l.contains("committee"))
    );
    let off = opo(dir.path(), &["user", "deactivate", "--email", "new.officer@portal.example"]);
    assert!(off.status.success(), "{}", text(&off));
    let refused = opo(dir.path(), &["user", "link", "--email", "new.officer@portal.example"]);
    assert!(!refused.status.success(), "a deactivated account gets no link");
    let on = opo(dir.path(), &["user", "activate", "--email", "new.officer@portal.example"]);
    assert!(on.status.success(), "{}", text(&on));
    let link = text(&opo(dir.path(), &["user", "link", "--email", "new.officer@portal.example"]));
    assert!(link.contains("http://127.0.0.1:8080/sign-in/link?token="), "{link}");
    let unknown = opo(dir.path(), &["user", "link", "--email", "nobody@portal.example"]);
    assert!(!unknown.status.success());

    let bad = opo(dir.path(), &["user", "add", "--email", "nobody", "--name", "X", "--role", "owner"]);
    assert!(!bad.status.success());
    let said = text(&bad);
    assert!(said.contains("--email") && said.contains("--role"), "every bad flag is named: {said}");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn serve(dir: &std::path::Path, port: u16, extra: &[&str]) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_opo"))
        .arg("serve")
        .args(extra)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env("OPO_LISTEN", format!("127.0.0.1:{port}"))
        .env("OPO_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start opo serve");
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if http_get(port, "/healthz").is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
            return server;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("opo serve did not answer within 30 s");
}

#[test]
fn the_first_start_on_an_empty_embedded_database_shows_the_demo_partners() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let _server = serve(dir.path(), port, &[]);
    let landing = http_get(port, "/").expect("landing");
    assert!(landing.starts_with("HTTP/1.1 200"), "{landing}");
    let logos = landing.matches("/logo?v=").count();
    assert!(logos >= 20, "the logo wall shows the demo partners ({logos})");
}

#[test]
fn with_demo_data_off_the_site_starts_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let _server = serve(dir.path(), port, &["--demo-data", "off"]);
    let directory = http_get(port, "/partners").expect("directory");
    assert!(directory.contains("No partners are listed yet."), "{directory}");
}
