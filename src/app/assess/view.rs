//! What each step of an assessment dialog shows: the question, the note,
//! the summary (the answers level by level and why they make the level),
//! and the question before a lower level is saved.

use super::AssessState;
use crate::app::core::views::expectation_text;
use crate::app::protocol::component_id::{ComponentId, DialogAction};
use crate::app::protocol::markup::TimeStyle;
use crate::app::protocol::reply::{Choice, Modal, ModalField, Select, Style};
use crate::app::protocol::{Reply, markup};
use crate::assess::{Answer, Dialog, MAX_NOTE_CHARS, Mode, Standing, Step, level_name};
use crate::i18n::{Locale, Msg};
use crate::matrix::{Level, Skill, promotion};
use crate::tr;
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

/// The message for the dialog's current step, for its owner (who reads
/// `r`).
pub fn view(r: Locale, id: &str, state: &AssessState, skill: &Skill) -> Reply {
    let dialog = &state.dialog;
    let button = |action| ComponentId::dialog(id, action);
    let mut reply = if state.confirming {
        confirm_lower(r, state, skill).button(
            button(DialogAction::SaveLower),
            tr!(r, "assess-save-level", level = reached(state, skill)),
            Style::Danger,
        )
    } else {
        match &dialog.step {
            Step::ChooseRole => choose_role(r, id, state, skill),
            Step::Ask(level) => ask(r, id, state, skill, *level),
            Step::Note => note_step(r, id, state, skill),
            Step::Summary => summary(r, state, skill).button(
                button(DialogAction::Save),
                tr!(r, "assess-save"),
                Style::Success,
            ),
        }
    };
    let mut earlier = dialog.clone();
    if state.confirming || earlier.back().is_ok() {
        reply = reply.button(
            button(DialogAction::Back),
            tr!(r, "button-back"),
            Style::Secondary,
        );
    }
    reply.button(
        button(DialogAction::Cancel),
        tr!(r, "button-cancel"),
        Style::Danger,
    )
}

fn reached(state: &AssessState, skill: &Skill) -> Msg {
    level_name(state.dialog.reached(skill), skill)
}

fn when(state: &AssessState, at: DateTime<Utc>) -> String {
    markup::time(at, TimeStyle::Date, &state.zone)
}

fn choose_role(r: Locale, id: &str, state: &AssessState, skill: &Skill) -> Reply {
    let mut reply = Reply::titled(
        tr!(r, "assess-choose-role-title", skill = skill.name()),
        if state.by_lead() {
            tr!(r, "assess-choose-role-for", name = &state.subject_name)
        } else {
            tr!(r, "assess-choose-role")
        },
    );
    reply.select = Some(Select {
        id: ComponentId::dialog(id, DialogAction::ChooseRole),
        placeholder: tr!(r, "assess-role-placeholder"),
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
fn where_from(r: Locale, state: &AssessState, skill: &Skill) -> Option<String> {
    let (Some(previous), Mode::Guided { start }) = (&state.previous, state.dialog.mode) else {
        return None;
    };
    let level = level_name(previous.level, skill);
    let since = when(state, previous.since.unwrap_or(previous.at));
    Some(if state.by_lead() {
        tr!(
            r,
            "assess-where-from-lead",
            name = &state.subject_name,
            level = level,
            since = since,
            start = start.msg()
        )
    } else {
        tr!(
            r,
            "assess-where-from",
            level = level,
            since = since,
            start = start.msg()
        )
    })
}

/// A lead's context: "gus says Principal, 3 Nov, no note."
fn claim_line(r: Locale, state: &AssessState, skill: &Skill) -> Option<String> {
    if !state.by_lead() {
        return None;
    }
    let name = &state.subject_name;
    Some(match &state.claim {
        None => tr!(r, "assess-claim-none", name = name, skill = skill.name()),
        Some(c) => match &c.note {
            Some(note) => tr!(
                r,
                "assess-claim-noted",
                name = name,
                level = level_name(c.level, skill),
                when = when(state, c.at),
                note = note.trim()
            ),
            None => tr!(
                r,
                "assess-claim",
                name = name,
                level = level_name(c.level, skill),
                when = when(state, c.at)
            ),
        },
    })
}

fn ask(r: Locale, id: &str, state: &AssessState, skill: &Skill, level: Level) -> Reply {
    let dialog = &state.dialog;
    let role = dialog.role.as_deref().unwrap_or_default();
    let n = skill.levels().iter().position(|l| *l == level).unwrap_or(0) + 1;
    let expectation = skill
        .expectation(level, role)
        .map(|e| expectation_text(r, e))
        .unwrap_or_default();
    let question = if state.by_lead() {
        tr!(r, "assess-question-for", name = &state.subject_name)
    } else {
        tr!(r, "assess-question")
    };
    let mut text = String::new();
    if dialog.answers.is_empty()
        && let Some(from) = where_from(r, state, skill)
    {
        text.push_str(&from);
        text.push_str("\n\n");
    }
    if let Some(claim) = claim_line(r, state, skill) {
        text.push_str(&claim);
        text.push_str("\n\n");
    }
    text.push_str(&expectation);
    text.push_str("\n\n");
    text.push_str(&question);
    let answer = |a| ComponentId::dialog(id, DialogAction::Answer(a));
    Reply::titled(
        tr!(
            r,
            "assess-ask-title",
            skill = skill.name(),
            level = level.msg(),
            n = n,
            count = skill.levels().len()
        ),
        text,
    )
    .button(
        answer(Answer::Yes),
        if state.by_lead() {
            tr!(r, "assess-yes")
        } else {
            Answer::Yes.msg().render(r)
        },
        Style::Success,
    )
    .button(
        answer(Answer::Partly),
        Answer::Partly.msg().render(r),
        Style::Primary,
    )
    .button(
        answer(Answer::No),
        Answer::No.msg().render(r),
        Style::Secondary,
    )
}

fn note_step(r: Locale, id: &str, state: &AssessState, skill: &Skill) -> Reply {
    let title = tr!(r, "assess-note-title", skill = skill.name());
    let add = ComponentId::dialog(id, DialogAction::Note);
    if state.note_required(skill) {
        let claim: crate::i18n::Arg = match state.claim.as_ref() {
            Some(c) => level_name(c.level, skill).into(),
            None => String::new().into(),
        };
        return Reply::titled(
            title,
            tr!(
                r,
                "assess-note-required",
                level = reached(state, skill),
                name = &state.subject_name,
                claim = claim
            ),
        )
        .button(add, tr!(r, "assess-add-note"), Style::Primary);
    }
    let text = if state.by_lead() {
        tr!(r, "assess-note-for", name = &state.subject_name)
    } else {
        tr!(r, "assess-note")
    };
    Reply::titled(title, text)
        .button(add, tr!(r, "assess-add-note"), Style::Primary)
        .button(
            ComponentId::dialog(id, DialogAction::SkipNote),
            tr!(r, "assess-skip-note"),
            Style::Secondary,
        )
}

/// The form for the note; required when a lead rates below the member's
/// own rating.
pub fn note_modal(r: Locale, id: &str, required: bool) -> Reply {
    Reply {
        modal: Some(Modal {
            id: ComponentId::dialog(id, DialogAction::Note),
            title: if required {
                tr!(r, "assess-note-modal-required")
            } else {
                tr!(r, "assess-note-modal-optional")
            },
            fields: vec![ModalField {
                id: "note".into(),
                label: tr!(r, "assess-note-label"),
                required,
                max_chars: MAX_NOTE_CHARS,
                placeholder: tr!(r, "assess-note-placeholder"),
            }],
        }),
        private: true,
        ..Reply::default()
    }
}

fn summary(r: Locale, state: &AssessState, skill: &Skill) -> Reply {
    let dialog = &state.dialog;
    let role = dialog.role.as_deref().unwrap_or_default();
    let level = dialog.reached(skill);
    let mut text = match dialog.mode {
        Mode::Direct { .. } => tr!(
            r,
            "assess-summary-direct",
            level = level_name(level, skill),
            skill = skill.name(),
            role = role
        ),
        Mode::Guided { .. } => tr!(
            r,
            "assess-summary-guided",
            level = level_name(level, skill),
            role = role
        ),
    };
    if let Some(towards) = dialog.working_towards(skill) {
        text.push_str(&tr!(r, "assess-working-towards", level = towards.msg()));
    }
    if state.by_lead() {
        text.push('\n');
        text.push_str(&tr!(r, "assess-rating-whom", name = &state.subject_name));
    }
    if let Some(note) = &dialog.note {
        text.push('\n');
        text.push_str(&tr!(r, "assess-summary-note", note = note.as_str()));
    }
    if let Some(why) = why(r, dialog, skill) {
        text.push_str("\n\n");
        text.push_str(&why);
    }
    if let Some(claim) = claim_line(r, state, skill) {
        text.push_str("\n\n");
        text.push_str(&claim);
    }
    let mut reply = Reply::titled(tr!(r, "assess-summary-title", skill = skill.name()), text);
    match (dialog.mode, level) {
        (Mode::Direct { .. }, Some(l)) => {
            if let Some(e) = skill.expectation(l, role) {
                reply = reply.field(
                    tr!(r, "assess-level-expects", level = l.msg()),
                    expectation_text(r, e),
                );
            }
        }
        (_, Some(l)) => {
            if let Some(p) = promotion(skill, l, Some(role)) {
                for s in p.steps {
                    reply = reply.field(
                        tr!(r, "assess-next-expects", level = p.to.msg()),
                        expectation_text(r, s.next),
                    );
                }
            }
        }
        (_, None) => {
            let first = skill.levels()[0];
            if let Some(e) = skill.expectation(first, role) {
                reply = reply.field(
                    tr!(r, "assess-next-expects", level = first.msg()),
                    expectation_text(r, e),
                );
            }
        }
    }
    reply
}

/// The answers level by level, and why they make the level: a level counts
/// when it and every level below it are met.
fn why(r: Locale, dialog: &Dialog, skill: &Skill) -> Option<String> {
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
        None => tr!(r, "assess-why-all-met"),
        Some((l, Standing::Answered(Answer::Partly))) => {
            tr!(r, "assess-why-partly", level = l.msg())
        }
        Some((l, _)) => tr!(r, "assess-why-not-met", level = l.msg()),
    };
    let mut lines = vec![reason];
    for (level, standing) in walk {
        let line = match standing {
            Standing::Assumed => tr!(r, "assess-walk-assumed", level = level.msg()),
            Standing::Answered(Answer::Yes) => match blocker {
                Some((b, _)) if level > b => tr!(
                    r,
                    "assess-walk-yes-later",
                    level = level.msg(),
                    answer = Answer::Yes.msg(),
                    blocker = b.msg()
                ),
                _ => tr!(
                    r,
                    "assess-walk-answer",
                    level = level.msg(),
                    answer = Answer::Yes.msg()
                ),
            },
            Standing::Answered(Answer::Partly) => tr!(
                r,
                "assess-walk-partly",
                level = level.msg(),
                answer = Answer::Partly.msg()
            ),
            Standing::Answered(a) => {
                tr!(
                    r,
                    "assess-walk-answer",
                    level = level.msg(),
                    answer = a.msg()
                )
            }
            Standing::PassedOver => {
                tr!(
                    r,
                    "assess-walk-passed-over",
                    level = level.msg(),
                    role = role
                )
            }
            Standing::NotAsked => tr!(r, "assess-walk-not-asked", level = level.msg()),
        };
        lines.push(line);
    }
    Some(lines.join("\n"))
}

fn confirm_lower(r: Locale, state: &AssessState, skill: &Skill) -> Reply {
    let level = reached(state, skill);
    let (before, at): (crate::i18n::Arg, String) = match state.previous.as_ref() {
        Some(p) => (level_name(p.level, skill).into(), when(state, p.at)),
        None => (String::new().into(), String::new()),
    };
    let text = if state.by_lead() {
        tr!(
            r,
            "assess-lower-for",
            level = level,
            name = &state.subject_name,
            before = before,
            at = at
        )
    } else {
        tr!(r, "assess-lower", level = level, before = before, at = at)
    };
    Reply::titled(tr!(r, "assess-lower-title", skill = skill.name()), text)
}
