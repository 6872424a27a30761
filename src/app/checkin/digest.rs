//! The leads' weekly digest: posted once a week's window has closed (when
//! the next week's check-ins fall due in the workspace's zone), in the
//! digest channel, or kept for /checkin status and the console.

use super::pass::{DEFERRED, Pass};
use super::scheduler::{EventKind, PassEvent, Sending, for_output, left_why, local_time};
use crate::app::core::{App, AppError};
use crate::app::protocol::why::Why;
use crate::app::protocol::{Notice, Recipient, Said};
use crate::i18n::Msg;
use crate::msg;
use crate::report::{Answer, Delivered, Digest, DigestRow, LevelChange};
use crate::schedule::{self, IsoWeek};
use crate::store::{CheckinStatus, Sent, Store, StoreError};
use crate::team::{MemberId, Platform, WorkspaceId};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

/// A digest not posted within this long after its week's window closed is
/// not posted late.
const DIGEST_GRACE_DAYS: i64 = 7;

impl App {
    pub(super) async fn send_digests(
        &self,
        now: DateTime<Utc>,
        platform: Platform,
        pass: &Pass<'_>,
    ) -> Result<(), AppError> {
        let owed = self.db().read(move |s| s.owed_digests(platform)).await?;
        for (workspace, week) in owed {
            if !pass.go_on() {
                return Ok(());
            }
            if let Some(event) = self
                .send_digest(now, platform, workspace, &week, pass)
                .await?
            {
                pass.handled(event);
            }
        }
        Ok(())
    }

    /// A week's digest, once its window has closed: the time the next
    /// week's check-ins fall due in the workspace's zone.
    async fn send_digest(
        &self,
        now: DateTime<Utc>,
        platform: Platform,
        workspace: WorkspaceId,
        week: &str,
        pass: &Pass<'_>,
    ) -> Result<Option<PassEvent>, AppError> {
        let Some(iso) = IsoWeek::parse(week) else {
            return Ok(None);
        };
        let settings = self
            .db()
            .read(move |s| s.workspace_settings(workspace))
            .await?;
        let tz: Tz = settings.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let closes = schedule::due_in_week(super::commands::schedule_of(&settings), iso.next(), tz);
        if now < closes {
            return Ok(None);
        }
        let week_owned = week.to_string();
        if now >= closes + Duration::days(DIGEST_GRACE_DAYS) {
            // Found too late (the bot was down for over a week): recorded,
            // never posted late.
            let why = Why::TooLate;
            let code = why.code();
            let claimed = self
                .db()
                .write(move |s| {
                    let claimed = s.claim_digest(workspace, &week_owned, now)?;
                    if claimed {
                        s.finish_digest(workspace, &week_owned, Sent::Failed, Some(&code))?;
                    }
                    Ok(claimed)
                })
                .await?;
            if !claimed {
                return Ok(None);
            }
            return Ok(Some(PassEvent {
                workspace: self.workspace_external(workspace).await?,
                member: None,
                kind: EventKind::Digest,
                result: Sent::Failed.as_str(),
                week: week.to_string(),
                local_time: local_time(closes, tz),
                error: for_output(Some(&why)),
            }));
        }
        let catalog = self.catalog_for(Some(workspace)).await?;
        let digest = self
            .db()
            .write(move |s| {
                if !s.claim_digest(workspace, &week_owned, now)? {
                    return Ok(None);
                }
                digest_of(s, &catalog, workspace, &week_owned, now).map(Some)
            })
            .await?;
        let Some(digest) = digest else {
            return Ok(None);
        };
        let (sent, error) = match &settings.digest_channel {
            Some(channel) => {
                let said = Said {
                    title: Some(digest.title()),
                    lines: digest.lines(),
                    ..Said::default()
                };
                let external = self.workspace_external(workspace).await?;
                let notice = Notice::new(
                    Recipient::Channel {
                        id: channel.clone(),
                    },
                    said,
                )
                .from(platform, external);
                match self.notify(&notice, pass).await {
                    Sending::Done(sent, error) => (sent, error),
                    Sending::Left(cut) => {
                        let owned = week.to_string();
                        self.db()
                            .write(move |s| s.release_digest(workspace, &owned))
                            .await?;
                        pass.cut(cut);
                        return Ok(Some(PassEvent {
                            workspace: self.workspace_external(workspace).await?,
                            member: None,
                            kind: EventKind::Digest,
                            result: DEFERRED,
                            week: week.to_string(),
                            local_time: local_time(closes, tz),
                            error: Some(left_why(cut)),
                        }));
                    }
                }
            }
            // No channel to post in: kept for /checkin status and the
            // console.
            None => (Sent::Queued, None),
        };
        {
            let (week, code) = (week.to_string(), error.as_ref().map(Why::code));
            self.db()
                .write(move |s| s.finish_digest(workspace, &week, sent, code.as_deref()))
                .await?;
        }
        Ok(Some(PassEvent {
            workspace: self.workspace_external(workspace).await?,
            member: None,
            kind: EventKind::Digest,
            result: sent.as_str(),
            week: week.to_string(),
            local_time: local_time(closes, tz),
            error: for_output(error.as_ref()),
        }))
    }
}

/// A workspace's week for the leads, from the check-ins and the ratings
/// recorded since each fell due.
/// A workspace's digest of `week` as of `at`: made from the check-ins
/// every time, so that it names only members who still have data here.
pub(crate) fn digest_of(
    s: &Store,
    catalog: &crate::matrix::Catalog,
    workspace: WorkspaceId,
    week: &str,
    now: DateTime<Utc>,
) -> Result<Digest, StoreError> {
    let mut rows = Vec::new();
    for c in s.week_checkins(workspace, week)? {
        let delivered = match c.status {
            CheckinStatus::Sent | CheckinStatus::Queued => Delivered::Yes,
            CheckinStatus::Refused => {
                Delivered::Refused(Why::parse(c.reason.as_deref().unwrap_or_default()).msg())
            }
            CheckinStatus::Sending => Delivered::Failed(msg!("delivery-still-sending")),
            CheckinStatus::Failed => Delivered::Failed(match &c.reason {
                Some(code) => Why::parse(code).msg(),
                None => msg!("delivery-unknown"),
            }),
        };
        let (changes, confirmed) = level_changes(s, catalog, c.member, c.due_at, now)?;
        rows.push(DigestRow {
            name: c.display_name.clone(),
            delivered,
            answer: c.answer.as_deref().and_then(Answer::parse),
            changes,
            confirmed,
        });
    }
    Ok(Digest {
        week: week.to_string(),
        rows,
    })
}

/// The member's levels that moved from `since` to `now`, per skill and
/// track; and their own levels rated again at the same level meanwhile
/// (confirmed), as "Skill Level".
fn level_changes(
    s: &Store,
    catalog: &crate::matrix::Catalog,
    member: MemberId,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(Vec<LevelChange>, Vec<Msg>), StoreError> {
    let recent: Vec<_> = s
        .ratings_since(member, since)?
        .into_iter()
        .filter(|e| e.at <= now)
        .collect();
    let mut latest: Vec<&crate::assess::HistoryEntry> = Vec::new();
    for e in &recent {
        match latest
            .iter_mut()
            .find(|l| l.skill == e.skill && l.by_lead() == e.by_lead())
        {
            Some(l) => *l = e,
            None => latest.push(e),
        }
    }
    let mut changes = Vec::new();
    let mut confirmed = Vec::new();
    for e in latest {
        let before = s.latest_in_track(member, &e.skill, e.by_lead(), Some((since, 0)))?;
        let rank = |l: Option<crate::matrix::Level>| i32::from(l.map_or(0, |l| l.rank()));
        let from = before.as_ref().map(|b| b.level);
        let name = |l| match catalog.get(&e.skill) {
            Some(skill) => crate::assess::level_name(l, skill),
            None => l.map_or_else(|| msg!("level-none"), |l: crate::matrix::Level| l.msg()),
        };
        let skill = catalog
            .get(&e.skill)
            .map_or_else(|| e.skill.clone(), |k| k.name().to_string());
        if from == Some(e.level) {
            if !e.by_lead() {
                confirmed.push(msg!(
                    "checkin-confirmed-skill",
                    skill = &skill,
                    level = name(e.level)
                ));
            }
            continue;
        }
        changes.push(LevelChange {
            skill,
            from: from.map(name),
            to: name(e.level),
            steps: rank(e.level) - from.map_or(0, rank),
            by_lead: e.by_lead(),
        });
    }
    Ok((changes, confirmed))
}

/// The latest digest of a workspace, made again from the check-ins.
pub(crate) async fn latest_digest(
    cx: &crate::app::core::Ctx<'_>,
    workspace: WorkspaceId,
) -> Result<Option<Digest>, AppError> {
    let catalog = cx.catalog.clone();
    cx.read(move |s| {
        s.latest_digest(workspace)?
            .map(|(week, at)| digest_of(s, &catalog, workspace, &week, at))
            .transpose()
    })
    .await
}
