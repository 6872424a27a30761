//! /targets import: targets for many roles and skills at once, read from a
//! CSV and saved after a confirmation.

use super::checked;
use crate::app::core::dialog::{Input, Press, Stored};
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx, dialog};
use crate::app::protocol::Reply;
use crate::app::protocol::component_id::DialogAction;
use crate::app::protocol::reply::Style;
use crate::app::protocol::request::Upload;
use crate::app::protocol::spec::{CommandSpec, Document, Opt, OptionSpec, Options};
use crate::i18n::Locale;
use crate::matrix::{Catalog, Level, find_level};
use crate::store::Target;
use crate::{msg, tr};
use serde::{Deserialize, Serialize};

pub(super) const FILE: Opt<Upload> = Opt::optional("file");
pub(super) const TEXT: Opt<Document> = Opt::optional("text");
pub(super) const IMPORT_OPTIONS: &[OptionSpec] = &[FILE.spec(), TEXT.spec()];

pub struct Import {
    file: Option<Upload>,
    text: Option<String>,
}

/// Targets read from a CSV, waiting for "Confirm".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportState {
    /// Role, skill slug and level rank.
    pub targets: Vec<(String, String, u8)>,
}

/// The most lines a targets CSV may have.
pub(super) const MOST_LINES: usize = 2_000;

impl CommandArgs for Import {
    const SPEC: CommandSpec = CommandSpec::new("targets import")
        .options(IMPORT_OPTIONS)
        .for_leads()
        .slow();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Import {
            file: o.get(&FILE)?,
            text: o.get(&TEXT)?.map(|d| d.0),
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let text = match (self.file, self.text) {
            (Some(file), None) => String::from_utf8(file.bytes)
                .map_err(|_| AppError::User(msg!("targets-not-text", file = &file.name)))?,
            (None, Some(text)) => text,
            _ => {
                return Err(AppError::User(msg!("targets-csv-none")));
            }
        };
        let targets = parse_csv(&cx.catalog, &text)?;
        let preview = preview(cx.actor.locale, &cx.catalog, &targets);
        let state = ImportState {
            targets: targets
                .iter()
                .map(|(r, s, l)| (r.clone(), s.clone(), l.rank()))
                .collect(),
        };
        let id = dialog::start(cx, "@targets", "", &state).await?;
        let question = Reply::titled(tr!(cx, "targets-import-title"), preview);
        Ok(dialog::confirm_or_cancel(
            cx.actor.locale,
            question,
            &id,
            tr!(cx, "button-confirm"),
            Style::Success,
        )
        .private())
    }
}

/// The separator of a CSV as spreadsheets write it: a comma, or the
/// semicolon of German and French ones, or a tab, whichever its first line
/// has (and the comma when it has none).
pub(super) fn separator_of(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let count = |c: char| first.matches(c).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&b| (count(char::from(b)), b == b','))
        .unwrap_or(b',')
}

/// Lines of role, skill, level (a header line is skipped), each checked;
/// every bad line is named, with its number, and nothing is taken.
pub(super) fn parse_csv(
    catalog: &Catalog,
    text: &str,
) -> Result<Vec<(String, String, Level)>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator_of(text))
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut targets: Vec<(String, String, Level)> = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i >= MOST_LINES {
            return Err(AppError::User(msg!(
                "targets-csv-too-long",
                most = MOST_LINES
            )));
        }
        // The line of the file where the record starts: a quoted cell may
        // hold line breaks, so records and lines need not agree.
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(i as u64 + 1, csv::Position::line);
                problems.push(msg!(
                    "targets-csv-line",
                    line = line,
                    problem = e.to_string()
                ));
                continue;
            }
        };
        let line = record.position().map_or(i as u64 + 1, csv::Position::line);
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if line == 1
            && cells
                .first()
                .is_some_and(|c| c.eq_ignore_ascii_case("role"))
        {
            continue;
        }
        let [role, skill, level] = cells.as_slice() else {
            problems.push(msg!(
                "targets-csv-line",
                line = line,
                problem = msg!("targets-csv-cells", count = cells.len())
            ));
            continue;
        };
        let result = find_level(level)
            .map_err(AppError::from)
            .and_then(|l| checked(catalog, role, skill, Some(l)));
        match result {
            Ok((role, slug, Some(level))) => {
                targets.retain(|(r, s, _)| !(r == &role && s == &slug));
                targets.push((role, slug, level));
            }
            Ok(_) => {}
            Err(e) => problems.push(msg!("targets-csv-line", line = line, problem = e.message())),
        }
    }
    if !problems.is_empty() {
        let count = problems.len();
        problems.truncate(10);
        return Err(AppError::User(msg!(
            "targets-csv-faults",
            count = count,
            lines = crate::i18n::lines(problems)
        )));
    }
    if targets.is_empty() {
        return Err(AppError::User(msg!("targets-csv-empty")));
    }
    Ok(targets)
}

pub(super) fn preview(r: Locale, catalog: &Catalog, targets: &[(String, String, Level)]) -> String {
    let lines: Vec<String> = targets
        .iter()
        .take(30)
        .map(|(role, slug, level)| {
            let name = catalog.get(slug).map_or(slug.as_str(), |s| s.name());
            tr!(
                r,
                "targets-preview-line",
                role = role,
                skill = name,
                level = level.msg()
            )
        })
        .collect();
    let more = targets.len().saturating_sub(30);
    let mut text = tr!(r, "targets-preview", count = targets.len());
    text.push('\n');
    text.push_str(&lines.join("\n"));
    if more > 0 {
        text.push('\n');
        text.push_str(&tr!(r, "targets-preview-more", count = more));
    }
    text
}

/// "Confirm" on an import preview.
pub fn on_import(
    press: &mut Press<'_>,
    stored: Stored,
    state: ImportState,
    input: Input,
) -> AppResult {
    if input.action != DialogAction::Confirm {
        return Err(AppError::User(msg!("import-confirm-or-cancel")));
    }
    // The matrix may have changed since the preview (a skill removed, a
    // role gone from it): every target is checked again, and one that no
    // longer fits stops the whole import.
    let mut targets = Vec::new();
    let mut gone = Vec::new();
    for (role, skill, rank) in &state.targets {
        let level = Level::from_rank(*rank);
        match checked(press.catalog, role, skill, level) {
            Ok((role, skill, Some(level))) => targets.push(Target { role, skill, level }),
            Ok(_) => gone.push(msg!(
                "targets-gone-line",
                role = role,
                skill = skill,
                problem = msg!("targets-no-such-level")
            )),
            Err(e) => gone.push(msg!(
                "targets-gone-line",
                role = role,
                skill = skill,
                problem = e.message()
            )),
        }
    }
    if !gone.is_empty() {
        press.store.end_dialog(&stored.row.id)?;
        return Err(AppError::User(msg!(
            "targets-matrix-changed",
            lines = crate::i18n::lines(gone)
        )));
    }
    press
        .store
        .set_targets(press.workspace, &targets, Some(press.me), press.now)?;
    press.store.end_dialog(&stored.row.id)?;
    Ok(
        Reply::text(tr!(press, "targets-imported", count = targets.len()))
            .private()
            .updating(),
    )
}

impl dialog::DialogKind for ImportState {
    const KIND: &'static str = "targets_import";

    fn lead_only(&self) -> Option<&'static str> {
        Some("targets import")
    }

    fn has_steps(&self) -> bool {
        false
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        tr!(press, "cancelled-targets")
    }

    /// Offered again by running the command again.
    fn current(&self, _: &dialog::Showing<'_>) -> Result<Option<Reply>, AppError> {
        Ok(None)
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        on_import(press, stored, self, input)
    }
}
