//! `gongwen rule CODE` (a rule's documentation) and `gongwen rules` (the list).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use gongwen_core::rules::{ALL, Rule};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::cli::{ArchiveArgs, Exit, error, load_options};
use crate::config::Lang;

#[derive(Args, Debug)]
pub struct RuleArgs {
    /// A rule code (`P202`) or name (`docnumber-brackets`).
    #[arg(value_name = "CODE")]
    pub code: String,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Print the list as JSON.
    #[arg(long)]
    pub json: bool,
    /// Language of the summaries (default: `lang` in gongwen.toml, else Chinese).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    /// Configuration file to take `lang` from (default: the nearest gongwen.toml at or
    /// above the working directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `--lang`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

pub fn run_rule(args: &RuleArgs, out: &mut dyn Write) -> Exit {
    let wanted = args.code.trim();
    let Some(rule) = ALL
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(wanted) || r.name == wanted)
    else {
        error(format!(
            "unknown rule code `{wanted}` (`gongwen rules` lists them)"
        ));
        return Exit::Error;
    };
    let _ = write!(out, "{}", rule.doc());
    Exit::Ok
}

#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    name: &'static str,
    default_severity: &'static str,
    fix: &'static str,
    needs_archive: bool,
    summary: &'static str,
}

pub fn run_rules(args: &RulesArgs, out: &mut dyn Write) -> Exit {
    let english = match args.lang {
        Some(lang) => lang == LangArg::En,
        None => {
            let cwd = std::env::current_dir().unwrap_or_default();
            let from = ArchiveArgs {
                archive: Vec::new(),
                config: args.config.clone(),
                no_cache: true,
            };
            match load_options(&from, &cwd) {
                Ok(options) => options.lang == Some(Lang::En),
                Err(err) => {
                    error(err);
                    return Exit::Error;
                }
            }
        }
    };
    let summary = |rule: &Rule| {
        if english {
            rule.summary_en
        } else {
            rule.summary
        }
    };
    if args.json {
        let list: Vec<RuleJson> = ALL
            .iter()
            .map(|rule| RuleJson {
                code: rule.code,
                name: rule.name,
                default_severity: rule.default_severity.name(),
                fix: rule.fix,
                needs_archive: rule.needs_archive,
                summary: summary(rule),
            })
            .collect();
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return Exit::Ok;
    }
    let header: [&str; 6] = if english {
        ["code", "name", "severity", "fix", "archive", "summary"]
    } else {
        ["代码", "名称", "默认级别", "修复", "需要档案", "说明"]
    };
    let rows: Vec<[String; 6]> = ALL
        .iter()
        .map(|rule| {
            [
                rule.code.to_string(),
                rule.name.to_string(),
                rule.default_severity.name().to_string(),
                fix_kind(rule.fix, english).to_string(),
                match (rule.needs_archive, english) {
                    (true, true) => "yes",
                    (false, true) => "no",
                    (true, false) => "是",
                    (false, false) => "否",
                }
                .to_string(),
                summary(rule).to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(UnicodeWidthStr::width);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let header = header.map(String::from);
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    Exit::Ok
}

fn fix_kind(kind: &str, english: bool) -> &str {
    if english {
        return kind;
    }
    match kind {
        "safe" => "安全",
        "suggestion" => "建议",
        "safe/suggestion" => "安全/建议",
        "none" => "无",
        other => other,
    }
}
