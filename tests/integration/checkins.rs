//! The weekly check-ins, pass by pass at pinned times: local times across
//! daylight-saving changes and at the edges of the world, exactly once per
//! member and week through restarts, second processes, clocks that jump
//! and time zones that change; opting out, snoozing, pausing; the one
//! reminder; refused and rate-limited messages; the leads' digest.

use crate::checkin_support::{Team, in_dm, lead, member};
use skillbot::app::render::to_text;
use skillbot::app::{Delivery, Outcome, Recipient};
use std::time::Duration;

fn plain(reply: &skillbot::app::Reply) -> String {
    skillbot::app::markup::plain(&to_text(reply))
}

/// A team whose lead set the schedule, with members who joined at the
/// start (a week before the first check-in in these tests).
/// The check-ins a pass sent, leaving out its reminders and digests.
fn checkins(t: &mut Team) -> Vec<String> {
    t.pass_lines()
        .into_iter()
        .filter(|l| l.starts_with("checkin "))
        .collect()
}

/// A team whose lead set Mondays 09:00 Berlin time, its members joined on
/// Monday 23 March 2026, a week before the first check-in of most tests.
fn berlin(members: &[&str]) -> Team {
    team(
        "2026-03-23T12:00:00Z",
        "monday 09:00 Europe/Berlin",
        members,
    )
}

/// A member records a level of their own in Serverless Functions.
fn rate_self(t: &mut Team, who: &str, level: &str) {
    let r = t.run(&member(who), &format!("/assess serverless level:{level}"));
    let r = t.press(&member(who), &r, "Skip");
    assert_eq!(t.press(&member(who), &r, "Save").outcome, Outcome::Ok);
}

fn team(start: &str, schedule: &str, members: &[&str]) -> Team {
    let mut t = Team::new(start);
    t.run(&lead(), &format!("/checkin schedule {schedule}"));
    for name in members {
        t.run(&member(name), "/profile role:ce");
    }
    t
}

#[test]
fn nine_local_on_both_sides_of_a_daylight_saving_change() {
    // Berlin moves from UTC+1 to UTC+2 on Sunday 29 March 2026.
    let mut t = team(
        "2026-03-16T12:00:00Z",
        "monday 09:00 Europe/Berlin",
        &["ann"],
    );
    t.at("2026-03-23T07:59:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    t.at("2026-03-23T08:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W13 2026-03-23T09:00:00+01:00"]
    );
    assert_eq!(checkins(&mut t), Vec::<String>::new(), "once");
    t.at("2026-03-30T06:59:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    t.at("2026-03-30T07:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W14 2026-03-30T09:00:00+02:00"]
    );
    assert_eq!(t.post.to("ann-id").len(), 2);

    // New York leaves summer time on Sunday 1 November 2026.
    let mut t = team(
        "2026-10-19T12:00:00Z",
        "monday 09:00 America/New_York",
        &["bob"],
    );
    t.at("2026-10-26T13:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin bob-id sent 2026-W44 2026-10-26T09:00:00-04:00"]
    );
    t.at("2026-11-02T13:59:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    t.at("2026-11-02T14:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin bob-id sent 2026-W45 2026-11-02T09:00:00-05:00"]
    );
}

#[test]
fn a_time_skipped_by_the_clocks_goes_out_at_the_first_minute_after_and_a_repeated_one_once() {
    // Sunday 29 March 2026, Berlin: 02:00 becomes 03:00; 02:30 never is.
    let mut t = team(
        "2026-03-16T12:00:00Z",
        "sunday 02:30 Europe/Berlin",
        &["ann"],
    );
    t.at("2026-03-29T00:59:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    t.at("2026-03-29T01:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W13 2026-03-29T03:00:00+02:00"]
    );
    // Sunday 1 November 2026, New York: 01:30 happens at 05:30 and 06:30 UTC.
    let mut t = team(
        "2026-10-19T12:00:00Z",
        "sunday 01:30 America/New_York",
        &["bob"],
    );
    t.at("2026-11-01T05:30:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin bob-id sent 2026-W44 2026-11-01T01:30:00-04:00"]
    );
    t.at("2026-11-01T06:30:00Z");
    assert_eq!(
        checkins(&mut t),
        Vec::<String>::new(),
        "not again at 01:30 EST"
    );
}

#[test]
fn members_at_utc_plus_14_and_minus_12_get_their_own_monday_morning() {
    // They join on Tuesday: last week's Monday morning passed for both.
    let mut t = team("2026-03-24T12:00:00Z", "monday 09:00 UTC", &[]);
    t.run(
        &member("kiri"),
        "/profile role:ce timezone:Pacific/Kiritimati",
    );
    t.run(&member("baker"), "/profile role:ce timezone:Etc/GMT+12");
    t.at("2026-03-29T18:59:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    // Monday 09:00 at UTC+14 is Sunday 19:00 UTC.
    t.at("2026-03-29T19:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin kiri-id sent 2026-W14 2026-03-30T09:00:00+14:00"]
    );
    // Monday 09:00 at UTC−12 is Monday 21:00 UTC.
    t.at("2026-03-30T20:59:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    t.at("2026-03-30T21:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin baker-id sent 2026-W14 2026-03-30T09:00:00-12:00"]
    );
}

#[test]
fn a_pass_cut_short_by_a_restart_never_sends_anyone_a_second_check_in() {
    let mut t = berlin(&["ann", "bob", "cy"]);
    t.at("2026-03-30T07:00:00Z");
    // The process dies while bob's message is on its way.
    t.post.stall_on("bob-id");
    let now = t.now;
    let post = t.post.clone();
    let app = &t.app;
    t.runtime.block_on(async {
        tokio::select! {
            _ = app.run_due(now, &[skillbot::team::Platform::Discord]) => panic!("the pass should hang on bob"),
            () = post.stalled.notified() => {}
        }
    });
    t.post.stall_on("nobody");
    t.restart();
    // Messages go out a few at a time, so cy's went out beside bob's
    // before the process died. The new process sends neither ann's, cy's
    // nor bob's again: bob's may have gone out before the process died.
    assert_eq!(t.pass_lines(), Vec::<String>::new());
    t.at("2026-03-30T07:20:00Z");
    assert_eq!(t.pass_lines(), Vec::<String>::new());
    for name in ["ann-id", "cy-id"] {
        assert_eq!(t.post.to(name).len(), 1, "{name}");
    }
    assert_eq!(t.post.attempts("bob-id"), 1, "never tried again");
    let bob = t
        .store
        .find_member(
            t.store
                .find_workspace(skillbot::team::Platform::Discord, "guild-1")
                .unwrap()
                .unwrap(),
            "bob-id",
        )
        .unwrap()
        .unwrap();
    let checkin = t.store.checkin(bob.id, "2026-W14").unwrap().unwrap();
    assert_eq!(checkin.status, skillbot::store::CheckinStatus::Failed);
    assert!(checkin.reason.unwrap().contains("interrupted"));
}

#[test]
fn two_passes_at_once_on_one_database_send_each_member_one_check_in() {
    let names: Vec<String> = (0..20).map(|i| format!("m{i:02}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut t = team("2026-03-23T12:00:00Z", "monday 09:00 Europe/Berlin", &refs);
    t.at("2026-03-30T07:00:00Z");
    let other = t.another_process();
    let now = t.now;
    let platforms = [skillbot::team::Platform::Discord];
    let (a, b) = t.runtime.block_on(async {
        tokio::join!(
            t.app.run_due(now, &platforms),
            other.run_due(now, &platforms)
        )
    });
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len() + b.len(), 20, "{a:?} {b:?}");
    for name in &names {
        assert_eq!(t.post.to(&format!("{name}-id")).len(), 1, "{name}");
    }
}

#[test]
fn a_clock_that_jumps_back_or_ahead_sends_no_week_twice_and_no_week_late() {
    let mut t = team(
        "2026-03-16T12:00:00Z",
        "monday 09:00 Europe/Berlin",
        &["ann"],
    );
    t.at("2026-03-30T07:00:00Z");
    assert_eq!(t.pass().len(), 1);
    // Back a week: W13's was never sent, and is not sent now.
    t.at("2026-03-25T10:00:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    // Ahead three weeks, to a Wednesday: that week's goes out at once,
    // the two weeks skipped never do.
    t.at("2026-04-22T10:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W17 2026-04-20T09:00:00+02:00"]
    );
    assert_eq!(t.post.to("ann-id").len(), 2);
}

#[test]
fn a_member_who_changes_time_zone_mid_week_gets_that_weeks_check_in_once() {
    let mut t = team("2026-03-30T10:00:00Z", "wednesday 09:00 Europe/Berlin", &[]);
    t.run(&member("ann"), "/profile role:ce timezone:America/New_York");
    t.run(&member("bob"), "/profile role:ce timezone:America/New_York");
    assert!(t.pass().is_empty());
    // Ann moves to Tokyo on Monday: Wednesday 09:00 there is still ahead.
    t.run(&member("ann"), "/profile timezone:Asia/Tokyo");
    t.at("2026-03-31T23:59:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    t.at("2026-04-01T00:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W14 2026-04-01T09:00:00+09:00"]
    );
    // Bob moves to Berlin at 08:00 New York time on Wednesday: 09:00 in
    // Berlin has passed, so it goes out at once, and not again at 09:00
    // New York time.
    t.at("2026-04-01T12:00:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    t.run(&member("bob"), "/profile timezone:Europe/Berlin");
    t.at("2026-04-01T12:01:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin bob-id sent 2026-W14 2026-04-01T09:00:00+02:00"]
    );
    t.at("2026-04-01T13:00:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    assert_eq!(t.post.to("ann-id").len(), 1);
    assert_eq!(t.post.to("bob-id").len(), 1);
}

#[test]
fn members_who_opt_out_get_nothing_until_they_opt_in_again() {
    let mut t = berlin(&["ann", "bob"]);
    let off = t.run(&member("ann"), "/checkin me off");
    assert!(
        plain(&off).contains("off; turn them on with /checkin me on"),
        "{}",
        plain(&off)
    );
    t.at("2026-03-30T07:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin bob-id sent 2026-W14 2026-03-30T09:00:00+02:00"]
    );
    // Bob stops them from the check-in itself, pressed in his DMs.
    let message = t.last_to(&member("bob"));
    let stopped = t.press(&in_dm(&member("bob")), &message, "Stop these");
    assert!(
        stopped.text.contains("no more weekly check-ins"),
        "{stopped:#?}"
    );
    let profile = t.run(&member("bob"), "/profile");
    assert!(
        plain(&profile).contains("Weekly check-in\n  off"),
        "{}",
        plain(&profile)
    );
    // Ann turns them on again before next week's.
    t.at("2026-04-01T10:00:00Z");
    let on = t.run(&member("ann"), "/profile checkin:on");
    // This week's fell due while she was off: it comes at once.
    assert!(
        plain(&on).contains("Weekly check-in\n  on; the next one comes 1 Apr 2026 12:00 CEST"),
        "{}",
        plain(&on)
    );
    // No pass ran before the week was over: it is not sent late.
    t.at("2026-04-06T07:00:00Z");
    let lines = checkins(&mut t);
    assert!(
        lines.contains(&"checkin ann-id sent 2026-W15 2026-04-06T09:00:00+02:00".to_string()),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.contains("bob-id")), "{lines:?}");
}

#[test]
fn a_snoozed_member_skips_the_weeks_they_asked_to() {
    let mut t = berlin(&["ann", "bob"]);
    t.at("2026-03-30T07:00:00Z");
    assert_eq!(t.pass().len(), 2);
    t.at("2026-03-30T12:00:00Z");
    let message = t.last_to(&member("ann"));
    // "Snooze a week" on this week's check-in skips this one: the next
    // comes as planned (issue 18.7).
    let snoozed = t.press(&in_dm(&member("ann")), &message, "Snooze a week");
    assert!(
        plain(&snoozed).starts_with(
            "Snoozed: this week's check-in is skipped. The next one comes 6 Apr 2026 09:00 CEST."
        ),
        "{}",
        plain(&snoozed)
    );
    // Two weeks from an open check-in: this one and the next.
    let r = t.run(&member("bob"), "/checkin snooze 2");
    assert!(plain(&r).contains("Snoozed for 2 weeks."), "{}", plain(&r));
    assert!(
        plain(&r).contains("the next one comes 13 Apr 2026 09:00 CEST"),
        "{}",
        plain(&r)
    );
    let bad = t.act(
        &member("bob"),
        skillbot::frontends::console::parse_command("checkin snooze 40").unwrap(),
    );
    assert_eq!(bad.outcome, Outcome::Refused);
    assert!(
        bad.text.contains("Snooze for 1 to 12 weeks, not 40"),
        "{}",
        bad.text
    );
    t.at("2026-04-06T07:00:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W15 2026-04-06T09:00:00+02:00"]
    );
    // Snoozing answers the open check-in: no reminder came, and the
    // digest says so.
    assert_eq!(t.post.to("bob-id").len(), 1);
    let status = plain(&t.run(&lead(), "/checkin status"));
    assert!(
        status.contains("0 of 2 members reached checked in (0%).\n  Snoozed: ann, bob."),
        "{status}"
    );
    t.at("2026-04-13T07:00:00Z");
    let lines = checkins(&mut t);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("checkin bob-id sent 2026-W16")),
        "{lines:?}"
    );
}

#[test]
fn a_paused_workspace_gets_nothing_and_a_missed_week_is_not_sent_late() {
    let mut t = berlin(&["ann"]);
    let r = t.run(&lead(), "/checkin pause");
    assert!(r.text.contains("paused"), "{}", r.text);
    let refused = t.act(
        &member("ann"),
        skillbot::frontends::console::parse_command("checkin pause").unwrap(),
    );
    assert_eq!(refused.outcome, Outcome::Refused, "for leads");
    t.at("2026-03-30T07:00:00Z");
    assert_eq!(checkins(&mut t), Vec::<String>::new());
    let status = t.run(&member("ann"), "/checkin me");
    assert!(
        plain(&status).contains("a lead paused check-ins"),
        "{}",
        plain(&status)
    );
    // Resumed on Tuesday of the next week: that week's goes out at once,
    // the paused week's never.
    t.at("2026-04-07T10:00:00Z");
    t.run(&lead(), "/checkin resume");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W15 2026-04-06T09:00:00+02:00"]
    );
    assert_eq!(t.post.to("ann-id").len(), 1);
}

#[test]
fn one_reminder_after_the_delay_and_never_a_second() {
    let mut t = berlin(&["ann", "bob"]);
    // Rated, so that "No change" has levels to confirm.
    rate_self(&mut t, "ann", "middle");
    rate_self(&mut t, "bob", "middle");
    t.at("2026-03-30T07:00:00Z");
    assert_eq!(t.pass().len(), 2);
    t.at("2026-03-30T10:00:00Z");
    let message = t.last_to(&member("bob"));
    let r = t.press(&in_dm(&member("bob")), &message, "No change");
    assert!(
        r.text.starts_with("Noted: no change this week."),
        "{}",
        r.text
    );
    t.at("2026-03-31T06:59:00Z");
    assert_eq!(t.pass_lines(), Vec::<String>::new());
    t.at("2026-03-31T07:00:00Z");
    assert_eq!(
        t.pass_lines(),
        ["reminder ann-id sent 2026-W14 2026-03-31T09:00:00+02:00"]
    );
    let reminder = t.last_to(&member("ann"));
    assert!(
        reminder
            .text
            .starts_with("A reminder: your check-in of this week is still open."),
        "{}",
        reminder.text
    );
    for at in [
        "2026-03-31T08:00:00Z",
        "2026-04-02T07:00:00Z",
        "2026-04-05T20:00:00Z",
    ] {
        t.at(at);
        assert_eq!(t.pass_lines(), Vec::<String>::new(), "{at}");
    }
    // The reminder's buttons answer the check-in.
    let r = t.press(&in_dm(&member("ann")), &reminder, "No change");
    assert!(r.text.starts_with("Noted"), "{}", r.text);
    assert_eq!(t.post.to("ann-id").len(), 2);
    assert_eq!(t.post.to("bob-id").len(), 1);
}

#[test]
fn the_reminder_delay_is_the_workspaces_to_set() {
    let mut t = berlin(&["ann"]);
    let r = t.run(&lead(), "/checkin reminder 48");
    assert!(r.text.contains("after 48 hours"), "{}", r.text);
    let bad = t.act(
        &lead(),
        skillbot::frontends::console::parse_command("checkin reminder 500").unwrap(),
    );
    assert!(bad.text.contains("1 to 168 hours"), "{}", bad.text);
    t.at("2026-03-30T07:00:00Z");
    t.pass();
    t.at("2026-03-31T07:00:00Z");
    assert_eq!(t.pass_lines(), Vec::<String>::new());
    t.at("2026-04-01T07:00:00Z");
    assert_eq!(t.pass().len(), 1);
}

#[test]
fn a_refused_dm_is_recorded_not_retried_and_failures_are_retried_a_bounded_number_of_times() {
    let mut t = berlin(&["cy", "ed"]);
    t.post.answer(
        "cy-id",
        vec![Delivery::Refused(skillbot::app::why::Why::DmsClosed)],
    );
    t.post.answer(
        "ed-id",
        vec![
            Delivery::Failed(skillbot::app::why::Why::Status {
                platform: "discord".into(),
                status: 502,
            });
            5
        ],
    );
    t.at("2026-03-30T07:00:00Z");
    let lines = t.pass_lines();
    assert_eq!(
        lines,
        [
            "checkin cy-id refused 2026-W14 2026-03-30T09:00:00+02:00 (they do not accept direct messages from this server)",
            "checkin ed-id failed 2026-W14 2026-03-30T09:00:00+02:00 (Discord answered 502 (after 3 attempts))"
        ]
    );
    assert_eq!(t.post.attempts("cy-id"), 1);
    assert_eq!(t.post.attempts("ed-id"), 3);
    // Neither is tried again, and neither gets a reminder.
    for at in ["2026-03-30T08:00:00Z", "2026-03-31T08:00:00Z"] {
        t.at(at);
        assert_eq!(t.pass_lines(), Vec::<String>::new());
    }
    assert_eq!(t.post.attempts("cy-id"), 1);
    assert_eq!(t.post.attempts("ed-id"), 3);
}

#[test]
fn a_rate_limit_waits_for_the_time_discord_names_then_sends_once() {
    let mut t = berlin(&["dee"]);
    t.post.answer(
        "dee-id",
        vec![
            Delivery::RateLimited(Some(Duration::from_secs(8))),
            Delivery::RateLimited(Some(Duration::from_secs(8))),
        ],
    );
    t.at("2026-03-30T07:00:00Z");
    // The runtime's clock is paused: the waits pass at once, and count.
    let started = t.runtime.block_on(async { tokio::time::Instant::now() });
    assert_eq!(
        t.pass_lines(),
        ["checkin dee-id sent 2026-W14 2026-03-30T09:00:00+02:00"]
    );
    let waited = t.runtime.block_on(async { started.elapsed() });
    assert!(waited >= Duration::from_secs(16), "{waited:?}");
    assert_eq!(t.post.attempts("dee-id"), 3);
    assert_eq!(t.post.to("dee-id").len(), 1);
}

#[test]
fn the_check_in_says_where_the_member_stands_and_what_the_next_level_expects() {
    let mut t = berlin(&["ann"]);
    // Ann rated herself Middle; the lead rated her Senior.
    rate_self(&mut t, "ann", "middle");
    let r = t.run(
        &lead(),
        "/assess serverless member:ann-id level:senior role:ce",
    );
    let r = t.press(&lead(), &r, "Skip");
    assert_eq!(t.press(&lead(), &r, "Save").outcome, Outcome::Ok);
    t.at("2026-03-30T07:00:00Z");
    t.pass();
    let message = t.last_to(&member("ann"));
    let text = plain(&message);
    assert!(
        text.starts_with("Your weekly check-in (2026-W14)"),
        "{text}"
    );
    assert!(text.contains("Serverless Functions\n  You: Middle (23 Mar 2026 13:00 CET). Lead: Senior (23 Mar 2026 13:00 CET)."), "{text}");
    let next = &text[text.find("Next, Senior expects:").expect(&text)..];
    assert!(next.contains("• Required:"), "{next}");
    let labels: Vec<&str> = message.buttons.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Check in", "No change", "Snooze a week", "Stop these"]
    );
}

#[test]
fn check_in_goes_through_each_skill_and_no_change_confirms_the_levels() {
    let mut t = berlin(&["ann", "bob"]);
    for who in ["ann", "bob"] {
        rate_self(&mut t, who, "middle");
    }
    t.at("2026-03-30T07:00:00Z");
    t.pass();
    // Ann checks in from her DMs: the guided assessment re-confirms from
    // one level below hers (Junior), and she now does Senior's too.
    let ann = in_dm(&member("ann"));
    let message = t.last_to(&member("ann"));
    let r = t.press(&ann, &message, "Check in");
    assert!(
        r.text
            .starts_with("Check-in 2026-W14, skill 1 of 1: Serverless Functions."),
        "{}",
        r.text
    );
    let r = t.press(&ann, &r, "I do this");
    let r = t.press(&ann, &r, "I do this");
    let r = t.press(&ann, &r, "I do this");
    let r = t.press(&ann, &r, "Not yet");
    let r = t.press(&ann, &r, "Skip");
    let saved = t.press(&ann, &r, "Save");
    assert!(
        plain(&saved).contains("You are Senior in Serverless Functions"),
        "{}",
        plain(&saved)
    );
    assert!(
        saved
            .text
            .contains("That was the last skill of this week's check-in"),
        "{}",
        saved.text
    );
    // The check-in is closed once done with.
    let again = t.press(&ann, &message, "No change");
    assert_eq!(again.outcome, Outcome::Refused, "{again:#?}");
    // Bob confirms his level as it is.
    let message = t.last_to(&member("bob"));
    let r = t.press(&in_dm(&member("bob")), &message, "No change");
    assert_eq!(
        r.text,
        "Noted: no change this week. Confirmed Serverless Functions Middle."
    );
    let history = plain(&t.run(&member("bob"), "/history"));
    assert!(history.contains("Middle · weekly check-in"), "{history}");
    // Someone else's check-in cannot be answered, from a DM or a server.
    let theirs = t.press(&in_dm(&member("cy")), &message, "No change");
    assert_eq!(theirs.outcome, Outcome::Refused);
}

#[test]
fn the_digest_names_who_answered_who_did_not_whose_level_changed_and_whose_dms_are_closed() {
    let mut t = berlin(&["ann", "bob", "cy", "dee"]);
    t.run(&lead(), "/checkin digest-channel channel:leads-chan");
    for who in ["ann", "bob"] {
        rate_self(&mut t, who, "middle");
    }
    t.post.answer(
        "cy-id",
        vec![Delivery::Refused(skillbot::app::why::Why::DmsClosed)],
    );
    t.at("2026-03-30T07:00:00Z");
    assert_eq!(t.pass().len(), 4);
    t.at("2026-03-30T09:00:00Z");
    let ann = in_dm(&member("ann"));
    let r = t.press(&ann, &t.last_to(&member("ann")), "Check in");
    let r = t.press(&ann, &r, "I do this");
    let r = t.press(&ann, &r, "I do this");
    let r = t.press(&ann, &r, "I do this");
    let r = t.press(&ann, &r, "Not yet");
    let r = t.press(&ann, &r, "Skip");
    t.press(&ann, &r, "Save");
    t.press(
        &in_dm(&member("bob")),
        &t.last_to(&member("bob")),
        "No change",
    );
    // The week's window closes when next week's check-ins fall due.
    t.at("2026-04-06T06:59:00Z");
    assert!(!t.pass_lines().iter().any(|l| l.starts_with("digest")));
    t.at("2026-04-06T07:00:00Z");
    let lines = t.pass_lines();
    assert!(
        lines.contains(&"digest - sent 2026-W14 2026-04-06T09:00:00+02:00".to_string()),
        "{lines:?}"
    );
    let digest = t.post.to("leads-chan");
    assert_eq!(digest.len(), 1);
    assert_eq!(
        digest[0].title.as_deref(),
        Some("Weekly check-ins, 2026-W14")
    );
    assert_eq!(
        digest[0].text,
        "2 of 3 members reached checked in (67%).\n\
         Checked in: ann (Serverless Functions Middle → Senior (+1)); bob (Serverless Functions Middle confirmed).\n\
         No answer: dee.\n\
         DMs closed: cy (they do not accept direct messages from this server)."
    );
    t.at("2026-04-06T08:00:00Z");
    assert!(
        !t.pass_lines().iter().any(|l| l.starts_with("digest")),
        "once"
    );
    // The lead sees the numbers and the digest in /checkin status.
    let status = plain(&t.run(&lead(), "/checkin status"));
    assert!(
        status.contains("2026-W14: 3 delivered, 2 checked in (67%), 1 with DMs closed, 0 failed"),
        "{status}"
    );
    assert!(
        status.contains("Checked in, week by week\n  2026-W14 2 of 3 (67%)"),
        "{status}"
    );
    assert!(status.contains("Latest digest (2026-W14)"), "{status}");
    assert!(
        status.contains("Digest\n  posted in #leads-chan"),
        "{status}"
    );
    assert!(status.contains("ann: 13 Apr 2026 09:00 CEST"), "{status}");
    // Members cannot see it.
    let refused = t.act(
        &member("dee"),
        skillbot::frontends::console::parse_command("checkin status").unwrap(),
    );
    assert_eq!(refused.outcome, Outcome::Refused);
    assert!(matches!(
        t.post
            .all()
            .iter()
            .find(|n| {
                let shown = n.rendered();
                shown.title.is_some() && shown.text.contains("reached checked in")
            })
            .map(|n| &n.to),
        Some(Recipient::Channel { .. })
    ));
}

#[test]
fn a_digest_found_over_a_week_late_is_recorded_not_posted() {
    let mut t = berlin(&["ann"]);
    t.run(&lead(), "/checkin digest-channel channel:leads-chan");
    t.at("2026-03-30T07:00:00Z");
    assert_eq!(t.pass().len(), 1);
    // Nothing runs until the Tuesday after next week's window closed.
    t.at("2026-04-14T10:00:00Z");
    let lines = t.pass_lines();
    assert!(
        lines.contains(
            &"digest - failed 2026-W14 2026-04-06T09:00:00+02:00 (not posted: its week's window \
              closed over a week before anything ran)"
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(t.post.to("leads-chan").is_empty());
}

#[test]
fn leads_choose_the_skills_asked_about() {
    let mut t = berlin(&["ann"]);
    let r = t.run(&lead(), "/checkin skills serverless functions");
    assert_eq!(
        r.text,
        "The check-in asks everyone about: Serverless Functions."
    );
    let r = t.act(
        &lead(),
        skillbot::frontends::console::parse_command(
            "checkin skills serverless, quantum basket weaving",
        )
        .unwrap(),
    );
    assert_eq!(r.outcome, Outcome::Refused);
    assert!(r.text.contains("quantum basket weaving"), "{}", r.text);
    let r = t.run(&lead(), "/checkin skills default");
    assert!(
        r.text
            .starts_with("The check-in asks each member about the skills they have a rating in"),
        "{}",
        r.text
    );
    // A member without a role or a rating gets no check-in: they start
    // once the member sets a role or assesses a skill (issue 18.11).
    t.run(&member("bo"), "/profile timezone:Europe/Berlin");
    t.at("2026-03-30T07:00:00Z");
    t.pass();
    assert!(t.post.to("bo-id").is_empty());
    assert_eq!(t.post.to("ann-id").len(), 1);
}

#[test]
fn a_member_who_deletes_their_data_leaves_no_trace_in_the_digest_and_exports_their_check_ins() {
    let mut t = berlin(&["ann", "bob"]);
    rate_self(&mut t, "bob", "middle");
    t.at("2026-03-30T07:00:00Z");
    t.pass();
    t.press(
        &in_dm(&member("bob")),
        &t.last_to(&member("bob")),
        "No change",
    );
    t.at("2026-04-06T07:00:00Z");
    t.pass();
    let export = t.run(&member("bob"), "/privacy export");
    let json: serde_json::Value = serde_json::from_slice(&export.attachments[0].bytes).unwrap();
    assert_eq!(json["check_ins"][0]["week"], "2026-W14");
    assert_eq!(json["check_ins"][0]["answer"], "no_change");
    let status = plain(&t.run(&lead(), "/checkin status"));
    assert!(
        status.contains("Checked in: bob (Serverless Functions Middle confirmed)."),
        "{status}"
    );
    let r = t.run(&member("bob"), "/privacy delete");
    t.press(&member("bob"), &r, "Delete my data");
    let status = plain(&t.run(&lead(), "/checkin status"));
    assert!(status.contains("Latest digest (2026-W14)"), "{status}");
    assert!(!status.contains("bob"), "{status}");
}
