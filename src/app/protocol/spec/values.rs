//! How each kind of option is read from what the front end sent, with the
//! message for a value that does not fit.

use super::{Kind, OptionError, OptionValue};
use crate::app::protocol::request::{ChannelRef, RoleRef, Upload, UserRef, Value};
use crate::matrix::{Level, find_level};
use crate::msg;

/// The text of an option that takes text; `kind` names what it takes
/// (a key of the catalog's `option-takes`).
pub(super) fn text_of<'v>(
    name: &str,
    value: &'v Value,
    kind: &'static str,
) -> Result<&'v str, OptionError> {
    match value {
        Value::Text(t) => Ok(t),
        _ => Err(takes(name, kind)),
    }
}

pub(super) fn takes(name: &str, kind: &'static str) -> OptionError {
    OptionError(msg!("option-takes", name = name, kind = kind))
}

/// What the user typed, cut to quote it back.
pub(super) fn quoted(text: &str) -> String {
    crate::text::shorten(text, crate::text::QUOTED_CHARS).into_owned()
}

impl OptionValue for String {
    const KIND: Kind = Kind::Text;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        text_of(name, value, "text").map(str::to_string)
    }
}

/// A page or TOML file pasted as text.
#[derive(Debug)]
pub struct Document(pub String);

impl OptionValue for Document {
    const KIND: Kind = Kind::Document;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        text_of(name, value, "text").map(|t| Document(t.to_string()))
    }
}

/// A skill as typed: looked up in the asker's catalog by the command.
#[derive(Debug)]
pub struct SkillName(pub String);

impl OptionValue for SkillName {
    const KIND: Kind = Kind::Skill;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        text_of(name, value, "skill").map(|t| SkillName(t.to_string()))
    }
}

/// Skills as typed, separated by commas: each looked up by the command.
#[derive(Debug)]
pub struct SkillNames(pub Vec<String>);

impl OptionValue for SkillNames {
    const KIND: Kind = Kind::Skills;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        let text = text_of(name, value, "skills")?;
        Ok(SkillNames(
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        ))
    }
}

/// A role of the matrix as typed: looked up by the command, in a skill or
/// in the whole catalog.
#[derive(Debug)]
pub struct RoleName(pub String);

impl OptionValue for RoleName {
    const KIND: Kind = Kind::Role;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        text_of(name, value, "role-name").map(|t| RoleName(t.to_string()))
    }
}

impl OptionValue for Level {
    const KIND: Kind = Kind::Level;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        find_level(text_of(name, value, "level")?).map_err(|e| OptionError(e.message()))
    }
}

impl OptionValue for chrono_tz::Tz {
    const KIND: Kind = Kind::TimeZone;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        crate::schedule::parse_time_zone(text_of(name, value, "time-zone")?).map_err(OptionError)
    }
}

impl OptionValue for bool {
    const KIND: Kind = Kind::Bool;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        match value {
            Value::Bool(b) => Ok(*b),
            Value::Text(t) => match t.trim().to_lowercase().as_str() {
                "true" | "yes" | "y" | "1" | "on" => Ok(true),
                "false" | "no" | "n" | "0" | "off" => Ok(false),
                _ => Err(OptionError(msg!(
                    "option-not-bool",
                    name = name,
                    input = quoted(t)
                ))),
            },
            _ => Err(OptionError(msg!("option-bool-only", name = name))),
        }
    }
}

impl OptionValue for UserRef {
    const KIND: Kind = Kind::User;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        match value {
            Value::User(u) => Ok(u.clone()),
            // The console names members by their user id or display name.
            Value::Text(t) => {
                let who = t.trim_start_matches('@').to_string();
                Ok(UserRef {
                    id: who.to_lowercase(),
                    display_name: who,
                })
            }
            _ => Err(takes(name, "member")),
        }
    }
}

impl OptionValue for RoleRef {
    const KIND: Kind = Kind::PlatformRole;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        match value {
            Value::Role(r) => Ok(r.clone()),
            // The console names roles by name alone.
            Value::Text(t) => Ok(RoleRef {
                id: t.trim().to_string(),
                name: t.trim().to_string(),
            }),
            _ => Err(takes(name, "role")),
        }
    }
}

impl OptionValue for Upload {
    const KIND: Kind = Kind::File;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        match value {
            Value::File(f) => Ok(f.clone()),
            _ => Err(takes(name, "file")),
        }
    }
}

impl OptionValue for ChannelRef {
    const KIND: Kind = Kind::Channel;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        match value {
            Value::Channel(c) => Ok(c.clone()),
            // The console names channels by name alone.
            Value::Text(t) => Ok(ChannelRef {
                id: t.trim().trim_start_matches('#').to_string(),
                name: t.trim().trim_start_matches('#').to_string(),
            }),
            _ => Err(takes(name, "channel")),
        }
    }
}

impl OptionValue for u32 {
    const KIND: Kind = Kind::Number;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        let text = text_of(name, value, "number")?;
        text.trim()
            .parse()
            .map_err(|_| OptionError(msg!("option-not-number", name = name, input = quoted(text))))
    }
}

impl OptionValue for chrono::Weekday {
    const KIND: Kind = Kind::Weekday;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        let text = text_of(name, value, "weekday")?;
        crate::schedule::parse_weekday(text).ok_or_else(|| {
            OptionError(msg!(
                "option-not-weekday",
                name = name,
                input = quoted(text)
            ))
        })
    }
}

/// A time of day, in minutes after midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeOfDay(pub u16);

impl OptionValue for TimeOfDay {
    const KIND: Kind = Kind::TimeOfDay;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError> {
        let text = text_of(name, value, "time-of-day")?;
        crate::schedule::parse_time_of_day(text)
            .map(TimeOfDay)
            .ok_or_else(|| {
                OptionError(msg!(
                    "option-not-time-of-day",
                    name = name,
                    input = quoted(text)
                ))
            })
    }
}
