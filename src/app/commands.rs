//! Every command of the app, listed once. Each is a struct in its own
//! module with its spec, the parsing of its options and its handler
//! (`CommandArgs`); this list makes of them the `Command` enum, the spec
//! list the console and the chat platforms register from, the parsing of a
//! request, and the dispatch, which the compiler checks is exhaustive.
//!
//! A new command: a struct implementing `CommandArgs` in the module of its
//! topic, and one line below.

use super::spec::{CommandSpec, Options};
use super::{AppError, AppResult, Ctx, Value};
use super::{assess, checkin, history, matrix, privacy, profile, skill, targets, team};

/// A command's typed arguments, and what it does with them.
pub(crate) trait CommandArgs: Sized {
    const SPEC: CommandSpec;
    /// The arguments from checked options: every value is of its type.
    fn parse(options: &Options<'_>) -> Result<Self, AppError>;
    fn run(self, cx: &mut Ctx<'_>) -> impl Future<Output = AppResult> + Send;
}

macro_rules! commands {
    ($($variant:ident($args:ty),)*) => {
        /// A command as parsed from a request.
        pub(crate) enum Command {
            $($variant($args),)*
        }

        /// Every command's spec, in the order they are listed and registered.
        pub const COMMANDS: &[&CommandSpec] = &[$(&<$args as CommandArgs>::SPEC,)*];

        impl Command {
            /// The command named `name` with these options; `None` for a
            /// name no command has.
            pub(crate) fn parse(
                name: &str,
                values: &[(String, Value)],
            ) -> Result<Option<Command>, AppError> {
                $(
                    if name == <$args as CommandArgs>::SPEC.name {
                        let options = Options::new(&<$args as CommandArgs>::SPEC, values)?;
                        return Ok(Some(Command::$variant(<$args>::parse(&options)?)));
                    }
                )*
                Ok(None)
            }

            pub(crate) fn spec(&self) -> &'static CommandSpec {
                match self {
                    $(Command::$variant(_) => &<$args as CommandArgs>::SPEC,)*
                }
            }

            pub(crate) async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
                match self {
                    $(Command::$variant(args) => args.run(cx).await,)*
                }
            }
        }
    };
}

commands! {
    Skill(skill::Skill),
    Skills(skill::Skills),
    Profile(profile::Profile),
    Assess(assess::Assess),
    History(history::History),
    MatrixList(matrix::List),
    MatrixImport(matrix::Import),
    MatrixReload(matrix::Reload),
    MatrixRemove(matrix::Remove),
    TeamSummary(team::summary::Summary),
    TeamGaps(team::gaps::Gaps),
    TeamTrend(team::trend::TrendCmd),
    TeamExport(team::trend::Export),
    TargetsSet(targets::Set),
    TargetsRemove(targets::Remove),
    TargetsList(targets::List),
    TargetsImport(targets::Import),
    ConfigLeadRole(profile::LeadRole),
    ConfigStaleAfter(targets::StaleAfter),
    CheckinMe(checkin::commands::Me),
    CheckinSnooze(checkin::commands::Snooze),
    CheckinStatus(checkin::status::Status),
    CheckinSchedule(checkin::settings::SetSchedule),
    CheckinGrace(checkin::settings::SetGrace),
    CheckinSkills(checkin::settings::SetSkills),
    CheckinDigestChannel(checkin::settings::DigestChannel),
    CheckinReminder(checkin::settings::SetReminder),
    CheckinPause(checkin::settings::Pause),
    CheckinResume(checkin::settings::Resume),
    PrivacyExport(privacy::Export),
    PrivacyDelete(privacy::Delete),
}

/// The groups of subcommands ("matrix list", "matrix import"), for
/// platforms that register a group as one command; each one's description
/// is the catalog's `cmd-<group>`.
pub const GROUPS: &[&str] = &["matrix", "team", "targets", "config", "checkin", "privacy"];
