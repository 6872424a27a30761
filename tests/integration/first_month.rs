//! What a team saw in its first month (issue 18), typed into the console
//! from a pipe at pinned times, as the team did.

use crate::lead_round::at;
use std::path::Path;

/// A member's own rating of Serverless Functions, as a Cloud Engineer.
fn own(dir: &Path, now: &str, who: &str, level: &str) {
    at(
        dir,
        now,
        who,
        false,
        &format!("/profile role:ce\n/assess serverless level:{level}\n2\n1\n1\n"),
    );
}

/// The lead's rating of a member, with a note.
fn by_lead(dir: &Path, now: &str, who: &str, level: &str) {
    let out = at(
        dir,
        now,
        "dana",
        true,
        &format!("/assess serverless member:{who} role:ce level:{level}\n1\nlet's talk\n1\n"),
    );
    assert!(out.contains("Saved "), "{out}");
}

/// What `script` shows the lead, after the line "marker".
fn lead_sees(dir: &Path, now: &str, script: &str, marker: &str) -> String {
    let out = at(dir, now, "dana", true, script);
    let from = out
        .rfind(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in {out}"));
    out[from..].to_string()
}

#[test]
fn the_trend_lists_first_ratings_as_newly_rated_not_as_promotions() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    own(dir, "2026-01-05T10:00:00Z", "ann", "junior");
    own(dir, "2026-03-02T10:00:00Z", "ann", "senior");
    own(dir, "2026-03-03T10:00:00Z", "ken", "lead");
    // Bob's own Lead before, his lead's first rating (Middle) within.
    own(dir, "2026-01-05T10:00:00Z", "bob", "lead");
    by_lead(dir, "2026-03-04T10:00:00Z", "bob", "middle");
    let trend = lead_sees(
        dir,
        "2026-03-09T10:00:00Z",
        "/team trend serverless 4\n",
        "Serverless Functions over 4 weeks",
    );
    assert!(
        trend.contains("Moved up\n  ann: Junior → Senior (+2)\n\nMoved down\n  nobody\n"),
        "{trend}"
    );
    assert!(
        trend.contains("Newly rated\n  bob: Middle (lead's rating)\n  ken: Lead\n"),
        "{trend}"
    );
    assert!(!trend.contains("not rated →"), "{trend}");
}

#[test]
fn the_gap_report_dates_each_level_with_its_own_date() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    at(
        dir,
        "2026-02-26T10:00:00Z",
        "dana",
        true,
        "/targets set ce serverless senior\n",
    );
    at(
        dir,
        "2026-02-26T11:00:00Z",
        "ann",
        false,
        "/profile role:ce\n",
    );
    by_lead(dir, "2026-02-27T10:00:00Z", "ann", "junior");
    own(dir, "2026-03-02T10:00:00Z", "ann", "senior");
    own(dir, "2026-03-02T11:00:00Z", "eve", "middle");
    let gaps = lead_sees(
        dir,
        "2026-03-03T10:00:00Z",
        "/team gaps\n",
        "Gaps against targets",
    );
    assert!(
        gaps.contains(
            "Junior (lead's rating, 27 Feb 2026; own Senior, 2 Mar 2026) → target Senior: 2 levels"
        ),
        "{gaps}"
    );
    assert!(
        gaps.contains("Middle (own rating, 2 Mar 2026; no lead rating) → target Senior: 1 level"),
        "{gaps}"
    );
}

#[test]
fn the_bus_factor_is_the_whole_teams_whatever_the_rows_shown() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    at(
        dir,
        "2026-02-26T10:00:00Z",
        "dana",
        true,
        "/targets set ce serverless senior\n",
    );
    own(dir, "2026-03-02T10:00:00Z", "ann", "junior");
    own(dir, "2026-03-02T10:00:00Z", "bob", "senior");
    let gaps = lead_sees(
        dir,
        "2026-03-03T10:00:00Z",
        "/team gaps member:ann\n",
        "Gaps against targets",
    );
    assert!(
        gaps.contains("ann (Cloud Engineer) · Serverless Functions"),
        "{gaps}"
    );
    assert!(!gaps.contains("bob (Cloud Engineer)"), "{gaps}");
    assert!(
        gaps.contains("\n  Serverless Functions: only bob ⚠ (bus factor 1)\n"),
        "{gaps}"
    );
}

/// A lead who set Mondays 09:00 New York time, and nia there.
fn new_york_team(dir: &Path) {
    at(
        dir,
        "2026-02-20T10:00:00Z",
        "dana",
        true,
        "/checkin schedule monday 09:00 America/New_York\n",
    );
    at(
        dir,
        "2026-02-20T10:00:00Z",
        "nia",
        false,
        "/profile role:ce timezone:America/New_York\n",
    );
}

fn checkins_of(out: &str, who: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.starts_with(&format!("checkin queued for {who} ")))
        .map(str::to_string)
        .collect()
}

#[test]
fn snoozing_a_week_skips_exactly_that_check_in() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    new_york_team(dir);
    let out = crate::checkin_cli::run_due(dir, "2026-03-02T14:05:00Z", false);
    assert_eq!(checkins_of(&out, "nia").len(), 1, "{out}");
    // Nia snoozes her W10 check-in on Monday.
    let out = at(dir, "2026-03-02T15:00:00Z", "nia", false, "3\n");
    assert!(
        out.contains(
            "Snoozed: this week's check-in is skipped. The next one comes 9 Mar 2026 09:00 EDT."
        ),
        "{out}"
    );
    // W11 comes at her time, the first Monday of summer time.
    let out = crate::checkin_cli::run_due(dir, "2026-03-09T13:05:00Z", false);
    assert_eq!(
        checkins_of(&out, "nia"),
        ["checkin queued for nia in team, 2026-W11 (due 2026-03-09T09:00:00-04:00)"]
    );
}

#[test]
fn snoozing_two_weeks_skips_the_next_two_check_ins() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    new_york_team(dir);
    let out = crate::checkin_cli::run_due(dir, "2026-03-02T14:05:00Z", false);
    assert_eq!(checkins_of(&out, "nia").len(), 1, "{out}");
    // The open W10 check-in is the first of the two.
    let out = at(
        dir,
        "2026-03-03T15:00:00Z",
        "nia",
        false,
        "/checkin snooze 2\n",
    );
    assert!(
        out.contains("Snoozed for 2 weeks. Your weekly check-in: on; the next one comes 16 Mar 2026 09:00 EDT"),
        "{out}"
    );
    let out = crate::checkin_cli::run_due(dir, "2026-03-09T13:05:00Z", false);
    assert_eq!(checkins_of(&out, "nia"), Vec::<String>::new());
    let out = crate::checkin_cli::run_due(dir, "2026-03-16T13:05:00Z", false);
    assert_eq!(checkins_of(&out, "nia").len(), 1, "{out}");
}

#[test]
fn the_digest_counts_as_answered_only_those_who_checked_in() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    at(
        dir,
        "2026-02-20T10:00:00Z",
        "dana",
        true,
        "/checkin schedule monday 09:00 Europe/Berlin\n",
    );
    own(dir, "2026-02-20T10:00:00Z", "bob", "middle");
    for who in ["eve", "ken", "nia"] {
        at(
            dir,
            "2026-02-20T10:00:00Z",
            who,
            false,
            "/profile role:ce\n",
        );
    }
    crate::checkin_cli::run_due(dir, "2026-03-02T08:05:00Z", false);
    let bob = at(dir, "2026-03-02T09:00:00Z", "bob", false, "2\n");
    assert!(
        bob.contains("Noted: no change this week. Confirmed Serverless Functions Middle."),
        "{bob}"
    );
    // Ken has no rating: "No change" confirms nothing, and is no answer.
    let ken = at(dir, "2026-03-02T09:00:00Z", "ken", false, "2\n");
    assert!(
        ken.contains("Not rated yet, so there is nothing to confirm: CI/CD Pipelines, Cloud Security and IAM, Containers and Kubernetes, Infrastructure as Code, Observability, Serverless Functions. Press Check in to assess them, or use /assess; this check-in stays open."),
        "{ken}"
    );
    at(dir, "2026-03-02T09:00:00Z", "eve", false, "4\n");
    at(dir, "2026-03-02T09:00:00Z", "nia", false, "3\n");
    crate::checkin_cli::run_due(dir, "2026-03-09T08:05:00Z", false);
    let digest = lead_sees(
        dir,
        "2026-03-09T09:00:00Z",
        "/checkin status\n",
        "Latest digest (2026-W10)",
    );
    assert!(
        digest.contains(
            "1 of 4 members reached checked in (25%).\n  Checked in: bob (Serverless Functions Middle confirmed).\n  Snoozed: nia.\n  Stopped their check-ins: eve.\n  No answer: ken."
        ),
        "{digest}"
    );
    let status = lead_sees(
        dir,
        "2026-03-09T09:00:00Z",
        "/checkin status\n",
        "Last week",
    );
    assert!(
        status.contains("Checked in, week by week\n  2026-W10 1 of 4 (25%)"),
        "{status}"
    );
}

#[test]
fn cancelling_in_the_middle_of_a_check_in_says_what_was_saved() {
    use crate::checkin_support::{Team, in_dm, lead, member};
    use skillbot::app::Action;
    let mut t = Team::new("2026-03-23T12:00:00Z");
    t.run(&lead(), "/checkin schedule monday 09:00 Europe/Berlin");
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt");
    let r = t.act(
        &lead(),
        Action::command(
            "matrix import",
            &[("text", page.as_str()), ("slug", "kubernetes-operators")],
        ),
    );
    t.press(&lead(), &r, "Confirm");
    let pat = member("pat");
    t.run(&pat, "/profile role:\"Platform Engineer\"");
    for line in [
        "/assess serverless level:middle",
        "/assess operators level:senior",
    ] {
        let r = t.run(&pat, line);
        let r = t.press(&pat, &r, "Skip");
        t.press(&pat, &r, "Save");
    }
    t.at("2026-03-30T07:00:00Z");
    t.pass();
    let dm = in_dm(&pat);
    let r = t.press(&dm, &t.last_to(&pat), "Check in");
    assert!(r.text.contains("skill 1 of 2"), "{}", r.text);
    let r = t.press(&dm, &r, "I do this");
    let r = t.press(&dm, &r, "I do this");
    let r = t.press(&dm, &r, "Not yet");
    let r = t.press(&dm, &r, "Skip");
    let r = t.press(&dm, &r, "Save");
    assert!(r.text.contains("skill 2 of 2"), "{}", r.text);
    let marker = "skill 2 of 2: ";
    let second = r.text[r.text.find(marker).unwrap() + marker.len()..]
        .split('.')
        .next()
        .unwrap()
        .to_string();
    let cancelled = t.press(&dm, &r, "Cancel");
    assert_eq!(
        cancelled.text,
        format!(
            "Cancelled: {second} was not saved. 1 skill saved before it in this check-in is kept (/history shows it)."
        )
    );
}

/// A lead's schedule and ann, who joined a week before.
fn scheduled(dir: &Path, schedule: &str) {
    at(
        dir,
        "2026-03-01T10:00:00Z",
        "dana",
        true,
        &format!("/checkin schedule {schedule}\n"),
    );
    at(
        dir,
        "2026-03-01T10:00:00Z",
        "ann",
        false,
        "/profile role:ce\n",
    );
}

fn pass_at(dir: &Path, now: &str) -> Vec<String> {
    checkins_of(&crate::checkin_cli::run_due(dir, now, false), "ann")
}

#[test]
fn moving_the_schedule_keeps_this_weeks_check_in_as_the_reply_says() {
    // Moved back to a time already past, before this week's went out:
    // it goes out at once.
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    scheduled(dir, "sunday 22:56 UTC");
    assert_eq!(pass_at(dir, "2026-03-08T22:00:00Z"), Vec::<String>::new());
    let reply = lead_sees(
        dir,
        "2026-03-08T22:00:00Z",
        "/checkin schedule sunday 21:36 UTC\n",
        "Check-ins now go out",
    );
    assert!(
        reply.contains("or at once if that time has passed this week"),
        "{reply}"
    );
    assert_eq!(
        pass_at(dir, "2026-03-08T22:01:00Z"),
        ["checkin queued for ann in team, 2026-W10 (due 2026-03-08T21:36:00+00:00)"]
    );
    // Moved back again after it went out: not sent twice.
    at(
        dir,
        "2026-03-08T22:02:00Z",
        "dana",
        true,
        "/checkin schedule sunday 20:00 UTC\n",
    );
    assert_eq!(pass_at(dir, "2026-03-08T22:03:00Z"), Vec::<String>::new());

    // Moved forward before it went out: at the new time, not the old.
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    scheduled(dir, "sunday 21:00 UTC");
    at(
        dir,
        "2026-03-08T20:00:00Z",
        "dana",
        true,
        "/checkin schedule sunday 23:00 UTC\n",
    );
    assert_eq!(pass_at(dir, "2026-03-08T21:30:00Z"), Vec::<String>::new());
    assert_eq!(
        pass_at(dir, "2026-03-08T23:00:00Z"),
        ["checkin queued for ann in team, 2026-W10 (due 2026-03-08T23:00:00+00:00)"]
    );
}

#[test]
fn changing_time_zone_keeps_this_weeks_check_in_as_the_readme_says() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    scheduled(dir, "monday 09:00 Europe/Berlin");
    // 08:30 in Berlin: not yet. In Tokyo 09:00 has passed: at once.
    assert_eq!(pass_at(dir, "2026-03-09T07:30:00Z"), Vec::<String>::new());
    at(
        dir,
        "2026-03-09T07:31:00Z",
        "ann",
        false,
        "/profile timezone:Asia/Tokyo\n",
    );
    assert_eq!(
        pass_at(dir, "2026-03-09T07:32:00Z"),
        ["checkin queued for ann in team, 2026-W11 (due 2026-03-09T09:00:00+09:00)"]
    );
    // Back to a zone where it is still ahead: this week's was had.
    at(
        dir,
        "2026-03-09T07:33:00Z",
        "ann",
        false,
        "/profile timezone:America/New_York\n",
    );
    assert_eq!(pass_at(dir, "2026-03-09T13:05:00Z"), Vec::<String>::new());

    // To a zone where it is still ahead, before it went out: at that
    // zone's time.
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    scheduled(dir, "monday 09:00 Europe/Berlin");
    at(
        dir,
        "2026-03-09T07:00:00Z",
        "ann",
        false,
        "/profile timezone:America/New_York\n",
    );
    assert_eq!(pass_at(dir, "2026-03-09T08:05:00Z"), Vec::<String>::new());
    assert_eq!(
        pass_at(dir, "2026-03-09T13:05:00Z"),
        ["checkin queued for ann in team, 2026-W11 (due 2026-03-09T09:00:00-04:00)"]
    );
}

#[test]
fn a_member_who_joined_after_the_new_time_starts_next_week_as_the_reply_says() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    at(
        dir,
        "2026-03-01T10:00:00Z",
        "dana",
        true,
        "/checkin schedule sunday 22:56 UTC\n",
    );
    at(
        dir,
        "2026-03-08T21:50:00Z",
        "ann",
        false,
        "/profile role:ce\n",
    );
    let reply = lead_sees(
        dir,
        "2026-03-08T22:00:00Z",
        "/checkin schedule sunday 21:36 UTC\n",
        "Check-ins now go out",
    );
    assert!(
        reply.contains("(one who joined after that time gets theirs from next week on)"),
        "{reply}"
    );
    assert_eq!(pass_at(dir, "2026-03-08T22:01:00Z"), Vec::<String>::new());
    assert_eq!(pass_at(dir, "2026-03-15T21:40:00Z").len(), 1);
}

#[test]
fn reading_reports_enrols_no_one_in_the_check_ins_or_the_reports() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    scheduled(dir, "monday 09:00 Europe/Berlin");
    own(dir, "2026-03-01T11:00:00Z", "ann", "middle");
    at(
        dir,
        "2026-03-02T10:00:00Z",
        "dana",
        true,
        "/team summary\n/team gaps\n/history member:ann\n/targets list\n/team export\n",
    );
    let csv = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .expect("the export, saved in the console's folder");
    assert!(csv.contains("\nann,"), "{csv}");
    assert!(!csv.contains("dana"), "{csv}");
    // The next Monday: ann's check-in, none for the lead who only read.
    let out = crate::checkin_cli::run_due(dir, "2026-03-09T08:05:00Z", false);
    assert_eq!(checkins_of(&out, "ann").len(), 1, "{out}");
    assert_eq!(checkins_of(&out, "dana"), Vec::<String>::new(), "{out}");
    let summary = lead_sees(
        dir,
        "2026-03-09T09:00:00Z",
        "/team summary\n",
        "Team summary",
    );
    assert!(!summary.contains("dana"), "{summary}");
    // The reports were audited all the same, with who pulled them.
    let who: Vec<String> = {
        let conn = rusqlite::Connection::open(dir.join("bot.db")).unwrap();
        let mut stmt = conn.prepare("SELECT detail FROM audit_log").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(who.iter().any(|d| d.ends_with("by dana (dana)")), "{who:?}");
}

#[test]
fn checkin_status_shows_the_readers_time_then_the_members_and_pages_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    at(
        dir,
        "2026-03-01T10:00:00Z",
        "dana",
        true,
        "/checkin schedule monday 09:00 UTC\n/profile timezone:Europe/Berlin\n",
    );
    for i in 0..31 {
        at(
            dir,
            "2026-03-01T10:00:00Z",
            &format!("m{i:02}"),
            false,
            "/profile role:ce timezone:Asia/Tokyo\n",
        );
    }
    let status = lead_sees(
        dir,
        "2026-03-01T12:00:00Z",
        "/checkin status\n",
        "Next check-ins",
    );
    assert!(
        status.contains(
            "Next check-ins\n  m00: 2 Mar 2026 01:00 CET (2 Mar 2026 09:00 JST their time)"
        ),
        "{status}"
    );
    assert!(status.contains("m24: "), "{status}");
    assert!(!status.contains("m25: "), "{status}");
    assert!(
        status.contains("Members 1–25 of 31; /checkin status page:2 shows the next 6"),
        "{status}"
    );
    let page2 = lead_sees(
        dir,
        "2026-03-01T12:00:00Z",
        "/checkin status page:2\n",
        "Next check-ins",
    );
    assert!(
        page2.contains("m25: ") && page2.contains("m30: "),
        "{page2}"
    );
    assert!(!page2.contains("m24: "), "{page2}");
    assert!(page2.contains("Members 26–31 of 31"), "{page2}");
}

/// 18.15, the smaller ones.
mod smaller {
    use super::lead_sees;
    use crate::app_support::{Harness, ann, lead, ok, refused};
    use skillbot::app::Action;
    use skillbot::frontends::console::actor;

    #[test]
    fn counts_are_in_their_plural_forms() {
        let mut h = Harness::new();
        for i in 0..7 {
            h.run(
                &actor("team-a", &format!("m{i}"), false),
                "/profile role:ce",
            );
        }
        let r = h.run(&lead(), "/team summary");
        assert!(
            r.buttons
                .iter()
                .any(|b| b.label == "Nudge the 7 members never assessed"),
            "{:#?}",
            r.buttons
        );
        let dir = tempfile::tempdir().unwrap();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_skillbot"))
            .arg("--database")
            .arg(dir.path().join("bot.db"))
            .arg("--matrix-dir")
            .arg(crate::support::repo_path("data/matrix"))
            .args(["demo", "seed", "--members", "1"])
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.starts_with("Seeded demo: 1 member, "), "{out}");
    }

    /// Everything a reader sees of a reply.
    fn seen(r: &skillbot::app::Reply) -> String {
        let mut all = format!("{}\n{}\n", r.title.clone().unwrap_or_default(), r.text);
        for f in &r.fields {
            all.push_str(&format!("{}\n{}\n", f.name, f.value));
        }
        for b in &r.buttons {
            all.push_str(&format!("{}\n", b.label));
        }
        all
    }

    /// "1 members" and the like: a 1 not part of a larger number, then a
    /// noun in its plural.
    fn singular_misses(text: &str) -> Vec<String> {
        const NOUNS: [&str; 16] = [
            "member",
            "skill",
            "rating",
            "level",
            "week",
            "day",
            "report",
            "check-in",
            "role",
            "entry",
            "row",
            "message",
            "note",
            "target",
            "time",
            "expectation",
        ];
        let mut found = Vec::new();
        for noun in NOUNS {
            let wrong = format!("1 {noun}s");
            for (at, _) in text.match_indices(&wrong) {
                let before = text[..at].chars().next_back();
                if !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                    let end = (at + wrong.len() + 20).min(text.len());
                    let end = (end..=text.len())
                        .find(|&e| text.is_char_boundary(e))
                        .unwrap();
                    found.push(text[at..end].to_string());
                }
            }
        }
        found
    }

    #[test]
    fn every_count_of_one_is_in_the_singular() {
        let mut h = Harness::new();
        h.run(&ann(), "/profile role:ce");
        ok(&h.record(&ann(), "/assess serverless level:senior"));
        let mut all = String::new();
        for line in [
            "/targets set ce serverless senior",
            "/team summary",
            "/team summary skill:serverless",
            "/team gaps",
            "/team trend serverless 1",
            "/checkin status",
            "/history member:ann",
            "/targets list",
            "/matrix list",
            "/skills",
            "/team export",
        ] {
            all.push_str(&seen(&h.run(&lead(), line)));
        }
        let page = skillbot::matrix::synthetic::page(1, 5);
        let r = h.act(
            &lead(),
            Action::command(
                "matrix import",
                &[("text", page.as_str()), ("slug", "one-role")],
            ),
        );
        assert!(seen(&r).contains("5 levels, 1 role,"), "{}", seen(&r));
        all.push_str(&seen(&r));
        for line in [
            "/history",
            "/profile",
            "/checkin snooze 1",
            "/privacy delete",
        ] {
            all.push_str(&seen(&h.run(&ann(), line)));
        }
        assert!(all.contains("1 member"), "{all}");
        assert_eq!(singular_misses(&all), Vec::<String>::new(), "{all}");
        assert_eq!(
            singular_misses("11 members, 1 member, 21 days"),
            Vec::<String>::new()
        );
        assert_eq!(singular_misses("(1 ratings)"), ["1 ratings)"]);
    }

    #[test]
    fn a_channel_is_typed_in_the_console_as_in_chat() {
        let dir = tempfile::tempdir().unwrap();
        let out = lead_sees(
            dir.path(),
            "2026-03-01T10:00:00Z",
            "/checkin digest-channel #team-leads\n",
            "The weekly digest",
        );
        assert!(
            out.starts_with("The weekly digest will be posted in #team-leads"),
            "{out}"
        );
    }

    #[test]
    fn a_members_own_exports_are_called_so_before_a_deletion() {
        let mut h = Harness::new();
        h.run(&ann(), "/profile role:ce");
        h.run(&ann(), "/privacy export");
        h.run(&ann(), "/privacy export");
        let r = h.run(&ann(), "/privacy delete");
        let text = skillbot::app::render::to_text(&r);
        assert!(
            text.contains(
                "the record that you exported your own data (2 times), without your name"
            ),
            "{text}"
        );
        assert!(!text.contains("reports you pulled"), "{text}");
    }

    #[test]
    fn a_city_or_a_common_abbreviation_is_a_time_zone() {
        let mut h = Harness::new();
        let r = h.run(&ann(), "/profile timezone:Tokyo");
        assert!(
            ok(&r).text.contains("Asia/Tokyo")
                || skillbot::app::render::to_text(&r).contains("JST"),
            "{r:#?}"
        );
        let r = h.run(&ann(), "/profile timezone:JST");
        assert!(
            !skillbot::app::render::to_text(&r).contains("Johnston"),
            "{r:#?}"
        );
        ok(&r);
    }

    #[test]
    fn a_semicolon_separated_targets_file_imports() {
        let mut h = Harness::new();
        let r = h.act(
            &lead(),
            Action::command(
                "targets import",
                &[("text", "role;skill;level\nce;serverless;senior\n")],
            ),
        );
        assert!(
            skillbot::app::render::to_text(ok(&r))
                .contains("Cloud Engineer · Serverless Functions: Senior")
        );
    }

    #[test]
    fn an_empty_member_is_refused_with_what_to_type() {
        let mut h = Harness::new();
        let r = h.run(&lead(), "/team gaps member:\"\"");
        assert!(
            refused(&r).starts_with(
                "member: is empty: name a member of this server, e.g. /team gaps member:ann"
            ),
            "{r:#?}"
        );
    }

    #[test]
    fn the_median_below_the_first_level_is_said_so() {
        let mut h = Harness::new();
        for who in [ann(), actor("team-a", "bob", false)] {
            h.run(&who, "/profile role:ce");
            // "Not yet" at Junior: below the skill's first level.
            let r = h.run(&who, "/assess serverless");
            let r = h.press(&who, &r, "Not yet");
            let r = h.press(&who, &r, "Skip");
            ok(&h.press(&who, &r, "Save"));
        }
        let summary = skillbot::app::render::to_text(&h.run(&lead(), "/team summary"));
        assert!(!summary.contains("median none yet"), "{summary}");
        assert!(
            summary.contains("2 members · median below Junior"),
            "{summary}"
        );
    }

    #[test]
    fn the_trend_csv_says_as_of_for_its_points() {
        let csv = skillbot::report::csv::trend(&skillbot::report::Trend {
            from: crate::app_support::t0(),
            to: crate::app_support::t0(),
            moves: Vec::new(),
            newly_rated: Vec::new(),
            then: Default::default(),
            now: Default::default(),
            weekly: vec![(crate::app_support::t0(), Default::default())],
        });
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.starts_with("as of,below first level,"), "{csv}");
        assert!(csv.contains("\n2026-11-27,"), "{csv}");
    }
}

#[test]
fn a_nudge_and_a_leads_rating_reach_console_members_in_order_once() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    at(
        dir,
        "2026-03-01T10:00:00Z",
        "eve",
        false,
        "/profile role:ce\n",
    );
    // The summary's Nudge button, then a rating of eve with a note.
    let lead = at(
        dir,
        "2026-03-02T10:00:00Z",
        "dana",
        true,
        "/team summary\n1\n",
    );
    assert!(
        lead.contains("(kept for eve: shown when they next open the console)"),
        "{lead}"
    );
    by_lead(dir, "2026-03-02T11:00:00Z", "eve", "junior");
    let eve = at(dir, "2026-03-02T12:00:00Z", "eve", false, "");
    let nudge = eve.find("dana invites you to assess yourself").expect(&eve);
    let rating = eve
        .find("dana recorded your level in Serverless Functions: Junior")
        .expect(&eve);
    assert!(nudge < rating, "in order: {eve}");
    assert!(eve.contains("Their note: “let's talk”"), "{eve}");
    let again = at(dir, "2026-03-02T13:00:00Z", "eve", false, "");
    assert!(!again.contains("dana invites you"), "once: {again}");
}

#[test]
fn old_check_ins_are_said_missed_and_a_stray_number_is_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    scheduled(dir, "monday 09:00 Europe/Berlin");
    own(dir, "2026-03-01T11:00:00Z", "ann", "middle");
    // Ann is away from 9 to 30 March: W12 and W13 come with reminders.
    for now in [
        "2026-03-16T08:05:00Z",
        "2026-03-17T08:10:00Z",
        "2026-03-23T08:05:00Z",
        "2026-03-24T08:10:00Z",
        "2026-03-30T07:05:00Z",
    ] {
        crate::checkin_cli::run_due(dir, now, false);
    }
    let out = at(
        dir,
        "2026-03-30T08:00:00Z",
        "ann",
        false,
        "/profile\n/skill serverless guru\n2\n",
    );
    assert!(
        out.contains(
            "While you were away: missed 2026-W12, 2026-W13 (closed now; /assess works any time)."
        ),
        "{out}"
    );
    assert_eq!(out.matches("Your weekly check-in (").count(), 1, "{out}");
    assert!(out.contains("Your weekly check-in (2026-W14)"), "{out}");
    assert!(!out.contains("A reminder:"), "{out}");
    // The 2 came after other answers: it answers nothing.
    assert!(
        out.contains("What is 2 for? A number picks a button of the message just above"),
        "{out}"
    );
    assert!(!out.contains("Noted: no change"), "{out}");
}

#[test]
fn skill_next_without_a_level_shows_what_comes_after_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let out = at(
        dir,
        "2026-03-01T10:00:00Z",
        "ann",
        false,
        "/skill serverless next\n",
    );
    assert!(
        out.contains("`next` shows what the level after yours adds, and you have no rating in Serverless Functions yet"),
        "{out}"
    );
    own(dir, "2026-03-01T10:00:00Z", "ann", "senior");
    let out = at(
        dir,
        "2026-03-02T10:00:00Z",
        "ann",
        false,
        "/skill serverless next\n",
    );
    assert!(
        out.contains("Serverless Functions: from Senior to Lead"),
        "{out}"
    );
    // Her own role's, as /skill shows.
    assert!(out.contains("Cloud Engineer · Required at Lead"), "{out}");
    assert!(!out.contains("Platform Engineer"), "{out}");
}

#[test]
fn a_level_is_held_since_its_first_rating_not_its_last_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    scheduled(dir, "monday 09:00 UTC");
    own(dir, "2026-03-03T10:00:00Z", "ann", "principal");
    crate::checkin_cli::run_due(dir, "2026-03-09T09:05:00Z", false);
    let out = at(dir, "2026-03-09T10:00:00Z", "ann", false, "2\n");
    assert!(
        out.contains("Confirmed Serverless Functions Principal."),
        "{out}"
    );
    let out = at(
        dir,
        "2026-03-11T10:00:00Z",
        "ann",
        false,
        "/assess serverless\n",
    );
    assert!(
        out.contains("You are Principal since 3 Mar 2026; re-confirming from Lead."),
        "{out}"
    );
}

#[test]
fn a_large_team_summary_is_one_message_with_a_line_per_skill() {
    use crate::app_support::{Harness, lead};
    use skillbot::frontends::console::actor;
    let mut h = Harness::new();
    let shipped = std::fs::read_to_string(h.matrix_dir.join("serverless-functions.toml")).unwrap();
    for (slug, name) in [
        ("edge", "Edge Functions"),
        ("queues", "Message Queues"),
        ("iac", "Infrastructure as Code"),
        ("tracing", "Distributed Tracing"),
    ] {
        let copy = shipped
            .replace(
                "slug = \"serverless-functions\"",
                &format!("slug = \"{slug}\""),
            )
            .replace(
                "name = \"Serverless Functions\"",
                &format!("name = \"{name}\""),
            );
        std::fs::write(h.matrix_dir.join(format!("{slug}.toml")), copy).unwrap();
    }
    h.restart();
    for (i, role) in [
        "ce",
        "\"Platform Engineer\"",
        "\"Infrastructure Engineer\"",
        "aipe",
    ]
    .iter()
    .enumerate()
    {
        h.run(
            &actor("team-a", &format!("m{i}"), false),
            &format!("/profile role:{role}"),
        );
    }
    let r = h.run(&lead(), "/team summary");
    let names: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["By skill, all roles together", "More"], "{r:#?}");
    let lines = r.fields[0].value.lines().count();
    assert_eq!(lines, 5, "{}", r.fields[0].value);
    assert!(
        r.fields[0]
            .value
            .contains("Serverless Functions: 4 members · 4 never assessed"),
        "{}",
        r.fields[0].value
    );
    assert!(r.fields[1].value.contains("/team summary skill:<skill>"));
    assert_eq!(skillbot::frontends::discord::render::pages(&r).len(), 1);
    // One skill: role by role, as before.
    let one = h.run(&lead(), "/team summary skill:edge");
    assert!(
        one.fields
            .iter()
            .any(|f| f.name == "Edge Functions · Cloud Engineer"),
        "{one:#?}"
    );
}

#[test]
fn a_new_skill_starts_from_a_skeleton_that_check_accepts_once_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_skillbot"))
            .arg("--matrix-dir")
            .arg(crate::support::repo_path("data/matrix"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let o = run(&[
        "matrix",
        "new",
        "message-queues",
        "--name",
        "Message Queues",
        "--out",
        ".",
    ]);
    assert!(o.status.success(), "{o:?}");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("5 levels × 4 roles to describe"),
        "{o:?}"
    );
    let file = dir.path().join("message-queues.toml");
    let skeleton = std::fs::read_to_string(&file).unwrap();
    assert!(skeleton.starts_with("# A skill of the matrix: fill in every description"));
    // Refused as it is: nothing is described yet.
    assert_eq!(
        run(&["matrix", "check", "message-queues.toml"])
            .status
            .code(),
        Some(1)
    );
    // Again refused, not overwritten.
    let again = run(&["matrix", "new", "message-queues", "--out", "."]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let filled = skeleton
        .replace("domain = \"\"", "domain = \"Cloud & Infrastructure\"")
        .replace("group = \"\"", "group = \"Messaging\"")
        .replace(
            "description = \"\"",
            "description = \"Works with queues at this level.\"",
        );
    std::fs::write(&file, filled).unwrap();
    let o = run(&["matrix", "check", "message-queues.toml"]);
    assert!(o.status.success(), "{o:?}");
}

#[test]
fn the_skill_lists_say_how_to_add_the_teams_own() {
    let mut h = crate::app_support::Harness::new();
    for (who, line) in [
        (crate::app_support::ann(), "/skills"),
        (crate::app_support::lead(), "/matrix list"),
    ] {
        let r = h.run(&who, line);
        let more = r
            .fields
            .iter()
            .find(|f| f.name == "More skills")
            .unwrap_or_else(|| panic!("{line}: {r:#?}"));
        assert!(more.value.contains("/matrix import"), "{}", more.value);
        assert!(
            more.value.contains("skillbot matrix new <slug>"),
            "{}",
            more.value
        );
    }
}

#[test]
fn the_console_refuses_to_rate_a_member_who_never_used_it() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    at(
        dir,
        "2026-03-01T10:00:00Z",
        "zoe",
        false,
        "/profile role:ce\n",
    );
    let out = at(
        dir,
        "2026-03-01T11:00:00Z",
        "dana",
        true,
        "/assess serverless member:zed\n/assess serverless member:zoey\n",
    );
    assert!(
        out.contains("No member zed here: a member is someone who has opened the console in this workspace (with --as). Members here: zoe."),
        "{out}"
    );
    assert!(out.contains("No member zoey here"), "{out}");
    assert!(out.contains("Did you mean zoe?"), "{out}");
    assert!(!out.contains("Rating zed"), "{out}");
    let conn = rusqlite::Connection::open(dir.join("bot.db")).unwrap();
    let zed: i64 = conn
        .query_row(
            "SELECT count(*) FROM members WHERE external_id = 'zed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(zed, 0);
}
