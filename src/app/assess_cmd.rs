//! /assess: the guided self-assessment, a lead's rating, or a level
//! recorded directly; and every button press of those dialogs.

use super::component_id::ComponentId;
use super::dialog_state::{self, DialogState};
use super::render::expectation_text;
use super::reply::{Choice, Modal, ModalField, Select, Style};
use super::spec::Options;
use super::{AppError, AppResult, Ctx, Reply, lead_only, matrix_cmd, privacy_cmd};
use crate::assess::{
    Answer, Dialog, Event, MAX_NOTE_CHARS, Mode, Note, Rating, Source, Step, level_name,
};
use crate::matrix::{Skill, find_skill_level, find_skill_role, promotion};
use crate::store::{DialogRow, MemberId};

/// Discord shows at most 25 options in a select menu.
const ROLES_PER_PAGE: usize = 25;

/// What a press or a submitted form brought.
pub struct Input<'a> {
    pub action: &'a str,
    pub values: &'a [String],
    pub fields: &'a [(String, String)],
    pub modal: bool,
}

pub fn start(cx: &mut Ctx<'_>, o: &Options<'_>) -> AppResult {
    let catalog = cx.catalog.clone();
    let skill = catalog.find_skill(o.text("skill").unwrap_or_default())?;
    let me = cx.member()?;
    let (subject, subject_user, subject_name, source) = match o.user("member") {
        Some(user) if user.id != cx.actor.user_id => {
            if !cx.is_lead()? {
                return Err(lead_only("assess member:"));
            }
            check_member_name(&user.display_name)?;
            // No member row before Save: a dialog left unfinished leaves
            // nothing behind.
            let found = cx.store.find_member(cx.workspace, &user.id)?;
            (
                found.map(|m| m.id),
                user.id,
                user.display_name,
                Source::Lead,
            )
        }
        _ => (
            Some(me),
            cx.actor.user_id.clone(),
            cx.actor.display_name.clone(),
            Source::SelfRated,
        ),
    };
    let profile_role = match subject {
        Some(id) => cx.store.member_profile(id)?.role,
        None => None,
    };
    let role = match o.text("role") {
        Some(input) => Some(find_skill_role(skill, input)?),
        None => profile_role
            .as_deref()
            .filter(|r| skill.roles().iter().any(|x| x == r)),
    };
    let dialog = match o.text("level") {
        Some(input) => Dialog::direct(skill, role, Some(find_skill_level(skill, input)?)),
        None => {
            let last = match subject {
                Some(id) => cx
                    .store
                    .latest_levels(id)?
                    .into_iter()
                    .find(|c| c.skill == skill.slug())
                    .and_then(|c| c.level),
                None => None,
            };
            Dialog::guided(skill, role, last)
        }
    };
    let key = if source == Source::SelfRated {
        skill.slug().to_string()
    } else {
        format!("{}@{subject_user}", skill.slug())
    };
    if o.text("level").is_none()
        && let Some(reply) = go_on(cx, me, &key, skill, role)?
    {
        return Ok(reply);
    }
    let state = DialogState::Assess {
        subject: subject.map(|m| m.0),
        subject_user,
        subject_name,
        source,
        dialog,
    };
    let id = dialog_state::start(cx, &key, skill.fingerprint(), &state)?;
    Ok(view(&id, &state, skill, 0).private())
}

/// The unfinished guided dialog of this key, shown where it was left with
/// a way to start over, rather than thrown away by a new one.
fn go_on(
    cx: &mut Ctx<'_>,
    me: MemberId,
    key: &str,
    skill: &Skill,
    role: Option<&str>,
) -> Result<Option<Reply>, AppError> {
    let Some(row) = cx.store.dialog_by_key(me, key, cx.now)? else {
        return Ok(None);
    };
    let Ok(state @ DialogState::Assess { .. }) = serde_json::from_str::<DialogState>(&row.state)
    else {
        return Ok(None);
    };
    let DialogState::Assess { dialog, .. } = &state else {
        return Ok(None);
    };
    let same_role = role.is_none_or(|r| dialog.role.as_deref() == Some(r));
    if row.matrix_hash != skill.fingerprint()
        || !matches!(dialog.mode, Mode::Guided { .. })
        || dialog.answers.is_empty()
        || !same_role
    {
        return Ok(None);
    }
    let mut reply = view(&row.id, &state, skill, 0);
    reply.text = format!(
        "You have an unfinished assessment of {} ({} so far); it goes on where you left it.\n\n{}",
        skill.name(),
        super::count(dialog.answers.len(), "answer"),
        reply.text
    );
    Ok(Some(
        reply
            .button(
                ComponentId::dialog(&row.id, "restart"),
                "Start over",
                Style::Secondary,
            )
            .private(),
    ))
}

/// A press on any stored dialog.
pub fn step(cx: &mut Ctx<'_>, id: &str, input: Input<'_>) -> AppResult {
    let (row, state) = dialog_state::load(cx, id)?;
    if input.action == "cancel" {
        cx.store.end_dialog(id)?;
        return Ok(Reply::text("Cancelled. Nothing was saved.")
            .private()
            .updating());
    }
    match state {
        DialogState::Assess { .. } => assess_step(cx, row, state, input),
        DialogState::MatrixImport { slug, toml, .. } => {
            matrix_cmd::confirm(cx, &row, &slug, &toml, input.action)
        }
        DialogState::PrivacyDelete => privacy_cmd::confirm_delete(cx, &row, input.action),
    }
}

fn assess_step(
    cx: &mut Ctx<'_>,
    row: DialogRow,
    mut state: DialogState,
    input: Input<'_>,
) -> AppResult {
    let catalog = cx.catalog.clone();
    let DialogState::Assess {
        dialog, subject, ..
    } = &mut state
    else {
        return Err(AppError::Internal("not an assessment".into()));
    };
    let subject = *subject;
    let skill = catalog.get(&dialog.skill).ok_or_else(|| {
        AppError::User(format!(
            "{} is no longer in the matrix, so this dialog cannot go on.",
            dialog.skill
        ))
    })?;
    if skill.fingerprint() != row.matrix_hash {
        return Err(AppError::User(format!(
            "The {} matrix changed since this dialog started, so its questions may no longer fit. \
             Start again with /assess {}.",
            skill.name(),
            skill.slug()
        )));
    }
    let event = match (input.action, input.modal) {
        ("role", _) => Event::Role(input.values.first().cloned().unwrap_or_default()),
        (page, _) if page.starts_with("roles:") => {
            let n = page["roles:".len()..].parse().unwrap_or(0);
            return Ok(view(&row.id, &state, skill, n).private().updating());
        }
        ("yes", _) => Event::Answer(Answer::Yes),
        ("partly", _) => Event::Answer(Answer::Partly),
        ("no", _) => Event::Answer(Answer::No),
        ("note", false) if dialog.step == Step::Note => return Ok(note_modal(&row.id)),
        ("note", true) => {
            let text = input
                .fields
                .iter()
                .find(|(k, _)| k == "note")
                .map(|(_, v)| v.as_str());
            Event::Note(Note::new(text.unwrap_or_default())?)
        }
        ("skipnote", _) => Event::Note(None),
        ("restart", _) => {
            let last = match subject {
                Some(id) => cx
                    .store
                    .latest_levels(MemberId(id))?
                    .into_iter()
                    .find(|c| c.skill == skill.slug())
                    .and_then(|c| c.level),
                None => None,
            };
            let fresh = Dialog::guided(skill, dialog.role.as_deref(), last);
            *dialog = fresh;
            dialog_state::save(cx, &row.id, &state)?;
            return Ok(view(&row.id, &state, skill, 0).private().updating());
        }
        ("save", _) if dialog.step == Step::Summary => return save(cx, &row, &state, skill),
        _ => return Err(out_of_step()),
    };
    dialog.apply(skill, event).map_err(|e| match e {
        crate::assess::DialogError::OutOfStep => out_of_step(),
        other => AppError::User(super::sentence(&other.to_string())),
    })?;
    dialog_state::save(cx, &row.id, &state)?;
    Ok(view(&row.id, &state, skill, 0).private().updating())
}

fn out_of_step() -> AppError {
    AppError::User("That button belongs to an earlier step of this dialog; use the buttons of its latest message.".into())
}

/// A name given for a member (`member:` in the console, where it is typed):
/// one line of text of a sensible length.
fn check_member_name(name: &str) -> Result<(), AppError> {
    let bad = name.trim().is_empty()
        || name.chars().any(char::is_control)
        || name.chars().count() > super::MAX_NAME_CHARS;
    if bad {
        return Err(AppError::User(format!(
            "Name a member of this server with member: (a name of 1 to {} characters on one line), \
             e.g. /assess serverless member:alice.",
            super::MAX_NAME_CHARS
        )));
    }
    Ok(())
}

/// The member a rating is saved for: the one the dialog started with, who
/// must still be a member of this workspace, or (for someone who was not a
/// member yet) a new member row.
fn subject_at_save(
    cx: &mut Ctx<'_>,
    subject: Option<i64>,
    subject_user: &str,
    subject_name: &str,
) -> Result<MemberId, AppError> {
    let Some(id) = subject else {
        return Ok(cx
            .store
            .member(cx.workspace, subject_user, subject_name, cx.now)?);
    };
    match cx.store.find_member_by_id(MemberId(id))? {
        Some(m) if m.workspace == cx.workspace => Ok(m.id),
        _ => Err(AppError::User(format!(
            "{subject_name}'s data was deleted from this server while this dialog was open, so \
             nothing was saved. To rate them again, start over with /assess."
        ))),
    }
}

fn save(cx: &mut Ctx<'_>, row: &DialogRow, state: &DialogState, skill: &Skill) -> AppResult {
    let DialogState::Assess {
        subject,
        subject_user,
        subject_name,
        source,
        dialog,
    } = state
    else {
        return Err(AppError::Internal("not an assessment".into()));
    };
    let subject = subject_at_save(cx, *subject, subject_user, subject_name)?;
    let role = dialog.role.as_deref().unwrap_or_default();
    let level = dialog.reached(skill);
    let rating = Rating::new(
        skill,
        role,
        level,
        *source,
        dialog.answers.clone(),
        dialog.note.clone(),
    )?;
    let me = cx.member()?;
    cx.store
        .record_and_end_dialog(&row.id, subject, Some(me), &rating, cx.now)?;
    let who = if *source == Source::Lead {
        subject_name.clone()
    } else {
        "You".into()
    };
    let verb = if *source == Source::Lead { "is" } else { "are" };
    let mut reply = Reply::text(format!(
        "Saved on {}: {who} {verb} {} in {} (as {role}).",
        cx.now.date_naive(),
        level_name(level, skill),
        skill.name()
    ))
    .private()
    .updating();
    if *source == Source::Lead {
        // The member hears of a lead's rating from the bot, privately.
        let subject = cx.store.member_profile(subject)?;
        reply.notices.push(super::Notice {
            user_id: subject.external_id,
            text: format!(
                "{} recorded your level in {}: {} (as {role}). See /history.",
                cx.actor.display_name,
                skill.name(),
                level_name(level, skill)
            ),
        });
    }
    Ok(reply)
}

fn note_modal(id: &str) -> Reply {
    Reply {
        modal: Some(Modal {
            id: ComponentId::dialog(id, "note"),
            title: "Evidence (optional)".into(),
            fields: vec![ModalField {
                id: "note".into(),
                label: "What shows it? A link, a project, an example".into(),
                required: false,
                max_chars: MAX_NOTE_CHARS,
                placeholder: "e.g. Moved the billing jobs to Lambda with provisioned concurrency"
                    .into(),
            }],
        }),
        private: true,
        ..Reply::default()
    }
}

/// The message for the dialog's current step.
pub fn view(id: &str, state: &DialogState, skill: &Skill, page: usize) -> Reply {
    let DialogState::Assess {
        subject_name,
        source,
        dialog,
        ..
    } = state
    else {
        return Reply::text("");
    };
    let lead = *source == Source::Lead;
    let cancel = |r: Reply| r.button(ComponentId::dialog(id, "cancel"), "Cancel", Style::Danger);
    match &dialog.step {
        Step::ChooseRole => {
            let roles = skill.roles();
            let pages = roles.len().div_ceil(ROLES_PER_PAGE).max(1);
            let page = page.min(pages - 1);
            let who = if lead {
                format!("should {subject_name} be")
            } else {
                "are you".into()
            };
            let mut reply = Reply::titled(
                format!("{}: choose a role", skill.name()),
                format!("Which role {who} assessed as?"),
            );
            reply.select = Some(Select {
                id: ComponentId::dialog(id, "role"),
                placeholder: format!("Role (page {} of {pages})", page + 1),
                options: roles
                    .iter()
                    .skip(page * ROLES_PER_PAGE)
                    .take(ROLES_PER_PAGE)
                    .map(|r| Choice {
                        value: r.clone(),
                        label: r.clone(),
                    })
                    .collect(),
            });
            if page > 0 {
                reply = reply.button(
                    ComponentId::dialog(id, &format!("roles:{}", page - 1)),
                    "Previous roles",
                    Style::Secondary,
                );
            }
            if page + 1 < pages {
                reply = reply.button(
                    ComponentId::dialog(id, &format!("roles:{}", page + 1)),
                    "More roles",
                    Style::Secondary,
                );
            }
            cancel(reply)
        }
        Step::Ask(level) => {
            let role = dialog.role.as_deref().unwrap_or_default();
            let n = skill.levels().iter().position(|l| l == level).unwrap_or(0) + 1;
            let expectation = skill
                .expectation(*level, role)
                .map(expectation_text)
                .unwrap_or_default();
            let question = if lead {
                format!("Does {subject_name} do this?")
            } else {
                "Do you do this?".into()
            };
            let reply = Reply::titled(
                format!(
                    "{}: {level} ({n} of {})",
                    skill.name(),
                    skill.levels().len()
                ),
                format!("{expectation}\n\n{question}"),
            )
            .button(
                ComponentId::dialog(id, "yes"),
                if lead { "Yes" } else { "I do this" },
                Style::Success,
            )
            .button(ComponentId::dialog(id, "partly"), "Partly", Style::Primary)
            .button(ComponentId::dialog(id, "no"), "Not yet", Style::Secondary);
            cancel(reply)
        }
        Step::Note => cancel(
            Reply::titled(
                format!("{}: evidence", skill.name()),
                "Add a note with evidence (a link, a project, an example), or skip it.",
            )
            .button(
                ComponentId::dialog(id, "note"),
                "Add a note",
                Style::Primary,
            )
            .button(
                ComponentId::dialog(id, "skipnote"),
                "Skip",
                Style::Secondary,
            ),
        ),
        Step::Summary => cancel(summary(id, subject_name, lead, dialog, skill)),
    }
}

fn summary(id: &str, subject_name: &str, lead: bool, dialog: &Dialog, skill: &Skill) -> Reply {
    let role = dialog.role.as_deref().unwrap_or_default();
    let level = dialog.reached(skill);
    let mut text = match dialog.mode {
        Mode::Direct { .. } => format!(
            "Record **{}** in {} as {role}?",
            level_name(level, skill),
            skill.name()
        ),
        Mode::Guided { .. } => format!("Level: **{}** (as {role})", level_name(level, skill)),
    };
    if let Some(towards) = dialog.working_towards(skill) {
        text.push_str(&format!(", working towards {towards}"));
    }
    if lead {
        text.push_str(&format!("\nRating {subject_name}."));
    }
    if let Some(note) = &dialog.note {
        text.push_str(&format!("\nNote: {}", note.as_str()));
    }
    let mut reply = Reply::titled(format!("{}: summary", skill.name()), text);
    match (dialog.mode, level) {
        (Mode::Direct { .. }, Some(l)) => {
            if let Some(e) = skill.expectation(l, role) {
                reply = reply.field(format!("{l} expects"), expectation_text(e));
            }
        }
        (_, Some(l)) => {
            if let Some(p) = promotion(skill, l, Some(role)) {
                for s in p.steps {
                    reply =
                        reply.field(format!("Next: {} expects", p.to), expectation_text(s.next));
                }
            }
        }
        (_, None) => {
            let first = skill.levels()[0];
            if let Some(e) = skill.expectation(first, role) {
                reply = reply.field(format!("Next: {first} expects"), expectation_text(e));
            }
        }
    }
    reply.button(ComponentId::dialog(id, "save"), "Save", Style::Success)
}
