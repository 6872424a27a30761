//! Finding what the user named: a skill (and a role of it) in the words
//! typed, a member's name as typed.

use crate::app::core::AppError;
use crate::app::protocol::MAX_NAME_CHARS;
use crate::matrix::{Catalog, find_skill_role};
use crate::msg;

/// The skill a text names, and a role when the text ends with one: typed
/// in one go, "serverless cloud" is the skill serverless for the role
/// Cloud Engineer, and "cold starts" the skill whose tag that is. Of the
/// readings that name a skill (and a role of it), the one whose skill
/// fits best wins; the whole text, on a tie. An explicit role is taken as
/// given.
pub fn skill_and_role<'c>(
    catalog: &'c Catalog,
    text: &str,
    role: Option<&str>,
) -> Result<(&'c crate::matrix::Skill, Option<String>), AppError> {
    read_skill(catalog, text, role, false)
}

/// As `skill_and_role`; `level_open` says the command still lacks a level,
/// so that a last word that fits nothing is reported as a level.
pub(crate) fn read_skill<'c>(
    catalog: &'c Catalog,
    text: &str,
    role: Option<&str>,
    level_open: bool,
) -> Result<(&'c crate::matrix::Skill, Option<String>), AppError> {
    if let Some(role) = role {
        return Ok((catalog.find_skill(text)?, Some(role.to_string())));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let whole = catalog.find_skill_fit(text);
    let mut best = whole.as_ref().ok().map(|(skill, fit)| (*fit, *skill, None));
    for k in (1..words.len()).rev() {
        let (name, rest) = (words[..k].join(" "), words[k..].join(" "));
        let Ok((skill, fit)) = catalog.find_skill_fit(&name) else {
            continue;
        };
        if find_skill_role(skill, &rest).is_ok() && best.as_ref().is_none_or(|(f, _, _)| fit < *f) {
            best = Some((fit, skill, Some(rest)));
        }
    }
    match (best, whole) {
        (Some((_, skill, role)), _) => Ok((skill, role)),
        (None, Ok(_)) => unreachable!("a whole match is a reading"),
        (None, Err(e)) => Err(miss(catalog, &words, level_open).unwrap_or_else(|| e.into())),
    }
}

/// Why words starting with a skill's name fit no reading: the rest is not
/// a role of it (or, one word while no level is given, not a level).
fn miss(catalog: &Catalog, words: &[&str], level_open: bool) -> Option<AppError> {
    let k = (1..words.len())
        .rev()
        .find(|&k| catalog.find_skill(&words[..k].join(" ")).is_ok())?;
    let skill = catalog.find_skill(&words[..k].join(" ")).ok()?;
    let rest = words[k..].join(" ");
    if level_open && words.len() - k == 1 {
        return crate::matrix::find_level(&rest).err().map(Into::into);
    }
    find_skill_role(skill, &rest).err().map(Into::into)
}

/// A name given for a member (`member:` in the console, where it is typed):
/// one line of text of a sensible length.
pub fn check_member_name(name: &str) -> Result<(), AppError> {
    let bad = name.trim().is_empty()
        || name.chars().any(char::is_control)
        || name.chars().count() > MAX_NAME_CHARS;
    if bad {
        return Err(AppError::User(msg!(
            "assess-member-name-bad",
            most = MAX_NAME_CHARS
        )));
    }
    Ok(())
}
