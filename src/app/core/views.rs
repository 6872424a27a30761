//! Replies that show the matrix: a level's expectations and the promotion
//! view. Used by /skill, the assessment dialog and the command line.

use crate::app::protocol::component_id::ComponentId;
use crate::app::protocol::reply::{Reply, Style};
use crate::i18n::{Locale, Msg};
use crate::matrix::{Expectation, Level, Skill, promotion};
use crate::{msg, tr};

/// "Required" or "Optional".
pub fn required_word(required: bool) -> Msg {
    if required {
        msg!("expectation-required")
    } else {
        msg!("expectation-optional")
    }
}

fn subtitle(r: Locale, skill: &Skill) -> String {
    tr!(
        r,
        "skill-subtitle",
        domain = skill.domain(),
        group = skill.group(),
        updated = skill.updated().to_string()
    )
}

/// The role a view is for, or "No role".
fn role_or_none(role: Option<&str>) -> crate::i18n::Arg {
    role.map_or_else(|| msg!("skill-no-role").into(), Into::into)
}

/// The expectations at one level, role by role, with "What's next".
pub fn level_view(r: Locale, skill: &Skill, level: Level, role: Option<&str>) -> Reply {
    let mut reply = Reply::titled(
        tr!(
            r,
            "skill-level-title",
            skill = skill.name(),
            level = level.msg()
        ),
        subtitle(r, skill),
    );
    let mut any = false;
    for e in skill
        .at_level(level)
        .filter(|e| role.is_none_or(|x| e.role == x))
    {
        any = true;
        reply = reply.field(
            tr!(
                r,
                "skill-role-field",
                role = &e.role,
                required = required_word(e.required)
            ),
            &e.description,
        );
    }
    if !any {
        reply.text.push_str(&tr!(
            r,
            "skill-nothing-at-level",
            role = role_or_none(role),
            level = level.msg(),
            skill = skill.name()
        ));
    }
    if skill.level_above(level).is_some() {
        reply = reply.button(
            ComponentId::next(skill, level, role),
            tr!(r, "skill-whats-next"),
            Style::Primary,
        );
    }
    reply
}

/// Every level of a skill for one role, lowest first.
pub fn role_view(r: Locale, skill: &Skill, role: &str) -> Reply {
    let mut reply = Reply::titled(
        tr!(r, "skill-role-title", skill = skill.name(), role = role),
        subtitle(r, skill),
    );
    for &level in skill.levels() {
        match skill.expectation(level, role) {
            Some(e) => {
                reply = reply.field(
                    tr!(
                        r,
                        "skill-level-field",
                        level = level.msg(),
                        required = required_word(e.required)
                    ),
                    &e.description,
                );
            }
            None => {
                reply = reply.field(
                    level.msg().render(r),
                    tr!(r, "skill-no-expectation-for", role = role),
                );
            }
        }
    }
    reply
}

/// What the next level expects compared with this one, required first.
pub fn promotion_view(r: Locale, skill: &Skill, from: Level, role: Option<&str>) -> Reply {
    let Some(p) = promotion(skill, from, role) else {
        return Reply::titled(
            tr!(
                r,
                "skill-level-title",
                skill = skill.name(),
                level = from.msg()
            ),
            tr!(
                r,
                "skill-top-level",
                level = from.msg(),
                skill = skill.name()
            ),
        );
    };
    let mut reply = Reply::titled(
        tr!(
            r,
            "skill-promotion-title",
            skill = skill.name(),
            from = p.from.msg(),
            to = p.to.msg()
        ),
        subtitle(r, skill),
    );
    if p.steps.is_empty() {
        reply.text.push_str(&tr!(
            r,
            "skill-nothing-next",
            role = role_or_none(role),
            level = p.to.msg()
        ));
    }
    for step in &p.steps {
        let change: crate::i18n::Arg = match step.current {
            None => msg!("skill-step-new", level = p.to.msg()).into(),
            Some(_) if step.becomes_required() => {
                msg!("skill-step-was-optional", level = p.from.msg()).into()
            }
            Some(_) => String::new().into(),
        };
        let mut value = tr!(
            r,
            "skill-step-expects",
            level = p.to.msg(),
            text = &step.next.description
        );
        if let Some(current) = step.current {
            value.push('\n');
            value.push_str(&tr!(
                r,
                "skill-step-expects",
                level = p.from.msg(),
                text = &current.description
            ));
        }
        reply = reply.field(
            tr!(
                r,
                "skill-step-field",
                role = step.role(),
                required = required_word(step.next.required),
                level = p.to.msg(),
                change = change
            ),
            value,
        );
    }
    reply
}

/// "Cloud Engineer · Required" and the description, for one expectation.
pub fn expectation_text(r: Locale, e: &Expectation) -> String {
    tr!(
        r,
        "expectation-text",
        role = &e.role,
        required = required_word(e.required),
        text = &e.description
    )
}

/// A reply as plain text: the console and the command line show it so,
/// references as plain names and local times.
pub fn to_text(reply: &Reply) -> String {
    let plain = |text: &str| crate::app::protocol::markup::plain_for(reply.locale, text);
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
