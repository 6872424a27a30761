//! The guided self-assessment as a state machine. The app keeps it in the
//! database between button presses; this file only decides what comes next.

use super::rating::{Answer, LevelAnswer, Note};
use crate::matrix::{Level, Skill};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// The member's role is unknown or not a role of this skill.
    ChooseRole,
    /// Showing one level's expectation with "I do this / Partly / Not yet".
    Ask(Level),
    /// Offering the optional evidence note.
    Note,
    /// The result, with "Save".
    Summary,
}

/// How the dialog reaches a level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Level by level, from `start`; every level below `start` was confirmed
    /// by the member's previous rating.
    Guided { start: Level },
    /// Straight to a given level (`None`: below the first level).
    Direct { level: Option<Level> },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialog {
    pub skill: String,
    pub role: Option<String>,
    pub mode: Mode,
    pub step: Step,
    pub answers: Vec<LevelAnswer>,
    pub note: Option<Note>,
    /// The role was picked in this dialog (rather than known at its start),
    /// so going back can offer the choice again.
    #[serde(default)]
    pub role_chosen: bool,
}

/// What a level counted as in a guided dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Below where the dialog started: met by the previous rating.
    Assumed,
    Answered(Answer),
    /// The role has no expectation at this level, and a later one was asked.
    PassedOver,
    /// Not reached: the dialog stopped before it.
    NotAsked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Role(String),
    Answer(Answer),
    /// The note modal was submitted (`None`: skipped or left empty).
    Note(Option<Note>),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DialogError {
    #[error("that button belongs to an earlier step of this dialog")]
    OutOfStep,
    #[error("{role} has no expectations in {skill}")]
    RoleNotInSkill { role: String, skill: String },
    #[error("this is the first step: there is nothing to go back to")]
    NothingBefore,
}

impl Dialog {
    /// A guided assessment. It starts one level below `last` (the member's
    /// last recorded level) to re-confirm it, or at the skill's first level.
    pub fn guided(skill: &Skill, role: Option<&str>, last: Option<Level>) -> Dialog {
        let first = skill.levels()[0];
        let start = last
            .and_then(Level::below)
            .filter(|l| *l >= first && skill.has_level(*l))
            .unwrap_or(first);
        Dialog::new(skill, role, Mode::Guided { start })
    }

    /// Records `level` directly, after showing its expectation.
    pub fn direct(skill: &Skill, role: Option<&str>, level: Option<Level>) -> Dialog {
        Dialog::new(skill, role, Mode::Direct { level })
    }

    fn new(skill: &Skill, role: Option<&str>, mode: Mode) -> Dialog {
        let mut dialog = Dialog {
            skill: skill.slug().to_string(),
            role: None,
            mode,
            step: Step::ChooseRole,
            answers: Vec::new(),
            note: None,
            role_chosen: false,
        };
        dialog.set_role(skill, role);
        dialog
    }

    fn set_role(&mut self, skill: &Skill, role: Option<&str>) {
        let Some(role) = role.filter(|r| skill.roles().iter().any(|x| x == r)) else {
            self.step = Step::ChooseRole;
            return;
        };
        self.role = Some(role.to_string());
        self.step = self.first_step(skill);
    }

    /// Where the dialog begins once the role is known.
    fn first_step(&self, skill: &Skill) -> Step {
        match self.mode {
            Mode::Direct { .. } => Step::Note,
            Mode::Guided { start } => match self.next_asked(skill, Some(start)) {
                Some(level) => Step::Ask(level),
                None => Step::Note,
            },
        }
    }

    /// The first level from `from` up at which the role has an expectation.
    fn next_asked(&self, skill: &Skill, from: Option<Level>) -> Option<Level> {
        let role = self.role.as_deref()?;
        skill
            .levels()
            .iter()
            .copied()
            .filter(|l| from.is_some_and(|f| *l >= f))
            .find(|l| skill.expectation(*l, role).is_some())
    }

    pub fn apply(&mut self, skill: &Skill, event: Event) -> Result<(), DialogError> {
        match (&self.step, event) {
            (Step::ChooseRole, Event::Role(role)) => {
                if !skill.roles().contains(&role) {
                    return Err(DialogError::RoleNotInSkill {
                        role,
                        skill: skill.name().to_string(),
                    });
                }
                self.set_role(skill, Some(&role));
                self.role_chosen = true;
            }
            (Step::Ask(level), Event::Answer(answer)) => {
                let level = *level;
                self.answers.push(LevelAnswer { level, answer });
                self.step = match answer {
                    Answer::No => Step::Note,
                    Answer::Yes | Answer::Partly => match self.next_asked(skill, level.above()) {
                        Some(next) => Step::Ask(next),
                        None => Step::Note,
                    },
                };
            }
            (Step::Note, Event::Note(note)) => {
                self.note = note;
                self.step = Step::Summary;
            }
            _ => return Err(DialogError::OutOfStep),
        }
        Ok(())
    }

    /// Goes back one step, undoing what that step recorded: the last
    /// answer, the note, or the role picked in the dialog.
    pub fn back(&mut self) -> Result<(), DialogError> {
        let back_to_role = |d: &mut Dialog| {
            if !d.role_chosen {
                return Err(DialogError::NothingBefore);
            }
            d.role = None;
            d.role_chosen = false;
            d.step = Step::ChooseRole;
            Ok(())
        };
        match self.step {
            Step::ChooseRole => return Err(DialogError::NothingBefore),
            Step::Summary => {
                self.note = None;
                self.step = Step::Note;
            }
            Step::Ask(_) | Step::Note => match self.answers.pop() {
                Some(last) => self.step = Step::Ask(last.level),
                None => return back_to_role(self),
            },
        }
        Ok(())
    }

    /// What each level of the skill counted as, lowest first (guided
    /// dialogs; a direct one records its level without asking).
    pub fn walk(&self, skill: &Skill) -> Vec<(Level, Standing)> {
        let Mode::Guided { start } = self.mode else {
            return Vec::new();
        };
        let role = self.role.as_deref().unwrap_or_default();
        skill
            .levels()
            .iter()
            .map(|&level| {
                let standing = if level < start {
                    Standing::Assumed
                } else if let Some(a) = self.answers.iter().find(|a| a.level == level) {
                    Standing::Answered(a.answer)
                } else if skill.expectation(level, role).is_none()
                    && self.answers.iter().any(|a| a.level > level)
                {
                    Standing::PassedOver
                } else {
                    Standing::NotAsked
                };
                (level, standing)
            })
            .collect()
    }

    /// The level the dialog arrives at (`None`: below the skill's first
    /// level): the highest level met with every level below it met too.
    /// Levels below the start count as met; "Partly" does not meet; a level
    /// where the role has no expectation is passed over.
    pub fn reached(&self, skill: &Skill) -> Option<Level> {
        let start = match self.mode {
            Mode::Direct { level } => return level,
            Mode::Guided { start } => start,
        };
        let role = self.role.as_deref().unwrap_or_default();
        let mut reached = None;
        for &level in skill.levels() {
            let met = if level < start {
                true
            } else if let Some(a) = self.answers.iter().find(|a| a.level == level) {
                a.answer == Answer::Yes
            } else {
                // Passed over: no expectation for the role, and a later
                // level was asked.
                skill.expectation(level, role).is_none()
                    && self.answers.iter().any(|a| a.level > level)
            };
            if !met {
                break;
            }
            reached = Some(level);
        }
        reached
    }

    /// The level above the one reached, when the member said "Partly" to it.
    pub fn working_towards(&self, skill: &Skill) -> Option<Level> {
        let next = match self.reached(skill) {
            Some(level) => skill.level_above(level)?,
            None => skill.levels()[0],
        };
        self.answers
            .iter()
            .any(|a| a.level == next && a.answer == Answer::Partly)
            .then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::{ImportOptions, import_page, synthetic};

    fn skill() -> Skill {
        synthetic::skill(1, 2)
    }

    fn run(dialog: &mut Dialog, skill: &Skill, answers: &[Answer]) {
        for a in answers {
            dialog.apply(skill, Event::Answer(*a)).unwrap();
        }
    }

    #[test]
    fn starts_at_the_first_level_or_one_below_the_last() {
        let s = skill();
        assert_eq!(
            Dialog::guided(&s, Some("Role 000"), None).step,
            Step::Ask(Level::Junior)
        );
        assert_eq!(
            Dialog::guided(&s, Some("Role 000"), Some(Level::Lead)).step,
            Step::Ask(Level::Senior)
        );
        assert_eq!(
            Dialog::guided(&s, Some("Role 000"), Some(Level::Junior)).step,
            Step::Ask(Level::Junior)
        );
        assert_eq!(Dialog::guided(&s, None, None).step, Step::ChooseRole);
        assert_eq!(
            Dialog::guided(&s, Some("Designer"), None).step,
            Step::ChooseRole
        );
    }

    #[test]
    fn stops_at_the_first_not_yet() {
        let s = skill();
        let mut d = Dialog::guided(&s, Some("Role 000"), None);
        run(&mut d, &s, &[Answer::Yes, Answer::Yes, Answer::No]);
        assert_eq!(d.step, Step::Note);
        assert_eq!(d.reached(&s), Some(Level::Middle));
        assert_eq!(d.working_towards(&s), None);
        assert_eq!(
            d.apply(&s, Event::Answer(Answer::Yes)),
            Err(DialogError::OutOfStep)
        );
    }

    #[test]
    fn partly_does_not_meet_and_is_worked_towards() {
        let s = skill();
        let mut d = Dialog::guided(&s, Some("Role 000"), None);
        run(
            &mut d,
            &s,
            &[Answer::Yes, Answer::Partly, Answer::Yes, Answer::No],
        );
        assert_eq!(d.reached(&s), Some(Level::Junior));
        assert_eq!(d.working_towards(&s), Some(Level::Middle));
    }

    #[test]
    fn all_yes_reaches_the_top_and_goes_to_the_note() {
        let s = skill();
        let mut d = Dialog::guided(&s, Some("Role 000"), None);
        run(&mut d, &s, &[Answer::Yes; 5]);
        assert_eq!(d.step, Step::Note);
        assert_eq!(d.reached(&s), Some(Level::Principal));
        d.apply(&s, Event::Note(None)).unwrap();
        assert_eq!(d.step, Step::Summary);
    }

    #[test]
    fn levels_below_the_start_count_as_met() {
        let s = skill();
        let mut d = Dialog::guided(&s, Some("Role 000"), Some(Level::Lead));
        run(&mut d, &s, &[Answer::No]);
        assert_eq!(d.reached(&s), Some(Level::Middle));
        let mut d = Dialog::guided(&s, Some("Role 000"), None);
        run(&mut d, &s, &[Answer::No]);
        assert_eq!(d.reached(&s), None);
    }

    #[test]
    fn a_level_without_an_expectation_for_the_role_is_passed_over() {
        let page = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/pages/kubernetes-operators.en.txt"
        ))
        .unwrap();
        let s = import_page(
            &page,
            &ImportOptions {
                slug: "k8s".into(),
                name: None,
            },
        )
        .unwrap();
        let mut d = Dialog::guided(&s, Some("Site Reliability Engineer"), None);
        assert_eq!(d.step, Step::Ask(Level::Lead));
        run(&mut d, &s, &[Answer::Yes, Answer::No]);
        assert_eq!(d.reached(&s), Some(Level::Lead));
    }

    #[test]
    fn choosing_a_role_starts_the_questions() {
        let s = skill();
        let mut d = Dialog::guided(&s, None, None);
        assert!(matches!(
            d.apply(&s, Event::Role("Designer".into())),
            Err(DialogError::RoleNotInSkill { .. })
        ));
        d.apply(&s, Event::Role("Role 001".into())).unwrap();
        assert_eq!(d.step, Step::Ask(Level::Junior));
    }

    #[test]
    fn direct_mode_offers_the_note_then_the_summary() {
        let s = skill();
        let mut d = Dialog::direct(&s, Some("Role 001"), Some(Level::Lead));
        assert_eq!(d.step, Step::Note);
        d.apply(&s, Event::Note(None)).unwrap();
        assert_eq!(d.step, Step::Summary);
        assert_eq!(d.reached(&s), Some(Level::Lead));
    }

    #[test]
    fn back_undoes_one_step_at_a_time() {
        let s = skill();
        let mut d = Dialog::guided(&s, None, None);
        assert_eq!(d.back(), Err(DialogError::NothingBefore));
        d.apply(&s, Event::Role("Role 001".into())).unwrap();
        run(&mut d, &s, &[Answer::Yes, Answer::Partly, Answer::No]);
        d.apply(&s, Event::Note(None)).unwrap();
        assert_eq!(d.step, Step::Summary);
        d.back().unwrap();
        assert_eq!(d.step, Step::Note);
        d.back().unwrap();
        assert_eq!(
            (d.step.clone(), d.answers.len()),
            (Step::Ask(Level::Senior), 2)
        );
        d.back().unwrap();
        d.back().unwrap();
        assert_eq!(
            (d.step.clone(), d.answers.len()),
            (Step::Ask(Level::Junior), 0)
        );
        d.back().unwrap();
        assert_eq!((d.step.clone(), d.role.clone()), (Step::ChooseRole, None));
        // A role known from the start is not asked again.
        let mut d = Dialog::guided(&s, Some("Role 001"), None);
        assert_eq!(d.back(), Err(DialogError::NothingBefore));
    }

    #[test]
    fn the_walk_says_what_each_level_counted_as() {
        let s = skill();
        let mut d = Dialog::guided(&s, Some("Role 000"), Some(Level::Middle));
        run(&mut d, &s, &[Answer::Partly, Answer::Yes, Answer::No]);
        assert_eq!(
            d.walk(&s),
            vec![
                (Level::Junior, Standing::Answered(Answer::Partly)),
                (Level::Middle, Standing::Answered(Answer::Yes)),
                (Level::Senior, Standing::Answered(Answer::No)),
                (Level::Lead, Standing::NotAsked),
                (Level::Principal, Standing::NotAsked),
            ]
        );
        assert_eq!(d.reached(&s), None);
    }
}
