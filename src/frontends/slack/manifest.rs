//! The Slack app manifest, made from the same command list as Discord's
//! registration and the console's help: a team creates the app by pasting
//! it (api.slack.com's "Create an app" → "From a manifest").
//!
//! Slack has one command per name with one line of text, so a group of
//! subcommands (`/matrix list`, `/matrix import`) is one Slack command
//! whose text starts with the subcommand.

use crate::app::spec::{COMMANDS, CommandSpec, GROUPS};
use crate::i18n::Locale;
use serde_json::{Value, json};

/// Slack's limits on a manifest's command: its name (with the slash), its
/// description and its usage hint.
pub const COMMAND_MAX: usize = 32;
pub const DESCRIPTION_MAX: usize = 100;
pub const USAGE_HINT_MAX: usize = 100;

/// The bot scopes skillbot asks for.
pub const SCOPES: &[&str] = &[
    "commands",
    "chat:write",
    "im:write",
    "users:read",
    "usergroups:read",
    "files:write",
    "im:history",
    "files:read",
];

/// Why skillbot needs a scope, for the one who installs it.
pub fn scope_why(r: Locale, scope: &str) -> String {
    match scope {
        "commands" => crate::tr!(r, "slack-scope-commands"),
        "chat:write" => crate::tr!(r, "slack-scope-chat-write"),
        "im:write" => crate::tr!(r, "slack-scope-im-write"),
        "users:read" => crate::tr!(r, "slack-scope-users-read"),
        "usergroups:read" => crate::tr!(r, "slack-scope-usergroups-read"),
        "im:history" => crate::tr!(r, "slack-scope-im-history"),
        "files:read" => crate::tr!(r, "slack-scope-files-read"),
        _ => crate::tr!(r, "slack-scope-files-write"),
    }
}

/// How Slack reaches the bot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Socket Mode: the bot connects out; no public URL.
    SocketMode,
    /// The HTTP Events API at this public base URL (`https://bot.example.org`):
    /// commands at `/slack/commands`, interactions at `/slack/interactions`,
    /// events at `/slack/events`.
    Http(String),
}

/// A Slack command: its name and the app commands it stands for.
struct SlackCommand {
    name: String,
    description: String,
    usage_hint: String,
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// `<skill> [level] [role]` for a command's options.
fn options_hint(spec: &CommandSpec) -> String {
    let usage = spec.usage();
    usage
        .split_once(' ')
        .map(|(_, rest)| rest.to_string())
        .unwrap_or_default()
}

fn slack_commands(r: Locale) -> Vec<SlackCommand> {
    let mut commands = Vec::new();
    for spec in COMMANDS {
        if let Some((group, _)) = spec.name.split_once(' ') {
            if commands
                .iter()
                .any(|c: &SlackCommand| c.name == format!("/{group}"))
            {
                continue;
            }
            let subcommands: Vec<&str> = COMMANDS
                .iter()
                .filter_map(|c| c.name.strip_prefix(group)?.strip_prefix(' '))
                .collect();
            commands.push(SlackCommand {
                name: format!("/{group}"),
                description: crate::i18n::by_id(&format!("cmd-{group}")).render(r),
                usage_hint: subcommands.join(" | "),
            });
        } else {
            commands.push(SlackCommand {
                name: format!("/{}", spec.name),
                description: spec.description(r),
                usage_hint: options_hint(spec),
            });
        }
    }
    debug_assert!(
        GROUPS
            .iter()
            .all(|g| commands.iter().any(|c| c.name == format!("/{g}")))
    );
    commands
}

/// The manifest, as JSON (Slack takes JSON or YAML).
pub fn manifest(reach: &Reach) -> Value {
    let r = Locale::EnUs;
    let http_base = match reach {
        Reach::Http(base) => Some(base.trim_end_matches('/').to_string()),
        Reach::SocketMode => None,
    };
    let commands: Vec<Value> = slack_commands(r)
        .into_iter()
        .map(|c| {
            let mut command = json!({
                "command": c.name,
                "description": cut(&c.description, DESCRIPTION_MAX),
                "usage_hint": cut(&c.usage_hint, USAGE_HINT_MAX),
                // Mentions arrive as <@U123|name>, channels as <#C123|name>.
                "should_escape": true,
            });
            if let Some(base) = &http_base {
                command["url"] = json!(format!("{base}/slack/commands"));
            }
            command
        })
        .collect();
    let mut interactivity = json!({"is_enabled": true});
    let mut events = json!({"bot_events": ["app_home_opened", "message.im"]});
    if let Some(base) = &http_base {
        interactivity["request_url"] = json!(format!("{base}/slack/interactions"));
        events["request_url"] = json!(format!("{base}/slack/events"));
    }
    json!({
        "display_information": {
            "name": "skillbot",
            "description": crate::tr!(r, "slack-app-description"),
        },
        "features": {
            "bot_user": {"display_name": "skillbot", "always_online": true},
            "app_home": {
                "home_tab_enabled": true,
                "messages_tab_enabled": true,
                "messages_tab_read_only_enabled": false,
            },
            "slash_commands": commands,
        },
        "oauth_config": {
            "scopes": {"bot": SCOPES},
        },
        "settings": {
            "interactivity": interactivity,
            "event_subscriptions": events,
            "socket_mode_enabled": http_base.is_none(),
            "org_deploy_enabled": false,
            "token_rotation_enabled": false,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands(m: &Value) -> Vec<Value> {
        m["features"]["slash_commands"].as_array().unwrap().clone()
    }

    #[test]
    fn every_command_of_the_app_is_in_the_manifest_once_within_slacks_limits() {
        let m = manifest(&Reach::SocketMode);
        let commands = commands(&m);
        let names: Vec<&str> = commands
            .iter()
            .map(|c| c["command"].as_str().unwrap())
            .collect();
        for spec in COMMANDS {
            let top = spec.name.split(' ').next().unwrap();
            assert!(names.contains(&format!("/{top}").as_str()), "{top}");
        }
        let mut unique = names.clone();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        for c in &commands {
            let name = c["command"].as_str().unwrap();
            assert!(name.len() <= COMMAND_MAX && name == name.to_lowercase());
            assert!(!name.contains(' '));
            let description = c["description"].as_str().unwrap();
            assert!(!description.is_empty() && description.chars().count() <= DESCRIPTION_MAX);
            assert!(c["usage_hint"].as_str().unwrap().chars().count() <= USAGE_HINT_MAX);
            assert!(c.get("url").is_none());
        }
        let skill = commands.iter().find(|c| c["command"] == "/skill").unwrap();
        assert!(skill["usage_hint"].as_str().unwrap().starts_with("<skill>"));
        let matrix = commands.iter().find(|c| c["command"] == "/matrix").unwrap();
        assert!(matrix["usage_hint"].as_str().unwrap().contains("import"));
        assert_eq!(m["settings"]["socket_mode_enabled"], true);
        assert!(
            m["oauth_config"]["scopes"]["bot"]
                .as_array()
                .unwrap()
                .contains(&json!("chat:write"))
        );
        for scope in SCOPES {
            assert!(!scope_why(Locale::EnUs, scope).is_empty());
        }
        assert_ne!(
            scope_why(Locale::EnUs, "commands"),
            scope_why(Locale::EnUs, "files:write")
        );
    }

    #[test]
    fn over_http_every_request_url_is_the_bots() {
        let m = manifest(&Reach::Http("https://bot.example.org/".into()));
        assert_eq!(m["settings"]["socket_mode_enabled"], false);
        assert_eq!(
            m["settings"]["interactivity"]["request_url"],
            "https://bot.example.org/slack/interactions"
        );
        assert_eq!(
            m["settings"]["event_subscriptions"]["request_url"],
            "https://bot.example.org/slack/events"
        );
        for c in commands(&m) {
            assert_eq!(c["url"], "https://bot.example.org/slack/commands");
        }
    }
}
