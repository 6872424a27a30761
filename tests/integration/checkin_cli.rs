//! `skillbot checkin run-due` as cron runs it, and the console members who
//! find their check-in waiting when they next open it.

use crate::lead_round::at;
use std::path::Path;
use std::process::Command;

/// One pass at `now`; its standard output.
pub fn run_due(dir: &Path, now: &str, json: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_skillbot"));
    cmd.arg("--database")
        .arg(dir.join("bot.db"))
        .arg("--matrix-dir")
        .arg(crate::support::repo_path("data/matrix"))
        .args(["--now", now, "checkin", "run-due", "--force"])
        .env_remove("DISCORD_TOKEN")
        .current_dir(dir);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no Discord workspace, no warning"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn run_due_queues_console_check_ins_once_and_prints_one_json_line_for_each() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    at(
        dir,
        "2026-03-23T12:00:00Z",
        "ann",
        false,
        "/profile role:ce\n/assess serverless level:middle\n2\n1\n",
    );
    let set = at(
        dir,
        "2026-03-23T12:01:00Z",
        "lee",
        true,
        "/checkin schedule monday 09:00 Europe/Berlin\n",
    );
    assert!(
        set.contains("Check-ins now go out on Mondays at 09:00"),
        "{set}"
    );
    assert_eq!(run_due(dir, "2026-03-30T06:59:00Z", true), "");
    assert_eq!(
        run_due(dir, "2026-03-30T07:00:00Z", true),
        "{\"workspace\":\"team\",\"member\":\"ann\",\"kind\":\"checkin\",\"result\":\"queued\",\
         \"week\":\"2026-W14\",\"local_time\":\"2026-03-30T09:00:00+02:00\",\"error\":null}\n"
    );
    assert_eq!(run_due(dir, "2026-03-30T07:01:00Z", true), "", "once");
    assert_eq!(
        run_due(dir, "2026-03-30T07:02:00Z", false),
        "Nothing was due.\n"
    );
    // Ann opens the console: her check-in waits there, with its buttons.
    let out = at(dir, "2026-03-30T08:00:00Z", "ann", false, "2\n");
    assert!(out.contains("Waiting for you:\n"), "{out}");
    assert!(out.contains("Your weekly check-in (2026-W14)"), "{out}");
    assert!(
        out.contains("Noted: no change this week. Confirmed Serverless Functions Middle."),
        "{out}"
    );
    // Shown once.
    let out = at(dir, "2026-03-30T08:05:00Z", "ann", false, "");
    assert!(!out.contains("Your weekly check-in"), "{out}");
    // When next week's falls due, the leads' digest of this one is kept.
    let lines = run_due(dir, "2026-04-06T07:00:00Z", true);
    assert!(
        lines.contains(
            "\"member\":\"ann\",\"kind\":\"checkin\",\"result\":\"queued\",\"week\":\"2026-W15\""
        ),
        "{lines}"
    );
    assert!(lines.contains("{\"workspace\":\"team\",\"member\":null,\"kind\":\"digest\",\"result\":\"queued\",\"week\":\"2026-W14\""), "{lines}");
    let out = at(dir, "2026-04-06T08:00:00Z", "lee", true, "");
    assert!(
        out.contains("Weekly check-ins, 2026-W14 (the latest digest)"),
        "{out}"
    );
    assert!(
        out.contains(
            "1 of 1 member reached checked in (100%).\nChecked in: ann (Serverless Functions Middle confirmed)."
        ),
        "{out}"
    );
}

#[test]
fn run_due_says_so_when_it_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bot.db"), "not a database").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_skillbot"))
        .arg("--database")
        .arg(dir.path().join("bot.db"))
        .arg("--matrix-dir")
        .arg(crate::support::repo_path("data/matrix"))
        .args(["checkin", "run-due", "--json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a skillbot database"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}
