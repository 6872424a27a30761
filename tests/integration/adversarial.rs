//! What broke when skillbot was tried adversarially from outside (issue 8
//! here; the second round, issue 17, in the modules below), each
//! reproduced as it was reported, so that it stays fixed.

mod authorization;
mod checkin_pass;
mod command_line;
mod csv_injection;
mod forged_markup;
mod levels;
mod outages;
mod targets_and_demo;

use crate::app_support::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn skillbot(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_skillbot"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("SKILLBOT_DATABASE")
        .env(
            "SKILLBOT_MATRIX_DIR",
            crate::support::repo_path("data/matrix"),
        );
    crate::support::run_piped(&mut cmd, stdin)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// 12. Concurrent fakes appending to one log write whole lines.
#[test]
fn the_fake_discord_log_is_one_json_object_per_line_under_concurrency() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("requests.jsonl");
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let log = log.clone();
            std::thread::spawn(move || {
                for i in 0..200 {
                    let body = serde_json::json!({"method": "POST", "path": format!("/t{t}/{i}"),
                        "body": {"content": "x".repeat(300 + i)}});
                    crate::fake_discord::append_line(&log, &body);
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    let lines: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 1600);
    for line in lines {
        serde_json::from_str::<serde_json::Value>(&line)
            .unwrap_or_else(|e| panic!("not one JSON object: {e}: {line}"));
    }
}

/// 6. A line of invalid UTF-8 is refused; the session goes on.
#[test]
fn invalid_utf8_on_the_console_is_refused_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = b"/skill serverless \xff\xfe senior\n".to_vec();
    input.extend_from_slice(b"/skill serverless senior\n");
    let o = skillbot(
        dir.path(),
        &["--database", "bot.db", "console", "--as", "ann"],
        &input,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("That line is not valid UTF-8 text"), "{out}");
    assert!(out.contains("Serverless Functions: Senior\n"), "{out}");
}

/// 3. The importer never writes a file that stops the next start.
#[test]
fn names_with_control_characters_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matrix");
    let page = crate::support::repo_path("tests/fixtures/pages/kubernetes-operators.en.txt");
    for evil in [
        "Evil\nname",
        "Evil\u{1}name",
        "Evil\u{7f}name",
        "Evil\rname",
    ] {
        let o = skillbot(
            dir.path(),
            &[
                "matrix",
                "import",
                page.to_str().unwrap(),
                "--slug",
                "weird",
                "--name",
                evil,
                "--out",
                out.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(o.status.code(), Some(1), "{evil:?}: {}", text(&o.stdout));
        let err = text(&o.stderr);
        assert!(err.contains("name \"Evil"), "{err}");
        assert!(err.contains("holds a control character"), "{err}");
        assert!(!out.join("weird.toml").exists(), "{evil:?} was written");
    }
    // A normal name still imports, and the directory still loads.
    let o = skillbot(
        dir.path(),
        &[
            "matrix",
            "import",
            page.to_str().unwrap(),
            "--slug",
            "weird",
            "--name",
            "Fine name",
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = skillbot(
        dir.path(),
        &["--matrix-dir", out.to_str().unwrap(), "matrix", "list"],
        b"",
    );
    assert!(text(&o.stdout).contains("Fine name"), "{}", text(&o.stderr));
}

#[test]
fn a_toml_file_with_a_newline_in_its_name_is_refused_in_chat_and_by_check() {
    let mut h = Harness::new();
    let good = std::fs::read_to_string(crate::support::repo_path(
        "data/matrix/serverless-functions.toml",
    ))
    .unwrap();
    let evil = good
        .replace("slug = \"serverless-functions\"", "slug = \"evil\"")
        .replace("name = \"Serverless Functions\"", "name = \"Evil\\nname\"");
    let r = h.act(
        &lead(),
        skillbot::app::Action::command("matrix import", &[("text", evil.as_str())]),
    );
    let said = refused(&r).to_string();
    assert!(said.starts_with("That skill file has a fault:"), "{said}");
    assert!(said.contains("control character (U+000A)"), "{said}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("evil.toml"), &evil).unwrap();
    let o = skillbot(dir.path(), &["matrix", "check", "evil.toml"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).contains("control character"),
        "{}",
        text(&o.stdout)
    );
}

/// 9. `matrix check` takes the options its messages name.
#[test]
fn matrix_check_takes_slug_and_name_like_import() {
    let dir = tempfile::tempdir().unwrap();
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt");
    std::fs::write(dir.path().join("My Page.en.txt"), page).unwrap();
    let o = skillbot(dir.path(), &["matrix", "check", "My Page.en.txt"], b"");
    assert_eq!(o.status.code(), Some(1));
    let said = text(&o.stdout);
    assert!(said.contains("pass --slug <slug>"), "{said}");
    let o = skillbot(
        dir.path(),
        &[
            "matrix",
            "check",
            "My Page.en.txt",
            "--slug",
            "my-page",
            "--name",
            "My Page",
        ],
        b"",
    );
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    assert!(
        text(&o.stdout).starts_with("ok    My Page.en.txt: My Page (my-page)"),
        "{}",
        text(&o.stdout)
    );
}

proptest::proptest! {
    /// Whatever a name holds, a skill either refuses it or writes a file
    /// that reads back as the same skill.
    #[test]
    fn any_accepted_skill_reads_back_identically(
        name in "\\PC{0,3}[\\x00-\\x1f\\x7f\"'#\\\\]{0,2}\\PC{0,3}",
        role in "\\PC{1,5}[\\x00-\\x1f]?",
        description in "[a-z\\n\\t\"'\\\\]{1,20}",
    ) {
        use skillbot::matrix::{Expectation, Level, Skill, SkillParts, parse_skill_toml, to_checked_toml};
        let parts = SkillParts {
            slug: "any".into(),
            name,
            domain: "D".into(),
            group: "G".into(),
            tags: vec![],
            updated: chrono::NaiveDate::from_ymd_opt(2026, 1, 2),
            levels: vec![Level::Lead],
            expectations: vec![Expectation {
                level: Level::Lead,
                role,
                required: true,
                description,
            }],
        };
        if let Ok(skill) = Skill::new(parts) {
            let text = to_checked_toml(&skill).unwrap();
            let again = parse_skill_toml(&text, Path::new("any.toml")).unwrap();
            proptest::prop_assert_eq!(again, skill);
        }
    }
}

/// The app as another process on the same files would have it.
fn another_process(matrix_dir: &Path, db: &Path) -> skillbot::app::App {
    let clock = std::sync::Arc::new(skillbot::clock::FixedClock::new(t0()));
    process_on_clock(matrix_dir, db, clock)
}

fn process_on_clock(
    matrix_dir: &Path,
    db: &Path,
    clock: std::sync::Arc<skillbot::clock::FixedClock>,
) -> skillbot::app::App {
    app_on(
        matrix_dir,
        db,
        clock,
        std::sync::Arc::new(skillbot::frontends::console::ConsoleNotifier::default()),
        std::sync::Arc::new(skillbot::app::RandomIds),
    )
}

/// A console command of ann's, answered by `app` (another process).
fn ask_as_ann(
    runtime: &tokio::runtime::Runtime,
    app: &skillbot::app::App,
    line: &str,
) -> skillbot::app::Reply {
    let request = skillbot::app::Request {
        actor: ann(),
        action: skillbot::frontends::console::parse_command(line).unwrap(),
    };
    runtime.block_on(app.handle(&request))
}

/// The lead imports the Kubernetes Operators page as a skill of the team.
fn import_operators(h: &mut Harness) {
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt");
    let r = h.act(
        &lead(),
        skillbot::app::Action::command(
            "matrix import",
            &[("text", page.as_str()), ("slug", "kubernetes-operators")],
        ),
    );
    ok(&h.press(&lead(), &r, "Confirm"));
}

fn store_at(path: &Path) -> skillbot::store::Store {
    skillbot::store::Store::open(path).unwrap()
}

fn member_named(
    store: &mut skillbot::store::Store,
    who: &skillbot::app::Actor,
) -> Option<skillbot::store::Member> {
    let ws = store
        .workspace(who.platform, &who.workspace_id, &who.workspace_name, t0())
        .unwrap();
    store.find_member(ws, &who.user_id).unwrap()
}

fn actor(workspace: &str, name: &str, lead: bool) -> skillbot::app::Actor {
    skillbot::frontends::console::actor(workspace, name, lead)
}

/// Runs a lead's rating of carol up to its summary, with a note.
fn rating_left_at_the_summary(
    h: &mut Harness,
    boss: &skillbot::app::Actor,
) -> skillbot::app::Reply {
    let r = h.run(boss, "/assess serverless member:carol role:ce");
    let r = h.press(boss, &r, "Yes");
    let r = h.press(boss, &r, "Not yet");
    let r = h.note(boss, &r, "pair with bob on Terraform");
    assert!(r.text.contains("Rating carol."), "{}", r.text);
    r
}

/// 1. A pending lead rating never lands on another member.
#[test]
fn a_pending_lead_rating_never_lands_on_another_member() {
    let mut h = Harness::new();
    let boss = actor("w1", "boss", true);
    let carol = actor("w1", "carol", false);
    let mallory = actor("w2", "mallory", false);
    h.run(&carol, "/profile role:ce");
    let summary = rating_left_at_the_summary(&mut h, &boss);
    let r = h.run(&carol, "/privacy delete");
    ok(&h.press(&carol, &r, "Delete my data"));
    ok(&h.run(&mallory, "/profile"));
    let said = refused(&h.press(&boss, &summary, "Save")).to_string();
    assert!(said.starts_with("This dialog has ended"), "{said}");
    assert_eq!(
        h.run(&mallory, "/history").text,
        "No levels recorded yet. Start with /assess <skill>."
    );
    let export = h.run(&mallory, "/privacy export");
    let data: serde_json::Value = serde_json::from_slice(&export.attachments[0].bytes).unwrap();
    assert_eq!(data["assessments"], serde_json::json!([]));
}

#[test]
fn member_and_workspace_ids_are_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    let mut store = store_at(&path);
    let w1 = store
        .workspace(skillbot::store::Platform::Console, "w1", "w1", t0())
        .unwrap();
    let w2 = store
        .workspace(skillbot::store::Platform::Console, "w2", "w2", t0())
        .unwrap();
    let carol = store.member(w1, "carol", "carol", t0()).unwrap();
    store.delete_member(carol).unwrap();
    let mallory = store.member(w2, "mallory", "mallory", t0()).unwrap();
    assert!(mallory.0 > carol.0, "{mallory:?} reuses {carol:?}");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM workspaces WHERE id = ?1", [w2.0])
        .unwrap();
    let w3 = store
        .workspace(skillbot::store::Platform::Console, "w3", "w3", t0())
        .unwrap();
    assert!(w3.0 > w2.0, "{w3:?} reuses {w2:?}");
}

/// Save checks again, even if a dialog about a deleted member survived.
#[test]
fn save_refuses_a_subject_who_is_no_longer_a_member() {
    let mut h = Harness::new();
    let boss = actor("w1", "boss", true);
    let carol = actor("w1", "carol", false);
    h.run(&carol, "/profile role:ce");
    let summary = rating_left_at_the_summary(&mut h, &boss);
    // Removed behind the app's back: her dialogs as owner go, this one not.
    let conn = rusqlite::Connection::open(h.store.path()).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn.execute("DELETE FROM members WHERE external_id = 'carol'", [])
        .unwrap();
    let said = refused(&h.press(&boss, &summary, "Save")).to_string();
    assert!(
        said.starts_with("carol's data was deleted from this server while this dialog was open, so nothing was saved."),
        "{said}"
    );
    assert!(member_named(&mut h.store, &carol).is_none());
}

/// An old database upgrades: data kept, ids from then on never reused,
/// and a dialog already pointing at a deleted member dropped.
#[test]
fn a_version_2_database_upgrades_keeping_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for file in ["0001_init.sql", "0002_workspace_skills.sql"] {
            let sql = std::fs::read_to_string(crate::support::repo_path("migrations").join(file))
                .unwrap();
            conn.execute_batch(&sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 2;
             INSERT INTO workspaces (id, platform, external_id, name, created_at) VALUES (1, 'console', 'w1', 'w1', 0);
             INSERT INTO members (id, workspace_id, external_id, display_name, created_at) VALUES (1, 1, 'boss', 'boss', 0);
             INSERT INTO members (id, workspace_id, external_id, display_name, created_at) VALUES (2, 1, 'ann', 'ann', 0);
             INSERT INTO assessments (member_id, skill, role, level, source, matrix_hash, created_at)
                 VALUES (2, 'serverless-functions', 'Cloud Engineer', 3, 'self', 'x', 0);
             INSERT INTO dialogs VALUES ('kept', 1, 'serverless-functions@2',
                 '{\"kind\":\"assess\",\"subject\":2,\"subject_name\":\"ann\",\"source\":\"lead\",\"dialog\":{}}', 'x', 0, 0, 9999999999999);
             INSERT INTO dialogs VALUES ('dangling', 1, 'serverless-functions@3',
                 '{\"kind\":\"assess\",\"subject\":3,\"subject_name\":\"carol\",\"source\":\"lead\",\"dialog\":{}}', 'x', 0, 0, 9999999999999);",
        )
        .unwrap();
    }
    let mut store = store_at(&path);
    let ws = store
        .workspace(skillbot::store::Platform::Console, "w1", "w1", t0())
        .unwrap();
    let ann = store.find_member(ws, "ann").unwrap().unwrap();
    assert_eq!(store.history(ann.id, None).unwrap().len(), 1);
    let kept = store.dialog("kept").unwrap().unwrap();
    assert_eq!(kept.subject_user.as_deref(), Some("ann"));
    assert!(store.dialog("dangling").unwrap().is_none());
    store.delete_member(ann.id).unwrap();
    assert!(
        store.dialog("kept").unwrap().is_none(),
        "a dialog about ann outlived her"
    );
    let new = store.member(ws, "mallory", "mallory", t0()).unwrap();
    assert!(new.0 > 2, "{new:?}");
    assert!(store.health().unwrap().ok());
}

/// 2. Deleted personal data is gone from the file, the WAL and backups.
#[test]
fn deleted_personal_data_leaves_the_database_files() {
    let mut h = Harness::new();
    let zoe = actor("team-a", "zoe-QX7Z-name", false);
    h.run(&zoe, "/profile role:ce timezone:Pacific/Kiritimati");
    let r = h.run(&zoe, "/assess serverless");
    let r = h.press(&zoe, &r, "Not yet");
    let r = h.note(&zoe, &r, "saved-note-QX7Z-9931");
    ok(&h.press(&zoe, &r, "Save"));
    // An unfinished dialog with a note too.
    let r = h.run(&zoe, "/assess serverless");
    let r = h.press(&zoe, &r, "Not yet");
    h.note(&zoe, &r, "draft-note-QX7Z-4410");
    let r = h.run(&zoe, "/privacy delete");
    ok(&h.press(&zoe, &r, "Delete my data"));

    let backup = h.store.path().with_file_name("after.db");
    h.store.backup_to(&backup).unwrap();
    let db = h.store.path().to_path_buf();
    let mut wal = db.clone().into_os_string();
    wal.push("-wal");
    for file in [db.clone(), PathBuf::from(wal), backup] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let found = bytes.windows(4).any(|w| w == b"QX7Z");
        assert!(
            !found,
            "deleted data is still readable in {}",
            file.display()
        );
    }
}

/// 4. Several processes saving at once: no error, no lost save.
#[test]
#[ignore = "helper process for several_processes_save_at_once_without_errors"]
fn saving_child() {
    let (Ok(db), Ok(name)) = (std::env::var(CHILD_DB), std::env::var(CHILD_NAME)) else {
        return;
    };
    let app = another_process(&crate::support::repo_path("data/matrix"), Path::new(&db));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let out = std::cell::RefCell::new(std::io::stdout().lock());
    for i in 0..25 {
        let me = actor("team", &format!("{name}-{}", i % 3), false);
        let ask = |action: skillbot::app::Action| {
            let request = skillbot::app::Request {
                actor: me.clone(),
                action,
            };
            let reply = runtime.block_on(app.handle(&request));
            if reply.outcome == skillbot::app::Outcome::Failed {
                writeln!(out.borrow_mut(), "error {}", reply.text).unwrap();
            }
            reply
        };
        let line = |l: &str| skillbot::frontends::console::parse_command(l).unwrap();
        ask(line("profile role:ce"));
        let mut r = ask(line("assess serverless"));
        for label in ["Not yet", "Skip", "Save"] {
            let Some(b) = r.buttons.iter().find(|b| b.label == label) else {
                writeln!(out.borrow_mut(), "error no {label} in {}", r.text).unwrap();
                break;
            };
            r = ask(skillbot::app::Action::Button { id: b.id.clone() });
        }
        if r.text.starts_with("Saved") {
            writeln!(out.borrow_mut(), "@saved").unwrap();
        } else {
            writeln!(out.borrow_mut(), "unsaved {}", r.text).unwrap();
        }
        ask(line("history"));
        out.borrow_mut().flush().unwrap();
    }
}

const CHILD_DB: &str = "SKILLBOT_ADVERSARIAL_DB";
const CHILD_NAME: &str = "SKILLBOT_ADVERSARIAL_NAME";

#[test]
fn several_processes_save_at_once_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let children: Vec<_> = (0..4)
        .map(|n| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "adversarial::saving_child",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD_DB, &db)
                .env(CHILD_NAME, format!("p{n}"))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut saved = 0;
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
        let out = text(&output.stdout);
        let errors: Vec<&str> = out
            .lines()
            .filter(|l| l.starts_with("error") || l.starts_with("unsaved"))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // libtest's own "test ... " may begin the first line.
        saved += out.matches("@saved").count();
    }
    assert_eq!(saved, 100);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stored: i64 = conn
        .query_row("SELECT count(*) FROM assessments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored as usize, saved);
}

fn console(dir: &Path, name: &str, script: &str) -> String {
    let o = skillbot(
        dir,
        &["--database", "bot.db", "console", "--as", name],
        script.as_bytes(),
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    text(&o.stdout)
}

/// Item 5: the console shows an open dialog at start and keeps it through
/// a mistyped command or a refused note.
#[test]
fn the_console_shows_an_open_dialog_at_start() {
    let dir = tempfile::tempdir().unwrap();
    console(
        dir.path(),
        "ann",
        "/profile role:ce\n/assess serverless\n1\n1\n",
    );
    // The first session ended (killed, or closed) two steps in.
    let out = console(dir.path(), "ann", "3\n2\n1\n");
    let resumed = out
        .find("Serverless Functions: Senior (3 of 5)")
        .expect(&out);
    assert!(
        out[resumed..].contains("[1] I do this  [2] Partly  [3] Not yet"),
        "{out}"
    );
    assert!(
        out.contains("You are Middle in Serverless Functions"),
        "{out}"
    );
}

#[test]
fn assess_again_goes_on_with_the_unfinished_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let out = console(
        dir.path(),
        "ann",
        "/profile role:ce\n/assess serverless\n1\n1\n/assess serverless\n3\n2\n1\n",
    );
    let again = out.rfind("Senior (3 of 5)").expect(&out);
    assert!(out.contains("unfinished"), "{out}");
    assert!(out[again..].contains("You are Middle"), "{out}");
}

#[test]
fn a_mistyped_command_or_a_refused_note_keeps_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let long = "ü".repeat(1001);
    let script =
        format!("/profile role:ce\n/assess serverless\n/skil x\n1\n3\n1\n{long}\nshort note\n1\n");
    let out = console(dir.path(), "ann", &script);
    assert!(out.contains("There is no /skil command"), "{out}");
    assert!(
        out.contains("Serverless Functions: Middle (2 of 5)"),
        "{out}"
    );
    assert!(out.contains("The note is 1001 characters long"), "{out}");
    // The form is asked again, and the shorter note goes through.
    assert!(out.contains("Note: short note"), "{out}");
    assert!(
        out.contains("You are Junior in Serverless Functions"),
        "{out}"
    );
}

/// 7. Database faults name the file, the cause and what to do.
fn start_fails(dir: &Path, db: &str) -> String {
    let o = skillbot(dir, &["--database", db, "console"], b"/profile\n");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    text(&o.stderr)
}

#[test]
fn a_file_that_is_not_a_database_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..40_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(dir.path().join("random.db"), &garbage).unwrap();
    let said = start_fails(dir.path(), "random.db");
    assert!(
        said.contains("random.db is not a skillbot database, or it is damaged"),
        "{said}"
    );
    assert!(said.contains("restore a backup"), "{said}");
    let o = skillbot(dir.path(), &["--database", "random.db", "db", "check"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("random.db is not a skillbot database"),
        "{}",
        text(&o.stderr)
    );

    // A real database cut in half.
    drop(store_at(&dir.path().join("cut.db")));
    let file = dir.path().join("cut.db");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let said = start_fails(dir.path(), "cut.db");
    assert!(said.contains("cut.db"), "{said}");
    assert!(
        said.contains("damaged") || said.contains("restore a backup"),
        "{said}"
    );

    std::fs::create_dir(dir.path().join("folder.db")).unwrap();
    let said = start_fails(dir.path(), "folder.db");
    assert!(
        said.contains("folder.db is a folder, not a database file"),
        "{said}"
    );
}

#[test]
fn a_negative_version_or_a_dropped_table_is_named() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_at(&dir.path().join("neg.db")));
    let conn = rusqlite::Connection::open(dir.path().join("neg.db")).unwrap();
    conn.pragma_update(None, "user_version", -3).unwrap();
    drop(conn);
    let said = start_fails(dir.path(), "neg.db");
    assert!(
        said.contains("neg.db has schema version -3, which no skillbot writes"),
        "{said}"
    );

    drop(store_at(&dir.path().join("dropped.db")));
    let conn = rusqlite::Connection::open(dir.path().join("dropped.db")).unwrap();
    conn.execute_batch("DROP TABLE targets").unwrap();
    drop(conn);
    let said = start_fails(dir.path(), "dropped.db");
    assert!(said.contains("dropped.db lacks table targets"), "{said}");
    let o = skillbot(
        dir.path(),
        &["--database", "dropped.db", "db", "check"],
        b"",
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "db check said ok on a damaged schema"
    );
    assert!(
        text(&o.stdout).contains("schema: missing table targets"),
        "{}",
        text(&o.stdout)
    );
}

/// Runs skillbot as an unprivileged user, since root writes anywhere. The
/// binary and the matrix are copied into `base` first (world-readable), so
/// that the test does not depend on where the repository lives.
fn as_nobody(base: &Path, dir: &Path, args: &[&str]) -> Output {
    let bin = base.join("skillbot");
    if !bin.exists() {
        std::fs::copy(env!("CARGO_BIN_EXE_skillbot"), &bin).unwrap();
        chmod(&bin, 0o755);
        let matrix = base.join("matrix");
        std::fs::create_dir(&matrix).unwrap();
        std::fs::copy(
            crate::support::repo_path("data/matrix/serverless-functions.toml"),
            matrix.join("serverless-functions.toml"),
        )
        .unwrap();
        chmod(&matrix, 0o755);
    }
    let root = rustix_uid() == 0;
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    cmd.args(args)
        .current_dir(dir)
        .env("SKILLBOT_MATRIX_DIR", base.join("matrix"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn rustix_uid() -> u32 {
    // The owner of a file this process just made is this process's user.
    use std::os::unix::fs::MetadataExt;
    let f = tempfile::NamedTempFile::new().unwrap();
    f.as_file().metadata().unwrap().uid()
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_folder_or_leftover_wal_files_are_named() {
    let base = tempfile::tempdir().unwrap();
    chmod(base.path(), 0o755);
    // A writable database in a folder the user cannot write.
    let ro = base.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    drop(store_at(&ro.join("bot.db")));
    chmod(&ro.join("bot.db"), 0o666);
    chmod(&ro, 0o755);
    if rustix_uid() != 0 {
        chmod(&ro, 0o555);
    }
    let o = as_nobody(base.path(), &ro, &["--database", "bot.db", "console"]);
    let said = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("the folder"), "{said}");
    assert!(
        said.contains(
            "is not writable, and SQLite keeps its -wal and -shm files beside the database"
        ),
        "{said}"
    );

    // Leftover -wal and -shm files the user cannot write.
    let stale = base.path().join("stale");
    std::fs::create_dir(&stale).unwrap();
    drop(store_at(&stale.join("bot.db")));
    for name in ["bot.db-wal", "bot.db-shm"] {
        std::fs::write(stale.join(name), b"").unwrap();
        chmod(&stale.join(name), 0o444);
    }
    chmod(&stale.join("bot.db"), 0o666);
    chmod(&stale, 0o777);
    let o = as_nobody(base.path(), &stale, &["--database", "bot.db", "console"]);
    let said = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("bot.db-wal is read-only") || said.contains("bot.db-shm is read-only"),
        "{said}"
    );
}

/// 8. A newer database is refused and left exactly as it was.
#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let said = start_fails(dir.path(), "new.db");
    assert!(
        said.contains("new.db has schema version 99, newer than this skillbot knows"),
        "{said}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file changed");
    assert!(!dir.path().join("new.db-wal").exists());
}

/// Item 10: a skill imported in one process is seen by another at its
/// next request.
#[test]
fn a_skill_imported_in_one_process_is_seen_by_another() {
    let mut h = Harness::new();
    let other = another_process(&h.matrix_dir, h.store.path());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ask = |line: &str| ask_as_ann(&runtime, &other, line);
    assert!(refused(&ask("skill operators lead")).starts_with("No skill matches"));
    import_operators(&mut h);
    ok(&ask("skill operators lead"));
}

/// /skill is answered from memory and looks for other processes' changes
/// at most every quarter second (issue 13): a skill another process
/// removed is gone from its answers once that time has passed.
#[test]
fn a_skill_removed_in_one_process_leaves_the_others_answers_within_a_quarter_second() {
    let mut h = Harness::new();
    let clock = std::sync::Arc::new(skillbot::clock::FixedClock::new(t0()));
    let other = process_on_clock(&h.matrix_dir, h.store.path(), clock.clone());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ask = |line: &str| ask_as_ann(&runtime, &other, line);
    import_operators(&mut h);
    ok(&ask("skill operators lead"));
    let r = h.run(&lead(), "/matrix remove kubernetes-operators");
    ok(&h.press(&lead(), &r, "Remove"));
    clock.set(t0() + chrono::Duration::milliseconds(250));
    assert!(refused(&ask("skill operators lead")).starts_with("No skill matches"));
}

/// 11. Smaller ones.
#[test]
fn long_input_is_not_echoed_whole() {
    let mut h = Harness::new();
    let huge = "x".repeat(100_000);
    for line in [
        format!("/skill {huge} senior"),
        format!("/skill serverless {huge}"),
        format!("/profile timezone:{huge}"),
        format!("/profile role:{huge}"),
    ] {
        let said = refused(&h.run(&ann(), &line)).to_string();
        assert!(said.len() < 400, "{} bytes: {}", said.len(), &said[..200]);
    }
    let said = refused(&h.run(
        &ann(),
        &format!("/profile timezone:{}", "y".repeat(300_000)),
    ))
    .to_string();
    assert!(said.contains("too long"), "{said}");
}

#[test]
fn a_repeated_option_is_refused() {
    let mut h = Harness::new();
    let said = refused(&h.act(
        &ann(),
        skillbot::app::Action::command("profile", &[("role", "ce"), ("role", "pe")]),
    ))
    .to_string();
    assert_eq!(said, "/profile got `role` twice; give it once.");
    assert_eq!(
        h.run(&ann(), "/profile").fields[0].value,
        "not set: /profile role:<your role>"
    );
}

#[test]
fn a_bad_member_name_is_refused_and_nothing_is_created_before_save() {
    let mut h = Harness::new();
    let long = "m".repeat(100_000);
    for (name, answer) in [
        ("", "Name a member of this server with member:"),
        ("a\u{0}b", "Name a member of this server with member:"),
        (long.as_str(), "`member` is too long (100000 characters)"),
    ] {
        let r = h.act(
            &lead(),
            skillbot::app::Action::command("assess", &[("skill", "serverless"), ("member", name)]),
        );
        let said = refused(&r).to_string();
        assert!(said.starts_with(answer), "{said}");
    }
    let r = h.run(&lead(), "/assess serverless member:newbie role:ce");
    ok(&h.press(&lead(), &r, "Cancel"));
    assert!(member_named(&mut h.store, &actor("team-a", "newbie", false)).is_none());
    let members: i64 = rusqlite::Connection::open(h.store.path())
        .unwrap()
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
        .unwrap();
    assert_eq!(members, 1, "only the lead is a member");
}

#[test]
fn db_check_and_backup_leave_no_wal_files_behind() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_at(&dir.path().join("bot.db")));
    let leftovers = |d: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with("-wal") || n.ends_with("-shm"))
            .collect();
        names.sort();
        names
    };
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    let o = skillbot(dir.path(), &["--database", "bot.db", "db", "check"], b"");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = skillbot(
        dir.path(),
        &["--database", "bot.db", "db", "backup", "copy.db"],
        b"",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_leads_export_holds_the_ratings_they_gave() {
    let mut h = Harness::new();
    h.run(&bob(), "/profile role:ce");
    h.record(&lead(), "/assess serverless member:bob level:senior");
    let r = h.run(&lead(), "/privacy export");
    let data: serde_json::Value = serde_json::from_slice(&r.attachments[0].bytes).unwrap();
    let given = data["ratings_given"].as_array().expect("ratings_given");
    assert_eq!(given.len(), 1);
    assert_eq!(given[0]["member"], "bob");
    assert_eq!(given[0]["level_name"], "Senior");
}

#[test]
fn console_exports_are_named_after_the_member_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = console(dir.path(), "ann", "/privacy export\n/privacy export\n");
    console(dir.path(), "bob", "/privacy export\n");
    for name in [
        "skillbot-data-ann.json",
        "skillbot-data-ann-2.json",
        "skillbot-data-bob.json",
    ] {
        assert!(dir.path().join(name).exists(), "{name} missing: {out}");
    }
}

#[test]
fn role_names_over_the_platform_limit_are_refused_at_import() {
    let mut h = Harness::new();
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt")
        .replace("Site Reliability Engineer", &"S".repeat(5000));
    let r = h.act(
        &lead(),
        skillbot::app::Action::command(
            "matrix import",
            &[("text", page.as_str()), ("slug", "k8s")],
        ),
    );
    let said = refused(&r).to_string();
    assert!(
        said.contains("is 5000 characters long; keep it to 100"),
        "{said}"
    );
    assert!(said.len() < 400, "{said}");
}
