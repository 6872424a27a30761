//! The App Home tab: the member's profile (role, time zone, next check-in)
//! and levels, with buttons to start an assessment or read the history.
//! It is published again each time the member opens it.

use super::Slack;
use super::blocks::{self, BLOCKS_PER_VIEW};
use super::incoming::From;
use crate::app::{Action, Request};
use serde_json::{Value, json};

/// The Home tab's buttons, and the commands they run.
const BUTTONS: &[(&str, &str)] = &[
    ("slack:home:assess", "assess"),
    ("slack:home:history", "history"),
];

fn label(r: crate::i18n::Locale, command: &str) -> String {
    match command {
        "assess" => crate::tr!(r, "slack-home-assess"),
        _ => crate::tr!(r, "slack-home-history"),
    }
}

/// The command a Home tab button runs.
pub fn command_of(action_id: &str) -> Option<&'static str> {
    BUTTONS
        .iter()
        .find(|(id, _)| *id == action_id)
        .map(|(_, command)| *command)
}

impl Slack {
    pub(super) async fn publish_home(&self, from: &From) {
        let actor = self.people.actor(from).await;
        let r = actor.locale;
        let mut shown: Vec<Value> = vec![json!({
            "type": "header",
            "text": {"type": "plain_text", "text": crate::tr!(r, "slack-home-title")}
        })];
        for command in ["profile", "history"] {
            let action = Action::command(command, &[]);
            let reply = self
                .app
                .handle(&Request {
                    actor: actor.clone(),
                    action,
                })
                .await;
            // What the commands say, without their own buttons: the Home
            // tab has its own.
            let mut reply = reply;
            reply.buttons.clear();
            reply.select = None;
            shown.extend(blocks::messages(&reply).into_iter().flatten());
            shown.push(json!({"type": "divider"}));
        }
        shown.truncate(BLOCKS_PER_VIEW - 1);
        let buttons: Vec<Value> = BUTTONS
            .iter()
            .map(|(id, command)| {
                json!({
                    "type": "button",
                    "action_id": id,
                    "text": {"type": "plain_text", "text": label(r, command)},
                })
            })
            .collect();
        shown.push(json!({"type": "actions", "block_id": "slack-home", "elements": buttons}));
        let view = json!({
            "user_id": from.user,
            "view": {"type": "home", "blocks": unique_block_ids(shown)},
        });
        if let Err(e) = self.api.call("views.publish", &view).await {
            tracing::warn!(error = %e, "the Home tab could not be published");
        }
    }
}

/// Slack refuses a view whose block ids repeat: two replies put together
/// may each have named theirs alike, so the later ones are renamed.
fn unique_block_ids(mut blocks: Vec<Value>) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    for (i, block) in blocks.iter_mut().enumerate() {
        if let Some(id) = block["block_id"].as_str().map(str::to_string)
            && !seen.insert(id.clone())
        {
            block["block_id"] = json!(format!("{id}-{i}"));
        }
    }
    blocks
}
