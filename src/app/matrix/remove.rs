//! /matrix remove: a skill this server imported, taken away after a
//! confirmation.

use crate::app::core::dialog::{Input, Press, Stored};
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx, dialog};
use crate::app::protocol::Reply;
use crate::app::protocol::component_id::DialogAction;
use crate::app::protocol::reply::Style;
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, SkillName};
use crate::i18n::Locale;
use crate::{msg, tr};
use serde::{Deserialize, Serialize};

pub(super) const REMOVE_SKILL: Opt<SkillName> = Opt::required("skill");
pub(super) const REMOVE_OPTIONS: &[OptionSpec] = &[REMOVE_SKILL.spec()];

/// /matrix remove: a skill this server imported, after a confirmation.
pub struct Remove {
    skill: String,
}

/// A workspace's own skill, waiting for "Remove".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoveState {
    pub slug: String,
    pub name: String,
    /// The targets set in the skill, which go with it.
    #[serde(default)]
    pub targets: usize,
}

impl CommandArgs for Remove {
    const SPEC: CommandSpec = CommandSpec::new("matrix remove")
        .options(REMOVE_OPTIONS)
        .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Remove {
            skill: o.need(&REMOVE_SKILL)?.0,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let catalog = cx.catalog.clone();
        let skill = catalog.find_skill(&self.skill)?;
        if !catalog.is_local(skill.slug()) {
            return Err(AppError::User(msg!(
                "remove-shared-skill",
                skill = catalog.label(skill)
            )));
        }
        let slug = skill.slug().to_string();
        let targets = match cx.known_workspace() {
            Some(w) => {
                let slug = slug.clone();
                cx.read(move |s| s.targets(w))
                    .await?
                    .iter()
                    .filter(|t| t.skill == slug)
                    .count()
            }
            None => 0,
        };
        let state = RemoveState {
            slug,
            name: skill.name().to_string(),
            targets,
        };
        let id = dialog::start(cx, "@matrix-remove", skill.fingerprint(), &state).await?;
        Ok(remove_view(cx.actor.locale, &id, &state))
    }
}

/// The question before a removal, with Remove and Cancel.
pub fn remove_view(r: Locale, id: &str, state: &RemoveState) -> Reply {
    let question = Reply::titled(
        tr!(r, "remove-title", skill = &state.name),
        tr!(
            r,
            "remove-question",
            skill = &state.name,
            slug = &state.slug,
            targets = state.targets
        ),
    );
    dialog::confirm_or_cancel(r, question, id, tr!(r, "button-remove"), Style::Danger).private()
}

/// "Remove" on the question.
pub fn on_remove(
    press: &mut Press<'_>,
    stored: Stored,
    state: RemoveState,
    input: Input,
) -> AppResult {
    if input.action != DialogAction::Confirm {
        return Err(AppError::User(msg!("remove-confirm-or-cancel")));
    }
    let removed =
        press
            .store
            .remove_workspace_skill(press.workspace, &state.slug, &stored.row.id)?;
    press.skills_changed = true;
    let text = match removed {
        Some(targets) => tr!(
            press,
            "remove-done",
            skill = &state.name,
            slug = &state.slug,
            targets = targets
        ),
        None => tr!(press, "remove-already", slug = &state.slug),
    };
    Ok(Reply::text(text).private().updating())
}

impl dialog::DialogKind for RemoveState {
    const KIND: &'static str = "matrix_remove";

    fn lead_only(&self) -> Option<&'static str> {
        Some("matrix remove")
    }

    fn has_steps(&self) -> bool {
        false
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        tr!(press, "cancelled-remove")
    }

    fn current(&self, at: &dialog::Showing<'_>) -> Result<Option<Reply>, AppError> {
        Ok(Some(remove_view(at.locale, &at.row.id, self)))
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        on_remove(press, stored, self, input)
    }
}
