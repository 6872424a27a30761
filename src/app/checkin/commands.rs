//! /checkin me and /checkin snooze: a member's own weekly check-in; and
//! when anyone's next one comes, which /profile and /checkin status show.

use crate::app::checkin;
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx};
use crate::app::protocol::markup::TimeStyle;
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options};
use crate::app::protocol::{Reply, markup};
use crate::i18n::Msg;
use crate::report::Answer;
use crate::schedule::{self, Schedule};
use crate::store::{Member, Store, StoreError, WorkspaceSettings};
use crate::{msg, tr};
use chrono::{DateTime, Utc, Weekday};
use chrono_tz::Tz;

/// The longest snooze, in weeks.
const MOST_WEEKS: u32 = 12;

/// The schedule a workspace's settings hold.
pub fn schedule_of(settings: &WorkspaceSettings) -> Schedule {
    checkin::schedule_of(
        settings.prompt_weekday,
        settings.prompt_minute,
        settings.grace_minutes,
    )
}

/// The zone a member's check-in follows: their own, else the platform's
/// (their Slack profile's), else the workspace's, else UTC.
pub fn zone_of(member: &Member, settings: &WorkspaceSettings) -> Tz {
    member
        .time_zone
        .as_deref()
        .and_then(stored_zone)
        .or_else(|| member.platform_zone.as_deref().and_then(stored_zone))
        .or_else(|| stored_zone(&settings.time_zone))
        .unwrap_or(chrono_tz::UTC)
}

/// A time zone read from the database, if it is one skillbot knows. One
/// it does not (written by another program, or by a version with other
/// zone names) is logged, and the caller falls back (in the end to UTC);
/// /checkin status shows it to the leads.
pub fn stored_zone(name: &str) -> Option<Tz> {
    match name.parse() {
        Ok(tz) => Some(tz),
        Err(_) => {
            tracing::warn!(
                zone = name,
                "a time zone stored in the database is not one skillbot knows; falling back"
            );
            None
        }
    }
}

/// When a member's next check-in comes, as far as anyone can say now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Planned {
    /// They turned check-ins off.
    Off,
    /// The workspace paused them.
    Paused,
    At {
        at: DateTime<Utc>,
        zone: Tz,
    },
}

/// A member's next check-in, read on `s`.
pub fn planned(
    s: &Store,
    now: DateTime<Utc>,
    member: &Member,
    settings: &WorkspaceSettings,
) -> Result<Planned, StoreError> {
    if !member.weekly_opt_in {
        return Ok(Planned::Off);
    }
    if settings.checkins_paused {
        return Ok(Planned::Paused);
    }
    let zone = zone_of(member, settings);
    let last_week = s
        .last_checkin_week(member.id)?
        .and_then(|w| schedule::IsoWeek::parse(&w));
    let due = schedule::next_checkin(
        now,
        schedule_of(settings),
        zone,
        schedule::Member {
            joined: member.joined,
            snoozed_until: member.snoozed_until,
            last_week,
        },
    );
    // One that fell due goes out with the next pass, within a minute.
    Ok(Planned::At {
        at: due.at.max(now),
        zone,
    })
}

/// Until when a member who snoozes `weeks` check-ins is left alone: the
/// time of the first check-in after them, so that exactly `weeks` are
/// skipped. A check-in of this week that is open (sent, not answered)
/// is the first of them; one not sent yet is too.
pub fn snooze_end(
    s: &Store,
    now: DateTime<Utc>,
    member: &Member,
    settings: &WorkspaceSettings,
    weeks: u32,
) -> Result<DateTime<Utc>, StoreError> {
    let zone = zone_of(member, settings);
    let schedule = schedule_of(settings);
    let last_week = s
        .last_checkin_week(member.id)?
        .and_then(|w| schedule::IsoWeek::parse(&w));
    // The next check-in not had yet, whatever a snooze said before.
    let next = schedule::next_checkin(
        now,
        schedule,
        zone,
        schedule::Member {
            joined: member.joined,
            snoozed_until: None,
            last_week,
        },
    );
    let open = checkin::open_week(s, member.id, now)?.is_some();
    let still_to_skip = if open { weeks.saturating_sub(1) } else { weeks };
    let mut week = next.week;
    for _ in 0..still_to_skip {
        week = week.next();
    }
    Ok(schedule::due_in_week(schedule, week, zone))
}

/// "on, next 30 Mar 2026 09:00 CEST" and the like, for the member.
pub fn planned_text(planned: &Planned, now: DateTime<Utc>, snoozed: Option<DateTime<Utc>>) -> Msg {
    match planned {
        Planned::Off => msg!("checkin-planned-off"),
        Planned::Paused => msg!("checkin-planned-paused"),
        Planned::At { at, zone } => {
            let at = markup::time(*at, TimeStyle::DateTime, zone.name());
            // A snooze ends where the next check-in comes: saying when
            // once is enough.
            if snoozed.is_some_and(|u| u > now) {
                msg!("checkin-planned-snoozed", at = at)
            } else {
                msg!("checkin-planned-at", at = at)
            }
        }
    }
}

/// "Mondays at 09:00".
pub fn schedule_text(settings: &WorkspaceSettings) -> Msg {
    let s = schedule_of(settings);
    let day = match s.weekday {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    };
    msg!(
        "checkin-schedule",
        day = day,
        time = format!("{:02}:{:02}", s.minute / 60, s.minute % 60),
        zone = &settings.time_zone
    )
}

const ON: Opt<bool> = Opt::optional("checkin");
const ME_OPTIONS: &[OptionSpec] = &[ON.spec()];

pub struct Me {
    on: Option<bool>,
}

impl CommandArgs for Me {
    const SPEC: CommandSpec = CommandSpec::new("checkin me").options(ME_OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Me { on: o.get(&ON)? })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let text = set_mine(cx, self.on, None).await?;
        Ok(Reply::text(tr!(cx, "checkin-yours", plan = text)).private())
    }
}

/// Turns the asker's check-ins on or off and snoozes them, as asked, and
/// says where they stand. Any change plans the next one afresh.
pub async fn set_mine(
    cx: &mut Ctx<'_>,
    on: Option<bool>,
    snooze_weeks: Option<u32>,
) -> Result<Msg, AppError> {
    let now = cx.now;
    let changing = on.is_some() || snooze_weeks.is_some();
    let (member, workspace) = if changing {
        (Some(cx.me().await?), cx.known_workspace())
    } else {
        (cx.known_me().await?, cx.known_workspace())
    };
    let (Some(member), Some(workspace)) = (member, workspace) else {
        return Ok(msg!("checkin-planned-not-yet"));
    };
    let plan_of = move |s: &Store, m: &Member| -> Result<_, StoreError> {
        let settings = s.workspace_settings(workspace)?;
        Ok((planned(s, now, m, &settings)?, m.snoozed_until))
    };
    let (plan, snoozed) = if changing {
        cx.write(move |s| {
            let mut m = s.member_profile(member)?;
            if let Some(on) = on {
                m.weekly_opt_in = on;
                if on {
                    m.snoozed_until = None;
                }
            }
            if let Some(weeks) = snooze_weeks {
                let settings = s.workspace_settings(workspace)?;
                m.snoozed_until = Some(snooze_end(s, now, &m, &settings, weeks)?);
            }
            m.next_prompt_at = None;
            s.update_member(&m)?;
            // The open check-in counts as answered so: no reminder, and the
            // digest says why.
            let answer = match (on, snooze_weeks) {
                (Some(false), _) => Some(Answer::Stopped),
                (_, Some(_)) => Some(Answer::Snoozed),
                _ => None,
            };
            if let Some(answer) = answer
                && let Some(week) = checkin::open_week(s, member, now)?
            {
                s.answer_checkin(member, &week, answer.as_str(), now)?;
            }
            plan_of(s, &m)
        })
        .await?
    } else {
        cx.read(move |s| plan_of(s, &s.member_profile(member)?))
            .await?
    };
    Ok(planned_text(&plan, now, snoozed))
}

const WEEKS: Opt<u32> = Opt::required("weeks");
const WEEKS_OPTIONS: &[OptionSpec] = &[WEEKS.spec()];

pub struct Snooze {
    weeks: u32,
}

impl CommandArgs for Snooze {
    const SPEC: CommandSpec = CommandSpec::new("checkin snooze").options(WEEKS_OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Snooze {
            weeks: o.need(&WEEKS)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        if !(1..=MOST_WEEKS).contains(&self.weeks) {
            return Err(AppError::User(msg!(
                "snooze-weeks-out-of-range",
                most = MOST_WEEKS,
                weeks = self.weeks
            )));
        }
        let text = set_mine(cx, None, Some(self.weeks)).await?;
        Ok(Reply::text(tr!(cx, "checkin-snoozed", weeks = self.weeks, plan = text)).private())
    }
}
