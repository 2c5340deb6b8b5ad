//! Stopping `opo serve` with SIGTERM: readiness turns 503 at once while liveness stays up, a request
//! in flight is answered in full, the process exits 0, and its JSON logs tell the drain.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

#[test]
fn sigterm_drains_in_flight_requests_and_exits_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_opo"))
        .args(["serve", "--shutdown-delay", "1", "--shutdown-timeout", "20", "--log-format", "json"])
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("OPO_CONFIG")
        .env("OPO_LISTEN", format!("127.0.0.1:{port}"))
        .env("OPO_LOG", "info,sqlx=warn,tower_http=warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start opo serve");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !get(port, "/readyz").is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
        assert!(Instant::now() < deadline, "opo serve did not become ready");
        std::thread::sleep(Duration::from_millis(50));
    }

    // A slow client: the request is in flight (headers sent, half the body) when the signal comes.
    let body = "lang=fr&back=%2Fpartners";
    let (first, rest) = body.split_at(10);
    let mut slow = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    slow.set_read_timeout(Some(Duration::from_secs(15))).expect("timeout");
    write!(
        slow,
        "POST /language HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Sec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{first}",
        body.len()
    )
    .expect("send the start");
    slow.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(200));

    let signalled = Instant::now();
    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(kill.success());
    std::thread::sleep(Duration::from_millis(300));
    let readiness = get(port, "/readyz").expect("still accepting during the delay");
    assert!(readiness.starts_with("HTTP/1.1 503"), "{readiness}");
    assert!(readiness.contains(r#""status":"draining""#), "{readiness}");
    let liveness = get(port, "/healthz").expect("alive");
    assert!(liveness.starts_with("HTTP/1.1 200"), "{liveness}");

    // Past the delay the listener is closed, and the request in flight still gets its whole answer.
    std::thread::sleep(Duration::from_millis(1200));
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "no new connections after the delay");
    slow.write_all(rest.as_bytes()).expect("send the rest");
    let mut answer = String::new();
    slow.read_to_string(&mut answer).expect("the answer");
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");

    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "opo serve did not exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(signalled.elapsed() < Duration::from_secs(15), "it stopped without waiting for the timeout");

    // The logs were JSON, one object a line, and tell the drain.
    let mut logs = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut logs).expect("logs");
    let lines: Vec<&str> = logs.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.iter().all(|l| l.starts_with('{') && l.ends_with('}')), "{logs}");
    assert!(lines.iter().any(|l| l.contains("stop signal: draining")), "{logs}");
}
