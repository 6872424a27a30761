//! The layers of `src/app`, checked: `protocol` imports nothing else of
//! the app, `core` only the protocol, and a feature only those two and the
//! features it is allowed below. The router (`mod.rs`, `commands.rs`,
//! `dialogs.rs`, `opening.rs`, `reports.rs`) may import anything. A path
//! through the router (`crate::app::Reply`, `super::` from a layer's top)
//! counts as importing it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The dependencies between features: check-in opens assessments, and the
/// profile shows the member's next check-in.
const ALLOWED: &[(&str, &str)] = &[("checkin", "assess"), ("profile", "checkin")];

/// The longest a file of the app may be, tests included.
const MOST_LINES: usize = 450;

fn app_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app")
}

/// Every `.rs` file of each folder of `src/app` (a layer or a feature).
fn folders() -> BTreeMap<String, Vec<PathBuf>> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(app_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            found.insert(name, rust_files(&path));
        }
    }
    found
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The app modules a file names: the segment after each `crate::app::`
/// when it is one of `folders`, `"router"` for a path through the router.
fn app_modules_named(text: &str, top_of_folder: bool, folders: &[&str]) -> Vec<String> {
    let mut named = Vec::new();
    for (i, _) in text.match_indices("crate::app::") {
        let rest = &text[i + "crate::app::".len()..];
        let module: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        named.push(if folders.contains(&module.as_str()) {
            module
        } else {
            "router".to_string()
        });
    }
    // From a folder's top file, `super::` is the router; deeper, it is the
    // folder itself, and `super::super::` the router again.
    if top_of_folder && text.contains("super::") || text.contains("super::super::") {
        named.push("router".to_string());
    }
    named
}

fn allowed(folder: &str, module: &str) -> bool {
    module == folder
        || match folder {
            "protocol" => false,
            "core" => module == "protocol",
            feature => {
                module == "core" || module == "protocol" || ALLOWED.contains(&(feature, module))
            }
        }
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let mut wrong = Vec::new();
    let folders = folders();
    let names: Vec<&str> = folders.keys().map(String::as_str).collect();
    assert!(names.contains(&"core") && names.contains(&"protocol"));
    assert!(names.len() >= 10, "{names:?}");
    for (folder, files) in &folders {
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            // A file's tests may use anything (`use super::*` there is the
            // file itself).
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            let top =
                file.parent().unwrap().ends_with(folder) && file.file_name().unwrap() == "mod.rs";
            for module in app_modules_named(text, top, &names) {
                if !allowed(folder, &module) {
                    wrong.push(format!("{} imports {module}", file.display()));
                }
            }
        }
    }
    wrong.dedup();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_check_sees_a_path_through_the_router_or_another_feature() {
    let folders = ["core", "team"];
    let named = |text: &str, top: bool| app_modules_named(text, top, &folders);
    assert_eq!(named("use crate::app::{Reply, Ctx};", false), ["router"]);
    assert_eq!(named("crate::app::Reply::text(x)", false), ["router"]);
    assert_eq!(
        named("use crate::app::team::summary::Scope;", false),
        ["team"]
    );
    assert_eq!(named("use crate::app::team;", false), ["team"]);
    assert_eq!(named("use super::Ctx;", true), ["router"]);
    assert!(named("use super::view::Stand;", false).is_empty());
    assert!(!allowed("assess", "checkin"));
    assert!(allowed("checkin", "assess"));
    assert!(!allowed("core", "assess"));
}

#[test]
fn no_file_of_the_app_is_longer_than_it_should_be() {
    let mut long = Vec::new();
    for file in rust_files(&app_dir()) {
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        if lines > MOST_LINES {
            long.push(format!("{}: {lines} lines", file.display()));
        }
    }
    assert!(long.is_empty(), "split these by what they do: {long:#?}");
}
