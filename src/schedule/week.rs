//! When a weekly check-in is due: a local weekday and time of day, in a
//! member's time zone, once per ISO week. Pure: `now` is a parameter.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;
use std::fmt;

/// A weekday and a local time of day, and how late a check-in may still
/// go out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub weekday: Weekday,
    /// Minutes after local midnight, 0 to 1439.
    pub minute: u16,
    /// A check-in not sent at its time (no pass ran then) is still sent
    /// this long after it, even once its week has ended.
    pub grace_minutes: u16,
}

/// The longest grace a workspace may set: two days, so that only the week
/// just ended can still be in its grace.
pub const MOST_GRACE_MINUTES: u16 = 48 * 60;

impl Schedule {
    fn grace(self) -> Duration {
        Duration::minutes(i64::from(self.grace_minutes.min(MOST_GRACE_MINUTES)))
    }

    /// How long before the end of its week (Monday 00:00 local) the
    /// check-in falls: less than the grace means a late one goes out in
    /// the next week.
    pub fn before_week_end(self) -> Duration {
        let days_left = 7 - i64::from(self.weekday.num_days_from_monday());
        Duration::days(days_left) - Duration::minutes(i64::from(self.minute.min(1439)))
    }

    /// Whether a check-in sent as late as the grace allows may fall in the
    /// next week.
    pub fn grace_crosses_week_end(self) -> bool {
        self.grace() > self.before_week_end()
    }
}

/// An ISO week: "2026-W14".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    pub year: i32,
    pub week: u32,
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

impl IsoWeek {
    pub fn parse(text: &str) -> Option<IsoWeek> {
        let (year, week) = text.split_once("-W")?;
        let week = IsoWeek {
            year: year.parse().ok()?,
            week: week.parse().ok()?,
        };
        week.monday().map(|_| week)
    }

    /// The week holding this local date.
    pub fn of(date: NaiveDate) -> IsoWeek {
        let w = date.iso_week();
        IsoWeek {
            year: w.year(),
            week: w.week(),
        }
    }

    fn monday(self) -> Option<NaiveDate> {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon)
    }

    pub fn next(self) -> IsoWeek {
        let monday = self.monday().unwrap_or(NaiveDate::MIN);
        IsoWeek::of(monday + Duration::days(7))
    }

    pub fn previous(self) -> IsoWeek {
        let monday = self.monday().unwrap_or(NaiveDate::MIN);
        IsoWeek::of(monday - Duration::days(7))
    }
}

/// The ISO week `now` falls in, on the calendar of `tz`.
pub fn week_at(now: DateTime<Utc>, tz: Tz) -> IsoWeek {
    IsoWeek::of(now.with_timezone(&tz).date_naive())
}

/// The instant the schedule falls on in `week` in `tz`. A local time that
/// does not exist that day (the clocks spring forward over it) is taken at
/// the first minute that does; one that happens twice (they fall back) at
/// the first time.
pub fn due_in_week(schedule: Schedule, week: IsoWeek, tz: Tz) -> DateTime<Utc> {
    let date = NaiveDate::from_isoywd_opt(week.year, week.week, schedule.weekday)
        .unwrap_or(NaiveDate::MIN);
    let start = date.and_hms_opt(0, 0, 0).unwrap_or(NaiveDateTime::MIN)
        + Duration::minutes(i64::from(schedule.minute.min(1439)));
    // A gap is at most a few hours: look a day ahead at the most.
    for skip in 0..=24 * 60 {
        match tz.from_local_datetime(&(start + Duration::minutes(skip))) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            LocalResult::None => continue,
        }
    }
    Utc.from_utc_datetime(&start)
}

/// Where a member is with this week's check-in at `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    /// The member's current week (on their calendar).
    pub week: IsoWeek,
    /// When this week's check-in falls due.
    pub at: DateTime<Utc>,
}

impl Due {
    /// Whether this week's check-in is due at `now` (it is never sent for a
    /// week that is over: only the current week's is considered).
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        now >= self.at
    }
}

/// This week's check-in for a member in `tz`.
pub fn this_week(now: DateTime<Utc>, schedule: Schedule, tz: Tz) -> Due {
    let week = week_at(now, tz);
    Due {
        week,
        at: due_in_week(schedule, week, tz),
    }
}

/// When to look at a member next: this week's due time if it is still
/// ahead, else next week's.
pub fn next_due(now: DateTime<Utc>, schedule: Schedule, tz: Tz) -> DateTime<Utc> {
    let due = this_week(now, schedule, tz);
    if due.at > now {
        due.at
    } else {
        due_in_week(schedule, due.week.next(), tz)
    }
}

/// What decides a member's next check-in besides the schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// When they joined: a check-in that fell due before is not theirs.
    pub joined: DateTime<Utc>,
    /// Check-ins falling due before this are skipped.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// The latest week whose check-in they had (was claimed): no week up
    /// to it is sent again, even when the clock or their time zone moves
    /// them back to an earlier week.
    pub last_week: Option<IsoWeek>,
}

/// The member's next check-in: this week's, unless they had it (or a later
/// one), it fell due before they joined or while they snooze; else the
/// first later week's that is theirs. Its time may have passed (it is then
/// due at once): a check-in that fell due earlier in the current week is
/// still sent, and so is last week's while its grace lasts (a pass came
/// late, across the week's end); one of a week whose time and grace are
/// over never is.
///
/// A week they had counts only up to the week after the current one: a
/// claim further ahead was made under a clock that was wrong (a mistyped
/// `--now`, a clock that jumped), and must not silence the weeks before.
pub fn next_checkin(now: DateTime<Utc>, schedule: Schedule, tz: Tz, member: Member) -> Due {
    let current = this_week(now, schedule, tz);
    let last_week = member.last_week.filter(|w| *w <= current.week.next());
    let skipped = |due: &Due| {
        last_week.is_some_and(|last| due.week <= last)
            || due.at < member.joined
            || member.snoozed_until.is_some_and(|s| due.at < s)
    };
    let previous = current.week.previous();
    let late = Due {
        week: previous,
        at: due_in_week(schedule, previous, tz),
    };
    let mut due = if now < late.at + schedule.grace() && !skipped(&late) {
        late
    } else {
        current
    };
    // A snooze is at most a few months, and a week had is at most a week
    // ahead: the loop ends within that.
    for _ in 0..=520 {
        if !skipped(&due) {
            break;
        }
        let week = due.week.next();
        due = Due {
            week,
            at: due_in_week(schedule, week, tz),
        };
    }
    due
}

/// "mon", "Monday", "1" (ISO: Monday is 1) as a weekday.
pub fn parse_weekday(input: &str) -> Option<Weekday> {
    let key = input.trim().to_lowercase();
    if let Ok(n) = key.parse::<u8>() {
        return (1..=7)
            .contains(&n)
            .then(|| Weekday::try_from(n - 1).ok())
            .flatten();
    }
    key.get(..3)
        .and_then(|prefix| prefix.parse::<Weekday>().ok())
}

/// "09:00", "9:30", "17" as minutes after midnight.
pub fn parse_time_of_day(input: &str) -> Option<u16> {
    let text = input.trim();
    let (h, m) = text.split_once(':').unwrap_or((text, "0"));
    let (h, m): (u16, u16) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn monday_at(minute: u16) -> Schedule {
        Schedule {
            weekday: Weekday::Mon,
            minute,
            grace_minutes: 0,
        }
    }

    #[test]
    fn nine_local_on_both_sides_of_a_daylight_saving_change() {
        let berlin = chrono_tz::Europe::Berlin;
        // Winter time (UTC+1) until 29 March 2026, summer time (UTC+2) after.
        let before = due_in_week(
            monday_at(540),
            IsoWeek {
                year: 2026,
                week: 13,
            },
            berlin,
        );
        let after = due_in_week(
            monday_at(540),
            IsoWeek {
                year: 2026,
                week: 14,
            },
            berlin,
        );
        assert_eq!(before, utc("2026-03-23T08:00:00Z"));
        assert_eq!(after, utc("2026-03-30T07:00:00Z"));
        let new_york = chrono_tz::America::New_York;
        // Summer time ends on Sunday 1 November 2026.
        let before = due_in_week(
            monday_at(540),
            IsoWeek {
                year: 2026,
                week: 44,
            },
            new_york,
        );
        let after = due_in_week(
            monday_at(540),
            IsoWeek {
                year: 2026,
                week: 45,
            },
            new_york,
        );
        assert_eq!(before, utc("2026-10-26T13:00:00Z"));
        assert_eq!(after, utc("2026-11-02T14:00:00Z"));
    }

    #[test]
    fn a_time_that_does_not_exist_is_sent_at_the_first_minute_after_it() {
        // Berlin springs forward on Sunday 29 March 2026 from 02:00 to 03:00.
        let sunday = Schedule {
            weekday: Weekday::Sun,
            minute: 2 * 60 + 30,
            grace_minutes: 0,
        };
        let due = due_in_week(
            sunday,
            IsoWeek {
                year: 2026,
                week: 13,
            },
            chrono_tz::Europe::Berlin,
        );
        assert_eq!(
            due,
            utc("2026-03-29T01:00:00Z"),
            "03:00 local, the first valid minute"
        );
    }

    #[test]
    fn a_time_that_happens_twice_is_sent_at_the_first() {
        // New York falls back on Sunday 1 November 2026 from 02:00 to 01:00.
        let sunday = Schedule {
            weekday: Weekday::Sun,
            minute: 90,
            grace_minutes: 0,
        };
        let due = due_in_week(
            sunday,
            IsoWeek {
                year: 2026,
                week: 44,
            },
            chrono_tz::America::New_York,
        );
        assert_eq!(due, utc("2026-11-01T05:30:00Z"), "01:30 EDT, not 01:30 EST");
    }

    #[test]
    fn the_edges_of_the_world_have_their_own_monday() {
        let schedule = monday_at(540);
        // Kiritimati (UTC+14): Monday 09:00 there is Sunday 19:00 UTC.
        let kiritimati = this_week(
            utc("2026-03-29T20:00:00Z"),
            schedule,
            chrono_tz::Pacific::Kiritimati,
        );
        assert_eq!(kiritimati.week.to_string(), "2026-W14");
        assert_eq!(kiritimati.at, utc("2026-03-29T19:00:00Z"));
        assert!(kiritimati.is_due(utc("2026-03-29T20:00:00Z")));
        // UTC−12: Monday 09:00 there is Monday 21:00 UTC.
        let minus12 = this_week(
            utc("2026-03-30T20:00:00Z"),
            schedule,
            chrono_tz::Etc::GMTPlus12,
        );
        assert_eq!(minus12.at, utc("2026-03-30T21:00:00Z"));
        assert!(!minus12.is_due(utc("2026-03-30T20:00:00Z")));
        assert_eq!(
            next_due(
                utc("2026-03-30T20:00:00Z"),
                schedule,
                chrono_tz::Etc::GMTPlus12
            ),
            utc("2026-03-30T21:00:00Z")
        );
        assert_eq!(
            next_due(
                utc("2026-03-30T22:00:00Z"),
                schedule,
                chrono_tz::Etc::GMTPlus12
            ),
            utc("2026-04-06T21:00:00Z")
        );
    }

    #[test]
    fn a_check_in_is_skipped_when_had_before_joining_or_while_snoozed() {
        let berlin = chrono_tz::Europe::Berlin;
        let schedule = monday_at(540);
        // Wednesday 1 April 2026; this week's was Monday 30 March 07:00 UTC.
        let now = utc("2026-04-01T10:00:00Z");
        let member = Member {
            joined: utc("2026-01-01T00:00:00Z"),
            snoozed_until: None,
            last_week: None,
        };
        let due = next_checkin(now, schedule, berlin, member);
        assert_eq!(
            (due.week.to_string(), due.at),
            ("2026-W14".into(), utc("2026-03-30T07:00:00Z"))
        );
        assert!(due.is_due(now), "fell due earlier this week: sent at once");
        let had = next_checkin(
            now,
            schedule,
            berlin,
            Member {
                last_week: IsoWeek::parse("2026-W14"),
                ..member
            },
        );
        assert_eq!(had.at, utc("2026-04-06T07:00:00Z"));
        // The clock went back a week after W14's was sent: W13's is not
        // sent late, nor W14's again.
        let back = next_checkin(
            utc("2026-03-25T10:00:00Z"),
            schedule,
            berlin,
            Member {
                last_week: IsoWeek::parse("2026-W14"),
                ..member
            },
        );
        assert_eq!(back.week.to_string(), "2026-W15");
        let new = next_checkin(
            now,
            schedule,
            berlin,
            Member {
                joined: utc("2026-03-31T00:00:00Z"),
                ..member
            },
        );
        assert_eq!(
            new.at,
            utc("2026-04-06T07:00:00Z"),
            "not the week's before they joined"
        );
        let snoozed = Member {
            snoozed_until: Some(utc("2026-04-08T10:00:00Z")),
            ..member
        };
        assert_eq!(
            next_checkin(now, schedule, berlin, snoozed).at,
            utc("2026-04-13T07:00:00Z")
        );
    }

    #[test]
    fn a_late_pass_within_the_grace_still_sends_last_weeks_check_in() {
        // Sunday 23:59 at UTC+14 is Sunday 09:59 UTC.
        let schedule = Schedule {
            weekday: Weekday::Sun,
            minute: 23 * 60 + 59,
            grace_minutes: 6 * 60,
        };
        let kiritimati = chrono_tz::Pacific::Kiritimati;
        let member = Member {
            joined: utc("2026-01-01T00:00:00Z"),
            snoozed_until: None,
            last_week: None,
        };
        let on_time = next_checkin(utc("2026-03-29T09:59:30Z"), schedule, kiritimati, member);
        let late = next_checkin(utc("2026-03-29T10:00:30Z"), schedule, kiritimati, member);
        assert_eq!(
            late, on_time,
            "a minute late, in the next week: still W13's"
        );
        assert_eq!(late.week.to_string(), "2026-W13");
        assert!(late.is_due(utc("2026-03-29T10:00:30Z")));
        let too_late = next_checkin(utc("2026-03-29T16:00:00Z"), schedule, kiritimati, member);
        assert_eq!(
            too_late.week.to_string(),
            "2026-W14",
            "past the grace: lost"
        );
        let had = Member {
            last_week: IsoWeek::parse("2026-W13"),
            ..member
        };
        let after = next_checkin(utc("2026-03-29T10:00:30Z"), schedule, kiritimati, had);
        assert_eq!(after.week.to_string(), "2026-W14", "sent once, not again");
        assert!(schedule.grace_crosses_week_end());
        assert!(!monday_at(540).grace_crosses_week_end());
    }

    #[test]
    fn a_week_had_far_ahead_of_now_does_not_silence_the_weeks_before() {
        let berlin = chrono_tz::Europe::Berlin;
        let member = Member {
            joined: utc("2026-01-01T00:00:00Z"),
            snoozed_until: None,
            last_week: IsoWeek::parse("2027-W45"),
        };
        let now = utc("2026-12-07T12:00:00Z");
        let due = next_checkin(now, monday_at(540), berlin, member);
        assert_eq!(due.week.to_string(), "2026-W50");
        assert!(due.is_due(now));
    }

    #[test]
    fn weeks_and_times_as_typed() {
        assert_eq!(IsoWeek::parse("2026-W14").unwrap().to_string(), "2026-W14");
        assert_eq!(
            IsoWeek::parse("2026-W53"),
            Some(IsoWeek {
                year: 2026,
                week: 53
            })
        );
        assert_eq!(IsoWeek::parse("2025-W53"), None, "2025 has 52 weeks");
        assert_eq!(
            IsoWeek {
                year: 2026,
                week: 53
            }
            .next()
            .to_string(),
            "2027-W01"
        );
        assert_eq!(parse_weekday("Monday"), Some(Weekday::Mon));
        assert_eq!(parse_weekday("fri"), Some(Weekday::Fri));
        assert_eq!(parse_weekday("7"), Some(Weekday::Sun));
        assert_eq!(parse_weekday("someday"), None);
        assert_eq!(parse_time_of_day("09:30"), Some(570));
        assert_eq!(parse_time_of_day("17"), Some(1020));
        assert_eq!(parse_time_of_day("24:00"), None);
    }
}
