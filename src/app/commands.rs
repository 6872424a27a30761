//! Every command of the app, listed once. Each is a struct in its own
//! module with its spec, the parsing of its options and its handler
//! (`CommandArgs`); this list makes of them the `Command` enum, the spec
//! list the console and the chat platforms register from, the parsing of a
//! request, and the dispatch, which the compiler checks is exhaustive.
//!
//! A new command: a struct implementing `CommandArgs` in the module of its
//! topic, and one line below.

use super::core::{AppError, AppResult, CommandArgs, Ctx};
use super::protocol::Value;
use super::protocol::spec::{CommandSpec, Options};
use super::{assess, checkin, history, matrix, privacy, profile, skill, targets, team};

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

/// The command named `name` ("matrix list" for a subcommand).
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().copied().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    /// Every command, option and group has its description in every
    /// locale, and the catalog describes nothing else.
    #[test]
    fn every_command_and_option_is_described_and_nothing_else() {
        for locale in Locale::ALL {
            let mut wanted: Vec<String> = GROUPS.iter().map(|g| format!("cmd-{g}")).collect();
            for c in COMMANDS {
                wanted.push(c.message_id());
                wanted.extend(c.options.iter().map(|o| c.option_message_id(o)));
            }
            for id in &wanted {
                assert!(crate::i18n::has(locale, id), "{} lacks {id}", locale.code());
            }
            let described: Vec<String> = crate::i18n::tests::all_ids(locale)
                .into_iter()
                .filter(|id| id.starts_with("cmd-"))
                .collect();
            for id in described {
                assert!(wanted.contains(&id), "{id} describes no command");
            }
        }
    }
}
