//! `skillbot slack`: the Slack app.

use super::Failure;
use crate::config::SlackConfig;
use crate::frontends::slack::manifest::{self as slack_manifest, Reach, SCOPES, scope_why};
use crate::i18n::Locale;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// `skillbot slack`: serves Slack until stopped.
pub fn run(matrix_dir: &Path, database: &Path) -> Result<bool, Failure> {
    let config = SlackConfig::from_vars(
        |k| std::env::var(k).ok(),
        matrix_dir.to_path_buf(),
        database.to_path_buf(),
    )
    .map_err(Failure::Usage)?;
    let runtime = super::discord_cmd::runtime()?;
    runtime
        .block_on(async {
            let api = crate::frontends::slack::api::WebApi::new(&config.api_url, &config.bot_token);
            let app = Arc::new(crate::frontends::slack::open_app(&config, &api)?);
            crate::frontends::slack::run(config, app).await
        })
        .map_err(Failure::Bot)?;
    Ok(true)
}

/// Prints the manifest on `out`, and the scopes with why on stderr, so
/// that `skillbot slack manifest > manifest.json` keeps the JSON clean.
pub fn manifest(http_url: Option<String>, out: &mut dyn Write) -> Result<bool, Failure> {
    let reach = match http_url {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => Reach::Http(url),
        Some(url) => {
            return Err(Failure::Usage(format!(
                "--http-url must be the bot's public base URL, such as https://bot.example.org, not {url:?}"
            )));
        }
        None => Reach::SocketMode,
    };
    let text = serde_json::to_string_pretty(&slack_manifest::manifest(&reach))
        .map_err(|e| Failure::Usage(e.to_string()))?;
    writeln!(out, "{text}").map_err(Failure::io("cannot write the manifest"))?;
    let r = Locale::default();
    eprintln!("{}", crate::tr!(r, "slack-manifest-scopes"));
    for scope in SCOPES {
        eprintln!("  {scope}: {}", scope_why(r, scope));
    }
    Ok(true)
}
