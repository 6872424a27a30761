//! Profile, matrix, privacy and permissions, through the app.

use crate::app_support::*;
use skillbot::app::{Action, Actor, Upload, Value};

#[test]
fn skill_answers_with_fields_and_a_whats_next_button() {
    let mut h = Harness::new();
    let r = h.run(&ann(), "/skill lambda senior role:ce");
    assert_eq!(
        ok(&r).title.as_deref(),
        Some("Serverless Functions: Senior")
    );
    assert!(!r.private, "the matrix is not personal");
    assert_eq!(r.fields.len(), 1);
    assert_eq!(r.fields[0].name, "Cloud Engineer · Required");
    let next = h.press(&ann(), &r, "What's next");
    assert_eq!(
        next.title.as_deref(),
        Some("Serverless Functions: from Senior to Lead")
    );
    assert_eq!(next.fields.len(), 1);
    // After a restart the button still works: it carries its whole view.
    h.restart();
    ok(&h.press(&bob(), &r, "What's next"));
    let r = h.run(&ann(), "/skill lambda senior next:true");
    assert_eq!(r.fields.len(), 4);
}

#[test]
fn unknown_skill_level_or_role_lists_the_closest() {
    let mut h = Harness::new();
    let text = refused(&h.run(&ann(), "/skill servrless senior")).to_string();
    assert_eq!(
        text,
        "No skill matches \"servrless\"; did you mean Serverless Functions (serverless-functions)? \
         /skills lists them all."
    );
    let text = refused(&h.run(&ann(), "/skill serverless wizard")).to_string();
    assert_eq!(
        text,
        "No level matches \"wizard\"; did you mean Junior, Middle, Senior, Lead or Principal?"
    );
    let text = refused(&h.run(&ann(), "/skill serverless senior designer")).to_string();
    assert!(
        text.starts_with(
            "No role matches \"designer\"; the roles are AI Product Engineer, Cloud Engineer"
        ),
        "{text}"
    );
    // Without a level: every level for the asker's role, which ann has not set.
    let text = refused(&h.run(&ann(), "/skill serverless")).to_string();
    assert!(
        text.starts_with("Which role? /skill serverless-functions needs a level, or a role"),
        "{text}"
    );
    let typo = Action::command(
        "skill",
        &[
            ("skill", "serverless"),
            ("level", "senior"),
            ("colour", "red"),
        ],
    );
    let text = refused(&h.act(&ann(), typo)).to_string();
    assert_eq!(
        text,
        "/skill has no option `colour`; its options are skill, level, role, next. \
         Usage: /skill <skill> [level] [role] [next]"
    );
}

#[test]
fn profile_sets_role_and_time_zone_and_refuses_bad_ones_without_change() {
    let mut h = Harness::new();
    let r = h.run(&ann(), "/profile role:platform timezone:asia/tokyo");
    assert_eq!(ok(&r).fields[0].value, "Platform Engineer");
    assert_eq!(r.fields[1].value, "Asia/Tokyo");
    let text = refused(&h.run(&ann(), "/profile timezone:Mars/Olympus")).to_string();
    assert!(
        text.starts_with("\"Mars/Olympus\" is not a time zone I know."),
        "{text}"
    );
    let text = refused(&h.run(&ann(), "/profile role:wizard")).to_string();
    assert!(text.starts_with("No role matches \"wizard\""), "{text}");
    let r = h.run(&ann(), "/profile");
    assert_eq!(r.fields[0].value, "Platform Engineer");
    assert_eq!(r.fields[1].value, "Asia/Tokyo");
}

fn import(h: &mut Harness, who: &Actor, name: &str, bytes: Vec<u8>) -> skillbot::app::Reply {
    h.act(
        who,
        Action::Command {
            name: "matrix import".into(),
            options: vec![
                (
                    "file".into(),
                    Value::File(Upload {
                        name: name.into(),
                        bytes,
                    }),
                ),
                ("name".into(), Value::Text("Kubernetes Operators".into())),
            ],
        },
    )
}

#[test]
fn an_imported_skill_is_previewed_confirmed_and_belongs_to_its_workspace_alone() {
    let mut h = Harness::new();
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt").into_bytes();
    let r = import(&mut h, &lead(), "kubernetes-operators.en.txt", page.clone());
    assert_eq!(
        on_discord(&ok(&r).text),
        "Would add **Kubernetes Operators** (kubernetes-operators) for this server: 3 levels, 3 roles, \
         6 required and 2 optional expectations."
    );
    // Nothing is added before Confirm.
    assert!(refused(&h.run(&lead(), "/skill operators lead")).starts_with("No skill matches"));
    let r = h.press(&lead(), &r, "Confirm");
    assert!(
        on_discord(&ok(&r).text).starts_with("Imported **Kubernetes Operators**"),
        "{}",
        r.text
    );
    ok(&h.run(&ann(), "/skill operators lead"));
    // Survives a restart: it is in the database.
    h.restart();
    ok(&h.run(&ann(), "/skill operators lead"));
    // Another workspace does not see it.
    assert!(refused(&h.run(&zed(), "/skill operators lead")).starts_with("No skill matches"));

    // Importing again previews the change.
    let changed = String::from_utf8(page)
        .unwrap()
        .replace("Writes simple operators", "Writes small operators");
    let r = import(
        &mut h,
        &lead(),
        "kubernetes-operators.en.txt",
        changed.into_bytes(),
    );
    assert!(
        r.text.ends_with(
            "1 expectation changed, 0 added, 0 removed.\nChanged: Backend Engineer at Senior."
        ),
        "{}",
        r.text
    );
}

#[test]
fn a_broken_page_or_a_shared_slug_is_refused_with_the_reason() {
    let mut h = Harness::new();
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt");
    let cut = page[..page.len() - 40].to_string().into_bytes();
    let text = refused(&import(&mut h, &lead(), "k8s.txt", cut)).to_string();
    assert!(
        text.starts_with("That page cannot be imported: line 35: the row does not end with '|'"),
        "{text}"
    );
    let seed = std::fs::read(crate::support::repo_path(
        "data/pages/serverless-functions.zh.txt",
    ))
    .unwrap();
    let text = refused(&import(
        &mut h,
        &lead(),
        "serverless-functions.zh.txt",
        seed,
    ))
    .to_string();
    assert!(
        text.starts_with("serverless-functions is a skill of the shared matrix"),
        "{text}"
    );
    let text = refused(&h.run(&lead(), "/matrix import")).to_string();
    assert!(
        text.starts_with("Attach the skill page or TOML file"),
        "{text}"
    );
}

#[test]
fn reload_reports_faults_and_keeps_the_old_matrix() {
    let mut h = Harness::new();
    assert_eq!(
        ok(&h.run(&lead(), "/matrix reload")).text,
        "Reloaded: nothing changed; 1 skill in the shared matrix."
    );
    std::fs::write(h.matrix_dir.join("broken.toml"), "slug = \n").unwrap();
    let text = refused(&h.run(&lead(), "/matrix reload")).to_string();
    assert!(text.contains("broken.toml, line 1"), "{text}");
    ok(&h.run(&ann(), "/skill serverless senior"));
}

#[test]
fn privacy_export_and_delete_cover_the_members_own_data() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce timezone:Europe/Berlin");
    h.record(&ann(), "/assess serverless level:senior");
    h.record(&lead(), "/assess serverless member:ann level:lead role:ce");

    let r = h.run(&ann(), "/privacy export");
    assert!(ok(&r).private);
    let data: serde_json::Value = serde_json::from_slice(&r.attachments[0].bytes).unwrap();
    assert_eq!(data["member"]["time_zone"], "Europe/Berlin");
    assert_eq!(data["assessments"].as_array().unwrap().len(), 2);
    assert_eq!(data["assessments"][1]["source"], "lead");

    let r = h.run(&ann(), "/privacy delete");
    assert!(r.text.contains("Kept, without your name"), "{}", r.text);
    let r = h.press(&ann(), &r, "Delete my data");
    assert!(
        ok(&r).text.starts_with("Deleted all your skillbot data"),
        "{}",
        r.text
    );
    let r = h.run(&lead(), "/history member:ann");
    assert_eq!(r.text, "ann has no skill data in this server yet.");
    // The lead's own data is untouched.
    ok(&h.run(&lead(), "/privacy export"));
}

#[test]
fn the_lead_role_makes_leads() {
    let mut h = Harness::new();
    let mut carol = skillbot::frontends::console::actor("team-a", "carol", false);
    carol.roles = vec!["Team Leads".into()];
    assert!(refused(&h.run(&carol, "/matrix list")).starts_with("/matrix list is for team leads"));
    ok(&h.run(&lead(), "/config lead-role \"Team Leads\""));
    ok(&h.run(&carol, "/matrix list"));
}

/// Every command for a member, a lead, and a lead of another workspace:
/// who is allowed, and that nothing of workspace A reaches workspace B.
#[test]
fn permissions_for_every_command() {
    use Expect::*;
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Expect {
        Allowed,
        Refused,
    }
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt");
    let import = Action::command(
        "matrix import",
        &[("text", page.as_str()), ("slug", "kubernetes-operators")],
    );
    let line =
        |l: &str| skillbot::frontends::console::parse_command(l.trim_start_matches('/')).unwrap();
    let table: Vec<(&str, Action, Expect, Expect, Expect)> = vec![
        // command                                        member    lead      other workspace's lead
        (
            "/skill",
            line("/skill serverless senior"),
            Allowed,
            Allowed,
            Allowed,
        ),
        ("/skills", line("/skills"), Allowed, Allowed, Allowed),
        ("/profile", line("/profile"), Allowed, Allowed, Allowed),
        (
            "/assess",
            line("/assess serverless"),
            Allowed,
            Allowed,
            Allowed,
        ),
        (
            "/assess member:",
            line("/assess serverless member:ann"),
            Refused,
            Allowed,
            Allowed,
        ),
        ("/history", line("/history"), Allowed, Allowed, Allowed),
        (
            "/history member:",
            line("/history member:ann"),
            Refused,
            Allowed,
            Allowed,
        ),
        (
            "/matrix list",
            line("/matrix list"),
            Refused,
            Allowed,
            Allowed,
        ),
        ("/matrix import", import, Refused, Allowed, Allowed),
        (
            "/matrix reload",
            line("/matrix reload"),
            Refused,
            Allowed,
            Allowed,
        ),
        (
            "/config lead-role",
            line("/config lead-role Leads"),
            Refused,
            Allowed,
            Allowed,
        ),
        (
            "/privacy export",
            line("/privacy export"),
            Allowed,
            Allowed,
            Allowed,
        ),
        (
            "/privacy delete",
            line("/privacy delete"),
            Allowed,
            Allowed,
            Allowed,
        ),
    ];
    let mut h = Harness::new();
    // Ann has data in workspace A.
    h.run(&ann(), "/profile role:ce");
    h.record(&ann(), "/assess serverless level:principal");
    for (name, action, member, lead_expect, other) in &table {
        for (who, expect) in [(bob(), member), (lead(), lead_expect), (zed(), other)] {
            let r = h.act(&who, action.clone());
            let got = if r.outcome == skillbot::app::Outcome::Ok {
                Allowed
            } else {
                Refused
            };
            assert_eq!(got, *expect, "{name} by {}: {}", who.user_id, r.text);
            if who.workspace_id == "team-b" {
                let all = format!("{r:?}");
                assert!(
                    !all.contains("Principal ("),
                    "{name} by zed leaked workspace A: {all}"
                );
            }
        }
    }
    // Members are refused lead commands with the reason; zed, a lead of B,
    // finds no ann in B.
    assert!(refused(&h.run(&bob(), "/matrix list")).starts_with("/matrix list is for team leads"));
    // Discord user ids are global: B's lead started rating "ann" above
    // (ann's membership of B) without saving, so B knows no ann, and sees
    // none of her ratings in A.
    assert_eq!(
        h.run(&zed(), "/history member:ann").text,
        "ann has no skill data in this server yet."
    );
}

#[test]
fn matrix_questions_are_answered_without_the_database_once_the_workspace_is_known() {
    let mut h = Harness::new();
    let ask = |line: &str| skillbot::app::Request {
        actor: ann(),
        action: skillbot::frontends::console::parse_command(line).unwrap(),
    };
    // Not seen yet: the database is needed.
    assert_eq!(
        h.app.answer_without_store(&ask("skill serverless senior")),
        None
    );
    let through_store = h.run(&ann(), "/skill serverless senior");
    assert_eq!(
        h.app.answer_without_store(&ask("skill serverless senior")),
        Some(through_store)
    );
    // Anything personal still needs the database.
    assert_eq!(h.app.answer_without_store(&ask("profile")), None);
    // A skill not found goes the full way, which also looks for skills
    // another process imported a moment ago; a typo is refused there.
    assert_eq!(
        h.app.answer_without_store(&ask("skill servrless senior")),
        None
    );
    let typo = h.run(&ann(), "/skill servrless senior");
    assert!(refused(&typo).starts_with("No skill matches"));
    // After a reload the cache is refilled by the next full request.
    h.run(&lead(), "/matrix reload");
    assert_eq!(
        h.app.answer_without_store(&ask("skill serverless senior")),
        None
    );
}

/// A message kept for a console member by the version before the message
/// catalog is stored rendered (a `Reply`); this version keeps what to say
/// and renders it when shown. Both show after the upgrade.
#[test]
fn messages_kept_by_the_released_version_still_show_after_the_upgrade() {
    let mut h = Harness::new();
    // Console members: their messages are kept by the app's inbox.
    let ann = skillbot::frontends::console::actor("team-c", "ann", false);
    let lead = skillbot::frontends::console::actor("team-c", "lee", true);
    ok(&h.run(&ann, "/profile role:ce"));
    let who = ann.clone();
    let workspace = h
        .store
        .find_workspace(who.platform, &who.workspace_id)
        .unwrap()
        .unwrap();
    let member = h
        .store
        .find_member(workspace, &who.user_id)
        .unwrap()
        .unwrap()
        .id;
    let old = r#"{"title":"A note kept before the upgrade","text":"Rendered by the released version.","fields":[],"buttons":[],"select":null,"modal":null,"attachments":[],"private":false,"update":false,"notices":[],"outcome":"Ok"}"#;
    h.store.queue_message(member, old, t0()).unwrap();
    // And one kept now: a lead's rating, with its note.
    let r = h.run(&lead, "/assess serverless member:ann level:senior role:ce");
    let r = h.note(&lead, &r, "Great work on the billing jobs");
    let r = h.press(&lead, &r, "Save");
    let kept = h.block_on(h.app.deliver(&r.notices, lead.locale));
    assert_eq!(
        kept,
        ["(kept for ann: shown when they next open the console)"]
    );
    // What is kept now is what to say, not words in one language.
    let stored = h.store.take_messages(member, t0()).unwrap();
    assert!(stored[1].contains(r#""id":"rated-by-lead""#), "{stored:?}");
    assert!(!stored[1].contains("recorded your level"), "{stored:?}");
    for json in &stored {
        h.store.queue_message(member, json, t0()).unwrap();
    }
    let shown = h.block_on(h.app.opening(&ann));
    let texts: Vec<String> = shown
        .iter()
        .map(|r| plain(&format!("{:?} {}", r.title, r.text)))
        .collect();
    assert!(
        texts[0].contains("A note kept before the upgrade")
            && texts[0].contains("Rendered by the released version."),
        "{texts:?}"
    );
    assert!(
        texts[1].contains("recorded your level in Serverless Functions: Senior")
            && texts[1].contains("Their note: “Great work on the billing jobs”"),
        "{texts:?}"
    );
    let again = h.block_on(h.app.opening(&ann));
    assert!(
        again.iter().all(|r| !r.text.contains("Rendered by")),
        "shown once: {again:?}"
    );
}
