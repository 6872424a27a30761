//! The importer never panics, and never accepts a page cut off inside its
//! tables.

use crate::support::{import, repo_path};
use proptest::prelude::*;
use std::sync::LazyLock;

static SEED: LazyLock<String> = LazyLock::new(|| {
    std::fs::read_to_string(repo_path("data/pages/serverless-functions.zh.txt")).unwrap()
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = import(&text, "x");
    }

    #[test]
    fn table_like_garbage_never_panics(
        lines in proptest::collection::vec("[|a-z0-9 \\-\\\\.必要/]{0,30}", 0..60)
    ) {
        let _ = import(&lines.join("\n"), "x");
    }

    #[test]
    fn any_cut_inside_the_tables_is_refused(at in 0usize..10_000) {
        let page = SEED.trim_end();
        let tables_start = page.find('|').unwrap();
        let mut cut = tables_start + at % (page.len() - tables_start);
        while !page.is_char_boundary(cut) {
            cut -= 1;
        }
        prop_assert!(import(&page[..cut], "x").is_err());
    }

    #[test]
    fn damaged_pages_never_panic(
        drop_line in 0usize..47,
        dup_line in 0usize..47,
        noise in "[|\\n 0-9a-z]{0,20}",
    ) {
        let mut lines: Vec<String> = SEED.lines().map(str::to_string).collect();
        let dup = lines[dup_line % lines.len()].clone();
        lines.insert(dup_line % lines.len(), dup);
        lines.remove(drop_line % lines.len());
        lines.push(noise);
        let _ = import(&lines.join("\n"), "x");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever people type into a skill, level or role option.
    #[test]
    fn lookups_never_panic(input in any::<String>()) {
        let catalog = skillbot::matrix::Catalog::new(vec![
            skillbot::matrix::synthetic::skill(1, 3),
            skillbot::matrix::synthetic::skill(2, 3),
        ]).unwrap();
        let _ = catalog.find_skill(&input);
        let _ = catalog.find_role(&input);
        let _ = catalog.suggest_skills(&input, 25);
        let _ = skillbot::matrix::find_level(&input);
        let _ = skillbot::schedule::parse_time_zone(&input);
    }
}
