//! # P201 halfwidth-punctuation：中文语境中使用了半角标点
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P201",
    name: "halfwidth-punctuation",
    summary: "中文语境中使用了半角标点",
    summary_en: "half-width punctuation in Chinese text",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p201_halfwidth_punctuation.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
