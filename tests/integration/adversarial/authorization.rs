//! 17.1. A lead who is no longer one cannot finish a lead-only dialog:
//! every press but Cancel asks for the rights again, so nothing is written.

use crate::app_support::{Harness, ann, lead, ok, refused};
use skillbot::app::{Action, Actor, Reply};
use skillbot::frontends::console::actor;

/// lee, who started the dialog as a lead, back without the lead role.
fn demoted() -> Actor {
    actor("team-a", "lee", false)
}

fn lead_ratings(h: &Harness) -> i64 {
    rusqlite::Connection::open(h.store.path())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM assessments WHERE source = 'lead'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn assert_refused_as_no_longer_lead(reply: &Reply, command: &str) {
    let why = refused(reply);
    assert!(
        why.starts_with(&format!(
            "/{command} is for team leads, and you are not one here (any more): nothing was saved."
        )),
        "{why}"
    );
    assert!(reply.notices.is_empty(), "{reply:#?}");
}

#[test]
fn a_lead_rating_cannot_be_saved_after_the_lead_role_is_gone() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let r = h.run(&lead(), "/assess serverless member:ann");
    let r = h.press(&lead(), &r, "Yes");
    // The console is killed; lee comes back without --lead.
    h.restart();
    for label in ["Not yet", "Partly", "Yes", "Back"] {
        assert_refused_as_no_longer_lead(&h.press(&demoted(), &r, label), "assess member:");
    }
    // Had she gone on as a lead to the summary, Save is refused too.
    let r = h.press(&lead(), &r, "Not yet");
    let r = h.press(&lead(), &r, "Skip");
    assert!(r.buttons.iter().any(|b| b.label == "Save"), "{r:#?}");
    assert_refused_as_no_longer_lead(&h.press(&demoted(), &r, "Save"), "assess member:");
    assert_eq!(lead_ratings(&h), 0);
    // Nothing changed: the lead, a lead again, saves from where it was.
    let saved = h.press(&lead(), &r, "Save");
    assert!(ok(&saved).text.starts_with("Saved"), "{}", saved.text);
    assert_eq!(lead_ratings(&h), 1);
    assert_eq!(saved.notices.len(), 1, "ann hears of it");
}

#[test]
fn cancel_still_closes_a_lead_dialog_after_the_role_is_gone() {
    let mut h = Harness::new();
    let r = h.run(&lead(), "/assess serverless member:ann");
    let closed = h.press(&demoted(), &r, "Cancel");
    assert_eq!(ok(&closed).text, "Cancelled. Nothing was saved.");
}

#[test]
fn a_matrix_import_cannot_be_confirmed_after_the_lead_role_is_gone() {
    let mut h = Harness::new();
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt");
    let r = h.act(
        &lead(),
        Action::command(
            "matrix import",
            &[("text", page.as_str()), ("slug", "kubernetes-operators")],
        ),
    );
    assert_refused_as_no_longer_lead(&h.press(&demoted(), &r, "Confirm"), "matrix import");
    assert!(refused(&h.run(&ann(), "/skill operators lead")).starts_with("No skill matches"));
    ok(&h.press(&lead(), &r, "Confirm"));
    ok(&h.run(&ann(), "/skill operators lead"));
    // And removing it, the same.
    let r = h.run(&lead(), "/matrix remove kubernetes-operators");
    assert_refused_as_no_longer_lead(&h.press(&demoted(), &r, "Remove"), "matrix remove");
    ok(&h.run(&ann(), "/skill operators lead"));
}

#[test]
fn a_nudge_cannot_be_sent_after_the_lead_role_is_gone() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let r = h.run(&lead(), "/team summary");
    let nudge = r
        .buttons
        .iter()
        .find(|b| b.label.starts_with("Nudge"))
        .expect("a Nudge button")
        .label
        .clone();
    assert_refused_as_no_longer_lead(&h.press(&demoted(), &r, &nudge), "team summary");
    let sent = h.press(&lead(), &r, &nudge);
    assert_eq!(ok(&sent).notices.len(), 1);
}

#[test]
fn a_targets_import_cannot_be_confirmed_after_the_lead_role_is_gone() {
    let mut h = Harness::new();
    let r = h.act(
        &lead(),
        Action::command("targets import", &[("text", "ce,serverless,lead\n")]),
    );
    assert_refused_as_no_longer_lead(&h.press(&demoted(), &r, "Confirm"), "targets import");
    let list = h.run(&lead(), "/targets list");
    assert!(!list.text.contains("Lead"), "{}", list.text);
    ok(&h.press(&lead(), &r, "Confirm"));
}

/// A value an option of this kind takes, so that a command reaches the
/// lead check with every option it needs.
fn sample(kind: skillbot::app::spec::Kind) -> skillbot::app::Value {
    use skillbot::app::spec::Kind;
    use skillbot::app::{ChannelRef, RoleRef, Upload, UserRef, Value};
    let text = |t: &str| Value::Text(t.to_string());
    match kind {
        Kind::Skill | Kind::Skills => text("serverless"),
        Kind::Level => text("senior"),
        Kind::Role => text("ce"),
        Kind::TimeZone => text("UTC"),
        Kind::Bool => Value::Bool(true),
        Kind::Number => text("1"),
        Kind::Weekday => text("mon"),
        Kind::TimeOfDay => text("09:00"),
        Kind::Text | Kind::Document => text("x"),
        Kind::User => Value::User(UserRef {
            id: "ann-id".into(),
            display_name: "ann".into(),
        }),
        Kind::PlatformRole => Value::Role(RoleRef {
            id: "600".into(),
            name: "Leads".into(),
        }),
        Kind::Channel => Value::Channel(ChannelRef {
            id: "700".into(),
            name: "leads".into(),
        }),
        Kind::File => Value::File(Upload {
            name: "x.csv".into(),
            bytes: b"ce, serverless, senior\n".to_vec(),
        }),
    }
}

/// Every lead-only command of the command list, with its required options,
/// is refused for a member with the lead message, and starts nothing; a
/// lead is never so refused.
#[test]
fn every_lead_only_command_is_refused_for_a_member() {
    let mut h = Harness::new();
    ok(&h.run(&ann(), "/profile role:ce"));
    let mut checked = 0;
    for spec in skillbot::app::spec::COMMANDS.iter().filter(|c| c.lead_only) {
        let options = spec
            .options
            .iter()
            .filter(|o| o.required)
            .map(|o| (o.name.to_string(), sample(o.kind)))
            .collect();
        let action = || Action::Command {
            name: spec.name.to_string(),
            options: Clone::clone(&options),
        };
        let r = h.act(&ann(), action());
        let why = refused(&r);
        assert!(
            why.starts_with(&format!("/{} is for team leads.", spec.name)),
            "/{}: {why}",
            spec.name
        );
        assert!(
            r.buttons.is_empty() && r.notices.is_empty(),
            "/{}: {r:#?}",
            spec.name
        );
        let as_lead = h.act(&lead(), action());
        assert!(
            !as_lead.text.contains("is for team leads"),
            "/{}: {}",
            spec.name,
            as_lead.text
        );
        checked += 1;
    }
    // The list is the command list's, not one written here.
    assert!(checked >= 15, "only {checked} lead-only commands");
}
