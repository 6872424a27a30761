//! What Slack sends, read from its JSON payloads, whichever way it came
//! (a Socket Mode envelope or an HTTP post): slash commands, block actions,
//! view submissions and the Home tab being opened. Anything else, or a
//! payload missing what it needs, is `None`: it is acknowledged and
//! ignored.

use serde_json::Value;

/// Where to answer an interaction: its `response_url`, and the channel it
/// came from (for files, and for answers when there is no response URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReplyTo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

/// Who did it: the Slack team and user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct From {
    pub team: String,
    pub team_name: Option<String>,
    pub user: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Incoming {
    /// `/skill serverless senior`: the command without its slash.
    Command {
        from: From,
        command: String,
        text: String,
        trigger_id: String,
        reply_to: ReplyTo,
    },
    /// A button or a menu choice.
    Action {
        from: From,
        action_id: String,
        /// The chosen option's value, for a menu.
        selected: Option<String>,
        trigger_id: String,
        reply_to: ReplyTo,
        /// On the Home tab rather than in a message.
        home: bool,
    },
    /// A submitted modal: its callback id, the fields' (block id, text),
    /// and where its answer goes (kept in the view's private metadata).
    Submission {
        from: From,
        callback_id: String,
        fields: Vec<(String, String)>,
        reply_to: ReplyTo,
    },
    HomeOpened {
        from: From,
    },
    /// Files a member dropped in their direct messages with the bot, with
    /// the message's text.
    FileShared {
        from: From,
        channel: String,
        text: String,
        files: Vec<SharedFile>,
    },
}

/// A file a member shared, as Slack describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedFile {
    pub name: String,
    /// Where the bot fetches it, with its token.
    pub url_private: String,
}

fn shared_file(f: &Value) -> Option<SharedFile> {
    Some(SharedFile {
        name: text(&f["name"])
            .or_else(|| text(&f["title"]))
            .unwrap_or_default(),
        url_private: text(&f["url_private_download"]).or_else(|| text(&f["url_private"]))?,
    })
}

fn text(v: &Value) -> Option<String> {
    v.as_str().filter(|s| !s.is_empty()).map(str::to_string)
}

/// A slash command's fields (form fields, or the Socket Mode payload).
pub fn command(p: &Value) -> Option<Incoming> {
    let command = text(&p["command"])?;
    Some(Incoming::Command {
        from: From {
            team: text(&p["team_id"])?,
            team_name: text(&p["team_domain"]),
            user: text(&p["user_id"])?,
        },
        command: command.trim_start_matches('/').to_string(),
        text: p["text"].as_str().unwrap_or_default().to_string(),
        trigger_id: text(&p["trigger_id"]).unwrap_or_default(),
        reply_to: ReplyTo {
            response_url: text(&p["response_url"]),
            channel: text(&p["channel_id"]),
        },
    })
}

fn from_interaction(p: &Value) -> Option<From> {
    Some(From {
        team: text(&p["team"]["id"]).or_else(|| text(&p["user"]["team_id"]))?,
        team_name: text(&p["team"]["domain"]),
        user: text(&p["user"]["id"])?,
    })
}

/// An interaction payload (`block_actions`, `view_submission`).
pub fn interaction(p: &Value) -> Option<Incoming> {
    let from = from_interaction(p)?;
    match p["type"].as_str()? {
        "block_actions" => {
            // One action per payload is what Slack sends for buttons and
            // menus.
            let action = p["actions"].get(0)?;
            let channel = text(&p["container"]["channel_id"]).or_else(|| text(&p["channel"]["id"]));
            Some(Incoming::Action {
                from,
                action_id: text(&action["action_id"])?,
                selected: text(&action["selected_option"]["value"]),
                trigger_id: text(&p["trigger_id"]).unwrap_or_default(),
                reply_to: ReplyTo {
                    response_url: text(&p["response_url"]),
                    channel,
                },
                home: p["container"]["type"].as_str() == Some("view")
                    && p["view"]["type"].as_str() == Some("home"),
            })
        }
        "view_submission" => {
            let view = &p["view"];
            let values = view["state"]["values"].as_object()?;
            let mut fields: Vec<(String, String)> = values
                .iter()
                .filter_map(|(block, actions)| {
                    // Each input block holds one element, named like it.
                    let (_, element) = actions.as_object()?.iter().next()?;
                    Some((
                        block.clone(),
                        element["value"].as_str().unwrap_or_default().to_string(),
                    ))
                })
                .collect();
            fields.sort();
            let reply_to = view["private_metadata"]
                .as_str()
                .and_then(|m| serde_json::from_str(m).ok())
                .unwrap_or_default();
            Some(Incoming::Submission {
                from,
                callback_id: text(&view["callback_id"])?,
                fields,
                reply_to,
            })
        }
        _ => None,
    }
}

/// An Events API event (inside `event_callback`): the Home tab opened, or
/// files shared in a direct message with the bot by a person (never the
/// bot's own: its charts and exports are shared there too).
pub fn event(callback: &Value) -> Option<Incoming> {
    let event = &callback["event"];
    let from = From {
        team: text(&callback["team_id"]).or_else(|| text(&event["view"]["team_id"]))?,
        team_name: None,
        user: text(&event["user"])?,
    };
    match event["type"].as_str()? {
        "app_home_opened" if event["tab"].as_str() == Some("home") => {
            Some(Incoming::HomeOpened { from })
        }
        "message"
            if event["subtype"] == "file_share"
                && event["channel_type"] == "im"
                && event["bot_id"].is_null() =>
        {
            let files: Vec<SharedFile> = event["files"]
                .as_array()?
                .iter()
                .filter_map(shared_file)
                .collect();
            (!files.is_empty()).then_some(())?;
            Some(Incoming::FileShared {
                from,
                channel: text(&event["channel"])?,
                text: event["text"].as_str().unwrap_or_default().to_string(),
                files,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_slash_command_keeps_its_text_and_where_to_answer() {
        let p = json!({
            "team_id": "T1", "team_domain": "acme", "channel_id": "C1", "user_id": "U1",
            "command": "/skill", "text": "serverless senior",
            "response_url": "http://127.0.0.1:1/response/1", "trigger_id": "t1"
        });
        let Some(Incoming::Command {
            from,
            command: name,
            text,
            reply_to,
            ..
        }) = command(&p)
        else {
            panic!("not a command");
        };
        assert_eq!((from.team.as_str(), from.user.as_str()), ("T1", "U1"));
        assert_eq!(
            (name.as_str(), text.as_str()),
            ("skill", "serverless senior")
        );
        assert_eq!(reply_to.channel.as_deref(), Some("C1"));
        assert!(command(&json!({"command": "/skill"})).is_none());
    }

    #[test]
    fn a_submission_reads_its_fields_and_the_answer_address_it_carries() {
        let meta = serde_json::to_string(&ReplyTo {
            response_url: Some("http://x/response/2".into()),
            channel: Some("D1".into()),
        })
        .unwrap();
        let p = json!({
            "type": "view_submission",
            "team": {"id": "T1", "domain": "acme"}, "user": {"id": "U1"},
            "view": {
                "callback_id": "sb1:d1:note", "private_metadata": meta,
                "state": {"values": {"note": {"note": {"type": "plain_text_input", "value": "Shipped it"}}}}
            }
        });
        let Some(Incoming::Submission {
            callback_id,
            fields,
            reply_to,
            ..
        }) = interaction(&p)
        else {
            panic!("not a submission");
        };
        assert_eq!(callback_id, "sb1:d1:note");
        assert_eq!(fields, vec![("note".to_string(), "Shipped it".to_string())]);
        assert_eq!(reply_to.channel.as_deref(), Some("D1"));
    }

    #[test]
    fn a_menu_choice_and_a_home_button_are_told_apart() {
        let p = json!({
            "type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U1"},
            "container": {"type": "message", "message_ts": "1.2", "channel_id": "C1"},
            "trigger_id": "t", "response_url": "http://x/r",
            "actions": [{"action_id": "sb1:d1:role~1", "selected_option": {"value": "Cloud Engineer"}}]
        });
        let Some(Incoming::Action { selected, home, .. }) = interaction(&p) else {
            panic!("not an action");
        };
        assert_eq!((selected.as_deref(), home), (Some("Cloud Engineer"), false));
        let p = json!({
            "type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U1"},
            "container": {"type": "view", "view_id": "V1"}, "view": {"type": "home"},
            "trigger_id": "t", "actions": [{"action_id": "slack:home:assess"}]
        });
        assert!(matches!(
            interaction(&p),
            Some(Incoming::Action { home: true, .. })
        ));
        assert!(
            interaction(&json!({"type": "shortcut", "team": {"id": "T"}, "user": {"id": "U"}}))
                .is_none()
        );
    }

    #[test]
    fn a_file_dropped_in_the_bots_direct_messages_is_taken_but_not_the_bots_own() {
        let mut callback = json!({
            "type": "event_callback", "team_id": "T1",
            "event": {
                "type": "message", "subtype": "file_share", "channel": "D1", "channel_type": "im",
                "user": "U1", "text": "slug:my-skill", "ts": "1.2",
                "files": [{"id": "F1", "name": "serverless.txt",
                           "url_private": "https://files.slack.com/files-pri/T1-F1/serverless.txt"}]
            }
        });
        let Some(Incoming::FileShared {
            from,
            channel,
            text,
            files,
        }) = event(&callback)
        else {
            panic!("not a shared file");
        };
        assert_eq!((from.user.as_str(), channel.as_str()), ("U1", "D1"));
        assert_eq!(text, "slug:my-skill");
        assert_eq!(files[0].name, "serverless.txt");
        callback["event"]["bot_id"] = json!("B1");
        assert!(event(&callback).is_none());
        callback["event"]["bot_id"] = Value::Null;
        callback["event"]["channel_type"] = json!("channel");
        assert!(event(&callback).is_none());
    }
}
