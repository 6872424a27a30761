//! Ratings a lead can trust and feedback that reaches the member (issue
//! 10): a team's rounds typed into the console from a pipe, at pinned
//! times.

use std::path::Path;
use std::process::Command;

/// One console session of `who` at `now`; a lead when `lead`.
pub fn at(dir: &Path, now: &str, who: &str, lead: bool, script: &str) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_skillbot"));
    cmd.arg("--database")
        .arg(dir.join("bot.db"))
        .arg("--matrix-dir")
        .arg(crate::support::repo_path("data/matrix"))
        .args(["--now", now, "console", "--workspace", "team", "--as", who]);
    if lead {
        cmd.arg("--lead");
    }
    crate::support::typed(cmd.current_dir(dir), script)
}

/// Records a level for oneself: the command, Skip the note, Save (and
/// "Save" again when a lower level is asked about; otherwise that last line
/// finds no buttons and is only told to type a command).
fn claim(dir: &Path, now: &str, who: &str, level: &str) -> String {
    at(
        dir,
        now,
        who,
        false,
        &format!("/profile role:ce\n/assess serverless level:{level}\n2\n1\n1\n"),
    )
}

/// The part of the output from the last time `marker` appears.
fn from_last<'a>(out: &'a str, marker: &str) -> &'a str {
    let at = out
        .rfind(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in {out}"));
    &out[at..]
}

#[test]
fn a_leads_rating_starts_at_the_first_level_with_the_claim_as_context() {
    let dir = tempfile::tempdir().unwrap();
    claim(dir.path(), "2026-11-03T10:00:00Z", "gus", "principal");
    // Yes, Yes, Not yet: below gus's own Principal, so a note is needed; an
    // empty note is refused and the form is asked again.
    let out = at(
        dir.path(),
        "2026-11-05T15:00:00Z",
        "dana",
        true,
        "/assess serverless member:gus\n1\n1\n3\n1\n\npair with bob on Terraform\n1\n",
    );
    let first = from_last(&out, "Serverless Functions: Junior (1 of 5)");
    assert!(
        first.starts_with(
            "Serverless Functions: Junior (1 of 5)\ngus says Principal, 3 Nov 2026, no note.\n"
        ),
        "{out}"
    );
    let note = from_last(&out, "Serverless Functions: evidence");
    assert!(
        note.starts_with(
            "Serverless Functions: evidence\nYour rating, Middle, is below gus's own (Principal): add a note, \
             since that is the conversation gus will want to have.\n[1] Add a note  [2] Back  [3] Cancel\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("Note (required) (/cancel closes the form)"),
        "{out}"
    );
    assert!(
        out.contains("A note is needed here: your rating is below gus's own"),
        "{out}"
    );
    assert!(out.contains("Saved 5 Nov 2026 15:00 UTC: gus is Middle in Serverless Functions (as Cloud Engineer).\n"), "{out}");
    // The member's direct message, kept for gus's next console: the level,
    // the note, what comes next.
    assert!(
        out.contains("(kept for gus: shown when they next open the console)"),
        "{out}"
    );
    let gus = at(dir.path(), "2026-11-05T16:00:00Z", "gus", false, "");
    assert!(
        gus.contains(
            "dana recorded your level in Serverless Functions: Middle (as Cloud Engineer), \
             5 Nov 2026 15:00 UTC.\nTheir note: “pair with bob on Terraform”\nNext, Senior expects:\n\
             • Required: Designs infrastructure solutions with Serverless Functions."
        ),
        "{gus}"
    );
    // The next round starts one level below the lead's own last rating.
    let out = at(
        dir.path(),
        "2026-11-20T09:00:00Z",
        "dana",
        true,
        "/assess serverless member:gus\n",
    );
    assert!(
        out.contains("Serverless Functions: Junior (1 of 5)\nYou rated gus Middle on 5 Nov 2026; re-confirming from Junior.\n"),
        "{out}"
    );
    let out = at(
        dir.path(),
        "2026-11-21T09:00:00Z",
        "dana",
        true,
        "/assess serverless member:gus level:principal\n2\n1\n",
    );
    assert!(out.contains("gus is Principal"), "{out}");
    let out = at(
        dir.path(),
        "2026-11-22T09:00:00Z",
        "dana",
        true,
        "/assess serverless member:gus\n",
    );
    assert!(out.contains("Serverless Functions: Lead (4 of 5)\nYou rated gus Principal on 21 Nov 2026; re-confirming from Lead.\n"), "{out}");
}

#[test]
fn history_keeps_the_two_kinds_apart_and_says_where_the_member_stands() {
    let dir = tempfile::tempdir().unwrap();
    // The example: self Middle, then the lead's Junior, then self
    // Middle again: a disagreement, not two regressions.
    claim(dir.path(), "2026-10-05T09:00:00Z", "gus", "middle");
    at(
        dir.path(),
        "2026-10-06T09:00:00Z",
        "dana",
        true,
        "/assess serverless member:gus level:junior\n1\nhands-on first\n1\n",
    );
    claim(dir.path(), "2026-10-07T09:00:00Z", "gus", "middle");
    let out = at(
        dir.path(),
        "2026-10-08T09:00:00Z",
        "gus",
        false,
        "/history\n",
    );
    assert!(
        out.contains(
            "Serverless Functions\n  Now: self Middle (7 Oct 2026) · lead Junior (6 Oct 2026): the lead rates 1 level lower\n  \
             7 Oct 2026 · Middle · self\n  6 Oct 2026 · Junior · lead dana\n    “hands-on first”\n  5 Oct 2026 · Middle · self\n"
        ),
        "{out}"
    );
    // Within one kind, the arrows: and far apart, a flag.
    at(
        dir.path(),
        "2026-10-09T09:00:00Z",
        "dana",
        true,
        "/assess serverless member:gus level:lead\n2\n1\n",
    );
    let out = at(
        dir.path(),
        "2026-10-10T09:00:00Z",
        "dana",
        true,
        "/history member:gus\n",
    );
    assert!(out.contains("Now: self Middle (7 Oct 2026) · lead Lead (9 Oct 2026): the lead rates 2 levels higher ⚠ worth a conversation\n"), "{out}");
    assert!(out.contains("9 Oct 2026 · Lead ↑ · lead dana\n"), "{out}");
}

#[test]
fn a_long_history_comes_a_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let levels = ["junior", "middle", "senior"];
    for day in 1..=12 {
        claim(
            dir.path(),
            &format!("2026-09-{day:02}T09:00:00Z"),
            "gus",
            levels[day % 3],
        );
    }
    let out = at(
        dir.path(),
        "2026-09-20T09:00:00Z",
        "dana",
        true,
        "/history member:gus\n1\n",
    );
    let first = &out[..out.find("[1] Earlier entries").expect(&out)];
    assert_eq!(first.matches(" · self").count(), 10, "{out}");
    assert!(
        first.contains("12 Sept 2026") || first.contains("12 Sep 2026"),
        "{out}"
    );
    let second = from_last(&out, "gus: self and lead ratings");
    assert_eq!(second.matches(" · self").count(), 2, "{out}");
    assert!(
        second.contains("1 Sep") && second.contains("2 Sep"),
        "{out}"
    );
    // A member who is not a lead may not page through someone else's.
    let out = at(
        dir.path(),
        "2026-09-20T09:00:00Z",
        "bob",
        false,
        "/history member:gus\n",
    );
    assert!(out.contains("/history member: is for team leads"), "{out}");
}

#[test]
fn members_list_the_skills_and_misses_suggest_only_close_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = at(
        dir.path(),
        "2026-11-27T09:00:00Z",
        "bob",
        false,
        "/profile role:ce\n/skills\n/skill quantum senior\n/skill serverless\n",
    );
    assert!(out.contains("Skills (6)\n"), "{out}");
    assert!(
        out.contains(
            "\nFor Cloud Engineer\n  CI/CD Pipelines (ci-cd-pipelines) · Pipelines · 5 levels\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("\n  Serverless Functions (serverless-functions) · Serverless · 5 levels\n"),
        "{out}"
    );
    assert!(
        out.contains("No skill matches \"quantum\". /skills lists them all.\n"),
        "{out}"
    );
    assert!(!out.contains("did you mean"), "{out}");
    let all = from_last(&out, "Serverless Functions: every level for Cloud Engineer");
    for level in ["Junior", "Middle", "Senior", "Lead", "Principal"] {
        assert!(
            all.contains(&format!("\n{level} · Required\n")),
            "{level}: {all}"
        );
    }
}

#[test]
fn an_ambiguous_name_offers_buttons_and_an_import_can_be_removed() {
    let dir = tempfile::tempdir().unwrap();
    let copy = std::fs::read_to_string(crate::support::repo_path(
        "data/matrix/serverless-functions.toml",
    ))
    .unwrap()
    .replace(
        "slug = \"serverless-functions\"",
        "slug = \"serverless-v2\"",
    );
    std::fs::write(dir.path().join("serverless-v2.toml"), copy).unwrap();
    let out = at(
        dir.path(),
        "2026-11-27T09:00:00Z",
        "dana",
        true,
        "/matrix import file:serverless-v2.toml\n1\n",
    );
    assert!(
        out.contains("Imported **Serverless Functions** (serverless-v2)")
            || out.contains("Imported Serverless Functions (serverless-v2)"),
        "{out}"
    );
    let out = at(
        dir.path(),
        "2026-11-27T09:05:00Z",
        "bob",
        false,
        "/skill serverless senior\n2\n",
    );
    assert!(
        out.contains(
            "\"serverless\" matches several skills: which one?\n[1] Serverless Functions (serverless-functions) · shared  \
             [2] Serverless Functions (serverless-v2) · this server's  [3] Cancel\n"
        ),
        "{out}"
    );
    assert!(
        from_last(&out, "which one?").contains("Serverless Functions: Senior\n"),
        "{out}"
    );
    at(
        dir.path(),
        "2026-11-27T09:10:00Z",
        "bob",
        false,
        "/profile role:ce\n/assess serverless-functions level:senior\n2\n1\n",
    );
    let out = at(
        dir.path(),
        "2026-11-27T09:20:00Z",
        "bob",
        false,
        "/profile role:ce\n/assess serverless-v2 level:lead\n2\n1\n",
    );
    assert!(
        out.contains("You are Lead in Serverless Functions"),
        "{out}"
    );
    let out = at(
        dir.path(),
        "2026-11-27T10:00:00Z",
        "dana",
        true,
        "/matrix remove serverless-functions\n/matrix remove serverless-v2\n1\n/skill serverless senior\n",
    );
    assert!(
        out.contains("is a skill of the shared matrix, which every server sees"),
        "{out}"
    );
    assert!(out.contains("Remove Serverless Functions?\nThis removes Serverless Functions (serverless-v2) from this server's skills."), "{out}");
    assert!(out.contains("Removed Serverless Functions (serverless-v2) from this server's skills; its ratings stay"), "{out}");
    // Unambiguous again, and the copy's ratings stay, under its slug.
    assert!(
        from_last(&out, "Removed").contains("Serverless Functions: Senior\n"),
        "{out}"
    );
    let out = at(
        dir.path(),
        "2026-11-27T10:05:00Z",
        "bob",
        false,
        "/history\n",
    );
    assert!(
        out.contains("serverless-v2 (no longer in the matrix)\n"),
        "{out}"
    );
    assert!(out.contains("27 Nov 2026 09:20 UTC · Lead · self"), "{out}");
}

#[test]
fn the_summary_explains_back_undoes_and_a_lower_level_is_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    // The surprise: Partly at Middle, I do this at Senior, Not yet at Lead.
    let out = at(
        dir.path(),
        "2026-10-05T09:00:00Z",
        "ann",
        false,
        "/profile role:ce\n/assess serverless\n1\n2\n1\n3\n2\n",
    );
    let summary = from_last(&out, "Serverless Functions: summary");
    assert!(
        summary.starts_with(
            "Serverless Functions: summary\nLevel: Junior (as Cloud Engineer), working towards Middle\n\n\
             Why: a level counts when it and every level below it are met, and Middle was “Partly”, which does not meet it.\n\
             Junior · I do this\nMiddle · Partly (not met)\nSenior · I do this (counts once Middle is met)\n\
             Lead · Not yet\nPrincipal · not asked\n"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("[1] Save  [2] Back  [3] Cancel"),
        "{summary}"
    );
    // Back, step by step: the note, then the last question.
    let out = at(dir.path(), "2026-10-05T09:01:00Z", "ann", false, "2\n3\n");
    assert!(
        out.contains("Serverless Functions: evidence\nAdd a note with evidence"),
        "{out}"
    );
    assert!(
        from_last(&out, "Serverless Functions: Lead (4 of 5)")
            .contains("[1] I do this  [2] Partly  [3] Not yet  [4] Back  [5] Cancel"),
        "{out}"
    );
    // Senior recorded, then a guided run that ends lower asks first.
    claim(dir.path(), "2026-10-06T09:00:00Z", "ann", "senior");
    let out = at(
        dir.path(),
        "2026-10-07T09:00:00Z",
        "ann",
        false,
        "/assess serverless\n1\n3\n2\n1\n1\n",
    );
    assert!(
        out.contains("You are Senior since 6 Oct 2026; re-confirming from Middle.\n"),
        "{out}"
    );
    assert!(out.contains("This records Middle, below your Senior since 6 Oct 2026. Save the lower level?\n[1] Save Middle  [2] Back  [3] Cancel\n"), "{out}");
    assert!(
        out.contains("Saved 7 Oct 2026 09:00 UTC: You are Middle"),
        "{out}"
    );
    // A level given directly offers the note too.
    let out = at(
        dir.path(),
        "2026-10-08T09:00:00Z",
        "ann",
        false,
        "/assess serverless level:lead\n1\nLed the migration\n1\n",
    );
    assert!(out.contains("Note: Led the migration\n"), "{out}");
}

#[test]
fn times_are_the_members_own_and_show_the_hour_when_a_date_is_not_enough() {
    let dir = tempfile::tempdir().unwrap();
    let out = at(
        dir.path(),
        "2026-11-27T23:30:00Z",
        "kenji",
        false,
        "/profile role:ce timezone:Asia/Tokyo\n/assess serverless level:middle\n2\n1\n",
    );
    assert!(
        out.contains("Saved 28 Nov 2026 08:30 JST: You are Middle"),
        "{out}"
    );
    at(
        dir.path(),
        "2026-11-28T02:00:00Z",
        "kenji",
        false,
        "/assess serverless level:senior\n2\n1\n",
    );
    let out = at(
        dir.path(),
        "2026-11-28T03:00:00Z",
        "kenji",
        false,
        "/history\n",
    );
    assert!(
        out.contains(
            "28 Nov 2026 11:00 JST · Senior ↑ · self\n  28 Nov 2026 08:30 JST · Middle · self\n"
        ),
        "{out}"
    );
}

#[test]
fn wording_and_what_the_console_reads() {
    let dir = tempfile::tempdir().unwrap();
    let out = at(
        dir.path(),
        "2026-11-27T09:00:00Z",
        "ALICE",
        false,
        "/skill serverless senior next\n/skill serverless cloud senior\n/skill cold starts principal\n/profile\n/history member:\"\"\n",
    );
    assert!(
        out.contains("Serverless Functions: from Senior to Lead\n"),
        "{out}"
    );
    let cloud = &from_last(&out, "Serverless Functions: Senior\n")[..200];
    assert!(
        cloud.contains("Cloud Engineer · Required") && !cloud.contains("Platform Engineer"),
        "{cloud}"
    );
    assert!(out.contains("Serverless Functions: Principal\n"), "{out}");
    // Someone who has only asked questions is not a member yet.
    assert!(
        out.contains("Weekly check-in\n  starts once you set your role or assess a skill"),
        "{out}"
    );
    assert!(
        out.contains("Name a member of this server with member:"),
        "{out}"
    );
    // ALICE and alice are one member.
    claim(dir.path(), "2026-11-27T09:01:00Z", "ALICE", "middle");
    let out = at(
        dir.path(),
        "2026-11-27T09:02:00Z",
        "alice",
        false,
        "/history\n/privacy delete\n2\n",
    );
    assert!(out.contains("Middle · self"), "{out}");
    // A member with neither check-ins nor reports is not told of them.
    assert!(out.contains("This deletes your profile and your 1 recorded level in this server. It cannot be undone.\n"), "{out}");
    assert!(!out.contains("check-in") && !out.contains("Kept"), "{out}");
    assert!(out.contains("Cancelled: nothing was deleted."), "{out}");
    let out = at(
        dir.path(),
        "2026-11-27T09:03:00Z",
        "dana",
        true,
        "/config lead-role\n/matrix reload\n",
    );
    assert!(
        out.contains("No lead role is set: only administrators count as team leads here."),
        "{out}"
    );
    assert!(
        out.contains("Reloaded: nothing changed; 6 skills in the shared matrix.\n"),
        "{out}"
    );
}

#[test]
fn an_import_preview_names_what_changes_and_offers_nothing_when_nothing_does() {
    let dir = tempfile::tempdir().unwrap();
    let page = crate::support::fixture("pages/kubernetes-operators.en.txt");
    std::fs::write(dir.path().join("kubernetes-operators.en.txt"), &page).unwrap();
    at(
        dir.path(),
        "2026-11-27T09:00:00Z",
        "dana",
        true,
        "/matrix import file:kubernetes-operators.en.txt\n1\n",
    );
    let out = at(
        dir.path(),
        "2026-11-27T09:01:00Z",
        "dana",
        true,
        "/matrix import file:kubernetes-operators.en.txt\n",
    );
    assert!(
        out.contains(
            "is already this server's, the same as this file: there is nothing to import."
        ),
        "{out}"
    );
    assert!(!out.contains("Confirm"), "{out}");
    std::fs::write(
        dir.path().join("kubernetes-operators.en.txt"),
        page.replace("Writes simple operators", "Writes small operators"),
    )
    .unwrap();
    let out = at(
        dir.path(),
        "2026-11-27T09:02:00Z",
        "dana",
        true,
        "/matrix import file:kubernetes-operators.en.txt\n",
    );
    assert!(
        out.contains(
            "1 expectation changed, 0 added, 0 removed.\nChanged: Backend Engineer at Senior.\n"
        ),
        "{out}"
    );
}
