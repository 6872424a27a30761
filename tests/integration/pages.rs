//! The page importer on real and hand-made pages.

use crate::support::{fixture, import, repo_path};
use chrono::NaiveDate;
use skillbot::matrix::Level;

fn seed() -> String {
    std::fs::read_to_string(repo_path("data/pages/serverless-functions.zh.txt")).unwrap()
}

#[test]
fn the_seed_page_imports_with_everything_its_header_promises() {
    let skill = import(&seed(), "serverless-functions").unwrap();
    assert_eq!(skill.name(), "Serverless Functions");
    assert_eq!(skill.domain(), "Cloud & Infrastructure");
    assert_eq!(skill.group(), "Serverless");
    assert_eq!(
        skill.updated(),
        NaiveDate::from_ymd_opt(2026, 3, 17).unwrap()
    );
    assert_eq!(
        skill.tags(),
        [
            "AWS Lambda",
            "Cloud Functions",
            "Yandex Cloud Functions",
            "cold starts",
            "event triggers"
        ]
    );
    assert_eq!(skill.levels(), Level::ALL);
    assert_eq!(
        skill.roles(),
        [
            "AI Product Engineer",
            "Cloud Engineer",
            "Infrastructure Engineer",
            "Platform Engineer"
        ]
    );
    assert_eq!((skill.required_count(), skill.optional_count()), (16, 4));

    // Required row: `| Role | 必要 | description |`.
    let ce = skill.expectation(Level::Junior, "Cloud Engineer").unwrap();
    assert!(ce.required);
    assert!(
        ce.description
            .starts_with("Understands basic serverless concepts")
    );
    // Optional row: `| Role | description | |`.
    let ai = skill
        .expectation(Level::Junior, "AI Product Engineer")
        .unwrap();
    assert!(!ai.required);
    assert!(
        ai.description
            .starts_with("Understands basic Serverless Functions concepts.")
    );
    // The last table is the top level.
    let top = skill
        .expectation(Level::Principal, "Platform Engineer")
        .unwrap();
    assert!(top.description.contains("WebAssembly"));
}

#[test]
fn every_interface_language_gives_the_same_skill() {
    let zh = import(&seed(), "serverless-functions").unwrap();
    for lang in ["en", "de", "es", "ja"] {
        let page = fixture(&format!("pages/serverless-functions.{lang}.txt"));
        let skill = import(&page, "serverless-functions").unwrap_or_else(|e| panic!("{lang}: {e}"));
        assert_eq!(skill, zh, "{lang} differs from zh");
    }
}

#[test]
fn ambiguous_dates_follow_the_interface_language() {
    let en = fixture("pages/kubernetes-operators.en.txt");
    let march_4 = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    assert_eq!(import(&en, "k8s").unwrap().updated(), march_4);

    let es = en.replacen("Domain\n", "Dominio\n", 1);
    let april_3 = NaiveDate::from_ymd_opt(2026, 4, 3).unwrap();
    assert_eq!(import(&es, "k8s").unwrap().updated(), april_3);

    let unknown = en.replacen("Domain\n", "Dominium\n", 1);
    let err = import(&unknown, "k8s").unwrap_err();
    assert_eq!(err.line, Some(16));
    assert!(
        err.message
            .render(skillbot::i18n::Locale::EnUs)
            .contains("day first or month first"),
        "{err}"
    );
}

#[test]
fn a_three_level_page_holds_the_top_levels_and_all_row_shapes() {
    let skill = import(&fixture("pages/kubernetes-operators.en.txt"), "k8s").unwrap();
    assert_eq!(
        skill.levels(),
        [Level::Senior, Level::Lead, Level::Principal]
    );
    assert_eq!(skill.roles().len(), 3);
    assert_eq!((skill.required_count(), skill.optional_count()), (6, 2));

    // Two-cell optional row.
    let pe = skill
        .expectation(Level::Senior, "Platform Engineer")
        .unwrap();
    assert!(!pe.required);
    assert_eq!(
        pe.description,
        "Builds CRDs for platform features and keeps their status fields honest."
    );
    // Three-cell optional row with an empty third cell.
    let sre = skill
        .expectation(Level::Lead, "Site Reliability Engineer")
        .unwrap();
    assert!(!sre.required);
    // An escaped bar stays in the description.
    let be = skill
        .expectation(Level::Principal, "Backend Engineer")
        .unwrap();
    assert_eq!(
        be.description,
        "Sets the organization's operator patterns | reviews every new CRD."
    );
}

#[test]
fn a_role_can_be_absent_from_a_level() {
    let skill = import(&fixture("pages/kubernetes-operators.en.txt"), "k8s").unwrap();
    assert!(
        skill
            .expectation(Level::Senior, "Site Reliability Engineer")
            .is_none()
    );
    assert!(
        skill
            .expectation(Level::Lead, "Site Reliability Engineer")
            .is_some()
    );
}

#[test]
fn a_page_cut_off_mid_row_is_refused_with_the_line() {
    let page = seed();
    let cut = &page[..page.find("Defines portable serverless").unwrap()];
    let err = import(cut, "s").unwrap_err();
    assert_eq!(err.line, Some(48));
    assert!(
        err.message
            .render(skillbot::i18n::Locale::EnUs)
            .contains("cut off"),
        "{err}"
    );
}

#[test]
fn a_page_missing_whole_rows_is_refused_with_promised_and_found_counts() {
    let page = seed();
    let lines: Vec<&str> = page.lines().collect();
    let cut = lines[..lines.len() - 6].join("\n");
    let err = import(&cut, "s").unwrap_err();
    assert_eq!(
        err.to_string(),
        "the page header promises 4 roles, 5 levels, 16 required and 4 optional expectations, \
         but the tables hold 4 roles, 4 levels, 12 required and 4 optional expectations: \
         the page is cut off or damaged"
    );
}

#[test]
fn header_faults_say_what_was_expected() {
    let page = seed();
    let err = import(&page.replacen("\n4\n", "\nfour\n", 1), "s").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 6: expected the number of roles here, found \"four\""
    );

    let err = import(&page.replacen("2026/3/17", "2026/2/30", 1), "s").unwrap_err();
    assert_eq!(err.to_string(), "line 16: \"2026/2/30\" is not a real date");

    let lines: Vec<&str> = page.lines().collect();
    let shifted = [&lines[..3], &lines[4..]].concat().join("\n");
    assert!(import(&shifted, "s").is_err());

    let err = import("Domain\nX\n| a | b | c |\n|---|---|---|\n", "s").unwrap_err();
    assert!(
        err.message
            .render(skillbot::i18n::Locale::EnUs)
            .contains("header is incomplete"),
        "{err}"
    );
    let err = import("just some text\n", "s").unwrap_err();
    assert!(
        err.message
            .render(skillbot::i18n::Locale::EnUs)
            .contains("no expectation tables"),
        "{err}"
    );
}

#[test]
fn rows_that_fit_no_shape_are_refused() {
    let page = seed();
    let last = page.rfind("| 必要 |").unwrap();
    let odd = format!(
        "{}| Maybe |{}",
        &page[..last],
        &page[last + "| 必要 |".len()..]
    );
    let err = import(&odd, "s").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 48: expected the required marker \"必要\" in the second column (as on line 22), found \"Maybe\""
    );

    let err = import(
        &page.replacen(
            "| Cloud Engineer | 必要 |",
            "| Cloud Engineer | 必要 | x | y |",
            1,
        ),
        "s",
    )
    .unwrap_err();
    assert!(
        err.message
            .render(skillbot::i18n::Locale::EnUs)
            .contains("wrong number of columns"),
        "{err}"
    );

    let err = import(
        &page.replacen("| Cloud Engineer | 必要 |", "| | 必要 |", 1),
        "s",
    )
    .unwrap_err();
    assert!(
        err.message
            .render(skillbot::i18n::Locale::EnUs)
            .contains("role column is empty"),
        "{err}"
    );
}

#[test]
fn a_bad_slug_is_refused_before_parsing() {
    let err = import(&seed(), "Not A Slug").unwrap_err();
    assert!(
        err.message
            .render(skillbot::i18n::Locale::EnUs)
            .contains("cannot be a slug"),
        "{err}"
    );
}
