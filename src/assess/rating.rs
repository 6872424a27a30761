//! A rating of one member in one skill, checked against the skill before
//! anything can store it.

use crate::i18n::Msg;
use crate::matrix::{Level, Skill};
use crate::msg;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Who rated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The member, in a self-assessment.
    #[serde(rename = "self")]
    SelfRated,
    /// A team lead.
    Lead,
    /// The member, confirming their level in the weekly check-in.
    Weekly,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::SelfRated => "self",
            Source::Lead => "lead",
            Source::Weekly => "weekly",
        }
    }

    /// A lead's rating, as opposed to the member's own.
    pub fn is_lead(self) -> bool {
        self == Source::Lead
    }

    pub fn parse(text: &str) -> Option<Source> {
        match text {
            "self" => Some(Source::SelfRated),
            "lead" => Some(Source::Lead),
            "weekly" => Some(Source::Weekly),
            _ => None,
        }
    }
}

/// A member's answer to one level's expectation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Yes,
    Partly,
    No,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelAnswer {
    pub level: Level,
    pub answer: Answer,
}

pub const MAX_NOTE_CHARS: usize = 1_000;

/// Free text kept exactly as typed (Unicode and emoji included), at most
/// `MAX_NOTE_CHARS` characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Note(String);

impl Note {
    /// `None` for a blank text: there is no note.
    pub fn new(text: &str) -> Result<Option<Note>, RatingError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let chars = text.chars().count();
        if chars > MAX_NOTE_CHARS {
            return Err(RatingError::NoteTooLong { chars });
        }
        Ok(Some(Note(text.to_string())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Note {
    type Error = RatingError;
    fn try_from(text: String) -> Result<Note, RatingError> {
        Note::new(&text)?.ok_or(RatingError::EmptyNote)
    }
}

impl From<Note> for String {
    fn from(note: Note) -> String {
        note.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    #[error("the note is {chars} characters long; keep it to {MAX_NOTE_CHARS} at most")]
    NoteTooLong { chars: usize },
    #[error("the note is empty")]
    EmptyNote,
    #[error("{skill} has no {level} level; its levels are {}", .levels.iter().map(|l| l.name()).collect::<Vec<_>>().join(", "))]
    LevelNotInSkill {
        skill: String,
        level: Level,
        levels: Vec<Level>,
    },
    #[error("{skill} has no expectations for {role}; pick one of its roles: {}", .roles.join(", "))]
    RoleNotInSkill {
        skill: String,
        role: String,
        roles: Vec<String>,
    },
}

impl RatingError {
    /// What to tell the user, from the message catalog.
    pub fn message(&self) -> Msg {
        match self {
            RatingError::NoteTooLong { chars } => {
                msg!("note-too-long", chars = *chars, max = MAX_NOTE_CHARS)
            }
            RatingError::EmptyNote => msg!("note-empty"),
            RatingError::LevelNotInSkill {
                skill,
                level,
                levels,
            } => msg!(
                "lookup-level-not-in-skill",
                skill = skill,
                level = level.msg(),
                levels = crate::i18n::list(levels.iter().map(|l| l.msg()))
            ),
            RatingError::RoleNotInSkill { skill, role, roles } => msg!(
                "role-not-in-skill",
                skill = skill,
                role = role,
                roles = crate::i18n::list(roles)
            ),
        }
    }
}

/// A checked rating: the role has expectations in the skill, the level and
/// every answered level are levels of the skill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating {
    skill: String,
    role: String,
    /// `None`: below the skill's first level.
    level: Option<Level>,
    source: Source,
    answers: Vec<LevelAnswer>,
    note: Option<Note>,
    matrix_hash: String,
}

impl Rating {
    pub fn new(
        skill: &Skill,
        role: &str,
        level: Option<Level>,
        source: Source,
        answers: Vec<LevelAnswer>,
        note: Option<Note>,
    ) -> Result<Rating, RatingError> {
        let not_in_skill = |level: Level| RatingError::LevelNotInSkill {
            skill: skill.name().to_string(),
            level,
            levels: skill.levels().to_vec(),
        };
        if let Some(l) = level.filter(|l| !skill.has_level(*l)) {
            return Err(not_in_skill(l));
        }
        if let Some(a) = answers.iter().find(|a| !skill.has_level(a.level)) {
            return Err(not_in_skill(a.level));
        }
        if !skill.roles().iter().any(|r| r == role) {
            return Err(RatingError::RoleNotInSkill {
                skill: skill.name().to_string(),
                role: role.to_string(),
                roles: skill.roles().to_vec(),
            });
        }
        Ok(Rating {
            skill: skill.slug().to_string(),
            role: role.to_string(),
            level,
            source,
            answers,
            note,
            matrix_hash: skill.fingerprint().to_string(),
        })
    }

    pub fn skill(&self) -> &str {
        &self.skill
    }
    pub fn role(&self) -> &str {
        &self.role
    }
    pub fn level(&self) -> Option<Level> {
        self.level
    }
    /// 0 below the first level, else the level's rank (1-5).
    pub fn level_rank(&self) -> u8 {
        self.level.map_or(0, Level::rank)
    }
    pub fn source(&self) -> Source {
        self.source
    }
    pub fn answers(&self) -> &[LevelAnswer] {
        &self.answers
    }
    pub fn note(&self) -> Option<&Note> {
        self.note.as_ref()
    }
    pub fn matrix_hash(&self) -> &str {
        &self.matrix_hash
    }
}

/// "Senior", or "below Junior" for a member who has not reached a skill's
/// first level.
pub fn level_name(level: Option<Level>, skill: &Skill) -> Msg {
    match (level, skill.levels().first()) {
        (Some(l), _) => l.msg(),
        (None, Some(first)) => msg!("level-below", first = first.msg()),
        (None, None) => msg!("level-none"),
    }
}

impl Answer {
    /// The answer as its button says it.
    pub fn msg(self) -> Msg {
        match self {
            Answer::Yes => msg!("answer-yes"),
            Answer::Partly => msg!("answer-partly"),
            Answer::No => msg!("answer-no"),
        }
    }
}

/// For logs and stored data: the answer's name.
impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Answer::Yes => "yes",
            Answer::Partly => "partly",
            Answer::No => "no",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::synthetic;

    #[test]
    fn notes_keep_text_exactly_and_refuse_long_ones() {
        let text = "  Shipped the 🚀 Lambda\nmigration — 完成  ";
        assert_eq!(Note::new(text).unwrap().unwrap().as_str(), text);
        assert_eq!(Note::new("   ").unwrap(), None);
        assert!(Note::new(&"é".repeat(1000)).unwrap().is_some());
        assert_eq!(
            Note::new(&"é".repeat(1001)).unwrap_err().to_string(),
            "the note is 1001 characters long; keep it to 1000 at most"
        );
    }

    #[test]
    fn ratings_are_checked_against_the_skill() {
        let skill = synthetic::skill(1, 2);
        let ok = Rating::new(
            &skill,
            "Role 000",
            Some(Level::Lead),
            Source::Lead,
            vec![],
            None,
        )
        .unwrap();
        assert_eq!(ok.level_rank(), 4);
        assert_eq!(ok.matrix_hash(), skill.fingerprint());
        let below = Rating::new(&skill, "Role 000", None, Source::SelfRated, vec![], None).unwrap();
        assert_eq!(below.level_rank(), 0);

        let err =
            Rating::new(&skill, "Designer", None, Source::SelfRated, vec![], None).unwrap_err();
        assert!(err.to_string().contains("Role 000, Role 001"), "{err}");
    }

    #[test]
    fn a_level_outside_a_short_skill_is_refused() {
        let page = synthetic::page(2, 3);
        let opts = crate::matrix::ImportOptions {
            slug: "short".into(),
            name: None,
        };
        let skill = crate::matrix::import_page(&page, &opts).unwrap();
        let err = Rating::new(
            &skill,
            "Role 000",
            Some(Level::Junior),
            Source::SelfRated,
            vec![],
            None,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Short has no Junior level; its levels are Senior, Lead, Principal"
        );
        let answers = vec![LevelAnswer {
            level: Level::Middle,
            answer: Answer::Yes,
        }];
        assert!(Rating::new(&skill, "Role 000", None, Source::SelfRated, answers, None).is_err());
    }
}
