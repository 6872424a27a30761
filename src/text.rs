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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_long_text_at_a_character_boundary() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("ééééé", 3), "ééé…");
        assert_eq!(shorten(&"x".repeat(100_000), 40).chars().count(), 41);
    }
}
