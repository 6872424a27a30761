//! Settings of the chat bot, from the environment (and a .env file): what
//! every front end shares (the secrets, which are never logged), and one
//! typed configuration per front end, checked before anything starts. A
//! new front end adds its file here and its secrets to `SECRET_VARS`.

mod console;
mod discord;
mod slack;

pub use console::ConsoleConfig;
pub use discord::DiscordConfig;
pub use slack::{SLACK_API_URL, SlackConfig, SlackReach};

use std::fmt;

/// The environment variables that hold secrets: the logger blanks each
/// one's value out of every line. A front end's new secret is one more
/// name here.
pub const SECRET_VARS: &[&str] = &[
    "DISCORD_TOKEN",
    "DISCORD_PUBLIC_KEY",
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
];

/// The values of the secrets the environment holds.
pub fn secrets_in_env(var: impl Fn(&str) -> Option<String>) -> Vec<String> {
    SECRET_VARS.iter().filter_map(|name| var(name)).collect()
}

/// A token or key: never printed, never logged.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Secret {
        Secret(value)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}
