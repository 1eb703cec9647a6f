//! The editors offer exactly the keys of gongwen's configuration schema, with the types,
//! defaults and choices the server accepts: the VS Code extension's `gongwen.*` settings
//! (`editors/vscode/package.json`) and the Neovim plugin's `setup{}` keys
//! (`editors/nvim/lua/gongwen/config.lua`).

mod editors;

use std::collections::BTreeSet;
use std::path::Path;

use editors::root;
use gongwen::config::Options;
use serde_json::{Map, Value, json};

/// The keys of the schema (config.md), dotted for nested tables.
const KEYS: [&str; 11] = [
    "archive",
    "exclude",
    "ignore",
    "include",
    "lang",
    "max-file-size",
    "numbering.third-level",
    "per-file-ignores",
    "phrases.min-documents",
    "select",
    "severity",
];

/// `{"numbering.third-level": v}` → `{"numbering": {"third-level": v}}`.
fn nested(key: &str, value: Value) -> Value {
    match key.split_once('.') {
        Some((outer, inner)) => json!({ outer: { inner: value } }),
        None => json!({ key: value }),
    }
}

fn accepts(key: &str, value: Value) -> Result<Options, String> {
    Options::from_json(nested(key, value), "test", Path::new("/ws")).map_err(|e| e.to_string())
}

fn vscode_settings() -> Map<String, Value> {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("editors/vscode/package.json")).unwrap(),
    )
    .unwrap();
    manifest["contributes"]["configuration"]["properties"]
        .as_object()
        .unwrap()
        .clone()
}

#[test]
fn vscode_settings_are_the_configuration_keys() {
    let properties = vscode_settings();
    let keys: BTreeSet<&str> = properties
        .keys()
        .filter_map(|k| k.strip_prefix("gongwen."))
        .filter(|k| !matches!(*k, "path" | "trace.server"))
        .collect();
    assert_eq!(keys, KEYS.into_iter().collect::<BTreeSet<_>>());
    assert!(properties.contains_key("gongwen.path"));
    assert!(properties.contains_key("gongwen.trace.server"));
}

#[test]
fn vscode_defaults_and_choices_are_what_the_server_accepts() {
    let properties = vscode_settings();
    let mut all = Value::Object(Map::new());
    for key in KEYS {
        let property = &properties[&format!("gongwen.{key}")];
        let default = property["default"].clone();
        // Each default parses as that key, and means the built-in default.
        accepts(key, default.clone())
            .unwrap_or_else(|e| panic!("gongwen.{key}: default {default}: {e}"));
        match key {
            "include" => assert_eq!(default, json!(["**/*.txt", "**/*.md"])),
            "select" => assert_eq!(default, json!(["N", "P", "C", "D"])),
            "lang" => assert_eq!(default, "zh"),
            "numbering.third-level" => assert_eq!(default, "either"),
            "phrases.min-documents" => assert_eq!(default, 3),
            "max-file-size" => assert_eq!(default, 16_777_216),
            "archive" | "exclude" | "ignore" => assert_eq!(default, json!([])),
            "severity" | "per-file-ignores" => assert_eq!(default, json!({})),
            _ => unreachable!(),
        }
        // The JSON type VS Code checks is the one the server reads.
        let kind = property["type"].as_str().unwrap();
        let matches = match kind {
            "array" => default.is_array(),
            "object" => default.is_object(),
            "string" => default.is_string(),
            "integer" => default.is_u64(),
            other => panic!("gongwen.{key}: type {other}"),
        };
        assert!(matches, "gongwen.{key}: default {default} is no {kind}");
        // Every choice offered is accepted, and a value outside them is not.
        if let Some(choices) = property["enum"].as_array() {
            for choice in choices {
                accepts(key, choice.clone())
                    .unwrap_or_else(|e| panic!("gongwen.{key} = {choice}: {e}"));
            }
            assert!(accepts(key, json!("other")).is_err(), "gongwen.{key}");
        }
        if let Some(choices) = property["additionalProperties"]["enum"].as_array() {
            for choice in choices {
                accepts(key, json!({ "P210": choice }))
                    .unwrap_or_else(|e| panic!("gongwen.{key}: {choice}: {e}"));
            }
            assert!(accepts(key, json!({"P210": "loud"})).is_err());
        }
        // All the defaults together are one valid object.
        let merged = nested(key, default);
        merge(&mut all, merged);
    }
    Options::from_json(all.clone(), "test", Path::new("/ws"))
        .unwrap_or_else(|e| panic!("{all}: {e}"));
}

fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (slot, value) => *slot = value,
    }
}

#[test]
fn neovim_setup_keys_are_the_configuration_keys() {
    let source =
        std::fs::read_to_string(root().join("editors/nvim/lua/gongwen/config.lua")).unwrap();
    let start = source.find("M.server_keys = {").expect("M.server_keys");
    let block = &source[start..];
    let block = &block[..block.find("\n}\n").expect("end of M.server_keys")];
    let key = regex::Regex::new(r#"^\s*(?:\['([a-z-]+)'\]|([a-z]+))\s*=\s*(.+?),?$"#).unwrap();
    let inner = regex::Regex::new(r#"\['([a-z-]+)'\]\s*=\s*'(\w+)'"#).unwrap();
    let mut keys = BTreeSet::new();
    for line in block.lines().skip(1) {
        let Some(found) = key.captures(line) else {
            continue;
        };
        let name = found.get(1).or(found.get(2)).unwrap().as_str();
        let kind = &found[3];
        if kind.starts_with('{') {
            for nested in inner.captures_iter(kind) {
                keys.insert(format!("{name}.{}", &nested[1]));
            }
        } else {
            keys.insert(name.to_string());
        }
    }
    let expected: BTreeSet<String> = KEYS.iter().map(|k| k.to_string()).collect();
    assert_eq!(keys, expected);
}
