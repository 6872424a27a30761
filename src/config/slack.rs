//! The Slack app's settings: Socket Mode by default, the HTTP Events API
//! when a signing secret and a listen address are set.

use super::Secret;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Slack's own Web API, when SLACK_API_URL does not name another.
pub const SLACK_API_URL: &str = "https://slack.com/api";

/// How Slack reaches the bot.
#[derive(Clone, Debug)]
pub enum SlackReach {
    /// The bot opens a websocket to Slack with the app-level token: no
    /// public URL needed.
    SocketMode { app_token: Secret },
    /// Slack posts to the bot's public URL; each request is signed with
    /// the signing secret.
    Http {
        signing_secret: Secret,
        listen: SocketAddr,
    },
}

#[derive(Clone, Debug)]
pub struct SlackConfig {
    /// The bot token (`xoxb-…`) for every Web API call.
    pub bot_token: Secret,
    pub reach: SlackReach,
    /// The Web API's base URL, without a trailing slash.
    pub api_url: String,
    pub matrix_dir: PathBuf,
    pub database: PathBuf,
}

fn set(var: &impl Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    var(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl SlackConfig {
    /// The Web API settings alone (SLACK_BOT_TOKEN, SLACK_API_URL): what a
    /// one-shot command that only sends needs (`checkin run-due`).
    pub fn web_api(var: &impl Fn(&str) -> Option<String>) -> Result<(Secret, String), String> {
        let bot_token = set(var, "SLACK_BOT_TOKEN").ok_or(
            "SLACK_BOT_TOKEN is not set: put the app's bot token (xoxb-…, under \"OAuth & Permissions\") in the environment or in .env (see .env.example)",
        )?;
        if !bot_token.starts_with("xoxb-") {
            return Err(
                "SLACK_BOT_TOKEN must be the bot token, which starts with xoxb- (the xapp- token goes in SLACK_APP_TOKEN)".into(),
            );
        }
        let api_url = set(var, "SLACK_API_URL").map_or_else(
            || SLACK_API_URL.to_string(),
            |u| u.trim_end_matches('/').to_string(),
        );
        if !(api_url.starts_with("https://") || api_url.starts_with("http://")) {
            return Err(format!(
                "SLACK_API_URL must start with https:// or http://, not {api_url:?}"
            ));
        }
        Ok((Secret::new(bot_token), api_url))
    }

    /// Reads SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET,
    /// SLACK_LISTEN and SLACK_API_URL through `var` (the environment, in
    /// production).
    pub fn from_vars(
        var: impl Fn(&str) -> Option<String>,
        matrix_dir: PathBuf,
        database: PathBuf,
    ) -> Result<SlackConfig, String> {
        let (bot_token, api_url) = SlackConfig::web_api(&var)?;
        let reach = match (
            set(&var, "SLACK_SIGNING_SECRET"),
            set(&var, "SLACK_LISTEN"),
            set(&var, "SLACK_APP_TOKEN"),
        ) {
            (Some(secret), Some(listen), _) => SlackReach::Http {
                signing_secret: Secret::new(secret),
                listen: listen.parse().map_err(|_| {
                    format!("SLACK_LISTEN must be an address and port such as 0.0.0.0:3000, not {listen:?}")
                })?,
            },
            (Some(_), None, _) => {
                return Err("SLACK_SIGNING_SECRET is set but SLACK_LISTEN is not: set the address to serve Slack's requests on (such as 0.0.0.0:3000), or unset the secret to use Socket Mode".into());
            }
            (None, Some(_), _) => {
                return Err("SLACK_LISTEN is set but SLACK_SIGNING_SECRET is not: Slack's requests cannot be checked without it (\"Basic Information\" → \"Signing Secret\")".into());
            }
            (None, None, Some(app)) if app.starts_with("xapp-") => SlackReach::SocketMode {
                app_token: Secret::new(app),
            },
            (None, None, Some(_)) => {
                return Err("SLACK_APP_TOKEN must be the app-level token, which starts with xapp- (\"Basic Information\" → \"App-Level Tokens\", scope connections:write)".into());
            }
            (None, None, None) => {
                return Err("SLACK_APP_TOKEN is not set: Socket Mode needs the app-level token (xapp-…); or set SLACK_SIGNING_SECRET and SLACK_LISTEN to serve the HTTP Events API".into());
            }
        };
        Ok(SlackConfig {
            bot_token,
            reach,
            api_url,
            matrix_dir,
            database,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    fn config(pairs: &'static [(&'static str, &'static str)]) -> Result<SlackConfig, String> {
        SlackConfig::from_vars(vars(pairs), "m".into(), "d".into())
    }

    #[test]
    fn socket_mode_by_default_and_http_with_a_secret_and_an_address() {
        let c = config(&[("SLACK_BOT_TOKEN", "xoxb-1"), ("SLACK_APP_TOKEN", "xapp-2")]).unwrap();
        assert!(matches!(c.reach, SlackReach::SocketMode { .. }));
        assert_eq!(c.api_url, SLACK_API_URL);
        let c = config(&[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", "s3cret"),
            ("SLACK_LISTEN", "127.0.0.1:3000"),
            ("SLACK_API_URL", "http://127.0.0.1:9/api/"),
        ])
        .unwrap();
        assert!(matches!(c.reach, SlackReach::Http { listen, .. } if listen.port() == 3000));
        assert_eq!(c.api_url, "http://127.0.0.1:9/api");
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("xoxb-1") && !shown.contains("s3cret"),
            "{shown}"
        );
    }

    #[test]
    fn bad_settings_say_what_to_fix() {
        let err = |pairs| config(pairs).unwrap_err();
        assert!(err(&[]).starts_with("SLACK_BOT_TOKEN is not set"));
        assert!(err(&[("SLACK_BOT_TOKEN", "xapp-1")]).contains("starts with xoxb-"));
        assert!(err(&[("SLACK_BOT_TOKEN", "xoxb-1")]).starts_with("SLACK_APP_TOKEN is not set"));
        assert!(
            err(&[("SLACK_BOT_TOKEN", "xoxb-1"), ("SLACK_APP_TOKEN", "xoxb-2")])
                .contains("starts with xapp-")
        );
        assert!(
            err(&[("SLACK_BOT_TOKEN", "xoxb-1"), ("SLACK_SIGNING_SECRET", "s")])
                .contains("SLACK_LISTEN is not")
        );
        assert!(
            err(&[
                ("SLACK_BOT_TOKEN", "xoxb-1"),
                ("SLACK_SIGNING_SECRET", "s"),
                ("SLACK_LISTEN", "port 3000")
            ])
            .contains("such as 0.0.0.0:3000")
        );
        assert!(
            err(&[("SLACK_BOT_TOKEN", "xoxb-1"), ("SLACK_API_URL", "slack")])
                .contains("SLACK_API_URL must start")
        );
    }
}
