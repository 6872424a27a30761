//! A skill over time: who moved up or down between two moments, and the
//! team's distribution of levels week by week.

use super::team::{Person, Rated, Standing};
use crate::matrix::Level;
use crate::team::MemberId;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// One rating in the history of a skill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rating {
    pub member: MemberId,
    pub by_lead: bool,
    pub level: Option<Level>,
    pub at: DateTime<Utc>,
}

/// How many members stand at each rank (0: below the first level) and how
/// many are not rated yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Distribution {
    pub at_rank: [usize; 6],
    pub unrated: usize,
}

/// A member whose level moved over the period: two ratings of the track
/// that counts at the end (their lead's where there is one, else their
/// own), its latest at the start and at the end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub name: String,
    pub from: Option<Level>,
    pub to: Option<Level>,
    /// Levels up (positive) or down (negative); never 0.
    pub steps: i32,
}

/// A member whose track that counts had no rating at the start: a first
/// rating is no move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewlyRated {
    pub name: String,
    pub level: Option<Level>,
    pub by_lead: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trend {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Largest moves up first, then the moves down.
    pub moves: Vec<Move>,
    /// First ratings within the period, by name.
    pub newly_rated: Vec<NewlyRated>,
    pub then: Distribution,
    pub now: Distribution,
    /// The distribution at the end of each week of the period, oldest
    /// first, ending at `to`.
    pub weekly: Vec<(DateTime<Utc>, Distribution)>,
}

/// The trend of one skill over the `weeks` before `to`, for `people`, from
/// every rating of the skill (in any order).
pub fn trend(people: &[Person], ratings: &[Rating], to: DateTime<Utc>, weeks: u32) -> Trend {
    let from = to - Duration::weeks(i64::from(weeks));
    let mut by_member: HashMap<MemberId, Vec<Rating>> = HashMap::new();
    for r in ratings {
        by_member.entry(r.member).or_default().push(*r);
    }
    for list in by_member.values_mut() {
        list.sort_by_key(|r| r.at);
    }
    let standing_at = |member: MemberId, at: DateTime<Utc>| -> Standing {
        let mut s = Standing::default();
        for r in by_member
            .get(&member)
            .into_iter()
            .flatten()
            .filter(|r| r.at <= at)
        {
            let rated = Some(Rated {
                level: r.level,
                at: r.at,
            });
            if r.by_lead {
                s.lead = rated;
            } else {
                s.own = rated;
            }
        }
        s
    };
    let distribution = |at: DateTime<Utc>| {
        let mut d = Distribution::default();
        for p in people {
            match standing_at(p.id, at).counted() {
                Some((r, _)) => d.at_rank[usize::from(r.rank())] += 1,
                None => d.unrated += 1,
            }
        }
        d
    };
    let mut moves = Vec::new();
    let mut newly_rated = Vec::new();
    for p in people {
        let end = standing_at(p.id, to);
        // The track that counts now; the same track at the start.
        let (by_lead, after, before) = match end.lead {
            Some(lead) => (true, lead, standing_at(p.id, from).lead),
            None => match end.own {
                Some(own) => (false, own, standing_at(p.id, from).own),
                None => continue,
            },
        };
        let rank = |l: Option<Level>| i32::from(l.map_or(0, Level::rank));
        match before {
            None => newly_rated.push(NewlyRated {
                name: p.name.clone(),
                level: after.level,
                by_lead,
            }),
            Some(before) if before.level != after.level => moves.push(Move {
                name: p.name.clone(),
                from: before.level,
                to: after.level,
                steps: rank(after.level) - rank(before.level),
            }),
            Some(_) => {}
        }
    }
    newly_rated.sort_by(|a, b| a.name.cmp(&b.name));
    moves.sort_by(|a, b| b.steps.cmp(&a.steps).then_with(|| a.name.cmp(&b.name)));
    let weekly = (0..=weeks)
        .rev()
        .map(|w| {
            let at = to - Duration::weeks(i64::from(w));
            (at, distribution(at))
        })
        .collect();
    Trend {
        from,
        to,
        moves,
        newly_rated,
        then: distribution(from),
        now: distribution(to),
        weekly,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, 12, 0, 0).unwrap()
    }

    fn person(id: i64, name: &str) -> Person {
        Person {
            id: MemberId(id),
            name: name.into(),
            role: None,
        }
    }

    fn rating(member: i64, by_lead: bool, level: Level, d: u32) -> Rating {
        Rating {
            member: MemberId(member),
            by_lead,
            level: Some(level),
            at: day(d),
        }
    }

    #[test]
    fn moves_count_the_lead_rating_when_there_is_one() {
        let people = vec![person(1, "ann"), person(2, "bob"), person(3, "cy")];
        let ratings = vec![
            rating(1, false, Level::Junior, 1),
            rating(1, false, Level::Senior, 20),
            // Bob claims Lead, his lead says Middle: Middle counts, before
            // and after.
            rating(2, true, Level::Middle, 2),
            rating(2, false, Level::Lead, 21),
            rating(3, true, Level::Senior, 3),
            rating(3, true, Level::Junior, 22),
        ];
        let t = trend(&people, &ratings, day(28), 2);
        let moves: Vec<(String, i32)> = t.moves.iter().map(|m| (m.name.clone(), m.steps)).collect();
        assert_eq!(moves, [("ann".to_string(), 2), ("cy".to_string(), -2)]);
        assert!(t.newly_rated.is_empty());
        assert_eq!(t.then.at_rank, [0, 1, 1, 1, 0, 0]);
        assert_eq!(t.now.at_rank, [0, 1, 1, 1, 0, 0]);
        assert_eq!(t.weekly.len(), 3);
        assert_eq!(t.weekly[2].0, day(28));
    }

    #[test]
    fn a_first_rating_is_newly_rated_and_no_move() {
        let people = vec![person(1, "ken"), person(2, "bob")];
        let ratings = vec![
            // Ken's first rating falls within the period.
            rating(1, false, Level::Lead, 20),
            // Bob's own Lead, then his lead's first rating, Middle: the
            // lead's track counts now and had nothing at the start.
            rating(2, false, Level::Lead, 1),
            rating(2, true, Level::Middle, 21),
        ];
        let t = trend(&people, &ratings, day(28), 2);
        assert_eq!(t.moves, []);
        let newly: Vec<(&str, Option<Level>, bool)> = t
            .newly_rated
            .iter()
            .map(|n| (n.name.as_str(), n.level, n.by_lead))
            .collect();
        assert_eq!(
            newly,
            [
                ("bob", Some(Level::Middle), true),
                ("ken", Some(Level::Lead), false)
            ]
        );
        // The distribution still counts what counts.
        assert_eq!(t.then.at_rank, [0, 0, 0, 0, 1, 0]);
        assert_eq!(t.now.at_rank, [0, 0, 1, 0, 1, 0]);
    }
}
