//! `skillbot demo seed` and `skillbot report ...` as a lead at a terminal
//! runs them.

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-11-27T09:00:00Z";

fn skillbot(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skillbot"))
        .arg("--database")
        .arg(db)
        .arg("--matrix-dir")
        .arg(crate::support::repo_path("data/matrix"))
        .args(["--now", NOW])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn seeded() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let out = stdout(&skillbot(
        &db,
        &["demo", "seed", "--workspace", "demo", "--members", "30"],
    ));
    assert!(out.starts_with("Seeded demo: 30 members, "), "{out}");
    assert!(
        out.contains("skillbot console --workspace demo --as dana --lead"),
        "{out}"
    );
    (dir, db)
}

#[test]
fn a_seeded_demo_team_has_every_kind_of_member_the_reports_look_for() {
    let (_dir, db) = seeded();
    let json: serde_json::Value = serde_json::from_str(&stdout(&skillbot(
        &db,
        &[
            "report",
            "summary",
            "--workspace",
            "demo",
            "--format",
            "json",
        ],
    )))
    .unwrap();
    let rows = json.as_array().unwrap();
    assert!(rows.len() >= 2, "{json:#}");
    let total = |key: &str| rows.iter().map(|r| r[key].as_u64().unwrap()).sum::<u64>();
    assert!(total("members") >= 25, "{json:#}");
    assert!(total("stale") > 0, "some stale: {json:#}");
    assert!(
        rows.iter()
            .any(|r| !r["never_assessed"].as_array().unwrap().is_empty()),
        "some never assessed"
    );
    assert!(
        rows.iter()
            .all(|r| r["levels"]["Senior"].is_u64() && r["target"].is_string()),
        "{json:#}"
    );
    let gaps: serde_json::Value = serde_json::from_str(&stdout(&skillbot(
        &db,
        &["report", "gaps", "--workspace", "demo", "--format", "json"],
    )))
    .unwrap();
    let first = &gaps[0];
    for key in ["member", "role", "skill", "level", "target", "gap"] {
        assert!(first.get(key).is_some(), "{key} in {first:#}");
    }
    let gap = |g: &serde_json::Value| g["gap"].as_u64().unwrap();
    assert!(
        gaps.as_array()
            .unwrap()
            .windows(2)
            .all(|w| gap(&w[0]) >= gap(&w[1])),
        "largest first"
    );
    // The same team a second time is refused, and nothing changes.
    let again = skillbot(
        &db,
        &["demo", "seed", "--workspace", "demo", "--members", "5"],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already has members"));
}

#[test]
fn reports_come_as_text_csv_json_and_png_and_each_run_is_audited() {
    let (dir, db) = seeded();
    let text = stdout(&skillbot(
        &db,
        &["report", "summary", "--workspace", "demo"],
    ));
    assert!(
        text.starts_with("Team summary\nAs of 27 Nov 2026."),
        "{text}"
    );
    let csv = stdout(&skillbot(&db, &["report", "export", "--workspace", "demo"]));
    assert!(
        csv.starts_with("member,role,skill,level,level name,source,assessed at,target,gap\n"),
        "{csv}"
    );
    let history = stdout(&skillbot(
        &db,
        &["report", "export", "--workspace", "demo", "--history"],
    ));
    assert!(
        history.starts_with("member,skill,role,level,level name,source,rated by,note,at\n"),
        "{history}"
    );
    assert!(history.contains(",lead,Dana,"), "{history}");
    let trend = stdout(&skillbot(
        &db,
        &[
            "report",
            "trend",
            "--workspace",
            "demo",
            "--skill",
            "serverless",
            "--weeks",
            "8",
            "--format",
            "csv",
        ],
    ));
    assert_eq!(trend.lines().count(), 1 + 9, "{trend}");
    for (what, file) in [("heatmap", "heat.png"), ("trend", "trend.png")] {
        let png = dir.path().join(file);
        let mut args = vec![
            "report",
            what,
            "--workspace",
            "demo",
            "--out",
            png.to_str().unwrap(),
        ];
        if what == "trend" {
            args.extend(["--skill", "serverless"]);
        }
        stdout(&skillbot(&db, &args));
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
        let reader = decoder.read_info().unwrap();
        let (w, h) = (reader.info().width, reader.info().height);
        if what == "trend" {
            assert_eq!((w, h), (640, 400));
        } else {
            // The demo team's 30 members, a row each, under the six
            // shipped skills' headers.
            assert!(w >= 420 && h > 30 * 22, "{w}×{h}");
        }
    }
    let audited: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE detail LIKE 'command line:%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 6);
    let missing = skillbot(&db, &["report", "summary", "--workspace", "nope"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no workspace \"nope\""));
    let no_skill = skillbot(&db, &["report", "trend", "--workspace", "demo"]);
    assert!(
        String::from_utf8_lossy(&no_skill.stderr).contains("a trend is of one skill: give --skill")
    );
}
