//! /checkin status: the check-in's settings, everyone's next one, and last
//! week's numbers and digest, for leads.

use super::commands::{Planned, planned, schedule_text};
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx};
use crate::app::protocol::markup::TimeStyle;
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options};
use crate::app::protocol::{Reply, markup};
use crate::i18n::Locale;
use crate::schedule;
use crate::store::{CheckinStatus, Store, StoreError, WorkspaceSettings};
use crate::team::WorkspaceId;
use crate::{msg, tr};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

const PAGE: Opt<u32> = Opt::optional("page");
const OPTIONS: &[OptionSpec] = &[PAGE.spec()];

pub struct Status {
    page: u32,
}

/// The most members listed one by one in /checkin status.
const MOST_LISTED: usize = 25;

impl CommandArgs for Status {
    const SPEC: CommandSpec = CommandSpec::new("checkin status")
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
                cx.actor.locale,
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
        let reader = cx.actor.locale;
        let (settings, members, weeks) = cx
            .read(move |s| read_status(reader, s, workspace, now))
            .await?;
        let digest = super::digest::latest_digest(cx, workspace)
            .await?
            .map(|d| (d.week.clone(), d.text(cx.actor.locale)));
        let view = View {
            now,
            reader_zone: cx.zone().await?,
            page: self.page,
        };
        Ok(status_view(
            cx.actor.locale,
            &settings,
            &members,
            &weeks,
            digest,
            &view,
            &cx.catalog,
        )
        .private())
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
    reader: Locale,
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
            name.push_str(&tr!(
                reader,
                "status-member-zone-unknown",
                zone = crate::text::shorten(bad, crate::text::QUOTED_CHARS)
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
                sent: checkins.iter().filter(|c| c.status.reached()).count(),
                answered: checkins
                    .iter()
                    .filter(|c| {
                        c.status.reached()
                            && c.answer
                                .as_deref()
                                .and_then(crate::report::Answer::parse)
                                .is_some_and(crate::report::Answer::checked_in)
                    })
                    .count(),
                refused: checkins
                    .iter()
                    .filter(|c| c.status == CheckinStatus::Refused)
                    .count(),
                failed: checkins
                    .iter()
                    .filter(|c| c.status == CheckinStatus::Failed)
                    .count(),
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
    r: Locale,
    settings: &WorkspaceSettings,
    members: &[(String, Planned)],
    weeks: &[LastWeek],
    digest: Option<(String, String)>,
    view: &View,
    catalog: &crate::matrix::Catalog,
) -> Reply {
    let now = view.now;
    let mut schedule = vec![schedule_text(settings)];
    schedule.push(match settings.grace_minutes {
        0 => msg!("status-no-grace"),
        m => msg!("status-grace", hours = usize::from(m / 60)),
    });
    if settings.time_zone.parse::<Tz>().is_err() {
        schedule.push(msg!(
            "status-zone-unknown",
            zone = crate::text::shorten(&settings.time_zone, crate::text::QUOTED_CHARS)
        ));
    }
    if settings.checkins_paused {
        schedule.push(msg!("status-paused"));
    }
    let schedule: String = schedule.iter().map(|m| m.render(r)).collect();
    let skills = match &settings.checkin_skills {
        Some(slugs) => slugs
            .iter()
            .map(|slug| catalog.get(slug).map_or(slug.as_str(), |s| s.name()))
            .collect::<Vec<_>>()
            .join(", "),
        None => tr!(r, "status-skills-default"),
    };
    let channel = match &settings.digest_channel {
        Some(id) => tr!(
            r,
            "status-digest-posted",
            channel = markup::channel(id, settings.digest_channel_name.as_deref().unwrap_or(id))
        ),
        None => tr!(r, "status-digest-no-channel"),
    };
    let pages = members.len().div_ceil(MOST_LISTED).max(1);
    let page = (view.page as usize).min(pages);
    let first = (page - 1) * MOST_LISTED;
    let mut next: Vec<String> = members
        .iter()
        .skip(first)
        .take(MOST_LISTED)
        .map(|(name, plan)| match plan {
            Planned::Off => tr!(r, "status-member-off", name = name),
            Planned::Paused => tr!(r, "status-member-paused", name = name),
            // The reader's time (on Discord a timestamp each reader sees
            // in their own zone), then the member's own.
            Planned::At { at, zone } => tr!(
                r,
                "status-member-at",
                name = name,
                at = markup::time(*at, TimeStyle::DateTime, &view.reader_zone),
                theirs = markup::local(r, *at, TimeStyle::DateTime, zone.name())
            ),
        })
        .collect();
    if pages > 1 {
        let last = (first + MOST_LISTED).min(members.len());
        let mut line = tr!(
            r,
            "status-members-page",
            first = first + 1,
            last = last,
            count = members.len()
        );
        if page < pages {
            line.push_str(&tr!(
                r,
                "status-members-next-page",
                page = page + 1,
                count = (members.len() - last).min(MOST_LISTED)
            ));
        }
        next.push(line);
    }
    if next.is_empty() {
        next.push(tr!(r, "status-no-members"));
    }
    let last = match weeks.first() {
        Some(l) => tr!(
            r,
            "status-last-week",
            week = &l.week,
            sent = l.sent,
            answered = l.answered,
            participation = crate::report::participation(l.answered, l.sent),
            refused = l.refused,
            failed = l.failed
        ),
        None => tr!(r, "status-last-week-none"),
    };
    // Of the members each check-in reached, how many checked in.
    let rates: Vec<String> = weeks
        .iter()
        .map(|w| {
            tr!(
                r,
                "status-rate",
                week = &w.week,
                answered = w.answered,
                sent = w.sent,
                participation = crate::report::participation(w.answered, w.sent)
            )
        })
        .collect();
    let mut reply = Reply::titled(
        tr!(r, "status-title"),
        tr!(
            r,
            "status-as-of",
            at = markup::time(now, TimeStyle::DateTime, &settings.time_zone)
        ),
    )
    .field(tr!(r, "status-field-schedule"), schedule)
    .field(tr!(r, "status-field-skills"), skills)
    .field(
        tr!(r, "status-field-reminder"),
        tr!(
            r,
            "status-reminder",
            hours = usize::from(settings.reminder_hours)
        ),
    )
    .field(tr!(r, "status-field-digest"), channel)
    .field(tr!(r, "status-field-next"), next.join("\n"))
    .field(tr!(r, "status-field-last-week"), last);
    if !rates.is_empty() {
        reply = reply.field(tr!(r, "status-field-rates"), rates.join("\n"));
    }
    if let Some((week, text)) = digest {
        reply = reply.field(tr!(r, "status-field-latest-digest", week = week), text);
    }
    reply
}
