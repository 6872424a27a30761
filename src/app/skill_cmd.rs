//! /skill: what a level expects, and what the next one adds.

use super::render::{level_view, promotion_view};
use super::spec::Options;
use super::{AppError, AppResult, Ctx};
use crate::matrix::{Catalog, Level, find_skill_level, find_skill_role};

pub fn skill(cx: &mut Ctx<'_>, o: &Options<'_>) -> AppResult {
    skill_in(&cx.catalog, o)
}

pub fn skill_in(catalog: &Catalog, o: &Options<'_>) -> AppResult {
    let skill = catalog.find_skill(o.text("skill").unwrap_or_default())?;
    let level = find_skill_level(skill, o.text("level").unwrap_or_default())?;
    let role = o
        .text("role")
        .map(|r| find_skill_role(skill, r))
        .transpose()?;
    Ok(if o.flag("next")? {
        promotion_view(skill, level, role)
    } else {
        level_view(skill, level, role)
    })
}

/// The "What's next" button under a /skill answer.
pub fn next_button(cx: &mut Ctx<'_>, slug: &str, level: Level, role: Option<String>) -> AppResult {
    next_in(&cx.catalog, slug, level, role)
}

pub fn next_in(catalog: &Catalog, slug: &str, level: Level, role: Option<String>) -> AppResult {
    let skill = catalog.get(slug).ok_or_else(|| {
        AppError::User(format!(
            "The skill {slug} is no longer in the matrix; see /matrix list."
        ))
    })?;
    let role = role.filter(|r| skill.roles().contains(r));
    Ok(promotion_view(skill, level, role.as_deref()))
}
