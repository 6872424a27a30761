//! The `skillbot` binary as a person at a terminal uses it.

use crate::support::{fixture, repo_path};
use std::process::{Command, Output};

fn skillbot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skillbot"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SKILLBOT_MATRIX_DIR")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn skill_shows_each_role_marked_required_or_optional() {
    let o = skillbot(&["skill", "serverless", "junior"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Serverless Functions: Junior\n"), "{out}");
    assert!(
        out.contains("\nCloud Engineer · Required\n  Understands basic serverless concepts"),
        "{out}"
    );
    assert!(out.contains("\nAI Product Engineer · Optional\n"), "{out}");
    assert_eq!(out.matches(" · Required\n").count(), 2);
}

#[test]
fn skill_with_a_role_shows_only_that_role() {
    let o = skillbot(&["skill", "lambda", "3", "--role", "platform"]);
    let out = stdout(&o);
    assert!(out.contains("Platform Engineer · Required"), "{out}");
    assert!(!out.contains("Cloud Engineer"), "{out}");
}

#[test]
fn next_shows_the_next_level_required_first_with_the_current_one() {
    let o = skillbot(&["skill", "serverless", "junior", "--next"]);
    let out = stdout(&o);
    assert!(
        out.starts_with("Serverless Functions: from Junior to Middle\n"),
        "{out}"
    );
    let required = out.find("Cloud Engineer · Required at Middle").expect(&out);
    let optional = out
        .find("AI Product Engineer · Optional at Middle")
        .expect(&out);
    assert!(required < optional, "{out}");
    assert!(
        out.contains("  Junior: Understands basic serverless concepts"),
        "{out}"
    );

    let o = skillbot(&["skill", "serverless", "principal", "--next"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "Serverless Functions: Principal\nPrincipal is the top level of Serverless Functions: there is no next level.\n"
    );
}

#[test]
fn unknown_input_fails_with_the_closest_matches() {
    let o = skillbot(&["skill", "servrless", "senior"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "error: No skill matches \"servrless\"; did you mean Serverless Functions (serverless-functions)?\n"
    );
    let o = skillbot(&["skill", "serverless", "senior", "--role", "designer"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .starts_with("error: No role matches \"designer\"; the roles are AI Product Engineer"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn list_shows_the_shipped_skills() {
    let o = skillbot(&["matrix", "list"]);
    let listed = stdout(&o);
    assert_eq!(listed.lines().count(), 6, "{listed}");
    assert!(listed.contains("\nserverless-functions    Serverless Functions (Cloud & Infrastructure › Serverless): 5 levels (Junior–Principal), 4 roles, 16 required and 4 optional expectations\n"), "{listed}");
    assert!(
        listed.starts_with("ci-cd-pipelines         CI/CD Pipelines (Delivery › Pipelines)"),
        "{listed}"
    );
}

#[test]
fn import_writes_the_toml_and_check_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let page = repo_path("tests/fixtures/pages/kubernetes-operators.en.txt");
    let o = skillbot(&[
        "matrix",
        "import",
        page.to_str().unwrap(),
        "--out",
        out,
        "--name",
        "Kubernetes Operators",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("wrote "), "{}", stdout(&o));
    let toml = dir.path().join("kubernetes-operators.toml");
    assert!(
        std::fs::read_to_string(&toml)
            .unwrap()
            .contains("name = \"Kubernetes Operators\"")
    );

    let again = skillbot(&[
        "matrix",
        "import",
        page.to_str().unwrap(),
        "--out",
        out,
        "--name",
        "Kubernetes Operators",
    ]);
    assert!(
        stdout(&again).starts_with("unchanged "),
        "{}",
        stdout(&again)
    );

    let o = skillbot(&[
        "--matrix-dir",
        out,
        "skill",
        "operators",
        "lead",
        "--role",
        "sre",
    ]);
    assert!(
        stdout(&o).contains("Site Reliability Engineer · Optional"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_json_prints_one_object_per_file_and_fails_on_any_fault() {
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.txt");
    let page = fixture("pages/serverless-functions.en.txt");
    std::fs::write(&cut, &page[..page.len() - 300]).unwrap();
    let o = skillbot(&[
        "matrix",
        "check",
        "--json",
        "data/matrix/serverless-functions.toml",
        "tests/fixtures/pages/serverless-functions.de.txt",
        cut.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0],
        serde_json::json!({
            "file": "data/matrix/serverless-functions.toml", "ok": true, "slug": "serverless-functions",
            "levels": ["Junior", "Middle", "Senior", "Lead", "Principal"],
            "roles": 4, "required": 16, "optional": 4
        })
    );
    assert_eq!(lines[1]["slug"], "serverless-functions");
    assert_eq!(lines[1]["ok"], true);
    assert_eq!(lines[2]["ok"], false);
    assert!(
        lines[2]["error"].as_str().unwrap().contains("cut off"),
        "{}",
        lines[2]
    );

    let o = skillbot(&[
        "matrix",
        "check",
        "tests/fixtures/pages/serverless-functions.es.txt",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("ok    "));
}

#[test]
fn a_broken_matrix_file_stops_the_start_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.toml"), "slug = \"x\"\nname = \n").unwrap();
    let o = skillbot(&[
        "--matrix-dir",
        dir.path().to_str().unwrap(),
        "matrix",
        "list",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.toml, line 2: "), "{err}");
}

#[test]
fn db_check_and_backup_of_a_live_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let db_arg = db.to_str().unwrap();
    let o = skillbot(&["--database", db_arg, "db", "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("error: there is no database at {db_arg}\n")
    );

    drop(skillbot::store::Store::open(&db).unwrap());
    let o = skillbot(&["--database", db_arg, "db", "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("integrity: ok\n"), "{out}");
    assert!(
        out.contains(&format!(
            "schema version: {0} (this skillbot: {0}), up to date",
            skillbot::store::LATEST_VERSION
        )),
        "{out}"
    );

    let backup = dir.path().join("copy.db");
    let o = skillbot(&[
        "--database",
        db_arg,
        "db",
        "backup",
        backup.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        skillbot::store::Store::open_existing(&backup)
            .unwrap()
            .health()
            .unwrap()
            .ok()
    );
    let o = skillbot(&[
        "--database",
        db_arg,
        "db",
        "backup",
        backup.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
}

#[test]
fn db_check_refuses_a_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let o = skillbot(&["--database", db.to_str().unwrap(), "db", "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("schema version: 99"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("newer than this skillbot"),
        "{}",
        stdout(&o)
    );
    let err = skillbot::store::Store::open(&db).err().unwrap().to_string();
    assert!(
        err.contains("has schema version 99, newer than this skillbot knows"),
        "{err}"
    );
}

#[test]
fn slack_manifest_is_json_to_paste_with_every_command_and_the_scopes_explained() {
    let o = skillbot(&["slack", "manifest"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let manifest: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let commands: Vec<&str> = manifest["features"]["slash_commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    for name in ["/skill", "/assess", "/team", "/checkin", "/privacy"] {
        assert!(commands.contains(&name), "{commands:?}");
    }
    assert_eq!(manifest["settings"]["socket_mode_enabled"], true);
    let err = stderr(&o);
    assert!(err.contains("chat:write: replies, check-ins"), "{err}");

    let o = skillbot(&["slack", "manifest", "--http-url", "https://bot.example.org"]);
    let manifest: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        manifest["settings"]["interactivity"]["request_url"],
        "https://bot.example.org/slack/interactions"
    );
    let o = skillbot(&["slack", "manifest", "--http-url", "bot.example.org"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("public base URL"), "{}", stderr(&o));
}
