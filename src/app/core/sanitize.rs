//! What the user sent, cleaned of the characters markup references use.

use crate::app::protocol::{Action, Request, Value};

/// The request with the characters that delimit `markup` references taken
/// out of everything the user sent (typed, chosen or uploaded), so no one
/// can forge a mention. Files are cleaned as text when they are text; one
/// that is not is refused by whatever reads it.
pub fn sanitized(request: &Request) -> std::borrow::Cow<'_, Request> {
    use crate::text::RESERVED;
    let reserved = |s: &str| s.contains(RESERVED);
    let reserved_bytes = |b: &[u8]| std::str::from_utf8(b).is_ok_and(reserved);
    let any = reserved(&request.actor.display_name)
        || reserved(&request.actor.workspace_name)
        || match &request.action {
            Action::Command { options, .. } => options.iter().any(|(_, v)| match v {
                Value::Text(t) => reserved(t),
                Value::User(u) => reserved(&u.display_name),
                Value::Role(r) => reserved(&r.name),
                Value::Channel(c) => reserved(&c.name),
                Value::File(f) => reserved(&f.name) || reserved_bytes(&f.bytes),
                Value::Bool(_) => false,
            }),
            Action::Modal { fields, .. } => fields.iter().any(|(_, t)| reserved(t)),
            Action::Select { values, .. } => values.iter().any(|v| reserved(v)),
            Action::Button { .. } => false,
        };
    if !any {
        return std::borrow::Cow::Borrowed(request);
    }
    let mut r = request.clone();
    let clean = |s: &mut String| {
        if let std::borrow::Cow::Owned(clean) = crate::text::without_reserved(s) {
            *s = clean;
        }
    };
    clean(&mut r.actor.display_name);
    clean(&mut r.actor.workspace_name);
    match &mut r.action {
        Action::Command { options, .. } => {
            for (_, v) in options {
                match v {
                    Value::Text(t) => clean(t),
                    Value::User(u) => clean(&mut u.display_name),
                    Value::Role(role) => clean(&mut role.name),
                    Value::Channel(channel) => clean(&mut channel.name),
                    Value::File(file) => {
                        clean(&mut file.name);
                        if let Ok(text) = std::str::from_utf8(&file.bytes)
                            && let std::borrow::Cow::Owned(clean) =
                                crate::text::without_reserved(text)
                        {
                            file.bytes = clean.into_bytes();
                        }
                    }
                    Value::Bool(_) => {}
                }
            }
        }
        Action::Modal { fields, .. } => fields.iter_mut().for_each(|(_, t)| clean(t)),
        Action::Select { values, .. } => values.iter_mut().for_each(clean),
        Action::Button { .. } => {}
    }
    std::borrow::Cow::Owned(r)
}
