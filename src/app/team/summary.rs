//! /team summary: per skill and role, how the members stand, with the
//! heatmap; and the "Nudge" button that invites those never assessed.

use super::Scope;
use super::data;
use crate::app::core::dialog::{Input, Press, Stored};
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx, dialog};
use crate::app::protocol::component_id::{ComponentId, DialogAction};
use crate::app::protocol::reply::{Attachment, Style};
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName, SkillName};
use crate::app::protocol::{Notice, Recipient, Reply, Said};
use crate::i18n::{Locale, Msg};
use crate::matrix::Level;
use crate::report::{self, SummaryRow, Team, chart};
use crate::team::MemberId;
use crate::{msg, tr};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

const SKILL: Opt<SkillName> = Opt::optional("skill");
const ROLE: Opt<RoleName> = Opt::optional("role");
const OPTIONS: &[OptionSpec] = &[SKILL.spec(), ROLE.spec()];

pub struct Summary {
    skill: Option<String>,
    role: Option<String>,
}

impl CommandArgs for Summary {
    const SPEC: CommandSpec = CommandSpec::new("team summary")
        .options(OPTIONS)
        .for_leads()
        .slow();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Summary {
            skill: o.get(&SKILL)?.map(|s| s.0),
            role: o.get(&ROLE)?.map(|r| r.0),
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let scope = Scope::resolve(&cx.catalog, self.skill.as_deref(), self.role.as_deref())?;
        let detail = format!("team summary {}", scope.detail()); // not prose: a record for the audit trail or the log
        let rows = data::load(cx).await?;
        let zone = cx.zone().await?;
        let (catalog, now, reader) = (Arc::clone(&cx.catalog), cx.now, cx.actor.locale);
        // Drawing takes milliseconds of CPU: off the async workers.
        let (mut reply, never) = tokio::task::spawn_blocking(move || {
            let team = rows.team(&catalog, now);
            let filter = scope.filter();
            let rows = report::summary(&team, &filter);
            let mut reply = summary_view(reader, &team, &rows, &zone);
            if let Ok(png) = chart::heatmap(reader, &team, &filter) {
                reply.attachments.push(Attachment {
                    name: "team-heatmap.png".into(),
                    content_type: "image/png".into(),
                    bytes: png,
                });
            }
            (reply, never_assessed(&rows))
        })
        .await
        .map_err(|e| AppError::caused("drawing the summary failed", e))?;
        data::audit(cx, "report", detail).await?;
        if !never.is_empty() {
            let count = never.len();
            let state = NudgeState { members: never };
            let id = dialog::start(cx, "@nudge", "", &state).await?;
            reply = reply.button(
                ComponentId::dialog(&id, DialogAction::Confirm),
                tr!(cx, "nudge-button", count = count),
                Style::Primary,
            );
        }
        Ok(reply.private())
    }
}

/// Each member never assessed in some skill, with those skills (slugs).
fn never_assessed(rows: &[SummaryRow]) -> Vec<(i64, Vec<String>)> {
    let mut out: Vec<(i64, Vec<String>)> = Vec::new();
    for row in rows {
        for (member, _) in &row.never {
            match out.iter_mut().find(|(m, _)| *m == member.0) {
                Some((_, skills)) => skills.push(row.slug.clone()),
                None => out.push((member.0, vec![row.slug.clone()])),
            }
        }
    }
    out
}

/// "Junior 1 · Middle 2 · not rated 1".
fn distribution(r: Locale, row: &SummaryRow) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (rank, n) in row.at_rank.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let name = match Level::from_rank(rank as u8) {
            Some(l) => l.msg(),
            None => msg!("level-below-first"),
        };
        parts.push(tr!(r, "summary-at-level", level = name, count = *n));
    }
    if !row.never.is_empty() {
        parts.push(tr!(r, "summary-never-count", count = row.never.len()));
    }
    parts.join(" · ")
}

/// Above this many skill and role rows, the summary is one line per skill,
/// so that it stays one message a lead reads at a glance.
const MOST_DETAILED: usize = 12;

/// The most skills listed in the compact summary.
const MOST_SKILLS_LISTED: usize = 40;

/// One line per skill (its roles together), and how to see more.
fn compact_view(r: Locale, mut reply: Reply, rows: &[SummaryRow]) -> Reply {
    let mut skills: Vec<(&str, &str, [usize; 5])> = Vec::new();
    for row in rows {
        let with_target = if row.target.is_some() { row.members } else { 0 };
        let counts = [
            row.members,
            with_target,
            row.meeting,
            row.never.len(),
            row.stale,
        ];
        match skills.iter_mut().find(|(slug, _, _)| *slug == row.slug) {
            Some((_, _, sum)) => sum.iter_mut().zip(counts).for_each(|(s, c)| *s += c),
            None => skills.push((&row.slug, &row.skill, counts)),
        }
    }
    let lines: Vec<String> = skills
        .iter()
        .take(MOST_SKILLS_LISTED)
        .map(|(_, name, [members, with_target, meeting, never, stale])| {
            let mut line = tr!(
                r,
                "summary-compact-members",
                skill = *name,
                count = *members
            );
            if *with_target > 0 {
                line.push_str(&tr!(
                    r,
                    "summary-compact-meeting",
                    meeting = *meeting,
                    count = *with_target
                ));
            }
            if *never > 0 {
                line.push_str(&tr!(r, "summary-compact-never", count = *never));
            }
            if *stale > 0 {
                line.push_str(&tr!(r, "summary-compact-stale", count = *stale));
            }
            line
        })
        .collect();
    let mut text = lines.join("\n");
    if skills.len() > MOST_SKILLS_LISTED {
        text.push('\n');
        text.push_str(&tr!(
            r,
            "summary-more-skills",
            count = skills.len() - MOST_SKILLS_LISTED
        ));
    }
    reply = reply.field(tr!(r, "summary-by-skill"), text);
    reply.field(tr!(r, "summary-more"), tr!(r, "summary-more-how"))
}

/// A role as the summary names it: the report's group of members with no
/// role is named by the catalog.
fn role_shown(role: &str) -> crate::i18n::Arg {
    if role == report::NO_ROLE {
        msg!("team-no-role").into()
    } else {
        role.into()
    }
}

/// The summary as a reply: a field per skill and role.
pub fn summary_view(r: Locale, team: &Team<'_>, rows: &[SummaryRow], zone: &str) -> Reply {
    let stale_days = team.stale_after.num_days();
    let mut reply = Reply::titled(
        tr!(r, "summary-title"),
        tr!(
            r,
            "summary-intro",
            at = crate::app::protocol::markup::time(
                team.now,
                crate::app::protocol::markup::TimeStyle::Date,
                zone
            ),
            days = stale_days.unsigned_abs()
        ),
    );
    if rows.is_empty() {
        reply.text.push('\n');
        reply.text.push_str(&tr!(r, "summary-nobody"));
        return reply;
    }
    if rows.len() > MOST_DETAILED {
        return compact_view(r, reply, rows);
    }
    for row in rows {
        let median = match row.median {
            None => msg!("summary-median-none"),
            Some(level) => team
                .skills
                .iter()
                .find(|k| k.slug() == row.slug)
                .map_or_else(
                    || level.map_or(msg!("level-below-first"), Level::msg),
                    |skill| crate::assess::level_name(level, skill),
                ),
        };
        let mut lines = vec![tr!(
            r,
            "summary-median",
            count = row.members,
            median = median
        )];
        lines.push(distribution(r, row));
        lines.push(match row.target {
            Some(t) => tr!(
                r,
                "summary-target",
                target = t.msg(),
                meeting = row.meeting,
                count = row.members
            ),
            None => tr!(r, "summary-no-target"),
        });
        if row.stale + row.disagreements > 0 {
            lines.push(tr!(
                r,
                "summary-stale-apart",
                stale = row.stale,
                apart = row.disagreements
            ));
        }
        if !row.never.is_empty() {
            let names: Vec<&str> = row.never.iter().map(|(_, n)| n.as_str()).collect();
            lines.push(tr!(r, "summary-never", names = crate::i18n::list(names)));
        }
        reply = reply.field(
            tr!(
                r,
                "summary-field",
                skill = &row.skill,
                role = role_shown(&row.role)
            ),
            lines.join("\n"),
        );
    }
    reply
}

/// Members never assessed, waiting for the lead's "Nudge".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NudgeState {
    /// Member ids and the skills (slugs) they were never assessed in.
    pub members: Vec<(i64, Vec<String>)>,
}

/// "Nudge": a short direct message to each, inviting them to /assess.
pub fn on_nudge(
    press: &mut Press<'_>,
    stored: Stored,
    state: NudgeState,
    input: Input,
) -> AppResult {
    if input.action != DialogAction::Confirm {
        return Err(AppError::User(msg!("nudge-use-button")));
    }
    press.store.end_dialog(&stored.row.id)?;
    let mut reply = Reply::text("").private();
    let mut nudged = Vec::new();
    for (member, slugs) in &state.members {
        // Someone who left (deleted their data) since is skipped.
        let Some(m) = press.store.find_member_by_id(MemberId(*member))? else {
            continue;
        };
        if m.workspace != press.workspace {
            continue;
        }
        let names: Vec<Msg> = slugs
            .iter()
            .filter_map(|s| {
                press
                    .catalog
                    .get(s)
                    .map(|k| msg!("nudge-skill", skill = k.name(), slug = s))
            })
            .collect();
        reply.notices.push(Notice::new(
            Recipient::Member {
                user_id: m.external_id.clone(),
                name: m.display_name.clone(),
            },
            Said::line(msg!(
                "nudge-message",
                lead = &press.actor.display_name,
                skills = crate::i18n::list(names)
            )),
        ));
        nudged.push(m.display_name);
    }
    reply.text = if nudged.is_empty() {
        tr!(press, "nudge-nobody")
    } else {
        tr!(press, "nudged", names = crate::i18n::list(&nudged))
    };
    // Where the front end delivers before it answers, the answer names
    // only those the nudge reached.
    reply = reply.reporting_delivery(tr!(press, "nudged-lead-in"));
    press.store.audit(
        press.workspace,
        Some(press.me),
        "nudge",
        &format!("{} members", nudged.len()),
        press.now,
    )?;
    Ok(reply)
}

impl dialog::DialogKind for NudgeState {
    const KIND: &'static str = "nudge";

    fn lead_only(&self) -> Option<&'static str> {
        Some("team summary")
    }

    fn has_steps(&self) -> bool {
        false
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        tr!(press, "cancelled-nudge")
    }

    /// Offered again by running the command again.
    fn current(&self, _: &dialog::Showing<'_>) -> Result<Option<Reply>, AppError> {
        Ok(None)
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        on_nudge(press, stored, self, input)
    }
}
