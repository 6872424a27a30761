//! How a command is defined: its name, description and options, each
//! option a typed constant that both the spec (for the console's parser
//! and help, and for registering on a chat platform) and the parsing of a
//! request use, so that a name is written once and a typo cannot compile
//! into a silent miss.

use super::request::Value;
mod values;

pub use values::{Document, RoleName, SkillName, SkillNames, TimeOfDay};

use crate::i18n::{Locale, Msg};
use crate::msg;
use std::marker::PhantomData;

/// The longest name the app takes for a member or a platform role.
pub const MAX_NAME_CHARS: usize = 100;

/// An option the user gave that cannot be read: what to tell them.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionError(pub Msg);

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
            Kind::Skill => (MAX_NAME_CHARS, "skill"),
            Kind::Skills => (1000, "skills"),
            Kind::Level => (MAX_NAME_CHARS, "level"),
            Kind::Role => (MAX_NAME_CHARS, "role"),
            Kind::TimeZone => (64, "time-zone"),
            Kind::User => (MAX_NAME_CHARS, "member"),
            Kind::PlatformRole => (MAX_NAME_CHARS, "role"),
            Kind::Channel => (MAX_NAME_CHARS, "channel"),
            Kind::Number => (10, "number"),
            Kind::Weekday => (10, "weekday"),
            Kind::TimeOfDay => (5, "time-of-day"),
            Kind::Text | Kind::Bool | Kind::File => (MAX_NAME_CHARS, "option"),
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

/// A value an option can hold, read from what the front end sent.
pub trait OptionValue: Sized {
    const KIND: Kind;
    fn read(name: &str, value: &Value) -> Result<Self, OptionError>;
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
    ) -> Result<Self, OptionError> {
        for (i, (name, value)) in values.iter().enumerate() {
            let Some(option) = spec.options.iter().find(|o| o.name == name) else {
                let known: Vec<&str> = spec.options.iter().map(|o| o.name).collect();
                let name = crate::text::shorten(name, crate::text::QUOTED_CHARS);
                return Err(OptionError(if known.is_empty() {
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
                return Err(OptionError(msg!(
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
                return Err(OptionError(msg!(
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
                return Err(OptionError(msg!(
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
    pub fn get<T: OptionValue>(&self, opt: &Opt<T>) -> Result<Option<T>, OptionError> {
        self.values
            .iter()
            .find(|(n, _)| n == opt.name)
            .map(|(_, v)| T::read(opt.name, v))
            .transpose()
    }

    /// A required option's value (`new` checked that it is there).
    pub fn need<T: OptionValue>(&self, opt: &Opt<T>) -> Result<T, OptionError> {
        self.get(opt)?.ok_or_else(|| {
            OptionError(msg!(
                "option-needed",
                command = self.spec.name,
                name = opt.name,
                usage = self.spec.usage()
            ))
        })
    }

    /// A true-or-false option; absent is false.
    pub fn flag(&self, opt: &Opt<bool>) -> Result<bool, OptionError> {
        Ok(self.get(opt)?.unwrap_or(false))
    }
}
