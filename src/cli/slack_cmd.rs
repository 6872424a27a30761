//! `skillbot slack`: the Slack app.

use super::Failure;
use crate::frontends::slack::manifest::{self as slack_manifest, Reach, SCOPES, scope_why};
use crate::i18n::Locale;
use std::io::Write;

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
