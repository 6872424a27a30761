//! /history: one's own level history; for leads, a member's self and lead
//! ratings side by side.

use super::commands::CommandArgs;
use super::spec::{CommandSpec, Opt, OptionSpec, Options, SkillName};
use super::{AppError, AppResult, Ctx, Reply, UserRef, lead_only};
use crate::assess::{HistoryEntry, Source, level_name};
use crate::matrix::{Catalog, Level};
use crate::team::MemberId;
use std::collections::BTreeMap;

const SKILL: Opt<SkillName> = Opt::optional("skill", "Only this skill");
const MEMBER: Opt<UserRef> = Opt::optional("member", "Leads: this member's history");
const OPTIONS: &[OptionSpec] = &[SKILL.spec(), MEMBER.spec()];

pub struct History {
    skill: Option<String>,
    member: Option<UserRef>,
}

impl CommandArgs for History {
    const SPEC: CommandSpec = CommandSpec::new(
        "history",
        "Your level history (leads: a member's, self and lead side by side)",
    )
    .options(OPTIONS);

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
                if !cx.is_lead().await? {
                    return Err(lead_only("history member:"));
                }
                let none = || {
                    Ok(Reply::text(format!(
                        "{} has no skill data in this server yet.",
                        user.display_name
                    ))
                    .private())
                };
                let Some(workspace) = cx.known_workspace() else {
                    return none();
                };
                let id = user.id.clone();
                let Some(member) = cx.read(move |s| s.find_member(workspace, &id)).await? else {
                    return none();
                };
                let me = cx.me().await?;
                let now = cx.now;
                cx.write(move |s| {
                    s.audit(
                        workspace,
                        Some(me),
                        "history",
                        &format!("member {}", member.id.0),
                        now,
                    )
                })
                .await?;
                let entries = entries(cx, member.id, skill).await?;
                side_by_side(&cx.catalog, &entries, &member.display_name)
            }
            _ => match cx.known_me().await? {
                Some(me) => {
                    let entries = entries(cx, me, skill).await?;
                    own(&cx.catalog, &entries)
                }
                None => own(&cx.catalog, &[]),
            },
        }
    }
}

async fn entries(
    cx: &Ctx<'_>,
    member: MemberId,
    skill: Option<String>,
) -> Result<Vec<HistoryEntry>, AppError> {
    cx.read(move |s| s.history(member, skill.as_deref())).await
}

fn level_text(catalog: &Catalog, slug: &str, level: Option<Level>) -> String {
    match catalog.get(slug) {
        Some(skill) => level_name(level, skill),
        None => level.map_or_else(|| "below the first level".into(), |l| l.to_string()),
    }
}

fn skill_name(catalog: &Catalog, slug: &str) -> String {
    catalog
        .get(slug)
        .map_or_else(|| slug.to_string(), |s| s.name().to_string())
}

fn own(catalog: &Catalog, entries: &[HistoryEntry]) -> AppResult {
    if entries.is_empty() {
        return Ok(Reply::text("No levels recorded yet. Start with /assess <skill>.").private());
    }
    let mut by_skill: BTreeMap<&str, Vec<&HistoryEntry>> = BTreeMap::new();
    for e in entries {
        by_skill.entry(e.skill.as_str()).or_default().push(e);
    }
    let mut reply = Reply::titled("Your level history", "");
    for (slug, list) in by_skill {
        let mut lines = Vec::new();
        let mut previous: Option<Option<Level>> = None;
        for e in list {
            let change = match previous {
                Some(p) if p < e.level => " ↑",
                Some(p) if p > e.level => " ↓",
                _ => "",
            };
            lines.push(format!(
                "{} · {}{change} · {}",
                e.at.date_naive(),
                level_text(catalog, slug, e.level),
                source_word(e.source)
            ));
            previous = Some(e.level);
        }
        reply = reply.field(skill_name(catalog, slug), lines.join("\n"));
    }
    Ok(reply.private())
}

fn source_word(source: Source) -> &'static str {
    match source {
        Source::SelfRated => "self",
        Source::Lead => "lead",
        Source::Weekly => "weekly check-in",
    }
}

fn side_by_side(catalog: &Catalog, entries: &[HistoryEntry], name: &str) -> AppResult {
    if entries.is_empty() {
        return Ok(Reply::text(format!("{name} has no levels recorded yet.")).private());
    }
    // Latest self (or weekly) and latest lead rating per skill.
    let mut latest: BTreeMap<&str, (Option<&HistoryEntry>, Option<&HistoryEntry>)> =
        BTreeMap::new();
    for e in entries {
        let slot = latest.entry(e.skill.as_str()).or_default();
        match e.source {
            Source::Lead => slot.1 = Some(e),
            Source::SelfRated | Source::Weekly => slot.0 = Some(e),
        }
    }
    let mut reply = Reply::titled(format!("{name}: self and lead ratings"), "");
    for (slug, (own, lead)) in latest {
        let show = |e: Option<&HistoryEntry>| {
            e.map_or_else(
                || "none".to_string(),
                |e| {
                    format!(
                        "{} ({})",
                        level_text(catalog, slug, e.level),
                        e.at.date_naive()
                    )
                },
            )
        };
        let rank = |e: &HistoryEntry| e.level.map_or(0, Level::rank) as i32;
        let difference = match (own, lead) {
            (Some(s), Some(l)) => match rank(l) - rank(s) {
                0 => "they agree".to_string(),
                d if d > 0 => format!(
                    "the lead rates {d} level{} higher",
                    if d == 1 { "" } else { "s" }
                ),
                d => format!(
                    "the lead rates {} level{} lower",
                    -d,
                    if d == -1 { "" } else { "s" }
                ),
            },
            _ => "no comparison yet".to_string(),
        };
        reply = reply.field(
            skill_name(catalog, slug),
            format!(
                "Self: {}\nLead: {}\nDifference: {difference}",
                show(own),
                show(lead)
            ),
        );
    }
    Ok(reply.private())
}
