//! The five-step ladder every skill uses. A skill may cover only the top of it
//! (a 3-level page is Senior, Lead, Principal), so a level keeps its rank
//! across skills: Senior is 3 whatever the skill, which keeps history and
//! team reports comparable.

use crate::i18n::Msg;
use crate::msg;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    Junior = 1,
    Middle = 2,
    Senior = 3,
    Lead = 4,
    Principal = 5,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Junior,
        Level::Middle,
        Level::Senior,
        Level::Lead,
        Level::Principal,
    ];

    /// 1 for Junior up to 5 for Principal.
    pub fn rank(self) -> u8 {
        self as u8
    }

    pub fn from_rank(rank: u8) -> Option<Level> {
        Level::ALL.get(usize::from(rank).checked_sub(1)?).copied()
    }

    /// The level's English name: what matrix files and exports write, and
    /// (lowercased) what commands take. Replies name a level with `msg`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Junior => "Junior",       // not prose: a key
            Level::Middle => "Middle",       // not prose: a key
            Level::Senior => "Senior",       // not prose: a key
            Level::Lead => "Lead",           // not prose: a key
            Level::Principal => "Principal", // not prose: a key
        }
    }

    /// The level's name in the reader's language.
    pub fn msg(self) -> Msg {
        match self {
            Level::Junior => msg!("level-junior"),
            Level::Middle => msg!("level-middle"),
            Level::Senior => msg!("level-senior"),
            Level::Lead => msg!("level-lead"),
            Level::Principal => msg!("level-principal"),
        }
    }

    /// The level one step up the ladder, if any.
    pub fn above(self) -> Option<Level> {
        Level::from_rank(self.rank() + 1)
    }

    /// The level one step down the ladder, if any.
    pub fn below(self) -> Option<Level> {
        Level::from_rank(self.rank().checked_sub(1)?)
    }

    /// Reads a level the way people type it: a name, a common alias or a
    /// number from 1 (Junior) to 5 (Principal). Case does not matter, and
    /// the parts of a name may be joined by spaces, `-`, `_` or `.`
    /// ("mid-level", "Level 1", "tech_lead", "sr."); a sign or a point
    /// before a number is no join, so "-3" and ".5" are not levels.
    pub fn parse(input: &str) -> Option<Level> {
        let lower = input.trim().to_lowercase();
        // An abbreviation's point: "sr.", "jr.".
        let lower = match lower.strip_suffix('.') {
            Some(rest) if rest.ends_with(|c: char| c.is_alphabetic()) => rest,
            _ => lower.as_str(),
        };
        let join = |c: char| c.is_whitespace() || matches!(c, '-' | '_' | '.');
        if lower.starts_with(join) || lower.ends_with(join) {
            return None;
        }
        let key: String = lower.split(join).collect();
        if !key.chars().all(char::is_alphanumeric) {
            return None;
        }
        let key = key.strip_prefix("level").unwrap_or(&key);
        let level = match key {
            "1" | "l1" | "junior" | "jun" | "jr" | "entry" | "beginner" | "trainee" => {
                Level::Junior
            }
            "2" | "l2" | "middle" | "mid" | "midlevel" | "intermediate" | "regular" => {
                Level::Middle
            }
            "3" | "l3" | "senior" | "sen" | "sr" | "advanced" => Level::Senior,
            "4" | "l4" | "lead" | "staff" | "techlead" | "tl" | "expert" => Level::Lead,
            "5" | "l5" | "principal" | "princ" | "architect" | "distinguished" | "fellow" => {
                Level::Principal
            }
            _ => return None,
        };
        Some(level)
    }

    /// The top `count` levels of the ladder, lowest first: how the site lays
    /// out a skill that has fewer than five levels.
    pub fn top(count: usize) -> Option<&'static [Level]> {
        if (1..=Level::ALL.len()).contains(&count) {
            Some(&Level::ALL[Level::ALL.len() - count..])
        } else {
            None
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_aliases_and_numbers() {
        assert_eq!(Level::parse("Senior"), Some(Level::Senior));
        assert_eq!(Level::parse(" mid "), Some(Level::Middle));
        assert_eq!(Level::parse("STAFF"), Some(Level::Lead));
        assert_eq!(Level::parse("5"), Some(Level::Principal));
        assert_eq!(Level::parse("Level 1"), Some(Level::Junior));
        assert_eq!(Level::parse("L3"), Some(Level::Senior));
        assert_eq!(Level::parse("sr."), Some(Level::Senior));
        assert_eq!(Level::parse("6"), None);
        assert_eq!(Level::parse("0"), None);
        assert_eq!(Level::parse(""), None);
        assert_eq!(Level::parse("wizard"), None);
        assert_eq!(Level::parse("mid-level"), Some(Level::Middle));
        assert_eq!(Level::parse("tech_lead"), Some(Level::Lead));
        assert_eq!(Level::parse("level 5"), Some(Level::Principal));
    }

    #[test]
    fn a_sign_or_a_point_is_not_part_of_a_level() {
        for typed in [
            "-1", "-3", "-5", ".5", "+2", "5.", "3-", "1.0", "-senior", "senior-", "- 1", "3!",
        ] {
            assert_eq!(Level::parse(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn top_levels_are_the_upper_end_of_the_ladder() {
        assert_eq!(
            Level::top(3),
            Some(&[Level::Senior, Level::Lead, Level::Principal][..])
        );
        assert_eq!(Level::top(5), Some(&Level::ALL[..]));
        assert_eq!(Level::top(0), None);
        assert_eq!(Level::top(6), None);
    }

    #[test]
    fn neighbours() {
        assert_eq!(Level::Senior.above(), Some(Level::Lead));
        assert_eq!(Level::Principal.above(), None);
        assert_eq!(Level::Junior.below(), None);
        assert_eq!(Level::from_rank(0), None);
    }
}
