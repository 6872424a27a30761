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

/// The Monday before now, 10:30 UTC: the demo team's check-ins (Mondays
/// 10:00 UTC) are due then.
fn last_monday_half_past_ten() -> String {
    use chrono::{Datelike, Duration, Utc};
    let now = Utc::now();
    let monday = now.date_naive() - Duration::days(i64::from(now.weekday().num_days_from_monday()));
    let mut at = monday.and_hms_opt(10, 30, 0).unwrap().and_utc();
    if at > now {
        at -= Duration::days(7);
    }
    at.to_rfc3339()
}

#[test]
fn run_due_prints_as_it_goes_and_stops_cleanly_on_sigterm() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let o = skillbot(&db)
        .args(["demo", "seed", "--members", "3000"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let mut child = skillbot(&db)
        .args([
            "--now",
            &last_monday_half_past_ten(),
            "checkin",
            "run-due",
            "--json",
            "--force",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    // The first line comes while the pass goes on: it was printed at once.
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("\"kind\":\"checkin\""), "{first}");
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "The pass stopped early (it was told to stop); the rest is left for the next pass."
        ),
        "{err}"
    );
    let printed = 1 + rest.len();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize;
    assert!(printed < 3000, "stopped before the end: {printed}");
    assert_eq!(
        count("SELECT count(*) FROM checkins WHERE status = 'queued'"),
        printed,
        "every message queued was printed"
    );
    assert_eq!(
        count("SELECT count(*) FROM checkins WHERE status = 'sending'"),
        0
    );
    let wal = dir.path().join("bot.db-wal");
    assert!(
        std::fs::metadata(&wal).map_or(0, |m| m.len()) == 0,
        "the log was emptied"
    );
    drop(conn);
    // The next pass sends the rest, and nobody twice.
    let o = skillbot(&db)
        .args([
            "--now",
            &last_monday_half_past_ten(),
            "checkin",
            "run-due",
            "--json",
            "--force",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize;
    // Everyone of the team (a role or a rating), their lead aside.
    let members =
        count("SELECT count(*) FROM members WHERE weekly_opt_in = 1 AND role IS NOT NULL");
    assert_eq!(count("SELECT count(*) FROM checkins"), members);
}

#[test]
fn run_due_whose_output_is_closed_still_runs_the_pass_and_exits_0() {
    let (_dir, db) = seeded();
    let o = into_a_closed_pipe(
        &db,
        &[
            "--now",
            &last_monday_half_past_ten(),
            "checkin",
            "run-due",
            "--json",
            "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let queued: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM checkins WHERE status = 'queued'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(queued > 0);
}

#[test]
fn run_due_writing_to_a_full_disk_still_runs_the_pass_and_exits_0() {
    let (_dir, db) = seeded();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = skillbot(&db)
        .args([
            "--now",
            &last_monday_half_past_ten(),
            "checkin",
            "run-due",
            "--force",
        ])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot write the output"),
        "{o:?}"
    );
}

#[test]
fn an_upload_too_large_is_refused_for_what_it_is() {
    use crate::fake_discord::payloads;
    use serde_json::json;
    crate::discord::with_bot(async |fake, _db| {
        let attachment = json!({"id": "700000000000000002", "filename": "targets.csv", "size": 2_000_000,
            "url": format!("{}/attachments/none", fake.base), "proxy_url": format!("{}/attachments/none", fake.base),
            "content_type": "text/csv"});
        let mut cmd = payloads::subcommand(
            fake,
            &crate::discord::lee(),
            "targets",
            "import",
            vec![json!({"name": "file", "type": 11, "value": "700000000000000002"})],
        );
        cmd["data"]["resolved"] = json!({"attachments": {"700000000000000002": attachment}});
        let before = fake.requests().len();
        let r = fake.interact(cmd).await;
        let text = if r["type"] == 5 {
            let edit = fake
                .wait_for(before, |r| r.path.starts_with("/api/v10/webhooks/"))
                .await;
            serde_json::to_string(&edit.body).unwrap()
        } else {
            serde_json::to_string(&r).unwrap()
        };
        assert!(
            text.contains("targets.csv is 1953 KB; an upload is at most 1 MB (a skill page, a TOML file or a CSV of targets is far smaller)"),
            "{text}"
        );
        assert!(
            !text.contains("skill page or TOML file is at most"),
            "{text}"
        );
    });
}
