//! Who is who on Slack: a workspace is a Slack team, a member a Slack
//! user, a lead a workspace admin or owner or a member of the user group
//! that `/config lead-role` names. Slack's answers are kept for a minute:
//! long enough that a burst of presses asks once, short enough that a
//! demoted admin loses a lead's rights within a minute.

use super::api::WebApi;
use super::incoming::From;
use crate::app::Actor;
use crate::team::Platform;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use tokio::time::{Duration, Instant};

const KEPT: Duration = Duration::from_secs(60);

/// What `users.info` says of a user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub admin: bool,
    /// Their profile's IANA time zone.
    pub zone: Option<String>,
}

/// A team's user groups: each one's id and members.
type Groups = Vec<(String, Vec<String>)>;

#[derive(Debug)]
pub struct People {
    api: WebApi,
    users: Mutex<HashMap<(String, String), (Instant, Person)>>,
    /// Per team: each user group's id and its members.
    groups: Mutex<HashMap<String, (Instant, Groups)>>,
}

fn fresh<T: Clone>(entry: Option<&(Instant, T)>) -> Option<T> {
    entry
        .filter(|(at, _)| at.elapsed() < KEPT)
        .map(|(_, v)| v.clone())
}

/// A user from `users.info`'s `user`.
pub fn person(user: &Value) -> Person {
    let profile = &user["profile"];
    let name = [
        &profile["display_name"],
        &profile["real_name"],
        &user["real_name"],
        &user["name"],
    ]
    .iter()
    .find_map(|v| v.as_str().filter(|s| !s.trim().is_empty()))
    .or(user["id"].as_str())
    .unwrap_or_default()
    .to_string();
    Person {
        name,
        admin: user["is_admin"].as_bool() == Some(true)
            || user["is_owner"].as_bool() == Some(true)
            || user["is_primary_owner"].as_bool() == Some(true),
        zone: user["tz"]
            .as_str()
            .filter(|tz| tz.parse::<chrono_tz::Tz>().is_ok())
            .map(str::to_string),
    }
}

impl People {
    pub fn new(api: WebApi) -> People {
        People {
            api,
            users: Mutex::default(),
            groups: Mutex::default(),
        }
    }

    /// The user as Slack describes them; their id alone, with no rights,
    /// when Slack cannot say (a lead then waits for Slack, never the
    /// other way round).
    pub async fn person(&self, team: &str, user: &str) -> Person {
        let key = (team.to_string(), user.to_string());
        if let Some(p) = fresh(
            self.users
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&key),
        ) {
            return p;
        }
        match self.api.get("users.info", &[("user", user)]).await {
            Ok(answer) => {
                let p = person(&answer["user"]);
                self.users
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(key, (Instant::now(), p.clone()));
                p
            }
            Err(e) => {
                tracing::warn!(error = %e, "users.info failed; treating the user as a member");
                Person {
                    name: user.to_string(),
                    ..Person::default()
                }
            }
        }
    }

    /// The user groups of `team` that `user` is in.
    async fn groups_of(&self, team: &str, user: &str) -> Vec<String> {
        let cached = fresh(
            self.groups
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(team),
        );
        let groups = match cached {
            Some(g) => g,
            None => match self
                .api
                .get("usergroups.list", &[("include_users", "true")])
                .await
            {
                Ok(answer) => {
                    let groups: Groups = answer["usergroups"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|g| {
                            let users = g["users"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(|u| u.as_str().map(str::to_string))
                                .collect();
                            Some((g["id"].as_str()?.to_string(), users))
                        })
                        .collect();
                    self.groups
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .insert(team.to_string(), (Instant::now(), groups.clone()));
                    groups
                }
                Err(e) => {
                    tracing::warn!(error = %e, "usergroups.list failed; no lead role can match");
                    Vec::new()
                }
            },
        };
        groups
            .into_iter()
            .filter(|(_, users)| users.iter().any(|u| u == user))
            .map(|(id, _)| id)
            .collect()
    }

    /// The app's view of the user behind an interaction.
    pub async fn actor(&self, from: &From) -> Actor {
        let (person, roles) = tokio::join!(
            self.person(&from.team, &from.user),
            self.groups_of(&from.team, &from.user)
        );
        Actor {
            platform: Platform::Slack,
            workspace_id: from.team.clone(),
            workspace_name: from.team_name.clone().unwrap_or_else(|| from.team.clone()),
            user_id: from.user.clone(),
            display_name: person.name.clone(),
            admin: person.admin,
            roles,
            // A Slack interaction always names its team, even in a
            // direct message.
            direct: false,
            locale: crate::i18n::Locale::default(),
            zone: person.zone,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn admins_and_owners_lead_and_the_profile_names_and_places_them() {
        let p = person(&json!({
            "id": "U1", "name": "ann", "is_admin": false, "is_owner": true,
            "tz": "Europe/Berlin", "profile": {"display_name": "", "real_name": "Ann Lee"}
        }));
        assert_eq!(
            p,
            Person {
                name: "Ann Lee".into(),
                admin: true,
                zone: Some("Europe/Berlin".into())
            }
        );
        let p = person(&json!({"id": "U2", "tz": "Mars/Olympus"}));
        assert_eq!((p.name.as_str(), p.admin, p.zone), ("U2", false, None));
    }
}
