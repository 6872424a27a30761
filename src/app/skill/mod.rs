//! /skill: what a level expects (or every level, for a role), and what the
//! next one adds; /skills: which skills there are.

use crate::app::core::lookup::{read_skill, skill_and_role};
use crate::app::core::views::{level_view, promotion_view, role_view};
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx};
use crate::app::protocol::Reply;
use crate::app::protocol::component_id::RoleKey;
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName, SkillName};
use crate::i18n::Locale;
use crate::matrix::{Catalog, Level, LookupError, find_skill_role};
use crate::{msg, tr};

pub const SPEC_NAME: &str = "skill";

const SKILL: Opt<SkillName> = Opt::required("skill");
const LEVEL: Opt<Level> = Opt::optional("level");
const ROLE: Opt<RoleName> = Opt::optional("role");
const NEXT: Opt<bool> = Opt::optional("next");
const OPTIONS: &[OptionSpec] = &[SKILL.spec(), LEVEL.spec(), ROLE.spec(), NEXT.spec()];

pub struct Skill {
    skill: String,
    level: Option<Level>,
    role: Option<String>,
    next: bool,
}

impl CommandArgs for Skill {
    const SPEC: CommandSpec = CommandSpec::new(SPEC_NAME).options(OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Skill {
            skill: o.need(&SKILL)?.0,
            level: o.get(&LEVEL)?,
            role: o.get(&ROLE)?.map(|r| r.0),
            next: o.flag(&NEXT)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        if let Some(answer) = self.answer(cx.actor.locale, &cx.catalog) {
            return answer;
        }
        if self.next {
            return self.next_after_mine(cx).await;
        }
        // Every level, for the asker's own role.
        let own = match cx.known_me().await? {
            Some(me) => cx.read(move |s| s.member_profile(me)).await?.role,
            None => None,
        };
        let catalog = cx.catalog.clone();
        let (skill, _) = skill_and_role(&catalog, &self.skill, None)?;
        match own.filter(|r| skill.roles().contains(r)) {
            Some(role) => Ok(role_view(cx.actor.locale, skill, &role)),
            None => Err(AppError::User(msg!(
                "skill-which-role",
                slug = skill.slug(),
                skill = skill.name(),
                roles = crate::i18n::list(skill.roles())
            ))),
        }
    }
}

impl Skill {
    /// What the level after the asker's own adds: their lead's rating
    /// where there is one, else their own.
    async fn next_after_mine(&self, cx: &mut Ctx<'_>) -> AppResult {
        let catalog = cx.catalog.clone();
        let (skill, role) = skill_and_role(&catalog, &self.skill, self.role.as_deref())?;
        let role = role
            .as_deref()
            .map(|r| find_skill_role(skill, r))
            .transpose()?;
        let slug = skill.slug().to_string();
        let (rated, own_role) = match cx.known_me().await? {
            Some(me) => {
                cx.read(move |s| {
                    let rated = match s.latest_in_track(me, &slug, true, None)? {
                        Some(lead) => Some(lead),
                        None => s.latest_in_track(me, &slug, false, None)?,
                    };
                    Ok((rated, s.member_profile(me)?.role))
                })
                .await?
            }
            None => (None, None),
        };
        // The asker's own role when none was given, if the skill has it.
        let role = role.or_else(|| {
            own_role
                .as_deref()
                .and_then(|r| skill.roles().iter().find(|x| *x == r))
                .map(String::as_str)
        });
        let Some(rated) = rated else {
            return Err(AppError::User(msg!(
                "skill-next-unrated",
                skill = skill.name(),
                slug = skill.slug(),
                // What to type: the level's name as the command reads it.
                level = skill
                    .levels()
                    .first()
                    .map_or(Level::Junior, |l| *l)
                    .name()
                    .to_lowercase()
            )));
        };
        Ok(match rated.level {
            Some(level) => promotion_view(cx.actor.locale, skill, level, role),
            // Below the first level: the first is what comes next.
            None => match skill.levels().first() {
                Some(first) => level_view(cx.actor.locale, skill, *first, role),
                None => {
                    return Err(AppError::User(msg!(
                        "skill-no-levels",
                        skill = skill.name()
                    )));
                }
            },
        })
    }

    /// The answer from a catalog alone; `None` when it needs the asker's
    /// role from the database (no level and no role given).
    pub fn answer(&self, r: Locale, catalog: &Catalog) -> Option<AppResult> {
        let read = read_skill(
            catalog,
            &self.skill,
            self.role.as_deref(),
            self.level.is_none(),
        );
        let (skill, role) = match read {
            Ok(found) => found,
            Err(e) => return Some(Err(e)),
        };
        let role = match role
            .as_deref()
            .map(|r| find_skill_role(skill, r))
            .transpose()
        {
            Ok(role) => role,
            Err(e) => return Some(Err(e.into())),
        };
        let Some(level) = self.level else {
            // "next" with no level: after the asker's own, from the store.
            if self.next {
                return None;
            }
            return role.map(|x| Ok(role_view(r, skill, x)));
        };
        if !skill.has_level(level) {
            return Some(Err(LookupError::LevelNotInSkill {
                skill: skill.name().to_string(),
                level,
                levels: skill.levels().to_vec(),
            }
            .into()));
        }
        Some(Ok(if self.next {
            promotion_view(r, skill, level, role)
        } else {
            level_view(r, skill, level, role)
        }))
    }
}

/// The "What's next" button under a /skill answer.
pub fn next_in(
    r: Locale,
    catalog: &Catalog,
    slug: &str,
    level: Level,
    role: Option<&RoleKey>,
) -> AppResult {
    let skill = catalog
        .get(slug)
        .ok_or_else(|| AppError::User(msg!("skill-gone", slug = slug)))?;
    let role = role.and_then(|r| r.resolve(skill));
    Ok(promotion_view(r, skill, level, role))
}

const SKILLS_ROLE: Opt<RoleName> = Opt::optional("role");
const SKILLS_OPTIONS: &[OptionSpec] = &[SKILLS_ROLE.spec()];

/// /skills: every skill this server sees, the asker's role's first.
pub struct Skills {
    role: Option<String>,
}

impl CommandArgs for Skills {
    const SPEC: CommandSpec = CommandSpec::new("skills").options(SKILLS_OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Skills {
            role: o.get(&SKILLS_ROLE)?.map(|r| r.0),
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let catalog = cx.catalog.clone();
        let role = match self.role {
            Some(input) => Some(catalog.find_role(&input)?.to_string()),
            None => match cx.known_me().await? {
                Some(me) => cx.read(move |s| s.member_profile(me)).await?.role,
                None => None,
            },
        };
        if catalog.is_empty() {
            return Ok(Reply::text(tr!(cx, "skills-none")).private());
        }
        let line = |s: &crate::matrix::Skill| {
            tr!(
                cx,
                "skills-line",
                skill = catalog.label(s),
                group = s.group(),
                levels = s.levels().len()
            )
        };
        let has_role =
            |s: &crate::matrix::Skill| role.as_ref().is_some_and(|r| s.roles().contains(r));
        let (yours, others): (Vec<&crate::matrix::Skill>, Vec<_>) =
            catalog.skills().iter().partition(|s| has_role(s));
        let mut reply = Reply::titled(
            tr!(cx, "matrix-list-title", count = catalog.len()),
            tr!(cx, "skills-intro"),
        );
        if let Some(role) = &role
            && !yours.is_empty()
        {
            let lines: Vec<String> = yours.iter().map(|s| line(s)).collect();
            reply = reply.field(tr!(cx, "skills-for-role", role = role), lines.join("\n"));
        }
        if !others.is_empty() {
            let lines: Vec<String> = others.iter().map(|s| line(s)).collect();
            let name = if role.is_some() && !yours.is_empty() {
                tr!(cx, "skills-other")
            } else {
                tr!(cx, "skills-all")
            };
            reply = reply.field(name, lines.join("\n"));
        }
        Ok(reply
            .field(tr!(cx, "matrix-more-skills"), tr!(cx, "matrix-how-to-add"))
            .private())
    }
}
