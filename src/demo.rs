//! A plausible team to try the reports on: members with the matrix's
//! roles, months of self and lead ratings with notes, some stale, some
//! never assessed, some self and lead ratings far apart, and a target per
//! role and skill. Generated from a seed, so the same command makes the
//! same team.

use crate::assess::{Note, Rating, Source};
use crate::matrix::{Catalog, Level};
use crate::store::{Store, StoreError, Target};
use crate::team::{MemberId, Platform, WorkspaceId};
use chrono::{DateTime, Duration, Utc};

const NAMES: &[&str] = &[
    "Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kai", "Lena",
    "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor", "Wen",
    "Xavi", "Yara", "Zoe", "Aiko", "Bruno", "Carla", "Dmitri", "Eva", "Farid", "Gil", "Hana",
    "Ivo", "Jana", "Kofi", "Lior", "Mira", "Nils",
];

const LEAD_NOTES: &[&str] = &[
    "Solid work on the last migration; next, own a design review.",
    "Pair with a senior on the next incident review.",
    "Great instincts; write down the runbook so others can follow.",
    "Let's agree on a stretch goal for next quarter.",
    "Shows the level in day-to-day work, not yet under pressure.",
];

/// What the seeding made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seeded {
    pub workspace: WorkspaceId,
    pub members: usize,
    pub ratings: usize,
    pub targets: usize,
    /// The member who gave the lead ratings, to log in as.
    pub lead: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the workspace {0:?} already has members; seed a new one (another --workspace name)")]
    NotEmpty(String),
    #[error("the matrix has no skills to rate")]
    NoSkills,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A level for a member's "true" standing: most are Middle or Senior.
fn true_rank(rng: &mut fastrand::Rng) -> u8 {
    match rng.u8(0..100) {
        0..=2 => 0,
        3..=22 => 1,
        23..=52 => 2,
        53..=80 => 3,
        81..=95 => 4,
        _ => 5,
    }
}

/// Fills the console workspace `name` with `members` members (and their
/// lead, "dana") as of `now`, in one transaction: a seed stopped midway
/// leaves nothing behind, so it can simply be run again.
pub fn seed(
    store: &mut Store,
    catalog: &Catalog,
    name: &str,
    members: usize,
    now: DateTime<Utc>,
) -> Result<Seeded, SeedError> {
    store.atomically(|store| seed_in(store, catalog, name, members, now))
}

fn seed_in(
    store: &mut Store,
    catalog: &Catalog,
    name: &str,
    members: usize,
    now: DateTime<Utc>,
) -> Result<Seeded, SeedError> {
    if catalog.is_empty() {
        return Err(SeedError::NoSkills);
    }
    let workspace = store.workspace(Platform::Console, name, name, now - Duration::days(240))?;
    if !store.members(workspace)?.is_empty() {
        return Err(SeedError::NotEmpty(name.to_string()));
    }
    let mut rng = fastrand::Rng::with_seed(members as u64 ^ 0x5eed);
    let lead = store.member(workspace, "dana", "Dana", now - Duration::days(240))?;
    let roles = catalog.roles().to_vec();
    let mut ratings: Vec<(MemberId, Option<MemberId>, Rating, DateTime<Utc>)> = Vec::new();
    for i in 0..members {
        let display = match i / NAMES.len() {
            0 => NAMES[i % NAMES.len()].to_string(),
            n => format!("{} {}", NAMES[i % NAMES.len()], n + 1),
        };
        let joined = now - Duration::days(i64::from(rng.u16(120..240)));
        let id = store.member(workspace, &display.to_lowercase(), &display, joined)?;
        let role = roles[rng.usize(0..roles.len())].clone();
        let mut profile = store.member_profile(id)?;
        profile.role = Some(role.clone());
        store.update_member(&profile)?;
        // Some members never assess anything; some stopped months ago.
        if rng.u8(0..100) < 8 {
            continue;
        }
        let stale = rng.u8(0..100) < 15;
        let end = if stale {
            now - Duration::days(130)
        } else {
            now - Duration::days(1)
        };
        for skill in catalog
            .skills()
            .iter()
            .filter(|s| s.roles().contains(&role))
        {
            if rng.u8(0..100) < 10 {
                continue;
            }
            let truth = true_rank(&mut rng);
            let span = (end - joined).num_days().max(14);
            let steps = rng.u8(1..=3).min(truth.max(1));
            for k in 0..steps {
                let rank = truth.saturating_sub(steps - 1 - k);
                // Some overrate themselves in the end.
                let rank = if k + 1 == steps && rng.u8(0..100) < 20 {
                    (rank + 1).min(5)
                } else {
                    rank
                };
                let at = joined + Duration::days(span * i64::from(k + 1) / i64::from(steps + 1));
                if let Ok(r) = Rating::new(
                    skill,
                    &role,
                    Level::from_rank(rank),
                    Source::SelfRated,
                    Vec::new(),
                    None,
                ) {
                    ratings.push((id, Some(id), r, at));
                }
            }
            if rng.u8(0..100) < 70 {
                // A lead's view, now and then two levels off the claim.
                let rank = if rng.u8(0..100) < 10 {
                    truth.saturating_sub(2)
                } else {
                    truth
                };
                let note = Note::new(LEAD_NOTES[rng.usize(0..LEAD_NOTES.len())])
                    .ok()
                    .flatten();
                let at = end - Duration::days(i64::from(rng.u8(0..20)));
                if let Ok(r) = Rating::new(
                    skill,
                    &role,
                    Level::from_rank(rank),
                    Source::Lead,
                    Vec::new(),
                    note,
                ) {
                    ratings.push((id, Some(lead), r, at));
                }
            }
            if !stale && rng.u8(0..100) < 30 {
                let rank = truth;
                let at = now - Duration::days(i64::from(rng.u8(1..20)));
                if let Ok(r) = Rating::new(
                    skill,
                    &role,
                    Level::from_rank(rank),
                    Source::Weekly,
                    Vec::new(),
                    None,
                ) {
                    ratings.push((id, Some(id), r, at));
                }
            }
        }
    }
    ratings.sort_by_key(|(_, _, _, at)| *at);
    store.record_batch(&ratings)?;
    let mut targets = Vec::new();
    for skill in catalog.skills() {
        for role in skill.roles() {
            let level = if rng.u8(0..100) < 30 {
                Level::Middle
            } else {
                Level::Senior
            };
            if skill.has_level(level) {
                targets.push(Target {
                    role: role.clone(),
                    skill: skill.slug().to_string(),
                    level,
                });
            }
        }
    }
    store.set_targets(workspace, &targets, Some(lead), now)?;
    store.fold()?;
    Ok(Seeded {
        workspace,
        members,
        ratings: ratings.len(),
        targets: targets.len(),
        lead: "dana".into(),
    })
}
