//! /history: a member's level history, a page at a time, newest first. Each
//! skill opens with where the member stands (their own latest rating and
//! the lead's, and how far apart); each entry says when, which level (and
//! whether it rose or fell from the previous rating of the same kind), who
//! rated and their note.

use crate::app::core::{AppError, AppResult, CommandArgs, Ctx, lead_only};
use crate::app::protocol::component_id::ComponentId;
use crate::app::protocol::markup::TimeStyle;
use crate::app::protocol::reply::Style;
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, SkillName};
use crate::app::protocol::{Reply, UserRef, markup};
use crate::assess::{HistoryEntry, Source, level_name};
use crate::i18n::{Locale, Msg};
use crate::matrix::{Catalog, Level};
use crate::team::MemberId;
use crate::{msg, tr};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

const SKILL: Opt<SkillName> = Opt::optional("skill");
const MEMBER: Opt<UserRef> = Opt::optional("member");
const OPTIONS: &[OptionSpec] = &[SKILL.spec(), MEMBER.spec()];

/// Entries per page: a page fits a chat message with room for notes.
const PAGE: usize = 10;

/// Levels this far apart between a member's own rating and the lead's are
/// flagged: that is a conversation to have.
pub const FLAGGED_GAP: i32 = 2;

pub struct History {
    skill: Option<String>,
    member: Option<UserRef>,
}

impl CommandArgs for History {
    const SPEC: CommandSpec = CommandSpec::new("history").options(OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(History {
            skill: o.get(&SKILL)?.map(|s| s.0),
            member: o.get(&MEMBER)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let skill = match &self.skill {
            Some(input) => Some(cx.find_skill(input)?.slug().to_string()),
            None => None,
        };
        match self.member {
            Some(user) if user.id != cx.actor.user_id => {
                crate::app::core::check_member_name(&user.display_name)?;
                if !cx.is_lead().await? {
                    return Err(lead_only("history member:"));
                }
                let none = || {
                    Ok(
                        Reply::text(tr!(cx, "history-no-data", name = &user.display_name))
                            .private(),
                    )
                };
                let Some(workspace) = cx.known_workspace() else {
                    return none();
                };
                let id = user.id.clone();
                let Some(member) = cx.read(move |s| s.find_member(workspace, &id)).await? else {
                    return none();
                };
                let me = cx.known_me().await?;
                let now = cx.now;
                cx.write(move |s| {
                    s.audit(
                        workspace,
                        me,
                        "history",
                        &format!("member {}", member.id.0),
                        now,
                    )
                })
                .await?;
                page(cx, member.id, Some(&member.display_name), skill, None).await
            }
            _ => match cx.known_me().await? {
                Some(me) => page(cx, me, None, skill, None).await,
                None => Ok(nothing_yet(cx.actor.locale, None)),
            },
        }
    }
}

fn nothing_yet(r: Locale, name: Option<&str>) -> Reply {
    match name {
        None => Reply::text(tr!(r, "history-none-yours")).private(),
        Some(name) => Reply::text(tr!(r, "history-none", name = name)).private(),
    }
}

/// "Earlier entries": the next page, for the member themself or a lead of
/// their workspace.
pub async fn more(
    cx: &mut Ctx<'_>,
    member: MemberId,
    skill: Option<String>,
    before: (i64, i64),
) -> AppResult {
    let whose = cx.read(move |s| s.find_member_by_id(member)).await?;
    let mine = cx.known_me().await? == Some(member);
    let name = match whose {
        Some(_) if mine => None,
        Some(m) if Some(m.workspace) == cx.known_workspace() && cx.is_lead().await? => {
            Some(m.display_name)
        }
        _ => {
            return Err(AppError::User(msg!("history-not-yours")));
        }
    };
    let (at, entry) = before;
    let before = Some((crate::store::from_ms(at), entry));
    let mut reply = page(cx, member, name.as_deref(), skill, before).await?;
    reply.update = false;
    Ok(reply)
}

/// Where a member stands in one skill, by kind of rating.
struct Standing {
    own: Option<HistoryEntry>,
    lead: Option<HistoryEntry>,
}

/// One page of history, newest first, from before `before` (all, when
/// `None`); `name` is the member's when a lead looks.
async fn page(
    cx: &mut Ctx<'_>,
    member: MemberId,
    name: Option<&str>,
    skill: Option<String>,
    before: Option<(DateTime<Utc>, i64)>,
) -> AppResult {
    let zone = cx.zone().await?;
    let scope = skill.clone();
    let (entries, more, standing, previous) = cx
        .read(move |s| {
            let mut entries = s.history_page(member, scope.as_deref(), before, PAGE + 1)?;
            let more = entries.len() > PAGE;
            entries.truncate(PAGE);
            let mut standing: Vec<(String, Standing)> = Vec::new();
            // Per skill and kind: the level before the page's oldest entry
            // (`None` inside: below the first level), if any.
            let mut previous: HashMap<(String, bool), Option<Option<Level>>> = HashMap::new();
            for e in &entries {
                if !standing.iter().any(|(slug, _)| *slug == e.skill) {
                    let now = Standing {
                        own: s.latest_in_track(member, &e.skill, false, None)?,
                        lead: s.latest_in_track(member, &e.skill, true, None)?,
                    };
                    standing.push((e.skill.clone(), now));
                }
            }
            // The rating before the oldest of each kind on this page, to
            // tell whether that one rose or fell.
            for e in entries.iter().rev() {
                let key = (e.skill.clone(), e.by_lead());
                if let std::collections::hash_map::Entry::Vacant(slot) = previous.entry(key) {
                    let before =
                        s.latest_in_track(member, &e.skill, e.by_lead(), Some((e.at, e.id)))?;
                    slot.insert(before.map(|b| b.level));
                }
            }
            Ok((entries, more, standing, previous))
        })
        .await?;
    if entries.is_empty() {
        return Ok(nothing_yet(cx.actor.locale, name));
    }
    let r = cx.actor.locale;
    let title = match name {
        None => tr!(r, "history-title-yours"),
        Some(name) => tr!(r, "history-title", name = name),
    };
    let mut reply = Reply::titled(title, "");
    let catalog = cx.catalog.clone();
    for (slug, now) in &standing {
        let listed: Vec<&HistoryEntry> = entries.iter().filter(|e| e.skill == *slug).collect();
        let mut lines = vec![standing_line(r, &catalog, slug, now, &zone)];
        for (i, e) in listed.iter().enumerate() {
            let earlier = listed[i + 1..]
                .iter()
                .find(|o| o.by_lead() == e.by_lead())
                .map(|o| o.level)
                .or_else(|| {
                    previous
                        .get(&(slug.clone(), e.by_lead()))
                        .copied()
                        .flatten()
                });
            lines.push(entry_line(r, &catalog, e, earlier, &entries, &zone));
        }
        reply = reply.field(skill_label(r, &catalog, slug), lines.join("\n"));
    }
    if more && let Some(last) = entries.last() {
        reply = reply.button(
            ComponentId::history(
                member.0,
                skill.as_deref(),
                (crate::store::to_ms(last.at), last.id),
            ),
            tr!(r, "history-earlier"),
            Style::Secondary,
        );
    }
    Ok(reply.private())
}

/// "Now: self Middle (5 Oct) · lead Senior (28 Oct): the lead rates 1 level
/// higher".
fn standing_line(r: Locale, catalog: &Catalog, slug: &str, now: &Standing, zone: &str) -> String {
    let show = |lead: bool, e: &HistoryEntry| {
        msg!(
            "history-stand",
            kind = if lead { "lead" } else { "self" },
            level = level_text(catalog, slug, e.level),
            at = markup::time(e.at, TimeStyle::Date, zone)
        )
    };
    match (&now.own, &now.lead) {
        (Some(own), Some(lead)) => tr!(
            r,
            "history-now-both",
            own = show(false, own),
            lead = show(true, lead),
            difference = difference(own.level, lead.level)
        ),
        (Some(own), None) => tr!(r, "history-now-own", own = show(false, own)),
        (None, Some(lead)) => tr!(r, "history-now-lead", lead = show(true, lead)),
        (None, None) => tr!(r, "history-now-none"),
    }
}

/// How a lead's rating compares with the member's own, flagged when far
/// apart.
pub fn difference(own: Option<Level>, lead: Option<Level>) -> Msg {
    let gap = rank(lead) - rank(own);
    let levels = gap.unsigned_abs();
    let text = match gap {
        0 => msg!("history-agree"),
        g if g > 0 => msg!("history-lead-higher", levels = levels),
        _ => msg!("history-lead-lower", levels = levels),
    };
    if gap.abs() >= FLAGGED_GAP {
        msg!("history-flagged", difference = text)
    } else {
        text
    }
}

fn rank(level: Option<Level>) -> i32 {
    i32::from(level.map_or(0, Level::rank))
}

/// "28 Oct 2026 · Senior ↑ · lead dana" and the note below it. The arrow
/// compares with the previous rating of the same kind.
fn entry_line(
    r: Locale,
    catalog: &Catalog,
    e: &HistoryEntry,
    earlier: Option<Option<Level>>,
    page: &[HistoryEntry],
    zone: &str,
) -> String {
    let arrow = match earlier {
        Some(before) if rank(before) < rank(e.level) => " ↑",
        Some(before) if rank(before) > rank(e.level) => " ↓",
        _ => "",
    };
    // A date alone is ambiguous when the page has another entry that day.
    let day = |t: DateTime<Utc>| markup::local(r, t, TimeStyle::Date, zone);
    let same_day = page.iter().any(|o| o.id != e.id && day(o.at) == day(e.at));
    let style = if same_day {
        TimeStyle::DateTime
    } else {
        TimeStyle::Date
    };
    let who = match (e.source, &e.rated_by_name) {
        (Source::SelfRated, _) => msg!("history-by-self"),
        (Source::Weekly, _) => msg!("history-by-checkin"),
        (Source::Lead, Some(name)) => msg!("history-by-lead", name = name),
        (Source::Lead, None) => msg!("history-by-a-lead"),
    };
    let mut line = tr!(
        r,
        "history-entry",
        at = markup::time(e.at, style, zone),
        level = level_text(catalog, &e.skill, e.level),
        arrow = arrow,
        who = who
    );
    if let Some(note) = &e.note {
        line.push('\n');
        line.push_str(&tr!(r, "history-note", note = note.trim()));
    }
    line
}

fn level_text(catalog: &Catalog, slug: &str, level: Option<Level>) -> Msg {
    match catalog.get(slug) {
        Some(skill) => level_name(level, skill),
        None => level.map_or_else(|| msg!("level-below-first"), Level::msg),
    }
}

/// The skill's name, or its slug when it has left the matrix (a removed
/// import): its ratings stay.
fn skill_label(r: Locale, catalog: &Catalog, slug: &str) -> String {
    catalog.get(slug).map_or_else(
        || tr!(r, "history-skill-gone", slug = slug),
        |s| s.name().to_string(),
    )
}
