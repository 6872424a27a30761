//! 17.8. A level is a name, an alias or 1 to 5: a sign or a point in front
//! of a number is refused with the list of levels, and nothing changes.

use crate::app_support::{Harness, ann, lead, refused};
use skillbot::app::Action;

const LEVELS: &str = "did you mean Junior, Middle, Senior, Lead or Principal?";

#[test]
fn signed_and_fractional_levels_are_refused_everywhere() {
    let mut h = Harness::new();
    for typed in ["-1", "-3", "-5", ".5", "+2", "3.", "1.0"] {
        let r = h.run(&lead(), &format!("/targets set ce serverless {typed}"));
        let why = refused(&r);
        assert!(
            why.starts_with(&format!("No level matches \"{typed}\"; {LEVELS}")),
            "{why}"
        );
        let r = h.run(&ann(), &format!("/assess serverless level:{typed}"));
        let why = refused(&r);
        assert!(why.contains(LEVELS), "{why}");
        let r = h.run(&ann(), &format!("/skill serverless {typed}"));
        let why = refused(&r);
        assert!(why.contains(LEVELS), "{why}");
        let csv = format!("role,skill,level\nce,serverless,{typed}\n");
        let r = h.act(
            &lead(),
            Action::command("targets import", &[("text", csv.as_str())]),
        );
        let why = refused(&r);
        assert!(why.contains("line 2"), "{why}");
        assert!(why.contains(LEVELS), "{why}");
    }
    let list = h.run(&lead(), "/targets list");
    assert!(
        list.text.starts_with("No targets are set."),
        "{}",
        list.text
    );
    let history = h.run(&ann(), "/history");
    assert!(!history.text.contains("Principal"), "{}", history.text);
}
