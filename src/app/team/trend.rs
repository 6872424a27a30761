//! /team trend and /team export: a skill over the last weeks, with its
//! chart; the team's levels (or whole history) as CSV.

use super::Scope;
use super::data;
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx};
use crate::app::protocol::markup::TimeStyle;
use crate::app::protocol::reply::Attachment;
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, SkillName};
use crate::app::protocol::{Reply, markup};
use crate::i18n::Locale;
use crate::matrix::{Level, Skill};
use crate::report::{self, Distribution, Person, Trend, chart, csv};
use crate::store::SkillRating;
use crate::{msg, tr};
use std::sync::Arc;

const SKILL: Opt<SkillName> = Opt::required("skill");
const WEEKS: Opt<u32> = Opt::optional("weeks");
const TREND_OPTIONS: &[OptionSpec] = &[SKILL.spec(), WEEKS.spec()];

pub struct TrendCmd {
    skill: String,
    weeks: Option<u32>,
}

impl CommandArgs for TrendCmd {
    const SPEC: CommandSpec = CommandSpec::new("team trend")
        .options(TREND_OPTIONS)
        .for_leads()
        .slow();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(TrendCmd {
            skill: o.need(&SKILL)?.0,
            weeks: o.get(&WEEKS)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let weeks = self.weeks.unwrap_or(12);
        if !(1..=104).contains(&weeks) {
            return Err(AppError::User(msg!(
                "trend-weeks-out-of-range",
                weeks = weeks,
                skill = crate::text::shorten(&self.skill, crate::text::QUOTED_CHARS)
            )));
        }
        let slug = cx.find_skill(&self.skill)?.slug().to_string();
        let rows = data::load(cx).await?;
        let now = cx.now;
        let ratings = match cx.known_workspace() {
            Some(w) => {
                let slug = slug.clone();
                cx.read(move |s| s.skill_ratings(w, &slug, now)).await?
            }
            None => Vec::new(),
        };
        let zone = cx.zone().await?;
        let (catalog, reader) = (Arc::clone(&cx.catalog), cx.actor.locale);
        let detail = format!("team trend skill={slug} weeks={weeks}"); // not prose: a record for the audit trail or the log
        let reply = tokio::task::spawn_blocking(move || {
            let skill = catalog.get(&slug)?;
            let t = trend_of(skill, &rows.people, &ratings, now, weeks);
            Some(trend_reply(reader, skill, &t, weeks, &zone))
        })
        .await
        .map_err(|e| AppError::caused("the trend report failed", e))?
        .ok_or_else(|| AppError::User(msg!("trend-skill-gone")))?;
        data::audit(cx, "report", detail).await?;
        Ok(reply.private())
    }
}

/// The trend of a skill over the members it concerns (their role's, or
/// rated in it).
pub fn trend_of(
    skill: &Skill,
    people: &[Person],
    ratings: &[SkillRating],
    now: chrono::DateTime<chrono::Utc>,
    weeks: u32,
) -> Trend {
    let ratings: Vec<report::trend::Rating> = ratings
        .iter()
        .map(|r| report::trend::Rating {
            member: r.member,
            by_lead: r.by_lead,
            level: Level::from_rank(r.rank),
            at: r.at,
        })
        .collect();
    let people: Vec<Person> = people
        .iter()
        .filter(|p| {
            p.role.as_ref().is_some_and(|r| skill.roles().contains(r))
                || ratings.iter().any(|r| r.member == p.id)
        })
        .cloned()
        .collect();
    report::trend(&people, &ratings, now, weeks)
}

/// A trend as a reply with its chart.
pub fn trend_reply(r: Locale, skill: &Skill, t: &Trend, weeks: u32, zone: &str) -> Reply {
    let mut reply = trend_view(r, skill, t, weeks, zone);
    if let Ok(png) = chart::trend(r, skill.name(), t) {
        reply.attachments.push(Attachment {
            name: "team-trend.png".into(),
            content_type: "image/png".into(),
            bytes: png,
        });
    }
    reply
}

fn distribution_text(r: Locale, d: &Distribution, skill: &Skill) -> String {
    let mut parts = Vec::new();
    for (rank, n) in d.at_rank.iter().enumerate() {
        if *n > 0 {
            parts.push(tr!(
                r,
                "summary-at-level",
                level = crate::assess::level_name(Level::from_rank(rank as u8), skill),
                count = *n
            ));
        }
    }
    if d.unrated > 0 {
        parts.push(tr!(r, "trend-not-rated-count", count = d.unrated));
    }
    if parts.is_empty() {
        tr!(r, "trend-nobody")
    } else {
        parts.join(" · ")
    }
}

fn trend_view(r: Locale, skill: &Skill, t: &Trend, weeks: u32, zone: &str) -> Reply {
    let mut reply = Reply::titled(
        tr!(r, "trend-title", skill = skill.name(), weeks = weeks),
        tr!(
            r,
            "trend-intro",
            from = markup::time(t.from, TimeStyle::Date, zone),
            to = markup::time(t.to, TimeStyle::Date, zone)
        ),
    );
    let line = |m: &report::Move| {
        tr!(
            r,
            "trend-move",
            name = &m.name,
            from = crate::assess::level_name(m.from, skill),
            to = crate::assess::level_name(m.to, skill),
            steps = format!("{:+}", m.steps)
        )
    };
    let listed = |lines: Vec<String>| {
        if lines.is_empty() {
            tr!(r, "trend-nobody")
        } else {
            lines.join("\n")
        }
    };
    let up: Vec<String> = t.moves.iter().filter(|m| m.steps > 0).map(line).collect();
    let down: Vec<String> = t.moves.iter().filter(|m| m.steps < 0).map(line).collect();
    let newly: Vec<String> = t
        .newly_rated
        .iter()
        .map(|n| {
            let level = crate::assess::level_name(n.level, skill);
            if n.by_lead {
                tr!(r, "trend-newly-by-lead", name = &n.name, level = level)
            } else {
                tr!(r, "trend-newly", name = &n.name, level = level)
            }
        })
        .collect();
    reply = reply
        .field(tr!(r, "trend-up"), listed(up))
        .field(tr!(r, "trend-down"), listed(down))
        .field(tr!(r, "trend-newly-rated"), listed(newly));
    reply
        .field(tr!(r, "trend-then"), distribution_text(r, &t.then, skill))
        .field(tr!(r, "trend-now"), distribution_text(r, &t.now, skill))
}

const EXPORT_SKILL: Opt<SkillName> = Opt::optional("skill");
const HISTORY: Opt<bool> = Opt::optional("history");
const EXPORT_OPTIONS: &[OptionSpec] = &[EXPORT_SKILL.spec(), HISTORY.spec()];

pub struct Export {
    skill: Option<String>,
    history: bool,
}

impl CommandArgs for Export {
    const SPEC: CommandSpec = CommandSpec::new("team export")
        .options(EXPORT_OPTIONS)
        .for_leads()
        .slow();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Export {
            skill: o.get(&EXPORT_SKILL)?.map(|s| s.0),
            history: o.get(&HISTORY)?.unwrap_or(false),
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let scope = Scope::resolve(&cx.catalog, self.skill.as_deref(), None)?;
        let detail = format!("team export {} history={}", scope.detail(), self.history); // not prose: a record for the audit trail or the log
        let catalog = Arc::clone(&cx.catalog);
        let now = cx.now;
        let (bytes, rows, name) = if self.history {
            let entries = match cx.known_workspace() {
                Some(w) => {
                    let slug = scope.slug.clone();
                    cx.read(move |s| s.team_history(w, slug.as_deref())).await?
                }
                None => Vec::new(),
            };
            let rows = history_rows(cx.actor.locale, &catalog, &entries);
            let bytes = csv::history(&rows);
            (bytes, rows.len(), "skillbot-team-history.csv")
        } else {
            let team_rows = data::load(cx).await?;
            tokio::task::spawn_blocking(move || {
                let team = team_rows.team(&catalog, now);
                let filter = scope.filter();
                let rows = team.people.len() * team.skills_in(&filter).count();
                (
                    csv::current(&team, &filter),
                    rows,
                    "skillbot-team-levels.csv",
                )
            })
            .await
            .map_err(|e| AppError::caused("writing the CSV failed", e))?
        };
        data::audit(cx, "export", detail).await?;
        let mut reply = Reply::text(tr!(cx, "export-done", rows = rows, file = name)).private();
        reply.attachments.push(Attachment {
            name: name.into(),
            content_type: "text/csv".into(),
            bytes,
        });
        Ok(reply)
    }
}

/// History rows for the export, with level names from the matrix.
pub fn history_rows(
    r: Locale,
    catalog: &crate::matrix::Catalog,
    entries: &[(crate::assess::HistoryEntry, String)],
) -> Vec<csv::HistoryRow> {
    entries
        .iter()
        .map(|(e, member)| csv::HistoryRow {
            member: member.clone(),
            skill: catalog
                .get(&e.skill)
                .map_or_else(|| e.skill.clone(), |s| s.name().to_string()),
            role: e.role.clone(),
            rank: e.level.map_or(0, Level::rank),
            level_name: match catalog.get(&e.skill) {
                Some(s) => crate::assess::level_name(e.level, s),
                None => e.level.map_or(msg!("level-below-first"), Level::msg),
            }
            .render(r),
            source: e.source.as_str().to_string(),
            rated_by: if e.by_lead() {
                e.rated_by_name
                    .clone()
                    .unwrap_or_else(|| tr!(r, "export-former-member"))
            } else {
                member.clone()
            },
            note: e.note.clone().unwrap_or_default(),
            at: e.at,
        })
        .collect()
}
