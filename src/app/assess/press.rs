//! A press on an assessment dialog: each step, the save, and what a lead's
//! rating tells the member.

use super::{AssessState, chain, view};
use crate::app::core::dialog::{Input, Press, Stored};
use crate::app::core::{AppError, AppResult, dialog};
use crate::app::protocol::component_id::{DialogAction, view_id};
use crate::app::protocol::markup::TimeStyle;
use crate::app::protocol::{Notice, Recipient, Reply, Said, markup};
use crate::assess::{Dialog, DialogError, Event, Note, Rating, Step, level_name};
use crate::i18n::Locale;
use crate::matrix::{Catalog, Level, Skill, promotion};
use crate::store::{DialogRow, Store};
use crate::team::MemberId;
use crate::{msg, tr};
use view as show;

/// A press on an assessment dialog.
pub fn on_action(
    press: &mut Press<'_>,
    stored: Stored,
    mut state: AssessState,
    input: Input,
) -> AppResult {
    let skill = press
        .catalog
        .get(&state.dialog.skill)
        .ok_or_else(|| AppError::User(msg!("assess-skill-gone", skill = &state.dialog.skill)))?;
    if skill.fingerprint() != stored.row.matrix_hash {
        return Err(AppError::User(msg!(
            "assess-matrix-changed",
            skill = skill.name(),
            slug = skill.slug()
        )));
    }
    let id = view_id(&stored.row.id, stored.row.step);
    let step = state.dialog.step.clone();
    let event = match (input.action, input.form) {
        (DialogAction::Back, _) if state.confirming => {
            state.confirming = false;
            return step_saved(press, &stored, state, skill);
        }
        (DialogAction::Back, _) => {
            state.dialog.back().map_err(dialog_error)?;
            return step_saved(press, &stored, state, skill);
        }
        (DialogAction::ChooseRole, _) => {
            Event::Role(input.values.into_iter().next().unwrap_or_default())
        }
        (DialogAction::Answer(answer), _) => Event::Answer(answer),
        (DialogAction::Note, None) if step == Step::Note => {
            return Ok(show::note_modal(
                press.actor.locale,
                &id,
                state.note_required(skill),
            ));
        }
        (DialogAction::Note, Some(fields)) => {
            let text = fields
                .iter()
                .find(|(k, _)| k == "note")
                .map(|(_, v)| v.as_str());
            let note = Note::new(text.unwrap_or_default())?;
            if note.is_none() && state.note_required(skill) {
                return Err(note_needed(&state));
            }
            Event::Note(note)
        }
        (DialogAction::SkipNote, _) if state.note_required(skill) => {
            return Err(note_needed(&state));
        }
        (DialogAction::SkipNote, _) => Event::Note(None),
        (DialogAction::Save, _) if step == Step::Summary && state.lowers(skill) => {
            state.confirming = true;
            return step_saved(press, &stored, state, skill);
        }
        (DialogAction::Save, _) if step == Step::Summary => {
            return save(press, &stored, &state, skill);
        }
        (DialogAction::SaveLower, _) if step == Step::Summary && state.confirming => {
            return save(press, &stored, &state, skill);
        }
        (DialogAction::Restart, _) => {
            let track = state.by_lead();
            let last = match state.subject {
                Some(member) => last_level(press.store, MemberId(member), skill.slug(), track)?,
                None => None,
            };
            let role = state.dialog.role.clone();
            state.dialog = Dialog::guided(skill, role.as_deref(), last);
            state.confirming = false;
            return step_saved(press, &stored, state, skill);
        }
        _ => return Err(out_of_step()),
    };
    state.dialog.apply(skill, event).map_err(dialog_error)?;
    step_saved(press, &stored, state, skill)
}

/// Saves the dialog's new step and shows it.
pub(super) fn step_saved(
    press: &mut Press<'_>,
    stored: &Stored,
    state: AssessState,
    skill: &Skill,
) -> AppResult {
    dialog::save(press, stored, &state)?;
    Ok(show::view(
        press.actor.locale,
        &view_id(&stored.row.id, stored.row.step + 1),
        &state,
        skill,
    )
    .private()
    .updating())
}

pub(super) fn dialog_error(e: DialogError) -> AppError {
    match e {
        DialogError::OutOfStep => out_of_step(),
        DialogError::RoleNotInSkill { role, skill } => {
            AppError::User(msg!("assess-role-not-in-skill", role = role, skill = skill))
        }
        DialogError::NothingBefore => AppError::User(msg!("assess-nothing-before")),
    }
}

pub(super) fn note_needed(state: &AssessState) -> AppError {
    AppError::User(msg!("assess-note-needed", name = &state.subject_name))
}

/// A member's latest level of one kind in one skill, if rated so.
pub(super) fn last_level(
    store: &Store,
    member: MemberId,
    slug: &str,
    lead: bool,
) -> Result<Option<Level>, AppError> {
    Ok(store
        .latest_in_track(member, slug, lead, None)?
        .and_then(|e| e.level))
}

pub(super) fn out_of_step() -> AppError {
    AppError::User(msg!("assess-out-of-step"))
}

/// The member a rating is saved for: the one the dialog started with, who
/// must still be a member of this workspace, or (for someone who was not a
/// member yet) a new member row.
pub(super) fn subject_at_save(
    press: &mut Press<'_>,
    state: &AssessState,
) -> Result<MemberId, AppError> {
    let Some(id) = state.subject else {
        return Ok(press.store.member(
            press.workspace,
            &state.subject_user,
            &state.subject_name,
            press.now,
        )?);
    };
    match press.store.find_member_by_id(MemberId(id))? {
        Some(m) if m.workspace == press.workspace => Ok(m.id),
        _ => Err(AppError::User(msg!(
            "assess-subject-deleted",
            name = &state.subject_name
        ))),
    }
}

pub(super) fn save(
    press: &mut Press<'_>,
    stored: &Stored,
    state: &AssessState,
    skill: &Skill,
) -> AppResult {
    let subject = subject_at_save(press, state)?;
    let dialog = &state.dialog;
    let role = dialog.role.clone().unwrap_or_default();
    let level = dialog.reached(skill);
    let rating = Rating::new(
        skill,
        &role,
        level,
        state.source,
        dialog.answers.clone(),
        dialog.note.clone(),
    )?;
    let recorded = press.store.record_and_end_dialog(
        &stored.row.id,
        &stored.json,
        subject,
        Some(press.me),
        &rating,
        press.now,
        press.now + chrono::Duration::hours(crate::app::core::DIALOG_LIFETIME_HOURS),
    )?;
    if recorded.is_none() {
        return Err(dialog::changed_meanwhile());
    }
    let at = markup::time(press.now, TimeStyle::DateTime, &state.zone);
    let saved = if state.by_lead() {
        tr!(
            press,
            "assess-saved-for",
            at = at,
            name = &state.subject_name,
            level = level_name(level, skill),
            skill = skill.name(),
            role = &role
        )
    } else {
        tr!(
            press,
            "assess-saved",
            at = at,
            level = level_name(level, skill),
            skill = skill.name(),
            role = &role
        )
    };
    if let Some(chain) = &state.checkin {
        return chain::checkin_saved(press, subject, chain, saved);
    }
    let mut reply = Reply::text(saved).private().updating();
    if state.by_lead() {
        let profile = press.store.member_profile(subject)?;
        let zone = press.store.member_zone(subject)?;
        reply.notices.push(Notice::new(
            Recipient::Member {
                user_id: profile.external_id,
                name: profile.display_name,
            },
            rated_message(press, skill, &role, level, dialog, &zone),
        ));
    }
    Ok(reply)
}

/// The direct message a member gets when a lead rates them: the level, the
/// lead's note, and what the next level asks of their role.
pub(super) fn rated_message(
    press: &Press<'_>,
    skill: &Skill,
    role: &str,
    level: Option<Level>,
    dialog: &Dialog,
    zone: &str,
) -> Said {
    let mut said = Said::line(msg!(
        "rated-by-lead",
        lead = &press.actor.display_name,
        skill = skill.name(),
        level = level_name(level, skill),
        role = role,
        at = markup::time(press.now, TimeStyle::DateTime, zone)
    ));
    if let Some(note) = &dialog.note {
        said = said.then(msg!("rated-note", note = note.as_str().trim()));
    }
    let next = match level {
        Some(l) => promotion(skill, l, Some(role)).map(|p| {
            (
                p.to,
                p.steps.into_iter().map(|s| s.next).collect::<Vec<_>>(),
            )
        }),
        None => skill
            .levels()
            .first()
            .map(|&first| (first, skill.expectation(first, role).into_iter().collect())),
    };
    match next {
        Some((to, expectations)) if !expectations.is_empty() => {
            said = said.then(msg!("rated-next-expects", level = to.msg()));
            for e in expectations {
                said = said.then(msg!(
                    "rated-next-item",
                    required = crate::app::core::views::required_word(e.required),
                    text = &e.description
                ));
            }
        }
        _ => said = said.then(msg!("rated-top-level")),
    }
    said.then(msg!("rated-see-history"))
}

/// The dialog's current step, with its buttons: for a front end that lost
/// its message, or a message that was a step behind. `None` when it cannot
/// go on (its skill changed or left the matrix).
pub fn current_view(
    r: Locale,
    catalog: &Catalog,
    row: &DialogRow,
    state: &AssessState,
) -> Option<Reply> {
    let skill = catalog.get(&state.dialog.skill)?;
    (skill.fingerprint() == row.matrix_hash)
        .then(|| show::view(r, &view_id(&row.id, row.step), state, skill))
}

/// Save pressed again on a dialog that was saved (the confirmation may
/// not have reached the member): the save is confirmed, nothing changes.
pub fn already_saved(
    press: &Press<'_>,
    state: &AssessState,
    (at, assessment): (chrono::DateTime<chrono::Utc>, i64),
) -> AppResult {
    let entry = press.store.assessment(assessment)?;
    let skill = press.catalog.get(&state.dialog.skill);
    let level = match (&entry, skill) {
        (Some(e), Some(s)) => level_name(e.level, s),
        (Some(e), None) => e.level.map_or(msg!("level-below-first"), Level::msg),
        (None, _) => msg!("level-deleted"),
    };
    let at = markup::time(at, TimeStyle::DateTime, &state.zone);
    let skill_name = skill.map_or(state.dialog.skill.as_str(), |s| s.name());
    let text = if state.by_lead() {
        tr!(
            press,
            "assess-already-saved-for",
            at = at,
            name = &state.subject_name,
            level = level,
            skill = skill_name
        )
    } else {
        tr!(
            press,
            "assess-already-saved",
            at = at,
            level = level,
            skill = skill_name
        )
    };
    Ok(Reply::text(text).private().updating())
}
