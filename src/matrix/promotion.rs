//! What the next level asks for, compared with the current one.

use super::level::Level;
use super::model::{Expectation, Skill};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Promotion<'a> {
    pub from: Level,
    pub to: Level,
    /// Required first, then by role name.
    pub steps: Vec<Step<'a>>,
}

/// One role's move up: what the next level expects and what this one did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<'a> {
    pub next: &'a Expectation,
    pub current: Option<&'a Expectation>,
}

impl Step<'_> {
    pub fn role(&self) -> &str {
        &self.next.role
    }

    /// Optional (or absent) now, required at the next level.
    pub fn becomes_required(&self) -> bool {
        self.next.required && !self.current.is_some_and(|c| c.required)
    }
}

/// The promotion view from `from`, for one role or all of them; `None` when
/// `from` is the skill's top level.
pub fn promotion<'a>(skill: &'a Skill, from: Level, role: Option<&str>) -> Option<Promotion<'a>> {
    let to = skill.level_above(from)?;
    let mut steps: Vec<Step<'a>> = skill
        .at_level(to)
        .filter(|e| role.is_none_or(|r| e.role == r))
        .map(|next| Step {
            next,
            current: skill.expectation(from, &next.role),
        })
        .collect();
    steps.sort_by(|a, b| (!a.next.required, a.role()).cmp(&(!b.next.required, b.role())));
    Some(Promotion { from, to, steps })
}
