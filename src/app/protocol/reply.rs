//! What the app answers, for any platform to render.

use super::notify::Notice;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub title: Option<String>,
    pub text: String,
    pub fields: Vec<Field>,
    pub buttons: Vec<Button>,
    pub select: Option<Select>,
    /// A form to open instead of a message.
    pub modal: Option<Modal>,
    pub attachments: Vec<Attachment>,
    /// Only the person who asked sees it.
    pub private: bool,
    /// Replace the message whose component was used, rather than post anew.
    pub update: bool,
    /// Messages for others, to deliver (`App::deliver`) after answering.
    pub notices: Vec<Notice>,
    /// The text is about the notices' delivery ("Nudged ann, bob."), so it
    /// is only true once they are sent: the front end delivers first and
    /// answers with `App::conclude`'s text, which names who got the
    /// message after these words and who did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_delivery: Option<String>,
    pub outcome: Outcome,
    /// The language the text is in: the reader's. Front ends render
    /// dates in it, and `App::conclude` writes its lines in it.
    #[serde(default)]
    pub locale: Locale,
}

/// How the request went, for logs and front ends; the text says the rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    #[default]
    Ok,
    /// The user asked for something wrong or not allowed; the text says
    /// what to do instead.
    Refused,
    /// Something broke inside; logged, and the user got an apology.
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Style {
    Primary,
    Secondary,
    Success,
    Danger,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub id: String,
    pub label: String,
    pub style: Style,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Select {
    pub id: String,
    pub placeholder: String,
    pub options: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modal {
    pub id: String,
    pub title: String,
    pub fields: Vec<ModalField>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModalField {
    pub id: String,
    pub label: String,
    pub required: bool,
    pub max_chars: usize,
    pub placeholder: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn text(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
            ..Reply::default()
        }
    }

    pub fn titled(title: impl Into<String>, text: impl Into<String>) -> Reply {
        Reply {
            title: Some(title.into()),
            text: text.into(),
            ..Reply::default()
        }
    }

    /// A refusal the user can act on: always private.
    pub fn refused(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
            private: true,
            outcome: Outcome::Refused,
            ..Reply::default()
        }
    }

    pub fn private(mut self) -> Reply {
        self.private = true;
        self
    }

    /// See `reports_delivery`: `lead_in` comes before the names of those
    /// who got the message.
    pub fn reporting_delivery(mut self, lead_in: impl Into<String>) -> Reply {
        self.reports_delivery = Some(lead_in.into());
        self
    }

    pub fn updating(mut self) -> Reply {
        self.update = true;
        self
    }

    pub fn field(mut self, name: impl Into<String>, value: impl Into<String>) -> Reply {
        self.fields.push(Field {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    pub fn button(
        mut self,
        id: impl Into<String>,
        label: impl Into<String>,
        style: Style,
    ) -> Reply {
        self.buttons.push(Button {
            id: id.into(),
            label: label.into(),
            style,
        });
        self
    }
}
