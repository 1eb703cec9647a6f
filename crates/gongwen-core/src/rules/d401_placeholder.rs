//! # D401 placeholder：存在未填写的占位符
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "D401",
    name: "placeholder",
    summary: "存在未填写的占位符",
    summary_en: "unfilled placeholder",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("d401_placeholder.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
