//! What the pass works out for one member: their reminder, their zone, when
//! their next check-in is due.

use super::CheckinState;
use crate::app::protocol::Said;
use crate::msg;
use crate::schedule::{self, IsoWeek};
use crate::store::{DueMember, Store, StoreError};
use crate::team::MemberId;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// The reminder: the check-in's message again under a line saying so;
/// `None` when the check-in is no longer open.
pub(super) fn reminder_message(
    s: &Store,
    catalog: &crate::matrix::Catalog,
    member: MemberId,
    week: &str,
    now: DateTime<Utc>,
) -> Result<Option<Said>, StoreError> {
    let Some(row) = s.dialog_by_key(member, super::KEY, now)? else {
        return Ok(None);
    };
    let Ok(Some(state)) = crate::app::core::dialog::read::<CheckinState>(&row) else {
        return Ok(None);
    };
    if state.week != week {
        return Ok(None);
    }
    let mut message = super::message(s, catalog, member, &row.id, &state)?;
    message.lines.insert(0, msg!("checkin-reminder"));
    Ok(Some(message))
}

/// The zone a member's check-in follows: their own, else the workspace's,
/// else UTC.
pub(super) fn zone_of(m: &DueMember) -> Tz {
    m.time_zone
        .as_deref()
        .and_then(super::commands::stored_zone)
        .or_else(|| super::commands::stored_zone(&m.workspace_zone))
        .unwrap_or(chrono_tz::UTC)
}

pub(super) fn zone_name(m: &DueMember) -> String {
    zone_of(m).name().to_string()
}

/// The member's next check-in; `had` is a week just found claimed.
pub(super) fn next_checkin(
    now: DateTime<Utc>,
    m: &DueMember,
    had: Option<IsoWeek>,
) -> schedule::Due {
    // The week just found claimed is the latest that counts: one stored
    // further ahead is either earlier than it or, made under a wrong
    // clock, ignored by the schedule (and `max` would let it hide this).
    let last_week = had.or_else(|| m.last_week.as_deref().and_then(IsoWeek::parse));
    schedule::next_checkin(
        now,
        super::schedule_of(m.weekday, m.minute, m.grace_minutes),
        zone_of(m),
        schedule::Member {
            joined: m.joined,
            snoozed_until: m.snoozed_until,
            last_week,
        },
    )
}

pub(crate) fn local_time(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).to_rfc3339()
}
