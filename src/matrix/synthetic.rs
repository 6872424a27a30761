//! Generated skill pages and files of any size, for benchmarks and tests.
//! Public so that benches (a separate crate) can use it.

use super::level::Level;
use super::model::{Expectation, Skill, SkillParts};
use chrono::NaiveDate;

/// An English skill page with `roles` roles and `levels` levels, every
/// third expectation optional, in the site's layout.
pub fn page(roles: usize, levels: usize) -> String {
    let mut required = 0;
    let mut optional = 0;
    let mut tables = String::new();
    for level in 0..levels {
        tables.push_str("| Role | Required | Description |\n|---|---|---|\n");
        for role in 0..roles {
            let text = format!(
                "Role {role} at step {level}: designs, builds and reviews systems; mentors others."
            );
            if (role + level).is_multiple_of(3) {
                optional += 1;
                tables.push_str(&format!("| Role {role:03} | {text} | |\n"));
            } else {
                required += 1;
                tables.push_str(&format!("| Role {role:03} | Required | {text} |\n"));
            }
        }
    }
    format!(
        "Domain\nEngineering\nSkill Profile\nAlpha, Beta, Gamma\nRoles\n{roles}\nRoles with this skill\n\
         Levels\n{levels}\nStructured growth path\nMandatory requirements\n{required}\n\
         the other {optional} optional\nEngineering\nSynthetic\n3/17/2026\n\
         Pick your current level and compare expectations.\nThe table shows how depth grows.\n{tables}"
    )
}

/// A five-level skill named `skill-<n>` with `roles` roles.
pub fn skill(n: usize, roles: usize) -> Skill {
    skill_named(n, roles, &format!("Skill {n:03}"))
}

/// `skill`, with a name of one's own.
pub fn skill_named(n: usize, roles: usize, name: &str) -> Skill {
    let mut expectations = Vec::new();
    for level in Level::ALL {
        for role in 0..roles {
            expectations.push(Expectation {
                level,
                role: format!("Role {role:03}"),
                required: !(role + level.rank() as usize).is_multiple_of(3),
                description: format!("Role {role} at {level} in skill {n}: designs and reviews."),
            });
        }
    }
    Skill::new(SkillParts {
        slug: format!("skill-{n:03}"),
        name: name.to_string(),
        domain: "Engineering".into(),
        group: format!("Group {}", n % 10),
        tags: vec![format!("tag{n}"), "shared".into()],
        updated: NaiveDate::from_ymd_opt(2026, 3, 17),
        levels: Level::ALL.to_vec(),
        expectations,
    })
    .expect("synthetic skills are valid")
}
