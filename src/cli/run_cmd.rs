//! `skillbot run`: every front end that is configured, in one process.

use super::Failure;
use crate::config::{DiscordConfig, SlackConfig};
use std::path::Path;
use std::sync::Arc;

pub fn run(matrix_dir: &Path, database: &Path) -> Result<bool, Failure> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let (m, d) = (matrix_dir.to_path_buf(), database.to_path_buf());
    let discord = var("DISCORD_TOKEN")
        .map(|_| DiscordConfig::from_vars(var, m.clone(), d.clone()))
        .transpose()
        .map_err(Failure::Usage)?;
    let slack = var("SLACK_BOT_TOKEN")
        .map(|_| SlackConfig::from_vars(var, m, d))
        .transpose()
        .map_err(Failure::Usage)?;
    if discord.is_none() && slack.is_none() {
        return Err(Failure::Usage(
            "no front end is configured: set DISCORD_TOKEN for Discord, SLACK_BOT_TOKEN (with SLACK_APP_TOKEN, or SLACK_SIGNING_SECRET and SLACK_LISTEN) for Slack, or both (see .env.example)".into(),
        ));
    }
    let runtime = super::discord_cmd::runtime()?;
    runtime
        .block_on(async {
            let api = slack
                .as_ref()
                .map(|c| crate::frontends::slack::api::WebApi::new(&c.api_url, &c.bot_token));
            let app = crate::frontends::together::open_app(
                matrix_dir,
                database,
                discord.as_ref(),
                api.as_ref(),
            )?;
            let stop = crate::shutdown::shutdown_signal();
            crate::frontends::together::run(Arc::new(app), discord, slack, stop).await
        })
        .map_err(Failure::Bot)?;
    Ok(true)
}
