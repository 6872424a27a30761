//! Interaction payloads as Discord sends them, with every field serenity
//! insists on.

use super::{APP_ID, BOT_ID, CHANNEL_ID, FakeDiscord, GUILD_ID};
use serde_json::{Value, json};

#[derive(Clone, Debug)]
pub struct Who {
    pub id: String,
    pub name: String,
    pub admin: bool,
    pub roles: Vec<String>,
}

impl Who {
    pub fn member(id: &str, name: &str) -> Who {
        Who {
            id: id.into(),
            name: name.into(),
            admin: false,
            roles: Vec::new(),
        }
    }
    pub fn admin(id: &str, name: &str) -> Who {
        Who {
            admin: true,
            ..Who::member(id, name)
        }
    }
}

pub fn user(who: &Who) -> Value {
    json!({"id": who.id, "username": who.name, "discriminator": "0", "global_name": who.name, "avatar": null})
}

fn member(who: &Who) -> Value {
    json!({
        "user": user(who), "roles": who.roles, "deaf": false, "mute": false, "flags": 0,
        "joined_at": "2026-01-01T00:00:00+00:00",
        // ADMINISTRATOR is bit 3.
        "permissions": if who.admin { "8" } else { "0" }
    })
}

fn interaction(fake: &FakeDiscord, kind: u8, who: &Who, data: Value) -> Value {
    let id = fake.next_id();
    json!({
        "id": id, "application_id": APP_ID, "type": kind, "token": format!("tok-{id}"), "version": 1,
        "locale": "en-US", "guild_locale": "en-US", "entitlements": [], "attachment_size_limit": 10485760,
        "channel_id": CHANNEL_ID, "guild_id": GUILD_ID, "member": member(who), "app_permissions": "0",
        "authorizing_integration_owners": {"0": GUILD_ID}, "context": 0,
        "data": data
    })
}

/// A string option.
pub fn text(name: &str, value: &str) -> Value {
    json!({"name": name, "type": 3, "value": value})
}

/// A level choice: poise sends the five levels as integer choices.
pub fn level(name: &str, level: &str) -> Value {
    let index = ["Junior", "Middle", "Senior", "Lead", "Principal"]
        .iter()
        .position(|l| *l == level)
        .unwrap();
    json!({"name": name, "type": 4, "value": index})
}

pub fn command(fake: &FakeDiscord, who: &Who, name: &str, options: Vec<Value>) -> Value {
    command_with(fake, who, name, options, json!({}))
}

/// A command whose options name users (`resolved` carries them).
pub fn command_with(
    fake: &FakeDiscord,
    who: &Who,
    name: &str,
    options: Vec<Value>,
    resolved: Value,
) -> Value {
    interaction(
        fake,
        2,
        who,
        json!({
            "id": "800000000000000001", "name": name, "type": 1, "options": options, "resolved": resolved
        }),
    )
}

pub fn user_option(name: &str, target: &Who) -> (Value, Value) {
    (
        json!({"name": name, "type": 6, "value": target.id}),
        json!({"users": {target.id.clone(): user(target)}}),
    )
}

pub fn subcommand(
    fake: &FakeDiscord,
    who: &Who,
    group: &str,
    sub: &str,
    options: Vec<Value>,
) -> Value {
    interaction(
        fake,
        2,
        who,
        json!({
            "id": "800000000000000002", "name": group, "type": 1,
            "options": [{"name": sub, "type": 1, "options": options}]
        }),
    )
}

/// A subcommand whose options name channels or users (`resolved` carries
/// them).
pub fn subcommand_with(
    fake: &FakeDiscord,
    who: &Who,
    group: &str,
    sub: &str,
    options: Vec<Value>,
    resolved: Value,
) -> Value {
    let mut i = subcommand(fake, who, group, sub, options);
    i["data"]["resolved"] = resolved;
    i
}

/// A text channel of the server in a channel option.
pub fn channel_option(name: &str, id: &str, channel: &str) -> (Value, Value) {
    (
        json!({"name": name, "type": 7, "value": id}),
        json!({"channels": {id: {"id": id, "name": channel, "type": 0, "permissions": "0"}}}),
    )
}

/// A button pressed in the user's direct messages with the bot, on a
/// message the bot sent there: no server, no member, no roles.
pub fn dm_button(fake: &FakeDiscord, who: &Who, dm_channel: &str, custom_id: &str) -> Value {
    let mut i = interaction(
        fake,
        3,
        who,
        json!({"custom_id": custom_id, "component_type": 2}),
    );
    let object = i.as_object_mut().unwrap();
    object.remove("guild_id");
    object.remove("member");
    object.remove("guild_locale");
    object.insert("user".into(), user(who));
    object.insert("channel_id".into(), json!(dm_channel));
    object.insert("context".into(), json!(1));
    object.insert(
        "authorizing_integration_owners".into(),
        json!({"1": who.id}),
    );
    object.insert(
        "message".into(),
        json!({
            "id": fake.next_id(), "channel_id": dm_channel, "type": 0,
            "author": {"id": BOT_ID, "username": "skillbot", "discriminator": "0", "avatar": null, "bot": true},
            "content": "", "timestamp": "2026-11-30T08:00:00.000000+00:00", "edited_timestamp": null,
            "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
            "embeds": [], "components": [], "pinned": false, "flags": 0
        }),
    );
    i
}

/// The user is typing `partial` into option `focused` of `name`.
pub fn autocomplete(
    fake: &FakeDiscord,
    who: &Who,
    name: &str,
    focused: &str,
    partial: &str,
) -> Value {
    interaction(
        fake,
        4,
        who,
        json!({
            "id": "800000000000000001", "name": name, "type": 1,
            "options": [{"name": focused, "type": 3, "value": partial, "focused": true}]
        }),
    )
}

fn message(fake: &FakeDiscord, who: &Who) -> Value {
    json!({
        "id": fake.next_id(), "channel_id": CHANNEL_ID, "type": 20,
        "author": {"id": BOT_ID, "username": "skillbot", "discriminator": "0", "avatar": null, "bot": true},
        "content": "", "timestamp": "2026-11-27T10:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
        "embeds": [], "components": [], "pinned": false, "flags": 64,
        "interaction_metadata": {
            "id": fake.next_id(), "type": 2, "user": user(who),
            "authorizing_integration_owners": {"0": GUILD_ID}, "interacted_message_id": fake.next_id()
        }
    })
}

pub fn button(fake: &FakeDiscord, who: &Who, custom_id: &str) -> Value {
    let m = message(fake, who);
    let mut i = interaction(
        fake,
        3,
        who,
        json!({"custom_id": custom_id, "component_type": 2}),
    );
    i["message"] = m;
    i
}

pub fn select(fake: &FakeDiscord, who: &Who, custom_id: &str, values: &[&str]) -> Value {
    let m = message(fake, who);
    let mut i = interaction(
        fake,
        3,
        who,
        json!({"custom_id": custom_id, "component_type": 3, "values": values}),
    );
    i["message"] = m;
    i
}

pub fn modal_submit(
    fake: &FakeDiscord,
    who: &Who,
    custom_id: &str,
    fields: &[(&str, &str)],
) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(id, value)| json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]}))
        .collect();
    interaction(
        fake,
        5,
        who,
        json!({"custom_id": custom_id, "components": rows}),
    )
}

/// The custom ids of the buttons in a callback body, by label.
pub fn button_id(callback: &Value, label: &str) -> String {
    let rows = callback["data"]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for row in rows {
        for c in row["components"].as_array().cloned().unwrap_or_default() {
            if c["label"] == label {
                return c["custom_id"].as_str().unwrap().to_string();
            }
        }
    }
    panic!("no {label:?} button in {callback:#}");
}

pub fn select_id(callback: &Value) -> String {
    let rows = callback["data"]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .flat_map(|r| r["components"].as_array().cloned().unwrap_or_default())
        .find(|c| c["type"] == 3)
        .and_then(|c| c["custom_id"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no select menu in {callback:#}"))
}

/// Title, description and fields of the first embed, as one text.
pub fn embed_text(callback: &Value) -> String {
    let e = &callback["data"]["embeds"][0];
    let mut text = format!(
        "{}\n{}\n",
        e["title"].as_str().unwrap_or(""),
        e["description"].as_str().unwrap_or("")
    );
    for f in e["fields"].as_array().cloned().unwrap_or_default() {
        text.push_str(&format!(
            "{}\n{}\n",
            f["name"].as_str().unwrap_or(""),
            f["value"].as_str().unwrap_or("")
        ));
    }
    text
}
