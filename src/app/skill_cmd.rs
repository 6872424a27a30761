//! /skill: what a level expects, and what the next one adds.

use super::commands::CommandArgs;
use super::component_id::RoleKey;
use super::render::{level_view, promotion_view};
use super::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName, SkillName};
use super::{AppError, AppResult, Ctx};
use crate::matrix::{Catalog, Level, LookupError, find_skill_role};

pub const SPEC_NAME: &str = "skill";

const SKILL: Opt<SkillName> = Opt::required("skill", "Skill name, slug or tag, e.g. serverless");
const LEVEL: Opt<Level> =
    Opt::required("level", "Level: junior, middle, senior, lead or principal");
const ROLE: Opt<RoleName> = Opt::optional("role", "Only this role");
const NEXT: Opt<bool> = Opt::optional("next", "Show what the next level adds instead");
const OPTIONS: &[OptionSpec] = &[SKILL.spec(), LEVEL.spec(), ROLE.spec(), NEXT.spec()];

pub struct Skill {
    skill: String,
    level: Level,
    role: Option<String>,
    next: bool,
}

impl CommandArgs for Skill {
    const SPEC: CommandSpec =
        CommandSpec::new(SPEC_NAME, "What a skill expects at a level, role by role")
            .options(OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Skill {
            skill: o.need(&SKILL)?.0,
            level: o.need(&LEVEL)?,
            role: o.get(&ROLE)?.map(|r| r.0),
            next: o.flag(&NEXT)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        self.answer(&cx.catalog)
    }
}

impl Skill {
    /// The answer from a catalog alone: no database needed.
    pub fn answer(&self, catalog: &Catalog) -> AppResult {
        let skill = catalog.find_skill(&self.skill)?;
        if !skill.has_level(self.level) {
            return Err(LookupError::LevelNotInSkill {
                skill: skill.name().to_string(),
                level: self.level,
                levels: skill.levels().to_vec(),
            }
            .into());
        }
        let role = self
            .role
            .as_deref()
            .map(|r| find_skill_role(skill, r))
            .transpose()?;
        Ok(if self.next {
            promotion_view(skill, self.level, role)
        } else {
            level_view(skill, self.level, role)
        })
    }
}

/// The "What's next" button under a /skill answer.
pub fn next_in(catalog: &Catalog, slug: &str, level: Level, role: Option<&RoleKey>) -> AppResult {
    let skill = catalog.get(slug).ok_or_else(|| {
        AppError::User(format!(
            "The skill {slug} is no longer in the matrix; see /matrix list."
        ))
    })?;
    let role = role.and_then(|r| r.resolve(skill));
    Ok(promotion_view(skill, level, role))
}
