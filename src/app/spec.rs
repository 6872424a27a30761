//! Every command, its options and their descriptions: one table that the
//! console reads to map positional words to options and that the chat
//! front ends register.

use super::AppError;
use super::request::{Upload, UserRef, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A short text: a slug, a name.
    Text,
    /// A whole page or file pasted as text.
    Document,
    /// A skill of the matrix (autocompleted).
    Skill,
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
    File,
}

#[derive(Clone, Copy, Debug)]
pub struct OptionSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub kind: Kind,
    pub required: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct CommandSpec {
    /// "skill", or "matrix import" for a subcommand.
    pub name: &'static str,
    pub description: &'static str,
    pub options: &'static [OptionSpec],
    /// Hidden from members by default where the platform can; the app
    /// checks anyway.
    pub lead_only: bool,
}

const fn opt(
    name: &'static str,
    kind: Kind,
    required: bool,
    description: &'static str,
) -> OptionSpec {
    OptionSpec {
        name,
        description,
        kind,
        required,
    }
}

pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "skill",
        description: "What a skill expects at a level, role by role",
        options: &[
            opt(
                "skill",
                Kind::Skill,
                true,
                "Skill name, slug or tag, e.g. serverless",
            ),
            opt(
                "level",
                Kind::Level,
                true,
                "Level: junior, middle, senior, lead or principal",
            ),
            opt("role", Kind::Role, false, "Only this role"),
            opt(
                "next",
                Kind::Bool,
                false,
                "Show what the next level adds instead",
            ),
        ],
        lead_only: false,
    },
    CommandSpec {
        name: "profile",
        description: "Show or set your role and time zone",
        options: &[
            opt("role", Kind::Role, false, "Your role in the skill matrix"),
            opt(
                "timezone",
                Kind::TimeZone,
                false,
                "Your time zone, e.g. Europe/Berlin",
            ),
        ],
        lead_only: false,
    },
    CommandSpec {
        name: "assess",
        description: "Assess your level in a skill, step by step (leads: rate a member)",
        options: &[
            opt("skill", Kind::Skill, true, "The skill to assess"),
            opt(
                "role",
                Kind::Role,
                false,
                "The role to assess against (default: your profile's)",
            ),
            opt("level", Kind::Level, false, "Record this level directly"),
            opt(
                "member",
                Kind::User,
                false,
                "Leads: rate this member instead of yourself",
            ),
        ],
        lead_only: false,
    },
    CommandSpec {
        name: "history",
        description: "Your level history (leads: a member's, self and lead side by side)",
        options: &[
            opt("skill", Kind::Skill, false, "Only this skill"),
            opt("member", Kind::User, false, "Leads: this member's history"),
        ],
        lead_only: false,
    },
    CommandSpec {
        name: "matrix list",
        description: "List the skills of the matrix",
        options: &[],
        lead_only: true,
    },
    CommandSpec {
        name: "matrix import",
        description: "Import a skill page or TOML file for this server (preview first)",
        options: &[
            opt("file", Kind::File, false, "The skill page or TOML file"),
            opt(
                "text",
                Kind::Document,
                false,
                "Or the page or TOML pasted as text",
            ),
            opt(
                "slug",
                Kind::Text,
                false,
                "Slug for an imported page (default: from the file name)",
            ),
            opt(
                "name",
                Kind::Text,
                false,
                "Name for an imported page (default: from the slug)",
            ),
        ],
        lead_only: true,
    },
    CommandSpec {
        name: "matrix reload",
        description: "Re-read the shared matrix directory and say what changed",
        options: &[],
        lead_only: true,
    },
    CommandSpec {
        name: "config lead-role",
        description: "Set which server role counts as team lead",
        options: &[opt(
            "role",
            Kind::PlatformRole,
            true,
            "The role whose members are leads",
        )],
        lead_only: true,
    },
    CommandSpec {
        name: "privacy export",
        description: "Download all your data as JSON",
        options: &[],
        lead_only: false,
    },
    CommandSpec {
        name: "privacy delete",
        description: "Delete all your data (asks to confirm)",
        options: &[],
        lead_only: false,
    },
];

pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

impl CommandSpec {
    /// "/skill <skill> <level> [role] [next]"
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

impl Kind {
    /// The longest value taken for an option of this kind, checked before
    /// anything is matched against it; and what the option is, for the
    /// message.
    pub fn limit(self) -> (usize, &'static str) {
        match self {
            Kind::Document => (1 << 20, "a pasted page"),
            Kind::Skill => (super::MAX_NAME_CHARS, "a skill"),
            Kind::Level => (super::MAX_NAME_CHARS, "a level"),
            Kind::Role => (super::MAX_NAME_CHARS, "a role"),
            Kind::TimeZone => (64, "a time zone"),
            Kind::User => (super::MAX_NAME_CHARS, "a member"),
            Kind::PlatformRole => (super::MAX_NAME_CHARS, "a role"),
            Kind::Text | Kind::Bool | Kind::File => (super::MAX_NAME_CHARS, "this option"),
        }
    }
}

/// A command's options, checked against its spec.
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
        for (name, _) in values {
            if !spec.options.iter().any(|o| o.name == name) {
                let known: Vec<&str> = spec.options.iter().map(|o| o.name).collect();
                let name = crate::text::shorten(name, crate::text::QUOTED_CHARS);
                return Err(AppError::User(if known.is_empty() {
                    format!("/{} takes no options.", spec.name)
                } else {
                    format!(
                        "/{} has no option `{name}`; its options are {}. Usage: {}",
                        spec.name,
                        known.join(", "),
                        spec.usage()
                    )
                }));
            }
        }
        for (i, (name, value)) in values.iter().enumerate() {
            if values[..i].iter().any(|(n, _)| n == name) {
                return Err(AppError::User(format!(
                    "/{} got `{name}` twice; give it once.",
                    spec.name
                )));
            }
            let kind = spec
                .options
                .iter()
                .find(|o| o.name == name)
                .map_or(Kind::Text, |o| o.kind);
            let chars = match value {
                Value::Text(t) => t.chars().count(),
                Value::User(u) => u.display_name.chars().count().max(u.id.chars().count()),
                Value::Bool(_) | Value::File(_) => 0,
            };
            let (max, what) = kind.limit();
            if chars > max {
                return Err(AppError::User(format!(
                    "`{name}` is too long ({chars} characters); {what} is at most {max} characters. Usage: {}",
                    spec.usage()
                )));
            }
        }
        for o in spec.options.iter().filter(|o| o.required) {
            if !values.iter().any(|(n, _)| n == o.name) {
                return Err(AppError::User(format!(
                    "/{} needs `{}` ({}). Usage: {}",
                    spec.name,
                    o.name,
                    o.description.to_lowercase(),
                    spec.usage()
                )));
            }
        }
        Ok(Options { spec, values })
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn text(&self, name: &str) -> Option<&'a str> {
        match self.get(name)? {
            Value::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }

    pub fn flag(&self, name: &str) -> Result<bool, AppError> {
        match self.get(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::Text(t)) => match t.trim().to_lowercase().as_str() {
                "true" | "yes" | "y" | "1" | "on" => Ok(true),
                "false" | "no" | "n" | "0" | "off" => Ok(false),
                _ => Err(AppError::User(format!(
                    "`{name}` is true or false, not \"{}\".",
                    crate::text::shorten(t, crate::text::QUOTED_CHARS)
                ))),
            },
            Some(_) => Err(AppError::User(format!("`{name}` is true or false."))),
        }
    }

    pub fn user(&self, name: &str) -> Option<UserRef> {
        match self.get(name)? {
            Value::User(u) => Some(u.clone()),
            // The console names members by their user id or display name.
            Value::Text(t) => Some(UserRef {
                id: t.trim_start_matches('@').to_string(),
                display_name: t.trim_start_matches('@').to_string(),
            }),
            _ => None,
        }
    }

    pub fn file(&self, name: &str) -> Option<&'a Upload> {
        match self.get(name)? {
            Value::File(f) => Some(f),
            _ => None,
        }
    }

    pub fn spec(&self) -> &'static CommandSpec {
        self.spec
    }
}
