//! The leads' weekly digest: who answered their check-in, who did not,
//! whose level changed and by how much, and whose messages did not arrive.

/// What became of a member's check-in message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivered {
    /// Sent as a direct message, or kept for their next console session.
    Yes,
    /// The member takes no direct messages: the reason the platform gave.
    Refused(String),
    /// It could not be sent: why.
    Failed(String),
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
    pub from: Option<String>,
    pub to: String,
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
    pub confirmed: Vec<String>,
}

/// A workspace's digest of one week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digest {
    pub week: String,
    pub rows: Vec<DigestRow>,
}

impl Digest {
    pub fn title(&self) -> String {
        format!("Weekly check-ins, {}", self.week)
    }

    /// The digest as lines of text, each group left out when empty. Only
    /// a check-in (a level confirmed or changed) counts as an answer;
    /// snoozing and stopping are said apart, and so are members the
    /// message did not reach.
    pub fn text(&self) -> String {
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
        let mut lines = vec![format!(
            "{} of {} {} reached checked in{}.",
            checked.len(),
            reached.len(),
            if reached.len() == 1 {
                "member"
            } else {
                "members"
            },
            participation(checked.len(), reached.len())
        )];
        if !checked.is_empty() {
            let each: Vec<String> = checked.iter().map(|r| checked_in_text(r)).collect();
            lines.push(format!("Checked in: {}.", each.join("; ")));
        }
        for (answer, label) in [
            (Answer::Snoozed, "Snoozed"),
            (Answer::Stopped, "Stopped their check-ins"),
        ] {
            let who = names(answer);
            if !who.is_empty() {
                lines.push(format!("{label}: {}.", who.join(", ")));
            }
        }
        if !silent.is_empty() {
            lines.push(format!("No answer: {}.", silent.join(", ")));
        }
        // Changes a check-in line did not already tell: a lead's ratings,
        // and assessments outside the check-in.
        let changes: Vec<String> = self
            .rows
            .iter()
            .flat_map(|r| r.changes.iter().map(move |c| (r, c)))
            .filter(|(r, c)| c.by_lead || !r.answer.is_some_and(Answer::checked_in))
            .map(|(r, c)| {
                let whose = if c.by_lead { ", lead's rating" } else { "" };
                format!("{}: {}{whose}", r.name, change_text(c))
            })
            .collect();
        if !changes.is_empty() {
            lines.push(format!("Level changes: {}.", changes.join("; ")));
        }
        let refused: Vec<String> = self
            .rows
            .iter()
            .filter_map(|r| match &r.delivered {
                Delivered::Refused(why) => Some(format!("{} ({why})", r.name)),
                _ => None,
            })
            .collect();
        if !refused.is_empty() {
            lines.push(format!("DMs closed: {}.", refused.join(", ")));
        }
        let failed: Vec<String> = self
            .rows
            .iter()
            .filter_map(|r| match &r.delivered {
                Delivered::Failed(why) => Some(format!("{} ({why})", r.name)),
                _ => None,
            })
            .collect();
        if !failed.is_empty() {
            lines.push(format!("Not delivered: {}.", failed.join(", ")));
        }
        lines.join("\n")
    }
}

/// " (40%)", or nothing when nobody was reached.
pub fn participation(checked: usize, reached: usize) -> String {
    if reached == 0 {
        return String::new();
    }
    format!(" ({}%)", (checked * 100 + reached / 2) / reached)
}

fn change_text(c: &LevelChange) -> String {
    format!(
        "{} {} → {} ({:+})",
        c.skill,
        c.from.as_deref().unwrap_or("unrated"),
        c.to,
        c.steps
    )
}

/// "ann (Serverless Functions Middle → Senior (+1))", "bob (Serverless
/// Functions Middle confirmed)": what their check-in said, per skill.
fn checked_in_text(r: &DigestRow) -> String {
    let mut said: Vec<String> = r
        .changes
        .iter()
        .filter(|c| !c.by_lead)
        .map(change_text)
        .collect();
    said.extend(r.confirmed.iter().map(|c| format!("{c} confirmed")));
    if said.is_empty() {
        r.name.clone()
    } else {
        format!("{} ({})", r.name, said.join(", "))
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
            from: Some("Middle".into()),
            to: "Senior".into(),
            steps: 1,
            by_lead: false,
        });
        let mut bob = row("bob", Delivered::Yes, Some(Answer::NoChange));
        bob.confirmed.push("Serverless Functions Middle".into());
        let mut cy = row("cy", Delivered::Yes, None);
        cy.changes.push(LevelChange {
            skill: "Serverless Functions".into(),
            from: None,
            to: "Junior".into(),
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
                    Delivered::Refused("no DMs".into()),
                    Some(Answer::Snoozed),
                ),
                row("ed", Delivered::Failed("Discord answered 500".into()), None),
            ],
        };
        assert_eq!(digest.title(), "Weekly check-ins, 2026-W14");
        assert_eq!(
            digest.text(),
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
