//! What a front end hands the app: who asks, and what they did.

use crate::i18n::{Locale, Reader};
use crate::team::Platform;

/// The person behind a request, as the platform describes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub platform: Platform,
    /// The platform's id of the server or team.
    pub workspace_id: String,
    pub workspace_name: String,
    /// The platform's user id.
    pub user_id: String,
    pub display_name: String,
    /// The platform says this user administers the workspace.
    pub admin: bool,
    /// The ids of the user's platform roles, compared with the lead role
    /// that `/config lead-role` set.
    pub roles: Vec<String>,
    /// The request came from a direct message with the bot, outside any
    /// workspace: a press there goes on with a dialog the bot started in
    /// the member's workspace (a weekly check-in).
    pub direct: bool,
    /// The language the user reads: replies to them are rendered in it.
    pub locale: Locale,
    /// The IANA time zone the platform gives the user (Slack's profile
    /// tz), used when they set none of their own; `None` on platforms that
    /// say none (Discord, the console).
    pub zone: Option<String>,
}

impl Reader for Actor {
    fn locale(&self) -> Locale {
        self.locale
    }
}

/// A channel of the chat platform, named in an option (`channel:#team`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelRef {
    pub id: String,
    pub name: String,
}

/// A role of the chat platform, named in an option (`role:@Leads`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleRef {
    pub id: String,
    pub name: String,
}

/// Another user, named in an option (`member:@x`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRef {
    pub id: String,
    pub display_name: String,
}

/// An uploaded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Bool(bool),
    User(UserRef),
    Role(RoleRef),
    Channel(ChannelRef),
    File(Upload),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A slash command: "skill", or "matrix import" for a subcommand.
    Command {
        name: String,
        options: Vec<(String, Value)>,
    },
    Button {
        id: String,
    },
    Select {
        id: String,
        values: Vec<String>,
    },
    /// A submitted modal: its id and (field id, text) pairs.
    Modal {
        id: String,
        fields: Vec<(String, String)>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub actor: Actor,
    pub action: Action,
}

impl Action {
    pub fn command(name: &str, options: &[(&str, &str)]) -> Action {
        Action::Command {
            name: name.to_string(),
            options: options
                .iter()
                .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
                .collect(),
        }
    }

    /// What to call this action in logs: the command name or the kind of
    /// component, never the user's text.
    pub fn label(&self) -> String {
        match self {
            Action::Command { name, .. } => format!("/{name}"),
            Action::Button { .. } => "button".into(),
            Action::Select { .. } => "select".into(),
            Action::Modal { .. } => "modal".into(),
        }
    }
}
