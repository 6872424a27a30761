//! The lead's team view (issue 12): targets, the summary with its heatmap
//! and nudge, the gap report, the trend, CSV exports; for the leads of the
//! workspace only, and every report in the audit log.

use crate::app_support::{Harness, ann, bob, lead, ok, plain, refused, zed};
use chrono::Duration;
use skillbot::app::render::to_text;
use skillbot::app::{Action, Actor, Recipient, Reply};
use skillbot::frontends::console::actor;

fn cy() -> Actor {
    actor("team-a", "cy", false)
}

fn text(reply: &Reply) -> String {
    plain(&to_text(reply))
}

/// ann claims Senior; bob claims Lead and his lead rates him Middle; cy has
/// a role and no rating; the lead expects Cloud Engineers to hold Senior.
fn team() -> Harness {
    let mut h = Harness::new();
    for who in [ann(), bob(), cy()] {
        h.run(&who, "/profile role:ce");
    }
    h.record(&ann(), "/assess serverless level:senior");
    h.record(&bob(), "/assess serverless level:lead");
    h.later(Duration::days(1));
    let r = h.run(&lead(), "/assess serverless member:bob level:middle");
    let r = h.note(&lead(), &r, "let's pair on the event mesh");
    ok(&h.press(&lead(), &r, "Save"));
    let r = h.run(&lead(), "/targets set ce serverless senior");
    assert_eq!(
        r.text,
        "Cloud Engineer is expected to hold Senior in Serverless Functions. /team gaps lists who is below it."
    );
    h
}

fn audit_count(h: &Harness, action: &str) -> i64 {
    rusqlite::Connection::open(h.store.path())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = ?1",
            [action],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_summary_counts_the_team_and_nudges_those_never_assessed() {
    let mut h = team();
    let r = h.run(&lead(), "/team summary");
    let t = text(&r);
    assert!(
        t.contains(
            "Serverless Functions · Cloud Engineer\n  3 members · median Middle\n  Middle 1 · Senior 1 · never assessed 1\n  Target Senior: 1 of 3 meet it\n  0 stale · 1 with self and lead ratings 2+ levels apart\n  Never assessed: cy"
        ),
        "{t}"
    );
    assert!(r.private);
    let png = &r.attachments[0];
    assert_eq!(
        (png.name.as_str(), png.content_type.as_str()),
        ("team-heatmap.png", "image/png")
    );
    assert!(png.bytes.starts_with(b"\x89PNG"));
    let nudged = h.press(&lead(), &r, "Nudge the 1 member never assessed");
    assert_eq!(nudged.text, "Nudged cy.");
    let sent: Vec<_> = nudged
        .notices
        .iter()
        .map(|n| match &n.to {
            Recipient::Member { name, .. } => (name.clone(), n.rendered().text),
            Recipient::Channel { .. } => unreachable!(),
        })
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "cy");
    assert!(
        sent[0].1.starts_with("lee invites you to assess yourself in Serverless Functions (/assess serverless-functions)."),
        "{}",
        sent[0].1
    );
    // Once: the button's dialog is over.
    let again = h.press(&lead(), &r, "Nudge the 1 member never assessed");
    assert!(refused(&again).starts_with("This dialog has ended"));
    assert_eq!(audit_count(&h, "report"), 1);
    assert_eq!(audit_count(&h, "nudge"), 1);
}

#[test]
fn a_rating_goes_stale_after_the_workspaces_age() {
    let mut h = team();
    h.later(Duration::days(100));
    let t = text(&h.run(&lead(), "/team summary"));
    assert!(t.contains("2 stale"), "{t}");
    h.run(&lead(), "/config stale-after 365");
    let t = text(&h.run(&lead(), "/team summary"));
    assert!(t.contains("0 stale"), "{t}");
    assert!(t.contains("Stale: no rating for 365 days."), "{t}");
    let bad = h.run(&lead(), "/config stale-after 0");
    assert!(refused(&bad).starts_with("Give 1 to 3650 days, not 0"));
}

#[test]
fn gaps_list_who_is_below_target_largest_first_with_the_next_step() {
    let mut h = team();
    let r = h.run(&lead(), "/team gaps");
    let t = text(&r);
    let cy = t.find("cy (Cloud Engineer) · Serverless Functions\n  never assessed → target Senior: 3 levels").expect(&t);
    let bob = t
        .find("bob (Cloud Engineer) · Serverless Functions\n  Middle (lead's rating, 28 Nov 2026; own Lead, 27 Nov 2026) → target Senior: 1 level\n  Next, Senior, required: ")
        .expect(&t);
    assert!(cy < bob, "largest gap first: {t}");
    assert!(
        !t.contains("ann (Cloud Engineer)"),
        "ann meets the target: {t}"
    );
    assert!(
        t.contains("Senior or above\n  Serverless Functions: only ann ⚠ (bus factor 1)"),
        "{t}"
    );
    // One member.
    let t = text(&h.run(&lead(), "/team gaps member:bob"));
    assert!(
        t.contains("bob (Cloud Engineer)") && !t.contains("cy (Cloud Engineer)"),
        "{t}"
    );
    let unknown = h.run(&lead(), "/team gaps member:nobody");
    assert!(refused(&unknown).starts_with("nobody has no data in this server yet"));
}

#[test]
fn the_trend_shows_who_moved_and_the_distribution_then_and_now() {
    let mut h = team();
    h.later(Duration::days(14));
    h.record(&ann(), "/assess serverless level:lead");
    let r = h.run(&lead(), "/team trend serverless 1");
    let t = text(&r);
    assert!(t.starts_with("Serverless Functions over 1 week"), "{t}");
    assert!(t.contains("Moved up\n  ann: Senior → Lead (+1)"), "{t}");
    assert!(
        t.contains("Then\n  Middle 1 · Senior 1 · not rated 1"),
        "{t}"
    );
    assert!(t.contains("Now\n  Middle 1 · Lead 1 · not rated 1"), "{t}");
    assert_eq!(r.attachments[0].name, "team-trend.png");
    let bad = h.run(&lead(), "/team trend serverless 500");
    assert!(refused(&bad).starts_with("Look back 1 to 104 weeks, not 500"));
}

#[test]
fn exports_are_csv_with_formulas_escaped_and_audited() {
    let mut h = team();
    let evil = actor("team-a", "=HYPERLINK(\"x\")", false);
    h.run(&evil, "/profile role:ce");
    let r = h.run(&lead(), "/team export");
    let csv = String::from_utf8(r.attachments[0].bytes.clone()).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("member,role,skill,level,level name,source,assessed at,target,gap")
    );
    assert!(csv.contains("bob,Cloud Engineer,Serverless Functions,2,Middle,lead,2026-11-28T10:00:00+00:00,Senior,1"), "{csv}");
    assert!(
        csv.contains("cy,Cloud Engineer,Serverless Functions,,not rated,,,Senior,3"),
        "{csv}"
    );
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"x\"\")\",Cloud Engineer"),
        "{csv}"
    );
    let r = h.run(&lead(), "/team export history:true");
    let csv = String::from_utf8(r.attachments[0].bytes.clone()).unwrap();
    assert!(csv.contains("bob,Serverless Functions,Cloud Engineer,2,Middle,lead,lee,let's pair on the event mesh,"), "{csv}");
    assert_eq!(audit_count(&h, "export"), 2);
}

#[test]
fn targets_import_from_csv_after_a_preview_and_bad_lines_change_nothing() {
    let mut h = team();
    let bad = h.act(
        &lead(),
        Action::Command {
            name: "targets import".into(),
            options: vec![(
                "text".into(),
                skillbot::app::Value::Text(
                    "role,skill,level\nce,serverless,lead\nnope,serverless,senior\nce,serverless,guru\n".into(),
                ),
            )],
        },
    );
    let why = refused(&bad);
    assert!(
        why.starts_with("Nothing was imported; fix these 2 lines and send it again:\nline 3: "),
        "{why}"
    );
    assert!(why.contains("line 4: "), "{why}");
    let r = h.act(
        &lead(),
        Action::Command {
            name: "targets import".into(),
            options: vec![(
                "text".into(),
                skillbot::app::Value::Text("ce, serverless, lead\n".into()),
            )],
        },
    );
    assert!(
        text(&r).contains("Cloud Engineer · Serverless Functions: Lead"),
        "{}",
        text(&r)
    );
    let list = text(&h.run(&lead(), "/targets list"));
    assert!(
        list.contains("Serverless Functions: Senior"),
        "not yet: {list}"
    );
    let done = h.press(&lead(), &r, "Confirm");
    assert_eq!(
        done.text,
        "Imported 1 target. /targets list shows them all."
    );
    let list = text(&h.run(&lead(), "/targets list"));
    assert!(
        list.contains("Cloud Engineer\n  Serverless Functions: Lead"),
        "{list}"
    );
    let r = h.run(&lead(), "/targets remove ce serverless");
    assert_eq!(
        r.text,
        "Removed Cloud Engineer's target in Serverless Functions."
    );
    let again = h.run(&lead(), "/targets remove ce serverless");
    assert!(refused(&again).contains("has no target in Serverless Functions"));
}

#[test]
fn reports_are_for_the_leads_of_the_workspace_only() {
    let mut h = team();
    for command in [
        "/team summary",
        "/team gaps",
        "/team export",
        "/targets list",
        "/team trend serverless",
    ] {
        let r = h.run(&bob(), command);
        assert!(
            refused(&r).contains("is for team leads"),
            "{command}: {}",
            r.text
        );
    }
    // The administrator of another workspace sees none of this one.
    let t = text(&h.run(&zed(), "/team summary"));
    assert!(
        t.contains("No member here has a role or a rating yet"),
        "{t}"
    );
    assert!(!t.contains("ann") && !t.contains("bob"), "{t}");
    let csv =
        String::from_utf8(h.run(&zed(), "/team export").attachments[0].bytes.clone()).unwrap();
    assert_eq!(csv.lines().count(), 1, "{csv}");
}
