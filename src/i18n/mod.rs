//! The message catalog: every text a person reads, by message id, in the
//! reader's language. The texts are Fluent files embedded in the binary
//! (`data/locales/<locale>/<feature>.ftl`), so a running bot never reads
//! them from disk and a missing file cannot happen.
//!
//! Code names a message with `msg!` (what to say, kept as data: it can be
//! stored, queued and rendered later for whoever reads it) or renders it at
//! once with `tr!` for a reader. Arguments are named; numbers stay numbers,
//! so the catalog's plural selectors choose "1 member" or "2 members"; a
//! `Msg` may be an argument of another (a level's name inside a sentence),
//! rendered in the same language.
//!
//! Emphasis and code are the catalog's functions `STRONG(...)` and
//! `CODE(...)`, which write `markup` references: each front end shows them
//! its own way. Unicode isolation marks are off, since chat text carries
//! mentions and the marks would break them.

mod files;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A language the bot speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "en-US")]
    EnUs,
}

impl Locale {
    pub const ALL: [Locale; 1] = [Locale::EnUs];

    /// The tag Discord uses for it ("en-US").
    pub fn code(self) -> &'static str {
        match self {
            Locale::EnUs => "en-US",
        }
    }

    /// The locale for a platform's language tag: an exact match, else the
    /// same language, else English.
    pub fn nearest(tag: &str) -> Locale {
        let tag = tag.trim();
        Locale::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(tag))
            .or_else(|| {
                let language = tag.split(['-', '_']).next().unwrap_or_default();
                Locale::ALL.into_iter().find(|l| {
                    l.code()
                        .split('-')
                        .next()
                        .is_some_and(|own| own.eq_ignore_ascii_case(language))
                })
            })
            .unwrap_or_default()
    }
}

/// Whatever knows whom it speaks to: a locale itself, a request's actor, a
/// request in progress.
pub trait Reader {
    fn locale(&self) -> Locale;
}

impl Reader for Locale {
    fn locale(&self) -> Locale {
        *self
    }
}

impl<T: Reader + ?Sized> Reader for &T {
    fn locale(&self) -> Locale {
        (**self).locale()
    }
}

impl<T: Reader + ?Sized> Reader for &mut T {
    fn locale(&self) -> Locale {
        (**self).locale()
    }
}

/// What to say: a message id and its named arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

/// One argument of a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    Text(String),
    Number(i64),
    /// Another message, rendered in the reader's language first.
    Msg(Box<Msg>),
    /// Several values, each rendered, joined by the catalog's separator
    /// ("a, b, c"); `or_list` and `and_list` end it in the language's way.
    List(Vec<Arg>),
    /// Several values, one a line.
    Lines(Vec<Arg>),
    /// Several values that hold lists of their own, joined by the
    /// catalog's stronger separator ("a (x, y); b").
    LongList(Vec<Arg>),
}

/// "a, b or c" in the reader's language (the last joined by `list-or`).
pub fn or_list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
    joined(items, |init, last| {
        crate::msg!("list-or", init = init, last = last)
    })
}

/// "a, b and c" in the reader's language.
pub fn and_list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
    joined(items, |init, last| {
        crate::msg!("list-and", init = init, last = last)
    })
}

/// Items that hold lists of their own, joined by the stronger separator.
pub fn long_list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
    Arg::LongList(items.into_iter().map(Into::into).collect())
}

/// The items one a line.
pub fn lines<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
    Arg::Lines(items.into_iter().map(Into::into).collect())
}

/// "a, b, c": the items joined by the catalog's separator.
pub fn list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Arg {
    Arg::List(items.into_iter().map(Into::into).collect())
}

fn joined<T: Into<Arg>>(
    items: impl IntoIterator<Item = T>,
    two: impl FnOnce(Arg, Arg) -> Msg,
) -> Arg {
    let mut items: Vec<Arg> = items.into_iter().map(Into::into).collect();
    match items.len() {
        0 => Arg::Text(String::new()),
        1 => items.remove(0),
        _ => {
            let last = items.pop().unwrap_or(Arg::Text(String::new()));
            Arg::from(two(Arg::List(items), last))
        }
    }
}

impl Msg {
    pub fn new(id: impl Into<Cow<'static, str>>) -> Msg {
        Msg {
            id: id.into(),
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The message as `reader` reads it.
    pub fn render(&self, reader: impl Reader) -> String {
        render(reader.locale(), self)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(v.to_string())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(v)
    }
}

impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(v.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(v: Cow<'_, str>) -> Arg {
        Arg::Text(v.into_owned())
    }
}

impl From<&Msg> for Arg {
    fn from(v: &Msg) -> Arg {
        Arg::Msg(Box::new(v.clone()))
    }
}

impl From<Msg> for Arg {
    fn from(v: Msg) -> Arg {
        Arg::Msg(Box::new(v))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Number(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

/// What to say, kept as data: `msg!("skill-unknown", name = input)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// A message rendered for a reader at once: `tr!(cx, "skill-unknown",
/// name = input)`, where `cx` is anything that knows the reader's locale.
#[macro_export]
macro_rules! tr {
    ($reader:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))*.render(&$reader)
    };
}

struct Bundle {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
}

static BUNDLES: LazyLock<Vec<Bundle>> = LazyLock::new(|| {
    Locale::ALL
        .into_iter()
        .map(|locale| Bundle {
            locale,
            bundle: bundle(locale).unwrap_or_else(|problems| {
                // The files are part of the binary and tested: this is a
                // build defect, not something a user can cause.
                panic!(
                    "the {} message catalog is broken: {}",
                    locale.code(),
                    problems.join("; ")
                )
            }),
        })
        .collect()
});

/// The locale's bundle, or every problem found in its files.
fn bundle(locale: Locale) -> Result<FluentBundle<FluentResource>, Vec<String>> {
    let tag: unic_langid::LanguageIdentifier = locale
        .code()
        .parse()
        .map_err(|e| vec![format!("bad tag: {e}")])?;
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    bundle.set_use_isolating(false);
    let mut problems = Vec::new();
    for (name, text) in files::for_locale(locale) {
        match FluentResource::try_new(text.to_string()) {
            Ok(resource) => {
                if let Err(errors) = bundle.add_resource(resource) {
                    problems.extend(errors.iter().map(|e| format!("{name}: {e}")));
                }
            }
            Err((_, errors)) => problems.extend(errors.iter().map(|e| format!("{name}: {e:?}"))),
        }
    }
    for (function, wrap) in [
        ("STRONG", crate::markup::strong as fn(&str) -> String),
        ("CODE", crate::markup::code),
    ] {
        let added = bundle.add_function(function, move |positional, _| match positional {
            [FluentValue::String(text)] => FluentValue::String(wrap(text).into()),
            [FluentValue::Number(n)] => FluentValue::String(wrap(&n.as_string()).into()),
            _ => FluentValue::Error,
        });
        if let Err(e) = added {
            problems.push(format!("{function}: {e}"));
        }
    }
    let lower = bundle.add_function("LOWER", |positional, _| match positional {
        [FluentValue::String(text)] => FluentValue::String(text.to_lowercase().into()),
        _ => FluentValue::Error,
    });
    if let Err(e) = lower {
        problems.push(format!("LOWER: {e}"));
    }
    if problems.is_empty() {
        Ok(bundle)
    } else {
        Err(problems)
    }
}

fn bundle_for(locale: Locale) -> &'static FluentBundle<FluentResource> {
    let bundles = &*BUNDLES;
    &bundles
        .iter()
        .find(|b| b.locale == locale)
        .unwrap_or(&bundles[0])
        .bundle
}

/// An argument as text, for arguments that are not plain numbers.
fn render_arg(locale: Locale, arg: &Arg) -> String {
    match arg {
        Arg::Text(t) => t.clone(),
        Arg::Number(n) => n.to_string(),
        Arg::Msg(inner) => render(locale, inner),
        Arg::List(items) => joined_by(locale, items, &crate::msg!("list-separator")),
        Arg::LongList(items) => joined_by(locale, items, &crate::msg!("list-separator-long")),
        Arg::Lines(items) => items
            .iter()
            .map(|a| render_arg(locale, a))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn joined_by(locale: Locale, items: &[Arg], separator: &Msg) -> String {
    let separator = render(locale, separator);
    items
        .iter()
        .map(|a| render_arg(locale, a))
        .collect::<Vec<_>>()
        .join(&separator)
}

/// "5 Oct 2026": a day as the reader's language writes it.
pub fn date(reader: impl Reader, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    crate::msg!(
        "date",
        day = day.day(),
        month = crate::msg!("month-short", month = day.month()),
        year = day.year().to_string()
    )
    .render(reader)
}

/// "5 Oct": a day of this year's, short.
pub fn day_month(reader: impl Reader, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    crate::msg!(
        "day-month",
        day = day.day(),
        month = crate::msg!("month-short", month = day.month())
    )
    .render(reader)
}

/// A message whose id is made from a name: a command's description
/// (`cmd-<command>`), which the command list names rather than the code.
/// A test checks that every command has its messages.
pub fn by_id(id: &str) -> Msg {
    Msg::new(id.to_string())
}

/// Whether the locale's catalog has the message: for the tests of names
/// the code makes (commands).
#[cfg(test)]
pub(crate) fn has(locale: Locale, id: &str) -> bool {
    bundle_for(locale).has_message(id)
}

/// The message in `locale`. A message the catalog lacks shows its id (and
/// is logged): a test keeps every id the code uses in the catalog.
pub fn render(locale: Locale, msg: &Msg) -> String {
    let bundle = bundle_for(locale);
    let Some(pattern) = bundle.get_message(&msg.id).and_then(|m| m.value()) else {
        tracing::warn!(id = %msg.id, locale = locale.code(), "message missing from the catalog");
        return msg.id.to_string();
    };
    let mut args = FluentArgs::with_capacity(msg.args.len());
    for (name, value) in &msg.args {
        let value = match value {
            Arg::Text(t) => FluentValue::from(t.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Msg(_) | Arg::List(_) | Arg::Lines(_) | Arg::LongList(_) => {
                FluentValue::from(render_arg(locale, value))
            }
        };
        args.set(name.as_ref(), value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    if !errors.is_empty() {
        tracing::warn!(id = %msg.id, errors = ?errors, "message formatted with errors");
    }
    text.into_owned()
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod prose_check;
