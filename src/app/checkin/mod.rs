//! The weekly check-in as a member gets it: the message (where they stand
//! in each skill, what their next level expects) and its four buttons.
//! "Check in" goes through the skills one guided assessment after another;
//! "No change" confirms the levels as they are. The scheduler that sends
//! it is in `scheduler`, the commands in `checkin::commands`.

pub mod commands;
pub mod digest;
pub mod due;
pub mod pass;
pub mod scheduler;
pub mod settings;
pub mod status;

use crate::app::assess::CheckinChain;
use crate::app::core::dialog::{Input, Press, Stored};
use crate::app::core::{AppError, AppResult, dialog};
use crate::app::protocol::component_id::{ComponentId, DialogAction};
use crate::app::protocol::markup::TimeStyle;
use crate::app::protocol::reply::Style;
use crate::app::protocol::{Reply, Said, markup};
use crate::assess::{Rating, Source, level_name};
use crate::i18n::{Arg, Msg};
use crate::matrix::{Catalog, Skill, promotion};
use crate::report::Answer;
use crate::store::{Store, StoreError};
use crate::team::MemberId;
use crate::{msg, tr};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The key of a member's open check-in among their dialogs: a new week's
/// replaces the last.
pub const KEY: &str = "@checkin";

/// How long a check-in's buttons work: until the next week's arrives.
pub const LIFETIME_DAYS: i64 = 7;

/// The most skills one check-in asks about.
pub const MOST_SKILLS: usize = 10;

/// A workspace's schedule from its settings: ISO weekday (1 = Monday),
/// local minute, and the grace for a late check-in in minutes.
pub fn schedule_of(weekday: u8, minute: u16, grace_minutes: u16) -> crate::schedule::Schedule {
    crate::schedule::Schedule {
        weekday: chrono::Weekday::try_from(weekday.saturating_sub(1))
            .unwrap_or(chrono::Weekday::Mon),
        minute,
        grace_minutes,
    }
}

/// A week's check-in, waiting for one of its buttons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinState {
    /// The ISO week on the member's calendar, "2026-W14".
    pub week: String,
    /// The skills it asks about (slugs), in order.
    pub skills: Vec<String>,
    /// The member's time zone, for the times shown.
    pub zone: String,
}

/// The skills a member's check-in asks about: the workspace's choice if a
/// lead made one, else every skill the member has a rating in, else the
/// skills of their role. Skills no longer in the matrix are left out.
pub fn skills_for(
    store: &Store,
    catalog: &Catalog,
    member: MemberId,
    chosen: Option<&[String]>,
) -> Result<Vec<String>, StoreError> {
    let known = |slug: &String| catalog.get(slug).is_some();
    let mut skills: Vec<String> = match chosen {
        Some(chosen) => chosen.iter().filter(|s| known(s)).cloned().collect(),
        None => store
            .latest_levels(member)?
            .into_iter()
            .map(|l| l.skill)
            .filter(known)
            .collect(),
    };
    if skills.is_empty()
        && chosen.is_none()
        && let Some(role) = store.member_profile(member)?.role
    {
        skills = catalog
            .skills()
            .iter()
            .filter(|s| s.roles().contains(&role))
            .map(|s| s.slug().to_string())
            .collect();
    }
    skills.truncate(MOST_SKILLS);
    Ok(skills)
}

/// The check-in message with its buttons, as what to say: it is sent
/// later, or kept for a console member, and rendered for them then.
pub fn message(
    store: &Store,
    catalog: &Catalog,
    member: MemberId,
    dialog_id: &str,
    state: &CheckinState,
) -> Result<Said, StoreError> {
    let profile = store.member_profile(member)?;
    let zone = &state.zone;
    let mut said = Said::titled(
        msg!("checkin-title", week = &state.week),
        if state.skills.is_empty() {
            msg!("checkin-nothing-yet")
        } else {
            msg!("checkin-intro", name = &profile.display_name)
        },
    )
    .missed_as(state.week.clone());
    for slug in &state.skills {
        let Some(skill) = catalog.get(slug) else {
            continue;
        };
        let own = store.latest_in_track(member, slug, false, None)?;
        let lead = store.latest_in_track(member, slug, true, None)?;
        let stand = |e: &Option<crate::assess::HistoryEntry>| match e {
            Some(e) => msg!(
                "checkin-stand",
                level = level_name(e.level, skill),
                when = markup::time(e.at, TimeStyle::Relative, zone)
            ),
            None => msg!("checkin-not-rated"),
        };
        let role = profile
            .role
            .clone()
            .filter(|r| skill.roles().contains(r))
            .or_else(|| own.as_ref().map(|e| e.role.clone()));
        let value = msg!(
            "checkin-field",
            you = stand(&own),
            lead = stand(&lead),
            next = next_expects(
                skill,
                own.as_ref().and_then(|e| e.level),
                own.is_some(),
                role.as_deref(),
            )
        );
        said = said.field(msg!("as-is", text = skill.name()), value);
    }
    let button = |action| ComponentId::dialog(dialog_id, action);
    if !state.skills.is_empty() {
        said = said
            .button(
                button(DialogAction::CheckIn),
                msg!("checkin-button-check-in"),
                Style::Primary,
            )
            .button(
                button(DialogAction::NoChange),
                msg!("checkin-button-no-change"),
                Style::Success,
            );
    }
    Ok(said
        .button(
            button(DialogAction::SnoozeWeek),
            msg!("checkin-button-snooze"),
            Style::Secondary,
        )
        .button(
            button(DialogAction::StopCheckins),
            msg!("checkin-button-stop"),
            Style::Danger,
        ))
}

/// "Next, Senior expects: • Required: ..." for the level above `level`
/// (the first level when unrated), required expectations first.
fn next_expects(
    skill: &Skill,
    level: Option<crate::matrix::Level>,
    rated: bool,
    role: Option<&str>,
) -> Arg {
    let (to, expectations) = match (rated, level) {
        (true, Some(l)) => match promotion(skill, l, role) {
            Some(p) => (p.to, p.steps.into_iter().map(|s| s.next).collect()),
            None => return msg!("checkin-top-level").into(),
        },
        _ => {
            let first = skill.levels()[0];
            let mut at: Vec<_> = skill
                .at_level(first)
                .filter(|e| role.is_none_or(|r| e.role == r))
                .collect();
            at.sort_by_key(|e| !e.required);
            (first, at)
        }
    };
    if expectations.is_empty() {
        return String::new().into();
    }
    let items = expectations.into_iter().map(|e| match role {
        Some(_) => msg!(
            "rated-next-item",
            required = crate::app::core::views::required_word(e.required),
            text = &e.description
        ),
        None => msg!(
            "checkin-next-item-for",
            required = crate::app::core::views::required_word(e.required),
            role = &e.role,
            text = &e.description
        ),
    });
    msg!(
        "checkin-next",
        level = to.msg(),
        items = crate::i18n::lines(items)
    )
    .into()
}

/// A press on a check-in's buttons.
pub fn on_action(
    press: &mut Press<'_>,
    stored: Stored,
    state: CheckinState,
    input: Input,
) -> AppResult {
    match input.action {
        DialogAction::CheckIn => {
            let chain = CheckinChain {
                week: state.week.clone(),
                then: state.skills.clone(),
                total: state.skills.len(),
            };
            // The check-in stays open: its buttons still work if the
            // member stops half-way, and the reminder points at it.
            crate::app::assess::chain::next_assessment(press, &chain)?
                .ok_or_else(|| AppError::User(msg!("checkin-skills-gone")))
        }
        DialogAction::NoChange => no_change(press, &stored, &state),
        DialogAction::SnoozeWeek => {
            // This one is the week skipped: the next comes as planned.
            let mut profile = press.store.member_profile(press.me)?;
            let settings = press.store.workspace_settings(press.workspace)?;
            let until = commands::snooze_end(press.store, press.now, &profile, &settings, 1)?;
            profile.snoozed_until = Some(until);
            profile.next_prompt_at = None;
            press.store.update_member(&profile)?;
            answered(press, &stored, &state, Answer::Snoozed)?;
            Ok(Reply::text(tr!(
                press,
                "checkin-snoozed-week",
                next = markup::time(until, TimeStyle::DateTime, &state.zone)
            ))
            .private()
            .updating())
        }
        DialogAction::StopCheckins => {
            let mut profile = press.store.member_profile(press.me)?;
            profile.weekly_opt_in = false;
            press.store.update_member(&profile)?;
            answered(press, &stored, &state, Answer::Stopped)?;
            Ok(Reply::text(tr!(press, "checkin-stopped"))
                .private()
                .updating())
        }
        _ => Err(AppError::User(msg!("checkin-button-earlier"))),
    }
}

/// Records the answer and closes the check-in.
fn answered(
    press: &mut Press<'_>,
    stored: &Stored,
    state: &CheckinState,
    answer: Answer,
) -> Result<(), AppError> {
    press
        .store
        .answer_checkin(press.me, &state.week, answer.as_str(), press.now)?;
    press.store.end_dialog(&stored.row.id)?;
    Ok(())
}

/// "No change": the member's own latest level in each skill, recorded
/// again as this week's confirmation.
fn no_change(press: &mut Press<'_>, stored: &Stored, state: &CheckinState) -> AppResult {
    let mut confirmed = Vec::new();
    let mut unrated = Vec::new();
    let mut ratings = Vec::new();
    for slug in &state.skills {
        let Some(skill) = press.catalog.get(slug) else {
            continue;
        };
        let Some(own) = press.store.latest_in_track(press.me, slug, false, None)? else {
            unrated.push(skill.name().to_string());
            continue;
        };
        // A role the matrix no longer has cannot be confirmed.
        let Ok(rating) = Rating::new(
            skill,
            &own.role,
            own.level,
            Source::Weekly,
            Vec::new(),
            None,
        ) else {
            unrated.push(skill.name().to_string());
            continue;
        };
        confirmed.push(msg!(
            "checkin-confirmed-skill",
            skill = skill.name(),
            level = level_name(own.level, skill)
        ));
        ratings.push((press.me, Some(press.me), rating, press.now));
    }
    if confirmed.is_empty() {
        // Nothing to confirm is no answer: the check-in stays open, and
        // the digest does not count it.
        return Err(AppError::User(msg!(
            "checkin-nothing-to-confirm",
            count = unrated.len(),
            skills = crate::i18n::list(unrated)
        )));
    }
    press.store.record_batch(&ratings)?;
    answered(press, stored, state, Answer::NoChange)?;
    let mut text = tr!(
        press,
        "checkin-no-change",
        skills = crate::i18n::list(confirmed)
    );
    if !unrated.is_empty() {
        text.push_str(&tr!(
            press,
            "checkin-no-change-unrated",
            skills = crate::i18n::list(unrated)
        ));
    }
    Ok(Reply::text(text).private().updating())
}

/// The week of the member's open check-in, if one is open.
pub fn open_week(
    store: &Store,
    member: MemberId,
    now: DateTime<Utc>,
) -> Result<Option<String>, StoreError> {
    let Some(row) = store.dialog_by_key(member, KEY, now)? else {
        return Ok(None);
    };
    Ok(dialog::read::<CheckinState>(&row)
        .ok()
        .flatten()
        .map(|state| state.week))
}

/// Starts a member's check-in of `week` as a dialog, on the writer: the
/// message to send and the dialog's id.
pub fn start(
    store: &mut Store,
    catalog: &Catalog,
    member: MemberId,
    id: String,
    state: CheckinState,
    now: DateTime<Utc>,
) -> Result<Said, StoreError> {
    let json = dialog::encode(&state).map_err(|e| StoreError::Encode {
        what: "a check-in",
        message: e.to_string(),
    })?;
    let row = crate::store::DialogRow::new(
        id.clone(),
        member,
        KEY,
        json,
        "",
        now + Duration::days(LIFETIME_DAYS),
        None,
    );
    store.start_dialog(&row, now)?;
    message(store, catalog, member, &id, &state)
}

impl dialog::DialogKind for CheckinState {
    const KIND: &'static str = "checkin";

    fn expired(&self) -> Msg {
        msg!("checkin-closed")
    }

    fn lead_only(&self) -> Option<&'static str> {
        None
    }

    fn has_steps(&self) -> bool {
        false
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        tr!(press, "closed")
    }

    fn current(&self, at: &dialog::Showing<'_>) -> Result<Option<Reply>, AppError> {
        let said = message(at.store, at.catalog, at.me, &at.row.id, self)?;
        Ok(Some(said.render(at.locale).private()))
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        on_action(press, stored, self, input)
    }
}

/// The member's check-in message of `week` ended, once its last skill is
/// assessed (a check-in of a later week stays open).
pub fn week_done(
    store: &mut Store,
    member: MemberId,
    week: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if let Some(open) = store.dialog_by_key(member, KEY, now)?
        && dialog::read::<CheckinState>(&open)?.is_some_and(|c| c.week == week)
    {
        store.end_dialog(&open.id)?;
    }
    Ok(())
}
