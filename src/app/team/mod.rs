//! /team: the leads' reports on their team (summary with its heatmap and
//! Nudge, gaps against targets, trend, CSV export), read from one load of
//! the team's rows.

pub mod data;
pub mod gaps;
pub mod summary;
pub mod trend;

use crate::app::core::AppError;
use crate::matrix::Catalog;
use crate::report::Filter;

/// The skill and role a lead typed, as the report filters by them.
pub(crate) struct Scope {
    pub slug: Option<String>,
    pub role: Option<String>,
}

impl Scope {
    pub fn resolve(
        catalog: &Catalog,
        skill: Option<&str>,
        role: Option<&str>,
    ) -> Result<Scope, AppError> {
        Ok(Scope {
            slug: skill
                .map(|s| catalog.find_skill(s).map(|k| k.slug().to_string()))
                .transpose()?,
            role: role
                .map(|r| catalog.find_role(r).map(str::to_string))
                .transpose()?,
        })
    }

    pub fn filter(&self) -> Filter<'_> {
        Filter {
            skill: self.slug.as_deref(),
            role: self.role.as_deref(),
            member: None,
        }
    }

    /// "skill=serverless-functions role=Cloud Engineer", for the audit log.
    pub fn detail(&self) -> String {
        format!(
            "skill={} role={}", // not prose: a record for the audit trail or the log
            self.slug.as_deref().unwrap_or("all"),
            self.role.as_deref().unwrap_or("all")
        )
    }
}
