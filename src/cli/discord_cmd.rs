//! `skillbot discord`: the chat bot.

use super::Failure;
use crate::config::DiscordConfig;
use std::path::Path;

pub fn run(matrix_dir: &Path, database: &Path) -> Result<bool, Failure> {
    let config = DiscordConfig::from_vars(
        |k| std::env::var(k).ok(),
        matrix_dir.to_path_buf(),
        database.to_path_buf(),
    )
    .map_err(Failure)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure(format!("cannot start the async runtime: {e}")))?;
    runtime
        .block_on(crate::frontends::discord::run(config))
        .map_err(|e| Failure(format!("{e:#}")))?;
    Ok(true)
}
