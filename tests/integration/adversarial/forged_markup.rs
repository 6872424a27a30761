//! 17.9. The characters that delimit the app's markup (U+E000 to U+E002)
//! cannot forge a role mention or a channel through any way text comes in:
//! typed, uploaded, an imported page, or a database of an older version.

use crate::app_support::{Harness, ann, lead, ok, refused};
use skillbot::app::{Action, Reply, Upload, Value};

/// A role mention and a channel as the app writes them.
const ROLE: &str = "\u{E000}r\u{E002}123\u{E002}Leads\u{E001}";
const CHANNEL: &str = "\u{E000}c\u{E002}9\u{E002}general\u{E001}";

fn forged(text: &str) -> bool {
    text.contains("\u{E000}r\u{E002}123") || text.contains("\u{E000}c\u{E002}9")
}

fn plain_text(reply: &Reply) -> String {
    skillbot::app::render::to_text(reply)
}

fn assert_unforged(reply: &Reply) {
    let mut texts = vec![reply.text.clone()];
    texts.extend(reply.title.clone());
    texts.extend(
        reply
            .fields
            .iter()
            .flat_map(|f| [f.name.clone(), f.value.clone()]),
    );
    texts.extend(reply.buttons.iter().map(|b| b.label.clone()));
    for text in texts {
        assert!(!forged(&text), "a forged reference in {text:?}");
    }
}

/// The shipped skill as another one, whose name is a role mention and
/// whose first description is a channel.
fn forged_toml() -> String {
    let shipped = crate::support::fixture("../../data/matrix/serverless-functions.toml");
    shipped
        .replace("slug = \"serverless-functions\"", "slug = \"forged\"")
        .replace(
            "name = \"Serverless Functions\"",
            &format!("name = \"Team {ROLE}\""),
        )
        .replacen(
            "description = \"Understands basic",
            &format!("description = \"{CHANNEL} Understands basic"),
            1,
        )
}

fn upload(command: &str, name: &str, bytes: Vec<u8>) -> Action {
    Action::Command {
        name: command.into(),
        options: vec![(
            "file".into(),
            Value::File(Upload {
                name: name.into(),
                bytes,
            }),
        )],
    }
}

#[test]
fn an_uploaded_skill_file_cannot_forge_a_mention() {
    let mut h = Harness::new();
    let r = h.act(
        &lead(),
        upload("matrix import", "forged.toml", forged_toml().into_bytes()),
    );
    assert_unforged(&r);
    ok(&h.press(&lead(), &r, "Confirm"));
    let answer = ok(&h.run(&ann(), "/skill forged junior")).clone();
    assert!(!answer.private, "a public answer");
    assert_unforged(&answer);
    assert_unforged(&h.run(&ann(), "/skills"));
    assert_unforged(&h.run(&lead(), "/matrix list"));
}

#[test]
fn a_pasted_skill_file_cannot_forge_a_mention() {
    let mut h = Harness::new();
    let toml = forged_toml();
    let r = h.act(
        &lead(),
        Action::command("matrix import", &[("text", toml.as_str())]),
    );
    ok(&h.press(&lead(), &r, "Confirm"));
    assert_unforged(&h.run(&ann(), "/skill forged junior"));
}

#[test]
fn an_imported_page_cannot_forge_a_mention() {
    let mut h = Harness::new();
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt");
    let page = page.replacen(
        "Writes simple operators",
        &format!("{CHANNEL} Writes simple {ROLE} operators"),
        1,
    );
    let r = h.act(
        &lead(),
        upload("matrix import", "operators.txt", page.clone().into_bytes()),
    );
    ok(&h.press(&lead(), &r, "Confirm"));
    let senior = ok(&h.run(&ann(), "/skill operators senior")).clone();
    assert!(plain_text(&senior).contains("Writes simple"), "{senior:#?}");
    assert_unforged(&senior);
    // And from the command line, into a TOML file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("operators.en.txt");
    std::fs::write(&file, &page).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_skillbot"))
        .args(["matrix", "import"])
        .arg(&file)
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_to_string(dir.path().join("operators.toml")).unwrap();
    assert!(!forged(&written), "{written}");
}

#[test]
fn an_uploaded_targets_file_cannot_forge_a_mention() {
    let mut h = Harness::new();
    let csv = format!("role,skill,level\n{ROLE},serverless,senior\n");
    let r = h.act(
        &lead(),
        upload("targets import", "targets.csv", csv.into_bytes()),
    );
    refused(&r);
    assert_unforged(&r);
}

#[test]
fn names_and_skills_of_an_older_database_lose_the_characters_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    {
        let conn = crate::support::released_v8_database(&path);
        conn.execute(
            "INSERT INTO workspaces (id, platform, external_id, name, created_at) VALUES (1, 'console', 'team-a', ?1, 0)",
            [format!("team {CHANNEL}")],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO members (id, workspace_id, external_id, display_name, created_at) VALUES (1, 1, 'ann', ?1, 0)",
            [format!("ann {ROLE}")],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO assessments (id, member_id, skill, role, level, source, answers, note, matrix_hash, created_at)
                 VALUES (1, 1, 'serverless-functions', 'Cloud Engineer', 2, 'lead', '[]', ?1, 'h', 1000)",
            [format!("see {CHANNEL}")],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO workspace_skills (workspace_id, slug, toml, imported_by, updated_at) VALUES (1, 'forged', ?1, 1, 0)",
            [forged_toml()],
        )
        .unwrap();
    }
    skillbot::store::Store::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "SELECT name FROM workspaces",
        "SELECT display_name FROM members",
        "SELECT note FROM assessments",
        "SELECT toml FROM workspace_skills",
    ] {
        let text: String = conn.query_row(sql, [], |r| r.get(0)).unwrap();
        assert!(!forged(&text), "{sql}: {text:?}");
        assert!(
            !text.contains(['\u{E000}', '\u{E001}', '\u{E002}']),
            "{sql}: {text:?}"
        );
    }
}
