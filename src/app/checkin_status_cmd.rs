//! /checkin status: the check-in's settings, everyone's next one, and last
//! week's numbers and digest, for leads.

use super::checkin_cmd::{Planned, planned, schedule_text};
use super::commands::CommandArgs;
use super::markup::{self, TimeStyle};
use super::spec::{CommandSpec, Opt, OptionSpec, Options};
use super::{AppError, AppResult, Ctx, Reply};
use crate::schedule;
use crate::store::{Store, StoreError, WorkspaceSettings};
use crate::team::WorkspaceId;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

const PAGE: Opt<u32> = Opt::optional(
    "page",
    "Which page of the members' next check-ins (default 1)",
);
const OPTIONS: &[OptionSpec] = &[PAGE.spec()];

pub struct Status {
    page: u32,
}

/// The most members listed one by one in /checkin status.
const MOST_LISTED: usize = 25;

impl CommandArgs for Status {
    const SPEC: CommandSpec = CommandSpec::new(
        "checkin status",
        "The check-in's settings, everyone's next one, and last week's answers",
    )
    .options(OPTIONS)
    .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Status {
            page: o.get(&PAGE)?.unwrap_or(1).max(1),
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let Some(workspace) = cx.known_workspace() else {
            return Ok(status_view(
                &WorkspaceSettings::default(),
                &[],
                &[],
                None,
                &View {
                    now: cx.now,
                    reader_zone: "UTC".into(),
                    page: 1,
                },
                &cx.catalog,
            )
            .private());
        };
        let now = cx.now;
        let (settings, members, weeks) = cx.read(move |s| read_status(s, workspace, now)).await?;
        let digest = super::inbox::latest_digest(cx, workspace)
            .await?
            .map(|d| (d.week.clone(), d.text()));
        let view = View {
            now,
            reader_zone: cx.zone().await?,
            page: self.page,
        };
        Ok(status_view(&settings, &members, &weeks, digest, &view, &cx.catalog).private())
    }
}

/// A week's check-ins in numbers.
struct LastWeek {
    week: String,
    sent: usize,
    /// Checked in: a level confirmed or changed (not snoozed or stopped).
    answered: usize,
    refused: usize,
    failed: usize,
}

/// How many weeks the participation rate goes back.
const RATE_WEEKS: usize = 6;

type StatusRows = (WorkspaceSettings, Vec<(String, Planned)>, Vec<LastWeek>);

fn read_status(
    s: &Store,
    workspace: WorkspaceId,
    now: DateTime<Utc>,
) -> Result<StatusRows, StoreError> {
    let settings = s.workspace_settings(workspace)?;
    let mut members = Vec::new();
    let rated: std::collections::HashSet<_> = s
        .team_track_rows(workspace)?
        .rows
        .iter()
        .map(|r| r.member)
        .collect();
    // Check-ins are for the team: a role set or a rating.
    for m in s
        .members(workspace)?
        .into_iter()
        .filter(|m| m.role.is_some() || rated.contains(&m.id))
    {
        let plan = planned(s, now, &m, &settings)?;
        let mut name = m.display_name.clone();
        if let Some(bad) = m.time_zone.as_deref().filter(|z| z.parse::<Tz>().is_err()) {
            name.push_str(&format!(
                " (their stored time zone \"{}\" is not one I know, so the workspace's is used \
                 until they set one with /profile timezone:)",
                crate::text::shorten(bad, crate::text::QUOTED_CHARS)
            ));
        }
        members.push((name, plan));
    }
    let zone: Tz = settings.time_zone.parse().unwrap_or(chrono_tz::UTC);
    // The weeks before this one, latest first.
    let mut weeks = Vec::new();
    let mut week = schedule::week_at(now, zone).previous();
    for _ in 0..RATE_WEEKS {
        let checkins = s.week_checkins(workspace, &week.to_string())?;
        if !checkins.is_empty() {
            weeks.push(LastWeek {
                sent: checkins
                    .iter()
                    .filter(|c| matches!(c.status.as_str(), "sent" | "queued"))
                    .count(),
                answered: checkins
                    .iter()
                    .filter(|c| {
                        matches!(c.status.as_str(), "sent" | "queued")
                            && c.answer
                                .as_deref()
                                .and_then(crate::report::Answer::parse)
                                .is_some_and(crate::report::Answer::checked_in)
                    })
                    .count(),
                refused: checkins.iter().filter(|c| c.status == "refused").count(),
                failed: checkins.iter().filter(|c| c.status == "failed").count(),
                week: week.to_string(),
            });
        }
        week = week.previous();
    }
    let last = weeks;
    Ok((settings, members, last))
}

/// Who reads the status, when, and which page.
struct View {
    now: DateTime<Utc>,
    /// The reader's time zone: times are theirs first, the member's after.
    reader_zone: String,
    page: u32,
}

fn status_view(
    settings: &WorkspaceSettings,
    members: &[(String, Planned)],
    weeks: &[LastWeek],
    digest: Option<(String, String)>,
    view: &View,
    catalog: &crate::matrix::Catalog,
) -> Reply {
    let now = view.now;
    let mut schedule = schedule_text(settings);
    schedule.push_str(&match settings.grace_minutes {
        0 => ". A check-in no pass sent at its time is not sent later (/checkin grace)".to_string(),
        m => format!(
            ". A check-in no pass sent at its time still goes out up to {} after it (/checkin grace)",
            super::count(usize::from(m / 60), "hour")
        ),
    });
    if settings.time_zone.parse::<Tz>().is_err() {
        schedule.push_str(&format!(
            ". The workspace's stored time zone \"{}\" is not one I know, so UTC is used: set \
             one with /checkin schedule",
            crate::text::shorten(&settings.time_zone, crate::text::QUOTED_CHARS)
        ));
    }
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
    let pages = members.len().div_ceil(MOST_LISTED).max(1);
    let page = (view.page as usize).min(pages);
    let first = (page - 1) * MOST_LISTED;
    let mut next: Vec<String> = members
        .iter()
        .skip(first)
        .take(MOST_LISTED)
        .map(|(name, plan)| match plan {
            Planned::Off => format!("{name}: turned off"),
            Planned::Paused => format!("{name}: paused"),
            // The reader's time (on Discord a timestamp each reader sees
            // in their own zone), then the member's own.
            Planned::At { at, zone } => format!(
                "{name}: {} ({} their time)",
                markup::time(*at, TimeStyle::DateTime, &view.reader_zone),
                markup::local(*at, TimeStyle::DateTime, zone.name())
            ),
        })
        .collect();
    if pages > 1 {
        let last = (first + MOST_LISTED).min(members.len());
        let mut line = format!("Members {}–{last} of {}", first + 1, members.len());
        if page < pages {
            line.push_str(&format!(
                "; /checkin status page:{} shows the next {}",
                page + 1,
                (members.len() - last).min(MOST_LISTED)
            ));
        }
        next.push(line);
    }
    if next.is_empty() {
        next.push("no members yet: a member counts from their first command".into());
    }
    let last = match weeks.first() {
        Some(l) => format!(
            "{}: {} delivered, {} checked in{}, {} with DMs closed, {} failed",
            l.week,
            l.sent,
            l.answered,
            crate::report::participation(l.answered, l.sent),
            l.refused,
            l.failed
        ),
        None => "no check-ins were sent last week".into(),
    };
    // Of the members each check-in reached, how many checked in.
    let rates: Vec<String> = weeks
        .iter()
        .map(|w| {
            format!(
                "{} {} of {}{}",
                w.week,
                w.answered,
                w.sent,
                crate::report::participation(w.answered, w.sent)
            )
        })
        .collect();
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
    if !rates.is_empty() {
        reply = reply.field("Checked in, week by week", rates.join("\n"));
    }
    if let Some((week, text)) = digest {
        reply = reply.field(format!("Latest digest ({week})"), text);
    }
    reply
}
