//! The canonical on-disk form: one TOML file per skill, flat and sorted so
//! that a change to the matrix reads well in a git diff.

use super::level::Level;
use super::model::{Expectation, Skill, SkillParts};
use crate::i18n::Msg;
use crate::msg;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::value::{Date, Datetime};

/// A skill file that could not be read, with where the fault is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct FileError {
    pub file: PathBuf,
    /// 1-based, when the fault is at a known place in the file.
    pub line: Option<usize>,
    pub message: Msg,
}

impl FileError {
    /// What to tell the reader: the file, the line and the fault.
    pub fn msg(&self) -> Msg {
        let file = self.file.display().to_string();
        match self.line {
            Some(line) => msg!(
                "file-error-line",
                file = file,
                line = line,
                fault = &self.message
            ),
            None => msg!("file-error", file = file, fault = &self.message),
        }
    }
}

/// In English, for the command line and the log.
impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().render(crate::i18n::Locale::EnUs))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillFileIn {
    slug: String,
    name: String,
    domain: String,
    group: String,
    #[serde(default)]
    tags: Vec<String>,
    updated: Spanned<Datetime>,
    levels: Spanned<Vec<String>>,
    #[serde(default)]
    expectations: Vec<Spanned<ExpectationIn>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectationIn {
    level: Spanned<String>,
    role: String,
    required: bool,
    description: String,
}

#[derive(Serialize)]
struct SkillFileOut<'a> {
    slug: &'a str,
    name: &'a str,
    domain: &'a str,
    group: &'a str,
    tags: &'a [String],
    updated: Datetime,
    levels: Vec<&'static str>,
    expectations: Vec<ExpectationOut<'a>>,
}

#[derive(Serialize)]
struct ExpectationOut<'a> {
    level: &'static str,
    role: &'a str,
    required: bool,
    description: &'a str,
}

/// Parses the text of a skill file; `file` only names it in errors.
pub fn parse_skill_toml(text: &str, file: &Path) -> Result<Skill, FileError> {
    // What a matrix file says is shown in chat: it may not forge the app's
    // markup, whoever wrote it (an upload, an older database's copy).
    let text = &*crate::text::without_reserved(text);
    let fail = |span: Option<std::ops::Range<usize>>, message: Msg| FileError {
        file: file.to_path_buf(),
        line: span.map(|s| line_of(text, s.start)),
        message,
    };
    let raw: SkillFileIn = toml::from_str(text).map_err(|e| {
        // The TOML reader's own words: English whatever the reader.
        fail(e.span(), msg!("as-is", text = e.message().trim()))
    })?;

    let updated = to_date(raw.updated.get_ref())
        .ok_or_else(|| fail(Some(raw.updated.span()), msg!("file-updated-not-a-date")))?;
    let levels = raw
        .levels
        .get_ref()
        .iter()
        .map(|name| level_named(name))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|m| fail(Some(raw.levels.span()), m))?;

    let mut spans = Vec::with_capacity(raw.expectations.len());
    let mut expectations = Vec::with_capacity(raw.expectations.len());
    for entry in raw.expectations {
        let span = entry.span();
        let e = entry.into_inner();
        let level = level_named(e.level.get_ref()).map_err(|m| fail(Some(e.level.span()), m))?;
        expectations.push(Expectation {
            level,
            role: e.role.trim().to_string(),
            required: e.required,
            description: e.description.trim().to_string(),
        });
        spans.push(span);
    }

    Skill::new(SkillParts {
        slug: raw.slug,
        name: raw.name,
        domain: raw.domain,
        group: raw.group,
        tags: raw.tags,
        updated: Some(updated),
        levels,
        expectations,
    })
    .map_err(|e| {
        let span = e.expectation.and_then(|i| spans.get(i).cloned());
        fail(span, e.message)
    })
}

/// Reads and parses one skill file.
pub fn read_skill_file(path: &Path) -> Result<Skill, FileError> {
    let text = std::fs::read_to_string(path).map_err(|e| FileError {
        file: path.to_path_buf(),
        line: None,
        message: msg!("file-unreadable", error = e.to_string()),
    })?;
    parse_skill_toml(&text, path)
}

/// The canonical TOML text of a skill.
pub fn to_toml(skill: &Skill) -> String {
    let d = skill.updated();
    let out = SkillFileOut {
        slug: skill.slug(),
        name: skill.name(),
        domain: skill.domain(),
        group: skill.group(),
        tags: skill.tags(),
        updated: Datetime {
            date: Some(Date {
                year: d.year() as u16,
                month: d.month() as u8,
                day: d.day() as u8,
            }),
            time: None,
            offset: None,
        },
        levels: skill.levels().iter().map(|l| l.name()).collect(),
        expectations: skill
            .expectations()
            .iter()
            .map(|e| ExpectationOut {
                level: e.level.name(),
                role: &e.role,
                required: e.required,
                description: &e.description,
            })
            .collect(),
    };
    let body = toml::to_string_pretty(&out).expect("a skill always serializes to TOML");
    // The slug, never the name: a comment line must not hold user text.
    format!(
        "# Skill matrix entry {}. Edit freely; `skillbot matrix check` validates it.\n{body}", // not prose: the file's own comment
        skill.slug()
    )
}

/// The canonical TOML text of a skill, checked to load back as the very
/// same skill: what is written is always what the next start reads.
pub fn to_checked_toml(skill: &Skill) -> Result<String, Msg> {
    let text = to_toml(skill);
    match parse_skill_toml(&text, Path::new(skill.slug())) {
        Ok(again) if again == *skill => Ok(text),
        Ok(_) => Err(msg!("file-reads-back-different", slug = skill.slug())),
        Err(e) => Err(msg!(
            "file-reads-back-not",
            slug = skill.slug(),
            fault = e.message
        )),
    }
}

fn level_named(name: &str) -> Result<Level, Msg> {
    Level::parse(name).ok_or_else(|| {
        msg!(
            "file-unknown-level",
            level = name,
            levels = super::model::level_list(&Level::ALL)
        )
    })
}

fn to_date(value: &Datetime) -> Option<NaiveDate> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    let end = byte.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"slug = "go"
name = "Go"
domain = "Languages"
group = "Backend"
tags = ["golang"]
updated = 2026-01-02
levels = ["Senior", "Lead", "Principal"]

[[expectations]]
level = "Lead"
role = "Backend Engineer"
required = true
description = "Leads."
"#;

    #[test]
    fn reads_and_writes_the_same_skill() {
        let skill = parse_skill_toml(GOOD, Path::new("go.toml")).unwrap();
        assert_eq!(
            skill.levels(),
            &[Level::Senior, Level::Lead, Level::Principal]
        );
        let again = parse_skill_toml(&to_toml(&skill), Path::new("go.toml")).unwrap();
        assert_eq!(again, skill);
    }

    #[test]
    fn points_at_the_line_of_a_bad_expectation() {
        let text = GOOD.replace("level = \"Lead\"", "level = \"Wizard\"");
        let err = parse_skill_toml(&text, Path::new("go.toml")).unwrap_err();
        assert_eq!(err.line, Some(10), "{err}");
        assert!(
            err.to_string()
                .starts_with("go.toml, line 10: unknown level \"Wizard\"")
        );
    }

    #[test]
    fn points_at_the_line_of_a_rule_broken_by_an_entry() {
        let text = GOOD.replace("level = \"Lead\"", "level = \"Junior\"");
        let err = parse_skill_toml(&text, Path::new("go.toml")).unwrap_err();
        // A rule broken by an entry points at the entry's `[[expectations]]`.
        assert_eq!(err.line, Some(9), "{err}");
        assert!(
            err.message
                .render(crate::i18n::Locale::EnUs)
                .contains("not one of this skill's levels")
        );
    }

    #[test]
    fn reports_syntax_errors_and_unknown_fields_with_lines() {
        let err = parse_skill_toml(
            &GOOD.replace("required = true", "required = yes"),
            Path::new("go.toml"),
        )
        .unwrap_err();
        assert_eq!(err.line, Some(12), "{err}");

        let err =
            parse_skill_toml(&GOOD.replace("tags =", "tagz ="), Path::new("go.toml")).unwrap_err();
        assert_eq!(err.line, Some(5), "{err}");
        assert!(
            err.message
                .render(crate::i18n::Locale::EnUs)
                .contains("tagz"),
            "{err}"
        );
    }

    #[test]
    fn refuses_a_date_with_a_time() {
        let text = GOOD.replace("2026-01-02", "2026-01-02T10:00:00");
        let err = parse_skill_toml(&text, Path::new("go.toml")).unwrap_err();
        assert_eq!(err.line, Some(6));
    }
}
