//! Finding skills, levels and roles from what people type: a slug, a name,
//! a word of a tag, an unambiguous prefix, initials. A miss names the
//! closest matches so the user can type one of them instead.

use super::level::Level;
use super::model::{Skill, join_levels};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("no {what} given: type {hint}")]
    Empty { what: &'static str, hint: String },
    #[error("no {what} matches \"{input}\"{}", did_you_mean(.closest))]
    Unknown {
        what: &'static str,
        input: String,
        closest: Vec<String>,
    },
    #[error("\"{input}\" matches several {what}s: {}; type more of the name", .candidates.join(", "))]
    Ambiguous {
        what: &'static str,
        input: String,
        candidates: Vec<String>,
    },
    #[error("{skill} has no {level} level; its levels are {}", join_levels(.levels))]
    LevelNotInSkill {
        skill: String,
        level: Level,
        levels: Vec<Level>,
    },
}

fn did_you_mean(closest: &[String]) -> String {
    match closest {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [init @ .., last] => format!("; did you mean {} or {last}?", init.join(", ")),
    }
}

/// Lowercase words of letters and digits: "Serverless-Functions" and
/// "serverless functions" are the same key.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// How well a name answers a query; lower is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    Exact,
    Prefix,
    Words,
}

/// The match of `query` (already normalized) against one normalized name.
pub fn fit(query: &str, name: &str) -> Option<Fit> {
    if name == query {
        Some(Fit::Exact)
    } else if name.starts_with(query) {
        Some(Fit::Prefix)
    } else if query
        .split(' ')
        .all(|q| name.split(' ').any(|w| w.starts_with(q)))
    {
        Some(Fit::Words)
    } else {
        None
    }
}

/// The one item whose best fit beats every other's, or an error naming the
/// tied ones or the closest names.
pub fn pick<'a, T>(
    what: &'static str,
    input: &str,
    items: &'a [T],
    fit_of: impl Fn(&T, &str) -> Option<Fit>,
    label: impl Fn(&T) -> String,
) -> Result<&'a T, LookupError> {
    let query = normalize(input);
    if query.is_empty() {
        return Err(LookupError::Empty {
            what,
            hint: format!("one of {}", closest(&query, items, &label).join(", ")),
        });
    }
    let mut best: Option<Fit> = None;
    let mut winners: Vec<&T> = Vec::new();
    for item in items {
        let Some(f) = fit_of(item, &query) else {
            continue;
        };
        match best {
            Some(b) if f > b => {}
            Some(b) if f == b => winners.push(item),
            _ => {
                best = Some(f);
                winners.clear();
                winners.push(item);
            }
        }
    }
    match winners.as_slice() {
        [one] => Ok(one),
        [] => Err(LookupError::Unknown {
            what,
            input: input.trim().to_string(),
            closest: closest(&query, items, &label),
        }),
        many => Err(LookupError::Ambiguous {
            what,
            input: input.trim().to_string(),
            candidates: many.iter().map(|t| label(t)).collect(),
        }),
    }
}

/// Up to five labels most like the query.
fn closest<T>(query: &str, items: &[T], label: impl Fn(&T) -> String) -> Vec<String> {
    let mut scored: Vec<(f64, String)> = items
        .iter()
        .map(|item| {
            let l = label(item);
            (strsim::jaro_winkler(query, &normalize(&l)), l)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.into_iter().take(5).map(|(_, l)| l).collect()
}

/// A level as typed: a name, alias or number (see `Level::parse`).
pub fn find_level(input: &str) -> Result<Level, LookupError> {
    if input.trim().is_empty() {
        return Err(LookupError::Empty {
            what: "level",
            hint: format!("one of {} or 1 to 5", join_levels(&Level::ALL)),
        });
    }
    Level::parse(input).ok_or_else(|| LookupError::Unknown {
        what: "level",
        input: input.trim().to_string(),
        closest: Level::ALL.iter().map(|l| l.name().to_string()).collect(),
    })
}

/// A level as typed, which must be one of `skill`'s levels.
pub fn find_skill_level(skill: &Skill, input: &str) -> Result<Level, LookupError> {
    let level = find_level(input)?;
    if skill.has_level(level) {
        Ok(level)
    } else {
        Err(LookupError::LevelNotInSkill {
            skill: skill.name().to_string(),
            level,
            levels: skill.levels().to_vec(),
        })
    }
}

/// Search keys of a role name.
#[derive(Clone, Debug)]
pub struct RoleKey<'a> {
    pub name: &'a str,
    key: String,
    initials: String,
}

impl<'a> RoleKey<'a> {
    pub fn new(name: &'a str) -> RoleKey<'a> {
        let key = normalize(name);
        let initials = key.split(' ').filter_map(|w| w.chars().next()).collect();
        RoleKey {
            name,
            key,
            initials,
        }
    }

    fn fit(&self, query: &str) -> Option<Fit> {
        if self.initials == query && query.chars().count() > 1 {
            return Some(Fit::Prefix);
        }
        fit(query, &self.key)
    }
}

/// The role among `roles` that the input names: whole name, prefix,
/// initials ("ce" for Cloud Engineer) or word prefixes ("plat eng").
pub fn find_role<'a>(
    roles: impl IntoIterator<Item = &'a str>,
    input: &str,
) -> Result<&'a str, LookupError> {
    let keys: Vec<RoleKey<'a>> = roles.into_iter().map(RoleKey::new).collect();
    pick("role", input, &keys, RoleKey::fit, |r| r.name.to_string()).map(|r| r.name)
}

/// A role of one skill; a miss lists the skill's roles.
pub fn find_skill_role<'a>(skill: &'a Skill, input: &str) -> Result<&'a str, LookupError> {
    find_role(skill.roles(), input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles() -> Vec<&'static str> {
        vec![
            "AI Product Engineer",
            "Cloud Engineer",
            "Infrastructure Engineer",
            "Platform Engineer",
        ]
    }

    #[test]
    fn roles_by_name_prefix_initials_and_words() {
        let roles = roles();
        assert_eq!(find_role(roles.clone(), "cloud engineer"), Ok("Cloud Engineer"));
        assert_eq!(find_role(roles.clone(), "Platform"), Ok("Platform Engineer"));
        assert_eq!(find_role(roles.clone(), "CE"), Ok("Cloud Engineer"));
        assert_eq!(find_role(roles.clone(), "aipe"), Ok("AI Product Engineer"));
        assert_eq!(find_role(roles.clone(), "infra eng"), Ok("Infrastructure Engineer"));
        assert_eq!(find_role(roles.clone(), "ai-product"), Ok("AI Product Engineer"));
    }

    #[test]
    fn ambiguous_and_unknown_roles_name_the_candidates() {
        let roles = roles();
        let err = find_role(roles.clone(), "engineer").unwrap_err();
        assert!(matches!(&err, LookupError::Ambiguous { candidates, .. } if candidates.len() == 4));
        let err = find_role(roles.clone(), "clod engineer").unwrap_err();
        let LookupError::Unknown { closest, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(closest[0], "Cloud Engineer");
        assert!(err.to_string().starts_with("no role matches \"clod engineer\"; did you mean Cloud Engineer,"));
        assert!(matches!(find_role(roles.clone(), "  "), Err(LookupError::Empty { .. })));
    }

    #[test]
    fn level_errors_say_what_to_type() {
        assert_eq!(find_level("Staff"), Ok(Level::Lead));
        let err = find_level("wizard").unwrap_err().to_string();
        assert_eq!(
            err,
            "no level matches \"wizard\"; did you mean Junior, Middle, Senior, Lead or Principal?"
        );
    }
}
