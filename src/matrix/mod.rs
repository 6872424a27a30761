//! The skill matrix: what each role is expected to do at each level of a
//! skill. Pure: no I/O beyond reading matrix files, no clock.

mod catalog;
mod level;
mod lookup;
mod model;
mod page;
mod promotion;
pub mod synthetic;
mod toml_file;

pub use catalog::{Catalog, LoadError};
pub use level::Level;
pub use lookup::{
    Fit, LookupError, SearchIndex, find_level, find_role, find_skill_level, find_skill_role,
    normalize,
};
pub use model::{
    Expectation, InvalidSkill, MAX_DESCRIPTION, MAX_NAME, Skill, SkillParts, is_valid_slug,
    name_from_slug,
};
pub use page::{ImportOptions, PageError, default_slug, import_page, import_page_file};
pub use promotion::{Promotion, Step, promotion};
pub use toml_file::{FileError, parse_skill_toml, read_skill_file, to_checked_toml, to_toml};
