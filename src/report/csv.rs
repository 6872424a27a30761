//! Reports as CSV for spreadsheets. Member names, roles and notes are user
//! input: a cell a spreadsheet would read as a formula is escaped.

use super::gaps::Gap;
use super::team::{Filter, SummaryRow, Team, Track};
use super::trend::Trend;
use crate::matrix::{Level, Skill};
use chrono::{DateTime, Utc};

/// One row of the history export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryRow {
    pub member: String,
    pub skill: String,
    pub role: String,
    /// 0: below the skill's first level.
    pub rank: u8,
    pub level_name: String,
    pub source: String,
    pub rated_by: String,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// A cell as a spreadsheet should show it (OWASP's rule on CSV
/// injection): one that starts like a formula gets a leading apostrophe,
/// which spreadsheets take as "this is text". Spreadsheets skip leading
/// blanks and invisible characters before they look, and read fullwidth
/// and small forms of the signs as the signs, so this looks past the
/// former and knows the latter. A spreadsheet that splits lines on another
/// character than ours (German and French ones split on `;`) starts a cell
/// after every such character, where our quotes mean nothing: what follows
/// a `,`, `;`, tab or line break inside a cell is escaped the same way.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    if text.starts_with(['\t', '\r']) || starts_formula(text) {
        out.push('\'');
    }
    for (i, c) in text.char_indices() {
        out.push(c);
        if matches!(c, ',' | ';' | '\t' | '\n' | '\r') && starts_formula(&text[i + c.len_utf8()..])
        {
            out.push('\'');
        }
    }
    out
}

/// Whether a spreadsheet starting a cell here would read a formula: a sign
/// after any blanks, invisible characters or an opening quote.
fn starts_formula(text: &str) -> bool {
    text.trim_start_matches(|c: char| c.is_whitespace() || invisible(c) || c == '"')
        .starts_with(FORMULA_SIGNS)
}

/// What a formula starts with: `= + - @`, their fullwidth and small forms,
/// and the minus sign.
const FORMULA_SIGNS: &[char] = &[
    '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', '\u{FE66}', '\u{FE62}',
    '\u{FE63}', '\u{FE6B}', '\u{2212}',
];

/// Characters that take no room: format characters (zero-width spaces and
/// joiners, the byte-order mark, direction marks and isolates), the soft
/// hyphen, the Mongolian vowel separator.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

/// A cell as written in the file: escaped as above, and quoted (quotes
/// doubled) when it holds a quote, a line break or any character a
/// spreadsheet may split on: the comma, the semicolon (the separator of
/// German and French spreadsheets) and the tab.
fn field(text: &str) -> String {
    let text = cell(text);
    if text.contains([',', ';', '\t', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The file: a header, then the rows, a line each. Written here rather
/// than by the csv crate, which quotes on its own delimiter only, not on a
/// semicolon or a tab.
fn write(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells.collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    };
    line(&mut header.iter().map(|h| field(h)));
    for row in rows {
        line(&mut row.iter().map(|c| field(c)));
    }
    out.into_bytes()
}

/// "Senior", "below Junior", or "not rated": in English, like the
/// column names, so that a sheet reads the same whoever exported it.
fn level_text(level: Option<Level>, rated: bool, skill: &Skill) -> String {
    if rated {
        crate::assess::level_name(level, skill).render(crate::i18n::Locale::EnUs)
    } else {
        "not rated".into()
    }
}

/// One row per member and skill: member, role, skill, level (its rank, 0
/// below the first level, empty when never rated), level name, source
/// (lead or self), assessed at, target, gap.
pub fn current(team: &Team<'_>, filter: &Filter<'_>) -> Vec<u8> {
    let header = [
        "member",
        "role",
        "skill",
        "level",
        "level name",
        "source",
        "assessed at",
        "target",
        "gap",
    ];
    let mut rows = Vec::new();
    for skill in team.skills_in(filter) {
        for p in team.people_in(filter) {
            let counted = team.standing(p.id, skill.slug()).counted();
            let target = p.role.as_deref().and_then(|r| team.target(r, skill.slug()));
            let rank = counted.map(|(r, _)| r.rank());
            rows.push(vec![
                p.name.clone(),
                p.role_name().to_string(),
                skill.name().to_string(),
                rank.map(|r| r.to_string()).unwrap_or_default(),
                level_text(counted.and_then(|(r, _)| r.level), counted.is_some(), skill),
                match counted.map(|(_, t)| t) {
                    Some(Track::Lead) => "lead".into(),
                    Some(Track::Own) => "self".into(),
                    None => String::new(),
                },
                counted.map(|(r, _)| r.at.to_rfc3339()).unwrap_or_default(),
                target.map(|t| t.name().to_string()).unwrap_or_default(),
                target
                    .map(|t| t.rank().saturating_sub(rank.unwrap_or(0)).to_string())
                    .unwrap_or_default(),
            ]);
        }
    }
    write(&header, rows.into_iter())
}

/// Every rating, oldest first.
pub fn history(rows: &[HistoryRow]) -> Vec<u8> {
    let header = [
        "member",
        "skill",
        "role",
        "level",
        "level name",
        "source",
        "rated by",
        "note",
        "at",
    ];
    write(
        &header,
        rows.iter().map(|r| {
            vec![
                r.member.clone(),
                r.skill.clone(),
                r.role.clone(),
                r.rank.to_string(),
                r.level_name.clone(),
                r.source.clone(),
                r.rated_by.clone(),
                r.note.clone(),
                r.at.to_rfc3339(),
            ]
        }),
    )
}

fn rank_name(level: Option<Level>) -> String {
    level.map_or_else(|| "below the first level".into(), |l| l.name().to_string())
}

/// The summary: a line per skill and role, a column per level.
pub fn summary(rows: &[SummaryRow]) -> Vec<u8> {
    let header = [
        "skill",
        "role",
        "members",
        "below first level",
        "Junior",
        "Middle",
        "Senior",
        "Lead",
        "Principal",
        "never assessed",
        "median",
        "target",
        "meeting target",
        "stale",
        "self/lead 2+ apart",
    ];
    write(
        &header,
        rows.iter().map(|r| {
            let mut row = vec![r.skill.clone(), r.role.clone(), r.members.to_string()];
            row.extend(r.at_rank.iter().map(ToString::to_string));
            row.extend([
                r.never.len().to_string(),
                r.median.map(rank_name).unwrap_or_default(),
                r.target.map(|l| l.name().to_string()).unwrap_or_default(),
                r.meeting.to_string(),
                r.stale.to_string(),
                r.disagreements.to_string(),
            ]);
            row
        }),
    )
}

/// The gap report: a line per member and skill below target.
pub fn gaps(rows: &[Gap<'_>]) -> Vec<u8> {
    let header = [
        "member",
        "role",
        "skill",
        "level",
        "counted",
        "self level",
        "lead level",
        "target",
        "gap",
        "next level",
        "required next",
        "optional next",
    ];
    write(
        &header,
        rows.iter().map(|g| {
            vec![
                g.name.to_string(),
                g.role.to_string(),
                g.skill.to_string(),
                if g.never_assessed() {
                    "never assessed".into()
                } else {
                    rank_name(g.level)
                },
                match g.counted {
                    Some(Track::Lead) => "lead".into(),
                    Some(Track::Own) => "self".into(),
                    None => String::new(),
                },
                g.own.map(|r| rank_name(r.level)).unwrap_or_default(),
                g.lead.map(|r| rank_name(r.level)).unwrap_or_default(),
                g.target.name().to_string(),
                g.gap.to_string(),
                g.next.map(|l| l.name().to_string()).unwrap_or_default(),
                g.required.join(" | "),
                g.optional.join(" | "),
            ]
        }),
    )
}

/// The trend: a line per week, a column per level.
pub fn trend(t: &Trend) -> Vec<u8> {
    let header = [
        "as of",
        "below first level",
        "Junior",
        "Middle",
        "Senior",
        "Lead",
        "Principal",
        "not rated",
    ];
    write(
        &header,
        t.weekly.iter().map(|(at, d)| {
            let mut row = vec![at.date_naive().to_string()];
            row.extend(d.at_rank.iter().map(ToString::to_string));
            row.push(d.unrated.to_string());
            row
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_escaped() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        // The tab starts a cell of its own where tabs separate.
        assert_eq!(cell("\t=1"), "'\t'=1");
        assert_eq!(cell("ann"), "ann");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn blanks_and_invisible_characters_before_a_sign_do_not_hide_it() {
        for lead in [
            " ",
            "  ",
            "\u{A0}",
            "\u{3000}",
            "\u{FEFF}",
            "\u{200B}",
            " \u{200D}\u{2060}",
        ] {
            for sign in [
                "=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FE66}", "\u{2212}",
            ] {
                let text = format!("{lead}{sign}cmd|' /C calc'!A0");
                assert_eq!(cell(&text), format!("'{text}"), "{text:?}");
            }
        }
        assert_eq!(cell(" ann"), " ann");
        assert_eq!(cell("\u{200B}ann"), "\u{200B}ann");
    }

    #[test]
    fn a_formula_after_a_separator_inside_a_cell_is_escaped_too() {
        assert_eq!(cell("ann;=cmd|' /C calc'!A0"), "ann;'=cmd|' /C calc'!A0");
        assert_eq!(cell("ann\t+1"), "ann\t'+1");
        assert_eq!(cell("a, -1"), "a,' -1");
        assert_eq!(cell("x;\"=1\""), "x;'\"=1\"");
        assert_eq!(cell("two\n@lines"), "two\n'@lines");
        assert_eq!(cell("1;2, 3"), "1;2, 3");
    }

    #[test]
    fn a_cell_with_a_separator_or_a_quote_is_quoted() {
        assert_eq!(
            field("ann;=cmd|' /C calc'!A0"),
            "\"ann;'=cmd|' /C calc'!A0\""
        );
        assert_eq!(field("ann\t=1"), "\"ann\t'=1\"");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=1;2"), "\"'=1;2\"");
        assert_eq!(field("=1;=2"), "\"'=1;'=2\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("ann"), "ann");
    }
}
