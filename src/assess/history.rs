//! A member's level history as it was recorded: what reads of the store
//! return and what the app and the reports work from.

use super::rating::{LevelAnswer, Source};
use crate::matrix::Level;
use crate::team::MemberId;
use chrono::{DateTime, Utc};

/// A member's latest rating in one skill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentLevel {
    pub member: MemberId,
    pub skill: String,
    /// `None`: below the skill's first level.
    pub level: Option<Level>,
    pub source: Source,
    pub at: DateTime<Utc>,
}

/// One row of the level history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: i64,
    pub member: MemberId,
    pub skill: String,
    pub role: String,
    pub level: Option<Level>,
    pub source: Source,
    pub rated_by: Option<MemberId>,
    /// The rater's name as they are called now, when it was not the
    /// member themself; `None` too when the rater deleted their data.
    pub rated_by_name: Option<String>,
    pub answers: Vec<LevelAnswer>,
    pub note: Option<String>,
    pub matrix_hash: String,
    pub at: DateTime<Utc>,
}

impl HistoryEntry {
    /// Whether a lead gave this rating (the lead's track), rather than the
    /// member (their own track: self-assessments and weekly check-ins).
    pub fn by_lead(&self) -> bool {
        self.source.is_lead()
    }
}
