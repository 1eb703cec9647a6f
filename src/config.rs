//! The one configuration schema (`gongwen.toml`, LSP `initializationOptions`, editor
//! settings): parsing, validation and merging.
//!
//! Every carrier is read into [`Options`] (all keys optional); [`Options::merge`] layers
//! them by precedence; [`RuleSettings`] (and the server's `lsp::settings::Settings`) hold
//! the resolved result with defaults filled in.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use globset::GlobSet;
use gongwen_core::config::{Config, ThirdLevel as CoreThirdLevel, check_selector};
use gongwen_core::diagnostic::Severity;
use serde::Deserialize;

use crate::disk::walk::glob_set;

pub const FILE_NAME: &str = "gongwen.toml";
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The keys of the schema, each optional: one carrier's view.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    pub archive: Option<Vec<PathBuf>>,
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub severity: Option<BTreeMap<String, SeverityOption>>,
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    pub lang: Option<Lang>,
    pub numbering: Option<NumberingOptions>,
    pub phrases: Option<PhraseOptions>,
    pub max_file_size: Option<u64>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NumberingOptions {
    pub third_level: Option<ThirdLevel>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PhraseOptions {
    pub min_documents: Option<u32>,
}

/// `numbering.third-level`.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ThirdLevel {
    #[default]
    Either,
    Halfwidth,
    Fullwidth,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A value of the `severity` table.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SeverityOption {
    Off,
    Hint,
    Info,
    Warning,
    Error,
}

/// A configuration error, naming the carrier (a file or `initializationOptions`) and the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub origin: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Options {
    /// Parses `gongwen.toml` text. Relative archive paths become relative to `base`.
    pub fn from_toml(text: &str, origin: &str, base: &Path) -> Result<Options, ConfigError> {
        let options: Options = toml::from_str(text).map_err(|err| ConfigError {
            origin: origin.to_string(),
            message: match err.span().and_then(|span| key_at(text, span.start)) {
                Some(key) => format!("`{key}`: {}", toml_message(&err)),
                None => toml_message(&err),
            },
        })?;
        Ok(options.rebased(base))
    }

    /// Reads a `gongwen.toml` file.
    pub fn from_file(path: &Path) -> Result<Options, ConfigError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            origin: origin.clone(),
            message: err.to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Options::from_toml(&text, &origin, base)
    }

    /// Parses a JSON object of the same keys (LSP options, editor settings).
    pub fn from_json(
        value: serde_json::Value,
        origin: &str,
        base: &Path,
    ) -> Result<Options, ConfigError> {
        let options: Options = serde_json::from_value(value).map_err(|err| ConfigError {
            origin: origin.to_string(),
            message: err.to_string(),
        })?;
        Ok(options.rebased(base))
    }

    fn rebased(mut self, base: &Path) -> Options {
        if let Some(archive) = &mut self.archive {
            for path in archive.iter_mut() {
                if path.is_relative() {
                    *path = normalize_join(base, path);
                }
            }
        }
        self
    }

    /// Layers `stronger` over `self`: each key `stronger` sets wins.
    pub fn merge(self, stronger: Options) -> Options {
        Options {
            archive: stronger.archive.or(self.archive),
            include: stronger.include.or(self.include),
            exclude: stronger.exclude.or(self.exclude),
            select: stronger.select.or(self.select),
            ignore: stronger.ignore.or(self.ignore),
            severity: stronger.severity.or(self.severity),
            per_file_ignores: stronger.per_file_ignores.or(self.per_file_ignores),
            lang: stronger.lang.or(self.lang),
            numbering: match (self.numbering, stronger.numbering) {
                (Some(weak), Some(strong)) => Some(NumberingOptions {
                    third_level: strong.third_level.or(weak.third_level),
                }),
                (weak, strong) => strong.or(weak),
            },
            phrases: match (self.phrases, stronger.phrases) {
                (Some(weak), Some(strong)) => Some(PhraseOptions {
                    min_documents: strong.min_documents.or(weak.min_documents),
                }),
                (weak, strong) => strong.or(weak),
            },
            max_file_size: stronger.max_file_size.or(self.max_file_size),
        }
    }

    /// The walk options these settings imply.
    pub fn walk_options(&self) -> crate::disk::WalkOptions {
        let defaults = crate::disk::WalkOptions::default();
        crate::disk::WalkOptions {
            include: self.include.clone().unwrap_or(defaults.include),
            exclude: self.exclude.clone().unwrap_or(defaults.exclude),
            max_file_size: self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            base: None,
        }
    }
}

impl SeverityOption {
    /// The engine's severity; `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            SeverityOption::Off => None,
            SeverityOption::Hint => Some(Severity::Hint),
            SeverityOption::Info => Some(Severity::Info),
            SeverityOption::Warning => Some(Severity::Warning),
            SeverityOption::Error => Some(Severity::Error),
        }
    }
}

/// Rule families that run by default.
pub const DEFAULT_SELECT: [&str; 4] = ["N", "P", "C", "D"];

impl Options {
    /// What serde cannot check: rule codes that exist, globs that compile. Each problem is
    /// `(key, message)`, the key as a user writes it (`severity.P202`).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (key, list) in [("select", &self.select), ("ignore", &self.ignore)] {
            for selector in list.iter().flatten() {
                if let Err(err) = check_selector(selector) {
                    out.push((key.to_string(), err.to_string()));
                }
            }
        }
        for (key, list) in [("include", &self.include), ("exclude", &self.exclude)] {
            if let Some(Err(err)) = list.as_ref().map(|l| glob_set(l)) {
                out.push((key.to_string(), err.to_string()));
            }
        }
        for code in self.severity.iter().flat_map(|t| t.keys()) {
            if gongwen_core::rules::rule(code).is_none() {
                out.push((
                    format!("severity.{code}"),
                    format!("unknown rule code `{code}`"),
                ));
            }
        }
        for (pattern, codes) in self.per_file_ignores.iter().flatten() {
            let key = format!("per-file-ignores.\"{pattern}\"");
            if let Err(err) = glob_set(std::slice::from_ref(pattern)) {
                out.push((key.clone(), err.to_string()));
            }
            for code in codes {
                if let Err(err) = check_selector(code) {
                    out.push((key.clone(), err.to_string()));
                }
            }
        }
        out
    }

    /// What these options mean for the rules. `select` replaces the configured selection
    /// and `ignore` adds to it (command-line flags); entries `problems` reports are left
    /// out. `base` is the folder `per-file-ignores` globs are relative to.
    pub fn rules(
        &self,
        select: Option<&[String]>,
        ignore: &[String],
        base: Option<PathBuf>,
    ) -> RuleSettings {
        let valid = |code: &String| check_selector(code).is_ok();
        let default_select: Vec<String> = DEFAULT_SELECT.map(String::from).to_vec();
        let select: Vec<String> = select
            .or(self.select.as_deref())
            .unwrap_or(&default_select)
            .iter()
            .filter(|c| valid(c))
            .cloned()
            .collect();
        let ignore: Vec<String> = self
            .ignore
            .iter()
            .flatten()
            .chain(ignore)
            .filter(|c| valid(c))
            .cloned()
            .collect();
        let severity: Vec<(String, Option<Severity>)> = self
            .severity
            .iter()
            .flatten()
            .filter(|(code, _)| gongwen_core::rules::rule(code).is_some())
            .map(|(code, level)| (code.clone(), level.severity()))
            .collect();
        let mut config = Config::new(&select, &ignore, &severity).unwrap_or_default();
        config.third_level = match self.numbering.as_ref().and_then(|n| n.third_level) {
            None | Some(ThirdLevel::Either) => CoreThirdLevel::Either,
            Some(ThirdLevel::Halfwidth) => CoreThirdLevel::Halfwidth,
            Some(ThirdLevel::Fullwidth) => CoreThirdLevel::Fullwidth,
        };
        let per_file_ignores = self
            .per_file_ignores
            .iter()
            .flatten()
            .filter_map(|(pattern, codes)| {
                let globs = glob_set(std::slice::from_ref(pattern)).ok()?;
                Some((globs, codes.iter().filter(|c| valid(c)).cloned().collect()))
            })
            .collect();
        RuleSettings {
            config,
            per_file_ignores,
            base,
        }
    }
}

/// The engine configuration the options give, and the rules `per-file-ignores` silence.
#[derive(Clone, Debug)]
pub struct RuleSettings {
    config: Config,
    per_file_ignores: Vec<(GlobSet, Vec<String>)>,
    base: Option<PathBuf>,
}

impl RuleSettings {
    /// The configuration for one file: a pattern matches the file's path relative to the
    /// base folder, or the path as the user gave it (`shown`).
    pub fn config_for(&self, path: Option<&Path>, shown: Option<&str>) -> Config {
        let mut config = self.config.clone();
        let Some(path) = path else { return config };
        let relative = self
            .base
            .as_deref()
            .and_then(|base| path.strip_prefix(base).ok());
        let shown = shown.map(|s| Path::new(s.strip_prefix("./").unwrap_or(s)));
        for (globs, codes) in &self.per_file_ignores {
            let hit = relative.is_some_and(|r| globs.is_match(r))
                || shown.is_some_and(|s| globs.is_match(s))
                || globs.is_match(path);
            if hit {
                // Only valid codes were kept.
                let _ = config.disable(codes);
            }
        }
        config
    }
}

/// `base/path` with `.` and `..` folded, without touching the file system.
fn normalize_join(base: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in base.join(path).components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// A toml error as one line: `unknown field `x`, expected one of … (line 3, column 1)`.
fn toml_message(err: &toml::de::Error) -> String {
    let message = err.message().trim().to_string();
    match err.span() {
        Some(_) => {
            let rendered = err.to_string();
            let location = rendered
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .trim_start_matches("TOML parse error")
                .trim()
                .to_string();
            if location.is_empty() {
                message
            } else {
                format!("{message} ({location})")
            }
        }
        None => message,
    }
}

/// The dotted key of the `key = value` line holding byte `at` (`severity.P202`), so that
/// an error about a value names its key.
fn key_at(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let (key, _) = text[line_start..line_end].split_once('=')?;
    let key = key.trim().trim_matches(['"', '\'']);
    if key.is_empty() || key.starts_with('[') {
        return None;
    }
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|line| line.starts_with('[') && line.ends_with(']'))
        .map(|line| line.trim_matches(['[', ']']).trim().to_string());
    Some(match table {
        Some(table) => format!("{table}.{key}"),
        None => key.to_string(),
    })
}

/// The nearest `gongwen.toml` at or above `start` (a file's folder or the working directory).
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    let start = start.canonicalize().ok()?;
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let text = r#"
archive = ["docs", "/abs/archive"]
include = ["**/*.txt"]
exclude = ["drafts/old/**"]
select = ["P", "N101"]
ignore = ["P210"]
lang = "en"
max-file-size = 1024
[severity]
P210 = "off"
[per-file-ignores]
"speeches/*.txt" = ["D401"]
[numbering]
third-level = "halfwidth"
[phrases]
min-documents = 5
"#;
        let options = Options::from_toml(text, "gongwen.toml", Path::new("/work/project")).unwrap();
        assert_eq!(
            options.archive.unwrap(),
            [
                PathBuf::from("/work/project/docs"),
                PathBuf::from("/abs/archive")
            ]
        );
        assert_eq!(options.severity.unwrap()["P210"], SeverityOption::Off);
        assert_eq!(
            options.numbering.unwrap().third_level,
            Some(ThirdLevel::Halfwidth)
        );
        assert_eq!(options.phrases.unwrap().min_documents, Some(5));
        assert_eq!(options.lang, Some(Lang::En));
    }

    #[test]
    fn unknown_keys_and_wrong_types_name_the_file_and_key() {
        let err =
            Options::from_toml("archve = []", "proj/gongwen.toml", Path::new("proj")).unwrap_err();
        assert_eq!(err.origin, "proj/gongwen.toml");
        assert!(err.message.contains("archve"), "{err}");
        let err = Options::from_toml(
            "[numbering]\nthird-level = \"both\"",
            "g.toml",
            Path::new("."),
        )
        .unwrap_err();
        assert!(err.message.contains("both"), "{err}");
        let err =
            Options::from_toml("max-file-size = \"big\"", "g.toml", Path::new(".")).unwrap_err();
        assert!(
            err.to_string().starts_with("g.toml: `max-file-size`: "),
            "{err}"
        );
        let err = Options::from_toml(
            "lang = \"en\"\n[severity]\nP202 = \"loud\"\n",
            "g.toml",
            Path::new("."),
        )
        .unwrap_err();
        assert!(err.message.starts_with("`severity.P202`: "), "{err}");
        assert!(err.message.contains("loud"), "{err}");
    }

    #[test]
    fn stronger_carriers_win_key_by_key() {
        let file = Options::from_toml(
            "lang = \"en\"\n[numbering]\nthird-level = \"fullwidth\"",
            "f",
            Path::new("."),
        )
        .unwrap();
        let init = Options::from_json(
            serde_json::json!({"archive": ["docs"], "numbering": {}}),
            "init",
            Path::new("/ws"),
        )
        .unwrap();
        let merged = file.merge(init);
        assert_eq!(merged.lang, Some(Lang::En));
        assert_eq!(merged.archive.unwrap(), [PathBuf::from("/ws/docs")]);
        assert_eq!(
            merged.numbering.unwrap().third_level,
            Some(ThirdLevel::Fullwidth)
        );
    }
}
