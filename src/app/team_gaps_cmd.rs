//! /team gaps: every member below their role's target, largest gaps first,
//! with what their next level asks; and who holds each skill at Senior or
//! above (one person or none is a risk).

use super::commands::CommandArgs;
use super::markup::{self, TimeStyle};
use super::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName, SkillName};
use super::team_data;
use super::team_summary_cmd::Scope;
use super::{AppError, AppResult, Ctx, Reply, UserRef};
use crate::msg;
use crate::report::{self, Coverage, Filter, Gap, Rated, Team, Track};
use std::sync::Arc;

const SKILL: Opt<SkillName> = Opt::optional("skill", "Only this skill");
const ROLE: Opt<RoleName> = Opt::optional("role", "Only members with this role");
const MEMBER: Opt<UserRef> = Opt::optional("member", "Only this member");
const OPTIONS: &[OptionSpec] = &[SKILL.spec(), ROLE.spec(), MEMBER.spec()];

/// The most gaps listed in chat; the export has every row.
const MOST_LISTED: usize = 25;

pub struct Gaps {
    skill: Option<String>,
    role: Option<String>,
    member: Option<UserRef>,
}

impl CommandArgs for Gaps {
    const SPEC: CommandSpec = CommandSpec::new(
        "team gaps",
        "Members below their role's target, largest gaps first, and what they need next",
    )
    .options(OPTIONS)
    .for_leads()
    .slow();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Gaps {
            skill: o.get(&SKILL)?.map(|s| s.0),
            role: o.get(&ROLE)?.map(|r| r.0),
            member: o.get(&MEMBER)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let scope = Scope::resolve(&cx.catalog, self.skill.as_deref(), self.role.as_deref())?;
        let member = match &self.member {
            Some(user) if user.id.trim().is_empty() || user.display_name.trim().is_empty() => {
                return Err(AppError::User(msg!("gaps-member-empty")));
            }
            Some(user) => {
                let workspace = cx.known_workspace();
                let id = user.id.clone();
                let found = match workspace {
                    Some(w) => cx.read(move |s| s.find_member(w, &id)).await?,
                    None => None,
                };
                Some(found.map(|m| m.id).ok_or_else(|| {
                    AppError::User(msg!(
                        "gaps-member-unknown",
                        name = crate::text::shorten(&user.display_name, crate::text::QUOTED_CHARS)
                    ))
                })?)
            }
            None => None,
        };
        let detail = format!(
            "team gaps {} member={}",
            scope.detail(),
            member.map_or(0, |m| m.0)
        );
        let rows = team_data::load(cx).await?;
        let zone = cx.zone().await?;
        let (catalog, now) = (Arc::clone(&cx.catalog), cx.now);
        let reply = tokio::task::spawn_blocking(move || {
            let team = rows.team(&catalog, now);
            let filter = Filter {
                member,
                ..scope.filter()
            };
            gaps_view(
                &team,
                &report::gaps(&team, &filter),
                &report::coverage(&team, &filter),
                &zone,
            )
        })
        .await
        .map_err(|e| AppError::caused("the gap report failed", e))?;
        team_data::audit(cx, "report", detail).await?;
        Ok(reply.private())
    }
}

fn stand(rated: Option<Rated>, skill: &crate::matrix::Skill) -> String {
    rated.map_or_else(
        || "none".to_string(),
        |r| crate::assess::level_name(r.level, skill),
    )
}

/// One gap as a line: what counts and why, the target, and the next step.
fn gap_text(team: &Team<'_>, g: &Gap<'_>, zone: &str) -> String {
    let Some(skill) = team.skills.iter().find(|s| s.slug() == g.slug) else {
        return String::new();
    };
    let mut text = match g.counted {
        None => format!(
            "never assessed → target {}: {}",
            g.target,
            super::count(usize::from(g.gap), "level")
        ),
        Some(track) => {
            // Each level with its own date.
            let dated = |r: Option<Rated>| match r {
                Some(r) => format!(
                    "{}, {}",
                    stand(Some(r), skill),
                    markup::time(r.at, TimeStyle::Date, zone)
                ),
                None => "none".to_string(),
            };
            let (counted, why) = match track {
                Track::Lead => (
                    g.lead,
                    format!(
                        "lead's rating, {}; own {}",
                        g.lead
                            .map_or(String::new(), |r| markup::time(r.at, TimeStyle::Date, zone)),
                        dated(g.own)
                    ),
                ),
                Track::Own => (
                    g.own,
                    format!(
                        "own rating, {}; no lead rating",
                        g.own
                            .map_or(String::new(), |r| markup::time(r.at, TimeStyle::Date, zone))
                    ),
                ),
            };
            format!(
                "{} ({why}) → target {}: {}",
                stand(counted, skill),
                g.target,
                super::count(usize::from(g.gap), "level")
            )
        }
    };
    if let Some(next) = g.next {
        if g.required.is_empty() && g.optional.is_empty() {
            text.push_str(&format!("\nNext, {next}: nothing listed for {}.", g.role));
        }
        for e in &g.required {
            text.push_str(&format!("\nNext, {next}, required: {e}"));
        }
        for e in &g.optional {
            text.push_str(&format!("\nNext, {next}, optional (stretch): {e}"));
        }
    }
    text
}

pub fn gaps_view(team: &Team<'_>, gaps: &[Gap<'_>], coverage: &[Coverage], zone: &str) -> Reply {
    let mut reply = Reply::titled(
        "Gaps against targets",
        "Largest gaps first. A member's level is their lead's rating where there is one (said so), \
         else their own. Required expectations block the next level; optional ones are stretch.",
    );
    if team.targets.is_empty() {
        reply.text.push_str(
            "\nNo targets are set yet: /targets set <role> <skill> <level> says what each role should hold.",
        );
    } else if gaps.is_empty() {
        reply
            .text
            .push_str("\nEveryone covered meets their role's target.");
    }
    for g in gaps.iter().take(MOST_LISTED) {
        reply = reply.field(
            format!("{} ({}) · {}", g.name, g.role, g.skill),
            gap_text(team, g, zone),
        );
    }
    if gaps.len() > MOST_LISTED {
        reply.text.push_str(&format!(
            "\nThe first {MOST_LISTED} of {} are listed; /team export has every member.",
            gaps.len()
        ));
    }
    let lines: Vec<String> = coverage
        .iter()
        .map(|c| match c.holders.as_slice() {
            [] => format!("{}: nobody ⚠ (bus factor 0)", c.skill),
            [one] => format!("{}: only {one} ⚠ (bus factor 1)", c.skill),
            many => format!("{}: {} ({})", c.skill, many.len(), many.join(", ")),
        })
        .collect();
    if !lines.is_empty() {
        reply = reply.field("Senior or above", lines.join("\n"));
    }
    reply
}
