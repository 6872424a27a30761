//! Importing on Slack: a skill (`/matrix import`) or targets
//! (`/targets import`). A slash command carries one line of text and no
//! file, so the command alone opens a form to paste into (Slack's text
//! inputs hold 3,000 characters: a targets CSV, a TOML file or a short
//! page), and a lead drops a longer skill page in their direct messages
//! with skillbot, the message's text giving the options
//! (`slug:my-skill`). Both become the app's command, whose preview has
//! Confirm and Cancel.
//!
//! A file input in the form would be simpler for the lead, but over Socket
//! Mode slack-morphism 2.31 reads a submitted view into a model without a
//! file input's files, so the direct message is the one way that works
//! over both Socket Mode and the HTTP Events API.

use super::Slack;
use super::api::Download;
use super::incoming::{From, ReplyTo, SharedFile};
use crate::app::{Action, Actor, Modal, ModalField, Reply, Upload, Value};
use crate::frontends::typed_line::{Source, parse_line};
use crate::i18n::Locale;
use crate::tr;
use serde_json::json;

/// A paste form for a command that takes a file: its Slack callback id
/// (the front end's own, not a dialog's) and its fields, named like the
/// command's options: (option, required, most characters).
pub struct Form {
    pub command: &'static str,
    pub id: &'static str,
    fields: &'static [(&'static str, bool, usize)],
    /// The title, each field's label, and the hint in the text field.
    texts: fn(Locale) -> (String, Vec<String>, String),
}

/// What one of Slack's text inputs holds.
const PASTE_MAX: usize = 3000;

pub const FORMS: &[Form] = &[
    Form {
        command: "matrix import",
        id: "slack:import:matrix",
        fields: &[
            ("text", true, PASTE_MAX),
            ("slug", false, 64),
            ("name", false, 100),
        ],
        texts: |r| {
            (
                tr!(r, "slack-import-title"),
                vec![
                    tr!(r, "slack-import-text"),
                    tr!(r, "slack-import-slug"),
                    tr!(r, "slack-import-name"),
                ],
                tr!(r, "slack-import-text-hint"),
            )
        },
    },
    Form {
        command: "targets import",
        id: "slack:import:targets",
        fields: &[("text", true, PASTE_MAX)],
        texts: |r| {
            (
                tr!(r, "slack-targets-title"),
                vec![tr!(r, "slack-targets-text")],
                tr!(r, "slack-targets-text-hint"),
            )
        },
    },
];

/// Where a refusal of what was pasted is shown.
pub const TEXT: &str = "text";
/// A skill page is a few KB; this is far beyond any.
const FILE_MAX: usize = 1 << 20;
/// Files read as a skill page or TOML file; others (images, the bot's own
/// CSV exports) are left alone.
const IMPORTABLE: &[&str] = &[".txt", ".html", ".htm", ".toml", ".md", ".text"];
const MATRIX_IMPORT: &str = "matrix import";

/// The form `/command text` opens: the command alone, with no options.
pub fn form_for(command: &str, text: &str) -> Option<&'static Form> {
    let line = format!("{command} {}", text.trim().to_lowercase());
    FORMS.iter().find(|f| f.command == line)
}

pub fn form_by_id(id: &str) -> Option<&'static Form> {
    FORMS.iter().find(|f| f.id == id)
}

impl Form {
    fn reply(&self, r: Locale) -> Reply {
        let (title, labels, hint) = (self.texts)(r);
        let fields = self
            .fields
            .iter()
            .zip(labels)
            .map(|(&(id, required, max_chars), label)| ModalField {
                id: id.to_string(),
                label,
                required,
                max_chars,
                placeholder: if id == TEXT {
                    hint.clone()
                } else {
                    String::new()
                },
            })
            .collect();
        Reply {
            modal: Some(Modal {
                id: self.id.to_string(),
                title,
                fields,
            }),
            locale: r,
            ..Reply::default()
        }
    }

    /// The app's command for what the form was given.
    pub fn command(&self, given: &[(String, String)]) -> Action {
        let options = given
            .iter()
            .filter(|(id, text)| self.fields.iter().any(|f| f.0 == id) && !text.trim().is_empty())
            .map(|(id, text)| (id.clone(), Value::Text(text.clone())))
            .collect();
        Action::Command {
            name: self.command.to_string(),
            options,
        }
    }
}

fn importable(file: &SharedFile) -> bool {
    let name = file.name.to_lowercase();
    IMPORTABLE.iter().any(|ext| name.ends_with(ext))
}

impl Slack {
    /// Opens a paste form for a lead; a member is told at once that the
    /// command is for leads.
    pub(super) async fn open_form(
        &self,
        form: &Form,
        actor: &Actor,
        from: &From,
        reply_to: &ReplyTo,
        trigger: &str,
    ) {
        if let Some(refusal) = self.app.refusal(actor, form.command).await {
            return self.show(refusal, from, reply_to, trigger).await;
        }
        let r = actor.locale;
        let reply = form.reply(r);
        let Some(modal) = &reply.modal else {
            return;
        };
        // Submitting shows a preview; nothing is saved before Confirm.
        let mut view = super::blocks::modal_view(&reply, modal);
        view["submit"] = json!({"type": "plain_text", "text": tr!(r, "slack-import-submit")});
        self.open_view(view, r, from, reply_to, trigger).await;
    }

    /// A file dropped in the direct messages: the import preview there.
    pub(super) async fn import_shared(
        &self,
        from: &From,
        channel: String,
        text: &str,
        files: &[SharedFile],
    ) {
        let Some(file) = files.iter().find(|f| importable(f)) else {
            return;
        };
        let started = std::time::Instant::now();
        let actor = self.people.actor(from).await;
        let reply = match self.import_file(&actor, text, file).await {
            Ok(action) => {
                self.app
                    .handle(&crate::app::Request { actor, action })
                    .await
            }
            Err(refusal) => refusal,
        };
        crate::frontends::lifecycle::log_interaction("/matrix import", started, reply.outcome);
        let reply_to = ReplyTo {
            response_url: None,
            channel: Some(channel),
        };
        self.show(reply, from, &reply_to, "").await;
    }

    async fn import_file(
        &self,
        actor: &Actor,
        text: &str,
        file: &SharedFile,
    ) -> Result<Action, Reply> {
        let r = actor.locale;
        if let Some(refusal) = self.app.refusal(actor, MATRIX_IMPORT).await {
            return Err(refusal);
        }
        let line = format!("{MATRIX_IMPORT} {text}");
        let Ok(Action::Command { name, mut options }) = parse_line(&line, Source::Chat) else {
            return Err(Reply::refused(tr!(r, "slack-import-dm-options")));
        };
        let bytes = match self.api.download(&file.url_private, FILE_MAX).await {
            Ok(bytes) => bytes,
            Err(Download::TooLarge) => {
                let max = FILE_MAX / 1024;
                return Err(Reply::refused(tr!(
                    r,
                    "slack-import-too-large",
                    file = &file.name,
                    max = max
                )));
            }
            Err(Download::Failed) => {
                return Err(Reply::refused(tr!(
                    r,
                    "slack-import-unreadable",
                    file = &file.name
                )));
            }
        };
        options.retain(|(option, _)| option != "file" && option != TEXT);
        let upload = Upload {
            name: file.name.clone(),
            bytes,
        };
        options.push(("file".to_string(), Value::File(upload)));
        Ok(Action::Command { name, options })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_gives_its_commands_options_and_leaves_out_empty_and_unknown_ones() {
        let fields = vec![
            ("name".to_string(), "  ".to_string()),
            ("slug".to_string(), "my-skill".to_string()),
            ("text".to_string(), "Junior\n...".to_string()),
            ("other".to_string(), "x".to_string()),
        ];
        let form = form_by_id("slack:import:matrix").unwrap();
        let Action::Command { name, options } = form.command(&fields) else {
            panic!("not a command");
        };
        assert_eq!(name, "matrix import");
        assert_eq!(
            options,
            vec![
                ("slug".to_string(), Value::Text("my-skill".into())),
                ("text".to_string(), Value::Text("Junior\n...".into())),
            ]
        );
        let targets = form_by_id("slack:import:targets").unwrap();
        let Action::Command { name, options } = targets.command(&fields) else {
            panic!("not a command");
        };
        assert_eq!((name.as_str(), options.len()), ("targets import", 1));
    }

    #[test]
    fn every_form_is_a_command_of_the_app_taking_its_fields() {
        for form in FORMS {
            let spec = crate::app::spec::find(form.command).expect(form.command);
            for (field, ..) in form.fields {
                assert!(
                    spec.options.iter().any(|o| o.name == *field),
                    "{} takes no {field}",
                    form.command
                );
            }
            let modal = form.reply(Locale::EnUs).modal.unwrap();
            assert_eq!(
                modal.fields.len(),
                form.fields.len(),
                "a label for each field"
            );
            assert!(modal.title.chars().count() <= super::super::blocks::MODAL_TITLE_MAX);
        }
    }

    #[test]
    fn only_pages_and_toml_files_are_imported_and_only_a_bare_command_opens_a_form() {
        let file = |name: &str| SharedFile {
            name: name.into(),
            url_private: "https://files.slack.com/x".into(),
        };
        assert!(importable(&file("Serverless.HTML")));
        assert!(importable(&file("serverless.zh.txt")));
        assert!(!importable(&file("team-2026-12.csv")));
        assert!(!importable(&file("heatmap.png")));
        assert_eq!(
            form_for("matrix", " Import ").unwrap().command,
            "matrix import"
        );
        assert_eq!(
            form_for("targets", "import").unwrap().command,
            "targets import"
        );
        assert!(form_for("matrix", "import slug:x").is_none());
        assert!(form_for("skill", "import").is_none());
    }
}
