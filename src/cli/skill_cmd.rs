//! `skillbot skill`: expectations at a level, or the promotion view, shown
//! the way the console shows the /skill command.

use super::Failure;
use crate::app::render::{level_view, promotion_view, to_text};
use crate::i18n::Locale;
use crate::matrix::{Catalog, find_skill_level, find_skill_role};
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
    let reply = if next {
        promotion_view(Locale::default(), skill, level, role)
    } else {
        level_view(Locale::default(), skill, level, role)
    };
    out.write_all(to_text(&reply).as_bytes())?;
    Ok(true)
}
