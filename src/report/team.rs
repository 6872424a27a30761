//! A team as the reports see it: its members, each one's two latest
//! ratings per skill (their own and a lead's), and the level each role is
//! expected to hold. Built from plain rows; everything here is arithmetic.

use crate::matrix::{Level, Skill};
use crate::team::MemberId;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// The group of members whose profile names no role: its key, which
/// exports write as it is and replies name through the catalog.
pub const NO_ROLE: &str = "(no role set)"; // not prose: a key (replies say team-no-role)

/// One rating: its level (`None`: below the skill's first level) and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rated {
    pub level: Option<Level>,
    pub at: DateTime<Utc>,
}

impl Rated {
    /// 0 below the first level, else the level's rank.
    pub fn rank(&self) -> u8 {
        self.level.map_or(0, Level::rank)
    }
}

/// Whose rating counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Track {
    Own,
    Lead,
}

/// A member's latest ratings in one skill.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub own: Option<Rated>,
    pub lead: Option<Rated>,
}

impl Standing {
    /// The level that counts: a lead's rating when there is one, else the
    /// member's own.
    pub fn counted(&self) -> Option<(Rated, Track)> {
        match (self.lead, self.own) {
            (Some(lead), _) => Some((lead, Track::Lead)),
            (None, Some(own)) => Some((own, Track::Own)),
            (None, None) => None,
        }
    }

    /// When the member was last rated, by anyone.
    pub fn newest(&self) -> Option<DateTime<Utc>> {
        self.own.map(|r| r.at).max(self.lead.map(|r| r.at))
    }

    /// Own and lead ratings two levels apart or more.
    pub fn disagree(&self) -> bool {
        matches!((self.own, self.lead), (Some(o), Some(l)) if o.rank().abs_diff(l.rank()) >= 2)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: MemberId,
    pub name: String,
    /// A role of the matrix, from their profile.
    pub role: Option<String>,
}

impl Person {
    pub fn role_name(&self) -> &str {
        self.role.as_deref().unwrap_or(NO_ROLE)
    }
}

/// What a report covers: one skill, one role, one member, or all.
#[derive(Clone, Copy, Debug, Default)]
pub struct Filter<'a> {
    /// A skill's slug.
    pub skill: Option<&'a str>,
    pub role: Option<&'a str>,
    pub member: Option<MemberId>,
}

#[derive(Debug)]
pub struct Team<'a> {
    /// The skills, in the order reports show them.
    pub skills: Vec<&'a Skill>,
    /// The members, by name.
    pub people: Vec<Person>,
    /// The level each role is expected to hold, by role and skill slug.
    pub targets: HashMap<(String, String), Level>,
    pub now: DateTime<Utc>,
    /// A rating older than this is stale.
    pub stale_after: Duration,
    /// Where each skill and member is in the lists above.
    skill_at: HashMap<&'a str, usize>,
    member_at: HashMap<MemberId, usize>,
    /// Every member's standing in every skill, member by member: the
    /// reports read them all, so a dense table beats a map.
    standings: Vec<Standing>,
}

impl<'a> Team<'a> {
    /// A team whose members are not rated yet; `rate` adds the ratings.
    pub fn new(
        skills: Vec<&'a Skill>,
        people: Vec<Person>,
        targets: HashMap<(String, String), Level>,
        now: DateTime<Utc>,
        stale_after: Duration,
    ) -> Team<'a> {
        let skill_at = skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.slug(), i))
            .collect();
        let member_at = people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let standings = vec![Standing::default(); skills.len() * people.len()];
        Team {
            skills,
            people,
            targets,
            now,
            stale_after,
            skill_at,
            member_at,
            standings,
        }
    }

    fn index(&self, member: MemberId, skill: &str) -> Option<usize> {
        let m = *self.member_at.get(&member)?;
        let s = *self.skill_at.get(skill)?;
        Some(m * self.skills.len() + s)
    }

    /// Records a member's latest rating of one track in a skill, unless the
    /// one recorded is newer; a member or skill outside the team is
    /// ignored.
    pub fn rate(&mut self, member: MemberId, skill: &str, by_lead: bool, rated: Rated) {
        let at = self.skill_at.get(skill).copied();
        self.rate_at(member, at, by_lead, rated);
    }

    /// The position of a skill among the team's, for `rate_at`.
    pub fn skill_index(&self, slug: &str) -> Option<usize> {
        self.skill_at.get(slug).copied()
    }

    /// `rate` with the skill's position looked up once for many rows.
    pub fn rate_at(&mut self, member: MemberId, skill: Option<usize>, by_lead: bool, rated: Rated) {
        let (Some(skill), Some(&m)) = (skill, self.member_at.get(&member)) else {
            return;
        };
        let s = &mut self.standings[m * self.skills.len() + skill];
        let track = if by_lead { &mut s.lead } else { &mut s.own };
        if track.is_none_or(|r| rated.at >= r.at) {
            *track = Some(rated);
        }
    }

    pub fn standing(&self, member: MemberId, skill: &str) -> Standing {
        self.index(member, skill)
            .map(|i| self.standings[i])
            .unwrap_or_default()
    }

    pub fn target(&self, role: &str, skill: &str) -> Option<Level> {
        self.targets
            .get(&(role.to_string(), skill.to_string()))
            .copied()
    }

    /// The skills a filter covers.
    pub fn skills_in(&self, filter: &Filter<'_>) -> impl Iterator<Item = &'a Skill> + use<'a, '_> {
        let only = filter.skill.map(str::to_string);
        self.skills
            .iter()
            .copied()
            .filter(move |s| only.as_deref().is_none_or(|slug| s.slug() == slug))
    }

    /// The members a filter covers.
    pub fn people_in<'p>(
        &'p self,
        filter: &Filter<'_>,
    ) -> impl Iterator<Item = &'p Person> + use<'p, 'a> {
        let (role, member) = (filter.role.map(str::to_string), filter.member);
        self.people.iter().filter(move |p| {
            role.as_deref().is_none_or(|r| p.role_name() == r) && member.is_none_or(|m| p.id == m)
        })
    }
}

/// One skill and role: how the members stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub skill: String,
    pub slug: String,
    pub role: String,
    pub members: usize,
    /// Members whose counted level is below the first level (index 0) or
    /// at each level (by rank).
    pub at_rank: [usize; 6],
    /// The median counted level: `None` when nobody is rated, `Some(None)`
    /// when it is below the skill's first level.
    pub median: Option<Option<Level>>,
    /// The role's target in the skill, and how many members meet it.
    pub target: Option<Level>,
    pub meeting: usize,
    /// Rated members whose latest rating is older than the stale age.
    pub stale: usize,
    /// Members whose own and lead ratings are two levels apart or more.
    pub disagreements: usize,
    /// Members never rated in the skill, by name.
    pub never: Vec<(MemberId, String)>,
}

/// Per skill and role: the members at each level, the median, how many
/// meet the target, stale ratings, disagreements, and who was never
/// assessed. A role is listed in a skill when the skill has expectations
/// for it, or one of its members was rated in the skill.
pub fn summary(team: &Team<'_>, filter: &Filter<'_>) -> Vec<SummaryRow> {
    let mut roles: Vec<&str> = team.people_in(filter).map(Person::role_name).collect();
    roles.sort_unstable();
    roles.dedup();
    let mut rows = Vec::new();
    for skill in team.skills_in(filter) {
        for &role in &roles {
            let members: Vec<&Person> = team
                .people_in(filter)
                .filter(|p| p.role_name() == role)
                .collect();
            let expected = skill.roles().iter().any(|r| r == role);
            let any_rated = members
                .iter()
                .any(|p| team.standing(p.id, skill.slug()).counted().is_some());
            if members.is_empty() || !(expected || any_rated) {
                continue;
            }
            rows.push(summary_row(team, skill, role, &members));
        }
    }
    rows
}

fn summary_row(team: &Team<'_>, skill: &Skill, role: &str, members: &[&Person]) -> SummaryRow {
    let target = team.target(role, skill.slug());
    let stale_before = team.now - team.stale_after;
    let mut row = SummaryRow {
        skill: skill.name().to_string(),
        slug: skill.slug().to_string(),
        role: role.to_string(),
        members: members.len(),
        at_rank: [0; 6],
        median: None,
        target,
        meeting: 0,
        stale: 0,
        disagreements: 0,
        never: Vec::new(),
    };
    let mut ranks = Vec::new();
    for p in members {
        let standing = team.standing(p.id, skill.slug());
        let Some((counted, _)) = standing.counted() else {
            row.never.push((p.id, p.name.clone()));
            continue;
        };
        let rank = counted.rank();
        row.at_rank[usize::from(rank)] += 1;
        ranks.push(rank);
        if target.is_some_and(|t| rank >= t.rank()) {
            row.meeting += 1;
        }
        if standing.newest().is_some_and(|at| at < stale_before) {
            row.stale += 1;
        }
        if standing.disagree() {
            row.disagreements += 1;
        }
    }
    ranks.sort_unstable();
    // The lower middle of an even count: a level someone actually holds.
    row.median = ranks
        .get(ranks.len().saturating_sub(1) / 2)
        .map(|r| Level::from_rank(*r));
    row
}

/// Who holds Senior or above in a skill: one person or none is a risk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub skill: String,
    pub holders: Vec<String>,
}

impl Coverage {
    pub fn at_risk(&self) -> bool {
        self.holders.len() <= 1
    }
}

/// Coverage of each skill the filter covers, over the whole team: who else
/// holds a skill does not change with the rows a lead asked to see (one
/// member, one role).
pub fn coverage(team: &Team<'_>, filter: &Filter<'_>) -> Vec<Coverage> {
    team.skills_in(filter)
        .map(|skill| Coverage {
            skill: skill.name().to_string(),
            holders: team
                .people
                .iter()
                .filter(|p| {
                    team.standing(p.id, skill.slug())
                        .counted()
                        .is_some_and(|(r, _)| r.rank() >= Level::Senior.rank())
                })
                .map(|p| p.name.clone())
                .collect(),
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::matrix::synthetic;
    use chrono::TimeZone;

    pub fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap()
    }

    fn rated(rank: u8, days_ago: i64) -> Rated {
        Rated {
            level: Level::from_rank(rank),
            at: now() - Duration::days(days_ago),
        }
    }

    /// Two skills; ann, bob and cy as Role 000, dee without a role.
    pub fn team(skills: &[Skill]) -> Team<'_> {
        let person = |id, name: &str, role: Option<&str>| Person {
            id: MemberId(id),
            name: name.into(),
            role: role.map(str::to_string),
        };
        let mut targets = HashMap::new();
        targets.insert(
            ("Role 000".to_string(), skills[0].slug().to_string()),
            Level::Senior,
        );
        let mut team = Team::new(
            skills.iter().collect(),
            vec![
                person(1, "ann", Some("Role 000")),
                person(2, "bob", Some("Role 000")),
                person(3, "cy", Some("Role 000")),
                person(4, "dee", None),
            ],
            targets,
            now(),
            Duration::days(90),
        );
        let (first, second) = (skills[0].slug(), skills[1].slug());
        // ann: own Senior, lead Middle (the lead's counts), a year old.
        team.rate(MemberId(1), first, false, rated(3, 400));
        team.rate(MemberId(1), first, true, rated(2, 400));
        // bob: own Principal, lead Middle: three apart.
        team.rate(MemberId(2), first, false, rated(5, 10));
        team.rate(MemberId(2), first, true, rated(2, 10));
        // cy: never rated in the first skill; Lead in the second.
        team.rate(MemberId(3), second, false, rated(4, 5));
        team.rate(MemberId(4), first, false, rated(1, 5));
        team
    }

    #[test]
    fn the_summary_counts_levels_targets_stale_ratings_and_disagreements() {
        let skills = [synthetic::skill(1, 2), synthetic::skill(2, 2)];
        let team = team(&skills);
        let rows = summary(&team, &Filter::default());
        let first = &rows[0];
        assert_eq!(
            (first.skill.as_str(), first.role.as_str()),
            ("Skill 001", "(no role set)")
        );
        assert_eq!(first.at_rank, [0, 1, 0, 0, 0, 0], "dee, rated in skill 1");
        let role = &rows[1];
        assert_eq!(role.role, "Role 000");
        assert_eq!(role.members, 3);
        assert_eq!(role.at_rank, [0, 0, 2, 0, 0, 0], "the leads' Middle counts");
        assert_eq!(role.median, Some(Some(Level::Middle)));
        assert_eq!((role.target, role.meeting), (Some(Level::Senior), 0));
        assert_eq!(role.stale, 1, "ann's ratings are a year old");
        assert_eq!(role.disagreements, 1, "bob: 3 levels apart; ann: 1 only");
        assert_eq!(role.never, [(MemberId(3), "cy".to_string())]);
        // In skill 2 dee's role group has no one rated and no expectations.
        assert!(
            rows.iter()
                .all(|r| !(r.slug == "skill-002" && r.role == NO_ROLE))
        );
    }

    #[test]
    fn coverage_flags_a_skill_held_by_one_person_or_none() {
        let skills = [synthetic::skill(1, 2), synthetic::skill(2, 2)];
        let team = team(&skills);
        let c = coverage(&team, &Filter::default());
        assert_eq!(c[0].holders, Vec::<String>::new());
        assert!(c[0].at_risk());
        assert_eq!(c[1].holders, ["cy"]);
        assert!(c[1].at_risk());
    }
}
