//! The catalog's files, embedded: one per feature, one folder per locale.
//! A new feature's file is one line here.

use super::Locale;

/// (file name, its text) for every file of the locale.
pub(super) fn for_locale(locale: Locale) -> &'static [(&'static str, &'static str)] {
    match locale {
        Locale::EnUs => EN_US,
    }
}

macro_rules! files {
    ($locale:literal: $($name:literal),* $(,)?) => {
        &[$((
            concat!($locale, "/", $name, ".ftl"),
            include_str!(concat!("../../data/locales/", $locale, "/", $name, ".ftl")),
        )),*]
    };
}

const EN_US: &[(&str, &str)] = files!(
    "en-US": "core", "levels", "lookup", "options", "dialogs", "pick", "assess", "checkin",
    "history", "matrix", "privacy", "profile", "skill", "targets", "team", "digest",
    "commands", "console", "delivery", "dates", "charts", "pages",
    "slack",
);
