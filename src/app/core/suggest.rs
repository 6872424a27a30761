//! Choices offered while the user types an option (autocomplete). A read:
//! nothing is written on a keystroke.

use crate::app::core::App;
use crate::app::protocol::spec::Kind;
use crate::app::protocol::{Actor, Choice};
use crate::schedule::suggest_time_zones;

impl App {
    /// Up to `limit` choices for an option of `kind`, best match first.
    /// Skills include the ones the asker's workspace imported.
    pub async fn suggest(
        &self,
        actor: &Actor,
        kind: Kind,
        partial: &str,
        limit: usize,
    ) -> Vec<Choice> {
        let choice = |value: &str, label: String| Choice {
            value: value.to_string(),
            label,
        };
        // The longest value worth matching; longer input matches nothing.
        if partial.chars().count() > kind.limit().0 {
            return Vec::new();
        }
        if kind == Kind::TimeZone {
            return suggest_time_zones(partial, limit)
                .into_iter()
                .map(|z| choice(z, z.to_string()))
                .collect();
        }
        // Suggestions are a convenience: on a fault, offer none and let the
        // command itself report it.
        let workspace = self.known_workspace(actor).await.ok().flatten();
        let Ok(catalog) = self.catalog_for(workspace).await else {
            return Vec::new();
        };
        match kind {
            Kind::Skill => catalog
                .suggest_skills(partial, limit)
                .into_iter()
                .map(|s| {
                    let label = crate::tr!(
                        actor,
                        "skill-choice",
                        skill = s.name(),
                        group = s.group(),
                        mark = catalog.mark(s)
                    );
                    choice(s.slug(), label)
                })
                .collect(),
            Kind::Role => catalog
                .suggest_roles(partial, limit)
                .into_iter()
                .map(|r| choice(r, r.to_string()))
                .collect(),
            _ => Vec::new(),
        }
    }
}
