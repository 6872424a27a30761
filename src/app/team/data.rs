//! The rows a team report is made from, read in one go, and the team the
//! pure report layer works on. Shared by the chat commands and the
//! command line.

use crate::app::core::{AppError, Ctx};
use crate::matrix::{Catalog, Level};
use crate::report::{Person, Rated, Team};
use crate::store::{Store, StoreError, Target, Tracks};
use crate::team::{MemberId, WorkspaceId};
use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, HashSet};

/// A workspace's members, their current levels in both tracks, its targets
/// and its stale age, as read from the store.
#[derive(Clone, Debug, Default)]
pub struct TeamRows {
    pub people: Vec<Person>,
    pub tracks: Tracks,
    pub targets: Vec<Target>,
    pub stale_days: u16,
}

/// Reads a workspace's team on one connection.
pub fn read_team(s: &Store, workspace: WorkspaceId) -> Result<TeamRows, StoreError> {
    let settings = s.workspace_settings(workspace)?;
    let tracks = s.team_track_rows(workspace)?;
    let rated: HashSet<MemberId> = tracks.rows.iter().map(|r| r.member).collect();
    // The team is whoever set a role or was rated: someone who only ran a
    // command (a lead reading a report) is no member of it.
    let people = s
        .members(workspace)?
        .into_iter()
        .filter(|m| m.role.is_some() || rated.contains(&m.id))
        .map(|m| Person {
            id: m.id,
            name: m.display_name,
            role: m.role,
        })
        .collect();
    Ok(TeamRows {
        people,
        tracks,
        targets: s.targets(workspace)?,
        stale_days: settings.stale_days,
    })
}

impl TeamRows {
    /// The team over the skills of `catalog` that matter to it: those with
    /// a rating or a target here, or expectations for a member's role.
    pub fn team<'c>(self, catalog: &'c Catalog, now: DateTime<Utc>) -> Team<'c> {
        let rated: HashSet<&str> = self.tracks.skills.iter().map(String::as_str).collect();
        let targets: HashMap<(String, String), Level> = self
            .targets
            .into_iter()
            .map(|t| ((t.role, t.skill), t.level))
            .collect();
        let roles: HashSet<&str> = self
            .people
            .iter()
            .filter_map(|p| p.role.as_deref())
            .collect();
        let skills = catalog
            .skills()
            .iter()
            .filter(|s| {
                rated.contains(s.slug())
                    || targets.keys().any(|(_, slug)| slug == s.slug())
                    || s.roles().iter().any(|r| roles.contains(r.as_str()))
            })
            .collect();
        let mut team = Team::new(
            skills,
            self.people,
            targets,
            now,
            Duration::days(i64::from(self.stale_days)),
        );
        let at: Vec<Option<usize>> = self
            .tracks
            .skills
            .iter()
            .map(|slug| team.skill_index(slug))
            .collect();
        for row in &self.tracks.rows {
            let rated = Rated {
                level: Level::from_rank(row.rank),
                at: row.at,
            };
            team.rate_at(row.member, at[row.skill], row.by_lead, rated);
        }
        team
    }
}

/// The asker's team, or an empty one when the workspace has no row yet.
pub(crate) async fn load(cx: &Ctx<'_>) -> Result<TeamRows, AppError> {
    let Some(workspace) = cx.known_workspace() else {
        return Ok(TeamRows {
            stale_days: 90,
            ..TeamRows::default()
        });
    };
    cx.read(move |s| read_team(s, workspace)).await
}

/// Writes a report to the audit log: who pulled what, when. Reading a
/// report makes no one a member: a lead without a member row is named in
/// the entry by their platform id and name.
pub(crate) async fn audit(cx: &mut Ctx<'_>, action: &str, detail: String) -> Result<(), AppError> {
    let workspace = cx.workspace().await?;
    let me = cx.known_me().await?;
    let detail = match me {
        Some(_) => detail,
        None => format!(
            "{detail} by {} ({})", // not prose: a record for the audit trail or the log
            cx.actor.user_id, cx.actor.display_name
        ),
    };
    let (now, action) = (cx.now, action.to_string());
    cx.write(move |s| s.audit(workspace, me, &action, &detail, now))
        .await
}
