//! # P212 line-start-punctuation：标点出现在行首
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P212",
    name: "line-start-punctuation",
    summary: "标点出现在行首",
    summary_en: "punctuation at the start of a line",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("p212_line_start_punctuation.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
