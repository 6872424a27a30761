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
    runtime()?
        .block_on(crate::frontends::discord::run(config))
        .map_err(Failure::Bot)?;
    Ok(true)
}

/// The runtime a bot runs on. Blocking work is the database (a writer and
/// READERS readers, so more threads would only wait for a connection) and
/// the odd chart. Each thread the pool adds keeps an allocator arena of its
/// own: tokio's default of 512 let memory grow with every burst.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(crate::store::BLOCKING_THREADS)
        .enable_all()
        .build()
        .map_err(Failure::io("cannot start the async runtime"))
}
