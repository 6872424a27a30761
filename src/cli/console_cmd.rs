//! `skillbot console`: the app on the real database, from a terminal or a pipe.

use super::Failure;
use crate::app::{App, RandomIds};
use crate::clock::{Clock, SystemClock};
use crate::frontends::console::{Session, actor};
use crate::matrix::Catalog;
use crate::store::Store;
use std::io::IsTerminal;
use std::path::Path;

pub fn run(
    matrix_dir: &Path,
    database: &Path,
    workspace: &str,
    name: &str,
    lead: bool,
) -> Result<bool, Failure> {
    let catalog = Catalog::load_dir(matrix_dir)?;
    let mut store = Store::open(database)?;
    store.purge_expired_dialogs(SystemClock.now())?;
    let app = App::new(matrix_dir, catalog, Box::new(RandomIds));
    let stdin = std::io::stdin();
    let mut session = Session {
        app: &app,
        store: &mut store,
        clock: &SystemClock,
        actor: actor(workspace, name, lead),
        out_dir: std::env::current_dir()?,
        prompts: stdin.is_terminal(),
    };
    session.run(&mut stdin.lock(), &mut std::io::stdout().lock())?;
    Ok(true)
}
