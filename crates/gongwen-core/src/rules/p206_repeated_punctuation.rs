//! # P206 repeated-punctuation：标点重复或冲突
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P206",
    name: "repeated-punctuation",
    summary: "标点重复或冲突",
    summary_en: "repeated or clashing punctuation",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p206_repeated_punctuation.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
