//! 17.10 and 17.11. A target never outlives its skill, and a demo seed
//! stopped midway leaves nothing behind.

use super::import_operators;
use crate::app_support::{Harness, lead, ok, refused};
use skillbot::app::Action;
use std::process::{Command, Stdio};

fn targets(h: &Harness) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(h.store.path()).unwrap();
    let mut stmt = conn
        .prepare("SELECT role, skill FROM targets ORDER BY role, skill")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn confirm_checks_again_that_each_targets_skill_is_still_there() {
    let mut h = Harness::new();
    import_operators(&mut h);
    let preview = h.act(
        &lead(),
        Action::command(
            "targets import",
            &[(
                "text",
                "Platform Engineer,operators,lead\nce,serverless,senior\n",
            )],
        ),
    );
    ok(&preview);
    let r = h.run(&lead(), "/matrix remove kubernetes-operators");
    ok(&h.press(&lead(), &r, "Remove"));
    let why = refused(&h.press(&lead(), &preview, "Confirm")).to_string();
    assert!(
        why.starts_with("The matrix changed since the preview, so nothing was imported:\nPlatform Engineer · kubernetes-operators: "),
        "{why}"
    );
    assert_eq!(targets(&h), Vec::<(String, String)>::new());
}

#[test]
fn removing_a_skill_says_its_targets_go_with_it_and_removes_them() {
    let mut h = Harness::new();
    import_operators(&mut h);
    ok(&h.run(&lead(), "/targets set \"Platform Engineer\" operators lead"));
    ok(&h.run(&lead(), "/targets set ce serverless senior"));
    let question = h.run(&lead(), "/matrix remove kubernetes-operators");
    assert!(
        question
            .text
            .contains("Its 1 target (/targets list) go with it."),
        "{}",
        question.text
    );
    let done = h.press(&lead(), &question, "Remove");
    assert!(
        done.text.ends_with("Its 1 target went with it."),
        "{}",
        done.text
    );
    assert_eq!(
        targets(&h),
        [(
            "Cloud Engineer".to_string(),
            "serverless-functions".to_string()
        )]
    );
}

#[test]
fn a_target_left_by_an_older_version_is_shown_and_removable_by_its_slug() {
    let mut h = Harness::new();
    ok(&h.run(&lead(), "/targets set ce serverless senior"));
    rusqlite::Connection::open(h.store.path())
        .unwrap()
        .execute(
            "INSERT INTO targets (workspace_id, role, skill, level, updated_at) \
             SELECT workspace_id, role, 'gone-skill', 4, 0 FROM targets",
            [],
        )
        .unwrap();
    let list = h.run(&lead(), "/targets list");
    let text = skillbot::app::render::to_text(&list);
    assert!(
        text.contains("gone-skill: Lead (no longer in the matrix; /targets remove \"Cloud Engineer\" gone-skill removes it)"),
        "{text}"
    );
    let r = h.run(&lead(), "/targets remove \"Cloud Engineer\" gone-skill");
    assert_eq!(
        ok(&r).text,
        "Removed Cloud Engineer's target in gone-skill (no longer in the matrix)."
    );
    assert_eq!(targets(&h).len(), 1);
}

#[test]
fn a_demo_seed_killed_midway_leaves_nothing_and_can_be_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let seed = |members: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_skillbot"));
        cmd.arg("--database")
            .arg(&db)
            .arg("--matrix-dir")
            .arg(crate::support::repo_path("data/matrix"))
            .args(["demo", "seed", "--members", members]);
        cmd
    };
    let mut child = seed("10000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed once its transaction has written to the log, before its end.
    let wal = dir.path().join("demo.db-wal");
    let killed_midway = loop {
        if child.try_wait().unwrap().is_some() {
            break false;
        }
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 256 * 1024) {
            child.kill().unwrap();
            child.wait().unwrap();
            break true;
        }
        std::thread::yield_now();
    };
    assert!(killed_midway, "the seed ended before it could be killed");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM members"), 0);
    assert_eq!(count("SELECT count(*) FROM workspaces"), 0);
    drop(conn);
    let again = seed("20").output().unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("Seeded demo: 20 members"));
}
