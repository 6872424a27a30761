//! A message for someone other than the asker, kept as what to say: message
//! ids and arguments, rendered in the reader's language when it is sent or
//! shown. So a message queued for a console member, or sent later, is never
//! stored in one language, and a translation that improves shows in the
//! messages already waiting.

use super::reply::{Button, Field, Reply, Style};
use crate::i18n::{Locale, Msg};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
// Unknown fields mean another form (a rendered `Reply` kept by an older
// version), which the reader of kept messages tells apart so.
#[serde(deny_unknown_fields)]
pub struct Said {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Msg>,
    /// The text, a message a line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<Msg>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<(Msg, Msg)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<SaidButton>,
    /// What the message is named by once it is out of date ("2026-W12",
    /// for a week's check-in): "missed 2026-W12".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missed_as: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaidButton {
    pub id: String,
    pub label: Msg,
    pub style: Style,
}

impl Said {
    pub fn line(text: Msg) -> Said {
        Said {
            lines: vec![text],
            ..Said::default()
        }
    }

    pub fn titled(title: Msg, text: Msg) -> Said {
        Said {
            title: Some(title),
            lines: vec![text],
            ..Said::default()
        }
    }

    /// Another line of text.
    pub fn then(mut self, text: Msg) -> Said {
        self.lines.push(text);
        self
    }

    pub fn field(mut self, name: Msg, value: Msg) -> Said {
        self.fields.push((name, value));
        self
    }

    pub fn button(mut self, id: impl Into<String>, label: Msg, style: Style) -> Said {
        self.buttons.push(SaidButton {
            id: id.into(),
            label,
            style,
        });
        self
    }

    pub fn missed_as(mut self, name: impl Into<String>) -> Said {
        self.missed_as = Some(name.into());
        self
    }

    /// The message as `reader` reads it: a private reply.
    pub fn render(&self, reader: Locale) -> Reply {
        Reply {
            title: self.title.as_ref().map(|t| t.render(reader)),
            text: self
                .lines
                .iter()
                .map(|l| l.render(reader))
                .collect::<Vec<_>>()
                .join("\n"),
            fields: self
                .fields
                .iter()
                .map(|(name, value)| Field {
                    name: name.render(reader),
                    value: value.render(reader),
                })
                .collect(),
            buttons: self
                .buttons
                .iter()
                .map(|b| Button {
                    id: b.id.clone(),
                    label: b.label.render(reader),
                    style: b.style,
                })
                .collect(),
            locale: reader,
            ..Reply::default()
        }
    }
}
