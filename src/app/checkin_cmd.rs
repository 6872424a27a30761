//! /checkin: leads set the weekly check-in's schedule, skills, reminder and
//! digest channel, pause and resume it, and see its status; members turn
//! theirs on or off and snooze it.

use super::checkin;
use super::commands::CommandArgs;
use super::markup::{self, TimeStyle};
use super::spec::{CommandSpec, Opt, OptionSpec, Options, SkillNames, TimeOfDay};
use super::{AppError, AppResult, ChannelRef, Ctx, Reply};
use crate::schedule::{self, Schedule};
use crate::store::{Member, Store, StoreError, WorkspaceSettings};
use crate::team::WorkspaceId;
use chrono::{DateTime, Duration, Utc, Weekday};
use chrono_tz::Tz;

/// The longest snooze, in weeks.
const MOST_WEEKS: u32 = 12;

/// The schedule a workspace's settings hold.
pub fn schedule_of(settings: &WorkspaceSettings) -> Schedule {
    checkin::schedule_of(settings.prompt_weekday, settings.prompt_minute)
}

/// The zone a member's check-in follows: their own, else the workspace's,
/// else UTC.
pub fn zone_of(member: &Member, settings: &WorkspaceSettings) -> Tz {
    member
        .time_zone
        .as_deref()
        .and_then(|z| z.parse().ok())
        .or_else(|| settings.time_zone.parse().ok())
        .unwrap_or(chrono_tz::UTC)
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

/// "on, next 30 Mar 2026 09:00 CEST" and the like, for the member.
pub fn planned_text(
    planned: &Planned,
    now: DateTime<Utc>,
    snoozed: Option<DateTime<Utc>>,
) -> String {
    match planned {
        Planned::Off => "off; turn them on with /checkin me on".into(),
        Planned::Paused => "on, but a lead paused check-ins for everyone".into(),
        Planned::At { at, zone } => {
            let mut text = format!(
                "on; the next one comes {}",
                markup::time(*at, TimeStyle::DateTime, zone.name())
            );
            if let Some(until) = snoozed.filter(|u| *u > now) {
                text.push_str(&format!(
                    " (snoozed until {})",
                    markup::time(until, TimeStyle::DateTime, zone.name())
                ));
            }
            text
        }
    }
}

/// "Mondays at 09:00".
fn schedule_text(settings: &WorkspaceSettings) -> String {
    let s = schedule_of(settings);
    let day = match s.weekday {
        Weekday::Mon => "Mondays",
        Weekday::Tue => "Tuesdays",
        Weekday::Wed => "Wednesdays",
        Weekday::Thu => "Thursdays",
        Weekday::Fri => "Fridays",
        Weekday::Sat => "Saturdays",
        Weekday::Sun => "Sundays",
    };
    format!(
        "{day} at {:02}:{:02}, each member's local time (members without a time zone of their own: {})",
        s.minute / 60,
        s.minute % 60,
        settings.time_zone
    )
}

/// Changes the workspace's settings in one write and returns them.
async fn change_settings(
    cx: &mut Ctx<'_>,
    replan: bool,
    change: impl FnOnce(&mut WorkspaceSettings) + Send + 'static,
) -> Result<WorkspaceSettings, AppError> {
    let workspace = cx.workspace().await?;
    cx.write(move |s| {
        let mut settings = s.workspace_settings(workspace)?;
        change(&mut settings);
        s.set_workspace_settings(workspace, &settings)?;
        if replan {
            s.replan_workspace(workspace)?;
        }
        Ok(settings)
    })
    .await
}

const WEEKDAY: Opt<Weekday> = Opt::required("weekday", "The day the check-in goes out");
const TIME: Opt<TimeOfDay> = Opt::required("time", "The local time it goes out, e.g. 09:00");
const TIMEZONE: Opt<Tz> = Opt::optional(
    "timezone",
    "The time zone of members who set none (default: keep the current one)",
);
const SCHEDULE_OPTIONS: &[OptionSpec] = &[WEEKDAY.spec(), TIME.spec(), TIMEZONE.spec()];

pub struct SetSchedule {
    weekday: Weekday,
    time: TimeOfDay,
    timezone: Option<Tz>,
}

impl CommandArgs for SetSchedule {
    const SPEC: CommandSpec = CommandSpec::new(
        "checkin schedule",
        "Set the day and local time of the weekly check-in",
    )
    .options(SCHEDULE_OPTIONS)
    .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(SetSchedule {
            weekday: o.need(&WEEKDAY)?,
            time: o.need(&TIME)?,
            timezone: o.get(&TIMEZONE)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let weekday = u8::try_from(self.weekday.number_from_monday()).unwrap_or(1);
        let zone = self.timezone.map(|z| z.name().to_string());
        let minute = self.time.0;
        let settings = change_settings(cx, true, move |s| {
            s.prompt_weekday = weekday;
            s.prompt_minute = minute;
            if let Some(zone) = zone {
                s.time_zone = zone;
            }
        })
        .await?;
        Ok(Reply::text(format!(
            "Check-ins now go out on {}. A member who has not had this week's gets it at the new time, \
             or at once if that time has passed this week.",
            schedule_text(&settings)
        ))
        .private())
    }
}

const SKILLS: Opt<SkillNames> = Opt::required(
    "skills",
    "The skills to ask about, separated by commas; \"default\" for each member's own",
);
const SKILLS_OPTIONS: &[OptionSpec] = &[SKILLS.spec()];

pub struct SetSkills {
    skills: Vec<String>,
}

impl CommandArgs for SetSkills {
    const SPEC: CommandSpec = CommandSpec::new(
        "checkin skills",
        "Choose the skills the weekly check-in asks about",
    )
    .options(SKILLS_OPTIONS)
    .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(SetSkills {
            skills: o.need(&SKILLS)?.0,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let reset = matches!(self.skills.as_slice(), [one] if one.eq_ignore_ascii_case("default"));
        if self.skills.is_empty() {
            return Err(AppError::User(
                "Name at least one skill, e.g. /checkin skills serverless, kubernetes; or \
                 /checkin skills default for each member's own."
                    .into(),
            ));
        }
        if self.skills.len() > checkin::MOST_SKILLS {
            return Err(AppError::User(format!(
                "A check-in asks about {} skills at most; name fewer.",
                checkin::MOST_SKILLS
            )));
        }
        let chosen = if reset {
            None
        } else {
            let mut slugs: Vec<String> = Vec::new();
            for name in &self.skills {
                let skill = cx.find_skill(name).map_err(|e| match e {
                    AppError::Choose { .. } => AppError::User(super::sentence(&e.to_string())),
                    other => other,
                })?;
                if !slugs.iter().any(|s| s == skill.slug()) {
                    slugs.push(skill.slug().to_string());
                }
            }
            Some(slugs)
        };
        let names: Vec<String> = chosen
            .iter()
            .flatten()
            .filter_map(|slug| cx.catalog.get(slug).map(|s| s.name().to_string()))
            .collect();
        change_settings(cx, false, move |s| s.checkin_skills = chosen).await?;
        let text = if reset {
            "The check-in asks each member about the skills they have a rating in (else their \
             role's skills)."
                .to_string()
        } else {
            format!("The check-in asks everyone about: {}.", names.join(", "))
        };
        Ok(Reply::text(text).private())
    }
}

const CHANNEL: Opt<ChannelRef> = Opt::required("channel", "Where the weekly digest is posted");
const CHANNEL_OPTIONS: &[OptionSpec] = &[CHANNEL.spec()];

pub struct DigestChannel {
    channel: ChannelRef,
}

impl CommandArgs for DigestChannel {
    const SPEC: CommandSpec = CommandSpec::new(
        "checkin digest-channel",
        "Choose the channel for the leads' weekly digest",
    )
    .options(CHANNEL_OPTIONS)
    .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(DigestChannel {
            channel: o.need(&CHANNEL)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        if self.channel.id.trim().is_empty() {
            return Err(AppError::User(
                "Name a channel: /checkin digest-channel #team-leads.".into(),
            ));
        }
        let (id, name) = (self.channel.id.clone(), self.channel.name.clone());
        change_settings(cx, false, move |s| {
            s.digest_channel = Some(id);
            s.digest_channel_name = Some(name);
        })
        .await?;
        Ok(Reply::text(format!(
            "The weekly digest will be posted in {}, once each week's check-ins are over.",
            markup::channel(&self.channel.id, &self.channel.name)
        ))
        .private())
    }
}

const HOURS: Opt<u32> = Opt::required(
    "hours",
    "Hours without an answer before the one reminder (1 to 168)",
);
const HOURS_OPTIONS: &[OptionSpec] = &[HOURS.spec()];

pub struct SetReminder {
    hours: u32,
}

impl CommandArgs for SetReminder {
    const SPEC: CommandSpec = CommandSpec::new(
        "checkin reminder",
        "Set how long the check-in waits for an answer before its one reminder",
    )
    .options(HOURS_OPTIONS)
    .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(SetReminder {
            hours: o.need(&HOURS)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let Some(hours) = u16::try_from(self.hours)
            .ok()
            .filter(|h| (1..=168).contains(h))
        else {
            return Err(AppError::User(format!(
                "The reminder comes 1 to 168 hours (a week) after the check-in, not {}: e.g. \
                 /checkin reminder 24.",
                self.hours
            )));
        };
        change_settings(cx, false, move |s| s.reminder_hours = hours).await?;
        Ok(Reply::text(format!(
            "A member who has not answered their check-in after {} gets one reminder.",
            super::count(usize::from(hours), "hour")
        ))
        .private())
    }
}

pub struct Pause;

impl CommandArgs for Pause {
    const SPEC: CommandSpec = CommandSpec::new(
        "checkin pause",
        "Stop sending check-ins to everyone until resumed",
    )
    .for_leads();

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Pause)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        change_settings(cx, false, |s| s.checkins_paused = true).await?;
        Ok(Reply::text(
            "Check-ins are paused: none goes out (and no reminder) until /checkin resume.",
        )
        .private())
    }
}

pub struct Resume;

impl CommandArgs for Resume {
    const SPEC: CommandSpec =
        CommandSpec::new("checkin resume", "Send check-ins again after a pause").for_leads();

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Resume)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        change_settings(cx, true, |s| s.checkins_paused = false).await?;
        Ok(Reply::text(
            "Check-ins are on again. Members who have not had this week's get it at the scheduled \
             time, or at once if it has passed; weeks missed during the pause are not sent late.",
        )
        .private())
    }
}

pub struct Status;

/// The most members listed one by one in /checkin status.
const MOST_LISTED: usize = 25;

impl CommandArgs for Status {
    const SPEC: CommandSpec = CommandSpec::new(
        "checkin status",
        "The check-in's settings, everyone's next one, and last week's answers",
    )
    .for_leads();

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Status)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let Some(workspace) = cx.known_workspace() else {
            return Ok(status_view(
                &WorkspaceSettings::default(),
                &[],
                None,
                None,
                cx.now,
                &cx.catalog,
            )
            .private());
        };
        let now = cx.now;
        let (settings, members, last, digest) =
            cx.read(move |s| read_status(s, workspace, now)).await?;
        Ok(status_view(&settings, &members, last.as_ref(), digest, now, &cx.catalog).private())
    }
}

/// Last week's check-ins in numbers.
struct LastWeek {
    week: String,
    sent: usize,
    answered: usize,
    refused: usize,
    failed: usize,
}

type StatusRows = (
    WorkspaceSettings,
    Vec<(String, Planned)>,
    Option<LastWeek>,
    Option<(String, String)>,
);

fn read_status(
    s: &Store,
    workspace: WorkspaceId,
    now: DateTime<Utc>,
) -> Result<StatusRows, StoreError> {
    let settings = s.workspace_settings(workspace)?;
    let mut members = Vec::new();
    for m in s.members(workspace)? {
        let plan = planned(s, now, &m, &settings)?;
        members.push((m.display_name.clone(), plan));
    }
    let zone: Tz = settings.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let week = schedule::week_at(now, zone).previous().to_string();
    let checkins = s.week_checkins(workspace, &week)?;
    let last = (!checkins.is_empty()).then(|| LastWeek {
        sent: checkins
            .iter()
            .filter(|c| matches!(c.status.as_str(), "sent" | "queued"))
            .count(),
        answered: checkins.iter().filter(|c| c.answer.is_some()).count(),
        refused: checkins.iter().filter(|c| c.status == "refused").count(),
        failed: checkins.iter().filter(|c| c.status == "failed").count(),
        week,
    });
    Ok((settings, members, last, s.latest_digest(workspace)?))
}

fn status_view(
    settings: &WorkspaceSettings,
    members: &[(String, Planned)],
    last: Option<&LastWeek>,
    digest: Option<(String, String)>,
    now: DateTime<Utc>,
    catalog: &crate::matrix::Catalog,
) -> Reply {
    let mut schedule = schedule_text(settings);
    if settings.checkins_paused {
        schedule.push_str(". Paused: nothing goes out until /checkin resume");
    }
    let skills = match &settings.checkin_skills {
        Some(slugs) => slugs
            .iter()
            .map(|slug| catalog.get(slug).map_or(slug.as_str(), |s| s.name()))
            .collect::<Vec<_>>()
            .join(", "),
        None => "each member's rated skills, else their role's (/checkin skills to choose)".into(),
    };
    let channel = match &settings.digest_channel {
        Some(id) => format!(
            "posted in {}",
            markup::channel(id, settings.digest_channel_name.as_deref().unwrap_or(id))
        ),
        None => "no channel set (/checkin digest-channel); the latest is shown here".into(),
    };
    let mut next: Vec<String> = members
        .iter()
        .take(MOST_LISTED)
        .map(|(name, plan)| match plan {
            Planned::Off => format!("{name}: turned off"),
            Planned::Paused => format!("{name}: paused"),
            Planned::At { at, zone } => format!(
                "{name}: {} ({} their time)",
                markup::time(*at, TimeStyle::DateTime, zone.name()),
                markup::local(*at, TimeStyle::DateTime, zone.name())
            ),
        })
        .collect();
    if members.len() > MOST_LISTED {
        next.push(format!("and {} more", members.len() - MOST_LISTED));
    }
    if next.is_empty() {
        next.push("no members yet: a member counts from their first command".into());
    }
    let last = match last {
        Some(l) => format!(
            "{}: {} delivered, {} answered, {} with DMs closed, {} failed",
            l.week, l.sent, l.answered, l.refused, l.failed
        ),
        None => "no check-ins were sent last week".into(),
    };
    let mut reply = Reply::titled(
        "Weekly check-ins",
        format!(
            "As of {}.",
            markup::time(now, TimeStyle::DateTime, &settings.time_zone)
        ),
    )
    .field("Schedule", schedule)
    .field("Skills asked about", skills)
    .field(
        "Reminder",
        format!(
            "once, after {} without an answer",
            super::count(usize::from(settings.reminder_hours), "hour")
        ),
    )
    .field("Digest", channel)
    .field("Next check-ins", next.join("\n"))
    .field("Last week", last);
    if let Some((week, text)) = digest {
        reply = reply.field(format!("Latest digest ({week})"), text);
    }
    reply
}

const ON: Opt<bool> = Opt::optional(
    "checkin",
    "on to get the weekly check-in, off to stop it (default: show yours)",
);
const ME_OPTIONS: &[OptionSpec] = &[ON.spec()];

pub struct Me {
    on: Option<bool>,
}

impl CommandArgs for Me {
    const SPEC: CommandSpec = CommandSpec::new(
        "checkin me",
        "Turn your weekly check-in on or off, or see when it comes",
    )
    .options(ME_OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Me { on: o.get(&ON)? })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let text = set_mine(cx, self.on, None).await?;
        Ok(Reply::text(format!("Your weekly check-in: {text}.")).private())
    }
}

/// Turns the asker's check-ins on or off and snoozes them, as asked, and
/// says where they stand. Any change plans the next one afresh.
pub async fn set_mine(
    cx: &mut Ctx<'_>,
    on: Option<bool>,
    snooze_until: Option<DateTime<Utc>>,
) -> Result<String, AppError> {
    let now = cx.now;
    let changing = on.is_some() || snooze_until.is_some();
    let (member, workspace) = if changing {
        (Some(cx.me().await?), cx.known_workspace())
    } else {
        (cx.known_me().await?, cx.known_workspace())
    };
    let (Some(member), Some(workspace)) = (member, workspace) else {
        return Ok("it starts once you set your role or assess a skill".into());
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
            if let Some(until) = snooze_until {
                m.snoozed_until = Some(until);
            }
            m.next_prompt_at = None;
            s.update_member(&m)?;
            plan_of(s, &m)
        })
        .await?
    } else {
        cx.read(move |s| plan_of(s, &s.member_profile(member)?))
            .await?
    };
    Ok(planned_text(&plan, now, snoozed))
}

const WEEKS: Opt<u32> = Opt::required("weeks", "How many weeks to skip (1 to 12)");
const WEEKS_OPTIONS: &[OptionSpec] = &[WEEKS.spec()];

pub struct Snooze {
    weeks: u32,
}

impl CommandArgs for Snooze {
    const SPEC: CommandSpec = CommandSpec::new(
        "checkin snooze",
        "Skip your weekly check-in for a few weeks",
    )
    .options(WEEKS_OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Snooze {
            weeks: o.need(&WEEKS)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        if !(1..=MOST_WEEKS).contains(&self.weeks) {
            return Err(AppError::User(format!(
                "Snooze for 1 to {MOST_WEEKS} weeks, not {}: e.g. /checkin snooze 2. To stop \
                 check-ins altogether: /checkin me off.",
                self.weeks
            )));
        }
        let until = cx.now + Duration::weeks(i64::from(self.weeks));
        let text = set_mine(cx, None, Some(until)).await?;
        Ok(Reply::text(format!(
            "Snoozed for {}. Your weekly check-in: {text}.",
            super::count(self.weeks as usize, "week")
        ))
        .private())
    }
}
