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
    .map_err(Failure::Usage)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Failure::io("cannot start the async runtime"))?;
    runtime
        .block_on(crate::frontends::discord::run(config))
        .map_err(Failure::Bot)?;
    Ok(true)
}
