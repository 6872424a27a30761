//! A name that fits several skills ("serverless" when the server imported
//! its own copy of Serverless Functions) is answered with a button per
//! candidate; a press runs the command again with the one picked.

use crate::app::core::dialog::{Input, Press, Stored};
use crate::app::core::{AppError, AppResult, Ctx, dialog};
use crate::app::protocol::component_id::{ComponentId, DialogAction};
use crate::app::protocol::reply::Style;
use crate::app::protocol::{Reply, RoleRef, UserRef, Value};
use crate::i18n::Msg;
use crate::{msg, tr};
use serde::{Deserialize, Serialize};

/// The most candidates offered as buttons.
const MOST: usize = 10;

/// A command waiting for one of the candidates of an ambiguous name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickState {
    pub command: String,
    pub options: Vec<(String, Kept)>,
    /// The option whose value was ambiguous, and the candidates' keys.
    pub option: String,
    pub keys: Vec<String>,
}

/// An option's value as a dialog keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kept {
    Text(String),
    Bool(bool),
    User { id: String, name: String },
    Role { id: String, name: String },
}

impl Kept {
    fn of(value: &Value) -> Option<Kept> {
        Some(match value {
            Value::Text(t) => Kept::Text(t.clone()),
            Value::Bool(b) => Kept::Bool(*b),
            Value::User(u) => Kept::User {
                id: u.id.clone(),
                name: u.display_name.clone(),
            },
            Value::Role(r) => Kept::Role {
                id: r.id.clone(),
                name: r.name.clone(),
            },
            // An upload or a channel is not kept in a dialog; no command
            // that looks a skill up takes one.
            Value::File(_) | Value::Channel(_) => return None,
        })
    }

    fn value(&self) -> Value {
        match self {
            Kept::Text(t) => Value::Text(t.clone()),
            Kept::Bool(b) => Value::Bool(*b),
            Kept::User { id, name } => Value::User(UserRef {
                id: id.clone(),
                display_name: name.clone(),
            }),
            Kept::Role { id, name } => Value::Role(RoleRef {
                id: id.clone(),
                name: name.clone(),
            }),
        }
    }
}

/// Offers the candidates of an ambiguous name as buttons.
#[allow(clippy::too_many_arguments)]
pub async fn offer(
    cx: &mut Ctx<'_>,
    command: &str,
    options: &[(String, Value)],
    what: &'static str,
    input: &str,
    labels: Vec<Msg>,
    keys: Vec<String>,
) -> AppResult {
    let refusal = || {
        AppError::User(msg!(
            "lookup-ambiguous",
            what = what,
            input = input,
            names = crate::i18n::list(&labels)
        ))
    };
    // The option that held the ambiguous text.
    let option = options.iter().find_map(|(name, v)| match v {
        Value::Text(t) if t.trim() == input.trim() => Some(name.clone()),
        _ => None,
    });
    let kept: Option<Vec<(String, Kept)>> = options
        .iter()
        .map(|(n, v)| Kept::of(v).map(|k| (n.clone(), k)))
        .collect();
    let (Some(option), Some(kept)) = (option, kept) else {
        return Err(refusal());
    };
    let state = PickState {
        command: command.to_string(),
        options: kept,
        option,
        keys: keys.iter().take(MOST).cloned().collect(),
    };
    let id = dialog::start(cx, "@pick", "", &state).await?;
    let mut reply = Reply::text(tr!(cx, "pick-which", input = input, what = what)).private();
    for (n, label) in labels.iter().take(MOST).enumerate() {
        let n = u8::try_from(n).unwrap_or(u8::MAX);
        reply = reply.button(
            ComponentId::dialog(&id, DialogAction::Pick(n)),
            label.render(cx.actor.locale),
            Style::Primary,
        );
    }
    Ok(reply.button(
        ComponentId::dialog(&id, DialogAction::Cancel),
        tr!(cx, "button-cancel"),
        Style::Danger,
    ))
}

/// A candidate picked: ends the dialog and hands back the command to run
/// with it.
pub fn on_action(
    press: &mut Press<'_>,
    stored: Stored,
    state: PickState,
    input: Input,
) -> AppResult {
    let DialogAction::Pick(n) = input.action else {
        return Err(AppError::User(msg!("pick-a-button")));
    };
    let Some(key) = state.keys.get(usize::from(n)) else {
        return Err(AppError::User(msg!("pick-a-button")));
    };
    press.store.end_dialog(&stored.row.id)?;
    let options = state
        .options
        .iter()
        .map(|(name, kept)| {
            let value = if *name == state.option {
                Value::Text(key.clone())
            } else {
                kept.value()
            };
            (name.clone(), value)
        })
        .collect();
    press.rerun = Some(crate::app::protocol::Action::Command {
        name: state.command,
        options,
    });
    Ok(Reply::default())
}

impl dialog::DialogKind for PickState {
    const KIND: &'static str = "pick";

    fn lead_only(&self) -> Option<&'static str> {
        None
    }

    fn has_steps(&self) -> bool {
        false
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        tr!(press, "cancelled")
    }

    /// Offered again by running the command again.
    fn current(&self, _: &dialog::Showing<'_>) -> Result<Option<Reply>, AppError> {
        Ok(None)
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        on_action(press, stored, self, input)
    }
}
