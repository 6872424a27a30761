use skillbot::matrix::{ImportOptions, PageError, Skill, import_page};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo_path("tests/fixtures").join(name))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub fn import(text: &str, slug: &str) -> Result<Skill, PageError> {
    import_page(
        text,
        &ImportOptions {
            slug: slug.into(),
            name: None,
        },
    )
}

/// A database at `path` as the release with schema version 8 made it
/// (the fixture, never edited), empty: to test upgrades.
pub fn released_v8_database(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(&fixture("released-schema/v8.sql"))
        .unwrap();
    conn.pragma_update(None, "user_version", 8).unwrap();
    conn
}

/// Runs `cmd` with `stdin` piped into it, and collects what it printed.
pub fn run_piped(cmd: &mut Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// A console session: `script` typed into `cmd`, which must succeed; what
/// it printed.
pub fn typed(cmd: &mut Command, script: &str) -> String {
    let out = run_piped(cmd, script.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
