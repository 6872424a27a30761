//! What a command is: its spec, the parsing of its options and its
//! handler. The router lists them (`app/commands.rs`).

use crate::app::core::{AppError, AppResult, Ctx};
use crate::app::protocol::spec::{CommandSpec, Options};

/// A command's typed arguments, and what it does with them.
pub(crate) trait CommandArgs: Sized {
    const SPEC: CommandSpec;
    /// The arguments from checked options: every value is of its type.
    fn parse(options: &Options<'_>) -> Result<Self, AppError>;
    fn run(self, cx: &mut Ctx<'_>) -> impl Future<Output = AppResult> + Send;
}
