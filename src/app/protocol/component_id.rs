//! Button, select and form ids. They carry everything needed to go on, so a
//! button still works after a restart: a dialog id (its state is in the
//! database) and a typed action, or the whole of a stateless view. Every id
//! stays well under 100 characters, the shortest limit of the platforms.

use crate::assess::Answer;
use crate::matrix::{Level, Skill};

const PREFIX: &str = "sb1";

/// What a button, select or form of a dialog does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogAction {
    /// "I do this", "Partly", "Not yet".
    Answer(Answer),
    /// The role select.
    ChooseRole,
    /// Another page of roles.
    RolesPage(usize),
    /// "Add a note" (a button opening the form), and the submitted form.
    Note,
    SkipNote,
    Save,
    /// Save a level below the one recorded before, having been asked.
    SaveLower,
    /// One step back.
    Back,
    /// Throw the answers away and begin again.
    Restart,
    /// One of the candidates offered for an ambiguous name.
    Pick(u8),
    Confirm,
    Cancel,
    /// The weekly check-in's buttons.
    CheckIn,
    NoChange,
    SnoozeWeek,
    StopCheckins,
}

impl DialogAction {
    /// The action's code in an id; the codes of the first version are kept
    /// so that buttons already sent go on working.
    fn code(self) -> String {
        match self {
            DialogAction::Answer(Answer::Yes) => "yes".into(),
            DialogAction::Answer(Answer::Partly) => "partly".into(),
            DialogAction::Answer(Answer::No) => "no".into(),
            DialogAction::ChooseRole => "role".into(),
            DialogAction::RolesPage(n) => format!("roles:{n}"),
            DialogAction::Note => "note".into(),
            DialogAction::SkipNote => "skipnote".into(),
            DialogAction::Save => "save".into(),
            DialogAction::SaveLower => "savelower".into(),
            DialogAction::Back => "back".into(),
            DialogAction::Restart => "restart".into(),
            DialogAction::Pick(n) => format!("pick:{n}"),
            DialogAction::Confirm => "confirm".into(),
            DialogAction::Cancel => "cancel".into(),
            DialogAction::CheckIn => "checkin".into(),
            DialogAction::NoChange => "nochange".into(),
            DialogAction::SnoozeWeek => "snooze".into(),
            DialogAction::StopCheckins => "stop".into(),
        }
    }

    fn parse(code: &str) -> Option<DialogAction> {
        Some(match code {
            "yes" => DialogAction::Answer(Answer::Yes),
            "partly" => DialogAction::Answer(Answer::Partly),
            "no" => DialogAction::Answer(Answer::No),
            "role" => DialogAction::ChooseRole,
            "note" => DialogAction::Note,
            "skipnote" => DialogAction::SkipNote,
            "save" => DialogAction::Save,
            "savelower" => DialogAction::SaveLower,
            "back" => DialogAction::Back,
            "restart" => DialogAction::Restart,
            "confirm" => DialogAction::Confirm,
            "cancel" => DialogAction::Cancel,
            "checkin" => DialogAction::CheckIn,
            "nochange" => DialogAction::NoChange,
            "snooze" => DialogAction::SnoozeWeek,
            "stop" => DialogAction::StopCheckins,
            other => match other.split_once(':')? {
                ("roles", n) => DialogAction::RolesPage(n.parse().ok()?),
                ("pick", n) => DialogAction::Pick(n.parse().ok()?),
                _ => return None,
            },
        })
    }
}

/// A role in a "What's next" id: its place among the skill's roles, or
/// (in ids of the first version) its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleKey {
    Index(usize),
    Name(String),
}

impl RoleKey {
    pub fn resolve<'s>(&self, skill: &'s Skill) -> Option<&'s str> {
        match self {
            RoleKey::Index(i) => skill.roles().get(*i).map(String::as_str),
            RoleKey::Name(name) => skill
                .roles()
                .iter()
                .find(|r| *r == name)
                .map(String::as_str),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComponentId {
    /// A step of a stored dialog: its id, the step the button was drawn
    /// for (`None` in ids made before steps were counted), and the action.
    Dialog {
        id: String,
        step: Option<u32>,
        action: DialogAction,
    },
    /// "What's next" under a /skill answer.
    Next {
        slug: String,
        level: Level,
        role: Option<RoleKey>,
    },
    /// "Earlier entries" under a page of history: whose, which skill (all
    /// when `None`), and the last entry shown (its time in ms, its id).
    History {
        member: i64,
        skill: Option<String>,
        before: (i64, i64),
    },
}

/// Numbers in ids in base 36, to keep ids short.
fn b36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn from_b36(text: &str) -> Option<i64> {
    u64::from_str_radix(text, 36)
        .ok()
        .and_then(|n| i64::try_from(n).ok())
}

/// A dialog's id with the step its message shows, as views put it in
/// their buttons: "3f9c….4".
pub fn view_id(dialog: &str, step: u32) -> String {
    format!("{dialog}.{step}")
}

impl ComponentId {
    /// A button of a dialog's message; `view` is the dialog's id, with the
    /// step the message shows (`view_id`) where the dialog has steps.
    pub fn dialog(view: &str, action: DialogAction) -> String {
        format!("{PREFIX}|d|{view}|{}", action.code())
    }

    pub fn next(skill: &Skill, level: Level, role: Option<&str>) -> String {
        let base = format!("{PREFIX}|n|{}|{}", skill.slug(), level.rank());
        match role.and_then(|r| skill.roles().iter().position(|x| x == r)) {
            Some(i) => format!("{base}|#{i}"),
            None => base,
        }
    }

    /// At most 6 + 3 × 13 + 64 characters: under 100 for any slug.
    pub fn history(member: i64, skill: Option<&str>, before: (i64, i64)) -> String {
        let n = |v: i64| b36(u64::try_from(v).unwrap_or(0));
        format!(
            "{PREFIX}|h|{}|{}|{}|{}",
            n(member),
            n(before.0),
            n(before.1),
            skill.unwrap_or_default()
        )
    }

    pub fn parse(id: &str) -> Option<ComponentId> {
        if let Some(rest) = id.strip_prefix(&format!("{PREFIX}|h|")) {
            let mut parts = rest.splitn(4, '|');
            let member = from_b36(parts.next()?)?;
            let at = from_b36(parts.next()?)?;
            let entry = from_b36(parts.next()?)?;
            let skill = parts.next()?;
            return Some(ComponentId::History {
                member,
                skill: (!skill.is_empty()).then(|| skill.to_string()),
                before: (at, entry),
            });
        }
        let mut parts = id.splitn(4, '|');
        if parts.next()? != PREFIX {
            return None;
        }
        match parts.next()? {
            "d" => {
                let view = parts.next()?;
                let (id, step) = match view.split_once('.') {
                    Some((id, step)) => (id, Some(step.parse().ok()?)),
                    None => (view, None),
                };
                Some(ComponentId::Dialog {
                    id: id.to_string(),
                    step,
                    action: DialogAction::parse(parts.next()?)?,
                })
            }
            "n" => {
                let slug = parts.next()?.to_string();
                let rest = parts.next()?;
                let (rank, role) = match rest.split_once('|') {
                    Some((rank, role)) => (rank, Some(role)),
                    None => (rest, None),
                };
                let role = role.map(|r| match r.strip_prefix('#').and_then(|i| i.parse().ok()) {
                    Some(i) => RoleKey::Index(i),
                    None => RoleKey::Name(r.to_string()),
                });
                Some(ComponentId::Next {
                    slug,
                    level: Level::from_rank(rank.parse().ok()?)?,
                    role,
                })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::synthetic;

    #[test]
    fn ids_round_trip_and_stay_short() {
        for action in [
            DialogAction::Answer(Answer::Partly),
            DialogAction::RolesPage(3),
            DialogAction::Restart,
            DialogAction::Cancel,
        ] {
            let id = ComponentId::dialog(
                &view_id("0123456789abcdef0123456789abcdef", 4_000_000_000),
                action,
            );
            assert!(id.len() <= 100);
            assert_eq!(
                ComponentId::parse(&id),
                Some(ComponentId::Dialog {
                    id: "0123456789abcdef0123456789abcdef".into(),
                    step: Some(4_000_000_000),
                    action
                })
            );
        }
        let skill = synthetic::skill(1, 3);
        let next = ComponentId::next(&skill, Level::Senior, Some("Role 001"));
        let Some(ComponentId::Next {
            role: Some(role), ..
        }) = ComponentId::parse(&next)
        else {
            panic!("{next}")
        };
        assert_eq!(role.resolve(&skill), Some("Role 001"));
        // Ids of the first version carried the role's name.
        let old = format!("sb1|n|{}|3|Role 002", skill.slug());
        let Some(ComponentId::Next {
            role: Some(role), ..
        }) = ComponentId::parse(&old)
        else {
            panic!("{old}")
        };
        assert_eq!(role.resolve(&skill), Some("Role 002"));
        let page =
            ComponentId::history(123_456, Some(&"s".repeat(64)), (1_800_000_000_000, 987_654));
        assert!(page.len() <= 100, "{page}");
        assert_eq!(
            ComponentId::parse(&page),
            Some(ComponentId::History {
                member: 123_456,
                skill: Some("s".repeat(64)),
                before: (1_800_000_000_000, 987_654)
            })
        );
        assert_eq!(ComponentId::parse("other|thing"), None);
        assert_eq!(ComponentId::parse("sb1|n|slug|9"), None);
        assert_eq!(ComponentId::parse("sb1|d|x|dance"), None);
        // Ids of the versions before steps were counted.
        assert_eq!(
            ComponentId::parse("sb1|d|x|save"),
            Some(ComponentId::Dialog {
                id: "x".into(),
                step: None,
                action: DialogAction::Save
            })
        );
    }
}
