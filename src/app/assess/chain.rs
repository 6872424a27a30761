//! An assessment that is part of a weekly check-in: the skills it goes
//! through one after the other, and what follows each one saved.

use super::AssessState;
use super::view::{self as show, Stand};
use crate::app::core::dialog::{self, Press};
use crate::app::core::{AppError, AppResult, DIALOG_LIFETIME_HOURS};
use crate::app::protocol::Reply;
use crate::app::protocol::component_id::view_id;
use crate::assess::{Dialog, Source};
use crate::team::MemberId;
use crate::tr;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// The weekly check-in an assessment belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinChain {
    pub week: String,
    /// The skills still to go through after this one (slugs).
    pub then: Vec<String>,
    /// How many skills the check-in has in all.
    pub total: usize,
}

/// A check-in's assessment saved: the week counts as answered, and the
/// next skill's assessment follows.
pub(super) fn checkin_saved(
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
    match next_assessment(press, chain)? {
        Some(mut next) => {
            next.text = format!("{saved}\n\n{}", next.text);
            Ok(next)
        }
        None => {
            // The check-in's message is done with once every skill is.
            press.checkin_done = Some(chain.week.clone());
            Ok(Reply::text(format!(
                "{saved}\n\n{}",
                tr!(press, "checkin-last-skill", week = &chain.week)
            ))
            .private()
            .updating())
        }
    }
}

/// Starts the guided assessment of the chain's next skill that is still in
/// the matrix, and shows its first step; `None` when none is left.
pub fn next_assessment(
    press: &mut Press<'_>,
    chain: &CheckinChain,
) -> Result<Option<Reply>, AppError> {
    let mut rest = chain.then.clone();
    while !rest.is_empty() {
        let slug = rest.remove(0);
        let Some(skill) = press.catalog.get(&slug) else {
            continue;
        };
        let profile = press.store.member_profile(press.me)?;
        let own = press.store.latest_in_track(press.me, &slug, false, None)?;
        let role = profile
            .role
            .clone()
            .filter(|r| skill.roles().contains(r))
            .or_else(|| own.as_ref().map(|e| e.role.clone()));
        let since = press.store.held_since(press.me, &slug, false)?;
        let previous = own.map(|e| Stand {
            level: e.level,
            at: e.at,
            note: e.note,
            since,
        });
        let state = AssessState {
            subject: Some(press.me.0),
            subject_user: profile.external_id.clone(),
            subject_name: profile.display_name.clone(),
            source: Source::Weekly,
            dialog: Dialog::guided(
                skill,
                role.as_deref(),
                previous.as_ref().and_then(|p| p.level),
            ),
            previous,
            claim: None,
            confirming: false,
            zone: press.store.member_zone(press.me)?,
            checkin: Some(CheckinChain {
                week: chain.week.clone(),
                then: rest.clone(),
                total: chain.total,
            }),
        };
        let id = dialog::start_in(
            press,
            skill.slug(),
            skill.fingerprint(),
            &state,
            Duration::hours(DIALOG_LIFETIME_HOURS),
        )?;
        let mut reply = show::view(press.actor.locale, &view_id(&id, 0), &state, skill)
            .private()
            .updating();
        let n = chain.total - rest.len();
        reply.text = format!(
            "{}\n\n{}",
            tr!(
                press,
                "checkin-skill-of",
                week = &chain.week,
                n = n,
                count = chain.total,
                skill = skill.name()
            ),
            reply.text
        );
        return Ok(Some(reply));
    }
    Ok(None)
}
