//! Small text helpers shared by every layer.

use std::borrow::Cow;

/// How much of a user's input a message quotes back.
pub const QUOTED_CHARS: usize = 40;

/// The text cut to `max` characters with "…" when longer: a message quotes
/// input so that the user recognises it, never to echo it whole.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
    }
}

/// "1 level", "3 levels": every count the bot writes goes through here
/// (until the message catalog's plural rules take over).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The characters that delimit the app's markup references (a role, a
/// channel, a time): private-use code points no keyboard types. Text from
/// outside (typed, uploaded, imported, read from an older database) never
/// keeps them, so no one can forge a reference.
pub const RESERVED: [char; 3] = ['\u{E000}', '\u{E001}', '\u{E002}'];

/// The one sanitizer of text from outside: `text` without the reserved
/// characters (borrowed when it had none, which is nearly always).
pub fn without_reserved(text: &str) -> Cow<'_, str> {
    if text.contains(RESERVED) {
        Cow::Owned(text.chars().filter(|c| !RESERVED.contains(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Splits `text` into pieces of at most `max` characters, at line ends or
/// spaces where it can.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.chars().count() > max {
        let cut_byte = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let window = &rest[..cut_byte];
        let at = window
            .rfind('\n')
            .or_else(|| window.rfind(' '))
            .filter(|i| *i > 0)
            .unwrap_or(cut_byte);
        pieces.push(rest[..at].to_string());
        rest = rest[at..].trim_start_matches(['\n', ' ']);
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_long_text_at_a_character_boundary() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("ééééé", 3), "ééé…");
        assert_eq!(shorten(&"x".repeat(100_000), 40).chars().count(), 41);
    }

    #[test]
    fn reserved_characters_are_taken_out() {
        assert_eq!(without_reserved("a\u{E000}r\u{E002}1\u{E001}b"), "ar1b");
        assert!(matches!(without_reserved("plain"), Cow::Borrowed("plain")));
    }
}
