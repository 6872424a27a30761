//! How a command is defined: its name, description and options, each
//! option a typed constant that both the spec (for the console's parser
//! and help, and for registering on a chat platform) and the parsing of a
//! request use, so that a name is written once and a typo cannot compile
//! into a silent miss.

use super::AppError;
use super::request::{ChannelRef, RoleRef, Upload, UserRef, Value};
use crate::i18n::Locale;
use crate::matrix::{Level, find_level};
use crate::msg;
use std::marker::PhantomData;

pub use super::commands::{COMMANDS, GROUPS};

/// What an option holds; a front end picks its input widget from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A short text: a slug, a name.
    Text,
    /// A whole page or file pasted as text.
    Document,
    /// A skill of the matrix (autocompleted).
    Skill,
    /// Several skills, separated by commas.
    Skills,
    /// One of the five levels (a fixed choice).
    Level,
    /// A role of the matrix (autocompleted).
    Role,
    /// An IANA time zone (autocompleted).
    TimeZone,
    Bool,
    /// A member of the workspace.
    User,
    /// A role of the chat platform.
    PlatformRole,
    /// A channel of the chat platform.
    Channel,
    /// A whole number.
    Number,
    /// A day of the week.
    Weekday,
    /// A time of day, "09:00".
    TimeOfDay,
    File,
}

impl Kind {
    /// The longest value taken for an option of this kind, checked before
    /// anything is matched against it; and what the option is, for the
    /// message.
    pub fn limit(self) -> (usize, &'static str) {
        match self {
            Kind::Document => (1 << 20, "document"),
            Kind::Skill => (super::MAX_NAME_CHARS, "skill"),
            Kind::Skills => (1000, "skills"),
            Kind::Level => (super::MAX_NAME_CHARS, "level"),
            Kind::Role => (super::MAX_NAME_CHARS, "role"),
            Kind::TimeZone => (64, "time-zone"),
            Kind::User => (super::MAX_NAME_CHARS, "member"),
            Kind::PlatformRole => (super::MAX_NAME_CHARS, "role"),
            Kind::Channel => (super::MAX_NAME_CHARS, "channel"),
            Kind::Number => (10, "number"),
            Kind::Weekday => (10, "weekday"),
            Kind::TimeOfDay => (5, "time-of-day"),
            Kind::Text | Kind::Bool | Kind::File => (super::MAX_NAME_CHARS, "option"),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// A command: its name and options. Its description and its options' are
/// the catalog's (`cmd-<command>`, `cmd-<command>--<option>`, spaces in a
/// command's name written as dashes), so that every platform shows them
/// in the reader's language.
#[derive(Clone, Copy, Debug)]
pub struct CommandSpec {
    /// "skill", or "matrix import" for a subcommand of a group.
    pub name: &'static str,
    pub options: &'static [OptionSpec],
    /// Hidden from members by default where the platform can; the app
    /// checks anyway.
    pub lead_only: bool,
    /// May take longer than a chat platform waits for a first answer
    /// (downloads, reading files, reports): front ends acknowledge first.
    pub slow: bool,
}

impl CommandSpec {
    /// A command with no options, for members, answered at once.
    pub const fn new(name: &'static str) -> CommandSpec {
        CommandSpec {
            name,
            options: &[],
            lead_only: false,
            slow: false,
        }
    }

    pub const fn options(mut self, options: &'static [OptionSpec]) -> CommandSpec {
        self.options = options;
        self
    }

    pub const fn for_leads(mut self) -> CommandSpec {
        self.lead_only = true;
        self
    }

    pub const fn slow(mut self) -> CommandSpec {
        self.slow = true;
        self
    }

    /// The catalog's id of the command's description.
    pub fn message_id(&self) -> String {
        format!("cmd-{}", self.name.replace(' ', "-"))
    }

    /// The catalog's id of an option's description.
    pub fn option_message_id(&self, option: &OptionSpec) -> String {
        format!("{}--{}", self.message_id(), option.name)
    }

    /// What the command does, for the command picker and /help.
    pub fn description(&self, r: Locale) -> String {
        crate::i18n::by_id(&self.message_id()).render(r)
    }

    /// What an option of the command takes.
    pub fn option_description(&self, option: &OptionSpec, r: Locale) -> String {
        crate::i18n::by_id(&self.option_message_id(option)).render(r)
    }

    /// `/skill <skill> <level> [role] [next]`
    pub fn usage(&self) -> String {
        let mut text = format!("/{}", self.name);
        for o in self.options {
            if o.required {
                text.push_str(&format!(" <{}>", o.name));
            } else {
                text.push_str(&format!(" [{}]", o.name));
            }
        }
        text
    }
}

pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().copied().find(|c| c.name == name)
}

/// A value an option can hold, read from what the front end sent.
pub trait OptionValue: Sized {
    const KIND: Kind;
    fn read(name: &str, value: &Value) -> Result<Self, AppError>;
}

/// One option of one command: its name, and the type its value is parsed
/// into.
pub struct Opt<T> {
    pub name: &'static str,
    pub required: bool,
    _value: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Opt<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opt")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl<T: OptionValue> Opt<T> {
    pub const fn required(name: &'static str) -> Opt<T> {
        Opt {
            name,
            required: true,
            _value: PhantomData,
        }
    }

    pub const fn optional(name: &'static str) -> Opt<T> {
        Opt {
            name,
            required: false,
            _value: PhantomData,
        }
    }

    pub const fn spec(&self) -> OptionSpec {
        OptionSpec {
            name: self.name,
            kind: T::KIND,
            required: self.required,
        }
    }
}

/// A command's options, checked against its spec: no unknown option, none
/// twice, none too long, every required one there.
#[derive(Debug)]
pub struct Options<'a> {
    spec: &'static CommandSpec,
    values: &'a [(String, Value)],
}

impl<'a> Options<'a> {
    pub fn new(
        spec: &'static CommandSpec,
        values: &'a [(String, Value)],
    ) -> Result<Self, AppError> {
        for (i, (name, value)) in values.iter().enumerate() {
            let Some(option) = spec.options.iter().find(|o| o.name == name) else {
                let known: Vec<&str> = spec.options.iter().map(|o| o.name).collect();
                let name = crate::text::shorten(name, crate::text::QUOTED_CHARS);
                return Err(AppError::User(if known.is_empty() {
                    msg!("option-none", command = spec.name)
                } else {
                    msg!(
                        "option-unknown",
                        command = spec.name,
                        name = name,
                        options = crate::i18n::list(known),
                        usage = spec.usage()
                    )
                }));
            };
            if values[..i].iter().any(|(n, _)| n == name) {
                return Err(AppError::User(msg!(
                    "option-twice",
                    command = spec.name,
                    name = name.as_str()
                )));
            }
            let chars = match value {
                Value::Text(t) => t.chars().count(),
                Value::User(u) => u.display_name.chars().count().max(u.id.chars().count()),
                Value::Role(r) => r.name.chars().count().max(r.id.chars().count()),
                Value::Channel(c) => c.name.chars().count().max(c.id.chars().count()),
                Value::Bool(_) | Value::File(_) => 0,
            };
            let (max, kind) = option.kind.limit();
            if chars > max {
                return Err(AppError::User(msg!(
                    "option-too-long",
                    name = name.as_str(),
                    chars = chars,
                    kind = kind,
                    max = max,
                    usage = spec.usage()
                )));
            }
        }
        for o in spec.options.iter().filter(|o| o.required) {
            if !values.iter().any(|(n, _)| n == o.name) {
                return Err(AppError::User(msg!(
                    "option-missing",
                    command = spec.name,
                    name = o.name,
                    description = crate::i18n::by_id(&spec.option_message_id(o)),
                    usage = spec.usage()
                )));
            }
        }
        Ok(Options { spec, values })
    }

    /// The option's value, if given.
    pub fn get<T: OptionValue>(&self, opt: &Opt<T>) -> Result<Option<T>, AppError> {
        self.values
            .iter()
            .find(|(n, _)| n == opt.name)
            .map(|(_, v)| T::read(opt.name, v))
            .transpose()
    }

    /// A required option's value (`new` checked that it is there).
    pub fn need<T: OptionValue>(&self, opt: &Opt<T>) -> Result<T, AppError> {
        self.get(opt)?.ok_or_else(|| {
            AppError::User(msg!(
                "option-needed",
                command = self.spec.name,
                name = opt.name,
                usage = self.spec.usage()
            ))
        })
    }

    /// A true-or-false option; absent is false.
    pub fn flag(&self, opt: &Opt<bool>) -> Result<bool, AppError> {
        Ok(self.get(opt)?.unwrap_or(false))
    }
}

/// The text of an option that takes text; `kind` names what it takes
/// (a key of the catalog's `option-takes`).
fn text_of<'v>(name: &str, value: &'v Value, kind: &'static str) -> Result<&'v str, AppError> {
    match value {
        Value::Text(t) => Ok(t),
        _ => Err(takes(name, kind)),
    }
}

fn takes(name: &str, kind: &'static str) -> AppError {
    AppError::User(msg!("option-takes", name = name, kind = kind))
}

/// What the user typed, cut to quote it back.
fn quoted(text: &str) -> String {
    crate::text::shorten(text, crate::text::QUOTED_CHARS).into_owned()
}

impl OptionValue for String {
    const KIND: Kind = Kind::Text;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        text_of(name, value, "text").map(str::to_string)
    }
}

/// A page or TOML file pasted as text.
#[derive(Debug)]
pub struct Document(pub String);

impl OptionValue for Document {
    const KIND: Kind = Kind::Document;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        text_of(name, value, "text").map(|t| Document(t.to_string()))
    }
}

/// A skill as typed: looked up in the asker's catalog by the command.
#[derive(Debug)]
pub struct SkillName(pub String);

impl OptionValue for SkillName {
    const KIND: Kind = Kind::Skill;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        text_of(name, value, "skill").map(|t| SkillName(t.to_string()))
    }
}

/// Skills as typed, separated by commas: each looked up by the command.
#[derive(Debug)]
pub struct SkillNames(pub Vec<String>);

impl OptionValue for SkillNames {
    const KIND: Kind = Kind::Skills;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
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
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        text_of(name, value, "role-name").map(|t| RoleName(t.to_string()))
    }
}

impl OptionValue for Level {
    const KIND: Kind = Kind::Level;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        Ok(find_level(text_of(name, value, "level")?)?)
    }
}

impl OptionValue for chrono_tz::Tz {
    const KIND: Kind = Kind::TimeZone;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        crate::schedule::parse_time_zone(text_of(name, value, "time-zone")?).map_err(AppError::User)
    }
}

impl OptionValue for bool {
    const KIND: Kind = Kind::Bool;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        match value {
            Value::Bool(b) => Ok(*b),
            Value::Text(t) => match t.trim().to_lowercase().as_str() {
                "true" | "yes" | "y" | "1" | "on" => Ok(true),
                "false" | "no" | "n" | "0" | "off" => Ok(false),
                _ => Err(AppError::User(msg!(
                    "option-not-bool",
                    name = name,
                    input = quoted(t)
                ))),
            },
            _ => Err(AppError::User(msg!("option-bool-only", name = name))),
        }
    }
}

impl OptionValue for UserRef {
    const KIND: Kind = Kind::User;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
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
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
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
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        match value {
            Value::File(f) => Ok(f.clone()),
            _ => Err(takes(name, "file")),
        }
    }
}

impl OptionValue for ChannelRef {
    const KIND: Kind = Kind::Channel;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
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
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        let text = text_of(name, value, "number")?;
        text.trim().parse().map_err(|_| {
            AppError::User(msg!("option-not-number", name = name, input = quoted(text)))
        })
    }
}

impl OptionValue for chrono::Weekday {
    const KIND: Kind = Kind::Weekday;
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        let text = text_of(name, value, "weekday")?;
        crate::schedule::parse_weekday(text).ok_or_else(|| {
            AppError::User(msg!(
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
    fn read(name: &str, value: &Value) -> Result<Self, AppError> {
        let text = text_of(name, value, "time-of-day")?;
        crate::schedule::parse_time_of_day(text)
            .map(TimeOfDay)
            .ok_or_else(|| {
                AppError::User(msg!(
                    "option-not-time-of-day",
                    name = name,
                    input = quoted(text)
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    /// Every command, option and group has its description in every
    /// locale, and the catalog describes nothing else.
    #[test]
    fn every_command_and_option_is_described_and_nothing_else() {
        for locale in Locale::ALL {
            let mut wanted: Vec<String> = GROUPS.iter().map(|g| format!("cmd-{g}")).collect();
            for c in COMMANDS {
                wanted.push(c.message_id());
                wanted.extend(c.options.iter().map(|o| c.option_message_id(o)));
            }
            for id in &wanted {
                assert!(crate::i18n::has(locale, id), "{} lacks {id}", locale.code());
            }
            let described: Vec<String> = crate::i18n::tests::all_ids(locale)
                .into_iter()
                .filter(|id| id.starts_with("cmd-"))
                .collect();
            for id in described {
                assert!(wanted.contains(&id), "{id} describes no command");
            }
        }
    }
}
