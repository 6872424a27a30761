//! 17.4 and 17.5. The check-in pass against wrong clocks and late passes:
//! one mistaken future pass silences no one, and a check-in late in the
//! week survives a pass that comes after the week's end.

use crate::checkin_support::{Team, lead, line, member};

fn checkins(t: &mut Team) -> Vec<String> {
    t.pass()
        .iter()
        .map(line)
        .filter(|l| l.starts_with("checkin "))
        .collect()
}

fn kiritimati_late_on_sunday() -> Team {
    let mut t = Team::new("2026-03-16T12:00:00Z");
    let r = t.run(&lead(), "/checkin schedule sun 23:59 Pacific/Kiritimati");
    assert!(
        r.text.contains(
            "Note: that leaves 1 minute before the week ends (Monday 00:00), less than the grace of 6 hours"
        ),
        "{}",
        r.text
    );
    t.run(&member("ann"), "/profile role:ce");
    t
}

#[test]
fn a_pass_a_minute_after_the_weeks_end_still_sends_its_check_in() {
    let mut t = kiritimati_late_on_sunday();
    // Sunday 22 March 23:59 at UTC+14 is 09:59 UTC; the pass comes at
    // 10:00:30, which is already Monday there.
    t.at("2026-03-22T10:00:30Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W12 2026-03-22T23:59:00+14:00"]
    );
    assert_eq!(checkins(&mut t), Vec::<String>::new(), "once");
}

#[test]
fn a_ten_minute_cron_sends_every_week_once() {
    let mut t = kiritimati_late_on_sunday();
    let mut sent = Vec::new();
    let mut at = crate::checkin_support::utc("2026-03-20T00:05:00Z");
    let end = crate::checkin_support::utc("2026-04-06T00:00:00Z");
    while at < end {
        t.at(&at.to_rfc3339());
        sent.extend(checkins(&mut t));
        at += chrono::Duration::minutes(10);
    }
    assert_eq!(
        sent,
        [
            "checkin ann-id sent 2026-W12 2026-03-22T23:59:00+14:00",
            "checkin ann-id sent 2026-W13 2026-03-29T23:59:00+14:00",
            "checkin ann-id sent 2026-W14 2026-04-05T23:59:00+14:00",
        ]
    );
}

#[test]
fn past_the_grace_the_week_is_not_sent_late_and_the_grace_is_the_leads_to_set() {
    let mut t = kiritimati_late_on_sunday();
    t.at("2026-03-22T16:00:00Z");
    assert_eq!(
        checkins(&mut t),
        Vec::<String>::new(),
        "6 hours and a minute"
    );
    let r = t.run(&lead(), "/checkin grace 12");
    assert_eq!(
        r.text,
        "A check-in that no pass sent at its time (the bot or cron ran late) still goes out up to 12 hours after it, even once its week has ended."
    );
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W12 2026-03-22T23:59:00+14:00"]
    );
    let bad = t.run(&lead(), "/checkin grace 49");
    assert!(bad.text.starts_with("The grace is 0 to 48 hours, not 49"));
    let status = skillbot::app::render::to_text(&t.run(&lead(), "/checkin status"));
    assert!(
        status.contains("still goes out up to 12 hours after it (/checkin grace)"),
        "{status}"
    );
}

#[test]
fn a_pass_at_a_mistaken_future_time_does_not_silence_the_check_ins_after_it() {
    let mut t = Team::new("2026-11-23T12:00:00Z");
    t.run(&lead(), "/checkin schedule mon 09:00 Europe/Berlin");
    t.run(&member("ann"), "/profile role:ce");
    // A typo: a pass forced a year ahead.
    t.at("2027-11-02T12:00:00Z");
    assert_eq!(checkins(&mut t).len(), 1);
    // Back to the real present: this week's check-in still comes.
    t.at("2026-11-30T08:30:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W49 2026-11-30T09:00:00+01:00"]
    );
    let me = skillbot::app::render::to_text(&t.run(&member("ann"), "/checkin me"));
    assert!(!me.contains("2027"), "{me}");
    t.at("2026-12-07T08:05:00Z");
    assert_eq!(
        checkins(&mut t),
        ["checkin ann-id sent 2026-W50 2026-12-07T09:00:00+01:00"]
    );
}
