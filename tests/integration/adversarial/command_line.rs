//! 17.12 to 17.14. The command line with its output cut short, its
//! reports audited before anything leaves, and the smaller refusals.

use crate::app_support::{Harness, lead, ok, refused};
use skillbot::app::Action;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn skillbot(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_skillbot"));
    cmd.arg("--database")
        .arg(db)
        .arg("--matrix-dir")
        .arg(crate::support::repo_path("data/matrix"));
    cmd
}

fn seeded() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let o = skillbot(&db)
        .args(["demo", "seed", "--members", "30"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, db)
}

/// Runs `args` with standard output and error a pipe nobody reads (its
/// reading end closed before the command starts), as `2>&1 | head -c 0`.
fn into_a_closed_pipe(db: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    skillbot(db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .output()
        .unwrap()
}

fn audits(db: &Path, action: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = ?1",
            [action],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_a_report_quietly_and_the_audit_log_has_it() {
    let (_dir, db) = seeded();
    for args in [
        &[
            "report",
            "trend",
            "--workspace",
            "demo",
            "--skill",
            "serverless",
        ][..],
        &["report", "summary", "--workspace", "demo"][..],
        &["report", "export", "--workspace", "demo", "--history"][..],
        &["matrix", "list"][..],
    ] {
        let o = into_a_closed_pipe(&db, args);
        assert_eq!(o.status.code(), Some(141), "{args:?}: {o:?}");
    }
    // Everything pulled was audited, though none of it was read.
    assert_eq!(audits(&db, "export"), 1);
    assert_eq!(audits(&db, "report"), 2);
}

#[test]
fn a_heatmap_or_chart_never_replaces_a_file_unless_forced() {
    let (dir, db) = seeded();
    let png = dir.path().join("heatmap.png");
    std::fs::write(&png, b"mine").unwrap();
    let o = skillbot(&db)
        .args(["report", "heatmap", "--workspace", "demo", "--out"])
        .arg(&png)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("exists; give another --out, or --force"),
        "{o:?}"
    );
    assert_eq!(std::fs::read(&png).unwrap(), b"mine");
    assert_eq!(
        audits(&db, "report"),
        0,
        "refused before anything is pulled"
    );
    let o = skillbot(&db)
        .args([
            "report",
            "heatmap",
            "--workspace",
            "demo",
            "--force",
            "--out",
        ])
        .arg(&png)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let chart = dir.path().join("trend.png");
    std::fs::write(&chart, b"mine").unwrap();
    let o = skillbot(&db)
        .args([
            "report",
            "trend",
            "--workspace",
            "demo",
            "--skill",
            "serverless",
            "--out",
        ])
        .arg(&chart)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&chart).unwrap(), b"mine");
}

#[test]
fn an_export_as_text_is_refused_with_what_to_use() {
    let (_dir, db) = seeded();
    let o = skillbot(&db)
        .args([
            "report",
            "export",
            "--workspace",
            "demo",
            "--format",
            "text",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("an export is CSV or JSON (--format csv or --format json)"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_database_url_of_another_kind_is_refused_and_nothing_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_skillbot"))
        .current_dir(dir.path())
        .args(["--database", "postgres://host/db", "db", "check"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("postgres://host/db is a postgres: URL, and this skillbot stores its data in a SQLite file only"),
        "{err}"
    );
    assert!(!dir.path().join("postgres:").exists());
}

#[test]
fn csv_import_errors_name_the_line_of_the_file() {
    let mut h = Harness::new();
    let csv = "role,skill,level\n\"Cloud\nEngineer\",serverless,senior\nce,serverless,senior\nnope,serverless,senior\n";
    let r = h.act(&lead(), Action::command("targets import", &[("text", csv)]));
    let why = refused(&r);
    assert!(why.contains("\nline 5: "), "{why}");
}

#[test]
fn a_stored_time_zone_skillbot_does_not_know_is_shown_to_the_leads() {
    let mut h = Harness::new();
    ok(&h.run(&crate::app_support::ann(), "/profile role:ce"));
    rusqlite::Connection::open(h.store.path())
        .unwrap()
        .execute("UPDATE members SET time_zone = 'Mars/Olympus'", [])
        .unwrap();
    let status = skillbot::app::render::to_text(&h.run(&lead(), "/checkin status"));
    assert!(
        status.contains("ann (their stored time zone \"Mars/Olympus\" is not one I know"),
        "{status}"
    );
}

#[test]
fn a_pass_far_from_the_machines_clock_is_refused_unless_forced() {
    let (_dir, db) = seeded();
    let far = (chrono::Utc::now() + chrono::Duration::days(330)).to_rfc3339();
    let o = skillbot(&db)
        .args(["--now", &far, "checkin", "run-due"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("days ahead of this machine's clock") && err.contains("add --force"),
        "{err}"
    );
    let checkins = || {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("SELECT count(*) FROM checkins", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    assert_eq!(checkins(), 0, "nothing was run");
    let o = skillbot(&db)
        .args(["--now", &far, "checkin", "run-due", "--force"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(checkins() > 0);
}

#[test]
fn now_is_refused_where_it_has_no_effect() {
    let (_dir, db) = seeded();
    for args in [
        &["discord"][..],
        &["matrix", "list"][..],
        &["db", "check"][..],
    ] {
        let o = skillbot(&db)
            .args(["--now", "2026-11-27T09:00:00Z"])
            .args(args)
            .env_remove("DISCORD_TOKEN")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!(
                "--now has no effect on `skillbot {}`, which never reads the clock",
                args[0]
            )),
            "{err}"
        );
    }
}
