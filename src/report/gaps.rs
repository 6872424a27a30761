//! The gap report: every member below their role's target, largest gaps
//! first, with what the next level asks of them.

use super::team::{Filter, Rated, Team, Track};
use crate::matrix::{Level, Skill};
use crate::team::MemberId;

/// One member below target in one skill, borrowing its texts from the
/// team (a report of thousands of rows copies no strings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap<'t> {
    pub member: MemberId,
    pub name: &'t str,
    pub role: &'t str,
    pub slug: &'t str,
    pub skill: &'t str,
    pub own: Option<Rated>,
    pub lead: Option<Rated>,
    /// Whose rating counts; `None`: never assessed.
    pub counted: Option<Track>,
    /// The counted level (`None`: below the first level, or never rated).
    pub level: Option<Level>,
    pub target: Level,
    /// Levels between the counted level and the target.
    pub gap: u8,
    /// The next level, and its expectations for the role: required (they
    /// block the promotion) and optional (stretch).
    pub next: Option<Level>,
    pub required: Vec<&'t str>,
    pub optional: Vec<&'t str>,
}

impl Gap<'_> {
    pub fn never_assessed(&self) -> bool {
        self.counted.is_none()
    }
}

/// Members below target, largest gaps first, then by skill and name.
/// Members never assessed are listed with the whole target as their gap.
pub fn gaps<'t>(team: &'t Team<'_>, filter: &Filter<'_>) -> Vec<Gap<'t>> {
    let mut rows = Vec::new();
    for skill in team.skills_in(filter) {
        for person in team.people_in(filter) {
            let Some(role) = person.role.as_deref() else {
                continue;
            };
            let Some(target) = team.target(role, skill.slug()) else {
                continue;
            };
            let standing = team.standing(person.id, skill.slug());
            let counted = standing.counted();
            let rank = counted.map_or(0, |(r, _)| r.rank());
            if rank >= target.rank() {
                continue;
            }
            let level = counted.and_then(|(r, _)| r.level);
            let (next, required, optional) = next_step(skill, level, role);
            rows.push(Gap {
                member: person.id,
                name: &person.name,
                role,
                slug: skill.slug(),
                skill: skill.name(),
                own: standing.own,
                lead: standing.lead,
                counted: counted.map(|(_, t)| t),
                level,
                target,
                gap: target.rank() - rank,
                next,
                required,
                optional,
            });
        }
    }
    rows.sort_by(|a, b| {
        (b.gap, a.skill, a.name, a.member.0).cmp(&(a.gap, b.skill, b.name, b.member.0))
    });
    rows
}

/// The level above `level` (the first level when below it) and what it
/// expects of `role`, required apart from optional.
fn next_step<'s>(
    skill: &'s Skill,
    level: Option<Level>,
    role: &str,
) -> (Option<Level>, Vec<&'s str>, Vec<&'s str>) {
    let next = match level {
        Some(l) => skill.level_above(l),
        None => skill.levels().first().copied(),
    };
    let (mut required, mut optional) = (Vec::new(), Vec::new());
    if let Some(e) = next.and_then(|n| skill.expectation(n, role)) {
        if e.required {
            required.push(e.description.as_str());
        } else {
            optional.push(e.description.as_str());
        }
    }
    (next, required, optional)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::synthetic;
    use crate::report::team::tests::team;

    #[test]
    fn members_below_target_largest_gap_first_with_what_they_need_next() {
        let skills = [synthetic::skill(1, 2), synthetic::skill(2, 2)];
        let team = team(&skills);
        let rows = gaps(&team, &Filter::default());
        let names: Vec<(&str, u8, bool)> = rows
            .iter()
            .map(|g| (g.name, g.gap, g.never_assessed()))
            .collect();
        // cy never assessed: the whole target; ann and bob Middle (the
        // lead's rating) against Senior.
        assert_eq!(
            names,
            [("cy", 3, true), ("ann", 1, false), ("bob", 1, false)]
        );
        let ann = &rows[1];
        assert_eq!(ann.counted, Some(Track::Lead));
        assert_eq!(ann.next, Some(Level::Senior));
        assert_eq!(ann.required.len() + ann.optional.len(), 1);
        assert_eq!(rows[0].next, Some(Level::Junior));
    }
}
