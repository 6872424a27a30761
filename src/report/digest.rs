//! The leads' weekly digest: who answered their check-in, who did not,
//! whose level changed and by how much, and whose messages did not arrive.

use crate::i18n::{Arg, Msg};
use crate::msg;

/// What became of a member's check-in message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivered {
    /// Sent as a direct message, or kept for their next console session.
    Yes,
    /// The member takes no direct messages: the reason the platform gave.
    Refused(Msg),
    /// It could not be sent: why.
    Failed(Msg),
}

/// How a member answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    CheckedIn,
    NoChange,
    Snoozed,
    Stopped,
}

impl Answer {
    pub fn parse(text: &str) -> Option<Answer> {
        Some(match text {
            "checked_in" => Answer::CheckedIn,
            "no_change" => Answer::NoChange,
            "snoozed" => Answer::Snoozed,
            "stopped" => Answer::Stopped,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::CheckedIn => "checked_in",
            Answer::NoChange => "no_change",
            Answer::Snoozed => "snoozed",
            Answer::Stopped => "stopped",
        }
    }

    /// Whether the answer was a check-in: a level confirmed or changed.
    /// Snoozing or stopping answers the message, not the question.
    pub fn checked_in(self) -> bool {
        matches!(self, Answer::CheckedIn | Answer::NoChange)
    }
}

/// A level that moved during the week, in one track.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelChange {
    pub skill: String,
    /// The level before ("Middle", "below Junior"); `None` when unrated.
    pub from: Option<Msg>,
    pub to: Msg,
    /// Levels up (positive) or down (negative); the rank of an unrated
    /// skill counts as 0.
    pub steps: i32,
    /// A lead's rating rather than the member's own.
    pub by_lead: bool,
}

/// One member's week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestRow {
    pub name: String,
    pub delivered: Delivered,
    pub answer: Option<Answer>,
    pub changes: Vec<LevelChange>,
    /// Their own levels confirmed unchanged during the week: "Serverless
    /// Functions Middle".
    pub confirmed: Vec<Msg>,
}

/// A workspace's digest of one week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digest {
    pub week: String,
    pub rows: Vec<DigestRow>,
}

impl Digest {
    pub fn title(&self) -> Msg {
        msg!("digest-title", week = &self.week)
    }

    /// The digest, a message a line, each group left out when empty. Only
    /// a check-in (a level confirmed or changed) counts as an answer;
    /// snoozing and stopping are said apart, and so are members the
    /// message did not reach.
    pub fn lines(&self) -> Vec<Msg> {
        let reached: Vec<&DigestRow> = self
            .rows
            .iter()
            .filter(|r| r.delivered == Delivered::Yes)
            .collect();
        let checked: Vec<&DigestRow> = reached
            .iter()
            .copied()
            .filter(|r| r.answer.is_some_and(Answer::checked_in))
            .collect();
        let names = |answer: Answer| -> Vec<&str> {
            reached
                .iter()
                .filter(|r| r.answer == Some(answer))
                .map(|r| r.name.as_str())
                .collect()
        };
        let silent: Vec<&str> = reached
            .iter()
            .filter(|r| r.answer.is_none())
            .map(|r| r.name.as_str())
            .collect();
        let mut lines = vec![msg!(
            "digest-checked-in-count",
            checked = checked.len(),
            count = reached.len(),
            participation = participation(checked.len(), reached.len())
        )];
        if !checked.is_empty() {
            let each = checked.iter().map(|r| checked_in_text(r));
            lines.push(msg!(
                "digest-checked-in",
                members = crate::i18n::long_list(each)
            ));
        }
        let snoozed = names(Answer::Snoozed);
        if !snoozed.is_empty() {
            lines.push(msg!("digest-snoozed", names = crate::i18n::list(snoozed)));
        }
        let stopped = names(Answer::Stopped);
        if !stopped.is_empty() {
            lines.push(msg!("digest-stopped", names = crate::i18n::list(stopped)));
        }
        if !silent.is_empty() {
            lines.push(msg!("digest-no-answer", names = crate::i18n::list(silent)));
        }
        // Changes a check-in line did not already tell: a lead's ratings,
        // and assessments outside the check-in.
        let changes: Vec<Msg> = self
            .rows
            .iter()
            .flat_map(|r| r.changes.iter().map(move |c| (r, c)))
            .filter(|(r, c)| c.by_lead || !r.answer.is_some_and(Answer::checked_in))
            .map(|(r, c)| {
                if c.by_lead {
                    msg!(
                        "digest-change-by-lead",
                        name = &r.name,
                        change = change_text(c)
                    )
                } else {
                    msg!("digest-change", name = &r.name, change = change_text(c))
                }
            })
            .collect();
        if !changes.is_empty() {
            lines.push(msg!(
                "digest-level-changes",
                changes = crate::i18n::long_list(changes)
            ));
        }
        let refused: Vec<Msg> = self
            .rows
            .iter()
            .filter_map(|r| match &r.delivered {
                Delivered::Refused(why) => {
                    Some(msg!("digest-member-why", name = &r.name, why = why.clone()))
                }
                _ => None,
            })
            .collect();
        if !refused.is_empty() {
            lines.push(msg!(
                "digest-dms-closed",
                members = crate::i18n::list(refused)
            ));
        }
        let failed: Vec<Msg> = self
            .rows
            .iter()
            .filter_map(|r| match &r.delivered {
                Delivered::Failed(why) => {
                    Some(msg!("digest-member-why", name = &r.name, why = why.clone()))
                }
                _ => None,
            })
            .collect();
        if !failed.is_empty() {
            lines.push(msg!(
                "digest-not-delivered",
                members = crate::i18n::list(failed)
            ));
        }
        lines
    }

    /// The digest as one text for `reader`.
    pub fn text(&self, reader: crate::i18n::Locale) -> String {
        self.lines()
            .iter()
            .map(|l| l.render(reader))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// " (40%)", or nothing when nobody was reached.
pub fn participation(checked: usize, reached: usize) -> Arg {
    if reached == 0 {
        return Arg::Text(String::new());
    }
    msg!(
        "digest-participation",
        percent = (checked * 100 + reached / 2) / reached
    )
    .into()
}

fn change_text(c: &LevelChange) -> Msg {
    msg!(
        "digest-level-change",
        skill = &c.skill,
        from = c.from.clone().unwrap_or_else(|| msg!("digest-unrated")),
        to = c.to.clone(),
        steps = format!("{:+}", c.steps)
    )
}

/// "ann (Serverless Functions Middle → Senior (+1))", "bob (Serverless
/// Functions Middle confirmed)": what their check-in said, per skill.
fn checked_in_text(r: &DigestRow) -> Msg {
    let mut said: Vec<Msg> = r
        .changes
        .iter()
        .filter(|c| !c.by_lead)
        .map(change_text)
        .collect();
    said.extend(
        r.confirmed
            .iter()
            .map(|c| msg!("digest-confirmed", level = c.clone())),
    );
    if said.is_empty() {
        msg!("as-is", text = &r.name)
    } else {
        msg!(
            "digest-member-said",
            name = &r.name,
            said = crate::i18n::list(said)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, delivered: Delivered, answer: Option<Answer>) -> DigestRow {
        DigestRow {
            name: name.into(),
            delivered,
            answer,
            changes: Vec::new(),
            confirmed: Vec::new(),
        }
    }

    #[test]
    fn only_a_check_in_counts_as_an_answer() {
        let mut ann = row("ann", Delivered::Yes, Some(Answer::CheckedIn));
        ann.changes.push(LevelChange {
            skill: "Serverless Functions".into(),
            from: Some(msg!("level-middle")),
            to: msg!("level-senior"),
            steps: 1,
            by_lead: false,
        });
        let mut bob = row("bob", Delivered::Yes, Some(Answer::NoChange));
        bob.confirmed.push(msg!(
            "checkin-confirmed-skill",
            skill = "Serverless Functions",
            level = msg!("level-middle")
        ));
        let mut cy = row("cy", Delivered::Yes, None);
        cy.changes.push(LevelChange {
            skill: "Serverless Functions".into(),
            from: None,
            to: msg!("level-junior"),
            steps: 1,
            by_lead: true,
        });
        let digest = Digest {
            week: "2026-W14".into(),
            rows: vec![
                ann,
                bob,
                cy,
                row("eve", Delivered::Yes, Some(Answer::Stopped)),
                row("nia", Delivered::Yes, Some(Answer::Snoozed)),
                row(
                    "dee",
                    Delivered::Refused(msg!("as-is", text = "no DMs")),
                    Some(Answer::Snoozed),
                ),
                row(
                    "ed",
                    Delivered::Failed(msg!("as-is", text = "Discord answered 500")),
                    None,
                ),
            ],
        };
        let en = crate::i18n::Locale::EnUs;
        assert_eq!(digest.title().render(en), "Weekly check-ins, 2026-W14");
        assert_eq!(
            digest.text(en),
            "2 of 5 members reached checked in (40%).\n\
             Checked in: ann (Serverless Functions Middle → Senior (+1)); bob (Serverless Functions Middle confirmed).\n\
             Snoozed: nia.\n\
             Stopped their check-ins: eve.\n\
             No answer: cy.\n\
             Level changes: cy: Serverless Functions unrated → Junior (+1), lead's rating.\n\
             DMs closed: dee (no DMs).\n\
             Not delivered: ed (Discord answered 500)."
        );
    }
}
