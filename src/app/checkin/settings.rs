//! The weekly check-in's settings, for leads: /checkin schedule, grace,
//! skills, digest-channel, reminder, pause and resume.

use super::commands::schedule_text;
use crate::app::checkin;
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx};
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, SkillNames, TimeOfDay};
use crate::app::protocol::{ChannelRef, Reply, markup};
use crate::i18n::Msg;
use crate::store::WorkspaceSettings;
use crate::{msg, tr};
use chrono::Weekday;
use chrono_tz::Tz;

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

const WEEKDAY: Opt<Weekday> = Opt::required("weekday");
const TIME: Opt<TimeOfDay> = Opt::required("time");
const TIMEZONE: Opt<Tz> = Opt::optional("timezone");
const SCHEDULE_OPTIONS: &[OptionSpec] = &[WEEKDAY.spec(), TIME.spec(), TIMEZONE.spec()];

pub struct SetSchedule {
    weekday: Weekday,
    time: TimeOfDay,
    timezone: Option<Tz>,
}

impl CommandArgs for SetSchedule {
    const SPEC: CommandSpec = CommandSpec::new("checkin schedule")
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
        let mut text = tr!(cx, "schedule-set", schedule = schedule_text(&settings));
        let schedule = super::commands::schedule_of(&settings);
        if schedule.grace_crosses_week_end() {
            text.push('\n');
            text.push_str(&tr!(
                cx,
                "schedule-grace-crosses-week",
                left = duration_text(schedule.before_week_end()),
                grace = duration_text(chrono::Duration::minutes(i64::from(settings.grace_minutes)))
            ));
        }
        Ok(Reply::text(text).private())
    }
}

/// "6 hours", "1 minute", "2 hours 30 minutes".
fn duration_text(d: chrono::Duration) -> Msg {
    let minutes = usize::try_from(d.num_minutes().max(0)).unwrap_or(0);
    match (minutes / 60, minutes % 60) {
        (0, m) => msg!("duration-minutes", minutes = m),
        (h, 0) => msg!("duration-hours", hours = h),
        (h, m) => msg!("duration-hours-minutes", hours = h, minutes = m),
    }
}

const GRACE_HOURS: Opt<u32> = Opt::required("hours");
const GRACE_OPTIONS: &[OptionSpec] = &[GRACE_HOURS.spec()];

pub struct SetGrace {
    hours: u32,
}

impl CommandArgs for SetGrace {
    const SPEC: CommandSpec = CommandSpec::new("checkin grace")
        .options(GRACE_OPTIONS)
        .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(SetGrace {
            hours: o.need(&GRACE_HOURS)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let most = u32::from(crate::schedule::MOST_GRACE_MINUTES / 60);
        let Some(minutes) = (self.hours <= most)
            .then(|| u16::try_from(self.hours * 60).ok())
            .flatten()
        else {
            return Err(AppError::User(msg!(
                "grace-out-of-range",
                most = most,
                hours = self.hours
            )));
        };
        change_settings(cx, true, move |s| s.grace_minutes = minutes).await?;
        Ok(Reply::text(if minutes == 0 {
            tr!(cx, "grace-none")
        } else {
            tr!(cx, "grace-set", hours = usize::from(minutes / 60))
        })
        .private())
    }
}

const SKILLS: Opt<SkillNames> = Opt::required("skills");
const SKILLS_OPTIONS: &[OptionSpec] = &[SKILLS.spec()];

pub struct SetSkills {
    skills: Vec<String>,
}

impl CommandArgs for SetSkills {
    const SPEC: CommandSpec = CommandSpec::new("checkin skills")
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
            return Err(AppError::User(msg!("checkin-skills-none")));
        }
        if self.skills.len() > checkin::MOST_SKILLS {
            return Err(AppError::User(msg!(
                "checkin-skills-too-many",
                most = checkin::MOST_SKILLS
            )));
        }
        let chosen = if reset {
            None
        } else {
            let mut slugs: Vec<String> = Vec::new();
            for name in &self.skills {
                let skill = cx.find_skill(name).map_err(|e| match e {
                    AppError::Choose {
                        what,
                        input,
                        labels,
                        ..
                    } => AppError::User(msg!(
                        "lookup-ambiguous",
                        what = what,
                        input = input,
                        names = crate::i18n::list(labels)
                    )),
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
            tr!(cx, "checkin-skills-default")
        } else {
            tr!(cx, "checkin-skills-set", skills = crate::i18n::list(names))
        };
        Ok(Reply::text(text).private())
    }
}

const CHANNEL: Opt<ChannelRef> = Opt::required("channel");
const CHANNEL_OPTIONS: &[OptionSpec] = &[CHANNEL.spec()];

pub struct DigestChannel {
    channel: ChannelRef,
}

impl CommandArgs for DigestChannel {
    const SPEC: CommandSpec = CommandSpec::new("checkin digest-channel")
        .options(CHANNEL_OPTIONS)
        .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(DigestChannel {
            channel: o.need(&CHANNEL)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        if self.channel.id.trim().is_empty() {
            return Err(AppError::User(msg!("digest-channel-none")));
        }
        let (id, name) = (self.channel.id.clone(), self.channel.name.clone());
        change_settings(cx, false, move |s| {
            s.digest_channel = Some(id);
            s.digest_channel_name = Some(name);
        })
        .await?;
        Ok(Reply::text(tr!(
            cx,
            "digest-channel-set",
            channel = markup::channel(&self.channel.id, &self.channel.name)
        ))
        .private())
    }
}

const HOURS: Opt<u32> = Opt::required("hours");
const HOURS_OPTIONS: &[OptionSpec] = &[HOURS.spec()];

pub struct SetReminder {
    hours: u32,
}

impl CommandArgs for SetReminder {
    const SPEC: CommandSpec = CommandSpec::new("checkin reminder")
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
            return Err(AppError::User(msg!(
                "reminder-out-of-range",
                hours = self.hours
            )));
        };
        change_settings(cx, false, move |s| s.reminder_hours = hours).await?;
        Ok(Reply::text(tr!(cx, "reminder-set", hours = usize::from(hours))).private())
    }
}

pub struct Pause;

impl CommandArgs for Pause {
    const SPEC: CommandSpec = CommandSpec::new("checkin pause").for_leads();

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Pause)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        change_settings(cx, false, |s| s.checkins_paused = true).await?;
        Ok(Reply::text(tr!(cx, "checkins-paused")).private())
    }
}

pub struct Resume;

impl CommandArgs for Resume {
    const SPEC: CommandSpec = CommandSpec::new("checkin resume").for_leads();

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Resume)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        change_settings(cx, true, |s| s.checkins_paused = false).await?;
        Ok(Reply::text(tr!(cx, "checkins-resumed")).private())
    }
}
