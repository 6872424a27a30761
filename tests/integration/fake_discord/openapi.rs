//! Request bodies checked against Discord's own OpenAPI description
//! (tests/fixtures/discord-api-spec, MIT).

use serde_json::Value;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

static SPEC: LazyLock<Value> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/discord-api-spec/openapi.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
});

static VALIDATORS: LazyLock<Mutex<HashMap<String, std::sync::Arc<jsonschema::Validator>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The spec's path template for a concrete path: "/channels/1/messages"
/// -> "/channels/{channel_id}/messages".
fn template(path: &str) -> Option<String> {
    let path = path.strip_prefix("/api/v10")?;
    let parts: Vec<&str> = path.split('/').collect();
    let paths = SPEC["paths"].as_object()?;
    paths
        .keys()
        .filter(|t| {
            let tp: Vec<&str> = t.split('/').collect();
            tp.len() == parts.len()
                && tp
                    .iter()
                    .zip(&parts)
                    .all(|(a, b)| a == b || a.starts_with('{'))
        })
        // Prefer literal segments ("@me", "@original") over parameters.
        .max_by_key(|t| t.split('/').filter(|s| !s.starts_with('{')).count())
        .cloned()
}

/// A path template as one JSON-pointer token inside a URI fragment.
fn escape(pointer_part: &str) -> String {
    pointer_part
        .replace('~', "~0")
        .replace('/', "~1")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

/// `None` when the body is valid (or the route takes no body); otherwise
/// what is wrong.
pub fn check(method: &str, path: &str, body: &Value) -> Option<String> {
    if body.is_null() || method == "GET" {
        return None;
    }
    let Some(t) = template(path) else {
        return Some(format!("{method} {path}: not a route of Discord's API"));
    };
    let method = method.to_lowercase();
    let content =
        &SPEC["paths"][&t][&method]["requestBody"]["content"]["application/json"]["schema"];
    if content.is_null() {
        return Some(format!(
            "{method} {t}: Discord's API takes no JSON body here"
        ));
    }
    let key = format!("{method} {t}");
    let validator = {
        let mut cache = VALIDATORS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match cache.get(&key) {
            Some(v) => std::sync::Arc::clone(v),
            None => {
                // The whole document as the schema, with a $ref to the body's
                // schema, so that "#/components/..." references resolve.
                let mut schema = SPEC.clone();
                schema["$ref"] = Value::String(format!(
                    "#/paths/{}/{method}/requestBody/content/application~1json/schema",
                    escape(&t)
                ));
                let built = jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .build(&schema);
                let v = match built {
                    Ok(v) => std::sync::Arc::new(v),
                    Err(e) => {
                        return Some(format!("{key}: the spec's schema does not compile: {e}"));
                    }
                };
                cache.insert(key.clone(), std::sync::Arc::clone(&v));
                v
            }
        }
    };
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    if errors.is_empty() {
        None
    } else {
        Some(format!("{key}: {}\nbody: {body}", errors.join("; ")))
    }
}

#[test]
fn the_checker_refuses_what_discord_refuses() {
    let too_long = serde_json::json!({"type": 4, "data": {"content": "x".repeat(2001)}});
    assert!(check("POST", "/api/v10/interactions/1/tok/callback", &too_long).is_some());
    let fine = serde_json::json!({"type": 4, "data": {"content": "hello", "flags": 64}});
    assert_eq!(
        check("POST", "/api/v10/interactions/1/tok/callback", &fine),
        None
    );
    assert!(check("POST", "/api/v10/nowhere", &fine).is_some());
}
