//! What each step of an assessment dialog shows: the question, the note,
//! the summary (the answers level by level and why they make the level),
//! and the question before a lower level is saved.

use super::Reply;
use super::assess_cmd::AssessState;
use super::component_id::{ComponentId, DialogAction};
use super::markup::{self, TimeStyle};
use super::render::expectation_text;
use super::reply::{Choice, Modal, ModalField, Select, Style};
use crate::assess::{Answer, Dialog, MAX_NOTE_CHARS, Mode, Standing, Step, level_name};
use crate::matrix::{Level, Skill, promotion};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A rating as the dialog recalls it: the level, when, and its note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stand {
    pub level: Option<Level>,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    /// Since when the level is held (its first rating since a different
    /// one); `at` for dialogs started before this was kept.
    #[serde(default)]
    pub since: Option<DateTime<Utc>>,
}

/// The message for the dialog's current step.
pub fn view(id: &str, state: &AssessState, skill: &Skill) -> Reply {
    let dialog = &state.dialog;
    let button = |action| ComponentId::dialog(id, action);
    let mut reply = if state.confirming {
        confirm_lower(state, skill).button(
            button(DialogAction::SaveLower),
            format!("Save {}", reached(state, skill)),
            Style::Danger,
        )
    } else {
        match &dialog.step {
            Step::ChooseRole => choose_role(id, state, skill),
            Step::Ask(level) => ask(id, state, skill, *level),
            Step::Note => note_step(id, state, skill),
            Step::Summary => {
                summary(state, skill).button(button(DialogAction::Save), "Save", Style::Success)
            }
        }
    };
    let mut earlier = dialog.clone();
    if state.confirming || earlier.back().is_ok() {
        reply = reply.button(button(DialogAction::Back), "Back", Style::Secondary);
    }
    reply.button(button(DialogAction::Cancel), "Cancel", Style::Danger)
}

fn reached(state: &AssessState, skill: &Skill) -> String {
    level_name(state.dialog.reached(skill), skill)
}

fn when(state: &AssessState, at: DateTime<Utc>) -> String {
    markup::time(at, TimeStyle::Date, &state.zone)
}

fn choose_role(id: &str, state: &AssessState, skill: &Skill) -> Reply {
    let who = if state.by_lead() {
        format!("should {} be", state.subject_name)
    } else {
        "are you".into()
    };
    let mut reply = Reply::titled(
        format!("{}: choose a role", skill.name()),
        format!("Which role {who} assessed as?"),
    );
    reply.select = Some(Select {
        id: ComponentId::dialog(id, DialogAction::ChooseRole),
        placeholder: "Role".into(),
        options: skill
            .roles()
            .iter()
            .map(|r| Choice {
                value: r.clone(),
                label: r.clone(),
            })
            .collect(),
    });
    reply
}

/// Where the dialog began: "You are Middle since 5 Oct; re-confirming
/// from Junior." Shown with the first question.
fn where_from(state: &AssessState, skill: &Skill) -> Option<String> {
    let (Some(previous), Mode::Guided { start }) = (&state.previous, state.dialog.mode) else {
        return None;
    };
    let level = level_name(previous.level, skill);
    let since = when(state, previous.since.unwrap_or(previous.at));
    Some(if state.by_lead() {
        format!(
            "You rated {} {level} on {since}; re-confirming from {start}.",
            state.subject_name
        )
    } else {
        format!("You are {level} since {since}; re-confirming from {start}.")
    })
}

/// A lead's context: "gus says Principal, 3 Nov, no note."
fn claim_line(state: &AssessState, skill: &Skill) -> Option<String> {
    if !state.by_lead() {
        return None;
    }
    let name = &state.subject_name;
    Some(match &state.claim {
        None => format!("{name} has not assessed themself in {} yet.", skill.name()),
        Some(c) => {
            let note = match &c.note {
                Some(n) => format!(": “{}”", n.trim()),
                None => ", no note".into(),
            };
            format!(
                "{name} says {}, {}{note}.",
                level_name(c.level, skill),
                when(state, c.at)
            )
        }
    })
}

fn ask(id: &str, state: &AssessState, skill: &Skill, level: Level) -> Reply {
    let dialog = &state.dialog;
    let role = dialog.role.as_deref().unwrap_or_default();
    let n = skill.levels().iter().position(|l| *l == level).unwrap_or(0) + 1;
    let expectation = skill
        .expectation(level, role)
        .map(expectation_text)
        .unwrap_or_default();
    let question = if state.by_lead() {
        format!("Does {} do this?", state.subject_name)
    } else {
        "Do you do this?".into()
    };
    let mut text = String::new();
    if dialog.answers.is_empty()
        && let Some(from) = where_from(state, skill)
    {
        text.push_str(&from);
        text.push_str("\n\n");
    }
    if let Some(claim) = claim_line(state, skill) {
        text.push_str(&claim);
        text.push_str("\n\n");
    }
    text.push_str(&format!("{expectation}\n\n{question}"));
    let answer = |a| ComponentId::dialog(id, DialogAction::Answer(a));
    Reply::titled(
        format!(
            "{}: {level} ({n} of {})",
            skill.name(),
            skill.levels().len()
        ),
        text,
    )
    .button(
        answer(Answer::Yes),
        if state.by_lead() { "Yes" } else { "I do this" },
        Style::Success,
    )
    .button(answer(Answer::Partly), "Partly", Style::Primary)
    .button(answer(Answer::No), "Not yet", Style::Secondary)
}

fn note_step(id: &str, state: &AssessState, skill: &Skill) -> Reply {
    let title = format!("{}: evidence", skill.name());
    let add = ComponentId::dialog(id, DialogAction::Note);
    if state.note_required(skill) {
        let claim = state
            .claim
            .as_ref()
            .map(|c| level_name(c.level, skill))
            .unwrap_or_default();
        let name = &state.subject_name;
        return Reply::titled(
            title,
            format!(
                "Your rating, {}, is below {name}'s own ({claim}): add a note, since that is the \
                 conversation {name} will want to have.",
                reached(state, skill)
            ),
        )
        .button(add, "Add a note", Style::Primary);
    }
    let text = if state.by_lead() {
        format!(
            "Add a note for {} (what you saw, what to work on next), or skip it.",
            state.subject_name
        )
    } else {
        "Add a note with evidence (a link, a project, an example), or skip it.".into()
    };
    Reply::titled(title, text)
        .button(add, "Add a note", Style::Primary)
        .button(
            ComponentId::dialog(id, DialogAction::SkipNote),
            "Skip",
            Style::Secondary,
        )
}

/// The form for the note; required when a lead rates below the member's
/// own rating.
pub fn note_modal(id: &str, required: bool) -> Reply {
    Reply {
        modal: Some(Modal {
            id: ComponentId::dialog(id, DialogAction::Note),
            title: if required {
                "Note (required)"
            } else {
                "Evidence (optional)"
            }
            .into(),
            fields: vec![ModalField {
                id: "note".into(),
                label: "What shows it? A link, a project, an example".into(),
                required,
                max_chars: MAX_NOTE_CHARS,
                placeholder: "e.g. Moved the billing jobs to Lambda with provisioned concurrency"
                    .into(),
            }],
        }),
        private: true,
        ..Reply::default()
    }
}

fn summary(state: &AssessState, skill: &Skill) -> Reply {
    let dialog = &state.dialog;
    let role = dialog.role.as_deref().unwrap_or_default();
    let level = dialog.reached(skill);
    let mut text = match dialog.mode {
        Mode::Direct { .. } => format!(
            "Record **{}** in {} as {role}?",
            level_name(level, skill),
            skill.name()
        ),
        Mode::Guided { .. } => format!("Level: **{}** (as {role})", level_name(level, skill)),
    };
    if let Some(towards) = dialog.working_towards(skill) {
        text.push_str(&format!(", working towards {towards}"));
    }
    if state.by_lead() {
        text.push_str(&format!("\nRating {}.", state.subject_name));
    }
    if let Some(note) = &dialog.note {
        text.push_str(&format!("\nNote: {}", note.as_str()));
    }
    if let Some(why) = why(dialog, skill) {
        text.push_str(&format!("\n\n{why}"));
    }
    if let Some(claim) = claim_line(state, skill) {
        text.push_str(&format!("\n\n{claim}"));
    }
    let mut reply = Reply::titled(format!("{}: summary", skill.name()), text);
    match (dialog.mode, level) {
        (Mode::Direct { .. }, Some(l)) => {
            if let Some(e) = skill.expectation(l, role) {
                reply = reply.field(format!("{l} expects"), expectation_text(e));
            }
        }
        (_, Some(l)) => {
            if let Some(p) = promotion(skill, l, Some(role)) {
                for s in p.steps {
                    reply =
                        reply.field(format!("Next: {} expects", p.to), expectation_text(s.next));
                }
            }
        }
        (_, None) => {
            let first = skill.levels()[0];
            if let Some(e) = skill.expectation(first, role) {
                reply = reply.field(format!("Next: {first} expects"), expectation_text(e));
            }
        }
    }
    reply
}

/// The answers level by level, and why they make the level: a level counts
/// when it and every level below it are met.
fn why(dialog: &Dialog, skill: &Skill) -> Option<String> {
    let walk = dialog.walk(skill);
    if walk.is_empty() {
        return None;
    }
    let role = dialog.role.as_deref().unwrap_or_default();
    let reached = dialog.reached(skill);
    let blocker = walk
        .iter()
        .find(|(l, _)| reached.is_none_or(|r| *l > r))
        .filter(|(_, s)| matches!(s, Standing::Answered(_)))
        .copied();
    let reason = match blocker {
        None => "Why: every level asked was met.".to_string(),
        Some((l, Standing::Answered(Answer::Partly))) => format!(
            "Why: a level counts when it and every level below it are met, and {l} was “Partly”, which does not meet it."
        ),
        Some((l, _)) => format!(
            "Why: a level counts when it and every level below it are met, and {l} is not met yet."
        ),
    };
    let mut lines = vec![reason];
    for (level, standing) in walk {
        let line = match standing {
            Standing::Assumed => format!("{level} · met before (your last rating)"),
            Standing::Answered(Answer::Yes) => match blocker {
                Some((b, _)) if level > b => {
                    format!("{level} · {} (counts once {b} is met)", Answer::Yes)
                }
                _ => format!("{level} · {}", Answer::Yes),
            },
            Standing::Answered(Answer::Partly) => format!("{level} · {} (not met)", Answer::Partly),
            Standing::Answered(a) => format!("{level} · {a}"),
            Standing::PassedOver => format!("{level} · no expectation for {role}"),
            Standing::NotAsked => format!("{level} · not asked"),
        };
        lines.push(line);
    }
    Some(lines.join("\n"))
}

fn confirm_lower(state: &AssessState, skill: &Skill) -> Reply {
    let level = reached(state, skill);
    let before = state
        .previous
        .as_ref()
        .map(|p| (level_name(p.level, skill), when(state, p.at)))
        .unwrap_or_default();
    let text = if state.by_lead() {
        format!(
            "This records **{level}** for {}, below the {} you gave on {}. Save the lower level?",
            state.subject_name, before.0, before.1
        )
    } else {
        format!(
            "This records **{level}**, below your {} since {}. Save the lower level?",
            before.0, before.1
        )
    };
    Reply::titled(format!("{}: a lower level", skill.name()), text)
}
