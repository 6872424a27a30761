//! The skill matrix as the rest of the program sees it. A `Skill` can only be
//! built through `Skill::new`, which checks every rule, so code that holds
//! one never has to re-check it.

use super::level::Level;
use super::lookup::{SearchIndex, role_index};
use crate::i18n::Msg;
use crate::msg;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// What one role is expected to do at one level of one skill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectation {
    pub level: Level,
    pub role: String,
    pub required: bool,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skill {
    slug: String,
    name: String,
    domain: String,
    group: String,
    tags: Vec<String>,
    updated: NaiveDate,
    levels: Vec<Level>,
    /// Sorted by level, then role name.
    expectations: Vec<Expectation>,
    /// Distinct role names, sorted, and their search index: kept because
    /// every lookup of a role needs them.
    roles: Vec<String>,
    role_index: SearchIndex,
    /// Changes whenever anything a rating depends on changes.
    fingerprint: String,
}

/// Everything a skill is made of, before it is checked.
#[derive(Clone, Debug, Default)]
pub struct SkillParts {
    pub slug: String,
    pub name: String,
    pub domain: String,
    pub group: String,
    pub tags: Vec<String>,
    pub updated: Option<NaiveDate>,
    pub levels: Vec<Level>,
    pub expectations: Vec<Expectation>,
}

/// A rule of the matrix that some input broke. `expectation` says which
/// entry, when the fault lies in one, so that file loaders can point at it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .message.render(crate::i18n::Locale::EnUs))]
pub struct InvalidSkill {
    pub message: Msg,
    pub expectation: Option<usize>,
}

impl InvalidSkill {
    fn whole(message: Msg) -> Self {
        InvalidSkill {
            message,
            expectation: None,
        }
    }
    fn at(index: usize, message: Msg) -> Self {
        InvalidSkill {
            message,
            expectation: Some(index),
        }
    }
}

/// Longest text a single field may hold; far above anything the site
/// publishes, low enough that a chat message can always show one.
pub const MAX_DESCRIPTION: usize = 1_500;

/// Longest name a skill, domain, group, tag or role may have: a name is
/// shown in menus and buttons, which hold 100 characters at most.
pub const MAX_NAME: usize = 100;

/// Why a one-line text (a name, a role) cannot be used, if it cannot.
/// `what` is a key of the catalog's `skill-field`.
fn bad_name(what: &'static str, value: &str) -> Option<Msg> {
    if value.trim().is_empty() {
        return Some(msg!("skill-field-empty", what = what));
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Some(msg!(
            "skill-field-control",
            what = what,
            value = shorten(value),
            code = format!("{:04X}", u32::from(c))
        ));
    }
    let chars = value.chars().count();
    (chars > MAX_NAME).then(|| {
        msg!(
            "skill-field-too-long",
            what = what,
            value = shorten(value),
            chars = chars,
            most = MAX_NAME
        )
    })
}

fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::shorten(text, crate::text::QUOTED_CHARS)
}

/// A slug is what people type and what files are named after.
pub fn is_valid_slug(slug: &str) -> bool {
    (1..=64).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && slug.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// "serverless-functions" -> "Serverless Functions": the default name of a
/// skill imported without one.
pub fn name_from_slug(slug: &str) -> String {
    slug.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Skill {
    pub fn new(parts: SkillParts) -> Result<Skill, InvalidSkill> {
        let SkillParts {
            slug,
            name,
            domain,
            group,
            tags,
            updated,
            levels,
            mut expectations,
        } = parts;
        // Text is kept trimmed, as every reader of it trims: a skill then
        // writes and reads back the same.
        let trim = |s: String| s.trim().to_string();
        let (name, domain, group) = (trim(name), trim(domain), trim(group));
        let tags: Vec<String> = tags.into_iter().map(trim).collect();
        for e in &mut expectations {
            e.role = e.role.trim().to_string();
            e.description = e.description.trim().to_string();
        }
        if !is_valid_slug(&slug) {
            return Err(InvalidSkill::whole(msg!("skill-bad-slug", slug = &slug)));
        }
        for (field, value) in [("name", &name), ("domain", &domain), ("group", &group)] {
            if let Some(fault) = bad_name(field, value) {
                return Err(InvalidSkill::whole(fault));
            }
        }
        if let Some(fault) = tags.iter().find_map(|t| bad_name("tag", t)) {
            return Err(InvalidSkill::whole(fault));
        }
        let updated = updated.ok_or_else(|| InvalidSkill::whole(msg!("skill-no-updated-date")))?;
        if levels.is_empty() {
            return Err(InvalidSkill::whole(msg!("skill-without-levels")));
        }
        if levels.windows(2).any(|w| w[1].rank() != w[0].rank() + 1) {
            return Err(InvalidSkill::whole(msg!(
                "skill-levels-not-consecutive",
                all = level_list(&Level::ALL),
                found = level_list(&levels)
            )));
        }
        let mut seen = BTreeSet::new();
        for (i, e) in expectations.iter().enumerate() {
            if !levels.contains(&e.level) {
                return Err(InvalidSkill::at(
                    i,
                    msg!(
                        "skill-level-not-its",
                        level = e.level.msg(),
                        levels = level_list(&levels)
                    ),
                ));
            }
            if let Some(fault) = bad_name("role", &e.role) {
                return Err(InvalidSkill::at(i, fault));
            }
            // A description may run over several lines, nothing else.
            if let Some(c) = e
                .description
                .chars()
                .find(|c| c.is_control() && *c != '\n' && *c != '\t')
            {
                return Err(InvalidSkill::at(
                    i,
                    msg!(
                        "skill-description-control",
                        role = &e.role,
                        level = e.level.msg(),
                        code = format!("{:04X}", u32::from(c))
                    ),
                ));
            }
            if e.description.trim().is_empty() {
                return Err(InvalidSkill::at(
                    i,
                    msg!(
                        "skill-description-empty",
                        role = &e.role,
                        level = e.level.msg()
                    ),
                ));
            }
            if e.description.chars().count() > MAX_DESCRIPTION {
                return Err(InvalidSkill::at(
                    i,
                    msg!(
                        "skill-description-too-long",
                        role = &e.role,
                        level = e.level.msg(),
                        most = MAX_DESCRIPTION
                    ),
                ));
            }
            if !seen.insert((e.level, e.role.as_str())) {
                return Err(InvalidSkill::at(
                    i,
                    msg!("skill-role-twice", role = &e.role, level = e.level.msg()),
                ));
            }
        }
        if expectations.is_empty() {
            return Err(InvalidSkill::whole(msg!("skill-no-expectations")));
        }
        expectations.sort_by(|a, b| (a.level, &a.role).cmp(&(b.level, &b.role)));
        let roles: Vec<String> = expectations
            .iter()
            .map(|e| e.role.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let role_index = role_index(&roles);
        let fingerprint = fingerprint(&slug, &levels, &expectations);
        Ok(Skill {
            slug,
            name,
            domain,
            group,
            tags,
            updated,
            levels,
            expectations,
            roles,
            role_index,
            fingerprint,
        })
    }

    pub fn slug(&self) -> &str {
        &self.slug
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn domain(&self) -> &str {
        &self.domain
    }
    pub fn group(&self) -> &str {
        &self.group
    }
    pub fn tags(&self) -> &[String] {
        &self.tags
    }
    pub fn updated(&self) -> NaiveDate {
        self.updated
    }
    /// Lowest first.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }
    pub fn expectations(&self) -> &[Expectation] {
        &self.expectations
    }

    pub fn has_level(&self, level: Level) -> bool {
        self.levels.contains(&level)
    }

    /// The next level of this skill, if `level` is not its top.
    pub fn level_above(&self, level: Level) -> Option<Level> {
        level.above().filter(|l| self.has_level(*l))
    }

    /// Distinct role names, sorted.
    pub fn roles(&self) -> &[String] {
        &self.roles
    }

    /// A short hash of the slug, levels and expectations. A rating or a
    /// dialog keeps it, to tell whether the skill changed since.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    pub(crate) fn role_index(&self) -> &SearchIndex {
        &self.role_index
    }

    /// The expectations at one level, by role name.
    pub fn at_level(&self, level: Level) -> impl Iterator<Item = &Expectation> {
        self.expectations.iter().filter(move |e| e.level == level)
    }

    pub fn expectation(&self, level: Level, role: &str) -> Option<&Expectation> {
        self.at_level(level).find(|e| e.role == role)
    }

    pub fn required_count(&self) -> usize {
        self.expectations.iter().filter(|e| e.required).count()
    }

    pub fn optional_count(&self) -> usize {
        self.expectations.len() - self.required_count()
    }
}

fn fingerprint(slug: &str, levels: &[Level], expectations: &[Expectation]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    // Length-prefixed, so no two different skills hash the same bytes.
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(slug.as_bytes());
    field(&levels.iter().map(|l| l.rank()).collect::<Vec<_>>());
    for e in expectations {
        field(&[e.level.rank(), u8::from(e.required)]);
        field(e.role.as_bytes());
        field(e.description.as_bytes());
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Levels' names, listed in the reader's language.
pub(crate) fn level_list(levels: &[Level]) -> crate::i18n::Arg {
    crate::i18n::list(levels.iter().map(|l| l.msg()))
}

pub(crate) fn join_levels(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| l.name())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> SkillParts {
        SkillParts {
            slug: "go".into(),
            name: "Go".into(),
            domain: "Languages".into(),
            group: "Backend".into(),
            tags: vec!["golang".into()],
            updated: NaiveDate::from_ymd_opt(2026, 1, 2),
            levels: vec![Level::Senior, Level::Lead, Level::Principal],
            expectations: vec![Expectation {
                level: Level::Lead,
                role: "Backend Engineer".into(),
                required: true,
                description: "Leads.".into(),
            }],
        }
    }

    #[test]
    fn accepts_a_well_formed_skill() {
        let skill = Skill::new(parts()).unwrap();
        assert_eq!(skill.level_above(Level::Senior), Some(Level::Lead));
        assert_eq!(skill.level_above(Level::Principal), None);
        assert_eq!(skill.roles(), ["Backend Engineer"]);
    }

    #[test]
    fn refuses_gaps_in_levels_and_levels_outside_the_skill() {
        let mut p = parts();
        p.levels = vec![Level::Junior, Level::Senior];
        assert!(
            Skill::new(p)
                .unwrap_err()
                .message
                .render(crate::i18n::Locale::EnUs)
                .contains("consecutive")
        );

        let mut p = parts();
        p.expectations[0].level = Level::Junior;
        let err = Skill::new(p).unwrap_err();
        assert_eq!(err.expectation, Some(0));
        assert!(
            err.message
                .render(crate::i18n::Locale::EnUs)
                .contains("Junior is not one of"),
            "{err}"
        );
    }

    #[test]
    fn refuses_duplicates_bad_slugs_and_empty_text() {
        let mut p = parts();
        p.expectations.push(p.expectations[0].clone());
        assert_eq!(Skill::new(p).unwrap_err().expectation, Some(1));

        let mut p = parts();
        p.slug = "Has Space".into();
        assert!(
            Skill::new(p)
                .unwrap_err()
                .message
                .render(crate::i18n::Locale::EnUs)
                .contains("slug")
        );

        let mut p = parts();
        p.expectations[0].description = "  ".into();
        assert!(
            Skill::new(p)
                .unwrap_err()
                .message
                .render(crate::i18n::Locale::EnUs)
                .contains("no description")
        );
    }

    #[test]
    fn refuses_control_characters_and_overlong_names() {
        for evil in ["Evil\nname", "a\u{1}b", "a\u{7f}b", "a\rb"] {
            let mut p = parts();
            p.name = evil.into();
            let err = Skill::new(p)
                .unwrap_err()
                .message
                .render(crate::i18n::Locale::EnUs);
            assert!(err.contains("control character"), "{err}");
        }
        let mut p = parts();
        p.expectations[0].role = "R".repeat(5000);
        let err = Skill::new(p).unwrap_err();
        assert_eq!(err.expectation, Some(0));
        assert!(
            err.message
                .render(crate::i18n::Locale::EnUs)
                .ends_with("is 5000 characters long; keep it to 100"),
            "{err}"
        );
        let mut p = parts();
        p.expectations[0].description = "Line one.\nLine two.".into();
        assert!(Skill::new(p).is_ok());
    }

    #[test]
    fn the_fingerprint_follows_the_expectations() {
        let a = Skill::new(parts()).unwrap();
        let mut p = parts();
        p.tags.push("go1.24".into());
        assert_eq!(Skill::new(p).unwrap().fingerprint(), a.fingerprint());
        let mut p = parts();
        p.expectations[0].required = false;
        assert_ne!(Skill::new(p).unwrap().fingerprint(), a.fingerprint());
        assert_eq!(a.fingerprint().len(), 16);
    }

    #[test]
    fn names_come_from_slugs() {
        assert_eq!(
            name_from_slug("serverless-functions"),
            "Serverless Functions"
        );
        assert_eq!(name_from_slug("ci_cd"), "Ci Cd");
    }
}
