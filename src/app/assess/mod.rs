//! /assess: the guided self-assessment, a lead's rating, or a level
//! recorded directly; and every press of those dialogs. What each step
//! shows is in `assess::view`.

pub mod view;

use super::commands::CommandArgs;
use super::component_id::{ComponentId, DialogAction, view_id};
use super::dialogs::{self, DialogState, Input, Press, Stored};
use super::markup::{self, TimeStyle};
use super::reply::Style;
use super::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName, SkillName};
use super::{AppError, AppResult, Ctx, Notice, Recipient, Reply, Said, UserRef, lead_only};
use crate::assess::{Dialog, DialogError, Event, Mode, Note, Rating, Source, Step, level_name};
use crate::i18n::Locale;
use crate::matrix::{Catalog, Level, LookupError, Skill, find_skill_role, promotion};
use crate::store::{DialogRow, Store};
use crate::team::MemberId;
use crate::{msg, tr};
use serde::{Deserialize, Serialize};
use view::{self as show, Stand};

const SKILL: Opt<SkillName> = Opt::required("skill");
const ROLE: Opt<RoleName> = Opt::optional("role");
const LEVEL: Opt<Level> = Opt::optional("level");
const MEMBER: Opt<UserRef> = Opt::optional("member");
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
    /// The latest rating of the same kind (the member's own for a
    /// self-assessment, a lead's for a lead's): where the dialog started
    /// from, and what a lower save is compared with.
    #[serde(default)]
    pub previous: Option<Stand>,
    /// A lead's dialog: the member's own latest rating, shown as context
    /// and never used to skip a level. Rating below it needs a note.
    #[serde(default)]
    pub claim: Option<Stand>,
    /// Save was pressed on a level below `previous`: the dialog asks to
    /// confirm.
    #[serde(default)]
    pub confirming: bool,
    /// The time zone of whoever answers, for the times shown.
    #[serde(default)]
    pub zone: String,
    /// Part of a weekly check-in: its week and the skills after this one.
    #[serde(default)]
    pub checkin: Option<CheckinChain>,
}

/// The weekly check-in an assessment belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinChain {
    pub week: String,
    /// The skills still to go through after this one (slugs).
    pub then: Vec<String>,
    /// How many skills the check-in has in all.
    pub total: usize,
}

impl AssessState {
    pub fn by_lead(&self) -> bool {
        self.source.is_lead()
    }

    /// A lead rates below what the member claims: a note must say why.
    pub fn note_required(&self, skill: &Skill) -> bool {
        let rank = |l: Option<Level>| l.map_or(0, Level::rank);
        self.by_lead()
            && self
                .claim
                .as_ref()
                .is_some_and(|c| rank(c.level) > rank(self.dialog.reached(skill)))
    }

    /// Saving would record a level below the previous one of this kind.
    pub fn lowers(&self, skill: &Skill) -> bool {
        let rank = |l: Option<Level>| l.map_or(0, Level::rank);
        self.previous
            .as_ref()
            .is_some_and(|p| rank(p.level) > rank(self.dialog.reached(skill)))
    }
}

impl CommandArgs for Assess {
    const SPEC: CommandSpec = CommandSpec::new("assess").options(OPTIONS);

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
    let (skill, role_input) = super::skill::skill_and_role(&catalog, &a.skill, a.role.as_deref())?;
    let me = cx.me().await?;
    let workspace = cx.workspace().await?;
    let zone = cx.zone().await?;
    let (subject, subject_user, subject_name, source) = match a.member {
        Some(user) if user.id != cx.actor.user_id => {
            check_member_name(&user.display_name)?;
            if !cx.is_lead().await? {
                return Err(lead_only("assess member:"));
            }
            // No member row before Save: a dialog left unfinished leaves
            // nothing behind.
            let id = user.id.clone();
            let found = cx.read(move |s| s.find_member(workspace, &id)).await?;
            let name = found
                .as_ref()
                .map_or(user.display_name, |m| m.display_name.clone());
            (found.map(|m| m.id), user.id, name, Source::Lead)
        }
        _ => (
            Some(me),
            cx.actor.user_id.clone(),
            cx.actor.display_name.clone(),
            Source::SelfRated,
        ),
    };
    let lead = source.is_lead();
    // A lead starts from the lead's own track, a member from theirs: the
    // other side's rating is context, never a reason to skip a level.
    let (profile_role, previous, claim) = match subject {
        Some(id) => {
            let slug = skill.slug().to_string();
            cx.read(move |s| {
                let stand = |lead_track| -> Result<Option<Stand>, crate::store::StoreError> {
                    let since = s.held_since(id, &slug, lead_track)?;
                    Ok(s.latest_in_track(id, &slug, lead_track, None)?
                        .map(|e| Stand {
                            level: e.level,
                            at: e.at,
                            note: e.note,
                            since,
                        }))
                };
                let previous = stand(lead)?;
                let claim = if lead { stand(false)? } else { None };
                Ok((s.member_profile(id)?.role, previous, claim))
            })
            .await?
        }
        None => (None, None, None),
    };
    let role = match role_input {
        Some(input) => Some(find_skill_role(skill, &input)?),
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
        None => Dialog::guided(skill, role, previous.as_ref().and_then(|p| p.level)),
    };
    let key = if lead {
        format!("{}@{subject_user}", skill.slug())
    } else {
        skill.slug().to_string()
    };
    if a.level.is_none()
        && let Some(reply) = go_on(cx, me, &key, skill, role).await?
    {
        return Ok(reply);
    }
    let recent_save = last_save(cx, me, &key, skill, &zone).await?;
    let state = AssessState {
        subject: subject.map(|m| m.0),
        subject_user,
        subject_name,
        source,
        dialog,
        previous,
        claim,
        confirming: false,
        zone,
        checkin: None,
    };
    let id = dialogs::start(
        cx,
        &key,
        skill.fingerprint(),
        &DialogState::Assess(state.clone()),
    )
    .await?;
    let mut reply = show::view(cx.actor.locale, &view_id(&id, 0), &state, skill).private();
    if let Some(saved) = recent_save {
        reply.text = format!("{saved}\n\n{}", reply.text);
    }
    Ok(reply)
}

/// The save of this key's last dialog when it was made within the hour:
/// the member may not have seen its confirmation (the bot stopped just
/// after) and is starting over because of it.
async fn last_save(
    cx: &Ctx<'_>,
    me: MemberId,
    key: &str,
    skill: &Skill,
    zone: &str,
) -> Result<Option<String>, AppError> {
    let (key, now) = (key.to_string(), cx.now);
    let saved = cx
        .read(move |s| {
            let Some(row) = s.saved_dialog(me, &key, now)? else {
                return Ok(None);
            };
            let Some((at, id)) = row
                .saved
                .filter(|(at, _)| now - *at <= chrono::Duration::hours(1))
            else {
                return Ok(None);
            };
            Ok(s.assessment(id)?.map(|e| (at, e)))
        })
        .await?;
    Ok(saved.map(|(at, e)| {
        tr!(
            cx,
            "assess-last-saved",
            skill = skill.name(),
            at = markup::time(at, TimeStyle::DateTime, zone),
            level = level_name(e.level, skill)
        )
    }))
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
    let mut reply = show::view(cx.actor.locale, &view_id(&row.id, row.step), &state, skill);
    reply.text = format!(
        "{}\n\n{}",
        tr!(
            cx,
            "assess-unfinished",
            skill = skill.name(),
            count = dialog.answers.len()
        ),
        reply.text
    );
    Ok(Some(
        reply
            .button(
                ComponentId::dialog(&view_id(&row.id, row.step), DialogAction::Restart),
                tr!(cx, "assess-start-over"),
                Style::Secondary,
            )
            .private(),
    ))
}

/// What Cancel in the middle of a check-in's skills says: which were saved
/// before it, and what is left unsaved.
pub fn cancelled_in_checkin(
    r: Locale,
    catalog: &Catalog,
    state: &AssessState,
    chain: &CheckinChain,
) -> String {
    let name = |slug: &str| {
        catalog
            .get(slug)
            .map_or(slug.to_string(), |s| s.name().to_string())
    };
    let this = name(&state.dialog.skill);
    let before = chain.total.saturating_sub(chain.then.len() + 1);
    let mut text = if chain.then.is_empty() {
        tr!(r, "checkin-cancelled", skill = this)
    } else {
        let rest: Vec<String> = chain.then.iter().map(|s| name(s)).collect();
        tr!(
            r,
            "checkin-cancelled-rest",
            skill = this,
            rest = crate::i18n::list(rest)
        )
    };
    if before > 0 {
        text.push_str(&tr!(r, "checkin-cancelled-kept", count = before));
    }
    text
}

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
fn step_saved(
    press: &mut Press<'_>,
    stored: &Stored,
    state: AssessState,
    skill: &Skill,
) -> AppResult {
    dialogs::save(press, stored, &DialogState::Assess(state.clone()))?;
    Ok(show::view(
        press.actor.locale,
        &view_id(&stored.row.id, stored.row.step + 1),
        &state,
        skill,
    )
    .private()
    .updating())
}

fn dialog_error(e: DialogError) -> AppError {
    match e {
        DialogError::OutOfStep => out_of_step(),
        DialogError::RoleNotInSkill { role, skill } => {
            AppError::User(msg!("assess-role-not-in-skill", role = role, skill = skill))
        }
        DialogError::NothingBefore => AppError::User(msg!("assess-nothing-before")),
    }
}

fn note_needed(state: &AssessState) -> AppError {
    AppError::User(msg!("assess-note-needed", name = &state.subject_name))
}

/// A member's latest level of one kind in one skill, if rated so.
fn last_level(
    store: &Store,
    member: MemberId,
    slug: &str,
    lead: bool,
) -> Result<Option<Level>, AppError> {
    Ok(store
        .latest_in_track(member, slug, lead, None)?
        .and_then(|e| e.level))
}

fn out_of_step() -> AppError {
    AppError::User(msg!("assess-out-of-step"))
}

/// A name given for a member (`member:` in the console, where it is typed):
/// one line of text of a sensible length.
pub fn check_member_name(name: &str) -> Result<(), AppError> {
    let bad = name.trim().is_empty()
        || name.chars().any(char::is_control)
        || name.chars().count() > super::MAX_NAME_CHARS;
    if bad {
        return Err(AppError::User(msg!(
            "assess-member-name-bad",
            most = super::MAX_NAME_CHARS
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
        _ => Err(AppError::User(msg!(
            "assess-subject-deleted",
            name = &state.subject_name
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
        press.now + chrono::Duration::hours(super::DIALOG_LIFETIME_HOURS),
    )?;
    if recorded.is_none() {
        return Err(dialogs::changed_meanwhile());
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
        return checkin_saved(press, subject, chain, saved);
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

/// A check-in's assessment saved: the week counts as answered, and the
/// next skill's assessment follows.
fn checkin_saved(
    press: &mut Press<'_>,
    member: MemberId,
    chain: &CheckinChain,
    saved: String,
) -> AppResult {
    press.store.answer_checkin(
        member,
        &chain.week,
        crate::report::Answer::CheckedIn.as_str(),
        press.now,
    )?;
    match super::checkin::next_assessment(press, chain)? {
        Some(mut next) => {
            next.text = format!("{saved}\n\n{}", next.text);
            Ok(next)
        }
        None => {
            // The check-in's message is done with once every skill is.
            if let Some(open) =
                press
                    .store
                    .dialog_by_key(press.me, super::checkin::KEY, press.now)?
                && matches!(dialogs::from_json(&open), Ok(DialogState::Checkin(c)) if c.week == chain.week)
            {
                press.store.end_dialog(&open.id)?;
            }
            Ok(Reply::text(format!(
                "{saved}\n\n{}",
                tr!(press, "checkin-last-skill", week = &chain.week)
            ))
            .private()
            .updating())
        }
    }
}

/// The direct message a member gets when a lead rates them: the level, the
/// lead's note, and what the next level asks of their role.
fn rated_message(
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
                    required = super::render::required_word(e.required),
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

impl dialogs::DialogKind for AssessState {
    fn lead_only(&self) -> Option<&'static str> {
        self.by_lead().then_some("assess member:")
    }

    fn has_steps(&self) -> bool {
        true
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        match &self.checkin {
            Some(chain) => cancelled_in_checkin(press.actor.locale, press.catalog, self, chain),
            None => tr!(press, "cancelled-assess"),
        }
    }

    fn current(&self, at: &dialogs::Showing<'_>) -> Result<Option<Reply>, AppError> {
        Ok(current_view(at.locale, at.catalog, at.row, self).map(Reply::private))
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        // Save pressed again after it saved: confirmed, nothing changes.
        if let Some(saved) = stored.row.saved {
            return already_saved(press, &self, saved);
        }
        on_action(press, stored, self, input)
    }
}
