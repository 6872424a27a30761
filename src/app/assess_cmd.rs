//! /assess: the guided self-assessment, a lead's rating, or a level
//! recorded directly; and every press of those dialogs.

use super::commands::CommandArgs;
use super::component_id::{ComponentId, DialogAction};
use super::dialogs::{self, DialogState, Input, Press, Stored};
use super::render::expectation_text;
use super::reply::{Choice, Modal, ModalField, Select, Style};
use super::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName, SkillName};
use super::{AppError, AppResult, Ctx, Notice, Recipient, Reply, UserRef, lead_only};
use crate::assess::{Dialog, Event, MAX_NOTE_CHARS, Mode, Note, Rating, Source, Step, level_name};
use crate::matrix::{Level, LookupError, Skill, find_skill_role, promotion};
use crate::store::{DialogRow, Store};
use crate::team::MemberId;
use serde::{Deserialize, Serialize};

const SKILL: Opt<SkillName> = Opt::required("skill", "The skill to assess");
const ROLE: Opt<RoleName> = Opt::optional(
    "role",
    "The role to assess against (default: your profile's)",
);
const LEVEL: Opt<Level> = Opt::optional("level", "Record this level directly");
const MEMBER: Opt<UserRef> = Opt::optional("member", "Leads: rate this member instead of yourself");
const OPTIONS: &[OptionSpec] = &[SKILL.spec(), ROLE.spec(), LEVEL.spec(), MEMBER.spec()];

pub struct Assess {
    skill: String,
    role: Option<String>,
    level: Option<Level>,
    member: Option<UserRef>,
}

/// A self-assessment, or a lead rating a member, between two presses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessState {
    /// The member rated, if they were one when the dialog started.
    pub subject: Option<i64>,
    /// Their platform user id: a lead may rate someone who has no member
    /// row yet, which is then made at Save, not before.
    #[serde(default)]
    pub subject_user: String,
    pub subject_name: String,
    pub source: Source,
    pub dialog: Dialog,
}

impl CommandArgs for Assess {
    const SPEC: CommandSpec = CommandSpec::new(
        "assess",
        "Assess your level in a skill, step by step (leads: rate a member)",
    )
    .options(OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Assess {
            skill: o.need(&SKILL)?.0,
            role: o.get(&ROLE)?.map(|r| r.0),
            level: o.get(&LEVEL)?,
            member: o.get(&MEMBER)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        start(cx, self).await
    }
}

async fn start(cx: &mut Ctx<'_>, a: Assess) -> AppResult {
    let catalog = cx.catalog.clone();
    let skill = catalog.find_skill(&a.skill)?;
    let me = cx.me().await?;
    let workspace = cx.workspace().await?;
    let (subject, subject_user, subject_name, source) = match a.member {
        Some(user) if user.id != cx.actor.user_id => {
            if !cx.is_lead().await? {
                return Err(lead_only("assess member:"));
            }
            check_member_name(&user.display_name)?;
            // No member row before Save: a dialog left unfinished leaves
            // nothing behind.
            let id = user.id.clone();
            let found = cx.read(move |s| s.find_member(workspace, &id)).await?;
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
    let (profile_role, last) = match subject {
        Some(id) => {
            let slug = skill.slug().to_string();
            cx.read(move |s| {
                let last = s
                    .latest_levels(id)?
                    .into_iter()
                    .find(|c| c.skill == slug)
                    .and_then(|c| c.level);
                Ok((s.member_profile(id)?.role, last))
            })
            .await?
        }
        None => (None, None),
    };
    let role = match &a.role {
        Some(input) => Some(find_skill_role(skill, input)?),
        None => profile_role
            .as_deref()
            .filter(|r| skill.roles().iter().any(|x| x == r)),
    };
    let dialog = match a.level {
        Some(level) if !skill.has_level(level) => {
            return Err(LookupError::LevelNotInSkill {
                skill: skill.name().to_string(),
                level,
                levels: skill.levels().to_vec(),
            }
            .into());
        }
        Some(level) => Dialog::direct(skill, role, Some(level)),
        None => Dialog::guided(skill, role, last),
    };
    let key = if source == Source::SelfRated {
        skill.slug().to_string()
    } else {
        format!("{}@{subject_user}", skill.slug())
    };
    if a.level.is_none()
        && let Some(reply) = go_on(cx, me, &key, skill, role).await?
    {
        return Ok(reply);
    }
    let state = AssessState {
        subject: subject.map(|m| m.0),
        subject_user,
        subject_name,
        source,
        dialog,
    };
    let id = dialogs::start(
        cx,
        &key,
        skill.fingerprint(),
        &DialogState::Assess(state.clone()),
    )
    .await?;
    Ok(view(&id, &state, skill).private())
}

/// The unfinished guided dialog of this key, shown where it was left with
/// a way to start over, rather than thrown away by a new one.
async fn go_on(
    cx: &Ctx<'_>,
    me: MemberId,
    key: &str,
    skill: &Skill,
    role: Option<&str>,
) -> Result<Option<Reply>, AppError> {
    let (key, now) = (key.to_string(), cx.now);
    let Some(row) = cx.read(move |s| s.dialog_by_key(me, &key, now)).await? else {
        return Ok(None);
    };
    let Ok(DialogState::Assess(state)) = dialogs::from_json(&row) else {
        return Ok(None);
    };
    let dialog = &state.dialog;
    let same_role = role.is_none_or(|r| dialog.role.as_deref() == Some(r));
    if row.matrix_hash != skill.fingerprint()
        || !matches!(dialog.mode, Mode::Guided { .. })
        || dialog.answers.is_empty()
        || !same_role
    {
        return Ok(None);
    }
    let mut reply = view(&row.id, &state, skill);
    reply.text = format!(
        "You have an unfinished assessment of {} ({} so far); it goes on where you left it.\n\n{}",
        skill.name(),
        super::count(dialog.answers.len(), "answer"),
        reply.text
    );
    Ok(Some(
        reply
            .button(
                ComponentId::dialog(&row.id, DialogAction::Restart),
                "Start over",
                Style::Secondary,
            )
            .private(),
    ))
}

/// A press on an assessment dialog.
pub fn on_action(
    press: &mut Press<'_>,
    stored: Stored,
    mut state: AssessState,
    input: Input,
) -> AppResult {
    let skill = press.catalog.get(&state.dialog.skill).ok_or_else(|| {
        AppError::User(format!(
            "{} is no longer in the matrix, so this dialog cannot go on.",
            state.dialog.skill
        ))
    })?;
    if skill.fingerprint() != stored.row.matrix_hash {
        return Err(AppError::User(format!(
            "The {} matrix changed since this dialog started, so its questions may no longer fit. \
             Start again with /assess {}.",
            skill.name(),
            skill.slug()
        )));
    }
    let id = stored.row.id.clone();
    let event = match (input.action, input.form) {
        (DialogAction::ChooseRole, _) => {
            Event::Role(input.values.into_iter().next().unwrap_or_default())
        }
        (DialogAction::Answer(answer), _) => Event::Answer(answer),
        (DialogAction::Note, None) if state.dialog.step == Step::Note => {
            return Ok(note_modal(&id));
        }
        (DialogAction::Note, Some(fields)) => {
            let text = fields
                .iter()
                .find(|(k, _)| k == "note")
                .map(|(_, v)| v.as_str());
            Event::Note(Note::new(text.unwrap_or_default())?)
        }
        (DialogAction::SkipNote, _) => Event::Note(None),
        (DialogAction::Save, _) if state.dialog.step == Step::Summary => {
            return save(press, &stored, &state, skill);
        }
        (DialogAction::Restart, _) => {
            let last = match state.subject {
                Some(member) => last_level(press.store, MemberId(member), skill.slug())?,
                None => None,
            };
            state.dialog = Dialog::guided(skill, state.dialog.role.as_deref(), last);
            dialogs::save(press, &stored, &DialogState::Assess(state.clone()))?;
            return Ok(view(&id, &state, skill).private().updating());
        }
        _ => return Err(out_of_step()),
    };
    state.dialog.apply(skill, event).map_err(|e| match e {
        crate::assess::DialogError::OutOfStep => out_of_step(),
        other => AppError::User(super::sentence(&other.to_string())),
    })?;
    dialogs::save(press, &stored, &DialogState::Assess(state.clone()))?;
    Ok(view(&id, &state, skill).private().updating())
}

/// A member's latest level in one skill, if rated.
fn last_level(store: &Store, member: MemberId, slug: &str) -> Result<Option<Level>, AppError> {
    Ok(store
        .latest_levels(member)?
        .into_iter()
        .find(|c| c.skill == slug)
        .and_then(|c| c.level))
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
fn subject_at_save(press: &mut Press<'_>, state: &AssessState) -> Result<MemberId, AppError> {
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
        _ => Err(AppError::User(format!(
            "{}'s data was deleted from this server while this dialog was open, so \
             nothing was saved. To rate them again, start over with /assess.",
            state.subject_name
        ))),
    }
}

fn save(press: &mut Press<'_>, stored: &Stored, state: &AssessState, skill: &Skill) -> AppResult {
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
    )?;
    if recorded.is_none() {
        return Err(dialogs::changed_meanwhile());
    }
    let lead = state.source == Source::Lead;
    let (who, verb) = if lead {
        (state.subject_name.clone(), "is")
    } else {
        ("You".to_string(), "are")
    };
    let mut reply = Reply::text(format!(
        "Saved on {}: {who} {verb} {} in {} (as {role}).",
        press.now.date_naive(),
        level_name(level, skill),
        skill.name()
    ))
    .private()
    .updating();
    if lead {
        // The member hears of a lead's rating from the bot, privately.
        let profile = press.store.member_profile(subject)?;
        reply.notices.push(Notice {
            to: Recipient::Member {
                user_id: profile.external_id,
                name: profile.display_name,
            },
            message: Reply::text(format!(
                "{} recorded your level in {}: {} (as {role}). See /history.",
                press.actor.display_name,
                skill.name(),
                level_name(level, skill)
            )),
        });
    }
    Ok(reply)
}

fn note_modal(id: &str) -> Reply {
    Reply {
        modal: Some(Modal {
            id: ComponentId::dialog(id, DialogAction::Note),
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

/// The dialog's current step again, for a front end that lost its message.
pub fn view_again(cx: &Ctx<'_>, row: &DialogRow, state: &AssessState) -> Option<Reply> {
    let skill = cx.catalog.get(&state.dialog.skill)?;
    (skill.fingerprint() == row.matrix_hash).then(|| view(&row.id, state, skill).private())
}

/// The message for the dialog's current step.
pub fn view(id: &str, state: &AssessState, skill: &Skill) -> Reply {
    let lead = state.source == Source::Lead;
    let subject_name = &state.subject_name;
    let dialog = &state.dialog;
    let cancel = |r: Reply| {
        r.button(
            ComponentId::dialog(id, DialogAction::Cancel),
            "Cancel",
            Style::Danger,
        )
    };
    match &dialog.step {
        Step::ChooseRole => {
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
                id: ComponentId::dialog(id, DialogAction::ChooseRole),
                placeholder: "Role".into(),
                options: skill
                    .roles()
                    .iter()
                    .map(|r| Choice {
                        value: r.clone(),
                        label: r.clone(),
                    })
                    .collect(),
            });
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
            let answer = |a| ComponentId::dialog(id, DialogAction::Answer(a));
            let reply = Reply::titled(
                format!(
                    "{}: {level} ({n} of {})",
                    skill.name(),
                    skill.levels().len()
                ),
                format!("{expectation}\n\n{question}"),
            )
            .button(
                answer(crate::assess::Answer::Yes),
                if lead { "Yes" } else { "I do this" },
                Style::Success,
            )
            .button(
                answer(crate::assess::Answer::Partly),
                "Partly",
                Style::Primary,
            )
            .button(
                answer(crate::assess::Answer::No),
                "Not yet",
                Style::Secondary,
            );
            cancel(reply)
        }
        Step::Note => cancel(
            Reply::titled(
                format!("{}: evidence", skill.name()),
                "Add a note with evidence (a link, a project, an example), or skip it.",
            )
            .button(
                ComponentId::dialog(id, DialogAction::Note),
                "Add a note",
                Style::Primary,
            )
            .button(
                ComponentId::dialog(id, DialogAction::SkipNote),
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
    reply.button(
        ComponentId::dialog(id, DialogAction::Save),
        "Save",
        Style::Success,
    )
}
