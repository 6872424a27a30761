//! Choices offered while the user types an option (Discord's autocomplete).

use super::spec::Kind;
use super::{Actor, App, Choice};
use crate::schedule::suggest_time_zones;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Discord shows at most 25 choices.
pub const MAX_CHOICES: usize = 25;

impl App {
    /// Up to 25 choices for an option of `kind`, best match first. Skills
    /// include the ones the asker's workspace imported.
    pub fn suggest(
        &self,
        store: &mut Store,
        actor: &Actor,
        kind: Kind,
        partial: &str,
        now: DateTime<Utc>,
    ) -> Vec<Choice> {
        let choice = |value: &str, label: String| Choice {
            value: value.to_string(),
            label,
        };
        if kind == Kind::TimeZone {
            return suggest_time_zones(partial, MAX_CHOICES)
                .into_iter()
                .map(|z| choice(z, z.to_string()))
                .collect();
        }
        // Suggestions are a convenience: on a fault, offer none and let the
        // command itself report it.
        let catalog = store
            .workspace(
                actor.platform,
                &actor.workspace_id,
                &actor.workspace_name,
                now,
            )
            .ok()
            .and_then(|w| self.catalog_for(store, w).ok());
        let Some(catalog) = catalog else {
            return Vec::new();
        };
        match kind {
            Kind::Skill => catalog
                .suggest_skills(partial, MAX_CHOICES)
                .into_iter()
                .map(|s| choice(s.slug(), format!("{} ({})", s.name(), s.group())))
                .collect(),
            Kind::Role => catalog
                .suggest_roles(partial, MAX_CHOICES)
                .into_iter()
                .map(|r| choice(r, r.to_string()))
                .collect(),
            _ => Vec::new(),
        }
    }
}
