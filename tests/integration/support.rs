use skillbot::matrix::{ImportOptions, PageError, Skill, import_page};
use std::path::{Path, PathBuf};

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo_path("tests/fixtures").join(name))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub fn import(text: &str, slug: &str) -> Result<Skill, PageError> {
    import_page(
        text,
        &ImportOptions {
            slug: slug.into(),
            name: None,
        },
    )
}
