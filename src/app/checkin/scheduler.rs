//! The weekly rhythm as one pass at a given `now`: check-ins that fell
//! due, the one reminder, the leads' digests. Every message is claimed in
//! the database before it is sent, so that no restart, second process or
//! clock that jumps ever sends one twice; a claim whose sending was cut
//! short is given up, never retried; one the pass never handed over (it
//! stopped, or ran out of time) is given back for the next pass. A
//! long-lived front end calls the pass every minute; `skillbot checkin
//! run-due` calls it once. What bounds a pass is in `pass`.

use super::CheckinState;
pub(crate) use super::due::local_time;
use super::due::{next_checkin, reminder_message, zone_name, zone_of};
use super::pass::{DEFERRED, Pass, SENDS_AT_ONCE, UPKEEP_EVERY};
use crate::app::core::{App, AppError};
use crate::app::protocol::notify::{CutShort, send_within};
use crate::app::protocol::why::Why;
use crate::app::protocol::{Delivery, Notice, Recipient, Said};
use crate::msg;
use crate::store::{DueMember, Sent, Unanswered};
use crate::team::{MemberId, Platform, WorkspaceId};
use chrono::{DateTime, Duration, Utc};
use futures_util::StreamExt;
use serde::Serialize;

/// How many members one read of the pass takes at a time.
const BATCH: usize = 200;

/// A claim older than this whose message was never recorded as sent was
/// cut short (the process stopped): it is given up.
const INTERRUPTED_AFTER_MINUTES: i64 = 10;

/// No member is planned further ahead of a pass than this: a snoozed
/// member is looked at again after it (and planned again), and a plan
/// beyond it was made by a pass whose clock was wrong (a mistaken
/// `--now`), so it is worked out anew. A week and a day: every member's
/// next check-in falls within it unless they snooze.
const PLAN_HORIZON_DAYS: i64 = 8;

/// A plan no further ahead than the horizon.
fn capped(now: DateTime<Utc>, at: DateTime<Utc>) -> DateTime<Utc> {
    at.min(now + Duration::days(PLAN_HORIZON_DAYS))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Checkin,
    Reminder,
    Digest,
}

/// One thing a pass did, as `checkin run-due --json` prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PassEvent {
    /// The workspace's platform id.
    pub workspace: String,
    /// The member's platform user id; `None` for a digest.
    pub member: Option<String>,
    pub kind: EventKind,
    /// "sent", "queued", "refused" or "failed".
    pub result: &'static str,
    pub week: String,
    /// When it was due, in the member's (a digest: the workspace's) zone.
    pub local_time: String,
    pub error: Option<String>,
}

/// What became of a message the pass tried to send.
pub(super) enum Sending {
    /// Handed over (or queued), refused or failed: recorded as such.
    Done(Sent, Option<Why>),
    /// Not handed over: its claim is given back for the next pass.
    Left(CutShort),
}

/// Why a message did not arrive, for the pass's output.
pub(super) fn for_output(why: Option<&Why>) -> Option<String> {
    why.map(|w| w.msg().render(crate::i18n::Locale::default()))
}

/// The error of a message left for the next pass, for the pass's output.
pub(super) fn left_why(cut: CutShort) -> String {
    let why = match cut {
        CutShort::Stopped => msg!("left-stopped"),
        CutShort::Deadline => msg!("left-deadline"),
        CutShort::LongWait(wait) => msg!(
            "left-long-wait",
            seconds = wait.as_secs_f64().ceil().to_string()
        ),
    };
    why.render(crate::i18n::Locale::default())
}

impl App {
    /// Before a pass sends anything: claims cut short by a process that
    /// stopped are given up, plans a wrong clock made are forgotten, and
    /// members without a plan get one.
    pub(super) async fn prepare_pass(&self, now: DateTime<Utc>) -> Result<(), AppError> {
        let cutoff = now - Duration::minutes(INTERRUPTED_AFTER_MINUTES);
        let given_up = self
            .db()
            .write(move |s| s.give_up_interrupted(cutoff, now))
            .await?;
        if given_up > 0 {
            tracing::warn!(
                given_up,
                "messages whose sending was cut short are recorded as failed"
            );
        }
        let horizon = now + Duration::days(PLAN_HORIZON_DAYS);
        let replanned = self.db().write(move |s| s.unplan_beyond(horizon)).await?;
        if replanned > 0 {
            tracing::warn!(
                replanned,
                "check-ins planned beyond any this pass would plan (a pass ran with a clock ahead) are planned again"
            );
        }
        self.plan_new_members(now).await
    }

    /// Works out the next check-in of members who have none planned (new
    /// members, or whose zone, schedule or opt-in changed).
    async fn plan_new_members(&self, now: DateTime<Utc>) -> Result<(), AppError> {
        loop {
            let members = self.db().read(|s| s.unplanned_members(BATCH)).await?;
            if members.is_empty() {
                return Ok(());
            }
            let plans: Vec<(MemberId, DateTime<Utc>)> = members
                .iter()
                .map(|m| (m.member, capped(now, next_checkin(now, m, None).at)))
                .collect();
            self.db().write(move |s| s.plan_members(&plans)).await?;
        }
    }

    pub(super) async fn send_checkins(
        &self,
        now: DateTime<Utc>,
        platform: Platform,
        pass: &Pass<'_>,
    ) -> Result<(), AppError> {
        while pass.go_on() {
            let due = self
                .db()
                .read(move |s| s.due_members(now, platform, BATCH))
                .await?;
            if due.is_empty() {
                return Ok(());
            }
            for chunk in due.chunks(UPKEEP_EVERY) {
                // A few at a time; none started once the pass must end.
                let mut members = chunk.iter();
                let mut in_flight = futures_util::stream::FuturesUnordered::new();
                loop {
                    while in_flight.len() < SENDS_AT_ONCE && pass.go_on() {
                        let Some(member) = members.next() else {
                            break;
                        };
                        in_flight.push(self.send_checkin(now, platform, member, pass));
                    }
                    match in_flight.next().await {
                        Some(sent) => sent?,
                        None => break,
                    }
                }
                // Keeps the log small however many members the pass has.
                self.db().upkeep().await?;
                if !pass.go_on() {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// One member's check-in, if it is due: claimed, sent, recorded, and
    /// the next one planned. Every member it is called for leaves the due
    /// range, so the pass ends.
    async fn send_checkin(
        &self,
        now: DateTime<Utc>,
        platform: Platform,
        m: &DueMember,
        pass: &Pass<'_>,
    ) -> Result<(), AppError> {
        // Lets the stop signal and the database's upkeep in, on a runtime
        // of one thread.
        tokio::task::yield_now().await;
        let member = m.member;
        let due = next_checkin(now, m, None);
        if !due.is_due(now) {
            let at = capped(now, due.at);
            self.db()
                .write(move |s| s.plan_members(&[(member, at)]))
                .await?;
            return Ok(());
        }
        let catalog = self.catalog_for(Some(m.workspace)).await?;
        let (id, week, zone) = (self.ids().new_id(), due.week.to_string(), zone_name(m));
        let dialog = id.clone();
        let workspace = m.workspace;
        let claimed = {
            let week = week.clone();
            self.db()
                .write(move |s| {
                    if !s.claim_checkin(member, &week, due.at, now)? {
                        return Ok(None);
                    }
                    let chosen = s.workspace_settings(workspace)?.checkin_skills;
                    let skills = super::skills_for(s, &catalog, member, chosen.as_deref())?;
                    let state = CheckinState { week, skills, zone };
                    super::start(s, &catalog, member, id, state, now).map(Some)
                })
                .await?
        };
        let next = capped(now, next_checkin(now, m, Some(due.week)).at);
        let Some(message) = claimed else {
            // Had this week's already (another pass, or before a restart).
            self.db()
                .write(move |s| s.plan_members(&[(member, next)]))
                .await?;
            return Ok(());
        };
        let sending = self
            .send(
                platform,
                &m.workspace_external,
                &m.external_id,
                &m.display_name,
                message,
                pass,
            )
            .await;
        let event = |result, error| PassEvent {
            workspace: m.workspace_external.clone(),
            member: Some(m.external_id.clone()),
            kind: EventKind::Checkin,
            result,
            week: week.clone(),
            local_time: local_time(due.at, zone_of(m)),
            error,
        };
        let (sent, error) = match sending {
            Sending::Done(sent, error) => (sent, error),
            Sending::Left(cut) => {
                // Given back, and due again at the next pass.
                let week = week.clone();
                self.db()
                    .write(move |s| {
                        s.release_checkin(member, &week, &dialog)?;
                        s.plan_members(&[(member, now)])
                    })
                    .await?;
                pass.cut(cut);
                pass.handled(event(DEFERRED, Some(left_why(cut))));
                return Ok(());
            }
        };
        {
            let (week, code) = (week.clone(), error.as_ref().map(Why::code));
            self.db()
                .write(move |s| {
                    s.finish_checkin(member, &week, sent, code.as_deref(), now)?;
                    s.plan_members(&[(member, next)])
                })
                .await?;
        }
        pass.handled(event(sent.as_str(), for_output(error.as_ref())));
        Ok(())
    }

    /// Sends a message to a member through their platform's notifier (the
    /// console's keeps it for their next session), with retries, within
    /// the pass.
    async fn send(
        &self,
        platform: Platform,
        workspace: &str,
        user_id: &str,
        name: &str,
        message: Said,
        pass: &Pass<'_>,
    ) -> Sending {
        let notice = Notice::new(
            Recipient::Member {
                user_id: user_id.to_string(),
                name: name.to_string(),
            },
            message,
        )
        .from(platform, workspace);
        self.notify(&notice, pass).await
    }

    /// One message through the notifier, retried as the settings allow
    /// within the pass's limits.
    pub(super) async fn notify(&self, notice: &Notice, pass: &Pass<'_>) -> Sending {
        let attempted =
            send_within(self.notifier_of(notice), notice, self.retry(), &pass.limits).await;
        if let Some(cut) = attempted.cut {
            return Sending::Left(cut);
        }
        let attempts = attempted.attempts;
        match attempted.outcome {
            Delivery::Delivered => Sending::Done(Sent::Sent, None),
            Delivery::Queued => Sending::Done(Sent::Queued, None),
            Delivery::Refused(why) => Sending::Done(Sent::Refused, Some(why)),
            Delivery::RateLimited(_) => {
                Sending::Done(Sent::Failed, Some(Why::RateLimited { attempts }))
            }
            Delivery::Failed(why) => Sending::Done(
                Sent::Failed,
                Some(Why::After {
                    why: Box::new(why),
                    attempts,
                }),
            ),
        }
    }

    pub(super) async fn send_reminders(
        &self,
        now: DateTime<Utc>,
        platform: Platform,
        pass: &Pass<'_>,
    ) -> Result<(), AppError> {
        while pass.go_on() {
            let due = self
                .db()
                .read(move |s| s.due_reminders(now, platform, BATCH))
                .await?;
            if due.is_empty() {
                return Ok(());
            }
            for unanswered in due {
                if !pass.go_on() {
                    return Ok(());
                }
                tokio::task::yield_now().await;
                self.send_reminder(now, platform, unanswered, pass).await?;
                if pass.count().is_multiple_of(UPKEEP_EVERY) {
                    self.db().upkeep().await?;
                }
            }
        }
        Ok(())
    }

    /// The one reminder of an unanswered check-in: its message again, with
    /// the same buttons.
    async fn send_reminder(
        &self,
        now: DateTime<Utc>,
        platform: Platform,
        u: Unanswered,
        pass: &Pass<'_>,
    ) -> Result<(), AppError> {
        let catalog = self.catalog_for(Some(u.workspace)).await?;
        let (member, week) = (u.member, u.week.clone());
        let claimed = self
            .db()
            .write(move |s| {
                if !s.claim_reminder(member, &week, now)? {
                    return Ok(None);
                }
                Ok(Some(reminder_message(s, &catalog, member, &week, now)?))
            })
            .await?;
        let Some(message) = claimed else {
            return Ok(());
        };
        let sending = match message {
            Some(message) => {
                self.send(
                    platform,
                    &u.workspace_external,
                    &u.external_id,
                    &u.display_name,
                    message,
                    pass,
                )
                .await
            }
            None => Sending::Done(Sent::Failed, Some(Why::CheckinClosed)),
        };
        let tz = u.zone.parse().unwrap_or(chrono_tz::UTC);
        let event = |result, error| PassEvent {
            workspace: u.workspace_external.clone(),
            member: Some(u.external_id.clone()),
            kind: EventKind::Reminder,
            result,
            week: u.week.clone(),
            local_time: local_time(now, tz),
            error,
        };
        let week = u.week.clone();
        match sending {
            Sending::Done(sent, error) => {
                self.db()
                    .write(move |s| s.finish_reminder(member, &week, sent, now))
                    .await?;
                pass.handled(event(sent.as_str(), for_output(error.as_ref())));
            }
            Sending::Left(cut) => {
                self.db()
                    .write(move |s| s.release_reminder(member, &week))
                    .await?;
                pass.cut(cut);
                pass.handled(event(DEFERRED, Some(left_why(cut))));
            }
        }
        Ok(())
    }

    pub(crate) async fn workspace_external(
        &self,
        workspace: WorkspaceId,
    ) -> Result<String, AppError> {
        Ok(self
            .db()
            .read(move |s| s.workspace_identity(workspace))
            .await?
            .map(|(_, external, _)| external)
            .unwrap_or_default())
    }
}
