//! What Slack would refuse in a request: the wrong kind of token, a
//! missing field, a block over Slack's limits, a block or action id used
//! twice in one message or view.

use super::Recorded;
use serde_json::Value;
use std::collections::HashSet;

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

fn text_of(v: &Value) -> &Value {
    &v["text"]
}

/// Every problem with one request; none for a good one.
pub fn problems(r: &Recorded) -> Vec<String> {
    let mut out = Vec::new();
    let b = &r.body;
    let api = !matches!(r.method.as_str(), "response" | "upload");
    match (r.method.as_str(), r.token.as_str()) {
        ("apps.connections.open", "app") => {}
        ("apps.connections.open", t) => out.push(format!("needs the app token, got {t}")),
        (_, "bot") if api => {}
        (_, t) if api => out.push(format!("needs the bot token, got {t}")),
        _ => {}
    }
    let need = |out: &mut Vec<String>, field: &str| {
        if b[field].as_str().is_none_or(str::is_empty) {
            out.push(format!("missing {field}"));
        }
    };
    match r.method.as_str() {
        "chat.postMessage" | "chat.postEphemeral" => {
            need(&mut out, "channel");
            if b["text"].as_str().is_none() && b["blocks"].as_array().is_none() {
                out.push("neither text nor blocks".into());
            }
            blocks(&b["blocks"], 50, &mut out);
        }
        "response" => {
            if !matches!(
                b["response_type"].as_str(),
                Some("ephemeral" | "in_channel") | None
            ) {
                out.push(format!("response_type {}", b["response_type"]));
            }
            blocks(&b["blocks"], 50, &mut out);
        }
        "views.open" => {
            need(&mut out, "trigger_id");
            view(&b["view"], "modal", &mut out);
        }
        "views.publish" => {
            need(&mut out, "user_id");
            view(&b["view"], "home", &mut out);
        }
        "conversations.open" => need(&mut out, "users"),
        "users.info" => need(&mut out, "user"),
        "files.getUploadURLExternal" => {
            need(&mut out, "filename");
            need(&mut out, "length");
        }
        "files.completeUploadExternal" => {
            need(&mut out, "channel_id");
            if b["files"][0]["id"].as_str().is_none() {
                out.push("no file id".into());
            }
        }
        _ => {}
    }
    out
}

fn view(v: &Value, kind: &str, out: &mut Vec<String>) {
    if v["type"] != kind {
        out.push(format!("view type {} (not {kind})", v["type"]));
    }
    for part in ["title", "submit", "close"] {
        if chars(text_of(&v[part])) > 24 {
            out.push(format!("view {part} over 24 characters"));
        }
    }
    if kind == "modal" && chars(text_of(&v["title"])) == 0 {
        out.push("a modal needs a title".into());
    }
    if chars(&v["callback_id"]) > 255 {
        out.push("callback_id over 255".into());
    }
    if chars(&v["private_metadata"]) > 3000 {
        out.push("private_metadata over 3000".into());
    }
    blocks(&v["blocks"], 100, out);
}

/// The blocks of one message (at most 50) or view (100).
fn blocks(blocks: &Value, most: usize, out: &mut Vec<String>) {
    let Some(blocks) = blocks.as_array() else {
        return;
    };
    if blocks.len() > most {
        out.push(format!("{} blocks (at most {most})", blocks.len()));
    }
    let (mut block_ids, mut action_ids) = (HashSet::new(), HashSet::new());
    for block in blocks {
        if let Some(id) = block["block_id"].as_str() {
            if !block_ids.insert(id.to_string()) {
                out.push(format!("block_id {id} twice"));
            }
            if id.chars().count() > 255 {
                out.push("block_id over 255".into());
            }
        }
        match block["type"].as_str().unwrap_or_default() {
            "section" => {
                if chars(text_of(&block["text"])) > 3000 {
                    out.push("section text over 3000".into());
                }
                let fields = block["fields"].as_array().map_or(&[][..], Vec::as_slice);
                if fields.len() > 10 {
                    out.push("over 10 fields".into());
                }
                if fields.iter().any(|f| chars(text_of(f)) > 2000) {
                    out.push("a field over 2000".into());
                }
                if block["text"].is_null() && fields.is_empty() {
                    out.push("a section with neither text nor fields".into());
                }
            }
            "header" => {
                if chars(text_of(&block["text"])) > 150 {
                    out.push("header over 150".into());
                }
            }
            "actions" => {
                let elements = block["elements"].as_array().map_or(&[][..], Vec::as_slice);
                if elements.len() > 25 {
                    out.push("over 25 elements".into());
                }
                for e in elements {
                    element(e, &mut action_ids, out);
                }
            }
            "input" => {
                if chars(text_of(&block["label"])) > 2000 {
                    out.push("input label over 2000".into());
                }
                element(&block["element"], &mut action_ids, out);
            }
            "context" | "divider" | "image" | "rich_text" => {}
            other => out.push(format!("unknown block type {other:?}")),
        }
    }
}

fn element(e: &Value, action_ids: &mut HashSet<String>, out: &mut Vec<String>) {
    match e["action_id"].as_str() {
        Some(id) if id.chars().count() > 255 => out.push("action_id over 255".into()),
        Some(id) if !action_ids.insert(id.to_string()) => out.push(format!("action_id {id} twice")),
        Some(_) => {}
        None => out.push(format!("an element without action_id: {e}")),
    }
    match e["type"].as_str().unwrap_or_default() {
        "button" => {
            if chars(text_of(&e["text"])) > 75 || chars(text_of(&e["text"])) == 0 {
                out.push("button text empty or over 75".into());
            }
            if chars(&e["value"]) > 2000 {
                out.push("button value over 2000".into());
            }
        }
        "static_select" => {
            let options = e["options"].as_array().map_or(&[][..], Vec::as_slice);
            if options.is_empty() || options.len() > 100 {
                out.push(format!("{} options (1 to 100)", options.len()));
            }
            for o in options {
                if chars(text_of(&o["text"])) > 75 {
                    out.push("option text over 75".into());
                }
                if chars(&o["value"]) > 150 || chars(&o["value"]) == 0 {
                    out.push("option value empty or over 150".into());
                }
            }
        }
        "plain_text_input" => {}
        other => out.push(format!("unknown element {other:?}")),
    }
}
