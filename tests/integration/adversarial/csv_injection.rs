//! 17.2. No CSV cell a spreadsheet would run as a formula, whichever
//! separator it splits on, however the formula is dressed up.

use crate::app_support::{Harness, lead, ok};
use skillbot::app::Reply;
use skillbot::frontends::console::actor;

/// The payloads of the report: formulas behind blanks and invisible
/// characters, fullwidth and small signs, and separators inside a cell.
const PAYLOADS: &[&str] = &[
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    " =1",
    "   +cmd",
    "\u{A0}=1",
    "\u{3000}=1",
    "\u{FEFF}=1",
    "\u{200B}=1",
    "\u{200B} \u{FEFF}@x",
    "\u{FF1D}1",
    "\u{FF0B}1",
    "\u{FE66}1",
    "\u{2212}1",
    "\u{FF0D}1",
    "\u{FF20}x",
    "ann;=cmd|' /C calc'!A0",
    "ann,=cmd|' /C calc'!A0",
    "ann;+cmd",
    "say \"=1\"",
    "ok; @x",
    "ann \u{3000};\u{A0}-2",
];

/// Notes may also hold what a name may not: tabs and line breaks.
const NOTE_ONLY: &[&str] = &["ann\t=cmd|' /C calc'!A0", "\t=1", "two\n=lines", "\r=1"];

/// Would a spreadsheet run this cell? (The test's own reading of the rule:
/// skip what is blank or invisible, then look for a sign.)
fn is_formula(cell: &str) -> bool {
    let invisible = |c: char| {
        c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}'..='\u{200F}' | '\u{2060}')
    };
    let signs = [
        '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', '\u{FE66}', '\u{FE62}',
        '\u{FE63}', '\u{2212}',
    ];
    cell.starts_with(['\t', '\r'])
        || cell
            .trim_start_matches(|c| invisible(c) || c == '"')
            .starts_with(signs)
}

/// Reads `csv` as a spreadsheet splitting on `separator` does (quotes
/// respected), and fails on any cell that would run.
fn assert_safe(csv: &str, separator: u8, what: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    for record in reader.records() {
        let record = record.unwrap();
        for cell in record.iter() {
            assert!(
                !is_formula(cell),
                "{what}, split on {:?}: {cell:?} would run, in\n{csv}",
                separator as char
            );
        }
    }
}

fn assert_safe_everywhere(csv: &str, what: &str) {
    for separator in [b',', b';', b'\t'] {
        assert_safe(csv, separator, what);
    }
}

fn attachment(reply: &Reply) -> String {
    String::from_utf8(ok(reply).attachments[0].bytes.clone()).unwrap()
}

/// Every payload a member's name, and every one a note of a lead's rating.
fn hostile_team() -> Harness {
    let mut h = Harness::new();
    for (i, name) in PAYLOADS.iter().enumerate() {
        let who = actor("team-a", name, false);
        ok(&h.run(&who, "/profile role:ce"));
        h.record(&who, "/assess serverless level:junior");
        let user = format!("member{i}");
        let r = h.run(
            &lead(),
            &format!("/assess serverless member:{user} role:ce level:middle"),
        );
        let note = PAYLOADS.iter().chain(NOTE_ONLY).cycle().nth(i * 2).unwrap();
        let r = h.note(&lead(), &r, note);
        ok(&h.press(&lead(), &r, "Save"));
    }
    for (i, note) in NOTE_ONLY.iter().enumerate() {
        let r = h.run(
            &lead(),
            &format!("/assess serverless member:other{i} role:ce level:senior"),
        );
        let r = h.note(&lead(), &r, note);
        ok(&h.press(&lead(), &r, "Save"));
    }
    h
}

#[test]
fn no_exported_cell_runs_as_a_formula_in_any_spreadsheet() {
    let mut h = hostile_team();
    let levels = attachment(&h.run(&lead(), "/team export"));
    for name in PAYLOADS {
        let quoted_or_plain = levels.contains(&format!("'{name}"))
            || levels.contains(&format!("'{}", name.replace('"', "\"\"")));
        assert!(
            quoted_or_plain || !is_formula(name),
            "{name:?} not escaped in\n{levels}"
        );
    }
    assert_safe_everywhere(&levels, "/team export");
    let history = attachment(&h.run(&lead(), "/team export history:true"));
    assert!(
        history.contains("\"ann\t'=cmd|' /C calc'!A0\""),
        "{history}"
    );
    assert_safe_everywhere(&history, "/team export history:true");

    let db = h.store.path().to_path_buf();
    for args in [
        &["report", "export", "--workspace", "team-a"][..],
        &["report", "export", "--workspace", "team-a", "--history"][..],
    ] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_skillbot"))
            .arg("--database")
            .arg(&db)
            .arg("--matrix-dir")
            .arg(&h.matrix_dir)
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let csv = String::from_utf8(o.stdout).unwrap();
        assert!(csv.lines().count() > PAYLOADS.len(), "{csv}");
        assert_safe_everywhere(&csv, &args.join(" "));
    }
}
