//! `skillbot skill`: expectations at a level, or the promotion view.

use super::Failure;
use crate::matrix::{Catalog, Skill, find_skill_level, find_skill_role, promotion};
use std::io::Write;
use std::path::Path;

pub fn run(
    matrix_dir: &Path,
    skill: &str,
    level: &str,
    role: Option<&str>,
    next: bool,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    let catalog = Catalog::load_dir(matrix_dir)?;
    let skill = catalog.find_skill(skill)?;
    let level = find_skill_level(skill, level)?;
    let role = role.map(|r| find_skill_role(skill, r)).transpose()?;
    let text = if next {
        promotion_text(skill, level, role)
    } else {
        level_text(skill, level, role)
    };
    out.write_all(text.as_bytes())?;
    Ok(true)
}

fn heading(skill: &Skill) -> String {
    format!(
        "{} › {} · updated {}",
        skill.domain(),
        skill.group(),
        skill.updated()
    )
}

fn required_word(required: bool) -> &'static str {
    if required { "Required" } else { "Optional" }
}

pub fn level_text(skill: &Skill, level: crate::matrix::Level, role: Option<&str>) -> String {
    let mut text = format!("{}: {level}\n{}\n", skill.name(), heading(skill));
    let mut any = false;
    for e in skill
        .at_level(level)
        .filter(|e| role.is_none_or(|r| e.role == r))
    {
        any = true;
        text.push_str(&format!(
            "\n{} · {}\n  {}\n",
            e.role,
            required_word(e.required),
            e.description
        ));
    }
    if !any {
        text.push_str(&format!(
            "\n{} has no expectation at {level} in {}.\n",
            role.unwrap_or("No role"),
            skill.name()
        ));
    }
    text
}

pub fn promotion_text(skill: &Skill, level: crate::matrix::Level, role: Option<&str>) -> String {
    let Some(p) = promotion(skill, level, role) else {
        return format!(
            "{level} is the top level of {}: there is no next level.\n",
            skill.name()
        );
    };
    let mut text = format!(
        "{}: from {} to {}\n{}\n",
        skill.name(),
        p.from,
        p.to,
        heading(skill)
    );
    if p.steps.is_empty() {
        text.push_str(&format!(
            "\n{} has no expectation at {}.\n",
            role.unwrap_or("No role"),
            p.to
        ));
    }
    for step in &p.steps {
        let change = match step.current {
            None => format!(" (new at {})", p.to),
            Some(_) if step.becomes_required() => format!(" (optional at {})", p.from),
            Some(_) => String::new(),
        };
        text.push_str(&format!(
            "\n{} · {} at {}{change}\n  {}: {}\n",
            step.role(),
            required_word(step.next.required),
            p.to,
            p.to,
            step.next.description
        ));
        if let Some(current) = step.current {
            text.push_str(&format!("  {}: {}\n", p.from, current.description));
        }
    }
    text
}
