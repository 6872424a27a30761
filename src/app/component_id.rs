//! Button and select ids. They carry everything needed to go on, so a
//! button still works after a restart: a dialog id (its state is in the
//! database), or the whole of a stateless view.

use crate::matrix::Level;

const PREFIX: &str = "sb1";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComponentId {
    /// A step of a stored dialog.
    Dialog { id: String, action: String },
    /// "What's next" under a /skill answer.
    Next {
        slug: String,
        level: Level,
        role: Option<String>,
    },
}

impl ComponentId {
    pub fn dialog(id: &str, action: &str) -> String {
        format!("{PREFIX}|d|{id}|{action}")
    }

    /// Role names can be long; Discord allows 100 characters per id, so a
    /// role that does not fit is left out (the view then shows every role).
    pub fn next(slug: &str, level: Level, role: Option<&str>) -> String {
        let base = format!("{PREFIX}|n|{slug}|{}", level.rank());
        match role {
            Some(r) if base.len() + 1 + r.len() <= 100 => format!("{base}|{r}"),
            _ => base,
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
                action: parts.next()?.to_string(),
            }),
            "n" => {
                let slug = parts.next()?.to_string();
                let rest = parts.next()?;
                let (rank, role) = match rest.split_once('|') {
                    Some((rank, role)) => (rank, Some(role.to_string())),
                    None => (rest, None),
                };
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

    #[test]
    fn ids_round_trip_and_stay_short() {
        let id = ComponentId::dialog("0123456789abcdef0123456789abcdef", "partly");
        assert!(id.len() <= 100);
        assert_eq!(
            ComponentId::parse(&id),
            Some(ComponentId::Dialog {
                id: "0123456789abcdef0123456789abcdef".into(),
                action: "partly".into()
            })
        );
        let next = ComponentId::next(
            "serverless-functions",
            Level::Senior,
            Some("Cloud Engineer"),
        );
        assert_eq!(
            ComponentId::parse(&next),
            Some(ComponentId::Next {
                slug: "serverless-functions".into(),
                level: Level::Senior,
                role: Some("Cloud Engineer".into())
            })
        );
        let long = "x".repeat(90);
        assert!(ComponentId::next(&"s".repeat(64), Level::Lead, Some(&long)).len() <= 100);
        assert_eq!(ComponentId::parse("other|thing"), None);
        assert_eq!(ComponentId::parse("sb1|n|slug|9"), None);
    }
}
