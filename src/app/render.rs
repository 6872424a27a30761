//! Replies that show the matrix: a level's expectations and the promotion
//! view. Used by /skill, the assessment dialog and the command line.

use super::component_id::ComponentId;
use super::reply::{Reply, Style};
use crate::matrix::{Expectation, Level, Skill, promotion};

pub fn required_word(required: bool) -> &'static str {
    if required { "Required" } else { "Optional" }
}

fn subtitle(skill: &Skill) -> String {
    format!(
        "{} › {} · updated {}",
        skill.domain(),
        skill.group(),
        skill.updated()
    )
}

/// The expectations at one level, role by role, with "What's next".
pub fn level_view(skill: &Skill, level: Level, role: Option<&str>) -> Reply {
    let mut reply = Reply::titled(format!("{}: {level}", skill.name()), subtitle(skill));
    let mut any = false;
    for e in skill
        .at_level(level)
        .filter(|e| role.is_none_or(|r| e.role == r))
    {
        any = true;
        reply = reply.field(
            format!("{} · {}", e.role, required_word(e.required)),
            &e.description,
        );
    }
    if !any {
        reply.text.push_str(&format!(
            "\n\n{} has no expectation at {level} in {}.",
            role.unwrap_or("No role"),
            skill.name()
        ));
    }
    if skill.level_above(level).is_some() {
        reply = reply.button(
            ComponentId::next(skill, level, role),
            "What's next",
            Style::Primary,
        );
    }
    reply
}

/// Every level of a skill for one role, lowest first.
pub fn role_view(skill: &Skill, role: &str) -> Reply {
    let mut reply = Reply::titled(
        format!("{}: every level for {role}", skill.name()),
        subtitle(skill),
    );
    for &level in skill.levels() {
        match skill.expectation(level, role) {
            Some(e) => {
                reply = reply.field(
                    format!("{level} · {}", required_word(e.required)),
                    &e.description,
                );
            }
            None => reply = reply.field(level.name(), format!("No expectation for {role}.")),
        }
    }
    reply
}

/// What the next level expects compared with this one, required first.
pub fn promotion_view(skill: &Skill, from: Level, role: Option<&str>) -> Reply {
    let Some(p) = promotion(skill, from, role) else {
        return Reply::titled(
            format!("{}: {from}", skill.name()),
            format!(
                "{from} is the top level of {}: there is no next level.",
                skill.name()
            ),
        );
    };
    let mut reply = Reply::titled(
        format!("{}: from {} to {}", skill.name(), p.from, p.to),
        subtitle(skill),
    );
    if p.steps.is_empty() {
        reply.text.push_str(&format!(
            "\n\n{} has no expectation at {}.",
            role.unwrap_or("No role"),
            p.to
        ));
    }
    for step in &p.steps {
        let change = match step.current {
            None => format!(" (new at {})", p.to),
            Some(_) if step.becomes_required() => format!(" (optional at {})", p.from),
            Some(_) => String::new(),
        };
        let mut value = format!("{}: {}", p.to, step.next.description);
        if let Some(current) = step.current {
            value.push_str(&format!("\n{}: {}", p.from, current.description));
        }
        reply = reply.field(
            format!(
                "{} · {} at {}{change}",
                step.role(),
                required_word(step.next.required),
                p.to
            ),
            value,
        );
    }
    reply
}

/// "Cloud Engineer · Required" and the description, for one expectation.
pub fn expectation_text(e: &Expectation) -> String {
    format!(
        "**{}** · {}\n{}",
        e.role,
        required_word(e.required),
        e.description
    )
}

/// A reply as plain text: the console and the command line show it so,
/// references as plain names and local times.
pub fn to_text(reply: &Reply) -> String {
    let plain = |text: &str| super::markup::plain(&text.replace("**", ""));
    let mut out = String::new();
    if let Some(title) = &reply.title {
        out.push_str(&plain(title));
        out.push('\n');
    }
    if !reply.text.is_empty() {
        out.push_str(&plain(&reply.text));
        out.push('\n');
    }
    for f in &reply.fields {
        out.push_str(&format!("\n{}\n", plain(&f.name)));
        for line in plain(&f.value).lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}
