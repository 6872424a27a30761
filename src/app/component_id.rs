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
    /// Throw the answers away and begin again.
    Restart,
    Confirm,
    Cancel,
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
            DialogAction::Restart => "restart".into(),
            DialogAction::Confirm => "confirm".into(),
            DialogAction::Cancel => "cancel".into(),
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
            "restart" => DialogAction::Restart,
            "confirm" => DialogAction::Confirm,
            "cancel" => DialogAction::Cancel,
            other => DialogAction::RolesPage(other.strip_prefix("roles:")?.parse().ok()?),
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
    /// A step of a stored dialog.
    Dialog { id: String, action: DialogAction },
    /// "What's next" under a /skill answer.
    Next {
        slug: String,
        level: Level,
        role: Option<RoleKey>,
    },
}

impl ComponentId {
    pub fn dialog(id: &str, action: DialogAction) -> String {
        format!("{PREFIX}|d|{id}|{}", action.code())
    }

    pub fn next(skill: &Skill, level: Level, role: Option<&str>) -> String {
        let base = format!("{PREFIX}|n|{}|{}", skill.slug(), level.rank());
        match role.and_then(|r| skill.roles().iter().position(|x| x == r)) {
            Some(i) => format!("{base}|#{i}"),
            None => base,
        }
    }

    pub fn parse(id: &str) -> Option<ComponentId> {
        let mut parts = id.splitn(4, '|');
        if parts.next()? != PREFIX {
            return None;
        }
        match parts.next()? {
            "d" => Some(ComponentId::Dialog {
                id: parts.next()?.to_string(),
                action: DialogAction::parse(parts.next()?)?,
            }),
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
            let id = ComponentId::dialog("0123456789abcdef0123456789abcdef", action);
            assert!(id.len() <= 100);
            assert_eq!(
                ComponentId::parse(&id),
                Some(ComponentId::Dialog {
                    id: "0123456789abcdef0123456789abcdef".into(),
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
        assert_eq!(ComponentId::parse("other|thing"), None);
        assert_eq!(ComponentId::parse("sb1|n|slug|9"), None);
        assert_eq!(ComponentId::parse("sb1|d|x|dance"), None);
    }
}
