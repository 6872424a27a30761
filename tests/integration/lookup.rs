//! Finding skills the way people type them.

use skillbot::i18n::Locale;
use skillbot::matrix::{Catalog, LookupError, Skill, find_skill_level, find_skill_role, synthetic};
use skillbot::matrix::{ImportOptions, import_page_file};

fn catalog() -> Catalog {
    let page = crate::support::repo_path("data/pages/serverless-functions.zh.txt");
    let serverless = import_page_file(&page, &ImportOptions::for_file(&page, None, None)).unwrap();
    let k8s = crate::support::import(
        &crate::support::fixture("pages/kubernetes-operators.en.txt"),
        "kubernetes-operators",
    )
    .unwrap();
    Catalog::new(vec![
        serverless,
        k8s,
        synthetic::skill(1, 3),
        synthetic::skill(2, 3),
    ])
    .unwrap()
}

fn found(catalog: &Catalog, input: &str) -> String {
    catalog
        .find_skill(input)
        .map(Skill::slug)
        .map(str::to_string)
        .unwrap_or_else(|e| format!("error: {e}"))
}

#[test]
fn skills_by_slug_name_group_tag_and_prefix() {
    let c = catalog();
    for input in [
        "serverless-functions",
        "Serverless Functions",
        "SERVERLESS",
        "serverless",
        "lambda",
        "aws lambda",
        "cold",
        "serv",
        "yandex cloud",
    ] {
        assert_eq!(found(&c, input), "serverless-functions", "{input}");
    }
    assert_eq!(found(&c, "operators"), "kubernetes-operators");
    assert_eq!(found(&c, "crd"), "kubernetes-operators");
    assert_eq!(found(&c, "skill 002"), "skill-002");
}

#[test]
fn ambiguous_and_unknown_skills_list_the_closest() {
    let c = catalog();
    let err = c.find_skill("skill").unwrap_err();
    assert!(
        matches!(&err, LookupError::Ambiguous { candidates, .. } if candidates.len() == 2),
        "{err}"
    );
    assert_eq!(
        err.message().render(Locale::EnUs),
        "\"skill\" matches several skills: Skill 001 (skill-001), Skill 002 (skill-002); type more of the name."
    );
    let err = c
        .find_skill("servrless")
        .unwrap_err()
        .message()
        .render(Locale::EnUs);
    assert!(err.starts_with("No skill matches \"servrless\"; did you mean Serverless Functions (serverless-functions)"), "{err}");
    assert!(matches!(c.find_skill(" "), Err(LookupError::Empty { .. })));
}

#[test]
fn levels_must_belong_to_the_skill() {
    let c = catalog();
    let k8s = c.get("kubernetes-operators").unwrap();
    assert_eq!(
        find_skill_level(k8s, "junior").unwrap_err().to_string(),
        "Kubernetes Operators has no Junior level; its levels are Senior, Lead, Principal"
    );
    assert!(find_skill_level(k8s, "staff").is_ok());
}

#[test]
fn roles_of_a_skill_and_of_the_whole_matrix() {
    let c = catalog();
    let s = c.get("serverless-functions").unwrap();
    assert_eq!(find_skill_role(s, "pe"), Ok("Platform Engineer"));
    assert_eq!(c.find_role("sre"), Ok("Site Reliability Engineer"));
    let err = find_skill_role(s, "site reliability")
        .unwrap_err()
        .message()
        .render(Locale::EnUs);
    // Nothing is close, and a skill has few roles: they are listed.
    assert!(
        err.starts_with("No role matches \"site reliability\"; the roles are AI Product Engineer"),
        "{err}"
    );
}
