//! /team gaps: every member below their role's target, largest gaps first,
//! with what their next level asks; and who holds each skill at Senior or
//! above (one person or none is a risk).

use super::Scope;
use super::data;
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx};
use crate::app::protocol::markup::TimeStyle;
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName, SkillName};
use crate::app::protocol::{Reply, UserRef, markup};
use crate::i18n::{Locale, Msg};
use crate::report::{self, Coverage, Filter, Gap, Rated, Team, Track};
use crate::{msg, tr};
use std::sync::Arc;

const SKILL: Opt<SkillName> = Opt::optional("skill");
const ROLE: Opt<RoleName> = Opt::optional("role");
const MEMBER: Opt<UserRef> = Opt::optional("member");
const OPTIONS: &[OptionSpec] = &[SKILL.spec(), ROLE.spec(), MEMBER.spec()];

/// The most gaps listed in chat; the export has every row.
const MOST_LISTED: usize = 25;

pub struct Gaps {
    skill: Option<String>,
    role: Option<String>,
    member: Option<UserRef>,
}

impl CommandArgs for Gaps {
    const SPEC: CommandSpec = CommandSpec::new("team gaps")
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
            "team gaps {} member={}", // not prose: a record for the audit trail or the log
            scope.detail(),
            member.map_or(0, |m| m.0)
        );
        let rows = data::load(cx).await?;
        let zone = cx.zone().await?;
        let (catalog, now, reader) = (Arc::clone(&cx.catalog), cx.now, cx.actor.locale);
        let reply = tokio::task::spawn_blocking(move || {
            let team = rows.team(&catalog, now);
            let filter = Filter {
                member,
                ..scope.filter()
            };
            gaps_view(
                reader,
                &team,
                &report::gaps(&team, &filter),
                &report::coverage(&team, &filter),
                &zone,
            )
        })
        .await
        .map_err(|e| AppError::caused("the gap report failed", e))?;
        data::audit(cx, "report", detail).await?;
        Ok(reply.private())
    }
}

fn stand(rated: Option<Rated>, skill: &crate::matrix::Skill) -> Msg {
    rated.map_or_else(
        || msg!("level-none"),
        |r| crate::assess::level_name(r.level, skill),
    )
}

/// One gap as a line: what counts and why, the target, and the next step.
fn gap_text(r: Locale, team: &Team<'_>, g: &Gap<'_>, zone: &str) -> String {
    let Some(skill) = team.skills.iter().find(|s| s.slug() == g.slug) else {
        return String::new();
    };
    let date =
        |x: Option<Rated>| x.map_or(String::new(), |x| markup::time(x.at, TimeStyle::Date, zone));
    let mut text = match g.counted {
        None => tr!(
            r,
            "gaps-never-assessed",
            target = g.target.msg(),
            levels = usize::from(g.gap)
        ),
        Some(track) => {
            // Each level with its own date.
            let dated = |x: Option<Rated>| match x {
                Some(x) => msg!(
                    "gaps-dated",
                    level = stand(Some(x), skill),
                    at = markup::time(x.at, TimeStyle::Date, zone)
                ),
                None => msg!("level-none"),
            };
            let (counted, why) = match track {
                Track::Lead => (
                    g.lead,
                    msg!("gaps-why-lead", at = date(g.lead), own = dated(g.own)),
                ),
                Track::Own => (g.own, msg!("gaps-why-own", at = date(g.own))),
            };
            tr!(
                r,
                "gaps-counted",
                level = stand(counted, skill),
                why = why,
                target = g.target.msg(),
                levels = usize::from(g.gap)
            )
        }
    };
    if let Some(next) = g.next {
        if g.required.is_empty() && g.optional.is_empty() {
            text.push('\n');
            text.push_str(&tr!(
                r,
                "gaps-next-nothing",
                level = next.msg(),
                role = g.role
            ));
        }
        for e in &g.required {
            text.push('\n');
            text.push_str(&tr!(r, "gaps-next-required", level = next.msg(), text = *e));
        }
        for e in &g.optional {
            text.push('\n');
            text.push_str(&tr!(r, "gaps-next-optional", level = next.msg(), text = *e));
        }
    }
    text
}

pub fn gaps_view(
    r: Locale,
    team: &Team<'_>,
    gaps: &[Gap<'_>],
    coverage: &[Coverage],
    zone: &str,
) -> Reply {
    let mut reply = Reply::titled(tr!(r, "gaps-title"), tr!(r, "gaps-intro"));
    if team.targets.is_empty() {
        reply.text.push('\n');
        reply.text.push_str(&tr!(r, "gaps-no-targets"));
    } else if gaps.is_empty() {
        reply.text.push('\n');
        reply.text.push_str(&tr!(r, "gaps-none"));
    }
    for g in gaps.iter().take(MOST_LISTED) {
        reply = reply.field(
            tr!(
                r,
                "gaps-field",
                name = g.name,
                role = g.role,
                skill = g.skill
            ),
            gap_text(r, team, g, zone),
        );
    }
    if gaps.len() > MOST_LISTED {
        reply.text.push('\n');
        reply.text.push_str(&tr!(
            r,
            "gaps-first-listed",
            most = MOST_LISTED,
            count = gaps.len()
        ));
    }
    let lines: Vec<String> = coverage
        .iter()
        .map(|c| match c.holders.as_slice() {
            [] => tr!(r, "coverage-nobody", skill = &c.skill),
            [one] => tr!(r, "coverage-one", skill = &c.skill, name = one),
            many => tr!(
                r,
                "coverage-many",
                skill = &c.skill,
                count = many.len(),
                names = crate::i18n::list(many)
            ),
        })
        .collect();
    if !lines.is_empty() {
        reply = reply.field(tr!(r, "coverage-title"), lines.join("\n"));
    }
    reply
}
