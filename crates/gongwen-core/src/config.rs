//! Rule configuration as the engine sees it: which rules run, at which severity, and the
//! options rules read. Plain data; the `gongwen` package builds it from `gongwen.toml`,
//! LSP options and command-line flags.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::rules::{ALL, Rule};

/// `numbering.third-level`: which dot the third heading level takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThirdLevel {
    /// `1.` and `1．` are both right.
    #[default]
    Either,
    /// Only `1.`.
    Halfwidth,
    /// Only `1．`.
    Fullwidth,
}

/// The engine's configuration for one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Rules that run, with the severity they report at.
    enabled: HashMap<&'static str, Severity>,
    pub third_level: ThirdLevel,
}

impl Default for Config {
    /// Every rule at its default severity.
    fn default() -> Config {
        Config {
            enabled: ALL.iter().map(|r| (r.code, r.default_severity)).collect(),
            third_level: ThirdLevel::Either,
        }
    }
}

/// A selector or severity key that names no rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule code `{}`", self.0)
    }
}

impl Config {
    /// Rules chosen by `select` (codes or prefixes such as `P2`), minus `ignore`, with
    /// severities overridden (`None` turns a rule off).
    pub fn new(
        select: &[String],
        ignore: &[String],
        severity: &[(String, Option<Severity>)],
    ) -> Result<Config, UnknownCode> {
        for selector in select.iter().chain(ignore) {
            check_selector(selector)?;
        }
        let mut enabled = HashMap::new();
        for rule in ALL {
            let selected = select.iter().any(|s| rule.code.starts_with(s.as_str()));
            let ignored = ignore.iter().any(|s| rule.code.starts_with(s.as_str()));
            if selected && !ignored {
                enabled.insert(rule.code, rule.default_severity);
            }
        }
        for (code, level) in severity {
            if crate::rules::rule(code).is_none() {
                return Err(UnknownCode(code.clone()));
            }
            let code = crate::rules::rule(code).expect("checked").code;
            match level {
                Some(level) => {
                    if let Some(current) = enabled.get_mut(code) {
                        *current = *level;
                    }
                }
                None => {
                    enabled.remove(code);
                }
            }
        }
        Ok(Config {
            enabled,
            third_level: ThirdLevel::Either,
        })
    }

    /// The severity a rule reports at, or `None` when it does not run.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        self.enabled.get(code).copied()
    }

    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.enabled.contains_key(rule.code)
    }

    /// Turns off rules (`per-file-ignores`, `--ignore`).
    pub fn disable(&mut self, selectors: &[String]) -> Result<(), UnknownCode> {
        for selector in selectors {
            check_selector(selector)?;
            self.enabled
                .retain(|code, _| !code.starts_with(selector.as_str()));
        }
        Ok(())
    }

    /// Keeps only rules matching one of `selectors` (`--select`).
    pub fn restrict(&mut self, selectors: &[String]) -> Result<(), UnknownCode> {
        for selector in selectors {
            check_selector(selector)?;
        }
        self.enabled
            .retain(|code, _| selectors.iter().any(|s| code.starts_with(s.as_str())));
        Ok(())
    }

    /// Only the one rule, at its default severity (fixture tests).
    pub fn only(code: &str) -> Config {
        let mut config = Config::default();
        config.enabled.retain(|c, _| *c == code);
        config
    }
}

/// A selector is a rule code or a prefix of codes (`P`, `P2`, `P20`, `P201`).
pub fn check_selector(selector: &str) -> Result<(), UnknownCode> {
    let well_formed = selector.len() <= 4
        && selector.starts_with(['N', 'P', 'C', 'D'])
        && selector[1..].bytes().all(|b| b.is_ascii_digit());
    if well_formed && ALL.iter().any(|r| r.code.starts_with(selector)) {
        Ok(())
    } else {
        Err(UnknownCode(selector.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_by_prefix_and_ignores() {
        let config = Config::new(&["P2".into(), "N101".into()], &["P210".into()], &[]).unwrap();
        assert!(config.severity("P201").is_some());
        assert!(config.severity("N101").is_some());
        assert!(config.severity("N102").is_none());
        assert!(config.severity("P210").is_none());
    }

    #[test]
    fn severity_overrides_and_off() {
        let config = Config::new(
            &["N".into(), "P".into()],
            &[],
            &[
                ("P210".into(), Some(Severity::Error)),
                ("N104".into(), None),
            ],
        )
        .unwrap();
        assert_eq!(config.severity("P210"), Some(Severity::Error));
        assert_eq!(config.severity("N104"), None);
    }

    #[test]
    fn unknown_codes_are_errors() {
        assert_eq!(
            Config::new(&["X1".into()], &[], &[]).unwrap_err(),
            UnknownCode("X1".into())
        );
        assert!(Config::new(&["P9".into()], &[], &[]).is_err());
        assert!(Config::new(&["P".into()], &["P2011".into()], &[]).is_err());
        assert!(Config::new(&["P".into()], &[], &[("Q1".into(), None)]).is_err());
    }
}
