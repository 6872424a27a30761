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

    fn said(self) -> &'static str {
        match self {
            Answer::CheckedIn => "checked in",
            Answer::NoChange => "no change",
            Answer::Snoozed => "snoozed",
            Answer::Stopped => "stopped their check-ins",
        }
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

    /// The digest as lines of text, each group left out when empty.
    pub fn text(&self) -> String {
        let reached: Vec<&DigestRow> = self
            .rows
            .iter()
            .filter(|r| r.delivered == Delivered::Yes)
            .collect();
        let answered: Vec<String> = self
            .rows
            .iter()
            .filter_map(|r| r.answer.map(|a| format!("{} ({})", r.name, a.said())))
            .collect();
        let silent: Vec<&str> = reached
            .iter()
            .filter(|r| r.answer.is_none())
            .map(|r| r.name.as_str())
            .collect();
        let mut lines = vec![format!(
            "{} of {} members answered.",
            answered.len(),
            self.rows.len()
        )];
        if !answered.is_empty() {
            lines.push(format!("Answered: {}.", answered.join(", ")));
        }
        if !silent.is_empty() {
            lines.push(format!("No answer: {}.", silent.join(", ")));
        }
        let changes: Vec<String> = self
            .rows
            .iter()
            .flat_map(|r| r.changes.iter().map(move |c| (r, c)))
            .map(|(r, c)| {
                let whose = if c.by_lead { ", lead's rating" } else { "" };
                format!(
                    "{}: {} {} → {} ({:+}{whose})",
                    r.name,
                    c.skill,
                    c.from.as_deref().unwrap_or("unrated"),
                    c.to,
                    c.steps
                )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, delivered: Delivered, answer: Option<Answer>) -> DigestRow {
        DigestRow {
            name: name.into(),
            delivered,
            answer,
            changes: Vec::new(),
        }
    }

    #[test]
    fn the_digest_names_who_answered_who_did_not_and_whose_messages_failed() {
        let mut ann = row("ann", Delivered::Yes, Some(Answer::CheckedIn));
        ann.changes.push(LevelChange {
            skill: "Serverless Functions".into(),
            from: Some("Middle".into()),
            to: "Senior".into(),
            steps: 1,
            by_lead: false,
        });
        let digest = Digest {
            week: "2026-W14".into(),
            rows: vec![
                ann,
                row("bob", Delivered::Yes, Some(Answer::NoChange)),
                row("cy", Delivered::Yes, None),
                row("dee", Delivered::Refused("no DMs".into()), None),
                row("ed", Delivered::Failed("Discord answered 500".into()), None),
            ],
        };
        assert_eq!(digest.title(), "Weekly check-ins, 2026-W14");
        assert_eq!(
            digest.text(),
            "2 of 5 members answered.\n\
             Answered: ann (checked in), bob (no change).\n\
             No answer: cy.\n\
             Level changes: ann: Serverless Functions Middle → Senior (+1).\n\
             DMs closed: dee (no DMs).\n\
             Not delivered: ed (Discord answered 500)."
        );
    }
}
