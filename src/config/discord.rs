//! The Discord bot's settings.

use super::Secret;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct DiscordConfig {
    pub token: Secret,
    /// Register the commands on this server only (at once) rather than
    /// globally (which Discord takes up to an hour to show).
    pub guild_id: Option<u64>,
    /// Another API host, such as a local fake Discord for tests.
    pub api_base: Option<String>,
    pub matrix_dir: PathBuf,
    pub database: PathBuf,
}

impl DiscordConfig {
    /// Reads DISCORD_TOKEN, DISCORD_GUILD_ID and DISCORD_API_BASE through
    /// `var` (the environment, in production).
    pub fn from_vars(
        var: impl Fn(&str) -> Option<String>,
        matrix_dir: PathBuf,
        database: PathBuf,
    ) -> Result<DiscordConfig, String> {
        let token = var("DISCORD_TOKEN")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or("DISCORD_TOKEN is not set: put the bot token in the environment or in .env (see .env.example)")?;
        let guild_id = match var("DISCORD_GUILD_ID").filter(|g| !g.trim().is_empty()) {
            None => None,
            Some(g) => Some(g.trim().parse::<u64>().map_err(|_| {
                format!("DISCORD_GUILD_ID must be a server id (a number), not {g:?}")
            })?),
        };
        let api_base = var("DISCORD_API_BASE")
            .map(|b| b.trim().trim_end_matches('/').to_string())
            .filter(|b| !b.is_empty());
        if let Some(base) = &api_base
            && !(base.starts_with("http://") || base.starts_with("https://"))
        {
            return Err(format!(
                "DISCORD_API_BASE must start with http:// or https://, not {base:?}"
            ));
        }
        Ok(DiscordConfig {
            token: Secret::new(token),
            guild_id,
            api_base,
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

    #[test]
    fn the_token_never_prints() {
        let c = DiscordConfig::from_vars(
            vars(&[("DISCORD_TOKEN", "abc.def.ghi")]),
            "m".into(),
            "d".into(),
        )
        .unwrap();
        assert!(!format!("{c:?}").contains("abc.def.ghi"));
        assert_eq!(c.token.expose(), "abc.def.ghi");
    }

    #[test]
    fn bad_settings_say_what_to_fix() {
        let err = DiscordConfig::from_vars(vars(&[]), "m".into(), "d".into()).unwrap_err();
        assert!(err.starts_with("DISCORD_TOKEN is not set"));
        let err = DiscordConfig::from_vars(
            vars(&[("DISCORD_TOKEN", "t"), ("DISCORD_GUILD_ID", "my server")]),
            "m".into(),
            "d".into(),
        )
        .unwrap_err();
        assert!(err.contains("must be a server id"));
        let c = DiscordConfig::from_vars(
            vars(&[
                ("DISCORD_TOKEN", "t"),
                ("DISCORD_GUILD_ID", "42"),
                ("DISCORD_API_BASE", "http://127.0.0.1:9/"),
            ]),
            "m".into(),
            "d".into(),
        )
        .unwrap();
        assert_eq!(
            (c.guild_id, c.api_base.as_deref()),
            (Some(42), Some("http://127.0.0.1:9"))
        );
    }
}
