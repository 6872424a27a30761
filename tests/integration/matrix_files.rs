//! The matrix directory: the committed TOML agrees with its source page,
//! and a broken file stops the load with its name, line and fault.

use crate::support::{import, repo_path};
use skillbot::matrix::{Catalog, ImportOptions, import_page_file, synthetic, to_toml};
use std::path::Path;

#[test]
fn the_committed_toml_is_what_the_importer_makes_of_the_committed_page() {
    let page = repo_path("data/pages/serverless-functions.zh.txt");
    let options = ImportOptions::for_file(&page, None, None);
    assert_eq!(options.slug, "serverless-functions");
    let skill = import_page_file(&page, &options).unwrap();
    let committed =
        std::fs::read_to_string(repo_path("data/matrix/serverless-functions.toml")).unwrap();
    assert_eq!(
        to_toml(&skill),
        committed,
        "run `skillbot matrix import data/pages/serverless-functions.zh.txt`"
    );
}

#[test]
fn the_shipped_matrix_directory_loads() {
    let catalog = Catalog::load_dir(&repo_path("data/matrix")).unwrap();
    assert!(catalog.get("serverless-functions").is_some());
    // A new team sees a real team view: several skills, each with an
    // expectation for every role of the matrix at every level.
    assert_eq!(catalog.skills().len(), 6);
    assert_eq!(catalog.roles().len(), 4, "{:?}", catalog.roles());
    for skill in catalog.skills() {
        assert_eq!(skill.roles(), catalog.roles(), "{}", skill.slug());
        assert_eq!(skill.levels().len(), 5, "{}", skill.slug());
        assert_eq!(skill.expectations().len(), 20, "{}", skill.slug());
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn a_broken_file_stops_the_load_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = to_toml(&synthetic::skill(1, 2));
    write(dir.path(), "skill-001.toml", &good);
    let broken = good.replacen("required = true", "required = \"sometimes\"", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("sometimes"))
        .unwrap()
        + 1;
    write(dir.path(), "broken.toml", &broken);
    write(dir.path(), "notes.txt", "not a skill file, ignored");

    let err = Catalog::load_dir(dir.path()).unwrap_err();
    assert_eq!(err.0.len(), 1);
    let text = err.to_string();
    assert!(text.contains("broken.toml, line "), "{text}");
    assert_eq!(err.0[0].line, Some(line), "{text}");
    assert!(text.contains("boolean"), "{text}");
}

#[test]
fn two_files_with_one_slug_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = to_toml(&synthetic::skill(1, 2));
    write(dir.path(), "a.toml", &text);
    write(dir.path(), "b.toml", &text);
    let err = Catalog::load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("b.toml: two skills have the slug \"skill-001\""),
        "{err}"
    );
}

#[test]
fn a_missing_directory_is_named() {
    let err = Catalog::load_dir(Path::new("/no/such/matrix"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("/no/such/matrix: cannot read the matrix directory"),
        "{err}"
    );
}

#[test]
fn generated_pages_round_trip_through_toml() {
    let skill = import(&synthetic::page(7, 4), "gen").unwrap();
    let again =
        skillbot::matrix::parse_skill_toml(&to_toml(&skill), Path::new("gen.toml")).unwrap();
    assert_eq!(again, skill);
}
