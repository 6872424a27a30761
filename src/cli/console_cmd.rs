//! `skillbot console`: the app on the real database, from a terminal or a pipe.

use super::Failure;
use crate::app::{App, Notifiers, RandomIds, RetryPolicy, Settings};
use crate::clock::Clock;
use crate::config::ConsoleConfig;
use crate::frontends::console::{Session, actor};
use crate::matrix::Catalog;
use crate::store::Db;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

pub fn run(
    matrix_dir: &Path,
    database: &Path,
    clock: Arc<dyn Clock>,
    config: &ConsoleConfig,
) -> Result<bool, Failure> {
    let catalog = Catalog::load_dir(matrix_dir)?;
    let db = Db::open(database)?;
    let app = App::new(
        db,
        catalog,
        Settings {
            matrix_dir: matrix_dir.to_path_buf(),
            clock,
            ids: Arc::new(RandomIds),
            // The console's messages go to the app's inbox.
            notifiers: Notifiers::new(),
            retry: RetryPolicy::default(),
        },
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(app.tidy())?;
    let stdin = std::io::stdin();
    let mut session = Session {
        app: &app,
        runtime: &runtime,
        actor: actor(&config.workspace, &config.name, config.lead),
        out_dir: std::env::current_dir()?,
        prompts: stdin.is_terminal(),
    };
    session.run(&mut stdin.lock(), &mut std::io::stdout().lock())?;
    Ok(true)
}
