//! App replies as Slack Block Kit, within Slack's limits: a long text is
//! split over several sections and a long reply over several messages,
//! never cut; ids and values that cannot be cut are left out, logged.
//! The blocks are JSON as Slack documents them, so that what is sent can
//! be read and checked as it is.

use crate::app::markup::{self, Reference, TimeStyle};
use crate::app::{Modal, Reply, Style};
use crate::text::split_text;
use serde_json::{Value, json};

/// Blocks in one message (a modal and the Home tab take 100).
pub const BLOCKS_PER_MESSAGE: usize = 50;
pub const BLOCKS_PER_VIEW: usize = 100;
/// Characters of a section's text, of one of its fields, of a header.
pub const SECTION_MAX: usize = 3000;
pub const FIELD_MAX: usize = 2000;
pub const FIELDS_PER_SECTION: usize = 10;
pub const HEADER_MAX: usize = 150;
/// A button's or an option's text, an option's value, an action id.
pub const LABEL_MAX: usize = 75;
pub const OPTION_VALUE_MAX: usize = 150;
pub const ACTION_ID_MAX: usize = 255;
/// Options in one static select, elements in one actions block.
pub const OPTIONS_PER_SELECT: usize = 100;
pub const ELEMENTS_PER_ACTIONS: usize = 25;
/// A modal's title, submit and close texts.
pub const MODAL_TITLE_MAX: usize = 24;
/// The longest field a form shows on one line.
const ONE_LINE_MAX: usize = 150;
/// Marks the second and later menus of one select.
const MENU_SUFFIX: &str = "~";

/// The app's select id behind a menu's action id.
pub fn select_id(action_id: &str) -> &str {
    match action_id.rsplit_once(MENU_SUFFIX) {
        Some((id, n)) if n.parse::<u8>().is_ok() => id,
        _ => action_id,
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Text for Slack's mrkdwn: `&`, `<` and `>` escaped as Slack asks, then
/// the app's references the Slack way: a user group as a mention, a time
/// that each reader sees in their own zone, emphasis and code in Slack's
/// syntax.
pub fn mrkdwn(reader: crate::i18n::Locale, text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    markup::render(&escaped, |r| match r {
        Reference::Role { id, .. } => format!("<!subteam^{id}>"),
        Reference::Channel { id, .. } => format!("<#{id}>"),
        Reference::Time { at, style, zone } => {
            let token = match style {
                TimeStyle::Date => "{date_short_pretty}",
                TimeStyle::DateTime => "{date_short_pretty} {time}",
                TimeStyle::Relative => "{ago}",
            };
            let fallback = markup::local(reader, at, style, zone);
            format!("<!date^{}^{token}|{fallback}>", at.timestamp())
        }
        Reference::Strong(text) => format!("*{text}*"),
        Reference::Code(text) => format!("`{text}`"),
    })
}

/// Plain text (a header, a button, an option): references by name.
fn plain(reply: &Reply, text: &str) -> String {
    markup::plain_for(reply.locale, text)
}

/// The reply as one or more messages' blocks; the buttons and the select
/// go with the last, where the user reads to.
pub fn messages(reply: &Reply) -> Vec<Vec<Value>> {
    let mut blocks = text_blocks(reply);
    let controls = controls(reply);
    let mut messages: Vec<Vec<Value>> = Vec::new();
    let room = BLOCKS_PER_MESSAGE - controls.len().min(BLOCKS_PER_MESSAGE);
    while blocks.len() > BLOCKS_PER_MESSAGE {
        let rest = blocks.split_off(BLOCKS_PER_MESSAGE);
        messages.push(std::mem::replace(&mut blocks, rest));
    }
    if blocks.len() > room {
        let rest = blocks.split_off(room);
        messages.push(std::mem::replace(&mut blocks, rest));
    }
    blocks.extend(controls);
    messages.push(blocks);
    messages
}

/// The plain text of a reply, for notifications and clients that show no
/// blocks (Slack asks for one beside the blocks).
pub fn fallback_text(reply: &Reply) -> String {
    let text = plain(reply, &reply.text);
    let text = match &reply.title {
        Some(title) => format!("{}\n{text}", plain(reply, title)),
        None => text,
    };
    cut(&text, SECTION_MAX)
}

fn section(text: String) -> Value {
    json!({"type": "section", "text": {"type": "mrkdwn", "text": text}})
}

fn text_blocks(reply: &Reply) -> Vec<Value> {
    let mut blocks = Vec::new();
    if let Some(title) = &reply.title {
        blocks.push(json!({
            "type": "header",
            "text": {"type": "plain_text", "text": cut(&plain(reply, title), HEADER_MAX)}
        }));
    }
    for piece in split_text(&mrkdwn(reply.locale, &reply.text), SECTION_MAX) {
        if !piece.trim().is_empty() {
            blocks.push(section(piece));
        }
    }
    let mut fields: Vec<Value> = Vec::new();
    for f in &reply.fields {
        let name = mrkdwn(reply.locale, &f.name);
        let head = format!("*{}*\n", cut(&name, 200));
        let room = FIELD_MAX - chars(&head);
        for (i, part) in split_text(&mrkdwn(reply.locale, &f.value), room)
            .into_iter()
            .enumerate()
        {
            let text = if i == 0 {
                format!("{head}{part}")
            } else {
                part
            };
            fields.push(json!({"type": "mrkdwn", "text": text}));
        }
    }
    for chunk in fields.chunks(FIELDS_PER_SECTION) {
        blocks.push(json!({"type": "section", "fields": chunk}));
    }
    blocks
}

/// An id or value over Slack's limit cannot be cut without breaking it:
/// a bug upstream, logged, and its element left out.
fn fits(id: &str, max: usize) -> bool {
    let ok = chars(id) <= max;
    if !ok {
        tracing::error!(
            chars = chars(id),
            "an action id or value is over Slack's limit"
        );
    }
    ok
}

fn button(reply: &Reply, b: &crate::app::Button) -> Value {
    let mut button = json!({
        "type": "button",
        "action_id": b.id,
        "value": b.id,
        "text": {"type": "plain_text", "text": cut(&plain(reply, &b.label), LABEL_MAX)},
    });
    // Slack has a green-ish "primary" and a red "danger"; the rest is plain.
    let style = match b.style {
        Style::Primary | Style::Success => Some("primary"),
        Style::Danger => Some("danger"),
        Style::Secondary => None,
    };
    if let Some(style) = style {
        button["style"] = json!(style);
    }
    button
}

/// The select (as menus of at most 100 options) and the buttons, as
/// actions blocks of at most 25 elements.
fn controls(reply: &Reply) -> Vec<Value> {
    let mut elements = Vec::new();
    if let Some(select) = reply
        .select
        .as_ref()
        .filter(|s| fits(&s.id, ACTION_ID_MAX - 3))
    {
        let options: Vec<Value> = select
            .options
            .iter()
            .filter(|c| fits(&c.value, OPTION_VALUE_MAX))
            .map(|c| {
                json!({
                    "text": {"type": "plain_text", "text": cut(&plain(reply, &c.label), LABEL_MAX)},
                    "value": c.value,
                })
            })
            .collect();
        let menus: Vec<&[Value]> = options.chunks(OPTIONS_PER_SELECT).collect();
        for (n, chunk) in menus.iter().enumerate() {
            let action_id = if n == 0 {
                select.id.clone()
            } else {
                format!("{}{MENU_SUFFIX}{}", select.id, n + 1)
            };
            let placeholder = if menus.len() == 1 {
                select.placeholder.clone()
            } else {
                crate::tr!(
                    reply.locale,
                    "page-menu-part",
                    placeholder = &select.placeholder,
                    n = n + 1,
                    count = menus.len()
                )
            };
            elements.push(json!({
                "type": "static_select",
                "action_id": action_id,
                "placeholder": {"type": "plain_text", "text": cut(&plain(reply, &placeholder), 150)},
                "options": chunk,
            }));
        }
    }
    elements.extend(
        reply
            .buttons
            .iter()
            .filter(|b| fits(&b.id, ACTION_ID_MAX))
            .map(|b| button(reply, b)),
    );
    elements
        .chunks(ELEMENTS_PER_ACTIONS)
        .map(|chunk| json!({"type": "actions", "elements": chunk}))
        .collect()
}

/// A form as a modal view (`views.open`): each field an input
/// whose block and action ids are the field's id, so that the submission's
/// `state.values` names them.
pub fn modal_view(reply: &Reply, modal: &Modal) -> Value {
    let title = |text: String| json!({"type": "plain_text", "text": cut(&text, MODAL_TITLE_MAX)});
    let blocks: Vec<Value> = modal
        .fields
        .iter()
        .take(BLOCKS_PER_VIEW)
        .map(|f| {
            let mut input = json!({
                "type": "plain_text_input",
                "action_id": f.id,
                // A slug or a name on one line; a note or a page on many.
                "multiline": f.max_chars > ONE_LINE_MAX,
                "max_length": f.max_chars,
            });
            if !f.placeholder.is_empty() {
                input["placeholder"] =
                    json!({"type": "plain_text", "text": cut(&plain(reply, &f.placeholder), 150)});
            }
            json!({
                "type": "input",
                "block_id": f.id,
                "optional": !f.required,
                "label": {"type": "plain_text", "text": cut(&plain(reply, &f.label), 2000)},
                "element": input,
            })
        })
        .collect();
    json!({
        "type": "modal",
        "callback_id": modal.id,
        "title": title(plain(reply, &modal.title)),
        "submit": title(crate::tr!(reply.locale, "slack-modal-submit")),
        "close": title(crate::tr!(reply.locale, "button-cancel")),
        "blocks": blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Choice, Field, ModalField, Select};
    use chrono::TimeZone;

    #[test]
    fn references_escape_and_emphasis_are_slacks_own() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 10, 5, 7, 30, 0).unwrap();
        let text = format!(
            "{} for {} at {} (R&D <ops>) in {}",
            markup::strong("Senior"),
            markup::role("S123", "Leads"),
            markup::time(at, TimeStyle::DateTime, "Europe/Berlin"),
            markup::channel("C9", "general")
        );
        let out = mrkdwn(crate::i18n::Locale::EnUs, &text);
        assert!(
            out.starts_with("*Senior* for <!subteam^S123> at <!date^"),
            "{out}"
        );
        assert!(out.contains(&format!(
            "{}^{{date_short_pretty}} {{time}}|",
            at.timestamp()
        )));
        assert!(out.contains("(R&amp;D &lt;ops&gt;)"), "{out}");
        assert!(out.ends_with("in <#C9>"), "{out}");
        assert!(!out.contains("**"));
    }

    #[test]
    fn a_long_reply_is_split_within_slacks_limits_and_nothing_is_lost() {
        let line = "word ".repeat(100);
        let mut reply = Reply::titled("T".repeat(200), vec![line.as_str(); 400].join("\n"));
        reply.fields = (0..25)
            .map(|i| Field {
                name: format!("Role {i}"),
                value: "x ".repeat(1500),
            })
            .collect();
        reply = reply.button("b1", "Go", Style::Primary);
        let messages = messages(&reply);
        assert!(messages.len() > 1);
        let mut words = 0;
        for blocks in &messages {
            assert!(blocks.len() <= BLOCKS_PER_MESSAGE);
            for b in blocks {
                if let Some(t) = b["text"]["text"].as_str() {
                    assert!(chars(t) <= SECTION_MAX);
                    words += t.matches("word").count();
                }
                if let Some(fields) = b["fields"].as_array() {
                    assert!(fields.len() <= FIELDS_PER_SECTION);
                    for f in fields {
                        assert!(chars(f["text"].as_str().unwrap()) <= FIELD_MAX);
                    }
                }
                if b["type"] == "header" {
                    assert_eq!(chars(b["text"]["text"].as_str().unwrap()), HEADER_MAX);
                }
            }
        }
        assert_eq!(words, 400 * 100);
        // The button is on the last message.
        let last = messages.last().unwrap();
        assert_eq!(last.last().unwrap()["elements"][0]["action_id"], "b1");
    }

    #[test]
    fn a_select_longer_than_slack_allows_becomes_several_menus() {
        let mut reply = Reply::text("Pick one");
        reply.select = Some(Select {
            id: "d1:pick".into(),
            placeholder: "Choose".into(),
            options: (0..230)
                .map(|i| Choice {
                    value: format!("v{i}"),
                    label: format!("{i} {}", "l".repeat(100)),
                })
                .collect(),
        });
        let blocks = messages(&reply).remove(0);
        let menus = blocks.last().unwrap()["elements"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(menus.len(), 3);
        assert_eq!(menus[1]["action_id"], "d1:pick~2");
        assert_eq!(select_id("d1:pick~2"), "d1:pick");
        assert_eq!(menus[0]["placeholder"]["text"], "Choose (1 of 3)");
        let label = menus[0]["options"][0]["text"]["text"].as_str().unwrap();
        assert_eq!(chars(label), LABEL_MAX);
    }

    #[test]
    fn an_id_over_the_limit_is_left_out_rather_than_cut() {
        let reply = Reply::text("x")
            .button("i".repeat(256), "Too long", Style::Primary)
            .button("ok", "Fine", Style::Danger);
        let json = serde_json::to_string(&messages(&reply)).unwrap();
        assert!(json.contains("Fine") && !json.contains("Too long"));
        assert!(json.contains(r#""style":"danger""#));
    }

    #[test]
    fn a_form_is_a_modal_whose_inputs_are_named_by_the_fields() {
        let reply = Reply::default();
        let modal = Modal {
            id: "d1:note".into(),
            title: "A note for your rating, please".into(),
            fields: vec![ModalField {
                id: "note".into(),
                label: "Evidence".into(),
                required: false,
                max_chars: 1000,
                placeholder: "What you did".into(),
            }],
        };
        let view = modal_view(&reply, &modal);
        assert_eq!(view["callback_id"], "d1:note");
        assert_eq!(
            chars(view["title"]["text"].as_str().unwrap()),
            MODAL_TITLE_MAX
        );
        assert_eq!(view["blocks"][0]["block_id"], "note");
        assert_eq!(view["blocks"][0]["element"]["action_id"], "note");
        assert_eq!(view["blocks"][0]["optional"], true);
        assert_eq!(view["close"]["text"], "Cancel");
    }
}
