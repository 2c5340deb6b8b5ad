//! `opo import partners` as an operator runs it on the fixture bundle (tests/fixtures/import): a file with
//! problems lists them by row and column, exits non-zero and writes nothing; a good file imports, and
//! importing it again changes nothing.

use std::path::Path;
use std::process::{Command, Output};

fn opo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_opo"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("OPO_CONFIG")
        .env("OPO_LOG", "warn")
        .output()
        .expect("run opo")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn bundle() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    std::fs::create_dir(dir.path().join("logos")).expect("mkdir");
    for name in [
        "partners.csv",
        "partners.json",
        "partners-with-errors.csv",
        "logos/kijiji.png",
        "logos/andes.png",
        "logos/sahel.svg",
    ] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).expect(name);
    }
    dir
}

#[test]
fn an_import_reports_problems_by_row_and_column_and_a_reimport_changes_nothing() {
    let dir = bundle();
    let bad = opo(dir.path(), &["import", "partners", "partners-with-errors.csv"]);
    assert!(!bad.status.success(), "problems make the command fail");
    let problems = stderr(&bad);
    for expected in [
        "row 2, column website:",
        "row 2, column countries:",
        "row 3, column organization_type:",
        "row 3, column short_description:",
        "row 3, column capabilities:",
        "row 3, column joined:",
        "row 3, column logo:",
        "row 4, column logo:",
        "nothing was written",
    ] {
        assert!(problems.contains(expected), "{expected} in:\n{problems}");
    }
    assert!(!problems.contains("[="), "no progress bar when standard error is not a terminal");

    let dry = opo(dir.path(), &["import", "partners", "partners.csv", "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(stdout(&dry).contains("row    3  create     sahel-data-lab"), "{}", stdout(&dry));
    assert!(stdout(&dry).contains("3 to create, 0 to update, 0 unchanged. Nothing was written."), "{}", stdout(&dry));
    let again = opo(dir.path(), &["import", "partners", "partners.csv", "--dry-run"]);
    assert!(stdout(&again).contains("3 to create"), "the dry run wrote nothing: {}", stdout(&again));

    let import = opo(dir.path(), &["import", "partners", "partners.csv"]);
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(stdout(&import).contains("3 created, 0 updated, 0 unchanged"), "{}", stdout(&import));

    std::fs::copy(dir.path().join("partners.json"), dir.path().join("partners.txt")).expect("copy");
    let unknown = opo(dir.path(), &["import", "partners", "partners.txt"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("--format") || stderr(&unknown).contains("format"), "{}", stderr(&unknown));
    let json = opo(dir.path(), &["import", "partners", "partners.txt", "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    assert!(stdout(&json).contains("0 created, 0 updated, 3 unchanged"), "{}", stdout(&json));
    assert!(stdout(&json).contains("row    1  unchanged  kijiji-health"), "{}", stdout(&json));
}
