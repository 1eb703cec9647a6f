//! The server's configuration: the three carriers (`gongwen.toml`, `initializationOptions`,
//! the client's `workspace/configuration` section `gongwen`) read key by key, merged by
//! precedence, and resolved into what the engine and the indexer need.
//!
//! A carrier with an unknown key or a value of the wrong type does not lose its other keys:
//! each key is read on its own, and a bad one is reported (naming the carrier and the key)
//! and left at its default.

use std::path::{Path, PathBuf};

use gongwen_core::config::Config;
use serde_json::{Map, Value};

use crate::config::{ConfigError, Lang, Options, RuleSettings};
use crate::disk::WalkOptions;

/// `phrases.min-documents` when unset.
pub const DEFAULT_MIN_DOCUMENTS: u32 = 3;

/// Where configuration came from, weakest first.
#[derive(Clone, Debug, Default)]
pub struct Carriers {
    /// `gongwen.toml`: its path and text.
    pub toml: Option<(PathBuf, String)>,
    /// `initializationOptions`.
    pub init: Option<Value>,
    /// The client's settings (`workspace/configuration` section `gongwen`).
    pub client: Option<Value>,
}

/// The resolved configuration.
#[derive(Clone, Debug)]
pub struct Settings {
    pub options: Options,
    pub english: bool,
    /// Rules and `per-file-ignores`, relative to gongwen.toml's folder, else the first
    /// workspace folder.
    rules: RuleSettings,
    /// Archive roots; the workspace folders when none is configured.
    pub archive_roots: Vec<PathBuf>,
    pub walk: WalkOptions,
    /// One line per bad key, naming the carrier and the key.
    pub errors: Vec<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings::resolve(&Carriers::default(), &[])
    }
}

impl Settings {
    /// Reads every carrier and merges them: client settings over `initializationOptions`
    /// over `gongwen.toml` over defaults.
    pub fn resolve(carriers: &Carriers, workspace_folders: &[PathBuf]) -> Settings {
        let lsp_base = workspace_folders
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        // Globs (`per-file-ignores`, `include`, `exclude`) are relative to the folder of
        // gongwen.toml, as for the command line, else to the workspace folder.
        let base = carriers
            .toml
            .as_ref()
            .and_then(|(path, _)| path.parent().map(Path::to_path_buf))
            .or_else(|| workspace_folders.first().cloned());
        let mut errors: Vec<ConfigError> = Vec::new();
        let mut options = Options::default();
        if let Some((path, text)) = &carriers.toml {
            let origin = path.display().to_string();
            let folder = path.parent().unwrap_or(Path::new("."));
            match toml::from_str::<toml::Table>(text) {
                Ok(table) => {
                    let value = serde_json::to_value(table).unwrap_or(Value::Null);
                    options = options.merge(read_lenient(&value, &origin, folder, &mut errors));
                }
                Err(err) => errors.push(ConfigError {
                    origin,
                    message: err.message().to_string(),
                }),
            }
        }
        if let Some(value) = &carriers.init {
            options = options.merge(read_lenient(
                value,
                "initializationOptions",
                &lsp_base,
                &mut errors,
            ));
        }
        if let Some(value) = &carriers.client {
            options = options.merge(read_lenient(
                value,
                "workspace/configuration (gongwen)",
                &lsp_base,
                &mut errors,
            ));
        }
        Settings::from_options(options, base, workspace_folders, errors)
    }

    fn from_options(
        options: Options,
        base: Option<PathBuf>,
        workspace_folders: &[PathBuf],
        errors: Vec<ConfigError>,
    ) -> Settings {
        let rules = options.rules(None, &[], base.clone());
        let archive_roots = match &options.archive {
            Some(roots) if !roots.is_empty() => roots.clone(),
            _ => workspace_folders.to_vec(),
        };
        let walk = WalkOptions {
            base,
            ..options.walk_options()
        };
        Settings {
            english: options.lang == Some(Lang::En),
            options,
            rules,
            archive_roots,
            walk,
            errors: errors.iter().map(ToString::to_string).collect(),
        }
    }

    /// `phrases.min-documents`: how many archive documents a phrasing must recur in.
    pub fn min_documents(&self) -> u32 {
        self.options
            .phrases
            .as_ref()
            .and_then(|p| p.min_documents)
            .unwrap_or(DEFAULT_MIN_DOCUMENTS)
    }

    /// The engine configuration for a file (`per-file-ignores` applied).
    pub fn config_for(&self, path: Option<&Path>) -> Config {
        self.rules.config_for(path, None)
    }
}

/// Reads a carrier's object key by key; bad keys are reported and left out.
pub fn read_lenient(
    value: &Value,
    origin: &str,
    base: &Path,
    errors: &mut Vec<ConfigError>,
) -> Options {
    let mut options = Options::default();
    let object = match value {
        Value::Object(object) => object,
        Value::Null => return options,
        other => {
            errors.push(ConfigError {
                origin: origin.to_string(),
                message: format!("expected an object of settings, found {other}"),
            });
            return options;
        }
    };
    for (key, value) in object {
        let mut report = |key: &str, message: String| {
            errors.push(ConfigError {
                origin: origin.to_string(),
                message: format!("`{key}`: {message}"),
            })
        };
        // Tables are read entry by entry, so that one bad entry keeps the others.
        if matches!(key.as_str(), "numbering" | "phrases")
            && let Value::Object(inner) = value
        {
            for (inner_key, inner_value) in inner {
                let mut one = Map::new();
                one.insert(inner_key.clone(), inner_value.clone());
                let mut outer = Map::new();
                outer.insert(key.clone(), Value::Object(one));
                match Options::from_json(Value::Object(outer), origin, base) {
                    Ok(parsed) => options = options.merge(parsed),
                    Err(err) => report(&format!("{key}.{inner_key}"), err.message),
                }
            }
            continue;
        }
        let mut one = Map::new();
        one.insert(key.clone(), value.clone());
        let parsed = match Options::from_json(Value::Object(one), origin, base) {
            Ok(parsed) => parsed,
            Err(err) => {
                report(key, err.message);
                continue;
            }
        };
        if let Some((_, message)) = parsed.problems().into_iter().next() {
            report(key, message);
            continue;
        }
        options = options.merge(parsed);
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongwen_core::config::ThirdLevel as CoreThirdLevel;
    use gongwen_core::diagnostic::Severity;
    use serde_json::json;

    #[test]
    fn bad_keys_are_reported_and_the_others_kept() {
        let carriers = Carriers {
            init: Some(json!({
                "archve": ["x"],
                "archive": ["docs"],
                "lang": "en",
                "select": ["P", "X9"],
                "max-file-size": "big",
                "numbering": {"third-level": "both", "fourth": 1},
                "severity": {"P210": "error"},
            })),
            ..Carriers::default()
        };
        let settings = Settings::resolve(&carriers, &[PathBuf::from("/ws")]);
        assert_eq!(settings.archive_roots, [PathBuf::from("/ws/docs")]);
        assert!(settings.english);
        let mut errors = settings.errors.clone();
        errors.sort();
        assert_eq!(errors.len(), 5, "{errors:#?}");
        for (error, key) in errors.iter().zip([
            "`archve`",
            "`max-file-size`",
            "`numbering.fourth`",
            "`numbering.third-level`",
            "`select`",
        ]) {
            assert!(error.starts_with("initializationOptions: "), "{error}");
            assert!(error.contains(key), "{error} should name {key}");
        }
        let config = settings.config_for(None);
        // `select` fell back to its default: every family runs.
        assert!(config.severity("N101").is_some());
        assert_eq!(config.severity("P210"), Some(Severity::Error));
    }

    #[test]
    fn precedence_is_client_then_init_then_toml() {
        let carriers = Carriers {
            toml: Some((
                PathBuf::from("/ws/gongwen.toml"),
                "lang = \"en\"\nignore = [\"P210\"]\narchive = [\"archive\"]\n[numbering]\nthird-level = \"halfwidth\"\n".to_string(),
            )),
            init: Some(json!({"ignore": ["D"]})),
            client: Some(json!({"lang": "zh"})),
        };
        let settings = Settings::resolve(&carriers, &[PathBuf::from("/ws")]);
        assert!(!settings.english);
        assert_eq!(settings.archive_roots, [PathBuf::from("/ws/archive")]);
        let config = settings.config_for(None);
        assert!(config.severity("D401").is_none());
        assert!(config.severity("P210").is_some());
        assert_eq!(config.third_level, CoreThirdLevel::Halfwidth);
        assert!(settings.errors.is_empty(), "{:?}", settings.errors);
    }

    #[test]
    fn no_archive_means_the_workspace_folders() {
        let settings = Settings::resolve(&Carriers::default(), &[PathBuf::from("/ws")]);
        assert_eq!(settings.archive_roots, [PathBuf::from("/ws")]);
    }

    #[test]
    fn a_broken_toml_is_one_error_and_defaults() {
        let carriers = Carriers {
            toml: Some((PathBuf::from("/ws/gongwen.toml"), "lang = ".to_string())),
            ..Carriers::default()
        };
        let settings = Settings::resolve(&carriers, &[]);
        assert_eq!(settings.errors.len(), 1);
        assert!(settings.errors[0].starts_with("/ws/gongwen.toml: "));
    }

    #[test]
    fn per_file_ignores_apply_relative_to_the_workspace() {
        let carriers = Carriers {
            init: Some(json!({"per-file-ignores": {"speeches/*.txt": ["D401"]}})),
            ..Carriers::default()
        };
        let settings = Settings::resolve(&carriers, &[PathBuf::from("/ws")]);
        let speech = settings.config_for(Some(Path::new("/ws/speeches/a.txt")));
        assert!(speech.severity("D401").is_none());
        let other = settings.config_for(Some(Path::new("/ws/notices/a.txt")));
        assert!(other.severity("D401").is_some());
    }
}
