//! References inside a reply's text that each front end shows its own way:
//! a platform role (Discord: a mention, which shows the role's current
//! name; elsewhere: its name), a moment in time (Discord: a timestamp
//! each reader sees in their own zone; elsewhere: the reader's local time
//! with its zone), and emphasis or code (Discord `**x**` and `` `x` ``,
//! the console plain). The app and the message catalog write them with
//! `role`, `time`, `strong` and `code`; a front end turns them into text
//! with `render`, so no front end's syntax is inside the app.
//!
//! A reference is delimited by two private-use characters, which the app
//! strips from everything users send, so user text cannot forge one.

use crate::i18n::Locale;
use chrono::{DateTime, TimeZone, Utc};

const OPEN: char = crate::text::RESERVED[0];
const CLOSE: char = crate::text::RESERVED[1];
const SEPARATOR: char = crate::text::RESERVED[2];

/// How much of a moment to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeStyle {
    /// "5 Oct 2026"
    Date,
    /// "5 Oct 2026 09:30"
    DateTime,
    /// "in 3 days", "2 hours ago"
    Relative,
}

impl TimeStyle {
    fn code(self) -> char {
        match self {
            TimeStyle::Date => 'D',
            TimeStyle::DateTime => 'f',
            TimeStyle::Relative => 'R',
        }
    }

    fn from_code(c: &str) -> TimeStyle {
        match c {
            "D" => TimeStyle::Date,
            "R" => TimeStyle::Relative,
            _ => TimeStyle::DateTime,
        }
    }
}

/// One reference, as a front end gets it to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference<'a> {
    Role {
        id: &'a str,
        name: &'a str,
    },
    Channel {
        id: &'a str,
        name: &'a str,
    },
    Time {
        at: DateTime<Utc>,
        style: TimeStyle,
        /// The reader's IANA time zone, for front ends that cannot show
        /// each reader their own.
        zone: &'a str,
    },
    /// Text to stand out: a name being defined or decided on.
    Strong(&'a str),
    /// A command or value to type as it is.
    Code(&'a str),
}

/// Removes the characters that delimit references from text users sent.
pub fn strip(text: &str) -> String {
    crate::text::without_reserved(text).into_owned()
}

pub fn channel(id: &str, name: &str) -> String {
    format!(
        "{OPEN}c{SEPARATOR}{}{SEPARATOR}{}{CLOSE}",
        strip(id),
        strip(name)
    )
}

pub fn role(id: &str, name: &str) -> String {
    format!(
        "{OPEN}r{SEPARATOR}{}{SEPARATOR}{}{CLOSE}",
        strip(id),
        strip(name)
    )
}

/// Emphasised text (the catalog's `STRONG(...)`).
pub fn strong(text: &str) -> String {
    format!("{OPEN}b{SEPARATOR}{}{CLOSE}", strip(text))
}

/// Text to type as it is (the catalog's `CODE(...)`).
pub fn code(text: &str) -> String {
    format!("{OPEN}k{SEPARATOR}{}{CLOSE}", strip(text))
}

/// A moment, shown to a reader whose zone is `zone` (an IANA name).
pub fn time(at: DateTime<Utc>, style: TimeStyle, zone: &str) -> String {
    format!(
        "{OPEN}t{SEPARATOR}{}{SEPARATOR}{}{SEPARATOR}{}{CLOSE}",
        at.timestamp(),
        style.code(),
        strip(zone)
    )
}

/// The text with every reference replaced by what `show` makes of it.
pub fn render(text: &str, show: impl Fn(Reference<'_>) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        let parts: Vec<&str> = after[..end].split(SEPARATOR).collect();
        let reference = match parts.as_slice() {
            ["r", id, name] => Some(Reference::Role { id, name }),
            ["c", id, name] => Some(Reference::Channel { id, name }),
            ["b", text] => Some(Reference::Strong(text)),
            ["k", text] => Some(Reference::Code(text)),
            ["t", secs, style, zone] => secs
                .parse::<i64>()
                .ok()
                .and_then(|s| Utc.timestamp_opt(s, 0).single())
                .map(|at| Reference::Time {
                    at,
                    style: TimeStyle::from_code(style),
                    zone,
                }),
            _ => None,
        };
        if let Some(r) = reference {
            out.push_str(&show(r));
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// References as plain text for a reader of the default language: see
/// `plain_for`.
pub fn plain(text: &str) -> String {
    plain_for(Locale::default(), text)
}

/// References as plain text: a role by name, a time in the reader's zone
/// with the zone's abbreviation, in the reader's language. The console
/// and logs show them so.
pub fn plain_for(reader: Locale, text: &str) -> String {
    render(text, |r| match r {
        Reference::Role { name, .. } => name.to_string(),
        Reference::Channel { name, .. } => format!("#{name}"),
        Reference::Time { at, style, zone } => local(reader, at, style, zone),
        Reference::Strong(text) => text.to_string(),
        // Backticks read as "type this" in plain text too.
        Reference::Code(text) => format!("`{text}`"),
    })
}

/// A moment in a time zone, as a person reads it in their language.
pub fn local(reader: Locale, at: DateTime<Utc>, style: TimeStyle, zone: &str) -> String {
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    let when = at.with_timezone(&tz);
    let date = crate::i18n::date(reader, when.date_naive());
    match style {
        TimeStyle::Date => date,
        TimeStyle::DateTime | TimeStyle::Relative => crate::tr!(
            reader,
            "date-time",
            date = date,
            time = when.format("%H:%M").to_string(),
            zone = when.format("%Z").to_string()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_render_per_front_end_and_cannot_be_forged() {
        let at = Utc.with_ymd_and_hms(2026, 10, 5, 23, 30, 0).unwrap();
        let text = format!(
            "Leads: {}; saved {}.",
            role("600", "Team Leads"),
            time(at, TimeStyle::DateTime, "Asia/Tokyo")
        );
        assert_eq!(
            plain(&text),
            "Leads: Team Leads; saved 6 Oct 2026 08:30 JST."
        );
        let discord = render(&text, |r| match r {
            Reference::Role { id, .. } => format!("<@&{id}>"),
            Reference::Channel { id, .. } => format!("<#{id}>"),
            Reference::Time { at, .. } => format!("<t:{}:f>", at.timestamp()),
            Reference::Strong(text) => format!("**{text}**"),
            Reference::Code(text) => format!("`{text}`"),
        });
        assert_eq!(discord, "Leads: <@&600>; saved <t:1791243000:f>.");
        let forged = strip(&format!("x{OPEN}r{SEPARATOR}1{SEPARATOR}n{CLOSE}"));
        assert_eq!(plain(&forged), "xr1n");
    }
}
